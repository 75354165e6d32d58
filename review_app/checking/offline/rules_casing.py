"""Capitalisation inside a sentence: a capital where no noun or name stands, a nominalised
adjective or infinitive written lower case, an adjective capitalised in a phrase that is no
fixed name, and a hint on formal "Sie".

Lower-case nouns that are no lower-case word at all ("die regierung") are the speller's: it
flags them with the capitalised form first. The rules here judge words that are valid in both
cases, so each looks at what stands around the word before it says anything.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterator
from functools import lru_cache

from review_app.checking.flag import Flag, Severity
from review_app.checking.offline.registry import Resources, Rule, RuleContext
from review_app.checking.offline.tokens import Token

# --- closed classes -------------------------------------------------------------------------

# Words that are never nouns or names: after a comma or semicolon they are written lower case.
# Formal address (Sie, Ihr, Ihnen) and the du-forms (capitalised in letters) are left out.
FUNCTION_WORDS = frozenset(
    (
        # pronouns
        "ich", "er", "es", "wir", "man", "mich", "mir", "uns", "ihn", "ihm", "sich", "jemand",
        "niemand", "nichts", "alles", "welche", "welcher", "welches", "dieser", "diese",
        "dieses", "diesen", "diesem", "jener", "jene", "jenes",
        # articles
        "der", "die", "das", "den", "dem", "des", "ein", "eine", "einen", "einem", "einer",
        "eines",
        # conjunctions
        "und", "oder", "aber", "denn", "sondern", "dass", "weil", "wenn", "als", "ob",
        "obwohl", "damit", "während", "bevor", "nachdem", "sodass", "falls", "wie", "wo", "was",
        "wer", "wobei", "weshalb", "warum", "sowie",
        # prepositions
        "in", "an", "auf", "aus", "bei", "mit", "nach", "von", "zu", "vor", "für", "gegen",
        "ohne", "um", "durch", "über", "unter", "zwischen", "seit", "trotz", "wegen", "im",
        "am", "zum", "zur", "vom", "beim", "ins",
        # auxiliaries and modals
        "ist", "sind", "war", "waren", "hat", "haben", "hatte", "hatten", "wird", "werden",
        "wurde", "wurden", "kann", "können", "konnte", "konnten", "muss", "müssen", "musste",
        "soll", "sollen", "sollte", "will", "wollen", "darf", "dürfen", "sei", "wäre", "würde",
        "würden",
        # adverbs and particles
        "also", "dann", "so", "auch", "nur", "noch", "schon", "nicht", "sehr", "dort", "hier",
        "jetzt", "sogar", "immer", "nie", "dennoch", "jedoch", "trotzdem", "deshalb", "daher",
        "außerdem", "zudem", "allerdings", "sonst", "vielleicht", "genau", "eigentlich",
    )
)  # fmt: skip
# Number words: "die vier" counts, it names nothing ("Zwei-Zimmer-Wohnung" keeps its hyphen).
NUMBER_WORDS = frozenset(
    (
        "ein", "eins", "zwei", "drei", "vier", "fünf", "sechs", "sieben", "acht", "neun",
        "zehn", "elf", "zwölf", "hundert", "tausend", "halb", "doppel", "dreiviertel",
    )
)  # fmt: skip
# Articles that may open a title after a comma ("Filme wie Titanic, Der Pate und …").
_TITLE_ARTICLES = frozenset(("der", "die", "das", "ein", "eine"))
# Contractions of a preposition and an article, with the noun features they call for.
CONTRACTIONS = {
    "im": ("dat.sg.m", "dat.sg.n"),
    "am": ("dat.sg.m", "dat.sg.n"),
    "vom": ("dat.sg.m", "dat.sg.n"),
    "beim": ("dat.sg.m", "dat.sg.n"),
    "zum": ("dat.sg.m", "dat.sg.n"),
    "zur": ("dat.sg.f",),
    "ins": ("acc.sg.n",),
    "aufs": ("acc.sg.n",),
    "fürs": ("acc.sg.n",),
    "durchs": ("acc.sg.n",),
    "ums": ("acc.sg.n",),
    "übers": ("acc.sg.n",),
}
# Pronoun-like words in adjective form that stay lower case ("zum einen", "etwas anderes").
PRONOMINAL = frozenset(
    (
        "ein", "eine", "einen", "einem", "einer", "eines", "ander", "andere", "anderen",
        "anderem", "anderer", "anderes", "beide", "beiden", "beides", "solche", "solchen",
        "solches", "jede", "jeden", "jedes", "diese", "diesen", "dieses", "jene", "jenes",
        "welche", "welches", "viele", "vielen", "vieles", "wenige", "wenigen", "weniges",
        "manche", "manches", "einige", "einiges", "alle", "allen", "alles", "meisten",
        "keine", "keines", "meines", "deines", "seines", "ihres", "unseres", "eures", "selben",
        "gleichen", "letzteren", "ersteren", "mehr", "weniger",
    )
)  # fmt: skip
# Quantifiers after which an adjective in -es is a noun ("etwas Neues", "nichts Gutes").
QUANTIFIERS = frozenset(("etwas", "nichts", "viel", "wenig", "allerlei", "genug", "mehr"))
# Adverbs that may stand between the quantifier and the adjective ("etwas ganz Neues").
INTENSIFIERS = frozenset(
    (
        "sehr", "ganz", "so", "super", "wirklich", "besonders", "völlig", "absolut", "total",
        "echt", "richtig", "ziemlich", "noch", "recht", "extrem", "äußerst", "wahrhaft",
        "komplett", "grundlegend", "wesentlich", "deutlich", "unglaublich", "wahnsinnig",
    )
)  # fmt: skip
# Finite verbs in the 3rd person singular that never follow an infinitive: "das Lesen ist …"
# (not "das lesen ist"; modals and "wird" are left out: "…, das fliegen kann").
FINITE_3SG = frozenset(
    ("ist", "war", "wäre", "sei", "hat", "hatte", "hätte", "macht", "machte", "bleibt", "fällt")
)
# Words that go on with the phrase: "im alten als auch im neuen", "vom ersten bis".
CONTINUATIONS = frozenset(("und", "oder", "als", "bis", "sowie", "wie", "noch", "zu", "sondern"))
# Words after which an uninflected adjective ending the clause is a noun ("kein Rot").
BARE_OPENERS = frozenset(("kein", "von", "in", "mit", "aus"))
# Personal pronouns: "Von dem leben wir" is a demonstrative and a verb, not a noun phrase.
SUBJECT_PRONOUNS = frozenset(("ich", "du", "er", "sie", "es", "wir", "ihr", "man"))
# Prepositions that take an article and a noun ("nach dem Essen", "für das Lesen").
ARTICLE_PREPOSITIONS = frozenset(
    (
        "an", "auf", "aus", "bei", "durch", "für", "gegen", "hinter", "in", "mit", "nach",
        "neben", "ohne", "seit", "über", "um", "unter", "von", "vor", "während", "zu",
        "zwischen",
    )
)  # fmt: skip
# The definite article's forms and the case.number.gender each agrees with.
ARTICLE_FEATURES: dict[str, tuple[str, ...]] = {
    "der": ("nom.sg.m", "gen.sg.f", "dat.sg.f", "gen.pl"),
    "die": ("nom.sg.f", "acc.sg.f", "nom.pl", "acc.pl"),
    "das": ("nom.sg.n", "acc.sg.n"),
    "den": ("acc.sg.m", "dat.pl"),
    "dem": ("dat.sg.m", "dat.sg.n"),
    "des": ("gen.sg.m", "gen.sg.n"),
}
# Words after which a nominalisation may stand (the cheap pre-filter's set).
_TRIGGERS = frozenset(
    (*CONTRACTIONS, *ARTICLE_FEATURES, *QUANTIFIERS, *INTENSIFIERS, *BARE_OPENERS)
)
ARTICLES = frozenset(
    ("der", "die", "das", "den", "dem", "des", "ein", "eine", "einen", "einem", "einer", "eines")
)
INDEFINITE = frozenset(
    (
        "ein", "eine", "einen", "einem", "einer", "eines", "kein", "keine", "keinen", "keinem",
        "keiner", "keines",
    )
)  # fmt: skip
_ADJECTIVE_ENDINGS = ("e", "en", "em", "er", "es")
_SUPERLATIVE = re.compile(r"e?st(e|en|em|er|es)?$")
# A capitalised word in an adjective ending before another capitalised word.
_CAPITAL_BEFORE_CAPITAL = re.compile(r"(?<=\w )[A-ZÄÖÜ][a-zäöüß]+(?:e|en|em|er|es) [A-ZÄÖÜ]")
# Adjectives from names of countries and peoples open titles ("Deutscher Meister").
_NATIONAL = re.compile(r"(isch|sch)$")
_PHRASE_KINDS = frozenset(("Wortverbindung", "Toponym", "Eigenname"))


# --- small helpers --------------------------------------------------------------------------


def _upper_first(word: str) -> str:
    return word[:1].upper() + word[1:]


def _lower_first(word: str) -> str:
    return word[:1].lower() + word[1:]


def _titled(word: str) -> bool:
    """Capital first letter, the rest lower case (not an acronym)."""
    return word[:1].isupper() and word[1:].islower()


def _joined(text: str, first: Token, second: Token) -> bool:
    """Only spaces between two tokens (no punctuation, no quote)."""
    gap = text[first.end : second.start]
    return bool(gap) and gap.isspace()


def _next_word(text: str, tokens: list[Token], index: int) -> Token | None:
    """The word after token `index` when only spaces part them."""
    if index + 1 < len(tokens) and _joined(text, tokens[index], tokens[index + 1]):
        following = tokens[index + 1]
        return following if following.is_word else None
    return None


def _attributive(text: str, tokens: list[Token], index: int) -> bool:
    """A capitalised word (a noun) follows token `index` directly: the word is attributive."""
    following = _next_word(text, tokens, index)
    return following is not None and following.text[:1].isupper()


def _headline_like(text: str, tokens: list[Token]) -> bool:
    """A title-case headline or a list of names: no final mark and most words capitalised."""
    if text.rstrip().endswith((".", "!", "?", "…", ":")):
        return False
    words = [t for t in tokens if t.is_word]
    if len(words) < 4:
        return False
    capitals = sum(1 for t in words if t.text[:1].isupper())
    return capitals >= 0.6 * len(words)


def _is_noun_or_name(resources: Resources, word: str) -> bool:
    """A noun or name: the noun tables know the form, or the dictionary lists it capitalised."""
    return resources.nouns.is_noun(word) or word in resources.speller.stems


# --- capitals after a comma or semicolon ----------------------------------------------------

_AFTER_MARK = re.compile(r"^[)\]\"”“»«'’]*[ \u00a0]*([,;])[ \u00a0]+$")


def _mark_before(text: str, tokens: list[Token], index: int) -> str | None:
    """The comma or semicolon right before token `index` (closing marks allowed before it)."""
    if index == 0:
        return None
    match = _AFTER_MARK.match(text[tokens[index - 1].end : tokens[index].start])
    return match.group(1) if match else None


def _wrong_capital(context: RuleContext, index: int) -> bool:
    tokens, text, resources = context.tokens, context.text, context.resources
    word = tokens[index].text
    lower = _lower_first(word)
    following = _next_word(text, tokens, index)
    if following is not None and resources.speller.spell(following.text) is False:
        return False  # an English title or a foreign name goes on
    if lower in FUNCTION_WORDS:
        # "Der Pate", "Die Zeit": a title may start here
        title = following is not None and following.text[:1].isupper()
        return not (lower in _TITLE_ARTICLES and title)
    if len(word) < 3 or not resources.speller.known(lower):
        return False
    if _is_noun_or_name(resources, word) or resources.speller.known(word.upper()):
        return False
    if following is not None and following.text[:1].isupper():
        return False  # "Neue Zürcher Zeitung": a capitalised adjective opening a name
    english = resources.speller.english
    return english is None or not english.known(lower)


def capital_after_comma(context: RuleContext) -> list[Flag]:
    """ "beschädigt; Es war" → "es war"; "Prigoschin, Einem Millionär" → "einem"."""
    text, tokens = context.text, context.tokens
    if (";" not in text and "," not in text) or _headline_like(context.text, tokens):
        return []
    flags = []
    for index, token in enumerate(tokens):
        if not token.is_word or token.sentence_initial or not _titled(token.text):
            continue
        mark = _mark_before(text, tokens, index)
        if mark is None or not _wrong_capital(context, index):
            continue
        lower = _lower_first(token.text)
        flags.append(
            CAPITAL_AFTER_COMMA.flag(
                token.start,
                token.end,
                f"“{token.text}” after a {'semicolon' if mark == ';' else 'comma'} is no noun "
                "or name: write it lower case.",
                (lower,),
            )
        )
    return flags


# --- nominalised adjectives and infinitives -------------------------------------------------


def _adjective_base(resources: Resources, word: str) -> bool:
    """`word` is an inflected adjective: its stem without the ending is a known word that takes
    the endings -em and -es too ("neues" → neu: neuem, neues; not "gingen" → ging)."""
    speller = resources.speller
    for ending in ("en", "em", "es", "er", "e"):
        stem = word[: -len(ending)]
        if word.endswith(ending) and len(stem) >= 3 and speller.known(stem):
            return speller.known(stem + "em") and speller.known(stem + "es")
    return False


def _noun_after_contraction(resources: Resources, contraction: str, word: str) -> bool:
    """ "beim schwimmen", "im allgemeinen", "am ende": the capitalised form is a noun that fits
    the contraction's case, gender and number, or an adjective in -en used as a noun (not a
    superlative: "am besten"; not a pronoun: "zum einen")."""
    if word in PRONOMINAL or (_SUPERLATIVE.search(word) and len(word) > 5):
        return False
    capital = _upper_first(word)
    wanted = CONTRACTIONS[contraction]
    if any(feature in resources.nouns.analyses(capital) for feature in wanted):
        return True
    return contraction != "zur" and word.endswith("en") and _adjective_base(resources, word)


def _lower_word(token: Token) -> bool:
    return token.is_word and token.text.isalpha() and token.text.islower() and len(token.text) > 2


def _adjective_like(resources: Resources, word: str) -> bool:
    return word.endswith(_ADJECTIVE_ENDINGS) and _adjective_base(resources, word)


def _phrase_ends(context: RuleContext, index: int) -> bool:
    """Nothing of the noun phrase follows token `index`: no noun ("im neuen Jahr"), no further
    adjective ("im großen, fernen Himmel"), no number ("vom späten 12. Jahrhundert") and no
    coordination ("im alten als auch im neuen Titel")."""
    text, tokens = context.text, context.tokens
    if index + 1 >= len(tokens):
        return True
    following = tokens[index + 1]
    gap = text[tokens[index].end : following.start]
    if any(mark in gap for mark in ".;:!?…"):
        return True
    if not following.is_word:
        return False
    word = following.text
    if word[:1].isupper() or word.lower() in CONTINUATIONS:
        return False
    return word in ARTICLES or not _adjective_like(context.resources, word)


def _after_contraction(context: RuleContext, index: int) -> bool:
    text, tokens = context.text, context.tokens
    previous = tokens[index - 1]
    contraction = previous.text.lower()
    if contraction not in CONTRACTIONS or not _joined(text, previous, tokens[index]):
        return False
    word = tokens[index].text
    if not context.resources.speller.known(word) or not _phrase_ends(context, index):
        return False
    return _noun_after_contraction(context.resources, contraction, word)


def _noun_after_article(resources: Resources, article: str, word: str) -> bool:
    """ "lesen" after "das", "folge" after "die": the capitalised form is a noun that agrees
    with the article, and the word is no adjective (an adjective after an article describes a
    noun named before: "das südliche [Königreich]")."""
    if word in PRONOMINAL or word in FUNCTION_WORDS or word in NUMBER_WORDS:
        return False  # "die von der Presse", "die vier Ausgaben"
    if _SUPERLATIVE.search(word) or _adjective_base(resources, word):
        return False
    capital = _upper_first(word)
    analyses = resources.nouns.analyses(capital)
    if not any(feature in analyses for feature in ARTICLE_FEATURES[article]):
        return False
    return resources.nouns.lemma(capital) not in resources.nouns.adjectival


def _after_article(context: RuleContext, index: int) -> bool:
    """ "nach dem essen", "für das lesen" (not "Von dem leben wir", not "über das sagen, was")
    and a sentence-initial "Das lesen ist …"."""
    text, tokens, resources = context.text, context.tokens, context.resources
    article = tokens[index - 1]
    name = article.text.lower()
    if name not in ARTICLE_FEATURES or not _joined(text, article, tokens[index]):
        return False
    word = tokens[index].text
    if not resources.speller.known(word) or not _noun_after_article(resources, name, word):
        return False
    following = _next_word(text, tokens, index)
    if following is not None and following.text in FINITE_3SG:
        return article.sentence_initial  # two finite verbs cannot meet
    if following is not None and following.text.lower() in SUBJECT_PRONOUNS:
        return False
    if "," in text[tokens[index].end : tokens[index].end + 2] or not _phrase_ends(context, index):
        return False
    if index < 2 or not _joined(text, tokens[index - 2], article):
        return False
    preposition = tokens[index - 2]
    if preposition.text.lower() not in ARTICLE_PREPOSITIONS:
        return False
    before = text[: preposition.start].rstrip()
    return not before.endswith(",")  # ", in dem leben …" opens a relative clause


def _after_quantifier(context: RuleContext, index: int) -> bool:
    """ "etwas neues", "nichts gutes", "etwas super interessantes" (not "etwas neues Wissen")."""
    text, tokens, resources = context.text, context.tokens, context.resources
    word = tokens[index].text
    if not word.endswith("es") or word in PRONOMINAL or len(word) < 5:
        return False
    back = index - 1
    while back >= 0 and tokens[back].text.lower() in INTENSIFIERS and back > index - 3:
        back -= 1
    if back < 0 or tokens[back].text.lower() not in QUANTIFIERS:
        return False
    if any(not _joined(text, tokens[i], tokens[i + 1]) for i in range(back, index)):
        return False
    if _attributive(text, tokens, index):
        return False
    return resources.speller.known(word) and _adjective_base(resources, word)


def _candidates(pattern: re.Pattern[str], context: RuleContext, group: int) -> Iterator[int]:
    """The indexes of the tokens where `pattern`'s `group` starts (the cheap pre-filter)."""
    starts = None
    for match in pattern.finditer(context.text):
        if starts is None:
            starts = {token.start: index for index, token in enumerate(context.tokens)}
        index = starts.get(match.start(group))
        if index is not None:
            yield index


