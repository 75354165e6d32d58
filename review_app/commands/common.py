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
    add_languagetool_arguments(parser)


def _csv(value: str) -> list[str]:
    return [part.strip() for part in value.split(",") if part.strip()]


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
        type=float,
        metavar="SECONDS",
        default=None,
        help="longest wait for one LanguageTool request (default: 30)",
    )
    group.add_argument(
        "--picky", action="store_true", default=None, help="LanguageTool's picky level"
    )
    for flag, dest, what in (
        ("--enable-rule", "enabled_rules", "a LanguageTool rule ID to enable"),
        ("--disable-rule", "disabled_rules", "a LanguageTool rule ID to disable"),
        ("--enable-category", "enabled_categories", "a LanguageTool category ID to enable"),
        ("--disable-category", "disabled_categories", "a LanguageTool category ID to disable"),
    ):
        group.add_argument(
            flag,
            dest=dest,
            metavar="ID",
            type=_csv,
            action="extend",
            default=None,
            help=f"{what} (repeat, or separate with commas)",
        )
    group.add_argument(
        "--mother-tongue",
        metavar="LANG",
        default=None,
        help="the writer's (or the MT source's) language, for false-friend rules; "
        "default: en; 'none' to turn off",
    )
    group.add_argument(
        "--preferred-variants",
        metavar="LANGS",
        type=_csv,
        default=None,
        help="comma-separated preferred variants, e.g. de-DE,en-GB",
    )


def settings_from_args(args: argparse.Namespace, start: Path | None = None) -> Settings:
    """Config files and env, then the command-line flags on top."""
    settings = load_settings(start)
    return settings.with_overrides(
        checker=getattr(args, "checker", None),
        dictionary=getattr(args, "dictionary", None),
        languagetool_url=getattr(args, "languagetool_url", None),
        languagetool_public_api=getattr(args, "languagetool_public_api", None),
        languagetool_timeout=getattr(args, "languagetool_timeout", None),
        picky=getattr(args, "picky", None),
        mother_tongue=_mother_tongue(getattr(args, "mother_tongue", None)),
        **{name: _tuple(getattr(args, name, None)) for name in _LIST_OPTIONS},
    )


_LIST_OPTIONS = (
    "enabled_rules",
    "disabled_rules",
    "enabled_categories",
    "disabled_categories",
    "preferred_variants",
)


def _tuple(values: list[str] | None) -> tuple[str, ...] | None:
    return tuple(values) if values is not None else None


def _mother_tongue(value: str | None) -> str | None:
    """'none' (any case) or '' turns the mother tongue off; None leaves the setting alone."""
    if value is None:
        return None
    return "" if value.strip().lower() in ("", "none", "off") else value.strip()
