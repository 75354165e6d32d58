"""`review-app report PATH...`: a grammar report for many files."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

from review_app.checking.flag import Severity
from review_app.checking.select import make_checker
from review_app.commands.common import add_checker_arguments, settings_from_args
from review_app.document.textio import write_atomic
from review_app.errors import ReviewAppError
from review_app.report.build import build_report, collect_paths, load_files
from review_app.report.model import Report
from review_app.report.render_html import render_html
from review_app.report.render_json import render_json
from review_app.report.render_markdown import render_markdown
from review_app.report.render_text import print_text_report, render_text

FORMATS: dict[str, Callable[[Report], str]] = {
    "text": render_text,
    "markdown": render_markdown,
    "json": render_json,
    "html": render_html,
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
    parser.add_argument("paths", nargs="+", metavar="PATH", help="files or folders")
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


def run(args: argparse.Namespace) -> int:
    paths = collect_paths(args.paths)
    settings = settings_from_args(args, start=paths[0] if paths else None)
    settings = settings.with_overrides(fail_on=args.fail_on)
    fail_on = settings.fail_on
    if fail_on not in ("error", "warning", "hint", "never"):
        raise ReviewAppError(f"fail_on = {fail_on!r}: use error, warning, hint or never")
    stderr = Console(stderr=True, highlight=False, soft_wrap=True)
    loaded, failures = load_files(paths)
    for failure in failures:
        stderr.print(f"review-app: error: {failure.error}", style="red", markup=False)
    if not loaded:
        return 2
    if not args.quiet:
        for item in loaded:
            if item.file.notice:
                stderr.print(f"review-app: {item.file.notice}", markup=False)
    checker = make_checker(settings)
    try:
        total = sum(len(item.document) for item in loaded)
        show = not args.quiet and stderr.is_terminal and total >= PROGRESS_MIN_SEGMENTS
        with _progress(total, show) as on_progress:
            report = build_report(loaded, checker, failures, on_progress=on_progress)
    finally:
        checker.close()
    if not args.quiet:
        stderr.print(f"review-app: checker: {report.checker_description}", markup=False)
    _emit(report.at_least(Severity.parse(args.min_severity)), args)
    return report.exit_code(fail_on)


def _emit(report: Report, args: argparse.Namespace) -> None:
    if args.output:
        data = FORMATS[args.format](report)
        try:
            write_atomic(Path(args.output), data.encode("utf-8"))
        except OSError as exc:
            raise ReviewAppError(f"{args.output}: cannot write ({exc.strerror or exc})") from None
    elif args.format == "text":
        console = Console(highlight=False)
        if not console.is_terminal:  # a pipe: the same width as a report written with -o
            console = Console(highlight=False, width=TEXT_WIDTH)
        print_text_report(report, console)
    else:
        sys.stdout.write(FORMATS[args.format](report))
