"""Rules on the target as a whole beside its source: left empty, left untranslated, English
left in it, or far longer or shorter than a translation of its source should be."""

from __future__ import annotations

import re
from bisect import bisect_left
from functools import lru_cache

from review_app.checking.flag import Flag, Severity
from review_app.qa.language import english_probability
from review_app.qa.patterns import EMAIL, PLACEHOLDER, URL, may_hold_placeholder, may_hold_url
from review_app.qa.registry import Pair, QaRule
from review_app.qa.rules_values import PLACEHOLDERS

_WORD = re.compile(r"[^\W\d_]+(?:['’-][^\W\d_]+)*")
_NOT_WORDS = re.compile(rf"{URL.pattern}|{EMAIL.pattern}|{PLACEHOLDER.pattern}", re.IGNORECASE)
# Sentences, then clauses: the runs ENGLISH_IN_TARGET judges one at a time.
_SENTENCE = re.compile(r"[^.!?…]+[.!?…]*")
_CLAUSE = re.compile(r"[^,;:()\[\]\"„“”«»–—]+")
ENGLISH_SURE = 0.95
_GERMAN_LETTERS = re.compile("[äöüÄÖÜß„]")
# Frequent English words German does not write: a run without any is not English.
ENGLISH_MARKERS = frozenset({
    "the", "a", "an", "and", "of", "to", "is", "are", "was", "were", "be", "been", "you",
    "your", "it", "its", "that", "this", "with", "for", "on", "at", "by", "from", "have",
    "has", "had", "not", "but", "or", "they", "we", "he", "she", "his", "her", "their",
    "what", "which", "who", "will", "would", "can", "could", "should", "there", "here", "my",
    "me", "our", "us", "do", "does", "did", "just",
})  # fmt: skip


def _normalised(text: str) -> str:
    return " ".join(text.casefold().split())


_HEAD = 40


@lru_cache(maxsize=16)
def _unchanged(source: str, target: str) -> bool:
    """Whether the target is the source (case and spaces aside); UNTRANSLATED and
    ENGLISH_IN_TARGET both ask it of the same pair in turn."""
    # The normalised start of a text starts its normalised whole (casefold maps each
    # character alone), so starts that differ settle most pairs cheaply.
    source_head, target_head = _normalised(source[:_HEAD]), _normalised(target[:_HEAD])
    if not (source_head.startswith(target_head) or target_head.startswith(source_head)):
        return False
    return _normalised(source) == _normalised(target)


_HANDLES = re.compile(r"[@#$]\w+|<[^>]*>")
# Lower-case words a title keeps in English title case: "Memories of the Land and Water".
TITLE_SMALL_WORDS = frozenset({
    "a", "an", "and", "as", "at", "but", "by", "for", "from", "if", "in", "into", "is", "it",
    "nor", "of", "on", "or", "so", "the", "to", "up", "via", "with",
})  # fmt: skip


def _may_blank(text: str) -> bool:
    """Whether `_blanked` may change the text: an address needs "@", a placeholder "{" or "%",
    a handle, tag, ticker or markup "@", "#", "$" or "<"."""
    return (
        "@" in text
        or "#" in text
        or "$" in text
        or "<" in text
        or may_hold_placeholder(text)
        or may_hold_url(text)
    )


def _blanked(text: str) -> str:
    """The text with URLs, addresses, placeholders, @handles, #tags, $tickers and markup
    blanked out (offsets kept)."""
    if not _may_blank(text):
        return text
    text = _NOT_WORDS.sub(lambda m: " " * len(m.group()), text)
    return _HANDLES.sub(lambda m: " " * len(m.group()), text)


def _words(text: str) -> list[str]:
    return _WORD.findall(_blanked(text))


def _name_like(words: list[str]) -> bool:
    """Every word capitalised but title-case small words (a name, a title, an acronym):
    written the same in both languages."""
    return all(word[:1].isupper() or word.lower() in TITLE_SMALL_WORDS for word in words)


