"""The HTML report: one self-contained file (inline CSS, no scripts, no external assets)."""

from __future__ import annotations

from html import escape

from review_app import __version__
from review_app.report.model import FileReport, FlagRecord, Report

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


def _context(record: FlagRecord) -> str:
    s, e = record.segment_start, record.segment_end
    sentence = record.sentence
    return (
        f'{escape(sentence[:s])}<mark class="{record.severity.label}">'
        f"{escape(sentence[s:e]) or '&#8203;'}</mark>{escape(sentence[e:])}"
    )


def _flag_row(record: FlagRecord) -> str:
    suggestions = ", ".join(escape(s) for s in record.suggestions[:5]) or "–"
    label = record.severity.label
    return (
        f"<tr><td class=n>{record.line}:{record.column}</td><td class=n>{record.segment}</td>"
        f'<td class="sev {label}">{label}</td><td>{_context(record)}</td>'
        f"<td class=sugg>{suggestions}</td><td>{escape(record.message)}</td>"
        f"<td>{escape(record.rule_id)}<br><small>{escape(record.category)}</small></td></tr>"
    )


def _file_section(report: FileReport) -> str:
    parts = [f"<h2>{escape(report.path)}</h2>"]
    if report.notice:
        parts.append(f"<p class=notice>{escape(report.notice)}</p>")
    if not report.flags:
        parts.append(f"<p>No flags in {report.segments} segments.</p>")
        return "\n".join(parts)
    parts.append(
        "<table><thead><tr><th>Line:col</th><th>Seg.</th><th>Severity</th><th>Sentence</th>"
        "<th>Suggestions</th><th>Message</th><th>Rule</th></tr></thead><tbody>"
    )
    parts.extend(_flag_row(r) for r in report.flags)
    parts.append("</tbody></table>")
    return "\n".join(parts)


def _counts(title: str, counts: dict[str, int]) -> str:
    rows = "".join(f"<tr><td>{escape(k)}</td><td class=n>{v}</td></tr>" for k, v in counts.items())
    return f"<table><thead><tr><th>{escape(title)}</th><th>Flags</th></tr></thead>{rows}</table>"


def render_html(report: Report) -> str:
    s = report.summary
    severity = ", ".join(
        f'<span class="{label}">{n} {label}</span>' for label, n in s.by_severity.items()
    )
    failures = "".join(
        f"<p class=failure>Not checked: {escape(f.error)}</p>" for f in report.failures
    )
    files = "\n".join(_file_section(r) for r in report.files)
    return f"""<!DOCTYPE html>
<html lang="de"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Grammar report</title><style>{_CSS}</style></head>
<body><h1>Grammar report</h1>
<p>Checker: {escape(report.checker_description)}<br>
{s.files} files, {s.segments} segments, {s.flags} flags ({severity}).</p>
{failures}
<div class=summary>{_counts("Rule", s.by_rule)}{_counts("Category", s.by_category)}</div>
{files}
<footer>review-app {escape(__version__)} · report format version {report.version}</footer>
</body></html>
"""
