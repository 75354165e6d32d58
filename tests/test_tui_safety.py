"""The review TUI against hostile input and faults (issue 8).

- Control, bidi and zero-width characters in the file never reach the terminal raw: every
  widget draws them as visible symbols (one for one, so flag spans stay exact), the sentence
  view names them, the editor keeps them, the saved file has them unchanged.
- Textual markup from outside (file names, searches, rule ids, checker messages, notices) is
  shown literally and never runs an action.
- An unexpected error ends the app with the terminal restored, one line on stderr, the
  traceback in a crash log and the journal intact; SIGTERM and SIGHUP end it the same clean way.

"What reaches the terminal" is what the widgets render: `Widget.render_lines` gives the strips
Textual writes out. The crash and signal tests run the real program under a pseudo-terminal and
read the bytes it wrote.
"""

from __future__ import annotations

import asyncio
import fcntl
import os
import pty
import re
import select
import signal
import struct
import subprocess
import sys
import termios
import time
from collections.abc import Sequence
from pathlib import Path

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st
from textual import events
from textual.geometry import Region

from review_app.checking import CheckerInfo, Flag, Severity
from review_app.commands.review import crash_summary
from review_app.document.visible import HIDDEN, is_hidden
from review_app.errors import InputError
from review_app.review.journal import sidecar_path
from review_app.review.opening import Review
from review_app.tui.app import ReviewApp
from review_app.tui.screens.confirm import ChoiceScreen
from review_app.tui.screens.document_diff import DocumentDiffScreen
from review_app.tui.screens.prompt import SearchScreen
from review_app.tui.widgets.sentence_editor import SentenceEditor
from tests.pilot import pilot_test, wait_for

ROOT = Path(__file__).resolve().parents[1]
SIZE = (110, 34)
MARKUP = "[@click=app.quit]x[/] [b]fett[/b] [/]"
HOSTILE = (
    "Titel \x1b]0;PWNED\x07 mit \x1b[2J einem Fehlre.\n"
    "Zweite\x0bZeile mit \u202eFehlre\u202c und\u200bmehr.\n"
    "Dritte\x0cdrei \x85 vier \u2028 fünf \x9b31m sechs \x08\x7f Ende.\n"
)


