"""`review-app review FILE`: the interactive proofreading session (a Textual TUI)."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING

from review_app.commands.common import (
    add_bilingual_arguments,
    add_checker_arguments,
    bilingual_options,
    settings_from_args,
)

if TYPE_CHECKING:
    from review_app.config import Settings
    from review_app.tui.app import ReviewApp

# Segment this much of the text before the first screen; the rest is read in the background.
PREVIEW_CHARS = 40_000


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "review",
        help="review and correct a machine-translated text, sentence by sentence",
        description=(
            "Open FILE sentence by sentence beside its grammar-checker flags; correct it and "
            "save the revision to NAME.revised.EXT (or --output). Every action is journaled "
            "beside the file, so an interrupted session can be resumed."
        ),
    )
    parser.add_argument("file", metavar="FILE", type=Path, help="the text to review")
    target = parser.add_mutually_exclusive_group()
    target.add_argument("-o", "--output", metavar="PATH", type=Path, help="save the revision here")
    target.add_argument(
        "--in-place",
        action="store_true",
        help="save over FILE (a backup FILE.orig is written first)",
    )
    resume = parser.add_mutually_exclusive_group()
    resume.add_argument(
        "--resume",
        dest="resume",
        action="store_const",
        const=True,
        default=None,
        help="resume an unfinished session without asking",
    )
    resume.add_argument(
        "--fresh",
        dest="resume",
        action="store_const",
        const=False,
        help="start fresh without asking (the old journal is kept aside)",
    )
    add_checker_arguments(parser)
    add_bilingual_arguments(parser)
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from review_app.bilingual.checks import qa_settings
    from review_app.bilingual.opening import open_bilingual
    from review_app.checking.select import make_checker
    from review_app.checking.wordlists import WordLists
    from review_app.review.opening import Review

    settings = settings_from_args(args, start=args.file.parent)
    words = WordLists.from_settings(settings.words)
    qa = qa_settings(settings)  # the glossary is read (and refused) before the screen opens
    _refuse_saving_over_inputs(args, settings)
    textfile, opened = open_bilingual(args.file, bilingual_options(args))
    if opened is not None:
        review = Review.open_bilingual(
            opened,
            words=words,
            output=args.output,
            in_place=args.in_place,
            set_states=settings.check.write_states,
        )
    else:
        review = Review.open(
            args.file,
            language=settings.check.language,
            words=words,
            output=args.output,
            in_place=args.in_place,
            preview_chars=PREVIEW_CHARS,
            textfile=textfile,
        )
    if not len(review.document):
        review.close()
        from review_app.errors import InputError

        raise InputError(f"{args.file}: no sentences to review")
    if args.resume is False and not review.read_only:
        # --fresh: the earlier journal is moved aside now, so a failure is a one-line error.
        try:
            review.start(resume=False)
        except BaseException:
            review.close()
            raise

    factory = lambda: make_checker(settings, words)  # noqa: E731
    if settings.check.checker == "languagetool":
        # Asked for by name: a dead server is a one-line error now, not a TUI without flags.
        try:
            checker = make_checker(settings, words)
        except BaseException:
            review.close()
            raise
        factory = lambda: checker  # noqa: E731
    from review_app.tui.app import ReviewApp

    app = ReviewApp(review, factory, resume=args.resume, qa=qa)
    return run_app(app)


def _refuse_saving_over_inputs(args: argparse.Namespace, settings: Settings) -> None:
    """`-o` onto the source file or the glossary would destroy an input."""
    from review_app.document.textio import overwritten_input
    from review_app.errors import ReviewAppError

    if args.output is None:
        return
    hit = overwritten_input(
        args.output, [p for p in (args.source, settings.check.glossary) if p is not None]
    )
    if hit is not None:
        raise ReviewAppError(f"{args.output} is the input {hit}; save the revision elsewhere")


def run_app(app: ReviewApp) -> int:
    """Run the review TUI to its end; the exit code.

    Textual ends the app on an unexpected error (a bug) with the terminal restored, sets
    `return_code` to 1 and prints the traceback to its `error_console`; it has no public way to
    hand out the exception. So the traceback goes to a crash log and the error is raised again
    as one line (exit code 2). The journal holds every action done before. A signal ends the
    app with 128 + its number.
    """
    import io

    from rich.console import Console

    from review_app.crashlog import crash_line, write_crash_report
    from review_app.errors import ReviewAppError

    details = io.StringIO()
    app.error_console = Console(
        file=details, width=120, color_system=None, markup=False, highlight=False
    )
    try:
        app.run()
    finally:
        app.review.close()  # also when the app never got as far as mounting
    if details.getvalue().strip():
        report = details.getvalue()
        raise ReviewAppError(crash_line(crash_summary(report), write_crash_report(report)))
    return app.return_code or 0


def crash_summary(report: str) -> str:
    """"ValueError: bad value" from a traceback as Rich renders it: the first line after the
    last frame's box (the exception raised last), else the last line."""
    lines = [line.strip() for line in report.splitlines()]
    last_box = max((i for i, line in enumerate(lines) if line.startswith("╰")), default=-1)
    after = [line for line in lines[last_box + 1 :] if line]
    summary = after[0] if after else next((line for line in reversed(lines) if line), "")
    return summary[:300] or "the review screen stopped"
