"""Agreement inside the noun phrase and the case a preposition governs.

A phrase is an optional preposition, a determiner (or, after a preposition, none), inflected
adjectives and a noun. Every part narrows the 16 cells (4 cases × masculine, feminine, neuter
singular and plural) the phrase can fill: the determiner by its closed-class table, each
adjective by its ending under strong or weak declension (which the determiner decides), the
noun by german-nouns' tables (`resources.nouns`), the preposition by the cases it governs.
No cell left means a wrong phrase; the fixes are the phrases that fill a cell, ranked: the
phrase's number kept, the determiner's case kept, fewest words changed.

Flagged only when the phrase is clear: a known noun that is no name and no adjectival noun
(der Beamte / ein Beamter), no relative pronoun after a comma, no extended attribute ("die vom
Staat kontrollierten Medien"), no truncated compound ("Kinder- und Jugendarbeit"). An
adjective is told by its paradigm (the dictionary knows its stem with all five endings), so
no tagger runs: HanTa costs ~0.7 ms a word and a candidate phrase stands in most sentences.
Cost: a set lookup per token; the dictionary work runs only after a trigger word.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING
from weakref import WeakKeyDictionary

from review_app.checking.flag import Flag, Severity
from review_app.checking.offline.nouns import CASE_ORDER
from review_app.checking.offline.registry import Resources, Rule, RuleContext
from review_app.checking.offline.tokens import Token

if TYPE_CHECKING:
    from review_app.checking.offline.speller import Speller

# --- cells ------------------------------------------------------------------------------------
# Bit 4 * case + slot, cases nom gen dat acc, slots masculine, feminine, neuter, plural
# (the layout of nouns.CELLS).
NOM, GEN, DAT, ACC = range(4)
M, F, N, PL = range(4)


def _bit(case: int, slot: int) -> int:
    return 1 << (4 * case + slot)


def _case_mask(*cases: int) -> int:
    return sum(0xF << (4 * case) for case in cases)


ALL = (1 << 16) - 1
SINGULAR = sum(_bit(case, slot) for case in range(4) for slot in (M, F, N))
NEUTER = sum(_bit(case, N) for case in range(4))
PLURAL = ALL & ~SINGULAR
CASE_NAMES = ("nominative", "genitive", "dative", "accusative")
GENDER_NAMES = ("masculine", "feminine", "neuter")


def _cells(mask: int) -> Iterator[int]:
    return (i for i in range(16) if mask >> i & 1)


# --- determiners (closed class) ---------------------------------------------------------------
# Forms by cell: a row per case (nom gen dat acc), a column per slot (m f n plural).
_DER = (("der", "die", "das", "die"), ("des", "der", "des", "der"),
        ("dem", "der", "dem", "den"), ("den", "die", "das", "die"))  # fmt: skip
_DIES = (("er", "e", "es", "e"), ("es", "er", "es", "er"),
         ("em", "er", "em", "en"), ("en", "e", "es", "e"))  # fmt: skip
_EIN = (("", "e", "", "e"), ("es", "er", "es", "er"),
        ("em", "er", "em", "en"), ("en", "e", "", "e"))  # fmt: skip
# Adjective endings: strong (no determiner, or one without ending) and weak.
_STRONG = (("er", "e", "es", "e"), ("en", "er", "en", "er"),
           ("em", "er", "em", "en"), ("en", "e", "es", "e"))  # fmt: skip
_WEAK = (("e", "e", "e", "en"), ("en", "en", "en", "en"),
         ("en", "en", "en", "en"), ("en", "e", "e", "en"))  # fmt: skip
ENDINGS = ("e", "en", "em", "er", "es")


@dataclass(frozen=True)
class Determiner:
    """A determiner word: the cells it can fill and, among them, those after which an
    adjective takes the strong ending (ein Haus → ein großes Haus)."""

    word: str
    cells: int
    strong: int
    family: str  # key of _FAMILIES: how to write it in another cell

    def form(self, cell: int) -> str | None:
        return _FAMILIES[self.family].get(cell)


_FAMILIES: dict[str, dict[int, str]] = {}
_FAMILY_STRONG: dict[str, int] = {}  # cells where the family's word has no ending (ein)
DETERMINERS: dict[str, Determiner] = {}


def _add_family(family: str, table: dict[int, str], strong: int = 0) -> None:
    _FAMILIES[family] = table
    _FAMILY_STRONG[family] = strong
    by_word: dict[str, int] = {}
    for cell, word in table.items():
        by_word[word] = by_word.get(word, 0) | 1 << cell
    for word, cells in by_word.items():
        DETERMINERS.setdefault(word, Determiner(word, cells, cells & strong, family))


def _table(rows: tuple[tuple[str, ...], ...], stem: str = "", singular_only: bool = False) -> dict:
    return {
        4 * case + slot: stem + rows[case][slot]
        for case in range(4)
        for slot in range(4)
        if not (singular_only and slot == PL)
    }


def _build_determiners() -> None:
    _add_family("der", _table(_DER))
    for stem in ("dies", "jen", "welch", "manch", "solch"):
        _add_family(stem, _table(_DIES, stem))
    _add_family("jed", _table(_DIES, "jed", singular_only=True))
    for stem in ("derselb", "derjenig"):
        # der + selb + weak ending: derselbe, desselben, demselben, dieselben …
        _add_family(
            stem,
            {
                cell: _DER[cell // 4][cell % 4] + stem[3:] + _WEAK[cell // 4][cell % 4]
                for cell in range(16)
            },
        )
    # ein-words: no ending in nom.sg.m, nom.sg.n, acc.sg.n, where the adjective is strong.
    bare = _bit(NOM, M) | _bit(NOM, N) | _bit(ACC, N)
    for stem in ("ein", "irgendein"):
        _add_family(stem, _table(_EIN, stem, singular_only=True), bare)
    for stem in ("kein", "mein", "dein", "sein", "unser", "ihr", "euer"):
        table = _table(_EIN, stem)
        if stem == "euer":  # euer, eure, eurem …: the e drops before an ending
            table = {
                cell: word if word == "euer" else "eur" + word[4:] for cell, word in table.items()
            }
        _add_family(stem, table, bare)


_build_determiners()
DETERMINERS.pop("ihr")  # a pronoun as often (ihr seid, gib ihr Bücher): never judged
# Determiners that are verb forms too (sein, meinen): a flag on them is only a warning.
_AMBIGUOUS = frozenset({"sein", "meine", "meinen"})
DEFINITE = _FAMILIES["der"]

# --- prepositions (closed class) --------------------------------------------------------------
DATIVE = frozenset(
    ["mit", "aus", "von", "zu", "bei", "nach", "seit", "gegenüber", "außer", "samt", "nebst"]
)
ACCUSATIVE = frozenset(["für", "ohne", "gegen", "durch", "um", "wider"])
TWO_WAY = frozenset(["in", "an", "auf", "über", "unter", "vor", "hinter", "neben", "zwischen"])
# Genitive prepositions; the dative is heard with them (wegen dem) and is only hinted at.
# während and statt are left out: they are conjunctions too (während die Kinder spielen).
GENITIVE = frozenset(
    ["wegen", "trotz", "aufgrund", "infolge", "innerhalb", "außerhalb", "angesichts", "anhand",
     "bezüglich", "hinsichtlich", "mithilfe", "anstelle", "oberhalb", "unterhalb", "jenseits",
     "diesseits", "mangels", "zwecks", "seitens"]
)  # fmt: skip
GOVERNS = {
    **{word: _case_mask(DAT) for word in DATIVE},
    **{word: _case_mask(ACC) for word in ACCUSATIVE},
    **{word: _case_mask(DAT, ACC) for word in TWO_WAY},
    **{word: _case_mask(GEN) for word in GENITIVE},
}
# Preposition + article written as one word.
CONTRACTIONS = {
    "im": ("in", "dem"), "am": ("an", "dem"), "vom": ("von", "dem"), "beim": ("bei", "dem"),
    "zum": ("zu", "dem"), "zur": ("zu", "der"), "ins": ("in", "das"), "ans": ("an", "das"),
    "aufs": ("auf", "das"), "durchs": ("durch", "das"), "fürs": ("für", "das"),
    "ums": ("um", "das"), "übers": ("über", "das"), "unters": ("unter", "das"),
    "vors": ("vor", "das"), "hinters": ("hinter", "das"), "überm": ("über", "dem"),
    "unterm": ("unter", "dem"), "vorm": ("vor", "dem"), "hinterm": ("hinter", "dem"),
}  # fmt: skip
_CONTRACTED = {value: key for key, value in CONTRACTIONS.items()}
# Prepositions whose phrase may start without a determiner (mit großer Freude). zu is left
# out (zu große Schuhe: the adverb), bis and the two-way ones take numbers and adverbs.
_BARE_OK = (DATIVE | ACCUSATIVE | GENITIVE) - {"zu", "um", "gegenüber", "außer"}
# Words that may stand between determiner and noun without changing anything.
_NUMERALS = frozenset(
    ["zwei", "drei", "vier", "fünf", "sechs", "sieben", "acht", "neun", "zehn", "elf", "zwölf",
     "zwanzig", "dreißig", "vierzig", "fünfzig", "hundert", "tausend"]
)  # fmt: skip
_DEGREE = _NUMERALS | frozenset(
    ["sehr", "ganz", "besonders", "äußerst", "ziemlich", "überaus", "höchst", "allzu",
     "weitaus", "recht"]
)  # fmt: skip
# Quantifiers that float away from their noun (wir haben alle Angst): never a phrase start.
_FLOATING = frozenset({"alle", "beide", "beiden", "allen", "aller", "alles"})
# Words that end a phrase unjudged: quantifiers (ein wenig Alkohol, die viel größeren …).
_STOPS = _FLOATING | frozenset(["wenig", "viel", "mehr", "weniger", "genug", "etwas", "paar"])
# Words after which no extended attribute goes on: a clause or a coordination starts.
_CLAUSE_WORDS = frozenset(
    ["und", "oder", "aber", "sondern", "als", "wie", "dass", "die", "der", "das", "ist", "sind",
     "war", "wird", "hat", "haben"]
)  # fmt: skip
TRIGGERS = frozenset(DETERMINERS) | frozenset(GOVERNS) | frozenset(CONTRACTIONS)
_ARTICLES = TRIGGERS - frozenset(GOVERNS)
_MAX_BETWEEN = 4
# "um … zu + infinitive" (um die Welt zu retten, um sie abzuhalten) and "um … willen".
_UM_CLAUSE = re.compile(r"\b(?:zu|willen)\b|\b\w+zu\w+(?:en|ern|eln)\b")
_SPACE = frozenset(" \t\u00a0")
_PARTICLES = frozenset(GOVERNS) | frozenset(["ab", "hin", "her"])

# --- words ------------------------------------------------------------------------------------

_ADJECTIVES: WeakKeyDictionary = WeakKeyDictionary()  # speller → {word: (stem, ending) | ""}


def adjective(word: str, speller: Speller) -> tuple[str, str] | None:
    """(stem, ending) when `word` is an inflected adjective form (versuchter → versucht, er):
    lower case, and the dictionary knows the stem with every ending."""
    cache = _ADJECTIVES.get(speller)
    if cache is None:
        cache = _ADJECTIVES[speller] = {}
    found = cache.get(word)
    if found is None:
        found = cache[word] = _adjective(word, speller) or ""
    return found or None


def _adjective(word: str, speller: Speller) -> tuple[str, str] | None:
    if not word.islower() or not word.isalpha():
        return None
    for ending in ("en", "em", "er", "es", "e"):
        stem = word[: -len(ending)]
        if word.endswith(ending) and len(stem) >= 2:
            if all(speller.known(stem + other) for other in ENDINGS):
                return stem, ending
            return None
    return None


def uninflected_adjective(word: str, speller: Speller) -> bool:
    """An adjective used as an adverb (wirklich, echt): the word and its inflected forms."""
    return (
        word.islower()
        and word.isalpha()
        and speller.known(word)
        and all(speller.known(word + ending) for ending in ("e", "en", "er"))
    )


@dataclass(frozen=True)
class Noun:
    """A noun of a phrase: the cells its tables give it (`mask`), the cells it may fill
    beyond them (`tolerated`: they stop a flag but choose no fix), how to write it in
    another cell."""

    token: Token
    mask: int
    lemmas: tuple[str, ...]
    prefix: str = ""  # the part before the analysed head of a compound
    head: str = ""
    exact: bool = True  # the whole word is in the noun tables
    forms: tuple[tuple[int, str], ...] = ()  # (cells, form) when made by a rule, not a table
    tolerated: int = 0

    @property
    def cells(self) -> int:
        return self.mask | self.tolerated

    @property
    def plural(self) -> bool:
        """Read as a plural: Jahre (whose singular cell is the old dative "im Jahre")."""
        return bool(self.mask & PLURAL) and not self.mask & _NOM_ACC_SINGULAR


# Suffixes that make feminine nouns (Regentschaft, Verfügbarkeit): an unknown word ending in
# one is judged by it, never by a noun hidden inside it (Regent|schaft, not Schaft).
_FEMININE_SUFFIXES = ("ung", "heit", "keit", "schaft", "ion", "tät")
# Nouns of measure keep their singular after a number (zehn Grad, drei Mal): plural too.
_MEASURES = frozenset(
    ["Grad", "Prozent", "Euro", "Dollar", "Cent", "Meter", "Kilometer", "Zentimeter",
     "Millimeter", "Kilogramm", "Gramm", "Kilo", "Liter", "Pfund", "Stück", "Mal", "Fuß",
     "Zoll", "Volt", "Watt", "Bit", "Byte", "Paar", "Dutzend"]
)  # fmt: skip
_FEMININE = sum(_bit(case, F) for case in range(4))
_INFINITIVE = _bit(NOM, N) | _bit(DAT, N) | _bit(ACC, N)
# Spellings German words hardly have: an English loan, whose gender wavers (der/das Burnout).
_ENGLISH_LOOK = re.compile(r"c(?![hk])|y|oo|ea|ee|ou|ai|sh|th|w$")
_NOM_ACC_SINGULAR = sum(_bit(case, slot) for case in (NOM, ACC) for slot in (M, F, N))


def _noun(token: Token, text: str, resources) -> Noun | None:
    word = token.text
    if len(word) < 3 or not word[:1].isupper() or word.isupper():
        return None
    if not word.replace("-", "").isalpha():
        return None
    if text[token.end : token.end + 1] in ("-", "/", "…") or text.startswith("..", token.end):
        return None  # Kinder- und Jugendarbeit; a word cut off
    nouns, speller = resources.nouns, resources.speller
    prefix, head = "", word
    if "-" in word:
        prefix, _, head = word.rpartition("-")
        prefix += "-"
        if not head[:1].isupper():
            return None
    if adjective(head.lower(), speller):
        return None  # die Reichen, des Weiteren, dem Europäischen: an adjective
    if "ss" in head and not nouns.is_noun(head) and nouns.is_noun(head.replace("ss", "ß")):
        head = head.replace("ss", "ß")  # Swiss spelling: Gruss
    if nouns.is_noun(head):
        exact = not prefix
    else:
        found = _unknown_noun(token, prefix, head, resources)
        if found is None or isinstance(found, Noun):
            return found
        prefix, head = found
        exact = False
    if nouns.is_adjectival(head) or nouns.is_name(head):
        return None
    return Noun(token, nouns.mask(head), nouns.lemmas(head), prefix, head, exact)


def _other_readings(word: str, resources) -> int:
    """Cells a form fills beyond its tables: Swiss ss for ß, a nominalised infinitive (zum
    Weinen, das Rufen), a plural the table lacks (Backwerke), an English -s plural (der
    Corporals), a noun of measure after a number (die Grad), a loan's wavering gender."""
    nouns, speller = resources.nouns, resources.speller
    found = 0
    lower = word.lower()
    if "ss" in word:  # Swiss spelling: Strasse is Straße, not only the dative of Strass
        found |= nouns.mask(word.replace("ss", "ß"))
    if lower.endswith(("en", "ern", "eln")) and speller.known(lower):
        found |= _INFINITIVE
    elif lower.endswith(("ens", "erns", "elns")) and speller.known(lower[:-1]):
        found |= _bit(GEN, N)
    if nouns.plural_unknown(word) or word in _MEASURES:
        found |= PLURAL
    english = speller.english
    if english is None:
        return found
    if word.endswith("s") and nouns.is_noun(word[:-1]):
        stem = word[:-1]
        if english.known(stem.lower()) and resources.frequency.zipf(stem) < 4.0:
            found |= PLURAL
    if _ENGLISH_LOOK.search(lower) and english.known(lower):
        mask = nouns.mask(word)
        for case in range(4):  # der/das Burnout, der/das Event: loans waver
            if mask & (_bit(case, M) | _bit(case, N)):
                found |= _bit(case, M) | _bit(case, N)
    return found


