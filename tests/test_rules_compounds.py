"""The compound rules (rules_compounds): hyphens German needs with names, abbreviations and
foreign words, and hyphens an ordinary listed compound does not need."""

from __future__ import annotations

import pytest

from review_app.checking.flag import Severity
from review_app.checking.offline.engine import Engine, EngineConfig
from review_app.checking.offline.registry import RuleContext, all_rules
from review_app.checking.offline.rules_compounds import RULES, determiner_features
from review_app.checking.offline.speller import find_dictionary
from review_app.checking.offline.tokens import tokenize

RULE_BY_ID = {rule.id: rule for rule in RULES}


@pytest.fixture(scope="module")
def engine() -> Engine:
    return Engine(EngineConfig(find_dictionary(None)))


def hits(engine: Engine, text: str, rule_id: str) -> list[tuple[str, str, Severity]]:
    context = RuleContext(text, tokenize(text), engine.resources)
    check = RULE_BY_ID[rule_id].check
    assert check is not None
    return [(flag.flagged(text), flag.suggestions[0], flag.severity) for flag in check(context)]


def test_rules_are_registered() -> None:
    ids = {rule.id for rule in all_rules()}
    assert {"MISSING_COMPOUND_HYPHEN", "NEEDLESS_COMPOUND_HYPHEN"} <= ids
    for rule in RULES:
        assert rule.category == "COMPOUNDING" and rule.default_on and "→" in rule.example


def test_determiner_features() -> None:
    assert "dat.sg.m" in determiner_features("dem")
    assert determiner_features("zur") == ("dat.sg.f",)
    assert "acc.sg.m" in determiner_features("keinen")
    assert "dat.sg.n" in determiner_features("diesem")
    assert determiner_features("Haus") == ()


# --- MISSING_COMPOUND_HYPHEN ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "flagged", "first"),
    [
        (
            "Kinderwelle mit russischen Flaggen und Putins Bild in Kim Il Sung Platz zeigten es.",
            "Kim Il Sung Platz",
            "Kim-Il-Sung-Platz",
        ),
        ("Sie versammelten sich auf dem Kim Il Sung Platz.", "Kim Il Sung Platz",
         "Kim-Il-Sung-Platz"),
        ("Die Kinder gingen auf die NJ Schule.", "NJ Schule", "NJ-Schule"),
        ("Sie kaufte das Fancy Feast Katzenfutter im Laden.", "Fancy Feast Katzenfutter",
         "Fancy-Feast-Katzenfutter"),
        ("Die EU Kommission hat entschieden.", "EU Kommission", "EU-Kommission"),
        ("Er steckte den USB Stick ein.", "USB Stick", "USB-Stick"),
        ("Wir warten auf die Zustimmung zu der neuen EU Verpackungsordnung.",
         "EU Verpackungsordnung", "EU-Verpackungsordnung"),
        ("Er liegt auf dem Arlington Nationalfriedhof begraben.", "Arlington Nationalfriedhof",
         "Arlington-Nationalfriedhof"),
        ("Das Geld kommt aus EU Mitteln.", "EU Mitteln", "EU-Mitteln"),
    ],
)  # fmt: skip
def test_missing_hyphen_flagged(engine: Engine, text: str, flagged: str, first: str) -> None:
    assert hits(engine, text, "MISSING_COMPOUND_HYPHEN") == [(flagged, first, Severity.WARNING)]


def test_missing_hyphen_span(engine: Engine) -> None:
    text = "Die EU Kommission tagt."
    context = RuleContext(text, tokenize(text), engine.resources)
    [flag] = RULE_BY_ID["MISSING_COMPOUND_HYPHEN"].check(context)  # type: ignore[misc]
    assert (flag.start, flag.end) == (4, 17)


@pytest.mark.parametrize(
    "text",
    [
        "Präsident Biden traf Kanzler Scholz.",  # title + name
        "Herr Müller wohnt in Berlin.",
        "Als Trump Präsident war, stiegen die Zölle.",  # a name, then a noun of its own
        "Dass die EU Sanktionen verhängt, ist klar.",  # plural object
        "Die SEC Fonds wurden genehmigt.",
        "Es half, dass McDreamy Neurochirurg war.",
        "Er sagte gegenüber Le Monde, er sei überrascht.",
        "Thomas Müller spielt für Bayern München.",
        "Jane Richter ist Archäologin.",  # a first name and a surname that is a noun
        "Hey Leute, willkommen zurück.",
        "Er arbeitet für die Criminal Division des DOJ.",  # an English phrase
        "Mit dem Ende des Cost of Living Act am 31. März endet die Hilfe.",
        "Rishi Sunaks Gesetz wurde beschlossen.",  # a genitive
        "Es geht um die E-Mail an die EU-Kommission.",  # hyphenated already
        "Sie schrieb in Baden-Württemberg ihre Doktorarbeit.",
        "Trotz seiner Größe war Thassalin Gott sei Dank wendig.",
        "Er fährt ZUR Arbeit, weil du uns ZUR Arbeit fährst.",  # shouting, not abbreviations
        "Vielleicht habt ihr ihn bei MTV Wild 'n Out gesehen.",
        "TUT MIR LEID, ABER ICH HABE EINE WITTERUNG AUFGENOMMEN.",
        "Die Soldaten des 3rd United States Infantry Regiment marschierten.",
    ],
)
def test_missing_hyphen_silent(engine: Engine, text: str) -> None:
    assert hits(engine, text, "MISSING_COMPOUND_HYPHEN") == []


# --- NEEDLESS_COMPOUND_HYPHEN ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "flagged", "first"),
    [
        ("Das ist eine Haus-Tür.", "Haus-Tür", "Haustür"),
        ("Es wäre wie eine Nah-Tod-Erfahrung.", "Nah-Tod-Erfahrung", "Nahtoderfahrung"),
        ("Unter dem Elektronen-Mikroskop sieht man es.", "Elektronen-Mikroskop",
         "Elektronenmikroskop"),
    ],
)  # fmt: skip
def test_needless_hyphen_flagged(engine: Engine, text: str, flagged: str, first: str) -> None:
    assert hits(engine, text, "NEEDLESS_COMPOUND_HYPHEN") == [(flagged, first, Severity.WARNING)]


@pytest.mark.parametrize(
    "text",
    [
        "Er schickte eine E-Mail nach Baden-Württemberg.",  # abbreviation, names
        "Die EU-Kommission und die NATO-Staaten beraten.",
        "Das Ost-West-Verhältnis ist schwierig.",  # not listed joined
        "Der Ist-Zustand ist gut.",  # a verb form as a part
        "Sie suchen eine Zwei-Zimmer-Wohnung.",  # number words
        "Es gab ein Bewusstsein bezüglich der Pop-Kultur.",  # English part
        "Er kaufte einen Baseball-Schläger.",
        "Sie schreibt für Reise-Bloggern und Innenstadt-Bäckereiketten.",  # readability
        "Die Sitzung am 18. Dezember-Sitzung fand statt.",  # after a date
        "Das Know-how fehlt.",
        "Die Rhein-Main-Region wächst.",
        "Die Schwarz-Weiß-Fotos sind alt.",
        "Er trägt ein T-Shirt mit 3-D-Druck.",
    ],
)
def test_needless_hyphen_silent(engine: Engine, text: str) -> None:
    assert hits(engine, text, "NEEDLESS_COMPOUND_HYPHEN") == []
