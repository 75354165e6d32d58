"""The backup written before a save over the original (`--in-place`): `NAME.EXT.orig`.

Written to a temporary file, fsync'd, then given its name with a hard link, which never replaces
a file (an existing `NAME.EXT.orig`, even a dangling symbolic link, makes it `NAME.EXT.orig.1`);
then read back and compared. Only a backup that passed all of that counts.
"""

from __future__ import annotations

import contextlib
import os
import stat
import tempfile
from collections.abc import Iterator
from pathlib import Path

from review_app.review.files import fsync_folder, move_to_free_name, open_no_follow


def backup_names(original: Path) -> Iterator[Path]:
    """`NAME.EXT.orig`, then `NAME.EXT.orig.1`, `NAME.EXT.orig.2`, …"""
    yield original.with_name(original.name + ".orig")
    number = 1
    while True:
        yield original.with_name(f"{original.name}.orig.{number}")
        number += 1


def write_backup(original: Path, data: bytes) -> Path:
    """Keep `data` (the bytes a save is about to replace) beside `original`; its name.
    OSError when it cannot be written, fsync'd and read back intact (nothing is left then)."""
    folder = original.parent
    fd, tmp = tempfile.mkstemp(prefix=f".{original.name}.", suffix=".orig-tmp", dir=folder)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        with contextlib.suppress(OSError):
            os.chmod(tmp, stat.S_IMODE(os.stat(original).st_mode))
        target = move_to_free_name(Path(tmp), backup_names(original))
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
    fsync_folder(folder)
    try:
        if read_back(target) != data:
            raise OSError(f"{target.name} does not read back as written")
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(target)
        raise
    return target


def read_back(path: Path) -> bytes:
    fd = open_no_follow(path, os.O_RDONLY, "backup")
    with os.fdopen(fd, "rb") as handle:
        return handle.read()


def is_intact(path: Path, size: int) -> bool:
    """Whether the backup at `path` is still there: a regular file of `size` bytes."""
    try:
        st = os.lstat(path)
    except OSError:
        return False
    return stat.S_ISREG(st.st_mode) and st.st_size == size
