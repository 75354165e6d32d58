"""File-system steps the review's own files rely on: never follow a link, never overwrite.

The journal, its lock and the backup of an original are files review-app creates beside the
user's text. A symbolic link planted at one of those names must never make us write (or
truncate) the file it points to, and moving a file aside must never replace another one.
"""

from __future__ import annotations

import contextlib
import errno
import os
import stat
from collections.abc import Iterable, Iterator
from pathlib import Path

from review_app.errors import ReviewAppError

# O_NONBLOCK: a FIFO put at one of our names must not block open(); it is refused after.
_NO_FOLLOW = os.O_NOFOLLOW | os.O_CLOEXEC | os.O_NONBLOCK
# Hard links cannot be made here (some network and FUSE file systems, FAT).
_NO_LINKS = {errno.EPERM, errno.EOPNOTSUPP, errno.ENOTSUP, errno.EXDEV, errno.EMLINK, errno.ENOSYS}


def refuse_link(path: Path, what: str) -> None:
    """Raise a one-line error when `path` is a symbolic link or not a regular file."""
    try:
        mode = os.lstat(path).st_mode
    except FileNotFoundError:
        return
    except OSError as exc:
        raise ReviewAppError(f"{path}: cannot read the {what} ({exc.strerror})") from None
    if stat.S_ISLNK(mode):
        raise ReviewAppError(
            f"{path}: the {what} is a symbolic link; review-app never follows it (remove it)"
        )
    if not stat.S_ISREG(mode):
        raise ReviewAppError(f"{path}: the {what} is not a regular file (remove it)")


def open_no_follow(path: Path, flags: int, what: str, mode: int = 0o644) -> int:
    """`os.open` that refuses a symbolic link and anything but a regular file (one-line
    ReviewAppError); other failures are the OSError."""
    try:
        fd = os.open(path, flags | _NO_FOLLOW, mode)
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            refuse_link(path, what)
        raise
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            raise ReviewAppError(f"{path}: the {what} is not a regular file (remove it)")
    except BaseException:
        os.close(fd)
        raise
    return fd


def identity(st: os.stat_result) -> tuple[int, int]:
    return (st.st_dev, st.st_ino)


def path_identity(path: Path) -> tuple[int, int] | None:
    """(device, inode) of what `path` names now (a link itself, not its target), or None."""
    try:
        return identity(os.lstat(path))
    except FileNotFoundError:
        return None


def numbered(path: Path, tag: str) -> Iterator[Path]:
    """`NAME.TAG-1`, `NAME.TAG-2`, …"""
    number = 1
    while True:
        yield path.with_name(f"{path.name}.{tag}-{number}")
        number += 1


def move_to_free_name(source: Path, names: Iterable[Path]) -> Path:
    """Move `source` (a link is moved as a link) to the first of `names` that does not exist
    yet; never replaces a file. Returns the new name; OSError when it cannot be moved."""
    for target in names:
        try:
            os.link(source, target, follow_symlinks=False)
        except FileExistsError:
            continue
        except OSError as exc:
            if exc.errno not in _NO_LINKS:
                raise
            if os.path.lexists(target):
                continue
            os.rename(source, target)  # no hard links here: the check above is all we have
            return target
        os.unlink(source)
        return target
    raise AssertionError("unreachable")  # `names` is endless


def fsync_folder(folder: Path) -> None:
    """Make a new name in `folder` durable (best effort: not every system allows it)."""
    with contextlib.suppress(OSError):
        fd = os.open(folder, os.O_RDONLY | os.O_DIRECTORY | os.O_CLOEXEC)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def write_all(fd: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        written = os.write(fd, view)
        view = view[written:]
