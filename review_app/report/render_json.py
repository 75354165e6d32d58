"""The JSON report (schema: docs/report-json.md, docs/report.schema.json).

Version 2: a flag carries a capped `context` (with `context_start`) instead of its whole
sentence; each flagged sentence is written once, in the file's `sentences`. `segment` is
0-based (as it always was); `segment_number` is the same segment counted from 1, as people
and the other formats count. A sentence's `source` and `unit_id` (also on flags) are those of
its unit in a bilingual file, null otherwise. Written as the
report is made (`JsonWriter`): `version`, then each file as it completes, one sentence or flag
a line (compact, by json's C encoder), then `failures`, `checker` and `summary`, which only the
end of the run knows. No file is held longer than it takes to write it.
"""

from __future__ import annotations

import io
import json
import re
from collections.abc import Iterable
from typing import Any, TextIO

from review_app.report.model import (
    REPORT_VERSION,
    FileFailure,
    FileReport,
    FlagRecord,
    Report,
    ReportEnd,
    SentenceRecord,
    Summary,
)
from review_app.report.stream import WholeFiles, replay, write_events

# json.dumps(ensure_ascii=False) writes these as they are; as \\u escapes the data is the same
# and the output holds no character a terminal would act on (C1 controls such as U+009B CSI,
# DEL), a JavaScript parser would take for a line break, or UTF-8 cannot encode (the lone
# surrogates of an undecodable byte in a file name).
_RAW = re.compile("[\x7f-\x9f\u2028\u2029\ud800-\udfff]")


def flag_data(record: FlagRecord) -> dict[str, Any]:
    return {
        "segment": record.segment,
        "segment_number": record.number,
        "segment_span": [record.segment_start, record.segment_end],
        "span": [record.start, record.end],
        "line": record.line,
        "column": record.column,
        "text": record.text,
        "context": record.context,
        "context_start": record.context_start,
        "message": record.message,
        "rule_id": record.rule_id,
        "category": record.category,
        "severity": record.severity.label,
        "suggestions": list(record.suggestions),
        "checker": record.checker,
        "unit_id": record.unit_id,
    }


def sentence_data(record: SentenceRecord) -> dict[str, Any]:
    return {
        "segment": record.segment,
        "segment_number": record.number,
        "span": [record.start, record.end],
        "line": record.line,
        "text": record.text,
        "source": record.source,
        "unit_id": record.unit_id,
    }


def _file(report: FileReport, items: bool = True) -> dict[str, Any]:
    """A file's fields; `items=False` leaves out its sentences and flags."""
    fields: dict[str, Any] = {
        "path": report.path,
        "encoding": report.encoding,
        "notices": list(report.notices),
        "segments": report.segments,
    }
    if items:
        fields["sentences"] = [sentence_data(s) for s in report.sentences]
        fields["flags"] = [flag_data(f) for f in report.flags]
    return fields


def _summary(summary: Summary) -> dict[str, Any]:
    return {
        "files": summary.files,
        "segments": summary.segments,
        "flags": summary.flags,
        "by_severity": summary.by_severity,
        "by_rule": summary.by_rule,
        "by_category": summary.by_category,
    }


def _checker(end: ReportEnd) -> dict[str, str]:
    return {"name": end.checker.name, "description": end.checker.description}


def _failures(failures: Iterable[FileFailure]) -> list[dict[str, str]]:
    return [{"path": f.path, "error": f.error} for f in failures]


def report_to_data(report: Report) -> dict[str, Any]:
    """The whole report as one JSON-ready dict (what `write_json` writes)."""
    end = report.end()
    return {
        "version": report.version,
        "files": [_file(f) for f in report.files],
        "failures": _failures(report.failures),
        "checker": _checker(end),
        "summary": _summary(report.summary),
    }


def _safe(text: str) -> str:
    return _RAW.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


def dumps(data: object) -> str:
    """Indented JSON, UTF-8 text as it is except the characters in `_RAW`, escaped."""
    return _safe(json.dumps(data, ensure_ascii=False, indent=2)) + "\n"


def _compact(data: object) -> str:
    return _safe(json.dumps(data, ensure_ascii=False, separators=(", ", ": ")))


def write_list(out: TextIO, items: Iterable[dict[str, Any]], indent: str) -> None:
    """A JSON list, one compact item a line."""
    out.write("[")
    empty = True
    for item in items:
        out.write(f"{'' if empty else ','}\n{indent}  {_compact(item)}")
        empty = False
    out.write("]" if empty else f"\n{indent}]")


def line(data: object) -> str:
    """Compact JSON (json's C encoder), UTF-8 text as it is except the characters in `_RAW`."""
    return _safe(json.dumps(data, ensure_ascii=False, separators=(",", ":")))


def _write_items(out: TextIO, items: Iterable[dict[str, Any]]) -> None:
    """A JSON list, one item a line."""
    out.write("[")
    empty = True
    for item in items:
        out.write(("\n" if empty else ",\n") + line(item))
        empty = False
    out.write("]")


class JsonWriter(WholeFiles):
    """The JSON report into `out`, a file at a time."""

    def __init__(self, out: TextIO) -> None:
        super().__init__()
        self.out = out
        self._files = 0
        self._failures: list[FileFailure] = []

    def begin(self) -> None:
        self.out.write(f'{{"version":{REPORT_VERSION},\n"files":[')

    def write_file(self, report: FileReport) -> None:
        out = self.out
        head = line(_file(report, items=False))
        out.write(("\n" if not self._files else ",\n") + head[:-1] + ',"sentences":')
        _write_items(out, (sentence_data(s) for s in report.sentences))
        out.write(',"flags":')
        _write_items(out, (flag_data(f) for f in report.flags))
        out.write("}")
        self._files += 1

    def failure(self, failure: FileFailure) -> None:
        self._failures.append(failure)

    def end(self, end: ReportEnd) -> None:
        out = self.out
        out.write("\n]," if self._files else "],")
        out.write(f'\n"failures":{line(_failures(self._failures))},')
        out.write(f'\n"checker":{line(_checker(end))},')
        out.write(f'\n"summary":{line(_summary(end.summary))}}}\n')


def write_json(report: Report, out: TextIO) -> None:
    """The report as JSON into `out`; it reads back as `report_to_data(report)`."""
    write_events(replay(report), JsonWriter(out))


def render_json(report: Report) -> str:
    buffer = io.StringIO()
    write_json(report, buffer)
    return buffer.getvalue()