@pytest.fixture(autouse=True)
def folders(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("REVIEW_APP_CONFIG_DIR", str(tmp_path / "config"))
    monkeypatch.setenv("REVIEW_APP_LOG_DIR", str(tmp_path / "log"))
    return tmp_path


class HostileChecker:
    """A checker (the external protocol) whose answers are hostile, as a LanguageTool server's
    may be: controls and markup in messages, rule ids, categories and suggestions. It flags
    "Fehlre" and the first escape character."""

    info = CheckerInfo("hostile", "hostile checker [b]x[/b] \x1b]0;T\x07", "h1")

    def prepare(self, texts: Sequence[str]) -> None:
        pass

    def _flags(self, text: str) -> list[Flag]:
        flags = []
        for match in re.finditer("Fehlre", text):
            flags.append(
                Flag(
                    match.start(),
                    match.end(),
                    f"Tippfehler \x1b[31m{MARKUP}\x07",
                    "RULE[/]\x1b]52;c;SGVsbG8=\x07",
                    "[i]TYPOS",
                    Severity.ERROR,
                    ("Fehler", "\x07Feh[/]ler\u202e"),
                    word="Fehlre",
                )
            )
        escape = text.find("\x1b")
        if escape >= 0:
            flags.append(Flag(escape, escape + 4, MARKUP, "ESC", "CONTROL", Severity.WARNING))
        return flags

    def check(self, texts: Sequence[str], *, suggest: bool = True) -> list[list[Flag]]:
        return [self._flags(text) for text in texts]

    def suggest(self, text: str, flag: Flag) -> tuple[str, ...]:
        return ()

    def close(self) -> None:
        pass


def make_app(tmp_path: Path, text: str = HOSTILE, name: str = "article.txt", checker=None):
    path = tmp_path / name
    if not path.exists():
        path.write_bytes(text.encode("utf-8"))
    return ReviewApp(Review.open(path), checker or HostileChecker, resume=False)


async def ready(pilot) -> ReviewApp:
    app = pilot.app
    await wait_for(pilot, lambda: app.checking_done)
    return app


def screen_lines(app) -> list[str]:
    """The text of every line every widget on the screen draws (toasts included)."""
    lines: list[str] = []
    for widget in app.screen.query("*"):
        width, height = widget.size
        if widget.display and width and height:
            lines += [strip.text for strip in widget.render_lines(Region(0, 0, width, height))]
    return lines


def assert_clean(app) -> str:
    """The screen's text, after checking that no hidden character is in it; white space runs
    as one space (so a wrapped line reads as one)."""
    text = "\n".join(screen_lines(app))
    raw = sorted({f"U+{ord(c):04X}" for c in text if is_hidden(c) and c != "\n"})
    assert not raw, f"raw hidden characters on screen: {raw}"
    return " ".join(text.split())


def toasts(app) -> list[str]:
    return [str(toast.render()) for toast in app.screen.query("Toast")]


# ----- hidden characters are shown, never sent -------------------------------------------------


def test_the_hidden_pattern_is_exactly_is_hidden() -> None:
    mismatched = [
        code
        for code in range(sys.maxunicode + 1)
        if (HIDDEN.match(chr(code)) is not None) != is_hidden(chr(code))
    ]
    assert mismatched == []


@pilot_test
async def test_no_hidden_character_reaches_the_terminal_and_the_file_keeps_them(tmp_path) -> None:
    app = make_app(tmp_path)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await ready(pilot)
        shown = assert_clean(app)
        assert "Titel ␛]0;PWNED␇ mit ␛[2J einem Fehlre." in shown  # list and view
        assert "«Fehlre» Tippfehler ␛[31m" + MARKUP + "␇" in shown  # flag, message literal
        assert "RULE[/]␛]52;c;SGVsbG8=␇ · [i]TYPOS" in shown  # rule id and category
        assert "hidden characters: U+001B ESCAPE at 7, U+0007 BELL at 16" in shown
        assert "│ no changes │ hostile n Flagged" in shown  # the status bar: its short name
        await pilot.press("question_mark")
        helped = assert_clean(app)
        assert "Checker: hostile checker [b]x[/b] ␛]0;T␇" in helped  # in full in the help
        await pilot.press("escape")

        await pilot.press("j")
        await wait_for(pilot, lambda: app.current == 1)
        shown = assert_clean(app)
        assert "Zweite␋Zeile mit ⇄Fehlre⇄ und◇mehr." in shown
        assert (
            "hidden characters: U+000B VERTICAL TAB at 7, U+202E RIGHT-TO-LEFT OVERRIDE at 18,"
            " U+202C POP DIRECTIONAL FORMATTING at 25, U+200B ZERO WIDTH SPACE at 30" in shown
        )
        await pilot.press("2")  # the second suggestion: "\x07Feh[/]ler\u202e"
        await pilot.press("d")  # the sentence diff
        shown = assert_clean(app)
        assert "original: Zweite␋Zeile mit ⇄Fehlre⇄ und◇mehr." in shown
        assert "␇Feh[/]ler⇄" in shown

        await pilot.press("j", "j")
        shown = assert_clean(app)
        assert "Dritte␌drei � vier ⏎ fünf �31m sechs ␈␡ Ende." in shown

        await pilot.press("D")
        await wait_for(pilot, lambda: isinstance(app.screen, DocumentDiffScreen))
        await wait_for(pilot, lambda: app.screen.ready)
        shown = assert_clean(app)
        assert "␇Feh[/]ler⇄" in shown
        await pilot.press("escape")

        await pilot.press("w")
        await pilot.pause()
    expected = HOSTILE.replace("Fehlre\u202c", "\x07Feh[/]ler\u202e\u202c")
    assert (tmp_path / "article.revised.txt").read_bytes() == expected.encode("utf-8")


def test_flag_spans_stay_exact_after_hidden_characters() -> None:
    from review_app.tui.widgets.sentence_view import SPAN_STYLE, sentence_text

    text = "a\x07\x08\x0b\x0c\x1b\u202e\u200b Fehlre und"
    flag = Flag(text.index("Fehlre"), text.index("Fehlre") + 6, "m", "R", "C", Severity.ERROR)
    out = sentence_text(text, [flag], None)
    assert len(out.plain) == len(text)  # Rich's Text alone drops BEL, BS, VT and FF
    styled = [s for s in out.spans if s.style == SPAN_STYLE[Severity.ERROR]]
    assert [out.plain[s.start : s.end] for s in styled] == ["Fehlre"]


@pilot_test
async def test_the_editor_shows_hidden_characters_and_keeps_them(tmp_path) -> None:
    app = make_app(tmp_path)
    original = app.session.text(1)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await ready(pilot)
        await pilot.press("j", "e")
        editor = app.query_one(SentenceEditor)
        assert editor.text == "Zweite␋Zeile mit ⇄Fehlre⇄ und◇mehr."
        assert_clean(app)
        await pilot.press("escape")  # no change: nothing happens
        assert app.session.text(1) == original and not app.session.done_actions

        await pilot.press("e", "space", "N", "e", "u")  # typed at the end
        app.post_message(events.Paste("X\x1b[2J\u200bY"))  # pasted: hidden ones left out
        await pilot.pause()
        assert editor.text.endswith(" NeuX[2JY")
        assert any("left out: U+001B ESCAPE, U+200B ZERO WIDTH SPACE" in t for t in toasts(app))
        await pilot.press("escape")
        assert app.session.text(1) == original + " NeuX[2JY"

        await pilot.press("e")
        editor.move_cursor((0, len("Zweite␋Zeile mit ")))
        await pilot.press("delete")  # the first ⇄: the override, not the pop after "Fehlre"
        await pilot.press("escape")
        assert app.session.text(1) == original.replace("\u202e", "") + " NeuX[2JY"
        await pilot.press("w")
        await pilot.pause()
    saved = (tmp_path / "article.revised.txt").read_text(encoding="utf-8")
    first, _, third, end = HOSTILE.split("\n")
    second = "Zweite\x0bZeile mit Fehlre\u202c und\u200bmehr. NeuX[2JY"
    assert saved == "\n".join([first, second, third, end])


@given(
    original=st.text(st.sampled_from("ab \x1b\x07\u202e\u202c\u200b\u200c\x85\t"), max_size=30),
    data=st.data(),
)
@settings(max_examples=300)
def test_one_edit_in_the_editor_maps_back_exactly(original: str, data) -> None:
    from review_app.tui.widgets.sentence_editor import editor_text, real_text

    shown = editor_text(original)
    assert len(shown) == len(original) and real_text(original, shown, shown) == original
    start = data.draw(st.integers(0, len(original)))
    end = data.draw(st.integers(start, len(original)))
    typed = data.draw(st.text(st.sampled_from("abxy "), max_size=5))
    edited = shown[:start] + typed + shown[end:]
    result = real_text(original, shown, edited)
    assert editor_text(result) == edited
    # Where one symbol stands for two different characters (⇄ for U+202E and U+202C), which
    # of them an edit took can be ambiguous from the texts alone; the editor itself tracks its
    # edits and falls back on this only after its own undo.
    meanings: dict[str, set[str]] = {}
    for char, symbol in zip(original, shown, strict=True):
        meanings.setdefault(symbol, set()).add(char)
    if all(len(chars) == 1 for chars in meanings.values()):
        assert result == original[:start] + typed + original[end:]


@pilot_test
async def test_search_matches_what_is_shown(tmp_path) -> None:
    app = make_app(tmp_path)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await ready(pilot)
        await pilot.press("slash")
        await wait_for(pilot, lambda: isinstance(app.screen, SearchScreen))
        app.post_message(events.Paste("mit \u202eFehl"))  # pasted: shown as "mit ⇄Fehl"
        await pilot.pause()
        assert_clean(app)
        await pilot.press("enter")
        await wait_for(pilot, lambda: app.current == 1)


# ----- markup from outside is text -------------------------------------------------------------


@pilot_test
async def test_markup_in_a_search_is_literal(tmp_path) -> None:
    app = make_app(tmp_path)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await ready(pilot)
        for search in ("[/]", "[@click=app.quit]x[/]", "[b]"):
            app.clear_notifications()
            await pilot.press("slash")
            await wait_for(pilot, lambda: isinstance(app.screen, SearchScreen))
            await pilot.press(*search, "enter")  # the last search is selected: replaced
            await wait_for(pilot, lambda: bool(toasts(app)))
            assert toasts(app) == [f"“{search}” not found"]
        assert app.is_running and app.return_code is None


@pilot_test
async def test_rule_ids_and_messages_never_run_an_action(tmp_path) -> None:
    app = make_app(tmp_path)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await ready(pilot)
        assert MARKUP in assert_clean(app)  # the message, as text
        await pilot.press("tab", "I")  # ignore the rule of the escape flag: "ESC"
        await pilot.press("shift+tab", "I")  # and of the spelling flag
        await wait_for(pilot, lambda: len(toasts(app)) == 2)
        assert "Ignoring RULE[/]␛]52;c;SGVsbG8=␇ in this document" in toasts(app)
        app.notify(MARKUP)  # and a notice from anywhere: literal unless asked otherwise
        await wait_for(pilot, lambda: len(toasts(app)) == 3)
        assert MARKUP in toasts(app)
        for toast in app.screen.query("Toast"):
            await pilot.click(toast)  # a click on a toast runs no action in it
        await pilot.pause()
        assert app.is_running and app.return_code is None


@pilot_test
async def test_a_file_name_with_brackets_shows_as_it_is(tmp_path) -> None:
    name = "Bericht [final] \x1b]0;x\x07.txt"
    app = make_app(tmp_path, "Erste Zeile mit Fehlre.\n", name=name)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await ready(pilot)
        await pilot.press("1", "w")  # an edit, then save: "Saved …/Bericht [final] ….txt"
        await wait_for(pilot, lambda: any(t.startswith("Saved ") for t in toasts(app)))
        saved = next(t for t in toasts(app) if t.startswith("Saved "))
        assert saved.endswith("Bericht [final] ␛]0;x␇.revised.txt")
        await pilot.press("D")
        await wait_for(pilot, lambda: isinstance(app.screen, DocumentDiffScreen))
        assert "Document diff — Bericht [final] ␛]0;x␇.txt" in assert_clean(app)
    again = ReviewApp(Review.open(tmp_path / name), HostileChecker)  # asks to resume
    async with again.run_test(size=SIZE, notifications=True) as pilot:
        await wait_for(pilot, lambda: isinstance(again.screen, ChoiceScreen))
        screen = assert_clean(again)
        assert "You reviewed Bericht [final] ␛]0;x␇.txt before" in screen
        assert "␊" not in screen  # the question's own line breaks are line breaks


# ----- an unexpected error: one line, the details in a file, the journal kept ----------------


@pilot_test
async def test_a_checker_that_crashes_leaves_a_log_and_the_review_goes_on(tmp_path) -> None:
    class BrokenChecker(HostileChecker):
        def check(self, texts, *, suggest=True):
            raise ZeroDivisionError("checker bug")

    app = make_app(tmp_path, checker=BrokenChecker)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await wait_for(pilot, lambda: app.checker_label == "checker stopped")
        await wait_for(pilot, lambda: bool(toasts(app)))
        notice = toasts(app)[0]
        assert notice.startswith("The checker stopped: checker bug (details in ")
        log = Path(notice.split("(details in ")[1].split(")")[0])
        assert "ZeroDivisionError: checker bug" in log.read_text(encoding="utf-8")
        await pilot.press("space")  # work goes on
        assert app.session.is_reviewed(0)


def test_the_crash_line_names_the_last_exception() -> None:
    report = "╭─ Traceback ─╮\n│ x │\n╰─────╯\nValueError: bad\nsecond line\n"
    assert crash_summary(report) == "ValueError: bad"
    assert crash_summary("") == "the review screen stopped"


_RUNNING: list[subprocess.Popen] = []


@pytest.fixture(autouse=True)
def _no_app_left_running():
    """Whatever a test asserted, no app it started outlives it."""
    yield
    while _RUNNING:
        process = _RUNNING.pop()
        if process.poll() is None:
            process.kill()
            process.wait()


def _default_signals() -> None:
    for sig in (signal.SIGINT, signal.SIGTERM, signal.SIGHUP):
        signal.signal(sig, signal.SIG_DFL)


class Terminal:
    """A program under a pseudo-terminal of 100×30: what it wrote, the terminal's modes."""

    def __init__(self, argv: list[str], cwd: Path, env: dict[str, str]) -> None:
        self.master, self.slave = pty.openpty()
        fcntl.ioctl(self.slave, termios.TIOCSWINSZ, struct.pack("HHHH", 30, 100, 0, 0))
        self.modes_before = termios.tcgetattr(self.slave)
        self.output = b""
        self.process = subprocess.Popen(
            argv,
            stdin=self.slave,
            stdout=self.slave,
            stderr=self.slave,
            cwd=cwd,
            env=env,
            start_new_session=True,
            # As from a terminal: a test run started in the background (CI) ignores SIGINT,
            # and the app rightly leaves an ignored signal ignored.
            preexec_fn=_default_signals,
        )
        _RUNNING.append(self.process)

    def read(self, seconds: float) -> None:
        end = time.monotonic() + seconds
        while time.monotonic() < end:
            ready, _, _ = select.select([self.master], [], [], 0.05)
            if ready:
                try:
                    data = os.read(self.master, 65536)
                except OSError:
                    return
                if not data:
                    return
                self.output += data

    def wait_for(self, predicate, timeout: float = 30) -> None:
        end = time.monotonic() + timeout
        while not predicate():
            assert time.monotonic() < end, self.output[-2000:]
            self.read(0.1)

    def press(self, key: bytes) -> None:
        os.write(self.master, key)
        self.read(0.3)

    def finish(self, timeout: float = 30) -> int:
        self.wait_for(lambda: self.process.poll() is not None, timeout)
        self.read(0.3)
        self.modes_after = termios.tcgetattr(self.slave)
        os.close(self.master)
        os.close(self.slave)
        return self.process.returncode

    def after_the_app(self) -> str:
        """What was written after the app left the alternate screen, escape sequences out."""
        tail = self.output[self.output.rindex(b"\x1b[?1049l") :]
        return re.sub(r"\x1b\[[0-9;?<>]*[a-zA-Z]", "", tail.decode("utf-8"))

    def assert_restored(self) -> None:
        tail = self.output[self.output.rindex(b"\x1b[?1049l") :]  # left the alternate screen
        for mouse_off in (b"\x1b[?1000l", b"\x1b[?1003l", b"\x1b[?1006l"):
            assert mouse_off in tail
        assert b"\x1b[?25h" in tail  # the cursor shown again
        lflag = termios.ECHO | termios.ICANON
        assert self.modes_after[3] & lflag == self.modes_before[3] & lflag == lflag
        assert self.modes_after == self.modes_before


def environment(tmp_path: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("REVIEW_APP_", "TEXTUAL"))}
    env.update(
        TERM="xterm-256color",
        PYTHONPATH=str(ROOT),
        REVIEW_APP_CONFIG_DIR=str(tmp_path / "config"),
        REVIEW_APP_CACHE_DIR=str(tmp_path / "cache"),
        REVIEW_APP_LOG_DIR=str(tmp_path / "log"),
    )
    return env