def _unknown_noun(token: Token, prefix: str, head: str, resources) -> Noun | tuple[str, str] | None:
    """A noun the tables lack: a nominalised infinitive (beim Argumentieren: neuter
    singular), a compound judged by its last noun (prefix, Head), or a feminine suffix
    (Regentschaft: -schaft, not the noun Schaft; singular as written, plural in -en)."""
    lower, word = head.lower(), prefix + head
    if lower.endswith(("chen", "lein")):
        return None  # a diminutive, or a noun in -chen (Hühnerknochen): not sure which
    if _infinitive(lower, resources.speller):
        forms = ((_INFINITIVE, word), (_bit(GEN, N), word + "s"))
        return Noun(token, _INFINITIVE, (), exact=False, forms=forms)
    split = _compound_head(head, resources.nouns, resources.speller)
    if split is not None and split[1].lower() not in _FEMININE_SUFFIXES:
        return prefix + split[0], split[1]
    for suffix in _FEMININE_SUFFIXES:
        for plural in (False, True):
            if lower.endswith(suffix + ("en" if plural else "")):
                base = word[:-2] if plural else word
                forms = ((_FEMININE, base), (PLURAL, base + "en"))
                return Noun(token, PLURAL if plural else _FEMININE, (), exact=False, forms=forms)
    return None


