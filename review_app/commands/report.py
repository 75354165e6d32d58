"""`review-app report PATH...`: a grammar report for many files."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import BinaryIO, TextIO

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

from review_app.checking.flag import Severity
from review_app.checking.select import make_checker
from review_app.commands.common import add_checker_arguments, settings_from_args, stdin_bytes
from review_app.document.textio import (
    STDIN,
    StandardInput,
    Utf8Writer,
    overwritten_input,
    same_file_as_stream,
    write_output,
)
from review_app.document.visible import escaped
from review_app.errors import ReviewAppError
from review_app.report.build import build_report, collect_paths, load_files
from review_app.report.model import FileFailure, Report
from review_app.report.render_html import write_html
from review_app.report.render_json import write_json
from review_app.report.render_markdown import write_markdown
from review_app.report.render_text import print_text_report, write_text

# Each writes the report piece by piece: a report of a 50 MB file is never held whole.
FORMATS: dict[str, Callable[[Report, TextIO], None]] = {
    "text": write_text,
    "markdown": write_markdown,
    "json": write_json,
    "html": write_html,
}
PROGRESS_MIN_SEGMENTS = 300
TEXT_WIDTH = 100


def register(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser(
        "report",
        help="check files and folders, write a grammar report",
        description="Check text files (folders: every *.txt, *.text, *.md inside) and report the "
        "flags. Exit code: 0 no flag at or above --fail-on, 1 such flags, 2 failure.",
    )
    parser.add_argument(
        "paths", nargs="+", metavar="PATH", help="files or folders; - reads standard input"
    )
    parser.add_argument("-f", "--format", choices=FORMATS, default="text", help="default: text")
    parser.add_argument("-o", "--output", metavar="FILE", help="write the report to FILE")
    parser.add_argument(
        "--fail-on",
        choices=("error", "warning", "hint", "never"),
        default=None,
        help="lowest severity that makes the exit code 1 (default: error)",
    )
    parser.add_argument(
        "--min-severity",
        choices=("error", "warning", "hint"),
        default="hint",
        help="leave out flags below this severity (default: hint, show all)",
    )
    parser.add_argument("-q", "--quiet", action="store_true", help="no progress bar, no notices")
    add_checker_arguments(parser)
    parser.set_defaults(func=run)


@contextmanager
def _progress(total: int, enabled: bool) -> Iterator[Callable[[int], None] | None]:
    if not enabled:
        yield None
        return
    columns = (
        TextColumn("checking"),
        BarColumn(),
        MofNCompleteColumn(),
        TextColumn("segments"),
        TimeRemainingColumn(),
    )
    with Progress(*columns, console=Console(stderr=True), transient=True) as progress:
        task = progress.add_task("check", total=total)
        yield lambda n: progress.advance(task, n)


def _refuse_overwriting_inputs(
    output: str, paths: Sequence[Path | StandardInput], stdin: BinaryIO | None
) -> None:
    hit = overwritten_input(output, [p for p in paths if isinstance(p, Path)])
    if hit is None and STDIN in paths and same_file_as_stream(output, stdin):
        hit = STDIN
    if hit is not None:
        raise ReviewAppError(
            f"{output}: would overwrite the input {hit}; write the report elsewhere"
        )


def run(args: argparse.Namespace) -> int:
    failures: list[FileFailure] = []
    paths = collect_paths(args.paths, failures)
    stdin = stdin_bytes()
    if args.output:
        _refuse_overwriting_inputs(args.output, paths, stdin)
    files = [p for p in paths if isinstance(p, Path)]
    settings = settings_from_args(args, start=files[0] if files else None)
    fail_on = settings.check.fail_on
    stderr = Console(stderr=True, highlight=False, soft_wrap=True)
    loaded, unread = load_files(paths, stdin)
    failures += unread
    for failure in failures:
        stderr.print(f"review-app: error: {escaped(failure.error)}", style="red", markup=False)
    if not loaded:
        return 2
    if not args.quiet:
        for item in loaded:
            if item.file.notice:
                stderr.print(f"review-app: {escaped(item.file.notice)}", markup=False)
    checker = make_checker(settings)
    try:
        total = sum(len(item.document) for item in loaded)
        show = not args.quiet and stderr.is_terminal and total >= PROGRESS_MIN_SEGMENTS
        with _progress(total, show) as on_progress:
            report = build_report(loaded, checker, failures, on_progress=on_progress)
    finally:
        checker.close()
    _emit(report.at_least(Severity.parse(args.min_severity)), args)
    if not args.quiet:  # after the report: a failed write is then the only line
        stderr.print(f"review-app: checker: {escaped(report.checker_description)}", markup=False)
    return report.exit_code(fail_on)


def _emit(report: Report, args: argparse.Namespace) -> None:
    if args.output:
        write = FORMATS[args.format]
        write_output(args.output, lambda handle: write(report, Utf8Writer(handle)))
    elif args.format == "text":
        console = Console(highlight=False)
        if not console.is_terminal:  # a pipe: the same width as a report written with -o
            console = Console(highlight=False, width=TEXT_WIDTH)
        print_text_report(report, console)
    else:
        FORMATS[args.format](report, sys.stdout)
