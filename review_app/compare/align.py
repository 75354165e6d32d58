"""Aligning an original with its revision: lines first, then sentences inside each line group.

Both levels use one routine: identical items anchor the alignment (difflib), and each stretch
between anchors is aligned by dynamic programming over "beads" (1:1, 1:0, 0:1, 1:2, 2:1, 1:3,
3:1). A bead costs the characters its two sides do not share (a bag of words, each word weighing
its length), so a split sentence pairs with both halves, while a genuinely inserted or deleted
sentence stays on its own; splits and merges pay a small penalty so plain pairs win ties.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from difflib import SequenceMatcher

from review_app.document.model import Document

Bead = tuple[range, range]

_WORD = re.compile(r"\w+|[^\w\s]")
_BEADS = ((1, 1), (1, 0), (0, 1), (1, 2), (2, 1), (1, 3), (3, 1))
_GROUP_PENALTY = 4  # characters per extra item in a split or merge
_FULL_DP_CELLS = 40_000  # larger stretches are aligned inside a band around the diagonal
_BAND_SLACK = 20
_INF = float("inf")


def _bag(text: str) -> Counter[str]:
    return Counter(w.casefold() for w in _WORD.findall(text))


def _weight(bag: Counter[str]) -> int:
    return sum((len(word) + 1) * n for word, n in bag.items())


class _Side:
    """Bags of words of one side's items, and of runs of up to three of them."""

    def __init__(self, items: Sequence[str]) -> None:
        self.bags = [_bag(item) for item in items]
        self.weights = [_weight(bag) for bag in self.bags]
        self._runs: dict[tuple[int, int], tuple[Counter[str], int]] = {}

    def run(self, start: int, end: int) -> tuple[Counter[str], int]:
        if end - start == 1:
            return self.bags[start], self.weights[start]
        key = (start, end)
        if key not in self._runs:
            bag: Counter[str] = Counter()
            for i in range(start, end):
                bag.update(self.bags[i])
            self._runs[key] = (bag, sum(self.weights[start:end]))
        return self._runs[key]


def _bead_cost(a: _Side, i0: int, i1: int, b: _Side, j0: int, j1: int) -> float:
    if i0 == i1:
        return sum(b.weights[j0:j1])
    if j0 == j1:
        return sum(a.weights[i0:i1])
    bag_a, weight_a = a.run(i0, i1)
    bag_b, weight_b = b.run(j0, j1)
    shared = _weight(bag_a & bag_b)
    return weight_a + weight_b - 2 * shared + _GROUP_PENALTY * (i1 - i0 + j1 - j0 - 2)


def _columns(i: int, n: int, m: int) -> range:
    """The cells of row i that the DP visits: all of them, or a band around the diagonal."""
    if n * m <= _FULL_DP_CELLS:
        return range(m + 1)
    width = abs(n - m) + _BAND_SLACK
    centre = i * m / n
    return range(max(0, int(centre - width)), min(m, int(centre + width) + 1) + 1)


def _align_stretch(a: _Side, a0: int, a1: int, b: _Side, b0: int, b1: int) -> list[Bead]:
    """Optimal beads for a[a0:a1] against b[b0:b1] (no anchors inside)."""
    n, m = a1 - a0, b1 - b0
    if n == 0 or m == 0:
        return [(range(a0 + i, a0 + i + 1), range(b0, b0)) for i in range(n)] + [
            (range(a1, a1), range(b0 + j, b0 + j + 1)) for j in range(m)
        ]
    if n == 1 and m == 1:
        return [(range(a0, a1), range(b0, b1))]
    cost: dict[tuple[int, int], float] = {(0, 0): 0.0}
    back: dict[tuple[int, int], tuple[int, int]] = {}
    for i in range(n + 1):
        for j in _columns(i, n, m):
            if i == 0 and j == 0:
                continue
            best, step = _INF, (0, 0)
            for di, dj in _BEADS:
                previous = cost.get((i - di, j - dj))
                if previous is None:
                    continue
                c = previous + _bead_cost(a, a0 + i - di, a0 + i, b, b0 + j - dj, b0 + j)
                if c < best:
                    best, step = c, (di, dj)
            if best < _INF:
                cost[(i, j)] = best
                back[(i, j)] = step
    beads: list[Bead] = []
    i, j = n, m
    while i or j:
        di, dj = back[(i, j)]
        beads.append((range(a0 + i - di, a0 + i), range(b0 + j - dj, b0 + j)))
        i, j = i - di, j - dj
    beads.reverse()
    return beads


def align_sequences(a: Sequence[str], b: Sequence[str]) -> list[Bead]:
    """Beads (ranges of a, ranges of b) covering both sequences in order."""
    side_a, side_b = _Side(a), _Side(b)
    beads: list[Bead] = []
    matcher = SequenceMatcher(None, list(a), list(b), autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            beads.extend(
                (range(i, i + 1), range(j, j + 1))
                for i, j in zip(range(i1, i2), range(j1, j2), strict=True)
            )
        else:
            beads.extend(_align_stretch(side_a, i1, i2, side_b, j1, j2))
    return beads


@dataclass(frozen=True)
class UnitAlignment:
    """A line group of each side and the sentence beads (segment index ranges) inside it."""

    original_lines: range
    revised_lines: range
    sentences: tuple[Bead, ...]


def _segments_by_line(doc: Document, line_count: int) -> list[range]:
    """For each line, the range of segment indices on it."""
    starts = [0] * (line_count + 1)
    for seg in doc.segments:
        starts[seg.line + 1] += 1
    for line in range(line_count):
        starts[line + 1] += starts[line]
    return [range(starts[line], starts[line + 1]) for line in range(line_count)]


def align_documents(
    original: Document,
    original_lines: Sequence[str],
    revised: Document,
    revised_lines: Sequence[str],
) -> tuple[bool, list[UnitAlignment]]:
    """Line groups and the sentences inside them. The flag says whether lines paired one to one
    (same line count: one unit per line pair, as sacrebleu reads two files)."""
    same_count = len(original_lines) == len(revised_lines)
    if same_count:
        line_beads = [(range(i, i + 1), range(i, i + 1)) for i in range(len(original_lines))]
    else:
        line_beads = align_sequences(
            [line.strip() for line in original_lines], [line.strip() for line in revised_lines]
        )
    seg_a = _segments_by_line(original, len(original_lines))
    seg_b = _segments_by_line(revised, len(revised_lines))
    units: list[UnitAlignment] = []
    for lines_a, lines_b in line_beads:
        ra = _span_of(seg_a, lines_a)
        rb = _span_of(seg_b, lines_b)
        texts_a = [original.segments[k].text for k in ra]
        texts_b = [revised.segments[k].text for k in rb]
        beads = tuple(
            (
                range(ra.start + x.start, ra.start + x.stop),
                range(rb.start + y.start, rb.start + y.stop),
            )
            for x, y in align_sequences(texts_a, texts_b)
        )
        units.append(UnitAlignment(lines_a, lines_b, beads))
    return same_count, units


def _span_of(by_line: list[range], lines: range) -> range:
    if not lines:
        # no line on this side: an empty range placed where the next line's segments start
        position = (
            by_line[lines.start].start
            if lines.start < len(by_line)
            else (by_line[-1].stop if by_line else 0)
        )
        return range(position, position)
    return range(by_line[lines.start].start, by_line[lines.stop - 1].stop)