def _infinitive(lower: str, speller) -> bool:
    """A verb's infinitive (weinen: weint too), not an adjective form (des Öfteren)."""
    if not lower.endswith(("en", "ern", "eln")) or not speller.known(lower):
        return False
    stem = lower[:-2] if lower.endswith("en") and not lower.endswith(("ern", "eln")) else lower[:-1]
    return speller.known(stem + "t")


def _compound_head(word: str, nouns, speller) -> tuple[str, str] | None:
    """(prefix, Head) for a compound the tables lack (Raketenstarts → Raketen + Starts): the
    longest known noun ending it, when the dictionary knows the whole word."""
    if len(word) < 8 or not speller.known(word):
        return None
    for i in range(3, len(word) - 4):
        head = word[i].upper() + word[i + 1 :]
        if nouns.is_noun(head) and not nouns.is_name(head):
            return word[:i], head
    return None


# --- phrases ----------------------------------------------------------------------------------


@dataclass
class Phrase:
    preposition: Token | None
    governs: int  # cells the preposition allows (ALL without one)
    determiner: Determiner | None
    determiner_token: Token | None
    adjectives: list[tuple[Token, str, str]]  # token, stem, ending
    noun: Noun
    index: int  # of the noun among the tokens
    contraction: str = ""  # the preposition of a contracted determiner (zum → zu)
    skipped: list[Token] = field(default_factory=list)  # adverbs between, left as they are

    @property
    def start(self) -> int:
        first = [token.start for token in (self.determiner_token, *_between(self)) if token]
        return min(first, default=self.noun.token.start)


