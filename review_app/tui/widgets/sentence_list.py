"""The sentence list: one line per sentence, rendering only the lines on screen.

A `ScrollView` with `render_line` (as Textualize/toolong does): its cost does not grow with the
number of sentences, so 10,000+ sentences scroll as fast as 10.
"""

from __future__ import annotations

from collections.abc import Sequence

from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual import events
from textual.cache import LRUCache
from textual.geometry import Size
from textual.message import Message
from textual.scroll_view import ScrollView
from textual.strip import Strip

from review_app.checking.flag import Severity
from review_app.review.session import Session
from review_app.tui import keys
from review_app.tui.widgets.visible_text import tag_labels, visible_words, with_tags

SEVERITY_STYLE = {
    Severity.ERROR: Style(color="red", bold=True),
    Severity.WARNING: Style(color="yellow"),
    Severity.HINT: Style(color="cyan"),
}
_DIM = Style(dim=True)
_REVIEWED = Style(color="green")
_EDITED = Style(color="magenta")
_CURSOR = Style(bgcolor="#1f4f7a", bold=True)


class SentenceList(ScrollView, can_focus=True):
    """Rows are segment indices (the filtered view); the cursor is a row."""

    BINDINGS = keys.bindings()

    DEFAULT_CSS = """
    SentenceList { height: 1fr; scrollbar-size-vertical: 1; overflow-x: hidden; }
    """

    class Selected(Message):
        """The user clicked a row."""

        def __init__(self, index: int) -> None:
            super().__init__()
            self.index = index

    def __init__(self, session: Session, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.session = session
        self.rows: Sequence[int] = range(len(session))
        self.cursor = 0
        self._lines: LRUCache[tuple, Strip] = LRUCache(1024)
        self._number_width = len(str(len(session)))

    # ----- what the app calls ----------------------------------------------------------------

    def set_rows(self, rows: Sequence[int], cursor: int) -> None:
        width = len(str(len(self.session)))
        if width != self._number_width:
            self._number_width = width
            self._lines.clear()
        self.rows = rows
        self.cursor = max(0, min(cursor, len(rows) - 1))
        self.virtual_size = Size(self.scrollable_content_region.width, len(rows))
        self.refresh()

    def move_cursor(self, row: int) -> None:
        if not self.rows:
            return
        self.cursor = max(0, min(row, len(self.rows) - 1))
        self.scroll_to_cursor()
        self.refresh()

    def scroll_to_cursor(self) -> None:
        height = self.scrollable_content_region.height or 1
        top = int(self.scroll_offset.y)
        if self.cursor < top:
            self.scroll_to(y=self.cursor, animate=False, immediate=True)
        elif self.cursor >= top + height:
            self.scroll_to(y=self.cursor - height + 1, animate=False, immediate=True)

    def refresh_segments(self) -> None:
        """Statuses changed (flags arrived, an action): redraw what is visible."""
        self.refresh()

    @property
    def page_height(self) -> int:
        return max(1, self.scrollable_content_region.height - 1)

    # ----- rendering -------------------------------------------------------------------------

    def on_resize(self, event: events.Resize) -> None:
        self.virtual_size = Size(self.scrollable_content_region.width, len(self.rows))

    def render_line(self, y: int) -> Strip:
        row = int(self.scroll_offset.y) + y
        width = self.scrollable_content_region.width
        if row >= len(self.rows) or width <= 0:
            return Strip.blank(width, self.rich_style)
        index = self.rows[row]
        status = self.session.status(index)
        # A row shows at most `width` cells: a few times that many characters are plenty even
        # where white space collapses, and a sentence of megabytes costs no more than a short one.
        text = self.session.text(index)[: width * 4 + 16]
        key = (index, status, text, width, row == self.cursor)
        strip = self._lines.get(key)
        if strip is None:
            strip = self._render_row(index, status, text, width, row == self.cursor)
            self._lines[key] = strip
        return strip

    def _render_row(self, index: int, status, text: str, width: int, is_cursor: bool) -> Strip:
        line = Text(no_wrap=True, overflow="ellipsis", end="")
        line.append(f"{index + 1:>{self._number_width}} ", _DIM)
        if status.open_flags is None:
            line.append("…   ", _DIM)
        elif status.open_flags:
            flags = self.session.flags(index)
            worst = max(f.severity for f in flags)
            line.append(f"●{status.open_flags:>2} ", SEVERITY_STYLE[worst])
        else:
            line.append(
                "✓   " if status.reviewed else "·   ", _REVIEWED if status.reviewed else _DIM
            )
        line.append("✎ " if status.edited else "  ", _EDITED)
        line.append("R " if status.reviewed and status.open_flags else "  ", _REVIEWED)
        unit = self.session.document.segments[index].unit
        shown = visible_words(text)
        line.append_text(with_tags(shown, tag_labels(unit.tags)) if unit is not None else shown)
        line.truncate(width, overflow="ellipsis", pad=True)
        if is_cursor:
            line.stylize(_CURSOR)
        segments = list(line.render(self.app.console))
        return Strip(Segment.apply_style(segments, self.rich_style), width).crop(0, width)

    # ----- mouse -----------------------------------------------------------------------------

    def on_click(self, event: events.Click) -> None:
        row = int(self.scroll_offset.y) + event.y
        if 0 <= row < len(self.rows):
            self.post_message(self.Selected(self.rows[row]))