def _bare_adjective(context: RuleContext, index: int) -> bool:
    """ "kein rot.", "Schattierungen von ultraviolett.": an uninflected adjective right after
    "kein" or a preposition, ending the sentence or clause, names a colour or quality (das Rot);
    temporal adverbs ("von morgen", "bis jetzt") take no adjective endings and stay apart, and
    "für gut halten", "von klein auf" go on past the word."""
    text, tokens, resources = context.text, context.tokens, context.resources
    previous = tokens[index - 1].text
    if previous not in BARE_OPENERS or not _joined(text, tokens[index - 1], tokens[index]):
        return False
    if index + 1 < len(tokens) and not any(
        mark in text[tokens[index].end : tokens[index + 1].start] for mark in ".;!?…,"
    ):
        return False
    if index + 1 == len(tokens) and not text[tokens[index].end :].strip():
        return False  # a fragment without a final mark
    word = tokens[index].text
    capital = _upper_first(word)
    if "nom.sg.n" not in resources.nouns.analyses(capital):
        return False
    speller = resources.speller
    return speller.known(word) and speller.known(word + "em") and speller.known(word + "es")


def lowercase_nominalisation(context: RuleContext) -> list[Flag]:
    """A nominalised adjective or infinitive written lower case."""
    tokens = context.tokens
    flags = []
    for index in range(1, len(tokens)):
        token = tokens[index]
        if not token.text[:1].islower() or tokens[index - 1].text.lower() not in _TRIGGERS:
            continue  # the cheap test: a lower-case word after a word that may open a noun
        if not _lower_word(token):
            continue
        if (
            _after_contraction(context, index)
            or _after_article(context, index)
            or _after_quantifier(context, index)
            or _bare_adjective(context, index)
        ):
            capital = _upper_first(token.text)
            flags.append(
                LOWERCASE_NOMINALISATION.flag(
                    token.start,
                    token.end,
                    f"“{token.text}” is used as a noun here: write “{capital}”.",
                    (capital,),
                )
            )
    return flags


