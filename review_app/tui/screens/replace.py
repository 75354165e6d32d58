"""Find and replace across the document: find, replace, case and whole-word toggles, a preview
of the matches (counted off the UI thread), and Enter to replace them all as one step."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from itertools import islice
from typing import ClassVar

from rich.style import Style
from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Checkbox, Input, Label, Static
from textual.worker import get_current_worker

from review_app.tui.find import Match, find_in, find_pattern
from review_app.tui.screens.prompt import VisibleInput
from review_app.tui.widgets.visible_text import visible, with_tags

SHOWN = 5  # matches shown in the preview
CONTEXT = 30  # characters of context either side of a shown match
COUNT_LIMIT = 100_000  # matches counted at most ("100,000+")
_OLD = Style(color="red", strike=True)
_NEW = Style(color="green", bold=True)
_DIM = Style(dim=True)


@dataclass(frozen=True)
class Replace:
    """What the user asked for: replace `find` (plain text) with `replacement`."""

    find: str
    replacement: str
    case_sensitive: bool = False
    whole_word: bool = False


@dataclass(frozen=True)
class Preview:
    count: int  # matches (at most COUNT_LIMIT)
    sentences: int  # sentences with a match
    first: tuple[Match, ...]  # the first SHOWN matches


def preview(texts: Sequence[str], ask: Replace, cancelled: Callable[[], bool]) -> Preview | None:
    """Count the matches of `ask` in `texts`; None when cancelled (the user typed on)."""
    pattern = find_pattern(ask.find, case_sensitive=ask.case_sensitive, whole_word=ask.whole_word)
    count, sentences, last, first = 0, 0, -1, []
    for match in islice(find_in(texts, pattern), COUNT_LIMIT):
        if count % 1000 == 0 and cancelled():
            return None
        count += 1
        if match.index != last:
            sentences, last = sentences + 1, match.index
        if len(first) < SHOWN:
            first.append(match)
    return Preview(count, sentences, tuple(first))


def match_line(
    text: str, match: Match, replacement: str, labels: dict[str, str] | None = None
) -> Text:
    """One match for the preview: the sentence number, then the match in its context, struck
    through, with the replacement after it."""
    start, end = max(0, match.start - CONTEXT), min(len(text), match.end + CONTEXT)
    out = Text(f"{match.index + 1:>6}  ", _DIM)
    shown = Text("…" if start else "", _DIM)
    shown.append_text(visible(text[start : match.start]))
    shown.append_text(visible(text[match.start : match.end], _OLD))
    shown.append_text(visible(replacement, _NEW) if replacement else Text("", _NEW))
    shown.append_text(visible(text[match.end : end]))
    shown.append("…" if end < len(text) else "", _DIM)
    return out.append_text(with_tags(shown, labels or {}))


class ReplaceScreen(ModalScreen[Replace | None]):
    """Dismissed with the `Replace` asked for (Enter), or None (Escape)."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Cancel", show=True),
        Binding("alt+c", "toggle('case')", "Case-sensitive", show=False),
        Binding("alt+w", "toggle('word')", "Whole words", show=False),
    ]
    DEFAULT_CSS = """
    ReplaceScreen { align: center middle; }
    ReplaceScreen > Vertical {
        width: 90%; max-width: 110; height: auto; max-height: 90%;
        border: round $accent; padding: 0 1; background: $surface;
    }
    ReplaceScreen Horizontal { height: auto; }
    ReplaceScreen Checkbox { margin-right: 2; }
    ReplaceScreen #preview { height: auto; min-height: 3; margin-top: 1; }
    """

    def __init__(
        self,
        texts: Sequence[str],
        labels: Callable[[int], dict[str, str]] | None = None,
        last: Replace | None = None,
    ) -> None:
        """`texts`: the sentences as they are now; `labels(index)`: its inline tags' labels."""
        super().__init__()
        self.texts = texts
        self.labels = labels
        self.last = last or Replace("", "")
        self.result: Preview | None = None  # the preview on screen, None while counting

    def compose(self) -> ComposeResult:
        with Vertical() as box:
            box.border_title = "Find and replace in every sentence"
            box.border_subtitle = "Enter replaces all (u undoes) · Escape cancels"
            yield Label("Find (plain text):", markup=False)
            yield VisibleInput(value=self.last.find, id="find", select_on_focus=True)
            yield Label("Replace with:", markup=False)
            yield VisibleInput(value=self.last.replacement, id="replacement")
            with Horizontal():
                yield Checkbox("Case-sensitive (alt+c)", self.last.case_sensitive, id="case")
                yield Checkbox("Whole words (alt+w)", self.last.whole_word, id="word")
            yield Static(Text("Type the text to find.", _DIM), id="preview")

    def on_mount(self) -> None:
        self.query_one("#find", Input).focus()
        self._update()

    @property
    def asked(self) -> Replace:
        return Replace(
            self.query_one("#find", Input).value,
            self.query_one("#replacement", Input).value,
            self.query_one("#case", Checkbox).value,
            self.query_one("#word", Checkbox).value,
        )

    def on_input_changed(self, event: Input.Changed) -> None:
        self._update()

    def on_checkbox_changed(self, event: Checkbox.Changed) -> None:
        self._update()

    def action_toggle(self, which: str) -> None:
        box = self.query_one(f"#{which}", Checkbox)
        box.value = not box.value

    def _update(self) -> None:
        self.result = None
        asked = self.asked
        if not asked.find:
            self.query_one("#preview", Static).update(Text("Type the text to find.", _DIM))
            return
        self._count(asked)

    @work(thread=True, exclusive=True, group="replace-preview")
    def _count(self, asked: Replace) -> None:
        worker = get_current_worker()
        found = preview(self.texts, asked, lambda: worker.is_cancelled)
        if found is not None and not worker.is_cancelled:
            self.app.call_from_thread(self._show, asked, found)

    def _show(self, asked: Replace, found: Preview) -> None:
        if asked != self.asked:
            return  # typed on meanwhile: a newer count comes
        self.result = found
        self.query_one("#preview", Static).update(self.preview_text(asked, found))

    def preview_text(self, asked: Replace, found: Preview) -> Text:
        if not found.count:
            return Text("No match.", Style(color="yellow"))
        more = "+" if found.count >= COUNT_LIMIT else ""
        plural = "es" if found.count != 1 else ""
        out = Text(f"{found.count:,}{more} match{plural} in {found.sentences:,} sentence")
        out.append("s" if found.sentences != 1 else "")
        out.append(":" if found.first else "")
        for match in found.first:
            labels = self.labels(match.index) if self.labels is not None else None
            out.append("\n")
            out.append_text(match_line(self.texts[match.index], match, asked.replacement, labels))
        if found.count > len(found.first):
            out.append(f"\n        … and {found.count - len(found.first):,} more", _DIM)
        return out

    def on_input_submitted(self, event: Input.Submitted) -> None:
        asked = self.asked
        if asked.find:
            self.dismiss(asked)

    def action_cancel(self) -> None:
        self.dismiss(None)
