"""Two line-aligned plain files: line i of the target translates line i of the source."""

from __future__ import annotations

import re
from collections.abc import Mapping

from review_app.bilingual.inline import literal_tags, markup, shown_id
from review_app.bilingual.model import BilingualFile, State, Unit
from review_app.bilingual.splice import Edit, apply_edits
from review_app.errors import InputError

_LINE = re.compile(r"[^\r\n]*")
_BREAK = re.compile(r"\r\n|\n|\r")


def line_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of every line, line ends excluded; a final line end starts no new line."""
    spans = []
    position = 0
    while position < len(text) or not spans:
        match = _LINE.match(text, position)
        assert match is not None
        spans.append(match.span())
        after = _BREAK.match(text, match.end())
        if after is None:
            break
        position = after.end()
    return spans


def _count(n: int) -> str:
    return f"{n} line" if n == 1 else f"{n} lines"


def aligned_units(
    source_text: str, target_text: str, source_name: str, target_name: str
) -> BilingualFile:
    """One unit per line of `target_text`, with the same line of `source_text` as source."""
    sources = line_spans(source_text)
    targets = line_spans(target_text)
    if len(sources) != len(targets):
        raise InputError(
            f"{target_name} has {_count(len(targets))} but its source {source_name} has "
            f"{_count(len(sources))}: line-aligned files need the same number of lines"
        )
    units = []
    for number, ((s0, s1), (t0, t1)) in enumerate(zip(sources, targets, strict=True)):
        source, target = source_text[s0:s1], target_text[t0:t1]
        units.append(
            Unit(
                index=number,
                id=str(number + 1),
                source=source,
                target=target,
                target_start=t0,
                target_end=t1,
                line=number,
                tags=literal_tags(source, target),
                state=State.TRANSLATED if target else State.NEW,
            )
        )
    return BilingualFile("aligned", None, None, tuple(units))


def write_aligned(text: str, file: BilingualFile, targets: Mapping[int, str]) -> str:
    edits = []
    for unit in file.units:
        new = targets.get(unit.index, unit.target)
        if new == unit.target:
            continue
        if _BREAK.search(new):
            raise InputError(
                f"unit {shown_id(unit.id)}: a line break cannot be written into a line-aligned file"
            )
        markup(unit.id, new, unit.tags, lambda s: s)
        edits.append(Edit(unit.target_start, unit.target_end, new))
    return apply_edits(text, edits)
