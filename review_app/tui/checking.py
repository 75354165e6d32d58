"""Checking in the background: the checker thread and the UI thread's side of it.

The `Session` belongs to the UI thread. The checker thread never reads it: it works only on
immutable work items the UI thread hands it (segment index, text, version) and sends results
back as messages carrying the same item, which the UI thread applies or drops as stale.

- `CheckRequests` (UI thread): turns the session's state into work items. The first pass and
  whatever went stale since are pulled by the checker thread (`next_work`, run on the UI
  thread); re-checks after an edit and suggestion wishes are pushed, so they come first.
- `CheckLoop` (checker thread): owns the checker, so checkers need not be thread-safe and the
  UI thread never waits for one. Urgent work (a re-check, suggestions for the sentence on
  screen) goes before the next batch of the first pass.

A version is the number of times the checker was shown the document's texts (`prepare`,
again when the document grew): flags depend on the text and on those document statistics, so
a result is current only if both are. When the document grows, the checker is shown only the
new texts if it can add them to what it saw (`GrowingDocument`: the offline checker), so a
document of 100,000 sentences is tokenised once, not again for each growth.
"""

from __future__ import annotations

import re
import threading
from collections import deque
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from itertools import islice
from pathlib import Path
from typing import Protocol, runtime_checkable

from textual.message import Message

from review_app.bilingual.checks import unit_flags
from review_app.bilingual.model import Unit
from review_app.checking import run
from review_app.checking.base import Checker, CheckerInfo
from review_app.checking.flag import Flag
from review_app.crashlog import write_crash_log
from review_app.errors import ReviewAppError
from review_app.qa.settings import QaSettings
from review_app.review.session import Session
from review_app.tui import heap

IDLE_SECONDS = 1.0  # the checker thread looks for new work at least this often
# Suggestions are looked up for this many flags of a sentence at a time, from the selected
# one on: a line of megabytes has tens of thousands of flags, and each answer redraws.
SUGGEST_AT_ONCE = 8


# ----- what goes between the threads (immutable) ----------------------------------------------


@dataclass(frozen=True)
class CheckItem:
    """Check segment `index`, whose text was `text` under statistics `version`."""

    index: int
    text: str
    version: int
    unit: Unit | None = None  # a bilingual segment's unit: its source is checked against
    file_wide: tuple[Flag, ...] = ()  # its consistency hints (while its text is as read)


@dataclass(frozen=True)
class SuggestItem:
    """Look up suggestions for `flags` (those not looked up yet) of segment `index`."""

    index: int
    text: str
    version: int
    flags: tuple[Flag, ...]


@dataclass(frozen=True)
class Work:
    """What the checker thread does next: show the checker `prepare` when it is set (the
    segment texts it has not seen: every one at the start; when `grown`, those the document
    grew by, which follow the ones shown before), then check `items`. No items: nothing to
    check for now."""

    items: tuple[CheckItem, ...] = ()
    prepare: tuple[str, ...] | None = None
    grown: bool = False


@runtime_checkable
class GrowingDocument(Protocol):
    """A checker that can add texts to the document it was prepared with, making the same
    statistics as `prepare` of all the texts would (OfflineChecker)."""

    def prepare_more(self, texts: Sequence[str]) -> None: ...


class CheckerReady(Message):
    """The checker started: `name` short, for the status bar; `description` in full."""

    def __init__(self, name: str, description: str) -> None:
        super().__init__()
        self.name = name
        self.description = description


_LT_VERSION = re.compile(r"LanguageTool (\d[\w.-]*)")


def short_name(info: CheckerInfo) -> str:
    """A few words for the status bar: "offline", "LanguageTool 6.5", "LanguageTool (server)";
    where it runs and which dictionary it reads are for the help screen."""
    took_over = "took over because" in info.description
    if info.name == "languagetool":
        version = _LT_VERSION.match(info.description)
        name = f"LanguageTool {version.group(1)}" if version else "LanguageTool (server)"
    elif info.name == "offline":
        name = "offline"
    else:
        name = info.name[:30]
    return f"{name} (fallback)" if took_over else name


class CheckerFailed(Message):
    """The checker could not start; `log` holds the traceback of an unexpected error."""

    def __init__(self, message: str, log: Path | None) -> None:
        super().__init__()
        self.message = message
        self.log = log


class FlagsChecked(Message):
    def __init__(self, items: tuple[CheckItem, ...], flags: tuple[tuple[Flag, ...], ...]) -> None:
        super().__init__()
        self.items = items
        self.flags = flags


class SuggestionsFound(Message):
    def __init__(self, item: SuggestItem, flag: Flag, suggestions: tuple[str, ...]) -> None:
        super().__init__()
        self.item = item
        self.flag = flag
        self.suggestions = suggestions


# ----- the checker thread ---------------------------------------------------------------------


@dataclass
class _Wish:
    """Suggestions wanted: for the sentence on screen, then for the likely next ones."""

    now: SuggestItem | None = None
    ahead: deque[SuggestItem] = field(default_factory=deque)
    generation: int = 0


