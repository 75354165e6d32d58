"""Source-aware QA rules: each with cases it must flag and cases it must leave alone."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from review_app.bilingual.model import InlineTag, TagKind, placeholder
from review_app.checking.flag import Severity
from review_app.qa import QA_RULES, QaSettings, check_file, check_unit, consistency_groups
from review_app.qa.numbers import english_numbers, german_form, german_numbers


def rules(source: str, target: str, **kwargs) -> list[str]:
    return [flag.rule_id for flag in check_unit(source, target, **kwargs)]


def flags_of(rule_id: str, source: str, target: str, **kwargs):
    return [f for f in check_unit(source, target, **kwargs) if f.rule_id == rule_id]


def test_every_rule_has_an_upper_snake_id_and_a_description():
    ids = [rule.id for rule in QA_RULES]
    assert len(ids) == len(set(ids))
    for rule in QA_RULES:
        assert rule.id.isupper() and " " not in rule.id
        assert rule.category in ("source", "terminology", "consistency")
        assert rule.description and rule.example


# --- numbers -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("source", "target"),
    [
        ("It costs 1,000.5 dollars.", "Es kostet 1.000,5 Dollar."),
        ("It costs 1,000.5 dollars.", "Es kostet 1 000,5 Dollar."),
        ("2.5 million people came.", "2,5 Millionen Menschen kamen."),
        ("2.5 million people came.", "2.500.000 Menschen kamen."),
        ("The company lost $5bn.", "Das Unternehmen verlor 5 Mrd. $."),
        ("It was the 3rd time.", "Es war das 3. Mal."),
        ("The 1st and 22nd.", "Der 1. und der 22."),
        ("Two cats.", "2 Katzen."),
        ("2 cats.", "Zwei Katzen."),
        ("Only the third try.", "Erst der 3. Versuch."),
        ("I ran 100k meters.", "Ich lief 100.000 Meter."),
        ("Python 3.11.2 is out.", "Python 3.11.2 ist da."),
        ("In the 1990s.", "In den 1990er-Jahren."),
    ],
)
def test_numbers_in_german_form_are_not_flagged(source, target):
    assert flags_of("NUMBER_MISMATCH", source, target) == []


def test_a_different_number_is_an_error_with_the_source_number_in_german_form():
    [flag] = flags_of("NUMBER_MISMATCH", "It costs 1,500.5 euros.", "Es kostet 1.600,5 Euro.")
    assert flag.severity is Severity.ERROR
    assert "Es kostet 1.600,5 Euro."[flag.start : flag.end] == "1.600,5"
    assert flag.suggestions == ("1.500,5",)
    assert flag.checker == "qa" and flag.category == "source"


def test_a_missing_number_is_a_zero_width_warning_at_the_end():
    target = "Es kamen viele Menschen."
    [flag] = flags_of("NUMBER_MISMATCH", "Some 300 people came.", target)
    assert flag.start == flag.end == len(target)
    assert flag.severity is Severity.WARNING


def test_an_added_number_is_flagged_where_it_stands():
    target = "Es kamen 300 Menschen."
    [flag] = flags_of("NUMBER_MISMATCH", "Many people came.", target)
    assert target[flag.start : flag.end] == "300"


def test_an_english_thousands_comma_in_the_target_is_a_warning_with_the_german_form():
    [flag] = flags_of("NUMBER_MISMATCH", "It costs 1,000 euros.", "Es kostet 1,000 Euro.")
    assert flag.severity is Severity.WARNING
    assert flag.suggestions == ("1.000",)


def test_a_decimal_point_copied_is_only_a_hint():
    [flag] = flags_of("NUMBER_MISMATCH", "It grew 2.5 percent.", "Es wuchs um 2.5 Prozent.")
    assert flag.severity is Severity.HINT
    assert flag.suggestions == ("2,5",)


@settings(max_examples=200, deadline=None)
@given(st.decimals(min_value=0, max_value=10**9, places=2, allow_nan=False, allow_infinity=False))
def test_an_english_number_in_german_form_reads_back_to_the_same_value(value):
    english = f"{value:,}"
    [source] = english_numbers(f"about {english} units")
    [target] = german_numbers(f"etwa {german_form(source)} Einheiten")
    assert source.value == target.value == Decimal(english.replace(",", ""))


@settings(max_examples=150, deadline=None)
@given(st.text(max_size=80), st.text(max_size=80))
def test_every_flag_lies_inside_the_target(source, target):
    for flag in check_unit(source, target):
        assert 0 <= flag.start <= flag.end <= len(target)


# --- times and dates -----------------------------------------------------------------------


def test_five_pm_is_seventeen_hundred():
    assert flags_of("TIME_MISMATCH", "We meet at 5 p.m.", "Wir treffen uns um 17 Uhr.") == []
    assert flags_of("TIME_MISMATCH", "At 5:30pm.", "Um 17:30 Uhr.") == []
    assert flags_of("NUMBER_MISMATCH", "We meet at 5 p.m.", "Wir treffen uns um 17 Uhr.") == []


def test_a_different_time_is_an_error_with_the_right_time():
    [flag] = flags_of("TIME_MISMATCH", "We meet at 5 p.m.", "Wir treffen uns um 15 Uhr.")
    assert flag.severity is Severity.ERROR
    assert flag.suggestions == ("17 Uhr",)


def test_a_twelve_hour_time_left_in_the_target_is_a_hint():
    [flag] = flags_of("TIME_MISMATCH", "We meet at 5 p.m.", "Wir treffen uns um 5 p.m.")
    assert flag.severity is Severity.HINT
    assert flag.suggestions == ("17 Uhr",)


@pytest.mark.parametrize(
    ("source", "target"),
    [
        ("On March 3.", "Am 3. März."),
        ("On March 3, 2024.", "Am 3. März 2024."),
        ("On 3rd March 2024.", "Am 03.03.2024."),
        ("Since May 2020.", "Seit Mai 2020."),
        ("On 12/25/2023.", "Am 25.12.2023."),
    ],
)
def test_dates_in_german_form_are_not_flagged(source, target):
    assert flags_of("DATE_MISMATCH", source, target) == []
    assert flags_of("NUMBER_MISMATCH", source, target) == []


def test_a_different_date_is_an_error():
    [flag] = flags_of("DATE_MISMATCH", "On March 3.", "Am 4. März.")
    assert flag.severity is Severity.ERROR
    assert "Am 4. März."[flag.start : flag.end] == "4. März"
    assert flag.suggestions == ("3. März",)


# --- copied tokens -------------------------------------------------------------------------


def test_urls():
    assert (
        flags_of("URL_MISMATCH", "See https://example.com/a.", "Siehe https://example.com/a.") == []
    )
    assert flags_of("URL_MISMATCH", "See www.example.com.", "Siehe www.example.com.") == []
    [flag] = flags_of("URL_MISMATCH", "See https://example.com/a.", "Siehe https://example.com/b.")
    assert flag.suggestions == ("https://example.com/a",)
    assert flags_of("URL_MISMATCH", "See https://example.com/a.", "Siehe oben.")


def test_emails():
    assert flags_of("EMAIL_MISMATCH", "Write to info@example.com.", "An info@example.com.") == []
    assert flags_of("EMAIL_MISMATCH", "Write to info@example.com.", "An info@beispiel.de.")


@pytest.mark.parametrize(
    "placeholder_text", ["{0}", "{name}", "%s", "%d", "%(name)s", "%1$s", "${var}", "{{x}}"]
)
def test_placeholders(placeholder_text):
    source = f"Hello {placeholder_text}, welcome."
    assert flags_of("PLACEHOLDER_MISMATCH", source, f"Hallo {placeholder_text}, willkommen.") == []
    [flag] = flags_of("PLACEHOLDER_MISMATCH", source, "Hallo, willkommen.")
    assert flag.severity is Severity.ERROR


def test_german_percent_is_no_placeholder():
    assert flags_of("PLACEHOLDER_MISMATCH", "50% of them", "50 % der Leute, 100%ige") == []


def test_a_changed_placeholder_suggests_the_source_one():
    [flag] = flags_of("PLACEHOLDER_MISMATCH", "Hello {name}", "Hallo {Name}")
    assert flag.suggestions == ("{name}",)


def _tags() -> tuple[InlineTag, ...]:
    a, b, c, d = (placeholder(i) for i in range(4))
    return (
        InlineTag(a, TagKind.OPEN, "1", "<1>", "<g id='1'>"),
        InlineTag(b, TagKind.CLOSE, "1", "</1>", "</g>"),
        InlineTag(c, TagKind.OPEN, "2", "<2>", "<g id='2'>"),
        InlineTag(d, TagKind.CLOSE, "2", "</2>", "</g>"),
    )


def test_tags_present_in_any_order_that_keeps_pairs_are_fine():
    a, b, c, d = (placeholder(i) for i in range(4))
    source = f"{a}bold{b} and {c}italic{d}"
    assert flags_of("TAG_MISMATCH", source, f"{c}kursiv{d} und {a}fett{b}", tags=_tags()) == []


def test_a_missing_tag_and_an_extra_tag_are_errors():
    a, b, c, _ = (placeholder(i) for i in range(4))
    source = f"{a}bold{b} text"
    [missing] = flags_of("TAG_MISMATCH", source, f"{a}fett Text", tags=_tags())
    assert "</1>" in missing.message and missing.start == missing.end
    [extra] = flags_of("TAG_MISMATCH", source, f"{a}fett{b} {c}Text", tags=_tags())
    assert extra.end - extra.start == 1


def test_crossed_tags_are_an_error():
    a, b, c, d = (placeholder(i) for i in range(4))
    source = f"{a}one {c}two{d}{b}"
    found = flags_of("TAG_MISMATCH", source, f"{a}eins {c}zwei{b}{d}", tags=_tags())
    assert found and "cross" in found[0].message
    assert flags_of("TAG_MISMATCH", source, f"{b}eins {a}", tags=_tags())


# --- the target as a whole -----------------------------------------------------------------


def test_untranslated():
    assert "UNTRANSLATED" in rules("Click here to continue", "Click here to continue")
    assert "UNTRANSLATED" in rules("Click here", "click  here")
    assert "UNTRANSLATED" not in rules("Barack Obama", "Barack Obama")
    assert "UNTRANSLATED" not in rules("https://example.com", "https://example.com")
    assert "UNTRANSLATED" not in rules("Status", "Status")
    assert "UNTRANSLATED" not in rules("Click here", "Hier klicken")


def test_english_left_in_the_target():
    target = "Das ist gut. This sentence was left in English by the machine."
    [flag] = flags_of("ENGLISH_IN_TARGET", "x", target)
    assert target[flag.start : flag.end] == "This sentence was left in English by the machine."
    clause = "Wir haben, as you can clearly see here, gewonnen."
    assert flags_of("ENGLISH_IN_TARGET", "x", clause)


def test_german_with_english_names_and_titles_is_not_english():
    for target in (
        "Die Ausstellung „Memories of the Land and Water“ beginnt am Montag in der Galerie.",
        "Der Streaming-Deal mit Netflix und Amazon Prime wurde gestern unterzeichnet.",
        "Wir haben das Meeting auf nächste Woche verschoben, weil das Team krank ist.",
    ):
        assert flags_of("ENGLISH_IN_TARGET", "x", target) == []


def test_empty_target_is_an_error_and_silences_the_rest():
    assert rules("It costs 5 euros.", "") == ["EMPTY_TARGET"]
    assert rules("It costs 5 euros.", "  ") == ["EMPTY_TARGET"]
    assert rules("", "") == []


def test_length_ratio():
    source = "This is a sentence of quite reasonable length for the test."
    assert "LENGTH_RATIO" in rules(source, "Kurz.")
    assert "LENGTH_RATIO" in rules(source, "Ein Satz " * 20)
    assert "LENGTH_RATIO" not in rules(
        source, "Das ist ein Satz von recht vernünftiger Länge für den Test."
    )
    assert "LENGTH_RATIO" not in rules("Short one.", "Sehr viel länger als die Quelle.")
    narrow = QaSettings(min_length_ratio=1.0, max_length_ratio=1.05)
    assert "LENGTH_RATIO" in rules(
        "A test sentence of some length.", "Ein Testsatz einiger Länge, lang.", settings=narrow
    )


# --- marks ---------------------------------------------------------------------------------


def test_end_punctuation():
    [flag] = flags_of("END_PUNCTUATION", "Is it true?", "Ist es wahr.")
    assert flag.severity is Severity.WARNING and flag.suggestions == ("?",)
    [missing] = flags_of("END_PUNCTUATION", "It is true.", "Es ist wahr")
    assert missing.start == missing.end == len("Es ist wahr") and missing.suggestions == (".",)
    assert flags_of("END_PUNCTUATION", "Wait...", "Warte…") == []
    assert flags_of("END_PUNCTUATION", 'He said "yes."', "Er sagte „ja“.") == []
    assert flags_of("END_PUNCTUATION", "Title", "Titel") == []
    [hint] = flags_of("END_PUNCTUATION", "Title", "Titel.")
    assert hint.severity is Severity.HINT


def test_leading_and_trailing_spaces():
    assert flags_of("LEADING_TRAILING_SPACE", " Hello ", " Hallo ") == []
    [flag] = flags_of("LEADING_TRAILING_SPACE", " Hello", "Hallo")
    assert (flag.start, flag.end, flag.suggestions) == (0, 0, (" ",))
    [trailing] = flags_of("LEADING_TRAILING_SPACE", "Hello", "Hallo  ")
    assert (trailing.start, trailing.end) == (5, 7)


def test_brackets():
    assert flags_of("BRACKET_MISMATCH", "It (mostly) works.", "Es (meistens) geht.") == []
    [flag] = flags_of("BRACKET_MISMATCH", "It (mostly) works.", "Es (meistens geht.")
    assert flag.severity is Severity.WARNING
    dropped = flags_of("BRACKET_MISMATCH", "It (mostly) works.", "Es geht meistens.")
    assert dropped and all(f.severity is Severity.HINT for f in dropped)
    assert flags_of("BRACKET_MISMATCH", "Hello {0}", "Hallo {0}") == []


def test_quotes():
    assert flags_of("QUOTE_MISMATCH", 'He said "no".', "Er sagte „nein“.") == []
    assert flags_of("QUOTE_MISMATCH", 'He said "no".', "Er sagte »nein«.") == []
    assert flags_of("QUOTE_MISMATCH", "He said 'no'.", "Er sagte „nein“.") == []
    [flag] = flags_of("QUOTE_MISMATCH", 'He said "no".', "Er sagte „nein.")
    assert flag.severity is Severity.WARNING
    [hint] = flags_of("QUOTE_MISMATCH", '"No," he said.', "Er verneinte.")
    assert hint.severity is Severity.HINT


# --- settings and the file -----------------------------------------------------------------


def test_disabled_rules_do_not_run():
    quiet = QaSettings(disabled=frozenset({"EMPTY_TARGET"}))
    assert rules("Hello", "", settings=quiet) == []


def test_consistency_across_the_file():
    units = [
        ("Save", "Speichern"),
        ("Open", "Öffnen"),
        ("Save", "Sichern"),
        ("Close", "Schließen"),
        ("Shut", "Schließen"),
        ("Save", "Speichern"),
    ]
    flags = check_file(units)
    same_source = [f for f in flags[0] if f.rule_id == "SAME_SOURCE_DIFFERENT_TARGET"]
    assert len(same_source) == 1 and "units 3, 6" in same_source[0].message
    assert same_source[0].severity is Severity.HINT and same_source[0].category == "consistency"
    assert any(
        f.rule_id == "SAME_TARGET_DIFFERENT_SOURCE" and "unit 4" in f.message for f in flags[4]
    )
    assert all(f.rule_id != "SAME_SOURCE_DIFFERENT_TARGET" for f in flags[1])
    groups = consistency_groups(units)
    assert [(g.rule_id, g.units) for g in groups] == [
        ("SAME_SOURCE_DIFFERENT_TARGET", (0, 2, 5)),
        ("SAME_TARGET_DIFFERENT_SOURCE", (3, 4)),
    ]


def test_consistent_files_have_no_consistency_flags():
    units = [("Save", "Speichern"), ("Save", "Speichern"), ("Open", "Öffnen")]
    assert consistency_groups(units) == []
    assert check_file(units) == [[], [], []]


@pytest.mark.parametrize("odd", ["ſept 3", "OKt 3, 2020", "aprİl 4", "3. \u212aai 2020"])
def test_letters_that_only_case_fold_to_a_month_are_no_date_and_no_crash(odd: str) -> None:
    from review_app.qa.datetimes import english_dates, german_dates

    assert english_dates(odd) == [] or all(d.month for d in english_dates(odd))
    assert german_dates(odd) == [] or all(d.month for d in german_dates(odd))
    check_unit(odd, odd)


@settings(max_examples=300, deadline=None)
@given(
    st.text(st.characters(blacklist_categories=("Cs",)), max_size=60),
    st.text(st.characters(blacklist_categories=("Cs",)), max_size=60),
)
def test_any_text_is_checked_without_an_error_and_flags_stay_in_the_target(
    source: str, target: str
) -> None:
    for flag in check_unit(source, target):
        assert 0 <= flag.start <= flag.end <= len(target)


def test_a_clause_copied_word_for_word_from_the_source_is_english_left_in() -> None:
    source = "It was 18 bucks, but looking back, WELL worth it."
    target = "Es hat 18 Dollar gekostet, aber im Nachhinein WELL WORTH IT."
    flags = [f for f in check_unit(source, target) if f.rule_id == "ENGLISH_IN_TARGET"]
    assert [target[f.start : f.end] for f in flags] == ["WELL WORTH IT"]


@pytest.mark.parametrize(
    ("source", "target"),
    [
        # a title the source writes as one stays
        ("Play It's My Party now.", "Spiel jetzt It's My Party."),
        # a title the translator writes in title case stays
        ("Alexa play, it's my party.", 'Alexa, spiele "It\'s My Party".'),
        # two words are not a clause
        ("Thank you all.", "Danke, you all."),
    ],
)
def test_copied_titles_and_short_phrases_are_not_english_left_in(source: str, target: str) -> None:
    assert "ENGLISH_IN_TARGET" not in {f.rule_id for f in check_unit(source, target)}
