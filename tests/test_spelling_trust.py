"""Spelling flags a post-editor can trust (issue 9, items 5 and 6): a capitalised typo of a
known word is an error with its fix first, names are told apart by evidence (wordfreq, the
document, a title), inflected forms the dictionary lacks are analysed rather than flagged,
suggestions are ranked by edit cost and frequency, and the curated list holds no sample's
words."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from review_app.checking.flag import Flag, Severity
from review_app.checking.offline import OfflineChecker
from review_app.checking.offline.confusions import load_confusions
from review_app.checking.offline.engine import Engine, EngineConfig
from review_app.checking.offline.frequency import load_frequency
from review_app.checking.offline.morphology import load_morphology
from review_app.checking.offline.speller import find_dictionary
from review_app.checking.offline.suggest import (
    COST_TRANSPOSE,
    COST_UMLAUT,
    destuttered,
    edit_cost,
    frequent_neighbours,
)
from review_app.checking.wordlists import WordLists
from review_app.config import OfflineSettings

ROOT = Path(__file__).resolve().parents[1]
SPELLING = frozenset(
    {
        "GERMAN_SPELLING",
        "NAME_LIKE_UNKNOWN",
        "FOREIGN_WORD",
        "UNKNOWN_COMPOUND",
        "COLLOQUIAL_SPELLING",
        "SS_ESZETT",
        "CONFUSION",
    }
)


@pytest.fixture(scope="module")
def checker(tmp_path_factory: pytest.TempPathFactory) -> Iterator[OfflineChecker]:
    path = tmp_path_factory.mktemp("words") / "dictionary.txt"
    checker = OfflineChecker(
        OfflineSettings(), WordLists(personal_path=path, personal=set(), project=set())
    )
    yield checker
    checker.close()


@pytest.fixture(scope="module")
def engine() -> Engine:
    return Engine(EngineConfig(find_dictionary(None)))


def spelling(checker: OfflineChecker, *texts: str, suggest: bool = True) -> list[list[Flag]]:
    """The spelling flags of `texts`, checked as one document."""
    checker.prepare(list(texts))
    results = checker.check(list(texts), suggest=suggest)
    return [[flag for flag in flags if flag.rule_id in SPELLING] for flags in results]


def flag_on(checker: OfflineChecker, text: str, word: str) -> Flag | None:
    [flags] = spelling(checker, text)
    found = [flag for flag in flags if flag.flagged(text) == word]
    assert len(found) <= 1
    return found[0] if found else None


# --- capitalised typos are errors, not names -----------------------------------------------


@pytest.mark.parametrize(
    ("text", "word", "fix"),
    [
        ("Die Bundesregirung plant neue Gesetze.", "Bundesregirung", "Bundesregierung"),
        ("Gestern sprach der Finanzminsiter vor der Presse.", "Finanzminsiter", "Finanzminister"),
        ("Es geht um mehrere Milliardn Euro.", "Milliardn", "Milliarden"),
        ("Seine Empfinflichkeit wird steigen.", "Empfinflichkeit", "Empfindlichkeit"),
        ("Das ist eine soziale Disfunktion.", "Disfunktion", "Dysfunktion"),
        ("Schotland hat große Pläne.", "Schotland", "Schottland"),
        ("Er verließ langsam die Barracke.", "Barracke", "Baracke"),
    ],
)
def test_capitalised_typo_is_an_error_with_its_fix_first(
    checker: OfflineChecker, text: str, word: str, fix: str
) -> None:
    flag = flag_on(checker, text, word)
    assert flag is not None
    assert (flag.rule_id, flag.severity) == ("GERMAN_SPELLING", Severity.ERROR)
    assert flag.suggestions[0] == fix
    assert flag.word == word


@pytest.mark.parametrize(
    ("text", "word"),
    [
        ("Die Russland-Expertin Jill Dougherty diskutierte mit ihm.", "Dougherty"),
        ("Ivory stand an der Tür.", "Ivory"),
        ("Der Kurs von Bitcoin fiel.", "Bitcoin"),
        ("Er sprach mit Shaw über das Projekt.", "Shaw"),
        ("Sie kaufte Kryptowährungen.", "Kryptowährungen"),
    ],
)
def test_a_name_or_word_wordfreq_knows_needs_no_flag(
    checker: OfflineChecker, text: str, word: str
) -> None:
    assert flag_on(checker, text, word) is None


@pytest.mark.parametrize(
    ("text", "word"),
    [
        ("Präsident Tinubu reiste ab.", "Tinubu"),  # a title before it
        ("Am Montag traf Kopelke den Minister.", "Kopelke"),  # no close frequent word
        ("Der Söldnerchef Prigoschin sprach.", "Prigoschin"),
    ],
)
def test_an_unknown_name_is_a_hint(checker: OfflineChecker, text: str, word: str) -> None:
    flag = flag_on(checker, text, word)
    assert flag is not None
    assert (flag.rule_id, flag.severity) == ("NAME_LIKE_UNKNOWN", Severity.HINT)


def test_a_short_name_near_a_word_is_no_typo(checker: OfflineChecker) -> None:
    """Kayel is one letter from Kabel, but a five-letter name: only a cheap edit would count."""
    flag = flag_on(checker, "Kayel untersuchte sein Werk.", "Kayel")
    assert flag is not None and flag.severity == Severity.HINT


def test_a_recurring_name_is_hinted_once(checker: OfflineChecker) -> None:
    texts = ["Cohren stand auf.", "Dann kam Cohren zurück.", "Cohren lachte."]
    results = spelling(checker, *texts)
    hinted = [i for i, flags in enumerate(results) for flag in flags if flag.word == "Cohren"]
    assert hinted == [0]
    assert all(flag.severity == Severity.HINT for flags in results for flag in flags)


def test_a_recurring_word_also_in_lower_case_is_no_name(checker: OfflineChecker) -> None:
    """Always capitalised is part of the name evidence: a typo made at a sentence start and
    also in lower case is a typo each time."""
    texts = ["Lachelte er?", "Er lachelte.", "Sie lachelte."]
    results = spelling(checker, *texts)
    assert [len(flags) for flags in results] == [1, 1, 1]
    assert all(flag.severity == Severity.ERROR for flags in results for flag in flags)


# --- forms the dictionary lacks are not errors --------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Schneiden die ungleicheren Staaten schlechter ab?",  # comparative + ending
        "Das war die abgefahrensten Geschichte.",  # superlative of a participle
        "Es war ein goldenes, drachenhaftes Wesen.",  # noun + -haft, declined
        "Er versuchte, sich einzukuscheln.",  # zu-infinitive of a separable verb
        "Ein Eimer und ein Polierer reichen.",  # agent noun of polieren
        "Die Behörde regelt die Listungen.",  # action noun of listen, plural
        "Die Kosten des Systemes stiegen.",  # genitive in -es
        "Sie bauten Anlagen für granuliertem Zucker.",  # participle as adjective
        "Sie sehen die Sterne vorbeischweben.",  # directional prefix + verb
        "Sie reisen entlang ungefälschter Wege.",  # un- + participle
        "Wie gehts dir, und was gibts Neues?",  # enclitic es
        "Bitte schütz mich!",  # imperative without e
        "Ich nennte sie Kollegen.",  # subjunctive II of a mixed verb
        "Wir müssen das Wasser rehydrieren.",  # re- + verb in -ieren
    ],
)
def test_inflected_and_derived_forms_are_not_errors(checker: OfflineChecker, text: str) -> None:
    [flags] = spelling(checker, text)
    assert [flag.flagged(text) for flag in flags if flag.severity >= Severity.WARNING] == []


def test_morphology_analyses_forms_back_to_known_words(engine: Engine) -> None:
    morphology = load_morphology(engine.speller)
    assert morphology.base("ungleicheren") == "ungleich"
    assert morphology.base("größeren") == "groß"
    assert morphology.base("einzukuscheln") == "einkuscheln"
    assert morphology.base("Raketenstartrampen") == "Raketenstartrampe"
    # typos and wrong forms stay unanalysed
    for wrong in ("aufwirken", "alteren", "gutere", "Hintergrunden", "Bundesregirung"):
        assert morphology.base(wrong) is None, wrong


def test_an_unknown_compound_keeps_its_hint_in_every_form(checker: OfflineChecker) -> None:
    """Morphology accepts forms of known words only, never an unknown compound's plural."""
    text = "Die Mutmaßungsverhalten der Staaten."
    flag = flag_on(checker, text, "Mutmaßungsverhalten")
    assert flag is not None and flag.rule_id == "UNKNOWN_COMPOUND"


