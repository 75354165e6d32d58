"""The checker thread works on immutable items and never touches the session (issue 8).

The UI thread hands out (index, text, version) items and applies only results that are still
current; the checker thread reads nothing of the session. The proof is behavioural: a session
that refuses to be read from any thread but the UI thread, through a whole review with
checking, growth of the document, suggestions and edits.
"""

from __future__ import annotations

import gc
import itertools
import threading
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from review_app.checking import Flag, Severity
from review_app.review.opening import Review
from review_app.review.session import Session
from review_app.tui.app import ReviewApp
from review_app.tui.checking import (
    CheckItem,
    CheckLoop,
    CheckRequests,
    FlagsChecked,
    SuggestionsFound,
    Work,
)
from tests.pilot import pilot_test, wait_for
from tests.test_session_support import SAMPLE, DictChecker, perform

READS_OFF_THE_UI_THREAD: list[str] = []


class UIThreadSession(Session):
    """A real session that records (and refuses) any use from another thread."""

    def __getattribute__(self, name: str):
        thread = threading.current_thread()
        if thread is not threading.main_thread():
            READS_OFF_THE_UI_THREAD.append(f"{name} on {thread.name}")
            raise AssertionError(f"Session.{name} used on thread {thread.name}")
        return super().__getattribute__(name)


@pytest.fixture(autouse=True)
def config_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("REVIEW_APP_CONFIG_DIR", str(tmp_path / "config"))
    READS_OFF_THE_UI_THREAD.clear()


def flag(start: int, end: int) -> Flag:
    return Flag(start, end, "m", "R", "C", Severity.ERROR)


@pilot_test
async def test_the_checker_thread_never_touches_the_session(tmp_path) -> None:
    path = tmp_path / "article.txt"
    path.write_text(SAMPLE * 20, encoding="utf-8")
    review = Review.open(path, preview_chars=200)  # the rest is read in the background
    review.session = UIThreadSession(review.document)
    app = ReviewApp(review, DictChecker, resume=False, batch_size=8)
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_for(pilot, lambda: review.loaded and app.checking_done, 30)
        await wait_for(  # suggestions, looked up on the thread for the flags handed to it
            pilot,
            lambda: all(app.session.suggestions_known(0, f) for f in app.session.flags(0)),
        )
        await pilot.press("1", "n", "1", "n", "u")  # edits: re-checks on the thread
        await wait_for(pilot, lambda: app.checking_done and not app.session.is_stale(0))
        assert app.checker_label == "dict"  # it never stopped
        assert app.checker_details == "dict checker (tests)"
        assert app.session.text(0) == "Erste Zeile mit einem Fehler."
        assert len(app.session) == 20 * 6
    assert READS_OFF_THE_UI_THREAD == []


def test_results_for_a_text_since_changed_are_dropped(tmp_path) -> None:
    path = tmp_path / "a.txt"
    path.write_text("Eins mit Fehlre. Zwei.\n", encoding="utf-8")
    review = Review.open(path)
    review.start(resume=False)
    requests = CheckRequests(review.session)
    work = requests.next_work(10)
    assert work.prepare == ("Eins mit Fehlre.", "Zwei.") and requests.version == 1
    assert work.items == (CheckItem(0, "Eins mit Fehlre.", 1), CheckItem(1, "Zwei.", 1))
    assert requests.next_work(10).items == ()  # handed out already: not again
    perform(review, review.session.plan_edit(0, "Eins ohne Fehler."))  # while being checked
    applied = requests.take_flags(FlagsChecked(work.items, ((flag(9, 15),), ())))
    assert applied == [1]  # sentence 0's result was for its old text
    assert review.session.flags(0) == []
    assert review.session.is_stale(0)
    assert requests.next_work(10).items == (CheckItem(0, "Eins ohne Fehler.", 1),)
    review.close()


