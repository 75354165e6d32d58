"""Very long sentences in the TUI: checked in windows exactly as the report checks them, and
drawn as a bounded window around the selected flag, with exact offsets."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from rich.style import Style
from rich.text import Text

from review_app.checking.flag import Flag, Severity
from review_app.checking.select import make_checker
from review_app.checking.wordlists import WordLists
from review_app.cli import main
from review_app.config import CheckSettings, Settings
from review_app.review.opening import Review
from review_app.tui.app import ReviewApp
from review_app.tui.widgets.sentence_diff import DRAWN, sentence_diff_text
from review_app.tui.widgets.sentence_view import WHOLE, SentenceView, sentence_window, text_window
from tests.pilot import pilot_test, wait_for
from tests.test_session_support import DictChecker

SIZE = (100, 30)
CORPUS = Path(__file__).resolve().parents[1] / "corpus"


@pytest.fixture(autouse=True)
def config_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "config"
    monkeypatch.setenv("REVIEW_APP_CONFIG_DIR", str(folder))
    monkeypatch.setenv("REVIEW_APP_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setenv("REVIEW_APP_LOG_DIR", str(tmp_path / "log"))  # a crash log, if any
    return folder


def one_sentence(length: int) -> str:
    """`length` characters of the corpus's text with no sentence end: one segment."""
    words = " ".join(path.read_text(encoding="utf-8") for path in sorted(CORPUS.glob("*.txt")))
    text = re.sub(r"[.!?:;\n]", " ", words)
    text = " ".join(text.split())
    return ((text + " ") * (length // len(text) + 1))[:length].rstrip()


def words_for(tmp_path: Path) -> WordLists:
    return WordLists(
        personal_path=tmp_path / "config" / "dictionary.txt", personal=set(), project=set()
    )


def selected_spans(shown: Text) -> list[str]:
    """The texts drawn reversed (and nothing else): the selected flag's span."""
    return [shown.plain[s.start : s.end] for s in shown.spans if s.style == Style(reverse=True)]


# ----- the same flags as the report -----------------------------------------------------------


@pilot_test
async def test_long_sentence_has_the_reports_flags(tmp_path: Path) -> None:
    text = one_sentence(20_000)
    path = tmp_path / "long.txt"
    path.write_bytes((text + "\n").encode("utf-8"))
    report = tmp_path / "report.json"
    assert main(["report", str(path), "-f", "json", "-o", str(report), "--checker", "offline"]) in (
        0,
        1,
    )
    data = json.loads(report.read_text(encoding="utf-8"))["files"][0]
    assert data["segments"] == 1
    expected = sorted(
        (f["segment_span"][0], f["segment_span"][1], f["rule_id"]) for f in data["flags"]
    )
    assert len(expected) > 20  # enough flags, in many windows, to compare

    settings_ = Settings(check=CheckSettings(checker="offline"))
    words = words_for(tmp_path)
    review = Review.open(path, words=words)
    app = ReviewApp(review, lambda: make_checker(settings_, words), resume=False)
    async with app.run_test(size=SIZE) as pilot:
        await wait_for(pilot, lambda: app.checking_done, timeout=60)
        got = sorted((f.start, f.end, f.rule_id) for f in app.session.flags(0))
        await pilot.press("ctrl+q")
    assert got == expected


# ----- a window of a 200,000-character sentence -----------------------------------------------

FILLER = "eins zwei drei vier fünf sechs sieben acht neun zehn "


def long_text() -> tuple[str, int, int]:
    """A 200,000-character sentence with "Fehlre" and "Lockereung" far apart; their offsets."""
    head = FILLER * (50_000 // len(FILLER))
    middle = FILLER * (100_000 // len(FILLER))
    text = head + "Fehlre " + middle + "Lockereung "
    text += FILLER * ((200_000 - len(text)) // len(FILLER) + 1) + "Ende."
    return text, len(head), len(head) + len("Fehlre ") + len(middle)


def shown_sentence(app: ReviewApp) -> Text:
    group = app.query_one(SentenceView).render()
    return group.renderables[1]


@pilot_test
async def test_long_sentence_window_follows_the_flag_and_edits_exactly(tmp_path: Path) -> None:
    text, first, second = long_text()
    assert len(text) >= 200_000
    path = tmp_path / "article.txt"
    original = (text + "\n").encode("utf-8")
    path.write_bytes(original)
    words = words_for(tmp_path)
    app = ReviewApp(Review.open(path, words=words), lambda: DictChecker(), resume=False)
    async with app.run_test(size=SIZE) as pilot:
        await wait_for(pilot, lambda: app.checking_done)
        assert [(f.start, f.end) for f in app.session.flags(0)] == [
            (first, first + 6),
            (second, second + 10),
        ]
        shown = shown_sentence(app)
        assert selected_spans(shown) == ["Fehlre"]
        assert len(shown.plain) < 2 * WHOLE  # a window, not 200,000 characters
        window = sentence_window(text, app.session.flags(0), 0).plain
        assert window.startswith(f"… ({first - 600:,} characters before)")
        assert window.endswith("characters after) …")
        # On screen, the lines of the window around the flag that fit; "⋯" where cut.
        assert "⋯" in shown.plain

        await pilot.press("tab")
        shown = shown_sentence(app)
        assert selected_spans(shown) == ["Lockereung"]
        assert "Fehlre" not in shown.plain  # the window moved on
        window = sentence_window(text, app.session.flags(0), 1).plain
        assert window.startswith(f"… ({second - 600:,} characters before)")

        await wait_for(pilot, lambda: app.session.suggestions_known(0, app.session.flags(0)[1]))
        await pilot.press("1")
        assert app.session.text(0)[second : second + 9] == "Lockerung"
        await wait_for(pilot, lambda: app.session.is_checked(0) and not app.session.is_stale(0))
        shown = shown_sentence(app)
        assert selected_spans(shown) == ["Fehlre"]  # the one flag left
        assert "original: " in app.query_one(SentenceView).render().renderables[2].plain
        await pilot.press("ctrl+s")
        await pilot.press("ctrl+q")
    saved = (tmp_path / "article.revised.txt").read_bytes()
    cut = len(text[:second].encode("utf-8"))
    assert saved == original[:cut] + b"Lockerung" + original[cut + len(b"Lockereung") :]


# ----- the window and the diff panel, bounded and exact -------------------------------------


@settings(max_examples=200, deadline=None)
@given(
    length=st.integers(0, 20_000),
    spans=st.lists(st.tuples(st.integers(0, 20_000), st.integers(0, 3_000)), max_size=6),
    pick=st.integers(0, 5),
)
def test_window_holds_the_selected_flag_exactly(length, spans, pick) -> None:
    text = "".join(chr(0x61 + i % 26) if i % 7 else "\u202e" for i in range(length))
    flags = [
        Flag(
            start=min(s, length),
            end=min(s + n, length),
            message="m",
            rule_id="R",
            category="C",
            severity=Severity.ERROR,
        )
        for s, n in spans
    ]
    flags.sort(key=lambda f: f.start)
    selected = pick % len(flags) if flags else None
    shown = sentence_window(text, flags, selected)
    assert len(shown.plain) <= 2 * WHOLE
    start, end = text_window(length, None if selected is None else (flags[selected].start,) * 2)
    if selected is not None:
        flag = flags[selected]
        start, end = text_window(length, (flag.start, flag.end))
        assert start <= flag.start <= end
        prefix = len(f"… ({start:,} characters before) ") if start else 0
        marked = selected_spans(shown)
        want = text[flag.start : min(max(flag.end, flag.start + 1), end)]
        if want:  # a span drawn reversed shows exactly the flagged characters (made visible)
            assert marked and marked[0] == shown.plain[prefix + flag.start - start :][: len(want)]
    if length <= WHOLE:
        assert (start, end) == (0, length)


def test_diff_panel_of_a_huge_edit_is_bounded() -> None:
    mt = one_sentence(300_000)
    revised = mt[:150_000] + " Neu " + mt[150_000:]
    content, hter = sentence_diff_text(mt, revised)
    assert hter > 0
    assert len(content.plain) < DRAWN + 500
    assert "Neu" in content.plain
    assert "unchanged characters" in content.plain
    whole = sentence_diff_text("Kurz und gut.", "Kurz und schlecht.")[0].plain
    assert whole.endswith("Kurz und gut schlecht.")  # short diffs drawn whole, as before
