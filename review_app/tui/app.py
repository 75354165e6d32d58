"""The review TUI: the sentence list, the current sentence and its flags, keys for every action."""

from __future__ import annotations

import asyncio
import bisect
import signal
import sys
from collections.abc import Callable, Iterable, Sequence
from concurrent.futures import Future
from concurrent.futures import TimeoutError as FutureTimeout
from functools import partial
from itertools import islice
from pathlib import Path
from typing import ClassVar, TypeVar

from textual import work
from textual.app import App, ComposeResult, SystemCommand
from textual.binding import Binding, BindingType
from textual.notifications import SeverityLevel
from textual.screen import Screen
from textual.widgets import Footer
from textual.worker import Worker, WorkerState, get_current_worker

from review_app.bilingual.model import Unit
from review_app.checking.base import Checker
from review_app.checking.flag import Flag, Severity
from review_app.compare.model import SentencePair
from review_app.crashlog import write_crash_log
from review_app.document.visible import escaped, one_to_one
from review_app.errors import ReviewAppError
from review_app.qa import Glossary, QaSettings, consistency_groups, glossary_hits
from review_app.qa.consistency import group_flags
from review_app.review.actions import (
    Action,
    ChangeMany,
    ChangeText,
    SetReviewed,
    Step,
    describe,
    parse_record,
)
from review_app.review.opening import Review
from review_app.review.revision import (
    OriginalChanged,
    OriginalMissing,
    revised_path,
    revised_text,
)
from review_app.review.session import flag_word
from review_app.tui import heap
from review_app.tui.checking import (
    BilingualChecks,
    CheckerFailed,
    CheckerReady,
    CheckLoop,
    CheckRequests,
    FlagsChecked,
    SuggestionsFound,
    Work,
)
from review_app.tui.find import find_pattern, spans_in
from review_app.tui.keys import KEYS
from review_app.tui.screens.confirm import (
    confirm_quit,
    confirm_replace,
    confirm_save_anyway,
    offer_read_only,
    offer_resume,
)
from review_app.tui.screens.document_diff import DocumentDiffScreen
from review_app.tui.screens.help import HelpScreen
from review_app.tui.screens.prompt import GoToScreen, SearchScreen
from review_app.tui.screens.replace import Replace, ReplaceScreen
from review_app.tui.screens.save_as import SaveAsScreen
from review_app.tui.widgets.sentence_diff import SentenceDiff
from review_app.tui.widgets.sentence_editor import SentenceEditor
from review_app.tui.widgets.sentence_list import SentenceList
from review_app.tui.widgets.sentence_view import SentenceView, SourceMarks, best_flag
from review_app.tui.widgets.status_bar import StatusBar, changes_state, status_text
from review_app.tui.widgets.visible_text import tag_labels

FILTERS = ("all", "flagged", "unreviewed")
# End the app the normal way (terminal restored, journal closed), exit code 128 + the number.
EXIT_SIGNALS = (signal.SIGTERM, signal.SIGHUP, signal.SIGINT)
SWITCH_INTERVAL = 0.001  # seconds; Python's default is 0.005
UI_POLL_SECONDS = 0.2  # a background thread waiting on the UI thread looks up this often
T = TypeVar("T")
# Suggestions are fetched ahead for the next flagged sentences within this many sentences: the
# search must not walk a document of 100,000 sentences, mostly not checked yet, at every key.
LOOK_AHEAD = 1_000


def _start_resource_tracker() -> None:
    """Start multiprocessing's resource tracker while stderr is still the real one.

    A checker may start worker processes from the checker thread; multiprocessing then starts
    its resource tracker passing `sys.stderr.fileno()` to it, and under a running Textual app
    that is a capture object whose fileno is -1 ("bad value(s) in fds_to_keep").
    """
    from multiprocessing import resource_tracker

    resource_tracker.ensure_running()


def where_left(records: Sequence[object], index: int, count: int) -> int:
    """The sentence the user was on after the last action, which was on sentence `index`:
    marking a sentence reviewed goes on to the next one (`action_toggle_reviewed`), so after
    that it is the next; after any other action (an undo or redo too), that sentence."""
    for record in reversed(records):
        try:
            verb, action = parse_record(record)
        except ValueError:
            continue  # a "saved" record, or one that could not be used
        moved_on = verb == "do" and isinstance(action, SetReviewed) and action.value
        return min(index + 1, count - 1) if moved_on and action.index == index else index
    return index