def test_results_from_before_the_document_grew_are_dropped(tmp_path) -> None:
    path = tmp_path / "a.txt"
    path.write_text("Eins.\n" + "Zwei mit Fehlre.\n" * 50, encoding="utf-8")
    review = Review.open(path, preview_chars=10)  # the first two lines
    requests = CheckRequests(review.session)
    first = requests.next_work(1)
    assert first.prepare == ("Eins.", "Zwei mit Fehlre.") and not first.grown
    assert first.items == (CheckItem(0, "Eins.", 1),)
    review.grow(review.segment_rest())
    grown = requests.next_work(100)
    # the checker is shown the new texts only; they follow the two it saw
    assert requests.version == 2 and grown.grown
    assert grown.prepare == ("Zwei mit Fehlre.",) * 49
    assert grown.items[:3] == (  # checked again with the new statistics, then on
        CheckItem(0, "Eins.", 2),
        CheckItem(1, "Zwei mit Fehlre.", 2),
        CheckItem(2, "Zwei mit Fehlre.", 2),
    )
    assert len(grown.items) == 51
    assert requests.take_flags(FlagsChecked(first.items, ((),))) == []  # version 1: stale
    assert not review.session.is_checked(0)
    assert requests.take_flags(FlagsChecked(grown.items[:1], ((),))) == [0]
    review.close()


def test_suggestions_for_a_changed_text_are_dropped(tmp_path) -> None:
    path = tmp_path / "a.txt"
    path.write_text("Eins mit Fehlre.\n", encoding="utf-8")
    review = Review.open(path)
    review.start(resume=False)
    requests = CheckRequests(review.session)
    work = requests.next_work(10)
    requests.take_flags(FlagsChecked(work.items, ((flag(9, 15),),)))
    item = requests._suggest_item(0)
    assert item is not None and item.flags == (flag(9, 15),)
    perform(review, review.session.plan_edit(0, "Eins mit Fehlre!"))
    found = SuggestionsFound(item, flag(9, 15), ("Fehler",))
    assert not requests.take_suggestions(found)
    review.close()


# ----- a growing document: the checker is shown only what is new (issue 11) -------------------

CORPUS = Path(__file__).resolve().parents[1] / "corpus"
# Capitalised unknown words that recur: whether they are names depends on the whole document.
NAMES = (
    "Gestern kam Wolkowitz nach Berlin.",
    "Frau Hallström sprach lange.",
    "Wolkowitz blieb zwei Tage.",
    "Später sagte Hallström nichts mehr.",
    "Im Mai kam Wolkowitz wieder.",
)


