"""The terminal report, with rich: colours on a terminal, plain text in a file."""

from __future__ import annotations

import io

from rich.console import Console, Group
from rich.table import Table
from rich.text import Text

from review_app.report.model import FileReport, FlagRecord, Report

SEVERITY_STYLE = {"error": "bold red", "warning": "yellow", "hint": "cyan"}
_CONTEXT = 40


def _excerpt(record: FlagRecord) -> Text:
    """The flagged span in a short window of its sentence."""
    sentence, s, e = record.sentence, record.segment_start, record.segment_end
    left, right = max(0, s - _CONTEXT), min(len(sentence), e + _CONTEXT)
    text = Text("…" if left else "", style="dim")
    text.append(sentence[left:s], style="dim")
    text.append(sentence[s:e] or "␣", style=f"{SEVERITY_STYLE[record.severity.label]} underline")
    text.append(sentence[e:right], style="dim")
    text.append("…" if right < len(sentence) else "", style="dim")
    return text


def _flag_row(record: FlagRecord) -> tuple[Text, Text, Group]:
    where = Text(f"{record.line}:{record.column}", style="dim")
    severity = Text(record.severity.label, style=SEVERITY_STYLE[record.severity.label])
    head = Text()
    head.append(record.text or "␣", style="bold")
    if record.suggestions:
        head.append(" → ")
        head.append(", ".join(record.suggestions[:3]), style="green")
    head.append(f"  {record.message} ")
    head.append(f"[{record.rule_id}]", style="dim")
    return where, severity, Group(head, _excerpt(record))


def _file_table(report: FileReport) -> Table:
    table = Table.grid(padding=(0, 2))
    table.add_column(justify="right", no_wrap=True)
    table.add_column(no_wrap=True)
    table.add_column(ratio=1)
    for record in report.flags:
        table.add_row(*_flag_row(record))
    return table


def _summary(report: Report) -> Table:
    s = report.summary
    table = Table(title="Summary", show_edge=False, title_justify="left")
    table.add_column("Rule")
    table.add_column("Flags", justify="right")
    for rule, count in list(s.by_rule.items())[:15]:
        table.add_row(rule, str(count))
    return table


def print_text_report(report: Report, console: Console) -> None:
    for failure in report.failures:
        console.print(Text(f"not checked: {failure.error}", style="red"))
    for file_report in report.files:
        title = Text(file_report.path, style="bold underline")
        title.append(f"  {file_report.segments} segments, {len(file_report.flags)} flags", style="")
        console.print(title)
        if file_report.notice:
            console.print(Text(file_report.notice, style="yellow"))
        if file_report.flags:
            console.print(_file_table(file_report))
        console.print()
    s = report.summary
    if s.by_rule:
        console.print(_summary(report))
    line = Text(f"{s.files} files, {s.segments} segments, {s.flags} flags: ")
    for i, (label, n) in enumerate(s.by_severity.items()):
        line.append(f"{', ' if i else ''}{n} {label}", style=SEVERITY_STYLE[label] if n else "")
    line.append(f" · checker: {report.checker_description}", style="dim")
    console.print(line)


def render_text(report: Report, width: int = 100) -> str:
    """The plain-text report (no colours), for `-o FILE`."""
    buffer = io.StringIO()
    print_text_report(report, Console(file=buffer, width=width, color_system=None, soft_wrap=False))
    return buffer.getvalue()
