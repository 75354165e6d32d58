"""The QA stage's shortcuts find exactly what the plain regexes find: cheap tests before the
expensive patterns, patterns tried only where a match can start, words found once per target."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from review_app.qa import datetimes, names, numbers, patterns, rules_text

FRAGMENTS = [
    "the", "The", "a", "an", "and", "was", "Haus", "Straße", "über", "zwei", "dritten",
    "March", "MAY", "may", "Jan.", "Sept.", "ſept", "OK\u212at", "Mai", "März", "Mrz", "Jänner",
    "aprİl", "apr\u0131l", "market", "1", "3", "12", "31", "2024", "05", "3rd", "1,000",
    "1.000,5", "2.5", "3.11.2", "٣", "²", "1 000", "5 p.m.", "5 PM", "5pm", "5:30", "17 Uhr",
    "5 o'clock", "3/14/2024", "2024-03-14", "03.03.2024", "3. März 2024", "March 3, 2024",
    "http://example.com/a,b", "www.x.de", "WWW.X.DE", "a@b.com", "x@y.com'a", "@handle",
    "#tag", "$X", "<b>", "%s", "50 %", "{0}", "{{x}}", "${v}", "(", ")", "[", "{", "}", '"',
    "„", "“", "'", "’", "–", "-", ".", ",", ";", ":", "!", "?", "…", " ", " ", "  ", "\n", "_",
    "G7", "x-the", "e.g.",
]  # fmt: skip
texts = st.lists(st.sampled_from(FRAGMENTS), max_size=25).map("".join)

DIGIT_LED = [
    numbers.ENGLISH_NUMBER,
    numbers.GERMAN_NUMBER,
    datetimes.ENGLISH_CLOCK,
    *datetimes.ENGLISH_TIMES,
    *datetimes.GERMAN_TIMES,
]
SCANNED = [
    *zip(datetimes.ENGLISH_DATES, datetimes._ENGLISH_DATE_SCANS, strict=True),
    *zip(datetimes.GERMAN_DATES, datetimes._GERMAN_DATE_SCANS, strict=True),
    *zip(datetimes.ENGLISH_TIMES, datetimes._ENGLISH_TIME_SCANS, strict=True),
    *zip(datetimes.GERMAN_TIMES, datetimes._GERMAN_TIME_SCANS, strict=True),
    (datetimes.ENGLISH_CLOCK, datetimes._CLOCK_SCAN),
]


def found(matches) -> list[tuple[tuple[int, int], dict]]:
    return [(match.span(), match.groupdict()) for match in matches]


@settings(max_examples=300, deadline=None)
@given(texts)
def test_patterns_tried_where_a_match_can_start_find_what_finditer_finds(text):
    for pattern in DIGIT_LED:
        assert found(patterns.digit_led_matches(pattern, text)) == found(pattern.finditer(text))
    for pattern, scan in SCANNED:
        assert found(datetimes._found(pattern, scan, text)) == found(pattern.finditer(text))


@settings(max_examples=300, deadline=None)
@given(texts)
def test_cheap_tests_never_miss_a_url_address_or_placeholder(text):
    assert patterns.may_hold_url(text) or not patterns.URL.search(text)
    assert patterns.may_hold_placeholder(text) or not patterns.PLACEHOLDER.search(text)
    assert "@" in text or not patterns.EMAIL.search(text)
    assert datetimes.DIGIT.search(text) or not numbers.GERMAN_NUMBER.search(text)
    plain = rules_text._HANDLES.sub("", rules_text._NOT_WORDS.sub("", text)) == text
    assert rules_text._may_blank(text) or plain


@settings(max_examples=300, deadline=None)
@given(texts)
def test_a_runs_words_are_the_blanked_targets_words_between_its_ends(text):
    blanked = rules_text._blanked(text)
    tokens = [(m.start(), m.group()) for m in rules_text._WORD.finditer(blanked)]
    for start, end in rules_text._runs(blanked):
        assert rules_text._blanked(text[start:end]) == blanked[start:end]
        inside = [word for at, word in tokens if start <= at < end]
        assert rules_text._words(text[start:end]) == inside


@settings(max_examples=300, deadline=None)
@given(texts, texts)
def test_unchanged_compares_the_normalised_texts(source, target):
    for other in (target, source.upper(), " ".join(source.split()) + " "):
        same = rules_text._normalised(source) == rules_text._normalised(other)
        assert rules_text._unchanged(source, other) == same


def test_an_ordinal_stem_loses_one_adjective_ending():
    ending = re.compile(r"(?:e|er|en|em|es)?$")
    for word in ("erste", "ersten", "dritter", "zweitem", "erstes", "erst", "e", "ee", "es", ""):
        assert numbers._ordinal_stem(word) == ending.sub("", word)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="ab's’-.&+_ 1\n", max_size=14))
def test_source_words_are_every_token_its_possessive_stem_and_its_parts(text):
    plain: set[str] = set()
    for token in names._TOKEN.findall(text):
        plain.add(token)
        plain.add(re.sub(r"['’]s?$", "", token))
        plain.update(part for part in re.split(r"[-.'’]", token) if part)
    assert names.source_words(text) == plain
