"""`review-app rules`: every rule of the offline checker and of the source-aware checks, and
whether it is on here."""

from __future__ import annotations

import argparse
import json
import sys

from rich.console import Console
from rich.table import Table
from rich.text import Text

from review_app.checking.offline.registry import Rule, active_rules, all_rules
from review_app.commands.common import checked_value, settings_from_args
from review_app.config import OfflineSettings
from review_app.qa import QA_RULES, QaRule
from review_app.report.markdown_escape import code, text


def register(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser(
        "rules",
        help="list the rules of the offline checker and the source checks (id, category, ...)",
        description="Every rule of the offline checker and of the source-aware checks "
        "(bilingual files; categories source, terminology, consistency) with its id, category, "
        "default severity, an example and whether it is on with the current configuration. Switch "
        "rules with --enable/--disable on any command, or enabled_rules/disabled_rules in "
        "the config file.",
    )
    parser.add_argument("--format", choices=("text", "markdown", "json"), default="text")
    parser.add_argument("--category", metavar="NAME", help="only rules of this category")
    for flag, dest in (("--enable", "enabled_rules"), ("--disable", "disabled_rules")):
        parser.add_argument(
            flag,
            dest=dest,
            metavar="ID",
            action="extend",
            type=checked_value(dest),
            default=None,
            help=f"show the rules as with {flag} ID (repeat, or separate with commas)",
        )
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    settings = settings_from_args(args).offline
    rules: list[Rule | QaRule] = [
        rule
        for rule in (*all_rules(), *QA_RULES)
        if args.category is None or rule.category.lower() == args.category.lower()
    ]
    offline = [rule for rule in rules if isinstance(rule, Rule)]
    on = {rule.id for rule in _active(offline, settings)}
    on |= {rule.id for rule in rules if isinstance(rule, QaRule) and _qa_on(rule, settings)}
    if args.format == "json":
        print(json.dumps([_as_dict(rule, rule.id in on) for rule in rules], ensure_ascii=False))
    elif args.format == "markdown":
        print(render_markdown(rules, on))
    else:
        _print_table(rules, on)
    return 0


def _active(rules: list[Rule], settings: OfflineSettings) -> tuple[Rule, ...]:
    return active_rules(
        rules,
        enabled=settings.enabled_rules,
        disabled=settings.disabled_rules,
        disabled_categories=settings.disabled_categories,
    )


def _qa_on(rule: QaRule, settings: OfflineSettings) -> bool:
    """A source-aware check runs under the same switches (bilingual files only)."""
    if rule.id in settings.disabled_rules or rule.category in settings.disabled_categories:
        return False
    return rule.default_on or rule.id in settings.enabled_rules


def _as_dict(rule: Rule | QaRule, on: bool) -> dict[str, object]:
    return {
        "id": rule.id,
        "category": rule.category,
        "severity": rule.severity.label,
        "default_on": rule.default_on,
        "on": on,
        "example": rule.example,
        "description": rule.description,
        "checker": "source" if isinstance(rule, QaRule) else "offline",
    }


def render_markdown(rules: list[Rule | QaRule], on: set[str]) -> str:
    lines = [
        "| Rule | Category | Severity | On | Example | What it checks |",
        "|---|---|---|---|---|---|",
    ]
    for rule in rules:
        state = "yes" if rule.id in on else "no"
        lines.append(
            f"| {code(rule.id)} | {rule.category} | {rule.severity.label} | {state} | "
            f"{text(rule.example)} | {text(rule.description)} |"
        )
    return "\n".join(lines)


def _print_table(rules: list[Rule | QaRule], on: set[str]) -> None:
    table = Table(show_lines=False, pad_edge=False, box=None)
    table.add_column("rule", no_wrap=True)
    for name in ("category", "severity", "on", "example"):
        table.add_column(name, overflow="fold")
    for rule in rules:
        table.add_row(
            Text(rule.id),
            Text(rule.category),
            Text(rule.severity.label),
            Text("on" if rule.id in on else "off"),
            Text(rule.example),
        )
    console = Console(file=sys.stdout, highlight=False)
    console.print(table)
    console.print(
        Text(f"{len(rules)} rules, {len(on)} on. `review-app rules --format markdown` adds "
             "what each checks.")
    )
