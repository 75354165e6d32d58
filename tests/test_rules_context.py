"""The context rules (rules_context.py): place names that take an article, an unknown compound
as a bare singular opening a sentence, seit/seid, das/dass, den/denn, wieder/wider. Each with
what it flags (span, first suggestion) and clean German where it must stay silent; and the
seed article's misses of issue 9 that fall to these rules and to rules_verbs."""

from __future__ import annotations

from pathlib import Path

import pytest

from review_app.checking.flag import Flag, Severity
from review_app.checking.offline import rules_context, rules_verbs
from review_app.checking.offline.engine import Engine, EngineConfig
from review_app.checking.offline.registry import Resources, RuleContext
from review_app.checking.offline.speller import find_dictionary
from review_app.checking.offline.tokens import tokenize
from review_app.document import segment_text

RULES = {rule.id: rule for rule in (*rules_context.RULES, *rules_verbs.RULES)}
SEED = Path(__file__).resolve().parents[1] / "corpus" / "putin-nordkorea.mt.de.txt"


@pytest.fixture(scope="module")
def resources() -> Resources:
    return Engine(EngineConfig(find_dictionary(None))).resources


def flags(resources: Resources, text: str, rule_id: str) -> list[Flag]:
    rule = RULES[rule_id]
    assert rule.check is not None
    return rule.check(RuleContext(text, tokenize(text), resources))


def hits(resources: Resources, text: str, rule_id: str) -> list[tuple[str, str | None]]:
    """(flagged text, first suggestion) of every flag of one rule."""
    return [
        (text[flag.start : flag.end], flag.suggestions[0] if flag.suggestions else None)
        for flag in flags(resources, text, rule_id)
    ]


def test_rules_are_declared() -> None:
    ids = {rule.id for rule in rules_context.RULES}
    assert ids == {
        "ARTICLE_TOPONYM",
        "ARTICLELESS_COMPOUND",
        "SEIT_SEID",
        "DAS_DASS",
        "DEN_DENN",
        "WIDER_WIEDER",
    }
    for rule in rules_context.RULES:
        assert rule.category in ("GRAMMAR", "TYPOS")
        assert "→" in rule.example and rule.description


# --- ARTICLE_TOPONYM -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "flagged", "suggestion"),
    [
        ("Sie lieferten Waffen nach Ukraine.", "nach Ukraine", "in die Ukraine"),
        ("Er lebt seit Jahren in Schweiz.", "in Schweiz", "in der Schweiz"),
        ("Wir reisen nach Türkei und Slowakei.", "nach Türkei", "in die Türkei"),
        ("Sie kommt aus Mongolei.", "aus Mongolei", "aus der Mongolei"),
        ("Er fährt zu Krim.", "zu Krim", "zur Krim"),
        ("Sie kommt aus USA.", "aus USA", "aus den USA"),
        ("Er wohnt in Niederlanden.", "in Niederlanden", "in den Niederlanden"),
        ("Wir urlauben in Toskana.", "in Toskana", "in der Toskana"),
        ("Der Krieg zwischen Russland und Ukraine dauert an.", "Ukraine", "der Ukraine"),
        ("Ukraine hat neue Waffen erhalten.", "Ukraine", "Die Ukraine"),
        ("Sie kämpfen für Ukraine.", "für Ukraine", "für die Ukraine"),
    ],
)
def test_toponym_flagged(resources: Resources, text: str, flagged: str, suggestion: str) -> None:
    assert hits(resources, text, "ARTICLE_TOPONYM")[:1] == [(flagged, suggestion)]


@pytest.mark.parametrize(
    "text",
    [
        "Er reist nach Russland und in die Ukraine.",  # Russland is neuter, no article
        "Er lebt in Wien, nicht in Prag.",  # cities
        "Sie fliegt nach Nordkorea.",
        "Er wohnt in der Schweiz.",
        "Sie kommt aus den USA.",
        "Als die Wachen kamen, rannten alle weg.",  # "Als" is also a river
        "Seine Stärke ist die Geduld.",  # and "Seine"
        "Manche weigern sich aufzugeben.",
        "Aus Liebe zur Musik spielt er jeden Tag.",
        "Der Ukraine-Krieg dauert an.",
        "Sie wohnt in Sierra Leone.",
        "Ukraine: Die Lage bleibt angespannt.",  # a heading
    ],
)
def test_toponym_not_flagged(resources: Resources, text: str) -> None:
    assert hits(resources, text, "ARTICLE_TOPONYM") == []


# --- ARTICLELESS_COMPOUND ------------------------------------------------------------------


def test_unknown_compound_opening_a_sentence(resources: Resources) -> None:
    text = "Kinderwelle mit russischen Flaggen und Putins Bild zeigten seinen Einfluss."
    [flag] = flags(resources, text, "ARTICLELESS_COMPOUND")
    assert text[flag.start : flag.end] == "Kinderwelle"
    assert flag.message.startswith("Kinder + Welle: check the meaning")
    assert flag.severity == Severity.WARNING and flag.suggestions == ()


