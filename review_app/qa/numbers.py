"""Numbers in English and German text, read into values that can be compared.

English groups thousands with commas and writes decimals with a point (1,000.5); German groups
with points or spaces and writes decimals with a comma (1.000,5 or 1 000,5). "2.5 million" and
"2,5 Millionen" are both 2,500,000; "$5bn" and "5 Mrd. $" both 5,000,000,000. Digits glued to
letters (G7, COVID-19, 1990s, 3rd) are read too, since a copy keeps them on both sides.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from review_app.qa.patterns import Span, digit_led_matches, overlaps

_SPACE = "[ \u00a0\u202f]"
ENGLISH_NUMBER = re.compile(
    rf"(?<![\d])(?:\d{{1,3}}(?:,\d{{3}})+(?:\.\d+)?|\d{{1,3}}(?:{_SPACE}\d{{3}})+(?!\d)"
    r"|\d+(?:\.\d+){2,}(?!\d)|\d+(?:\.\d+)?)"
)
GERMAN_NUMBER = re.compile(
    r"(?<![\d])(?:\d{1,3}(?:,\d{3})+\.\d+|\d{1,3}(?:,\d{3}){2,}(?![.,]?\d)|"
    rf"\d{{1,3}}(?:\.\d{{3}})+(?:,\d+)?(?!\.?\d)|\d{{1,3}}(?:{_SPACE}\d{{3}})+"
    r"(?:,\d+)?(?!\d)|\d+(?:\.\d+){2,}(?!\d)|\d+\.\d+(?!\.?\d)|\d+(?:,\d+)?)"
)
CURRENCY = "$£€¥"
ENGLISH_SCALES = {
    "thousand": 3, "million": 6, "millions": 6, "mn": 6, "billion": 9, "billions": 9,
    "bn": 9, "trillion": 12, "tn": 12,
}  # fmt: skip
# Glued to the number: 100k (any number), $5m and $2b (money only: 5m is five metres).
ENGLISH_SHORT_SCALES = {"k": 3, "m": 6, "b": 9}
_ANY_NUMBER_SCALES = frozenset({"k"})
GERMAN_SCALES = {
    "tausend": 3, "tsd": 3, "million": 6, "millionen": 6, "mio": 6, "milliarde": 9,
    "milliarden": 9, "mrd": 9, "mia": 9, "billion": 12, "billionen": 12, "bio": 12,
}  # fmt: skip
_SCALE_AFTER = re.compile(r"[ \u00a0]?([A-Za-zÄÖÜäöü]+)\.?")

ENGLISH_WORDS = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
    "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60,
    "seventy": 70, "eighty": 80, "ninety": 90, "hundred": 100, "thousand": 1000,
    "million": 1_000_000, "billion": 1_000_000_000, "dozen": 12, "half": 0.5,
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7,
    "eighth": 8, "ninth": 9, "tenth": 10, "twelfth": 12, "twentieth": 20, "hundredth": 100,
    "once": 1, "twice": 2, "single": 1, "double": 2, "triple": 3, "both": 2, "pair": 2,
    "couple": 2, "percent": 100,
}  # fmt: skip
GERMAN_WORDS = {
    "null": 0, "eins": 1, "ein": 1, "eine": 1, "einen": 1, "einem": 1, "einer": 1, "eines": 1,
    "zwei": 2, "drei": 3, "vier": 4, "fünf": 5, "sechs": 6, "sieben": 7, "acht": 8,
    "neun": 9, "zehn": 10, "elf": 11, "zwölf": 12, "dreizehn": 13, "vierzehn": 14,
    "fünfzehn": 15, "sechzehn": 16, "siebzehn": 17, "achtzehn": 18, "neunzehn": 19,
    "zwanzig": 20, "dreißig": 30, "vierzig": 40, "fünfzig": 50, "sechzig": 60,
    "siebzig": 70, "achtzig": 80, "neunzig": 90, "hundert": 100, "tausend": 1000,
    "million": 1_000_000, "milliarde": 1_000_000_000, "dutzend": 12, "halb": 0.5,
    "halbe": 0.5, "hälfte": 0.5, "einmal": 1, "zweimal": 2, "dreimal": 3, "doppelt": 2,
    "beide": 2, "beiden": 2, "paar": 2, "zwanziger": 20, "prozent": 100,
}  # fmt: skip
# Ordinal stems, read with any adjective ending: erste, zweiten, dritter.
GERMAN_ORDINALS = {
    "erst": 1, "zweit": 2, "dritt": 3, "viert": 4, "fünft": 5, "sechst": 6, "siebt": 7,
    "siebent": 7, "acht": 8, "neunt": 9, "zehnt": 10, "elft": 11, "zwölft": 12,
    "zwanzigst": 20, "hundertst": 100,
}  # fmt: skip
_WORD = re.compile(r"[^\W\d_]+")
_ORDINAL_ENDINGS = ("er", "en", "em", "es")  # or "e": what `_ordinal_stem` takes off
_ENGLISH_GROUPING = re.compile(rf",|{_SPACE}")
_GERMAN_GROUPING = re.compile(rf"\.|{_SPACE}")
_GERMAN_THOUSANDS = re.compile(r"\d{1,3}(?:\.\d{3})+(?:,\d+)?")
_PLAIN_THOUSANDS = re.compile(r"\d{1,3}(?:\.\d{3})+")
_POINT_DECIMAL = re.compile(r"\d+\.\d+")
_ENGLISH_THOUSANDS = re.compile(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?")


@dataclass(frozen=True)
class Number:
    """A number in a text: its span, its value (scale words applied) and the value without
    them, and for a German text written the English way, the value read the English way."""

    start: int
    end: int
    text: str
    value: Decimal | None  # None: not a valid number in the text's language (German "3.5")
    mantissa: Decimal | None
    english_value: Decimal | None = None  # the value read with English separators


def _decimal(text: str) -> Decimal | None:
    try:
        return Decimal(text)
    except InvalidOperation:
        return None


def _scale(text: str, end: int, scales: dict[str, int], short: bool) -> tuple[int, int]:
    """The power of ten a scale word after the number gives, and where the word ends."""
    match = _SCALE_AFTER.match(text, end)
    if match is None:
        return 0, end
    word = match.group(1).lower()
    if word in scales:
        return scales[word], match.end()
    glued = match.start(1) == end and word in ENGLISH_SHORT_SCALES
    if glued and (short or word in _ANY_NUMBER_SCALES) and scales is ENGLISH_SCALES:
        return ENGLISH_SHORT_SCALES[word], match.end(1)
    return 0, end


def _scaled(value: Decimal | None, power: int) -> Decimal | None:
    return None if value is None else value.scaleb(power)


def english_numbers(text: str, skip: Iterable[Span] = ()) -> list[Number]:
    """The numbers of an English text, outside the spans `skip`."""
    skipped = list(skip)
    found = []
    for match in digit_led_matches(ENGLISH_NUMBER, text):
        if overlaps(match.start(), match.end(), skipped):
            continue
        raw = match.group()
        mantissa = _decimal(_ENGLISH_GROUPING.sub("", raw))
        after_currency = match.start() > 0 and text[match.start() - 1] in CURRENCY
        power, _ = _scale(text, match.end(), ENGLISH_SCALES, after_currency)
        found.append(Number(match.start(), match.end(), raw, _scaled(mantissa, power), mantissa))
    return found


def _german_reading(raw: str) -> Decimal | None:
    if raw.count(",") > 1 or ("," in raw and "." in raw.split(",", 1)[1]):
        return None  # 1,000,000 or 1,000.5: English separators
    if raw.count(".") > 1 and not _GERMAN_THOUSANDS.fullmatch(raw):
        return None  # 3.11.2: a version or an address, compared as it is written
    if _POINT_DECIMAL.fullmatch(raw) and not _PLAIN_THOUSANDS.fullmatch(raw):
        return None  # 3.5: a decimal point, which German does not use
    return _decimal(_GERMAN_GROUPING.sub("", raw).replace(",", "."))


def _english_reading(raw: str) -> Decimal | None:
    if ("." not in raw and "," not in raw) or raw.count(".") > 1:
        return None
    if "," in raw and not _ENGLISH_THOUSANDS.fullmatch(raw):
        return None  # a German decimal comma, not an English thousands separator
    return _decimal(raw.replace(",", ""))


def german_numbers(text: str, skip: Iterable[Span] = ()) -> list[Number]:
    """The numbers of a German text, outside the spans `skip`; a number that reads better the
    English way (1,000 or 3.5) keeps that reading too, to be pointed out."""
    skipped = list(skip)
    found = []
    for match in digit_led_matches(GERMAN_NUMBER, text):
        if overlaps(match.start(), match.end(), skipped):
            continue
        raw = match.group()
        mantissa = _german_reading(raw)
        power, _ = _scale(text, match.end(), GERMAN_SCALES, False)
        english = _english_reading(raw)
        found.append(
            Number(
                match.start(),
                match.end(),
                raw,
                _scaled(mantissa, power),
                mantissa,
                _scaled(english, power) if english != mantissa else None,
            )
        )
    return found


_ENGLISH_WORD_VALUES = {word: Decimal(str(value)) for word, value in ENGLISH_WORDS.items()}
_GERMAN_WORD_VALUES = {word: Decimal(str(value)) for word, value in GERMAN_WORDS.items()}


def english_word_values(text: str) -> set[Decimal]:
    """Values written as words in English text: "two", "third", "twice"."""
    values = _ENGLISH_WORD_VALUES
    found = (word.lower() for word in _WORD.findall(text))
    return {values[word] for word in found if word in values}


def _ordinal_stem(word: str) -> str:
    """The word without one adjective ending (e, er, en, em, es), if it has one."""
    if word.endswith(_ORDINAL_ENDINGS):
        return word[:-2]
    return word[:-1] if word.endswith("e") else word


def german_word_values(text: str) -> set[Decimal]:
    """Values written as words in German text: "zwei", "dritten", "Hälfte"."""
    values = set()
    for word in (w.lower() for w in _WORD.findall(text)):
        value = _GERMAN_WORD_VALUES.get(word)
        if value is not None:
            values.add(value)
            continue
        stem = _ordinal_stem(word)
        if stem in GERMAN_ORDINALS and word != stem:
            values.add(Decimal(GERMAN_ORDINALS[stem]))
    return values


def german_form(number: Number) -> str:
    """An English number's text in German form: 1,000.5 → 1.000,5; 2.5 → 2,5."""
    return number.text.translate(str.maketrans({",": ".", ".": ","}))
