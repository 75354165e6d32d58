"""Confusions that need the words around them (seit/seid, das/dass, den/denn, wieder/wider),
place names that take an article ("nach Ukraine" → "in die Ukraine"), and a compound no word
list knows standing as a bare singular at the start of a sentence ("Kinderwelle mit …").

Place names come from german-nouns (Wiktionary): a toponym whose every entry is feminine or
plural-only takes an article (die Ukraine, die Schweiz, die USA), unlike the neuter country
and city names (Russland, Berlin). The closed classes listed here (prepositions with their
case, pronouns, time words after "seit") are grammar.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from review_app.checking.flag import Flag, Severity
from review_app.checking.offline.registry import Resources, Rule, RuleContext
from review_app.checking.offline.rules_verbs import (
    FINITE_PERSONS,
    breaks,
    clause_span,
    with_case_of,
    words_of,
)
from review_app.checking.offline.tokens import Token

_NOMINATIVE_PRONOUNS = frozenset(["ich", "du", "er", "sie", "es", "wir", "ihr", "man"])

# --- ARTICLE_TOPONYM -----------------------------------------------------------------------


@dataclass(frozen=True)
class Toponym:
    plural: bool
    nominative: str
    dative: str


@lru_cache(maxsize=1)
def toponyms() -> dict[str, Toponym]:
    """Written form → place name that takes an article: every german-nouns entry of the lemma
    is a toponym, feminine (die Ukraine) or plural-only (die USA, die Niederlande), and no
    other noun is written the same."""
    from german_nouns.config import CSV_FILE_PATH

    with open(CSV_FILE_PATH, encoding="utf-8", newline="") as handle:
        lines = handle.read().splitlines()
    header = next(csv.reader(lines[:1]))
    # Only the rows of lemmas that have a toponym row are parsed (a few thousand of 100,000).
    places = {line.split(",", 1)[0] for line in lines if "Toponym" in line}
    rows = csv.reader(line for line in lines[1:] if line.split(",", 1)[0] in places)
    genders = [i for i, name in enumerate(header) if name.startswith("genus")]
    nom_sg, nom_pl = header.index("nominativ singular"), header.index("nominativ plural")
    dat_pl = header.index("dativ plural")
    entries: dict[str, list[tuple[bool, set[str], str, str, str]]] = {}
    for row in rows:
        lemma = row[0]
        if " " in lemma or not lemma[:1].isupper():
            continue
        gender = {row[i] for i in genders} - {""}
        entries.setdefault(lemma, []).append(
            ("Toponym" in row[1], gender, row[nom_sg], row[nom_pl], row[dat_pl])
        )
    found: dict[str, Toponym] = {}
    for lemma, variants in entries.items():
        if not all(toponym for toponym, *_ in variants):
            continue
        if all(gender == {"f"} for _, gender, *_ in variants):
            found[lemma] = Toponym(False, lemma, lemma)
        elif all(not gender and not sg and pl for _, gender, sg, pl, _ in variants):
            _, _, _, plural, dative = variants[0]
            toponym = Toponym(True, plural, dative or plural)
            found[plural] = toponym
            found[toponym.dative] = toponym
    return found


_TWO_WAY = frozenset(["an", "auf", "in", "über", "unter", "vor", "hinter", "neben"])
# preposition → the case it governs here (two-way prepositions: location, so dative)
_CASES = {
    **dict.fromkeys(["aus", "von", "mit", "bei", "seit", "gegenüber", "nahe", "zu"], "dat"),
    **dict.fromkeys([*_TWO_WAY, "zwischen"], "dat"),
    **dict.fromkeys(["für", "gegen", "durch", "ohne", "um", "nach"], "acc"),
    **dict.fromkeys(["wegen", "trotz", "während", "innerhalb", "außerhalb", "angesichts"], "gen"),
}  # fmt: skip


def _article_phrase(case: str, place: Toponym, written: str) -> str:
    """ "die Ukraine", "der Ukraine", "den Niederlanden"."""
    if case == "acc" or case == "nom":
        return f"die {place.nominative}"
    if case == "gen":
        return f"der {written}"
    return f"den {place.dative}" if place.plural else f"der {place.nominative}"


def _with_article(preposition: str, place: Toponym, written: str) -> tuple[str, ...]:
    """ "nach" + Ukraine → ("in die Ukraine",); "in" + USA → ("in den USA", "in die USA")."""
    p, lower = preposition, preposition.lower()
    if lower == "nach":  # direction to a place with an article: "in die"
        return (f"{with_case_of(p, 'in')} die {place.nominative}",)
    phrase = _article_phrase(_CASES[lower], place, written)
    if lower == "zu" and not place.plural:
        return (f"{with_case_of(p, 'zur')} {place.nominative}",)
    if lower in _TWO_WAY:
        return (f"{p} {phrase}", f"{p} die {place.nominative}")
    return (f"{p} {phrase}",)


def article_toponym(context: RuleContext) -> list[Flag]:
    """ "nach Ukraine" → "in die Ukraine", "in USA" → "in den USA", "Schweiz hat" → "Die
    Schweiz hat": a place name that takes an article, without one."""
    text, tokens = context.text, context.tokens
    flags: list[Flag] = []
    places = toponyms()
    for i, token in enumerate(tokens):
        place = places.get(token.text)
        if place is None:
            continue
        preposition = _governing_preposition(text, tokens, i)
        if preposition is None and not _bare_subject(context, i):
            continue
        if _name_goes_on(context, i):
            continue
        start = token.start
        if preposition is None:
            suggestions: tuple[str, ...] = (f"Die {place.nominative}",)
        elif tokens[i - 1] is preposition:
            suggestions = _with_article(preposition.text, place, token.text)
            start = preposition.start
        else:  # "zwischen Russland und Ukraine": the article only
            case = _CASES[preposition.text.lower()]
            suggestions = (_article_phrase(case, place, token.text),)
        flags.append(
            ARTICLE_TOPONYM.flag(
                start,
                token.end,
                f"“{token.text}” takes the article: {suggestions[0]}.",
                suggestions,
            )
        )
    return flags


