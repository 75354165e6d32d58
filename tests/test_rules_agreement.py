"""Agreement inside the noun phrase and the case after prepositions (rules_agreement.py), and
the noun index they read (nouns.py): positives with their exact span and first suggestion,
and clean German the rules must leave alone."""

from __future__ import annotations

from pathlib import Path

import pytest

from review_app.checking.flag import Severity
from review_app.checking.offline import nouns as nouns_module
from review_app.checking.offline import rules_agreement
from review_app.checking.offline.registry import Resources, RuleContext
from review_app.checking.offline.speller import (
    Speller,
    dictionary_words,
    english_speller,
    find_dictionary,
    load_hunspell,
)
from review_app.checking.offline.tokens import tokenize


@pytest.fixture(scope="module")
def resources() -> Resources:
    files = find_dictionary(None)
    return Resources(Speller(load_hunspell(files), dictionary_words(files), english_speller()))


def check(resources: Resources, text: str) -> list:
    context = RuleContext(text, tokenize(text), resources)
    return [flag for rule in rules_agreement.RULES for flag in rule.check(context)]


# text, rule, flagged text, first suggestion, severity
POSITIVES = [
    # the seed article: no preposition, so the nominative/accusative reading of "die" is kept
    ("um die Westmächten von der Unterstützung der Ukraine abzuhalten.",
     "NOUN_PHRASE_AGREEMENT", "die Westmächten", "die Westmächte", Severity.ERROR),
    ("Der Kind spielt im Garten.", "NOUN_PHRASE_AGREEMENT", "Der Kind", "Das Kind",
     Severity.ERROR),
    ("Er sprach lange mit dem Frau.", "NOUN_PHRASE_AGREEMENT", "dem Frau", "der Frau",
     Severity.ERROR),
    ("Er wurde wegen zweifacher versuchter Mordes verurteilt.", "NOUN_PHRASE_AGREEMENT",
     "zweifacher versuchter Mordes", "zweifachen versuchten Mordes", Severity.WARNING),
    ("Das ist ein großer Haus.", "NOUN_PHRASE_AGREEMENT", "ein großer Haus", "ein großes Haus",
     Severity.WARNING),
    ("Das ist für dem Mann.", "PREPOSITION_CASE", "dem Mann", "den Mann", Severity.ERROR),
    ("Sie spielt mit die Kinder.", "PREPOSITION_CASE", "die Kinder", "den Kindern",
     Severity.ERROR),
    ("Sie gehen in der Wald.", "PREPOSITION_CASE", "der Wald", "dem Wald", Severity.ERROR),
    ("Er spielt gern mit Kinder.", "PREPOSITION_CASE", "Kinder", "Kindern", Severity.WARNING),
    ("Morgen gehen wir zum Ärztin.", "NOUN_PHRASE_AGREEMENT", "zum Ärztin", "zur Ärztin",
     Severity.ERROR),
    ("Wir sprachen mit dem Präsident.", "NOUN_PHRASE_AGREEMENT", "dem Präsident",
     "dem Präsidenten", Severity.ERROR),
    ("Er stieß den Kronprinz von sich weg.", "NOUN_PHRASE_AGREEMENT", "den Kronprinz",
     "den Kronprinzen", Severity.ERROR),
    ("Das ist ein wirklich fantastisches Volltreffer.", "NOUN_PHRASE_AGREEMENT",
     "ein wirklich fantastisches Volltreffer", "ein wirklich fantastischer Volltreffer",
     Severity.WARNING),
    # determiner and adjective agree on the plural: the noun is the word to change
    ("Man hat die Wahl, wie die einzelnen Abschnitt angeordnet werden.",
     "NOUN_PHRASE_AGREEMENT", "die einzelnen Abschnitt", "die einzelnen Abschnitte",
     Severity.ERROR),
    ("Das ist die Flüssigkeit aus der Ozeane.", "PREPOSITION_CASE", "der Ozeane",
     "den Ozeanen", Severity.ERROR),
    ("Basil wurde durch einen Notfallwarnung geweckt.", "NOUN_PHRASE_AGREEMENT",
     "einen Notfallwarnung", "eine Notfallwarnung", Severity.WARNING),
    ("Hallo und willkommen zu diesen Reise-Vlog.", "PREPOSITION_CASE", "diesen Reise-Vlog",
     "diesem Reise-Vlog", Severity.WARNING),
    ("Der Lander ist so groß wie ein alter britischer Telefonzelle.", "NOUN_PHRASE_AGREEMENT",
     "ein alter britischer Telefonzelle", "eine alte britische Telefonzelle", Severity.ERROR),
    ("Das war mein einziges Aufenthalt im Krankenhaus.", "NOUN_PHRASE_AGREEMENT",
     "mein einziges Aufenthalt", "mein einziger Aufenthalt", Severity.WARNING),
    ("Er hat nur noch seinen eigenen Fahrrad.", "NOUN_PHRASE_AGREEMENT",
     "seinen eigenen Fahrrad", "sein eigenes Fahrrad", Severity.ERROR),
    ("Wir beginnen immer mit einer groben Bleistiftskizzen.", "NOUN_PHRASE_AGREEMENT",
     "einer groben Bleistiftskizzen", "einer groben Bleistiftskizze", Severity.WARNING),
    ("Es gibt einen gewissen Instabilität auf dem Boden.", "NOUN_PHRASE_AGREEMENT",
     "einen gewissen Instabilität", "eine gewisse Instabilität", Severity.ERROR),
    ("Man fand tote Vögel am Rückseite des Hauses.", "NOUN_PHRASE_AGREEMENT", "am Rückseite",
     "an der Rückseite", Severity.ERROR),
    ("Ich mache meine eigene Haare.", "NOUN_PHRASE_AGREEMENT", "meine eigene Haare",
     "meine eigenen Haare", Severity.WARNING),
    ("Die Erde erlebte eine globale Gletscherereignisse.", "NOUN_PHRASE_AGREEMENT",
     "eine globale Gletscherereignisse", "ein globales Gletscherereignis", Severity.WARNING),
    ("Aufgrund des Gier des Nordens kam es zum Krieg.", "NOUN_PHRASE_AGREEMENT", "des Gier",
     "der Gier", Severity.ERROR),
    ("Sie besteht aus zwei grünen Satz.", "NOUN_PHRASE_AGREEMENT", "zwei grünen Satz",
     "zwei grünen Sätzen", Severity.WARNING),
    ("Er kam mit beidem Seiten des Gehirns zurecht.", "NOUN_PHRASE_AGREEMENT",
     "beidem Seiten", "beiden Seiten", Severity.WARNING),
    ("Sie war mit größerer Verständnis dabei.", "NOUN_PHRASE_AGREEMENT",
     "größerer Verständnis", "größerem Verständnis", Severity.WARNING),
    ("Im Intensivstation war es ruhig.", "NOUN_PHRASE_AGREEMENT", "Im Intensivstation",
     "In der Intensivstation", Severity.ERROR),
    ("Es geht um meinem Visum.", "PREPOSITION_CASE", "meinem Visum", "mein Visum",
     Severity.ERROR),
    ("Sie sah das mit dem Sachen anders.", "NOUN_PHRASE_AGREEMENT", "dem Sachen",
     "den Sachen", Severity.ERROR),
    ("Wegen dem Wetter bleiben wir zu Hause.", "GENITIVE_PREPOSITION_DATIVE", "dem Wetter",
     "des Wetters", Severity.HINT),
    ("Er regiert jetzt wegen die Krise.", "PREPOSITION_CASE", "die Krise", "der Krise",
     Severity.ERROR),
    ("Mit dem Auslaufen des Gesetzes zur Lebenshaltungskosten soll es enden.",
     "NOUN_PHRASE_AGREEMENT", "zur Lebenshaltungskosten", "zu den Lebenshaltungskosten",
     Severity.ERROR),
]  # fmt: skip


