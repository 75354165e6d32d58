"""Keeping the garbage collector's full passes short in a long review session.

A full pass walks every object the collector tracks, holding the GIL: no key is answered
meanwhile. With the checker's dictionaries and word lists and a document of 100,000 sentences
that took 0.2-1 s (issue 11). Nearly all of it lives as long as the app, so it is frozen
(`gc.freeze`: left out of every later pass) once it exists: when the checker is built, the
document read and the checker's statistics of it made (no collection at all while they are
made), and after a full pass (what survived one is long-lived: word lists a checker loads
when first needed, the flags so far). Cyclic garbage among frozen objects is
not collected until `release`: a few thousand objects in a session.
"""

from __future__ import annotations

import gc
import threading
from collections.abc import Iterator
from contextlib import contextmanager

ENABLED = True  # bench/bench_tui.py --no-freeze sets it False, to compare


def freeze() -> None:
    """Leave every object alive now out of later passes."""
    if ENABLED:
        gc.freeze()


def full_passes() -> int:
    """How many full passes the collector has made so far."""
    return gc.get_stats()[2]["collections"]


_building = 0  # how many `building` blocks are open (the checker thread's, the reader's)
_lock = threading.Lock()


@contextmanager
def building() -> Iterator[None]:
    """No collection while a large structure that is not garbage is made (a checker's
    dictionaries, the segments of a whole document): each pass would walk it again as it
    grows. What is alive when the last open block ends is frozen."""
    global _building
    if not ENABLED:
        yield
        return
    with _lock:
        _building += 1
        if _building == 1:
            gc.disable()
    try:
        yield
    finally:
        with _lock:
            _building -= 1
            if _building == 0:
                gc.freeze()
                gc.enable()


def release() -> None:
    """Give what was frozen back to the collector (the app ends; tests run many apps)."""
    if ENABLED:
        gc.unfreeze()
