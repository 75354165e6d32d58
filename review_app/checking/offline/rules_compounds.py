"""Compounds: the hyphens German writes when a part is a name, an abbreviation or a foreign
word ("EU Kommission" → "EU-Kommission", "Kim Il Sung Platz" → "Kim-Il-Sung-Platz"), and
hyphens that an ordinary, dictionary-listed compound does not need ("Haus-Tür" → "Haustür").

Spaced compounds are told from a name followed by a noun of its own ("dass Trump Zölle
erhebt", "Präsident Biden") by what stands before them: an article that agrees with the last
noun in the singular makes one noun phrase of the whole.
"""

from __future__ import annotations

import re
from itertools import pairwise

from review_app.checking.flag import Flag, Severity
from review_app.checking.offline.registry import Resources, Rule, RuleContext
from review_app.checking.offline.rules_casing import (
    ARTICLE_FEATURES,
    ARTICLE_PREPOSITIONS,
    FUNCTION_WORDS,
    NUMBER_WORDS,
)
from review_app.checking.offline.tokens import Token

# What each determiner (and preposition + article contraction) agrees with: case.number.gender.
_DER, _DIE, _DAS = ARTICLE_FEATURES["der"], ARTICLE_FEATURES["die"], ARTICLE_FEATURES["das"]
_DEN, _DEM, _DES = ARTICLE_FEATURES["den"], ARTICLE_FEATURES["dem"], ARTICLE_FEATURES["des"]
_EIN = ("nom.sg.m", "nom.sg.n", "acc.sg.n")
_EINE = ("nom.sg.f", "acc.sg.f", "nom.pl", "acc.pl")
_EINER = ("gen.sg.f", "dat.sg.f", "gen.pl")
_EINES = ("gen.sg.m", "gen.sg.n")
DETERMINERS: dict[str, tuple[str, ...]] = {
    **ARTICLE_FEATURES,
    "zum": _DEM, "im": _DEM, "am": _DEM, "vom": _DEM, "beim": _DEM, "zur": ("dat.sg.f",),
    "ins": _DAS, "aufs": _DAS, "fürs": _DAS, "durchs": _DAS, "ums": _DAS, "übers": _DAS,
}  # fmt: skip
# ein-words (ein, kein, possessives) and der-words (dieser, jener, jeder, welcher) by ending.
_EIN_STEMS = ("ein", "kein", "mein", "dein", "sein", "ihr", "unser", "euer", "eur")
_EIN_ENDINGS = {"": _EIN, "e": _EINE, "en": _DEN, "em": _DEM, "er": _EINER, "es": _EINES}
_DER_STEMS = ("dies", "jen", "jed", "welch")
_DER_ENDINGS = {"er": _DER, "e": _DIE, "es": _DAS + _DES, "en": _DEN, "em": _DEM}
PREPOSITIONS = ARTICLE_PREPOSITIONS | {"gegenüber", "trotz", "wegen"}
_ABBREVIATION = re.compile(r"[A-ZÄÖÜ]{2,5}")
_ADJECTIVE_ENDINGS = ("e", "en", "em", "er", "es")
# An unknown word in adjective form is a foreign adjective ("Guineischen"), not a name part.
_FOREIGN_ADJECTIVE = re.compile(r"isch(e|en|em|er|es)?$")
_MAX_PARTS = 4


def _titled(word: str) -> bool:
    return word[:1].isupper() and word[1:].islower()


def _joined(text: str, first: Token, second: Token) -> bool:
    return text[first.end : second.start] == " "


def determiner_features(word: str) -> tuple[str, ...]:
    """The case.number.gender features a determiner agrees with (empty for other words)."""
    word = word.lower()
    if word in DETERMINERS:
        return DETERMINERS[word]
    for stems, endings in ((_EIN_STEMS, _EIN_ENDINGS), (_DER_STEMS, _DER_ENDINGS)):
        for stem in stems:
            if word.startswith(stem) and word[len(stem) :] in endings:
                return endings[word[len(stem) :]]
    return ()


# --- the parts --------------------------------------------------------------------------------


def noun_analyses(resources: Resources, word: str) -> frozenset[str]:
    """The case.number.gender features of a German common noun, or of a compound the
    dictionary knows by its last part (Katzenfutter, Verpackungsordnung); empty for anything
    else (names, other words, unknown words)."""
    nouns = resources.nouns
    if not _titled(word.rsplit("-", 1)[-1]):
        return frozenset()
    if nouns.is_noun(word):
        return frozenset() if nouns.lemma(word) in nouns.names else nouns.analyses(word)
    if word in resources.speller.stems or not resources.speller.known(word) or len(word) < 8:
        return frozenset()  # a listed word that is no noun (Russland), or no word
    for i in range(3, len(word) - 3):
        tail = word[i].upper() + word[i + 1 :]
        if nouns.is_noun(tail) and nouns.lemma(tail) not in nouns.names:
            return nouns.analyses(tail)
    return frozenset()


