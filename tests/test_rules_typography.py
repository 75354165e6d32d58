"""The typography and punctuation rules: what each flags (exact span, first suggestion), what
it leaves alone, and that every fix is self-contained (the property tests at the end)."""

from __future__ import annotations

import itertools

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from review_app.checking.flag import Severity
from review_app.checking.offline import OfflineChecker
from review_app.checking.offline.engine import Engine, EngineConfig
from review_app.checking.offline.registry import Resources, RuleContext, all_rules
from review_app.checking.offline.rules_typography import DOCUMENT_WIDE, RULES, german_number
from review_app.checking.offline.speller import find_dictionary
from review_app.checking.offline.tokens import tokenize
from review_app.checking.wordlists import WordLists
from review_app.config import OfflineSettings

BY_ID = {rule.id: rule for rule in RULES}


@pytest.fixture(scope="module")
def resources() -> Resources:
    return Engine(EngineConfig(find_dictionary(None))).resources


def hits(resources: Resources, text: str, rule_id: str) -> list[tuple[str, str]]:
    """(flagged text, first suggestion) of every flag of one rule."""
    context = RuleContext(text, tokenize(text), resources)
    return [(flag.flagged(text), flag.suggestions[0]) for flag in BY_ID[rule_id].check(context)]


def severities(resources: Resources, text: str, rule_id: str) -> list[Severity]:
    context = RuleContext(text, tokenize(text), resources)
    return [flag.severity for flag in BY_ID[rule_id].check(context)]


# --- quotation marks ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('Er sagte: "Ich komme morgen."', [('"', "„"), ('"', "“")]),
        ('Der Begriff "Schwarzes Loch" wurde geprägt.', [('"', "„"), ('"', "“")]),
        ('Sie sagen: "Ich habe ein bisschen Nektar.', [('"', "„")]),  # the quotation goes on
        ('Willst du kommen und ihn holen?"', [('"', "“")]),  # … and ends in the next segment
        ("Er nannte es 'Unterhaltung nur für mich' und ging.", [("'", "‚"), ("'", "‘")]),
        ("„Er sagte 'Hallo' und ging.“", [("'", "‚"), ("'", "‘")]),  # inner quotation
        ('Ein Monitor mit 27" und der Titel "Top".', [('"', "„"), ('"', "“")]),
        ('„Das ist schön", sagte sie.', [('"', "“")]),  # a German opening mark, straight closer
    ],
)
def test_straight_quotes_flagged(resources: Resources, text: str, expected: list) -> None:
    assert hits(resources, text, "STRAIGHT_QUOTES") == expected


def test_straight_quotes_each_mark_is_its_own_flag(resources: Resources) -> None:
    text = 'Der Begriff "Schwarzes Loch" wurde geprägt.'
    context = RuleContext(text, tokenize(text), resources)
    flags = BY_ID["STRAIGHT_QUOTES"].check(context)
    assert [(flag.start, flag.end) for flag in flags] == [(12, 13), (27, 28)]
    assert {flag.severity for flag in flags} == {Severity.WARNING}


@pytest.mark.parametrize(
    "text",
    [
        "Er sagte: „Ich komme morgen.“",
        "Sie las »Die Blechtrommel« in einer Woche.",
        "Er sagte: „Sie nannte es ‚Zufall‘, aber ich glaube das nicht.“",
        'Der Bildschirm misst 27" in der Diagonale.',  # an inch sign
        "Wie geht's dir? Das ist Peters Buch und Hans' Auto.",  # apostrophes
        "Wir tanzten Rock 'n' Roll bis in die Nacht.",
        "Gib mir 'ne Minute, dann sind wir 'rum.",
        "Siehe https://example.org/it's/'x'/ für Details.",  # inside a URL
        'Die Suche https://example.org/?q="test" liefert nichts.',  # a query in code style
        'Der Schalter heißt key="value" in der Datei.',  # code-like token
    ],
)
def test_straight_quotes_not_flagged(resources: Resources, text: str) -> None:
    assert hits(resources, text, "STRAIGHT_QUOTES") == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Der beste Teil ist “The Stack”, sagt er.", [("“", "„"), ("”", "“")]),
        ("„Aber natürlich kann er fahren.”", [("”", "“")]),
        ("Er sprach vom ‘Fortschritt’ der Partei.", [("‘", "‚"), ("’", "‘")]),
    ],
)
def test_english_quotes_flagged(resources: Resources, text: str, expected: list) -> None:
    assert hits(resources, text, "ENGLISH_QUOTES") == expected


