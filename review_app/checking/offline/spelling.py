"""Judging one word: accepted, a typo (error), or unknown but probably fine (a hint).

Raw Hunspell rejects names, URLs, English words, abbreviations and rare compounds: on a
clean human translation nearly all of its rejections are false alarms. Each class is handled
here in order, cheapest signal first; the order is measured by bench/false_alarms.py.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import partial

from review_app.checking.flag import Severity
from review_app.checking.offline.confusions import ConfusionList
from review_app.checking.offline.lexicon import (
    ADJECTIVE_ENDINGS,
    APOSTROPHE_ENDINGS,
    COLLOQUIAL_PREFIXES,
    COMPARISON_ENDINGS,
    DETERMINERS,
    INTERJECTIONS,
    NAME_PARTICLES,
    NO_DOT_ABBREVIATIONS,
    NOUN_ENDINGS,
    PRODUCTIVE_PREFIXES,
    VERB_ENDINGS,
)
from review_app.checking.offline.names import TITLES, DocumentStats
from review_app.checking.offline.speller import Speller, normalise
from review_app.checking.offline.suggest import cheap_fix, doubling_fix, umlaut_fix
from review_app.checking.offline.tokens import Token
from review_app.checking.wordlists import WordLists

FixFn = Callable[..., tuple[str, ...]]
# A capitalised unknown word this long with a near miss is a typo more often than a name.
LONG_WORD = 9
_VOWELS = set("aeiouyäöüAEIOUYÄÖÜ")


@dataclass(frozen=True)
class Verdict:
    rule_id: str
    category: str
    severity: Severity
    message: str
    suggestions: tuple[str, ...] = ()
    searchable: bool = False  # a suggestion search may find (more) fixes


def _noun_context(text: str, tokens: list[Token], index: int) -> bool:
    """After an article or an inflected adjective ("kräftige Gewiter"): a noun's place,
    where a name rarely stands."""
    if index == 0:
        return False
    previous = tokens[index - 1]
    if not previous.is_word or text[previous.end : tokens[index].start] != " ":
        return False
    word = previous.text
    if word.lower() in DETERMINERS:
        return True
    return word[:1].islower() and word.endswith(("e", "en", "er", "es", "em")) and len(word) > 3


def _capitalised_part(word: str) -> bool:
    """el-Rufai, al-Assad: a hyphenated name with a lower-case particle first."""
    return "-" in word and any(part[:1].isupper() for part in word.split("-")[1:])


def _elongated(word: str) -> bool:
    """gaaaanz, seeehr, loooos: a letter three times in a row."""
    return any(word[i] == word[i + 1] == word[i + 2] for i in range(len(word) - 2))


def _upper_first(word: str) -> str:
    return word[:1].upper() + word[1:]


def _lower_first(word: str) -> str:
    return word[:1].lower() + word[1:]


class WordJudge:
    def __init__(
        self,
        speller: Speller,
        english: Speller | None,
        confusions: ConfusionList,
        words: WordLists,
        stats: DocumentStats,
        *,
        eszett: bool = True,
    ) -> None:
        self.speller = speller
        self.english = english
        self.confusions = confusions
        self.words = words
        self.stats = stats
        self.eszett = eszett
        self._fixes: dict[tuple[str, str], tuple[str, ...]] = {}
        self._compounds: dict[str, bool] = {}

    # --- cached signals ---------------------------------------------------------------------

    def known(self, word: str) -> bool:
        return self.speller.spell(word) is True

    def known_any_case(self, word: str) -> bool:
        return self.known(word) or self.known(_upper_first(word)) or self.known(_lower_first(word))

    def english_word(self, word: str) -> bool:
        return self.english is not None and len(word) > 1 and self.english.known(word)

    def _cached(self, kind: str, word: str, find: FixFn) -> tuple[str, ...]:
        key = (kind, word)
        found = self._fixes.get(key)
        if found is None:
            found = find(word, self.speller.spell)
            self._fixes[key] = found
        return found

    def fixes(self, word: str, *, internal: bool = False) -> tuple[str, ...]:
        """Cheap edits (umlauts, doubled letters, transpositions, deletions, sound-alikes);
        `internal` leaves the first and last letters alone."""
        if internal:
            return self._cached("internal", word, partial(cheap_fix, internal=True))
        return self._cached("cheap", word, cheap_fix)

    def umlaut_fixes(self, word: str) -> tuple[str, ...]:
        return self._cached("umlaut", word, umlaut_fix)

    def doubling_fixes(self, word: str) -> tuple[str, ...]:
        return self._cached("doubling", word, doubling_fix)

    def english_compound(self, word: str) -> bool:
        """Starfire, Blackrock, Hardneck: two English words run together (names, brands)."""
        if self.english is None or len(word) < 7:
            return False
        return any(
            self.english.known(word[:i]) and self.english.known(word[i:])
            for i in range(3, len(word) - 2)
        )

    def is_compound(self, word: str) -> bool:
        """Valid parts (head, tail; a linking s allowed) but the whole is unknown."""
        found = self._compounds.get(word)
        if found is None:
            found = self._split(word, depth=2)
            self._compounds[word] = found
        return found

    def _split(self, word: str, depth: int) -> bool:
        noun = word[:1].isupper()
        for i in range(3, len(word) - 2):
            head, tail = word[:i], word[i:]
            if not self._head(head, noun):
                continue
            tail = _upper_first(tail) if noun else tail
            if self.known(tail):
                return True
            if depth > 1 and len(tail) >= 6 and self._split(tail, depth - 1):
                return True
        return False

    def _head(self, head: str, noun: bool) -> bool:
        """A noun compound's head is a noun; an adjective compound's (datengestützt,
        hochaufragend) is a noun or a lower-case word. A linking s is allowed."""
        for form in (head,) if noun else (head, _upper_first(head)):
            if self.known(form):
                return True
            if form.endswith("s") and len(form) > 3 and self.known(form[:-1]):
                return True
        return False

    # --- acceptance -------------------------------------------------------------------------

    def accepts(self, word: str) -> bool:
        return self.words.accepts(word) or self.words.accepts(normalise(word))

    def _accepted(self, text: str, tokens: list[Token], index: int) -> bool:
        token = tokens[index]
        word = token.text
        spelled = self.speller.spell(word)
        if spelled is not False:  # known, or not writable in the dictionary's alphabet
            return True
        if word.isupper() or (word[:-1].isupper() and word[-1] == "s" and len(word) > 2):
            return True  # acronyms: NATO, CNN, LKWs
        if any(ch.isupper() for ch in word[1:]) and "-" not in word:
            return True  # CamelCase brands: iPhone, TeaganAir, YouTube
        before = text[token.start - 1 : token.start] if token.start else ""
        after = text[token.end : token.end + 1]
        if after == "." and self.known(word + "."):
            return True  # usw., Nr., bzw.
        if word in NO_DOT_ABBREVIATIONS:
            return True
        if before in ("%", "°") or before.isdigit():
            return True  # 100%iges, 3fach
        if self._unit(text, tokens, index):
            return True  # a unit after a number: 5 mph, 10 sec
        if (after == "-" or before == "-") and self._compound_part(word):
            return True  # kreis- und regionalen, Produktion und -verarbeitung
        if token.sentence_initial and self.known(_lower_first(word)):
            return True
        if "'" in normalise(word) and self._apostrophe(normalise(word)):
            return True
        if word[:1].islower() and (self._colloquial_prefix(word) or self._compared(word)):
            return True
        if self._prefixed(word):
            return True
        return "-" in word and self._hyphenated(word)

    @staticmethod
    def _unit(text: str, tokens: list[Token], index: int) -> bool:
        if index == 0 or tokens[index - 1].kind != "number" or len(tokens[index].text) > 4:
            return False
        return text[tokens[index - 1].end : tokens[index].start] in ("", " ", "\u00a0")

    def _prefixed(self, word: str) -> bool:
        """ultraleichten, parasozial, Supermutter: a productive prefix before a known word."""
        lower = word.lower()
        for prefix in PRODUCTIVE_PREFIXES:
            if lower.startswith(prefix) and len(word) > len(prefix) + 3:
                rest = word[len(prefix) :].lstrip("-")
                if word[:1].isupper():
                    rest = _upper_first(rest)
                return self.known(rest)
        return False

    def _compound_part(self, word: str) -> bool:
        return self.known_any_case(word) or (
            word.endswith("s") and len(word) > 3 and self.known_any_case(word[:-1])
        )

    def _apostrophe(self, word: str) -> bool:
        """geht's, wär's, Al's, so'n: a known word (or one missing its final e) + an ending."""
        base, _, ending = word.rpartition("'")
        if ending.lower() not in APOSTROPHE_ENDINGS or not base:
            return False
        return self.known(base) or self.known(base + "e") or base[:1].isupper()

    def _colloquial_prefix(self, word: str) -> bool:
        """rausfinden, rüberschieben, drauflegen: short forms of heraus-, herüber-, darauf-."""
        for short, full in COLLOQUIAL_PREFIXES.items():
            if word.startswith(short) and len(word) > len(short) + 2:
                return self.known(full + word[len(short) :])
        return False

    def _compared(self, word: str) -> bool:
        """logischere, beängstigendsten: comparative or superlative of a known adjective."""
        for ending in COMPARISON_ENDINGS:
            if word.endswith(ending) and len(word) > len(ending) + 3:
                base = word[: -len(ending)]
                if base.endswith(ADJECTIVE_ENDINGS) and self.known(base):
                    return True
        return False

    def _hyphenated(self, word: str) -> bool:
        """NATO-ähnliches, Biden-Administration: every part valid; names allowed before the end."""
        parts = [part for part in word.split("-") if part]
        if len(parts) < 2:
            return False
        *front, last = parts
        if not (self.known_any_case(last) or last.isupper() or any(c.isdigit() for c in last)):
            return False
        return all(
            self.known_any_case(part)
            or part.isupper()
            or part[:1].isupper()
            or any(c.isdigit() for c in part)
            or self.english_word(part)
            for part in front
        )

    def _near_name(self, text: str, tokens: list[Token], index: int) -> bool:
        """A neighbour that is itself a name-like word (Jill Dougherty, Kim Jong Un), or a
        title before it (Präsident Tinubu)."""
        token = tokens[index]
        if index > 0:
            previous = tokens[index - 1]
            if previous.text in TITLES and text[previous.end : token.start].strip(". ") == "":
                return True
        for j in (index - 1, index + 1):
            if not 0 <= j < len(tokens):
                continue
            other = tokens[j]
            left, right = (other, token) if j < index else (token, other)
            if not other.is_word or text[left.end : right.start] not in (" ", "\u00a0"):
                continue
            if not other.text[:1].isupper() or other.text.isupper():
                continue
            if not self.known(other.text) or (
                self.english_word(other.text) and not other.sentence_initial
            ):
                return True
        return False

    # --- the verdict ------------------------------------------------------------------------

    def judge(self, text: str, tokens: list[Token], index: int) -> Verdict | None:
        token = tokens[index]
        word = token.text
        if len(word) < 2 or self.accepts(word):
            return None
        if token.sentence_initial and self.accepts(_lower_first(word)):
            return None
        confusion = self.confusions.word(word)
        if confusion is not None:
            right = self.confusions.replacement(word, confusion)
            return Verdict(
                "CONFUSION",
                confusion.category,
                confusion.severity,
                f"“{word}” is a known mistranslation or misspelling: {confusion.note}.",
                (right,),
            )
        if self._accepted(text, tokens, index):
            return None
        if self.eszett:
            verdict = self._eszett(word)
            if verdict is not None:
                return verdict
        if word[:1].isupper() or _capitalised_part(word):
            return self._capitalised(text, tokens, index)
        umlauts = self.umlaut_fixes(word)
        if umlauts:
            return self._typo(word, umlauts)
        if word.lower() in INTERJECTIONS or not _VOWELS.intersection(word) or _elongated(word):
            return self._colloquial(word)
        if (
            self.english_word(word)
            or self._name_particle(tokens, index)
            or self._english_root(word)
            or "'" in normalise(word)
        ):
            return self._foreign(word)
        fixes = self.fixes(word)
        if fixes:
            return self._typo(word, fixes)
        if self.is_compound(word):
            return self._compound(word)
        return self._typo(word, ())

    def _capitalised(self, text: str, tokens: list[Token], index: int) -> Verdict:
        """Order matters: a name signal beats a near-miss, since names have many neighbours
        in a dictionary of compounds (Taras → Tara, Moster → Moser)."""
        word = tokens[index].text
        if self.stats.count(word) >= 2 or self._near_name(text, tokens, index):
            return self._name(word)
        if word.lower() in INTERJECTIONS or _elongated(word):
            return self._colloquial(word)
        if self.english_word(word) or self.english_compound(word):
            return self._foreign(word)
        umlauts = self.umlaut_fixes(word)
        if umlauts:
            return self._typo(word, umlauts)
        doubled = [fix for fix in self.doubling_fixes(word) if self.speller.derived(fix)]
        if doubled and len(word) >= 6:
            return self._typo(word, tuple(doubled))  # Gewiter → Gewitter, a dictionary word
        if self.is_compound(word):
            return self._compound(word)
        fixes = self.fixes(word, internal=True)
        if fixes and (
            len(word) >= LONG_WORD
            or word.endswith(NOUN_ENDINGS)
            or _noun_context(text, tokens, index)  # "die Regierunk": a noun's place
        ):
            return self._typo(word, fixes)
        return self._name(word, fixes)  # Kopelke, Haris: names more often than typos

    def _english_root(self, word: str) -> bool:
        """gestreamt, posten, gelikt: an English verb with German endings (an anglicism)."""
        if self.english is None:
            return False
        stem = word[2:] if word.startswith("ge") and len(word) > 5 else word
        for ending in VERB_ENDINGS:
            if stem.endswith(ending) and len(stem) > len(ending) + 2:
                root = stem[: -len(ending)]
                if self.english.known(root) or self.english.known(root + "e"):
                    return not self.known(root)
        return False

    def _name_particle(self, tokens: list[Token], index: int) -> bool:
        """del in "Tierra del Fuego": a particle between capitalised words."""
        if tokens[index].text not in NAME_PARTICLES:
            return False
        return 0 < index < len(tokens) - 1 and all(
            tokens[j].text[:1].isupper() for j in (index - 1, index + 1)
        )

    def _eszett(self, word: str) -> Verdict | None:
        for old, new in (("ss", "ß"), ("ß", "ss")):
            at = word.find(old)
            while at >= 0:
                fixed = word[:at] + new + word[at + len(old) :]
                if self.known(fixed):
                    return Verdict(
                        "SS_ESZETT",
                        "TYPOS",
                        Severity.ERROR,
                        f"ss/ß: “{word}” is written “{fixed}” in standard German (de-DE).",
                        (fixed,),
                    )
                at = word.find(old, at + 1)
        return None

    @staticmethod
    def _typo(word: str, fixes: tuple[str, ...]) -> Verdict:
        return Verdict(
            "GERMAN_SPELLING",
            "TYPOS",
            Severity.ERROR,
            f"Possible spelling mistake: “{word}” is not in the German dictionary.",
            fixes,
            searchable=True,
        )

    @staticmethod
    def _colloquial(word: str) -> Verdict:
        return Verdict(
            "COLLOQUIAL_SPELLING",
            "TYPOS",
            Severity.HINT,
            f"“{word}” is chat language or an expressive spelling: fine in a post, not in prose.",
        )

    @staticmethod
    def _name(word: str, fixes: tuple[str, ...] = ()) -> Verdict:
        return Verdict(
            "NAME_LIKE_UNKNOWN",
            "TYPOS",
            Severity.HINT,
            f"Unknown word “{word}”, probably a name: add it to the dictionary if it is right.",
            fixes,
            searchable=True,
        )

    @staticmethod
    def _foreign(word: str) -> Verdict:
        return Verdict(
            "FOREIGN_WORD",
            "TYPOS",
            Severity.HINT,
            f"“{word}” is English, not German: check it should stay untranslated.",
            searchable=True,
        )

    @staticmethod
    def _compound(word: str) -> Verdict:
        return Verdict(
            "UNKNOWN_COMPOUND",
            "COMPOUNDING",
            Severity.HINT,
            f"The compound “{word}” is not in the dictionary, though its parts are: "
            "check it is a real word.",
            searchable=True,
        )
