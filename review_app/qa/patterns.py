"""URLs, e-mail addresses and software placeholders: tokens a translation copies unchanged."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

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
_SCHEME = re.compile(r"^(?:https?://|ftp://)", re.IGNORECASE)
_WWW = re.compile(r"^www\.", re.IGNORECASE)
# A URL needs "://" or "www." (IGNORECASE folds w only with W): tested before the regex, which
# tries every position.
_WWW_ANYWHERE = re.compile(r"[wW][wW][wW]\.")


_DIGIT_RUN = re.compile(r"\d+")


@lru_cache(maxsize=64)  # the number, date and time patterns all ask it of the same text
def digit_run_starts(text: str) -> tuple[int, ...]:
    """Where each run of digits in `text` starts."""
    return tuple(match.start() for match in _DIGIT_RUN.finditer(text))


def matches_from(pattern: re.Pattern[str], text: str, starts: Iterable[int]) -> list[re.Match[str]]:
    """`list(pattern.finditer(text))` for a pattern that can match only at `starts` (in
    order): tried there only, where the regex engine would try every position."""
    found = []
    end = 0
    for start in starts:
        if start < end:
            continue
        match = pattern.match(text, start)
        if match is not None:
            found.append(match)
            end = match.end()
    return found


def digit_led_matches(pattern: re.Pattern[str], text: str) -> list[re.Match[str]]:
    """`list(pattern.finditer(text))` for a pattern each match of which starts a run of digits
    (it begins with `\\b` or a look-behind for no digit, then a digit). A match may take in
    later runs."""
    return matches_from(pattern, text, digit_run_starts(text))


def may_hold_url(text: str) -> bool:
    if "://" in text:
        return True
    return ("w." in text or "W." in text) and _WWW_ANYWHERE.search(text) is not None


def may_hold_placeholder(text: str) -> bool:
    return "{" in text or "%" in text


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
    found: list[Token] = []
    if not may_hold_url(text):
        return found
    for match in URL.finditer(text):
        raw = match.group()
        while raw and raw[-1] in _URL_TAIL:
            if raw[-1] == ")" and raw.count("(") >= raw.count(")"):
                break  # a Wikipedia-style URL keeps its own bracket
            raw = raw[:-1]
        key = _WWW.sub("", _SCHEME.sub("", raw)).rstrip("/")
        host, slash, rest = key.partition("/")
        start = match.start()
        found.append(Token(start, start + len(raw), raw, host.lower() + slash + rest))
    return found


def emails(text: str) -> list[Token]:
    """E-mail addresses, compared case-insensitively."""
    if "@" not in text:
        return []
    return [Token(m.start(), m.end(), m.group(), m.group().lower()) for m in EMAIL.finditer(text)]


def placeholders(text: str, skip: Iterable[Span] = ()) -> list[Token]:
    """Software placeholders outside the spans `skip` (URLs: %20 is no placeholder)."""
    if not may_hold_placeholder(text):
        return []
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