@pytest.mark.parametrize(("text", "rule", "flagged", "first", "severity"), POSITIVES)
def test_flags_with_the_right_fix_first(
    resources: Resources, text: str, rule: str, flagged: str, first: str, severity: Severity
) -> None:
    flags = check(resources, text)
    assert len(flags) == 1, [(f.rule_id, text[f.start : f.end]) for f in flags]
    flag = flags[0]
    assert (flag.rule_id, text[flag.start : flag.end]) == (rule, flagged)
    assert flag.suggestions[0] == first
    assert flag.severity == severity
    assert flag.category == "GRAMMAR"


def test_both_fixes_offered_when_both_fit(resources: Resources) -> None:
    flag = check(resources, "Sie wollen die Westmächten abhalten.")[0]
    assert flag.suggestions[:2] == ("die Westmächte", "den Westmächten")


def test_message_names_the_gender(resources: Resources) -> None:
    flag = check(resources, "Er sprach mit dem Frau.")[0]
    assert "feminine" in flag.message and "“dem Frau”" in flag.message


NEGATIVES = [
    # genitive attributes and chains, "der" as genitive/dative feminine and genitive plural
    "Die Frau des Mannes kam mit den Kindern der Nachbarin.",
    "Er hilft der Frau, die Kinder der Frauen spielen mit der Frau des Bürgermeisters.",
    "Die Hälfte des Geldes der Bürgerinnen und Bürger ging an die Mitglieder des Vereins.",
    "Ein Drittel der Kinder und der Großteil der Menschen leben in der Stadt.",
    "Er gab den Kindern Geld und den Männern Bier.",
    # adjectival nouns, nominalised adjectives and infinitives
    "Der Beamte sprach mit einem Beamten und den Abgeordneten.",
    "Die Deutschen lieben die Deutsche Bahn und das Deutsche Museum.",
    "Die Reichen werden reicher, die Armen ärmer.",
    "Des Weiteren gilt im Allgemeinen das Gesetz.",
    "Sie bleiben auf dem Laufenden.",
    "Er bringt mich zum Weinen, danke fürs Zuschauen.",
    "Der Kaminkehrer hat sich um das Verschließen gekümmert.",
    "Die Zahl der Toten und der Arbeitslosen steigt.",
    "Die Studierenden und die Lehrenden treffen sich.",
    # names, titles, abbreviations, numbers, units
    "Der Präsident Putin sprach mit dem Präsidenten Xi und mit Frau Merkel.",
    "Die 1990er Jahre und die 20er Jahre waren wild.",
    "Die EU-Kommission und der US-Präsident trafen sich in Den Haag.",
    "Die Vereinigten Staaten und die Europäische Union verhandeln.",
    "Der Berliner Senat und das Berliner Abkommen.",
    "Die Airbus A320 Familie und der Budget Act von 1974.",
    "Die Herangehensweise des Department of Justice an Wirtschaftskriminalität.",
    "Feld 0 steht für die Grad, Feld 1 für die Minuten.",
    "Er kam im Jahre 2010 nach Hause.",
    # relative pronouns, pronouns, numerals
    "Das Kind, dem Männer helfen, lacht.",
    "Macht das Sinn? Hat das Zukunft?",
    "Er gab ihr Bücher, ihr seid die Besten.",
    "Das eine Mal ging es gut, die einen kamen, die anderen nicht.",
    "Wir haben alle Angst, die Kinder haben beide Hunger.",
    "Ein paar Kinder spielen, ein wenig Zeit bleibt.",
    "Die drei Kinder spielen mit den zwei Hunden.",
    # extended attributes and truncated compounds
    "Die von der Regierung beschlossenen Maßnahmen greifen.",
    "Das nur Männern vorbehaltene Recht wurde abgeschafft.",
    "Das erste ist, dass ein Hunderte von Personen freisprechendes Urteil fiel.",
    "Die Kinder- und Jugendarbeit ist wichtig.",
    "Den lange erwarteten Bericht und die weiter steigenden Preise.",
    # prepositions that are no preposition of the next phrase
    "Was für ein Mann! Um der Sache willen.",
    "Das ist meiner Meinung nach die beste Lösung.",
    "Das ist nach wie vor der Fall.",
    "Sie waren also schon von klein auf ein Künstler?",
    "Nach und nach wurde ihnen der Weg gezeigt, ab und zu jeden Menschen.",
    "Er versuchte, um die Welt zu retten, alles.",
    "Mit die einzigen verfügbaren Informationen beziehen sich auf Todesfälle.",
    "Er trägt zu große Schuhe.",
    "Während die Kinder spielen, lesen wir. Statt die Kinder zu fragen, ging er.",
    "Die Aktie stieg am stärksten, die am häufigsten vorkommende Form.",
    "Wegen des Wetters und trotz der Kritik blieb er.",
    "Es gab Forderungen nach ihrer Amtsenthebung wegen Vorwürfen der Veruntreuung.",
    # adjective chains, dative plural, loans, gender-neutral forms
    "Mit frischem grünen Salat und mit großem gesellschaftlichen Zweck.",
    "Er arbeitet bei der Deutschen Bank in den Vereinigten Staaten.",
    "Ich hoffe, ich bekomme keinen Burnout.",
    "Die Lehrer*innen kamen, die Zahl der Lehrer:innen stieg.",
    "Autofahrer sollten auf der Strasse vorsichtig sein.",
    "Das ist eine andere globale Masse.",
    "Der Feind meines Feindes ist mein Freund.",
]


