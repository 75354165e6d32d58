"""The review journal: every action appended to a sidecar file before it is made.

JSON lines. The first line is a header naming the original file and the SHA-256 of its bytes, so
reopening the same file can offer to resume, and a file changed since is noticed. Each record is
written and fsync'd before `append` returns: a `kill -9` loses nothing that was done.

The journal is never opened through a symbolic link, never overwritten (an old or unreadable one
is moved aside under a new name), and a line that cannot be used costs only that line.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from review_app.config import user_config_dir
from review_app.errors import ReviewAppError
from review_app.review.actions import is_saved_record, parse_record
from review_app.review.files import (
    fsync_folder,
    identity,
    move_to_free_name,
    numbered,
    open_no_follow,
    path_identity,
    refuse_link,
    write_all,
)

FORMAT = 1
SUFFIX = ".review-journal"
LOCK_SUFFIX = ".review-lock"
WHAT = "review journal"
_READ_LIMIT = 1 << 30  # a journal is a few MB at most; more is not ours
_NAME_MAX = 255  # bytes in a file name on every common file system
_ASIDE_ROOM = len(".discarded-999")
_FALLBACK_NAME_CHARS = 100


def sidecar_path(original: Path) -> Path:
    """`.NAME.EXT.review-journal` beside the original."""
    return original.with_name(f".{original.name}{SUFFIX}")


def fallback_path(original: Path) -> Path:
    """For a folder we cannot write to: the user config folder, named by the file's full path."""
    digest = hashlib.sha256(str(original.resolve()).encode("utf-8")).hexdigest()[:16]
    name = original.name[:_FALLBACK_NAME_CHARS]
    return user_config_dir() / "journals" / f"{name}.{digest}{SUFFIX}"


def journal_path(original: Path) -> Path:
    """Where the journal of `original` is written: beside it when that folder is writable and
    the name leaves room for the names a journal is moved aside to (`.discarded-N`, …)."""
    sidecar = sidecar_path(original)
    if name_fits(sidecar, room=_ASIDE_ROOM) and os.access(original.parent, os.W_OK):
        return sidecar
    return fallback_path(original)


def name_fits(path: Path, room: int = 0) -> bool:
    """Whether `path`'s name (plus `room` bytes) is short enough for a file system."""
    return len(os.fsencode(path.name)) + room <= _NAME_MAX


def lock_path(journal: Path) -> Path:
    """The lock file that goes with a journal (`.NAME.EXT.review-lock`)."""
    return journal.with_name(journal.name.removesuffix(SUFFIX) + LOCK_SUFFIX)


class DamagedJournal(ReviewAppError):
    """A journal whose header cannot be read: it is not ours to overwrite."""


def header(original: Path, sha256: str) -> dict[str, Any]:
    return {
        "journal": FORMAT,
        "original": str(original.resolve()),
        "sha256": sha256,
        "created": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
    }


def _is_header(record: object) -> bool:
    return (
        isinstance(record, dict)
        and type(record.get("journal")) is int  # `true` == 1 in Python
        and record["journal"] == FORMAT
        and isinstance(record.get("sha256"), str)
    )


def _is_record(record: object) -> bool:
    if is_saved_record(record):
        return True
    try:
        parse_record(record)
    except ValueError:
        return False
    return True


def _parse(line: bytes) -> object:
    try:
        return json.loads(line)
    except (ValueError, RecursionError):  # ValueError: bad JSON or bad UTF-8
        return None


@dataclass
class JournalContents:
    """What a journal file holds: its header and the records of a sound shape, in order."""

    path: Path
    header: dict[str, Any]
    records: list[dict[str, Any]] = field(default_factory=list)
    skipped: int = 0  # lines in the middle that could not be used
    end: int = 0  # bytes up to the end of the last whole line (a torn last one is cut there)
    ident: tuple[int, int] | None = None  # (device, inode) of the file read

    @property
    def sha256(self) -> str | None:
        return self.header.get("sha256")

    @property
    def has_work(self) -> bool:
        return any("do" in r for r in self.records)

    @property
    def worth_keeping(self) -> bool:
        """Whether moving it aside beats removing it: work, or lines we could not read."""
        return self.has_work or self.skipped > 0


def _read_bytes(path: Path) -> tuple[bytes, tuple[int, int]] | None:
    refuse_link(path, WHAT)
    try:
        fd = open_no_follow(path, os.O_RDONLY, WHAT)
    except FileNotFoundError:
        return None
    except OSError as exc:
        raise ReviewAppError(f"{path}: cannot read the {WHAT} ({exc.strerror})") from None
    try:
        chunks, size = [], 0
        while chunk := os.read(fd, 1 << 20):
            chunks.append(chunk)
            size += len(chunk)
            if size > _READ_LIMIT:
                raise DamagedJournal(f"{path}: too large for a {WHAT}")
        return b"".join(chunks), identity(os.fstat(fd))
    except OSError as exc:
        raise ReviewAppError(f"{path}: cannot read the {WHAT} ({exc.strerror})") from None
    finally:
        os.close(fd)


def read_journal(path: Path) -> JournalContents | None:
    """The journal at `path`; None when there is none (or it is empty). DamagedJournal when its
    header cannot be read. A line torn by a crash at the end is left out quietly; any other
    line that is not a record of a sound shape is skipped and counted."""
    found = _read_bytes(path)
    if found is None:
        return None
    data, ident = found
    end = data.rfind(b"\n") + 1  # a last line without its newline was torn mid-write
    lines = [line for line in data[:end].split(b"\n") if line.strip()]
    if not lines:
        if data[end:].strip():
            raise DamagedJournal(f"{path}: the {WHAT} has no header")
        return None
    head = _parse(lines[0])
    if not _is_header(head):
        raise DamagedJournal(f"{path}: the {WHAT}'s first line is not its header")
    contents = JournalContents(path=path, header=head, end=end, ident=ident)
    for line in lines[1:]:
        record = _parse(line)
        if _is_record(record):
            contents.records.append(record)
        else:
            contents.skipped += 1
    return contents


