"""The JSONL report (docs/report-json.md): one JSON object a line, written as results arrive,
so a report of any size streams with flat memory and a killed run can be resumed.

Lines, each an object whose `type` says what it is:
- `report` (first): `version`.
- `sentence`: a flagged segment, once, just before its first flag (`file` plus the fields of
  the JSON report's `sentences`).
- `flag`: `file` plus the fields of the JSON report's flags.
- `file`: after a file's sentences and flags: `path`, `encoding`, `notices`, `segments`,
  `flags` and its counts `by_severity`, `by_rule`, `by_category` (rules and categories in the
  order they first appear), `worst` (the most severe flag found, also one --min-severity left
  out), `checker`. The output is flushed after each.
- `failure`: a file that could not be read, where it stands: `path`, `error`.
- `summary` (last): `version`, `checker`, the report's `files`, `segments`, `flags`, counts
  (most frequent first) and `failures` (how many).

Resuming (`read_earlier`): the `file` and `failure` lines of an earlier run are its finished
work; everything after the last of them (an unfinished file's lines, a summary, a line cut by
a kill) is cut off, and the new run appends from there.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable, Iterator
from typing import Any, BinaryIO, TextIO, TypeVar

from review_app.checking.flag import Severity
from review_app.errors import ReviewAppError
from review_app.report.model import (
    REPORT_VERSION,
    CheckerRun,
    Earlier,
    FileChunk,
    FileDone,
    FileFailure,
    FlagCounts,
    ReportEnd,
)
from review_app.report.render_json import flag_data, line, sentence_data

T = TypeVar("T")
_HEAD = {"type": "report", "version": REPORT_VERSION}
# Every line starts with its type (written first, compact): finished work is found without
# parsing the flags.
_FILE_START = b'{"type":"file",'
_FAILURE_START = b'{"type":"failure",'


def _checker(run: CheckerRun) -> dict[str, str]:
    return {"name": run.name, "description": run.description}


def file_record(done: FileDone) -> dict[str, Any]:
    counts = done.counts
    return {
        "type": "file",
        "path": done.path,
        "encoding": done.encoding,
        "notices": list(done.notices),
        "segments": done.segments,
        "flags": counts.flags,
        "by_severity": counts.by_severity,
        "by_rule": counts.by_rule,
        "by_category": counts.by_category,
        "worst": done.worst.label if done.worst is not None else None,
        "checker": _checker(done.checker),
    }


def _file_done(record: dict[str, Any]) -> FileDone:
    worst = record["worst"]
    return FileDone(
        file_index=-1,
        path=record["path"],
        encoding=record["encoding"],
        segments=record["segments"],
        notices=tuple(record["notices"]),
        counts=FlagCounts(record["by_severity"], record["by_rule"], record["by_category"]),
        worst=Severity.parse(worst) if worst is not None else None,
        checker=CheckerRun(record["checker"]["name"], record["checker"]["description"]),
    )


class JsonlWriter:
    """The JSONL report into `out`; `begin` writes the first line unless `resuming` (the
    output already has it)."""

    def __init__(self, out: TextIO, resuming: bool = False) -> None:
        self.out = out
        self.resuming = resuming

    def _put(self, data: dict[str, Any]) -> None:
        self.out.write(line(data) + "\n")

    def begin(self) -> None:
        if not self.resuming:
            self._put(_HEAD)
            self.out.flush()

    def chunk(self, chunk: FileChunk) -> None:
        sentences = iter(chunk.sentences)
        path = chunk.path
        current = -1
        for flag in chunk.flags:
            if flag.segment != current:
                current = flag.segment
                sentence = next(s for s in sentences if s.segment == current)
                self._put({"type": "sentence", "file": path, **sentence_data(sentence)})
            self._put({"type": "flag", "file": path, **flag_data(flag)})

    def file(self, done: FileDone) -> None:
        self._put(file_record(done))
        self.out.flush()

    def failure(self, failure: FileFailure) -> None:
        self._put({"type": "failure", "path": failure.path, "error": failure.error})
        self.out.flush()

    def end(self, end: ReportEnd) -> None:
        s = end.summary
        self._put(
            {
                "type": "summary",
                "version": end.version,
                "checker": _checker(end.checker),
                "files": s.files,
                "segments": s.segments,
                "flags": s.flags,
                "by_severity": s.by_severity,
                "by_rule": s.by_rule,
                "by_category": s.by_category,
                "failures": len(end.failures),
            }
        )
        self.out.flush()


def _lines(handle: BinaryIO) -> Iterator[tuple[int, bytes]]:
    """(offset after the line, line) for each complete line; a last line without its line
    break (cut by a kill) is not one."""
    offset = 0
    for raw in handle:
        if not raw.endswith(b"\n"):
            return
        offset += len(raw)
        yield offset, raw


def read_earlier(path: str | os.PathLike[str]) -> tuple[Earlier, int]:
    """The finished files and failures of the JSONL report at `path`, and how many of its
    bytes to keep (0: start afresh). A missing or empty file is nothing earlier; a file that is
    not a review-app JSONL report is a ReviewAppError (it is never appended to)."""
    files: list[FileDone] = []
    failures: list[FileFailure] = []
    keep = 0
    try:
        handle = open(path, "rb")  # noqa: SIM115 (closed below; an OSError is handled once)
    except FileNotFoundError:
        return Earlier(), 0
    except OSError as exc:
        raise ReviewAppError(f"{path}: cannot read it to resume ({exc.strerror or exc})") from None
    with handle:
        for number, (offset, raw) in enumerate(_lines(handle), start=1):
            if number == 1:
                if _parse(path, number, raw) != _HEAD:
                    raise ReviewAppError(
                        f"{path}: not a review-app JSONL report of version {REPORT_VERSION} "
                        "(its first line says otherwise); nothing to resume, and it is "
                        "left as it is"
                    )
                keep = offset
            elif raw.startswith(_FILE_START):
                files.append(_read_record(path, number, raw, _file_done))
                keep = offset
            elif raw.startswith(_FAILURE_START):
                failures.append(_read_record(path, number, raw, _failure))
                keep = offset
    return Earlier(tuple(files), tuple(failures)), keep


def _failure(record: dict[str, Any]) -> FileFailure:
    return FileFailure(path=record["path"], error=record["error"])


def _parse(path: str | os.PathLike[str], number: int, raw: bytes) -> Any:
    try:
        return json.loads(raw)
    except ValueError:
        raise ReviewAppError(f"{path}: line {number} is not JSON; cannot resume from it") from None


def _read_record(
    path: str | os.PathLike[str], number: int, raw: bytes, make: Callable[[Any], T]
) -> T:
    try:
        return make(_parse(path, number, raw))
    except (KeyError, TypeError, ValueError):
        raise ReviewAppError(
            f"{path}: line {number} is not a record this version writes; cannot resume from it"
        ) from None