def _gap_is_space(text: str, left: Token, right: Token) -> bool:
    gap = text[left.end : right.start]
    return bool(gap) and all(ch in _SPACE for ch in gap)


def _after_comma(text: str, token: Token) -> bool:
    return text[: token.start].rstrip().endswith(",")


def phrases(context: RuleContext) -> Iterator[Phrase]:
    """Candidate phrases of a segment: a trigger word (determiner, preposition) with a
    capitalised word at most a few tokens on, before any lookup."""
    tokens = context.tokens
    used: set[int] = set()
    for i, token in enumerate(tokens):
        lower = token.text.lower()
        if lower not in TRIGGERS or i in used or token.kind != "word":
            continue
        if not any(t.text[:1].isupper() for t in tokens[i + 1 : i + 2 + _MAX_BETWEEN]):
            continue
        phrase = _phrase_at(context, i, lower, used)
        if phrase is not None:
            yield phrase


def _phrase_at(context: RuleContext, i: int, lower: str, used: set[int]) -> Phrase | None:
    tokens, text = context.tokens, context.text
    token = tokens[i]
    preposition, governs, contraction = None, ALL, ""
    determiner: Determiner | None = None
    determiner_token: Token | None = None
    start = i + 1
    if lower in CONTRACTIONS:
        contraction, article = CONTRACTIONS[lower]
        preposition, governs = token, GOVERNS[contraction]
        cells = DETERMINERS[article].cells & governs  # zur: zu + der, so dative only
        determiner, determiner_token = Determiner(lower, cells, 0, "der"), token
    elif lower in GOVERNS:
        if not _preposition_here(context, i, lower):
            return None
        preposition, governs = token, GOVERNS[lower]
        if i + 1 >= len(tokens) or not _gap_is_space(text, token, tokens[i + 1]):
            return None
        following = tokens[i + 1].text.lower()
        if following in DETERMINERS:
            determiner, determiner_token = DETERMINERS[following], tokens[i + 1]
            used.add(i + 1)
            start = i + 2
        elif lower not in _BARE_OK:
            return None
    else:
        if (lower in _AMBIGUOUS or lower == "einen") and _verb_reading(tokens, i):
            return None
        if i > 0 and tokens[i - 1].text.lower() in _ARTICLES:
            return None  # das eine Mal, die einen … die anderen: a numeral, not an article
        determiner, determiner_token = DETERMINERS[lower], token
    if determiner_token is not None and _after_comma(text, preposition or determiner_token):
        return None  # a relative pronoun: "das Kind, dem Männer helfen"
    if determiner_token is not None and determiner_token.text.lower() in _FLOATING:
        return None
    return _rest_of_phrase(
        context, start, preposition, governs, determiner, determiner_token, contraction
    )


