"""Plain-text find for find and replace: a pattern from what the user typed, and its matches in
the sentences, as the sentences are shown (hidden characters as their symbols, one for one)."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from review_app.document.visible import one_to_one


@dataclass(frozen=True)
class Match:
    """Characters `start:end` of sentence `index`'s current text."""

    index: int
    start: int
    end: int


def find_pattern(
    find: str, *, case_sensitive: bool = False, whole_word: bool = False
) -> re.Pattern[str]:
    """The plain text `find` as a pattern (no regular expression syntax)."""
    pattern = re.escape(one_to_one(find))
    if whole_word:
        pattern = rf"(?<!\w){pattern}(?!\w)"
    return re.compile(pattern, 0 if case_sensitive else re.IGNORECASE)


def spans_in(pattern: re.Pattern[str], text: str) -> list[tuple[int, int]]:
    """The non-empty matches of `pattern` in `text` as shown, as spans of `text`."""
    return [m.span() for m in pattern.finditer(one_to_one(text)) if m.end() > m.start()]


def find_in(texts: Iterable[str], pattern: re.Pattern[str]) -> Iterator[Match]:
    """Every match of `pattern` in `texts` (sentence texts, by index), in order."""
    for index, text in enumerate(texts):
        for start, end in spans_in(pattern, text):
            yield Match(index, start, end)
