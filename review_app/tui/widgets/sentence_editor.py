"""The sentence editor: a text area over the current sentence; Escape leaves keeping the edit."""

from __future__ import annotations

from typing import ClassVar

from textual.binding import Binding, BindingType
from textual.message import Message
from textual.widgets import TextArea


class SentenceEditor(TextArea):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "done", "Done (keep the edit)", show=True)
    ]

    DEFAULT_CSS = """
    SentenceEditor { height: 8; display: none; }
    SentenceEditor.-open { display: block; }
    """

    class Done(Message):
        def __init__(self, index: int, text: str) -> None:
            super().__init__()
            self.index = index
            self.text = text

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id, soft_wrap=True, tab_behavior="focus", show_line_numbers=False)
        self.index: int | None = None

    @property
    def is_open(self) -> bool:
        return self.has_class("-open")

    def open(self, index: int, text: str) -> None:
        self.index = index
        self.border_title = f"Editing sentence {index + 1}: Escape keeps the edit"
        self.load_text(text)
        self.add_class("-open")
        self.move_cursor(self.document.end)
        self.focus()

    def action_done(self) -> None:
        if self.index is None:
            return
        index, self.index = self.index, None
        self.remove_class("-open")
        self.post_message(self.Done(index, self.text))
