"""The review session core: planned steps, commit, undo/redo, derived counts, journal replay."""

from __future__ import annotations

import json
from dataclasses import replace

from hypothesis import given, settings
from hypothesis import strategies as st

from review_app.document.segment import segment_text
from review_app.review.actions import Step
from review_app.review.session import Session
from tests.test_session_support import SAMPLE, TYPOS, DictChecker

WORDS = ["Das", "ist", "gut", "Er", "kam", "heute", "Regeln", *TYPOS]


def check_pending(session: Session, checker: DictChecker) -> None:
    """What the TUI's worker does: check every segment that needs it."""
    pending = list(session.needs_check())
    texts = [session.text(i) for i in pending]
    for index, text, flags in zip(pending, texts, checker.check(texts, suggest=False), strict=True):
        session.set_flags(index, text, flags)


def suggest_all(session: Session, index: int, checker: DictChecker) -> None:
    """What the TUI's suggestion worker does for one sentence: store each flag's suggestions."""
    index %= len(session)
    text = session.text(index)
    for flag in session.flags(index):
        session.set_suggestions(index, flag, checker.suggest(text, flag))


def new_session(text: str = SAMPLE) -> Session:
    session = Session(segment_text(text))
    check_pending(session, DictChecker())
    return session


def commit(session: Session, step: Step | None) -> Step | None:
    """What `Review.perform` does, minus the journal: commit a planned step, if any."""
    if step is not None:
        session.commit(step)
    return step


