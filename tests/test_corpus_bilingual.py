"""The bilingual corpus samples (corpus/bilingual/): well-formed, their error lists consistent,
and every planted source/target mismatch found by the QA rules on its unit."""

from __future__ import annotations

import csv
import importlib.util
from pathlib import Path

import pytest
from lxml import etree

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "corpus" / "bilingual"
XLIFF_12 = SAMPLES / "wmt24-sample.en-de.xlf"
XLIFF_20 = SAMPLES / "ted-sample.en-de.xliff"
PO = SAMPLES / "ui-strings.de.po"
TSV = SAMPLES / "wmt24-sample.en-de.tsv"
GLOSSARY = SAMPLES / "glossary.en-de.tsv"
ALL = (XLIFF_12, XLIFF_20, PO, TSV)
ERRORS_HEADER = ["unit_id", "rule_id", "target_excerpt", "note"]
RULE_IDS = {
    "NUMBER_MISMATCH",
    "TIME_MISMATCH",
    "DATE_MISMATCH",
    "URL_MISMATCH",
    "EMAIL_MISMATCH",
    "PLACEHOLDER_MISMATCH",
    "TAG_MISMATCH",
    "UNTRANSLATED",
    "ENGLISH_IN_TARGET",
    "EMPTY_TARGET",
    "LENGTH_RATIO",
    "END_PUNCTUATION",
    "LEADING_TRAILING_SPACE",
    "BRACKET_MISMATCH",
    "QUOTE_MISMATCH",
    "GLOSSARY_TERM_MISSING",
    "FORBIDDEN_TERM",
}
XLIFF_12_NS = "urn:oasis:names:tc:xliff:document:1.2"
XLIFF_20_NS = "urn:oasis:names:tc:xliff:document:2.0"


def _available(module: str) -> bool:
    """Whether `module` can be imported (False also when a parent package is missing)."""
    try:
        return importlib.util.find_spec(module) is not None
    except ModuleNotFoundError:
        return False


def errors_of(sample: Path) -> list[dict[str, str]]:
    with open(f"{sample}.errors.tsv", encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE)
        assert reader.fieldnames == ERRORS_HEADER
        return list(reader)


def tsv_rows(path: Path) -> list[list[str]]:
    with open(path, encoding="utf-8", newline="") as handle:
        return list(csv.reader(handle, delimiter="\t"))


# --- well-formed ---------------------------------------------------------------------------


def _xml(path: Path) -> etree._Element:
    parser = etree.XMLParser(resolve_entities=False, no_network=True)
    return etree.parse(str(path), parser).getroot()


def test_xliff_12_sample_has_tags_notes_states_and_a_unit_without_target() -> None:
    root = _xml(XLIFF_12)
    assert root.get("version") == "1.2"
    ns = {"x": XLIFF_12_NS}
    [file] = root.findall("x:file", ns)
    assert (file.get("source-language"), file.get("target-language")) == ("en-US", "de-DE")
    units = root.findall(".//x:trans-unit", ns)
    assert 15 <= len(units) <= 40
    assert len({u.get("id") for u in units}) == len(units)
    for tag in ("g", "x", "ph"):
        assert root.findall(f".//x:target/x:{tag}", ns), tag
    assert root.findall(".//x:trans-unit/x:note", ns)
    assert {t.get("state") for t in root.findall(".//x:target", ns)} >= {
        "translated",
        "signed-off",
        "needs-translation",
    }
    assert [u.get("id") for u in units if u.find("x:target", ns) is None] == ["wmt24-587"]
    extra = [a for u in units for a in u.attrib if a.startswith("{MQXliff}")]
    assert extra  # an attribute from another namespace (memoQ)


