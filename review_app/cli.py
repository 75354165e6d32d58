"""The command line: `review-app report|review|diff|languagetool ...`."""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Sequence

from review_app import __version__
from review_app.errors import ReviewAppError

# Subcommand modules under review_app.commands, in the order `--help` lists them.
COMMANDS = ("review", "report", "diff", "languagetool")
EXIT_FAILURE = 2


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
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


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args_list = _with_default_command(list(sys.argv[1:] if argv is None else argv))
    args = parser.parse_args(args_list)
    if not getattr(args, "func", None):
        parser.print_help()
        return EXIT_FAILURE
    try:
        return int(args.func(args))
    except ReviewAppError as exc:
        print(f"review-app: error: {exc}", file=sys.stderr)
        return EXIT_FAILURE
    except KeyboardInterrupt:
        print("review-app: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return EXIT_FAILURE