def state(session: Session) -> tuple:
    n = len(session)
    return (
        [session.text(i) for i in range(n)],
        # suggestions are a lookup cache, not state: undo and replay need not restore them
        [[replace(f, suggestions=()) for f in session.flags(i)] for i in range(n)],
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
    step = session.plan_accept(0, session.flags(0)[0], "Trotzdem")
    assert session.text(0) == "Trotzdessen kam die Lockereung."  # planning changes nothing
    commit(session, step)
    assert session.text(0) == "Trotzdem kam die Lockereung."
    assert step.action.how == "accept" and session.is_edited(0)
    # the later flag moved with the text until the re-check comes in
    assert session.is_stale(0)
    (moved,) = session.flags(0)
    assert moved.flagged(session.text(0)) == "Lockereung"
    check_pending(session, DictChecker())
    assert not session.is_stale(0)
    assert [f.flagged(session.text(0)) for f in session.flags(0)] == ["Lockereung"]


def test_flags_read_before_a_change_are_not_served_after_it() -> None:
    session = new_session(SAMPLE)
    checker = DictChecker()
    check_pending(session, checker)
    index = next(i for i in range(len(session)) if session.flags(i))
    flag = session.flags(index)[0]
    session.set_suggestions(index, flag, ("Neu",))
    assert "Neu" in session.flags(index)[0].suggestions
    commit(session, session.plan_ignore_rule(flag.rule_id))
    assert all(f.rule_id != flag.rule_id for f in session.flags(index))
    session.flags(index).clear()  # a caller's copy: the session's own list is not touched
    commit(session, session.plan_undo())
    assert session.flags(index)[0].suggestions[-1] == "Neu"


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
    commit(session, session.plan_edit(0, "Erste Zeile ohne Fehler."))
    assert session.is_stale(0) and session.flags(0) == []
    assert session.has_unsaved_changes
    commit(session, session.plan_undo())
    assert state(session) == before
    assert not session.is_stale(0)
    commit(session, session.plan_redo())
    assert session.text(0) == "Erste Zeile ohne Fehler."


def test_edit_to_same_text_is_no_action() -> None:
    session = new_session()
    assert session.plan_edit(0, session.text(0)) is None
    assert not session.can_undo()


def test_stale_check_result_is_dropped() -> None:
    session = new_session()
    old = session.text(0)
    commit(session, session.plan_edit(0, "Neu."))
    assert session.set_flags(0, old, []) is False
    assert session.is_stale(0)


def test_ignore_flag_rule_and_word() -> None:
    session = new_session("Fehlre und Fehlre. Das ist ist gut. Fehlre.\n")
    assert session.open_flags_total == 4
    commit(session, session.plan_ignore_flag(0, session.flags(0)[0]))
    assert session.open_flag_count(0) == 0  # both Fehlre in sentence 0: same rule, same word
    commit(session, session.plan_ignore_rule("DOUBLE_WORD"))
    assert session.open_flags_total == 1
    commit(session, session.plan_undo())
    commit(session, session.plan_undo())
    assert session.open_flags_total == 4


def test_add_word_hides_its_flags_everywhere() -> None:
    session = new_session("Fehlre hier. Und Fehlre da.\n")
    assert session.open_flags_total == 2
    commit(session, session.plan_add_word("Fehlre"))
    assert session.open_flags_total == 0
    assert session.plan_add_word(" Fehlre ") is None
    commit(session, session.plan_undo())
    assert session.open_flags_total == 2


def test_reviewed_toggle_and_unsaved_state() -> None:
    session = new_session()
    commit(session, session.plan_toggle_reviewed(3))
    assert session.is_reviewed(3) and session.reviewed_count == 1
    commit(session, session.plan_toggle_reviewed(3))
    assert session.reviewed_count == 0
    commit(session, session.plan_undo())
    assert session.reviewed_count == 1
    commit(session, session.plan_edit(1, "Anders."))
    session.mark_saved()
    assert not session.has_unsaved_changes
    commit(session, session.plan_undo())
    assert session.has_unsaved_changes


def test_new_action_clears_redo() -> None:
    session = new_session()
    commit(session, session.plan_toggle_reviewed(0))
    commit(session, session.plan_undo())
    assert session.can_redo()
    commit(session, session.plan_toggle_reviewed(1))
    assert not session.can_redo()
    assert session.plan_redo() is None


# ----- properties ------------------------------------------------------------------------

ACTION = st.one_of(
    st.tuples(st.just("edit"), st.integers(0, 50), st.lists(st.sampled_from(WORDS), max_size=6)),
    st.tuples(st.just("accept"), st.integers(0, 50), st.integers(0, 3), st.integers(0, 2)),
    st.tuples(st.just("ignore_flag"), st.integers(0, 50), st.integers(0, 3)),
    st.tuples(st.just("ignore_rule"), st.sampled_from(["SPELLING", "DOUBLE_WORD"])),
    st.tuples(st.just("add_word"), st.sampled_from(list(TYPOS))),
    st.tuples(st.just("reviewed"), st.integers(0, 50)),
    st.tuples(st.just("everywhere"), st.integers(0, 50), st.integers(0, 3)),
    st.tuples(st.just("suggest"), st.integers(0, 50)),
    st.tuples(st.just("undo")),
    st.tuples(st.just("redo")),
    st.tuples(st.just("check")),
)

LINES = st.lists(
    st.lists(st.sampled_from(WORDS), min_size=1, max_size=8).map(lambda ws: " ".join(ws) + "."),
    min_size=1,
    max_size=6,
)


def plan(session: Session, action: tuple, checker: DictChecker) -> Step | None:
    """The step for one generated action (None when it means nothing here)."""
    n = len(session)
    match action:
        case ("edit", i, words):
            return session.plan_edit(i % n, " ".join(words))
        case ("accept", i, k, s):
            flags = session.flags(i % n)
            if not flags:
                return None
            flag = flags[k % len(flags)]
            suggestions = checker.suggest(session.text(i % n), flag)
            if not suggestions:
                return None
            return session.plan_accept(i % n, flag, suggestions[s % len(suggestions)])
        case ("ignore_flag", i, k):
            flags = session.flags(i % n)
            return session.plan_ignore_flag(i % n, flags[k % len(flags)]) if flags else None
        case ("ignore_rule", rule):
            return session.plan_ignore_rule(rule)
        case ("add_word", word):
            return session.plan_add_word(word)
        case ("reviewed", i):
            return session.plan_toggle_reviewed(i % n)
        case ("everywhere", i, k):
            flags = [flag for flag in session.flags(i % n) if flag.suggestions]
            if not flags:
                return None
            flag = flags[k % len(flags)]
            flagged = flag.flagged(session.text(i % n))
            return session.plan_fix_everywhere(flag.rule_id, flagged, flag.suggestions[0])
        case ("undo",):
            return session.plan_undo()
        case ("redo",):
            return session.plan_redo()
    return None


def run_actions(
    session: Session, actions: list[tuple], checker: DictChecker, *, look: bool = False
) -> list[dict]:
    """Commit each action's step; the journal records they make, in order. With `look`, every
    sentence's flags are read after each step, as the screen does (they are cached)."""
    records = []
    for action in actions:
        if action == ("check",):
            check_pending(session, checker)
            continue
        if action[0] == "suggest":
            suggest_all(session, action[1], checker)
            continue
        step = plan(session, action, checker)
        if step is not None:
            assert session.applies(step)
            records.append(step.record())
            session.commit(step)
        if look:
            for index in range(len(session)):
                session.flags(index)
    return records


@settings(max_examples=80, deadline=None)
@given(lines=LINES, actions=st.lists(ACTION, max_size=30))
def test_undo_everything_gives_back_the_original(lines: list[str], actions: list[tuple]) -> None:
    checker = DictChecker()
    session = new_session("\n".join(lines) + "\n")
    original = state(session)
    run_actions(session, actions, checker)
    while commit(session, session.plan_undo()) is not None:
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
    records = run_actions(live, actions, checker, look=True)
    check_pending(live, checker)

    replayed = new_session(text)
    for record in records:
        step = replayed.plan_record(record)
        assert step is not None, record
        replayed.commit(step)
    check_pending(replayed, checker)
    assert state(replayed) == state(live)
    assert replayed.can_undo() == live.can_undo()
    assert replayed.can_redo() == live.can_redo()
    while commit(live, live.plan_undo()) is not None:
        assert commit(replayed, replayed.plan_undo()) is not None
        check_pending(live, checker)
        check_pending(replayed, checker)
        assert state(replayed) == state(live)


@settings(max_examples=60, deadline=None)
@given(lines=LINES, actions=st.lists(ACTION, max_size=25))
def test_planning_changes_nothing(lines: list[str], actions: list[tuple]) -> None:
    """Every plan_* leaves the session exactly as it was: only commit changes it."""
    checker = DictChecker()
    session = new_session("\n".join(lines) + "\n")
    for action in actions:
        if action == ("check",):
            check_pending(session, checker)
            continue
        if action[0] == "suggest":
            suggest_all(session, action[1], checker)
            continue
        before = (state(session), session.can_undo(), session.can_redo(), session.done_actions)
        step = plan(session, action, checker)
        assert (state(session), session.can_undo(), session.can_redo(), session.done_actions) == (
            before
        )
        commit(session, step)


def test_a_fix_everywhere_changes_every_occurrence_as_one_step() -> None:
    text = "Die Lockereung kam.\nEr sah die Lockereung.\nDas ist gut.\nLockereung und Lockereung.\n"
    session = new_session(text)
    checker = DictChecker()
    for index in range(len(session)):
        suggest_all(session, index, checker)
    step = session.plan_fix_everywhere("SPELLING", "Lockereung", "Lockerung")
    assert step is not None and len(step.action.changes) == 3
    records = [step.record()]
    commit(session, step)
    assert [session.text(i) for i in range(4)] == [
        "Die Lockerung kam.",
        "Er sah die Lockerung.",
        "Das ist gut.",
        "Lockerung und Lockerung.",
    ]
    assert session.plan_fix_everywhere("SPELLING", "Lockereung", "Lockerung") is None
    replayed = new_session(text)
    commit(replayed, replayed.plan_record(json.loads(json.dumps(records[0]))))
    assert [replayed.text(i) for i in range(4)] == [session.text(i) for i in range(4)]
    commit(session, session.plan_undo())
    assert session.replacements() == {}


def test_a_fix_everywhere_record_is_checked_like_any_change() -> None:
    session = new_session("Die Lockereung kam.\nEr sah die Lockereung.\n")
    change = {"index": 0, "before": session.text(0), "after": "x"}
    for bad in (
        {"kind": "change_many", "label": "x", "changes": []},
        {"kind": "change_many", "label": "x", "changes": [change, change]},
        {"kind": "change_many", "label": 5, "changes": [change]},
        {"kind": "change_many", "label": "x", "changes": [{**change, "before": "other"}]},
        {"kind": "change_many", "label": "x", "changes": [{**change, "index": 7}]},
        {"kind": "change_many", "label": "x", "changes": ["text"]},
        {"kind": "change_many", "label": "x", "changes": [change], "extra": 1},
    ):
        assert session.plan_record({"do": bad}) is None, bad
    good = session.plan_record({"do": {"kind": "change_many", "label": "x", "changes": [change]}})
    assert good is not None


def test_old_undo_records_without_their_action_still_replay() -> None:
    session = new_session()
    for record in (
        {"do": {"kind": "reviewed", "index": 1, "value": True}},
        {"undo": True},
        {"redo": True},
    ):
        commit(session, session.plan_record(record))
    assert session.is_reviewed(1) and not session.can_redo()


def test_records_that_do_not_fit_are_refused() -> None:
    session = new_session()
    text = session.text(0)
    bad = [
        {"do": {"kind": "change", "index": 0, "before": "not the text", "after": "x"}},
        {"do": {"kind": "change", "index": 99, "before": text, "after": "x", "how": "edit"}},
        {"do": {"kind": "change", "index": -1, "before": text, "after": "x", "how": "edit"}},
        {"do": {"kind": "change", "index": True, "before": text, "after": "x", "how": "edit"}},
        {"do": {"kind": "change", "index": 0, "before": text, "after": 5, "how": "edit"}},
        {"do": {"kind": "change", "index": 0, "before": text, "after": "x", "how": "magic"}},
        {"do": {"kind": "change", "index": 0, "before": text, "after": "x", "extra": 1}},
        {"do": {"kind": "reviewed", "index": 0, "value": False}},  # not reviewed: no change
        {"do": {"kind": "reviewed", "index": 0, "value": 1}},
        {"do": {"kind": "add_word", "word": " padded "}},
        {"do": {"kind": "nonsense"}},
        {"do": {"kind": ["list"]}},
        {"do": []},
        {"undo": True},  # nothing to undo
        {"redo": True, "action": {"kind": "ignore_rule", "rule_id": "X"}},
        {"undo": "yes"},
        {"do": {}, "undo": True},
        [],
        "text",
        None,
    ]
    before = state(session)
    for record in bad:
        assert session.plan_record(record) is None, record
    assert state(session) == before


def test_the_session_does_no_io() -> None:
    """Side effects (journal, dictionary, files) belong to the shell: the session module
    imports nothing that could do them, and only `commit` changes the state."""
    import ast
    import inspect

    import review_app.review.session as module

    tree = ast.parse(inspect.getsource(module))
    imported = {
        name
        for node in ast.walk(tree)
        if isinstance(node, ast.Import | ast.ImportFrom)
        for name in (
            [node.module] if isinstance(node, ast.ImportFrom) else [a.name for a in node.names]
        )
    }
    allowed = {
        "__future__",
        "collections.abc",
        "dataclasses",
        "review_app.checking.flag",
        "review_app.document.model",
        "review_app.review.actions",
    }
    assert imported <= allowed, imported - allowed
    calls = {n.func.id for n in ast.walk(tree) if isinstance(n, ast.Call) and hasattr(n.func, "id")}
    assert not calls & {"open", "print"}
