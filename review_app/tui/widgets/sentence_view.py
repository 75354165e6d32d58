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


# A sentence up to WHOLE characters is shown whole; a longer one (a line of megabytes with no
# sentence end) as CONTEXT characters either side of the selected flag, so a keypress builds
# a few thousand characters of Text, not megabytes.
WHOLE = 2_000
CONTEXT = 600
FLAGGED_CHARS = 200  # of a flag's span quoted in the flag list
ROWS = 12  # flags drawn at most: more never fit on a screen


def text_window(length: int, focus: tuple[int, int] | None) -> tuple[int, int]:
    """The part `[start, end)` of a text of `length` characters to show: all of a short one,
    else CONTEXT characters either side of `focus` (a span; the start when there is none)."""
    if length <= WHOLE:
        return 0, length
    begin, finish = focus if focus is not None else (0, 0)
    begin = max(0, min(begin, length))
    finish = min(max(finish, begin + 1), begin + WHOLE - 2 * CONTEXT)  # a huge span: its start
    start = max(0, begin - CONTEXT)
    end = min(length, finish + CONTEXT)
    # as many characters as in the middle of the text, at its very start or end
    if start == 0:
        end = min(length, max(end, 2 * CONTEXT + (finish - begin)))
    elif end == length:
        start = max(0, min(start, length - 2 * CONTEXT - (finish - begin)))
    return start, end


def _with_markers(shown: Text, start: int, end: int, length: int) -> Text:
    """`shown` (characters `[start, end)` of a text) with "… (N characters before)" and
    "(N characters after) …" where it is cut."""
    if start == 0 and end == length:
        return shown
    out = Text(f"… ({start:,} characters before) ", _DIM) if start else Text()
    out.append_text(shown)
    if end < length:
        out.append(f" ({length - end:,} characters after) …", _DIM)
    return out


def sentence_text(text: str, flags: list[Flag], selected: int | None) -> Text:
    """The sentence with each flag's span styled by severity; the selected one reversed.
    Hidden characters show as symbols, one for one, so the spans stay exact."""
    return _styled(text, flags, selected, 0, len(text))


def sentence_window(text: str, flags: list[Flag], selected: int | None) -> Text:
    """`sentence_text`, of a long sentence only the part around the selected flag
    (`text_window`), with "… (N characters before)" and "(N characters after) …" markers."""
    chosen = flags[selected] if selected is not None and selected < len(flags) else None
    start, end = text_window(len(text), (chosen.start, chosen.end) if chosen else None)
    return _with_markers(_styled(text, flags, selected, start, end), start, end, len(text))


def _styled(text: str, flags: list[Flag], selected: int | None, start: int, end: int) -> Text:
    """Characters `[start, end)` of the sentence, flag spans styled, offsets exact."""
    out = visible(text[start:end])
    shown = [f for f in flags if f.start < end and max(f.end, f.start + 1) > start]
    for flag in sorted(shown, key=lambda f: f.severity):
        _stylize(out, SPAN_STYLE[flag.severity], flag, start, end)
    if selected is not None and selected < len(flags):
        _stylize(out, _SELECTED_SPAN, flags[selected], start, end)
    return out


def _stylize(out: Text, style: Style, flag: Flag, start: int, end: int) -> None:
    """Style `flag`'s span (an empty one as one cell) in `out`, which holds `[start, end)`."""
    begin, finish = flag.start, max(flag.end, flag.start + 1)
    if begin < end and finish > start:
        out.stylize(style, max(begin, start) - start, min(finish, end) - start)


def original_text(original: str, around: int) -> Text:
    """The "original:" line: the original sentence, or for a long one the part around the
    offset `around` (its window in the edited text)."""
    start, end = text_window(len(original), (around, around))
    shown = visible(original[start:end], _DIM)
    return Text("original: ", _DIM).append_text(_with_markers(shown, start, end, len(original)))


def _quoted(flagged: str) -> Text:
    """A flag's span for the flag list, long ones cut."""
    if len(flagged) <= FLAGGED_CHARS:
        return visible(flagged, Style(bold=True))
    out = visible(flagged[:FLAGGED_CHARS], Style(bold=True))
    out.append(f"… ({len(flagged) - FLAGGED_CHARS:,} more characters)", _DIM)
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
        out.append_text(_quoted(flagged))
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
        self._hidden_note: tuple[str, Text | None] = ("", None)

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
        chosen = min(selected, len(flags) - 1) if flags else None
        parts: list[Text | Group] = [title, sentence_window(text, flags, chosen)]
        hidden = self._hidden(text)
        if hidden is not None:
            parts.append(hidden)
        if status.edited:
            around = flags[chosen].start if chosen is not None else 0
            parts.append(original_text(session.original(index), around))
        parts.append(Text(""))
        parts.append(self._flags_block(index, text, flags, selected))
        return Group(*parts)

    def _hidden(self, text: str) -> Text | None:
        """`hidden_note(text)`, computed once per text: it scans the whole text."""
        if self._hidden_note[0] != text:  # the same str object: compared by identity first
            self._hidden_note = (text, hidden_note(text))
        return self._hidden_note[1]

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
            for n, flag in enumerate(flags[first : first + ROWS], start=first + 1)
        ]
        if len(flags) > first + ROWS:
            rows.append(Text(f"  (↓ {len(flags) - first - ROWS:,} more)", _DIM))
        return Group(header, *rows)
