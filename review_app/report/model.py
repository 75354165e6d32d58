"""Report data: what a grammar report says, before any rendering."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field, replace

from review_app.checking.flag import Severity

REPORT_VERSION = 1


@dataclass(frozen=True)
class FlagRecord:
    """One flag, located in its segment and in its file (character offsets, 0-based;
    line and column 1-based, columns in characters)."""

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


@dataclass(frozen=True)
class FileReport:
    path: str
    encoding: str
    segments: int
    flags: tuple[FlagRecord, ...]
    notice: str | None = None


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
            replace(r, flags=tuple(f for f in r.flags if f.severity >= severity))
            for r in self.files
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
