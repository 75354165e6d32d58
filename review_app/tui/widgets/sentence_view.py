"""The current sentence with its flagged spans highlighted, and its flags with suggestions.

In a bilingual file the unit's source sentence stands above the target, both behind a label
column so they start at the same column; inline tags show as their labels; the unit's id,
state and notes are shown too.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from rich.console import Console, Group
from rich.style import Style
from rich.text import Text
from textual.widget import Widget

from review_app.bilingual.model import Unit
from review_app.checking.flag import Flag, Severity
from review_app.review.session import Session
from review_app.tui.widgets.visible_text import hidden_note, tag_labels, visible, with_tags

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
SOURCE_STYLE = Style(color="#9ab8d8", italic=True)  # the source: readable, unlike the target
_SOURCE_LABEL = Style(color="#6f94bd", bold=True)
_TARGET_LABEL = Style(color="white", bold=True)
GLOSSARY_STYLE = Style(underline=True, color="#c9b26b")
GUTTER = 9  # "source │ ": the label column before source and target


# A sentence up to WHOLE characters is shown whole; a longer one (a line of megabytes with no
# sentence end) as CONTEXT characters either side of the selected flag, so a keypress builds
# a few thousand characters of Text, not megabytes.
WHOLE = 2_000
CONTEXT = 600
FLAGGED_CHARS = 200  # of a flag's span quoted in the flag list

SourceMarks = Callable[[int], Sequence[tuple[int, int]]]  # segment index -> spans in its source


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


def flag_text(
    number: int,
    flag: Flag,
    text: str,
    selected: bool,
    known: bool,
    *,
    numbered: bool = True,
    labels: dict[str, str] | None = None,
) -> Text:
    """One flag: marker, severity, message, rule and category; its suggestions below, with
    the numbers of their keys when `numbered` (a hint not chosen on purpose has none)."""
    out = Text()
    out.append("▶ " if selected else "  ", Style(bold=True) if selected else _DIM)
    out.append(f"{number}. ", _DIM)
    out.append(f"{flag.severity.label:<7} ", LABEL_STYLE[flag.severity])
    flagged = flag.flagged(text)
    if flagged:
        out.append("«", Style(bold=True))
        out.append_text(with_tags(_quoted(flagged), labels or {}))
        out.append("» ", Style(bold=True))
    out.append_text(visible(flag.message))
    out.append("\n     ")
    if flag.suggestions:
        out.append_text(_suggestions(flag.suggestions[:9], selected, numbered))
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


def _suggestions(suggestions: Sequence[str], selected: bool, numbered: bool) -> Text:
    """The suggestions with their keys (" 1  Lockerung   2  Lockierung"), or without key
    numbers ("maybe Kill · Till")."""
    shown = [visible(s) if s else Text("(delete)") for s in suggestions]
    if not numbered:
        out = Text("maybe ", _DIM).append_text(Text(" · ", _DIM).join(shown))
        out.stylize(_DIM)
        return out.append(" (tab chooses a hint)" if selected else "", _DIM)
    out = Text()
    for n, suggestion in enumerate(shown, start=1):
        out.append(f" {n} ", Style(reverse=True, bold=selected))
        out.append(" ")
        out.append_text(suggestion)
        out.append("  ")
    return out


def best_flag(flags: Sequence[Flag]) -> int:
    """The flag to select first: the most severe, the first of those by position."""
    if not flags:
        return 0
    worst = max(flag.severity for flag in flags)
    return next(i for i, flag in enumerate(flags) if flag.severity == worst)


def unit_title(unit: Unit) -> Text:
    """The unit for the title line: " · unit 12 · translated · context X"."""
    out = Text(" · unit ", _DIM)
    out.append_text(visible(unit.id[:60] + ("…" if len(unit.id) > 60 else "")))
    out.append(f" · {unit.raw_state or unit.state.value}"[:40], _DIM)
    if unit.context:
        out.append(" · ", _DIM)
        out.append_text(visible(unit.context[:40], _DIM))
    return out


def source_text(source: str, marks: Sequence[tuple[int, int]] = ()) -> Text:
    """The source sentence: its own style, glossary terms (`marks`, spans of `source`)
    underlined; a very long one cut after WHOLE characters."""
    shown = visible(source[:WHOLE], SOURCE_STYLE)
    for start, end in marks:
        if 0 <= start < end:
            shown.stylize(GLOSSARY_STYLE, start, min(end, WHOLE))
    return _with_markers(shown, 0, min(len(source), WHOLE), len(source))


def with_gutter(label: str, style: Style, lines: list[Text]) -> list[Text]:
    """`lines` behind a label column ("source │ "), the label on the first line only."""
    out = []
    for number, line in enumerate(lines):
        row = Text(f"{label if number == 0 else '':>6} │ ", style if number == 0 else _DIM)
        row.append_text(line)
        out.append(row)
    return out


def focus_line(lines: list[Text]) -> int:
    """The wrapped line holding the selected flag's span (reversed), else the first."""
    for number, line in enumerate(lines):
        if any(span.style == _SELECTED_SPAN for span in line.spans):
            return number
    return 0


