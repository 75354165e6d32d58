"""Every TUI change goes through one door (journal first): faults seen through Pilot.

A second process holding the file, a journal that cannot be written (a file-size limit in a
child process: EFBIG, as on a full quota), a journal deleted or damaged, a dictionary that cannot
be written, a backup that cannot be made, the original deleted under `--in-place`.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from textual.widgets import Input, Static

from review_app.checking.wordlists import WordLists
from review_app.review.journal import read_journal, sidecar_path
from review_app.review.opening import Review
from review_app.tui.app import ReviewApp
from review_app.tui.screens.confirm import ChoiceScreen
from review_app.tui.screens.save_as import SaveAsScreen
from review_app.tui.widgets.status_bar import StatusBar
from tests.pilot import pilot_test, wait_for
from tests.test_review_safety import files, hold_lock
from tests.test_session_support import SAMPLE, DictChecker
from tests.test_tui import SIZE, make_app, ready

REPO = Path(__file__).resolve().parents[1]
FIXED = SAMPLE.replace("Fehlre", "Fehler")


@pytest.fixture(autouse=True)
def config_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "config"
    monkeypatch.setenv("REVIEW_APP_CONFIG_DIR", str(folder))
    return folder


def toasts(app) -> list[tuple[str, str]]:
    """(severity, text) of the notifications on screen."""
    found = []
    for toast in app.screen.query("Toast"):
        severity = next(c[1:] for c in toast.classes if c in ("-information", "-warning", "-error"))
        found.append((severity, str(toast.render())))
    return found


def plain(widget: Static) -> str:
    content = widget.content
    return getattr(content, "plain", str(content))


def session_state(app: ReviewApp) -> tuple:
    session = app.session
    n = len(session)
    return (
        [session.text(i) for i in range(n)],
        [session.is_reviewed(i) for i in range(n)],
        session.open_flags_total,
        session.done_actions,
    )


# ----- two sessions ---------------------------------------------------------------------------


@pilot_test
async def test_second_session_offers_read_only_and_changes_nothing(tmp_path) -> None:
    path = tmp_path / "article.txt"
    path.write_text(SAMPLE, encoding="utf-8")
    holder = hold_lock(path, tmp_path)
    try:
        app = make_app(tmp_path)
        async with app.run_test(size=SIZE, notifications=True) as pilot:
            await pilot.pause()
            assert isinstance(app.screen, ChoiceScreen)
            question = plain(app.screen.query_one(Static))
            assert f"process {holder.pid}" in question and "read-only" in question
            await pilot.press("r")
            await ready(pilot)
            before, state = files(tmp_path), session_state(app)
            await pilot.press("1", "space", "i", "I", "a", "u", "U", "e", "w", "ctrl+s")
            await pilot.pause()
            assert not app.query_one("#editor").is_open
            assert session_state(app) == state
            assert files(tmp_path) == before  # no journal write, no save
            assert "read-only" in plain(app.query_one(StatusBar))
            assert any(s == "warning" and "Read-only" in t for s, t in toasts(app))
            await pilot.press("q")
        assert app.return_value == 0
    finally:
        os.kill(holder.pid, signal.SIGKILL)
        holder.wait(timeout=10)


@pilot_test
async def test_second_session_can_quit_at_once(tmp_path) -> None:
    path = tmp_path / "article.txt"
    path.write_text(SAMPLE, encoding="utf-8")
    holder = hold_lock(path, tmp_path)
    try:
        app = make_app(tmp_path)
        async with app.run_test(size=SIZE, notifications=True) as pilot:
            await pilot.pause()
            await pilot.press("q")
        assert app.return_value == 0
    finally:
        os.kill(holder.pid, signal.SIGKILL)
        holder.wait(timeout=10)


# ----- the journal cannot be written: nothing happens, the user sees why ---------------------

FULL_DISK_SCRIPT = """
    import asyncio, json, resource, signal, sys
    from pathlib import Path

    from tests.test_tui import SIZE, make_app, ready
    from tests.test_tui_actions import toasts

    async def main(folder: Path) -> dict:
        app = make_app(folder, resume=False)
        out = {}
        async with app.run_test(size=SIZE, notifications=True) as pilot:
            await ready(pilot)
            journal = app.review.journal_path
            size = journal.stat().st_size
            _, hard = resource.getrlimit(resource.RLIMIT_FSIZE)
            resource.setrlimit(resource.RLIMIT_FSIZE, (size + 10, hard))  # a full disk
            try:
                await pilot.press("1", "space", "i")
                await pilot.pause()
            finally:
                resource.setrlimit(resource.RLIMIT_FSIZE, (hard, hard))
            out["text"] = app.session.text(0)
            out["reviewed"] = app.session.is_reviewed(0)
            out["can_undo"] = app.session.can_undo()
            out["journal_kept"] = journal.stat().st_size == size
            out["toasts"] = toasts(app)
            out["running"] = app.is_running
            await pilot.press("1")  # room again: it works
            out["after"] = app.session.text(0)
            await pilot.press("w", "q")
        out["return_code"] = app.return_code
        out["return_value"] = app.return_value
        return out

    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
    print(json.dumps(asyncio.run(main(Path(sys.argv[1])))))
