"""The source-aware checks: every rule, and running them on one unit or a whole file.

`check_unit` runs the per-unit rules on one source/target pair; `check_file` adds the
file-wide consistency rules. Flags have offsets into the target, category "source",
"terminology" or "consistency", and checker "qa"; the shells merge them with the grammar
checker's flags (after `drop_copied_names` has taken the copied names out of those).
"""

from __future__ import annotations

from collections.abc import Sequence

from review_app.bilingual.model import InlineTag
from review_app.checking.flag import Flag
from review_app.qa import consistency, rules_format, rules_terms, rules_text, rules_values
from review_app.qa.registry import Pair, QaRule
from review_app.qa.settings import QaSettings

QA_RULES: tuple[QaRule, ...] = (
    *rules_text.RULES,
    *rules_values.RULES,
    *rules_format.RULES,
    *rules_terms.RULES,
    *consistency.RULES,
)
UNIT_RULES = tuple(rule for rule in QA_RULES if rule.check is not None)
RULES_BY_ID = {rule.id: rule for rule in QA_RULES}
# An empty target says all there is to say: no "number missing" beside it.
_ON_EMPTY = frozenset({"EMPTY_TARGET"})


def check_unit(
    source: str,
    target: str,
    settings: QaSettings | None = None,
    *,
    tags: Sequence[InlineTag] = (),
) -> list[Flag]:
    """The flags of every per-unit rule `settings` lets run, by position in `target`.
    `tags` are the unit's inline tags (for the order of paired tags)."""
    settings = settings or QaSettings()
    pair = Pair(source, target, settings, tuple(tags))
    empty = not target.strip()
    flags: list[Flag] = []
    for rule in UNIT_RULES:
        if empty and rule.id not in _ON_EMPTY:
            continue
        if rule.check is not None and settings.runs(rule.id, rule.default_on):
            flags.extend(rule.check(pair))
    return sorted(flags, key=lambda flag: (flag.start, flag.end))


def check_file(
    units: Sequence[tuple[str, str]],
    settings: QaSettings | None = None,
    *,
    tags: Sequence[Sequence[InlineTag]] | None = None,
) -> list[list[Flag]]:
    """Per unit (same order as `units`, (source, target) pairs): `check_unit`'s flags and
    the consistency hints of the whole file."""
    settings = settings or QaSettings()
    file_wide = consistency.consistency_flags(units, settings)
    found = []
    for index, (source, target) in enumerate(units):
        unit_tags = tags[index] if tags is not None else ()
        flags = check_unit(source, target, settings, tags=unit_tags) + file_wide[index]
        found.append(sorted(flags, key=lambda flag: (flag.start, flag.end)))
    return found


def unknown_rule_ids(ids: Sequence[str]) -> list[str]:
    """The ids in `ids` that are no QA rule (for a shell to report a typo in --disable)."""
    return [rule_id for rule_id in ids if rule_id not in RULES_BY_ID]
