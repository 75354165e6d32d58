"""A tiny checker for report tests: flags listed words. A stand-in for the *external*
checker protocol only, so the report's own code is exercised with known flags."""

from __future__ import annotations

import re
from collections.abc import Sequence

from review_app.checking import CheckerInfo, Flag, Severity


class WordChecker:
    def __init__(self, known: dict[str, tuple[str, Severity]]) -> None:
        self.known = known
        self.info = CheckerInfo(name="offline", description="word list (tests)", fingerprint="t1")
        self.prepared: list[str] = []

    def prepare(self, texts: Sequence[str]) -> None:
        self.prepared = list(texts)

    def check(self, texts: Sequence[str], *, suggest: bool = True) -> list[list[Flag]]:
        results = []
        for text in texts:
            flags = []
            for match in re.finditer(r"\w+", text):
                if match.group() in self.known:
                    fix, severity = self.known[match.group()]
                    flags.append(
                        Flag(
                            start=match.start(),
                            end=match.end(),
                            message="Possible typo",
                            rule_id="TEST_WORD",
                            category="TYPOS",
                            severity=severity,
                            suggestions=(fix,) if suggest else (),
                            checker="offline",
                            word=match.group(),
                        )
                    )
            results.append(flags)
        return results

    def suggest(self, text: str, flag: Flag) -> tuple[str, ...]:
        return (self.known[flag.flagged(text)][0],)

    def close(self) -> None:
        pass
