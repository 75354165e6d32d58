"""Building a report: find the files, read them, cut them into chunks, have the chunks checked
(by whoever `check` sends them to), and turn the results, in order, into report events.

The report is made as the results come: each chunk's flags are an event (`FileChunk`), then
each file's end (`FileDone`), each unreadable file where it stands (`FileFailure`), and last the
totals (`ReportEnd`). Nothing grows with the corpus but the list of paths and of failures.
"""

from __future__ import annotations

import os
from collections import Counter, deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import BinaryIO

from review_app.batch.chunks import chunk_characters, chunk_items, plan_cuts, unit_chunks
from review_app.batch.items import ChunkItem, ChunkResult, LongSegments
from review_app.bilingual.checks import unit_file_flags
from review_app.bilingual.opening import BilingualOptions, OpenedBilingual, bilingual_from
from review_app.checking.base import Checker
from review_app.checking.flag import Flag, Severity
from review_app.checking.run import LONG_TEXT, OVERLAP
from review_app.document.model import Document
from review_app.document.textio import (
    STDIN,
    STDIN_ARGUMENT,
    StandardInput,
    TextFile,
    read_stream,
    read_text,
)
from review_app.errors import InputError
from review_app.qa.settings import QaSettings
from review_app.report.model import (
    CheckerRun,
    Earlier,
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
    Totals,
)

Source = Path | StandardInput

TEXT_SUFFIXES = (".txt", ".text", ".md", ".xlf", ".xliff", ".sdlxliff", ".mqxliff", ".po", ".tmx")
# Our own outputs and sample metadata are not texts to check.
_SKIPPED_NAME_PARTS = (".revised.", ".errors.")


def _is_candidate(path: Path) -> bool:
    name = path.name
    return (
        path.suffix.lower() in TEXT_SUFFIXES
        and not name.startswith(".")
        and not any(part in name for part in _SKIPPED_NAME_PARTS)
    )


def _text_files_under(folder: Path) -> list[Path]:
    return sorted(p for p in folder.rglob("*") if _is_candidate(p) and p.is_file())


def collect_paths(
    inputs: Iterable[str | Path], failures: list[FileFailure] | None = None
) -> list[Source]:
    """Files named directly, plus the text files (.txt, .text, .md) found under folders; `-`
    (a str) is standard input. A missing path or a folder without text files raises
    InputError, or, when `failures` is given, goes there and the rest is collected."""
    paths: list[Source] = []
    for raw in inputs:
        try:
            paths.extend(_collect_one(raw))
        except InputError as exc:
            if failures is None:
                raise
            failures.append(FileFailure(path=str(raw), error=str(exc)))
    return list(dict.fromkeys(paths))


def paths_from_list(data: bytes) -> Iterator[Path]:
    """The paths of a list (`--files-from`): one a line, as the file system spells them (bytes
    that are not UTF-8 kept, as in os.fsdecode); blank lines and lines starting with `#`
    skipped. A `-` line is a file named "-", not standard input."""
    for raw in data.split(b"\n"):
        line = os.fsdecode(raw.removesuffix(b"\r"))
        if line.strip() and not line.lstrip().startswith("#"):
            yield Path(line)


def _collect_one(raw: str | Path) -> list[Source]:
    if raw == STDIN_ARGUMENT and isinstance(raw, str):
        return [STDIN]
    path = Path(raw)
    if path.is_dir():
        try:
            found = _text_files_under(path)
        except OSError as exc:
            raise InputError(f"{path}: cannot read this folder ({exc.strerror or exc})") from None
        if not found:
            raise InputError(
                f"{path}: no text files (*.txt, *.text, *.md, *.xlf, *.xliff, *.po, *.tmx) "
                "in this folder"
            )
        return list(found)
    if path.exists() or path.is_symlink():  # a dangling link fails later, as "no such file"
        return [path]
    raise InputError(f"{path}: no such file or folder")


def read_source(source: Source | TextFile, stdin: BinaryIO | None = None) -> TextFile:
    """The text of a file, or of standard input (from `stdin`); InputError when it cannot be
    read as text. A TextFile is already read: itself."""
    if isinstance(source, TextFile):
        return source
    if isinstance(source, StandardInput):
        return read_stream(stdin, name=source.name)
    return read_text(source)


def load_files(
    paths: Iterable[Source], stdin: BinaryIO | None = None
) -> tuple[list[TextFile], list[FileFailure]]:
    """Read each file (STDIN from `stdin`); the ones that fail become failures."""
    loaded: list[TextFile] = []
    failures: list[FileFailure] = []
    for path in paths:
        try:
            loaded.append(read_source(path, stdin))
        except InputError as exc:
            failures.append(FileFailure(path=str(path), error=str(exc)))
    return loaded, failures


