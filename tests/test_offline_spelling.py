"""Spelling in the offline checker: false-alarm classes stay quiet (or become hints), real
typos are errors with the likely fix first, accepted words are never flagged, and no text
crashes it or yields a flag outside its span."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from review_app.checking.flag import Severity
from review_app.checking.offline import OfflineChecker
from review_app.checking.wordlists import WordLists
from review_app.config import OfflineSettings

SPELLING_RULES = {
    "GERMAN_SPELLING",
    "NAME_LIKE_UNKNOWN",
    "FOREIGN_WORD",
    "UNKNOWN_COMPOUND",
    "COLLOQUIAL_SPELLING",
    "SS_ESZETT",
}


@pytest.fixture(scope="module")
def words(tmp_path_factory: pytest.TempPathFactory) -> WordLists:
    path = tmp_path_factory.mktemp("words") / "dictionary.txt"
    return WordLists(personal_path=path, personal=set(), project={"Projektwort"})


@pytest.fixture(scope="module")
def checker(words: WordLists) -> Iterator[OfflineChecker]:
    checker = OfflineChecker(OfflineSettings(), words)
    yield checker
    checker.close()


def flags_of(checker: OfflineChecker, text: str, *, suggest: bool = False):
    checker.prepare([text])
    [flags] = checker.check([text], suggest=suggest)
    return flags


def loud(checker: OfflineChecker, text: str) -> list[str]:
    """The error and warning flags' texts."""
    return [
        flag.flagged(text) for flag in flags_of(checker, text) if flag.severity >= Severity.WARNING
    ]


@pytest.mark.parametrize(
    "text",
    [
        "Mehr unter https://www.example.org/pfad/seite.html?a=1&b=zwei, dort steht alles.",
        "Siehe www.beispielseite.de/aktuelles für Neuigkeiten.",
        "Schreiben Sie an max.mustermann@beispiel-firma.de oder rufen Sie an.",
        "Danke, @kaffeeliebhaber42, und folgt #klimastreik und #fridaysforfuture.",
        "Sie kauften Obst, Gemüse usw. und zahlten bzw. bezahlten bar.",
        "Das gilt z. B. für Nr. 5 und vgl. Abs. 3, ca. 20 Fälle.",
        "Die HomeGoods Inc. verkauft Waren.",
        "Der Preis stieg um 3,5 % auf 1.000,50 Euro am 19. Juni 2024.",
        "Die 20-jährige Fahrerin fuhr 5 km mit 30 mph auf der A7.",
        "Ein 100%iges Ergebnis in den 1990er Jahren, 3D-Druck und F-16s.",
        "Die NATO, die EU und die USA kauften LKWs bei der BMW AG.",
        "Er kaufte ein iPhone und ein MacBook bei eBay über PayPal.",
        "Ein NATO-ähnliches Bündnis mit Russland-Expertin und Biden-Administration.",
        "Geht's dir gut? Wie wär's mit einem Kaffee?",
        "Ein Eichhörnchen auf der Donaudampfschifffahrtsgesellschaftskapitänsmütze.",
        "Er hat das rausgefunden und will die Kiste rüberschieben.",
        "Das ist die logischere Erklärung und die gruseligsten Geschichten.",
        "Kinder- und Jugendarbeit sowie Lebensmittelproduktion und -verarbeitung.",
        "Lol, das war ok, hehe, gaaaanz toll!",
    ],
)
def test_false_alarm_classes_stay_quiet(checker: OfflineChecker, text: str) -> None:
    assert loud(checker, text) == []


@pytest.mark.parametrize(
    ("text", "word"),
    [
        ("Die Russland-Expertin sprach mit dem Söldnerchef Prigoschin.", "Prigoschin"),
        ("Der Propagandist Vladimir Solovyov sprach.", "Solovyov"),
        ("Am Montag traf Kopelke den Minister.", "Kopelke"),
        ("Präsident Tinubu reiste ab.", "Tinubu"),
    ],
)
def test_name_like_unknown_is_a_hint(checker: OfflineChecker, text: str, word: str) -> None:
    [flag] = [flag for flag in flags_of(checker, text) if flag.flagged(text) == word]
    assert flag.rule_id == "NAME_LIKE_UNKNOWN"
    assert flag.severity == Severity.HINT
    assert flag.word == word


def test_recurring_capitalised_word_is_a_name(checker: OfflineChecker) -> None:
    texts = ["Der Wirt Gewiter kam.", "Gewiter lachte.", "Alle mochten Gewiter."]
    checker.prepare(texts)
    results = checker.check(texts, suggest=False)
    flags = [flag for flags in results for flag in flags]
    assert {flag.rule_id for flag in flags} == {"NAME_LIKE_UNKNOWN"}
    # ... while once, after an adjective, it is a typo.
    checker.prepare(["Es gab kräftige Gewiter."])
    [[flag]] = checker.check(["Es gab kräftige Gewiter."], suggest=False)
    assert (flag.rule_id, flag.severity, flag.suggestions[0]) == (
        "GERMAN_SPELLING",
        Severity.ERROR,
        "Gewitter",
    )


def test_english_words_are_hints(checker: OfflineChecker) -> None:
    text = "Der Song heißt „Flying Home“ und der user postet oft."
    flags = flags_of(checker, text)
    flagged = {flag.flagged(text) for flag in flags}
    assert "user" in flagged
    assert "Flying" not in flagged  # an English title: a run of English words, no hint
    assert all(flag.severity == Severity.HINT for flag in flags)


