"""The JSON report (schema: docs/report-json.md, docs/report.schema.json)."""

from __future__ import annotations

import json
from typing import Any

from review_app.report.model import FileReport, FlagRecord, Report


def _flag(record: FlagRecord) -> dict[str, Any]:
    return {
        "segment": record.segment,
        "segment_span": [record.segment_start, record.segment_end],
        "span": [record.start, record.end],
        "line": record.line,
        "column": record.column,
        "text": record.text,
        "sentence": record.sentence,
        "message": record.message,
        "rule_id": record.rule_id,
        "category": record.category,
        "severity": record.severity.label,
        "suggestions": list(record.suggestions),
        "checker": record.checker,
    }


def _file(report: FileReport) -> dict[str, Any]:
    return {
        "path": report.path,
        "encoding": report.encoding,
        "notice": report.notice,
        "segments": report.segments,
        "flags": [_flag(f) for f in report.flags],
    }


def report_to_data(report: Report) -> dict[str, Any]:
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
        "files": [_file(f) for f in report.files],
        "failures": [{"path": f.path, "error": f.error} for f in report.failures],
    }


def render_json(report: Report) -> str:
    return json.dumps(report_to_data(report), ensure_ascii=False, indent=2) + "\n"