@pytest.mark.parametrize("text", NEGATIVES)
def test_clean_german_is_left_alone(resources: Resources, text: str) -> None:
    assert [text[f.start : f.end] for f in check(resources, text)] == []


def test_rules_are_registered() -> None:
    ids = {rule.id for rule in rules_agreement.RULES}
    assert ids == {"NOUN_PHRASE_AGREEMENT", "PREPOSITION_CASE", "GENITIVE_PREPOSITION_DATIVE"}
    assert all(rule.category == "GRAMMAR" and rule.example for rule in rules_agreement.RULES)


def test_rules_can_be_switched_off_one_by_one(resources: Resources) -> None:
    """Each rule returns only its own flags, so disabling one keeps the others."""
    text = "Er spricht mit dem Frau für dem Mann."
    context = RuleContext(text, tokenize(text), resources)
    by_rule = {rule.id: rule.check(context) for rule in rules_agreement.RULES}
    assert [f.rule_id for f in by_rule["NOUN_PHRASE_AGREEMENT"]] == ["NOUN_PHRASE_AGREEMENT"]
    assert [f.rule_id for f in by_rule["PREPOSITION_CASE"]] == ["PREPOSITION_CASE"]


# --- the noun index -----------------------------------------------------------------------------


def test_noun_index_analyses(resources: Resources) -> None:
    nouns = resources.nouns
    assert nouns.analyses("Westmächten") == frozenset({"dat.pl"})
    assert {"gen.sg.f", "dat.sg.f"} <= nouns.analyses("Frau")
    assert nouns.is_noun("Kind") and not nouns.is_noun("kind")
    assert nouns.lemma("Kindern") == "Kind"
    assert nouns.genders["Frau"] == frozenset({"f"})
    assert nouns.is_adjectival("Beamten") and "Beamter" in nouns.adjectival
    assert "Berlin" in nouns.names and nouns.is_name("Deutschland")
    assert not nouns.is_name("Bauer")  # a surname too, but a common noun first
    # a gender-less row takes its lemma's genders (Dame, the game, is feminine too)
    assert nouns.analyses("Dame") <= {f"{c}.sg.f" for c in ("nom", "gen", "dat", "acc")}
    tables = nouns.declensions("Kind")
    assert tables[0].forms["dat.pl"] == ("Kindern",)


def test_noun_cache_round_trip_and_damage(tmp_path: Path) -> None:
    built = nouns_module.load_nouns(tmp_path)
    index_path, tables_path = nouns_module.cache_paths(tmp_path)
    assert index_path.exists() and tables_path.exists()
    assert not list(tmp_path.glob(".nouns-*.tmp"))  # written to a temporary name, renamed
    cached = nouns_module.load_nouns(tmp_path)
    for form in ("Westmächten", "Häusern", "Beamte", "Twitter"):
        assert cached.analyses(form) == built.analyses(form)
        assert cached.lemmas(form) == built.lemmas(form)
    assert cached.declensions("Haus") == built.declensions("Haus")
    index_path.write_bytes(b"\x00 not marshal")
    rebuilt = nouns_module.load_nouns(tmp_path)
    assert rebuilt.analyses("Frau") == built.analyses("Frau")
