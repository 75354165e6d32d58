"""Every rule of the offline checker, with its id, category, default severity and an example.

A text rule is a function of a `RuleContext` that returns flags; a word rule (spelling,
confusions) is produced by the word judge and is listed here for `review-app rules` and for
switching it on and off. Rule modules declare their rules with `Rule(...)`; `all_rules()`
gathers them in a fixed order.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import cached_property
from importlib import import_module
from typing import TYPE_CHECKING, Any

from review_app.checking.flag import Flag
from review_app.checking.rule import RuleSpec

if TYPE_CHECKING:
    from review_app.checking.offline.speller import Speller
    from review_app.checking.offline.tokens import Token

CHECKER = "offline"


class Resources:
    """Linguistic data the rules share, each loaded on first use and then read-only.

    `speller` answers "is this a German word" (Hunspell + its dictionary's word list);
    `nouns`, `frequency` and `morphology` come from the modules of the same name.
    """

    def __init__(self, speller: Speller) -> None:
        self.speller = speller

    @cached_property
    def nouns(self) -> Any:
        return import_module("review_app.checking.offline.nouns").load_nouns()

    @cached_property
    def frequency(self) -> Any:
        return import_module("review_app.checking.offline.frequency").load_frequency()

    @property
    def tagger(self) -> Any:
        """HanTa's German POS tagger: only for candidates a cheap pre-filter found."""
        return import_module("review_app.checking.offline.tagger").load_tagger()

    @cached_property
    def morphology(self) -> Any:
        return import_module("review_app.checking.offline.morphology").load_morphology(
            self.speller, lambda: self.nouns
        )


@dataclass(frozen=True)
class RuleContext:
    """What a text rule sees: one segment, its tokens, and the shared resources."""

    text: str
    tokens: list[Token]
    resources: Resources


RuleFn = Callable[[RuleContext], list[Flag]]


class Rule(RuleSpec[RuleFn]):
    """A rule of the offline checker (a text rule's `check` reads a `RuleContext`)."""

    checker = CHECKER


# Modules that hold rules, in the order their flags are produced.
RULE_MODULES = (
    "review_app.checking.offline.word_rules",
    "review_app.checking.offline.rules",
    "review_app.checking.offline.rules_typography",
    "review_app.checking.offline.rules_casing",
    "review_app.checking.offline.rules_compounds",
    "review_app.checking.offline.rules_agreement",
    "review_app.checking.offline.rules_objects",
    "review_app.checking.offline.rules_verbs",
    "review_app.checking.offline.rules_context",
)


def all_rules() -> tuple[Rule, ...]:
    """Every rule of every module that exists, each id once."""
    rules: dict[str, Rule] = {}
    for name in RULE_MODULES:
        try:
            module = import_module(name)
        except ModuleNotFoundError as error:
            if error.name == name:
                continue  # a rule module not written yet
            raise
        for rule in getattr(module, "RULES", ()):
            if rule.id in rules:
                raise ValueError(f"rule id {rule.id} is declared twice")
            rules[rule.id] = rule
    return tuple(rules.values())


def active_rules(
    rules: Iterable[Rule],
    *,
    enabled: Iterable[str] = (),
    disabled: Iterable[str] = (),
    disabled_categories: Iterable[str] = (),
) -> tuple[Rule, ...]:
    """The rules that run: default-on or enabled, and neither disabled nor in a disabled
    category (a disable wins over an enable)."""
    on, off, off_categories = set(enabled), set(disabled), set(disabled_categories)
    return tuple(
        rule
        for rule in rules
        if (rule.default_on or rule.id in on)
        and rule.id not in off
        and rule.category not in off_categories
    )
