"""Replacing spans of a file's text, leaving every other character as it was."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass


@dataclass(frozen=True)
class Edit:
    """Replace text[start:end] by `text` (an insertion when start == end)."""

    start: int
    end: int
    text: str


def apply_edits(text: str, edits: Iterable[Edit]) -> str:
    """`text` with `edits` (which must not overlap) made. Insertions at the same point keep
    their given order; an insertion at the end of a replaced span goes after it."""
    ordered = sorted(enumerate(edits), key=lambda item: (item[1].start, item[1].end, item[0]))
    parts: list[str] = []
    position = 0
    for _, edit in ordered:
        if edit.start < position:
            raise ValueError(f"overlapping edits at {edit.start}")
        parts.append(text[position : edit.start])
        parts.append(edit.text)
        position = edit.end
    parts.append(text[position:])
    return "".join(parts)
