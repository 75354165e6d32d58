"""The diff on a terminal (rich): colours on a terminal; wdiff-style markers in plain text.

File text and names are shown through `visible.escaped` (ESC, CR, BEL, C1 and bidi controls
as ␛ ␍ ␇ ⟨U+202E⟩) and handed to rich only inside `Text` objects: rich would pass ESC and C1
to the terminal and silently drop BEL, backspace and CR, and would read `[b]` in a string as
markup. The unified diff is escaped the same way (tabs kept), so it is for reading, not for
`patch` when the files hold control characters.
"""

from __future__ import annotations

import difflib
import io
from collections.abc import Sequence

from rich.console import Console, Group
from rich.table import Table
from rich.text import Text

from review_app.compare.model import Comparison, Score, SentencePair
from review_app.compare.worddiff import inline_parts
from review_app.document.segment import iter_lines
from review_app.document.visible import escaped
from review_app.report.model import counted

STYLES = {"equal": "", "delete": "red strike", "insert": "green underline"}
MARKERS = {"equal": ("", ""), "delete": ("[-", "-]"), "insert": ("{+", "+}")}


def format_score(value: float | None) -> str:
    return "–" if value is None else f"{value:.2f}"


def counts_line(comparison: Comparison) -> str:
    c = comparison.counts
    return (
        f"{c.sentences_edited} of {counted(c.sentences, 'sentence')} edited "
        f"({c.sentences_split} split, "
        f"{c.sentences_merged} merged, {c.sentences_inserted} inserted, "
        f"{c.sentences_deleted} deleted); words: {c.words_inserted} inserted, "
        f"{c.words_deleted} deleted, {c.words_substituted} substituted, "
        f"{counted(c.words_shifted, 'shift')} (TER, {c.reference_words:g} reference "
        f"{'word' if c.reference_words == 1 else 'words'})"
    )


def correction_label(before: str, after: str) -> str:
    return f"{before or '∅'} → {after or '∅'}"


def _inline(pair: SentencePair, markers: bool) -> Text:
    text = Text()
    if not pair.ops:
        text.append(escaped(pair.revised_text))
    for kind, part in inline_parts(pair.ops):
        opening, closing = MARKERS[kind] if markers else ("", "")
        text.append(f"{opening}{escaped(part)}{closing}", style=STYLES[kind])
    return text


def source_label(pair: SentencePair) -> str:
    """What follows a bilingual unit's source: ' (unit a1)', or '' without a unit id."""
    return f" (unit {pair.unit_id})" if pair.unit_id else ""


def _source(pair: SentencePair) -> Text:
    """A bilingual unit's source and id, on a line above its first changed sentence."""
    text = Text()  # no style of its own: the sentence appended to it keeps its styles
    text.append("Source: ", style="dim")
    text.append(escaped(pair.source or "") or "∅", style="italic")
    text.append(f"{escaped(source_label(pair))}\n", style="dim")
    return text


def _pair_row(
    comparison: Comparison, pair: SentencePair, markers: bool, with_source: bool
) -> tuple[Text, ...]:
    unit = comparison.units[pair.unit]
    hter = pair.scores.hter
    sentence = _inline(pair, markers)
    return (
        Text(escaped(unit.line_label), style="dim"),
        Text(pair.kind, style="yellow" if pair.kind != "edited" else ""),
        Text(format_score(hter), style="bold" if hter and hter >= 50 else ""),
        _source(pair).append_text(sentence) if with_source else sentence,
    )


def first_of_unit(pairs: Sequence[SentencePair]) -> list[bool]:
    """Whether each of `pairs` (in document order) is the first of its unit among them."""
    return [i == 0 or pairs[i - 1].unit != p.unit for i, p in enumerate(pairs)]


def scores_table(scores: Sequence[Score]) -> Table:
    """Name, value, and the detail with the sacrebleu signature below it."""
    table = Table.grid(padding=(0, 2))
    table.add_column(no_wrap=True, style="bold")
    table.add_column(justify="right", no_wrap=True)
    table.add_column()
    for score in scores:
        cell = Text(escaped(score.detail))
        if score.detail:
            cell.append("\n")
        cell.append(escaped(score.signature), style="dim")
        table.add_row(Text(escaped(score.name)), Text(format_score(score.value)), cell)
    return table


def print_diff(comparison: Comparison, console: Console, markers: bool = False) -> None:
    """The changed sentences with their word diff, then scores, counts and corrections."""
    for side, label in ((comparison.original, "Original"), (comparison.revised, "Revised")):
        console.print(
            Text(f"{label + ':':<10}{escaped(side.name)}", style="bold").append(
                f"  {counted(side.lines, 'line')}, {counted(side.segments, 'sentence')}"
                + (f", {escaped(side.encoding)}" if side.encoding else ""),
                style="",
            )
        )
    for note in comparison.notes:
        console.print(Text(escaped(note), style="yellow"))
    changed = [p for p in comparison.sentences if p.changed]
    if changed:
        table = Table(box=None, padding=(0, 1), show_edge=False, header_style="dim")
        table.add_column("line", justify="right", no_wrap=True)
        table.add_column("change", no_wrap=True)
        table.add_column("HTER", justify="right", no_wrap=True)
        table.add_column("sentence", ratio=1)
        for pair, first in zip(changed, first_of_unit(changed), strict=True):
            with_source = first and pair.source is not None
            table.add_row(*_pair_row(comparison, pair, markers, with_source))
        console.print()
        console.print(table)
    else:
        console.print(Text("No changes.", style="green"))
    unit_word = "line pairs" if comparison.line_mode == "lines" else "aligned line groups"
    console.print()
    console.print(Text(f"Document scores ({len(comparison.units)} {unit_word})", style="bold"))
    console.print(scores_table(comparison.scores))
    console.print(Text(escaped(counts_line(comparison))))
    if comparison.corrections:
        console.print(Text("Most frequent corrections", style="bold"))
        console.print(
            Group(
                *(
                    Text(f"  {escaped(correction_label(c.before, c.after))} ×{c.count}")
                    for c in comparison.corrections[:10]
                )
            )
        )


def render_diff_text(comparison: Comparison, width: int = 120) -> str:
    """Plain text (no colours, wdiff markers), for `-o FILE` and pipes."""
    buffer = io.StringIO()
    console = Console(file=buffer, width=width, color_system=None, soft_wrap=False)
    print_diff(comparison, console, markers=True)
    return "".join(line.rstrip() + "\n" for line in buffer.getvalue().splitlines())


def _lines(text: str) -> list[str]:
    """Lines as review-app counts them (LF, CRLF, lone CR), without their endings; unlike
    `str.splitlines`, form feeds and U+2028 stay inside a line, where they are shown."""
    return [line for _, line in iter_lines(text)]


def unified_diff(original: str, revised: str, original_name: str, revised_name: str) -> str:
    """A classic unified diff of the lines (line endings are not compared); hidden characters
    in names and lines shown visibly, tabs kept."""
    lines = difflib.unified_diff(
        _lines(original),
        _lines(revised),
        fromfile=escaped(original_name, keep="\t"),
        tofile=escaped(revised_name, keep="\t"),
        lineterm="",
    )
    return "".join(escaped(line, keep="\t") + "\n" for line in lines)


def print_unified(diff: str, console: Console) -> None:
    """The unified diff with colours."""
    for line in diff.splitlines():
        style = ""
        if line.startswith(("+++", "---")):
            style = "bold"
        elif line.startswith("+"):
            style = "green"
        elif line.startswith("-"):
            style = "red"
        elif line.startswith("@@"):
            style = "cyan"
        console.print(Text(line, style=style), soft_wrap=True)