# --- capitalised adjectives in phrases that are no fixed name -------------------------------


def _adjective_stem(word: str) -> str:
    """ "Schwarzen" → "schwarz": lower case, without its inflection ending."""
    word = word.lower()
    for ending in ("en", "em", "er", "es", "e"):
        if word.endswith(ending) and len(word) - len(ending) >= 3:
            return word[: -len(ending)]
    return word


@lru_cache(maxsize=1)
def fixed_phrases() -> tuple[frozenset[tuple[str, str]], frozenset[tuple[str, str]]]:
    """Adjective + noun phrases from Wiktionary's noun tables (german-nouns), as (adjective
    stem, noun): those listed with a capital adjective ("Schwarzes Loch", "Rotes Kreuz") and
    those listed with a lower-case one ("rote Linie", "schwarze Null")."""
    from german_nouns.config import CSV_FILE_PATH

    capital: set[tuple[str, str]] = set()
    lower: set[tuple[str, str]] = set()
    with open(CSV_FILE_PATH, encoding="utf-8", newline="") as handle:
        rows = (line for line in handle if " " in line.split(",", 1)[0])
        for row in csv.reader(rows):
            words, kinds = row[0].split(), set(row[1].split(","))
            if not kinds & _PHRASE_KINDS or len(words) != 2 or not words[1][:1].isupper():
                continue
            target = capital if words[0][:1].isupper() else lower
            target.add((_adjective_stem(words[0]), words[1]))
    return frozenset(capital), frozenset(lower - capital)


