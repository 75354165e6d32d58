"""The review TUI driven with Pilot: every key and action, on a known checker."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from review_app.checking.wordlists import WordLists
from review_app.review.journal import sidecar_path
from review_app.review.opening import Review
from review_app.tui.app import ReviewApp
from review_app.tui.keys import KEYS
from review_app.tui.screens.confirm import ChoiceScreen
from review_app.tui.screens.help import HelpScreen
from review_app.tui.screens.prompt import GoToScreen, SearchScreen
from tests.pilot import pilot_test, wait_for
from tests.test_session_support import SAMPLE, DictChecker

SIZE = (100, 30)


@pytest.fixture(autouse=True)
def config_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "config"
    monkeypatch.setenv("REVIEW_APP_CONFIG_DIR", str(folder))
    return folder


def make_app(
    tmp_path: Path, text: str = SAMPLE, *, resume: bool | None = None, **review_options
) -> ReviewApp:
    path = tmp_path / "article.txt"
    if not path.exists():
        path.write_bytes(text.encode("utf-8"))
    words = WordLists(
        personal_path=tmp_path / "config" / "dictionary.txt", personal=set(), project=set()
    )
    review = Review.open(path, words=words, **review_options)
    return ReviewApp(review, lambda: DictChecker(accepted=words.personal), resume=resume)


async def ready(pilot) -> ReviewApp:
    app = pilot.app
    await wait_for(pilot, lambda: app.checking_done)
    await wait_for(
        pilot,
        lambda: all(
            app.session.suggestions_known(app.current, f) for f in app.session.flags(app.current)
        ),
    )
    return app


@pilot_test
async def test_moving_through_sentences(tmp_path) -> None:
    app = make_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        await pilot.press("j", "down")
        assert app.current == 2
        await pilot.press("k")
        assert app.current == 1
        await pilot.press("up", "up")
        assert app.current == 0
        await pilot.press("end")
        assert app.current == 5
        await pilot.press("home", "pagedown")
        assert app.current == 5
        await pilot.press("pageup")
        assert app.current == 0


@pilot_test
async def test_next_and_previous_flagged(tmp_path) -> None:
    app = make_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        await pilot.press("n", "n", "n")
        assert app.current == 4  # sentence 3 ("Keine Probleme hier.") has no flags
        await pilot.press("p")
        assert app.current == 2
        await pilot.press("end", "n")
        assert app.current == 5


@pilot_test
async def test_tab_selects_the_next_flag_and_digits_apply_its_suggestions(tmp_path) -> None:
    app = make_app(tmp_path, "Die Lockereung und und Trotzdessen.\n")
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        assert len(app.session.flags(0)) == 3
        await pilot.press("tab", "tab")
        assert app.selected_flag == 2
        await pilot.press("tab")
        assert app.selected_flag == 0
        await pilot.press("shift+tab")
        assert app.selected_flag == 2
        await pilot.press("2")
        assert app.session.text(0) == "Die Lockereung und und Trotz dessen."
        await wait_for(pilot, lambda: not app.session.is_stale(0))
        assert app.selected_flag == 0  # after a fix: the most severe flag left, not a neighbour
        await pilot.press("9")  # the spelling flag has two suggestions only
        assert app.session.text(0) == "Die Lockereung und und Trotz dessen."
        await pilot.press("tab", "1")  # the warning, chosen
        assert app.session.text(0) == "Die Lockereung und Trotz dessen."


@pilot_test
async def test_apply_everywhere_fixes_every_occurrence_and_undoes_as_one(tmp_path) -> None:
    text = "Die Lockereung kam.\nEr sah nichts.\nDie Lockereung blieb.\nLockereung hier.\n"
    app = make_app(tmp_path, text)
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        await pilot.press("A")
        await pilot.pause()
        texts = [app.session.text(i) for i in range(len(app.session))]
        assert texts == ["Die Lockerung kam.", "Er sah nichts.", "Die Lockerung blieb.",
                         "Lockerung hier."]  # fmt: skip
        assert len(app.session.done_actions) == 1
        records = [json.loads(line) for line in app.review.journal.path.read_text().splitlines()]
        assert records[-1]["do"]["kind"] == "change_many"
        await pilot.press("u")
        await pilot.pause()
        assert app.session.replacements() == {}


@pilot_test
async def test_edit_in_text_area_keeps_edit_and_rechecks(tmp_path) -> None:
    app = make_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        await pilot.press("e")
        editor = app.query_one("#editor")
        assert editor.is_open and app.focused is editor
        editor.text = "Erste Zeile mit Fehlre und und mehr."
        await pilot.press("escape")
        assert not editor.is_open
        assert app.session.text(0) == "Erste Zeile mit Fehlre und und mehr."
        await wait_for(pilot, lambda: not app.session.is_stale(0))
        assert [f.rule_id for f in app.session.flags(0)] == ["SPELLING", "DOUBLE_WORD"]
        await pilot.press("enter")
        assert editor.is_open
        await pilot.press("end", "x", "escape")
        assert app.session.text(0).endswith("mehr.x")


@pilot_test
async def test_ignore_flag_rule_and_add_word(tmp_path, config_dir) -> None:
    app = make_app(tmp_path, "Fehlre hier. Fehlre da. Das ist ist gut. Und und so.\n")
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        assert app.session.open_flags_total == 4
        await pilot.press("i")
        assert app.session.open_flag_count(0) == 0
        await pilot.press("j", "j", "I")
        assert app.session.open_flags_total == 1
        await pilot.press("k", "a")
        assert app.session.open_flags_total == 0
        assert (config_dir / "dictionary.txt").read_text(encoding="utf-8") == "Fehlre\n"
        await pilot.press("u", "u", "u")
        assert app.session.open_flags_total == 4
        await pilot.press("U", "ctrl+r")
        assert app.session.open_flags_total == 1


@pilot_test
async def test_space_marks_reviewed_and_filter_cycles(tmp_path) -> None:
    app = make_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        await pilot.press("space")
        assert app.session.is_reviewed(0) and app.current == 1
        await pilot.press("f")
        assert app.filter == "flagged"
        assert list(app.sentence_list.rows) == [0, 1, 2, 4, 5]
        await pilot.press("f")
        assert app.filter == "unreviewed"
        assert 0 not in app.sentence_list.rows
        await pilot.press("f")
        assert app.filter == "all" and len(app.sentence_list.rows) == 6


@pilot_test
async def test_undo_redo_every_action_including_edits(tmp_path) -> None:
    app = make_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        await pilot.press("1")
        assert app.session.text(0) == "Erste Zeile mit einem Fehler."
        await pilot.press("space", "e")
        app.query_one("#editor").text = "Neu."
        await pilot.press("escape")
        assert app.session.text(1) == "Neu."
        await pilot.press("u")
        assert app.session.text(1) == "Trotzdessen erhielt er Applaus." and app.current == 1
        await pilot.press("u", "u")
        assert app.session.text(0) == "Erste Zeile mit einem Fehlre."
        assert not app.session.is_reviewed(0) and app.current == 0
        await pilot.press("u")  # nothing left: a notice, no error
        await pilot.press("U", "U", "ctrl+r")
        assert app.session.text(1) == "Neu." and app.session.is_reviewed(0)


@pilot_test
async def test_save_with_w_and_ctrl_s(tmp_path) -> None:
    app = make_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        await pilot.press("1", "w")
        revised = tmp_path / "article.revised.txt"
        assert revised.read_text(encoding="utf-8") == SAMPLE.replace("Fehlre", "Fehler")
        assert not app.session.has_unsaved_changes
        await pilot.press("j", "1", "ctrl+s")
        assert "Trotzdem erhielt" in revised.read_text(encoding="utf-8")
        assert (tmp_path / "article.txt").read_text(encoding="utf-8") == SAMPLE


@pilot_test
async def test_quit_without_changes_exits(tmp_path) -> None:
    app = make_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        await pilot.press("q")
    assert app.return_value == 0


@pytest.mark.parametrize(("answer", "saved"), [("s", True), ("d", False)])
@pilot_test
async def test_quit_with_unsaved_changes_asks(tmp_path, answer, saved) -> None:
    app = make_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        await pilot.press("1", "q")
        assert isinstance(app.screen, ChoiceScreen)
        await pilot.press("escape")
        assert not isinstance(app.screen, ChoiceScreen) and app.is_running
        await pilot.press("q", answer)
    assert app.return_value == 0
    assert (tmp_path / "article.revised.txt").exists() is saved


@pilot_test
async def test_help_go_to_and_search(tmp_path) -> None:
    app = make_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        await pilot.press("question_mark")
        assert isinstance(app.screen, HelpScreen)
        await pilot.press("escape")
        await pilot.press("g")
        assert isinstance(app.screen, GoToScreen)
        await pilot.press("5", "enter")
        assert app.current == 4
        await pilot.press("g", "9", "9", "enter")  # out of range: stays
        assert app.current == 4
        await pilot.press("slash")
        assert isinstance(app.screen, SearchScreen)
        await pilot.press(*"applaus", "enter")
        assert app.current == 1
        await pilot.press("slash", "escape")
        assert app.current == 1


@pilot_test
async def test_every_key_is_in_the_command_palette(tmp_path) -> None:
    app = make_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        titles = {command.title for command in app.get_system_commands(app.screen)}
        assert {key.title for key in KEYS} <= titles
        await pilot.press("ctrl+p")
        await pilot.pause(0.1)
        await pilot.press(*"Flagged")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await wait_for(pilot, lambda: app.current == 1)


@pilot_test
async def test_resume_prompt_replays_the_journal(tmp_path) -> None:
    app = make_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        await pilot.press("1", "space")
    # the app was left without saving: reopening offers to resume
    again = make_app(tmp_path)
    async with again.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(again.screen, ChoiceScreen)
        await pilot.press("r")
        await ready(pilot)
        assert again.session.text(0) == "Erste Zeile mit einem Fehler."
        assert again.session.is_reviewed(0)
        assert again.session.has_unsaved_changes
    fresh = make_app(tmp_path)
    async with fresh.run_test(size=SIZE) as pilot:
        await pilot.press("n")
        await ready(pilot)
        assert not fresh.session.replacements()


@pilot_test
async def test_actions_reach_the_journal_at_once(tmp_path) -> None:
    app = make_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        await pilot.press("1", "i", "u")
        lines = sidecar_path(tmp_path / "article.txt").read_text(encoding="utf-8").splitlines()
        kinds = [json.loads(line) for line in lines[1:]]
        assert kinds[0]["do"]["kind"] == "change" and kinds[-1]["undo"] is True
        assert kinds[-1]["action"] == kinds[0]["do"]  # an undo names what it takes back


@pilot_test
async def test_original_changed_on_disk_asks_before_saving(tmp_path) -> None:
    app = make_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        (tmp_path / "article.txt").write_text(SAMPLE + "Neu.\n", encoding="utf-8")
        await pilot.press("1", "w")
        assert isinstance(app.screen, ChoiceScreen)
        assert not (tmp_path / "article.revised.txt").exists()
        await pilot.press("y")
        assert (tmp_path / "article.revised.txt").exists()


@pilot_test
async def test_mouse_click_selects_a_sentence(tmp_path) -> None:
    app = make_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        await pilot.click("#list", offset=(5, 3))
        assert app.current == 3


SEED = Path(__file__).resolve().parents[1] / "corpus" / "putin-nordkorea.mt.de.txt"


async def apply_fix(pilot, app: ReviewApp, wrong: str, right: str) -> None:
    """With the keys only: n to the sentence, tab to the flag, the digit of `right`."""
    await pilot.press("home")
    for _ in range(len(app.session)):
        if wrong in app.session.text(app.current):
            break
        await pilot.press("n")
    for _ in range(len(app.session.flags(app.current))):
        if app._selected().flagged(app.session.text(app.current)) == wrong:
            break
        await pilot.press("tab")
    await wait_for(pilot, lambda: app.session.suggestions_known(app.current, app._selected()), 30)
    suggestions = app._selected().suggestions
    assert right in suggestions, suggestions
    await pilot.press(str(suggestions.index(right) + 1))


@pilot_test
async def test_seed_article_end_to_end_with_the_offline_checker(tmp_path) -> None:
    from review_app.checking.select import make_checker
    from review_app.config import CheckSettings, Settings, WordsSettings

    path = tmp_path / SEED.name
    original = SEED.read_bytes()
    path.write_bytes(original)
    settings = Settings(
        check=CheckSettings(checker="offline"),
        words=WordsSettings(personal_dictionary=tmp_path / "dictionary.txt"),
    )
    words = WordLists.from_settings(settings.words)
    review = Review.open(path, words=words)
    app = ReviewApp(review, lambda: make_checker(settings, words), resume=False)
    async with app.run_test(size=SIZE) as pilot:
        await wait_for(pilot, lambda: app.checking_done, 30)
        assert app.checker_label.startswith("offline")
        await apply_fix(pilot, app, "Lockereung", "Lockerung")
        await apply_fix(pilot, app, "Trotzdessen", "Trotzdem")
        await pilot.press("w")
        await pilot.press("q")
    saved = (tmp_path / "putin-nordkorea.mt.de.revised.txt").read_bytes()
    text = original.decode("utf-8")
    assert text.count("Lockereung") == 1 and text.count("Trotzdessen") == 1
    expected = text.replace("Lockereung", "Lockerung").replace("Trotzdessen", "Trotzdem")
    assert saved == expected.encode("utf-8")
    assert path.read_bytes() == original


@pilot_test
async def test_large_file_opens_on_its_first_lines_and_resumes_after_reading(tmp_path) -> None:
    text = SAMPLE * 40
    app = make_app(tmp_path, text, preview_chars=500)
    async with app.run_test(size=SIZE) as pilot:
        await wait_for(pilot, lambda: app.review.loaded)
        await ready(pilot)
        assert len(app.session) == 240
        await pilot.press("end", "1")
        assert app.session.text(239) == "Er lächelte."
    again = make_app(tmp_path, text, preview_chars=500)
    async with again.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("r")
        await wait_for(pilot, lambda: again.started)
        assert again.session.text(239) == "Er lächelte."
        await pilot.press("w")
    assert (tmp_path / "article.revised.txt").read_text(encoding="utf-8").endswith("Er lächelte.\n")


@pilot_test
async def test_suggestions_for_the_next_flagged_sentences_are_fetched_ahead(tmp_path) -> None:
    app = make_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        session = app.session
        await wait_for(
            pilot,
            lambda: all(session.suggestions_known(i, f) for i in (1, 2) for f in session.flags(i)),
        )
        assert not any(session.suggestions_known(4, f) for f in session.flags(4))
        await pilot.press("n", "1")  # no waiting: the suggestion is already there
        assert session.text(1) == "Trotzdem erhielt er Applaus."


@pilot_test
async def test_sentence_diff_panel_and_document_diff_screen(tmp_path) -> None:
    from review_app.tui.screens.document_diff import DocumentDiffScreen
    from review_app.tui.widgets.sentence_diff import SentenceDiff

    app = make_app(tmp_path, "Die Lockereung kam. Alles gut.\nNoch ein Satz.\n")
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        panel = app.query_one(SentenceDiff)
        assert not panel.display
        await pilot.press("d")
        assert panel.display
        assert panel.hter == 0.0
        await pilot.press("1")  # Lockereung → Lockerung
        assert app.session.text(0) == "Die Lockerung kam."
        await pilot.pause()
        assert panel.hter == pytest.approx(100 / 3)  # one substitution, three words
        await pilot.press("j")
        assert panel.hter == 0.0
        await pilot.press("D")
        screen = app.screen
        assert isinstance(screen, DocumentDiffScreen)
        await wait_for(pilot, lambda: screen.ready, timeout=20)
        assert screen.comparison.score("HTER").value == pytest.approx(100 / 8)
        await pilot.press("enter")  # go to the edited sentence
        assert not isinstance(app.screen, DocumentDiffScreen)
        assert app.current == 0
        await pilot.press("d")
        assert not panel.display
