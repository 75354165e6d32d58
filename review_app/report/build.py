"""Building a report: find the files, read, segment, check, locate every flag."""

from __future__ import annotations

import bisect
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from review_app.checking.base import Checker
from review_app.checking.flag import Flag
from review_app.checking.run import check_texts
from review_app.document.model import Document
from review_app.document.segment import segment_text
from review_app.document.textio import TextFile, read_text
from review_app.errors import InputError
from review_app.report.model import FileFailure, FileReport, FlagRecord, Report

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


def collect_paths(inputs: Sequence[str | Path]) -> list[Path]:
    """Files named directly, plus the text files (.txt, .text, .md) found under folders."""
    paths: list[Path] = []
    for raw in inputs:
        path = Path(raw)
        if path.is_dir():
            found = sorted(p for p in path.rglob("*") if p.is_file() and _is_candidate(p))
            if not found:
                raise InputError(f"{path}: no text files (*.txt, *.text, *.md) in this folder")
            paths.extend(found)
        elif path.exists():
            paths.append(path)
        else:
            raise InputError(f"{path}: no such file or folder")
    return list(dict.fromkeys(paths))


@dataclass(frozen=True)
class LoadedFile:
    file: TextFile
    document: Document


def load_files(paths: Iterable[Path]) -> tuple[list[LoadedFile], list[FileFailure]]:
    loaded: list[LoadedFile] = []
    failures: list[FileFailure] = []
    for path in paths:
        try:
            text_file = read_text(path)
        except InputError as exc:
            failures.append(FileFailure(path=str(path), error=str(exc)))
            continue
        loaded.append(LoadedFile(text_file, segment_text(text_file.text)))
    return loaded, failures


class _LineIndex:
    """Character offset → (line, column), both 1-based."""

    def __init__(self, text: str) -> None:
        self._starts = [0]
        for i, char in enumerate(text):
            if char == "\n" or (char == "\r" and text[i + 1 : i + 2] != "\n"):
                self._starts.append(i + 1)

    def locate(self, offset: int) -> tuple[int, int]:
        line = bisect.bisect_right(self._starts, offset)
        return line, offset - self._starts[line - 1] + 1


def locate_flags(document: Document, flags: Sequence[Sequence[Flag]]) -> tuple[FlagRecord, ...]:
    """FlagRecords for the per-segment `flags` of `document`, in document order."""
    index = _LineIndex(document.text)
    records = []
    for segment, segment_flags in zip(document.segments, flags, strict=True):
        for flag in segment_flags:
            start = segment.start + flag.start
            line, column = index.locate(start)
            records.append(
                FlagRecord(
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
            )
    return tuple(records)


def build_report(
    loaded: Sequence[LoadedFile],
    checker: Checker,
    failures: Sequence[FileFailure] = (),
    on_progress: Callable[[int], None] | None = None,
) -> Report:
    """Check every loaded file and gather the flags into a Report."""
    all_texts = [seg.text for item in loaded for seg in item.document.segments]
    checker.prepare(all_texts)
    files = []
    for item in loaded:
        texts = [seg.text for seg in item.document.segments]
        flags = check_texts(texts, checker, suggest=True, on_progress=on_progress)
        files.append(
            FileReport(
                path=str(item.file.path),
                encoding=item.file.encoding,
                segments=len(texts),
                flags=locate_flags(item.document, flags),
                notice=item.file.notice,
            )
        )
    return Report(
        checker=checker.info.name,
        checker_description=checker.info.description,
        files=tuple(files),
        failures=tuple(failures),
    )