def _preposition_here(context: RuleContext, i: int, lower: str) -> bool:
    """False where the word is no preposition of what follows: "was für ein", "um … zu",
    "um … willen", a postposition ("meiner Meinung nach"), "nach wie vor", "ihr seit"."""
    tokens = context.tokens
    before = tokens[i - 1].text.lower() if i > 0 else ""
    if lower == "für" and before == "was":
        return False
    if lower == "um" and _UM_CLAUSE.search(context.text, tokens[i].end):
        return False
    if (lower, before) in (("seit", "ihr"), ("vor", "wie")):
        return False
    if before in ("und", "oder") and i > 1 and tokens[i - 2].text.lower() in _PARTICLES:
        return False  # nach und nach, ab und zu, vor und nach der Wahl
    if lower in ("an", "auf", "aus") and "von" in {
        t.text.lower() for t in tokens[max(0, i - 3) : i]
    }:
        return False  # von klein auf, von Anfang an, von hier aus
    return not (lower in ("nach", "gegenüber") and i > 1 and tokens[i - 1].text[:1].isupper())


def _verb_reading(tokens: list[Token], i: int) -> bool:
    """ "ihr"/"sein"/"meinen" after a pronoun or in verb position: no determiner then."""
    before = tokens[i - 1].text.lower() if i > 0 else ""
    return tokens[i].text.lower() == "ihr" or before in {
        "ich", "du", "er", "sie", "es", "wir", "ihr", "man", "zu", "kann", "muss", "soll",
        "will", "wird", "würde", "könnte", "müsste", "sollte", "dürfte", "mag", "möchte",
    }  # fmt: skip


def _rest_of_phrase(
    context: RuleContext,
    start: int,
    preposition: Token | None,
    governs: int,
    determiner: Determiner | None,
    determiner_token: Token | None,
    contraction: str,
) -> Phrase | None:
    tokens, text, speller = context.tokens, context.text, context.resources.speller
    adjectives: list[tuple[Token, str, str]] = []
    skipped: list[Token] = []
    previous = determiner_token or preposition
    for k in range(start, min(start + _MAX_BETWEEN + 1, len(tokens))):
        token = tokens[k]
        if token.kind != "word" or previous is None or not _gap_is_space(text, previous, token):
            return None
        word = token.text
        if word[:1].isupper():
            noun = _noun(token, text, context.resources)
            if noun is None:
                return None
            if determiner is None and not adjectives:
                return _bare_noun_phrase(context, preposition, governs, noun, k)
            return Phrase(
                preposition, governs, determiner, determiner_token, adjectives, noun, k,
                contraction, skipped,
            )  # fmt: skip
        lower = word.lower()
        if lower in TRIGGERS or lower in _STOPS:
            return None
        if contraction == "an" and lower.endswith("sten"):
            return None  # am häufigsten: the superlative of an adverb
        found = adjective(word, speller)
        if found is not None:
            adjectives.append((token, *found))
        elif lower in _DEGREE or uninflected_adjective(word, speller):
            skipped.append(token)
        else:
            return None  # anything else may start an extended attribute: die vom Staat …
        previous = token
    return None


def _bare_noun_phrase(
    context: RuleContext, preposition: Token | None, governs: int, noun: Noun, k: int
) -> Phrase | None:
    """Preposition + plural noun alone ("mit Kinder"): judged only when the noun is plain,
    no genitive or name follows, and the two are not one word too (zu Gunsten/zugunsten).
    A singular after a bare preposition often goes uninflected (ohne Autopilot)."""
    if preposition is None or not noun.exact or noun.cells & SINGULAR:
        return None
    if governs == _case_mask(GEN):
        return None  # wegen Vorwürfen: a bare plural shows no genitive, so the dative it is
    tokens = context.tokens
    if k + 1 < len(tokens) and tokens[k + 1].text[:1].isupper():
        return None  # mit Gottes Hilfe, von Präsident Biden
    if context.resources.speller.known(preposition.text.lower() + noun.token.text.lower()):
        return None
    return Phrase(preposition, governs, None, None, [], noun, k)


def _inside_attribute(context: RuleContext, phrase: Phrase) -> bool:
    """The noun is an attribute or sits inside an extended attribute, so the determiner
    belongs to a later noun: "das Berliner Abkommen", "die Kindern gewidmete Ausstellung",
    "ein Hunderte von Personen freisprechendes Urteil"."""
    tokens, text, speller = context.tokens, context.text, context.resources.speller
    k = phrase.index
    previous = tokens[k]
    for j in range(k + 1, min(k + 6, len(tokens))):
        token = tokens[j]
        if token.kind not in ("word", "number") or not _gap_is_space(text, previous, token):
            return False
        if j == k + 1 and (token.text[:1].isupper() or token.kind == "number"):
            return True  # der Budget Act, das Berliner Abkommen, Präsident Putin, Airbus 320
        if token.text.lower() in _CLAUSE_WORDS:
            return False
        if adjective(token.text, speller) and j + 1 < len(tokens):
            after = tokens[j + 1]
            if after.text[:1].isupper() or adjective(after.text, speller):
                return True
        previous = token
    return False