def journal_actions(path: Path) -> list[dict]:
    review = Review.open(path)
    try:
        assert review.pending is not None
        return [record["do"] for record in review.pending.records if "do" in record]
    finally:
        review.close()


@pytest.mark.parametrize("where", ["handler", "worker"])
def test_a_crash_restores_the_terminal_says_one_line_and_keeps_the_journal(tmp_path, where) -> None:
    path = tmp_path / "article.txt"
    path.write_bytes(b"Erste Zeile mit einem Fehlre.\nZweite Zeile.\n")
    argv = [sys.executable, "-m", "tests.tui_fault", str(path)]
    argv += ["--in-worker"] if where == "worker" else []
    terminal = Terminal(argv, ROOT, environment(tmp_path))
    terminal.wait_for(lambda: b"Sentence 1 of 2" in terminal.output)
    terminal.press(b" ")  # mark sentence 1 reviewed: journaled
    terminal.wait_for(lambda: '"reviewed"' in sidecar_path(path).read_text(encoding="utf-8"))
    terminal.press(b"!")  # the fault
    assert terminal.finish() == 2
    terminal.assert_restored()
    assert b"Traceback" not in terminal.output
    assert b"\x1b]0;PWNED" not in terminal.output
    lines = terminal.after_the_app().strip().splitlines()
    assert len(lines) == 1, lines
    match = re.fullmatch(
        r"review-app: error: unexpected error: (.+) \(full details in (.+\.log)\)", lines[0]
    )
    assert match, lines[0]
    assert "injected fault ␛]0;PWNED" in match.group(1)
    log = Path(match.group(2)).read_text(encoding="utf-8")
    assert log.startswith("review-app ") and "Traceback" in log
    assert "RuntimeError: injected fault" in log
    assert ("in action_fault" if where == "handler" else "in fail_in_worker") in log
    assert journal_actions(path) == [{"kind": "reviewed", "index": 0, "value": True}]


