"""Pausing Python's cyclic garbage collector around work that makes a great many acyclic
objects (reading a large file, comparing large texts): triggered by the allocations, it would
walk the growing heap again and again for nothing."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def collector_paused() -> Iterator[None]:
    """The cyclic collector off meanwhile, then as it was (reference counting still frees)."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()