def _english_follows(context: RuleContext, phrase: Phrase) -> bool:
    """des Department of Justice: an English name, left uninflected."""
    tokens, english = context.tokens, context.resources.speller.english
    k = phrase.index
    if k + 1 >= len(tokens) or english is None:
        return False
    word = tokens[k + 1].text
    return word in ("of", "for", "and", "the") or (
        english.known(word) and not context.resources.speller.known(word)
    )


def _superlative_after_mit(phrase: Phrase) -> bool:
    """ "mit die einzigen …", "mit das Beste": mit as "among", with a superlative."""
    if phrase.preposition is None or phrase.preposition.text.lower() != "mit":
        return False
    stems = [stem for _token, stem, _ending in phrase.adjectives]
    return any(stem.endswith(("st", "ßt")) or stem == "einzig" for stem in stems)


# --- judging ----------------------------------------------------------------------------------


def adjective_cells(determiner: Determiner | None, ending: str) -> int:
    """Cells where an adjective with `ending` fits after `determiner` (strong without one)."""
    cells = determiner.cells if determiner else ALL
    strong = determiner.strong if determiner else ALL
    found = 0
    for cell in _cells(cells):
        row, column = divmod(cell, 4)
        expected = _STRONG[row][column] if strong >> cell & 1 else _WEAK[row][column]
        if expected == ending:
            found |= 1 << cell
    return found


def _attributive(phrase: Phrase) -> list[tuple[Token, str, str]]:
    """The adjectives that belong to the noun: a non-final one in -e or -er with another
    ending than the last is read as an adverb (den lange erwarteten Bericht, die weiter
    steigenden Preise, die früher gewählten Abgeordneten)."""
    if not phrase.adjectives:
        return []
    last = phrase.adjectives[-1][2]
    return [
        adjective
        for adjective in phrase.adjectives[:-1]
        if adjective[2] == last or adjective[2] not in ("e", "er")
    ] + [phrase.adjectives[-1]]


@dataclass(frozen=True)
class Verdict:
    agreement: bool  # the phrase agrees in itself
    fits_preposition: bool
    only_dative: bool  # a genitive preposition with a dative phrase (wegen dem Wetter)
    adjectives_matter: bool  # without the adjectives the phrase would agree


def _adjectives_cells(phrase: Phrase) -> int:
    """Cells the determiner and the attributive adjectives allow together. Without a
    determiner a weak -en after a strong -em is accepted (mit frischem grünen Salat)."""
    cells = phrase.determiner.cells if phrase.determiner else ALL
    previous = ""
    for _token, _stem, ending in _attributive(phrase):
        allowed = adjective_cells(phrase.determiner, ending)
        if phrase.determiner is None and previous == "em" and ending == "en":
            allowed |= _bit(DAT, M) | _bit(DAT, N)
        cells &= allowed
        previous = ending
    return cells


def judge(phrase: Phrase) -> Verdict:
    """Whether the phrase agrees in itself and fits its preposition's case."""
    determiner_cells = phrase.determiner.cells if phrase.determiner else ALL
    core = determiner_cells & phrase.noun.cells & _numeral_cells(phrase)
    cells = core & _adjectives_cells(phrase)
    fits = bool(cells & phrase.governs)
    only_dative = not fits and phrase.governs == _case_mask(GEN) and bool(cells & _case_mask(DAT))
    return Verdict(bool(cells), fits, only_dative, bool(core) and not cells)


# --- fixes ------------------------------------------------------------------------------------


def _noun_form(noun: Noun, cell: int, resources) -> tuple[str, int] | None:
    """`noun` written in `cell`, and the rank of the lemma it came from (0: the commonest).
    The written form is kept where it fits, except an old dative in -e (dem Jahre)."""
    for cells, form in noun.forms:
        if cells >> cell & 1:
            return form, 0
    case, slot = divmod(cell, 4)
    key = f"{CASE_ORDER[case]}.{'pl' if slot == PL else 'sg'}"
    nouns = resources.nouns
    lemmas = sorted(noun.lemmas, key=lambda lemma: -resources.frequency.zipf(lemma))
    for rank, lemma in enumerate(lemmas):
        for table in nouns.declensions(lemma):
            if noun.head not in {form for forms in table.forms.values() for form in forms}:
                continue
            if slot != PL and "mfn"[slot] not in table.genders:
                continue
            forms = table.forms.get(key)
            if not forms:
                continue
            head = forms[0]
            if noun.head in forms and not (key == "dat.sg" and _old_dative(noun.head, head)):
                return noun.token.text, rank  # as written (Strasse stays Strasse)
            if noun.prefix and not noun.prefix.endswith("-"):
                head = head.lower()
            return noun.prefix + head, rank
    return None


def _old_dative(form: str, main: str) -> bool:
    return form != main and form.endswith("e") and not main.endswith("e")


def _determiner_form(phrase: Phrase, cell: int) -> str | None:
    determiner = phrase.determiner
    if determiner is None:
        return ""
    if phrase.contraction:
        article = DEFINITE[cell]
        form = _CONTRACTED.get((phrase.contraction, article)) or f"{phrase.contraction} {article}"
    else:
        form = determiner.form(cell)
        if form is None:
            return None
    word = phrase.determiner_token.text if phrase.determiner_token else form
    return form[:1].upper() + form[1:] if word[:1].isupper() else form


