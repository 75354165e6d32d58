"""A bilingual segment's flags: the grammar checker's, less the names copied from the source,
plus the source-aware checks'."""

from __future__ import annotations

from collections.abc import Sequence

from review_app.bilingual.model import BilingualFile, Unit
from review_app.checking.flag import Flag
from review_app.config import Settings
from review_app.document.model import Segment
from review_app.qa import QA_RULES, QaSettings, drop_copied_names, read_glossary
from review_app.qa.consistency import consistency_flags
from review_app.qa.rules import check_unit


def qa_settings(settings: Settings) -> QaSettings:
    """The source-aware checks' settings from the run's: the same rule switches as the
    grammar checkers (`--enable`/`--disable`, disabled categories) and the glossary, read once."""
    offline = settings.offline
    off_categories = set(offline.disabled_categories) | set(
        settings.languagetool.disabled_categories
    )
    disabled = set(offline.disabled_rules) | {
        rule.id for rule in QA_RULES if rule.category in off_categories
    }
    path = settings.check.glossary
    return QaSettings(
        enabled=frozenset(offline.enabled_rules),
        disabled=frozenset(disabled),
        glossary=read_glossary(path) if path is not None else None,
    )


def unit_file_flags(file: BilingualFile, settings: QaSettings) -> list[list[Flag]]:
    """The consistency hints over every unit of a file as read, one list per unit."""
    return consistency_flags([(unit.source, unit.target) for unit in file.units], settings)


def segment_flags(
    segment: Segment,
    grammar: Sequence[Flag],
    settings: QaSettings,
    file_wide: Sequence[Flag] = (),
) -> list[Flag]:
    """All the flags of one segment, by position. A segment without a unit keeps its grammar
    flags as they are."""
    if segment.unit is None:
        return list(grammar)
    return unit_flags(segment.unit, segment.text, grammar, settings, file_wide)


def unit_flags(
    unit: Unit,
    text: str,
    grammar: Sequence[Flag],
    settings: QaSettings,
    file_wide: Sequence[Flag] = (),
) -> list[Flag]:
    """All the flags of `unit` whose target is now `text`: the grammar checker's less the
    names copied from the source, the source-aware checks', and `file_wide` ones."""
    kept = drop_copied_names(grammar, text, unit.source)
    own = check_unit(unit.source, text, settings, tags=unit.tags)
    return sorted([*kept, *own, *file_wide], key=lambda flag: (flag.start, flag.end))
