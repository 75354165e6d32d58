"""The Markdown report: one table per file, then a summary. Every outside string goes through
`markdown_escape` (file names, file text, messages, rule ids, suggestions, notices)."""

from __future__ import annotations

import io
from collections.abc import Iterable, Iterator
from typing import TextIO

from review_app.report import markdown_escape as md
from review_app.report.model import FileFailure, FileReport, FlagRecord, Report, ReportEnd
from review_app.report.stream import WholeFiles, replay, write_events

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


class MarkdownWriter(WholeFiles):
    """The Markdown report into `out`, a line at a time: a section per file (an unreadable
    file where it stands), then the summary. No blank line at the end."""

    def __init__(self, out: TextIO) -> None:
        super().__init__()
        self.out = out
        self._pending = 0  # blank lines held back: trailing ones are not written

    def _write(self, lines: Iterable[str]) -> None:
        for line in lines:
            if not line:
                self._pending += 1
                continue
            self.out.write("\n" * self._pending + line + "\n")
            self._pending = 0

    def begin(self) -> None:
        self._write(("# Grammar report", ""))

    def write_file(self, report: FileReport) -> None:
        self._write(_file_section(report))

    def failure(self, failure: FileFailure) -> None:
        self._write((f"- **Not checked:** {md.text(failure.error)}", ""))

    def end(self, end: ReportEnd) -> None:
        s = end.summary
        severity = ", ".join(f"{n} {label}" for label, n in s.by_severity.items())
        self._write(
            (
                "## Summary",
                "",
                f"Checker: {md.text(end.checker.description)}  ",
                f"{s.files} files, {s.segments} segments, {s.flags} flags ({severity}).",
                "",
            )
        )
        self._write(_counts_table("Rule", s.by_rule))
        self._write(_counts_table("Category", s.by_category))


def write_markdown(report: Report, out: TextIO) -> None:
    """The report as Markdown into `out`, a line at a time (no blank line at the end)."""
    write_events(replay(report), MarkdownWriter(out))


def render_markdown(report: Report) -> str:
    buffer = io.StringIO()
    write_markdown(report, buffer)
    return buffer.getvalue()
