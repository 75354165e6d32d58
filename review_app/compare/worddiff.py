"""Word-level diff with character spans that tile both strings, bounded on huge inputs."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable

from review_app.compare.model import Correction, DiffOp
from review_app.compare.seqdiff import opcodes

# Numbers with separators, words (hyphenated compounds and elisions kept whole), single marks.
_TOKEN = re.compile(r"\d+(?:[.,:]\d+)+|\w+(?:[-'’]\w+)*|[^\w\s]")


def tokenize(text: str) -> list[tuple[int, int]]:
    """(start, end) of each word or punctuation mark in `text`."""
    return [m.span() for m in _TOKEN.finditer(text)]


def _boundaries(text: str, spans: list[tuple[int, int]]) -> list[int]:
    """Where the op starting at token i begins: token starts, 0 first and len(text) last."""
    return [0, *(start for start, _ in spans[1:]), len(text)] if spans else [0, len(text)]


def word_diff(a: str, b: str) -> list[DiffOp]:
    """The word-level edit script turning `a` into `b`.

    Ops are in order and their spans tile both strings exactly, so
    `"".join(op.a_text for op in ops) == a` and likewise for `b`. Long texts get a bounded
    diff (seqdiff.py): still exact spans, coarser where the budget runs out.
    """
    if not a and not b:
        return []
    ta, tb = tokenize(a), tokenize(b)
    wa = [a[s:e] for s, e in ta]
    wb = [b[s:e] for s, e in tb]
    pa, pb = _boundaries(a, ta), _boundaries(b, tb)
    if not ta or not tb:
        tag = "equal" if not ta and not tb else ("insert" if not ta else "delete")
        return [DiffOp(tag, 0, len(a), 0, len(b), a, b)]
    ops: list[DiffOp] = []
    for tag, i1, i2, j1, j2 in opcodes(wa, wb):
        a0, a1, b0, b1 = pa[i1], pa[i2], pb[j1], pb[j2]
        ops.append(DiffOp(tag, a0, a1, b0, b1, a[a0:a1], b[b0:b1]))
    return ops


def corrections(ops: Iterable[DiffOp]) -> Counter[tuple[str, str]]:
    """(before, after) word changes of non-equal ops, whitespace trimmed."""
    found: Counter[tuple[str, str]] = Counter()
    for op in ops:
        if op.tag != "equal":
            found[(" ".join(op.a_text.split()), " ".join(op.b_text.split()))] += 1
    return found


def top_corrections(counter: Counter[tuple[str, str]], limit: int = 20) -> tuple[Correction, ...]:
    """The most frequent corrections, most frequent first (ties in first-seen order)."""
    return tuple(Correction(before, after, n) for (before, after), n in counter.most_common(limit))


Part = tuple[str, str]  # (kind, text); kind is "equal", "delete" or "insert"


def _split_trailing(text: str) -> tuple[str, str]:
    body = text.rstrip()
    return body, text[len(body) :]


def inline_parts(ops: Iterable[DiffOp]) -> list[Part]:
    """One line showing both sides: deleted words, then inserted ones, in the revision's spacing."""
    parts: list[Part] = []
    for op in ops:
        if op.tag == "equal":
            parts.append(("equal", op.b_text))
            continue
        old, _ = _split_trailing(op.a_text)
        new, space = _split_trailing(op.b_text)
        if op.tag == "delete":
            space = op.a_text[len(old) :]
        if old:
            parts.append(("delete", old))
        if new:
            parts.append(("insert", new))
        if space:
            parts.append(("equal", space))
    return parts


def side_parts(ops: Iterable[DiffOp], side: str) -> list[Part]:
    """One side's text ("a" original, "b" revision) with its changed words marked."""
    kind = "delete" if side == "a" else "insert"
    parts: list[Part] = []
    for op in ops:
        text = op.a_text if side == "a" else op.b_text
        if not text:
            continue
        if op.tag == "equal":
            parts.append(("equal", text))
            continue
        body, space = _split_trailing(text)
        if body:
            parts.append((kind, body))
        if space:
            parts.append(("equal", space))
    return parts
