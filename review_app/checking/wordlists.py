"""Words the user accepts: a personal dictionary (user config folder) and a project list."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from review_app.config import WordsSettings
from review_app.document.textio import write_atomic
from review_app.errors import ReviewAppError


def _read_words(path: Path) -> set[str]:
    if not path.is_file():
        return set()
    words = set()
    for line in path.read_text(encoding="utf-8", errors="replace").splitlines():
        word = line.strip()
        if word and not word.startswith("#"):
            words.add(word)
    return words


@dataclass
class WordLists:
    """Accepted words; `accepts` is what every checker's spelling flags are filtered by."""

    personal_path: Path
    personal: set[str]
    project: set[str]

    @classmethod
    def from_settings(cls, settings: WordsSettings) -> WordLists:
        path = settings.personal_dictionary_path()
        project = set(settings.accept)
        if settings.accept_file:
            project |= _read_words(settings.accept_file)
        return cls(personal_path=path, personal=_read_words(path), project=project)

    def accepts(self, word: str) -> bool:
        return word in self.personal or word in self.project

    def add_personal(self, word: str) -> None:
        """Add `word` to the personal dictionary file at once (atomic write). It is accepted
        from now on even when the file cannot be written (ReviewAppError says why)."""
        word = word.strip()
        if not word or word in self.personal:
            return
        self.personal.add(word)
        self._write_personal()

    def remove_personal(self, word: str) -> None:
        """Take `word` out of the personal dictionary (ReviewAppError when the file cannot be
        written; it is no longer accepted in this run either way)."""
        if word not in self.personal:
            return
        self.personal.discard(word)
        self._write_personal()

    def _write_personal(self) -> None:
        path = self.personal_path
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            write_atomic(path, _dump(sorted(self.personal)))
        except OSError as exc:
            raise ReviewAppError(
                f"{path}: cannot write your dictionary ({exc.strerror or exc})"
            ) from None


def _dump(words: Iterable[str]) -> bytes:
    return "".join(f"{w}\n" for w in words).encode("utf-8")