def long_segment_notice(long: LongSegments) -> str:
    """The line saying which segments of a file were checked in windows."""
    many = f"{long.count} segments" if long.count > 1 else "1 segment"
    return (
        f"{many} longer than {LONG_TEXT:,} characters (the longest: segment {long.segment + 1}, "
        f"line {long.line}, {long.characters:,} characters) checked in pieces cut at "
        f"spaces; a flag needing more than {OVERLAP} characters of context across a cut may "
        "be missed"
    )


Check = Callable[[Iterable[ChunkItem]], Iterable[ChunkResult]]
NOTHING_EARLIER = Earlier()
NO_CHECKER = CheckerRun("offline", "no file was checked")


@dataclass
class _File:
    """A file being checked: what the parent knows of it, and what its results add up to."""

    index: int
    path: str
    encoding: str
    notice: str | None
    characters: int
    ends: list[int]  # where each chunk ends in the text
    received: int = 0
    segments: int = 0
    worst: Severity | None = None
    by_severity: Counter[str] = field(default_factory=Counter)
    by_rule: Counter[str] = field(default_factory=Counter)
    by_category: Counter[str] = field(default_factory=Counter)
    long: LongSegments | None = None
    checker: CheckerRun | None = None  # as after the file's last chunk so far

    def add(self, result: ChunkResult, min_severity: Severity) -> FileChunk:
        if (result.file_index, result.chunk_index) != (self.index, self.received):
            raise RuntimeError(
                f"result for chunk {result.chunk_index} of file {result.file_index} came when "
                f"chunk {self.received} of file {self.index} was due"
            )
        base = self.segments
        self.received += 1
        self.segments += result.segments
        self.checker = CheckerRun(result.checker, result.checker_description)
        self._add_long(result.long_segments, base)
        flags = result.flags
        if flags:
            worst = max(f.severity for f in flags)
            self.worst = worst if self.worst is None else max(self.worst, worst)
        shown = tuple(f for f in flags if f.severity >= min_severity)
        sentences = result.sentences
        if len(shown) < len(flags):
            kept = {f.segment for f in shown}
            sentences = tuple(s for s in sentences if s.segment in kept)
        for flag in shown:
            self.by_severity[flag.severity.label] += 1
            self.by_rule[flag.rule_id] += 1
            self.by_category[flag.category] += 1
        if base:
            shown = tuple(replace(f, segment=f.segment + base) for f in shown)
            sentences = tuple(replace(s, segment=s.segment + base) for s in sentences)
        return FileChunk(
            file_index=self.index,
            path=self.path,
            flags=shown,
            sentences=sentences,
            segments=result.segments,
            done=self.ends[self.received - 1],
            characters=self.characters,
            checker_notices=result.notices,
        )

    def _add_long(self, long: LongSegments | None, base: int) -> None:
        if long is None:
            return
        if self.long is None or long.characters > self.long.characters:
            longest = replace(long, segment=long.segment + base)
        else:
            longest = self.long
        count = long.count + (self.long.count if self.long else 0)
        self.long = replace(longest, count=count)

    @property
    def complete(self) -> bool:
        return self.received == len(self.ends)

    def done(self) -> FileDone:
        notices = [self.notice] if self.notice else []
        if self.long is not None:
            notices.append(long_segment_notice(self.long))
        by_severity = {s.label: self.by_severity[s.label] for s in sorted(Severity, reverse=True)}
        return FileDone(
            file_index=self.index,
            path=self.path,
            encoding=self.encoding,
            segments=self.segments,
            notices=tuple(notices),
            counts=FlagCounts(by_severity, dict(self.by_rule), dict(self.by_category)),
            worst=self.worst,
            checker=self.checker or NO_CHECKER,
        )


def source_name(source: Source | TextFile) -> str:
    """The name a source has in the report."""
    return str(source.path if isinstance(source, TextFile) else source)


