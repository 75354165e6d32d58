"""The diff as Markdown: scores with signatures, counts, corrections, changed sentences."""

from __future__ import annotations

import re

from review_app.compare.model import Comparison, SentencePair
from review_app.compare.worddiff import inline_parts
from review_app.report.render_diff_text import correction_label, counts_line, format_score

_SPECIAL = re.compile(r"([\\`*_{}\[\]<>|~])")


def _escape(text: str) -> str:
    return _SPECIAL.sub(r"\\\1", text)


def _cell(text: str) -> str:
    return _escape(text).replace("\n", " ")


def _pipes(code: str) -> str:
    """A pipe inside a table cell must be escaped, even in a code span (GFM)."""
    return code.replace("|", "\\|")


def _inline(pair: SentencePair) -> str:
    out: list[str] = []
    for kind, part in inline_parts(pair.ops):
        if kind == "delete":
            out.append(f"~~{_cell(part)}~~")
        elif kind == "insert":
            out.append(f"**{_cell(part)}**")
        else:
            out.append(_cell(part))
    return "".join(out)


def render_diff_markdown(comparison: Comparison) -> str:
    a, b = comparison.original, comparison.revised
    lines = [
        "# Post-editing diff",
        "",
        f"- Original (MT): `{a.name}` — {a.lines} lines, {a.segments} sentences",
        f"- Revised: `{b.name}` — {b.lines} lines, {b.segments} sentences",
    ]
    lines += [f"- Note: {_cell(note)}" for note in comparison.notes]
    unit_word = "line pairs" if comparison.line_mode == "lines" else "aligned line groups"
    lines += [
        "",
        f"## Document scores ({len(comparison.units)} {unit_word})",
        "",
        "| Metric | Score | Signature | Detail |",
        "|---|---:|---|---|",
    ]
    for s in comparison.scores:
        lines.append(
            f"| {s.name} | {format_score(s.value)} | `{_pipes(s.signature)}` | {_cell(s.detail)} |"
        )
    lines += ["", counts_line(comparison), ""]
    if comparison.corrections:
        lines += ["## Most frequent corrections", "", "| Correction | Count |", "|---|---:|"]
        lines += [
            f"| {_cell(correction_label(c.before, c.after))} | {c.count} |"
            for c in comparison.corrections[:10]
        ]
        lines.append("")
    changed = [p for p in comparison.sentences if p.changed]
    lines += [f"## Changed sentences ({len(changed)})", ""]
    if changed:
        lines += [
            "| Line | Change | HTER | Sentence (~~deleted~~ **inserted**) |",
            "|---:|---|---:|---|",
        ]
        for pair in changed:
            unit = comparison.units[pair.unit]
            lines.append(
                f"| {unit.line_label} | {pair.kind} | {format_score(pair.scores.hter)} "
                f"| {_inline(pair)} |"
            )
    else:
        lines.append("No changes.")
    return "\n".join(lines) + "\n"