# --- suggestions ranked by edit cost and frequency ------------------------------------------


@pytest.mark.parametrize(
    ("text", "word", "fix"),
    [
        ("Aber dort ist es so verschorben.", "verschorben", "verschoben"),  # frequent first
        ("Ich habe das photographiert.", "photographiert", "fotografiert"),  # ph → f
        ("Der Preis stieg um 12,7 prozent.", "prozent", "Prozent"),  # a noun in lower case
        ("Das war in dunklenklen Straßen.", "dunklenklen", "dunklen"),  # a stutter
        ("Ärzte, Anwälte und rzte kamen.", "rzte", "Ärzte"),  # a letter lost to encoding
        ("Er war sehr agressiv.", "agressiv", "aggressiv"),  # a misspelling in use
        ("Die Qualitat ist gut.", "Qualitat", "Qualität"),
        ("Da ist das altegleis.", "altegleis", "alte Gleis"),  # two words run together
    ],
)
def test_first_suggestion_is_the_fix(
    checker: OfflineChecker, text: str, word: str, fix: str
) -> None:
    flag = flag_on(checker, text, word)
    assert flag is not None and flag.severity >= Severity.WARNING
    assert flag.suggestions[0] == fix


def test_old_spelling_is_a_warning_only_where_the_new_one_dominates(
    checker: OfflineChecker,
) -> None:
    flag = flag_on(checker, "Das Telephon klingelte.", "Telephon")
    assert flag is not None
    assert (flag.severity, flag.suggestions) == (Severity.WARNING, ("Telefon",))
    # Delphin and Delfin are both common; "Ph.D." is an abbreviation
    assert flag_on(checker, "Ein Delphin sprang.", "Delphin") is None
    assert flag_on(checker, "Er erhielt einen Ph.D. in Physik.", "Ph") is None


