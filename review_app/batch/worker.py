"""Checking one chunk: segment, prepare, check, locate. Runs in whatever process gets the item
(this one, a local worker process, a Dask worker); the checker is built once per process from
the Settings and kept for the process's life."""

from __future__ import annotations

import atexit
import bisect
import gc
import re
import threading
from collections.abc import Sequence
from dataclasses import replace

from review_app.batch.items import ChunkItem, ChunkResult, LongSegments
from review_app.bilingual.checks import segment_flags
from review_app.bilingual.document import bilingual_document
from review_app.bilingual.model import BilingualFile
from review_app.checking.base import Checker
from review_app.checking.flag import Flag
from review_app.checking.run import check_texts, check_units, long_texts
from review_app.config import Settings
from review_app.document.model import Document, Segment
from review_app.document.segment import segment_text
from review_app.qa.settings import QaSettings
from review_app.report.model import FlagRecord, SentenceRecord

_LINE_BREAK = re.compile(r"\r\n|\r|\n")


class _LineIndex:
    """Character offset → (line, column), both 1-based."""

    def __init__(self, text: str) -> None:
        self._starts = [0, *(m.end() for m in _LINE_BREAK.finditer(text))]

    def locate(self, offset: int) -> tuple[int, int]:
        line = bisect.bisect_right(self._starts, offset)
        return line, offset - self._starts[line - 1] + 1


def _record(
    segment: Segment, flag: Flag, index: _LineIndex, char_offset: int, line_offset: int
) -> FlagRecord:
    start = segment.start + flag.start
    line, column = index.locate(start)
    return FlagRecord(
        segment=segment.index,
        segment_start=flag.start,
        segment_end=flag.end,
        start=char_offset + start,
        end=char_offset + segment.start + flag.end,
        line=line_offset + line,
        column=column,
        text=flag.flagged(segment.text),
        sentence=segment.text,
        message=flag.message,
        rule_id=flag.rule_id,
        category=flag.category,
        severity=flag.severity,
        suggestions=flag.suggestions,
        checker=flag.checker,
    )


def locate_flags(
    document: Document,
    flags: Sequence[Sequence[Flag]],
    char_offset: int = 0,
    line_offset: int = 0,
) -> tuple[FlagRecord, ...]:
    """FlagRecords for the per-segment `flags` of `document`, in document order; `document`
    starts `char_offset` characters and `line_offset` lines into its file (at a line start)."""
    index = _LineIndex(document.text)
    return tuple(
        _record(segment, flag, index, char_offset, line_offset)
        for segment, segment_flags in zip(document.segments, flags, strict=True)
        for flag in segment_flags
    )


def flagged_sentences(
    document: Document,
    records: Sequence[FlagRecord],
    char_offset: int = 0,
    line_offset: int = 0,
) -> tuple[SentenceRecord, ...]:
    """Each segment that has a flag, once, with its whole text."""
    return tuple(
        SentenceRecord(
            seg.index,
            char_offset + seg.start,
            char_offset + seg.end,
            line_offset + seg.line + 1,
            seg.text,
        )
        for seg in (document.segments[i] for i in sorted({r.segment for r in records}))
    )


def _freeze_heap() -> None:
    """After the first chunk the checker has loaded its language data (hundreds of MB of
    objects that live as long as the process): out of the cycle collector's way, so that its
    full passes stop walking them (10-20 % of the checking time)."""
    gc.collect()
    gc.freeze()


def unit_records(document: Document, flags: Sequence[Sequence[Flag]]) -> tuple[FlagRecord, ...]:
    """FlagRecords of a bilingual document: located by unit (`line` is the unit's line in the
    file, 1-based; `column` the position in the target, 1-based) and carrying its source and
    id; `start`/`end` are offsets into the document's text (the targets joined)."""
    segments = document.segments
    return tuple(_with_unit(r, segments[r.segment]) for r in locate_flags(document, flags))


def unit_sentences(
    document: Document, records: Sequence[FlagRecord]
) -> tuple[SentenceRecord, ...]:
    """The flagged sentences of a bilingual document, with their units' source and id."""
    segments = document.segments
    return tuple(
        _sentence_with_unit(s, segments[s.segment]) for s in flagged_sentences(document, records)
    )


