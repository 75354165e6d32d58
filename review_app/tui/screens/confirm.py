"""Questions with a few answers, each on a key: quit with unsaved changes, resume, save anyway."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Button, Static

from review_app.tui.widgets.visible_text import visible


class ChoiceScreen(ModalScreen[str]):
    """A question; `choices` are (key, answer, label). Dismissed with the answer chosen."""

    DEFAULT_CSS = """
    ChoiceScreen { align: center middle; }
    ChoiceScreen > Vertical {
        width: 72; height: auto; border: round $warning; padding: 1 2; background: $surface;
    }
    ChoiceScreen Horizontal { height: auto; margin-top: 1; }
    ChoiceScreen Button { margin-right: 2; }
    """

    def __init__(self, title: str, question: str, choices: list[tuple[str, str, str]]) -> None:
        super().__init__()
        self._title = title
        self._question = question
        self._choices = choices
        for key, answer, label in choices:
            self._bindings.bind(key, f"choose('{answer}')", label, show=True)

    def compose(self) -> ComposeResult:
        with Vertical() as box:
            box.border_title = self._title
            # File names are text, never markup; hidden characters in them are shown. The
            # question's own line breaks stay line breaks.
            yield Static(Text("\n").join(visible(line) for line in self._question.split("\n")))
            with Horizontal():
                for key, answer, label in self._choices:
                    shown = "Esc" if key == "escape" else key
                    yield Button(Content(f"{label} ({shown})"), id=f"choice-{answer}")

    def on_button_pressed(self, event: Button.Pressed) -> None:
        self.dismiss(str(event.button.id).removeprefix("choice-"))

    def action_choose(self, answer: str) -> None:
        self.dismiss(answer)


def confirm_quit() -> ChoiceScreen:
    return ChoiceScreen(
        "Unsaved changes",
        "The revision has changes that are not saved yet.\n"
        "(Your work is kept in the review journal either way.)",
        [
            ("s", "save", "Save and quit"),
            ("d", "quit", "Quit without saving"),
            ("escape", "cancel", "Cancel"),
        ],
    )


def offer_resume(name: str, actions: int) -> ChoiceScreen:
    return ChoiceScreen(
        "Resume?",
        f"You reviewed {name} before: {actions} action{'s' if actions != 1 else ''} "
        "(edits, reviewed marks, ignored flags) are in its journal.\n"
        "Resume where you left off?",
        [("r", "resume", "Resume"), ("n", "fresh", "Start fresh")],
    )


def confirm_save_anyway(message: str) -> ChoiceScreen:
    return ChoiceScreen(
        "Original changed",
        f"{message}.\nSave the revision anyway?",
        [("y", "save", "Save anyway"), ("escape", "cancel", "Cancel")],
    )


def offer_read_only(name: str, holder: str) -> ChoiceScreen:
    return ChoiceScreen(
        "In review elsewhere",
        f"{name} is being reviewed by {holder}.\n"
        "Two sessions on one file would spoil each other's work. You can look at it "
        "read-only (no changes, no saving) or quit.",
        [("r", "read", "Read-only"), ("q", "quit", "Quit")],
    )


def confirm_replace(path: str) -> ChoiceScreen:
    return ChoiceScreen(
        "Replace?",
        f"{path} exists.\nReplace it with the revision?",
        [("y", "replace", "Replace"), ("escape", "cancel", "Cancel")],
    )