@pytest.mark.parametrize(
    "text",
    [
        "Kinderarmut ist ein großes Problem in vielen Ländern.",  # a word in use
        "Die Kinderwelle mit russischen Flaggen zeigte seinen Einfluss.",  # with an article
        "Kinderwellen mit russischen Flaggen zeigten seinen Einfluss.",  # a plural
        "Kongressmann Thomas Massie aus Kentucky stimmte dagegen.",  # a title before a name
        "Ruderpedal und Bremsen.",  # a list item
        "Wasser ist nass, und das weiß jeder.",
        "Sonnenblumenfelder gibt es hier viele.",
        "Frostfell war nicht immer ein Königreich.",  # more likely a name
    ],
)
def test_unknown_compound_not_flagged(resources: Resources, text: str) -> None:
    assert hits(resources, text, "ARTICLELESS_COMPOUND") == []


# --- SEIT_SEID, DAS_DASS, DEN_DENN, WIDER_WIEDER -------------------------------------------


@pytest.mark.parametrize(
    ("rule_id", "text", "flagged", "suggestion"),
    [
        ("SEIT_SEID", "Ihr seit wirklich müde.", "seit", "seid"),
        ("SEIT_SEID", "Ich wohne hier seid 2010.", "seid", "seit"),
        ("SEIT_SEID", "Er arbeitet seid Jahren bei uns.", "seid", "seit"),
        ("SEIT_SEID", "Seid 2010 lebe ich hier.", "Seid", "Seit"),
        ("DAS_DASS", "Ich glaube, das er morgen kommt.", "das", "dass"),
        ("DAS_DASS", "Er lief so schnell, so das er stolperte.", "das", "dass"),
        ("DAS_DASS", "Ich weiß, dass ist falsch.", "dass", "das"),
        ("DEN_DENN", "Ich komme nicht, den ich bin krank.", "den", "denn"),
        ("DEN_DENN", "Wir gingen nach Hause, den es war spät.", "den", "denn"),
        ("DEN_DENN", "Ich danke dir für denn Hinweis.", "denn", "den"),
        ("WIDER_WIEDER", "Das ist ein klarer Wiederspruch.", "Wiederspruch", "Widerspruch"),
        ("WIDER_WIEDER", "Es gab viele Wiedersprüche.", "Wiedersprüche", "Widersprüche"),
    ],
)
def test_confusion_flagged(
    resources: Resources, rule_id: str, text: str, flagged: str, suggestion: str
) -> None:
    assert hits(resources, text, rule_id) == [(flagged, suggestion)]


@pytest.mark.parametrize(
    ("rule_id", "text"),
    [
        ("SEIT_SEID", "Ihr seid seit Jahren hier."),
        ("SEIT_SEID", "Weil ihr seit gestern krank seid, bleibt ihr zu Hause."),
        ("SEIT_SEID", "Sie gibt ihr seit Jahren Geld."),  # "ihr" as a dative
        ("SEIT_SEID", "Seid ihr seit dem Morgen hier?"),
        ("SEIT_SEID", "Seid dem Herrn dankbar."),  # an imperative
        ("SEIT_SEID", "Wo seid ihr gewesen?"),
        ("DAS_DASS", "Das Buch, das er liest, ist spannend."),
        ("DAS_DASS", "Ich kenne ein Lied, das er gern singt."),
        ("DAS_DASS", "Es gibt etwas, das ich dir sagen muss."),
        ("DAS_DASS", "Das Kind, das wir gesehen haben, spielte."),
        ("DAS_DASS", "Ich glaube, dass er kommt."),
        ("DAS_DASS", "Er sagte, das sei alles."),
        ("DAS_DASS", "Er meinte, dass seine Frau kommt."),
        ("DEN_DENN", "Der Mann, den er kennt, ist hier."),
        ("DEN_DENN", "Der Film, den ich gestern sah, war gut."),
        ("DEN_DENN", "Das ist der Wagen, den ich habe."),
        ("DEN_DENN", "Ich kenne den Lehrer, den sie hat."),
        ("DEN_DENN", "Wie denn auch?"),
        ("DEN_DENN", "Er kam, denn er war müde."),
        ("WIDER_WIEDER", "Die Wiederwahl des Präsidenten ist sicher."),
        ("WIDER_WIEDER", "Er wird das wiederholen."),
        ("WIDER_WIEDER", "Der Widerstand wuchs."),
    ],
)
def test_confusion_not_flagged(resources: Resources, rule_id: str, text: str) -> None:
    assert hits(resources, text, rule_id) == []


# --- the seed article ----------------------------------------------------------------------

SEED_MISSES = [
    ("ZU_INFINITIVE", "enthalten", "zu enthalten"),
    ("BEIDE_UND", "Beide Russland und", "Sowohl Russland als auch"),
    ("SEPARABLE_VERB_PARTICLE", "schlug", "stellte"),
    ("ARTICLE_TOPONYM", "nach Ukraine", "in die Ukraine"),
    ("ARTICLELESS_COMPOUND", "Kinderwelle", None),
]


@pytest.mark.parametrize(("rule_id", "flagged", "suggestion"), SEED_MISSES)
def test_seed_article_misses_are_flagged(
    resources: Resources, rule_id: str, flagged: str, suggestion: str | None
) -> None:
    found = []
    for segment in segment_text(SEED.read_text(encoding="utf-8")).segments:
        found += hits(resources, segment.text, rule_id)
    assert (flagged, suggestion) in found
