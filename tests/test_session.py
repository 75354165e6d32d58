"""The review session core: actions, undo/redo, derived counts, journal replay."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from review_app.checking.wordlists import WordLists
from review_app.document.segment import segment_text
from review_app.review.session import Session
from tests.test_session_support import SAMPLE, TYPOS, DictChecker

WORDS = ["Das", "ist", "gut", "Er", "kam", "heute", "Regeln", *TYPOS]


def check_pending(session: Session, checker: DictChecker) -> None:
    """What the TUI's worker does: check every segment that needs it."""
    pending = list(session.needs_check())
    texts = [session.text(i) for i in pending]
    for index, text, flags in zip(pending, texts, checker.check(texts, suggest=False), strict=True):
        session.set_flags(index, text, flags)


def new_session(text: str = SAMPLE, words: WordLists | None = None) -> Session:
    session = Session(segment_text(text), words)
    check_pending(session, DictChecker())
    return session


def state(session: Session) -> tuple:
    n = len(session)
    return (
        [session.text(i) for i in range(n)],
        [session.flags(i) for i in range(n)],
        [session.status(i) for i in range(n)],
        session.ignored_rules,
        session.added_words,
        session.open_flags_total,
        session.reviewed_count,
    )


def test_sample_counts() -> None:
    session = new_session()
    assert len(session) == 6
    assert [session.open_flag_count(i) for i in range(6)] == [1, 1, 1, 0, 1, 1]
    assert session.open_flags_total == 5
    assert session.checked_count == 6
    assert not session.has_unsaved_changes


def test_accept_replaces_span_and_shifts_later_flags() -> None:
    session = Session(segment_text("Trotzdessen kam die Lockereung.\n"))
    check_pending(session, DictChecker())
    first, _ = session.flags(0)
    session.set_suggestions(0, first, ("Trotzdem",))
    action = session.accept(0, session.flags(0)[0], "Trotzdem")
    assert session.text(0) == "Trotzdem kam die Lockereung."
    assert action.how == "accept" and session.is_edited(0)
    # the later flag moved with the text until the re-check comes in
    assert session.is_stale(0)
    (moved,) = session.flags(0)
    assert moved.flagged(session.text(0)) == "Lockereung"
    check_pending(session, DictChecker())
    assert not session.is_stale(0)
    assert [f.flagged(session.text(0)) for f in session.flags(0)] == ["Lockereung"]


def test_suggestions_are_cached_per_text() -> None:
    session = new_session()
    flag = session.flags(0)[0]
    assert not session.suggestions_known(0, flag)
    session.set_suggestions(0, flag, ("Fehler",))
    assert session.flags(0)[0].suggestions == ("Fehler",)
    assert session.suggestions_known(0, session.flags(0)[0])


def test_edit_then_undo_restores_flags_without_recheck() -> None:
    session = new_session()
    before = state(session)
    session.edit(0, "Erste Zeile ohne Fehler.")
    assert session.is_stale(0) and session.flags(0) == []
    assert session.has_unsaved_changes
    session.undo()
    assert state(session) == before
    assert not session.is_stale(0)
    session.redo()
    assert session.text(0) == "Erste Zeile ohne Fehler."


def test_edit_to_same_text_is_no_action() -> None:
    session = new_session()
    assert session.edit(0, session.text(0)) is None
    assert not session.can_undo()


def test_stale_check_result_is_dropped() -> None:
    session = new_session()
    old = session.text(0)
    session.edit(0, "Neu.")
    assert session.set_flags(0, old, []) is False
    assert session.is_stale(0)


def test_ignore_flag_rule_and_word() -> None:
    session = new_session("Fehlre und Fehlre. Das ist ist gut. Fehlre.\n")
    assert session.open_flags_total == 4
    session.ignore_flag(0, session.flags(0)[0])
    assert session.open_flag_count(0) == 0  # both Fehlre in sentence 0: same rule, same word
    session.ignore_rule("DOUBLE_WORD")
    assert session.open_flags_total == 1
    session.undo()
    session.undo()
    assert session.open_flags_total == 4


def test_add_word_hides_its_flags_everywhere_and_writes_dictionary(tmp_path) -> None:
    words = WordLists(personal_path=tmp_path / "dict.txt", personal=set(), project=set())
    session = new_session("Fehlre hier. Und Fehlre da.\n", words)
    assert session.open_flags_total == 2
    session.add_word("Fehlre")
    assert session.open_flags_total == 0
    assert (tmp_path / "dict.txt").read_text(encoding="utf-8") == "Fehlre\n"
    session.undo()
    assert session.open_flags_total == 2
    assert (tmp_path / "dict.txt").read_text(encoding="utf-8") == ""


