"""The Markdown report: a summary, then one table per file. Every outside string goes through
`markdown_escape` (file names, file text, messages, rule ids, suggestions, notices)."""

from __future__ import annotations

import io
from collections.abc import Iterator
from typing import TextIO

from review_app.report import markdown_escape as md
from review_app.report.model import FileReport, FlagRecord, Report

_CONTEXT = 60  # characters of the sentence shown each side of the flagged span


def _context(record: FlagRecord) -> str:
    """The span in bold inside a short window of its sentence, "…" where cut."""
    part = record.excerpt(_CONTEXT)
    lead, tail = "…" if part.cut_before else "", "…" if part.cut_after else ""
    flagged = md.text(part.flagged) or md.EMPTY
    return f"{lead}{md.text(part.before)}**{flagged}**{md.text(part.after)}{tail}"


def _flag_row(f: FlagRecord) -> str:
    suggestions = ", ".join(md.code(s) for s in f.suggestions[:5]) or "–"
    return (
        f"| {f.line}:{f.column} | {f.segment} | {f.severity.label} | {md.code(f.text)} "
        f"| {suggestions} | {md.text(f.message)} | {md.text(f.rule_id)} "
        f"| {md.text(f.category)} | {_context(f)} |"
    )


def _file_section(report: FileReport) -> Iterator[str]:
    yield f"## {md.text(report.path)}"
    yield ""
    for notice in report.notices:
        yield from (f"> {md.text(notice)}", "")
    if not report.flags:
        yield from (f"No flags in {report.segments} segments.", "")
        return
    yield (
        "| Line:col | Seg. | Severity | Flagged | Suggestions | Message | Rule | Category "
        "| Context |"
    )
    yield "|---|---|---|---|---|---|---|---|---|"
    yield from (_flag_row(f) for f in report.flags)
    yield ""


def _counts_table(title: str, counts: dict[str, int]) -> list[str]:
    if not counts:
        return []
    lines = [f"| {title} | Flags |", "|---|---|"]
    lines += [f"| {md.text(k)} | {v} |" for k, v in counts.items()]
    return [*lines, ""]


def _lines(report: Report) -> Iterator[str]:
    s = report.summary
    severity = ", ".join(f"{n} {label}" for label, n in s.by_severity.items())
    yield from (
        "# Grammar report",
        "",
        f"Checker: {md.text(report.checker_description)}  ",
        f"{s.files} files, {s.segments} segments, {s.flags} flags ({severity}).",
        "",
    )
    yield from (f"- **Not checked:** {md.text(failure.error)}" for failure in report.failures)
    if report.failures:
        yield ""
    yield from ("## Summary", "")
    yield from _counts_table("Rule", s.by_rule)
    yield from _counts_table("Category", s.by_category)
    for file_report in report.files:
        yield from _file_section(file_report)


def write_markdown(report: Report, out: TextIO) -> None:
    """The report as Markdown into `out`, a line at a time (no blank line at the end)."""
    pending = 0  # blank lines held back: trailing ones are not written
    for line in _lines(report):
        if not line:
            pending += 1
            continue
        out.write("\n" * pending + line + "\n")
        pending = 0


def render_markdown(report: Report) -> str:
    buffer = io.StringIO()
    write_markdown(report, buffer)
    return buffer.getvalue()