def cut_lines(lines: list[Text], keep: int, room: int) -> list[Text]:
    """At most `room` of `lines`, around line `keep`, "⋯" where cut."""
    if len(lines) <= room:
        return lines
    if room <= 0:
        return []
    first = max(0, min(keep - room // 2, len(lines) - room))
    shown = lines[first : first + room]
    if first > 0:
        shown[0] = Text("⋯ ", _DIM).append_text(shown[0])
    if first + room < len(lines):
        shown[-1] = shown[-1].copy().append(" ⋯", _DIM)
    return shown


class SentenceView(Widget, can_focus=False):
    """Shows segment `index` of the session: (source,) text, original when edited, flags.

    A fixed-size widget that only repaints: showing another sentence never reflows the
    screen, which keeps a keypress cheap. The selected flag and its suggestions are always on
    screen: the flags scroll (a window that follows the selection), and when room is short
    the sentence is cut to the lines around the selected flag.
    """

    DEFAULT_CSS = """
    SentenceView { height: 1fr; padding: 0 1; overflow: hidden; }
    """

    def __init__(self, session: Session, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.session = session
        self.index = 0
        self.selected = 0
        self.on_purpose = False  # the user chose the selected flag (tab): a hint gets numbers
        self.loading = False  # the document is still being split: the count grows
        self.source_marks: SourceMarks | None = None  # e.g. glossary terms in the source
        self._first = 0  # the first flag shown: the flag list's scroll position
        self._hidden_note: tuple[str, Text | None] = ("", None)

    def show(self, index: int, selected: int, *, on_purpose: bool = False) -> None:
        if index != self.index:
            self._first = 0
        self.index = index
        self.selected = selected
        self.on_purpose = on_purpose
        self.refresh()

    def title(self, index: int, unit: Unit | None) -> Text:
        session = self.session
        more = "+" if self.loading else ""
        title = Text(f"Sentence {index + 1} of {len(session):,}{more}", Style(bold=True))
        if self.loading:
            title.append(" · loading…", Style(color="cyan"))
        if unit is not None:
            title.append_text(unit_title(unit))
        status = session.status(index)
        if status.reviewed:
            title.append("  ✓ reviewed", Style(color="green"))
        if status.edited:
            title.append("  ✎ edited", Style(color="magenta"))
        return title

    def render(self) -> Group:
        session, index = self.session, self.index
        if not len(session):
            return Group()
        console = self.app.console
        width = max(20, self.content_region.width)
        text = session.text(index)
        flags = session.flags(index)
        unit = session.document.segments[index].unit
        labels = tag_labels(unit.tags) if unit is not None else {}
        chosen = min(self.selected, len(flags) - 1) if flags else None
        rows = _FlagRows(self, text, flags, chosen, labels, console, width)

        target = with_tags(sentence_window(text, flags, chosen), labels)
        source: list[Text] = []
        if unit is None:
            target_lines = _wrap(target, console, width)
        else:
            marks = self.source_marks(index) if self.source_marks is not None else ()
            shown = with_tags(source_text(unit.source, marks), labels)
            source = with_gutter("source", _SOURCE_LABEL, _wrap(shown, console, width - GUTTER))
            target_lines = _wrap(target, console, width - GUTTER)
            target_lines = with_gutter("target", _TARGET_LABEL, target_lines)
        extras = self._extras(text, unit, flags, chosen, labels)
        extra_lines = [line for part in extras for line in _wrap(part, console, width)]

        # Room, in order of need: the title and flags header, the selected flag, the target
        # (around the selected flag), the source, the rest (hidden characters, original,
        # notes), a blank line, the other flags. The target leaves a little room for the
        # source and the rest when it must be cut.
        room = max(4, self.content_region.height) - 2 - rows.height(chosen)
        spare = min(len(source), 2) + min(len(extra_lines), 2)
        target_room = max(min(len(target_lines), 3), room - spare)
        target_room = min(target_room, room - min(len(source), 1))  # never past the flags
        target_lines = cut_lines(target_lines, focus_line(target_lines), max(1, target_room))
        room -= len(target_lines)
        source = cut_lines(source, 0, room - min(len(extra_lines), 2))
        room -= len(source)
        extra_lines = extra_lines[: max(0, room)]
        room -= len(extra_lines)
        blank = [Text("")] if room > 0 else []
        room -= len(blank)
        header, flag_lines = self._flags_block(rows, rows.height(chosen) + max(0, room))

        if unit is None:  # plain text: the sentence is one renderable (tests read it whole)
            body: list[Text] = [Text("\n").join(target_lines)]
        else:
            body = [*source, *target_lines]
        title = self.title(index, unit)
        return Group(title, *body, *extra_lines, *blank, header, *flag_lines)

    def _extras(
        self,
        text: str,
        unit: Unit | None,
        flags: list[Flag],
        chosen: int | None,
        labels: dict[str, str],
    ) -> list[Text]:
        parts: list[Text] = []
        hidden = self._hidden(text)
        if hidden is not None:
            parts.append(hidden)
        if self.session.is_edited(self.index):
            around = flags[chosen].start if chosen is not None else 0
            original = original_text(self.session.original(self.index), around)
            parts.append(with_tags(original, labels))
        if unit is not None:
            for note in unit.notes[:3]:
                parts.append(Text("note: ", _DIM).append_text(visible(note[:500], _DIM)))
            if len(unit.notes) > 3:
                parts.append(Text(f"(and {len(unit.notes) - 3} more notes)", _DIM))
        return parts

    def _hidden(self, text: str) -> Text | None:
        """`hidden_note(text)`, computed once per text: it scans the whole text."""
        if self._hidden_note[0] != text:  # the same str object: compared by identity first
            self._hidden_note = (text, hidden_note(text))
        return self._hidden_note[1]

    def _flags_block(self, rows: _FlagRows, room: int) -> tuple[Text, list[Text]]:
        """The header and the flags that fit in `room` lines, the selected one always among
        them: the window starts where it did (it scrolls only as far as the selection needs)."""
        session, index, flags, chosen = self.session, self.index, rows.flags, rows.chosen
        if not session.is_checked(index):
            return Text("checking…", _DIM), []
        stale = " (re-checking…)" if session.is_stale(index) else ""
        if chosen is None:
            return Text(f"No open flags.{stale}", _DIM), []
        first = min(self._first, chosen)
        used = sum(rows.height(n) for n in range(first, chosen + 1))
        while first < chosen and used > room:
            used -= rows.height(first)
            first += 1
        last = chosen + 1
        while last < len(flags) and used + rows.height(last) <= room:
            used += rows.height(last)
            last += 1
        while first > 0 and used + rows.height(first - 1) <= room:  # room left: earlier ones
            first -= 1
            used += rows.height(first)
        self._first = first
        header = Text(f"{len(flags)} open flag{'s' if len(flags) != 1 else ''}{stale}", _DIM)
        scrolled = [f"↑ {first:,} above"] if first else []
        scrolled += [f"↓ {len(flags) - last:,} below"] if last < len(flags) else []
        if scrolled:
            header.append("  " + " · ".join(scrolled), _DIM)
        return header, [line for n in range(first, last) for line in rows.lines(n)]


class _FlagRows:
    """The flags of one render as wrapped lines, made only for the flags that are shown (a
    sentence of megabytes has tens of thousands)."""

    def __init__(
        self,
        view: SentenceView,
        text: str,
        flags: list[Flag],
        chosen: int | None,
        labels: dict[str, str],
        console: Console,
        width: int,
    ) -> None:
        self.view, self.text, self.flags, self.chosen = view, text, flags, chosen
        self.labels, self.console, self.width = labels, console, width
        self._lines: dict[int, list[Text]] = {}

    def lines(self, number: int) -> list[Text]:
        if number not in self._lines:
            flag = self.flags[number]
            selected = number == self.chosen
            # A hint's suggestions get key numbers only when the user chose it (tab).
            numbered = flag.severity != Severity.HINT or (selected and self.view.on_purpose)
            known = self.view.session.suggestions_known(self.view.index, flag)
            row = flag_text(
                number + 1, flag, self.text, selected, known, numbered=numbered, labels=self.labels
            )
            self._lines[number] = _wrap(row, self.console, self.width)
        return self._lines[number]

    def height(self, number: int | None) -> int:
        return 0 if number is None else len(self.lines(number))


def _wrap(text: Text, console: Console, width: int) -> list[Text]:
    """`text` as the lines it takes at `width` cells."""
    return list(text.wrap(console, max(1, width)))
