"""The help screen: every key and what it does, what the sentence list's marks mean, and which
checker runs (in full: where it runs, which dictionary it reads)."""

from __future__ import annotations

from typing import ClassVar

from rich.console import Group
from rich.style import Style
from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

from review_app.checking.flag import Severity
from review_app.tui.keys import help_rows
from review_app.tui.widgets.sentence_list import SEVERITY_STYLE
from review_app.tui.widgets.sentence_view import SOURCE_STYLE
from review_app.tui.widgets.visible_text import TAG_STYLE, visible

# (mark, its style, what it means): the sentence list's columns, then the sentence view's.
LEGEND: tuple[tuple[str, Style | str, str], ...] = (
    ("● 3", SEVERITY_STYLE[Severity.ERROR], "3 open flags; the colour is the worst: error"),
    ("● 2", SEVERITY_STYLE[Severity.WARNING], "… warning"),
    ("● 1", SEVERITY_STYLE[Severity.HINT], "… hint (its suggestions get keys once tab chose it)"),
    ("✓", Style(color="green"), "reviewed (space), no open flags"),
    ("·", Style(dim=True), "checked, no open flags"),
    ("…", Style(dim=True), "not checked yet"),
    ("✎", Style(color="magenta"), "edited (differs from the original)"),
    ("R", Style(color="green"), "reviewed although flags are still open"),
    ("▶", Style(bold=True), "the selected flag: 1…9 apply its suggestions"),
    ("source", SOURCE_STYLE, "bilingual files: the source sentence above the target"),
    ("<1> </1>", TAG_STYLE, "an inline tag: kept whole, never checked"),
    ("⇄ ◇ ␛ …", Style(color="magenta", reverse=True), "hidden: bidi, zero-width, control"),
)


def keys_table() -> Table:
    table = Table(show_header=False, box=None, padding=(0, 2))
    table.add_column(style="bold cyan", no_wrap=True)
    table.add_column()
    for keys, text in help_rows():
        table.add_row(keys, text)
    table.add_row("ctrl+p", "Command palette: every action by name")
    return table


def legend_table() -> Table:
    table = Table(show_header=False, box=None, padding=(0, 2))
    table.add_column(no_wrap=True)
    table.add_column()
    for mark, style, meaning in LEGEND:
        table.add_row(Text(mark, style), meaning)
    return table


def help_text(checker: str) -> Group:
    heading = Style(bold=True, underline=True)
    # The checker names a server or a file: never markup, hidden characters shown.
    in_use = Text("Checker: ", Style(bold=True)).append_text(visible(checker or "not started"))
    return Group(
        in_use,
        Text(""),
        keys_table(),
        Text(""),
        Text("Marks", heading),
        legend_table(),
    )


class HelpScreen(ModalScreen[None]):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,q,question_mark", "dismiss", "Close", show=True),
    ]
    DEFAULT_CSS = """
    HelpScreen { align: center middle; }
    HelpScreen > VerticalScroll {
        width: 90; max-width: 100%; height: auto; max-height: 90%; border: round $accent;
        padding: 0 1; background: $surface;
    }
    """

    def __init__(self, checker: str = "") -> None:
        """`checker`: the checker's full description."""
        super().__init__()
        self.checker = checker

    def compose(self) -> ComposeResult:
        with VerticalScroll() as box:
            box.border_title = "Keys"
            box.border_subtitle = "Escape closes"
            yield Static(help_text(self.checker))
