"""One-line prompts: go to a sentence number, search the sentences."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Label

from review_app.document.visible import one_to_one


class VisibleInput(Input):
    """An `Input` that never holds a hidden character: a pasted control, bidi or zero-width
    character becomes its visible symbol, which is also what the sentences are searched in
    (so a pasted "Stra\\u00adße" finds the sentence that shows "Stra◇ße")."""

    def replace(self, text: str, start: int, end: int) -> None:
        super().replace(one_to_one(text), start, end)


class PromptScreen(ModalScreen[str | None]):
    """Ask for one line; dismiss with it on Enter, with None on Escape."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "cancel", "Cancel", show=True)]
    DEFAULT_CSS = """
    PromptScreen { align: center middle; }
    PromptScreen > Vertical {
        width: 60; height: auto; border: round $accent; padding: 0 1; background: $surface;
    }
    """

    def __init__(self, title: str, label: str, value: str = "", *, numbers: bool = False) -> None:
        super().__init__()
        self._title = title
        self._label = label
        self._value = value
        self._numbers = numbers

    def compose(self) -> ComposeResult:
        with Vertical() as box:
            box.border_title = self._title
            yield Label(self._label, markup=False)
            yield VisibleInput(
                value=one_to_one(self._value),
                type="integer" if self._numbers else "text",
                select_on_focus=True,
            )

    def on_input_submitted(self, event: Input.Submitted) -> None:
        self.dismiss(event.value.strip() or None)

    def action_cancel(self) -> None:
        self.dismiss(None)


class GoToScreen(PromptScreen):
    def __init__(self, count: int) -> None:
        super().__init__("Go to", f"Sentence number (1–{count:,}):", numbers=True)


class SearchScreen(PromptScreen):
    def __init__(self, last: str = "") -> None:
        super().__init__("Search", "Find text (Enter: next match after this sentence):", last)
