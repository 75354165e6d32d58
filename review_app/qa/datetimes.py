"""Times and dates in English and German text, read into comparable values.

English writes "5 p.m.", "5:30pm", "March 3, 2024", "3rd March", "3/14/2024"; German "17 Uhr",
"17.30 Uhr", "3. März 2024", "03.03.2024". A time is a set of possible minutes of the day
(a bare "5:30" may be morning or afternoon); a date is day, month and year, each possibly
unknown, and two dates match when the fields both give agree.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from review_app.qa.patterns import digit_led_matches, matches_from

ENGLISH_MONTHS = {
    name: number
    for number, names in enumerate(
        (
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sep", "sept"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ),
        start=1,
    )
    for name in names
}
GERMAN_MONTHS = {
    name: number
    for number, names in enumerate(
        (
            ("januar", "jänner", "jan"),
            ("februar", "feber", "feb"),
            ("märz", "mär", "mrz"),
            ("april", "apr"),
            ("mai",),
            ("juni", "jun"),
            ("juli", "jul"),
            ("august", "aug"),
            ("september", "sep", "sept"),
            ("oktober", "okt"),
            ("november", "nov"),
            ("dezember", "dez"),
        ),
        start=1,
    )
    for name in names
}
GERMAN_MONTH_NAMES = (
    "Januar", "Februar", "März", "April", "Mai", "Juni",
    "Juli", "August", "September", "Oktober", "November", "Dezember",
)  # fmt: skip


def _alternatives(names: dict[str, int], full: set[str]) -> str:
    """Month names for a pattern, longest first; an abbreviation may take a dot (Jan.)."""
    return "|".join(
        name if name in full else rf"{name}\.?" for name in sorted(names, key=len, reverse=True)
    )


_FULL_NAMES = {
    "january", "february", "march", "april", "may", "june", "july", "august", "september",
    "october", "november", "december", "januar", "jänner", "februar", "feber", "märz", "mai",
    "juni", "juli", "oktober", "dezember",
}  # fmt: skip
_EN_MONTH = rf"(?P<month>{_alternatives(ENGLISH_MONTHS, _FULL_NAMES)})"
_DE_MONTH = rf"(?P<month>{_alternatives(GERMAN_MONTHS, _FULL_NAMES)})"
_YEAR = r"(?P<year>(?:1[5-9]|20)\d\d)"
_DAY_EN = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"

ENGLISH_DATES = [
    re.compile(rf"\b{_EN_MONTH}\s+{_DAY_EN}\b(?:,?\s+{_YEAR}\b)?", re.IGNORECASE),
    re.compile(rf"\b{_DAY_EN}\s+(?:of\s+)?{_EN_MONTH}(?:,?\s+{_YEAR}\b)?", re.IGNORECASE),
    re.compile(rf"\b{_EN_MONTH}\s+{_YEAR}\b", re.IGNORECASE),
    re.compile(r"\b(?P<a>[0-3]?\d)/(?P<b>[0-3]?\d)/(?P<year>\d{2,4})\b"),
    re.compile(r"\b(?P<year>\d{4})-(?P<month>[01]\d)-(?P<day>[0-3]\d)\b"),
]
GERMAN_DATES = [
    re.compile(rf"\b(?P<day>[0-3]?\d)\.\s*{_DE_MONTH}(?:\s+{_YEAR}\b)?", re.IGNORECASE),
    re.compile(rf"\b{_DE_MONTH}\s+{_YEAR}\b", re.IGNORECASE),
    re.compile(r"\b(?P<day>[0-3]?\d)\.(?P<month>[01]?\d)\.(?P<year>\d{2,4})?(?!\d)"),
    re.compile(r"\b(?P<year>\d{4})-(?P<month>[01]\d)-(?P<day>[0-3]\d)\b"),
]

ENGLISH_TIMES = [
    re.compile(r"\b(?P<h>[01]?\d)(?:[:.](?P<m>[0-5]\d))?\s*(?P<ampm>[ap])\.?\s?m\b\.?", re.I),
    re.compile(r"\b(?P<h>[01]?\d)\s+o['’]clock\b", re.IGNORECASE),
    re.compile(r"\b(?P<h>[0-2]?\d):(?P<m>[0-5]\d)\b"),
]
GERMAN_TIMES = [
    re.compile(
        r"\b(?P<h>[0-2]?\d)(?:[:.](?P<m>[0-5]\d))?\s*Uhr\b"
        r"(?:\s+(?P<part>nachmittags|abends|nachts|morgens|früh|vormittags|mittags))?"
    ),
    re.compile(r"\b(?P<h>[0-2]?\d):(?P<m>[0-5]\d)\b"),
]
_AFTERNOON = ("nachmittags", "abends", "nachts")
# A German text still in the English 12-hour form: 5 p.m., 5:30 PM (German "am" is a word).
ENGLISH_CLOCK = re.compile(
    r"\b(?P<h>[01]?\d)(?:[:.](?P<m>[0-5]\d))?\s?(?:(?P<ampm>[ap])\.m\.|(?P<up>[AP])M\b|pm\b)"
)

# How to find each pattern's matches cheaply (the regexes above try every position): a test
# the text must pass for the pattern to match in it (`Scan.hint`, with the pattern's own case
# folding), and where a match can start (`Scan.lead`): a pattern that begins with `\b` and a
# digit where a run of digits starts, one that begins with `\b` and a month name where such a
# name may start (a word starting with one of these letters and one of these pairs: jan,
# sept, märz, mrz).
# Every date and time has a digit.
Hint = re.Pattern[str] | str | None
DIGIT = re.compile(r"\d")
_EN_MONTH_LEAD = re.compile(
    r"[jfmasond](?<!\w.)(?=an|eb|ar|pr|ay|un|ul|ug|ep|ct|ov|ec)", re.IGNORECASE
)
_DE_MONTH_LEAD = re.compile(
    r"[jfmasond](?<!\w.)(?=an|än|eb|är|rz|pr|ai|un|ul|ug|ep|kt|ov|ez)", re.IGNORECASE
)
DIGITS_LEAD = None


@dataclass(frozen=True)
class Scan:
    hint: Hint
    lead: re.Pattern[str] | None = DIGITS_LEAD  # a match starts where `lead` matches


_ENGLISH_DATE_SCANS = (
    Scan(None, _EN_MONTH_LEAD),
    Scan(_EN_MONTH_LEAD),
    Scan(None, _EN_MONTH_LEAD),
    Scan("/"),
    Scan("-"),
)
_GERMAN_DATE_SCANS = (Scan(_DE_MONTH_LEAD), Scan(None, _DE_MONTH_LEAD), Scan("."), Scan("-"))
_ENGLISH_TIME_SCANS = (Scan(None), Scan(re.compile(r"o['’]c", re.IGNORECASE)), Scan(":"))
_GERMAN_TIME_SCANS = (Scan("Uhr"), Scan(":"))
_CLOCK_SCAN = Scan(re.compile(r"[mM]"))


@lru_cache(maxsize=64)  # the patterns of one text share their hints and leads
def _starts(hint: re.Pattern[str], text: str) -> tuple[int, ...]:
    return tuple(match.start() for match in hint.finditer(text))


def may_match(hint: Hint, text: str) -> bool:
    """Whether `text` passes the hint (None: there is no cheap test)."""
    if hint is None:
        return True
    if isinstance(hint, str):
        return hint in text
    return bool(_starts(hint, text))


def _found(pattern: re.Pattern[str], scan: Scan, text: str) -> list[re.Match[str]]:
    """`list(pattern.finditer(text))`, found the cheap way `scan` says."""
    if not may_match(scan.hint, text):
        return []
    if scan.lead is DIGITS_LEAD:
        return digit_led_matches(pattern, text)
    return matches_from(pattern, text, _starts(scan.lead, text))


def english_clocks(text: str) -> list[re.Match[str]]:
    """The 12-hour times (5 p.m., 5:30 PM) left in a German text."""
    if not DIGIT.search(text):
        return []
    return _found(ENGLISH_CLOCK, _CLOCK_SCAN, text)


@dataclass(frozen=True)
class Time:
    start: int
    end: int
    minutes: frozenset[int]  # the minutes of the day it may mean
    english_form: bool = False  # "5 p.m." or "o'clock" (not German)


@dataclass(frozen=True)
class Date:
    start: int
    end: int
    day: int | None
    month: int | None
    year: int | None
    alternative: tuple[int | None, int | None] | None = None  # (day, month) read the other way

    def matches(self, other: Date) -> bool:
        """Every field both dates give agrees (in one of the readings of either)."""
        return any(
            _agree(day, other_day) and _agree(month, other_month) and _agree_year(self, other)
            for day, month in self.readings()
            for other_day, other_month in other.readings()
        )

    def readings(self) -> list[tuple[int | None, int | None]]:
        found = [(self.day, self.month)]
        if self.alternative is not None:
            found.append(self.alternative)
        return found


def _agree(one: int | None, other: int | None) -> bool:
    return one is None or other is None or one == other


def _agree_year(one: Date, other: Date) -> bool:
    if one.year is None or other.year is None:
        return True
    return one.year % 100 == other.year % 100


def german_date(date: Date) -> str:
    """The date in German form: "3. März 2024", "März 2024", "3. März"."""
    parts = []
    if date.day is not None and date.month is not None:
        parts.append(f"{date.day}. {GERMAN_MONTH_NAMES[date.month - 1]}")
    elif date.month is not None:
        parts.append(GERMAN_MONTH_NAMES[date.month - 1])
    elif date.day is not None:
        parts.append(f"{date.day}.")
    if date.year is not None:
        parts.append(str(date.year))
    return " ".join(parts)


def german_time(minutes: int) -> str:
    hours, rest = divmod(minutes, 60)
    return f"{hours} Uhr" if rest == 0 else f"{hours}:{rest:02d} Uhr"


def _valid(day: int | None, month: int | None) -> bool:
    return (day is None or 1 <= day <= 31) and (month is None or 1 <= month <= 12)


def _year(text: str | None) -> int | None:
    return int(text) if text else None


def _date_from(match: re.Match[str], months: dict[str, int]) -> Date | None:
    groups = match.groupdict()
    year = _year(groups.get("year"))
    if "a" in groups:  # 3/14/2024: month first in American English, day first in British
        first, second = int(groups["a"]), int(groups["b"])
        readings = [(d, m) for d, m in ((second, first), (first, second)) if _valid(d, m)]
        if not readings:
            return None
        other = readings[1] if len(readings) > 1 else None
        return Date(match.start(), match.end(), *readings[0], year, other)
    month_text = groups["month"]
    month_text = month_text.rstrip(".")
    # Case-insensitive matching also takes "ſept" or "OKt" (Kelvin sign), which no month
    # name spells: not a date.
    month = int(month_text) if month_text.isdigit() else months.get(month_text.lower())
    if month is None:
        return None
    day = int(groups["day"]) if groups.get("day") else None
    if not _valid(day, month):
        return None
    return Date(match.start(), match.end(), day, month, year)


def _dates(
    text: str, patterns: list[re.Pattern[str]], scans: tuple[Scan, ...], months: dict[str, int]
) -> list[Date]:
    found: list[Date] = []
    if not DIGIT.search(text):
        return found
    for pattern, scan in zip(patterns, scans, strict=True):
        for match in _found(pattern, scan, text):
            if any(match.start() < d.end and d.start < match.end() for d in found):
                continue  # an earlier, fuller pattern already read it
            date = _date_from(match, months)
            if date is not None:
                found.append(date)
    return sorted(found, key=lambda d: d.start)


def english_dates(text: str) -> list[Date]:
    """Dates in English text. "May" alone is a verb, so a month needs a day or year beside it."""
    return _dates(text, ENGLISH_DATES, _ENGLISH_DATE_SCANS, ENGLISH_MONTHS)


def german_dates(text: str) -> list[Date]:
    return _dates(text, GERMAN_DATES, _GERMAN_DATE_SCANS, GERMAN_MONTHS)


def _times(
    text: str, patterns: list[re.Pattern[str]], scans: tuple[Scan, ...], german: bool
) -> list[Time]:
    found: list[Time] = []
    if not DIGIT.search(text):
        return found
    for index, (pattern, scan) in enumerate(zip(patterns, scans, strict=True)):
        for match in _found(pattern, scan, text):
            if any(match.start() < t.end and t.start < match.end() for t in found):
                continue
            time = _time_from(match, german, english_form=not german and index < 2)
            if time is not None:
                found.append(time)
    return sorted(found, key=lambda t: t.start)


def _time_from(match: re.Match[str], german: bool, english_form: bool) -> Time | None:
    groups = match.groupdict()
    hours, minutes = int(groups["h"]), int(groups.get("m") or 0)
    ampm = (groups.get("ampm") or "").lower()
    if hours > 24 or (ampm and not 1 <= hours <= 12):
        return None
    if ampm:
        values = {(hours % 12 + (12 if ampm == "p" else 0)) * 60 + minutes}
    elif german and groups.get("part") in _AFTERNOON and hours < 12:
        values = {(hours + 12) * 60 + minutes}
    elif german and "Uhr" in match.group():
        values = {hours % 24 * 60 + minutes}
    else:  # 5:30 or 5 o'clock: morning or afternoon
        values = {hours % 24 * 60 + minutes, (hours + 12) % 24 * 60 + minutes}
    return Time(match.start(), match.end(), frozenset(values), english_form)


def english_times(text: str) -> list[Time]:
    return _times(text, ENGLISH_TIMES, _ENGLISH_TIME_SCANS, german=False)


def german_times(text: str) -> list[Time]:
    return _times(text, GERMAN_TIMES, _GERMAN_TIME_SCANS, german=True)