def test_reviewed_toggle_and_unsaved_state() -> None:
    session = new_session()
    session.toggle_reviewed(3)
    assert session.is_reviewed(3) and session.reviewed_count == 1
    session.toggle_reviewed(3)
    assert session.reviewed_count == 0
    session.undo()
    assert session.reviewed_count == 1
    session.edit(1, "Anders.")
    session.mark_saved()
    assert not session.has_unsaved_changes
    session.undo()
    assert session.has_unsaved_changes


def test_new_action_clears_redo() -> None:
    session = new_session()
    session.toggle_reviewed(0)
    session.undo()
    assert session.can_redo()
    session.toggle_reviewed(1)
    assert not session.can_redo()
    assert session.redo() is None


# ----- properties ------------------------------------------------------------------------

ACTION = st.one_of(
    st.tuples(st.just("edit"), st.integers(0, 50), st.lists(st.sampled_from(WORDS), max_size=6)),
    st.tuples(st.just("accept"), st.integers(0, 50), st.integers(0, 3), st.integers(0, 2)),
    st.tuples(st.just("ignore_flag"), st.integers(0, 50), st.integers(0, 3)),
    st.tuples(st.just("ignore_rule"), st.sampled_from(["SPELLING", "DOUBLE_WORD"])),
    st.tuples(st.just("add_word"), st.sampled_from(list(TYPOS))),
    st.tuples(st.just("reviewed"), st.integers(0, 50)),
    st.tuples(st.just("undo")),
    st.tuples(st.just("redo")),
    st.tuples(st.just("check")),
)

LINES = st.lists(
    st.lists(st.sampled_from(WORDS), min_size=1, max_size=8).map(lambda ws: " ".join(ws) + "."),
    min_size=1,
    max_size=6,
)


def run_actions(session: Session, actions: list[tuple], checker: DictChecker) -> None:
    n = len(session)
    for action in actions:
        match action:
            case ("edit", i, words):
                session.edit(i % n, " ".join(words))
            case ("accept", i, k, s):
                flags = session.flags(i % n)
                if flags:
                    flag = flags[k % len(flags)]
                    text = session.text(i % n)
                    suggestions = checker.suggest(text, flag)
                    if suggestions:
                        session.accept(i % n, flag, suggestions[s % len(suggestions)])
            case ("ignore_flag", i, k):
                flags = session.flags(i % n)
                if flags:
                    session.ignore_flag(i % n, flags[k % len(flags)])
            case ("ignore_rule", rule):
                session.ignore_rule(rule)
            case ("add_word", word):
                session.add_word(word)
            case ("reviewed", i):
                session.toggle_reviewed(i % n)
            case ("undo",):
                session.undo()
            case ("redo",):
                session.redo()
            case ("check",):
                check_pending(session, checker)


@settings(max_examples=80, deadline=None)
@given(lines=LINES, actions=st.lists(ACTION, max_size=30))
def test_undo_everything_gives_back_the_original(lines: list[str], actions: list[tuple]) -> None:
    checker = DictChecker()
    session = new_session("\n".join(lines) + "\n")
    original = state(session)
    run_actions(session, actions, checker)
    while session.undo() is not None:
        pass
    check_pending(session, checker)
    assert state(session) == original
    assert session.replacements() == {}


@settings(max_examples=80, deadline=None)
@given(lines=LINES, actions=st.lists(ACTION, max_size=30))
def test_journal_replay_equals_live_state(lines: list[str], actions: list[tuple]) -> None:
    text = "\n".join(lines) + "\n"
    checker = DictChecker()
    live = new_session(text)
    records: list[dict] = []
    live.record_to(records.append)
    run_actions(live, actions, checker)
    check_pending(live, checker)

    replayed = new_session(text)
    for record in records:
        replayed.replay(record)
    check_pending(replayed, checker)
    assert state(replayed) == state(live)
    assert replayed.can_undo() == live.can_undo()
    assert replayed.can_redo() == live.can_redo()
    while live.undo() is not None:
        assert replayed.undo() is not None
        check_pending(live, checker)
        check_pending(replayed, checker)
        assert state(replayed) == state(live)
