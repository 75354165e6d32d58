"""The corpus samples' known errors: every listed error is flagged, with that first suggestion
and at least that severity (corpus/<name>.errors.tsv beside corpus/<name>.txt)."""

from __future__ import annotations

import csv
from collections.abc import Iterator
from pathlib import Path

import pytest

from review_app.checking.flag import Flag, Severity
from review_app.checking.offline import OfflineChecker
from review_app.checking.wordlists import WordLists
from review_app.config import OfflineSettings
from review_app.document import segment_text

CORPUS = Path(__file__).resolve().parents[1] / "corpus"
ERROR_FILES = sorted(CORPUS.glob("*.errors.tsv"))


@pytest.fixture(scope="module")
def checker(tmp_path_factory: pytest.TempPathFactory) -> Iterator[OfflineChecker]:
    path = tmp_path_factory.mktemp("words") / "dictionary.txt"
    checker = OfflineChecker(
        OfflineSettings(), WordLists(personal_path=path, personal=set(), project=set())
    )
    yield checker
    checker.close()


def _expected(errors_file: Path) -> list[dict[str, str]]:
    with errors_file.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE))


def _flags(checker: OfflineChecker, text_file: Path) -> list[tuple[str, Flag]]:
    texts = [segment.text for segment in segment_text(text_file.read_text("utf-8")).segments]
    checker.prepare(texts)
    results = checker.check(texts, suggest=True)
    return [(text, flag) for text, flags in zip(texts, results, strict=True) for flag in flags]


def test_every_sample_has_a_known_errors_file() -> None:
    samples = sorted(CORPUS.glob("*.mt.de.txt"))
    assert len(samples) >= 4
    for sample in samples:
        assert sample.with_name(sample.name.replace(".txt", ".errors.tsv")).is_file(), sample


@pytest.mark.parametrize("errors_file", ERROR_FILES, ids=lambda path: path.name)
def test_known_errors_are_flagged(checker: OfflineChecker, errors_file: Path) -> None:
    text_file = errors_file.with_name(errors_file.name.replace(".errors.tsv", ".txt"))
    flags = _flags(checker, text_file)
    expected = _expected(errors_file)
    assert expected, f"{errors_file.name} lists no errors"
    missing = []
    for row in expected:
        minimum = Severity.parse(row["severity"])
        found = [
            flag
            for text, flag in flags
            if flag.flagged(text) == row["flagged"]
            and flag.severity >= minimum
            and (not row["first_suggestion"] or flag.suggestions[:1] == (row["first_suggestion"],))
        ]
        if not found:
            near = [
                (f.rule_id, f.suggestions[:2]) for t, f in flags if f.flagged(t) == row["flagged"]
            ]
            missing.append((row["flagged"], row["first_suggestion"], row["severity"], near))
    assert not missing, missing


def test_seed_article_figures(checker: OfflineChecker) -> None:
    """The issue's own examples, spelled out; every loud flag on the seed is a real problem."""
    flags = _flags(checker, CORPUS / "putin-nordkorea.mt.de.txt")
    first = {flag.flagged(text): flag.suggestions[:1] for text, flag in flags}
    assert first["Trotzdessen"] == ("Trotzdem",)
    assert first["Lockereung"] == ("Lockerung",)
    assert first["lachelte"] == ("lächelte",)
    kinderwelle = next(flag for text, flag in flags if flag.flagged(text) == "Kinderwelle")
    assert "Kinder + Welle" in kinderwelle.message
    loud = [flag for _, flag in flags if flag.severity >= Severity.WARNING]
    # Names in the article (Dougherty, Kim Jong Un, Solovyov ...) are hints at most.
    assert all(flag.rule_id != "NAME_LIKE_UNKNOWN" for flag in loud)
    quotes = [flag for flag in loud if flag.rule_id == "STRAIGHT_QUOTES"]
    assert len(quotes) % 2 == 0 and len(loud) - len(quotes) <= 20