def _name_goes_on(context: RuleContext, index: int) -> bool:
    """The next word is a capitalised word no noun list knows: a longer name ("Sahara Leone")."""
    tokens = context.tokens
    if index + 1 >= len(tokens) or breaks(context.text, tokens[index], tokens[index + 1]):
        return False
    after = tokens[index + 1].text
    return after[:1].isupper() and not context.resources.nouns.is_noun(after)


def _governing_preposition(text: str, tokens: Sequence[Token], index: int) -> Token | None:
    """The preposition right before token `index`, or before the name it is coordinated with
    ("zwischen Russland und Ukraine")."""
    if index == 0 or breaks(text, tokens[index - 1], tokens[index]):
        return None
    before = tokens[index - 1]
    if before.text.lower() in _CASES:
        return before
    if before.text in ("und", "oder", "sowie") and index >= 3:
        name, preposition = tokens[index - 2], tokens[index - 3]
        if (
            name.text[:1].isupper()
            and preposition.text.lower() in _CASES
            and not breaks(text, preposition, name)
        ):
            return preposition
    return None


def _bare_subject(context: RuleContext, index: int) -> bool:
    """A name opening the sentence, followed by a lower-case word (its verb); not a word that
    is also a lower-case word ("Als", "Seine", "Manche" are rivers too)."""
    tokens = context.tokens
    token = tokens[index]
    if not token.sentence_initial or index + 1 >= len(tokens):
        return False
    if context.resources.speller.known(token.text.lower()):
        return False
    after = tokens[index + 1]
    return after.text[:1].islower() and not breaks(context.text, token, after)


# --- ARTICLELESS_COMPOUND ------------------------------------------------------------------

_LINKS = ("", "s", "es", "n", "en", "e", "er")


def _split_compound(resources: Resources, word: str) -> tuple[str, str] | None:
    """The most plausible split of a compound into a known first part and a known noun
    (Kinderwelle → Kinder + Welle), judged by the rarer part's frequency."""
    nouns, known, zipf = resources.nouns, resources.speller.known, resources.frequency.zipf
    best: tuple[float, str, str] | None = None
    for i in range(3, len(word) - 2):
        head, tail = word[:i], word[i:].capitalize()
        if not nouns.is_noun(tail):
            continue
        for link in _LINKS:
            if link and not head.endswith(link):
                continue
            stem = head[: len(head) - len(link)] if link else head
            if len(stem) < 3 or not (known(stem) or known(stem.lower())):
                continue
            score = min(zipf(head) or zipf(stem), zipf(tail))
            if best is None or score > best[0]:
                best = (score, head, tail)
            break
    return (best[1], best[2]) if best and best[0] >= 3.0 else None


# A long capitalised word opening a sentence, then a lower-case word.
_LONG_OPENING = re.compile(r"(?:^|[.!?:…]\s+)\W{0,2}[A-ZÄÖÜ][a-zäöüß]{7,}\s+[a-zäöüß]")