def _adjective_ending(phrase: Phrase, cell: int) -> str:
    row, column = divmod(cell, 4)
    determiner = phrase.determiner
    strong = determiner is None or (
        determiner.form(cell) is not None and _is_bare(determiner, cell)
    )
    return _STRONG[row][column] if strong else _WEAK[row][column]


def _is_bare(determiner: Determiner, cell: int) -> bool:
    """An ein-word without ending in this cell (ein, kein, mein): the adjective is strong."""
    return bool(_FAMILY_STRONG.get(determiner.family, 0) >> cell & 1)


@dataclass(frozen=True, order=True)
class Fix:
    rank: tuple
    text: str = field(compare=False)


def fixes(phrase: Phrase, resources: Resources) -> list[str]:
    """Corrected phrases, the likeliest first."""
    plural = _plural_wanted(phrase, resources)
    # The cases the determiner shows in that number: "seinen" is accusative in the singular
    # (seinen eigenen Fahrrad → sein eigenes Fahrrad), dative in the plural.
    shown = phrase.determiner.cells if phrase.determiner else ALL
    shown &= PLURAL if plural else SINGULAR
    if not shown:  # dem Sachen: "dem" has no plural, its case still counts
        shown = phrase.determiner.cells if phrase.determiner else ALL
    original_cases = {cell // 4 for cell in _cells(shown)}
    attributive = {a[0] for a in _attributive(phrase)}
    found: dict[str, Fix] = {}
    for cell in _cells(phrase.governs & _numeral_cells(phrase)):
        determiner = _determiner_form(phrase, cell)
        found_noun = _noun_form(phrase.noun, cell, resources)
        if determiner is None or found_noun is None:
            continue
        noun, lemma_rank = found_noun
        words: list[str] = []
        changed = 0
        determiner_changed = False
        if phrase.determiner_token is not None:
            determiner_changed = determiner != phrase.determiner_token.text
            changed += determiner_changed
            words.append(determiner)
        for token in _between(phrase):
            if token in attributive:
                stem = next(a[1] for a in phrase.adjectives if a[0] is token)
                form = stem + _adjective_ending(phrase, cell)
                changed += form != token.text
                words.append(form)
            else:
                words.append(token.text)
        changed += noun != phrase.noun.token.text
        words.append(noun)
        if not changed:
            continue
        case, slot = divmod(cell, 4)
        rank = (
            (slot == PL) != plural,  # keep the phrase's number
            lemma_rank,
            case not in original_cases,  # keep the determiner's case
            changed,
            determiner_changed,
            case,
        )
        written = " ".join(words)
        if written not in found or rank < found[written].rank:
            found[written] = Fix(rank, written)
    ranked = sorted(found.values())
    if ranked and ranked[0].rank[1] == 0:  # never a rare homograph's forms (Haus of Hau)
        ranked = [fix for fix in ranked if fix.rank[1] == 0]
    return [fix.text for fix in ranked][:3]


def _plural_wanted(phrase: Phrase, resources) -> bool:
    """The number a fix keeps: the phrase's, when it agrees in itself (aus der Ozeane → den
    Ozeanen); the one determiner and adjectives agree on, when they allow one number only and
    the noun has it in its gender (die einzelnen Abschnitt → Abschnitte, but seinen eigenen
    Fahrrad: seinen is singular or plural); else the noun's (der Kind → das Kind)."""
    noun = phrase.noun
    together = _adjectives_cells(phrase)
    adjectives = _attributive(phrase)
    whole = together & noun.mask & _numeral_cells(phrase)
    if whole and (not whole & SINGULAR or not whole & PLURAL):
        return not whole & SINGULAR
    if _numeral_cells(phrase) == PLURAL:
        return True
    one_number = together and (not together & SINGULAR or not together & PLURAL)
    determined = phrase.determiner is not None and adjectives and one_number
    if determined and together & _gender_space(noun, resources):
        return not together & SINGULAR
    return noun.plural


def _gender_space(noun: Noun, resources) -> int:
    """Every cell some form of the noun fills: the singular of the genders of the tables
    that hold it (Haare: das Haar, not the rare feminine), and the plural."""
    if noun.forms:
        return sum(cells for cells, _form in noun.forms)
    space = PLURAL
    for lemma in noun.lemmas:
        for table in resources.nouns.declensions(lemma):
            if any(noun.head in forms for forms in table.forms.values()):
                for gender in table.genders:
                    space |= sum(_bit(case, "mfn".index(gender)) for case in range(4))
    return space


def _numeral_cells(phrase: Phrase) -> int:
    """A cardinal number above one between determiner and noun makes the phrase plural."""
    return PLURAL if any(token.text.lower() in _NUMERALS for token in phrase.skipped) else ALL


def _between(phrase: Phrase) -> list[Token]:
    tokens = [a[0] for a in phrase.adjectives] + phrase.skipped
    return sorted(tokens, key=lambda token: token.start)


# --- the rules --------------------------------------------------------------------------------


def _describe_noun(noun: Noun, resources) -> str:
    if noun.plural:
        return f"“{noun.token.text}” is plural"
    if noun.lemmas:
        lemma = max(noun.lemmas, key=resources.frequency.zipf)
        genders = resources.nouns.genders.get(lemma, ())
    else:  # made by a rule: Regentschaft, das Argumentieren
        genders = {g for i, g in enumerate("mfn") if noun.mask & sum(_bit(c, i) for c in range(4))}
    if len(genders) == 1:
        gender = GENDER_NAMES["mfn".index(next(iter(genders)))]
        return f"“{noun.token.text}” is {gender}"
    return f"“{noun.token.text}” does not fit"


# The last segment's flags: the three rules share one pass. One tuple, swapped whole, so a
# second thread checking at the same time never reads one segment's key with another's flags.
_LAST: list[tuple[RuleContext | None, tuple[Flag, ...]]] = [(None, ())]


def _flags(context: RuleContext) -> tuple[Flag, ...]:
    last = _LAST[0]
    if last[0] is context:
        return last[1]
    found = tuple(flag for phrase in phrases(context) for flag in _judge_phrase(context, phrase))
    _LAST[0] = (context, found)
    return found


def _judge_phrase(context: RuleContext, phrase: Phrase) -> Iterator[Flag]:
    verdict = judge(phrase)
    if _fine(phrase, verdict):
        return
    noun = phrase.noun
    if noun.lemmas and not noun.forms:  # readings beyond the tables, sought only now
        extra = _other_readings(noun.head, context.resources)
        if extra:
            phrase.noun = replace(noun, tolerated=extra)
            verdict = judge(phrase)
            if _fine(phrase, verdict):
                return
    if _not_one_phrase(context, phrase):
        return
    if not verdict.agreement:
        if phrase.determiner is not None or phrase.adjectives:
            yield from _agreement_flag(context, phrase, verdict)
    else:
        yield from _preposition_flag(context, phrase, verdict)


def _fine(phrase: Phrase, verdict: Verdict) -> bool:
    wrong_case = phrase.preposition is not None and not phrase.contraction
    return verdict.agreement and (verdict.fits_preposition or not wrong_case)


def _not_one_phrase(context: RuleContext, phrase: Phrase) -> bool:
    """Second thoughts, paid only for a phrase that looks wrong: what looked like one noun
    phrase is not (see the functions called)."""
    word = phrase.determiner_token.text.lower() if phrase.determiner_token else ""
    if word == "das" and not phrase.noun.cells & NEUTER:
        return True  # the pronoun: "Macht das Sinn?", "weil das Kinder sind"
    return (
        _inside_attribute(context, phrase)
        or _english_follows(context, phrase)
        or _superlative_after_mit(phrase)
    )


def _agreement_flag(context: RuleContext, phrase: Phrase, verdict: Verdict) -> Iterator[Flag]:
    suggestions = fixes(phrase, context.resources)
    if not suggestions:
        return
    start, end = phrase.start, phrase.noun.token.end
    sure = (
        phrase.noun.exact
        and phrase.determiner is not None
        and not verdict.adjectives_matter
        and phrase.determiner.word not in _AMBIGUOUS
    )
    message = (
        f"“{context.text[start:end]}”: the words of this noun phrase do not agree in case, "
        f"number and gender ({_describe_noun(phrase.noun, context.resources)})."
    )
    severity = None if sure else Severity.WARNING
    yield AGREEMENT.flag(start, end, message, suggestions, severity=severity)


def _preposition_flag(context: RuleContext, phrase: Phrase, verdict: Verdict) -> Iterator[Flag]:
    suggestions = fixes(phrase, context.resources)
    if not suggestions or phrase.preposition is None:
        return
    start, end = phrase.start, phrase.noun.token.end
    preposition, flagged = phrase.preposition.text, context.text[start:end]
    if verdict.only_dative:
        message = (
            f"“{preposition}” takes the genitive in written German; the dative "
            f"(“{flagged}”) is colloquial."
        )
        yield GENITIVE_PREPOSITION.flag(start, end, message, suggestions)
        return
    governs = [CASE_NAMES[c] for c in range(4) if phrase.governs >> (4 * c) & 0xF]
    sure = (
        phrase.noun.exact
        and phrase.determiner is not None
        and phrase.determiner.word not in _AMBIGUOUS
    )
    message = (
        f"“{preposition}” takes the {' or the '.join(governs)}: “{flagged}” is {_case_of(phrase)}."
    )
    severity = None if sure else Severity.WARNING
    yield PREPOSITION_CASE.flag(start, end, message, suggestions, severity=severity)


def _only(rule_id: str):
    def check(context: RuleContext) -> list[Flag]:
        return [flag for flag in _flags(context) if flag.rule_id == rule_id]

    return check


def _case_of(phrase: Phrase) -> str:
    cells = phrase.noun.cells & _adjectives_cells(phrase)
    cases = [CASE_NAMES[c] for c in range(4) if cells >> (4 * c) & 0xF]
    return " or ".join(cases)


AGREEMENT = Rule(
    "NOUN_PHRASE_AGREEMENT", "GRAMMAR", Severity.ERROR,
    "Determiner, adjectives and noun must agree in case, number and gender; the fix keeps "
    "the noun's number and the determiner's case where it can.",
    "die Westmächten → die Westmächte",
    _only("NOUN_PHRASE_AGREEMENT"),
)  # fmt: skip
PREPOSITION_CASE = Rule(
    "PREPOSITION_CASE", "GRAMMAR", Severity.ERROR,
    "A preposition governs a case (mit + dative, für + accusative, in/auf + dative or "
    "accusative); the phrase after it is in another one.",
    "für dem Mann → für den Mann", _only("PREPOSITION_CASE"),
)  # fmt: skip
GENITIVE_PREPOSITION = Rule(
    "GENITIVE_PREPOSITION_DATIVE", "GRAMMAR", Severity.HINT,
    "wegen, trotz, aufgrund … take the genitive in written German; the dative is colloquial.",
    "wegen dem Wetter → wegen des Wetters", _only("GENITIVE_PREPOSITION_DATIVE"),
)  # fmt: skip
RULES = (AGREEMENT, PREPOSITION_CASE, GENITIVE_PREPOSITION)
