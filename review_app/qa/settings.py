"""What the source-aware checks are told: which rules run, the glossary, the bounds."""

from __future__ import annotations

from dataclasses import dataclass

from review_app.qa.glossary import Glossary

# Target/source length ratio of a professional de translation of en (characters), from the
# WMT24 reference-A: 0.5th and 99.5th percentile over sources of 20+ characters (930
# segments; median 1.17, 1st/99th percentile 0.81/1.63). bench/qa_false_alarms.py prints them.
MIN_LENGTH_RATIO = 0.69
MAX_LENGTH_RATIO = 1.72
LENGTH_RATIO_MIN_SOURCE = 20


@dataclass(frozen=True)
class QaSettings:
    """`enabled` switches on rules that are off by default; `disabled` wins over it."""

    enabled: frozenset[str] = frozenset()
    disabled: frozenset[str] = frozenset()
    glossary: Glossary | None = None
    min_length_ratio: float = MIN_LENGTH_RATIO
    max_length_ratio: float = MAX_LENGTH_RATIO
    length_ratio_min_source: int = LENGTH_RATIO_MIN_SOURCE
    english_min_words: int = 4  # shortest run of words ENGLISH_IN_TARGET judges

    def runs(self, rule_id: str, default_on: bool = True) -> bool:
        """Whether the rule `rule_id` runs under these settings."""
        if rule_id in self.disabled:
            return False
        return default_on or rule_id in self.enabled
