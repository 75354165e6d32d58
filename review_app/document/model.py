"""Document and Segment: the original text and exact character spans into it."""

from __future__ import annotations

import bisect
from collections.abc import Mapping
from dataclasses import dataclass, field

from review_app.bilingual.model import Unit


@dataclass(frozen=True)
class Segment:
    """One sentence (or header line) of a document: `text == document.text[start:end]`."""

    index: int
    start: int
    end: int
    text: str
    line: int  # 0-based line number of `start` in the document
    unit: Unit | None = None  # in a bilingual file: the unit whose target this segment is

    @property
    def source(self) -> str | None:
        """The source-language text of this segment's unit (bilingual files only)."""
        return None if self.unit is None else self.unit.source


@dataclass(frozen=True)
class Document:
    """The original text plus its segments. Text between segments is kept as it is."""

    text: str
    segments: tuple[Segment, ...]
    _starts: tuple[int, ...] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_starts", tuple(s.start for s in self.segments))
        previous_end = 0
        for position, seg in enumerate(self.segments):
            if seg.index != position:
                raise ValueError(f"segment {position} has index {seg.index}")
            if not previous_end <= seg.start <= seg.end <= len(self.text):
                raise ValueError(f"segment {position} span {seg.start}:{seg.end} is out of order")
            if self.text[seg.start : seg.end] != seg.text:
                raise ValueError(f"segment {position} text does not match its span")
            previous_end = seg.end

    def __len__(self) -> int:
        return len(self.segments)

    def segment_at(self, offset: int) -> Segment | None:
        """The segment containing character `offset`, if any."""
        i = bisect.bisect_right(self._starts, offset) - 1
        if i >= 0 and offset < self.segments[i].end:
            return self.segments[i]
        return None

    def rebuild(self, replacements: Mapping[int, str] | None = None) -> str:
        """The text with segment `i` replaced by `replacements[i]`; everything else untouched."""
        if not replacements:
            return self.text
        parts: list[str] = []
        cursor = 0
        for index in sorted(replacements):
            seg = self.segments[index]
            parts.append(self.text[cursor : seg.start])
            parts.append(replacements[index])
            cursor = seg.end
        parts.append(self.text[cursor:])
        return "".join(parts)
