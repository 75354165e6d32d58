"""Spelling suggestions: our own edit candidates ranked by edit cost and word frequency,
Hunspell's slow `suggest` only when they find nothing, everything cached, slow work in worker
processes.

Hunspell's German `suggest` takes ~80 ms a word (up to 0.5 s) and holds the GIL, while its
`spell` takes ~10-100 µs. So candidates come from two cheap sources: every word at edit
distance 1 (and a few old or foreign spelling patterns, ph → f) that wordfreq's German list
holds, found by set intersection (~0.2 ms a word), then checked with `spell`; and, for
compounds wordfreq does not list, our cheapest edits checked with `spell` directly (umlaut and
ß fixes, doubled letters, transpositions and deletions, then replacements and insertions).
A candidate's score is its Zipf frequency minus COST_WEIGHT times its edit cost: a frequent
word one cheap edit away comes first.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass

from review_app.checking.offline.frequency import Frequency, load_frequency

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
    """Two words run together; the second may be a noun (altegleis → alte Gleis)."""
    for i in range(2, len(word) - 1):
        yield COST_SPLIT, word[:i] + " " + word[i:]
        if word[i].islower():
            yield COST_SPLIT + COST_FIRST_LETTER, word[:i] + " " + word[i].upper() + word[i + 1 :]


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


def edit_candidates(
    word: str,
    spell: SpellFn,
    *,
    thorough: bool = False,
    frequency: Frequency | None = None,
) -> tuple[str, ...]:
    """Our own candidates, best first: the frequent neighbours, then Hunspell-checked edits
    (compounds wordfreq does not list). The Hunspell search stops at its first stage that
    finds something unless `thorough` (an editor asking for alternatives) asks for all of edit
    distance 1. In a hyphenated word only the one failing part is searched."""
    if "-" in word.strip("-"):
        parts = word.split("-")
        failing = [i for i, part in enumerate(parts) if part and not spell(part)]
        if len(failing) == 1:
            at = failing[0]
            fixes = edit_candidates(parts[at], spell, thorough=thorough, frequency=frequency)
            return tuple("-".join([*parts[:at], fix, *parts[at + 1 :]]) for fix in fixes)
    if len(word) > MAX_SEARCH_LENGTH:
        return ()
    frequency = frequency or load_frequency()
    found = {c.word: c.cost for c in frequent_neighbours(word, spell, frequency)}
    _candidates(word, spell, thorough, found)
    if not found:
        found = {c.word: c.cost for c in frequent_deletions(word, spell, frequency)}
    return best_first(found, word, frequency)


def _candidates(word: str, spell: SpellFn, thorough: bool, found: dict[str, float]) -> None:
    if word[:1].islower() and spell(word[:1].upper() + word[1:]):
        found[word[:1].upper() + word[1:]] = COST_CASE
    _collect(word, cheap_edits(word), spell, found)
    if found and not thorough:
        return
    _collect(word, wide_edits(word, likely_only=not thorough), spell, found)
    if len(found) < 2:
        _collect(word, splits(word), spell, found)


def best_first(found: dict[str, float], word: str, frequency: Frequency) -> tuple[str, ...]:
    """Candidates (→ edit cost) ordered by score: frequency minus weighted cost."""
    scored = sorted(
        found.items(),
        key=lambda item: (
            -score(frequency.zipf(item[0]), item[1]),
            abs(len(item[0]) - len(word)),
            item[0],
        ),
    )
    return tuple(candidate for candidate, _ in scored[:MAX_SUGGESTIONS])


# --- frequent neighbours ---------------------------------------------------------------------

# wordfreq folds case and ß (to ss): edits are made on the folded word over these letters.
FOLDED_ALPHABET = "enrstialhugocmdbkfpzwväüyöjxq"
# Old and foreign spellings German writes otherwise (photographiert, Rhythmus is right: only a
# candidate Hunspell knows counts). Every occurrence is replaced at once.
_PATTERNS = (("ph", "f"), ("th", "t"), ("rh", "r"), ("c", "k"), ("c", "z"), ("y", "i"))
COST_PATTERN = 0.6
COST_STUTTER = 0.4
MAX_HITS = 16  # frequent neighbours checked with Hunspell, most frequent first
_LOST = set("äöü")  # letters a wrong text encoding drops
# How many Zipf units (factors of ten in frequency) one unit of edit cost is worth.
COST_WEIGHT = 2.0


def score(zipf: float, cost: float) -> float:
    return zipf - COST_WEIGHT * cost


@dataclass(frozen=True, slots=True)
class Candidate:
    word: str  # as Hunspell knows it (case and ß restored)
    cost: float
    zipf: float

    @property
    def score(self) -> float:
        return score(self.zipf, self.cost)


def _folded_edits(folded: str) -> set[str]:
    """Every string at Damerau distance 1 from `folded`, plus the spelling patterns."""
    cut = [(folded[:i], folded[i:]) for i in range(len(folded) + 1)]
    edits = {a + b[1:] for a, b in cut if b}
    edits.update(a + b[1] + b[0] + b[2:] for a, b in cut if len(b) > 1)
    edits.update(a + c + b[1:] for a, b in cut if b for c in FOLDED_ALPHABET)
    edits.update(a + c + b for a, b in cut for c in FOLDED_ALPHABET)
    edits.update(candidate for _, candidate in umlaut_edits(folded))
    for old, new in _PATTERNS:
        if old in folded:
            edits.add(folded.replace(old, new))
    edits.update(destuttered(folded))
    edits.discard(folded)
    return edits


def destuttered(word: str) -> list[str]:
    """dunklenklen → dunklen, angeschlossenenenen → angeschlossen: a syllable that machine
    translation repeated, removed one copy at a time (every stage is a candidate)."""
    found = []
    current = word
    while len(found) < 20:
        for size in range(2, 7):
            at = next(
                (
                    i
                    for i in range(len(current) - 2 * size + 1)
                    if current[i : i + size] == current[i + size : i + 2 * size]
                ),
                None,
            )
            if at is not None:
                current = current[: at + size] + current[at + 2 * size :]
                found.append(current)
                break
        else:
            return found
    return found


def _replace_cost(a: str, b: str) -> float:
    if _UMLAUT.get(a) == b:
        return COST_UMLAUT
    if frozenset((a, b)) in _PHONETIC:
        return COST_PHONETIC
    return COST_NEAR_REPLACE if _near(a, b) else COST_REPLACE


def edit_cost(folded: str, candidate: str) -> float:
    """The cost of the one edit (or pattern) that turns `folded` into `candidate`."""
    n, m = len(folded), len(candidate)
    i = 0
    while i < min(n, m) and folded[i] == candidate[i]:
        i += 1
    first = COST_FIRST_LETTER if i == 0 else 0.0
    if n == m and folded[i + 1 :] == candidate[i + 1 :]:
        return _replace_cost(folded[i], candidate[i]) + first
    swapped = folded[i + 1 : i + 2] + folded[i : i + 1]
    if n == m and candidate[i : i + 2] == swapped and folded[i + 2 :] == candidate[i + 2 :]:
        return COST_TRANSPOSE + first
    if m == n - 1 and folded[i + 1 :] == candidate[i:]:
        return COST_UNDOUBLE if _doubled(folded, i) else COST_DELETE + first
    if m == n + 1 and folded[i:] == candidate[i + 1 :]:
        if candidate[i] in _LOST:
            return COST_UMLAUT + first  # rzte → Ärzte: a letter lost to a wrong encoding
        return COST_DOUBLE if _doubled(candidate, i) else COST_INSERT + first
    if m == n - 1 and _DIGRAPH.get(folded[i : i + 2]) == candidate[i : i + 1]:
        return COST_UMLAUT
    if m < n - 1 and candidate in destuttered(folded):
        return COST_STUTTER
    return COST_PATTERN


def candidate_cost(word: str, candidate: str) -> float:
    """The edit cost from `word` to a candidate found by any search (COST_SPLIT for a split,
    COST_CASE more where only the case of the first letter changes besides)."""
    if " " in candidate:
        return COST_SPLIT
    folded, target = word.casefold(), candidate.casefold()
    extra = COST_CASE if word[:1].islower() and candidate[:1].isupper() else 0.0
    if folded == target:
        return extra or COST_CASE
    return edit_cost(folded, target) + extra


def _doubled(word: str, i: int) -> bool:
    """The letter at `i` repeats its neighbour (a doubled letter)."""
    return (i > 0 and word[i - 1] == word[i]) or word[i + 1 : i + 2] == word[i]


def _written(folded: str, word: str, spell: SpellFn) -> tuple[str, float] | None:
    """The form of a folded candidate Hunspell knows, in `word`'s case where it can be (a
    lower-case word whose fix is a noun costs COST_CASE more), ß restored; None if none."""
    forms = [folded]
    if "ss" in folded:
        forms.append(folded.replace("ss", "ß"))
        at = folded.find("ss")
        while at >= 0 and len(forms) < 5:
            forms.append(folded[:at] + "ß" + folded[at + 2 :])
            at = folded.find("ss", at + 1)
    capital = word[:1].isupper()
    for form in forms:
        upper = form[:1].upper() + form[1:]
        first, second = (upper, form) if capital else (form, upper)
        if spell(first):
            return first, 0.0
        if spell(second):
            return second, COST_CASE if not capital else 0.0
    return None


def frequent_deletions(word: str, spell: SpellFn, frequency: Frequency) -> list[Candidate]:
    """Words two deletions away (rehydratieren → rehydrieren, Schattenkräfteen): a search
    for suggestions only, when nothing lies one edit away. Cheap: n²/2 strings."""
    folded = word.casefold()
    if not folded.isalpha() or not 5 <= len(folded) <= MAX_SEARCH_LENGTH:
        return []
    once = {folded[:i] + folded[i + 1 :] for i in range(len(folded))}
    twice = {w[:i] + w[i + 1 :] for w in once for i in range(len(w))}
    found: dict[str, Candidate] = {}
    for hit in frequency.german_words() & twice:
        written = _written(hit, word, spell)
        if written is None or len(hit) < 4:
            continue
        form, extra = written
        found.setdefault(form, Candidate(form, 2 * COST_DELETE + extra, frequency.zipf(form)))
    return sorted(found.values(), key=lambda c: (-c.score, c.word))


def frequent_neighbours(word: str, spell: SpellFn, frequency: Frequency) -> list[Candidate]:
    """Words one edit (or one spelling pattern) away that wordfreq lists and Hunspell knows,
    best score first."""
    folded = word.casefold()
    if not folded.isalpha():
        return []
    long = len(folded) > MAX_SEARCH_LENGTH  # a run-on: only a stutter is worth undoing
    edits = set(destuttered(folded)) if long else _folded_edits(folded)
    hits = sorted(frequency.german_words() & edits, key=frequency.zipf, reverse=True)
    found: dict[str, Candidate] = {}
    for hit in hits[:MAX_HITS]:  # the most frequent: the rest would rank below them
        written = _written(hit, word, spell)
        if written is None or written[0] == word:
            continue
        form, extra = written
        cost = edit_cost(folded, hit) + extra
        known = found.get(form)
        if known is None or known.cost > cost:
            found[form] = Candidate(form, cost, frequency.zipf(form))
    return sorted(found.values(), key=lambda c: (-c.score, c.word))


def hunspell_suggest(hunspell, word: str) -> tuple[str, ...]:
    """Hunspell's own suggestions (slow: ~0.1 s a word, holding the GIL)."""
    try:
        return tuple(s for s in hunspell.suggest(word) if s != word)[:MAX_SUGGESTIONS]
    except UnicodeEncodeError:
        return ()
