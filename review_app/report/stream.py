"""Writing a report as it is made: each format is a ReportWriter fed the report's events in
order (review_app.report.build.report_events), so no format holds more than one file.

A whole Report (tests, small runs) is written the same way, replayed as events.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Protocol

from review_app.report.model import (
    FileChunk,
    FileDone,
    FileFailure,
    FileReport,
    FlagCounts,
    FlagRecord,
    Report,
    ReportEnd,
    ReportEvent,
    SentenceRecord,
)


class ReportWriter(Protocol):
    def begin(self) -> None:
        """Before the first event: the report's head."""

    def chunk(self, chunk: FileChunk) -> None: ...

    def file(self, done: FileDone) -> None: ...

    def failure(self, failure: FileFailure) -> None: ...

    def end(self, end: ReportEnd) -> None:
        """After the last file: totals, checker, the report's foot."""


class WholeFiles:
    """A writer that writes a file once it has all of it (its title gives its flag count):
    subclasses implement `begin`, `write_file`, `failure` and `end`."""

    def __init__(self) -> None:
        self._flags: list[FlagRecord] = []
        self._sentences: list[SentenceRecord] = []

    def chunk(self, chunk: FileChunk) -> None:
        self._flags.extend(chunk.flags)
        self._sentences.extend(chunk.sentences)

    def file(self, done: FileDone) -> None:
        report = FileReport(
            path=done.path,
            encoding=done.encoding,
            segments=done.segments,
            flags=tuple(self._flags),
            notices=done.notices,
            sentences=tuple(self._sentences),
        )
        self._flags, self._sentences = [], []
        self.write_file(report)

    def write_file(self, report: FileReport) -> None:
        raise NotImplementedError


def write_events(events: Iterable[ReportEvent], writer: ReportWriter) -> ReportEnd:
    """Feed `events` to `writer`, from `begin` to `end`; the ReportEnd."""
    writer.begin()
    for event in events:
        if isinstance(event, FileChunk):
            writer.chunk(event)
        elif isinstance(event, FileDone):
            writer.file(event)
        elif isinstance(event, FileFailure):
            writer.failure(event)
        else:
            writer.end(event)
            return event
    raise ValueError("the events ended before the report did")


def replay(report: Report) -> Iterator[ReportEvent]:
    """A whole Report as the events of a run that made it: failures first, then the files."""
    end = report.end()
    yield from report.failures
    for index, file in enumerate(report.files):
        characters = file.flags[-1].end if file.flags else 0
        yield FileChunk(index, file.path, file.flags, file.sentences, file.segments, 0, characters)
        yield FileDone(
            file_index=index,
            path=file.path,
            encoding=file.encoding,
            segments=file.segments,
            notices=file.notices,
            counts=FlagCounts.of(file.flags),
            worst=max((f.severity for f in file.flags), default=None),
            checker=end.checker,
        )
    yield end
