"""The diff as Markdown: scores with signatures, counts, corrections, changed sentences.
Every outside string (names, sentences, notes) goes through `markdown_escape`."""

from __future__ import annotations

from review_app.compare.model import Comparison, SentencePair
from review_app.compare.worddiff import inline_parts
from review_app.report import markdown_escape as md
from review_app.report.model import counted
from review_app.report.render_diff_text import (
    correction_label,
    counts_line,
    first_of_unit,
    format_score,
    source_label,
)


def _inline(pair: SentencePair) -> str:
    out: list[str] = []
    for kind, part in inline_parts(pair.ops):
        if kind == "delete":
            out.append(f"~~{md.text(part)}~~")
        elif kind == "insert":
            out.append(f"**{md.text(part)}**")
        else:
            out.append(md.text(part))
    return "".join(out)


def _source(pair: SentencePair) -> str:
    """A bilingual unit's source and id, above its first changed sentence in the same cell."""
    return f"Source: {md.text(pair.source or '') or md.EMPTY}{md.text(source_label(pair))}<br>"


def render_diff_markdown(comparison: Comparison) -> str:
    a, b = comparison.original, comparison.revised
    lines = [
        "# Post-editing diff",
        "",
        f"- Original (MT): {md.code(a.name, in_table=False)} — {counted(a.lines, 'line')}, "
        f"{counted(a.segments, 'sentence')}",
        f"- Revised: {md.code(b.name, in_table=False)} — {counted(b.lines, 'line')}, "
        f"{counted(b.segments, 'sentence')}",
    ]
    lines += [f"- Note: {md.text(note)}" for note in comparison.notes]
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
            f"| {md.text(s.name)} | {format_score(s.value)} | {md.code(s.signature)} "
            f"| {md.text(s.detail)} |"
        )
    lines += ["", counts_line(comparison), ""]
    if comparison.corrections:
        lines += ["## Most frequent corrections", "", "| Correction | Count |", "|---|---:|"]
        lines += [
            f"| {md.text(correction_label(c.before, c.after))} | {c.count} |"
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
        for pair, first in zip(changed, first_of_unit(changed), strict=True):
            unit = comparison.units[pair.unit]
            source = _source(pair) if first and pair.source is not None else ""
            lines.append(
                f"| {md.text(unit.line_label)} | {pair.kind} | {format_score(pair.scores.hter)} "
                f"| {source}{_inline(pair)} |"
            )
    else:
        lines.append("No changes.")
    return "\n".join(lines) + "\n"