def _english(resources: Resources, word: str) -> bool:
    english = resources.speller.english
    return english is not None and english.known(word.lower())


def part_kind(resources: Resources, token: Token) -> str | None:
    """ "abbreviation" (EU, USB), "name" (a word no German dictionary knows, or a proper name),
    or None when the token cannot be the first part of a hyphenated compound."""
    word = token.text
    if not token.is_word or not word[:1].isupper():
        return None
    if _ABBREVIATION.fullmatch(word):
        # "ZUR Arbeit" is shouting, not an abbreviation
        return None if resources.speller.known(word.lower()) else "abbreviation"
    if word.isupper() or word.endswith(("s", "'s", "’s")):
        return None  # shouting, or a genitive ("Sunaks Gesetz")
    if resources.speller.spell(word) is False:
        return None if _FOREIGN_ADJECTIVE.search(word.lower()) else "name"
    if word in resources.nouns.names:
        return "name"
    return None


def _chain(context: RuleContext, head: int) -> int:
    """The index of the first token of the name/abbreviation parts before `head`, or `head`
    when there are none."""
    text, tokens = context.text, context.tokens
    first = head
    while first > 0 and head - first < _MAX_PARTS:
        candidate = tokens[first - 1]
        if not _joined(text, candidate, tokens[first]):
            break
        if part_kind(context.resources, candidate) is None:
            break
        first -= 1
    return first


def _singular_agreement(features: tuple[str, ...], analyses: frozenset[str]) -> bool:
    return any(".sg." in feature and feature in analyses for feature in features)


def _determiner_before(context: RuleContext, first: int) -> tuple[str, ...]:
    """The features of a determiner before the parts, over any inflected adjectives
    ("der neuen EU Verpackungsordnung")."""
    text, tokens = context.text, context.tokens
    index = first - 1
    while (
        index >= 0
        and tokens[index].text.islower()
        and tokens[index].text.endswith(_ADJECTIVE_ENDINGS)
    ):
        features = determiner_features(tokens[index].text)
        if features:
            return features
        if index == 0 or not _joined(text, tokens[index - 1], tokens[index]):
            return ()
        index -= 1
    if index < 0 or not _joined(text, tokens[index], tokens[index + 1]):
        return ()
    return determiner_features(tokens[index].text)


def _one_phrase(context: RuleContext, first: int, head: int) -> bool:
    """An article agrees with the last noun in the singular ("dem Kim Il Sung Platz"), or a
    preposition stands before an abbreviation or several name parts ("in Kim Il Sung Platz");
    otherwise the words are more likely a name and a noun of its own ("dass die SEC Fonds …",
    "gegenüber Le Monde")."""
    tokens, resources = context.tokens, context.resources
    features = _determiner_before(context, first)
    if features:
        return _singular_agreement(features, noun_analyses(resources, tokens[head].text))
    if first == 0 or _english(resources, tokens[head].text):
        return False  # "bei MTV Wild 'n Out": without an article an English head stays apart
    previous = tokens[first - 1]
    if previous.text not in PREPOSITIONS or not _joined(context.text, previous, tokens[first]):
        return False
    kinds = [part_kind(resources, tokens[i]) for i in range(first, head)]
    return kinds[-1] == "abbreviation" or len(kinds) >= 2


def _foreign_run(context: RuleContext, first: int) -> bool:
    """The parts continue a foreign phrase ("Cost of Living Act"): a lower-case word no German
    dictionary knows stands right before them."""
    if first == 0:
        return False
    previous = context.tokens[first - 1]
    word = previous.text
    return (
        previous.is_word
        and word.islower()
        and _joined(context.text, previous, context.tokens[first])
        and context.resources.speller.spell(word) is False
    )


def _head_candidate(context: RuleContext, index: int) -> bool:
    token = context.tokens[index]
    if not token.is_word or not token.text[:1].isupper() or token.text.isupper():
        return False
    return bool(noun_analyses(context.resources, token.text))