@lru_cache(maxsize=1)
def name_heads() -> frozenset[str]:
    """Nouns that head a listed name with a capital adjective (Weltkrieg, Loch, Meer)."""
    return frozenset(noun for _, noun in fixed_phrases()[0])


def _adjective_candidate(context: RuleContext, index: int) -> Token | None:
    """A capitalised inflected adjective inside a sentence directly before a capitalised
    word; the noun it stands before."""
    text, tokens = context.text, context.tokens
    token = tokens[index]
    if token.sentence_initial or not _titled(token.text) or index == 0:
        return None
    if not token.text.endswith(_ADJECTIVE_ENDINGS) or not _joined(text, tokens[index - 1], token):
        return None
    noun = _next_word(text, tokens, index)
    if noun is None or not _titled(noun.text):
        return None
    return noun


def _plain_adjective(resources: Resources, word: str) -> bool:
    """A capitalised word that is an inflected adjective, not a noun of its own ("Wende")."""
    lower = _lower_first(word)
    if not resources.speller.known(lower) or not _adjective_base(resources, lower):
        return False
    lemma = resources.nouns.lemma(word)
    return lemma is None or lemma in resources.nouns.adjectival


def capitalised_adjective(context: RuleContext) -> list[Flag]:
    """ "die Rote Linie" → "rote" where the noun tables list the phrase only in lower case,
    and "eine Große Herausforderung" (an indefinite article before a capitalised adjective in
    a phrase no table lists capitalised: a name takes the definite article)."""
    tokens, resources = context.tokens, context.resources
    if _headline_like(context.text, tokens):
        return []
    flags = []
    for index in _candidates(_CAPITAL_BEFORE_CAPITAL, context, 0):
        token = tokens[index]
        noun = _adjective_candidate(context, index)
        if noun is None or not _plain_adjective(resources, token.text):
            continue
        capital, listed_lower = fixed_phrases()
        key = (_adjective_stem(token.text), resources.nouns.lemma(noun.text) or noun.text)
        if key in capital:
            continue
        previous = tokens[index - 1].text.lower()
        if key in listed_lower:
            reason = "the phrase is no name and its adjective is written lower case"
        elif (
            previous in INDEFINITE
            and resources.nouns.is_noun(noun.text)
            and not _NATIONAL.search(key[0])  # "ein Deutscher Meister": a title
            and key[1] not in name_heads()  # "einen Dritten Weltkrieg", like the Zweite
        ):
            reason = "after an indefinite article it describes, it does not name"
        else:
            continue
        lower = _lower_first(token.text)
        flags.append(
            CAPITALISED_ADJECTIVE.flag(
                token.start,
                token.end,
                f"“{token.text} {noun.text}”: {reason}; write “{lower}”.",
                (lower,),
            )
        )
    return flags


