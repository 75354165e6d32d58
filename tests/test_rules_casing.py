"""The capitalisation rules (rules_casing): what each flags, with span and first suggestion,
and the clean German it must leave alone."""

from __future__ import annotations

from pathlib import Path

import pytest

from review_app.checking.flag import Severity
from review_app.checking.offline.engine import Engine, EngineConfig
from review_app.checking.offline.names import DocumentStats
from review_app.checking.offline.registry import RuleContext, all_rules
from review_app.checking.offline.rules_casing import RULES
from review_app.checking.offline.speller import find_dictionary
from review_app.checking.offline.tokens import tokenize
from review_app.checking.wordlists import WordLists

RULE_BY_ID = {rule.id: rule for rule in RULES}


@pytest.fixture(scope="module")
def engine() -> Engine:
    return Engine(EngineConfig(find_dictionary(None)))


def hits(engine: Engine, text: str, rule_id: str) -> list[tuple[str, str, Severity]]:
    """(flagged text, first suggestion, severity) of one rule on one sentence."""
    context = RuleContext(text, tokenize(text), engine.resources)
    check = RULE_BY_ID[rule_id].check
    assert check is not None
    return [
        (flag.flagged(text), flag.suggestions[0], flag.severity)
        for flag in check(context)
        if flag.rule_id == rule_id
    ]


def all_hits(engine: Engine, text: str) -> list[tuple[str, str]]:
    found = []
    for rule in RULES:
        if rule.default_on and rule.check is not None:
            context = RuleContext(text, tokenize(text), engine.resources)
            found.extend((rule.id, flag.flagged(text)) for flag in rule.check(context))
    return found


def test_rules_are_registered() -> None:
    ids = {rule.id for rule in all_rules()}
    assert {"CAPITAL_AFTER_COMMA", "LOWERCASE_NOMINALISATION", "CAPITALISED_ADJECTIVE"} <= ids
    assert "SIE_FORMAL" in ids
    assert not RULE_BY_ID["SIE_FORMAL"].default_on
    for rule in RULES:
        assert rule.category == "CASING" and "→" in rule.example


# --- CAPITAL_AFTER_COMMA --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "flagged", "first"),
    [
        ("Keine Blume wurde bei diesem Schuss beschädigt; Es war nur befestigt.", "Es", "es"),
        ("Prigoschin, Einem Millionär, gehört das Unternehmen.", "Einem", "einem"),
        ("Es ist direkt eingebettet; Es gibt keine externen Anweisungen.", "Es", "es"),
        ("So etwas wie das; Also eine Abfolge von Winkeln.", "Also", "also"),
        ("Ich kam, sah und siegte; Dann ging ich nach Hause.", "Dann", "dann"),
        ("Er wartete lange, Aber niemand kam.", "Aber", "aber"),
        ("Wir blieben zu Hause, Weil es regnete.", "Weil", "weil"),
    ],
)
def test_capital_after_comma_flagged(engine: Engine, text: str, flagged: str, first: str) -> None:
    assert hits(engine, text, "CAPITAL_AFTER_COMMA") == [(flagged, first, Severity.WARNING)]


def test_capital_after_comma_span(engine: Engine) -> None:
    text = "Es war kalt; Es schneite."
    context = RuleContext(text, tokenize(text), engine.resources)
    [flag] = RULE_BY_ID["CAPITAL_AFTER_COMMA"].check(context)  # type: ignore[misc]
    assert (flag.start, flag.end) == (13, 15)


@pytest.mark.parametrize(
    "text",
    [
        "Er sagte, Sie kommen morgen.",  # formal address
        "Sehr geehrte Damen und Herren, Ihre Anfrage ist eingegangen.",
        "Es ist schön, Sie zu sehen.",
        "Filme wie Titanic, Der Pate und Casablanca sind bekannt.",  # a title
        "Er las „Die Zeit“, „Der Spiegel“ und andere Zeitungen.",  # quoted titles
        "Sie wohnt in Bonn, Berlin und Hamburg.",  # names
        "Achtung: Die Straße ist gesperrt.",  # a full clause after a colon
        "Paris, Texas ist ein Film von Wim Wenders.",
        "Wir kaufen Äpfel, Birnen, Pflaumen und Kirschen.",  # nouns
        "Die Sitzung begann um 9 Uhr, Mittag gab es um 12 Uhr.",
        "Hallo Anna, Liebe Grüße aus Wien",  # a greeting without a final mark
        "Neu, Gebraucht, Defekt",  # a list of labels
        "Vielen Dank, Dr. Müller, für Ihre Zeit.",
        "Die Band spielte, The Cure kam später.",  # an English name goes on
    ],
)
def test_capital_after_comma_silent(engine: Engine, text: str) -> None:
    assert hits(engine, text, "CAPITAL_AFTER_COMMA") == []


