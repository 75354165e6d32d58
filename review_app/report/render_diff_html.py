"""The diff as one self-contained HTML file: original and revision side by side, inline CSS.
Every outside string goes through `_h`: hidden characters made visible, then HTML-escaped
(quotes too)."""

from __future__ import annotations

import io
from collections.abc import Iterator
from html import escape
from typing import TextIO

from review_app import __version__
from review_app.compare.model import Comparison, SentencePair
from review_app.compare.worddiff import side_parts
from review_app.document.visible import escaped
from review_app.report.model import counted
from review_app.report.render_diff_text import (
    correction_label,
    counts_line,
    format_score,
    source_label,
)

_CSS = """
body{font:15px/1.45 system-ui,sans-serif;margin:2rem auto;max-width:90rem;padding:0 1rem;color:#222}
h1{font-size:1.5rem}h2{font-size:1.15rem;margin-top:2rem;border-bottom:1px solid #ddd}
table{border-collapse:collapse;width:100%;margin:.5rem 0 1rem}
th,td{border:1px solid #ddd;padding:.3rem .5rem;vertical-align:top;text-align:left}
th{background:#f4f4f4;position:sticky;top:0}td.n{text-align:right;white-space:nowrap}
table.diff td.s{width:42%}tr.equal td{color:#888}tr.unit td{border-top:2px solid #bbb}
del{background:#ffd6dc;color:#8a0016;text-decoration:line-through}
ins{background:#d4f5d4;color:#0a5c0a;text-decoration:none}
.sig{font-family:ui-monospace,monospace;font-size:.85rem;color:#555}
.kind{white-space:nowrap}.k-split,.k-merge,.k-insert,.k-delete{color:#a05a00;font-weight:600}
.summary{display:flex;gap:2rem;flex-wrap:wrap}.summary table{width:auto}
.notice{background:#fff6d6;padding:.3rem .6rem;border-left:3px solid #e0b400}
footer{color:#777;font-size:.85rem;margin-top:2rem}
"""
# Only in the diff of bilingual files, so that the page of a plain diff stays as it was.
_SOURCE_CSS = """.source{color:#555;font-style:italic;font-size:.9rem;margin-bottom:.2rem}
tr.equal td .source{color:#888}
"""


def _h(text: str) -> str:
    return escape(escaped(text), quote=True)


def _side(pair: SentencePair, side: str) -> str:
    if not pair.ops:
        return _h(pair.original_text if side == "a" else pair.revised_text)
    tag = "del" if side == "a" else "ins"
    return "".join(
        _h(text) if kind == "equal" else f"<{tag}>{_h(text)}</{tag}>"
        for kind, text in side_parts(pair.ops, side)
    )


def _source(pair: SentencePair) -> str:
    """A bilingual unit's source and id, above the MT text of the unit's first sentence."""
    return f"<div class=source>Source: {_h(pair.source or '') or '∅'}{_h(source_label(pair))}</div>"


def _row(comparison: Comparison, pair: SentencePair, first_of_unit: bool) -> str:
    unit = comparison.units[pair.unit]
    classes = " ".join(
        c for c in (pair.kind if pair.kind == "equal" else "", "unit" if first_of_unit else "") if c
    )
    source = _source(pair) if first_of_unit and pair.source is not None else ""
    return (
        f'<tr class="{_h(classes)}"><td class=n>{_h(unit.line_label)}</td>'
        f'<td class="kind k-{_h(pair.kind)}">{_h(pair.kind)}</td>'
        f"<td class=n>{format_score(pair.scores.hter)}</td>"
        f"<td class=s>{source}{_side(pair, 'a')}</td><td class=s>{_side(pair, 'b')}</td></tr>"
    )


def _has_sources(comparison: Comparison) -> bool:
    return any(pair.source is not None for pair in comparison.sentences)


def _scores(comparison: Comparison) -> str:
    rows = "".join(
        f"<tr><td>{_h(s.name)}</td><td class=n>{format_score(s.value)}</td>"
        f"<td class=sig>{_h(s.signature)}</td><td>{_h(s.detail)}</td></tr>"
        for s in comparison.scores
    )
    return (
        "<table><thead><tr><th>Metric</th><th>Score</th><th>Signature</th><th>Detail</th>"
        f"</tr></thead><tbody>{rows}</tbody></table>"
    )


def _corrections(comparison: Comparison) -> str:
    if not comparison.corrections:
        return ""
    rows = "".join(
        f"<tr><td>{_h(correction_label(c.before, c.after))}</td><td class=n>{c.count}</td></tr>"
        for c in comparison.corrections[:20]
    )
    return (
        "<table><thead><tr><th>Most frequent corrections</th><th>×</th></tr></thead>"
        f"<tbody>{rows}</tbody></table>"
    )


def _rows(comparison: Comparison) -> Iterator[str]:
    for unit in comparison.units:
        for position, index in enumerate(unit.sentences):
            yield _row(comparison, comparison.sentences[index], position == 0)


def _top(comparison: Comparison) -> str:
    """Everything before the first sentence row."""
    a, b = comparison.original, comparison.revised
    notes = "".join(f"<p class=notice>{_h(n)}</p>" for n in comparison.notes)
    unit_word = "line pairs" if comparison.line_mode == "lines" else "aligned line groups"
    css = _CSS + (_SOURCE_CSS if _has_sources(comparison) else "")
    return f"""<!DOCTYPE html>
<html lang="de"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Post-editing diff: {_h(a.name)}</title><style>{css}</style></head>
<body><h1>Post-editing diff</h1>
<p>Original (MT): <b>{_h(a.name)}</b> — {counted(a.lines, "line")}, \
{counted(a.segments, "sentence")}<br>
Revised: <b>{_h(b.name)}</b> — {counted(b.lines, "line")}, {counted(b.segments, "sentence")}</p>
{notes}
<h2>Document scores ({len(comparison.units)} {unit_word})</h2>
{_scores(comparison)}
<p>{_h(counts_line(comparison))}</p>
{_corrections(comparison)}
<h2>Sentences</h2>
<table class=diff><thead><tr><th>Line</th><th>Change</th><th>HTER</th>
<th>Original (MT)</th><th>Revised</th></tr></thead>
<tbody>
"""


def _bottom(comparison: Comparison) -> str:
    """Everything after the last sentence row."""
    sentence_sigs = "<br>".join(
        f"{_h(s.name)}: <span class=sig>{_h(s.signature)}</span>"
        for s in comparison.sentence_signatures
    )
    return f"""
</tbody></table>
<p>Sentence scores:<br>{sentence_sigs}</p>
<footer>review-app {escape(__version__)}</footer>
</body></html>
"""


def write_diff_html(comparison: Comparison, out: TextIO) -> None:
    """The page into `out` row by row: the diff of huge files is never one string."""
    out.write(_top(comparison))
    for i, row in enumerate(_rows(comparison)):
        out.write(f"\n{row}" if i else row)
    out.write(_bottom(comparison))


def render_diff_html(comparison: Comparison) -> str:
    buffer = io.StringIO()
    write_diff_html(comparison, buffer)
    return buffer.getvalue()