@pytest.mark.parametrize(
    "text",
    [
        "Er sagte: „Ich komme morgen.“ Dann ging er.",
        "„Das ist es“, sagte sie, „was ich meine.“",
        "Wie geht’s? Das ist Maria’s Problem nicht.",  # typographic apostrophes
        "Er nannte es ‚Zufall‘.",
    ],
)
def test_english_quotes_not_flagged(resources: Resources, text: str) -> None:
    assert hits(resources, text, "ENGLISH_QUOTES") == []


# --- dashes ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Das ist von meiner Gruppe - eine weniger glamouröse Simulation.", [("-", "–")]),
        ("Und wenn Sie sehen können - es ist schwach - aber dort.", [("-", "–"), ("-", "–")]),
        ("Es ist ziemlich schwach -, aber man sieht es.", [("-", "–")]),
        ("Wir sind erstaunt -", [("-", "–")]),
    ],
)
def test_hyphen_as_dash_flagged(resources: Resources, text: str, expected: list) -> None:
    assert hits(resources, text, "HYPHEN_AS_DASH") == expected


@pytest.mark.parametrize(
    "text",
    [
        "Schreiben Sie eine E-Mail an die Ein- und Ausgangsstelle.",
        "- Punkt eins der Liste",
        "Es hat -5 Grad und morgen 10–12 Grad.",
        "Die Temperatur fällt bei - 5 Grad auf den Boden.",
        "Rechne 5 - 3 und dann 2010 - 2020.",
        "Das ist ein Gedankenstrich – richtig gesetzt – im Satz.",
        "Zutaten: - Mehl - Zucker",
    ],
)
def test_hyphen_as_dash_not_flagged(resources: Resources, text: str) -> None:
    assert hits(resources, text, "HYPHEN_AS_DASH") == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Es kommt näher -- vor 40.000 Jahren lebten wir in Höhlen.", [("--", "–")]),
        ("Es kommt näher--vor langer Zeit.", [("--", " – ")]),
        ("also negative 120 --, dreht sich", [("--", "–")]),
    ],
)
def test_double_hyphen_flagged(resources: Resources, text: str, expected: list) -> None:
    assert hits(resources, text, "DOUBLE_HYPHEN_DASH") == expected


@pytest.mark.parametrize(
    "text", ["Starten Sie das Programm mit --help oder --verbose.", "<!-- Kommentar -->", "a---b"]
)
def test_double_hyphen_not_flagged(resources: Resources, text: str) -> None:
    assert hits(resources, text, "DOUBLE_HYPHEN_DASH") == []


def test_number_range(resources: Resources) -> None:
    assert hits(resources, "Ich sah die Staffeln 1-3 im Urlaub.", "NUMBER_RANGE_DASH") == [
        ("-", "–")
    ]
    for text in ("COVID-19 und 2020-03-01", "Die Nummer 030-1234567", "Seite 12-10"):
        assert hits(resources, text, "NUMBER_RANGE_DASH") == []
    assert not BY_ID["NUMBER_RANGE_DASH"].default_on


# --- dates, numbers, currency, time ---------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Am 10.Februar kam er an.", [("10.Februar", "10. Februar")]),
        ("Das war am 3.Mai, nicht im Juni.", [("3.Mai", "3. Mai")]),
        ("Er wurde im 2.Weltkrieg verwundet.", [("2.Weltkrieg", "2. Weltkrieg")]),
    ],
)
def test_ordinal_space_flagged(resources: Resources, text: str, expected: list) -> None:
    assert hits(resources, text, "ORDINAL_SPACE") == expected


@pytest.mark.parametrize(
    "text",
    [
        "Am 10. Februar 2024 und am 10.02.2024 war es kalt.",
        "Der 1. FC Köln spielt am 1.Mai-Wochenende nicht.",
        "Siehe www.example.de/10.Februar für Details.",
        "Version v2.Beta läuft.",
    ],
)
def test_ordinal_space_not_flagged(resources: Resources, text: str) -> None:
    assert hits(resources, text, "ORDINAL_SPACE") == []