def _untranslated_flags(pair: Pair) -> list[Flag]:
    if not _unchanged(pair.source, pair.target):
        return []
    words = _words(pair.target)
    if len(words) < 2 or _name_like(words):
        return []  # a name, a number, a URL or one word: German may well write it so
    return [
        UNTRANSLATED.flag(
            0, len(pair.target), "The target is the source unchanged: is it translated?"
        )
    ]


def _runs(text: str) -> list[tuple[int, int]]:
    """Sentences of the text, and for the sentences that are not English as a whole, their
    clauses, to be judged in turn."""
    runs = []
    for sentence in _SENTENCE.finditer(text):
        runs.append((sentence.start(), sentence.end()))
        for clause in _CLAUSE.finditer(sentence.group()):
            runs.append((sentence.start() + clause.start(), sentence.start() + clause.end()))
    return runs


def _english_flags(pair: Pair) -> list[Flag]:
    if _unchanged(pair.source, pair.target):
        return []  # UNTRANSLATED says it
    target = pair.target
    blanked = _blanked(target)
    # The words of a run are the words of the blanked target between its ends (nothing blanked
    # and no word crosses a boundary found in the blanked text; test_qa_fastpaths checks it),
    # so they are found once; a target without a marker word, or too few words, has no run
    # to judge.
    min_words = pair.settings.english_min_words
    words_at = _WORD.findall(blanked)
    shortest = min(min_words, COPIED_MIN_WORDS)
    if len(words_at) < shortest or ENGLISH_MARKERS.isdisjoint(map(str.lower, words_at)):
        return []
    copied = _copied_runs(pair.source)
    marker_at = [word.lower() in ENGLISH_MARKERS for word in words_at]
    starts = [token.start() for token in _WORD.finditer(blanked)]
    german_at = [match.start() for match in _GERMAN_LETTERS.finditer(target)]
    flagged: list[tuple[int, int]] = []
    for run_start, run_end in _runs(blanked):
        first, last = bisect_left(starts, run_start), bisect_left(starts, run_end)
        if last - first < shortest or not any(marker_at[first:last]):
            continue
        german = bisect_left(german_at, run_start)
        if german < len(german_at) and german_at[german] < run_end:
            continue  # cheap signs first: the identifier only sees runs that may be English
        run = target[run_start:run_end]
        start = run_start + len(run) - len(run.lstrip())
        end = run_start + len(run.rstrip())
        if any(f_start <= start and end <= f_end for f_start, f_end in flagged):
            continue  # inside a sentence already found English
        words = words_at[first:last]
        piece = _copied_piece(words, copied)
        if piece is not None:  # the source's own words, written the same
            i, j = piece
            if (i, j) == (0, len(words)):
                flagged.append((start, end))
            else:
                flagged.append((starts[first + i], starts[first + j - 1] + len(words[j - 1])))
            continue
        if len(words) < min_words or _name_like(words):
            continue
        if english_probability(" ".join(words)) >= ENGLISH_SURE:
            flagged.append((start, end))
    return [
        ENGLISH_IN_TARGET.flag(
            start, end, f"English left in the target: “{_shortened(target[start:end])}”."
        )
        for start, end in sorted(set(flagged))
    ]


# A clause of 3+ words that the source has word for word (case aside), with an English
# function word, and that the source does not write as a name or title ("It's My Party"
# stays as it is, and so does a title the target writes in title case; "WELL worth it"
# copied as "WELL WORTH IT" is English left in).
COPIED_MIN_WORDS = 3


@lru_cache(maxsize=16)
def _copied_runs(source: str) -> tuple[tuple[str, ...], tuple[str, ...], str]:
    """The source's words, folded and as written, and the folded words joined (" a b c ")."""
    words = _WORD.findall(_blanked(source))
    folded = tuple(word.casefold() for word in words)
    return folded, tuple(words), " " + " ".join(folded) + " "


