"""The bilingual path through the real command line: `report` on XLIFF, PO, TSV and a
line-aligned pair (source-aware flags, sources and unit ids in the report, the same report
whatever --jobs is), `diff` of two XLIFF files, and one-line errors for bad input."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from review_app.bilingual.formats import read_bilingual, write_bilingual
from review_app.cli import main
from tests.cli_support import isolate, one_line

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "corpus" / "bilingual"
XLIFF = SAMPLES / "wmt24-sample.en-de.xlf"
GLOSSARY = SAMPLES / "glossary.en-de.tsv"

XLIFF_12 = """<?xml version="1.0" encoding="UTF-8"?>
<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2">
  <file source-language="en" target-language="de" datatype="plaintext" original="a.txt">
    <body>
      <trans-unit id="a1">
        <source>The meeting starts at 5 p.m. on March 3.</source>
        <target state="translated">Die Sitzung beginnt am 4. März um 17 Uhr.</target>
      </trans-unit>
      <trans-unit id="a2">
        <source>Mr Scholz met Olaf Biden in Berlin.</source>
        <target state="translated">Herr Scholz traf Olaf Biden in Berlin.</target>
      </trans-unit>
      <trans-unit id="a3">
        <source>Open <g id="1">Settings</g> now.</source>
        <target>Öffne jetzt Einstellungen.</target>
      </trans-unit>
    </body>
  </file>