def test_missing_space_after_full_stop_is_covered_by_the_existing_rule(
    tmp_path_factory: pytest.TempPathFactory,
) -> None:
    """ "Soccer.Ich" (issue 9) is MISSING_SPACE_AFTER_PUNCTUATION of rules.py."""
    path = tmp_path_factory.mktemp("words") / "dictionary.txt"
    checker = OfflineChecker(
        OfflineSettings(), WordLists(personal_path=path, personal=set(), project=set())
    )
    try:
        text = "Er spielt Soccer.Ich spiele Fußball."
        checker.prepare([text])
        [flags] = checker.check([text], suggest=False)
    finally:
        checker.close()
    found = [f for f in flags if f.rule_id == "MISSING_SPACE_AFTER_PUNCTUATION"]
    assert [(f.flagged(text), f.suggestions[0]) for f in found] == [(".", ". ")]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Das Gehalt betrug $96,000 im Jahr.", [("$96,000", "96.000 $")]),
        ("Das Gehalt betrug $96.000 im Jahr.", [("$96.000", "96.000 $")]),
        ("Es kostet €5 am Tag.", [("€5", "5 €")]),
        ("Es kostet (US$3.5 Millionen) pro Tag.", [("US$3.5 Millionen", "3,5 Millionen US-$")]),
        ("Los geht's, $3,74, auf geht's.", [("$3,74", "3,74 $")]),
    ],
)
def test_currency_flagged(resources: Resources, text: str, expected: list) -> None:
    assert hits(resources, text, "CURRENCY_FORMAT") == expected


def test_currency_second_suggestion_and_spaced_euro(resources: Resources) -> None:
    text = "Das Gehalt betrug $96,000 im Jahr."
    context = RuleContext(text, tokenize(text), resources)
    [flag] = BY_ID["CURRENCY_FORMAT"].check(context)
    assert flag.suggestions == ("96.000 $", "96.000 Dollar")
    assert severities(resources, "Preis: € 12,50 pro Stück.", "CURRENCY_FORMAT") == [Severity.HINT]


@pytest.mark.parametrize(
    "text",
    [
        "Es kostet 1.000 Euro und 3,50 €.",
        "Als Teil einer £6 Millionen-Expansion.",
        "Die Variable $HOME und $big sind gesetzt.",
    ],
)
def test_currency_not_flagged(resources: Resources, text: str) -> None:
    assert hits(resources, text, "CURRENCY_FORMAT") == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Die Wirtschaft wuchs um 3.5 Prozent.", [("3.5", "3,5")]),
        ("Es gibt 2.5 Millionen Teile.", [("2.5", "2,5")]),
        ("Er lief 2.8 km jeden Tag.", [("2.8", "2,8")]),
        ("Es sind 1.45 Millionen Tonnen.", [("1.45", "1,45")]),
    ],
)
def test_english_decimal_point_flagged(resources: Resources, text: str, expected: list) -> None:
    assert hits(resources, text, "ENGLISH_DECIMAL_POINT") == expected


@pytest.mark.parametrize(
    "text",
    [
        "Es kostet 1.000 Euro, das sind 3,5 Prozent.",
        "Am 3.5. waren es 12 Grad.",
        "Python 3.11 ist schneller.",
        "Das Treffen ist um 13.30 Uhr.",
    ],
)
def test_english_decimal_point_not_flagged(resources: Resources, text: str) -> None:
    assert hits(resources, text, "ENGLISH_DECIMAL_POINT") == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Es waren 1,000,000 Menschen.", [("1,000,000", "1.000.000")]),
        ("Er verdiente 96,000 Dollar.", [("96,000", "96.000")]),
        ("Ein Vulkan, 81,000 Fuß hoch.", [("81,000", "81.000")]),
        ("Es kostet 1,234.50 Euro.", [("1,234.50", "1.234,50")]),
    ],
)
def test_english_thousands_flagged(resources: Resources, text: str, expected: list) -> None:
    assert hits(resources, text, "ENGLISH_THOUSANDS_COMMA") == expected


@pytest.mark.parametrize(
    "text", ["Es sind 3,5 Prozent und 0,375 Liter.", "Die Strecke misst 1,250 km.", "1,5 Euro"]
)
def test_english_thousands_not_flagged(resources: Resources, text: str) -> None:
    assert hits(resources, text, "ENGLISH_THOUSANDS_COMMA") == []


