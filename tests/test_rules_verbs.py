"""The verb rules (rules_verbs.py): subject–verb agreement, zu-infinitive, "beide … und",
separable verbs with the wrong particle. Each with what it flags (span, first suggestion) and
clean German where it must stay silent."""

from __future__ import annotations

import pytest

from review_app.checking.flag import Severity
from review_app.checking.offline import rules_verbs
from review_app.checking.offline.engine import Engine, EngineConfig
from review_app.checking.offline.registry import Resources, RuleContext
from review_app.checking.offline.speller import find_dictionary
from review_app.checking.offline.tokens import tokenize

RULES = {rule.id: rule for rule in rules_verbs.RULES}


@pytest.fixture(scope="module")
def resources() -> Resources:
    return Engine(EngineConfig(find_dictionary(None))).resources


def hits(resources: Resources, text: str, rule_id: str) -> list[tuple[str, str | None]]:
    """(flagged text, first suggestion) of every flag of one rule."""
    context = RuleContext(text, tokenize(text), resources)
    rule = RULES[rule_id]
    assert rule.check is not None
    return [
        (text[flag.start : flag.end], flag.suggestions[0] if flag.suggestions else None)
        for flag in rule.check(context)
    ]


def test_rules_are_declared() -> None:
    assert set(RULES) == {
        "SUBJECT_VERB_AGREEMENT",
        "ZU_INFINITIVE",
        "BEIDE_UND",
        "SEPARABLE_VERB_PARTICLE",
    }
    for rule in RULES.values():
        assert rule.category == "GRAMMAR"
        assert rule.severity == Severity.WARNING
        assert "→" in rule.example and rule.description


# --- SUBJECT_VERB_AGREEMENT ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "flagged", "suggestion"),
    [
        ("Wir möchte ein Auto kaufen.", "möchte", "möchten"),
        ("Ich haben keine Zeit.", "haben", "habe"),
        ("Er sind müde.", "sind", "ist"),
        ("Gestern haben ich gearbeitet.", "haben", "habe"),
        ("Du weiß, wie das geht.", "weiß", "weißt"),
        ("Warum muss du gehen?", "muss", "musst"),
        ("Wir spielt im Garten.", "spielt", "spielen"),
        ("Ich seht nach Washington.", "seht", "sehe"),
        ("Du spiele gern Schach.", "spiele", "spielst"),
        ("Er antwortest nicht.", "antwortest", "antwortet"),
        ("Wir spielte gestern lange.", "spielte", "spielten"),
        ("Das Lied, das wir singt, ist schön.", "singt", "singen"),
        ("Die Kinder spielt im Garten.", "spielt", "spielen"),
        ("Die Kinder spielte im Hof.", "spielte", "spielten"),
        ("Die Leute war nett zu uns.", "war", "waren"),
        ("Viele Menschen ist gekommen.", "ist", "sind"),
    ],
)
def test_agreement_flagged(resources: Resources, text: str, flagged: str, suggestion: str) -> None:
    assert hits(resources, text, "SUBJECT_VERB_AGREEMENT") == [(flagged, suggestion)]


def test_agreement_strong_verb_has_no_guess(resources: Resources) -> None:
    # "er laufen": the singular changes the vowel (läuft), so no form is built by rule
    assert hits(resources, "Er laufen schnell.", "SUBJECT_VERB_AGREEMENT") == [("laufen", None)]


@pytest.mark.parametrize(
    "text",
    [
        "Du und ich sind Freunde.",  # coordinated subject
        "Er und seine Frau haben ein Haus gekauft.",
        "Leute wie ich sind selten.",  # "wie ich" is not the subject
        "Was ich haben möchte, ist Ruhe.",  # an infinitive governed by "möchte"
        "Morgen werde ich wissen, wer du bist.",
        "Ich weiß, dass er kommen soll.",
        "Sei du still!",  # imperative before "du"
        "Hab du keine Angst.",
        "Er sagte, er habe keine Zeit.",  # subjunctive I
        "Er sei krank, hieß es.",
        "Die Kinder liebt sie über alles.",  # object first, subject after the verb
        "Die Kinder hat er gestern abgeholt.",
        "Die Frau spielt im Garten.",  # a feminine singular
        "Die Lehrerin kommt morgen.",
        "Gestern haben wir gespielt.",  # a participle after the auxiliary
        "Das haben wir gemacht.",
        "Während ich hereintrat, klingelte das Telefon.",  # strong past
        "Er liest viel und er löst jedes Rätsel.",
        "Er spiele gut, sagte sie.",
        "Wir selbst gehen nicht.",
        "Das Ich ist ein Begriff der Philosophie.",
        "Die Wir-Gefühle sind stark.",
        "Es sind viele Leute gekommen.",
        "Wenn ihr sie habt, ruft an.",
        "Sie haben recht, und wir wissen es.",
        "Im Garten spielen die Kinder.",
    ],
)
def test_agreement_not_flagged(resources: Resources, text: str) -> None:
    assert hits(resources, text, "SUBJECT_VERB_AGREEMENT") == []