def missing_hyphen(context: RuleContext) -> list[Flag]:
    """ "EU Kommission" → "EU-Kommission", "dem Kim Il Sung Platz" → "Kim-Il-Sung-Platz"."""
    text, tokens, resources = context.text, context.tokens, context.resources
    if " " not in text:
        return []
    flags = []
    for head in range(1, len(tokens)):
        if not tokens[head - 1].text[:1].isupper() or not tokens[head].text[:1].isupper():
            continue  # the cheap test: two capitalised words in a row
        if part_kind(resources, tokens[head - 1]) is None or not _head_candidate(context, head):
            continue
        first = _chain(context, head)
        if first == head or _foreign_run(context, first):
            continue
        kinds = [part_kind(resources, tokens[i]) for i in range(first, head)]
        if tokens[first].sentence_initial and kinds[0] != "abbreviation":
            continue  # "Jane Richter ist …", "Hey Leute"
        if "abbreviation" not in kinds and _english(resources, tokens[head].text):
            continue  # an English phrase ("Criminal Division")
        if not _one_phrase(context, first, head):
            continue
        parts = [tokens[i].text for i in range(first, head + 1)]
        joined = "-".join(parts)
        flags.append(
            MISSING_HYPHEN.flag(
                tokens[first].start,
                tokens[head].end,
                f"“{' '.join(parts)}”: a compound with a name, abbreviation or foreign word "
                f"is joined with hyphens: “{joined}”.",
                (joined,),
            )
        )
    return flags


# --- hyphens an ordinary compound does not need ---------------------------------------------


def _ordinary_part(resources: Resources, part: str) -> bool:
    """A German word that is no name, abbreviation or English word (Pop-Kultur keeps its
    hyphen, though the German dictionary knows "Pop" too)."""
    if len(part) < 3 or not part.isalpha() or part.isupper() or part[1:] != part[1:].lower():
        return False
    if not resources.speller.known(part) or part in resources.nouns.names:
        return False
    lower = part.lower()
    if lower in NUMBER_WORDS or lower in FUNCTION_WORDS:
        return False  # "Zwei-Zimmer-Wohnung", "Ist-Zustand" keep their hyphen
    return not _english(resources, part)


def _coordinated(resources: Resources, parts: list[str]) -> bool:
    """Two adjectives side by side ("Schwarz-Weiß-Foto", "Rot-Grün"): a coordination, whose
    hyphen is right."""
    adjectives = [resources.speller.known(part.lower()) for part in parts]
    return any(first and second for first, second in pairwise(adjectives))


def _listed(resources: Resources, word: str) -> bool:
    """The joined form is a word of its own in the dictionaries, not only Hunspell's free
    compounding (which would take any readability compound)."""
    nouns = resources.nouns
    return (nouns.is_noun(word) and nouns.lemma(word) not in nouns.names) or (
        word in resources.speller.stems
    )


def needless_hyphen(context: RuleContext) -> list[Flag]:
    """ "Haus-Tür" → "Haustür": both parts ordinary German words and the joined compound a
    listed word."""
    resources, tokens = context.resources, context.tokens
    if "-" not in context.text:
        return []
    flags = []
    for index, token in enumerate(tokens):
        word = token.text
        if not token.is_word or "-" not in word or not word[:1].isupper():
            continue
        if index > 0 and tokens[index - 1].kind == "number":
            continue  # "am 18. Dezember-Sitzung": the first part belongs to a date
        parts = word.split("-")
        if not 2 <= len(parts) <= 3 or not all(part[:1].isupper() for part in parts[1:]):
            continue
        if not all(_ordinary_part(resources, part) for part in parts):
            continue
        if _coordinated(resources, parts):
            continue
        joined = parts[0] + "".join(part.lower() for part in parts[1:])
        if not _listed(resources, joined):
            continue
        flags.append(
            NEEDLESS_HYPHEN.flag(
                token.start,
                token.end,
                f"“{word}” is an ordinary compound: German writes it as one word, “{joined}”.",
                (joined,),
            )
        )
    return flags


MISSING_HYPHEN = Rule(
    "MISSING_COMPOUND_HYPHEN", "COMPOUNDING", Severity.WARNING,
    "A compound whose first parts are a name, an abbreviation or a foreign word is joined "
    "with hyphens (where an article or a preposition makes one noun phrase of them).",
    "EU Kommission → EU-Kommission; Kim Il Sung Platz → Kim-Il-Sung-Platz", missing_hyphen,
)  # fmt: skip
NEEDLESS_HYPHEN = Rule(
    "NEEDLESS_COMPOUND_HYPHEN", "COMPOUNDING", Severity.WARNING,
    "A hyphen inside an ordinary compound of German words that the dictionary lists as one "
    "word (names, abbreviations, numbers and English parts keep their hyphens).",
    "Haus-Tür → Haustür", needless_hyphen,
)  # fmt: skip

RULES = (MISSING_HYPHEN, NEEDLESS_HYPHEN)
