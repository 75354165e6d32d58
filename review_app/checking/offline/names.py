"""Signals that a capitalised unknown word is a name, not a typo."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

from review_app.checking.offline.tokens import Token

# Words after which a capitalised unknown is almost always a name.
TITLES = frozenset(
    [
        "Herr",
        "Herrn",
        "Frau",
        "Dr",
        "Prof",
        "Präsident",
        "Präsidenten",
        "Präsidentin",
        "Minister",
        "Ministerin",
        "Kanzler",
        "Kanzlerin",
        "Senator",
        "Senatorin",
        "General",
        "Generalin",
        "Papst",
        "König",
        "Königin",
        "Prinz",
        "Prinzessin",
        "Kapitän",
        "Bürgermeister",
        "Bürgermeisterin",
        "Gouverneur",
        "Gouverneurin",
        "Premierminister",
        "Premierministerin",
        "Abgeordnete",
        "Abgeordneten",
        "Sprecher",
        "Sprecherin",
        "Trainer",
        "Trainerin",
        "Autor",
        "Autorin",
        "Regisseur",
        "Sankt",
        "St",
        "Mr",
        "Mrs",
        "Ms",
        "Sir",
        "Lord",
        "Lady",
    ]
)


def _name_keys(word: str) -> tuple[str, ...]:
    """The word and its genitive base (Cohrens, Cohren's → Cohren)."""
    keys = [word]
    for ending in ("'s", "’s", "s"):
        if word.endswith(ending) and len(word) > len(ending) + 2:
            keys.append(word[: -len(ending)])
    return tuple(keys)


class DocumentStats:
    """How often each capitalised word occurs unchanged in the document(s) being checked.

    A capitalised unknown word that recurs unchanged is more likely a name than a typo:
    machine translation repeats names faithfully but rarely makes the same typo twice.
    """

    def __init__(self) -> None:
        self._counts: Counter[str] = Counter()

    def add(self, tokens: Iterable[Token]) -> None:
        for token in tokens:
            if token.is_word and token.text[:1].isupper():
                for key in set(_name_keys(token.text)):
                    self._counts[key] += 1

    def count(self, word: str) -> int:
        return max(self._counts.get(key, 0) for key in _name_keys(word))

    def __bool__(self) -> bool:
        return bool(self._counts)
