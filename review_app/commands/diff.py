"""`review-app diff ORIGINAL REVISED`: what the post-editor changed, and how much (HTER etc.)."""

from __future__ import annotations

import argparse
import math
import os
import sys
from collections.abc import Callable
from typing import NamedTuple, TextIO

from rich.console import Console

from review_app.bilingual.document import targets_as_lines
from review_app.bilingual.formats import display
from review_app.bilingual.opening import OpenedBilingual, bilingual_from
from review_app.commands.common import add_bilingual_arguments, bilingual_options, stdin_bytes
from review_app.compare import compare_texts
from review_app.compare.model import Comparison, LineSource
from review_app.document.textio import (
    STDIN,
    STDIN_ARGUMENT,
    TextFile,
    Utf8Writer,
    read_stream,
    read_text,
    same_file,
    same_file_as_stream,
    write_output,
)
from review_app.document.visible import escaped
from review_app.errors import ReviewAppError
from review_app.report.render_diff_html import render_diff_html, write_diff_html
from review_app.report.render_diff_json import render_diff_json, write_diff_json
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
# Written piece by piece: the JSON or HTML diff of two 50 MB files is never held whole.
STREAMED: dict[str, Callable[[Comparison, TextIO], None]] = {
    "json": write_diff_json,
    "html": write_diff_html,
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
    parser.add_argument(
        "original", metavar="ORIGINAL", help="the machine translation (- reads standard input)"
    )
    parser.add_argument(
        "revised", metavar="REVISED", help="its post-edited revision (- reads standard input)"
    )
    parser.add_argument("-f", "--format", choices=FORMATS, default="text", help="default: text")
    parser.add_argument("-o", "--output", metavar="FILE", help="write to FILE instead of stdout")
    parser.add_argument(
        "--unified", action="store_true", help="a classic unified diff of the lines, no scores"
    )
    parser.add_argument(
        "--fail-above-hter",
        type=_hter_threshold,
        metavar="X",
        default=None,
        help="exit with 1 when the document HTER is above X (a percentage, 0 or more)",
    )
    parser.add_argument(
        "-j",
        "--jobs",
        type=_jobs,
        default=None,
        metavar="N",
        help="processes for TER on large documents (default: up to 4, one per core)",
    )
    add_bilingual_arguments(parser, source=False)
    parser.set_defaults(func=run)


def _hter_threshold(value: str) -> float:
    try:
        number = float(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{value!r} is not a number") from None
    if not math.isfinite(number) or number < 0:
        raise argparse.ArgumentTypeError(f"{value!r}: give a percentage of 0 or more")
    return number


def _jobs(value: str) -> int:
    try:
        number = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{value!r} is not a whole number") from None
    if number < 1:
        raise argparse.ArgumentTypeError("must be at least 1")
    return number


def _overwrites(output: str, name: str) -> bool:
    if name == STDIN_ARGUMENT:
        return same_file_as_stream(output, stdin_bytes())
    return same_file(output, name)


def _refuse_overwriting_inputs(args: argparse.Namespace) -> None:
    for role, name in (("original", args.original), ("revision", args.revised)):
        if _overwrites(args.output, name):
            shown = _display_name(name)
            raise ReviewAppError(
                f"{args.output}: would overwrite the {role} {shown}; write the diff elsewhere"
            )


def _read(name: str, *, allow_empty: bool = False) -> TextFile:
    """A file, or standard input for `-` (an empty revision is a valid one)."""
    if name == STDIN_ARGUMENT:
        return read_stream(stdin_bytes(), allow_empty=allow_empty)
    return read_text(name, allow_empty=allow_empty)


class _Pair(NamedTuple):
    original: TextFile
    revised: TextFile
    sources: tuple[LineSource, ...] | None  # per line of `original`, for bilingual files


def _sources(opened: OpenedBilingual) -> tuple[LineSource, ...]:
    """(unit id, source) of each unit: the lines of `targets_as_lines`. Inline tags are shown
    as their labels, as in the targets."""
    return tuple((unit.id, display(unit.source, unit.tags)) for unit in opened.file.units)


def _read_pair(args: argparse.Namespace) -> _Pair:
    if args.original == STDIN_ARGUMENT and args.revised == STDIN_ARGUMENT:
        raise ReviewAppError("ORIGINAL and REVISED cannot both be - (standard input)")
    original = _read(args.original)
    revised = _read(args.revised, allow_empty=True)
    options = bilingual_options(args)
    a, b = bilingual_from(original, options), bilingual_from(revised, options)
    if a is None and b is None:
        return _Pair(original, revised, None)
    if a is None or b is None:
        plain = args.original if a is None else args.revised
        raise ReviewAppError(
            f"{escaped(plain)} is plain text and the other file is bilingual; "
            "compare two files of the same kind"
        )
    if len(a.file.units) != len(b.file.units):
        raise ReviewAppError(
            f"the files have {len(a.file.units)} and {len(b.file.units)} units; a revision of "
            "a bilingual file keeps its units"
        )
    return _Pair(targets_as_lines(a), targets_as_lines(b), _sources(a))


def _display_name(name: str) -> str:
    return STDIN.name if name == STDIN_ARGUMENT else name


def _emit(text: str, output: str | None) -> None:
    if output:
        write_output(output, text.encode("utf-8"))
    else:
        Console(soft_wrap=True, highlight=False, markup=False).out(text, end="", highlight=False)


def _emit_comparison(comparison: Comparison, args: argparse.Namespace) -> None:
    stream = STREAMED.get(args.format)
    if stream is None:
        _emit(FORMATS[args.format](comparison), args.output)
    elif args.output:
        write_output(args.output, lambda handle: stream(comparison, Utf8Writer(handle)))
    else:
        stream(comparison, sys.stdout)


def _run_unified(a: TextFile, b: TextFile, args: argparse.Namespace) -> int:
    names = _display_name(args.original), _display_name(args.revised)
    diff = unified_diff(a.text, b.text, *names)
    console = Console(highlight=False)
    if args.output or not console.is_terminal:
        _emit(diff, args.output)
    else:
        print_unified(diff, console)
    return 0


def _compare(pair: _Pair, args: argparse.Namespace, workers: int) -> Comparison:
    a, b = pair.original, pair.revised
    return compare_texts(
        a.text,
        b.text,
        original_name=_display_name(args.original),
        revised_name=_display_name(args.revised),
        encodings=(a.encoding, b.encoding),
        workers=workers,
        notes=tuple(f.notice for f in (a, b) if f.notice),
        sources=pair.sources,
    )


def run(args: argparse.Namespace) -> int:
    if args.output:
        _refuse_overwriting_inputs(args)
    pair = _read_pair(args)
    if args.unified:
        return _run_unified(pair.original, pair.revised, args)
    workers = args.jobs or min(4, os.cpu_count() or 1)
    stderr = Console(stderr=True)
    if stderr.is_terminal:
        with stderr.status("aligning and scoring…"):
            comparison = _compare(pair, args, workers)
    else:
        comparison = _compare(pair, args, workers)
    console = Console(highlight=False)
    if args.format == "text" and not args.output and console.is_terminal:
        print_diff(comparison, console)
    else:
        _emit_comparison(comparison, args)
    hter = comparison.score("HTER").value
    if args.fail_above_hter is not None and hter is not None and hter > args.fail_above_hter:
        return EXIT_ABOVE_THRESHOLD
    return 0