# --- formal Sie -----------------------------------------------------------------------------

_THIRD_PERSON = re.compile(r"\bsie\b")
# Words after which a clause starts with its subject.
_CLAUSE_OPENERS = frozenset(("und", "aber", "denn", "dass", "weil", "wenn", "ob", "doch", "als"))


def _formal_sie(context: RuleContext) -> Iterator[Token]:
    """ "Sie" opening a clause (after a comma, semicolon or conjunction) in a sentence that
    says "sie" (they, she) before it."""
    text, tokens = context.text, context.tokens
    if "Sie" not in text or not _THIRD_PERSON.search(text):
        return
    for index, token in enumerate(tokens):
        if token.text != "Sie" or token.sentence_initial or index == 0:
            continue
        if not _THIRD_PERSON.search(text[: token.start]):
            continue
        previous = tokens[index - 1].text.lower()
        if _mark_before(text, tokens, index) or previous in _CLAUSE_OPENERS:
            yield token


def formal_sie(context: RuleContext) -> list[Flag]:
    """A clause-opening "Sie" after a third-person "sie" in the same sentence: formal address
    and "they" are easily confused by machine translation."""
    return [
        SIE_FORMAL.flag(
            token.start,
            token.end,
            "“Sie” after a third-person “sie”: check formal “Sie” against “sie” (they).",
            ("sie",),
        )
        for token in _formal_sie(context)
    ]


