"""The offline checker's contract: the Checker protocol, dictionary discovery and errors,
the fingerprint, and the worker-process path giving the same flags as the in-process one."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from review_app.checking.base import Checker
from review_app.checking.offline import OfflineChecker
from review_app.checking.offline.speller import find_dictionary
from review_app.checking.select import make_checker
from review_app.checking.wordlists import WordLists
from review_app.config import CheckSettings, OfflineSettings, Settings
from review_app.document import segment_text
from review_app.errors import ReviewAppError

CORPUS = Path(__file__).resolve().parents[1] / "corpus"


def make_words(tmp_path: Path) -> WordLists:
    return WordLists(personal_path=tmp_path / "dictionary.txt", personal=set(), project=set())


@pytest.fixture(scope="module")
def checker(tmp_path_factory: pytest.TempPathFactory):
    checker = OfflineChecker(OfflineSettings(), make_words(tmp_path_factory.mktemp("words")))
    yield checker
    checker.close()


def test_implements_the_protocol(checker: OfflineChecker) -> None:
    assert isinstance(checker, Checker)
    info = checker.info
    assert info.name == "offline"
    assert "Hunspell de_DE" in info.description
    assert "frami" in info.description
    assert len(info.fingerprint) == 16
    assert checker.check([]) == []
    assert checker.check(["", "   "]) == [[], []]


def test_make_checker_gives_the_offline_checker(tmp_path: Path) -> None:
    chosen = make_checker(Settings(check=CheckSettings(checker="offline")), make_words(tmp_path))
    try:
        assert isinstance(chosen, OfflineChecker)
    finally:
        chosen.close()


def test_fingerprint_follows_words_rules_and_dictionary(tmp_path: Path) -> None:
    words = make_words(tmp_path)
    base = OfflineChecker(OfflineSettings(), words)
    other_rules = OfflineChecker(OfflineSettings(disabled_rules=("DOUBLE_SPACE",)), words)
    first = base.info.fingerprint
    assert other_rules.info.fingerprint != first
    words.project.add("Thassalin")
    assert base.info.fingerprint != first
    copy = tmp_path / "dict"
    copy.mkdir()
    files = find_dictionary(None)
    shutil.copy(files.dic, copy / "de_DE.dic")
    shutil.copy(files.aff, copy / "de_DE.aff")
    custom = OfflineChecker(OfflineSettings(dictionary=copy / "de_DE.dic"), words)
    assert str(copy / "de_DE.dic") in custom.info.description
    assert custom.info.fingerprint != base.info.fingerprint
    for checker in (base, other_rules, custom):
        checker.close()


def test_bad_dictionary_setting_is_a_one_line_error(tmp_path: Path) -> None:
    words = make_words(tmp_path)
    with pytest.raises(ReviewAppError, match=r"no such \.dic file"):
        OfflineChecker(OfflineSettings(dictionary=tmp_path / "missing.dic"), words)
    lonely = tmp_path / "lonely.dic"
    lonely.write_text("1\nWort\n", encoding="latin-1")
    with pytest.raises(ReviewAppError, match=r"no \.aff file"):
        OfflineChecker(OfflineSettings(dictionary=lonely), words)
    bogus = tmp_path / "bogus.dic"
    bogus.write_text("this is not a dictionary\n", encoding="utf-8")
    bogus.with_suffix(".aff").write_text("SET UTF-8\n", encoding="utf-8")
    with pytest.raises(ReviewAppError, match=r"not a Hunspell \.dic file") as error:
        OfflineChecker(OfflineSettings(dictionary=bogus), words)
    assert "\n" not in str(error.value)


def test_a_system_dictionary_is_preferred(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from review_app.checking.offline import speller

    files = find_dictionary(None)
    system = tmp_path / "de_DE.dic"
    shutil.copy(files.dic, system)
    shutil.copy(files.aff, tmp_path / "de_DE.aff")
    monkeypatch.setattr(speller, "SYSTEM_DICTIONARIES", (tmp_path / "none.dic", system))
    assert find_dictionary(None).dic == system
    assert find_dictionary(str(system.with_suffix(".aff"))).dic == system


def test_only_german(tmp_path: Path) -> None:
    with pytest.raises(ReviewAppError, match="German only"):
        OfflineChecker(OfflineSettings(language="en-US"), make_words(tmp_path))


def test_results_keep_order_and_flags_are_sorted(checker: OfflineChecker) -> None:
    texts = ["Die die Strasse , lachelte er.", "Alles gut.", "Wir  fahren nach Ukraine."]
    results = checker.check(texts, suggest=False)
    assert [len(flags) for flags in results][1] == 0
    for flags in results:
        assert [flag.start for flag in flags] == sorted(flag.start for flag in flags)
    assert {flag.rule_id for flag in results[2]} == {"DOUBLE_SPACE", "ARTICLE_TOPONYM"}


def test_one_batch_or_many_give_the_same_flags(checker: OfflineChecker) -> None:
    """A report checks 256 segments at a time, an editor a screen at a time: same flags."""
    texts = []
    for sample in sorted(CORPUS.glob("*.mt.de.txt")):
        texts += [segment.text for segment in segment_text(sample.read_text("utf-8")).segments]
    checker.prepare(texts)
    whole = checker.check(texts, suggest=True)
    screens = [checker.check(texts[i : i + 7], suggest=True) for i in range(0, len(texts), 7)]
    assert whole == [flags for screen in screens for flags in screen]
    assert sum(len(flags) for flags in whole) > 40


def test_names_and_english_words_get_near_misses_only(checker: OfflineChecker) -> None:
    text = "Trotzdessen erhielt er in Brinkmanship in der letzten Woche Applaus."
    flags = {f.word: f for f in checker.check([text])[0]}
    assert flags["Brinkmanship"].rule_id == "FOREIGN_WORD"
    # Hunspell's far-reaching search would offer unrelated German words
    assert checker.suggest(text, flags["Brinkmanship"]) == ()
    typo = "Die Lockereung kam."
    flag = checker.check([typo])[0][0]
    assert checker.suggest(typo, flag)[0] == "Lockerung"
