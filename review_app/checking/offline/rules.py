"""Style and grammar rules that need no dictionary: doubled words, spacing, sentence case."""

from __future__ import annotations

import html
import re
from collections.abc import Callable

from review_app.checking.flag import Flag, Severity
from review_app.checking.offline.registry import CHECKER, Rule, RuleContext, RuleFn
from review_app.checking.offline.tokens import Token, inside, protected_spans

# Articles and pronouns that are doubled legitimately after a comma: "Die Frau, die die Zeitung
# liest" (relative pronoun + article).
_RELATIVE = frozenset(["der", "die", "das", "den", "dem", "des"])
_LEGIT_DOUBLES = frozenset(["sie", "ihr"])
# A relative clause may start with a preposition: "die Ressource, auf die die FAA verweist".
_PREPOSITIONS = frozenset(
    (
        "an", "auf", "aus", "bei", "durch", "für", "gegen", "hinter", "in", "mit", "nach",
        "neben", "ohne", "seit", "über", "um", "unter", "von", "vor", "während", "wegen", "zu",
        "zwischen",
    )
)  # fmt: skip
_BETWEEN_SPACE = re.compile(r"[ \t\u00a0]+")
# Not before an ellipsis, a number (" .5") or an emoticon (" :)", " ;D").
# Not inside a spaced run of marks (". . . ?", a spaced ellipsis): that is one thing to fix.
_SPACE_BEFORE = re.compile(
    r"(?<=[^\s(\[{„“\"'«».,;:!?…])[ \t\u00a0]+"
    r"([,!?]|[;:](?!-?[()\[\]DPpOo3/\\|*])|\.(?![.\w])(?![ \t\u00a0]+[.?!]))"
)
_MISSING_AFTER_COMMA = re.compile(r"(?:(?<=[^\W\d_])|(?<=[\"'”“»)])),(?=[^\W\d_])")
_MISSING_AFTER_STOP = re.compile(r"(?<=[a-zäöüß]{2})([.;!?])(?=[A-ZÄÖÜ][a-zäöüß])")
_DOUBLE_SPACE = re.compile(r"(?<=\S)( {2,})(?=\S)")
# The end of a full sentence: a final mark, perhaps followed by closing quotes or brackets.
_SENTENCE_END = re.compile(r"[.!?…][\"'”“»«)\]]*$")
# Lower-case words that legitimately start a segment (product names, headline fragments).
LOWERCASE_STARTS = frozenset(["iPhone", "iPad", "iOS", "eBay", "e-Mail", "dm", "vs", "ca", "z"])


def _flag(
    start: int,
    end: int,
    message: str,
    rule_id: str,
    category: str,
    severity: Severity,
    suggestions: tuple[str, ...] = (),
) -> Flag:
    return Flag(start, end, message, rule_id, category, severity, suggestions, checker=CHECKER)


def doubled_names(context: RuleContext) -> list[Flag]:
    """Doubled words, except a doubled name the dictionary does not know: reduplicated names
    (Ylang Ylang, Bora Bora, Walla Walla) are written that way."""
    spell = context.resources.speller.spell
    return [
        flag
        for flag in doubled_words(context.text, context.tokens)
        if not (flag.suggestions[0][:1].isupper() and spell(flag.suggestions[0]) is False)
    ]


def doubled_words(text: str, tokens: list[Token]) -> list[Flag]:
    """ "die die": the same word twice in a row (any case), with only spaces between."""
    flags = []
    for i in range(1, len(tokens)):
        first, second = tokens[i - 1], tokens[i]
        if not (first.is_word and second.is_word):
            continue
        if first.text != second.text and not (
            first.sentence_initial and first.text.lower() == second.text.lower()
        ):
            continue  # "Beim Kochen kochen wir": a noun and a verb, not a doubling
        if not _BETWEEN_SPACE.fullmatch(text[first.end : second.start]):
            continue
        if first.text.lower() in _LEGIT_DOUBLES:
            continue  # "ob sie sie sieht": subject and object
        if first.text.lower() in _RELATIVE and _after_comma(text, tokens, i - 1):
            continue
        flags.append(
            _flag(
                first.start,
                second.end,
                f"Doubled word: “{first.text} {second.text}”.",
                "DOUBLED_WORD",
                "GRAMMAR",
                Severity.WARNING,
                (first.text,),
            )
        )
    return flags


def _after_comma(text: str, tokens: list[Token], index: int) -> bool:
    """True when token `index` follows a comma, perhaps with one preposition between."""
    before = text[: tokens[index].start].rstrip()
    if before.endswith(","):
        return True
    if index > 0 and tokens[index - 1].text.lower() in _PREPOSITIONS:
        return text[: tokens[index - 1].start].rstrip().endswith(",")
    return False