def articleless_compound(context: RuleContext) -> list[Flag]:
    """A compound that no word list knows (Hunspell builds it from its parts), as a singular
    noun without an article at the start of a sentence: "Kinderwelle mit russischen Flaggen
    …" (for "Kinderwellen"? "Kinder winkten"?). The parts are shown so the meaning is
    checked."""
    text, tokens, resources = context.text, context.tokens, context.resources
    if not _LONG_OPENING.search(text):
        return []
    flags: list[Flag] = []
    for i, token in enumerate(tokens):
        word = token.text
        if not token.sentence_initial or len(word) < 8 or not word[:1].isupper() or "-" in word:
            continue
        if len(tokens) < 5 or i + 1 >= len(tokens) or breaks(text, token, tokens[i + 1]):
            continue  # a heading or a list item
        after = tokens[i + 1].text
        if not after[:1].islower() or after in ("und", "oder") or after in FINITE_PERSONS:
            continue  # "Kongressmann Thomas Massie", "Frostfell war …": more likely a name
        speller = resources.speller
        if word in speller.stems or resources.nouns.is_noun(word) or not speller.known(word):
            continue
        if resources.frequency.zipf(word) > 0:
            continue
        parts = _split_compound(resources, word)
        if parts is None:
            continue
        head, tail = parts
        analyses = resources.nouns.analyses(tail)
        if any(a.endswith(".pl") for a in analyses) or not analyses:
            continue  # a plural needs no article
        flags.append(
            ARTICLELESS_COMPOUND.flag(
                token.start,
                token.end,
                f"{head} + {tail}: check the meaning — no dictionary knows “{word}”, and a "
                "singular noun opening a sentence needs an article.",
                word=word,
            )
        )
    return flags


# --- SEIT_SEID -----------------------------------------------------------------------------

# Words after "seit" that show it is the preposition ("ihr seit Jahren").
_SINCE_OBJECTS = frozenset(
    ["dem", "der", "den", "einem", "einer", "einigen", "vielen", "mehreren", "langem",
     "kurzem", "gestern", "vorgestern", "heute", "jeher", "damals", "wann", "letztem",
     "letzter", "über", "fast", "knapp", "etwa", "rund", "mindestens", "ewigen", "jahren",
     "ende", "anfang", "beginn", "diesem", "dieser", "jenem", "meiner", "seiner", "unserer",
     "ihrer", "vielen", "wenigen", "kurzer", "längerer", "geraumer", "neuestem", "neustem"]
)  # fmt: skip


def _since_object(token: Token) -> bool:
    return token.kind == "number" or token.text[:1].isupper() or token.text in _SINCE_OBJECTS


def seit_seid(context: RuleContext) -> list[Flag]:
    """ "ihr seit müde" → "seid"; "seid 2010" → "seit"."""
    text, tokens = context.text, context.tokens
    words = words_of(context)
    if "seid" not in words and ("seit" not in words or "ihr" not in words):
        return []
    flags: list[Flag] = []
    for i, token in enumerate(tokens):
        word = token.text
        after = tokens[i + 1] if i + 1 < len(tokens) else None
        if after is not None and breaks(text, token, after):
            after = None
        if word == "seit" and i > 0 and tokens[i - 1].text.lower() == "ihr":
            if breaks(text, tokens[i - 1], token) or (after is not None and _since_object(after)):
                continue
            if after is None and i + 1 < len(tokens):
                continue  # "…, wo ihr seit, …" is not clear
            flags.append(
                SEIT_SEID.flag(
                    token.start, token.end, "“ihr seit”: the verb is written “seid”.", ("seid",)
                )
            )
        elif word.lower() == "seid" and after is not None and _since_object(after):
            first, last = clause_span(text, tokens, i)
            if any(t.text.lower() == "ihr" for t in tokens[first : last + 1]):
                continue
            if token.sentence_initial and after.kind != "number":
                continue  # "Seid dem Herrn dankbar": an imperative
            right = with_case_of(word, "seit")
            flags.append(
                SEIT_SEID.flag(
                    token.start,
                    token.end,
                    f"“{word} {after.text}”: the preposition of time is “{right}”.",
                    (right,),
                )
            )
    return flags


# --- DAS_DASS ------------------------------------------------------------------------------

# Neuter words a relative "das" can refer to.
_NEUTER_PRONOUNS = frozenset(["etwas", "nichts", "vieles", "weniges", "eines", "jedes"])


