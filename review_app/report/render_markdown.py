"""The Markdown report: one table per file, then a summary. Every outside string goes through
`markdown_escape` (file names, file text, messages, rule ids, suggestions, notices)."""

from __future__ import annotations

import io
from collections.abc import Iterable, Iterator
from typing import TextIO

from review_app.report import markdown_escape as md
from review_app.report.model import (
    FileFailure,
    FileReport,
    FlagRecord,
    Report,
    ReportEnd,
    counted,
)
from review_app.report.stream import WholeFiles, replay, write_events

_CONTEXT = 60  # characters of the sentence shown each side of the flagged span


def _context(record: FlagRecord) -> str:
    """The span in bold inside a short window of its sentence, "…" where cut."""
    part = record.excerpt(_CONTEXT)
    lead, tail = "…" if part.cut_before else "", "…" if part.cut_after else ""
    flagged = md.text(part.flagged) or md.EMPTY
    return f"{lead}{md.text(part.before)}**{flagged}**{md.text(part.after)}{tail}"


def _flag_row(f: FlagRecord, first_of_segment: bool) -> str:
    suggestions = ", ".join(md.code(s) for s in f.suggestions[:5]) or "–"
    context = _context(f)
    if first_of_segment and f.source is not None:
        context = f"Source: {md.text(f.source) or md.EMPTY}<br>{context}"
    return (
        f"| {f.line}:{f.column} | {f.number} | {f.severity.label} | {md.code(f.text)} "
        f"| {suggestions} | {md.text(f.message)} | {md.text(f.rule_id)} "
        f"| {md.text(f.category)} | {context} |"
    )


def _flag_rows(flags: tuple[FlagRecord, ...]) -> Iterator[str]:
    """A row per flag; a bilingual segment's source above its sentence, in its first row."""
    previous = -1
    for flag in flags:
        yield _flag_row(flag, flag.segment != previous)
        previous = flag.segment


def _file_section(report: FileReport) -> Iterator[str]:
    yield f"## {md.text(report.path)}"
    yield ""
    for notice in report.notices:
        yield from (f"> {md.text(notice)}", "")
    if not report.flags:
        yield from (f"No flags in {counted(report.segments, 'segment')}.", "")
        return
    yield (
        "| Line:col | Seg. | Severity | Flagged | Suggestions | Message | Rule | Category "
        "| Context |"
    )
    yield "|---|---|---|---|---|---|---|---|---|"
    yield from _flag_rows(report.flags)
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
                f"{counted(s.files, 'file')}, {counted(s.segments, 'segment')}, "
                f"{counted(s.flags, 'flag')} ({severity}).",
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
