"""The terminal report, with rich: colours on a terminal, plain text in a file.

Every string from outside (file names, file text, checker messages, rule ids, suggestions)
goes through `visible.escaped` before it reaches rich: rich would pass ESC and C1 controls to
the terminal as they are, and silently drop BEL, backspace, CR, VT and FF (so a reader would
not see they are there). Escaped, they show as ␛ ␇ ␈ ␍ ⟨U+009B⟩. Only `Text` objects are
handed to rich, never strings, so `[b]` or `[/]` in a name is never read as markup.
"""

from __future__ import annotations

import io
from collections.abc import Iterator, Sequence
from typing import TextIO

from rich.console import Console, ConsoleOptions, RenderResult
from rich.segment import Segment
from rich.table import Table
from rich.text import Text

from review_app.document.visible import escaped
from review_app.report.model import (
    FileFailure,
    FileReport,
    FlagRecord,
    Report,
    ReportEnd,
    counted,
)
from review_app.report.stream import WholeFiles, replay, write_events

SEVERITY_STYLE = {"error": "bold red", "warning": "yellow", "hint": "cyan"}
_SEVERITY_WIDTH = max(map(len, SEVERITY_STYLE))
_ROWS_A_PRINT = 500  # rich holds a whole print in memory: tens of thousands of flags in pieces
_CONTEXT = 40  # characters of the sentence shown each side of the flagged span
_GAP = 2


def _excerpt(record: FlagRecord) -> Text:
    """The flagged span in a short window of its sentence."""
    part = record.excerpt(_CONTEXT)
    text = Text("…" if part.cut_before else "", style="dim")
    text.append(escaped(part.before), style="dim")
    style = f"{SEVERITY_STYLE[record.severity.label]} underline"
    text.append(escaped(part.flagged) or "␣", style=style)
    text.append(escaped(part.after), style="dim")
    text.append("…" if part.cut_after else "", style="dim")
    return text


def _source(source: str) -> Text:
    """A bilingual segment's source, shown once above its sentence."""
    text = Text("Source: ", style="dim")
    text.append(escaped(source) or "∅", style="italic")
    return text


def _head(record: FlagRecord) -> Text:
    head = Text()
    head.append(escaped(record.text) or "␣", style="bold")
    if record.suggestions:
        head.append(" → ")
        head.append(", ".join(escaped(s) for s in record.suggestions[:3]), style="green")
    head.append(f"  {escaped(record.message)} ")
    head.append(f"[{escaped(record.rule_id)}]", style="dim")
    return head


class _FlagRows:
    """Flags as rows: position and severity in fixed columns, then the message and the
    excerpt wrapped beside them. Drawn line by line: a rich Table measures every cell of
    every row first, which took most of the time of a report with tens of thousands of flags."""

    def __init__(
        self, records: Sequence[FlagRecord], where_width: int, previous_segment: int = -1
    ) -> None:
        self.records = records
        self.where_width = where_width
        self.previous_segment = previous_segment  # the segment of the row before these

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        wheres = [f"{r.line}:{r.column}" for r in self.records]
        where_width = self.where_width
        indent = where_width + _GAP + _SEVERITY_WIDTH + _GAP
        width = max(10, options.max_width - indent)
        blank = Segment(" " * indent)
        previous = self.previous_segment
        for record, where in zip(self.records, wheres, strict=True):
            parts = [_head(record), _excerpt(record)]
            if record.source is not None and record.segment != previous:
                parts.insert(1, _source(record.source))
            previous = record.segment
            label = record.severity.label
            first = Text(where.rjust(where_width), style="dim")
            first.append(" " * _GAP)
            first.append(label, style=SEVERITY_STYLE[label])
            first.append(" " * (indent - first.cell_len))
            lead: Iterator[Segment] | None = first.render(console)
            for part in parts:
                for line in part.wrap(console, width):
                    yield from lead if lead is not None else (blank,)
                    lead = None
                    yield from line.render(console)
                    yield Segment.line()


def _summary(end: ReportEnd) -> Table:
    table = Table(title="Summary", show_edge=False, title_justify="left")
    table.add_column("Rule")
    table.add_column("Flags", justify="right")
    for rule, count in list(end.summary.by_rule.items())[:15]:
        table.add_row(Text(escaped(rule)), Text(str(count)))
    return table


class TextWriter(WholeFiles):
    """The terminal report, a file at a time: each file's flags, an unreadable file where it
    stands, then the summary and the checker."""

    def __init__(self, console: Console) -> None:
        super().__init__()
        self.console = console

    def begin(self) -> None:
        pass

    def write_file(self, report: FileReport) -> None:
        _print_file(report, self.console)

    def failure(self, failure: FileFailure) -> None:
        self.console.print(Text(f"not checked: {escaped(failure.error)}", style="red"))

    def end(self, end: ReportEnd) -> None:
        s = end.summary
        if s.by_rule:
            self.console.print(_summary(end))
        line = Text(
            f"{counted(s.files, 'file')}, {counted(s.segments, 'segment')}, "
            f"{counted(s.flags, 'flag')}: "
        )
        for i, (label, n) in enumerate(s.by_severity.items()):
            style = SEVERITY_STYLE[label] if n else ""
            line.append(f"{', ' if i else ''}{n} {label}", style=style)
        line.append(f" · checker: {escaped(end.checker.description)}", style="dim")
        self.console.print(line)


def print_text_report(report: Report, console: Console) -> None:
    write_events(replay(report), TextWriter(console))


def plain_console(out: TextIO, width: int = 100) -> Console:
    """A console writing the plain-text report (no colours) into `out`."""
    return Console(file=out, width=width, color_system=None, soft_wrap=False)


def _print_file(file_report: FileReport, console: Console) -> None:
    title = Text(escaped(file_report.path), style="bold underline")
    segments = counted(file_report.segments, "segment")
    title.append(f"  {segments}, {counted(len(file_report.flags), 'flag')}", style="")
    console.print(title)
    for notice in file_report.notices:
        console.print(Text(escaped(notice), style="yellow"))
    flags = file_report.flags
    if flags:
        where_width = max(len(f"{r.line}:{r.column}") for r in flags)
        for begin in range(0, len(flags), _ROWS_A_PRINT):
            previous = flags[begin - 1].segment if begin else -1
            console.print(_FlagRows(flags[begin : begin + _ROWS_A_PRINT], where_width, previous))
    console.print()


def write_text(report: Report, out: TextIO, width: int = 100) -> None:
    """The plain-text report (no colours) into `out`, for `-o FILE` and pipes."""
    print_text_report(report, plain_console(out, width))


def render_text(report: Report, width: int = 100) -> str:
    buffer = io.StringIO()
    write_text(report, buffer, width)
    return buffer.getvalue()
