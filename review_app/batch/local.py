"""Checking chunks on this machine: in this process, or in a pool of worker processes.

The pool's processes are spawned (not forked: safe in a threaded parent), ignore Ctrl-C (the
parent handles it and stops them), end with the parent, build their checker once from the
pickled Settings and keep it. The parent keeps a bounded number of items in flight and hands
the results back in the items' order, so whoever consumes them can write the report as it
grows.
"""

from __future__ import annotations

import multiprocessing
import multiprocessing.connection
import os
import signal
import threading
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from itertools import chain, islice

from review_app.batch.chunks import chunk_characters
from review_app.batch.items import ChunkItem, ChunkResult
from review_app.batch.worker import ChunkChecker, check_item
from review_app.checking.base import Checker
from review_app.config import Settings
from review_app.errors import ReviewAppError

IN_FLIGHT_PER_JOB = 4  # a few queued per worker: a slow chunk does not leave the others idle
# Less work than this (or than two chunks of a smaller chunk size) is checked in this process:
# starting workers (Python, the dictionary, the word lists: seconds each) would cost more than
# a second core gains.
POOL_MIN_CHARACTERS = 100_000


def usable_cores() -> int:
    """The cores this process may run on (its affinity, not the machine's count)."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def run_local(items: Iterable[ChunkItem], settings: Settings, jobs: int) -> Iterator[ChunkResult]:
    """The results of `items`, in their order. `jobs=1` checks in this process; more spawns
    that many worker processes, unless there is only one item, or the items hold under
    POOL_MIN_CHARACTERS (or one chunk size) in all (read ahead to see): those are checked here
    too. The results are the same either way."""
    source = iter(items)
    if jobs > 1:
        ahead: list[ChunkItem] = []
        size = 0
        enough = min(POOL_MIN_CHARACTERS, chunk_characters())
        for item in source:
            ahead.append(item)
            size += item.characters
            if size >= enough and len(ahead) > 1:
                yield from _in_pool(chain(ahead, source), settings, jobs)
                return
        source = iter(ahead)
    yield from _here(source, settings)


def _here(items: Iterator[ChunkItem], settings: Settings) -> Iterator[ChunkResult]:
    from review_app.checking.select import make_checker

    first = next(items, None)
    if first is None:
        return
    checker = ChunkChecker(make_checker(settings))
    try:
        for item in chain([first], items):
            yield checker.check(item)
    finally:
        checker.close()


def run_with_checker(items: Iterable[ChunkItem], checker: Checker) -> Iterator[ChunkResult]:
    """The results of `items` checked in this process by `checker` (which the caller closes)."""
    chunk_checker = ChunkChecker(checker)
    for item in items:
        yield chunk_checker.check(item)


def _start_worker() -> None:
    """In each worker: Ctrl-C is the parent's to handle, and the worker ends with its parent
    (a killed parent would otherwise leave it waiting forever: it holds both ends of its
    task queue)."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    parent = multiprocessing.parent_process()
    if parent is not None:
        threading.Thread(target=_exit_with, args=(parent.sentinel,), daemon=True).start()


def _exit_with(sentinel: int) -> None:
    multiprocessing.connection.wait([sentinel])
    os._exit(1)


def _in_pool(items: Iterator[ChunkItem], settings: Settings, jobs: int) -> Iterator[ChunkResult]:
    executor = ProcessPoolExecutor(
        max_workers=jobs,
        mp_context=multiprocessing.get_context("spawn"),
        initializer=_start_worker,
    )
    pending: deque[tuple[ChunkItem, Future[ChunkResult]]] = deque()
    limit = jobs * IN_FLIGHT_PER_JOB
    delivered = finished = False
    try:
        while True:
            for item in islice(items, limit - len(pending)):
                pending.append((item, executor.submit(check_item, settings, item)))
            if not pending:
                break
            item, future = pending[0]
            try:
                result = future.result()
            except BrokenProcessPool:
                if delivered:
                    raise ReviewAppError(
                        f"a worker process died while checking chunk {item.chunk_index + 1} of "
                        f"file {item.file_index + 1} (out of memory?); try fewer --jobs"
                    ) from None
                # The workers could not even start (e.g. a script without a main guard):
                # the same work, in this process.
                _stop(executor)
                rest = chain((queued for queued, _ in pending), items)
                pending.clear()
                yield from _here(rest, settings)
                finished = True
                return
            pending.popleft()
            delivered = True
            yield result
        finished = True
    finally:
        if finished:
            executor.shutdown(wait=True)
        else:  # an error, Ctrl-C, or the consumer stopped early: no waiting for the workers
            _stop(executor)


def _stop(executor: ProcessPoolExecutor) -> None:
    terminate = getattr(executor, "terminate_workers", None)  # Python 3.14
    if terminate is not None:
        terminate()
        return
    processes = list((getattr(executor, "_processes", None) or {}).values())
    executor.shutdown(wait=False, cancel_futures=True)
    for process in processes:
        if process.is_alive():
            process.terminate()
    for process in processes:
        process.join(timeout=5)
