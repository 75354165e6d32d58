"""The whole-document diff: scores with their sacrebleu signatures, counts, the most frequent
corrections and every edited sentence with its word diff and HTER.

`compare_texts` takes seconds on a long document (TER is pure Python), so it runs off the
event loop, and so does laying out the result (rendering thousands of sentences to lines): the
screen answers keys at once while either runs. The result is shown by a line-API view that
draws only the lines on screen, so scrolling costs the same for 10 edited sentences or 10,000.
"""

from __future__ import annotations

import io
import threading
from collections.abc import Sequence
from concurrent.futures import Future
from dataclasses import dataclass
from typing import ClassVar

from rich.console import Console, Group, RenderableType
from rich.padding import Padding
from rich.style import Style
from rich.text import Text
from textual import events, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.geometry import Size
from textual.message import Message
from textual.screen import Screen
from textual.scroll_view import ScrollView
from textual.strip import Strip
from textual.widgets import Footer, LoadingIndicator, Static
from textual.worker import Worker, WorkerState, get_current_worker

from review_app.compare import compare_texts
from review_app.compare.model import Comparison, Correction, SentencePair
from review_app.report.render_diff_text import (
    correction_label,
    counts_line,
    scores_table,
)
from review_app.tui.widgets.sentence_diff import ops_text
from review_app.tui.widgets.visible_text import visible

Block = tuple[RenderableType, SentencePair | None]  # what to draw; the sentence it shows, if any

_DIM = Style(dim=True)
_BOLD = Style(bold=True)
_HEADING = Style(bold=True, underline=True)
_PAIR_HEADER = Style(color="cyan")
_SELECTED = Style(bgcolor="grey23")
_POLL_SECONDS = 0.05


# ----- computing the comparison ------------------------------------------------------------------


class LatestComparison:
    """The latest whole-document comparison, computed in a daemon thread.

    Not in the worker's own thread: compare_texts cannot be interrupted, and neither a closed
    screen nor a quitting app should wait for it (asyncio joins its executor threads when the
    app exits). Asking again for the same two texts reuses the running or finished comparison,
    so closing and reopening the screen without an edit in between costs nothing.
    """

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._texts: tuple[str, str] | None = None
        self._future: Future[Comparison] | None = None

    def get(self, original: str, revised: str) -> Future[Comparison]:
        with self._lock:
            future = self._future
            if (
                future is not None
                and self._texts == (original, revised)
                and not (future.done() and future.exception() is not None)
            ):
                return future
            future = Future()
            thread = threading.Thread(
                target=_compare_into,
                args=(future, original, revised),
                name="document-diff",
                daemon=True,
            )
            thread.start()
            self._texts, self._future = (original, revised), future
            return future


def _compare_into(future: Future[Comparison], original: str, revised: str) -> None:
    try:
        future.set_result(compare_texts(original, revised))
    except BaseException as error:  # handed to the screen, which shows it
        future.set_exception(error)


LATEST = LatestComparison()


# ----- what the screen shows -------------------------------------------------------------------


def corrections_text(corrections: Sequence[Correction]) -> Text:
    out = Text()
    for correction in corrections:
        out.append("  ")
        out.append_text(visible(correction_label(correction.before, correction.after)))
        out.append(f" ×{correction.count}\n", _DIM)
    out.rstrip()
    return out


def _numbers(segments: Sequence[int]) -> str:
    if not segments:
        return "new"
    first, last = segments[0] + 1, segments[-1] + 1
    return f"#{first}" if first == last else f"#{first}-{last}"


def pair_block(comparison: Comparison, pair: SentencePair) -> RenderableType:
    """ "#12 · line 5 · edited · HTER 9.1", then the word diff below it."""
    hter = pair.scores.hter
    header = Text(
        f"{_numbers(pair.original_segments)} · line {comparison.units[pair.unit].line_label}"
        f" · {pair.kind} · HTER {'–' if hter is None else f'{hter:.1f}'}",
        _PAIR_HEADER,
    )
    return Group(header, Padding(ops_text(pair.ops), (0, 0, 0, 3)))


def document_blocks(comparison: Comparison) -> list[Block]:
    """Everything the screen shows, top to bottom; the edited sentences come last."""
    c = comparison
    sides = Text()
    for label, side in (("Original (MT)", c.original), ("Revised", c.revised)):
        sides.append(f"{label}: ", _BOLD)
        sides.append(f"{side.lines:,} lines, {side.segments:,} sentences\n")
    sides.rstrip()
    blocks: list[Block] = [(sides, None)]
    blocks += [(visible(note, Style(color="yellow")), None) for note in c.notes]
    unit_word = "line pairs" if c.line_mode == "lines" else "aligned line groups"
    blocks.append((Text(f"\nDocument scores ({len(c.units):,} {unit_word})", _HEADING), None))
    blocks.append((scores_table(c.scores), None))
    blocks.append((Text(counts_line(c)), None))
    if c.corrections:
        blocks.append((Text("\nMost frequent corrections", _HEADING), None))
        blocks.append((corrections_text(c.corrections[:10]), None))
    edited = [p for p in c.sentences if p.changed]
    if not edited:
        blocks.append((Text("\nNo changes.", Style(color="green", bold=True)), None))
        return blocks
    heading = Text(f"\nEdited sentences ({len(edited):,} of {len(c.sentences):,})", _HEADING)
    heading.append("  j/k select · Enter goes to the sentence", _DIM)
    blocks.append((heading, None))
    blocks += [(pair_block(c, pair), pair) for pair in edited]
    return blocks