def test_xliff_20_sample_has_languages_pc_ph_notes_and_segment_states() -> None:
    root = _xml(XLIFF_20)
    assert (root.get("version"), root.get("srcLang"), root.get("trgLang")) == ("2.0", "en", "de")
    ns = {"x": XLIFF_20_NS}
    units = root.findall(".//x:unit", ns)
    assert 15 <= len(units) <= 40
    assert root.findall(".//x:target/x:pc", ns) and root.findall(".//x:target/x:ph", ns)
    assert root.findall(".//x:unit/x:notes/x:note", ns)
    states = {s.get("state") for s in root.findall(".//x:segment", ns)}
    assert states == {"initial", "translated", "reviewed", "final"}


def test_po_sample_is_valid_gettext() -> None:
    text = PO.read_text(encoding="utf-8")
    assert "msgctxt" in text and "#, fuzzy" in text and "msgid_plural" in text
    if not _available("polib"):
        pytest.skip("polib is not installed")
    import polib

    entries = polib.pofile(str(PO))
    assert 15 <= len(entries) <= 40
    assert any(e.fuzzy for e in entries)
    assert any(e.msgid_plural for e in entries)
    assert any(e.msgctxt for e in entries)
    assert entries.metadata["Language"] == "de"


def test_tsv_sample_and_glossary_are_tables() -> None:
    rows = tsv_rows(TSV)
    assert rows[0] == ["source", "target"]
    assert 15 <= len(rows) - 1 <= 40
    assert all(len(row) == 2 for row in rows)
    glossary = tsv_rows(GLOSSARY)
    assert glossary[0] == ["source", "target", "status"]
    assert {row[2] for row in glossary[1:]} == {"approved", "forbidden"}


@pytest.mark.parametrize("sample", ALL, ids=lambda p: p.name)
def test_error_lists_name_known_rules_and_excerpts_of_the_sample(sample: Path) -> None:
    errors = errors_of(sample)
    assert len(errors) >= 8
    assert {e["rule_id"] for e in errors} <= RULE_IDS
    text = sample.read_text(encoding="utf-8")
    for error in errors:
        excerpt = error["target_excerpt"]
        assert excerpt == "" or excerpt.replace("&", "&amp;") in text, error
        assert error["note"], error


# --- every planted error found --------------------------------------------------------------

QA_READY = _available("review_app.qa.rules") and _available("review_app.bilingual.formats")


def _unit_for(units, error: dict[str, str]):
    """The unit an error names: by id; else (ids spelt otherwise by the reader, e.g. PO
    msgctxt/plural ids or TSV row numbers) the one unit whose id contains it or whose target
    holds the excerpt."""
    exact = [u for u in units if u.id == error["unit_id"]]
    if exact:
        return exact[0]
    containing = [u for u in units if error["unit_id"] in u.id]
    if len(containing) == 1:
        return containing[0]
    excerpt = error["target_excerpt"]
    if excerpt:
        holding = [u for u in units if excerpt in u.target]
        if len(holding) == 1:
            return holding[0]
    raise AssertionError(f"no single unit for {error}")


@pytest.mark.skipif(not QA_READY, reason="review_app.qa.rules or the bilingual readers missing")
@pytest.mark.parametrize("sample", ALL, ids=lambda p: p.name)
def test_every_planted_error_is_found_on_its_unit(sample: Path) -> None:
    from review_app.bilingual.formats import detect_format, read_bilingual
    from review_app.qa.glossary import read_glossary
    from review_app.qa.rules import QaSettings, check_file

    text = sample.read_text(encoding="utf-8")
    fmt = detect_format(sample.name, text)
    assert fmt is not None
    units = read_bilingual(text, sample.name, fmt).units
    flags = check_file(
        [(u.source, u.target) for u in units], QaSettings(glossary=read_glossary(GLOSSARY))
    )
    missed = []
    for error in errors_of(sample):
        unit = _unit_for(units, error)
        found = {f.rule_id for f in flags[unit.index]}
        if error["rule_id"] not in found:
            missed.append((error["unit_id"], error["rule_id"], sorted(found)))
    assert missed == []
