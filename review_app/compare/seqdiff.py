"""A diff of two sequences that stays bounded in time and memory on any input.

difflib's SequenceMatcher gives readable diffs, but its time grows with the product of the
lengths (and faster on repetitive input: two 4,000-word texts over a 2-word vocabulary take
3 s). It is used as is when that product is small. Larger inputs are cut down first: the
common prefix and suffix go, a few edits in a long sequence are found by Myers' O(ND) search
(stopped after a fixed number of edits), and anything else is split at items that occur once
on each side (patience diff), or else cut in halves, down to pieces small enough for
SequenceMatcher. A piece that
is still too large after the work budget is spent becomes one `replace`: the diff stays
correct (its spans still tile both sides), only less fine there.
"""

from __future__ import annotations

from bisect import bisect_left
from collections import Counter
from collections.abc import Hashable, Sequence
from difflib import SequenceMatcher

Opcode = tuple[str, int, int, int, int]  # as difflib: tag, a[i1:i2], b[j1:j2]
Block = tuple[int, int, int]  # a[i:i+size] == b[j:j+size]

SMALL_CELLS = 1_000_000  # len(a) * len(b) up to which SequenceMatcher runs on the whole input
_PIECE_CELLS = 40_000  # pieces of a large input this small go to SequenceMatcher
_MAX_EDITS = 100  # Myers' search gives up after this many edits
_WORK_PER_ITEM = 8  # budget: cells and items examined per item of input, plus a floor
_WORK_FLOOR = 2_000_000


def opcodes(
    a: Sequence[Hashable], b: Sequence[Hashable], small_cells: int = SMALL_CELLS
) -> list[Opcode]:
    """difflib-style opcodes turning `a` into `b`, in bounded time."""
    if len(a) * len(b) <= small_cells:
        return SequenceMatcher(None, a, b, autojunk=False).get_opcodes()
    return _opcodes_from_blocks(matching_blocks(a, b, small_cells), len(a), len(b))


def matching_blocks(
    a: Sequence[Hashable],
    b: Sequence[Hashable],
    small_cells: int = SMALL_CELLS,
    piece_cells: int = _PIECE_CELLS,
) -> list[Block]:
    """Equal runs of `a` and `b`, in order and not overlapping (not necessarily the longest).

    `small_cells` and `piece_cells` (SequenceMatcher's limits) are parameters for the tests."""
    if len(a) * len(b) <= small_cells:
        matcher = SequenceMatcher(None, a, b, autojunk=False)
        return [block for block in matcher.get_matching_blocks() if block[2]]
    budget = _WORK_FLOOR + _WORK_PER_ITEM * (len(a) + len(b))
    blocks: list[Block] = []
    pending = [(0, len(a), 0, len(b))]
    while pending:
        a0, a1, b0, b1 = pending.pop()
        found, pieces, cost = _split(a, b, (a0, a1, b0, b1), budget, piece_cells)
        budget -= cost
        blocks.extend(found)
        pending.extend(reversed(pieces))  # keep the pieces in order on the stack
    blocks.sort()
    return blocks


