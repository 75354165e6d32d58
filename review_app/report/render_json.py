"""The JSON report (schema: docs/report-json.md, docs/report.schema.json).

Version 2: a flag carries a capped `context` (with `context_start`) instead of its whole
sentence; each flagged sentence is written once, in the file's `sentences`. Written piece by
piece (`write_json`), one sentence or flag a line, so a report of a huge file is never held
whole in memory as a tree of objects.
"""

from __future__ import annotations

import io
import json
import re
from collections.abc import Iterable
from typing import Any, TextIO

from review_app.report.model import FileReport, FlagRecord, Report, SentenceRecord

# json.dumps(ensure_ascii=False) writes these as they are; as \\u escapes the data is the same
# and the output holds no character a terminal would act on (C1 controls such as U+009B CSI,
# DEL), a JavaScript parser would take for a line break, or UTF-8 cannot encode (the lone
# surrogates of an undecodable byte in a file name).
_RAW = re.compile("[\x7f-\x9f\u2028\u2029\ud800-\udfff]")


def _flag(record: FlagRecord) -> dict[str, Any]:
    return {
        "segment": record.segment,
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
    }


def _sentence(record: SentenceRecord) -> dict[str, Any]:
    return {
        "segment": record.segment,
        "span": [record.start, record.end],
        "line": record.line,
        "text": record.text,
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
        fields["sentences"] = [_sentence(s) for s in report.sentences]
        fields["flags"] = [_flag(f) for f in report.flags]
    return fields


def _head(report: Report) -> dict[str, Any]:
    summary = report.summary
    return {
        "version": report.version,
        "checker": {"name": report.checker, "description": report.checker_description},
        "summary": {
            "files": summary.files,
            "segments": summary.segments,
            "flags": summary.flags,
            "by_severity": summary.by_severity,
            "by_rule": summary.by_rule,
            "by_category": summary.by_category,
        },
    }


def _failures(report: Report) -> list[dict[str, str]]:
    return [{"path": f.path, "error": f.error} for f in report.failures]


def report_to_data(report: Report) -> dict[str, Any]:
    """The whole report as one JSON-ready dict (what `write_json` writes)."""
    return {
        **_head(report),
        "files": [_file(f) for f in report.files],
        "failures": _failures(report),
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


def _write_file(out: TextIO, file: FileReport) -> None:
    out.write("{")
    for key, value in _file(file, items=False).items():
        out.write(f"\n      {json.dumps(key)}: {_compact(value)},")
    out.write('\n      "sentences": ')
    write_list(out, (_sentence(s) for s in file.sentences), "      ")
    out.write(',\n      "flags": ')
    write_list(out, (_flag(f) for f in file.flags), "      ")
    out.write("\n    }")


def write_json(report: Report, out: TextIO) -> None:
    """The report as JSON into `out`; it reads back as `report_to_data(report)`."""
    head = dumps(_head(report))
    out.write(head[: head.rindex("}")].rstrip() + ',\n  "files": [')
    for i, file in enumerate(report.files):
        out.write(f"{',' if i else ''}\n    ")
        _write_file(out, file)
    out.write(("\n  ]" if report.files else "]") + ',\n  "failures": ')
    out.write(_compact(_failures(report)) + "\n}\n")


def render_json(report: Report) -> str:
    buffer = io.StringIO()
    write_json(report, buffer)
    return buffer.getvalue()
