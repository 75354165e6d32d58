"""Glossaries (TBX, TSV, CSV) and the terminology rules."""

from __future__ import annotations

from pathlib import Path

import pytest

from review_app.checking.flag import Severity
from review_app.errors import InputError
from review_app.qa import QaSettings, check_unit, glossary_hits, read_glossary

TBX_2008 = """<?xml version="1.0" encoding="UTF-8"?>
<martif type="TBX" xml:lang="en" xmlns="urn:iso:std:iso:30042:ed-2">
 <text><body>
  <termEntry id="c1">
   <langSet xml:lang="en"><tig><term>contract</term></tig></langSet>
   <langSet xml:lang="de-DE">
    <tig><term>Vertrag</term>
     <termNote type="administrativeStatus">preferredTerm-admn-sts</termNote></tig>
    <tig><term>Kontrakt</term>
     <termNote type="administrativeStatus">deprecatedTerm-admn-sts</termNote></tig>
   </langSet>
  </termEntry>
  <termEntry id="c2">
   <langSet xml:lang="en"><ntig><termGrp><term>mobile phone</term></termGrp></ntig></langSet>
   <langSet xml:lang="de"><ntig><termGrp><term>Mobiltelefon</term></termGrp></ntig>
    <ntig><termGrp><term>Handy</term>
     <termNote type="normativeAuthorization">forbidden</termNote></termGrp></ntig></langSet>
  </termEntry>
 </body></text>
</martif>
"""

TBX_V3 = """<?xml version="1.0"?>
<tbx type="TBX-Core" style="dca" xml:lang="en" xmlns="urn:iso:std:iso:30042:ed-2">
 <text><body>
  <conceptEntry id="1">
   <langSec xml:lang="en"><termSec><term>invoice</term></termSec></langSec>
   <langSec xml:lang="de"><termSec><term>Rechnung</term></termSec>
    <termSec><term>Faktura</term>
     <termNote type="administrativeStatus">deprecatedTerm-admn-sts</termNote></termSec>
   </langSec>
  </conceptEntry>
 </body></text>
</tbx>
"""


def write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_tbx_2008_with_tig_and_ntig(tmp_path):
    glossary = read_glossary(write(tmp_path, "g.tbx", TBX_2008))
    contract, phone = glossary.terms
    assert contract.sources == ("contract",) and contract.targets == ("Vertrag",)
    assert contract.forbidden == ("Kontrakt",) and contract.id == "c1"
    assert phone.targets == ("Mobiltelefon",) and phone.forbidden == ("Handy",)


def test_tbx_v3_core(tmp_path):
    [invoice] = read_glossary(write(tmp_path, "g.tbx", TBX_V3)).terms
    assert invoice.targets == ("Rechnung",) and invoice.forbidden == ("Faktura",)


def test_tsv_with_header_and_status_column(tmp_path):
    text = "source\ttarget\tstatus\ncontract\tVertrag\t\ncontract\tKontrakt\tforbidden\n"
    [term] = read_glossary(write(tmp_path, "g.tsv", text)).terms
    assert term.targets == ("Vertrag",) and term.forbidden == ("Kontrakt",)


def test_csv_without_header_and_forbidden_yes_no_column(tmp_path):
    assert read_glossary(write(tmp_path, "g.csv", "invoice,Rechnung\n")).terms[0].targets == (
        "Rechnung",
    )
    text = "en;de;forbidden\nmobile phone;Mobiltelefon;no\nmobile phone;Handy;yes\n"
    [term] = read_glossary(write(tmp_path, "g.csv", text)).terms
    assert term.targets == ("Mobiltelefon",) and term.forbidden == ("Handy",)


@pytest.mark.parametrize(
    ("name", "text", "words"),
    [
        ("bad.tbx", "<martif><text><body><termEntry>", "not well-formed XML"),
        ("other.xml", "<html><body/></html>", "not a TBX file"),
        ("empty.tsv", "source\ttarget\n", "no en→de terms"),
        ("one.tsv", "contract\n", "line 1: expected a source and a target column"),
    ],
)
def test_bad_glossaries_are_one_line_errors(tmp_path, name, text, words):
    with pytest.raises(InputError) as caught:
        read_glossary(write(tmp_path, name, text))
    assert words in str(caught.value) and "\n" not in str(caught.value)


def test_a_missing_glossary_file_is_an_input_error(tmp_path):
    with pytest.raises(InputError):
        read_glossary(tmp_path / "nope.tbx")


def test_glossary_hits_in_the_source(tmp_path):
    glossary = read_glossary(write(tmp_path, "g.tbx", TBX_2008))
    source = "The Contracts and the mobile phone's contract."
    hits = [(source[s:e], term.targets[0]) for s, e, term in glossary_hits(source, glossary)]
    assert hits == [
        ("Contracts", "Vertrag"),
        ("mobile phone's", "Mobiltelefon"),
        ("contract", "Vertrag"),
    ]
    assert glossary_hits("The contractor came.", glossary) == []


def _settings(tmp_path: Path) -> QaSettings:
    return QaSettings(glossary=read_glossary(write(tmp_path, "g.tbx", TBX_2008)))


def terms(source: str, target: str, settings: QaSettings) -> list:
    return [
        f
        for f in check_unit(source, target, settings)
        if f.rule_id in ("GLOSSARY_TERM_MISSING", "FORBIDDEN_TERM")
    ]


def test_approved_term_found_inflected_or_in_a_compound(tmp_path):
    settings = _settings(tmp_path)
    for target in (
        "Der Vertrag ist gültig.",
        "Die Bedingungen des Vertrags gelten.",
        "Der Mietvertrag ist gültig.",
    ):
        assert terms("The contract is valid.", target, settings) == []


def test_approved_term_missing_is_a_warning(tmp_path):
    [flag] = terms("The contract is valid.", "Das Abkommen ist gültig.", _settings(tmp_path))
    assert flag.rule_id == "GLOSSARY_TERM_MISSING" and flag.category == "terminology"
    assert flag.severity is Severity.WARNING and "Vertrag" in flag.message


def test_forbidden_term_is_an_error_with_the_approved_term(tmp_path):
    target = "Mein Handy ist kaputt."
    [flag] = terms("My mobile phone is broken.", target, _settings(tmp_path))
    assert flag.rule_id == "FORBIDDEN_TERM" and flag.severity is Severity.ERROR
    assert target[flag.start : flag.end] == "Handy"
    assert flag.suggestions == ("Mobiltelefon",)
    assert (
        terms("My mobile phone is broken.", "Mein Mobiltelefon ist kaputt.", _settings(tmp_path))
        == []
    )


def test_without_a_glossary_the_terminology_rules_are_silent():
    assert terms("The contract.", "Das Abkommen.", QaSettings()) == []
