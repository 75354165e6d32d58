"""Sentence segmentation with LanguageTool's SRX rules (choppa), line by line, exact spans."""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache

from review_app.document.model import Document, Segment

_LINE = re.compile(r"[^\r\n]*(?:\r\n|\r|\n)?")


@lru_cache(maxsize=1)
def _srx_document() -> object:
    from choppa import DEFAULT_SRX_RULESET, SrxDocument

    return SrxDocument(ruleset=str(DEFAULT_SRX_RULESET))


def split_sentences(line: str, language: str = "de") -> Iterator[tuple[int, int]]:
    """Spans of the sentences in one line (no line breaks inside), whitespace trimmed."""
    if not line.strip():
        return
    from choppa import SrxTextIterator

    cursor = 0
    pending: tuple[int, int] | None = None
    for piece in SrxTextIterator(_srx_document(), f"{language}_one", line):
        start = line.index(piece, cursor)
        cursor = start + len(piece)
        stripped = piece.strip()
        if not stripped:
            continue
        lead = len(piece) - len(piece.lstrip())
        span = (start + lead, start + lead + len(stripped))
        if pending is not None and pending[1] == span[0]:
            # "Schauer.Die Sonne": no space after the full stop is an error in the text, not
            # a sentence boundary; one segment lets the checker flag the missing space.
            pending = (pending[0], span[1])
            continue
        if pending is not None:
            yield pending
        pending = span
    if pending is not None:
        yield pending


def iter_lines(text: str) -> Iterator[tuple[int, str]]:
    """(offset, content without its line ending) for each line of `text`."""
    offset = 0
    for match in _LINE.finditer(text):
        raw = match.group()
        if not raw:
            break
        yield offset, raw.rstrip("\r\n")
        offset += len(raw)


def segment_text(text: str, language: str = "de") -> Document:
    """Split `text` into sentence segments; every line break ends a segment."""
    segments: list[Segment] = []
    for line_number, (offset, line) in enumerate(iter_lines(text)):
        for start, end in split_sentences(line, language):
            segments.append(
                Segment(
                    index=len(segments),
                    start=offset + start,
                    end=offset + end,
                    text=line[start:end],
                    line=line_number,
                )
            )
    return Document(text=text, segments=tuple(segments))