"""


def test_full_disk_action_is_not_applied_and_the_app_keeps_running(tmp_path) -> None:
    result = subprocess.run(
        [sys.executable, "-c", textwrap.dedent(FULL_DISK_SCRIPT), str(tmp_path)],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, "REVIEW_APP_CONFIG_DIR": str(tmp_path / "config")},
    )
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    out = json.loads(result.stdout.strip().splitlines()[-1])
    assert out["text"] == "Erste Zeile mit einem Fehlre."
    assert not out["reviewed"] and not out["can_undo"] and out["journal_kept"]
    errors = [text for severity, text in out["toasts"] if severity == "error"]
    assert len(errors) == 3
    assert all("Not done" in t and "cannot write the review journal" in t for t in errors)
    assert out["running"]
    assert out["after"] == "Erste Zeile mit einem Fehler."
    assert out["return_code"] == 0 and out["return_value"] == 0
    assert (tmp_path / "article.revised.txt").read_text(encoding="utf-8") == FIXED
    contents = read_journal(sidecar_path(tmp_path / "article.txt"))
    assert contents.skipped == 0 and len(contents.records) == 2  # the accept and the save


# ----- the journal deleted, damaged ------------------------------------------------------------


@pilot_test
async def test_deleted_journal_is_written_again_with_a_notice(tmp_path) -> None:
    app = make_app(tmp_path, resume=False)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await ready(pilot)
        await pilot.press("1")
        journal = sidecar_path(tmp_path / "article.txt")
        journal.unlink()
        await pilot.press("space")
        await pilot.pause()
        assert any(s == "warning" and "deleted" in t for s, t in toasts(app))
        assert len(read_journal(journal).records) == 2
        assert app.session.is_reviewed(0)


@pilot_test
async def test_damaged_journal_resumes_what_it_can_and_says_so(tmp_path) -> None:
    app = make_app(tmp_path, resume=False)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await ready(pilot)
        await pilot.press("1", "space")
    journal = sidecar_path(tmp_path / "article.txt")
    head, first, second = journal.read_bytes().splitlines(keepends=True)
    journal.write_bytes(head + first + b"\x00\x01 not json\n" + second)
    again = make_app(tmp_path)
    async with again.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.pause()
        await pilot.press("r")
        await ready(pilot)
        assert again.session.text(0) == "Erste Zeile mit einem Fehler."
        assert again.session.is_reviewed(0)
        notices = [t for _, t in toasts(again)]
        assert any("1 lines of the review journal could not be used" in t for t in notices)
        assert any("damaged-1" in t for t in notices)


@pilot_test
async def test_damaged_header_is_set_aside_with_a_notice(tmp_path) -> None:
    journal = sidecar_path(tmp_path / "article.txt")
    journal.write_bytes(b"not a header\n")
    app = make_app(tmp_path)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await ready(pilot)
        assert any("damaged-1" in t for _, t in toasts(app))
        await pilot.press("space")
        assert app.session.is_reviewed(0)
    assert (tmp_path / f"{journal.name}.damaged-1").read_bytes() == b"not a header\n"


# ----- resuming puts the cursor where the last action was ---------------------------------------


@pilot_test
async def test_resume_goes_to_the_segment_of_the_last_action(tmp_path) -> None:
    app = make_app(tmp_path, resume=False)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await ready(pilot)
        await pilot.press("1")  # a change in sentence 1
        await pilot.press("j", "j", "j", "space", "u")  # sentence 4 reviewed, and undone
        assert app.current == 3
    again = make_app(tmp_path)
    async with again.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.pause()
        await pilot.press("r")
        await wait_for(pilot, lambda: again.started)
        assert again.current == 3
        assert not again.session.is_reviewed(3) and again.session.can_redo()


# ----- side effects: the dictionary, the backup, the original gone ------------------------------


@pilot_test
async def test_dictionary_that_cannot_be_written_is_a_notice_and_the_word_counts(tmp_path) -> None:
    (tmp_path / "config").write_bytes(b"")  # the dictionary's folder is a file
    app = make_app(tmp_path, "Fehlre hier. Fehlre da.\n", resume=False)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await ready(pilot)
        assert app.session.open_flags_total == 2
        await pilot.press("a")
        await pilot.pause()
        assert app.session.open_flags_total == 0
        assert any(s == "warning" and "cannot write your dictionary" in t for s, t in toasts(app))
        assert app.is_running


@pilot_test
async def test_backup_failure_is_an_error_and_the_original_stays(tmp_path, config_dir) -> None:
    path = tmp_path / ("a" * 250 + ".txt")  # no room for NAME.orig
    path.write_bytes(SAMPLE.encode("utf-8"))
    words = WordLists(personal_path=config_dir / "d.txt", personal=set(), project=set())
    review = Review.open(path, words=words, in_place=True)
    app = ReviewApp(review, lambda: DictChecker(), resume=False)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await ready(pilot)
        await pilot.press("1", "w")
        await pilot.pause()
        errors = [t for s, t in toasts(app) if s == "error"]
        assert len(errors) == 1 and "Not saved" in errors[0] and "backup" in errors[0]
        assert path.read_bytes() == SAMPLE.encode("utf-8")
        assert app.session.has_unsaved_changes and app.is_running


@pilot_test
async def test_in_place_original_deleted_offers_save_as(tmp_path) -> None:
    app = make_app(tmp_path, resume=False, in_place=True)
    original = tmp_path / "article.txt"
    (tmp_path / "taken.txt").write_bytes(b"keep me\n")
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await ready(pilot)
        await pilot.press("1")
        original.unlink()
        await pilot.press("w")
        await pilot.pause()
        assert isinstance(app.screen, SaveAsScreen)
        field = app.screen.query_one(Input)
        assert field.value == str(tmp_path / "article.revised.txt")
        field.value = "taken.txt"  # relative: beside the original; it exists
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ChoiceScreen)  # replace it?
        await pilot.press("escape")
        assert (tmp_path / "taken.txt").read_bytes() == b"keep me\n"
        assert app.session.has_unsaved_changes
        await pilot.press("w")
        await pilot.pause()
        app.screen.query_one(Input).value = "rescued.txt"
        await pilot.press("enter")
        await pilot.pause()
        assert (tmp_path / "rescued.txt").read_text(encoding="utf-8") == FIXED
        assert not original.exists()
        assert not app.session.has_unsaved_changes
        assert any("Saved" in t and "rescued.txt" in t for _, t in toasts(app))
        await pilot.press("j", "1", "w")  # from now on it saves there (asking: no original)
        await pilot.pause()
        assert isinstance(app.screen, ChoiceScreen)
        await pilot.press("y")
        await pilot.pause()
        assert "Trotzdem" in (tmp_path / "rescued.txt").read_text(encoding="utf-8")
        await pilot.press("q")
    assert app.return_value == 0
