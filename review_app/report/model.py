"""Report data: what a grammar report says, before any rendering."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from typing import NamedTuple

from review_app.checking.flag import Severity

REPORT_VERSION = 2
# Characters of the segment kept on each side of a flag's span in `FlagRecord.context`: the
# whole sentence is kept once per segment (`FileReport.sentences`), never once per flag.
CONTEXT_RADIUS = 100


def counted(n: int, noun: str) -> str:
    """`n` and `noun`, plural unless `n` is 1: "1 file", "2 files", "0 flags"."""
    return f"{n} {noun}" if n == 1 else f"{n} {noun}s"


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
    source: str | None = None  # the segment's source text, in a bilingual file
    unit_id: str | None = None  # the id of the segment's unit, in a bilingual file

    @property
    def number(self) -> int:
        """The segment's number for people: 1-based (`segment` is 0-based)."""
        return self.segment + 1

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
    source: str | None = None  # the unit's source text, in a bilingual file
    unit_id: str | None = None  # the unit's id, in a bilingual file

    @property
    def number(self) -> int:
        """The segment's number for people: 1-based (`segment` is 0-based)."""
        return self.segment + 1


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
class FlagCounts:
    """Flags counted by severity (every severity, most severe first), rule and category (in
    the order they first appear, so that counts of files merged in file order tie-break as
    counts of all their flags would)."""

    by_severity: dict[str, int]
    by_rule: dict[str, int]
    by_category: dict[str, int]

    @property
    def flags(self) -> int:
        return sum(self.by_severity.values())

    @classmethod
    def of(cls, flags: Iterable[FlagRecord]) -> FlagCounts:
        by_severity = _no_severities()
        by_rule: Counter[str] = Counter()
        by_category: Counter[str] = Counter()
        for flag in flags:
            by_severity[flag.severity.label] += 1
            by_rule[flag.rule_id] += 1
            by_category[flag.category] += 1
        return cls(by_severity, dict(by_rule), dict(by_category))


def _no_severities() -> dict[str, int]:
    return {s.label: 0 for s in sorted(Severity, reverse=True)}


@dataclass(frozen=True)
class Summary:
    files: int
    segments: int
    flags: int
    by_severity: dict[str, int]
    by_rule: dict[str, int]  # most frequent first
    by_category: dict[str, int]  # most frequent first

    @classmethod
    def of(cls, files: tuple[FileReport, ...]) -> Summary:
        totals = Totals()
        for report in files:
            totals.add_counts(report.segments, FlagCounts.of(report.flags))
        return totals.summary()


@dataclass(frozen=True)
class CheckerRun:
    """The checker that ran: its name ("offline" or "languagetool") and description."""

    name: str
    description: str


# --- a report as it is made: events in report order, written as they come -------------------


@dataclass(frozen=True)
class FileChunk:
    """Findings in part of a file (one checked chunk), located in the file: the flags shown
    (at or above --min-severity) and their sentences."""

    file_index: int  # position of the file among the report's inputs
    path: str
    flags: tuple[FlagRecord, ...]
    sentences: tuple[SentenceRecord, ...]
    segments: int  # segments in this part
    done: int  # characters of the file's text checked so far, this part included
    characters: int  # characters in the file's text
    checker_notices: tuple[str, ...] = ()  # new from the checker (e.g. a fallback took over)


@dataclass(frozen=True)
class FileDone:
    """A file fully checked; after all its FileChunks. `counts` are of the flags shown; `worst`
    is the most severe flag found, also one --min-severity left out (for the exit code)."""

    file_index: int
    path: str
    encoding: str
    segments: int
    notices: tuple[str, ...]
    counts: FlagCounts
    worst: Severity | None
    checker: CheckerRun


@dataclass(frozen=True)
class ReportEnd:
    """The last event: what only the whole report knows."""

    checker: CheckerRun
    summary: Summary
    failures: tuple[FileFailure, ...]
    worst: Severity | None  # the most severe flag found, also among flags not shown
    version: int = REPORT_VERSION

    def exit_code(self, fail_on: str) -> int:
        """Like Vale: 2 when a file failed, 1 when a flag is at or above `fail_on`, else 0."""
        if self.failures:
            return 2
        if fail_on == "never":
            return 0
        return 1 if self.worst is not None and self.worst >= Severity.parse(fail_on) else 0


ReportEvent = FileChunk | FileDone | FileFailure | ReportEnd


class Totals:
    """A report's running totals, files added in report order (what the summary and the exit
    code need, without keeping the files)."""

    def __init__(self) -> None:
        self.files = self.segments = 0
        self.by_severity = _no_severities()
        self.by_rule: Counter[str] = Counter()
        self.by_category: Counter[str] = Counter()
        self.worst: Severity | None = None
        self._first: CheckerRun | None = None
        self._last: CheckerRun | None = None
        self._changed: CheckerRun | None = None

    def add_counts(self, segments: int, counts: FlagCounts) -> None:
        self.files += 1
        self.segments += segments
        for label, n in counts.by_severity.items():
            self.by_severity[label] += n
        self.by_rule.update(counts.by_rule)
        self.by_category.update(counts.by_category)

    def add(self, done: FileDone) -> None:
        self.add_counts(done.segments, done.counts)
        if done.worst is not None and (self.worst is None or done.worst > self.worst):
            self.worst = done.worst
        self._first = self._first or done.checker
        self._last = done.checker
        if done.checker.name != self._first.name:
            self._changed = done.checker

    def checker(self) -> CheckerRun | None:
        """The checker the report names: the last file's, unless a file was checked by another
        checker than the first file (a fallback took over), then the last such file's."""
        return self._changed or self._last

    def summary(self) -> Summary:
        return Summary(
            files=self.files,
            segments=self.segments,
            flags=sum(self.by_severity.values()),
            by_severity=dict(self.by_severity),
            by_rule=dict(self.by_rule.most_common()),
            by_category=dict(self.by_category.most_common()),
        )


@dataclass(frozen=True)
class Earlier:
    """What an interrupted run already wrote (`--resume`): its files and failures, in order."""

    files: tuple[FileDone, ...] = ()
    failures: tuple[FileFailure, ...] = ()

    def paths(self) -> set[str]:
        return {f.path for f in self.files} | {f.path for f in self.failures}


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
        return self.end().exit_code(fail_on)

    def end(self) -> ReportEnd:
        return ReportEnd(
            checker=CheckerRun(self.checker, self.checker_description),
            summary=self.summary,
            failures=self.failures,
            worst=self.worst(),
            version=self.version,
        )
