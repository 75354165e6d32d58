"""Cutting a file's text into chunks: whole lines, about CHUNK_CHARACTERS each.

Segmentation ends a segment at every line break, so the segments of the chunks are exactly the
segments of the whole file. The cuts depend only on the text and the chunk size, never on how
many workers there are: each chunk is also the document the checker's `prepare` sees (name
statistics), which is what makes reports identical whatever `--jobs` is, and on a cluster.
"""

from __future__ import annotations

import os
from collections import deque
from collections.abc import Iterator, Sequence
from typing import NamedTuple

from review_app.batch.items import ChunkItem
from review_app.bilingual.model import BilingualFile
from review_app.checking.flag import Flag
from review_app.errors import ReviewAppError
from review_app.qa.settings import QaSettings

# About 1,800 WMT24 sentences: a second or two of checking, large enough for the checker's
# name statistics to mean something, small enough to keep two cores busy on a few files.
CHUNK_CHARACTERS = 200_000
# Tests and experiments set a smaller size (the report changes with it: keep it equal for runs
# that are compared or resumed).
CHUNK_CHARACTERS_ENV = "REVIEW_APP_CHUNK_CHARACTERS"


class Cut(NamedTuple):
    start: int
    end: int
    line_offset: int  # line breaks before `start`


def chunk_characters() -> int:
    """CHUNK_CHARACTERS, or the positive number in REVIEW_APP_CHUNK_CHARACTERS."""
    raw = os.environ.get(CHUNK_CHARACTERS_ENV)
    if raw is None or not raw.strip():
        return CHUNK_CHARACTERS
    try:
        value = int(raw)
    except ValueError:
        value = 0
    if value < 1:
        raise ReviewAppError(f"{CHUNK_CHARACTERS_ENV}={raw!r}: expected a positive number")
    return value


def _line_breaks(text: str, start: int, end: int) -> int:
    return (
        text.count("\n", start, end) + text.count("\r", start, end) - text.count("\r\n", start, end)
    )


def _line_end(text: str, position: int) -> int:
    """Just after the line break at `position` (a CRLF is one break)."""
    if text.startswith("\r\n", position):
        return position + 2
    return position + 1


def _cut_after(text: str, start: int, size: int) -> int:
    """Where the chunk starting at `start` ends: after the last line break within `size`
    characters, or, when a line is longer than that, after the line."""
    target = start + size
    if target >= len(text):
        return len(text)
    last = max(text.rfind("\n", start, target), text.rfind("\r", start, target))
    if last >= start:
        return _line_end(text, last)
    found = [i for i in (text.find("\n", target), text.find("\r", target)) if i >= 0]
    return _line_end(text, min(found)) if found else len(text)


def plan_cuts(text: str, size: int = CHUNK_CHARACTERS) -> list[Cut]:
    """The chunks of `text`: at least one (an empty text is one empty chunk)."""
    cuts: list[Cut] = []
    start = lines = 0
    while True:
        end = _cut_after(text, start, size)
        cuts.append(Cut(start, end, lines))
        if end >= len(text):
            return cuts
        lines += _line_breaks(text, start, end)
        start = end


def chunk_items(text: str, file_index: int, cuts: list[Cut] | None = None) -> Iterator[ChunkItem]:
    """The ChunkItems of one file's text, cut as `plan_cuts` says (default: the configured
    chunk size).

    A text of several chunks is held as UTF-8 bytes once cut, each decoded when its item is
    made: half the memory of a text with one character beyond Latin-1 (Python then stores
    two bytes for every character), and each chunk's share is freed as it goes. For that the
    caller must keep no reference to `text` once this starts."""
    if cuts is None:
        cuts = plan_cuts(text, chunk_characters())
    if len(cuts) == 1:
        cut = cuts[0]
        yield ChunkItem(file_index, 0, text, cut.start, cut.line_offset)
        return
    pieces = deque(_encoded(text[cut.start : cut.end]) for cut in cuts)
    del text
    for index, cut in enumerate(cuts):
        yield ChunkItem(
            file_index=file_index,
            chunk_index=index,
            text=pieces.popleft().decode("utf-8", "surrogatepass"),
            char_offset=cut.start,
            line_offset=cut.line_offset,
        )


def _encoded(piece: str) -> bytes:
    return piece.encode("utf-8", "surrogatepass")


def unit_chunks(
    file: BilingualFile,
    file_index: int,
    file_flags: Sequence[Sequence[Flag]],
    qa: QaSettings,
    size: int = CHUNK_CHARACTERS,
) -> list[ChunkItem]:
    """A bilingual file's units in chunks of about `size` characters of source and target."""
    items: list[ChunkItem] = []
    start = used = 0
    units = file.units
    for end, unit in enumerate(units, 1):
        used += len(unit.source) + len(unit.target)
        if used >= size or end == len(units):
            items.append(
                ChunkItem(
                    file_index=file_index,
                    chunk_index=len(items),
                    text="",
                    char_offset=0,
                    line_offset=0,
                    units=units[start:end],
                    file_flags=tuple(tuple(flags) for flags in file_flags[start:end]),
                    qa=qa,
                )
            )
            start, used = end, 0
    return items
