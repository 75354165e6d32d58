"""Options shared by the subcommands that check text, and Settings built from them."""

from __future__ import annotations

import argparse
from pathlib import Path

from review_app.checking.select import CHECKER_CHOICES
from review_app.config import Settings, load_settings


def add_checker_arguments(parser: argparse.ArgumentParser) -> None:
    group = parser.add_argument_group("checker")
    group.add_argument(
        "--checker",
        choices=CHECKER_CHOICES,
        default=None,
        help="which checker runs (default: auto, LanguageTool when one answers, else offline)",
    )
    group.add_argument(
        "--dictionary",
        metavar="PATH",
        default=None,
        help="a Hunspell .dic file for the offline checker (its .aff beside it)",
    )
    group.add_argument(
        "--languagetool-url",
        metavar="URL",
        default=None,
        help="a LanguageTool server, e.g. http://localhost:8010 (env REVIEW_APP_LANGUAGETOOL_URL)",
    )


def settings_from_args(args: argparse.Namespace, start: Path | None = None) -> Settings:
    """Config files and env, then the command-line flags on top."""
    settings = load_settings(start)
    return settings.with_overrides(
        checker=getattr(args, "checker", None),
        dictionary=getattr(args, "dictionary", None),
        languagetool_url=getattr(args, "languagetool_url", None),
    )