# --- ZU_INFINITIVE -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "flagged", "suggestion"),
    [
        (
            "Dieser Vertrag scheint eine Bestimmung enthalten, die an Putins Seite steht.",
            "enthalten",
            "zu enthalten",
        ),
        ("Er versuchte, die Tür öffnen.", "öffnen", "zu öffnen"),
        ("Sie beginnt das Haus putzen.", "putzen", "zu putzen"),
        ("Er fing an, die Tür abschließen.", "abschließen", "abzuschließen"),
        ("Wir planen, ein Haus bauen.", "bauen", "zu bauen"),
        ("Vergiss nicht, den Knopf zudrücken.", "zudrücken", "zu drücken"),
    ],
)
def test_zu_infinitive_flagged(
    resources: Resources, text: str, flagged: str, suggestion: str
) -> None:
    assert hits(resources, text, "ZU_INFINITIVE") == [(flagged, suggestion)]


@pytest.mark.parametrize(
    "text",
    [
        "Dieser Vertrag scheint eine Bestimmung zu enthalten.",
        "Er versuchte, die Tür zu öffnen.",
        "Das Haus droht einzustürzen.",
        "Er scheint kommen zu wollen.",
        "Es scheint, die Kinder schlafen.",  # a main clause after scheinen
        "Ich hoffe, die Gäste kommen.",
        "Wir beginnen mit dem Essen.",
        "Das Konzert beginnt um acht Uhr.",
        "Das Problem scheint gelöst.",
        "Das scheint übertrieben.",
        "Der Schlüssel scheint verschwunden.",
        "Er vergisst, dass wir morgen kommen.",
        "Wir hoffen auf gutes Wetter.",
        "Er versucht es mit allen.",
        "Die Schule beginnt wieder, und die Kinder lernen.",
        "Sie pflegt ihre kranke Mutter.",
        "Weil er zu schlafen scheint, gehen wir.",
        "Er fängt an zu arbeiten.",
        "Er hört auf zu rauchen.",
        "Er hat versucht, das Problem zu lösen, und es ist ihm gelungen.",
    ],
)
def test_zu_infinitive_not_flagged(resources: Resources, text: str) -> None:
    assert hits(resources, text, "ZU_INFINITIVE") == []


# --- BEIDE_UND -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "flagged", "suggestion"),
    [
        (
            "Beide Russland und Nordkorea haben dies bestritten.",
            "Beide Russland und",
            "Sowohl Russland als auch",
        ),
        (
            "Das bestätigten beide Kim Jong Un und Putin.",
            "beide Kim Jong Un und",
            "sowohl Kim Jong Un als auch",
        ),
    ],
)
def test_beide_und_flagged(resources: Resources, text: str, flagged: str, suggestion: str) -> None:
    assert hits(resources, text, "BEIDE_UND") == [(flagged, suggestion)]


@pytest.mark.parametrize(
    "text",
    [
        "Beide Länder und ihre Nachbarn haben dies bestritten.",
        "Beide, Russland und Nordkorea, haben dies bestritten.",
        "Sowohl Russland als auch Nordkorea haben dies bestritten.",
        "Beide Hände und Füße waren kalt.",
        "Die beiden und ihre Freunde kamen.",
        "Beide Deutschen und ein Franzose gewannen.",
    ],
)
def test_beide_und_not_flagged(resources: Resources, text: str) -> None:
    assert hits(resources, text, "BEIDE_UND") == []


# --- SEPARABLE_VERB_PARTICLE ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "flagged", "suggestion"),
    [
        (
            "Der Propagandist lachte die Bedenken aus und schlug sie als unnötig dar, weil "
            "Russland handelte.",
            "schlug",
            "stellte",
        ),
        ("Sie schlägt ihn als Helden dar.", "schlägt", "stellt"),
        ("Wir schlugen die Lage als ernst dar.", "schlugen", "stellten"),
        ("Ich kenne das hin.", "kenne", None),  # no verb with "hin" clearly most common
    ],
)
def test_separable_flagged(
    resources: Resources, text: str, flagged: str, suggestion: str | None
) -> None:
    assert hits(resources, text, "SEPARABLE_VERB_PARTICLE") == [(flagged, suggestion)]


@pytest.mark.parametrize(
    "text",
    [
        "Er stellte die Lage als ernst dar.",
        "Er kam gestern spät an.",
        "Sie schlug vor, morgen zu gehen.",
        "Er wusste es von Anfang an.",  # "von … an"
        "Meiner Meinung nach ist das falsch, und er denkt genauso darüber nach.",
        "Er antwortete auf meine Frage hin.",  # "auf … hin"
        "Das Licht ist aus.",  # sein + particle
        "Ich kann heute nicht mit.",  # a modal
        "Ich schütte mir jetzt ein Glas Saft ein.",  # known to word frequencies
        "Sie erinnerte die Öffentlichkeit an „ihre Pflicht“.",  # a preposition before a quote
        "Die Läufer stolperten heraus.",  # a particle of direction
        "Er zog sich schnell um und ging hinaus.",
        "Er sieht heute gut aus.",
        "Die Sitzung fängt um acht an.",
    ],
)
def test_separable_not_flagged(resources: Resources, text: str) -> None:
    assert hits(resources, text, "SEPARABLE_VERB_PARTICLE") == []
