"""Running a checker over a whole document in batches, with progress.

Two things keep the cost bounded whatever the input:
- Identical texts are checked once (a file of repeated lines costs what its distinct lines
  cost); checkers give the same flags for the same text once `prepare` has seen the document.
- A text longer than LONG_TEXT characters (no real sentence is: the longest of 16,289 WMT24
  sentences has 568) is checked in windows cut at whitespace, and the flags are mapped back to
  exact offsets in the whole text. Checkers cost more than linear time on such texts (the
  offline rules took 81 µs a character at 200,000 characters against 4 µs at 2,000), and
  LanguageTool takes a bounded request size. Each window is checked with OVERLAP characters
  of context on both sides; a flag belongs to the window its start falls in, so every flag is
  found once, with its whole span, even when it reaches into the next window.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass

from review_app.checking.base import Checker
from review_app.checking.flag import Flag
from review_app.document.model import Document

ProgressCallback = Callable[[int], None]  # called with the number of segments just checked

LONG_TEXT = 2_000  # characters; longer texts are checked in windows
PIECE = 1_500  # characters of a window's own part (cut at whitespace when there is some)
OVERLAP = 200  # characters of context each side of a window's own part


@dataclass(frozen=True, slots=True)
class Window:
    """Part of a long text: `text[start:end]` is checked; flags starting in
    `[keep_start, keep_end)` are kept."""

    start: int
    keep_start: int
    keep_end: int
    end: int


def _cut(text: str, position: int, low: int) -> int:
    """A cut at or before `position` (and after `low`): just after the last whitespace, or
    `position` itself when there is none."""
    for i in range(position, low, -1):
        if text[i - 1].isspace():
            return i
    return position


def _word_start(text: str, position: int, high: int) -> int:
    """The first word start at or after `position` (before `high`), else `position`."""
    for i in range(position, high):
        if i == 0 or text[i - 1].isspace():
            return i
    return position


def windows(text: str) -> list[Window]:
    """The windows a text is checked in: one for a text up to LONG_TEXT characters."""
    if len(text) <= LONG_TEXT:
        return [Window(0, 0, len(text), len(text))]
    cuts = [0]
    while len(text) - cuts[-1] > PIECE:
        cuts.append(_cut(text, cuts[-1] + PIECE, cuts[-1] + PIECE // 2))
    cuts.append(len(text))
    result = []
    for keep_start, keep_end in itertools.pairwise(cuts):
        start = _word_start(text, max(0, keep_start - OVERLAP), keep_start)
        if keep_end + OVERLAP >= len(text):
            end = len(text)
        else:
            end = _cut(text, keep_end + OVERLAP, keep_end)
        result.append(Window(start, keep_start, keep_end, end))
    return result


def long_texts(texts: Sequence[str]) -> list[int]:
    """Indices of the texts that are checked in windows."""
    return [i for i, text in enumerate(texts) if len(text) > LONG_TEXT]


def check_units(texts: Sequence[str]) -> list[str]:
    """What a checker's `prepare` should see for `texts`: short texts as they are, long ones as
    their windows' own parts (no overlap, so no word is counted twice)."""
    units: list[str] = []
    for text in texts:
        if len(text) <= LONG_TEXT:
            units.append(text)
        else:
            units.extend(text[w.keep_start : w.keep_end] for w in windows(text))
    return units


def _valid(flag: Flag, length: int) -> bool:
    """Whatever a checker says, a flag must lie inside the text it was given."""
    return 0 <= flag.start <= flag.end <= length


def _pieces(texts: Sequence[str], long: dict[int, list[Window]]) -> Iterator[str]:
    for i, text in enumerate(texts):
        if i in long:
            yield from (text[w.start : w.end] for w in long[i])
        else:
            yield text


def _gather(text: str, parts: list[Window], found: dict[str, list[Flag]]) -> list[Flag]:
    flags: list[Flag] = []
    for window in parts:
        piece = text[window.start : window.end]
        for flag in found.get(piece, ()):
            if not _valid(flag, len(piece)):
                continue
            start = window.start + flag.start
            if window.keep_start <= start < window.keep_end or (
                start == window.keep_end == len(text)  # an empty span at the very end
            ):
                flags.append(flag.shifted(window.start) if window.start else flag)
    return flags


def check_texts(
    texts: Sequence[str],
    checker: Checker,
    *,
    suggest: bool = True,
    batch_size: int = 256,
    on_progress: ProgressCallback | None = None,
) -> list[list[Flag]]:
    """Flags for each text (offsets into that text), checking each distinct text (or window
    of a long text) once, `batch_size` at a time."""
    long = {i: windows(texts[i]) for i in long_texts(texts)}
    pieces = list(dict.fromkeys(_pieces(texts, long)))
    found: dict[str, list[Flag]] = {}  # only pieces with flags: most have none
    reported = 0
    for begin in range(0, len(pieces), batch_size):
        batch = pieces[begin : begin + batch_size]
        flags = checker.check(batch, suggest=suggest)
        if len(flags) != len(batch):
            raise RuntimeError(
                f"{checker.info.name} returned {len(flags)} results for {len(batch)}"
            )
        found.update((piece, got) for piece, got in zip(batch, flags, strict=True) if got)
        if on_progress is not None:
            # progress in segments, spread over the distinct pieces
            done = len(texts) * (begin + len(batch)) // len(pieces)
            on_progress(done - reported)
            reported = done
    return [
        _gather(text, long[i], found)
        if i in long
        else [f for f in found.get(text, ()) if _valid(f, len(text))]
        for i, text in enumerate(texts)
    ]


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
    checker.prepare(check_units(texts))
    return check_texts(
        texts, checker, suggest=suggest, batch_size=batch_size, on_progress=on_progress
    )
