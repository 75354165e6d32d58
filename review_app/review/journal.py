"""The review journal: every action appended to a sidecar file the moment it happens.

JSON lines. The first line is a header naming the original file and the SHA-256 of its bytes, so
reopening the same file can offer to resume, and a file changed since is noticed. Each record is
flushed and fsync'd before the call returns: a `kill -9` loses nothing that was done.
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

FORMAT = 1
SUFFIX = ".review-journal"


def sidecar_path(original: Path) -> Path:
    """`.NAME.EXT.review-journal` beside the original."""
    return original.with_name(f".{original.name}{SUFFIX}")


def fallback_path(original: Path) -> Path:
    """For a folder we cannot write to: the user config folder, named by the file's full path."""
    digest = hashlib.sha256(str(original.resolve()).encode("utf-8")).hexdigest()[:16]
    return user_config_dir() / "journals" / f"{original.name}.{digest}{SUFFIX}"


def journal_path(original: Path) -> Path:
    """Where the journal of `original` lives: beside it when that folder is writable."""
    sidecar = sidecar_path(original)
    if sidecar.exists() or os.access(original.parent, os.W_OK):
        return sidecar
    return fallback_path(original)


@dataclass
class JournalContents:
    """What a journal file holds: its header and its records, a torn last line left out."""

    path: Path
    header: dict[str, Any]
    records: list[dict[str, Any]] = field(default_factory=list)

    @property
    def sha256(self) -> str | None:
        return self.header.get("sha256")

    @property
    def has_work(self) -> bool:
        return any("do" in r for r in self.records)


def read_journal(path: Path) -> JournalContents | None:
    """The journal at `path`, or None when there is none or its header is unreadable."""
    try:
        lines = path.read_bytes().split(b"\n")
    except FileNotFoundError:
        return None
    except OSError as exc:
        raise ReviewAppError(f"{path}: cannot read the review journal ({exc.strerror})") from None
    parsed: list[dict[str, Any]] = []
    for line in lines:
        if not line.strip():
            continue
        try:
            parsed.append(json.loads(line))
        except (json.JSONDecodeError, UnicodeDecodeError):
            break  # a line torn by a crash mid-write: everything before it is good
    if not parsed or parsed[0].get("journal") != FORMAT:
        return None
    return JournalContents(path=path, header=parsed[0], records=parsed[1:])


def set_aside(path: Path, reason: str) -> Path:
    """Rename an old journal out of the way (never delete work); returns its new name."""
    stamp = time.strftime("%Y%m%d-%H%M%S")
    target = path.with_name(f"{path.name}.{reason}-{stamp}")
    os.replace(path, target)
    return target


class Journal:
    """An open journal file that records are appended to, one fsync'd line each."""

    def __init__(self, path: Path, handle: Any) -> None:
        self.path = path
        self._handle = handle

    @classmethod
    def create(cls, path: Path, original: Path, sha256: str) -> Journal:
        """Start a new journal for `original` (replacing any file at `path`)."""
        path.parent.mkdir(parents=True, exist_ok=True)
        handle = _open(path, "wb")
        journal = cls(path, handle)
        journal.append(
            {
                "journal": FORMAT,
                "original": str(original.resolve()),
                "sha256": sha256,
                "created": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
            }
        )
        return journal

    @classmethod
    def reopen(cls, path: Path) -> Journal:
        """Append to an existing journal, cutting off a line torn by a crash."""
        data = path.read_bytes()
        if data and not data.endswith(b"\n"):
            with path.open("r+b") as handle:
                handle.truncate(data.rfind(b"\n") + 1)
        return cls(path, _open(path, "ab"))

    def append(self, record: dict[str, Any]) -> None:
        line = json.dumps(record, ensure_ascii=False, separators=(",", ":")) + "\n"
        try:
            self._handle.write(line.encode("utf-8"))
            self._handle.flush()
            os.fsync(self._handle.fileno())
        except OSError as exc:
            raise ReviewAppError(
                f"{self.path}: cannot write the journal ({exc.strerror})"
            ) from None

    def close(self) -> None:
        with contextlib.suppress(OSError):
            self._handle.close()


def _open(path: Path, mode: str) -> Any:
    try:
        return path.open(mode)
    except OSError as exc:
        raise ReviewAppError(f"{path}: cannot write the review journal ({exc.strerror})") from None