def test_german_number() -> None:
    assert german_number("96,000", currency=True) == "96.000"
    assert german_number("96,000") is None  # may be a German decimal
    assert german_number("1,000,000") == "1.000.000"
    assert german_number("2.5") == "2,5"
    assert german_number("1.000") is None
    assert german_number("3,5") is None


def test_symbol_space(resources: Resources) -> None:
    assert hits(resources, "Mehr als 95% des Weins.", "SYMBOL_SPACE") == [("95%", "95 %")]
    assert hits(resources, "Es kostet 5€.", "SYMBOL_SPACE") == [("5€", "5 €")]
    assert severities(resources, "Mehr als 95% des Weins.", "SYMBOL_SPACE") == [Severity.HINT]
    for text in ("Mehr als 95 % des Weins.", "Ein 50%-Anteil.", "Siehe x.de/a%20b bitte."):
        assert hits(resources, text, "SYMBOL_SPACE") == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Wir treffen uns um 1:30 p.m. am Bahnhof.", [("1:30 p.m.", "13:30 Uhr")]),
        ("14. Januar, 10:23 PM, 2543.", [("10:23 PM", "22:23 Uhr")]),
        ("Wir beginnen um 5am.", [("5am", "5 Uhr")]),
        ("Um 12 a.m. ist Mitternacht.", [("12 a.m.", "0 Uhr")]),
    ],
)
def test_english_time_flagged(resources: Resources, text: str, expected: list) -> None:
    assert hits(resources, text, "ENGLISH_TIME") == expected


@pytest.mark.parametrize(
    "text", ["Er kam um 5 am Morgen.", "Das Treffen ist um 13:30 Uhr.", "Er wurde 3 am Ende."]
)
def test_english_time_not_flagged(resources: Resources, text: str) -> None:
    assert hits(resources, text, "ENGLISH_TIME") == []


def test_time_without_uhr(resources: Resources) -> None:
    assert hits(resources, "Wir treffen uns um 13.30 am Bahnhof.", "TIME_WITHOUT_UHR") == [
        ("13.30", "13:30 Uhr")
    ]
    for text in (
        "Wir treffen uns um 13.30 Uhr.",
        "Geöffnet von 18.00 bis 20.00 Uhr.",
        "Die Aktie stieg um 2.30 Prozent.",
        "Wir treffen uns um 13:30 Uhr.",
    ):
        assert hits(resources, text, "TIME_WITHOUT_UHR") == []


# --- ellipsis, apostrophes, abbreviations ---------------------------------------------------


def test_ellipsis(resources: Resources) -> None:
    assert hits(resources, "Na ja... mal sehen.", "ELLIPSIS") == [("...", "…")]
    assert severities(resources, "Na ja... mal sehen.", "ELLIPSIS") == [Severity.HINT]
    assert hits(resources, "Na ja … mal sehen.... oder?", "ELLIPSIS") == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Wie geht´s dir heute?", [("´", "’")]),
        ("Da gibt`s nichts zu lachen.", [("`", "’")]),
        ("Hab´ ich doch gesagt.", [("´", "’")]),
        ("Komm schon, los geht‘s!", [("‘", "’")]),
    ],
)
def test_apostrophe_form_flagged(resources: Resources, text: str, expected: list) -> None:
    assert hits(resources, text, "APOSTROPHE_FORM") == expected


def test_apostrophe_form_not_flagged(resources: Resources) -> None:
    for text in (
        "Wie geht's dir?",
        "Rufe `git status` und `ls` auf.",
        "Café und Señor",
        "Er sagte: „Sie nannte es ‚Zufall‘.“",
    ):
        assert hits(resources, text, "APOSTROPHE_FORM") == []


def test_genitive_apostrophe(resources: Resources) -> None:
    assert hits(resources, "Das ist Peter's Buch.", "GENITIVE_APOSTROPHE") == [
        ("Peter's", "Peters")
    ]
    assert severities(resources, "Das ist Peter's Buch.", "GENITIVE_APOSTROPHE") == [
        Severity.WARNING
    ]
    # Andrea's shows the base form (Andreas is a name too): allowed by the rules, a hint.
    assert severities(resources, "Das ist Andrea's Laden.", "GENITIVE_APOSTROPHE") == [
        Severity.HINT
    ]
    for text in (
        "Ich sah Grey's Anatomy gestern.",
        "Wir waren bei McDonald's Filiale.",
        "Das ist Peters Buch und Max' Auto.",
        "Peter's kommt morgen.",
    ):
        assert hits(resources, text, "GENITIVE_APOSTROPHE") == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Alle Gräser, dh alle Getreide.", [("dh", "d. h.")]),
        ("Hier ist zB das Vertrauen.", [("zB", "z. B.")]),
        ("Hier ist zB. das Vertrauen.", [("zB.", "z. B.")]),
        ("Äpfel, Birnen usw sind Obst.", [("usw", "usw.")]),
    ],
)
def test_abbreviation_dots_flagged(resources: Resources, text: str, expected: list) -> None:
    assert hits(resources, text, "ABBREVIATION_DOTS") == expected


