"""Report data: what a grammar report says, before any rendering."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field, replace
from typing import NamedTuple

from review_app.checking.flag import Severity

REPORT_VERSION = 2
# Characters of the segment kept on each side of a flag's span in `FlagRecord.context`: the
# whole sentence is kept once per segment (`FileReport.sentences`), never once per flag.
CONTEXT_RADIUS = 100


class Excerpt(NamedTuple):
    """A flagged span with some of its sentence each side; `cut_*`: the sentence goes on."""

    before: str
    flagged: str
    after: str
    cut_before: bool
    cut_after: bool


@dataclass(frozen=True, slots=True)
class FlagRecord:
    """One flag, located in its segment and in its file (character offsets, 0-based;
    line and column 1-based, columns in characters).

    `sentence` is the segment's own text object (shared, never copied): renderers show the
    capped `context` around the span, and write the whole sentence once per segment."""

    segment: int
    segment_start: int
    segment_end: int
    start: int
    end: int
    line: int
    column: int
    text: str
    sentence: str
    message: str
    rule_id: str
    category: str
    severity: Severity
    suggestions: tuple[str, ...]
    checker: str

    @property
    def context_start(self) -> int:
        return max(0, self.segment_start - CONTEXT_RADIUS)

    @property
    def context(self) -> str:
        """The sentence from `context_start` to CONTEXT_RADIUS characters past the span."""
        return self.sentence[self.context_start : self.segment_end + CONTEXT_RADIUS]

    def excerpt(self, radius: int = CONTEXT_RADIUS) -> Excerpt:
        """The span with at most `radius` (≤ CONTEXT_RADIUS) characters each side."""
        s, e = self.segment_start, self.segment_end
        radius = min(radius, CONTEXT_RADIUS)
        before = self.sentence[max(0, s - radius) : s]
        after = self.sentence[e : e + radius]
        return Excerpt(
            before, self.text, after, s > len(before), e + len(after) < len(self.sentence)
        )


@dataclass(frozen=True, slots=True)
class SentenceRecord:
    """A flagged segment, once: where it is and its whole text."""

    segment: int
    start: int
    end: int
    line: int  # 1-based
    text: str  # the segment's own text object


@dataclass(frozen=True)
class FileReport:
    path: str
    encoding: str
    segments: int
    flags: tuple[FlagRecord, ...]
    notices: tuple[str, ...] = ()  # reading (encoding guessed) and checking (long segments)
    sentences: tuple[SentenceRecord, ...] = ()  # the flagged segments, in order

    def keeping(self, flags: tuple[FlagRecord, ...]) -> FileReport:
        """The same file with only `flags`, and only the sentences they are in."""
        flagged = {f.segment for f in flags}
        sentences = tuple(s for s in self.sentences if s.segment in flagged)
        return replace(self, flags=flags, sentences=sentences)


@dataclass(frozen=True)
class FileFailure:
    """A file that could not be read; the report goes on without it."""

    path: str
    error: str


@dataclass(frozen=True)
class Summary:
    files: int
    segments: int
    flags: int
    by_severity: dict[str, int]
    by_rule: dict[str, int]
    by_category: dict[str, int]

    @classmethod
    def of(cls, files: tuple[FileReport, ...]) -> Summary:
        flags = [f for report in files for f in report.flags]
        by_severity = {s.label: 0 for s in sorted(Severity, reverse=True)}
        by_severity.update(Counter(f.severity.label for f in flags))
        return cls(
            files=len(files),
            segments=sum(r.segments for r in files),
            flags=len(flags),
            by_severity=by_severity,
            by_rule=dict(Counter(f.rule_id for f in flags).most_common()),
            by_category=dict(Counter(f.category for f in flags).most_common()),
        )


@dataclass(frozen=True)
class Report:
    checker: str  # the checker's name: "offline" or "languagetool"
    checker_description: str
    files: tuple[FileReport, ...]
    failures: tuple[FileFailure, ...] = ()
    version: int = REPORT_VERSION
    summary: Summary = field(init=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "summary", Summary.of(self.files))

    def at_least(self, severity: Severity) -> Report:
        """The same report keeping only flags at or above `severity`."""
        files = tuple(
            r.keeping(tuple(f for f in r.flags if f.severity >= severity)) for r in self.files
        )
        return Report(
            checker=self.checker,
            checker_description=self.checker_description,
            files=files,
            failures=self.failures,
            version=self.version,
        )

    def worst(self) -> Severity | None:
        severities = [f.severity for r in self.files for f in r.flags]
        return max(severities) if severities else None

    def exit_code(self, fail_on: str) -> int:
        """Like Vale: 2 when a file failed, 1 when a flag is at or above `fail_on`, else 0."""
        if self.failures:
            return 2
        if fail_on == "never":
            return 0
        worst = self.worst()
        return 1 if worst is not None and worst >= Severity.parse(fail_on) else 0
