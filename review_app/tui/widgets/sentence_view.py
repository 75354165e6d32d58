"""The current sentence with its flagged spans highlighted, and its flags with suggestions."""

from __future__ import annotations

from rich.console import Group
from rich.style import Style
from rich.text import Text
from textual.widget import Widget

from review_app.checking.flag import Flag, Severity
from review_app.review.session import Session
from review_app.tui.widgets.visible_text import hidden_note, visible

SPAN_STYLE = {
    Severity.ERROR: Style(color="red", underline=True, bold=True),
    Severity.WARNING: Style(color="yellow", underline=True),
    Severity.HINT: Style(color="cyan", underline=True),
}
LABEL_STYLE = {
    Severity.ERROR: Style(color="red", bold=True),
    Severity.WARNING: Style(color="yellow", bold=True),
    Severity.HINT: Style(color="cyan", bold=True),
}
_SELECTED_SPAN = Style(reverse=True)
_DIM = Style(dim=True)


def sentence_text(text: str, flags: list[Flag], selected: int | None) -> Text:
    """The sentence with each flag's span styled by severity; the selected one reversed.
    Hidden characters show as symbols, one for one, so the spans stay exact."""
    out = visible(text)
    for flag in sorted(flags, key=lambda f: f.severity):
        out.stylize(SPAN_STYLE[flag.severity], flag.start, max(flag.end, flag.start + 1))
    if selected is not None and selected < len(flags):
        flag = flags[selected]
        out.stylize(_SELECTED_SPAN, flag.start, max(flag.end, flag.start + 1))
    return out


def flag_text(number: int, flag: Flag, text: str, selected: bool, known: bool) -> Text:
    """One flag: marker, severity, message, rule and category; numbered suggestions below."""
    out = Text()
    out.append("▶ " if selected else "  ", Style(bold=True) if selected else _DIM)
    out.append(f"{number}. ", _DIM)
    out.append(f"{flag.severity.label:<7} ", LABEL_STYLE[flag.severity])
    flagged = flag.flagged(text)
    if flagged:
        out.append("«", Style(bold=True))
        out.append_text(visible(flagged, Style(bold=True)))
        out.append("» ", Style(bold=True))
    out.append_text(visible(flag.message))
    out.append("\n     ")
    if flag.suggestions:
        for n, suggestion in enumerate(flag.suggestions[:9], start=1):
            out.append(f" {n} ", Style(reverse=True, bold=selected))
            out.append(" ")
            out.append_text(visible(suggestion) if suggestion else Text("(delete)"))
            out.append("  ")
        if not known:
            out.append("…", _DIM)
    elif known:
        out.append("no suggestions", _DIM)
    else:
        out.append("looking up suggestions…", _DIM)
    # On the suggestions line, which has room, so the message line rarely wraps.
    out.append("   [", _DIM)
    out.append_text(visible(f"{flag.rule_id} · {flag.category}", _DIM))
    out.append("]", _DIM)
    if selected:
        out.stylize(Style(bgcolor="grey23"))
    return out


class SentenceView(Widget, can_focus=False):
    """Shows segment `index` of the session: text, original (when edited), flags.

    A fixed-size widget that only repaints: showing another sentence never reflows the
    screen, which keeps a keypress cheap. When the flags do not fit, the ones from just before
    the selected flag are shown.
    """

    DEFAULT_CSS = """
    SentenceView { height: 1fr; padding: 0 1; overflow: hidden; }
    """

    def __init__(self, session: Session, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.session = session
        self.index = 0
        self.selected = 0

    def show(self, index: int, selected: int) -> None:
        self.index = index
        self.selected = selected
        self.refresh()

    def render(self) -> Group:
        session, index, selected = self.session, self.index, self.selected
        if not len(session):
            return Group()
        text = session.text(index)
        flags = session.flags(index)
        status = session.status(index)
        title = Text(f"Sentence {index + 1} of {len(session):,}", Style(bold=True))
        if status.reviewed:
            title.append("  ✓ reviewed", Style(color="green"))
        if status.edited:
            title.append("  ✎ edited", Style(color="magenta"))
        parts: list[Text | Group] = [title, sentence_text(text, flags, selected if flags else None)]
        hidden = hidden_note(text)
        if hidden is not None:
            parts.append(hidden)
        if status.edited:
            original = visible(session.original(index), _DIM)
            parts.append(Text("original: ", _DIM).append_text(original))
        parts.append(Text(""))
        parts.append(self._flags_block(index, text, flags, selected))
        return Group(*parts)

    def _flags_block(self, index: int, text: str, flags: list[Flag], selected: int) -> Text | Group:
        if not self.session.is_checked(index):
            return Text("checking…", _DIM)
        stale = " (re-checking…)" if self.session.is_stale(index) else ""
        if not flags:
            return Text(f"No open flags.{stale}", _DIM)
        header = Text(f"{len(flags)} open flag{'s' if len(flags) != 1 else ''}{stale}", _DIM)
        first = max(0, selected - 2) if selected > 3 else 0
        if first:
            header.append(f"  (↑ {first} more)", _DIM)
        rows = [
            flag_text(n, flag, text, n - 1 == selected, self.session.suggestions_known(index, flag))
            for n, flag in enumerate(flags[first:], start=first + 1)
        ]
        return Group(header, *rows)
