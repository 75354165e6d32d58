"""`review-app review FILE`: the interactive proofreading session (a Textual TUI)."""

from __future__ import annotations

import argparse
from pathlib import Path

from review_app.commands.common import add_checker_arguments, settings_from_args

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
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from review_app.checking.select import make_checker
    from review_app.checking.wordlists import WordLists
    from review_app.review.opening import Review

    settings = settings_from_args(args, start=args.file.parent)
    words = WordLists.from_settings(settings)
    review = Review.open(
        args.file,
        language=settings.language,
        words=words,
        output=args.output,
        in_place=args.in_place,
        preview_chars=PREVIEW_CHARS,
    )
    if not len(review.document):
        review.close()
        from review_app.errors import InputError

        raise InputError(f"{args.file}: no sentences to review")

    from review_app.tui.app import ReviewApp

    factory = lambda: make_checker(settings, words)  # noqa: E731
    if settings.checker == "languagetool":
        # Asked for by name: a dead server is a one-line error now, not a TUI without flags.
        try:
            checker = make_checker(settings, words)
        except BaseException:
            review.close()
            raise
        factory = lambda: checker  # noqa: E731
    app = ReviewApp(review, factory, resume=args.resume)
    return app.run() or 0