def _with_unit(record: FlagRecord, segment: Segment) -> FlagRecord:
    unit = segment.unit
    if unit is None:
        return record
    return replace(
        record,
        line=unit.line + 1,
        column=record.segment_start + 1,
        source=unit.source,
        unit_id=unit.id,
    )


def _sentence_with_unit(record: SentenceRecord, segment: Segment) -> SentenceRecord:
    unit = segment.unit
    if unit is None:
        return record
    return replace(record, line=unit.line + 1, source=unit.source, unit_id=unit.id)


class ChunkChecker:
    """A checker checking chunks one after another; each result carries the checker's notices
    that are new since the chunk before (e.g. LanguageTool failed and offline took over)."""

    def __init__(self, checker: Checker) -> None:
        self.checker = checker
        self._notices_seen = 0
        self._frozen = False

    def check(self, item: ChunkItem) -> ChunkResult:
        if item.units:
            document = bilingual_document(BilingualFile("", None, None, item.units))
        else:
            document = segment_text(item.text)
        texts = [segment.text for segment in document.segments]
        self.checker.prepare(check_units(texts))
        flags = check_texts(texts, self.checker, suggest=True)
        if item.units:
            qa = item.qa or QaSettings()
            flags = [
                segment_flags(segment, found, qa, extra)
                for segment, found, extra in zip(
                    document.segments, flags, item.file_flags, strict=True
                )
            ]
            records = unit_records(document, flags)
            sentences = unit_sentences(document, records)
        else:
            records = locate_flags(document, flags, item.char_offset, item.line_offset)
            sentences = flagged_sentences(document, records, item.char_offset, item.line_offset)
        del flags  # the checker's own objects: only the records go back
        if not self._frozen:
            self._frozen = True
            _freeze_heap()
        notices = list(getattr(self.checker, "notices", ()))
        new, self._notices_seen = notices[self._notices_seen :], len(notices)
        info = self.checker.info
        return ChunkResult(
            file_index=item.file_index,
            chunk_index=item.chunk_index,
            segments=len(texts),
            flags=records,
            sentences=sentences,
            notices=tuple(new),
            checker=info.name,
            checker_description=info.description,
            long_segments=_long_segments(texts, document.segments, item.line_offset),
        )

    def close(self) -> None:
        self.checker.close()


def _long_segments(
    texts: list[str], segments: tuple[Segment, ...], line_offset: int
) -> LongSegments | None:
    long = long_texts(texts)
    if not long:
        return None
    longest = max(long, key=lambda i: len(texts[i]))
    return LongSegments(
        count=len(long),
        segment=longest,
        line=segments[longest].line + 1 + line_offset,
        characters=len(texts[longest]),
    )


# This process's checker and the Settings it was built from.
_process: tuple[Settings, ChunkChecker] | None = None
_process_lock = threading.Lock()
_closes_at_exit = False


def check_item(settings: Settings, item: ChunkItem) -> ChunkResult:
    """Segment, prepare, check one chunk with this process's checker (built once from
    `settings` on first use and kept; closed at process exit). Not for two threads at once:
    `prepare` and `check` of one chunk must not interleave with another's."""
    return process_checker(settings).check(item)


def process_checker(settings: Settings) -> ChunkChecker:
    """This process's ChunkChecker for `settings` (a new one when the settings changed)."""
    global _process
    from review_app.checking.select import make_checker

    with _process_lock:
        if _process is not None and (_process[0] is settings or _process[0] == settings):
            return _process[1]
        close_process_checker()
        _close_at_exit()
        checker = ChunkChecker(make_checker(settings))
        _process = (settings, checker)
        return checker


def _close_at_exit() -> None:
    global _closes_at_exit
    if not _closes_at_exit:
        atexit.register(close_process_checker)
        _closes_at_exit = True


def close_process_checker() -> None:
    """Close this process's checker (a local LanguageTool server stops with it)."""
    global _process
    if _process is not None:
        checker, _process = _process[1], None
        checker.close()
