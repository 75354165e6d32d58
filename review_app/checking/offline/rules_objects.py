"""The direct object in the nominative: "ließen kein Zweifel aufkommen" → "keinen Zweifel",
"Es gibt kein Grund" → "keinen Grund".

A masculine singular noun phrase whose determiner shows the nominative (der, ein, kein,
mein-…, dieser…) right after a finite verb that takes an accusative object. Only where the
phrase cannot be the subject: after "es gibt" / "gibt es" (always an object), or after a
plural verb form (the singular phrase cannot agree with it). Feminine and neuter nouns, whose
nominative and accusative look alike, never reach the rule.
"""

from __future__ import annotations

from review_app.checking.flag import Flag, Severity
from review_app.checking.offline.registry import Rule, RuleContext
from review_app.checking.offline.tokens import Token

# Masculine nominative determiner → its accusative.
ACCUSATIVE_OF = {
    "der": "den", "ein": "einen", "kein": "keinen", "mein": "meinen", "dein": "deinen",
    "sein": "seinen", "ihr": "ihren", "unser": "unseren", "euer": "euren", "dieser": "diesen",
    "jener": "jenen", "jeder": "jeden", "welcher": "welchen", "mancher": "manchen",
    "solcher": "solchen",
}  # fmt: skip
_DER_WORDS = frozenset({"der", "dieser", "jener", "jeder", "welcher", "mancher", "solcher"})
# Plural (1st/3rd person) finite forms of verbs that take an accusative object and never a
# nominative predicate (sein, werden, bleiben, heißen do).
PLURAL_TRANSITIVE = frozenset(
    (
        "haben", "hatten", "hätten", "lassen", "ließen", "brauchen", "brauchten", "sehen",
        "sahen", "kennen", "kannten", "finden", "fanden", "bekommen", "bekamen", "geben",
        "gaben", "nehmen", "nahmen", "machen", "machten", "kaufen", "kauften", "suchen",
        "suchten", "tragen", "trugen", "hören", "hörten", "verlieren", "verloren", "erhalten",
        "erhielten", "benötigen", "benötigten", "besitzen", "besaßen", "schaffen", "schufen",
        "fordern", "forderten", "spüren", "spürten", "zeigen", "zeigten",
    )
)  # fmt: skip
_GIBT = frozenset({"gibt", "gab", "gäbe"})
# Verbs that also take a dative object: after them "der" may stand for "dem".
_DATIVE_TOO = _GIBT | frozenset({"es", "geben", "gaben", "zeigen", "zeigten"})


def _object_start(tokens: list[Token], index: int) -> bool:
    """Whether the token at `index` begins an object phrase: after a plural transitive verb,
    or after "es gibt" / "gibt es"."""
    previous = tokens[index - 1].text.lower() if index >= 1 else ""
    before = tokens[index - 2].text.lower() if index >= 2 else ""
    if previous in PLURAL_TRANSITIVE:
        return not tokens[index - 1].sentence_initial  # "Haben kein Geld?" is a fragment
    if previous in _GIBT and before == "es":
        return True
    return previous == "es" and before in _GIBT


def _masculine_only(analyses: frozenset[str], determiner: str) -> bool:
    """A noun form whose singular readings are all masculine nominative/accusative/dative;
    after "der" no plural reading either ("der Lehrer" may be a genitive plural)."""
    singular = {cell for cell in analyses if ".sg." in cell}
    if not singular or any(not cell.endswith(".m") for cell in singular):
        return False
    if "nom.sg.m" not in singular:
        return False
    return determiner not in _DER_WORDS or not any(cell.endswith(".pl") for cell in analyses)


def _fixed_adjective(word: str, determiner: str) -> str | None:
    """The accusative ending of an adjective between determiner and noun (großer → großen
    after ein-words, große → großen after der-words); None when it is not such a form."""
    ending = "e" if determiner in _DER_WORDS else "er"
    if word[:1].islower() and word.endswith(ending) and len(word) > len(ending) + 2:
        return word[: -len(ending)] + "en"
    return None


def accusative_object(context: RuleContext) -> list[Flag]:
    tokens, text = context.tokens, context.text
    flags = []
    for index, token in enumerate(tokens):
        determiner = token.text.lower()
        if determiner not in ACCUSATIVE_OF or index < 1 or not _object_start(tokens, index):
            continue
        if text[tokens[index - 1].end : token.start].strip():
            continue  # "…, die sie kennen, mein Name ist …": a clause ends between them
        if determiner in _DER_WORDS and tokens[index - 1].text.lower() in _DATIVE_TOO:
            continue  # "es gab der Mann …": the dative (dem) may be meant
        words = [ACCUSATIVE_OF[determiner]]
        end = index + 1
        while end < len(tokens) and tokens[end].is_word and tokens[end].text[:1].islower():
            fixed = _fixed_adjective(tokens[end].text, determiner)
            if fixed is None:
                break
            words.append(fixed)
            end += 1
        if end >= len(tokens) or not tokens[end].is_word:
            continue
        noun = tokens[end]
        if not noun.text[:1].isupper():
            continue
        nouns = context.resources.nouns
        if nouns.is_adjectival(noun.text):
            continue
        if not _masculine_only(nouns.analyses(noun.text), determiner):
            continue
        if text[noun.end : noun.end + 1] == "-":
            continue  # "kein Auto- oder Bahnfahrer": a truncated compound
        words.append(noun.text)
        suggestion = " ".join(words)
        if token.text[:1].isupper():
            suggestion = suggestion[:1].upper() + suggestion[1:]
        flags.append(
            RULES[0].flag(
                token.start,
                noun.end,
                f"“{text[token.start : noun.end]}” is the object here and takes the "
                f"accusative: “{suggestion}”.",
                (suggestion,),
            )
        )
    return flags


RULES = (
    Rule(
        "ACCUSATIVE_OBJECT", "GRAMMAR", Severity.WARNING,
        "A masculine noun phrase in the nominative where it can only be the object (after "
        "“es gibt”, or after a plural verb it cannot be the subject of).",
        "ließen kein Zweifel aufkommen → keinen Zweifel", accusative_object,
    ),
)  # fmt: skip