def _neuter_before(resources: Resources, tokens: Sequence[Token], index: int) -> bool:
    """Some word before `index` could be the neuter antecedent of a relative "das"."""
    nouns = resources.nouns
    for token in tokens[:index]:
        word = token.text
        if word.lower() in _NEUTER_PRONOUNS:
            return True
        if not word[:1].isupper() or token.kind != "word":
            continue
        if token.sentence_initial and resources.speller.known(word.lower()):
            continue  # "Ich glaube, das …": a pronoun, not the noun "das Ich"
        analyses = nouns.analyses(word)
        if not analyses:
            if not token.sentence_initial:
                return True  # a name or a nominalisation: could be neuter
            continue
        if any(a.endswith(".n") for a in analyses):
            return True
    return False


def das_dass(context: RuleContext) -> list[Flag]:
    """ "Ich glaube, das er kommt" → "dass" (no neuter noun for a relative "das" to refer to);
    "dass ist" → "das" (a finite verb cannot follow the conjunction)."""
    text, tokens = context.text, context.tokens
    words = words_of(context)
    if "dass" not in words and ("das" not in words or words.isdisjoint(_NOMINATIVE_PRONOUNS)):
        return []
    flags: list[Flag] = []
    for i, token in enumerate(tokens):
        word = token.text
        after = tokens[i + 1] if i + 1 < len(tokens) else None
        if after is None or breaks(text, token, after):
            continue
        if word == "das" and i > 0 and after.text in _NOMINATIVE_PRONOUNS:
            gap = text[tokens[i - 1].end : token.start].strip()
            so = tokens[i - 1].text.lower() == "so" and not gap
            if not so and gap != ",":
                continue
            if not so and _neuter_before(context.resources, tokens, i):
                continue
            if _clause_has_finite_second(text, tokens, i + 1):
                continue  # "…, das ist es": a demonstrative in a main clause
            flags.append(
                DAS_DASS.flag(
                    token.start,
                    token.end,
                    "“das” here opens a clause with no neuter noun to refer to: the "
                    "conjunction is “dass”.",
                    ("dass",),
                )
            )
        elif word.lower() == "dass" and after.text in FINITE_PERSONS and after.text != "sein":
            right = with_case_of(word, "das")
            flags.append(
                DAS_DASS.flag(
                    token.start,
                    token.end,
                    f"“{word} {after.text}”: a finite verb cannot follow the conjunction “dass”; "
                    f"the pronoun is “{right}”.",
                    (right,),
                )
            )
    return flags


def _clause_has_finite_second(text: str, tokens: Sequence[Token], pronoun: int) -> bool:
    """The word after the pronoun is a closed-class finite verb ("…, das er ist es"), so the
    clause is not verb-final — leave it."""
    if pronoun + 1 >= len(tokens) or breaks(text, tokens[pronoun], tokens[pronoun + 1]):
        return False
    _, last = clause_span(text, tokens, pronoun)
    return tokens[pronoun + 1].text in FINITE_PERSONS and pronoun + 1 < last


# --- DEN_DENN ------------------------------------------------------------------------------

_PREPOSITIONS = frozenset(
    ["für", "durch", "gegen", "ohne", "um", "auf", "in", "an", "über", "unter", "vor", "hinter",
     "neben", "zwischen", "mit", "nach", "bei", "von", "aus", "zu"]
)  # fmt: skip
_INFINITIVE_TAIL = re.compile(r"[a-zäöüß]+(?:en|ln|rn)")


def den_denn(context: RuleContext) -> list[Flag]:
    """ "…, den er war müde" → "denn" (a main clause follows: pronoun, then a finite verb,
    then more); "für denn Mann" → "den" (after a preposition)."""
    text, tokens = context.text, context.tokens
    words = words_of(context)
    if "denn" not in words and (
        "den" not in words or "," not in text or words.isdisjoint(_NOMINATIVE_PRONOUNS)
    ):
        return []
    flags: list[Flag] = []
    for i, token in enumerate(tokens[:-1]):
        word, after = token.text, tokens[i + 1]
        if breaks(text, token, after):
            continue
        if word == "den" and i > 0 and text[tokens[i - 1].end : token.start].strip() == ",":
            before = tokens[i - 1].text
            unknown = before[:1].isupper() and not context.resources.nouns.is_noun(before)
            if unknown or _masculine_near(context.resources, tokens, i):
                continue  # "der Mann, den ich habe …": a relative pronoun, however misordered
            if after.text in _NOMINATIVE_PRONOUNS and _main_clause_after(text, tokens, i + 1):
                flags.append(
                    DEN_DENN.flag(
                        token.start,
                        token.end,
                        "“den” before a main clause: the conjunction “because” is “denn”.",
                        ("denn",),
                    )
                )
        elif word == "denn" and i > 0 and tokens[i - 1].text.lower() in _PREPOSITIONS:
            if breaks(text, tokens[i - 1], token) or not after.text[:1].isupper():
                continue
            flags.append(
                DEN_DENN.flag(
                    token.start,
                    token.end,
                    f"“{tokens[i - 1].text} denn”: after a preposition the article is “den”.",
                    ("den",),
                )
            )
    return flags