class CheckLoop:
    """The body of the checker thread; `run` returns when `cancelled()` says so, or when
    `next_work` gives None (the app stopped).

    `post` sends a message to the UI thread (thread-safe); `next_work(size)` runs on the UI
    thread and returns up to `size` items of the first pass or of what went stale.
    """

    def __init__(
        self,
        factory: Callable[[], Checker],
        *,
        post: Callable[[Message], object],
        next_work: Callable[[int], Work | None],
        cancelled: Callable[[], bool],
        first_batch: int = 64,
        batch_size: int = 256,
        qa: QaSettings | None = None,
    ) -> None:
        self.factory = factory
        self.qa = qa or QaSettings()  # frozen: shared read-only with the UI thread
        self.post = post
        self.next_work = next_work
        self.cancelled = cancelled
        self.first_batch = first_batch
        self.batch_size = batch_size
        self.checker: Checker | None = None
        self._lock = threading.Lock()
        self._wake = threading.Event()
        self._rechecks: deque[CheckItem] = deque()
        self._wish = _Wish()
        self._units: list[str] = []  # what a checker that cannot grow was prepared with

    # ----- called from the UI thread -----------------------------------------------------------

    def push_recheck(self, item: CheckItem) -> None:
        with self._lock:
            self._rechecks.append(item)
        self._wake.set()

    def wish_suggestions(self, now: SuggestItem | None, ahead: Sequence[SuggestItem]) -> None:
        """Replaces the previous wish: holding `j` down never queues work for sentences left."""
        with self._lock:
            self._wish = _Wish(now, deque(ahead), self._wish.generation + 1)
        self._wake.set()

    def wake(self) -> None:
        self._wake.set()

    # ----- the thread --------------------------------------------------------------------------

    def run(self) -> None:
        try:
            with heap.building():  # its dictionaries: no garbage, and frozen when made
                self.checker = self.factory()
        except Exception as exc:  # any failure to start is shown, not raised into the UI
            log = None if isinstance(exc, ReviewAppError) else write_crash_log(exc, "checker start")
            self.post(CheckerFailed(str(exc) or type(exc).__name__, log))
            return
        try:
            info = self.checker.info
            self.post(CheckerReady(short_name(info), info.description))
            self._loop()
        finally:
            self.checker.close()

    def _loop(self) -> None:
        size = self.first_batch  # the first screenful fast, then batches for the workers
        while not self.cancelled():
            if self._do_urgent():
                continue
            work = self.next_work(size)
            if work is None:
                return
            size = self.batch_size
            if work.prepare is not None:
                self._prepare(work.prepare, grown=work.grown)
            if work.items:
                self._check(work.items)
                continue
            self._wake.wait(IDLE_SECONDS)
            self._wake.clear()

    def _prepare(self, texts: Sequence[str], *, grown: bool) -> None:
        checker = self.checker
        assert checker is not None
        units = run.check_units(texts)  # as the report does: a long text's windows
        with heap.building():  # the document's statistics, and tokens kept for checking
            if isinstance(checker, GrowingDocument):
                (checker.prepare_more if grown else checker.prepare)(units)
            else:
                self._units = [*self._units, *units] if grown else units
                checker.prepare(self._units)

    def _do_urgent(self) -> bool:
        """One piece of urgent work, if there is any: re-checks, then suggestions."""
        with self._lock:
            wish = self._wish
            if self._rechecks:
                recheck, item = self._rechecks.popleft(), None
            elif wish.now is not None:
                recheck, item, wish.now = None, wish.now, None
            elif wish.ahead:
                recheck, item = None, wish.ahead.popleft()
            else:
                return False
        if recheck is not None:
            self._check((recheck,))
        elif item is not None:
            self._suggest(item, wish.generation)
        return True

    def _check(self, items: tuple[CheckItem, ...]) -> None:
        assert self.checker is not None
        # The report's path: long texts in windows, identical texts once, every flag in range.
        found = run.check_texts(
            [item.text for item in items], self.checker, suggest=False, batch_size=self.batch_size
        )
        found = [
            flags
            if item.unit is None
            else unit_flags(item.unit, item.text, flags, self.qa, item.file_wide)
            for item, flags in zip(items, found, strict=True)
        ]
        self.post(FlagsChecked(items, tuple(tuple(f) for f in found)))

    def _suggest(self, item: SuggestItem, generation: int) -> None:
        assert self.checker is not None
        for flag in item.flags:
            if self.cancelled() or self._wish.generation != generation:
                return  # the editor moved on (or the text changed): the new wish comes first
            suggestions = tuple(self.checker.suggest(item.text, flag))
            self.post(SuggestionsFound(item, flag, suggestions))


# ----- the UI thread's side -------------------------------------------------------------------


@dataclass(frozen=True)
class BilingualChecks:
    """A bilingual document's units and their file-wide flags as read (consistency hints),
    one each per segment."""

    units: tuple[Unit, ...]
    file_wide: tuple[tuple[Flag, ...], ...]
    # per unit: the other units with the same source or the same translation (as read)
    related: tuple[tuple[int, ...], ...] = ()