# --- LOWERCASE_NOMINALISATION ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "flagged", "first"),
    [
        ("Wir gehen beim schwimmen unter.", "schwimmen", "Schwimmen"),
        ("Das lesen fällt mir schwer.", "lesen", "Lesen"),
        ("Nach dem essen gingen wir spazieren.", "essen", "Essen"),
        ("Es gibt etwas neues.", "neues", "Neues"),
        ("Das ist nichts gutes.", "gutes", "Gutes"),
        ("Es gibt also etwas super interessantes an natürlichen Systemen.", "interessantes",
         "Interessantes"),
        ("Im allgemeinen ist das so.", "allgemeinen", "Allgemeinen"),
        ("Am ende des Tages war er müde.", "ende", "Ende"),
        ("Er hatte wahrscheinlich etwas wichtigeres zu tun.", "wichtigeres", "Wichtigeres"),
        ("Darüber sind wir uns im klaren.", "klaren", "Klaren"),
        ("Die meisten Bienen sehen kein rot.", "rot", "Rot"),
        ("Die folge war schlimm.", "folge", "Folge"),
    ],
)  # fmt: skip
def test_nominalisation_flagged(engine: Engine, text: str, flagged: str, first: str) -> None:
    assert hits(engine, text, "LOWERCASE_NOMINALISATION") == [(flagged, first, Severity.WARNING)]


@pytest.mark.parametrize(
    "text",
    [
        "Die laufen schnell.",  # pronoun + verb
        "Das Laufen ist gesund.",
        "Ich weiß, dass sie das lesen.",  # pronoun + verb at the end
        "Das lesen wir morgen.",  # verb second
        "Von dem leben wir.",  # demonstrative + verb
        "Das Haus, in dem wohnen viele Leute, ist alt.",
        "Ich sollte ein paar Worte über das sagen, was vor sich geht.",
        "Ein Roboter, das fliegen kann, wäre toll.",
        "Er fragte, warum das geschehen war.",  # participle + auxiliary
        "Er ist am schnellsten gelaufen.",  # superlative
        "Am besten kommst du morgen.",
        "Zum einen ist es teuer, zum anderen langsam.",
        "Er hat etwas anderes gesagt.",
        "Das ist etwas neues Wissen.",  # attributive
        "Wir kamen vom alten Hafen.",
        "Es muss einsam sein im großen, fernen Himmel.",  # adjectives in a row
        "Mit dem letzten keuchenden Atemzug kam der Winter.",
        "Lalabella blieb vom späten 12. bis zum 13. Jahrhundert die Hauptstadt.",
        "Sowohl im alten als auch im neuen Titel steht es.",
        "Das ist mehr oder weniger richtig.",
        "Ich gehe zum Lesen in die Bibliothek.",
        "Wir haben im Voraus bezahlt.",
        "Er hat etwas mehr Geld.",
        "Er ist etwas müde.",
        "Die Welt von morgen.",  # a temporal adverb
        "Ich halte das für gut.",
        "Das kenne ich von klein auf.",
        "Ein Mann, der arm ist, kam.",
        "Die folge ich nicht.",
        "Nach dem von der Presse geleakten Bericht.",
        "Sie verlängern die Frist für die vier Ausgaben.",
        "Das südliche war ein Königreich voller Wunder.",
    ],
)
def test_nominalisation_silent(engine: Engine, text: str) -> None:
    assert hits(engine, text, "LOWERCASE_NOMINALISATION") == []


