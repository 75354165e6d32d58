"""The work of a batch report: chunks of files going out, their checked results coming back.

Both are plain, immutable, picklable data, so the same items go to this process, a local pool
of worker processes or a Dask cluster, and the results come back the same.

Offsets in a ChunkResult: character offsets (`start`, `end` of flags and sentences) and lines
are those of the WHOLE FILE (the worker adds the chunk's `char_offset` and `line_offset`);
segment numbers are local to the chunk (a worker cannot know how many segments the chunks
before it hold), and the parent adds the segments of the file's earlier chunks.
"""

from __future__ import annotations

from dataclasses import dataclass

from review_app.bilingual.model import Unit
from review_app.checking.flag import Flag
from review_app.qa.settings import QaSettings
from review_app.report.model import FlagRecord, SentenceRecord


@dataclass(frozen=True)
class ChunkItem:
    """Whole lines of one file's decoded text: the unit a worker checks, and the document the
    checker's `prepare` sees."""

    file_index: int  # position of the file in the report
    chunk_index: int  # position of the chunk in its file
    text: str  # whole lines of the file's decoded text
    char_offset: int  # where `text` starts in the file's text
    line_offset: int  # lines of the file before `text` (0-based count)
    # A bilingual file's chunk: its units (one segment each, `text` unused) with the file-wide
    # flags of each (consistency hints, which need every unit of the file) and the QA settings.
    units: tuple[Unit, ...] = ()
    file_flags: tuple[tuple[Flag, ...], ...] = ()
    qa: QaSettings | None = None

    @property
    def characters(self) -> int:
        """How much text there is to check (a measure of the work)."""
        return len(self.text) + sum(len(unit.target) for unit in self.units)


@dataclass(frozen=True)
class LongSegments:
    """Segments longer than LONG_TEXT in a chunk (checked in windows): how many, and the
    longest (the first of equal ones) as its chunk-local segment number, 1-based line in the
    file, and length."""

    count: int
    segment: int
    line: int
    characters: int


@dataclass(frozen=True)
class ChunkResult:
    """What a worker found in one ChunkItem (offsets: see the module's docstring)."""

    file_index: int
    chunk_index: int
    segments: int  # segments in this chunk
    flags: tuple[FlagRecord, ...]  # in segment order; `segment` chunk-local
    sentences: tuple[SentenceRecord, ...]  # the flagged segments, once each; chunk-local
    notices: tuple[str, ...] = ()  # the checker's notices since its last chunk (a fallback…)
    checker: str = ""  # the checker that ran: its name …
    checker_description: str = ""  # … and its description, as after this chunk
    long_segments: LongSegments | None = None