def _split(
    a: Sequence[Hashable],
    b: Sequence[Hashable],
    piece: tuple[int, int, int, int],
    budget: int,
    piece_cells: int,
) -> tuple[list[Block], list[tuple[int, int, int, int]], int]:
    """Blocks found in a[a0:a1] / b[b0:b1], the pieces still to look at, and the work spent."""
    a0, a1, b0, b1 = piece
    blocks: list[Block] = []
    head = _common_run(a, b, a0, b0, min(a1 - a0, b1 - b0))
    if head:
        blocks.append((a0, b0, head))
        a0, b0 = a0 + head, b0 + head
    tail = _common_tail(a, b, a1, b1, min(a1 - a0, b1 - b0))
    if tail:
        blocks.append((a1 - tail, b1 - tail, tail))
        a1, b1 = a1 - tail, b1 - tail
    n, m = a1 - a0, b1 - b0
    cost = n + m + head + tail
    if n == 0 or m == 0 or budget <= 0:
        return blocks, [], cost
    if n * m <= piece_cells:
        matcher = SequenceMatcher(None, a[a0:a1], b[b0:b1], autojunk=False)
        found = [(a0 + i, b0 + j, k) for i, j, k in matcher.get_matching_blocks() if k]
        return blocks + found, [], cost + n * m
    cost += _MAX_EDITS**2
    found_myers = _myers(a, b, a0, a1, b0, b1)
    if found_myers is not None:
        return blocks + found_myers, [], cost
    pieces: list[tuple[int, int, int, int]] = []
    i, j = a0, b0
    anchors = _unique_anchors(a, b, a0, a1, b0, b1)
    for x, y in anchors:
        blocks.append((x, y, 1))
        if x > i or y > j:
            pieces.append((i, x, j, y))
        i, j = x + 1, y + 1
    if anchors and (i < a1 or j < b1):
        pieces.append((i, a1, j, b1))
    if not anchors:
        # nothing unique to hold on to (repetitive text): cut along the diagonal, so that
        # edits spread over a long sequence come within Myers' reach piece by piece
        pieces = [(a0, a0 + n // 2, b0, b0 + m // 2), (a0 + n // 2, a1, b0 + m // 2, b1)]
    return blocks, pieces, cost + 4 * (n + m)


def _common_run(a: Sequence[Hashable], b: Sequence[Hashable], i: int, j: int, limit: int) -> int:
    """Length of the common run a[i:], b[j:] (at most `limit`), by galloping slice compares."""
    step, done = 1, 0
    while done < limit:
        size = min(step, limit - done)
        if a[i + done : i + done + size] == b[j + done : j + done + size]:
            done += size
            step *= 2
        elif size == 1:
            break
        else:
            step = 1  # the mismatch is inside this slice: narrow down from its start
    return done


def _common_tail(a: Sequence[Hashable], b: Sequence[Hashable], i: int, j: int, limit: int) -> int:
    """Length of the common run ending before a[i] and b[j] (at most `limit`)."""
    step, done = 1, 0
    while done < limit:
        size = min(step, limit - done)
        if a[i - done - size : i - done] == b[j - done - size : j - done]:
            done += size
            step *= 2
        elif size == 1:
            break
        else:
            step = 1
    return done


def _myers(
    a: Sequence[Hashable], b: Sequence[Hashable], a0: int, a1: int, b0: int, b1: int
) -> list[Block] | None:
    """Blocks of a shortest edit script (Myers 1986), or None beyond _MAX_EDITS edits."""
    n, m = a1 - a0, b1 - b0
    v = {1: 0}
    trace: list[dict[int, int]] = []
    for d in range(_MAX_EDITS + 1):
        trace.append(dict(v))
        for k in range(-d, d + 1, 2):
            x = v[k + 1] if k == -d or (k != d and v[k - 1] < v[k + 1]) else v[k - 1] + 1
            y = x - k
            if x < n and y < m:
                x += _common_run(a, b, a0 + x, b0 + y, min(n - x, m - y))
            v[k] = x
            if x >= n and x - k >= m:
                return _myers_blocks(trace, n, m, a0, b0)
    return None


def _myers_blocks(trace: list[dict[int, int]], n: int, m: int, a0: int, b0: int) -> list[Block]:
    blocks: list[Block] = []
    x, y = n, m
    for d in range(len(trace) - 1, -1, -1):
        v = trace[d]
        k = x - y
        prev_k = k + 1 if k == -d or (k != d and v[k - 1] < v[k + 1]) else k - 1
        prev_x = v[prev_k]
        prev_y = prev_x - prev_k
        size = min(x - prev_x, y - prev_y) if d else x
        if size > 0:
            blocks.append((a0 + x - size, b0 + y - size, size))
        x, y = prev_x, prev_y
    blocks.reverse()
    return blocks


def _unique_anchors(
    a: Sequence[Hashable], b: Sequence[Hashable], a0: int, a1: int, b0: int, b1: int
) -> list[tuple[int, int]]:
    """Items that occur once in a[a0:a1] and once in b[b0:b1], longest in-order chain."""
    count_a = Counter(a[a0:a1])
    count_b = Counter(b[b0:b1])
    where_b = {b[j]: j for j in range(b0, b1) if count_b[b[j]] == 1 and count_a[b[j]] == 1}
    pairs = [(i, where_b[a[i]]) for i in range(a0, a1) if count_a[a[i]] == 1 and a[i] in where_b]
    return _longest_increasing(pairs)


def _longest_increasing(pairs: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The longest chain of pairs increasing in both coordinates (patience sorting)."""
    tops: list[int] = []  # smallest second coordinate ending a chain of each length
    top_index: list[int] = []
    previous = [-1] * len(pairs)
    for index, (_, j) in enumerate(pairs):
        length = bisect_left(tops, j)
        if length == len(tops):
            tops.append(j)
            top_index.append(index)
        else:
            tops[length] = j
            top_index[length] = index
        previous[index] = top_index[length - 1] if length else -1
    chain: list[tuple[int, int]] = []
    index = top_index[-1] if top_index else -1
    while index >= 0:
        chain.append(pairs[index])
        index = previous[index]
    chain.reverse()
    return chain


def _opcodes_from_blocks(blocks: list[Block], n: int, m: int) -> list[Opcode]:
    ops: list[Opcode] = []
    i = j = 0
    for bi, bj, size in [*blocks, (n, m, 0)]:
        tag = "replace" if i < bi and j < bj else "delete" if i < bi else "insert" if j < bj else ""
        if tag:
            ops.append((tag, i, bi, j, bj))
        if size:
            if ops and ops[-1][0] == "equal":  # adjacent blocks make one equal run
                _, i1, _, j1, _ = ops.pop()
                ops.append(("equal", i1, bi + size, j1, bj + size))
            else:
                ops.append(("equal", bi, bi + size, bj, bj + size))
        i, j = bi + size, bj + size
    return ops