def test_abbreviation_dots_not_flagged(resources: Resources) -> None:
    for text in ("Hier ist z. B. das Vertrauen, d. h. alles.", "Äpfel, Birnen usw.", "DH und ZB"):
        assert hits(resources, text, "ABBREVIATION_DOTS") == []


# --- commas ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Ich weiß dass es stimmt.", [(" dass", ", dass")]),
        ("Unsere Datenquelle bestimmt ob es belastbare Daten sind.", [(" ob", ", ob")]),
        ("Sie haben einen langen Rüssel entwickelt um an den Nektar zu kommen.", [(" um", ", um")]),
        ("Am Rüssel sehen Sie Pollen die sie zu weiteren Pflanzen tragen.", [(" die", ", die")]),
        ("Das ist alles was wir haben.", [(" was", ", was")]),
        ("Die letzten 15 Minuten bevor sie zusammenfallen.", [(" bevor", ", bevor")]),
    ],
)
def test_missing_comma_flagged(resources: Resources, text: str, expected: list) -> None:
    assert hits(resources, text, "MISSING_COMMA_SUBCLAUSE") == expected


@pytest.mark.parametrize(
    "text",
    [
        "Ich weiß, dass es stimmt, und auch wenn es regnet, kommen wir.",
        "Er tut so als ob er schliefe.",
        "Er kam, ohne dass wir es merkten, und ging, sodass keiner fragte.",
        "Eine Erde um sie herum in eine Umlaufbahn zu bringen.",
        "Wenn es regnet, bleiben wir zu Hause.",
        "Ich gebe der Frau die Blume.",
        "Er versuchte die Ketten um seine Arme zu lösen.",
        "Er fragte, woran sie denke, und ging um 5 Uhr.",
        "Einstein erkannte, dass wenn der Raum leer wäre, nichts geschähe.",
    ],
)
def test_missing_comma_not_flagged(resources: Resources, text: str) -> None:
    assert hits(resources, text, "MISSING_COMMA_SUBCLAUSE") == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Glücklicherweise, sind wir in sicherer Entfernung.", [(",", "")]),
        ("In diesem Fall, wackeln sie beide ziemlich stark.", [(",", "")]),
        ("Am Ende ihres Lebens, umkreisen sie sich gegenseitig.", [(",", "")]),
    ],
)
def test_comma_after_fronted_flagged(resources: Resources, text: str, expected: list) -> None:
    assert hits(resources, text, "COMMA_AFTER_FRONTED_PHRASE") == expected


@pytest.mark.parametrize(
    "text",
    [
        "Nun, gehen wir nach Hause.",
        "Der Ton, den du hörst, ist hell.",
        "Wenn er kommt, gehen wir.",
        "Bequem, hoffe ich.",
        "Das Gefühl ignorierend, zwang ich mich zu gehen.",
        "Leutnant, sind Sie da drin?",
        "Ich weiß, woran Sie denken.",
        "Um das zu tun, brauchen wir Zeit.",
        "Glücklicherweise sind wir in sicherer Entfernung.",
    ],
)
def test_comma_after_fronted_not_flagged(resources: Resources, text: str) -> None:
    assert hits(resources, text, "COMMA_AFTER_FRONTED_PHRASE") == []


# --- clean German: no rule of this module says anything -------------------------------------

CLEAN = [
    "Er sagte: „Das ist die Lösung“, und sie nickte.",
    "Sie las »Die Blechtrommel« in 10–12 Tagen.",
    "Schreiben Sie eine E-Mail, z. B. an info@example.de, bis 13:30 Uhr.",
    "Bei -5 Grad kostet der Eintritt 1.000 Euro – das sind 3,5 Prozent mehr.",
    "Am 10. Februar um 13.30 Uhr besuchen wir https://example.org/a-b--c?x=1.",
    "Das ist Peters Buch, d. h. seins; wie geht’s dir?",
    "Der 1. FC Köln gewann 2:1, und 95 % der Fans jubelten.",
    "Ich glaube, dass er kommt, weil er es versprochen hat.",
]


