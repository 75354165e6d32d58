"""ACCUSATIVE_OBJECT: a masculine object phrase left in the nominative."""

from __future__ import annotations

import pytest

from review_app.checking.offline.engine import Engine, EngineConfig
from review_app.checking.offline.registry import RuleContext
from review_app.checking.offline.rules_objects import accusative_object
from review_app.checking.offline.speller import find_dictionary
from review_app.checking.offline.tokens import tokenize


@pytest.fixture(scope="module")
def engine() -> Engine:
    return Engine(EngineConfig(find_dictionary(None)))


def flags(engine: Engine, text: str) -> list[tuple[str, str]]:
    found = accusative_object(RuleContext(text, tokenize(text), engine.resources))
    return [(f.flagged(text), f.suggestions[0]) for f in found]


@pytest.mark.parametrize(
    ("text", "flagged", "fix"),
    [
        ("Die Dokumente ließen kein Zweifel aufkommen.", "kein Zweifel", "keinen Zweifel"),
        ("Es gibt kein Grund zur Sorge.", "kein Grund", "keinen Grund"),
        ("Gibt es kein Zweifel daran?", "kein Zweifel", "keinen Zweifel"),
        ("Wir haben ein großer Hund.", "ein großer Hund", "einen großen Hund"),
        ("Die Kinder sahen dieser alte Baum.", "dieser alte Baum", "diesen alten Baum"),
        ("Die Firmen brauchten ein neuer Plan.", "ein neuer Plan", "einen neuen Plan"),
    ],
)
def test_a_nominative_object_is_flagged(engine, text: str, flagged: str, fix: str) -> None:
    assert flags(engine, text) == [(flagged, fix)]


@pytest.mark.parametrize(
    "text",
    [
        "Jetzt hat kein Mann Zeit.",  # singular verb: the phrase is the subject
        "Sie hatten kein Geld.",  # neuter: nominative and accusative alike
        "Gibt es ein Problem?",
        "Es gibt keinen Grund zur Sorge.",
        "Es gibt keine Zweifel mehr.",
        "Wir haben der Lehrerin geschrieben.",  # feminine dative
        "Wir haben der Lehrer Bücher gelesen.",  # a genitive plural may be meant
        "Es gab der Mann nichts.",  # "dem Mann" (dative) may be meant: no guess
        "Wenn Sie mich nicht kennen, mein Name ist Janika.",
        "Haben kein Geld?",
        "Wir haben ein Auto- und ein Fahrradproblem.",
        "Das ist kein Zweifel.",
    ],
)
def test_silent_where_german_allows_it(engine, text: str) -> None:
    assert flags(engine, text) == []