def test_edit_costs_and_neighbours(engine: Engine) -> None:
    assert edit_cost("qualitat", "qualität") == COST_UMLAUT
    assert edit_cost("finanzminsiter", "finanzminister") == COST_TRANSPOSE
    assert destuttered("angeschlossenenenen")[-1] == "angeschlossen"
    found = frequent_neighbours("Milliardn", engine.speller.spell, load_frequency())
    assert [c.word for c in found[:2]] == ["Milliarden", "Milliarde"]
    assert found[0].zipf > 4


# --- English and noise ------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Er arbeitet bei der Bank of America in New York.",
        "Jetzt ist nur noch „Trimming the Herbs“ übrig.",
        "Ich verwende die Integration in Home Assistant.",
        "Er sagte nur: needs no introduction.",
    ],
)
def test_english_runs_are_silent(checker: OfflineChecker, text: str) -> None:
    [flags] = spelling(checker, text)
    assert flags == []


def test_a_single_english_word_is_a_hint_and_a_half_translation_an_error(
    checker: OfflineChecker,
) -> None:
    user = flag_on(checker, "Der user postet oft.", "user")
    assert user is not None and (user.rule_id, user.severity) == ("FOREIGN_WORD", Severity.HINT)
    hybrid = flag_on(checker, "Der Atomdeterrent wirkt.", "Atomdeterrent")
    assert hybrid is not None and hybrid.severity == Severity.ERROR


@pytest.mark.parametrize(
    "text",
    [
        "Die Bundesregierung hat am Montag in Berlin neue Regeln beschlossen.",
        "Der Finanzminister sprach von Milliarden Euro an Hilfen für die Länder.",
        "Ungleichere Gesellschaften schneiden bei fast allen Problemen schlechter ab.",
        "Sie hat das Foto in Grönland aufgenommen und später bearbeitet.",
        "Wir fahren erstmal nach Hause, sowas passiert halt.",
    ],
)
def test_clean_german_stays_silent(checker: OfflineChecker, text: str) -> None:
    [flags] = spelling(checker, text)
    assert [flag.flagged(text) for flag in flags if flag.severity >= Severity.WARNING] == []


# --- the curated confusion list ----------------------------------------------------------------


def test_confusion_list_holds_no_sample_words_and_attested_errors_only() -> None:
    confusions = load_confusions()
    for seed_word in ("aufwirken", "Atomdeterrent", "Mutmaßungsverhalten"):
        assert confusions.word(seed_word) is None
    frequency = load_frequency()
    text = (ROOT / "review_app/checking/offline/confusions.tsv").read_text("utf-8")
    for line in text.splitlines():
        if line.startswith(("#", "wrong\t")) or not line.strip():
            continue
        wrong = line.split("\t")[0]
        if " " not in wrong:  # a phrase is a grammar pattern; a word must be a known error
            assert frequency.zipf(wrong) >= 1.0, wrong


def test_seed_words_left_the_list_but_are_still_flagged(checker: OfflineChecker) -> None:
    text = "Die Fragen aufwirken, die der Atomdeterrent stellt."
    [flags] = spelling(checker, text)
    by_word = {flag.flagged(text): flag for flag in flags}
    assert by_word["aufwirken"].rule_id == "GERMAN_SPELLING"
    assert by_word["aufwirken"].severity == Severity.ERROR
    assert by_word["Atomdeterrent"].severity == Severity.ERROR


# --- resources ----------------------------------------------------------------------------------


def test_frequency_figures() -> None:
    frequency = load_frequency()
    assert frequency is load_frequency()  # one per process
    assert frequency.zipf("Haus") > 5 > frequency.zipf("Bundesregirung")
    assert frequency.zipf_en("house") > 5
    assert frequency.zipf("Straße") == frequency.zipf("Strasse")  # wordfreq folds ß
    assert frequency.zipf("Biden-Administration") > 0  # wordfreq's own tokenizer


def test_wordfreq_is_not_loaded_at_import() -> None:
    code = (
        "import sys\n"
        "import review_app.checking.offline.spelling, review_app.checking.offline.engine\n"
        "import review_app.checking.offline.frequency, review_app.checking.offline.morphology\n"
        "assert 'wordfreq' not in sys.modules, 'wordfreq loaded at import'\n"
        "assert 'german_nouns' not in sys.modules, 'german_nouns loaded at import'\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True, cwd=ROOT)