@pytest.mark.parametrize("text", CLEAN)
def test_clean_german_not_flagged(resources: Resources, text: str) -> None:
    context = RuleContext(text, tokenize(text), resources)
    found = [
        (flag.rule_id, flag.flagged(text))
        for rule in RULES
        if rule.default_on
        for flag in rule.check(context)
    ]
    assert found == []


# --- the registry and the document-wide fixes -----------------------------------------------


def test_rules_are_registered_and_described() -> None:
    registered = {rule.id for rule in all_rules()}
    assert {rule.id for rule in RULES} <= registered
    assert {rule.id for rule in RULES} >= DOCUMENT_WIDE
    for rule in RULES:
        assert rule.id.isupper() and rule.description and "→" in rule.example
        assert rule.category in {"TYPOGRAPHY", "PUNCTUATION"}


# --- properties: every fix is self-contained ------------------------------------------------

_PIECES = [
    "Wort", "Buch", "Peter's", "geht´s", "gibt`s", "geht‘s", '27"', "E-Mail", "Februar", "10",
    "3.5", "1,000", "96,000", "1.000", "2", "13.30", "Prozent", "Millionen", "Dollar", "Fuß",
    "Uhr", "um", "p.m.", "PM", "am", "Andrea's", "Laden", "dass", "ob", "die", "ich", "Pollen",
    "alles", "was", "zB", "dh", "usw",
    '"', "'", "“", "”", "‘", "’", "„", "‚", "»", "-", "--", "...", ".", ",", ":", "%", "$", "€",
    "(", ")", "5", "Glücklicherweise", "sind", "wir", "x.de", "https://a.de/b",
]  # fmt: skip
_TEXTS = st.lists(
    st.tuples(st.sampled_from(_PIECES), st.sampled_from(["", " ", " ", "  "])),
    min_size=1,
    max_size=14,
).map(lambda parts: "".join(piece + space for piece, space in parts).strip())
_PROPERTY = settings(
    max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)


def _flags(resources: Resources, rule_id: str, text: str) -> list:
    return BY_ID[rule_id].check(RuleContext(text, tokenize(text), resources))


@_PROPERTY
@given(text=_TEXTS)
@example(text='$ $27"')  # a sign before a spaced sign: fixing one made the other match
def test_each_fix_is_self_contained(resources: Resources, text: str) -> None:
    """Applying any suggestion of a flag changes nothing outside its span, is not flagged
    again, and leaves every other flag of the rule as it was (shifted)."""
    for rule in RULES:
        flags = _flags(resources, rule.id, text)
        spans = [(flag.start, flag.end) for flag in flags]
        assert spans == sorted(spans)
        assert all(a[1] <= b[0] for a, b in itertools.pairwise(spans)), rule.id
        for index, flag in enumerate(flags):
            assert flag.suggestions, rule.id
            for suggestion in flag.suggestions:
                fixed = text[: flag.start] + suggestion + text[flag.end :]
                assert fixed[: flag.start] == text[: flag.start]
                assert fixed[flag.start + len(suggestion) :] == text[flag.end :]
                delta = len(suggestion) - (flag.end - flag.start)
                expected = [
                    (f.start + (delta if f.start >= flag.end else 0), f.suggestions[0])
                    for i, f in enumerate(flags)
                    if i != index
                ]
                after = [(f.start, f.suggestions[0]) for f in _flags(resources, rule.id, fixed)]
                assert after == expected, (rule.id, text, fixed)


@_PROPERTY
@given(text=_TEXTS)
def test_document_wide_fixes_apply_all_at_once(resources: Resources, text: str) -> None:
    """Every flag of a document-wide rule applied at once: the rule then finds nothing."""
    for rule_id in DOCUMENT_WIDE:
        fixed = text
        for flag in reversed(_flags(resources, rule_id, text)):
            fixed = fixed[: flag.start] + flag.suggestions[0] + fixed[flag.end :]
        assert _flags(resources, rule_id, fixed) == [], (rule_id, text, fixed)
