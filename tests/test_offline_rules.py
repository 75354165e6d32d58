"""Each style/grammar rule of the offline checker: what it flags and what it leaves alone."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from review_app.checking.flag import Severity
from review_app.checking.offline import OfflineChecker
from review_app.checking.wordlists import WordLists
from review_app.config import OfflineSettings


@pytest.fixture(scope="module")
def checker(tmp_path_factory: pytest.TempPathFactory) -> Iterator[OfflineChecker]:
    path = tmp_path_factory.mktemp("words") / "dictionary.txt"
    checker = OfflineChecker(
        OfflineSettings(), WordLists(personal_path=path, personal=set(), project=set())
    )
    yield checker
    checker.close()


def rule_hits(
    checker: OfflineChecker, text: str, rule_id: str
) -> list[tuple[str, tuple[str, ...]]]:
    checker.prepare([text])
    [flags] = checker.check([text], suggest=False)
    return [(flag.flagged(text), flag.suggestions) for flag in flags if flag.rule_id == rule_id]


@pytest.mark.parametrize(
    ("text", "flagged"),
    [
        ("Am Sonntag ziehen die die Gewitter ab.", "die die"),
        ("Die die Gewitter ziehen ab.", "Die die"),
        ("Er hat das das Buch gegeben.", "das das"),
        ("Wir sind sehr sehr froh.", "sehr sehr"),
    ],
)
def test_doubled_word_flagged(checker: OfflineChecker, text: str, flagged: str) -> None:
    hits = rule_hits(checker, text, "DOUBLED_WORD")
    assert hits == [(flagged, (flagged.split()[0],))]


@pytest.mark.parametrize(
    "text",
    [
        "Die Frau, die die Zeitung liest, ist hier.",  # relative pronoun + article
        "Die Ressource, auf die die FAA verweist, ist gut.",  # preposition + relative clause
        "Er sagte das, das andere nicht.",  # a comma between
        "Beim Kochen kochen wir Nudeln.",  # noun and verb
        "Sie fragten sich, ob sie sie sehen.",  # subject and object
    ],
)
def test_doubled_word_not_flagged(checker: OfflineChecker, text: str) -> None:
    assert rule_hits(checker, text, "DOUBLED_WORD") == []


@pytest.mark.parametrize(
    ("text", "flagged", "fix"),
    [
        ("Es bleibt trocken , nur im Süden regnet es.", " ,", ","),
        ("Was ist das ?", " ?", "?"),
        ("Er kam ; sie ging.", " ;", ";"),
        ("Das Ende .", " .", "."),
    ],
)
def test_space_before_punctuation(
    checker: OfflineChecker, text: str, flagged: str, fix: str
) -> None:
    assert rule_hits(checker, text, "SPACE_BEFORE_PUNCTUATION") == [(flagged, (fix,))]


@pytest.mark.parametrize(
    "text",
    [
        "Er sagte ... und ging.",  # ellipsis
        "Das war lustig :)",  # emoticon
        "Das war knapp ;-)",
        "Der Wert ist .5 Punkte höher.",  # a number
        "Die Datei heißt test .txt oder so.",
    ],
)
def test_space_before_punctuation_not_flagged(checker: OfflineChecker, text: str) -> None:
    assert rule_hits(checker, text, "SPACE_BEFORE_PUNCTUATION") == []


@pytest.mark.parametrize(
    ("text", "flagged"),
    [
        ("Es regnet,aber nicht lange.", ","),
        ("Er kam,sah und siegte.", ","),
        ("„Ja“,sagte er.", ","),
    ],
)
def test_missing_space_after_punctuation(checker: OfflineChecker, text: str, flagged: str) -> None:
    assert rule_hits(checker, text, "MISSING_SPACE_AFTER_PUNCTUATION") == [
        (flagged, (flagged + " ",))
    ]


@pytest.mark.parametrize(
    "text",
    [
        "Der Wert stieg um 3,5 Prozent auf 1.000 Euro.",
        "Das gilt z.B. für Kinder, d.h. für alle unter 14.",
        "Siehe https://example.org/a,b.html und www.example.com/x.Y für Details.",
        "Er nutzt Node.js und ASP.NET täglich.",
    ],
)
def test_missing_space_not_flagged(checker: OfflineChecker, text: str) -> None:
    assert rule_hits(checker, text, "MISSING_SPACE_AFTER_PUNCTUATION") == []


@pytest.mark.parametrize(
    "text", ["Schreiben Sie an info@example.de,bitte.", "Die Seite example.com,ist neu."]
)
def test_missing_space_after_address(checker: OfflineChecker, text: str) -> None:
    """The comma after an address or domain is flagged, nothing inside it."""
    assert rule_hits(checker, text, "MISSING_SPACE_AFTER_PUNCTUATION") == [(",", (", ",))]


def test_double_space(checker: OfflineChecker) -> None:
    assert rule_hits(checker, "Das ist  gut.", "DOUBLE_SPACE") == [("  ", (" ",))]
    assert rule_hits(checker, "Das ist gut.", "DOUBLE_SPACE") == []


@pytest.mark.parametrize(
    ("text", "flagged"),
    [("ab Montag setzt sich Hochdruck durch.", "ab"), ("die Tomaten sprießen schon.", "die")],
)
def test_lowercase_sentence_start(checker: OfflineChecker, text: str, flagged: str) -> None:
    fixed = flagged[0].upper() + flagged[1:]
    assert rule_hits(checker, text, "LOWERCASE_SENTENCE_START") == [(flagged, (fixed,))]


@pytest.mark.parametrize(
    "text",
    [
        "zum Inhalt",  # a navigation line: no final full stop
        "zum Inhalt springen",
        "3 Tote bei Unfall auf der A7.",  # starts with a digit
        "„es ist vorbei“, sagte sie.",  # starts with a quote
        "iPhone-Verkäufe steigen deutlich.",  # a brand written in lower case
        "...und dann kam der Regen.",  # continues a sentence
        "https://example.org ist die Seite.",
        "Ab Montag wird es wärmer.",
    ],
)
def test_lowercase_sentence_start_not_flagged(checker: OfflineChecker, text: str) -> None:
    assert rule_hits(checker, text, "LOWERCASE_SENTENCE_START") == []


def test_html_entity(checker: OfflineChecker) -> None:
    text = "&quot;Wir plädieren daher&quot; für mehr &amp; bessere Regeln."
    hits = rule_hits(checker, text, "HTML_ENTITY")
    assert hits == [("&quot;", ('"',)), ("&quot;", ('"',)), ("&amp;", ("&",))]
    assert rule_hits(checker, text, "MISSING_SPACE_AFTER_PUNCTUATION") == []


@pytest.mark.parametrize(
    ("text", "flagged", "fix"),
    [
        ("Autofahrer sollten auf der Strasse bleiben.", "Strasse", "Straße"),
        ("Er sagte, daß es regnet.", "daß", "dass"),
        ("Die Grüsse kamen an.", "Grüsse", "Grüße"),
    ],
)
def test_ss_eszett(checker: OfflineChecker, text: str, flagged: str, fix: str) -> None:
    assert rule_hits(checker, text, "SS_ESZETT") == [(flagged, (fix,))]


def test_ss_eszett_leaves_valid_words(checker: OfflineChecker) -> None:
    text = "Er wusste, dass die Straße nass ist, und aß Nüsse."
    assert rule_hits(checker, text, "SS_ESZETT") == []


def test_swiss_german_writes_ss(tmp_path) -> None:
    words = WordLists(personal_path=tmp_path / "d.txt", personal=set(), project=set())
    checker = OfflineChecker(OfflineSettings(language="de-CH"), words)
    try:
        assert rule_hits(checker, "Er wohnt an der Strasse.", "SS_ESZETT") == []
    finally:
        checker.close()


@pytest.mark.parametrize(
    ("text", "flagged", "fix", "severity"),
    [
        ("Trotzdessen erhielt er Applaus.", "Trotzdessen", "Trotzdem", Severity.ERROR),
        ("Das ist kein Standart.", "Standart", "Standard", Severity.ERROR),
        ("Das macht Sinn.", "macht Sinn", "ergibt Sinn", Severity.HINT),
        ("Das spiegelt sich wieder.", None, None, None),  # separable verb: fine
    ],
)
def test_confusions(checker: OfflineChecker, text: str, flagged, fix, severity) -> None:
    checker.prepare([text])
    [flags] = checker.check([text], suggest=False)
    hits = [flag for flag in flags if flag.rule_id == "CONFUSION"]
    if flagged is None:
        assert hits == []
        return
    assert [(flag.flagged(text), flag.suggestions[0], flag.severity) for flag in hits] == [
        (flagged, fix, severity)
    ]


def test_disabled_rules_and_categories(tmp_path) -> None:
    words = WordLists(personal_path=tmp_path / "d.txt", personal=set(), project=set())
    settings = OfflineSettings(
        disabled_rules=("DOUBLED_WORD",), disabled_categories=("TYPOGRAPHY",)
    )
    checker = OfflineChecker(settings, words)
    try:
        text = "Wir  gehen die die Straße entlang , lachelte er."
        [flags] = checker.check([text], suggest=False)
        rules = {flag.rule_id for flag in flags}
        assert rules == {"GERMAN_SPELLING"}
    finally:
        checker.close()


@pytest.mark.parametrize(
    ("text", "hits"),
    [
        ("Das ist so . . . ?", []),  # a spaced run of marks: not one space per mark
        ("Er sagte . . . nichts.", []),
        ("Wie geht es ?", ["?"]),
        ("Wort , Wort.", [","]),
    ],
)
def test_space_before_punctuation_leaves_spaced_runs(checker, text: str, hits) -> None:
    found = rule_hits(checker, text, "SPACE_BEFORE_PUNCTUATION")
    assert [flagged.strip() for flagged, _ in found] == hits


@pytest.mark.parametrize(
    ("text", "doubled"),
    [
        ("Hier sehen wir Ylang Ylang, den Bestandteil vieler Parfums.", 0),  # a name
        ("Sie wohnt in Walla Walla.", 0),
        ("Ich Ich bin da.", 1),
        ("Er kam mit mit dem Bus.", 1),
    ],
)
def test_doubled_names_unknown_to_the_dictionary_are_left(checker, text: str, doubled) -> None:
    assert len(rule_hits(checker, text, "DOUBLED_WORD")) == doubled
