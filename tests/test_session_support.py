"""Helpers for the review session and TUI tests (no tests here).

`DictChecker` is a tiny real implementation of the *external* checker protocol: it flags the
words of a dictionary, and a doubled word as a grammar warning, so tests know exactly which
flags appear. It is not a mock of any of our own objects.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Sequence

from review_app.checking import CheckerInfo, Flag, Severity
from review_app.review.actions import Step

TYPOS = {
    "Lockereung": ("Lockerung", "Lockierung"),
    "Trotzdessen": ("Trotzdem", "Trotz dessen"),
    "lachelte": ("lächelte", "lachte"),
    "aufwirken": ("aufwerfen", "aufwirke"),
    "Fehlre": ("Fehler",),
}
_WORD = re.compile(r"\w+")


class DictChecker:
    """Flags the words of `typos` (spelling errors) and a word written twice (a warning)."""

    def __init__(self, typos: dict[str, tuple[str, ...]] | None = None, accepted=()) -> None:
        self.typos = dict(TYPOS if typos is None else typos)
        self.accepted = set(accepted)
        self.info = CheckerInfo(name="dict", description="dict checker (tests)", fingerprint="d1")
        self.checked = 0
        self.suggested = 0
        self.lock = threading.Lock()

    def prepare(self, texts: Sequence[str]) -> None:
        pass

    def _flags(self, text: str, suggest: bool) -> list[Flag]:
        flags: list[Flag] = []
        previous = None
        for match in _WORD.finditer(text):
            word = match.group()
            if word in self.typos and word not in self.accepted:
                flags.append(
                    Flag(
                        start=match.start(),
                        end=match.end(),
                        message=f"Possible spelling mistake: {word}",
                        rule_id="SPELLING",
                        category="TYPOS",
                        severity=Severity.ERROR,
                        suggestions=self.typos[word] if suggest else (),
                        checker="dict",
                        word=word,
                    )
                )
            if previous is not None and previous.group().lower() == word.lower():
                flags.append(
                    Flag(
                        start=previous.start(),
                        end=match.end(),
                        message="Word repeated",
                        rule_id="DOUBLE_WORD",
                        category="GRAMMAR",
                        severity=Severity.WARNING,
                        suggestions=(word,) if suggest else (),
                        checker="dict",
                    )
                )
            previous = match
        return flags

    def check(self, texts: Sequence[str], *, suggest: bool = True) -> list[list[Flag]]:
        with self.lock:
            self.checked += len(texts)
        return [self._flags(text, suggest) for text in texts]

    def suggest(self, text: str, flag: Flag) -> tuple[str, ...]:
        with self.lock:
            self.suggested += 1
        for found in self._flags(text, True):
            if (found.start, found.end, found.rule_id) == (flag.start, flag.end, flag.rule_id):
                return found.suggestions
        return ()

    def close(self) -> None:
        pass


SAMPLE = (
    "Erste Zeile mit einem Fehlre.\n"
    "\n"
    "Trotzdessen erhielt er Applaus. Das ist ist gut.\n"
    "Keine Probleme hier.\n"
    "Die Lockereung der Regeln kam. Er lachelte.\n"
)


def perform(review, step: Step | None) -> list[str]:
    """Make a planned step through the one door the TUI uses: journal first, then the session."""
    assert step is not None
    return review.perform(step)
