"""What every rule declares (id, category, default severity, description, example), and the
flags it makes: shared by the offline checker's rules and the source-aware checks."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import ClassVar, Generic, TypeVar

from review_app.checking.flag import Flag, Severity

Check = TypeVar("Check", bound=Callable[..., list[Flag]])


@dataclass(frozen=True)
class RuleSpec(Generic[Check]):
    """`example` is a short wrong → right pair ("10.Februar → 10. Februar"); `check` is None
    for rules whose flags are made elsewhere (word rules, file-wide rules)."""

    checker: ClassVar[str] = ""  # the name flags carry: "offline", "qa"

    id: str
    category: str
    severity: Severity
    description: str
    example: str
    check: Check | None = None
    default_on: bool = True

    def flag(
        self,
        start: int,
        end: int,
        message: str,
        suggestions: Sequence[str] = (),
        *,
        severity: Severity | None = None,
        word: str | None = None,
    ) -> Flag:
        """A flag of this rule (its category; its severity unless a surer or weaker case)."""
        return Flag(
            start,
            end,
            message,
            self.id,
            self.category,
            severity or self.severity,
            tuple(suggestions),
            checker=self.checker,
            word=word,
        )
