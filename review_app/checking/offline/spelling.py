"""Judging one word: accepted, a typo (error), or unknown but probably fine (a hint).

Raw Hunspell rejects names, URLs, English words, abbreviations, rare compounds and forms its
dictionary lacks: on a clean human translation nearly all of its rejections are false alarms.
Each class is handled here in order, cheapest signal first; the order is measured by
bench/false_alarms.py. Name or typo is decided by evidence: a frequent dictionary word one
cheap edit away (wordfreq, see frequency.py and suggest.py), the word's own frequency, its
other occurrences in the document (names.py); forms the dictionary lacks are analysed by
morphology.py. bench/judge_sample.py measures the precision of the resulting errors by hand.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from typing import TYPE_CHECKING

from review_app.checking.flag import Severity
from review_app.checking.offline.confusions import ConfusionList
from review_app.checking.offline.lexicon import (
    APOSTROPHE_ENDINGS,
    COLLOQUIAL_PREFIXES,
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
from review_app.checking.offline.suggest import (
    Candidate,
    best_first,
    candidate_cost,
    cheap_fix,
    doubling_fix,
    frequent_deletions,
    frequent_neighbours,
    umlaut_fix,
)
from review_app.checking.offline.tokens import Token
from review_app.checking.wordlists import WordLists

if TYPE_CHECKING:
    from review_app.checking.offline.frequency import Frequency
    from review_app.checking.offline.morphology import Morphology
    from review_app.checking.offline.registry import Resources

FixFn = Callable[..., tuple[str, ...]]
# A capitalised unknown word this long with a near miss is a typo more often than a name.
LONG_WORD = 9
_VOWELS = set("aeiouyäöüAEIOUYÄÖÜ")

# Name or typo, by evidence (Zipf units, see frequency.py). A typo's best neighbour must beat
# the word's own frequency (German or English, whichever is higher), less its edit cost, by a
# margin that falls with length: a random name of five letters lies one edit from many words,
# one of ten letters from almost none.
MARGIN_SHORT = 3.0  # up to 5 letters, and only for the cheapest edits
SHORT_MAX_COST = 0.8
MARGIN_MEDIUM = 2.0  # 6-7 letters
MARGIN_LONG = 1.0  # 8 letters or more
MARGIN_NOUN_PLACE = 0.5  # less after an article or with a noun ending: a noun's place
MARGIN_NEAR_NAME = 0.5  # more beside another name (Jill Dougherty)
MARGIN_LOWER = 0.5  # a lower-case word: names are rare, only a word in use needs a margin
# A word wordfreq sees this often is in use: a capitalised one is a name or a loanword the
# dictionary lacks (no hint); a lower-case one a variant or a new word (no error).
NAME_KNOWN = 2.0
IN_USE = 1.5
LOAN_KNOWN = 2.5  # the last part of a compound German uses though the dictionary lacks it
COST_SURE = 0.3  # an umlaut or ß edit: a neighbour this close makes a typo
COST_REGULARISED = 0.3  # a strong verb given a weak past ending (verschobte → verschob)
RARE = 1.0  # below this, wordfreq barely knows a word
# Endings that separate the forms of one verb or adjective (teleportier|te, -ten, -t, -en).
LEXEME_ENDINGS = ("test", "tet", "ten", "te", "st", "en", "et", "em", "er", "es", "t", "e")
HYBRID_TAIL = 5  # shortest English part of a half-translated compound (Atom|deterrent)
# An old ph-spelling is flagged where the f-form is this much more frequent (10×).
OLD_SPELLING_MARGIN = 1.0
# Endings of the Latin second part of a species name (maculatum, sapiens, vulgaris).
LATIN_ENDINGS = ("um", "us", "is", "ae", "ii", "ens", "ensis", "oides", "ata", "ica", "alis")
# An English word (wordfreq) beside another English word is a title or a name.
ENGLISH_KNOWN = 3.0


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


def _ending_apart(word: str, other: str) -> bool:
    """The two differ by one last letter of an inflection ending (e, n, m, r, s, t)."""
    short, long = sorted((word.casefold(), other.casefold()), key=len)
    return len(long) == len(short) + 1 and long.startswith(short) and long[-1] in "enmrst"


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
        resources: Resources | None = None,
    ) -> None:
        self.speller = speller
        self.english = english
        self.confusions = confusions
        self.words = words
        self.stats = stats
        self.eszett = eszett
        self._resources = resources
        self._frequency: Frequency | None = None
        self._morphology: Morphology | None = None
        self._fixes: dict[tuple[str, str], tuple[str, ...]] = {}
        self._compounds: dict[str, bool] = {}
        self._neighbours: dict[str, list[Candidate]] = {}

    @property
    def frequency(self) -> Frequency:
        if self._frequency is None:
            if self._resources is not None:
                self._frequency = self._resources.frequency
            else:
                from review_app.checking.offline.frequency import load_frequency

                self._frequency = load_frequency()
        return self._frequency

    @property
    def morphology(self) -> Morphology:
        if self._morphology is None:
            if self._resources is not None:
                self._morphology = self._resources.morphology
            else:
                from review_app.checking.offline.morphology import load_morphology

                self._morphology = load_morphology(self.speller)
        return self._morphology

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

    def neighbours(self, word: str) -> list[Candidate]:
        """Frequent dictionary words one edit away, best first (cached)."""
        found = self._neighbours.get(word)
        if found is None:
            found = frequent_neighbours(word, self.speller.spell, self.frequency)
            if len(self._neighbours) > 100_000:
                self._neighbours.clear()
            self._neighbours[word] = found
        return found

    def own_frequency(self, word: str) -> float:
        """How often the word itself is seen, in German or English text."""
        return max(self.frequency.zipf(word), self.frequency.zipf_en(word))

    def margin(self, word: str, *, inflected: bool = True) -> float:
        """How far the best neighbour beats the word itself (Zipf units, less edit cost).
        Without `inflected`, a neighbour that only adds or drops a last letter of an ending
        (inklusiven/inklusive, besorg/besorgt) is no evidence: the word is likely a form the
        dictionary lacks."""
        found = self.neighbours(word)
        if not inflected:
            found = [c for c in found if not _ending_apart(word, c.word)]
        if word[:1].isupper():  # Haris/Harris, Tamaran/Tamara: a name beside a name
            found = [c for c in found if not self.morphology.nouns.is_name(c.word)]
        if not found:
            return float("-inf")
        best = max(found, key=lambda c: c.zipf - c.cost)
        if len(word) <= 5 and best.cost > SHORT_MAX_COST:
            cheap = [c for c in found if c.cost <= SHORT_MAX_COST]
            if not cheap:
                return float("-inf")
            best = max(cheap, key=lambda c: c.zipf - c.cost)
        return best.zipf - best.cost - self.own_frequency(word)

    def suggestions(self, word: str, *more: tuple[str, ...]) -> tuple[str, ...]:
        """The neighbours and `more` candidates, ranked by frequency and edit cost."""
        found = {c.word: c.cost for c in self.neighbours(word)}
        strong = self._strong_past(word)
        if strong is not None:
            found[strong] = COST_REGULARISED
        for group in more:
            for candidate in group:
                found.setdefault(candidate, candidate_cost(word, candidate))
        if not found:
            deletions = frequent_deletions(word, self.speller.spell, self.frequency)
            found = {c.word: c.cost for c in deletions}
        return best_first(found, word, self.frequency)

    def english_compound(self, word: str) -> bool:
        """Starfire, Blackrock, Hardneck: two English words run together (names, brands)."""
        if self.english is None or len(word) < 7:
            return False
        return any(
            self.english.known(word[:i]) and self.english.known(word[i:])
            for i in range(3, len(word) - 2)
        )

    def _loan_compound(self, word: str) -> bool:
        """A compound of a dictionary noun (or compound head) and a word German uses that the
        dictionary lacks: Reise|vlog."""
        if any(c.cost <= COST_SURE for c in self.neighbours(word)):
            return False  # Lachelte: an umlaut away from a word is a typo, whatever its parts
        for i in range(4, len(word) - 3):
            head, tail = word[:i], _upper_first(word[i:])
            # cheapest test first: Hunspell on a long tail takes milliseconds
            if self.frequency.zipf(tail) < LOAN_KNOWN or not self.morphology.is_head(head):
                continue
            if not self.known(tail) and self.margin(tail) < MARGIN_LONG:
                return True
        return False

    def _half_translated(self, word: str) -> bool:
        """Atomdeterrent: a German noun and an English word that German does not use run
        together, as a translation left half done (Starfire, Allroad: the English part is
        short, or German as well)."""
        if self.english is None or len(word) < 9 or "-" in word:
            return False
        if self.english_word(word) or self.english_word(word.removesuffix("s")):
            return False  # Approaching, Westminsters: English through and through
        for i in range(3, len(word) - HYBRID_TAIL + 1):
            head, tail = word[:i], word[i:]
            if not self._german_noun(head) or not self.english.known(tail):
                continue
            if not self.known_any_case(tail) and self.frequency.zipf(tail) < IN_USE:
                return True
        return False

    def _german_noun(self, word: str) -> bool:
        return self.known(word) and not self.known(_lower_first(word))

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
        if word[:1].islower() and self._colloquial_prefix(word):
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
        if "ph" in word.lower() and len(word) >= 4:
            verdict = self._old_spelling(word)
            if verdict is not None:
                return verdict
        if self._accepted(text, tokens, index):
            return None
        if self.eszett:
            verdict = self._eszett(word)
            if verdict is not None:
                return verdict
        if word[:1].isupper() or _capitalised_part(word):
            return self._capitalised(text, tokens, index)
        return self._lower_case(text, tokens, index)

    def _lower_case(self, text: str, tokens: list[Token], index: int) -> Verdict | None:
        word = tokens[index].text
        if self._english_run(text, tokens, index):
            return None  # "Christmas bake", "needs no introduction": English, not a typo
        if "-" not in word and self.morphology.base(word):
            return None  # ungleicheren, einzukuscheln: a form the dictionary lacks
        umlauts = self.umlaut_fixes(word)
        same_case = tuple(fix for fix in umlauts if fix[:1].islower())
        if same_case:  # before English: "fur" is für
            return self._typo(word, self.suggestions(word, same_case))
        if word.lower() in INTERJECTIONS or not _VOWELS.intersection(word) or _elongated(word):
            return self._colloquial(word)
        if (
            self.english_word(word)
            or self._name_particle(tokens, index)
            or self._english_root(word)
            or "'" in normalise(word)
        ):
            return self._foreign(word)
        if self.english_compound(word) and self.frequency.zipf(word) < IN_USE:
            return self._foreign(word)  # flightaware: English words run together
        if self._species_epithet(text, tokens, index):
            return self._foreign(word)  # Philodendron selloum, Arum maculatum: Latin
        if self._lower_case_noun(word) and not tokens[index].sentence_initial:
            capital = _upper_first(word)  # the sure fix first: saisons → Saisons
            others = tuple(fix for fix in self.suggestions(word) if fix != capital)
            return self._typo(word, (capital, *others))
        if umlauts:
            return self._typo(word, self.suggestions(word, umlauts))
        if self._in_use(word) and self.margin(word, inflected=False) < MARGIN_LOWER:
            return None  # teleportiert, anmischen: German in use the dictionary lacks
        fixes = () if self.neighbours(word) else self.fixes(word)  # Hunspell: compounds
        if fixes or self.neighbours(word):
            return self._typo(word, self.suggestions(word, fixes))
        if self.is_compound(word):
            return self._compound(word)
        return self._typo(word, ())

    @staticmethod
    def _species_epithet(text: str, tokens: list[Token], index: int) -> bool:
        """The second, lower-case part of a Latin species name, after its genus."""
        word = tokens[index].text
        if index == 0 or not word.endswith(LATIN_ENDINGS) or len(word) < 5:
            return False
        genus = tokens[index - 1]
        gap = text[genus.end : tokens[index].start]
        return genus.is_word and genus.text[:1].isupper() and gap == " "

    def _lower_case_noun(self, word: str) -> bool:
        """prozent, apps: a noun written in lower case (wordfreq folds case, so its figure
        is the noun's: the noun tables decide, or a rare lower-case form)."""
        capital = _upper_first(word)
        if not self.known(capital):
            return False
        if self.morphology.nouns.is_noun(capital) or not self._in_use(word):
            return True
        return capital.endswith("en")  # radfahren: a nominalised infinitive (Radfahren)

    def _strong_past(self, word: str) -> str | None:
        """verschobte → verschob, schmolzten → schmolzen: a weak past ending put on a strong
        verb's past stem (which the dictionary knows, with the ending of the person)."""
        if not word[:1].islower():
            return None
        for weak, strong in (("test", "st"), ("ten", "en"), ("tet", "t"), ("te", "")):
            stem = word[: len(word) - len(weak)]
            # the stem and its plural are known (verschob, verschoben), its e-form is not
            # (unangenehm|e: an adjective)
            if word.endswith(weak) and len(stem) >= 4 and self.known(stem + "en"):
                past = self.known(stem) and not self.known(stem + "e")
                return stem + strong if past else None
        return None

    def _in_use(self, word: str) -> bool:
        german = self.frequency.zipf(word)
        if german >= IN_USE and german > self.frequency.zipf_en(word) - 1.0:
            return True
        return self._lexeme_in_use(word)

    def _lexeme_in_use(self, word: str) -> bool:
        """teleportierte: another form of the same verb or adjective is in use and unknown to
        the dictionary too (teleportieren), so the dictionary lacks the word, not the text."""
        for ending in LEXEME_ENDINGS:
            if not word.endswith(ending) or len(word) - len(ending) < 5:
                continue
            stem = word[: len(word) - len(ending)]
            for other in (stem + "en", stem + "t", stem + "e"):
                if other == word or self.known(other):
                    continue
                if self.frequency.zipf(other) >= NAME_KNOWN:
                    return True
        return False

    def _capitalised(self, text: str, tokens: list[Token], index: int) -> Verdict | None:
        """Typo or name, by evidence: a frequent neighbour one cheap edit away makes a typo;
        frequency in wordfreq, recurrence in the document or a title before it makes a name,
        and a name needs no hint where wordfreq knows it, nor after its first occurrence."""
        word = tokens[index].text
        if word.lower() in INTERJECTIONS or _elongated(word):
            return self._colloquial(word)
        if "-" not in word and self.morphology.base(word):
            return None  # Raketenstartrampen, Ungleicheren: a form the dictionary lacks
        if self._loan_compound(word):
            return self._compound(word)  # Reisevlog: a known head and a word in use
        recurring = self.stats.count(word) >= 2 and self.stats.always_capitalised(word)
        # A long word with a frequent neighbour is a typo even when it recurs: MT and pasted
        # text repeat typos too (Lockereung twice); names that close to a word are rare.
        if (not recurring or len(word) >= LONG_WORD) and self._typo_evidence(text, tokens, index):
            return self._typo(word, self.suggestions(word))
        if self.own_frequency(word) >= NAME_KNOWN or self._english_run(text, tokens, index):
            return None  # Ivory, Shaw, Bitcoin; "Home Assistant": names wordfreq knows
        if not recurring and self._half_translated(word):
            return self._hybrid(word)
        if self.english_word(word) or self.english_compound(word):
            return self._foreign(word)
        if not recurring and not self._near_name(text, tokens, index):
            verdict = self._capitalised_typo(text, tokens, index)
            if verdict is not None:
                return verdict
        if recurring and not self.stats.first_at(word, tokens, index):
            return None  # one hint for a name, at its first occurrence
        near = tuple(c.word for c in self.neighbours(word) if c.cost <= SHORT_MAX_COST)
        return self._name(word, near[:3])  # only the closest: names have many neighbours

    def _typo_evidence(self, text: str, tokens: list[Token], index: int) -> bool:
        """A frequent neighbour beats the word by the margin its length and place ask for."""
        if self._after_title(text, tokens, index):
            return False
        return self.margin(tokens[index].text) >= self._capital_margin(text, tokens, index)

    def _capital_margin(self, text: str, tokens: list[Token], index: int) -> float:
        word = tokens[index].text
        length = len(word)
        margin = MARGIN_SHORT if length <= 5 else MARGIN_MEDIUM if length <= 7 else MARGIN_LONG
        if word.endswith(NOUN_ENDINGS) or _noun_context(text, tokens, index):
            margin -= MARGIN_NOUN_PLACE
        if self._near_name(text, tokens, index):
            margin += MARGIN_NEAR_NAME
        return margin

    def _capitalised_typo(self, text: str, tokens: list[Token], index: int) -> Verdict | None:
        """Compounds wordfreq does not list: fixes Hunspell confirms (Sicherheitsbehorde,
        Einzelhandell), where a noun is likely."""
        word = tokens[index].text
        if self.is_compound(word):  # Nahversorgungsprojekten: no umlaut fix for valid parts
            return self._compound(word) if self.frequency.zipf(word) < NAME_KNOWN else None
        umlauts = self.umlaut_fixes(word)
        if umlauts:
            return self._typo(word, self.suggestions(word, umlauts))
        doubled = [fix for fix in self.doubling_fixes(word) if self.speller.derived(fix)]
        if doubled and len(word) >= 6:
            return self._typo(word, self.suggestions(word, tuple(doubled)))
        if self.own_frequency(word) >= RARE:
            return None  # Stase, Kari: wordfreq knows it; only a frequent neighbour is evidence
        fixes = self.fixes(word, internal=True)
        if fixes and (
            len(word) >= LONG_WORD
            or word.endswith(NOUN_ENDINGS)
            or _noun_context(text, tokens, index)  # "die Regierunk": a noun's place
        ):
            return self._typo(word, self.suggestions(word, fixes))
        return None

    def _after_title(self, text: str, tokens: list[Token], index: int) -> bool:
        """Präsident Tinubu, Frau Kopelke: a title before it."""
        if index == 0:
            return False
        previous = tokens[index - 1]
        gap = text[previous.end : tokens[index].start]
        return previous.text in TITLES and gap.strip(". ") == "" and len(gap) <= 2

    def _english_run(self, text: str, tokens: list[Token], index: int) -> bool:
        """An English word beside another English word that is not German: a title, a name
        or a quotation ("Bank of America", "Trimming the Herbs"), not a German sentence."""
        if not self._englishish(tokens[index].text, strict=False):
            return False
        for j in (index - 1, index + 1):
            if not 0 <= j < len(tokens):
                continue
            other = tokens[j]
            left, right = (other, tokens[index]) if j < index else (tokens[index], other)
            gap = text[left.end : right.start]
            if other.is_word and gap.strip("\"'“”„‘’ ") == "" and self._englishish(other.text):
                return True
        return False

    def _englishish(self, word: str, *, strict: bool = True) -> bool:
        """English (wordfreq or the English dictionary); `strict`: and not German as well."""
        english = self.frequency.zipf_en(word)
        if english < ENGLISH_KNOWN and not self.english_word(word):
            return False
        if not strict:
            return True
        if self.known(word) or self.known(_lower_first(word)):
            return english > self.frequency.zipf(word) + 1.0
        return True

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

    def _old_spelling(self, word: str) -> Verdict | None:
        """photographiert → fotografiert: a ph-spelling whose f-form the dictionary knows and
        German writes far more often (Delphin/Delfin, both common, stay alone)."""
        modern = word.replace("ph", "f").replace("Ph", "F")
        if not self.known(modern):
            return None
        if self.frequency.zipf(modern) - self.frequency.zipf(word) < OLD_SPELLING_MARGIN:
            return None
        return Verdict(
            "GERMAN_SPELLING",
            "TYPOS",
            Severity.WARNING,
            f"Old spelling: “{word}” is written “{modern}” today.",
            (modern,),
        )

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
    def _hybrid(word: str) -> Verdict:
        return Verdict(
            "GERMAN_SPELLING",
            "TYPOS",
            Severity.ERROR,
            f"“{word}” joins a German word to an English one German does not use: "
            "translate the English part.",
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
