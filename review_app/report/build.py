"""Building a report: find the files, read, segment, check, locate every flag."""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from review_app.checking.base import Checker
from review_app.checking.flag import Flag
from review_app.checking.run import LONG_TEXT, OVERLAP, check_texts, check_units, long_texts
from review_app.document.model import Document, Segment
from review_app.document.segment import segment_text
from review_app.document.textio import (
    STDIN,
    STDIN_ARGUMENT,
    StandardInput,
    TextFile,
    read_stream,
    read_text,
)
from review_app.errors import InputError
from review_app.report.model import (
    FileFailure,
    FileReport,
    FlagRecord,
    Report,
    SentenceRecord,
)

TEXT_SUFFIXES = (".txt", ".text", ".md")
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
    inputs: Sequence[str | Path], failures: list[FileFailure] | None = None
) -> list[Path | StandardInput]:
    """Files named directly, plus the text files (.txt, .text, .md) found under folders; `-`
    is standard input. A missing path or a folder without text files raises InputError, or,
    when `failures` is given, goes there and the rest is collected."""
    paths: list[Path | StandardInput] = []
    for raw in inputs:
        try:
            paths.extend(_collect_one(raw))
        except InputError as exc:
            if failures is None:
                raise
            failures.append(FileFailure(path=str(raw), error=str(exc)))
    return list(dict.fromkeys(paths))


def _collect_one(raw: str | Path) -> list[Path | StandardInput]:
    if raw == STDIN_ARGUMENT and isinstance(raw, str):
        return [STDIN]
    path = Path(raw)
    if path.is_dir():
        try:
            found = _text_files_under(path)
        except OSError as exc:
            raise InputError(f"{path}: cannot read this folder ({exc.strerror or exc})") from None
        if not found:
            raise InputError(f"{path}: no text files (*.txt, *.text, *.md) in this folder")
        return list(found)
    if path.exists() or path.is_symlink():  # a dangling link fails later, as "no such file"
        return [path]
    raise InputError(f"{path}: no such file or folder")


@dataclass(frozen=True)
class LoadedFile:
    file: TextFile
    document: Document


def load_files(
    paths: Iterable[Path | StandardInput], stdin: BinaryIO | None = None
) -> tuple[list[LoadedFile], list[FileFailure]]:
    """Read and segment each file (STDIN from `stdin`); the ones that fail become failures."""
    loaded: list[LoadedFile] = []
    failures: list[FileFailure] = []
    for path in paths:
        try:
            if isinstance(path, StandardInput):
                text_file = read_stream(stdin, name=path.name)
            else:
                text_file = read_text(path)
        except InputError as exc:
            failures.append(FileFailure(path=str(path), error=str(exc)))
            continue
        loaded.append(LoadedFile(text_file, segment_text(text_file.text)))
    return loaded, failures


_LINE_BREAK = re.compile(r"\r\n|\r|\n")


class _LineIndex:
    """Character offset → (line, column), both 1-based."""

    def __init__(self, text: str) -> None:
        self._starts = [0, *(m.end() for m in _LINE_BREAK.finditer(text))]

    def locate(self, offset: int) -> tuple[int, int]:
        line = bisect.bisect_right(self._starts, offset)
        return line, offset - self._starts[line - 1] + 1


def _record(segment: Segment, flag: Flag, index: _LineIndex) -> FlagRecord:
    start = segment.start + flag.start
    line, column = index.locate(start)
    return FlagRecord(
        segment=segment.index,
        segment_start=flag.start,
        segment_end=flag.end,
        start=start,
        end=segment.start + flag.end,
        line=line,
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


def locate_flags(document: Document, flags: Sequence[Sequence[Flag]]) -> tuple[FlagRecord, ...]:
    """FlagRecords for the per-segment `flags` of `document`, in document order."""
    index = _LineIndex(document.text)
    return tuple(
        _record(segment, flag, index)
        for segment, segment_flags in zip(document.segments, flags, strict=True)
        for flag in segment_flags
    )


def flagged_sentences(
    document: Document, records: Sequence[FlagRecord]
) -> tuple[SentenceRecord, ...]:
    """Each segment that has a flag, once, with its whole text."""
    return tuple(
        SentenceRecord(seg.index, seg.start, seg.end, seg.line + 1, seg.text)
        for seg in (document.segments[i] for i in sorted({r.segment for r in records}))
    )


def long_segment_notice(document: Document) -> str | None:
    """A line saying which segments were checked in windows, if any."""
    long = long_texts([seg.text for seg in document.segments])
    if not long:
        return None
    longest = max(long, key=lambda i: len(document.segments[i].text))
    segment = document.segments[longest]
    many = f"{len(long)} segments" if len(long) > 1 else "1 segment"
    return (
        f"{many} longer than {LONG_TEXT:,} characters (the longest: segment {longest}, "
        f"line {segment.line + 1}, {len(segment.text):,} characters) checked in pieces cut at "
        f"spaces; a flag needing more than {OVERLAP} characters of context across a cut may "
        "be missed"
    )


def build_report(
    loaded: Sequence[LoadedFile],
    checker: Checker,
    failures: Sequence[FileFailure] = (),
    on_progress: Callable[[int], None] | None = None,
) -> Report:
    """Check every loaded file and gather the flags into a Report."""
    checker.prepare(check_units([seg.text for item in loaded for seg in item.document.segments]))
    files = []
    for item in loaded:
        texts = [seg.text for seg in item.document.segments]
        flags = check_texts(texts, checker, suggest=True, on_progress=on_progress)
        records = locate_flags(item.document, flags)
        del flags  # the checker's own objects: only the records are kept
        notices = (item.file.notice, long_segment_notice(item.document))
        files.append(
            FileReport(
                path=str(item.file.path),
                encoding=item.file.encoding,
                segments=len(texts),
                flags=records,
                notices=tuple(n for n in notices if n),
                sentences=flagged_sentences(item.document, records),
            )
        )
    return Report(
        checker=checker.info.name,
        checker_description=checker.info.description,
        files=tuple(files),
        failures=tuple(failures),
    )
