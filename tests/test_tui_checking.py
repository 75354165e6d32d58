"""The checker thread works on immutable items and never touches the session (issue 8).

The UI thread hands out (index, text, version) items and applies only results that are still
current; the checker thread reads nothing of the session. The proof is behavioural: a session
that refuses to be read from any thread but the UI thread, through a whole review with
checking, growth of the document, suggestions and edits.
"""

from __future__ import annotations

import threading
from pathlib import Path

import pytest

from review_app.checking import Flag, Severity
from review_app.review.opening import Review
from review_app.review.session import Session
from review_app.tui.app import ReviewApp
from review_app.tui.checking import CheckItem, CheckRequests, FlagsChecked, SuggestionsFound
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
        assert app.checker_label == "dict checker (tests)"  # it never stopped
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
    assert first.prepare == ("Eins.", "Zwei mit Fehlre.")
    assert first.items == (CheckItem(0, "Eins.", 1),)
    review.grow(review.segment_rest())
    grown = requests.next_work(100)
    assert requests.version == 2 and grown.prepare is not None and len(grown.prepare) == 51
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
