"""The current sentence's word diff against its MT, with the live HTER of the revision."""

from __future__ import annotations

from collections.abc import Iterable

from rich.style import Style
from rich.text import Text
from textual.widgets import Static

from review_app.compare.metrics import ter_edits, ter_value
from review_app.compare.model import DiffOp, TerEdits
from review_app.compare.worddiff import inline_parts, word_diff
from review_app.tui.widgets.visible_text import visible

DIFF_STYLES = {
    "equal": Style(),
    "delete": Style(color="red", strike=True),
    "insert": Style(color="green", underline=True),
}
_DIM = Style(dim=True)
# A diff longer than DRAWN characters (a huge edited line) is drawn shortened: unchanged runs
# keep CONTEXT characters next to each change, and drawing stops after DRAWN characters.
DRAWN = 2_000
CONTEXT = 100


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


def edits_label(edits: TerEdits) -> str:
    """ "1 edit (1 substituted)", "3 edits (2 inserted, 1 shift)"; "0 edits" for spacing only."""
    kinds = (
        (edits.insertions, "inserted"),
        (edits.deletions, "deleted"),
        (edits.substitutions, "substituted"),
    )
    parts = [f"{n} {label}" for n, label in kinds if n]
    if edits.shifts:
        parts.append(_plural(edits.shifts, "shift"))
    label = _plural(edits.edits, "edit")
    return f"{label} ({', '.join(parts)})" if parts else label


def _shortened(parts: list[tuple[str, str]]) -> list[tuple[str, str | int]]:
    """`parts` with each long unchanged run cut to CONTEXT characters next to the changes
    around it; an int stands for that many characters left out."""
    out: list[tuple[str, str | int]] = []
    last = len(parts) - 1
    for n, (kind, part) in enumerate(parts):
        head = CONTEXT if n > 0 or n == last else 0  # after a change (or all there is)
        tail = CONTEXT if n < last else 0  # before a change
        if kind != "equal" or len(part) <= head + tail + 20:
            out.append((kind, part))
            continue
        out.append(("equal", part[:head]))
        out.append(("equal", len(part) - head - tail))
        out.append(("equal", part[len(part) - tail :]))
    return out


def ops_text(ops: Iterable[DiffOp], limit: int = DRAWN) -> Text:
    """The revision, with the MT's deleted words (red, struck through) before the words that
    replaced them (green, underlined); hidden characters shown and marked. At most about
    `limit` characters of it (see DRAWN)."""
    parts = inline_parts(ops)
    total = sum(len(part) for _, part in parts)
    shown = _shortened(parts) if total > limit else parts
    out = Text()
    previous, room = "equal", limit
    for kind, part in shown:
        if isinstance(part, int):
            out.append(f" … ({part:,} unchanged characters) … ", _DIM)
            continue
        if room <= 0:
            out.append(" … (cut: the diff is too long to show)", _DIM)
            break
        if previous == "delete" and kind == "insert":
            out.append(" ")  # keeps "alt neu" apart where strike-through does not show
        out.append_text(visible(part[:room], DIFF_STYLES[kind]))
        if len(part) > room:
            out.append(f" … ({len(part) - room:,} more characters)", _DIM)
        room -= len(part)
        previous = kind
    return out


def diff_text(mt: str, revised: str) -> Text:
    """`ops_text` of the word diff of `mt` into `revised`."""
    return ops_text(word_diff(mt, revised))


def sentence_diff_text(mt: str, revised: str) -> tuple[Text, float]:
    """The panel's content and the sentence's HTER (percent; 0 when unchanged)."""
    if mt.rstrip() == revised.rstrip():
        out = Text("unchanged (HTER 0)", _DIM)
        return out, 0.0
    edits = ter_edits(mt, revised)
    hter = ter_value(edits)  # the value metrics.sentence_hter gives, without a second TER run
    out = Text()
    out.append(f"HTER {hter:.1f}", Style(bold=True))
    out.append(f" — {edits_label(edits)}")
    if not revised.strip():
        out.append(" — sentence deleted", _DIM)
    out.append("\n")
    out.append_text(diff_text(mt, revised))
    return out, hter


class SentenceDiff(Static):
    """Shows the word diff of an MT sentence against its revision and the revision's HTER.

    Call `show(mt, revised)` whenever the sentence or its text changes (about a millisecond
    for a sentence; repeated calls with the same texts cost nothing). `hter` holds the figure
    shown.
    """

    DEFAULT_CSS = """
    SentenceDiff {
        height: auto; max-height: 8; padding: 0 1; border-top: solid $primary-darken-2;
        overflow-y: auto;
    }
    """

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__("", id=id, classes=classes, markup=False)
        self.hter: float | None = None
        self._texts: tuple[str, str] | None = None

    def show(self, mt: str, revised: str) -> None:
        if self._texts == (mt, revised):
            return
        self._texts = (mt, revised)
        content, self.hter = sentence_diff_text(mt, revised)
        self.update(content)

    def clear(self) -> None:
        self._texts = None
        self.hter = None
        self.update("")
