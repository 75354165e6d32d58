"""The revised text: rebuilt from the original and the edited segments, saved atomically.

Outside the edited segments the saved bytes are the original's: same encoding, BOM and line
endings. The original is never written unless `in_place`, and then only after a backup.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from review_app.document.model import Document
from review_app.document.textio import TextFile, write_atomic
from review_app.errors import ReviewAppError


class OriginalChanged(ReviewAppError):
    """The original file changed on disk since it was opened."""


def revised_path(original: Path, output: Path | None = None, in_place: bool = False) -> Path:
    """`NAME.revised.EXT` beside the original, or `output`, or the original itself."""
    if in_place:
        return original
    if output is not None:
        if output.resolve() == original.resolve():
            raise ReviewAppError(f"{output} is the original; use --in-place to overwrite it")
        return output
    return original.with_name(f"{original.stem}.revised{original.suffix}")


def backup_path(original: Path) -> Path:
    """`NAME.EXT.orig`, or `NAME.EXT.orig.N` when that exists already."""
    candidate = original.with_name(original.name + ".orig")
    number = 1
    while candidate.exists():
        candidate = original.with_name(f"{original.name}.orig.{number}")
        number += 1
    return candidate


def _with_newlines(text: str, newline: str) -> str:
    """A segment typed with `\\n` line breaks, given the file's own line ending."""
    if newline == "\n" or ("\n" not in text and "\r" not in text):
        return text
    return text.replace("\r\n", "\n").replace("\r", "\n").replace("\n", newline)


def revised_text(textfile: TextFile, document: Document, replacements: Mapping[int, str]) -> str:
    fixed = {i: _with_newlines(t, textfile.newline) for i, t in replacements.items()}
    return document.rebuild(fixed)


def revised_bytes(textfile: TextFile, document: Document, replacements: Mapping[int, str]) -> bytes:
    """The revision encoded like the original (encoding, BOM)."""
    text = revised_text(textfile, document, replacements)
    try:
        return textfile.encode(text)
    except UnicodeEncodeError as exc:
        bad = exc.object[exc.start : exc.end]
        raise ReviewAppError(
            f"{bad!r} cannot be written in the file's encoding ({textfile.encoding}); "
            "change it or save the original as UTF-8"
        ) from None


@dataclass(frozen=True)
class SavedRevision:
    path: Path
    backup: Path | None
    sha256: str  # of the bytes written


class Reviser:
    """Saves revisions of one opened file; notices when the original changed under it."""

    def __init__(
        self,
        textfile: TextFile,
        document: Document,
        original_sha256: str,
        *,
        output: Path | None = None,
        in_place: bool = False,
    ) -> None:
        self.textfile = textfile
        self.document = document
        self.original_sha256 = original_sha256
        self.in_place = in_place
        self.target = revised_path(textfile.path, output, in_place)
        self._backed_up: Path | None = None

    def original_changed(self) -> bool:
        try:
            data = self.textfile.path.read_bytes()
        except OSError:
            return True
        return hashlib.sha256(data).hexdigest() != self.original_sha256

    def save(self, replacements: Mapping[int, str], *, force: bool = False) -> SavedRevision:
        """Write the revision atomically. Raises OriginalChanged (unless `force`) when the
        original is no longer the file that was opened."""
        if not force and self.original_changed():
            raise OriginalChanged(
                f"{self.textfile.path} changed on disk since it was opened; "
                "the revision was not saved"
            )
        data = revised_bytes(self.textfile, self.document, replacements)
        if self.in_place and self._backed_up is None:
            self._backed_up = backup_path(self.textfile.path)
            try:
                write_atomic(self._backed_up, self.textfile.path.read_bytes())
            except OSError as exc:
                raise ReviewAppError(f"cannot back up the original: {exc.strerror}") from None
        try:
            self.target.parent.mkdir(parents=True, exist_ok=True)
            write_atomic(self.target, data)
        except OSError as exc:
            raise ReviewAppError(f"{self.target}: cannot save ({exc.strerror})") from None
        sha = hashlib.sha256(data).hexdigest()
        if self.in_place:
            self.original_sha256 = sha  # the original is now our own revision
        return SavedRevision(path=self.target, backup=self._backed_up, sha256=sha)
