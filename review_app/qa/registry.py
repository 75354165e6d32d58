"""Every source-aware rule, with its id, category, default severity and an example.

A QA rule is a function of a `Pair` (one unit's source and target, and the settings) that
returns flags into the target. Rule modules declare theirs as `QaRule(...)`; `rules.QA_RULES`
gathers them. The file-wide consistency rules are listed here too, for switching on and off and
for `review-app rules`, but run over the whole file (see consistency.py).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from review_app.bilingual.model import InlineTag
from review_app.checking.flag import Flag
from review_app.checking.rule import RuleSpec

if TYPE_CHECKING:
    from review_app.qa.settings import QaSettings

CHECKER = "qa"


@dataclass(frozen=True)
class Pair:
    """What a QA rule sees: one unit's source and target text, the settings, and the unit's
    inline tags (placeholder characters with their kinds and labels), if it has any."""

    source: str
    target: str
    settings: QaSettings
    tags: tuple[InlineTag, ...] = ()


QaRuleFn = Callable[[Pair], list[Flag]]


class QaRule(RuleSpec[QaRuleFn]):
    """A source-aware rule; `check` is None for the file-wide rules, whose flags come from
    consistency.py."""

    checker = CHECKER