@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGHUP, signal.SIGINT])
def test_a_signal_restores_the_terminal_and_keeps_the_journal(tmp_path, sig) -> None:
    path = tmp_path / "article.txt"
    path.write_bytes(b"Erste Zeile mit einem Fehlre.\nZweite Zeile.\n")
    argv = [sys.executable, "-m", "review_app", "review", str(path), "--checker", "offline"]
    terminal = Terminal(argv, ROOT, environment(tmp_path))
    terminal.wait_for(lambda: b"Sentence 1 of 2" in terminal.output)
    terminal.press(b" ")
    terminal.wait_for(lambda: '"reviewed"' in sidecar_path(path).read_text(encoding="utf-8"))
    terminal.process.send_signal(sig)
    assert terminal.finish() == 128 + sig
    terminal.assert_restored()
    assert b"Traceback" not in terminal.output
    assert terminal.after_the_app().strip() == ""
    assert journal_actions(path) == [{"kind": "reviewed", "index": 0, "value": True}]


# ----- fuzz: random text through the render path -----------------------------------------------

_ALPHABET = st.one_of(
    st.characters(codec="utf-8", exclude_categories=("Cs",)),
    st.sampled_from(["\x1b", "\x07", "\x08", "\r", "\x0b", "\x0c", "\x9b", "\u202e", "\u2066"]),
    st.sampled_from(["\u200b", "\ufeff", "\u00ad", "\u2028", "[", "]", "/", "@", "="]),
    st.sampled_from(["[b]", "[/]", "[@click=app.quit]", "\x1b]0;x\x07", "\x1b[2J"]),
)
_TEXT = st.lists(_ALPHABET, max_size=60).map("".join)


