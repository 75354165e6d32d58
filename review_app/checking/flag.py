"""A flag: one finding of a checker inside one segment."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from enum import IntEnum


class Severity(IntEnum):
    """Ordered so that `severity >= threshold` reads naturally."""

    HINT = 1
    WARNING = 2
    ERROR = 3

    @property
    def label(self) -> str:
        return self.name.lower()

    @classmethod
    def parse(cls, name: str) -> Severity:
        try:
            return cls[name.upper()]
        except KeyError:
            raise ValueError(f"unknown severity {name!r}: use error, warning or hint") from None


@dataclass(frozen=True)
class Flag:
    """A finding: `start`/`end` are character offsets into the segment's text."""

    start: int
    end: int
    message: str
    rule_id: str
    category: str
    severity: Severity
    suggestions: tuple[str, ...] = ()
    checker: str = ""
    # Words the user may add to a dictionary to silence this flag (spelling flags only).
    word: str | None = field(default=None)

    def flagged(self, segment_text: str) -> str:
        return segment_text[self.start : self.end]

    def shifted(self, delta: int) -> Flag:
        return replace(self, start=self.start + delta, end=self.end + delta)

    def with_suggestions(self, suggestions: tuple[str, ...]) -> Flag:
        return replace(self, suggestions=suggestions)
