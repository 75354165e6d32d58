"""Consistency across a file: the same source translated differently, and different sources
translated the same. Both are hints, grouped: each flag names the other units of its group, and
`consistency_groups` gives the groups for a shell to jump between occurrences."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

from review_app.checking.flag import Flag, Severity
from review_app.qa.registry import QaRule
from review_app.qa.settings import QaSettings

MOST_NAMED = 10  # units named in one message; the rest are counted


@dataclass(frozen=True)
class ConsistencyGroup:
    """Units (0-based indexes, in order) that share a source with different targets, or a
    target with different sources."""

    rule_id: str
    key: str  # the shared text, as normalised for comparison
    units: tuple[int, ...]


def _key(text: str) -> str:
    return " ".join(text.split())


def _groups(
    units: Sequence[tuple[str, str]], keys: Sequence[tuple[str, str]], shared: int, rule_id: str
) -> list[ConsistencyGroup]:
    """Units grouped by the text at `shared` (0 source, 1 target) where the other side varies.
    `keys` are the units' (source, target) as compared."""
    by_key: dict[str, list[int]] = defaultdict(list)
    for index, key in enumerate(keys):
        if key[0] and key[1] and any(ch.isalpha() for ch in units[index][shared]):
            by_key[key[shared]].append(index)
    return [
        ConsistencyGroup(rule_id, key, tuple(indexes))
        for key, indexes in by_key.items()
        if len(indexes) > 1 and len({keys[i][1 - shared] for i in indexes}) > 1
    ]


def consistency_groups(
    units: Sequence[tuple[str, str]], settings: QaSettings | None = None
) -> list[ConsistencyGroup]:
    """Every group of both consistency rules that `settings` lets run, in order of first unit."""
    settings = settings or QaSettings()
    keys: list[tuple[str, str]] | None = None
    found = []
    for rule, shared in ((SAME_SOURCE_DIFFERENT_TARGET, 0), (SAME_TARGET_DIFFERENT_SOURCE, 1)):
        if settings.runs(rule.id, rule.default_on):
            if keys is None:
                keys = [(_key(source), _key(target)) for source, target in units]
            found.extend(_groups(units, keys, shared, rule.id))
    return sorted(found, key=lambda group: (group.units[0], group.rule_id))


def _named(indexes: Sequence[int]) -> str:
    shown = ", ".join(str(i + 1) for i in indexes[:MOST_NAMED])
    more = len(indexes) - MOST_NAMED
    return shown + (f" and {more} more" if more > 0 else "")


def consistency_flags(
    units: Sequence[tuple[str, str]], settings: QaSettings | None = None
) -> list[list[Flag]]:
    """One list of flags per unit: a hint over the whole target of each unit in a group."""
    return group_flags(units, consistency_groups(units, settings))


def group_flags(
    units: Sequence[tuple[str, str]], groups: Sequence[ConsistencyGroup]
) -> list[list[Flag]]:
    """The flags of `groups` (from `consistency_groups(units, …)`), one list per unit."""
    flags: list[list[Flag]] = [[] for _ in units]
    for group in groups:
        rule = RULES_BY_ID[group.rule_id]
        for index in group.units:
            others = [i for i in group.units if i != index]
            target = units[index][1]
            if rule is SAME_SOURCE_DIFFERENT_TARGET:
                message = f"The same source is translated differently in unit {_named(others)}."
            else:
                message = (
                    f"The same translation stands for a different source in unit {_named(others)}."
                )
            if len(others) > 1:
                message = message.replace(" unit ", " units ")
            flags[index].append(rule.flag(0, len(target), message))
    return flags


SAME_SOURCE_DIFFERENT_TARGET = QaRule(
    "SAME_SOURCE_DIFFERENT_TARGET", "consistency", Severity.HINT,
    "Units with the same source (spaces aside) and different targets; the message names the "
    "others.",
    "unit 3 and unit 9: Save → Speichern / Sichern",
)  # fmt: skip
SAME_TARGET_DIFFERENT_SOURCE = QaRule(
    "SAME_TARGET_DIFFERENT_SOURCE", "consistency", Severity.HINT,
    "Units with the same target and different sources; the message names the others.",
    "unit 4 and unit 7: Close / Shut → Schließen",
)  # fmt: skip

RULES = (SAME_SOURCE_DIFFERENT_TARGET, SAME_TARGET_DIFFERENT_SOURCE)
RULES_BY_ID = {rule.id: rule for rule in RULES}
