"""Worker processes for Hunspell's own suggest: ~0.1 s a word (up to 0.5 s) holding the GIL,
so an editor's `suggest` call from a UI worker thread must not run it in the UI's process.

Two workers (this machine has 2 cores), each with its own Hunspell, spawned (not forked, so a
threaded parent such as the TUI is safe) on first use and shut down by `close`.

Checking itself stays in the calling process: measured on the six WMT24 system outputs as one
13,740-sentence document, splitting batches over the two workers ran at 1,129 sentences/s
against 1,802 in one process (each worker re-learns the same vocabulary, and pickling and
start-up cost more than the second core gains).
"""

from __future__ import annotations

import atexit
import concurrent.futures
import multiprocessing
from concurrent.futures.process import BrokenProcessPool

from review_app.checking.offline.speller import DictionaryFiles, load_hunspell
from review_app.checking.offline.suggest import hunspell_suggest

WORKERS = 2
_HUNSPELL = None


def _init(files: DictionaryFiles) -> None:
    global _HUNSPELL
    _HUNSPELL = load_hunspell(files)


def _suggest(word: str) -> tuple[str, ...]:
    if _HUNSPELL is None:
        raise RuntimeError("worker Hunspell not loaded")
    return hunspell_suggest(_HUNSPELL, word)


class PoolUnavailable(Exception):
    """The workers cannot run (e.g. a script without `if __name__ == "__main__":` under the
    spawn start method): the caller does the work in its own process instead."""


class WorkerPool:
    def __init__(self, files: DictionaryFiles, workers: int = WORKERS) -> None:
        self._files = files
        self._workers = workers
        self._executor: concurrent.futures.ProcessPoolExecutor | None = None
        self.broken = False
        self._exit_hook = False

    def _pool(self) -> concurrent.futures.ProcessPoolExecutor:
        if self.broken:
            raise PoolUnavailable("worker processes failed before")
        if self._executor is None:
            self._executor = concurrent.futures.ProcessPoolExecutor(
                max_workers=self._workers,
                mp_context=multiprocessing.get_context("spawn"),
                initializer=_init,
                initargs=(self._files,),
            )
            if not self._exit_hook:
                atexit.register(self.close)
                self._exit_hook = True
        return self._executor

    def suggest(self, word: str) -> tuple[str, ...]:
        """Hunspell's own suggestions for `word`, computed in a worker process."""
        try:
            return self._pool().submit(_suggest, word).result()
        except (BrokenProcessPool, OSError, RuntimeError) as exc:
            self._fail()
            raise PoolUnavailable(str(exc)) from exc

    def _fail(self) -> None:
        self.broken = True
        if self._executor is not None:
            self._executor.shutdown(wait=False, cancel_futures=True)
            self._executor = None

    def close(self) -> None:
        if self._executor is not None:
            self._executor.shutdown(wait=True, cancel_futures=True)
            self._executor = None
