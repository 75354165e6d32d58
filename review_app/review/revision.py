"""The revised text: rebuilt from the original and the edited segments, saved atomically.

Outside the edited segments the saved bytes are the original's: same encoding, BOM and line
endings. The original is never written unless `in_place`, and then only after a backup that is
on disk and reads back intact; bytes that are neither the opened original nor our own last save
(someone else's version) are backed up too before they are replaced.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path

from review_app.document.model import Document
from review_app.document.textio import TextFile, same_file, write_atomic
from review_app.errors import ReviewAppError
from review_app.review.backup import is_intact, write_backup


class OriginalChanged(ReviewAppError):
    """The original file changed on disk since it was opened."""


class OriginalMissing(ReviewAppError):
    """Saving over the original (`--in-place`), but it is gone: save elsewhere (`save_as`)."""


def revised_path(original: Path, output: Path | None = None, in_place: bool = False) -> Path:
    """`NAME.revised.EXT` beside the original, or `output`, or the original itself."""
    if in_place:
        return original
    if output is not None:
        if same_file(output, original):  # also through hard links and symlinks
            raise ReviewAppError(f"{output} is the original; use --in-place to overwrite it")
        return output
    return original.with_name(f"{original.stem}.revised{original.suffix}")


def _with_newlines(text: str, newline: str) -> str:
    """A segment typed with `\\n` line breaks, given the file's own line ending."""
    if newline == "\n" or ("\n" not in text and "\r" not in text):
        return text
    return text.replace("\r\n", "\n").replace("\r", "\n").replace("\n", newline)


def revised_text(textfile: TextFile, document: Document, replacements: Mapping[int, str]) -> str:
    fixed = {i: _with_newlines(t, textfile.newline) for i, t in replacements.items()}
    return document.rebuild(fixed)


# A bilingual file's revision: (edited targets, units marked reviewed) -> the file's new text.
Compose = Callable[[Mapping[int, str], frozenset[int]], str]


def revised_bytes(
    textfile: TextFile,
    document: Document,
    replacements: Mapping[int, str],
    *,
    reviewed: frozenset[int] = frozenset(),
    compose: Compose | None = None,
) -> bytes:
    """The revision encoded like the original (encoding, BOM)."""
    if compose is not None:
        text = compose(replacements, reviewed)
    else:
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
    notices: tuple[str, ...] = ()  # for the user, e.g. when the journal could not record it


def _sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _read(path: Path) -> bytes | None:
    """The file's bytes; None when it is gone or cannot be read."""
    try:
        return path.read_bytes()
    except OSError:
        return None


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
        compose: Compose | None = None,
    ) -> None:
        self.textfile = textfile
        self.document = document
        self.compose = compose
        self.original_sha256 = original_sha256  # what the file on disk should hold
        self.in_place = in_place
        self.target = revised_path(textfile.path, output, in_place)
        self.target_chosen = output is not None or in_place  # by the user, not our default name
        self._opened_sha256 = original_sha256
        self._backup: tuple[Path, int] | None = None  # (path, size) of the original's backup

    @property
    def backup(self) -> Path | None:
        return self._backup[0] if self._backup else None

    def original_missing(self) -> bool:
        return not os.path.lexists(self.textfile.path)

    def retarget(self, path: Path) -> None:
        """Save to `path` from now on (save as). Over the original only if it still exists."""
        self.in_place = same_file(path, self.textfile.path) and not self.original_missing()
        self.target = self.textfile.path if self.in_place else path
        self.target_chosen = True

    def save(
        self,
        replacements: Mapping[int, str],
        *,
        reviewed: frozenset[int] = frozenset(),
        force: bool = False,
    ) -> SavedRevision:
        """Write the revision atomically. Raises OriginalMissing when saving in place and the
        original is gone, OriginalChanged (unless `force`) when the original is no longer the
        file that was opened, ReviewAppError when a needed backup cannot be made."""
        if self.in_place and self.original_missing():
            raise OriginalMissing(
                f"{self.textfile.path} is gone (deleted or moved) since it was opened; "
                "save the revision elsewhere"
            )
        current = _read(self.textfile.path)  # read once: it may be tens of MB
        if not force and (current is None or _sha(current) != self.original_sha256):
            raise OriginalChanged(
                f"{self.textfile.path} changed on disk since it was opened; "
                "the revision was not saved"
            )
        if not self.target_chosen and self.target.is_symlink():
            # Our default name was planted as a link: writing through it could overwrite any
            # file the user can write. A path the user chose (-o, save as) is followed.
            raise ReviewAppError(
                f"{self.target} is a symbolic link; not saving through it "
                "(remove it, or choose the output with -o)"
            )
        data = revised_bytes(
            self.textfile, self.document, replacements, reviewed=reviewed, compose=self.compose
        )
        if self.in_place:
            self._keep_what_is_replaced(current)
        try:
            self.target.parent.mkdir(parents=True, exist_ok=True)
            write_atomic(self.target, data)
        except OSError as exc:
            raise ReviewAppError(f"{self.target}: cannot save ({exc.strerror or exc})") from None
        sha = _sha(data)
        if self.in_place:
            self.original_sha256 = sha  # the original is now our own revision
        return SavedRevision(path=self.target, backup=self.backup, sha256=sha)

    def _keep_what_is_replaced(self, current: bytes | None) -> None:
        """Before a save over the original (`current`: its bytes now): the original as opened
        must be in a backup that is on disk now, and bytes there that are someone else's are
        backed up as well."""
        path = self.textfile.path
        if current is None:
            # Unreadable (or gone just now): what would be replaced cannot be kept.
            raise ReviewAppError(
                f"{path}: not saved: the original cannot be read to back it up; "
                "save the revision elsewhere"
            )
        current_sha = _sha(current)
        if self._backup is None or not is_intact(*self._backup):
            opened = current if current_sha == self._opened_sha256 else self._opened_bytes()
            self._backup = (self._write_backup(opened), len(opened))
        if current_sha not in (self._opened_sha256, self.original_sha256):
            self._write_backup(current)

    def _opened_bytes(self) -> bytes:
        """The original's bytes as opened, rebuilt from its text (when that is exact)."""
        data = self.textfile.encode()
        if _sha(data) != self._opened_sha256:
            raise ReviewAppError(
                f"{self.textfile.path}: not saved: the backup of the original is gone and its "
                "bytes cannot be rebuilt exactly; save the revision elsewhere"
            )
        return data

    def _write_backup(self, data: bytes) -> Path:
        path = self.textfile.path
        try:
            return write_backup(path, data)
        except OSError as exc:
            raise ReviewAppError(
                f"{path}: not saved: cannot write the backup {path.name}.orig "
                f"({exc.strerror or exc}); the original is unchanged"
            ) from None
