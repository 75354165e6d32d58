"""One review session per file: an exclusive `flock` on a lock file beside the journal.

The holder writes who it is (process id, host, user, since when) into the lock file, so a
second session can say who holds it. The kernel releases a `flock` when its process dies, so a
lock left by a crashed session is no lock: the next session simply takes it.
"""

from __future__ import annotations

import contextlib
import fcntl
import getpass
import json
import os
import socket
import time
from dataclasses import dataclass
from pathlib import Path

from review_app.document.visible import escaped
from review_app.errors import ReviewAppError
from review_app.review.files import identity, open_no_follow, path_identity, write_all

_ATTEMPTS = 5  # the file may be removed by a holder releasing it just as we open it
_FIELD_CHARS = 80


@dataclass(frozen=True)
class Holder:
    """Who holds a lock, as written in the lock file (untrusted: shown escaped, cut short)."""

    pid: int | None
    host: str
    user: str
    since: str

    def describe(self) -> str:
        if self.pid is None:
            return "another review-app session"
        who = f"process {self.pid}"
        if self.user:
            who += f" of {self.user}"
        if self.host:
            who += f" on {self.host}"
        return who + (f", since {self.since}" if self.since else "")

    @classmethod
    def me(cls) -> Holder:
        try:
            user = getpass.getuser()
        except (OSError, KeyError):  # no name in the environment or the password database
            user = ""
        since = time.strftime("%Y-%m-%d %H:%M:%S")
        return cls(pid=os.getpid(), host=socket.gethostname(), user=user, since=since)

    def to_bytes(self) -> bytes:
        data = {"pid": self.pid, "host": self.host, "user": self.user, "since": self.since}
        return (json.dumps(data, ensure_ascii=False) + "\n").encode("utf-8")

    @classmethod
    def from_bytes(cls, data: bytes) -> Holder:
        try:
            fields = json.loads(data.decode("utf-8"))
        except (ValueError, RecursionError):
            fields = None
        if not isinstance(fields, dict):
            return cls(None, "", "", "")
        pid = fields.get("pid")

        def text(name: str) -> str:
            value = fields.get(name)
            return escaped(value[:_FIELD_CHARS]) if isinstance(value, str) else ""

        valid_pid = isinstance(pid, int) and not isinstance(pid, bool) and pid > 0
        return cls(pid if valid_pid else None, text("host"), text("user"), text("since"))


class Locked(ReviewAppError):
    """Another session holds the lock."""

    def __init__(self, path: Path, holder: Holder) -> None:
        super().__init__(f"{path.name} is being reviewed by {holder.describe()}")
        self.holder = holder


class ReviewLock:
    """A held lock; `release` (or the end of the process) gives it up."""

    def __init__(self, path: Path, fd: int) -> None:
        self.path = path
        self._fd: int | None = fd

    @classmethod
    def acquire(cls, path: Path) -> ReviewLock:
        """Take the lock at `path` without waiting. Raises Locked when another session holds
        it, ReviewAppError when the lock file is a link or not a file, OSError otherwise."""
        path.parent.mkdir(parents=True, exist_ok=True)
        for _ in range(_ATTEMPTS):
            fd = open_no_follow(path, os.O_RDWR | os.O_CREAT, "review lock file")
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                holder = Holder.from_bytes(os.pread(fd, 4096, 0))
                os.close(fd)
                raise Locked(path, holder) from None
            except BaseException:
                os.close(fd)
                raise
            # A holder deletes the file as it releases it: a lock on a name that is gone (or
            # names another file now) locks nothing, so start over.
            if path_identity(path) != identity(os.fstat(fd)):
                os.close(fd)
                continue
            lock = cls(path, fd)
            with contextlib.suppress(OSError):  # a full disk: the lock holds, just unnamed
                lock._write_holder()
            return lock
        raise ReviewAppError(f"{path}: cannot take the review lock (it keeps changing)")

    def _write_holder(self) -> None:
        assert self._fd is not None
        os.ftruncate(self._fd, 0)
        write_all(self._fd, Holder.me().to_bytes())
        os.fsync(self._fd)

    def release(self) -> None:
        fd, self._fd = self._fd, None
        if fd is None:
            return
        with contextlib.suppress(OSError):
            if path_identity(self.path) == identity(os.fstat(fd)):
                os.unlink(self.path)  # while still holding it: see `acquire`
        with contextlib.suppress(OSError):
            fcntl.flock(fd, fcntl.LOCK_UN)  # also for any copy of the descriptor
        os.close(fd)

    @property
    def held(self) -> bool:
        return self._fd is not None