@st.composite
def text_and_flags(draw):
    text = draw(_TEXT)
    if draw(st.booleans()):
        text += "x" * draw(st.integers(0, 3000))  # a very long line
    flags = []
    for _ in range(draw(st.integers(0, 4))):
        start = draw(st.integers(0, len(text)))
        end = draw(st.integers(start, len(text)))
        flags.append(
            Flag(
                start,
                end,
                draw(_TEXT),
                draw(_TEXT),
                draw(_TEXT),
                draw(st.sampled_from(list(Severity))),
                tuple(draw(st.lists(_TEXT, max_size=3))),
            )
        )
    return text, flags


@given(text_and_flags())
@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
def test_rendering_random_text_sends_no_hidden_character(case) -> None:
    from rich.console import Console, Group
    from rich.text import Span

    from review_app.document.visible import visible_char
    from review_app.tui.widgets.sentence_diff import sentence_diff_text
    from review_app.tui.widgets.sentence_view import SPAN_STYLE, flag_text, sentence_text
    from review_app.tui.widgets.visible_text import hidden_note, visible_words

    text, flags = case
    console = Console(width=80, force_terminal=True, color_system="truecolor")
    shown = sentence_text(text, flags, 0 if flags else None)
    # one shown character for each character, so each span styles exactly the flag's ones
    assert [visible_char(c) for c in text] == list(shown.plain)
    for flag in flags:
        if flag.start < len(text):  # an empty span shows as one cell
            end = min(max(flag.end, flag.start + 1), len(text))
            assert Span(flag.start, end, SPAN_STYLE[flag.severity]) in shown.spans
    parts = [shown, visible_words(text), hidden_note(text) or ""]
    parts += [flag_text(n, f, text, n == 1, True) for n, f in enumerate(flags, start=1)]
    parts.append(sentence_diff_text(text[:200], ("Neu " + text)[:200])[0])
    for segment in console.render(Group(*parts)):
        if not segment.control:
            assert HIDDEN.search(segment.text.replace("\n", "")) is None, repr(segment.text)


@given(st.lists(_TEXT, min_size=1, max_size=4))
@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.too_slow])
def test_the_whole_screen_on_random_files_sends_no_hidden_character(tmp_path_factory, lines):
    folder = tmp_path_factory.mktemp("fuzz")
    text = "Satz eins.\n" + "\n".join(lines) + "\n"
    (folder / "article.txt").write_bytes(text.encode("utf-8"))
    try:
        app = make_app(folder)
    except InputError:  # mostly controls: refused as a binary file, as it should be
        assume(False)

    async def run() -> None:
        async with app.run_test(size=SIZE, notifications=True) as pilot:
            await ready(pilot)
            for key in ("j", "d", "j", "e"):
                await pilot.press(key)
                assert_clean(app)
            await pilot.press("escape")
            assert app.session.text(app.current) == app.review.document.segments[app.current].text
            assert app.export_screenshot()

    asyncio.run(run())