@pytest.mark.parametrize(
    ("text", "word", "fix"),
    [
        ("Das ist fur dich.", "fur", "für"),  # English "fur", but German "für" is meant
        ("Der Mann lachelte.", "lachelte", "lächelte"),
        ("Wegen der Lockereung der Regeln.", "Lockereung", "Lockerung"),
        ("Die Verbraucherschuetzer warnen.", "Verbraucherschuetzer", "Verbraucherschützer"),
        ("Eine Vorraussetzung fehlt.", "Vorraussetzung", "Voraussetzung"),
        ("Die Verwaltnug schweigt.", "Verwaltnug", "Verwaltung"),
        ("Das ist ein Standart.", "Standart", "Standard"),
    ],
)
def test_typos_are_errors_with_the_fix_first(
    checker: OfflineChecker, text: str, word: str, fix: str
) -> None:
    [flag] = [flag for flag in flags_of(checker, text, suggest=True) if flag.flagged(text) == word]
    assert flag.severity == Severity.ERROR
    assert flag.suggestions[0] == fix
    assert flag.word == word


def test_suggest_false_does_no_search_and_suggest_true_does(checker: OfflineChecker) -> None:
    # A replacement in a compound wordfreq does not list: beyond the edits judging uses.
    text = "Die Jacke ist kältefeat."
    [quick] = flags_of(checker, text, suggest=False)
    assert (quick.rule_id, quick.suggestions) == ("GERMAN_SPELLING", ())
    [full] = flags_of(checker, text, suggest=True)
    assert full.suggestions[0] == "kältefest"
    assert checker.suggest(text, quick)[0] == "kältefest"


def test_noun_typo_after_an_article_is_an_error(checker: OfflineChecker) -> None:
    [flag] = flags_of(checker, "Die Regierunk tagt.")
    assert (flag.severity, flag.suggestions[:1]) == (Severity.ERROR, ("Regierung",))


def test_suggest_for_a_rule_flag_returns_its_suggestions(checker: OfflineChecker) -> None:
    text = "Am Sonntag ziehen die die Gewitter ab."
    [flag] = flags_of(checker, text)
    assert checker.suggest(text, flag) == ("die",)


def test_suggest_falls_back_to_hunspell(checker: OfflineChecker) -> None:
    """No edit candidate: Hunspell's own suggest runs in a worker process."""
    text = "Er kommt allmorglich vorbei."
    [flag] = flags_of(checker, text)
    assert flag.rule_id == "GERMAN_SPELLING"
    found = checker.suggest(text, flag)
    assert "allmorgendlich" in found
    assert checker.suggest(text, flag) == found  # cached


def test_sentence_initial_word_checked_in_lower_case(checker: OfflineChecker) -> None:
    assert loud(checker, "Schnell lief er davon. Trotzdem kam er.") == []


def test_accepted_words_are_never_flagged(checker: OfflineChecker, words: WordLists) -> None:
    text = "Die Kollegin Thassalin prüfte das Projektwort und die Lockereung."
    assert "Projektwort" not in [flag.flagged(text) for flag in flags_of(checker, text)]
    assert "Thassalin" in [flag.flagged(text) for flag in flags_of(checker, text)]
    before = checker.info.fingerprint
    words.add_personal("Lockereung")  # as the TUI does during a session
    words.add_personal("Thassalin")
    flagged = [flag.flagged(text) for flag in flags_of(checker, text)]
    assert "Lockereung" not in flagged and "Thassalin" not in flagged
    assert checker.info.fingerprint != before
    words.remove_personal("Lockereung")
    words.remove_personal("Thassalin")
    assert "Lockereung" in [flag.flagged(text) for flag in flags_of(checker, text)]


@pytest.mark.parametrize(
    "text",
    [
        "Er reiste nach Łódź und Kraków.",
        "Der Ort heißt Zürich, nicht Zürich — und STRAẞE ist groß.",
        "Putin’s Besuch in 北京 war kurz 😀.",
        "Die Ğ-Straße in İstanbul und die Straße in Ærø.",
        "Ein Wort mit wei\u00adchem Trennstrich.",
    ],
)
def test_characters_outside_latin1_do_not_crash(checker: OfflineChecker, text: str) -> None:
    flags = flags_of(checker, text, suggest=True)
    assert all(flag.severity == Severity.HINT for flag in flags if flag.rule_id in SPELLING_RULES)


_PIECES = st.sampled_from(
    list("abcdefghijklmnopqrstuvwxyzäöüßABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÜ0123456789")
    + list(" ,.;:!?-'’\"„“()@#/&%…ẞ😀\u00a0\u00ad")
    + ["  ", "Łódź", "北京", "https://x.de/a", "die die", "Straße", "lachelte", "&quot;", " usw."]
)
_TEXT = st.lists(_PIECES, max_size=30).map("".join)


@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(texts=st.lists(_TEXT, min_size=1, max_size=4))
def test_flag_spans_lie_within_their_text(checker: OfflineChecker, texts: list[str]) -> None:
    checker.prepare(texts)
    results = checker.check(texts, suggest=False)
    assert len(results) == len(texts)
    for text, flags in zip(texts, results, strict=True):
        assert [flag.start for flag in flags] == sorted(flag.start for flag in flags)
        for flag in flags:
            assert 0 <= flag.start < flag.end <= len(text)
            assert flag.checker == "offline"
            if flag.rule_id in SPELLING_RULES:
                assert flag.word == text[flag.start : flag.end]