def report_events(
    sources: Sequence[Source | TextFile],
    check: Check,
    *,
    stdin: BinaryIO | None = None,
    failures: Sequence[FileFailure] = (),
    min_severity: Severity = Severity.HINT,
    earlier: Earlier = NOTHING_EARLIER,
    no_checker: CheckerRun = NO_CHECKER,
    bilingual: BilingualOptions | None = None,
    qa: QaSettings | None = None,
) -> Iterator[ReportEvent]:
    """The report of `sources`, as events in report order: `failures` found before reading
    first, then each file's FileChunks and FileDone (or its FileFailure), then ReportEnd.

    Files are read and cut lazily, as `check` takes their chunks (it must return the results
    in the chunks' order). Flags below `min_severity` are left out of the events (the
    exit code still counts them). Files and failures of `earlier` (an interrupted run being
    resumed) are not read again and not repeated, but count in the totals. `no_checker` is
    what ReportEnd names when not a single file was checked. With `bilingual`, files that are
    bilingual (XLIFF, PO, …, or a plain file with its `source`) are checked unit by unit,
    with the source-aware checks of `qa`."""
    totals = Totals()
    for earlier_file in earlier.files:
        totals.add(earlier_file)
    skip = earlier.paths()
    all_failures = list(earlier.failures)
    for failure in failures:
        if failure.path not in skip:
            all_failures.append(failure)
            yield failure
    size = chunk_characters()
    due: deque[_File | FileFailure] = deque()  # filled as `check` takes items, in order

    def items() -> Iterator[ChunkItem]:
        for index, source in enumerate(sources):
            name = source_name(source)
            if name in skip:
                continue
            try:
                text_file = read_source(source, stdin)
                opened = bilingual_from(text_file, bilingual) if bilingual else None
            except InputError as exc:
                due.append(FileFailure(path=name, error=str(exc)))
                continue
            if opened is not None:
                yield from _unit_items(opened, index, qa or QaSettings(), size, due)
                continue
            text = text_file.text
            cuts = plan_cuts(text, size)
            due.append(
                _File(
                    index=index,
                    path=str(text_file.path),
                    encoding=text_file.encoding,
                    notice=text_file.notice,
                    characters=len(text),
                    ends=[cut.end for cut in cuts],
                )
            )
            chunks = chunk_items(text, index, cuts)
            del text_file, text  # the items hold the text now, and let it go chunk by chunk
            yield from chunks

    def failures_due() -> Iterator[FileFailure]:
        while due and isinstance(due[0], FileFailure):
            failure = due.popleft()
            assert isinstance(failure, FileFailure)
            all_failures.append(failure)
            yield failure

    for result in check(items()):
        yield from failures_due()
        current = due[0]
        assert isinstance(current, _File)
        yield current.add(result, min_severity)
        if current.complete:
            due.popleft()
            done = current.done()
            totals.add(done)
            yield done
    yield from failures_due()
    yield ReportEnd(
        checker=totals.checker() or no_checker,
        summary=totals.summary(),
        failures=tuple(all_failures),
        worst=totals.worst,
    )


def _unit_items(
    opened: OpenedBilingual,
    index: int,
    qa: QaSettings,
    size: int,
    due: deque[_File | FileFailure],
) -> Iterator[ChunkItem]:
    """A bilingual file's chunks (and its entry in `due`)."""
    file = opened.file
    items = unit_chunks(file, index, unit_file_flags(file, qa), qa, size)
    ends: list[int] = []
    done = 0
    for item in items:
        done += sum(len(unit.target) + 1 for unit in item.units)
        ends.append(done)
    textfile = opened.textfile
    due.append(
        _File(
            index=index,
            path=str(textfile.path),
            encoding=textfile.encoding,
            notice=textfile.notice,
            characters=done,
            ends=ends,
        )
    )
    yield from items


def collect_report(events: Iterable[ReportEvent]) -> Report:
    """A whole Report from its events (for tests and small runs: it holds every flag)."""
    files: list[FileReport] = []
    flags: list[FlagRecord] = []
    sentences: list[SentenceRecord] = []
    for event in events:
        if isinstance(event, FileChunk):
            flags.extend(event.flags)
            sentences.extend(event.sentences)
        elif isinstance(event, FileDone):
            files.append(
                FileReport(
                    path=event.path,
                    encoding=event.encoding,
                    segments=event.segments,
                    flags=tuple(flags),
                    notices=event.notices,
                    sentences=tuple(sentences),
                )
            )
            flags, sentences = [], []
        elif isinstance(event, ReportEnd):
            return Report(
                checker=event.checker.name,
                checker_description=event.checker.description,
                files=tuple(files),
                failures=event.failures,
                version=event.version,
            )
    raise ValueError("the events ended before the report did")


def build_report(
    files: Sequence[TextFile], checker: Checker, failures: Sequence[FileFailure] = ()
) -> Report:
    """Check `files` in this process with `checker` (chunk by chunk, as every run does) and
    gather the flags into a Report."""
    from review_app.batch.local import run_with_checker

    def check(items: Iterable[ChunkItem]) -> Iterator[ChunkResult]:
        return run_with_checker(items, checker)

    info = checker.info
    return collect_report(
        report_events(
            files, check, failures=failures, no_checker=CheckerRun(info.name, info.description)
        )
    )


def document_file_report(
    path: str,
    document: Document,
    flags: Sequence[Sequence[Flag]],
    encoding: str = "utf-8",
    notices: tuple[str, ...] = (),
) -> FileReport:
    """The FileReport of `document` given each segment's flags (grammar and QA flags merged by
    the caller). A segment that is a bilingual unit's target carries the unit's source and id,
    and is located by the unit: `line` is the unit's line in the file (1-based) and a flag's
    `column` its position in the target text (1-based); spans stay offsets into
    `document.text`."""
    from review_app.batch.worker import unit_records, unit_sentences

    records = unit_records(document, flags)
    sentences = unit_sentences(document, records)
    return FileReport(
        path=path,
        encoding=encoding,
        segments=len(document.segments),
        flags=records,
        notices=notices,
        sentences=sentences,
    )