</xliff>
"""


@pytest.fixture(autouse=True)
def _isolated(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    isolate(tmp_path, monkeypatch)


def _json_report(capsys: pytest.CaptureFixture[str], *args: str) -> dict:
    code = main(["report", *args, "-f", "json", "-q", "--fail-on", "never"])
    assert code == 0
    return json.loads(capsys.readouterr().out)


def _flags(report: dict) -> list[dict]:
    return [flag for file in report["files"] for flag in file["flags"]]


def test_a_report_of_an_xliff_has_source_aware_flags_with_sources_and_unit_ids(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "job.xlf"
    path.write_text(XLIFF_12, encoding="utf-8")
    report = _json_report(capsys, str(path), "-j", "1")
    flags = _flags(report)
    by_rule = {(flag["unit_id"], flag["rule_id"]) for flag in flags}
    assert ("a1", "DATE_MISMATCH") in by_rule  # March 3 → 4. März
    assert ("a3", "TAG_MISMATCH") in by_rule  # <g> dropped
    assert not any(f["unit_id"] == "a1" and f["rule_id"] == "TIME_MISMATCH" for f in flags)
    sentences = report["files"][0]["sentences"]
    first = next(s for s in sentences if s["unit_id"] == "a1")
    assert first["source"] == "The meeting starts at 5 p.m. on March 3."
    assert report["files"][0]["segments"] == 3
    # names copied from the source are never spelling flags
    assert not any(f["unit_id"] == "a2" and f["text"] in ("Biden", "Scholz") for f in flags)


def test_every_sample_gives_the_same_report_whatever_jobs_is(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("REVIEW_APP_CHUNK_CHARACTERS", "1500")  # several chunks a file
    paths = [str(p) for p in sorted(SAMPLES.iterdir()) if ".errors." not in p.name]
    paths.remove(str(GLOSSARY))
    outputs = []
    for jobs in ("1", "2"):
        out = tmp_path / f"r{jobs}.jsonl"
        code = main(
            ["report", *paths, "-f", "jsonl", "-o", str(out), "-q", "-j", jobs,
             "--glossary", str(GLOSSARY), "--fail-on", "never"]
        )  # fmt: skip
        assert code == 0
        outputs.append([json.loads(line) for line in out.read_text().splitlines()])
    strip = lambda records: [r for r in records if r.get("type") != "summary"]  # noqa: E731
    assert strip(outputs[0]) == strip(outputs[1])
    flags = [r for r in outputs[0] if r.get("type", "flag") == "flag" and "rule_id" in r]
    assert {r["rule_id"] for r in flags} >= {"FORBIDDEN_TERM", "PLACEHOLDER_MISMATCH"}
    assert all(r["unit_id"] for r in flags)


def test_consistency_hints_span_the_whole_file_across_chunks(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("REVIEW_APP_CHUNK_CHARACTERS", "60")  # one unit a chunk
    rows = ["source\ttarget", "Save\tSpeichern", "Open the file.\tÖffnen Sie die Datei.",
            "Save\tSichern"]  # fmt: skip
    path = tmp_path / "ui.tsv"
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    flags = _flags(_json_report(capsys, str(path), "-j", "2"))
    same = [f for f in flags if f["rule_id"] == "SAME_SOURCE_DIFFERENT_TARGET"]
    assert sorted(f["unit_id"] for f in same) == ["1", "3"]


def test_a_line_aligned_pair_is_reported_with_its_source(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "src.en.txt").write_text("It costs 25 euros.\nSee https://example.org.\n")
    (tmp_path / "mt.de.txt").write_text("Es kostet 52 Euro.\nSiehe die Webseite.\n")
    flags = _flags(_json_report(capsys, "mt.de.txt", "--source", "src.en.txt"))
    rules = {(f["unit_id"], f["rule_id"]) for f in flags}
    assert ("1", "NUMBER_MISMATCH") in rules
    assert ("2", "URL_MISMATCH") in rules


def test_a_line_count_mismatch_is_one_line_and_exit_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "src.en.txt").write_text("One.\nTwo.\nThree.\n")
    (tmp_path / "mt.de.txt").write_text("Eins.\nZwei.\n")
    assert main(["report", "mt.de.txt", "--source", "src.en.txt", "-q"]) == 2
    line = one_line(capsys.readouterr().err)
    assert "3" in line and "2" in line


def test_malformed_xliff_is_one_line_and_exit_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "bad.xlf").write_text(XLIFF_12.replace("</target>", "", 1), encoding="utf-8")
    assert main(["report", "bad.xlf", "-q"]) == 2
    assert "bad.xlf" in one_line(capsys.readouterr().err)


def test_a_glossary_that_cannot_be_read_is_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "job.xlf").write_text(XLIFF_12, encoding="utf-8")
    assert main(["report", "job.xlf", "--glossary", "missing.tbx", "-q"]) == 2
    assert "missing.tbx" in one_line(capsys.readouterr().err)


def test_diff_of_two_xliff_files_compares_their_targets_unit_by_unit(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    text = XLIFF.read_text(encoding="utf-8")
    file = read_bilingual(text, str(XLIFF), "xliff")
    edited = file.units[1].target.replace("nehmen", "steigen")
    assert edited != file.units[1].target
    revised = tmp_path / "revised.xlf"
    revised.write_text(write_bilingual(text, file, {1: edited}, {}), encoding="utf-8")
    assert main(["diff", str(XLIFF), str(revised), "-f", "json"]) == 0
    result = json.loads(capsys.readouterr().out)
    changed = [s for s in result["sentences"] if s["kind"] != "equal"]
    assert len(changed) == 1
    assert "steigen" in json.dumps(changed[0], ensure_ascii=False)


def test_diff_of_a_plain_file_and_an_xliff_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "plain.txt").write_text("Ein Satz.\n")
    assert main(["diff", "plain.txt", str(XLIFF)]) == 2
    assert "plain text" in one_line(capsys.readouterr().err)


@pytest.mark.parametrize("fmt", ["text", "markdown", "html"])
def test_inline_tags_show_as_a_symbol_in_reports_for_people(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], fmt: str
) -> None:
    path = tmp_path / "job.xlf"
    path.write_text(XLIFF_12, encoding="utf-8")
    assert main(["report", str(path), "-f", fmt, "-q", "--fail-on", "never"]) == 0
    out = capsys.readouterr().out
    assert "Open ◈Settings◈ now." in out  # unit a3's source, tags as ◈
    assert not any(0xE000 <= ord(char) <= 0xF8FF for char in out)


@pytest.mark.parametrize("command", ["report", "review"])
@pytest.mark.parametrize("target", ["src.en.txt", "terms.tsv"])
def test_output_onto_the_source_or_the_glossary_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], command: str, target: str
) -> None:
    (tmp_path / "src.en.txt").write_text("It costs 25 euros.\n")
    (tmp_path / "mt.de.txt").write_text("Es kostet 52 Euro.\n")
    (tmp_path / "terms.tsv").write_text("source\ttarget\neuro\tEuro\n")
    before = {p.name: p.read_bytes() for p in tmp_path.iterdir() if p.is_file()}
    args = [command, "mt.de.txt", "--source", "src.en.txt", "--glossary", "terms.tsv"]
    assert main([*args, "-o", target]) == 2
    assert target in one_line(capsys.readouterr().err)
    assert {p.name: p.read_bytes() for p in tmp_path.iterdir() if p.is_file()} == before