def space_before_punctuation(text: str, tokens: list[Token]) -> list[Flag]:
    """ "Wort ," → "Wort,". Not before an ellipsis or a number (" .5"), not inside URLs."""
    spans = protected_spans(tokens)
    flags = []
    for match in _SPACE_BEFORE.finditer(text):
        mark = match.group(1)
        if inside(spans, match.start(1)):
            continue
        flags.append(
            _flag(
                match.start(),
                match.end(),
                f"No space before “{mark}”.",
                "SPACE_BEFORE_PUNCTUATION",
                "TYPOGRAPHY",
                Severity.WARNING,
                (mark,),
            )
        )
    return flags


def missing_space_after_punctuation(text: str, tokens: list[Token]) -> list[Flag]:
    """ "Wort,Wort" and "Ende.Der" → add a space. Numbers (3,5 / 1.000), URLs, domains and
    abbreviations (z.B., d.h., where a lower-case letter follows) are left alone."""
    spans = protected_spans(tokens)
    flags = []
    for match in (*_MISSING_AFTER_COMMA.finditer(text), *_MISSING_AFTER_STOP.finditer(text)):
        position = match.start()
        if inside(spans, position):
            continue
        mark = text[position]
        flags.append(
            _flag(
                position,
                position + 1,
                f"Missing space after “{mark}”.",
                "MISSING_SPACE_AFTER_PUNCTUATION",
                "TYPOGRAPHY",
                Severity.WARNING,
                (mark + " ",),
            )
        )
    return flags


def double_spaces(text: str, tokens: list[Token]) -> list[Flag]:
    spans = protected_spans(tokens)
    return [
        _flag(
            match.start(),
            match.end(),
            "Two or more spaces in a row.",
            "DOUBLE_SPACE",
            "TYPOGRAPHY",
            Severity.WARNING,
            (" ",),
        )
        for match in _DOUBLE_SPACE.finditer(text)
        if not inside(spans, match.start())
    ]


def lowercase_sentence_start(text: str, tokens: list[Token]) -> list[Flag]:
    """A full sentence (ending in . ! ? …) whose first character is a lower-case letter.

    Skipped: segments starting with a digit, quote, bracket, URL/handle or ellipsis (the
    sentence goes on from elsewhere), fragments without a final mark (headlines and
    navigation such as "zum Inhalt"), and brand names written in lower case (iPhone, eBay).
    """
    if not tokens or not text[:1].isalpha() or not text[:1].islower():
        return []
    first = tokens[0]
    if first.start != 0 or first.kind != "word":
        return []
    if first.text in LOWERCASE_STARTS or any(ch.isupper() for ch in first.text[1:]):
        return []
    if not _SENTENCE_END.search(text.rstrip()) or len(tokens) < 3:
        return []
    fixed = first.text[:1].upper() + first.text[1:]
    return [
        _flag(
            first.start,
            first.end,
            "A sentence starts with a lower-case letter.",
            "LOWERCASE_SENTENCE_START",
            "CASING",
            Severity.WARNING,
            (fixed,),
        )
    ]


def html_entities(text: str, tokens: list[Token]) -> list[Flag]:
    """&quot; &amp; &#39;: markup escapes left in the text by the MT pipeline."""
    flags = []
    for token in tokens:
        if token.kind != "entity":
            continue
        plain = html.unescape(token.text)
        if plain == token.text:
            continue
        flags.append(
            _flag(
                token.start,
                token.end,
                f"HTML entity “{token.text}” in the text: write “{plain}”.",
                "HTML_ENTITY",
                "TYPOGRAPHY",
                Severity.WARNING,
                (plain,),
            )
        )
    return flags


def _on_text(function: Callable[[str, list[Token]], list[Flag]]) -> RuleFn:
    return lambda context: function(context.text, context.tokens)


RULES = (
    Rule(
        "DOUBLED_WORD", "GRAMMAR", Severity.WARNING,
        "The same word twice in a row (not “die, die die …” relative clauses).",
        "der der Mann → der Mann", doubled_names,
    ),
    Rule(
        "SPACE_BEFORE_PUNCTUATION", "TYPOGRAPHY", Severity.WARNING,
        "A space before a comma, full stop, colon, semicolon, ? or !.",
        "Wort , Wort → Wort, Wort", _on_text(space_before_punctuation),
    ),
    Rule(
        "MISSING_SPACE_AFTER_PUNCTUATION", "TYPOGRAPHY", Severity.WARNING,
        "No space after a comma or a sentence end (numbers, URLs and z.B. left alone).",
        "Ende.Der → Ende. Der", _on_text(missing_space_after_punctuation),
    ),
    Rule(
        "DOUBLE_SPACE", "TYPOGRAPHY", Severity.WARNING,
        "Two or more spaces in a row.",
        "zwei  Leerzeichen → zwei Leerzeichen", _on_text(double_spaces),
    ),
    Rule(
        "LOWERCASE_SENTENCE_START", "CASING", Severity.WARNING,
        "A full sentence that starts with a lower-case letter.",
        "der Tag war lang. → Der Tag war lang.", _on_text(lowercase_sentence_start),
    ),
    Rule(
        "HTML_ENTITY", "TYPOGRAPHY", Severity.WARNING,
        "An HTML entity left in the text by the MT pipeline.",
        "&quot; → \"", _on_text(html_entities),
    ),
)  # fmt: skip
