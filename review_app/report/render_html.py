"""The HTML report: one self-contained file (inline CSS, no scripts, no external assets).

Every outside string goes through `_h`: hidden characters made visible (a reviewer sees the
bidi override or the escape character the file holds, and the page printed on a terminal
cannot act on it), then `html.escape(quote=True)`, so it is safe in text and in attributes.
"""

from __future__ import annotations

import io
from collections.abc import Iterable, Iterator
from html import escape
from typing import TextIO

from review_app import __version__
from review_app.document.visible import escaped
from review_app.report.model import FileFailure, FileReport, FlagRecord, Report, ReportEnd
from review_app.report.stream import WholeFiles, replay, write_events

_CSS = """
body{font:15px/1.45 system-ui,sans-serif;margin:2rem auto;max-width:75rem;padding:0 1rem;color:#222}
h1{font-size:1.5rem}h2{font-size:1.15rem;margin-top:2rem;border-bottom:1px solid #ddd}
table{border-collapse:collapse;width:100%;margin:.5rem 0 1rem}
th,td{border:1px solid #ddd;padding:.3rem .5rem;vertical-align:top;text-align:left}
th{background:#f4f4f4}td.n{text-align:right;white-space:nowrap}
.sev{font-weight:600;white-space:nowrap}.error{color:#b00020}.warning{color:#a05a00}.hint{color:#33659b}
mark{padding:0 .1em;border-radius:2px}mark.error{background:#ffd6dc}mark.warning{background:#ffe8c2}
mark.hint{background:#dbe9ff}.sugg{font-family:ui-monospace,monospace}
.summary{display:flex;gap:2rem;flex-wrap:wrap;align-items:flex-start}.summary table{width:auto}
.notice,.failure{background:#fff6d6;padding:.3rem .6rem;border-left:3px solid #e0b400}
footer{color:#777;font-size:.85rem;margin-top:2rem}
"""


def _h(text: str) -> str:
    return escape(escaped(text), quote=True)


def _context(record: FlagRecord) -> str:
    """The span marked inside its capped context, "…" where the sentence goes on."""
    part = record.excerpt()
    return (
        f"{'…' if part.cut_before else ''}{_h(part.before)}"
        f'<mark class="{_h(record.severity.label)}">{_h(part.flagged) or "&#8203;"}</mark>'
        f"{_h(part.after)}{'…' if part.cut_after else ''}"
    )


def _flag_row(record: FlagRecord) -> str:
    suggestions = ", ".join(_h(s) for s in record.suggestions[:5]) or "–"
    label = _h(record.severity.label)
    return (
        f"<tr><td class=n>{record.line}:{record.column}</td><td class=n>{record.segment}</td>"
        f'<td class="sev {label}">{label}</td><td>{_context(record)}</td>'
        f"<td class=sugg>{suggestions}</td><td>{_h(record.message)}</td>"
        f"<td>{_h(record.rule_id)}<br><small>{_h(record.category)}</small></td></tr>"
    )


def _file_section(report: FileReport) -> Iterator[str]:
    yield f"<h2>{_h(report.path)}</h2>"
    yield from (f"<p class=notice>{_h(notice)}</p>" for notice in report.notices)
    if not report.flags:
        yield f"<p>No flags in {report.segments} segments.</p>"
        return
    yield (
        "<table><thead><tr><th>Line:col</th><th>Seg.</th><th>Severity</th><th>Sentence</th>"
        "<th>Suggestions</th><th>Message</th><th>Rule</th></tr></thead><tbody>"
    )
    yield from (_flag_row(r) for r in report.flags)
    yield "</tbody></table>"


def _counts(title: str, counts: dict[str, int]) -> str:
    rows = "".join(f"<tr><td>{_h(k)}</td><td class=n>{v}</td></tr>" for k, v in counts.items())
    return f"<table><thead><tr><th>{_h(title)}</th><th>Flags</th></tr></thead>{rows}</table>"


class HtmlWriter(WholeFiles):
    """The HTML report into `out`: a section per file as it completes (an unreadable file
    where it stands), then the summary and the checker."""

    def __init__(self, out: TextIO) -> None:
        super().__init__()
        self.out = out

    def _write(self, parts: Iterable[str]) -> None:
        for part in parts:
            self.out.write(part + "\n")

    def begin(self) -> None:
        self._write(
            (
                f"""<!DOCTYPE html>
<html lang="de"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Grammar report</title><style>{_CSS}</style></head>
<body><h1>Grammar report</h1>""",
            )
        )

    def write_file(self, report: FileReport) -> None:
        self._write(_file_section(report))

    def failure(self, failure: FileFailure) -> None:
        self._write((f"<p class=failure>Not checked: {_h(failure.error)}</p>",))

    def end(self, end: ReportEnd) -> None:
        s = end.summary
        severity = ", ".join(
            f'<span class="{_h(label)}">{n} {_h(label)}</span>'
            for label, n in s.by_severity.items()
        )
        counts = _counts("Rule", s.by_rule) + _counts("Category", s.by_category)
        self._write(
            (
                f"<h2>Summary</h2>\n<p>Checker: {_h(end.checker.description)}<br>\n"
                f"{s.files} files, {s.segments} segments, {s.flags} flags ({severity}).</p>",
                f"<div class=summary>{counts}</div>",
                f"<footer>review-app {escape(__version__)} · report format version "
                f"{end.version}</footer>\n</body></html>",
            )
        )


def write_html(report: Report, out: TextIO) -> None:
    """The report as HTML into `out`, a line at a time."""
    write_events(replay(report), HtmlWriter(out))


def render_html(report: Report) -> str:
    buffer = io.StringIO()
    write_html(report, buffer)
    return buffer.getvalue()