def corpus_texts() -> list[str]:
    """The corpus's segments with the name sentences spread among them."""
    from review_app.document.segment import segment_text

    texts = [
        segment.text
        for path in sorted(CORPUS.glob("*.mt.de.txt"))
        for segment in segment_text(path.read_text(encoding="utf-8")).segments
    ][:120]
    for number, sentence in enumerate(NAMES):
        texts.insert(number * len(texts) // len(NAMES), sentence)
    return texts


@pytest.fixture(scope="module")
def offline(tmp_path_factory: pytest.TempPathFactory):
    from review_app.checking.offline import OfflineChecker
    from review_app.checking.wordlists import WordLists
    from review_app.config import OfflineSettings

    folder = tmp_path_factory.mktemp("words")
    words = WordLists(personal_path=folder / "dictionary.txt", personal=set(), project=set())
    checker = OfflineChecker(OfflineSettings(), words)
    yield checker
    checker.close()


def test_the_statistics_of_the_whole_document_matter(offline) -> None:
    """What the next test holds equal would be different with the statistics of a part."""
    texts = corpus_texts()
    offline.prepare(texts)
    whole = offline.check(texts, suggest=False)
    offline.prepare(texts[: len(texts) // 2])
    assert offline.check(texts, suggest=False) != whole


@settings(max_examples=25, deadline=None)
@given(st.lists(st.integers(min_value=0, max_value=125), max_size=4))
def test_preparing_in_parts_makes_the_statistics_of_the_whole(offline, cuts) -> None:
    texts = corpus_texts()
    offline.prepare(texts)
    whole = offline.check(texts, suggest=False)
    bounds = [0, *sorted(cuts), len(texts)]
    offline.prepare(texts[: bounds[1]])
    for start, end in itertools.pairwise(bounds[1:]):
        offline.prepare_more(texts[start:end])
    assert offline.check(texts, suggest=False) == whole


class GrowingChecker(DictChecker):
    """A test checker that can be shown a document in parts, and records what it was shown."""

    def __init__(self) -> None:
        super().__init__()
        self.shown: list[tuple[str, int]] = []

    def prepare(self, texts) -> None:
        self.shown.append(("prepare", len(texts)))

    def prepare_more(self, texts) -> None:
        self.shown.append(("prepare_more", len(texts)))


def run_growing(tmp_path: Path, checker) -> CheckRequests:
    """The checker thread's loop, run here on a document that grows after the first batch,
    until nothing is left to check."""
    path = tmp_path / "article.txt"
    path.write_text(SAMPLE * 50, encoding="utf-8")  # 300 segments
    review = Review.open(path, preview_chars=200)  # the first lines only
    requests = CheckRequests(review.session)
    calls = 0

    def next_work(size: int) -> Work | None:
        nonlocal calls
        calls += 1
        if calls == 2:
            review.grow(review.segment_rest())
        work = requests.next_work(size)
        return work if work.items or work.prepare is not None else None

    def post(message) -> None:
        if isinstance(message, FlagsChecked):
            requests.take_flags(message)

    loop = CheckLoop(
        lambda: checker, post=post, next_work=next_work, cancelled=lambda: False, first_batch=4
    )
    loop.run()
    assert review.loaded and requests.done
    review.close()
    return requests


def test_a_grown_document_is_shown_to_the_checker_once(tmp_path) -> None:
    checker = GrowingChecker()
    run_growing(tmp_path, checker)
    first = checker.shown[0][1]
    assert checker.shown == [("prepare", first), ("prepare_more", 300 - first)]


def test_a_checker_that_cannot_grow_is_shown_the_whole_document(tmp_path) -> None:
    shown: list[int] = []

    class Recording(DictChecker):
        def prepare(self, texts) -> None:
            shown.append(len(texts))

    run_growing(tmp_path, Recording())
    assert len(shown) == 2 and shown[0] < shown[1] == 300


@pilot_test
async def test_checking_is_done_only_when_the_whole_document_is_checked(tmp_path) -> None:
    path = tmp_path / "article.txt"
    path.write_text(SAMPLE * 400, encoding="utf-8")  # 2,400 segments
    review = Review.open(path, preview_chars=200)
    app = ReviewApp(review, DictChecker, resume=False, batch_size=64)
    seen: list[tuple[bool, int, int]] = []  # (loaded, checked, sentences) whenever done
    async with app.run_test(size=(100, 30)) as pilot:
        while not (review.loaded and app.session.checked_count == len(app.session)):
            if app.checking_done:
                seen.append((review.loaded, app.session.checked_count, len(app.session)))
            await pilot.pause(0.005)
        await wait_for(pilot, lambda: app.checking_done, 30)
        assert seen == []  # never done early: not after the first lines, nor after growing
        assert not any(app.session.is_stale(i) for i in range(len(app.session)))
        assert gc.get_freeze_count() > 0  # what lives as long as the document is frozen
    assert gc.get_freeze_count() == 0  # and given back to the collector when the app ends


def test_the_status_bar_says_the_file_is_still_being_read(tmp_path) -> None:
    from review_app.tui.widgets.status_bar import status_text

    path = tmp_path / "article.txt"
    path.write_text(SAMPLE * 50, encoding="utf-8")
    review = Review.open(path, preview_chars=200)
    first = len(review.session)
    reading = status_text(review.session, "dict", filter_name="all", loading=True).plain
    assert reading.startswith(f" reviewed 0 of {first} so far │")
    review.grow(review.segment_rest())
    read = status_text(review.session, "dict", filter_name="all").plain
    assert read.startswith(" reviewed 0 of 300 │") and "so far" not in read
    review.close()


@pilot_test
async def test_the_app_says_reading_until_the_whole_count_is_known(tmp_path) -> None:
    from review_app.tui.widgets.status_bar import StatusBar

    path = tmp_path / "article.txt"
    path.write_text(SAMPLE * 50, encoding="utf-8")
    review = Review.open(path, preview_chars=200)
    app = ReviewApp(review, DictChecker, resume=False)
    async with app.run_test(size=(200, 30)) as pilot:
        bar = app.query_one(StatusBar)
        if not review.loaded:  # almost always: the first screen comes before the rest is read
            assert "so far" in bar.content.plain and "reading the file" in bar.content.plain
        await wait_for(pilot, lambda: app.checking_done, 30)
        shown = bar.content.plain
        assert " of 300 │" in shown and "so far" not in shown and "reading" not in shown


def test_no_collection_while_building_and_frozen_after() -> None:
    from review_app.tui import heap

    assert gc.isenabled()
    with heap.building():  # the checker thread's, say
        assert not gc.isenabled()
        with heap.building():  # the reader's, at the same time
            kept = [[] for _ in range(1000)]
        assert not gc.isenabled()  # the first is still being built
    assert gc.isenabled() and gc.get_freeze_count() >= len(kept)
    heap.release()
    assert gc.get_freeze_count() == 0
