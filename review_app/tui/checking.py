"""The checker thread: all checker calls happen here, urgent work (a re-check after an edit,
suggestions for the sentence on screen) before the next batch of the first full pass.

One thread owns the checker, so checkers need not be thread-safe and the UI thread never waits
for one. Results go back to the UI thread through callbacks the app passes in.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from itertools import chain

from review_app.checking.base import Checker
from review_app.checking.flag import Flag
from review_app.review.session import Session


@dataclass
class Callbacks:
    """Run on the UI thread (the app wraps them with `call_from_thread`)."""

    ready: Callable[[str], None]
    failed: Callable[[str], None]
    flags: Callable[[Sequence[int], Sequence[str], list[list[Flag]]], None]
    suggestions: Callable[[int, str, Flag, tuple[str, ...]], None]


class CheckLoop:
    """The body of the checker thread; `run` returns when `cancelled()` says so."""

    def __init__(
        self,
        session: Session,
        factory: Callable[[], Checker],
        callbacks: Callbacks,
        *,
        current: Callable[[], int],
        cancelled: Callable[[], bool],
        first_batch: int = 64,
        batch_size: int = 256,
    ) -> None:
        self.session = session
        self.factory = factory
        self.callbacks = callbacks
        self.current = current
        self.cancelled = cancelled
        self.first_batch = first_batch
        self.batch_size = batch_size
        self.checker: Checker | None = None
        self._lock = threading.Lock()
        self._wake = threading.Event()
        self._rechecks: list[int] = []
        self._suggest_now: int | None = None
        self._suggest_ahead: list[int] = []

    def request_recheck(self, index: int) -> None:
        """Check segment `index` again (it was edited), before anything else."""
        with self._lock:
            self._rechecks.append(index)
        self._wake.set()

    def request_suggestions(self, index: int, ahead: Sequence[int] = ()) -> None:
        """Suggestions for the sentence on screen, then for `ahead` (likely next). Replaces the
        previous wish: holding `j` down never queues work for sentences already left."""
        with self._lock:
            self._suggest_now = index
            self._suggest_ahead = list(ahead)
        self._wake.set()

    def run(self) -> None:
        try:
            self.checker = self.factory()
        except Exception as exc:  # any failure to start is shown, not raised into the UI
            self.callbacks.failed(str(exc) or type(exc).__name__)
            return
        try:
            self.callbacks.ready(self.checker.info.description)
            self._loop()
        finally:
            self.checker.close()

    def _prepare(self) -> int:
        """Show the checker every segment text; returns how many there were."""
        assert self.checker is not None
        count = len(self.session)
        self.checker.prepare([self.session.text(i) for i in range(count)])
        return count

    def _loop(self) -> None:
        prepared = self._prepare()
        first_pass: Iterator[int] = (i for i in range(prepared) if self._wants_check(i))
        size = self.first_batch  # the first screenful fast, then batches for the workers
        while not self.cancelled():
            if len(self.session) > prepared:
                # The document grew (it was opened on its first lines): prepare again over
                # all of it, and check again what was checked with the partial statistics.
                old, prepared = prepared, self._prepare()
                first_pass = chain(
                    range(old), (i for i in range(old, prepared) if self._wants_check(i))
                )
            if self._do_urgent():
                continue
            batch = _take(first_pass, size)
            size = self.batch_size
            if not batch:  # the first pass is done: whatever went stale since
                batch = _take(self.session.needs_check(), self.batch_size)
            if batch:
                self._check(batch)
                continue
            self._wake.wait(0.1)
            self._wake.clear()

    def _do_urgent(self) -> bool:
        """One piece of urgent work, if there is any: re-checks, then suggestions."""
        with self._lock:
            if self._rechecks:
                index, ahead = self._rechecks.pop(0), None
            elif self._suggest_now is not None:
                index, ahead, self._suggest_now = self._suggest_now, False, None
            elif self._suggest_ahead:
                index, ahead = self._suggest_ahead.pop(0), True
            else:
                return False
        if ahead is None:
            if self._wants_check(index):
                self._check([index])
        else:
            self._suggest(index, ahead)
        return True

    def _wants_check(self, index: int) -> bool:
        return not self.session.is_checked(index) or self.session.is_stale(index)

    def _check(self, indices: list[int]) -> None:
        assert self.checker is not None
        texts = [self.session.text(i) for i in indices]
        flags = self.checker.check(texts, suggest=False)
        self.callbacks.flags(indices, texts, flags)

    def _suggest(self, index: int, ahead: bool = False) -> None:
        assert self.checker is not None
        text = self.session.text(index)
        for flag in self.session.flags(index):
            if self.cancelled() or self.session.text(index) != text:
                return
            if not ahead and self.current() != index:
                return  # the editor moved on: their new sentence comes first
            if ahead and self._suggest_now is not None:
                return  # the editor arrived somewhere: that sentence comes first
            if self.session.suggestions_known(index, flag):
                continue
            suggestions = tuple(self.checker.suggest(text, flag))
            self.callbacks.suggestions(index, text, flag, suggestions)


def _take(source: Iterator[int], count: int) -> list[int]:
    out = []
    for item in source:
        out.append(item)
        if len(out) >= count:
            break
    return out
