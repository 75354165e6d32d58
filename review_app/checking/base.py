"""The checker protocol. The rest of the program never knows which checker ran."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol, runtime_checkable

from review_app.checking.flag import Flag


@dataclass(frozen=True)
class CheckerInfo:
    """What ran: a name for people and a fingerprint for caches (version + options)."""

    name: str  # "offline" or "languagetool"
    description: (
        str  # e.g. "offline (Hunspell de_DE frami 2017-01-09)" or "LanguageTool 6.5 at URL"
    )
    fingerprint: str


@runtime_checkable
class Checker(Protocol):
    """Checks many segment texts at once; returns one list of flags per text, same order.

    `suggest=False` lets an interactive shell get flags fast and ask for suggestions
    later with `suggest`; batch reports pass `suggest=True`.
    """

    info: CheckerInfo

    def prepare(self, texts: Sequence[str]) -> None:
        """See every segment text of the document(s) before `check` (document-level
        statistics, such as a capitalised word recurring unchanged being a name)."""
        ...

    def check(self, texts: Sequence[str], *, suggest: bool = True) -> list[list[Flag]]: ...

    def suggest(self, text: str, flag: Flag) -> tuple[str, ...]: ...

    def close(self) -> None: ...
