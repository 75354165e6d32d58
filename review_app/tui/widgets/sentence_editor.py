"""The sentence editor: a text area over the current sentence; Escape leaves keeping the edit.

The text area never holds a hidden character (a control, bidi or zero-width character): it
would reach the terminal raw, and the text area itself turns VT, FF, NEL and U+2028 into line
breaks. So it shows the sentence with each hidden character as its visible symbol (⇄, ◇, ␛…),
one for one, and the real text is kept beside it: every change made through the text area
(typing, pasting, deleting) is made to the real text too, so what the reviewer left alone keeps
its own characters, hidden ones included, and what they typed is taken as typed. Leaving the
editor without a change gives back the sentence exactly. After the text area's own undo (or a
text loaded from outside) the real text is found again by aligning the shown text with the
edited one (`real_text`). Hidden characters typed or pasted are left out, with a notice.
"""

from __future__ import annotations

import dataclasses
import re
from difflib import SequenceMatcher
from typing import ClassVar

from textual.binding import Binding, BindingType
from textual.message import Message
from textual.widgets import TextArea
from textual.widgets.text_area import Edit, EditResult

from review_app.document.visible import HIDDEN, describe, one_to_one

# An inline tag of a bilingual file is one placeholder character (review_app.bilingual.model);
# a text area cannot draw it as its label ("<1>") and keep one character per character, so it
# shows as this symbol: kept as the tag when left alone, deleted whole.
TAG_SYMBOL = "◈"
_PLACEHOLDER = re.compile("[\ue000-\uf8ff]")


def editor_text(text: str) -> str:
    """What the editor shows for `text`: the same length, line breaks kept, every other hidden
    character as its visible symbol, inline tags as TAG_SYMBOL."""
    shown = "\n".join(one_to_one(line) for line in text.split("\n"))
    return _PLACEHOLDER.sub(TAG_SYMBOL, shown) if _PLACEHOLDER.search(shown) else shown


def real_text(original: str, shown: str, edited: str) -> str:
    """The text `edited` stands for, where `shown` is `editor_text(original)`: stretches the
    edit left unchanged are taken from `original` (its hidden characters included), the
    rest from `edited`."""
    if edited == shown:
        return original
    prefix = _common_prefix(shown, edited)
    suffix = _common_prefix(shown[prefix:][::-1], edited[prefix:][::-1])
    head, tail = original[:prefix], original[len(original) - suffix :]
    old_middle = original[prefix : len(original) - suffix]
    new_middle = edited[prefix : len(edited) - suffix]
    if HIDDEN.search(old_middle.replace("\n", "")) is None and not _PLACEHOLDER.search(old_middle):
        return head + new_middle + tail  # the usual case: one edit, nothing hidden inside it
    shown_middle = shown[prefix : len(shown) - suffix]
    parts: list[str] = []
    matcher = SequenceMatcher(None, shown_middle, new_middle, autojunk=False)
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        parts.append(old_middle[i1:i2] if op == "equal" else new_middle[j1:j2])
    return head + "".join(parts) + tail


def _common_prefix(a: str, b: str) -> int:
    n = min(len(a), len(b))
    low, high = 0, n  # binary search on slices: C speed even for a sentence of megabytes
    while low < high:
        mid = (low + high + 1) // 2
        if a[:mid] == b[:mid]:
            low = mid
        else:
            high = mid - 1
    return low


def typed_text(text: str) -> tuple[str, list[str]]:
    """`text` typed or pasted into the editor: line breaks as "\\n", hidden characters left
    out; and the names of those left out."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if HIDDEN.search(text.replace("\n", "")) is None:
        return text, []
    kept = [c if c == "\n" or not HIDDEN.match(c) else "" for c in text]
    dropped = [describe(c) for c, k in zip(text, kept, strict=True) if not k and c != "\n"]
    return "".join(kept), dropped


class SentenceEditor(TextArea):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "done", "Done (keep the edit)", show=True)
    ]

    DEFAULT_CSS = """
    SentenceEditor { height: 8; display: none; }
    SentenceEditor.-open { display: block; }
    """

    class Done(Message):
        """The editor was left; `text` is the real text (hidden characters kept)."""

        def __init__(self, index: int, text: str) -> None:
            super().__init__()
            self.index = index
            self.text = text

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id, soft_wrap=True, tab_behavior="focus", show_line_numbers=False)
        self.index: int | None = None
        self._original = ""
        self._shown = ""
        self._real: list[str] = []  # the real text, one item per character of the shown text
        self._tracking = False  # whether `_real` followed every change so far

    @property
    def is_open(self) -> bool:
        return self.has_class("-open")

    @property
    def real_text(self) -> str:
        """The sentence as edited so far, hidden characters of the original kept."""
        shown = self.text
        if self._tracking:
            real = "".join(self._real)
            if editor_text(real) == shown:
                return real
        return real_text(self._original, self._shown, shown)

    def open(self, index: int, text: str) -> None:
        self.index = index
        self._original = text
        self._shown = editor_text(text)
        hint = " · ⇄ ◇ ␛ … are hidden characters" if self._shown != text else ""
        if _PLACEHOLDER.search(text):  # (then the text is not as shown either)
            hint = f" · {TAG_SYMBOL} is an inline tag{hint.replace(' · ', ', ')}"
        self.border_title = f"Editing sentence {index + 1}: Escape keeps the edit{hint}"
        self.load_text(self._shown)
        self._real, self._tracking = list(text), True
        self.add_class("-open")
        self.move_cursor(self.document.end)
        self.focus()

    def edit(self, edit: Edit) -> EditResult:
        """Every change but undo and redo comes through here: keep hidden characters out of
        the text area, and make the same change to the real text."""
        text, dropped = typed_text(edit.text)
        if dropped:
            self.app.notify(  # the app's: literal, never markup
                "Hidden characters are not typed into a sentence; left out: "
                + ", ".join(dict.fromkeys(dropped)),
                severity="warning",
                timeout=6,
            )
        if text != edit.text:
            edit = dataclasses.replace(edit, text=text)
        start = self.document.get_index_from_location(edit.top)
        end = self.document.get_index_from_location(edit.bottom)
        result = super().edit(edit)
        self._real[start:end] = text
        return result

    def load_text(self, text: str) -> None:
        super().load_text(text)
        self._tracking = False  # `open` starts tracking again

    def undo(self) -> None:
        super().undo()
        self._tracking = False

    def redo(self) -> None:
        super().redo()
        self._tracking = False

    def action_done(self) -> None:
        if self.index is None:
            return
        index, self.index = self.index, None
        self.remove_class("-open")
        self.post_message(self.Done(index, self.real_text))
