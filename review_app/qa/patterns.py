"""URLs, e-mail addresses and software placeholders: tokens a translation copies unchanged."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

Span = tuple[int, int]

URL = re.compile(r"\b(?:https?://|ftp://|www\.)[^\s<>\"“”„«»]+", re.IGNORECASE)
EMAIL = re.compile(r"\b[\w.+-]+@[\w-]+(?:\.[\w-]+)*\.[A-Za-z]{2,}\b")
# {0} {name} {0,number}, {{x}}, ${var}, %s %d %05.2f %(name)s %1$s %@: software placeholders.
# A printf one must not run into a letter, so that German "50 % der" or "100%ige" is no "%d".
PLACEHOLDER = re.compile(
    r"\{\{\s*[\w.]+\s*\}\}"
    r"|\$\{[\w.]+\}"
    r"|\{\w+(?:[.,:]\w*)*\}"
    r"|%(?:\(\w+\)|\d+\$)?[-+0#]?\d*(?:\.\d+)?[sdifuxXoeEgGc@](?![A-Za-zÄÖÜäöüß])"
)
# What ends a URL in running text rather than belonging to it.
_URL_TAIL = ".,;:!?)]}'’"


@dataclass(frozen=True)
class Token:
    """A URL, address or placeholder found in a text, and the form it is compared in."""

    start: int
    end: int
    text: str
    key: str


def urls(text: str) -> list[Token]:
    """URLs in `text`; the trailing punctuation of the sentence is not part of them; compared
    without scheme, case of the host, and a final slash."""
    found = []
    for match in URL.finditer(text):
        raw = match.group()
        while raw and raw[-1] in _URL_TAIL:
            if raw[-1] == ")" and raw.count("(") >= raw.count(")"):
                break  # a Wikipedia-style URL keeps its own bracket
            raw = raw[:-1]
        key = re.sub(r"^(?:https?://|ftp://)", "", raw, flags=re.IGNORECASE)
        key = re.sub(r"^www\.", "", key, flags=re.IGNORECASE).rstrip("/")
        host, slash, rest = key.partition("/")
        start = match.start()
        found.append(Token(start, start + len(raw), raw, host.lower() + slash + rest))
    return found


def emails(text: str) -> list[Token]:
    """E-mail addresses, compared case-insensitively."""
    return [Token(m.start(), m.end(), m.group(), m.group().lower()) for m in EMAIL.finditer(text)]


def placeholders(text: str, skip: Iterable[Span] = ()) -> list[Token]:
    """Software placeholders outside the spans `skip` (URLs: %20 is no placeholder)."""
    skipped = list(skip)
    return [
        Token(m.start(), m.end(), m.group(), m.group())
        for m in PLACEHOLDER.finditer(text)
        if not overlaps(m.start(), m.end(), skipped)
    ]


def overlaps(start: int, end: int, spans: Iterable[Span]) -> bool:
    """Whether [start, end) overlaps one of `spans`."""
    return any(start < s_end and s_start < end for s_start, s_end in spans)


def spans_of(tokens: Iterable[Token]) -> list[Span]:
    return [(token.start, token.end) for token in tokens]