class CheckRequests:
    """Work items from the session, and results back into it. UI thread only."""

    def __init__(
        self,
        session: Session,
        loop: CheckLoop | None = None,
        bilingual: BilingualChecks | None = None,
    ) -> None:
        self.session = session
        self.loop = loop
        self.bilingual = bilingual
        self.version = 0
        self._prepared = 0  # how many texts the checker has seen
        self._cursor = 0  # how far the first pass has got
        self._again: deque[int] = deque()  # checked with partial statistics: check again
        self._pending: set[int] = set()  # handed out, no answer yet
        # Whether a segment behind the first pass may need a check (a result was dropped, the
        # session changed): only then are all segments looked through, not each time the
        # checker thread asks for work (it would cost the UI thread 10 ms at 100,000).
        self._look = True

    def changed(self) -> None:
        """The session changed (an action, a resume): segments may need checking again."""
        self._look = True

    def _needs_check(self, index: int) -> bool:
        return not self.session.is_checked(index) or self.session.is_stale(index)

    def _item(self, index: int) -> CheckItem:
        text = self.session.text(index)
        bilingual = self.bilingual
        if bilingual is None:
            return CheckItem(index, text, self.version)
        unit = bilingual.units[index]
        file_wide = bilingual.file_wide[index] if text == unit.target else ()
        return CheckItem(index, text, self.version, unit, file_wide)

    @property
    def done(self) -> bool:
        """Every segment has flags for its current text, made with the statistics of the
        document as it is now, and nothing is handed out without an answer."""
        session = self.session
        return (
            self._prepared == len(session) == session.checked_count
            and not self._again
            and not self._pending
            and next(session.needs_check(), None) is None
        )

    def next_work(self, size: int) -> Work:
        """Up to `size` segments to check: first those checked before the document grew, then
        the first pass in order, then whatever went stale since."""
        session, prepare = self.session, None
        count = len(session)
        grown = self._prepared > 0
        if count > self._prepared:  # the start, or the document grew: new statistics
            prepare = tuple(session.text(i) for i in range(self._prepared, count))
            self._again.extend(range(self._prepared))
            self._prepared = count
            self.version += 1
        chosen: dict[int, None] = {}  # ordered, no index twice
        while self._again and len(chosen) < size:
            chosen[self._again.popleft()] = None
        while self._cursor < count and len(chosen) < size:
            if self._needs_check(self._cursor) and self._cursor not in self._pending:
                chosen[self._cursor] = None
            self._cursor += 1
        if not chosen and self._look:
            for index in session.needs_check():
                if index not in self._pending:
                    chosen[index] = None
                    if len(chosen) >= size:
                        break
            else:
                self._look = False  # all found (a pending one's dropped result looks again)
        self._pending.update(chosen)
        return Work(tuple(self._item(i) for i in chosen), prepare, grown and prepare is not None)

    def request_recheck(self, index: int) -> None:
        """Check segment `index` again (its text changed), before anything else."""
        if self.loop is not None and self._needs_check(index):
            self._pending.add(index)
            self.loop.push_recheck(self._item(index))

    def request_suggestions(self, index: int, ahead: Sequence[int] = (), selected: int = 0) -> None:
        """Suggestions for segment `index` (on screen, from its flag `selected` on), then for
        `ahead` (likely next)."""
        if self.loop is None:
            return
        items = [self._suggest_item(index, selected)]
        items.extend(self._suggest_item(i) for i in ahead)
        now, rest = items[0], [item for item in items[1:] if item is not None]
        self.loop.wish_suggestions(now, rest)

    def _suggest_item(self, index: int, selected: int = 0) -> SuggestItem | None:
        session = self.session
        flags = session.flags(index)
        from_selected = flags[selected:] + flags[:selected]
        wanted = tuple(
            islice(
                (f for f in from_selected if not session.suggestions_known(index, f)),
                SUGGEST_AT_ONCE,
            )
        )
        if not wanted:
            return None
        return SuggestItem(index, session.text(index), self.version, wanted)

    def is_current(self, index: int, text: str, version: int) -> bool:
        """Whether a result for (`index`, `text`, `version`) still applies."""
        return version == self.version and self.session.text(index) == text

    def take_flags(self, message: FlagsChecked) -> list[int]:
        """Apply the flags that are still current; the indices whose flags changed."""
        applied = []
        for item, flags in zip(message.items, message.flags, strict=True):
            self._pending.discard(item.index)
            if self.is_current(item.index, item.text, item.version):
                self.session.set_flags(item.index, item.text, list(flags))
                applied.append(item.index)
            else:
                self._look = True
        return applied

    def take_suggestions(self, message: SuggestionsFound) -> bool:
        """Apply the suggestions if still current; whether they were."""
        item = message.item
        if not self.is_current(item.index, item.text, item.version):
            return False
        self.session.set_suggestions(item.index, message.flag, message.suggestions)
        return True
