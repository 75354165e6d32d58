"""Splitting a segment into tokens the speller and the rules look at, with exact offsets.

URLs, e-mail addresses, @handles, #tags and domain names are whole tokens of their own kind,
so nothing inside them is ever spell-checked or seen by the spacing rules.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# Characters that end a URL when they close it ("see https://x.org/a." keeps the full stop out).
_URL_TRAILING = ".,;:!?)]}\"'’”»«›‹"

_TOKEN = re.compile(
    r"""
    (?P<url>(?:https?://|ftp://|www\.)[^\s<>"“”„«»]+)
  | (?P<email>[\w.+-]+@[\w-]+(?:\.[\w-]+)+)
  | (?P<handle>(?<![\w@])@\w+(?:@[\w-]+(?:\.[\w-]+)+)?)
  | (?P<entity>&(?:[a-z]{2,8}|\#[0-9]{1,6}|\#x[0-9a-f]{1,6});)
  | (?P<hashtag>(?<![\w#&])\#\w+)
  | (?P<domain>\b(?:[a-z0-9-]+\.)+
        (?:com|org|net|de|at|ch|eu|gov|edu|io|ai|uk|co|info|be|fm|tv|ly|me|app|dev|html?|php|pdf|js|py)
        \b(?:/[^\s<>"“”„«»]*)?)
  | (?P<word>[^\W_](?:[^\W_]|[-'’\u00ad\u200c\u200d](?=[^\W_]))*)
    """,
    re.VERBOSE | re.IGNORECASE,
)

_DIGIT = re.compile(r"\d")
# Opening marks and spaces that may stand before the first word of a sentence.
_SENTENCE_LEAD = set("\"'“”„«»‹›‚‘’([{-–—*•·\u00a0 \t")
# Marks after which a new sentence (or a quoted one) may start inside a segment.
_SENTENCE_BREAK = set(".!?:…")


@dataclass(frozen=True, slots=True)
class Token:
    start: int
    end: int
    text: str
    kind: str  # url | email | handle | entity | hashtag | domain | word | number
    sentence_initial: bool = False

    @property
    def is_word(self) -> bool:
        return self.kind == "word"


def _trim_url(text: str) -> str:
    while text and text[-1] in _URL_TRAILING:
        text = text[:-1]
    return text


def _starts_sentence(text: str, start: int) -> bool:
    """True when only opening marks, or a sentence break and opening marks, precede `start`."""
    i = start - 1
    while i >= 0 and text[i] in _SENTENCE_LEAD:
        i -= 1
    return i < 0 or text[i] in _SENTENCE_BREAK


def tokenize(text: str) -> list[Token]:
    """All tokens of `text` in order; punctuation and spaces are not tokens."""
    tokens: list[Token] = []
    for match in _TOKEN.finditer(text):
        kind = match.lastgroup or "word"
        value = match.group()
        if kind == "url":
            value = _trim_url(value)
            if not value:
                continue
        elif kind == "word" and _DIGIT.search(value):
            kind = "number"
        start = match.start()
        initial = kind == "word" and _starts_sentence(text, start)
        tokens.append(Token(start, start + len(value), value, kind, initial))
    return tokens


def protected_spans(tokens: list[Token]) -> list[tuple[int, int]]:
    """Spans the punctuation rules must leave alone (URLs, addresses, handles, HTML entities,
    tags, domains)."""
    return [(t.start, t.end) for t in tokens if t.kind not in ("word", "number")]


def inside(spans: list[tuple[int, int]], position: int) -> bool:
    return any(start <= position < end for start, end in spans)
