"""Options shared by the subcommands that check text, and Settings built from them."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, BinaryIO

from review_app.config import CHECKERS, InvalidValue, Settings, load_settings, parse_text

if TYPE_CHECKING:
    from review_app.bilingual.opening import BilingualOptions


def checked_value(name: str) -> Callable[[str], Any]:
    """An argparse type that reads a flag as the setting `name` reads env text, so a bad
    value is argparse's one-line usage error, worded as for the config file."""

    def check(text: str) -> Any:
        try:
            return parse_text(name, text)
        except InvalidValue as exc:
            raise argparse.ArgumentTypeError(str(exc)) from None

    check.__name__ = name
    return check


def add_checker_arguments(parser: argparse.ArgumentParser) -> None:
    group = parser.add_argument_group("checker")
    group.add_argument(
        "--checker",
        choices=CHECKERS,
        default=None,
        help="which checker runs (default: auto, LanguageTool when one answers, else offline)",
    )
    group.add_argument(
        "--dictionary",
        metavar="PATH",
        type=checked_value("dictionary"),
        default=None,
        help="a Hunspell .dic file for the offline checker (its .aff beside it)",
    )
    group.add_argument(
        "--glossary",
        metavar="FILE",
        type=checked_value("glossary"),
        default=None,
        help="a glossary for bilingual files: TBX, or TSV/CSV with source, target and an "
        "optional status column ('forbidden')",
    )
    group.add_argument(
        "--languagetool-url",
        metavar="URL",
        type=checked_value("languagetool_url"),
        action="extend",
        default=None,
        help="a LanguageTool server, e.g. http://localhost:8010; repeat for several, which "
        "take batches in turn (env REVIEW_APP_LANGUAGETOOL_URL, comma-separated)",
    )
    add_languagetool_arguments(parser)


def add_languagetool_arguments(parser: argparse.ArgumentParser) -> None:
    """The LanguageTool options; each also has a config key and a REVIEW_APP_* variable."""
    group = parser.add_argument_group("LanguageTool")
    group.add_argument(
        "--languagetool-public-api",
        action="store_true",
        default=None,
        help="allow the public API at languagetool.org (sends your text there; 20 KB a "
        "request, 20 requests a minute)",
    )
    group.add_argument(
        "--languagetool-timeout",
        type=checked_value("languagetool_timeout"),
        metavar="SECONDS",
        default=None,
        help="longest wait for one LanguageTool request (default: 30)",
    )
    group.add_argument(
        "--picky", action="store_true", default=None, help="LanguageTool's picky level"
    )
    for flags, dest, what in (
        (
            ("--enable", "--enable-rule"),
            "enabled_rules",
            "a rule ID to enable (both checkers; `review-app rules` lists the offline ones)",
        ),
        (("--disable", "--disable-rule"), "disabled_rules", "a rule ID to disable (both checkers)"),
        (("--enable-category",), "enabled_categories", "a LanguageTool category ID to enable"),
        (
            ("--disable-category",),
            "disabled_categories",
            "a category ID to disable (both checkers)",
        ),
    ):
        group.add_argument(
            *flags,
            dest=dest,
            metavar="ID",
            type=checked_value(dest),
            action="extend",
            default=None,
            help=f"{what} (repeat, or separate with commas)",
        )
    group.add_argument(
        "--mother-tongue",
        metavar="LANG",
        type=_mother_tongue,
        default=None,
        help="the writer's (or the MT source's) language, for false-friend rules; "
        "default: en; 'none' to turn off",
    )
    group.add_argument(
        "--preferred-variants",
        metavar="LANGS",
        type=checked_value("preferred_variants"),
        default=None,
        help="comma-separated preferred variants, e.g. de-DE,en-GB",
    )


def _mother_tongue(text: str) -> str:
    """Checked, but kept as text: 'none' must stay distinct from "flag not given" (None)."""
    checked_value("mother_tongue")(text)
    return text


# The flags' dests, which are the flat setting names `load_settings(flags=...)` reads.
FLAGS = (
    "checker",
    "dictionary",
    "glossary",
    "languagetool_url",
    "languagetool_public_api",
    "languagetool_timeout",
    "picky",
    "mother_tongue",
    "enabled_rules",
    "disabled_rules",
    "enabled_categories",
    "disabled_categories",
    "preferred_variants",
    "fail_on",
)


def stdin_bytes() -> BinaryIO | None:
    """Standard input as bytes, or None when there is none (a closed or missing stdin)."""
    return sys.stdin.buffer if sys.stdin else None


def settings_from_args(args: argparse.Namespace, start: Path | None = None) -> Settings:
    """Config files and env, then the command-line flags on top."""
    return load_settings(start, flags={name: getattr(args, name, None) for name in FLAGS})


def add_bilingual_arguments(parser: argparse.ArgumentParser, *, source: bool = True) -> None:
    """How input files are read: their format, a line-aligned source file, TSV columns."""
    from review_app.bilingual.formats import FORMATS

    group = parser.add_argument_group("bilingual files")
    if source:
        group.add_argument(
            "--source",
            metavar="FILE",
            type=Path,
            default=None,
            help="the source text, line by line beside a plain target file (same line count)",
        )
    group.add_argument(
        "--format-in",
        choices=("text", *FORMATS),
        default=None,
        help="the input format (default: recognised from the content, then the name)",
    )
    group.add_argument(
        "--columns",
        metavar="SOURCE,TARGET",
        type=_columns,
        default=None,
        help="TSV/CSV: the header names of the source and the target column",
    )
    group.add_argument(
        "--target-language",
        metavar="LANG",
        default=None,
        help="TMX (or TSV/CSV headed by languages): the target language, e.g. de or de-DE",
    )


def _columns(text: str) -> tuple[str, str]:
    from review_app.bilingual.opening import parse_columns

    try:
        return parse_columns(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def bilingual_options(args: argparse.Namespace) -> BilingualOptions:
    from review_app.bilingual.opening import BilingualOptions

    return BilingualOptions(
        format_in=getattr(args, "format_in", None),
        source=getattr(args, "source", None),
        columns=getattr(args, "columns", None),
        target_language=getattr(args, "target_language", None),
    )
