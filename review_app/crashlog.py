"""Where an unexpected error's full traceback goes, so the user sees one line and nothing is lost.

The shells call `write_crash_log` for an error that is not a `ReviewAppError` and print one line
naming the file. The folder is the platform's log folder (e.g. ~/.local/state/review-app/log),
or `REVIEW_APP_LOG_DIR`; when neither is writable, the system's temp folder.
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
import traceback
from pathlib import Path

from platformdirs import user_log_path

from review_app import __version__
from review_app.config import APP_NAME


def log_dir() -> Path:
    override = os.environ.get("REVIEW_APP_LOG_DIR")
    return Path(override) if override else user_log_path(APP_NAME, appauthor=False)


def write_crash_log(error: BaseException, context: str = "") -> Path | None:
    """Write `error`'s traceback (and `context`) to a new file; its path, or None when no
    folder could take it."""
    return write_crash_report("".join(traceback.format_exception(error)), context)


def write_crash_report(details: str, context: str = "") -> Path | None:
    """`write_crash_log` for a traceback already rendered (the TUI's: Textual renders an
    unhandled exception itself and does not hand out the exception)."""
    text = "".join(
        [
            f"review-app {__version__}, Python {sys.version.split()[0]}, "
            f"{time.strftime('%Y-%m-%dT%H:%M:%S%z')}\n",
            f"argv: {sys.argv!r}\n",
            f"{context}\n" if context else "",
            details,
        ]
    )
    prefix = f"crash-{time.strftime('%Y%m%d-%H%M%S')}-{os.getpid()}-"
    for folder in (log_dir(), Path(tempfile.gettempdir())):
        try:
            folder.mkdir(parents=True, exist_ok=True)
            # a new name even for a second error in the same second (checker, then app)
            fd, name = tempfile.mkstemp(prefix=prefix, suffix=".log", dir=folder)
            with open(fd, "w", encoding="utf-8") as handle:
                handle.write(text)
            return Path(name)
        except OSError:
            continue
    return None


def crash_message(error: BaseException, path: Path | None) -> str:
    """The one line shown for an unexpected error."""
    what = type(error).__name__
    if str(error):
        what += ": " + str(error).splitlines()[0]
    return crash_line(what, path)


def crash_line(what: str, path: Path | None) -> str:
    """The one line for an unexpected error described by `what` ("ValueError: bad value")."""
    where = f" (full details in {path})" if path is not None else ""
    return f"unexpected error: {what}{where}"
