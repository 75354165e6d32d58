"""`review-app diff ORIGINAL REVISED`: what the post-editor changed, and how much (HTER etc.)."""

from __future__ import annotations

import argparse
import os
from collections.abc import Callable

from rich.console import Console

from review_app.compare import compare_files
from review_app.compare.build import read_revision
from review_app.compare.model import Comparison
from review_app.document import read_text
from review_app.document.textio import write_atomic
from review_app.errors import ReviewAppError
from review_app.report.render_diff_html import render_diff_html
from review_app.report.render_diff_json import render_diff_json
from review_app.report.render_diff_markdown import render_diff_markdown
from review_app.report.render_diff_text import (
    print_diff,
    print_unified,
    render_diff_text,
    unified_diff,
)

FORMATS: dict[str, Callable[[Comparison], str]] = {
    "text": render_diff_text,
    "markdown": render_diff_markdown,
    "json": render_diff_json,
    "html": render_diff_html,
}
EXIT_ABOVE_THRESHOLD = 1


def register(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser(
        "diff",
        help="compare an MT original with its revision: word diff, HTER, chrF, BLEU",
        description="Align the revision with the MT original (line by line, then sentence by "
        "sentence: splits, merges, insertions, deletions), show the word-level changes and "
        "score the post-editing with sacrebleu: HTER (case-sensitive TER of the MT against the "
        "revision), chrF, chrF++ and BLEU, each with its signature. Exit code: 0 done, "
        "1 document HTER above --fail-above-hter, 2 failure.",
    )
    parser.add_argument("original", metavar="ORIGINAL", help="the machine translation")
    parser.add_argument("revised", metavar="REVISED", help="its post-edited revision")
    parser.add_argument("-f", "--format", choices=FORMATS, default="text", help="default: text")
    parser.add_argument("-o", "--output", metavar="FILE", help="write to FILE instead of stdout")
    parser.add_argument(
        "--unified", action="store_true", help="a classic unified diff of the lines, no scores"
    )
    parser.add_argument(
        "--fail-above-hter",
        type=float,
        metavar="X",
        default=None,
        help="exit with 1 when the document HTER is above X (percent)",
    )
    parser.add_argument(
        "-j",
        "--jobs",
        type=int,
        default=None,
        metavar="N",
        help="processes for TER on large documents (default: up to 4, one per core)",
    )
    parser.set_defaults(func=run)


def _emit(text: str, output: str | None) -> None:
    if output:
        write_atomic(output, text.encode("utf-8"))
    else:
        Console(soft_wrap=True, highlight=False, markup=False).out(text, end="", highlight=False)


def _run_unified(args: argparse.Namespace) -> int:
    a, b = read_text(args.original), read_revision(args.revised)
    diff = unified_diff(a.text, b.text, args.original, args.revised)
    console = Console(highlight=False)
    if args.output or not console.is_terminal:
        _emit(diff, args.output)
    else:
        print_unified(diff, console)
    return 0


def run(args: argparse.Namespace) -> int:
    if args.jobs is not None and args.jobs < 1:
        raise ReviewAppError("--jobs must be at least 1")
    if args.unified:
        return _run_unified(args)
    workers = args.jobs or min(4, os.cpu_count() or 1)
    stderr = Console(stderr=True)
    if stderr.is_terminal:
        with stderr.status("aligning and scoring…"):
            comparison = compare_files(args.original, args.revised, workers=workers)
    else:
        comparison = compare_files(args.original, args.revised, workers=workers)
    console = Console(highlight=False)
    if args.format == "text" and not args.output and console.is_terminal:
        print_diff(comparison, console)
    else:
        _emit(FORMATS[args.format](comparison), args.output)
    hter = comparison.score("HTER").value
    if args.fail_above_hter is not None and hter is not None and hter > args.fail_above_hter:
        return EXIT_ABOVE_THRESHOLD
    return 0
