"""Spelling suggestions: our own edit candidates ranked by a cost model, Hunspell's slow
`suggest` only when they find nothing, everything cached, slow work in worker processes.

Hunspell's German `suggest` takes ~80 ms a word (up to 0.5 s) and holds the GIL, while its
`spell` takes ~10-100 µs; so candidates are generated here and checked with `spell`, cheapest
first: umlaut and ß fixes, then doubled letters, transpositions and deletions, then
replacements and insertions.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterable, Iterator

SpellFn = Callable[[str], "bool | None"]

ALPHABET = "enisratdhulcgmobwfkzvüpäßjöyxq"
VOWELS = set("aeiouäöüy")
_UMLAUT = {"a": "ä", "o": "ö", "u": "ü", "ä": "a", "ö": "o", "ü": "u"}
_DIGRAPH = {"ae": "ä", "oe": "ö", "ue": "ü"}
_KEYBOARD_ROWS = ("qwertzuiopü", "asdfghjklöä", "yxcvbnm")
# Letters German spellers mix up by sound (Standart/Standard, Rückgrad/Rückgrat).
_PHONETIC = {frozenset(pair) for pair in ("dt", "bp", "gk", "fv", "sz", "ck", "cz", "iy", "ei")}
MAX_SUGGESTIONS = 6
MAX_SEARCH_LENGTH = 30  # longer words are run-ons or garbage: no edit search

# Costs: the likely fixes of German MT and typing errors are the cheap ones.
COST_UMLAUT = 0.2
COST_ESZETT = 0.2
COST_UNDOUBLE = 0.4
COST_DOUBLE = 0.45
COST_CASE = 0.5
COST_TRANSPOSE = 0.7
COST_DELETE = 0.8
COST_NEAR_REPLACE = 0.85
COST_INSERT = 0.9
COST_PHONETIC = 0.75
COST_SPLIT = 1.05
COST_REPLACE = 1.0
COST_FIRST_LETTER = 0.1  # added when the edit touches the first letter: typos there are rarer
COST_HUNSPELL = 2.0


def _neighbours() -> dict[str, set[str]]:
    near: dict[str, set[str]] = {}
    for row in _KEYBOARD_ROWS:
        for i, ch in enumerate(row):
            near.setdefault(ch, set()).update(row[max(0, i - 1) : i] + row[i + 1 : i + 2])
    for row_a, row_b in itertools.pairwise(_KEYBOARD_ROWS):
        for i, ch in enumerate(row_a):
            near[ch].update(row_b[max(0, i - 1) : i + 1])
            if i < len(row_b):
                near.setdefault(row_b[i], set()).update(row_a[i : i + 2])
    return near


_NEAR = _neighbours()


def _near(a: str, b: str) -> bool:
    return b in _NEAR.get(a, ()) or (a in VOWELS and b in VOWELS)


def umlaut_edits(word: str) -> Iterator[tuple[float, str]]:
    """Umlaut and ß fixes: a→ä, ae→ä, ss→ß and back (a few per word)."""
    for i, ch in enumerate(word):
        if ch in _UMLAUT:
            yield COST_UMLAUT, word[:i] + _UMLAUT[ch] + word[i + 1 :]
        if ch == "ß":
            yield COST_ESZETT, word[:i] + "ss" + word[i + 1 :]
    for digraph, umlaut in _DIGRAPH.items():
        at = word.find(digraph)
        while at >= 0:
            yield COST_UMLAUT, word[:at] + umlaut + word[at + 2 :]
            at = word.find(digraph, at + 1)
    at = word.find("ss")
    while at >= 0:
        yield COST_ESZETT, word[:at] + "ß" + word[at + 2 :]
        at = word.find("ss", at + 1)


def letter_edits(word: str, *, internal: bool = False) -> Iterator[tuple[float, str]]:
    """Doubled letters, transpositions, deletions (about 3 per letter). `internal` leaves the
    first and last letters alone (edits there mostly turn names into other words)."""
    n = len(word)
    low, high = (1, n - 1) if internal else (0, n)
    for i in range(low, high):
        first = COST_FIRST_LETTER if i == 0 else 0.0
        deleted = word[:i] + word[i + 1 :]
        if i > 0 and word[i] == word[i - 1]:
            yield COST_UNDOUBLE, deleted
        elif n > 2:
            yield COST_DELETE + first, deleted
        if word[i].isalpha() and (i == n - 1 or word[i + 1] != word[i]):
            yield COST_DOUBLE + first, word[: i + 1] + word[i] + word[i + 1 :]
        if i < high - 1 and word[i] != word[i + 1]:
            yield COST_TRANSPOSE + first, word[:i] + word[i + 1] + word[i] + word[i + 2 :]


def phonetic_edits(word: str, *, internal: bool = False) -> Iterator[tuple[float, str]]:
    """A letter swapped for its sound-alike: Regierunk → Regierung, Standart → Standard."""
    n = len(word)
    for i in range(1 if internal else 0, n):
        lower = word[i].lower()
        for pair in _PHONETIC:
            if lower in pair:
                (other,) = pair - {lower}
                first = COST_FIRST_LETTER if i == 0 else 0.0
                yield COST_PHONETIC + first, word[:i] + other + word[i + 1 :]


def cheap_edits(word: str) -> Iterator[tuple[float, str]]:
    yield from umlaut_edits(word)
    yield from letter_edits(word)
    yield from phonetic_edits(word)


def _likely_replacements(letter: str) -> str:
    """Keyboard neighbours, sound-alikes and (for a vowel) the other vowels."""
    options = set(_NEAR.get(letter, ()))
    options.update(b for pair in _PHONETIC if letter in pair for b in pair)
    if letter in VOWELS:
        options.update(VOWELS)
    options.discard(letter)
    return "".join(sorted(options))


_LIKELY_INSERTIONS = "aeiouhnrstlä"


def wide_edits(word: str, *, likely_only: bool = False) -> Iterator[tuple[float, str]]:
    """Replacements and insertions: over the German alphabet (about 60 per letter), or with
    `likely_only` over the likely letters only (keyboard neighbours, sound-alikes, vowels;
    about 20 per letter)."""
    for i, ch in enumerate(word):
        first = COST_FIRST_LETTER if i == 0 else 0.0
        lower = ch.lower()
        letters = _likely_replacements(lower) if likely_only else ALPHABET
        for letter in letters:
            if letter == lower:
                continue
            if frozenset((lower, letter)) in _PHONETIC:
                cost = COST_PHONETIC
            elif _near(lower, letter):
                cost = COST_NEAR_REPLACE
            else:
                cost = COST_REPLACE
            yield cost + first, word[:i] + letter + word[i + 1 :]
    letters = _LIKELY_INSERTIONS if likely_only else ALPHABET
    for i in range(len(word) + 1):
        first = COST_FIRST_LETTER if i == 0 else 0.0
        for letter in letters:
            if i > 0 and word[i - 1] == letter:
                continue  # a doubled letter: a cheap edit already
            yield COST_INSERT + first, word[:i] + letter + word[i:]


def splits(word: str) -> Iterator[tuple[float, str]]:
    for i in range(2, len(word) - 1):
        yield COST_SPLIT, word[:i] + " " + word[i:]


def _restore_case(original: str, candidate: str) -> str:
    if original[:1].isupper() and candidate[:1].islower():
        return candidate[:1].upper() + candidate[1:]
    return candidate


def _collect(
    word: str,
    edits: Iterable[tuple[float, str]],
    spell: SpellFn,
    found: dict[str, float],
    *,
    retry_capital: bool = False,
) -> None:
    capital = word[:1].isupper() and not word.isupper()
    for cost, candidate in edits:
        if capital:
            candidate = _restore_case(word, candidate)
        if candidate == word or found.get(candidate, 99.0) <= cost:
            continue
        if " " in candidate:
            if all(spell(part) for part in candidate.split(" ")):
                found[candidate] = cost
        elif spell(candidate):
            found[candidate] = cost
        elif retry_capital and not capital and candidate[:1].islower():
            upper = candidate[:1].upper() + candidate[1:]
            if found.get(upper, 99.0) > cost + COST_CASE and spell(upper):
                found[upper] = cost + COST_CASE  # a noun written in lower case


def ranked(found: dict[str, float], word: str) -> tuple[str, ...]:
    order = sorted(
        found.items(), key=lambda item: (item[1], abs(len(item[0]) - len(word)), item[0])
    )
    return tuple(candidate for candidate, _ in order[:MAX_SUGGESTIONS])


def umlaut_fix(word: str, spell: SpellFn) -> tuple[str, ...]:
    """Valid words reachable by umlaut and ß fixes alone (lachelte → lächelte)."""
    found: dict[str, float] = {}
    _collect(word, umlaut_edits(word), spell, found, retry_capital=True)
    return ranked(found, word)


def doubling_fix(word: str, spell: SpellFn) -> tuple[str, ...]:
    """Valid words reachable by doubling or undoubling one letter (Gewiter → Gewitter)."""
    found: dict[str, float] = {}
    edits = (
        (cost, candidate)
        for cost, candidate in letter_edits(word, internal=True)
        if cost in (COST_UNDOUBLE, COST_DOUBLE)
    )
    _collect(word, edits, spell, found)
    return ranked(found, word)


def cheap_fix(word: str, spell: SpellFn, *, internal: bool = False) -> tuple[str, ...]:
    """Candidates reachable by a cheap edit only (used to judge a word, not just to fix it)."""
    found: dict[str, float] = {}
    if not internal and word[:1].islower() and spell(word[:1].upper() + word[1:]):
        found[word[:1].upper() + word[1:]] = COST_CASE
    if internal:
        edits = itertools.chain(letter_edits(word, internal=True), phonetic_edits(word))
    else:
        edits = cheap_edits(word)
    _collect(word, edits, spell, found)
    return ranked(found, word)


def edit_candidates(word: str, spell: SpellFn, *, thorough: bool = False) -> tuple[str, ...]:
    """Our own candidates, best first. Stops at the first stage that finds something unless
    `thorough` (an editor asking for alternatives) asks for all of edit distance 1. In a
    hyphenated word only the one failing part is searched."""
    if "-" in word.strip("-"):
        parts = word.split("-")
        failing = [i for i, part in enumerate(parts) if part and not spell(part)]
        if len(failing) == 1:
            at = failing[0]
            fixes = _candidates(parts[at], spell, thorough)
            return tuple("-".join([*parts[:at], fix, *parts[at + 1 :]]) for fix in fixes)
    if len(word) > MAX_SEARCH_LENGTH:
        return ()
    return _candidates(word, spell, thorough)


def _candidates(word: str, spell: SpellFn, thorough: bool) -> tuple[str, ...]:
    found: dict[str, float] = {}
    if word[:1].islower() and spell(word[:1].upper() + word[1:]):
        found[word[:1].upper() + word[1:]] = COST_CASE
    _collect(word, cheap_edits(word), spell, found)
    if found and not thorough:
        return ranked(found, word)
    _collect(word, wide_edits(word, likely_only=not thorough), spell, found)
    if len(found) < 2:
        _collect(word, splits(word), spell, found)
    return ranked(found, word)


def hunspell_suggest(hunspell, word: str) -> tuple[str, ...]:
    """Hunspell's own suggestions (slow: ~0.1 s a word, holding the GIL)."""
    try:
        return tuple(s for s in hunspell.suggest(word) if s != word)[:MAX_SUGGESTIONS]
    except UnicodeEncodeError:
        return ()
