"""Spelling and name flags on words copied from the source: a name, an acronym or a product
name the translation keeps as the source writes it is no spelling mistake and needs no hint.

A flag counts as a spelling or name flag when it carries a `word` (the checkers set it on
spelling flags: the offline checker's word rules, LanguageTool's misspellings) or is in one of
the spelling categories (TYPOS for both checkers, COMPOUNDING for unknown compounds).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from review_app.checking.flag import Flag

SPELLING_CATEGORIES = frozenset({"TYPOS", "COMPOUNDING"})
# A source token: letters and digits, joined by hyphens, dots, apostrophes, plus or ampersand
# inside (GPT-4o, Node.js, AT&T, O'Brien, C++).
_TOKEN = re.compile(r"\w+(?:[-.'’&+]+\w+)*\+*")
# German adds a genitive s or an apostrophe s to a name (Bidens, Macron's): still the name.
_POSSESSIVE = re.compile(r"['’]s?$")
_GENITIVE = re.compile(r"(?:['’]?s|['’])$")
_PARTS = re.compile(r"[-.'’]")


def source_words(source: str) -> frozenset[str]:
    """Every token of `source` and every hyphen-separated part of one, as written."""
    words = set(_TOKEN.findall(source))
    # A token ends in a word character or "+": only one with "'s" has a possessive, only
    # one with a hyphen, dot or apostrophe has parts.
    for token in [token for token in words if _PARTS.search(token)]:
        words.add(_POSSESSIVE.sub("", token))  # Siso's → Siso
        words.update(part for part in _PARTS.split(token) if part)
    return frozenset(words)


def is_spelling_flag(flag: Flag) -> bool:
    return flag.word is not None or flag.category in SPELLING_CATEGORIES


def copied(word: str, words: frozenset[str]) -> bool:
    """Whether `word` is a source word: as written, with a German genitive s, or as a
    hyphenated compound whose first part is one (Biden-Regierung)."""
    word = word.strip()
    if not word:
        return False
    if word in words or _GENITIVE.sub("", word) in words:
        return True
    first = word.split("-", 1)[0]
    return "-" in word and (first in words or _GENITIVE.sub("", first) in words)


def drop_copied_names(flags: Sequence[Flag], target: str, source: str) -> list[Flag]:
    """`flags` without the spelling and name flags whose word is copied from `source`
    (case-sensitive: "Apple" in the source does not excuse "apple")."""
    if not source or not any(is_spelling_flag(flag) for flag in flags):
        return list(flags)  # nothing to drop: the source's words are not read
    words = source_words(source)
    return [
        flag
        for flag in flags
        if not (
            is_spelling_flag(flag)
            and (copied(flag.flagged(target), words) or copied(flag.word or "", words))
        )
    ]
