"""Running a checker over a whole document in batches, with progress."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from review_app.checking.base import Checker
from review_app.checking.flag import Flag
from review_app.document.model import Document

ProgressCallback = Callable[[int], None]  # called with the number of segments just checked


def check_texts(
    texts: Sequence[str],
    checker: Checker,
    *,
    suggest: bool = True,
    batch_size: int = 256,
    on_progress: ProgressCallback | None = None,
) -> list[list[Flag]]:
    """Flags for each text, checked `batch_size` texts at a time."""
    results: list[list[Flag]] = []
    for begin in range(0, len(texts), batch_size):
        batch = texts[begin : begin + batch_size]
        flags = checker.check(batch, suggest=suggest)
        if len(flags) != len(batch):
            raise RuntimeError(
                f"{checker.info.name} returned {len(flags)} results for {len(batch)}"
            )
        results.extend(flags)
        if on_progress is not None:
            on_progress(len(batch))
    return results


def check_document(
    document: Document,
    checker: Checker,
    *,
    suggest: bool = True,
    batch_size: int = 256,
    on_progress: ProgressCallback | None = None,
) -> list[list[Flag]]:
    """Flags for each segment of `document`, in segment order."""
    texts = [segment.text for segment in document.segments]
    checker.prepare(texts)
    return check_texts(
        texts, checker, suggest=suggest, batch_size=batch_size, on_progress=on_progress
    )