def _copied_piece(
    words: list[str], copied: tuple[tuple[str, ...], tuple[str, ...], str]
) -> tuple[int, int] | None:
    """The longest stretch of `words` (indexes i, j: words[i:j]) that the source has word for
    word, with an English function word, written neither as a title in the target nor as a
    name or title in the source."""
    joined = copied[2]
    run = [word.casefold() for word in words]
    best: tuple[int, int] | None = None
    for i in range(len(run) - COPIED_MIN_WORDS + 1):
        j = i + COPIED_MIN_WORDS
        if f" {' '.join(run[i:j])} " not in joined:
            continue
        while j < len(run) and f" {' '.join(run[i : j + 1])} " in joined:
            j += 1
        if best is not None and j - i <= best[1] - best[0]:
            continue
        stretch = words[i:j]
        english = not ENGLISH_MARKERS.isdisjoint(run[i:j])
        if english and not _title_case(stretch) and _is_copied(stretch, copied):
            best = (i, j)
    return best


def _title_case(words: list[str]) -> bool:
    """Written as a title (a translator's choice for a song or a book), not in capitals."""
    return _name_like(words) and not all(word.isupper() for word in words)


def _is_copied(words: list[str], copied: tuple[tuple[str, ...], tuple[str, ...], str]) -> bool:
    folded, written, _ = copied
    run = tuple(word.casefold() for word in words)
    size = len(run)
    if size < COPIED_MIN_WORDS or size > len(folded):
        return False
    return any(
        folded[at : at + size] == run and not _name_like(list(written[at : at + size]))
        for at in range(len(folded) - size + 1)
    )


def _shortened(text: str, most: int = 60) -> str:
    return text if len(text) <= most else text[: most - 1] + "…"


def _empty_flags(pair: Pair) -> list[Flag]:
    if pair.target.strip() or not pair.source.strip():
        return []
    return [EMPTY_TARGET.flag(0, len(pair.target), "The target is empty.")]


def _length(text: str) -> int:
    text = text.strip()
    return len(text) - len(PLACEHOLDERS.findall(text))


def _length_flags(pair: Pair) -> list[Flag]:
    settings = pair.settings
    source, target = _length(pair.source), _length(pair.target)
    if source < settings.length_ratio_min_source or target == 0:
        return []
    ratio = target / source
    if settings.min_length_ratio <= ratio <= settings.max_length_ratio:
        return []
    which = "short" if ratio < settings.min_length_ratio else "long"
    return [
        LENGTH_RATIO.flag(
            0,
            len(pair.target),
            f"The target is {ratio:.2f} times as long as the source (usually "
            f"{settings.min_length_ratio:.2f}–{settings.max_length_ratio:.2f}): too {which}? "
            "Check for something left out or added.",
        )
    ]


EMPTY_TARGET = QaRule(
    "EMPTY_TARGET", "source", Severity.ERROR,
    "The source has text and the target none.", "Hello → (empty)", _empty_flags,
)  # fmt: skip
UNTRANSLATED = QaRule(
    "UNTRANSLATED", "source", Severity.WARNING,
    "The target is the source unchanged (case and spaces aside), and is more than a name, a "
    "number or a URL.",
    "Click here → Click here", _untranslated_flags,
)  # fmt: skip
ENGLISH_IN_TARGET = QaRule(
    "ENGLISH_IN_TARGET", "source", Severity.WARNING,
    "A sentence or a clause of four words or more left in English in the target "
    "(language identification by py3langid).",
    "Das ist, as you can see, gut.", _english_flags,
)  # fmt: skip
LENGTH_RATIO = QaRule(
    "LENGTH_RATIO", "source", Severity.WARNING,
    "The target is far shorter or longer than a German translation of its source usually is "
    "(outside the 1st–99th percentile of a professional translation; sources of 20+ "
    "characters).",
    "a 200-character source → a 60-character target", _length_flags,
)  # fmt: skip

RULES = (EMPTY_TARGET, UNTRANSLATED, ENGLISH_IN_TARGET, LENGTH_RATIO)
