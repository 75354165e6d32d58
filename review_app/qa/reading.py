"""One reading of a source (English) or target (German) text: its URLs, addresses,
placeholders, times, dates and numbers, each found once and outside the ones before it
(a URL's digits are no number, "5 p.m." is a time and not the number 5)."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache

from review_app.qa.datetimes import (
    DIGIT,
    Date,
    Time,
    english_clocks,
    english_dates,
    english_times,
    german_dates,
    german_times,
)
from review_app.qa.numbers import Number, english_numbers, german_numbers
from review_app.qa.patterns import Span, Token, emails, overlaps, placeholders, spans_of, urls


@dataclass(frozen=True)
class Reading:
    urls: tuple[Token, ...]
    emails: tuple[Token, ...]
    placeholders: tuple[Token, ...]
    times: tuple[Time, ...]
    dates: tuple[Date, ...]
    numbers: tuple[Number, ...]

    def date_and_time_values(self) -> set[Decimal]:
        """The numbers inside dates and times (day, month, year, hour), which a translation
        may keep as a bare number ("on March 3" → "am 3.")."""
        values: set[Decimal] = set()
        for date in self.dates:
            values.update(Decimal(v) for v in (date.day, date.month, date.year) if v is not None)
        for time in self.times:
            for minutes in time.minutes:
                values.update((Decimal(minutes // 60), Decimal(minutes % 60)))
        return values


def _outside(found: list, taken: list[Span]) -> list:
    return [item for item in found if not overlaps(item.start, item.end, taken)]


def _read(text: str, english: bool) -> Reading:
    found_urls = urls(text)
    taken = spans_of(found_urls)
    found_emails = _outside(emails(text), taken)
    taken += spans_of(found_emails)
    found_placeholders = placeholders(text, taken)
    taken += spans_of(found_placeholders)
    if not DIGIT.search(text):  # every time, date and number has a digit
        return Reading(
            tuple(found_urls), tuple(found_emails), tuple(found_placeholders), (), (), ()
        )
    times = _outside(english_times(text) if english else german_times(text), taken)
    taken += [(t.start, t.end) for t in times]
    if not english:  # 5 p.m. left in German: TIME_MISMATCH's, not a number
        taken += [m.span() for m in english_clocks(text)]
    dates = _outside(english_dates(text) if english else german_dates(text), taken)
    taken += [(d.start, d.end) for d in dates]
    numbers = english_numbers(text, taken) if english else german_numbers(text, taken)
    return Reading(
        tuple(found_urls),
        tuple(found_emails),
        tuple(found_placeholders),
        tuple(times),
        tuple(dates),
        tuple(numbers),
    )


@lru_cache(maxsize=256)
def read_source(text: str) -> Reading:
    """The reading of an English source text (cached: every rule asks for it)."""
    return _read(text, english=True)


@lru_cache(maxsize=256)
def read_target(text: str) -> Reading:
    """The reading of a German target text (cached)."""
    return _read(text, english=False)
