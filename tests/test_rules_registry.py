"""The offline checker's rule registry: every rule declared once, with what `review-app rules`
shows; switching rules on and off through settings, flags and the config file."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from review_app.checking.flag import Severity
from review_app.checking.offline import OfflineChecker
from review_app.checking.offline.registry import Rule, active_rules, all_rules
from review_app.checking.wordlists import WordLists
from review_app.config import OfflineSettings
from review_app.qa import QA_RULES
from tests.cli_support import isolate, run_cli

CATEGORIES = {"TYPOS", "GRAMMAR", "TYPOGRAPHY", "CASING", "COMPOUNDING", "STYLE", "PUNCTUATION"}
SEED = Path(__file__).resolve().parents[1] / "corpus" / "putin-nordkorea.mt.de.txt"


@pytest.fixture(scope="module")
def rules() -> tuple[Rule, ...]:
    return all_rules()


@pytest.fixture(scope="module")
def seed_flags():
    words = WordLists(personal_path=Path("/nonexistent"), personal=set(), project=set())
    checker = OfflineChecker(OfflineSettings(), words)
    texts = [line for line in SEED.read_text(encoding="utf-8").splitlines() if line.strip()]
    try:
        checker.prepare(texts)
        yield texts, checker.check(texts, suggest=False)
    finally:
        checker.close()


def test_every_rule_is_complete(rules: tuple[Rule, ...]) -> None:
    assert len({rule.id for rule in rules}) == len(rules) > 10
    for rule in rules:
        assert rule.id.isupper() and " " not in rule.id, rule.id
        assert rule.category in CATEGORIES, rule
        assert isinstance(rule.severity, Severity)
        assert rule.description.strip() and rule.example.strip(), rule.id


def test_every_flag_names_a_declared_rule_of_its_category(rules, seed_flags) -> None:
    by_id = {rule.id: rule for rule in rules}
    texts, results = seed_flags
    seen = set()
    for text, flags in zip(texts, results, strict=True):
        for flag in flags:
            rule = by_id[flag.rule_id]
            seen.add(flag.rule_id)
            assert 0 <= flag.start < flag.end <= len(text)
            if flag.rule_id != "CONFUSION":  # a confusion entry carries its own category
                assert flag.category == rule.category, flag
    assert "GERMAN_SPELLING" in seen


def _rule(rule_id: str, *, default_on: bool = True, category: str = "TYPOS") -> Rule:
    return Rule(rule_id, category, Severity.WARNING, "d", "e", default_on=default_on)


def test_active_rules_follow_defaults_enables_and_disables() -> None:
    rules = [_rule("A"), _rule("B", default_on=False), _rule("C", category="STYLE")]
    assert [r.id for r in active_rules(rules)] == ["A", "C"]
    assert [r.id for r in active_rules(rules, enabled=["B"])] == ["A", "B", "C"]
    assert [r.id for r in active_rules(rules, enabled=["B"], disabled=["B", "A"])] == ["C"]
    assert [r.id for r in active_rules(rules, disabled_categories=["STYLE"])] == ["A"]


def test_a_disabled_rule_raises_no_flags(seed_flags) -> None:
    texts, results = seed_flags
    assert any(f.rule_id == "GERMAN_SPELLING" for flags in results for f in flags)
    words = WordLists(personal_path=Path("/nonexistent"), personal=set(), project=set())
    checker = OfflineChecker(OfflineSettings(disabled_rules=("GERMAN_SPELLING",)), words)
    try:
        checker.prepare(texts)
        quieter = checker.check(texts, suggest=False)
    finally:
        checker.close()
    assert not any(f.rule_id == "GERMAN_SPELLING" for flags in quieter for f in flags)
    assert checker.info.fingerprint != OfflineChecker(OfflineSettings(), words).info.fingerprint


@pytest.fixture
def cli(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    return isolate(tmp_path, monkeypatch)


def test_rules_command_lists_every_rule_and_its_state(cli: Path, rules) -> None:
    result = run_cli(
        "rules", "--format", "json", "--disable", "DOUBLE_SPACE,LENGTH_RATIO", text=True
    )
    assert result.returncode == 0, result.stderr
    listed = {row["id"]: row for row in json.loads(result.stdout)}
    assert set(listed) == {rule.id for rule in rules} | {rule.id for rule in QA_RULES}
    assert listed["DOUBLE_SPACE"]["on"] is False
    assert listed["LENGTH_RATIO"]["on"] is False and listed["LENGTH_RATIO"]["checker"] == "source"
    assert listed["NUMBER_MISMATCH"]["on"] is True
    assert listed["GERMAN_SPELLING"] == {
        "id": "GERMAN_SPELLING",
        "category": "TYPOS",
        "severity": "error",
        "default_on": True,
        "on": True,
        "example": listed["GERMAN_SPELLING"]["example"],
        "description": listed["GERMAN_SPELLING"]["description"],
        "checker": "offline",
    }
    text = run_cli("rules", text=True)
    assert text.returncode == 0 and "GERMAN_SPELLING" in text.stdout
    assert f"{len(rules) + len(QA_RULES)} rules" in text.stdout


def test_rules_command_reads_the_config_file(cli: Path) -> None:
    (cli / ".review-app.toml").write_text('[offline]\ndisabled_rules = ["DOUBLED_WORD"]\n')
    result = run_cli("rules", "--format", "json", text=True)
    assert result.returncode == 0, result.stderr
    state = {row["id"]: row["on"] for row in json.loads(result.stdout)}
    assert state["DOUBLED_WORD"] is False and state["DOUBLE_SPACE"] is True


def test_rules_markdown_is_a_table_of_every_rule(cli: Path, rules) -> None:
    result = run_cli("rules", "--format", "markdown", text=True)
    lines = result.stdout.splitlines()
    assert lines[0].startswith("| Rule |") and len(lines) == 2 + len(rules) + len(QA_RULES)
