"""The TUI for professional post-editing: the most severe flag first, hints chosen on purpose,
the selected flag always on screen, short checker name, loading, legend, resume, find and
replace, and bilingual units (source above target, tags as labels, notes, glossary marks)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from rich.console import Console

from review_app.bilingual.model import InlineTag, State, TagKind, Unit
from review_app.checking import CheckerInfo, Flag, Severity
from review_app.checking.wordlists import WordLists
from review_app.document.model import Document, Segment
from review_app.document.textio import read_text
from review_app.review.opening import Review
from review_app.review.session import Session
from review_app.tui.app import ReviewApp, where_left
from review_app.tui.checking import short_name
from review_app.tui.find import find_in, find_pattern, spans_in
from review_app.tui.screens.help import LEGEND, HelpScreen, help_text
from review_app.tui.screens.replace import ReplaceScreen
from review_app.tui.widgets.sentence_view import SentenceView, best_flag
from review_app.tui.widgets.status_bar import StatusBar
from tests.pilot import pilot_test, wait_for
from tests.test_session_support import SAMPLE, DictChecker
from tests.test_tui import make_app, ready

SMALL = (80, 24)


@pytest.fixture(autouse=True)
def config_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "config"
    monkeypatch.setenv("REVIEW_APP_CONFIG_DIR", str(folder))
    return folder


class NameChecker(DictChecker):
    """DictChecker, plus "Jill" as a probable-name hint with guesses for suggestions."""

    def _flags(self, text: str, suggest: bool) -> list[Flag]:
        flags = super()._flags(text, suggest)
        start = text.find("Jill")
        if start >= 0:
            flags.append(
                Flag(
                    start=start,
                    end=start + 4,
                    message="Unknown word (probably a name)",
                    rule_id="PROBABLE_NAME",
                    category="TYPOS",
                    severity=Severity.HINT,
                    suggestions=("Kill", "Till") if suggest else (),
                    checker="dict",
                    word="Jill",
                )
            )
        return flags


def words(tmp_path: Path) -> WordLists:
    return WordLists(personal_path=tmp_path / "config" / "d.txt", personal=set(), project=set())


def name_app(tmp_path: Path, text: str) -> ReviewApp:
    path = tmp_path / "article.txt"
    path.write_text(text, encoding="utf-8")
    return ReviewApp(Review.open(path, words=words(tmp_path)), NameChecker, resume=False)


def view_lines(app: ReviewApp) -> list[str]:
    """The sentence view as drawn, line by line."""
    view = app.query_one(SentenceView)
    console = Console(width=view.content_region.width, force_terminal=True, color_system=None)
    lines = console.render_lines(view.render(), pad=False)
    return ["".join(segment.text for segment in line) for line in lines]


# ----- 2. the most severe flag first; hints only on purpose ------------------------------------


def test_best_flag_is_the_most_severe_then_the_first() -> None:
    def flag(start: int, severity: Severity) -> Flag:
        return Flag(start, start + 1, "m", "R", "C", severity, (), "t")

    assert best_flag([]) == 0
    hint, warning, error = Severity.HINT, Severity.WARNING, Severity.ERROR
    assert best_flag([flag(0, hint), flag(2, warning), flag(4, error), flag(6, error)]) == 2
    assert best_flag([flag(0, hint), flag(2, hint)]) == 0


@pilot_test
async def test_selection_starts_on_and_moves_to_the_most_severe_flag(tmp_path) -> None:
    app = name_app(tmp_path, "Jill sah die Lockereung und und mehr.\n")
    async with app.run_test(size=SMALL) as pilot:
        await ready(pilot)
        rules = [f.rule_id for f in app.session.flags(0)]
        assert rules == ["PROBABLE_NAME", "SPELLING", "DOUBLE_WORD"]
        assert app.selected_flag == 1 and not app.on_purpose  # the error, not the first hint
        await pilot.press("1")
        assert app.session.text(0) == "Jill sah die Lockerung und und mehr."
        await wait_for(pilot, lambda: not app.session.is_stale(0))
        assert app._selected().rule_id == "DOUBLE_WORD"  # the warning, not the hint beside it
        await pilot.press("1")
        await wait_for(pilot, lambda: not app.session.is_stale(0))
        assert app.session.text(0) == "Jill sah die Lockerung und mehr."
        assert app._selected().rule_id == "PROBABLE_NAME"
        await ready(pilot)
        await pilot.press("1", "A")  # a hint the app selected: keys do nothing
        assert app.session.text(0) == "Jill sah die Lockerung und mehr."
        await pilot.press("tab", "1")  # chosen on purpose: now they do
        assert app.session.text(0) == "Kill sah die Lockerung und mehr."


@pilot_test
async def test_a_hint_gets_numbered_suggestions_only_once_chosen(tmp_path) -> None:
    app = name_app(tmp_path, "Jill kam.\n")
    async with app.run_test(size=SMALL) as pilot:
        await ready(pilot)
        shown = "\n".join(view_lines(app))
        assert "maybe Kill · Till" in shown and " 1  Kill" not in shown
        await pilot.press("tab")
        shown = "\n".join(view_lines(app))
        assert " 1  Kill" in shown and "maybe" not in shown


# ----- 1. the selected flag and its suggestions always on screen -------------------------------


@pilot_test
async def test_at_80x24_the_selected_flag_and_its_suggestions_are_always_shown(tmp_path) -> None:
    sentence = " ".join(f"Wort{n} Fehlre und und" for n in range(8)) + " Ende."
    app = make_app(tmp_path, sentence + "\n", resume=False)
    async with app.run_test(size=SMALL) as pilot:
        await wait_for(pilot, lambda: app.checking_done)
        flags = app.session.flags(0)
        assert len(flags) == 16
        height = app.query_one(SentenceView).content_region.height
        for number in range(1, len(flags) + 1):
            await wait_for(pilot, lambda: app.session.suggestions_known(0, app._selected()))
            lines = view_lines(app)
            assert len(lines) <= height
            selected = [i for i, line in enumerate(lines) if line.startswith("▶")]
            assert selected and lines[selected[0]].startswith(f"▶ {number}. ")
            below = "\n".join(lines[selected[0] :])
            assert " 1  " in below  # its first suggestion with its key, on screen
            await pilot.press("tab")
        assert any("above" in line for line in view_lines(app)) is False  # back at the top


# ----- 3, 4. footer and status bar -------------------------------------------------------------


@pilot_test
async def test_footer_at_80_columns_shows_help_and_quit(tmp_path) -> None:
    app = make_app(tmp_path, resume=False)
    async with app.run_test(size=SMALL) as pilot:
        await ready(pilot)
        footer = app.screen.query_one("Footer")
        shown = [item for item in footer.query("FooterKey") if item.region.right <= 80]
        assert {"app.help", "app.quit"} <= {item.action for item in shown}
        assert sum(item.region.width for item in footer.query("FooterKey")) <= 80


def test_short_checker_names() -> None:
    offline = "offline (Hunspell de_DE 2017-01-09, /usr/share/hunspell/de_DE_frami.dic)"
    assert short_name(CheckerInfo("offline", offline, "f")) == "offline"
    local = "LanguageTool 6.5 (local install /home/u/.cache/LanguageTool-6.5)"
    assert short_name(CheckerInfo("languagetool", local, "f")) == "LanguageTool 6.5"
    server = "LanguageTool ? at https://lt.example.org/v2"
    assert short_name(CheckerInfo("languagetool", server, "f")) == "LanguageTool (server)"
    fallback = f"{offline}; took over because no server at http://localhost:8081"
    assert short_name(CheckerInfo("offline", fallback, "f")) == "offline (fallback)"


@pilot_test
async def test_status_bar_names_the_checker_briefly_and_help_in_full(tmp_path) -> None:
    app = make_app(tmp_path, resume=False)
    async with app.run_test(size=SMALL) as pilot:
        await ready(pilot)
        assert app.query_one(StatusBar).content.plain.endswith("│ dict")
        await pilot.press("question_mark")
        assert isinstance(app.screen, HelpScreen)
        assert app.screen.checker == "dict checker (tests)"


# ----- 5. loading ------------------------------------------------------------------------------


@pilot_test
async def test_the_title_says_loading_and_the_count_so_far(tmp_path) -> None:
    app = make_app(tmp_path, SAMPLE * 50, resume=False, preview_chars=200)
    async with app.run_test(size=SMALL) as pilot:
        view = app.query_one(SentenceView)
        await wait_for(pilot, lambda: bool(view_lines(app)))
        title, loaded, count = view_lines(app)[0], app.review.loaded, len(app.session)
        if not loaded and "loading" in title:  # almost always: the first screen comes first
            assert title.startswith(f"Sentence 1 of {count}+ · loading…")
        await wait_for(pilot, lambda: app.review.loaded)
        await pilot.pause()
        assert view_lines(app)[0].startswith("Sentence 1 of 300") and "loading" not in view_lines(
            app
        )[0]
        view.loading = True  # the same title, whatever the timing was
        assert view.title(0, None).plain == "Sentence 1 of 300+ · loading…"


# ----- 6. legend -------------------------------------------------------------------------------


def test_help_has_a_legend_of_every_list_mark_and_the_checker_in_full() -> None:
    console = Console(width=100, color_system=None)
    with console.capture() as capture:
        console.print(help_text("offline (Hunspell de_DE, /path/de_DE_frami.dic)"))
    shown = capture.get()
    for mark in ("●", "✓", "✎", "R", "·", "…", "▶", "<1>"):
        assert mark in {m for m, _, _ in LEGEND} or any(mark in m for m, _, _ in LEGEND)
        assert mark in shown
    assert "reviewed although flags are still open" in shown
    assert "/path/de_DE_frami.dic" in shown


# ----- 7. resume -------------------------------------------------------------------------------


@pilot_test
async def test_resume_after_marking_reviewed_goes_where_the_user_was(tmp_path) -> None:
    app = make_app(tmp_path, resume=False)
    async with app.run_test(size=SMALL) as pilot:
        await ready(pilot)
        await pilot.press("j", "j", "space")  # sentence 3 reviewed: the app goes on to 4
        assert app.current == 3
    again = make_app(tmp_path)
    async with again.run_test(size=SMALL) as pilot:
        await pilot.pause()
        await pilot.press("r")
        await wait_for(pilot, lambda: again.started)
        assert again.review.resume_at == 2
        assert again.current == 3 and again.sentence_list.cursor == 3


def test_where_left_after_each_kind_of_last_action() -> None:
    reviewed = {"kind": "reviewed", "index": 2, "value": True}
    unreviewed = {"kind": "reviewed", "index": 2, "value": False}
    change = {"kind": "change", "index": 2, "before": "a", "after": "b", "how": "edit"}
    saved = {"saved": {"path": "/x", "sha256": "0"}}
    assert where_left([{"do": reviewed}], 2, 6) == 3
    assert where_left([{"do": reviewed}, saved], 2, 6) == 3
    assert where_left([{"do": reviewed}], 5, 6) == 5  # the last sentence: nowhere to go on
    assert where_left([{"do": unreviewed}], 2, 6) == 2
    assert where_left([{"do": change}], 2, 6) == 2
    assert where_left([{"do": reviewed}, {"undo": True, "action": reviewed}], 2, 6) == 2
    assert where_left([{"redo": True, "action": reviewed}], 2, 6) == 2


# ----- 8. find and replace ---------------------------------------------------------------------


def session_of(texts: list[str]) -> Session:
    text = "\n".join(texts)
    segments, position = [], 0
    for index, part in enumerate(texts):
        segments.append(Segment(index, position, position + len(part), part, index))
        position += len(part) + 1
    return Session(Document(text, tuple(segments)))


def test_find_pattern_is_plain_text_with_case_and_whole_word_options() -> None:
    session = session_of(["Der Hund (a.b) und das hundert.", "HUND hund"])
    texts = [session.text(i) for i in range(len(session))]
    spans = lambda pattern: [(m.index, m.start, m.end) for m in find_in(texts, pattern)]  # noqa: E731
    assert spans(find_pattern("hund")) == [(0, 4, 8), (0, 23, 27), (1, 0, 4), (1, 5, 9)]
    assert spans(find_pattern("hund", case_sensitive=True)) == [(0, 23, 27), (1, 5, 9)]
    assert spans(find_pattern("Hund", whole_word=True)) == [(0, 4, 8), (1, 0, 4), (1, 5, 9)]
    assert spans(find_pattern("(a.b)")) == [(0, 9, 14)]  # no regular expressions
    assert spans(find_pattern("a.c")) == []


_WORDS = st.sampled_from(["Hund", "hund", "HUND", "Hunde", "ß", " ", ".", "\u200b", "\ue000"])


@given(
    st.lists(st.lists(_WORDS, max_size=8).map("".join), min_size=1, max_size=5),
    st.sampled_from(["hund", "Hund", "ß", "."]),
    st.sampled_from(["", "Katze", "hund hund"]),
    st.booleans(),
    st.booleans(),
)
@settings(max_examples=200, deadline=None)
def test_replace_all_changes_exactly_the_matches_and_undoes_as_one(
    texts, find, replacement, case_sensitive, whole_word
) -> None:
    session = session_of(texts)
    pattern = find_pattern(find, case_sensitive=case_sensitive, whole_word=whole_word)
    step = session.plan_replace_all(lambda text: spans_in(pattern, text), replacement, "replaced")
    expected = [pattern.sub(replacement.replace("\\", "\\\\"), text) for text in texts]
    if expected == texts:
        assert step is None
        return
    assert step is not None and step.action.kind == "change_many"
    assert json.loads(json.dumps(step.record()))  # a journal record like any other
    session.commit(step)
    assert [session.text(i) for i in range(len(texts))] == expected
    session.commit(session.plan_undo())
    assert [session.text(i) for i in range(len(texts))] == texts


@pilot_test
async def test_find_and_replace_previews_then_replaces_as_one_undo_step(tmp_path) -> None:
    text = "Das ist ist gut.\nHier ist nichts.\nEr ist ist da. Ist es?\n"
    app = make_app(tmp_path, text, resume=False)
    async with app.run_test(size=(100, 30)) as pilot:
        await ready(pilot)
        await pilot.press("percent_sign")
        screen = app.screen
        assert isinstance(screen, ReplaceScreen)
        await pilot.press(*"ist ist")
        await wait_for(pilot, lambda: screen.result is not None and screen.asked.find == "ist ist")
        assert (screen.result.count, screen.result.sentences) == (2, 2)
        shown = screen.preview_text(screen.asked, screen.result).plain
        assert shown.startswith("2 matches in 2 sentences:")
        assert "     1  Das ist ist gut." in shown and "     3  Er ist ist da." in shown
        await pilot.press("tab", *"ist", "enter")
        await pilot.pause()
        assert not isinstance(app.screen, ReplaceScreen)
        assert [app.session.text(i) for i in range(4)] == [
            "Das ist gut.", "Hier ist nichts.", "Er ist da.", "Ist es?"
        ]  # fmt: skip
        records = [json.loads(line) for line in app.review.journal.path.read_text().splitlines()]
        assert records[-1]["do"]["kind"] == "change_many"  # journaled first, one record
        assert len(records[-1]["do"]["changes"]) == 2
        await pilot.press("u")
        assert app.session.replacements() == {}
        await pilot.press("ctrl+h")  # the same screen, the last find and replace kept
        assert isinstance(app.screen, ReplaceScreen)
        screen = app.screen
        await pilot.press("alt+c")  # case-sensitive: "Ist" is not "ist"
        await wait_for(pilot, lambda: screen.result is not None and screen.asked.case_sensitive)
        assert screen.result.count == 2 and screen.asked.find == "ist ist"
        await pilot.press("escape")
        assert app.session.replacements() == {}


# ----- 9. bilingual units ----------------------------------------------------------------------

OPEN = InlineTag("\ue000", TagKind.OPEN, "1", "<1>", '<g id="1">')
CLOSE = InlineTag("\ue001", TagKind.CLOSE, "1", "</1>", "</g>")
BREAK = InlineTag("\ue002", TagKind.STANDALONE, "2", "<x2/>", '<x id="2"/>')
UNITS = (
    ("1", "The relaxation of the \ue000rules\ue001 came.",
     "Die Lockereung der \ue000Regeln\ue001 kam.", (OPEN, CLOSE), ("Keep the tags on the noun.",)),
    ("2", "That is good.", "Das ist ist gut.\ue002", (BREAK,), ()),
    ("3", "No problems here.", "Keine Probleme hier.", (), ()),
)  # fmt: skip


def bilingual_review(tmp_path: Path) -> Review:
    """A review of units built directly: the document is their targets, one per line."""
    text = "".join(target + "\n" for _, _, target, _, _ in UNITS)
    path = tmp_path / "units.txt"
    path.write_bytes(text.encode("utf-8"))
    segments, position = [], 0
    for index, (uid, source, target, tags, notes) in enumerate(UNITS):
        end = position + len(target)
        unit = Unit(index, uid, source, target, position, end, index, tags, State.TRANSLATED,
                    "needs-review-translation", notes)  # fmt: skip
        segments.append(Segment(index, position, end, target, index, unit=unit))
        position = end + 1
    return Review(read_text(path), Document(text, tuple(segments)), words(tmp_path))


def bilingual_app(tmp_path: Path, **options) -> ReviewApp:
    return ReviewApp(bilingual_review(tmp_path), DictChecker, resume=False, **options)


@pilot_test
async def test_bilingual_unit_shows_source_above_target_with_tags_notes_and_id(tmp_path) -> None:
    app = bilingual_app(tmp_path, source_marks=lambda index: [(4, 14)] if index == 0 else [])
    async with app.run_test(size=SMALL) as pilot:
        await ready(pilot)
        lines = view_lines(app)
        assert lines[0].startswith("Sentence 1 of 3 · unit 1 · needs-review-translation")
        assert lines[1] == "source │ The relaxation of the <1>rules</1> came."
        assert lines[2] == "target │ Die Lockereung der <1>Regeln</1> kam."
        assert lines[3] == "note: Keep the tags on the noun."
        assert not any(0xE000 <= ord(c) <= 0xF8FF for line in lines for c in line)
        group = app.query_one(SentenceView).render()
        source = group.renderables[1]
        glossary = [source.plain[s.start : s.end] for s in source.spans if s.style.underline]
        assert glossary == ["relaxation"]  # the hook's span, underlined
        await pilot.press("1")  # Lockereung → Lockerung: the tags stay where they were
        assert app.session.text(0) == "Die Lockerung der \ue000Regeln\ue001 kam."
        await pilot.press("space")
        assert app.current == 1
        lines = view_lines(app)
        assert lines[2] == "target │ Das ist ist gut.<x2/>"
        row = app.sentence_list.render_line(1).text
        assert "Das ist ist gut.<x2/>" in row
        await pilot.press("w")
    saved = (tmp_path / "units.revised.txt").read_text(encoding="utf-8")
    assert saved.splitlines()[0] == "Die Lockerung der \ue000Regeln\ue001 kam."


@pilot_test
async def test_plain_document_has_no_source_gutter(tmp_path) -> None:
    app = make_app(tmp_path, resume=False)
    async with app.run_test(size=SMALL) as pilot:
        await ready(pilot)
        lines = view_lines(app)
        assert lines[0] == "Sentence 1 of 6"
        assert lines[1] == "Erste Zeile mit einem Fehlre."


_EDITED = st.sampled_from(["a", "b", " ", "\ue000", "\ue001", "\u202e", "\n"])


@given(
    st.lists(_EDITED, max_size=12).map("".join),
    st.integers(0, 12),
    st.integers(0, 12),
    st.sampled_from(["", "x", "neu "]),
)
@settings(max_examples=300, deadline=None)
def test_editor_shows_tags_as_a_symbol_and_keeps_them_exactly(original, at, length, typed) -> None:
    from review_app.tui.widgets.sentence_editor import TAG_SYMBOL, editor_text, real_text

    shown = editor_text(original)
    assert len(shown) == len(original)
    assert not any(0xE000 <= ord(c) <= 0xF8FF for c in shown)
    assert shown.count(TAG_SYMBOL) == original.count("\ue000") + original.count("\ue001")
    start = min(at, len(shown))
    end = min(start + length, len(shown))
    edited = shown[:start] + typed + shown[end:]  # replace a stretch: typing over a selection
    real = real_text(original, shown, edited)
    # What is shown is what was typed, and the tags kept are the original's, in their order.
    # (From the texts alone, deleting one of two adjacent ◈ cannot say which one went: the
    # editor itself follows each edit where it happens, and `real_text` is its fallback.)
    assert editor_text(real) == edited
    tags = [c for c in real if 0xE000 <= ord(c) <= 0xF8FF]
    remaining = iter(c for c in original if 0xE000 <= ord(c) <= 0xF8FF)
    assert all(tag in remaining for tag in tags)  # a subsequence of the original's tags
    if "◈◈" not in shown[max(0, start - 1) : end + 1]:
        assert real == original[:start] + typed + original[end:]


@pilot_test
async def test_editing_a_unit_keeps_its_tags(tmp_path) -> None:
    app = bilingual_app(tmp_path)
    async with app.run_test(size=SMALL) as pilot:
        await ready(pilot)
        await pilot.press("e")
        editor = app.query_one("#editor")
        assert editor.text == "Die Lockereung der ◈Regeln◈ kam."
        assert "◈ is an inline tag" in editor.border_title
        await pilot.press("home", *"Und ", "escape")
        assert app.session.text(0) == "Und Die Lockereung der \ue000Regeln\ue001 kam."
