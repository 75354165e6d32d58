"""The command line: `review-app report|review|diff|languagetool ...`.

Exit codes: 0 done; 1 the subcommand's own "found something" (flags for `report`, HTER above
the threshold for `diff`); 2 failure, always one line on stderr (bad options, unreadable input,
unwritable output, and unexpected errors, whose traceback goes to a crash log); 130 Ctrl-C.
"""

from __future__ import annotations

import argparse
import contextlib
import importlib
import os
import sys
from collections.abc import Iterator, Sequence
from typing import Any, NoReturn

from review_app import __version__
from review_app.crashlog import crash_message, write_crash_log
from review_app.document.visible import escaped
from review_app.errors import ReviewAppError

# Subcommand modules under review_app.commands, in the order `--help` lists them.
COMMANDS = ("review", "report", "diff", "rules", "languagetool")
EXIT_FAILURE = 2
EXIT_INTERRUPTED = 130


class ArgumentParser(argparse.ArgumentParser):
    """argparse with one-line errors (the usage is one `--help` away), like every other error."""

    def error(self, message: str) -> NoReturn:
        fail(f"{message} (see {self.prog} --help)", prog=self.prog)
        raise SystemExit(EXIT_FAILURE)


def fail(message: str, prog: str = "review-app") -> None:
    """Print one error line on stderr; the message is untrusted (file names, file text)."""
    _say(f"{prog}: error: {escaped(message)}")


def _say(line: str) -> None:
    with contextlib.suppress(OSError, ValueError, AttributeError):  # stderr closed or None
        print(line, file=sys.stderr, flush=True)


def build_parser() -> argparse.ArgumentParser:
    parser = ArgumentParser(
        prog="review-app",
        description="Review and post-edit machine-translated German.",
        epilog="`review-app FILE` is short for `review-app review FILE`.",
    )
    parser.add_argument("--version", action="version", version=f"review-app {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in COMMANDS:
        importlib.import_module(f"review_app.commands.{name}").register(sub)
    return parser


def _with_default_command(argv: list[str]) -> list[str]:
    """`review-app FILE ...` means `review-app review FILE ...`."""
    first = next((a for a in argv if not a.startswith("-")), None)
    if first is not None and first not in COMMANDS:
        return ["review", *argv]
    return argv


def _silence_stdout() -> None:
    """After a broken pipe: send what is left in stdout's buffer nowhere, so that Python's
    final flush does not print a second error."""
    with contextlib.suppress(OSError, ValueError, AttributeError):
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)


def _crashed(error: BaseException) -> int:
    fail(crash_message(error, write_crash_log(error)))
    return EXIT_FAILURE


def _log_unraisable(unraisable: Any) -> None:
    """An error Python can only ignore (in a finalizer, or a generator closed while memory
    runs out): into a crash log, not as a traceback on the user's terminal."""
    with contextlib.suppress(BaseException):
        if unraisable.exc_value is not None:
            write_crash_log(unraisable.exc_value, f"ignored in {unraisable.object!r}")


@contextlib.contextmanager
def _unraisable_to_log() -> Iterator[None]:
    previous, sys.unraisablehook = sys.unraisablehook, _log_unraisable
    try:
        yield
    finally:
        sys.unraisablehook = previous


def main(argv: Sequence[str] | None = None) -> int:
    with _unraisable_to_log():
        return _main(argv)


def _main(argv: Sequence[str] | None) -> int:
    try:
        parser = build_parser()
        raw = list(sys.argv[1:] if argv is None else argv)
        args = parser.parse_args(_with_default_command(raw))
        if not getattr(args, "func", None):
            parser.print_help()
            return EXIT_FAILURE
        code = int(args.func(args))
        sys.stdout.flush()  # a closed pipe shows here, not in Python's flush at exit
        return code
    except ReviewAppError as exc:
        fail(str(exc))
        return EXIT_FAILURE
    except KeyboardInterrupt:
        _say("review-app: interrupted")
        return EXIT_INTERRUPTED
    except BrokenPipeError:  # `review-app report … | head`: the reader has all it wants
        _silence_stdout()
        return EXIT_FAILURE
    except SystemExit as exc:
        if isinstance(exc.__context__, BrokenPipeError):  # rich's Console.on_broken_pipe
            return EXIT_FAILURE  # not rich's 1, which means "flags found" here
        raise
    except Exception as exc:  # MemoryError included: one line, the traceback in a file
        return _crashed(exc)