@dataclass(frozen=True)
class Layout:
    """The blocks drawn at one width: all lines, and the first line of each block."""

    width: int
    lines: list[Strip]
    starts: list[int]  # one per block, then the line count


def lay_out(blocks: Sequence[Block], width: int) -> Layout:
    """Render every block to lines of `width` cells (a private console: safe in a thread)."""
    console = Console(
        file=io.StringIO(), width=width, force_terminal=True, color_system="truecolor"
    )
    options = console.options.update_width(width)
    lines: list[Strip] = []
    starts: list[int] = []
    for renderable, _ in blocks:
        starts.append(len(lines))
        lines.extend(Strip(line, width) for line in console.render_lines(renderable, options))
    starts.append(len(lines))
    return Layout(width, lines, starts)


# ----- the view and the screen -----------------------------------------------------------------


class DocumentDiffView(ScrollView, can_focus=True):
    """Scrolls through laid-out blocks; j/k select an edited sentence, Enter picks it."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("j,n", "select(1)", "Next edit", show=True),
        Binding("k,p", "select(-1)", "Prev edit", show=True),
        Binding("enter", "pick", "Go to sentence", show=True),
    ]

    DEFAULT_CSS = """
    DocumentDiffView { height: 1fr; overflow-y: scroll; overflow-x: hidden;
                       scrollbar-size-vertical: 1; padding: 0 1; }
    """

    class Picked(Message):
        """Enter on an edited sentence."""

        def __init__(self, pair: SentencePair) -> None:
            super().__init__()
            self.pair = pair

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._blocks: tuple[Block, ...] = ()
        self._layout: Layout | None = None
        self._requested_width = 0
        self._selectable: list[int] = []  # indices of blocks showing a sentence
        self.selected: int | None = None  # index into _selectable

    # ----- content -----------------------------------------------------------------------------

    def set_blocks(self, blocks: Sequence[Block]) -> None:
        self._blocks = tuple(blocks)
        self._selectable = [i for i, (_, pair) in enumerate(self._blocks) if pair is not None]
        self.selected = None
        self._layout = None
        self._requested_width = 0
        self._request_layout()

    @property
    def laid_out(self) -> bool:
        """Whether the current blocks are drawn (at whatever width)."""
        return self._layout is not None and bool(self._blocks)

    @property
    def lines(self) -> list[Strip]:
        return self._layout.lines if self._layout else []

    @property
    def selected_pair(self) -> SentencePair | None:
        if self.selected is None:
            return None
        return self._blocks[self._selectable[self.selected]][1]

    def on_resize(self, event: events.Resize) -> None:
        self._request_layout()

    def _request_layout(self) -> None:
        width = self.scrollable_content_region.width
        if not self._blocks or width <= 0 or width == self._requested_width:
            return
        self._requested_width = width
        self._lay_out(self._blocks, width)

    @work(thread=True, exclusive=True, group="diff-layout")
    def _lay_out(self, blocks: tuple[Block, ...], width: int) -> tuple[tuple[Block, ...], Layout]:
        return blocks, lay_out(blocks, width)

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        if event.worker.group != "diff-layout" or event.state != WorkerState.SUCCESS:
            return
        event.stop()
        blocks, layout = event.worker.result
        if blocks is not self._blocks:
            return  # drawn for blocks replaced since
        self._layout = layout
        self.virtual_size = Size(layout.width, len(layout.lines))
        self._scroll_to_selected()  # wrapped anew, the selected sentence moved
        self.refresh()

    # ----- drawing -----------------------------------------------------------------------------

    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width
        row = int(self.scroll_offset.y) + y
        lines = self.lines
        if row == 0 and self._layout is None and self._blocks:
            return self._drawing_line(width)
        if row >= len(lines):
            return Strip.blank(width, self.rich_style)
        strip = lines[row]
        if row in self._selected_lines():
            strip = strip.apply_style(_SELECTED)
        return strip.apply_style(self.rich_style).crop_extend(0, width, self.rich_style)

    def _drawing_line(self, width: int) -> Strip:
        """Shown while the first layout runs (half a second for thousands of sentences)."""
        text = Text(f"Drawing {len(self._selectable):,} edited sentences…", _DIM)
        segments = list(text.render(self.app.console))
        return Strip(segments).apply_style(self.rich_style).crop_extend(0, width, self.rich_style)

    def _selected_lines(self) -> range:
        if self.selected is None or self._layout is None:
            return range(0)
        block = self._selectable[self.selected]
        return range(self._layout.starts[block], self._layout.starts[block + 1])

    # ----- keys and mouse ----------------------------------------------------------------------

    def action_select(self, step: int) -> None:
        if not self._selectable:
            return
        if self.selected is None:
            self.selected = self._first_visible() if step > 0 else len(self._selectable) - 1
        else:
            self.selected = max(0, min(self.selected + step, len(self._selectable) - 1))
        self._scroll_to_selected()
        self.refresh()

    def action_pick(self) -> None:
        if self.selected is None and self._selectable:
            self.selected = self._first_visible()  # Enter with nothing selected: the top edit
        pair = self.selected_pair
        if pair is not None:
            self.post_message(self.Picked(pair))

    def on_click(self, event: events.Click) -> None:
        if self._layout is None:
            return
        row = int(self.scroll_offset.y) + event.y
        for number, block in enumerate(self._selectable):
            if self._layout.starts[block] <= row < self._layout.starts[block + 1]:
                self.selected = number
                self.refresh()
                if event.chain == 2:
                    self.action_pick()
                return

    def _first_visible(self) -> int:
        """The first selectable block starting on or below the top line shown."""
        if self._layout is None:
            return 0
        top = int(self.scroll_offset.y)
        for number, block in enumerate(self._selectable):
            if self._layout.starts[block] >= top:
                return number
        return len(self._selectable) - 1

    def _scroll_to_selected(self) -> None:
        lines = self._selected_lines()
        if not lines:
            return
        height = self.scrollable_content_region.height or 1
        top = int(self.scroll_offset.y)
        if lines.start < top:
            self.scroll_to(y=lines.start, animate=False, immediate=True)
        elif lines.stop > top + height:
            self.scroll_to(y=min(lines.start, lines.stop - height), animate=False, immediate=True)


class DocumentDiffScreen(Screen[SentencePair | None]):
    """The whole-document diff of `original` (the MT) against `revised`.

    Dismissed with the edited sentence pair picked with Enter (its `original_segments` are
    indices of the original's sentences), or None when closed with Escape or q.
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,q", "close", "Close", show=True),
    ]
    AUTO_FOCUS = None  # the view takes the focus once there is something in it

    DEFAULT_CSS = """
    DocumentDiffScreen #document-diff-title {
        height: 1; background: $panel; text-style: bold; padding: 0 1;
    }
    DocumentDiffScreen #document-diff-loading { height: 1fr; align: center middle; }
    DocumentDiffScreen #document-diff-loading LoadingIndicator { height: 3; }
    DocumentDiffScreen #document-diff-message { width: 100%; content-align: center middle; }
    """

    def __init__(self, original: str, revised: str, title: str | None = None) -> None:
        super().__init__()
        self.original = original
        self.revised = revised
        self.heading = f"Document diff — {title}" if title else "Document diff"
        self.comparison: Comparison | None = None
        self.error: BaseException | None = None

    def compose(self) -> ComposeResult:
        yield Static(visible(self.heading), id="document-diff-title")
        with Vertical(id="document-diff-loading"):
            yield LoadingIndicator()
            yield Static(
                f"Comparing {len(self.original.splitlines()):,} lines of the MT with the "
                "revision… (Escape closes)",
                id="document-diff-message",
                markup=False,
            )
        yield DocumentDiffView(id="document-diff-view")
        yield Footer(compact=True)

    def on_mount(self) -> None:
        self.query_one(DocumentDiffView).display = False
        self._compare()

    @property
    def view(self) -> DocumentDiffView:
        return self.query_one(DocumentDiffView)

    @property
    def ready(self) -> bool:
        """Whether the comparison is computed and drawn (or has failed)."""
        return self.error is not None or (self.comparison is not None and self.view.laid_out)

    @work(thread=True, exclusive=True, group="document-diff", exit_on_error=False)
    def _compare(self) -> tuple[Comparison, list[Block]] | None:
        future = LATEST.get(self.original, self.revised)
        worker = get_current_worker()
        while True:
            try:
                comparison = future.result(timeout=_POLL_SECONDS)
            except TimeoutError:
                if worker.is_cancelled:
                    return None
                continue
            return comparison, document_blocks(comparison)

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        if event.worker.group != "document-diff":
            return
        if event.state == WorkerState.SUCCESS and event.worker.result is not None:
            self.comparison, blocks = event.worker.result
            self.query_one("#document-diff-loading").display = False
            view = self.view
            view.display = True
            view.set_blocks(blocks)
            view.focus()
        elif event.state == WorkerState.ERROR:
            self.error = event.worker.error
            self.query_one(LoadingIndicator).display = False
            message = self.query_one("#document-diff-message", Static)
            message.update(visible(f"Could not compare: {self.error}", Style(color="red")))

    def on_document_diff_view_picked(self, event: DocumentDiffView.Picked) -> None:
        self.dismiss(event.pair)

    def action_close(self) -> None:
        self.dismiss(None)