def _bilingual_checks(review: Review, qa: QaSettings | None) -> BilingualChecks:
    """The units of a bilingual review and their file-wide (consistency) flags as read."""
    segments = review.document.segments
    units = tuple(segment.unit for segment in segments if segment.unit is not None)
    if len(units) != len(segments):
        raise ValueError("a bilingual review has a unit for every segment")
    settings = qa or QaSettings()
    # on the file as read: the consistency hints, and the groups `o` moves through
    pairs = [(unit.source, unit.target) for unit in units]
    groups = consistency_groups(pairs, settings)
    flags = group_flags(pairs, groups)
    related: list[set[int]] = [set() for _ in units]
    for group in groups:
        for index in group.units:
            related[index].update(group.units)
    return BilingualChecks(
        units,
        tuple(tuple(found) for found in flags),
        tuple(tuple(sorted(others)) for others in related),
    )


def _glossary_marks(units: tuple[Unit, ...], glossary: Glossary) -> SourceMarks:
    def marks(index: int) -> list[tuple[int, int]]:
        return [(start, end) for start, end, _ in glossary_hits(units[index].source, glossary)]

    return marks


class ReviewApp(App[int]):
    """Review one opened file. `checker_factory` runs in the checker thread (it may be slow)."""

    CSS_PATH = "app.tcss"
    TITLE = "review-app"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+q", "quit", "Quit", show=False, priority=True)
    ]

    def __init__(
        self,
        review: Review,
        checker_factory: Callable[[], Checker],
        *,
        resume: bool | None = None,
        batch_size: int = 256,
        source_marks: SourceMarks | None = None,
        qa: QaSettings | None = None,
    ) -> None:
        """`source_marks(index)`: spans of segment `index`'s source to underline (default:
        the terms of `qa`'s glossary); bilingual files only. `qa`: the source-aware checks'
        settings, for a bilingual file."""
        super().__init__()
        _start_resource_tracker()
        self.review = review
        self.session = review.session
        self.current = 0
        self.selected_flag = 0
        self.on_purpose = False  # the user chose the selected flag (tab), not the app
        self.filter = "all"
        self.checker_label = "checker starting…"  # short, for the status bar
        self.checker_details = ""  # the checker's full description, for the help screen
        bilingual = _bilingual_checks(review, qa) if review.bilingual else None
        if source_marks is None and bilingual is not None and qa and qa.glossary is not None:
            source_marks = _glossary_marks(bilingual.units, qa.glossary)
        self._source_marks = source_marks
        self._last_replace: Replace | None = None
        self._resume = resume
        self._search = ""
        # The checker thread gets immutable work from `_checks` (on this thread) and posts
        # its results back as messages; it never touches the session.
        self._check_loop = CheckLoop(
            checker_factory,
            post=self.post_message,
            next_work=self._next_check_work,
            cancelled=lambda: get_current_worker().is_cancelled,
            batch_size=batch_size,
            qa=qa,
        )
        self._checks = CheckRequests(self.session, self._check_loop, bilingual)
        self._signals: dict[int, object] = {}
        self._ui_loop: asyncio.AbstractEventLoop | None = None  # set when mounted
        self._switch_interval = sys.getswitchinterval()
        self.checking_done = False  # the whole document is read and checked (see _check_done)
        self.checker_error: BaseException | None = None
        self._changes: str | None = None  # changes_state(session), until the next change
        self._full_passes = 0  # full garbage-collection passes before the last freeze
        self._resume_when_loaded = False
        self._journal_error = ""

    def _next_check_work(self, size: int) -> Work | None:
        """Called on the checker thread: its next work, made on the UI thread; None once the
        app has stopped."""
        return self._on_ui_thread(self._checks.next_work, size)

    def _on_ui_thread(self, callback: Callable[..., T], *args: object) -> T | None:
        """From a background thread: `callback(*args)` run on the UI thread, its result; None
        when the app stops first. Unlike `call_from_thread`, this never waits on an event loop
        that is shutting down (a signal during a check would otherwise hang the exit)."""
        loop = self._ui_loop
        if loop is None or not self.is_running:
            return None
        answer: Future[T] = Future()

        def run() -> None:
            if answer.set_running_or_notify_cancel():
                try:
                    answer.set_result(callback(*args))
                except BaseException as exc:
                    answer.set_exception(exc)

        try:
            loop.call_soon_threadsafe(run)
        except RuntimeError:
            return None  # the loop is closed: the app has stopped
        while True:
            try:
                return answer.result(timeout=UI_POLL_SECONDS)
            except FutureTimeout:
                if not self.is_running or loop.is_closed():
                    answer.cancel()
                    return None

    # ----- layout ----------------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        yield SentenceList(self.session, id="list")
        view = SentenceView(self.session, id="view")
        view.source_marks = self._source_marks
        yield view
        yield SentenceDiff(id="sentence-diff")
        yield SentenceEditor(id="editor")
        yield StatusBar(id="status")
        yield Footer(compact=True, show_command_palette=False)

    @property
    def sentence_list(self) -> SentenceList:
        return self.query_one(SentenceList)

    def on_mount(self) -> None:
        self._ui_loop = asyncio.get_running_loop()
        self._catch_signals()
        self.sub_title = str(self.review.path.name)
        self.sentence_list.focus()
        self._redraw()
        if not self.review.loaded:
            self._read_rest()
        self._run_checker()
        if self.review.read_only:
            holder = self.review.locked_by.describe()
            self.push_screen(
                offer_read_only(self.review.path.name, holder), self._read_only_answer
            )
        elif self.review.pending is not None and self._resume is None:
            actions = sum(1 for r in self.review.pending.records if "do" in r)
            self.push_screen(offer_resume(self.review.path.name, actions), self._resume_answer)
        else:
            self._begin(self._resume is not False)

    def _resume_answer(self, answer: str | None) -> None:
        self._begin(answer == "resume")

    @work(thread=True, group="reader")
    def _read_rest(self) -> None:
        with heap.building():  # 100,000 segments: none of them garbage
            document = self.review.segment_rest()
        self._on_ui_thread(self._document_read, document)

    def _document_read(self, document) -> None:
        self.review.grow(document)
        self._check_loop.wake()  # new texts: the checker sees the whole document now
        self._freeze_heap()
        self._refresh_rows()
        self._check_done()
        self._show_current(request=False)  # "of N+ · loading…" becomes "of N"
        self._update_status()
        if self._resume_when_loaded:
            self._resume_when_loaded = False
            self._begin(True)

    def _begin(self, resume: bool) -> None:
        if resume and self.review.pending is not None and not self.review.loaded:
            self._resume_when_loaded = True  # replaying needs the whole document
            return
        self._changes = None
        self._checks.changed()  # replayed edits: their sentences need checking
        pending = self.review.pending
        try:
            replayed = self.review.start(resume=resume)
        except ReviewAppError as exc:
            self._journal_error = str(exc)
            self.notify(
                f"{exc}: changes cannot be made", severity="error", timeout=15, markup=False
            )
            return
        self._show_notices(self.review.take_notices())
        self._redraw(rows=True)
        if replayed:
            self.notify(f"Resumed: {replayed} earlier actions replayed", timeout=4)
        if self.review.resume_at is not None and pending is not None:
            last = self.review.resume_at
            self.go_to_segment(where_left(pending.records, last, len(self.session)))

    def _read_only_answer(self, answer: str | None) -> None:
        if answer != "read":
            self.exit(0)
            return
        self._show_notices(self.review.take_notices())
        self._update_status()

    def _show_notices(
        self, notices: Iterable[str], severity: SeverityLevel = "information"
    ) -> None:
        for notice in notices:
            self.notify(notice, severity=severity, timeout=10, markup=False)

    @property
    def started(self) -> bool:
        """Actions are journaled from here on (after the resume question is answered)."""
        return self.review.journal is not None

    def _can_act(self) -> bool:
        if self.review.read_only:
            self.notify(
                f"Read-only: {self.review.path.name} is being reviewed by "
                f"{self.review.locked_by.describe()}; no changes, no saving",
                severity="warning",
                timeout=6,
                markup=False,
            )
            return False
        if self._journal_error:
            self.notify(
                f"No changes without the review journal: {self._journal_error}", markup=False
            )
        elif not self.started:
            self.notify("One moment: the document is still being read", timeout=2)
        return self.started

    def _perform(self, step: Step | None) -> bool:
        """Every change goes through here: `Review.perform` journals it first and makes it
        only then. When the journal cannot be written nothing changes, and the user sees why."""
        if step is None:
            return False
        self._changes = None
        self._checks.changed()
        try:
            notices = self.review.perform(step)
        except ReviewAppError as exc:
            self.notify(f"Not done: {exc}", severity="error", timeout=15, markup=False)
            return False
        self._show_notices(notices, severity="warning")
        return True

    @work(thread=True, exclusive=True, group="checker", exit_on_error=False)
    def _run_checker(self) -> None:
        self._check_loop.run()

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        if event.worker.group == "checker" and event.state == WorkerState.ERROR:
            error = event.worker.error
            self.checker_label = "checker stopped"
            self.checker_error = error
            message = f"The checker stopped: {str(error) or type(error).__name__}"
            if error is not None and not isinstance(error, ReviewAppError):
                log = write_crash_log(error, "the checker thread")
                message += f" (details in {log})" if log else ""
            self.notify(message + "; you can go on reviewing", severity="error", timeout=15)
            self._update_status()

    # ----- results from the checker thread ---------------------------------------------------

    def on_checker_ready(self, message: CheckerReady) -> None:
        self.checker_label = message.name
        self.checker_details = message.description
        self._update_status()

    def on_checker_failed(self, message: CheckerFailed) -> None:
        self.checker_label = "no checker"
        where = f" (details in {message.log})" if message.log else ""
        self.notify(
            f"The checker could not start: {message.message}{where}", severity="error", timeout=15
        )
        self._update_status()

    def on_flags_checked(self, message: FlagsChecked) -> None:
        applied = self._checks.take_flags(message)  # stale results are dropped
        if applied:
            if self.filter != "all":
                self._refresh_rows()
            self.sentence_list.refresh_segments()
            if self.current in applied:
                if not self.on_purpose:
                    self._select_best()
                self._show_current()
        self._check_done()
        if self.checking_done or heap.full_passes() != self._full_passes:
            self._freeze_heap()  # what survived a full pass since the last freeze
        self._update_status()

    def _check_done(self) -> None:
        self.checking_done = self.review.loaded and self._checks.done

    def _freeze_heap(self) -> None:
        heap.freeze()
        self._full_passes = heap.full_passes()

    def on_suggestions_found(self, message: SuggestionsFound) -> None:
        if self._checks.take_suggestions(message) and message.item.index == self.current:
            self._show_current(request=False)

    # ----- drawing ---------------------------------------------------------------------------

    def _rows(self) -> Sequence[int]:
        session, n = self.session, len(self.session)
        if self.filter == "flagged":
            return [i for i in range(n) if i == self.current or session.open_flag_count(i) > 0]
        if self.filter == "unreviewed":
            return [i for i in range(n) if i == self.current or not session.is_reviewed(i)]
        return range(n)

    def _refresh_rows(self) -> None:
        rows = self._rows()
        cursor = bisect.bisect_left(rows, self.current)
        self.sentence_list.set_rows(rows, cursor)

    def _redraw(self, rows: bool = False) -> None:
        if rows:
            self._refresh_rows()
        self.sentence_list.refresh_segments()
        self._show_current()
        self._update_status()

    def _show_current(self, request: bool = True) -> None:
        if not len(self.session):
            return
        flags = self.session.flags(self.current)
        self.selected_flag = min(self.selected_flag, max(0, len(flags) - 1))
        view = self.query_one(SentenceView)
        view.loading = not self.review.loaded
        view.show(self.current, self.selected_flag, on_purpose=self.on_purpose)
        self._show_sentence_diff()
        if request:
            self._request_suggestions()

    def _request_suggestions(self, ahead: int = 2) -> None:
        """Suggestions for this sentence's flags, then for the next flagged sentences."""
        session = self.session
        end = min(len(session), self.current + 1 + LOOK_AHEAD)
        upcoming = filter(session.open_flag_count, range(self.current + 1, end))
        self._checks.request_suggestions(
            self.current, list(islice(upcoming, ahead)), self.selected_flag
        )

    def _update_status(self) -> None:
        checked = self.session.checked_count
        total = len(self.session)
        loading = not self.review.loaded
        if loading:  # the count grows when the whole file is segmented
            progress = f"reading the file… {checked:,} of {total:,}+ checked"
        else:
            progress = "" if checked >= total else f"checking {checked:,}/{total:,}"
        if self._changes is None:  # it looks at every sentence: not at every update
            self._changes = changes_state(self.session)
        self.query_one(StatusBar).update(
            status_text(
                self.session,
                self.checker_label,
                filter_name=self.filter,
                progress=progress,
                read_only=self.review.read_only,
                loading=loading,
                changes=self._changes,
            ),
            layout=False,
        )

    # ----- moving ----------------------------------------------------------------------------

    def go_to_segment(self, index: int) -> None:
        if not 0 <= index < len(self.session):
            return
        self.current = index
        self._select_best()
        if self.filter != "all":
            self._refresh_rows()
        rows = self.sentence_list.rows
        self.sentence_list.move_cursor(bisect.bisect_left(rows, index))
        self._show_current()

    def _go_to_row(self, row: int) -> None:
        rows = self.sentence_list.rows
        if rows:
            self.go_to_segment(rows[max(0, min(row, len(rows) - 1))])

    def action_next_sentence(self) -> None:
        self._go_to_row(self.sentence_list.cursor + 1)

    def action_previous_sentence(self) -> None:
        self._go_to_row(self.sentence_list.cursor - 1)

    def action_page_down(self) -> None:
        self._go_to_row(self.sentence_list.cursor + self.sentence_list.page_height)

    def action_page_up(self) -> None:
        self._go_to_row(self.sentence_list.cursor - self.sentence_list.page_height)

    def action_first_sentence(self) -> None:
        self._go_to_row(0)

    def action_last_sentence(self) -> None:
        self._go_to_row(len(self.sentence_list.rows) - 1)

    def _find(self, indices: Iterable[int], wanted: Callable[[int], bool]) -> int | None:
        return next((i for i in indices if wanted(i)), None)

    def action_other_occurrence(self) -> None:
        """To the next unit with the same source or the same translation (consistency)."""
        bilingual = self._checks.bilingual
        related = bilingual.related[self.current] if bilingual and bilingual.related else ()
        if not related:
            self.notify("No other unit has this source or this translation", timeout=3)
            return
        later = [i for i in related if i > self.current]
        self.go_to_segment(later[0] if later else related[0])

    def action_next_flagged(self) -> None:
        # filter() with the bound method: a third of a generator's time over 100,000 sentences
        found = next(
            filter(self.session.open_flag_count, range(self.current + 1, len(self.session))), None
        )
        if found is None:
            self.notify("No more sentences with open flags below", timeout=3)
        else:
            self.go_to_segment(found)

    def action_previous_flagged(self) -> None:
        found = next(filter(self.session.open_flag_count, range(self.current - 1, -1, -1)), None)
        if found is None:
            self.notify("No sentences with open flags above", timeout=3)
        else:
            self.go_to_segment(found)

    def on_sentence_list_selected(self, message: SentenceList.Selected) -> None:
        self.go_to_segment(message.index)

    # ----- flags -----------------------------------------------------------------------------

    def _select_best(self) -> None:
        """Select the most severe open flag (the first of those): the app's choice."""
        self.selected_flag = best_flag(self.session.flags(self.current))
        self.on_purpose = False

    def _selected(self) -> Flag | None:
        flags = self.session.flags(self.current)
        if not flags:
            self.notify("This sentence has no open flags", timeout=3)
            return None
        return flags[min(self.selected_flag, len(flags) - 1)]

    def action_next_flag(self) -> None:
        flags = self.session.flags(self.current)
        if flags:
            self.selected_flag = (self.selected_flag + 1) % len(flags)
            self.on_purpose = True
            self._show_current()

    def action_previous_flag(self) -> None:
        flags = self.session.flags(self.current)
        if flags:
            self.selected_flag = (self.selected_flag - 1) % len(flags)
            self.on_purpose = True
            self._show_current()

    def _hint_not_chosen(self, flag: Flag) -> bool:
        """A hint the app selected (not the user): its suggestions are not applied by a key.
        Hints are often names, and their suggestions guesses (Jill → Kill)."""
        if flag.severity != Severity.HINT or self.on_purpose:
            return False
        self.notify("This is a hint: press tab to choose it, then its suggestion", timeout=3)
        return True

    def action_apply(self, number: int) -> None:
        if not self._can_act():
            return
        flag = self._selected()
        if flag is None or self._hint_not_chosen(flag):
            return
        if number >= len(flag.suggestions):
            if not self.session.suggestions_known(self.current, flag):
                self.notify("Suggestions are still being looked up", timeout=3)
            elif not flag.suggestions:
                self.notify("This flag has no suggestions", timeout=3)
            else:
                self.notify(f"There is no suggestion {number + 1}", timeout=3)
            return
        if self._perform(self.session.plan_accept(self.current, flag, flag.suggestions[number])):
            self._text_changed(self.current)

    def action_apply_everywhere(self) -> None:
        """Suggestion 1 of the selected flag at every occurrence of the same flag (same rule,
        same flagged text, same first suggestion) in the checked sentences: one undo step."""
        if not self._can_act():
            return
        flag = self._selected()
        if flag is None or self._hint_not_chosen(flag):
            return
        if not flag.suggestions:
            self.notify("This flag has no suggestion to apply", timeout=3)
            return
        flagged = flag.flagged(self.session.text(self.current))
        step = self.session.plan_fix_everywhere(flag.rule_id, flagged, flag.suggestions[0])
        if step is None or not self._perform(step):
            return
        changed = [change.index for change in step.action.changes]
        for index in changed:
            if self.session.is_stale(index):
                self._recheck(index)
        unchecked = len(self.session) - self.session.checked_count
        more = f" ({unchecked} sentences not checked yet)" if unchecked else ""
        self.notify(f"Applied in {len(changed)} sentences; u undoes all{more}", timeout=4)
        self._acted(rows=True)

    def action_ignore_flag(self) -> None:
        if not self._can_act():
            return
        flag = self._selected()
        if flag is not None and self._perform(self.session.plan_ignore_flag(self.current, flag)):
            self._select_best()
            self._acted()

    def action_ignore_rule(self) -> None:
        if not self._can_act():
            return
        flag = self._selected()
        if flag is not None and self._perform(self.session.plan_ignore_rule(flag.rule_id)):
            self.notify(f"Ignoring {flag.rule_id} in this document", timeout=3, markup=False)
            self._acted(rows=True)

    def action_add_word(self) -> None:
        if not self._can_act():
            return
        flag = self._selected()
        if flag is None:
            return
        word = flag_word(flag, self.session.text(self.current))
        if flag.word is None and (not word or any(c.isspace() for c in word)):
            self.notify("Only a flagged word can be added to the dictionary", timeout=3)
            return
        if self._perform(self.session.plan_add_word(word)):
            self.notify(f"Added {word!r} to your dictionary", timeout=3, markup=False)
            self._acted(rows=True)

    # ----- sentence actions ------------------------------------------------------------------

    def action_toggle_reviewed(self) -> None:
        if not self._can_act():
            return
        step = self.session.plan_toggle_reviewed(self.current)
        if not self._perform(step):
            return
        self._acted(rows=self.filter == "unreviewed")
        if step.action.value:
            self.action_next_sentence()

    def action_edit(self) -> None:
        if not self._can_act():
            return
        self.query_one(SentenceEditor).open(self.current, self.session.text(self.current))

    def on_sentence_editor_done(self, message: SentenceEditor.Done) -> None:
        self.sentence_list.focus()
        text = message.text.rstrip("\r\n")
        if self._can_act() and self._perform(self.session.plan_edit(message.index, text)):
            self._text_changed(message.index)

    def _text_changed(self, index: int) -> None:
        if self.session.is_stale(index):
            self._recheck(index)
        if index == self.current:
            self._select_best()  # the next most severe flag, not the fixed one's neighbour
        self._acted()

    def _recheck(self, index: int) -> None:
        self._checks.request_recheck(index)
        self.checking_done = False

    def _acted(self, rows: bool = False) -> None:
        self._redraw(rows=rows or self.filter != "all")

    def action_cycle_filter(self) -> None:
        self.filter = FILTERS[(FILTERS.index(self.filter) + 1) % len(FILTERS)]
        self._refresh_rows()
        self._redraw()

    def action_undo(self) -> None:
        if self._can_act():
            self._undo_redo(self.session.plan_undo(), "Undone")

    def action_redo(self) -> None:
        if self._can_act():
            self._undo_redo(self.session.plan_redo(), "Redone")

    def _undo_redo(self, step: Step | None, verb: str) -> None:
        if step is None:
            self.notify(f"Nothing to {verb.lower()[:-1]}", timeout=2)
        elif self._perform(step):
            self._undone(step.action, verb)

    def _undone(self, action: Action, verb: str) -> None:
        self.notify(f"{verb}: {describe(action)}", timeout=2, markup=False)
        index = getattr(action, "index", None)
        changes = action.changes if isinstance(action, ChangeMany) else (action,)
        for change in changes:
            if isinstance(change, ChangeText) and self.session.is_stale(change.index):
                self._recheck(change.index)
        self._redraw(rows=True)
        if index is not None:
            self.go_to_segment(index)

    # ----- diffs -----------------------------------------------------------------------------

    def action_toggle_sentence_diff(self) -> None:
        panel = self.query_one(SentenceDiff)
        panel.display = not panel.display
        self._show_sentence_diff()

    def _show_sentence_diff(self) -> None:
        panel = self.query_one(SentenceDiff)
        if panel.display and len(self.session):
            panel.show(self.session.original(self.current), self.session.text(self.current))

    def action_document_diff(self) -> None:
        if not self._can_act():
            return
        review = self.review
        revised = revised_text(review.textfile, review.document, self.session.replacements())
        screen = DocumentDiffScreen(review.textfile.text, revised, title=review.path.name)
        self.push_screen(screen, self._diff_picked)

    def _diff_picked(self, pair: SentencePair | None) -> None:
        # The diff segments the original the same way the review does, so indices agree.
        if pair is not None and pair.original_segments:
            self.go_to_segment(pair.original_segments[0])

    # ----- saving and quitting ---------------------------------------------------------------

    def action_save(self) -> bool:
        return self._can_act() and self._save(force=False)

    def _save(
        self,
        force: bool,
        then: Callable[[], None] | None = None,
        to: Path | None = None,
    ) -> bool:
        """Save (to `to`: save as); asks when the original changed, offers to save elsewhere
        when it is gone; `then` runs after a save that worked."""
        try:
            if to is None:
                saved = self.review.save(force=force)
            else:
                saved = self.review.save_as(to, force=force)
        except OriginalMissing as exc:
            default = revised_path(self.review.path)
            self.push_screen(
                SaveAsScreen(str(exc).split(";")[0], str(default)),
                lambda answer: answer is not None and self._save_as(Path(answer), then),
            )
            return False
        except OriginalChanged as exc:
            self.push_screen(
                confirm_save_anyway(str(exc).split(";")[0]),
                lambda answer: answer == "save" and self._save(True, then, to),
            )
            return False
        except ReviewAppError as exc:
            self.notify(f"Not saved: {exc}", severity="error", timeout=10, markup=False)
            return False
        self._changes = None
        self.notify(f"Saved {saved.path}", timeout=4, markup=False)
        self._show_notices(saved.notices, severity="warning")
        self._update_status()
        if then is not None:
            then()
        return True

    def _save_as(self, path: Path, then: Callable[[], None] | None) -> None:
        """Save to `path` the user typed (asking first when a file is there)."""
        path = path.expanduser()
        if not path.is_absolute():
            path = self.review.path.parent / path
        if path.exists() and not path.is_dir():
            self.push_screen(
                confirm_replace(str(path)),
                lambda answer: answer == "replace" and self._save(True, then, path),
            )
            return
        self._save(True, then, path)

    async def action_quit(self) -> None:
        if not self.session.has_unsaved_changes:
            self.exit(0)
            return
        self.push_screen(confirm_quit(), self._quit_answer)

    def _quit_answer(self, answer: str | None) -> None:
        if answer == "save":
            self._save(force=False, then=lambda: self.exit(0))
        elif answer == "quit":
            self.exit(0)

    # ----- screens ---------------------------------------------------------------------------

    def action_help(self) -> None:
        self.push_screen(HelpScreen(self.checker_details or self.checker_label))

    def action_go_to(self) -> None:
        self.push_screen(GoToScreen(len(self.session)), self._go_to_answer)

    def _go_to_answer(self, value: str | None) -> None:
        if value is None:
            return
        number = int(value) if value.isdigit() else 0
        if not 1 <= number <= len(self.session):
            self.notify(f"No sentence {value}: there are {len(self.session):,}", timeout=3)
            return
        if self.filter != "all":
            self.filter = "all"
            self._refresh_rows()
        self.go_to_segment(number - 1)

    def action_search(self) -> None:
        self.push_screen(SearchScreen(self._search), self._search_answer)

    def _search_answer(self, value: str | None) -> None:
        if not value:
            return
        self._search = value
        # Searched as shown: hidden characters are their symbols in both (⇄ finds bidi ones).
        needle = one_to_one(value).casefold()
        n = len(self.session)
        order = [*range(self.current + 1, n), *range(0, self.current + 1)]
        found = self._find(order, lambda i: needle in one_to_one(self.session.text(i)).casefold())
        if found is None:
            self.notify(f"“{value}” not found", timeout=3)
            return
        if self.filter != "all":
            self.filter = "all"
            self._refresh_rows()
        self.go_to_segment(found)

    def action_replace(self) -> None:
        if not self._can_act():
            return
        if not self.review.loaded:
            self.notify("One moment: the document is still being read", timeout=3)
            return
        texts = [self.session.text(i) for i in range(len(self.session))]
        screen = ReplaceScreen(texts, self._tag_labels, self._last_replace)
        self.push_screen(screen, self._replace_answer)

    def _tag_labels(self, index: int) -> dict[str, str]:
        unit = self.session.document.segments[index].unit
        return tag_labels(unit.tags) if unit is not None else {}

    def _replace_answer(self, answer: Replace | None) -> None:
        if answer is None or not self._can_act():
            return
        self._last_replace = answer
        pattern = find_pattern(
            answer.find, case_sensitive=answer.case_sensitive, whole_word=answer.whole_word
        )
        label = f"replaced “{answer.find}” with “{answer.replacement}”"
        step = self.session.plan_replace_all(
            partial(spans_in, pattern), answer.replacement, label
        )
        if step is None:
            self.notify(f"“{answer.find}”: nothing to replace", timeout=3)
            return
        if not self._perform(step):
            return
        changed = [change.index for change in step.action.changes]
        for index in changed:
            if self.session.is_stale(index):
                self._recheck(index)
        self._select_best()
        self.notify(f"Replaced in {len(changed)} sentences; u undoes all", timeout=4)
        self._acted(rows=True)

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        yield from super().get_system_commands(screen)
        for key in KEYS:
            yield SystemCommand(key.title, key.help, partial(self.run_action, key.action))

    def notify(
        self,
        message: str,
        *,
        title: str = "",
        severity: SeverityLevel = "information",
        timeout: float | None = None,
        markup: bool = False,
    ) -> None:
        """Textual's `notify`, literal by default: messages carry file names, search strings,
        rule ids and checker messages, never markup. Hidden characters are shown escaped."""
        if not markup:
            message, title = escaped(message, keep="\n"), escaped(title)
        super().notify(message, title=title, severity=severity, timeout=timeout, markup=markup)

    def _catch_signals(self) -> None:
        """SIGTERM, SIGHUP and SIGINT end the app through its event loop, like `q` without the
        question: the terminal is restored and the journal (which holds all work) closed."""
        loop = asyncio.get_running_loop()
        for sig in EXIT_SIGNALS:
            previous = signal.getsignal(sig)
            if previous is signal.SIG_IGN:
                continue  # e.g. SIGHUP under nohup
            try:
                loop.add_signal_handler(sig, self.exit, None, 128 + sig)
            except (ValueError, RuntimeError, NotImplementedError):
                return  # not the main thread, or no signals here (Windows)
            self._signals[sig] = previous

    def _release_signals(self) -> None:
        loop = asyncio.get_running_loop()
        for sig, previous in self._signals.items():
            loop.remove_signal_handler(sig)
            # None: a handler not set from Python; the default is the closest we can put back.
            signal.signal(sig, signal.SIG_DFL if previous is None else previous)  # type: ignore[arg-type]
        self._signals.clear()

    def on_load(self) -> None:
        # Background threads (segmenting, checking) hold the GIL for up to the switch interval
        # each time the UI thread wants it back; a shorter interval keeps keys snappy.
        self._switch_interval = sys.getswitchinterval()
        sys.setswitchinterval(SWITCH_INTERVAL)

    def on_unmount(self) -> None:
        self._release_signals()
        sys.setswitchinterval(self._switch_interval)
        heap.release()
        self.review.close()
