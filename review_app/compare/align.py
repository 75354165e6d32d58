"""Aligning an original with its revision: lines first, then sentences inside each line group.

Both levels use one routine: identical items anchor the alignment (a bounded diff, seqdiff.py),
and each stretch between anchors is aligned by dynamic programming over "beads" (1:1, 1:0, 0:1,
1:2, 2:1, 1:3, 3:1); a stretch too large for that is cut in halves along its diagonal first.
A bead costs the characters its two sides do not share (a bag of words, each word weighing its
length), so a split sentence pairs with both halves, while a genuinely inserted or deleted
sentence stays on its own; splits and merges pay a small penalty so plain pairs win ties.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence

from review_app.compare.seqdiff import opcodes

Bead = tuple[range, range]

_WORD = re.compile(r"\w+|[^\w\s]")
_BEADS = ((1, 1), (1, 0), (0, 1), (1, 2), (2, 1), (1, 3), (3, 1))
_GROUP_PENALTY = 4  # characters per extra item in a split or merge
_FULL_DP_CELLS = 40_000  # larger stretches are aligned inside a band around the diagonal
_BAND_SLACK = 20
_MAX_DP_CELLS = 200_000  # a stretch needing more cells is cut in two along its diagonal
_INF = float("inf")


def _bag(text: str) -> Counter[str]:
    return Counter(w.casefold() for w in _WORD.findall(text))


def _weight(bag: Counter[str]) -> int:
    return sum((len(word) + 1) * n for word, n in bag.items())


class _Side:
    """Bags of words of one side's items, and of runs of up to three of them, made when first
    needed (items between identical anchors never are)."""

    def __init__(self, items: Sequence[str]) -> None:
        self._items = items
        self._bags: dict[int, tuple[Counter[str], int]] = {}
        self._runs: dict[tuple[int, int], tuple[Counter[str], int]] = {}

    def item(self, i: int) -> tuple[Counter[str], int]:
        found = self._bags.get(i)
        if found is None:
            bag = _bag(self._items[i])
            found = self._bags[i] = (bag, _weight(bag))
        return found

    def weight(self, start: int, end: int) -> int:
        return sum(self.item(i)[1] for i in range(start, end))

    def run(self, start: int, end: int) -> tuple[Counter[str], int]:
        if end - start == 1:
            return self.item(start)
        key = (start, end)
        if key not in self._runs:
            bag: Counter[str] = Counter()
            for i in range(start, end):
                bag.update(self.item(i)[0])
            self._runs[key] = (bag, self.weight(start, end))
        return self._runs[key]


def _bead_cost(a: _Side, i0: int, i1: int, b: _Side, j0: int, j1: int) -> float:
    if i0 == i1:
        return b.weight(j0, j1)
    if j0 == j1:
        return a.weight(i0, i1)
    bag_a, weight_a = a.run(i0, i1)
    bag_b, weight_b = b.run(j0, j1)
    shared = _weight(bag_a & bag_b)
    return weight_a + weight_b - 2 * shared + _GROUP_PENALTY * (i1 - i0 + j1 - j0 - 2)


def _cells(n: int, m: int) -> int:
    """How many cells the DP visits for an n × m stretch (see _columns)."""
    if n * m <= _FULL_DP_CELLS:
        return n * m
    return n * (2 * (abs(n - m) + _BAND_SLACK) + 1)


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
    if _cells(n, m) > _MAX_DP_CELLS:
        a_mid, b_mid = a0 + n // 2, b0 + m // 2
        return _align_stretch(a, a0, a_mid, b, b0, b_mid) + _align_stretch(
            a, a_mid, a1, b, b_mid, b1
        )
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
    for tag, i1, i2, j1, j2 in opcodes(list(a), list(b)):
        if tag == "equal":
            beads.extend(
                (range(i, i + 1), range(j, j + 1))
                for i, j in zip(range(i1, i2), range(j1, j2), strict=True)
            )
        else:
            beads.extend(_align_stretch(side_a, i1, i2, side_b, j1, j2))
    return beads


def align_lines(original: Sequence[str], revised: Sequence[str]) -> tuple[bool, list[Bead]]:
    """Line groups of each side that belong together. The flag says whether lines paired one
    to one (same line count: one unit per line pair, as sacrebleu reads two files)."""
    if len(original) == len(revised):
        return True, [(line, line) for line in (range(i, i + 1) for i in range(len(original)))]
    return False, align_sequences(
        [line.strip() for line in original], [line.strip() for line in revised]
    )