CAPITAL_AFTER_COMMA = Rule(
    "CAPITAL_AFTER_COMMA", "CASING", Severity.WARNING,
    "A capital after a comma or semicolon on a word that is no noun or name (a pronoun, "
    "article, conjunction, preposition, auxiliary, or a word the dictionary knows in lower "
    "case only).",
    "beschädigt; Es war → beschädigt; es war", capital_after_comma,
)  # fmt: skip
LOWERCASE_NOMINALISATION = Rule(
    "LOWERCASE_NOMINALISATION", "CASING", Severity.WARNING,
    "An infinitive or adjective used as a noun (after beim/zum/im…, after a preposition and "
    "article, or after etwas/nichts/viel) is written with a capital.",
    "beim schwimmen → beim Schwimmen; etwas neues → etwas Neues", lowercase_nominalisation,
)  # fmt: skip
CAPITALISED_ADJECTIVE = Rule(
    "CAPITALISED_ADJECTIVE", "CASING", Severity.WARNING,
    "An adjective capitalised before a noun where the phrase is no fixed name: Wiktionary's "
    "noun tables list it in lower case only, or an indefinite article shows a description.",
    "eine Große Herausforderung → eine große Herausforderung", capitalised_adjective,
)  # fmt: skip
SIE_FORMAL = Rule(
    "SIE_FORMAL", "CASING", Severity.HINT,
    "A clause-opening “Sie” after a third-person “sie” in the same sentence: formal address "
    "or “they”? (Off by default: a hint to look, often right as it stands.)",
    "Aber sie sind nicht eingefroren; Sie verschmelzen → sie verschmelzen?", formal_sie,
    default_on=False,
)  # fmt: skip

RULES = (CAPITAL_AFTER_COMMA, LOWERCASE_NOMINALISATION, CAPITALISED_ADJECTIVE, SIE_FORMAL)