def set_aside(path: Path, reason: str) -> Path:
    """Move a journal out of the way under a new name (`….review-journal.REASON-N`, the first
    N free): never deletes work and never replaces another file. Returns the new name."""
    try:
        moved = move_to_free_name(path, numbered(path, reason))
    except OSError as exc:
        raise ReviewAppError(
            f"{path}: cannot move the old {WHAT} aside ({exc.strerror}); move it yourself"
        ) from None
    fsync_folder(path.parent)
    return moved


def remove_empty(path: Path) -> None:
    """Remove a journal with nothing worth keeping (no work, nothing unreadable)."""
    refuse_link(path, WHAT)
    try:
        os.unlink(path)
    except FileNotFoundError:
        pass
    except OSError as exc:
        raise ReviewAppError(f"{path}: cannot replace the old {WHAT} ({exc.strerror})") from None


def _encode(record: dict[str, Any]) -> bytes:
    return (json.dumps(record, ensure_ascii=False, separators=(",", ":")) + "\n").encode("utf-8")


def _write_error(path: Path, exc: OSError) -> ReviewAppError:
    return ReviewAppError(f"{path}: cannot write the {WHAT} ({exc.strerror or exc})")


class Journal:
    """An open journal file that records are appended to, one fsync'd line each.

    It keeps every line written in memory: if the file is deleted or replaced under a running
    session, `append` notices (the name no longer leads to the open file) and writes the whole
    journal again before the new record.
    """

    def __init__(self, path: Path, fd: int, lines: list[bytes]) -> None:
        self.path = path
        self._fd: int | None = fd
        self._lines = lines
        self._size = os.fstat(fd).st_size
        self._ident = identity(os.fstat(fd))

    @classmethod
    def create(cls, path: Path, records: list[dict[str, Any]]) -> Journal:
        """A new journal at `path` holding `records` (the header first). Never replaces a file:
        whatever was at `path` must have been moved aside or removed first."""
        lines = [_encode(r) for r in records]
        fd = cls._create_file(path, lines)
        return cls(path, fd, lines)

    @staticmethod
    def _create_file(path: Path, lines: list[bytes]) -> int:
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            fd = open_no_follow(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT | os.O_EXCL, WHAT)
        except FileExistsError:
            raise ReviewAppError(f"{path}: a {WHAT} appeared there; not replaced") from None
        except OSError as exc:
            raise _write_error(path, exc) from None
        try:
            write_all(fd, b"".join(lines))
            os.fsync(fd)
        except OSError as exc:
            os.close(fd)
            with contextlib.suppress(OSError):
                os.unlink(path)
            raise _write_error(path, exc) from None
        fsync_folder(path.parent)
        return fd

    @classmethod
    def reopen(cls, contents: JournalContents) -> Journal:
        """Append to the journal `contents` was read from, cutting off a line torn by a crash."""
        path = contents.path
        try:
            fd = open_no_follow(path, os.O_WRONLY | os.O_APPEND, WHAT)
        except OSError as exc:
            raise _write_error(path, exc) from None
        try:
            if identity(os.fstat(fd)) != contents.ident:
                raise ReviewAppError(f"{path}: the {WHAT} changed while it was being read")
            os.ftruncate(fd, contents.end)
        except OSError as exc:
            os.close(fd)
            raise _write_error(path, exc) from None
        except BaseException:
            os.close(fd)
            raise
        lines = [_encode(contents.header), *(_encode(r) for r in contents.records)]
        return cls(path, fd, lines)

    @property
    def records_written(self) -> int:
        """Records after the header."""
        return len(self._lines) - 1

    def append(self, record: dict[str, Any]) -> list[str]:
        """Write `record` and fsync it; ReviewAppError (and the file as it was) when that
        fails. Returns notices for the user (the journal had to be written again)."""
        notices = self._ensure_in_place()
        line = _encode(record)
        self._write(line)
        self._lines.append(line)
        return notices

    def _write(self, line: bytes) -> None:
        if self._fd is None:
            raise ReviewAppError(f"{self.path}: the {WHAT} is closed")
        try:
            write_all(self._fd, line)
            os.fsync(self._fd)
        except OSError as exc:
            # Leave no half line behind: the next record must start on a line of its own.
            with contextlib.suppress(OSError):
                os.ftruncate(self._fd, self._size)
            raise _write_error(self.path, exc) from None
        self._size += len(line)

    def _ensure_in_place(self) -> list[str]:
        """Write the journal again when its name no longer leads to the file we hold open."""
        try:
            now = path_identity(self.path)
        except OSError as exc:
            raise _write_error(self.path, exc) from None
        if now == self._ident:
            return []
        notice = f"The review journal {self.path.name} was "
        if now is None:
            notice += "deleted"
        else:  # something else is there now: keep it, it is not ours to destroy
            kept = set_aside(self.path, "replaced")
            notice += f"replaced (what was there is kept as {kept.name})"
        fd = self._create_file(self.path, self._lines)
        self._close_fd()
        self._fd = fd
        self._size = os.fstat(fd).st_size
        self._ident = identity(os.fstat(fd))
        count = self.records_written
        return [f"{notice}; it was written again with this session's {count} records"]

    def _close_fd(self) -> None:
        fd, self._fd = self._fd, None
        if fd is not None:
            with contextlib.suppress(OSError):
                os.close(fd)

    def close(self) -> None:
        self._close_fd()
