"""Curated confusions (confusions.tsv): known MT and learner errors with their fix."""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from review_app.checking.flag import Severity

DATA_FILE = "confusions.tsv"


@dataclass(frozen=True)
class Confusion:
    wrong: str
    right: str
    severity: Severity
    category: str
    note: str


@dataclass(frozen=True)
class ConfusionMatch:
    start: int
    end: int
    confusion: Confusion
    replacement: str  # `right` with the first letter's case of the text


def _same_case(found: str, wrong: str, right: str) -> str:
    """`right` as written in the list, its first letter flipped when the text flipped
    `wrong`'s first letter (trotzdessen → trotzdem; a sentence start: Einzigste → Einzige)."""
    if found[:1] == wrong[:1]:
        return right
    if found[:1].isupper():
        return right[:1].upper() + right[1:]
    return right[:1].lower() + right[1:]


def _fold_first(word: str) -> str:
    return word[:1].lower() + word[1:]


class ConfusionList:
    """Single words are looked up by token; phrases are found with one regular expression."""

    def __init__(self, entries: list[Confusion], digest: str) -> None:
        self.digest = digest
        self._words = {_fold_first(e.wrong): e for e in entries if " " not in e.wrong}
        phrases = [e for e in entries if " " in e.wrong]
        self._phrases = {_fold_first(e.wrong): e for e in phrases}
        self._pattern = (
            re.compile(
                r"(?<!\w)(?:"
                + "|".join(
                    "["
                    + re.escape(e.wrong[0].upper() + e.wrong[0].lower())
                    + "]"
                    + re.escape(e.wrong[1:]).replace(r"\ ", r"\s+")
                    for e in sorted(phrases, key=lambda e: -len(e.wrong))
                )
                + r")(?!\w)"
            )
            if phrases
            else None
        )

    def word(self, word: str) -> Confusion | None:
        entry = self._words.get(_fold_first(word))
        if entry is None:
            return None
        # Only the first letter's case may differ (sentence start, or a noun-like position).
        return entry if word[1:] == entry.wrong[1:] else None

    def replacement(self, word: str, entry: Confusion) -> str:
        return _same_case(word, entry.wrong, entry.right)

    def phrases(self, text: str) -> list[ConfusionMatch]:
        if self._pattern is None:
            return []
        found = []
        for match in self._pattern.finditer(text):
            key = _fold_first(" ".join(match.group().split()))
            entry = self._phrases.get(key)
            if entry is not None:
                found.append(
                    ConfusionMatch(
                        match.start(),
                        match.end(),
                        entry,
                        _same_case(match.group(), entry.wrong, entry.right),
                    )
                )
        return found


def parse(text: str) -> list[Confusion]:
    entries = []
    for line in text.splitlines():
        if not line.strip() or line.startswith("#") or line.startswith("wrong\t"):
            continue
        wrong, right, severity, category, note = (line.split("\t") + [""] * 5)[:5]
        entries.append(Confusion(wrong, right, Severity.parse(severity), category, note))
    return entries


@lru_cache(maxsize=1)
def load_confusions() -> ConfusionList:
    text = resources.files(__package__).joinpath(DATA_FILE).read_text(encoding="utf-8")
    return ConfusionList(parse(text), hashlib.sha256(text.encode()).hexdigest()[:12])
