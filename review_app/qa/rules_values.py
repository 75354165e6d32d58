"""Rules on what a translation copies or converts: numbers, times, dates, URLs, e-mail
addresses, placeholders and inline tags."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Sequence

from review_app.bilingual.model import (
    PLACEHOLDER_FIRST,
    PLACEHOLDER_LAST,
    InlineTag,
    TagKind,
    is_placeholder,
)
from review_app.checking.flag import Flag, Severity
from review_app.qa.datetimes import Date, Time, english_clocks, german_date, german_time
from review_app.qa.numbers import Number, english_word_values, german_form, german_word_values
from review_app.qa.patterns import Token
from review_app.qa.reading import read_source, read_target
from review_app.qa.registry import Pair, QaRule

PLACEHOLDERS = re.compile(f"[{chr(PLACEHOLDER_FIRST)}-{chr(PLACEHOLDER_LAST)}]")


def _missing_at(pair: Pair) -> int:
    """Where a flag for something the target lacks is placed: its end (zero width)."""
    return len(pair.target.rstrip())


def _match(
    sources: list, targets: list, same: Callable[[object, object], bool]
) -> tuple[list, list]:
    """Pair each source item with the first unpaired target item it matches; returns the
    unpaired of both sides, in order."""
    left = list(targets)
    unpaired = []
    for item in sources:
        for index, candidate in enumerate(left):
            if same(item, candidate):
                del left[index]
                break
        else:
            unpaired.append(item)
    return unpaired, left


# --- numbers ---------------------------------------------------------------------------------


def _number_flags(pair: Pair) -> list[Flag]:
    source, target = read_source(pair.source), read_target(pair.target)
    if not source.numbers and not target.numbers:
        return []
    missing, extra = _match(
        list(source.numbers),
        list(target.numbers),
        lambda s, t: s.value is not None and s.value == t.value,
    )
    missing, extra = _match(
        missing, extra, lambda s, t: s.mantissa is not None and s.mantissa == t.mantissa
    )
    flags: list[Flag] = []
    missing, extra = _english_forms(missing, extra, flags)
    if missing:  # the words and dates are read only when a number is left unpaired
        in_target = german_word_values(pair.target) | target.date_and_time_values()
        missing = [n for n in missing if n.value not in in_target and n.mantissa not in in_target]
    if extra:
        in_source = english_word_values(pair.source) | source.date_and_time_values()
        extra = [n for n in extra if n.value not in in_source and n.mantissa not in in_source]
    for wrong, right in zip(extra, missing, strict=False):
        flags.append(
            NUMBER_MISMATCH.flag(
                wrong.start,
                wrong.end,
                f"Number “{wrong.text}” differs from the source's “{right.text}”.",
                (german_form(right),),
                severity=Severity.ERROR,
            )
        )
    for number in extra[len(missing) :]:
        flags.append(
            NUMBER_MISMATCH.flag(
                number.start, number.end, f"Number “{number.text}” is not in the source."
            )
        )
    for number in missing[len(extra) :]:
        at = _missing_at(pair)
        flags.append(
            NUMBER_MISMATCH.flag(at, at, f"Number “{number.text}” of the source is missing.")
        )
    return sorted(flags, key=lambda f: f.start)


def _english_form(number: Number) -> bool:
    """Written the English way: no German reading (3.5), or a thousands comma (1,000), which
    German reads as a decimal; 100.000 is German, whatever English would read in it."""
    return number.english_value is not None and (number.value is None or "," in number.text)


def _english_forms(
    missing: list[Number], extra: list[Number], flags: list[Flag]
) -> tuple[list[Number], list[Number]]:
    """Target numbers written the English way (1,000 for 1.000; 3.5 for 3,5) that have the
    source's value so read: a warning for a thousands comma (German reads 1,000 as one), a
    hint for a decimal point copied unchanged (it may be a version number)."""
    still_missing = []
    for number in missing:
        wrong = next(
            (t for t in extra if _english_form(t) and t.english_value == number.value), None
        ) or next((t for t in extra if t.value is None and t.text == number.text), None)
        if wrong is None:
            still_missing.append(number)
            continue
        extra.remove(wrong)
        if wrong.english_value is None:
            continue  # 3.11.2 copied as it is
        decimal_point = "," not in wrong.text
        flags.append(
            NUMBER_MISMATCH.flag(
                wrong.start,
                wrong.end,
                f"“{wrong.text}” is written the English way; German writes "
                f"“{german_form(wrong)}”"
                + (" (unless it is a version number)." if decimal_point else "."),
                (german_form(wrong),),
                severity=Severity.HINT if decimal_point else Severity.WARNING,
            )
        )
    return still_missing, extra


# --- times and dates -------------------------------------------------------------------------


def _time_flags(pair: Pair) -> list[Flag]:
    source, target = read_source(pair.source), read_target(pair.target)
    clocks = english_clocks(pair.target)
    if not clocks and not source.times and not target.times:
        return []
    left_english = [
        Time(m.start(), m.end(), frozenset({_clock_minutes(m)}), english_form=True) for m in clocks
    ]
    missing, extra = _match(
        list(source.times),
        list(target.times) + left_english,
        lambda s, t: bool(s.minutes & t.minutes),
    )
    flags = [_clock_hint(match) for match in clocks]
    for wrong, right in zip(extra, missing, strict=False):
        flags.append(
            TIME_MISMATCH.flag(
                wrong.start,
                wrong.end,
                f"Time “{pair.target[wrong.start : wrong.end]}” differs from the source's "
                f"“{pair.source[right.start : right.end]}”.",
                _time_suggestion(right),
            )
        )
    for time in missing[len(extra) :]:
        at = _missing_at(pair)
        flags.append(
            TIME_MISMATCH.flag(
                at,
                at,
                f"Time “{pair.source[time.start : time.end]}” of the source is missing.",
                severity=Severity.WARNING,
            )
        )
    return [flag for flag in flags if flag is not None]


def _time_suggestion(time: Time) -> tuple[str, ...]:
    if len(time.minutes) != 1:
        return ()
    return (german_time(next(iter(time.minutes))),)


def _clock_minutes(match: re.Match[str]) -> int:
    hours, minutes = int(match.group("h")), int(match.group("m") or 0)
    after = (match.group("ampm") or match.group("up") or "p").lower() == "p"
    return (hours % 12 + (12 if after else 0)) * 60 + minutes


def _clock_hint(match: re.Match[str]) -> Flag:
    return TIME_MISMATCH.flag(
        match.start(),
        match.end(),
        "German writes times on the 24-hour clock.",
        (german_time(_clock_minutes(match)),),
        severity=Severity.HINT,
    )


def _date_flags(pair: Pair) -> list[Flag]:
    source, target = read_source(pair.source), read_target(pair.target)
    missing, extra = _match(list(source.dates), list(target.dates), Date.matches)
    flags = []
    for wrong, right in zip(extra, missing, strict=False):
        flags.append(
            DATE_MISMATCH.flag(
                wrong.start,
                wrong.end,
                f"Date “{pair.target[wrong.start : wrong.end]}” differs from the source's "
                f"“{pair.source[right.start : right.end]}”.",
                (german_date(right),),
            )
        )
    for date in missing[len(extra) :]:
        at = _missing_at(pair)
        flags.append(
            DATE_MISMATCH.flag(
                at,
                at,
                f"Date “{pair.source[date.start : date.end]}” of the source is missing.",
                (),
                severity=Severity.WARNING,
            )
        )
    return flags


# --- copied tokens ---------------------------------------------------------------------------


def _token_flags(
    rule: QaRule, kind: str, sources: Sequence[Token], targets: Sequence[Token], pair: Pair
) -> list[Flag]:
    if not sources and not targets:
        return []
    missing, extra = _match(list(sources), list(targets), lambda s, t: s.key == t.key)
    flags = []
    for wrong, right in zip(extra, missing, strict=False):
        flags.append(
            rule.flag(
                wrong.start,
                wrong.end,
                f"{kind} “{wrong.text}” differs from the source's “{right.text}”.",
                (right.text,),
            )
        )
    for token in extra[len(missing) :]:
        message = f"{kind} “{token.text}” is not in the source."
        flags.append(rule.flag(token.start, token.end, message))
    for token in missing[len(extra) :]:
        at = _missing_at(pair)
        flags.append(rule.flag(at, at, f"{kind} “{token.text}” of the source is missing."))
    return flags


def _url_flags(pair: Pair) -> list[Flag]:
    source, target = read_source(pair.source), read_target(pair.target)
    return _token_flags(URL_MISMATCH, "URL", source.urls, target.urls, pair)


def _email_flags(pair: Pair) -> list[Flag]:
    source, target = read_source(pair.source), read_target(pair.target)
    return _token_flags(EMAIL_MISMATCH, "E-mail address", source.emails, target.emails, pair)


def _placeholder_flags(pair: Pair) -> list[Flag]:
    source, target = read_source(pair.source), read_target(pair.target)
    return _token_flags(
        PLACEHOLDER_MISMATCH, "Placeholder", source.placeholders, target.placeholders, pair
    )


# --- inline tags -----------------------------------------------------------------------------


def _tag_flags(pair: Pair) -> list[Flag]:
    if not PLACEHOLDERS.search(pair.source) and not PLACEHOLDERS.search(pair.target):
        return []
    labels = {tag.char: tag.label for tag in pair.tags}
    source = [ch for ch in pair.source if is_placeholder(ch)]
    target = [(i, ch) for i, ch in enumerate(pair.target) if is_placeholder(ch)]
    missing = Counter(source) - Counter(ch for _, ch in target)
    extra = Counter(ch for _, ch in target) - Counter(source)
    flags = []
    for index, char in target:
        if extra[char] > 0:
            extra[char] -= 1
            message = f"{_tag_name(labels, char)} is not in the source."
            flags.append(TAG_MISMATCH.flag(index, index + 1, message))
    for char, count in missing.items():
        at = _missing_at(pair)
        message = f"{_tag_name(labels, char)} of the source is missing."
        flags.extend(TAG_MISMATCH.flag(at, at, message) for _ in range(count))
    flags.extend(_crossed(pair, labels))
    return flags


def _tag_name(labels: dict[str, str], char: str) -> str:
    label = labels.get(char)
    return f"Tag {label}" if label else f"A tag (U+{ord(char):04X})"


def _pairs(source: str, tags: Sequence[InlineTag]) -> list[tuple[str, str]]:
    """Opening and closing placeholders that belong together, as the source nests them."""
    kinds = {tag.char: tag.kind for tag in tags}
    stack: list[str] = []
    pairs = []
    for char in source:
        kind = kinds.get(char)
        if kind is TagKind.OPEN:
            stack.append(char)
        elif kind is TagKind.CLOSE and stack:
            pairs.append((stack.pop(), char))
    return pairs


def _crossed(pair: Pair, labels: dict[str, str]) -> list[Flag]:
    """Paired tags closed before they open, or overlapping (<1><2></1></2>) in the target."""
    where = {ch: i for i, ch in enumerate(pair.target) if is_placeholder(ch)}
    spans = [
        (where[open_], where[close], close)
        for open_, close in _pairs(pair.source, pair.tags)
        if open_ in where and close in where
    ]
    flags = []
    for start, end, close in spans:
        crossed = end < start or any(
            other_start < start < other_end < end or start < other_start < end < other_end
            for other_start, other_end, _ in spans
        )
        if crossed:
            flags.append(
                TAG_MISMATCH.flag(
                    end,
                    end + 1,
                    f"{_tag_name(labels, close)} closes out of order: the tags cross.",
                )
            )
    return flags


NUMBER_MISMATCH = QaRule(
    "NUMBER_MISMATCH", "source", Severity.WARNING,
    "A number of the source is missing or different in the target; German separators "
    "(1.000,5), scale words (2,5 Millionen), ordinals (3.) and numbers written as words are "
    "understood.",
    "1,500 people → 1.600 Menschen", _number_flags,
)  # fmt: skip
TIME_MISMATCH = QaRule(
    "TIME_MISMATCH", "source", Severity.ERROR,
    "A time of the source is missing or different in the target (5 p.m. = 17 Uhr is right; "
    "a 12-hour time left in the target is a hint).",
    "at 5 p.m. → um 15 Uhr", _time_flags,
)  # fmt: skip
DATE_MISMATCH = QaRule(
    "DATE_MISMATCH", "source", Severity.ERROR,
    "A date of the source is missing or different in the target (March 3 = 3. März).",
    "March 3 → 4. März", _date_flags,
)  # fmt: skip
URL_MISMATCH = QaRule(
    "URL_MISMATCH", "source", Severity.ERROR,
    "A URL of the source is missing or changed in the target.",
    "example.com/a → example.com/b", _url_flags,
)  # fmt: skip
EMAIL_MISMATCH = QaRule(
    "EMAIL_MISMATCH", "source", Severity.ERROR,
    "An e-mail address of the source is missing or changed in the target.",
    "info@example.com → info@beispiel.de", _email_flags,
)  # fmt: skip
PLACEHOLDER_MISMATCH = QaRule(
    "PLACEHOLDER_MISMATCH", "source", Severity.ERROR,
    "A software placeholder ({0}, {name}, %s, %(name)s, %1$s, ${var}, {{x}}) of the source is "
    "missing, changed or added in the target.",
    "Hello {name} → Hallo {Name}", _placeholder_flags,
)  # fmt: skip
TAG_MISMATCH = QaRule(
    "TAG_MISMATCH", "source", Severity.ERROR,
    "An inline tag of the source is missing or added in the target, or paired tags cross.",
    "<1>bold</1> → <1>fett", _tag_flags,
)  # fmt: skip

RULES = (
    NUMBER_MISMATCH,
    TIME_MISMATCH,
    DATE_MISMATCH,
    URL_MISMATCH,
    EMAIL_MISMATCH,
    PLACEHOLDER_MISMATCH,
    TAG_MISMATCH,
)
