"""Signals that a capitalised unknown word is a name, not a typo."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

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


def _place(tokens: Sequence[Token], index: int) -> tuple[str, str]:
    """An occurrence told apart by its neighbours' words, not by its segment: a long text is
    counted in parts and checked in overlapping windows, and both must find the same one."""
    before = tokens[index - 1].text if index > 0 else ""
    after = tokens[index + 1].text if index + 1 < len(tokens) else ""
    return before, after


class DocumentStats:
    """How often each capitalised word occurs unchanged in the document(s) being checked, where
    it first occurs, and which words also occur in lower case.

    A capitalised unknown word that recurs unchanged, and never in lower case, is more likely
    a name than a typo: machine translation repeats names faithfully but rarely makes the same
    typo twice. Such a name needs one hint (at its first occurrence), not one per occurrence.
    """

    def __init__(self) -> None:
        self._counts: Counter[str] = Counter()
        self._first: dict[str, tuple[str, str]] = {}  # key -> its first occurrence's place
        self._lower: set[str] = set()

    def add(self, tokens: Sequence[Token]) -> None:
        for index, token in enumerate(tokens):
            if not token.is_word:
                continue
            if not token.text[:1].isupper():
                self._lower.add(token.text)
                continue
            for key in set(_name_keys(token.text)):
                self._counts[key] += 1
                if key not in self._first:
                    self._first[key] = _place(tokens, index)

    def count(self, word: str) -> int:
        return max(self._counts.get(key, 0) for key in _name_keys(word))

    def always_capitalised(self, word: str) -> bool:
        """`word` never occurs with a lower-case first letter in the document."""
        return word[:1].lower() + word[1:] not in self._lower

    def first_at(self, word: str, tokens: Sequence[Token], index: int) -> bool:
        """`word`, token `index` of `tokens`, is (in the same words as) its first occurrence
        in the document (True when not counted)."""
        first = self._first.get(word)
        return first is None or first == _place(tokens, index)

    def __bool__(self) -> bool:
        return bool(self._counts)