def _masculine_near(resources: Resources, tokens: Sequence[Token], index: int) -> bool:
    """A masculine noun among the three words before `index` (an antecedent for "den")."""
    for token in tokens[max(0, index - 3) : index]:
        if any(a.endswith(".m") for a in resources.nouns.analyses(token.text)):
            return True
    return False


def _main_clause_after(text: str, tokens: Sequence[Token], pronoun: int) -> bool:
    """Pronoun, then a closed-class finite verb that agrees, then at least one word that is not
    an infinitive: a verb-second clause ("er war müde"), not a relative one ("den er hat")."""
    _, last = clause_span(text, tokens, pronoun)
    if pronoun + 2 > last:
        return False
    verb = tokens[pronoun + 1].text
    if verb not in FINITE_PERSONS:
        return False
    rest = [t.text for t in tokens[pronoun + 2 : last + 1]]
    return not all(_INFINITIVE_TAIL.fullmatch(word) for word in rest)


# --- WIDER_WIEDER --------------------------------------------------------------------------


def wider_wieder(context: RuleContext) -> list[Flag]:
    """ "Wiederspruch" → "Widerspruch": a wieder- word the dictionary accepts (often as a
    compound) whose wider- twin is a known word at least ten times as frequent."""
    if "ieder" not in context.text:
        return []  # a substring test: the word is a compound
    resources = context.resources
    zipf, known = resources.frequency.zipf, resources.speller.known
    flags: list[Flag] = []
    for token in context.tokens:
        word = token.text
        if len(word) < 9 or word[1:6] != "ieder" or word[0] not in "wW":
            continue
        twin = word[:2] + word[3:]
        if not known(word) or not known(twin):
            continue
        if zipf(twin) < zipf(word) + 1.0:
            continue
        flags.append(
            WIDER_WIEDER.flag(
                token.start,
                token.end,
                f"wider- (against) rather than wieder- (again): “{twin}”.",
                (twin,),
                word=word,
            )
        )
    return flags


# --- the rules -----------------------------------------------------------------------------

ARTICLE_TOPONYM = Rule(
    "ARTICLE_TOPONYM", "GRAMMAR", Severity.WARNING,
    "A feminine or plural place name (die Ukraine, die Schweiz, die Türkei, die USA) takes an "
    "article; “nach” becomes “in die”.",
    "nach Ukraine → in die Ukraine", article_toponym,
)  # fmt: skip
ARTICLELESS_COMPOUND = Rule(
    "ARTICLELESS_COMPOUND", "GRAMMAR", Severity.WARNING,
    "A compound no word list knows, opening a sentence as a singular noun without an article: "
    "often a mistranslation; its parts are shown.",
    "Kinderwelle mit russischen Flaggen … → Kinder + Welle?", articleless_compound,
)  # fmt: skip
SEIT_SEID = Rule(
    "SEIT_SEID", "GRAMMAR", Severity.WARNING,
    "seit is the preposition of time (seit 2010), seid the verb (ihr seid).",
    "ihr seit müde → ihr seid müde", seit_seid,
)  # fmt: skip
DAS_DASS = Rule(
    "DAS_DASS", "GRAMMAR", Severity.WARNING,
    "dass is the conjunction; das the article or pronoun (a relative das needs a neuter noun).",
    "Ich glaube, das er kommt → dass er kommt", das_dass,
)  # fmt: skip
DEN_DENN = Rule(
    "DEN_DENN", "GRAMMAR", Severity.WARNING,
    "denn (because) opens a main clause; den is an article or a relative pronoun.",
    "…, den er war müde → denn er war müde", den_denn,
)  # fmt: skip
WIDER_WIEDER = Rule(
    "WIDER_WIEDER", "TYPOS", Severity.ERROR,
    "wider- (against) written wieder- (again) in a word the dictionary builds as a compound.",
    "Wiederspruch → Widerspruch", wider_wieder,
)  # fmt: skip

RULES = (ARTICLE_TOPONYM, ARTICLELESS_COMPOUND, SEIT_SEID, DAS_DASS, DEN_DENN, WIDER_WIEDER)