# --- CAPITALISED_ADJECTIVE ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "flagged", "first"),
    [
        ("Das ist eine Große Herausforderung für uns.", "Große", "große"),
        ("Sie zog die Rote Linie.", "Rote", "rote"),  # listed only in lower case
        ("Er hat einen Neuen Plan.", "Neuen", "neuen"),
    ],
)
def test_capitalised_adjective_flagged(engine: Engine, text: str, flagged: str, first: str) -> None:
    assert hits(engine, text, "CAPITALISED_ADJECTIVE") == [(flagged, first, Severity.WARNING)]


@pytest.mark.parametrize(
    "text",
    [
        "Die Vereinigten Staaten und das Rote Kreuz halfen nach dem Zweiten Weltkrieg.",
        "Wir sehen das Schwarze Loch.",  # listed in both spellings
        "Man sieht ein Schwarzes Loch.",
        "Das ist der Kalte Krieg.",
        "Er zeigte die Rote Karte.",
        "Sie besuchten die Deutsche Bank.",  # a name: definite article, not listed
        "Er ist ein Deutscher Meister.",  # a title
        "Das ist ein Weißer Hai.",
        "Die Europäische Union und der Nahe Osten verhandeln.",
        "Große Pläne haben wir.",  # sentence start
        "Er sagte, dass wir schon in einem Dritten Weltkrieg leben.",  # Weltkrieg heads names
        "Sie zog die rote Linie.",
        "Neue Zürcher Zeitung Berichte Über Alles",  # a title-case headline
    ],
)
def test_capitalised_adjective_silent(engine: Engine, text: str) -> None:
    assert hits(engine, text, "CAPITALISED_ADJECTIVE") == []


# --- SIE_FORMAL (off by default) ------------------------------------------------------------


def test_formal_sie_hint(engine: Engine) -> None:
    text = "Aber sie sind nicht eingefroren; Sie verschmelzen tatsächlich."
    assert hits(engine, text, "SIE_FORMAL") == [("Sie", "sie", Severity.HINT)]


@pytest.mark.parametrize(
    "text",
    [
        "Sie kommen morgen.",  # sentence-initial
        "Können Sie mir helfen?",
        "Wenn Sie genau hinschauen, sehen Sie es.",  # formal throughout, no third person
        "Rufen Sie die Telefonistin an und sagen Sie ihr, sie soll warten.",
    ],
)
def test_formal_sie_silent(engine: Engine, text: str) -> None:
    assert hits(engine, text, "SIE_FORMAL") == []


# --- clean German: no casing rule speaks -----------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Präsident Biden traf Kanzler Scholz in Berlin.",
        "Er schickte eine E-Mail nach Baden-Württemberg.",
        "Die Vereinigten Staaten haben das Abkommen unterzeichnet.",
        "Das Laufen fällt ihm schwer, seit er sich verletzt hat.",
        "Können Sie mir sagen, wo der Bahnhof ist?",
        "Der Zweite Weltkrieg endete 1945.",
        "BREAKING: Regierung Tritt Zurück",
        "Das Beste an „The Stack“ von Hugging Face ist, dass die Daten offen sind.",
        "Es ist ihnen gelungen, in den ersten beiden Wochen zu gewinnen.",
        "Das nördliche war das nichtmagische Königreich.",
        "Im Großen und Ganzen stimmt das.",
    ],
)
def test_clean_german_silent(engine: Engine, text: str) -> None:
    assert all_hits(engine, text) == []


# --- through the engine ---------------------------------------------------------------------


def engine_hits(engine: Engine, text: str) -> list[tuple[str, str]]:
    words = WordLists(personal_path=Path("/nonexistent"), personal=set(), project=set())
    [flags] = engine.check([text], words, DocumentStats(), suggest=False)
    return [(flag.rule_id, flag.flagged(text)) for flag in flags if flag.category == "CASING"]


def test_engine_runs_casing_rules_and_leaves_sie_off(engine: Engine) -> None:
    text = "Aber sie sind nicht eingefroren; Sie verschmelzen; Es ist so."
    assert engine_hits(engine, text) == [("CAPITAL_AFTER_COMMA", "Es")]
    enabled = Engine(EngineConfig(find_dictionary(None), enabled_rules=frozenset({"SIE_FORMAL"})))
    assert ("SIE_FORMAL", "Sie") in engine_hits(enabled, text)
