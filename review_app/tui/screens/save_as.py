"""Save as: asked when the revision cannot go where it should (the original is gone)."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Input, Static

from review_app.document.visible import escaped


class SaveAsScreen(ModalScreen[str | None]):
    """Why, and a path to save to (prefilled); Enter saves there, Escape cancels."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "cancel", "Cancel", show=True)]
    DEFAULT_CSS = """
    SaveAsScreen { align: center middle; }
    SaveAsScreen > Vertical {
        width: 80; height: auto; border: round $warning; padding: 0 1; background: $surface;
    }
    """

    def __init__(self, reason: str, default: str) -> None:
        super().__init__()
        self._reason = reason
        self._default = default

    def compose(self) -> ComposeResult:
        with Vertical() as box:
            box.border_title = "Save as"
            # Literal text: a file name is never markup.
            reason = escaped(self._reason)
            yield Static(Content(f"{reason}.\nSave the revision to (Enter):"))
            yield Input(value=self._default, id="save-as-path")

    def on_input_submitted(self, event: Input.Submitted) -> None:
        self.dismiss(event.value.strip() or None)

    def action_cancel(self) -> None:
        self.dismiss(None)
