"""Report data and its four renderings."""

from __future__ import annotations

import json
import re
from pathlib import Path

import jsonschema
import pytest

from review_app.checking import Severity
from review_app.errors import InputError
from review_app.report.build import build_report, collect_paths, load_files
from review_app.report.render_html import render_html
from review_app.report.render_json import render_json, report_to_data
from review_app.report.render_markdown import render_markdown
from review_app.report.render_text import render_text
from tests.wordchecker import WordChecker

ROOT = Path(__file__).resolve().parents[1]
SCHEMA = json.loads((ROOT / "docs" / "report.schema.json").read_text())
KNOWN = {
    "Lockereung": ("Lockerung", Severity.ERROR),
    "Kinderwelle": ("Kinderwellen", Severity.HINT),
    "Atomdeterrent": ("atomare Abschreckung", Severity.WARNING),
}


@pytest.fixture()
def texts(tmp_path: Path) -> Path:
    folder = tmp_path / "texts"
    (folder / "sub").mkdir(parents=True)
    (folder / "a.txt").write_text("zum Inhalt\n\nDie Lockereung kam. Gut.\r\nKinderwelle <b>!\n")
    (folder / "sub" / "b.md").write_bytes("Über Atomdeterrent & Größe.\n".encode("cp1252"))
    (folder / "a.revised.txt").write_text("not to be checked")
    (folder / "image.png").write_bytes(b"\x89PNG\x00")
    return folder


def make_report(folder: Path, known: dict | None = None):
    loaded, failures = load_files(collect_paths([folder]))
    return build_report(loaded, WordChecker(known or KNOWN), failures)


def test_collect_paths_takes_text_files_only(texts: Path) -> None:
    assert [p.relative_to(texts).as_posix() for p in collect_paths([texts])] == [
        "a.txt",
        "sub/b.md",
    ]
    empty = texts / "empty"
    empty.mkdir()
    with pytest.raises(InputError, match="no text files"):
        collect_paths([empty])
    with pytest.raises(InputError, match="no such file"):
        collect_paths([texts / "nope.txt"])


def test_flags_are_located_in_segment_and_file(texts: Path) -> None:
    report = make_report(texts)
    a, b = report.files
    text = (texts / "a.txt").read_bytes().decode("utf-8")
    first = a.flags[0]
    assert (first.text, first.segment, first.line, first.column) == ("Lockereung", 1, 3, 5)
    assert text[first.start : first.end] == "Lockereung"
    context = first.context[first.segment_start - first.context_start :]
    assert context.startswith("Lockereung")
    assert [(s.segment, s.line, s.text) for s in a.sentences] == [
        (1, 3, "Die Lockereung kam."),
        (3, 4, "Kinderwelle <b>!"),
    ]
    second = a.flags[1]
    assert (second.text, second.line, second.column) == ("Kinderwelle", 4, 1)
    assert text[second.start : second.end] == "Kinderwelle"
    assert b.encoding == "cp1252"
    assert len(b.notices) == 1 and "CP1252" in b.notices[0]
    assert b.flags[0].suggestions == ("atomare Abschreckung",)
    assert report.summary.by_severity == {"error": 1, "warning": 1, "hint": 1}
    assert report.summary.by_rule == {"TEST_WORD": 3}


def test_exit_codes_follow_fail_on(texts: Path) -> None:
    report = make_report(texts)
    assert report.exit_code("error") == 1
    assert report.exit_code("never") == 0
    only_hint = make_report(texts, {"Kinderwelle": ("x", Severity.HINT)})
    assert only_hint.exit_code("error") == 0
    assert only_hint.exit_code("warning") == 0
    assert only_hint.exit_code("hint") == 1


def test_unreadable_file_is_a_failure_not_a_crash(texts: Path) -> None:
    bad = texts / "binary.txt"
    bad.write_bytes(b"abc\x00\x01\x02def")
    report = make_report(texts)
    assert [f.path for f in report.failures] == [str(bad)]
    assert "binary" in report.failures[0].error
    assert report.exit_code("never") == 2


def test_json_matches_schema_and_carries_everything(texts: Path) -> None:
    report = make_report(texts)
    data = json.loads(render_json(report))
    jsonschema.validate(data, SCHEMA)
    assert data["version"] == 2
    assert data["checker"] == {"name": "offline", "description": "word list (tests)"}
    flag = data["files"][0]["flags"][0]
    assert flag["span"][1] - flag["span"][0] == len("Lockereung")
    assert flag["segment_span"] == [4, 14]
    assert flag["context"] == "Die Lockereung kam." and flag["context_start"] == 0
    assert data["files"][0]["sentences"][0] == {
        "segment": 1,
        "segment_number": 2,
        "span": [12, 31],
        "line": 3,
        "text": "Die Lockereung kam.",
        "source": None,
        "unit_id": None,
    }
    assert (flag["segment"], flag["segment_number"], flag["unit_id"]) == (1, 2, None)
    assert flag["severity"] == "error" and flag["suggestions"] == ["Lockerung"]
    assert report_to_data(report) == data


def test_html_is_self_contained_and_escaped(texts: Path) -> None:
    html = render_html(make_report(texts))
    assert html.startswith("<!DOCTYPE html>")
    assert not re.search(r"""(src|href)\s*=\s*["']?(https?:|//)""", html)
    assert "<script" not in html
    assert "&lt;b&gt;" in html and "<b>" not in html
    assert '<mark class="error">Lockereung</mark>' in html


def test_markdown_and_text_name_every_flag(texts: Path) -> None:
    report = make_report(texts)
    markdown = render_markdown(report)
    text = render_text(report)
    for word in ("Lockereung", "Kinderwelle", "Atomdeterrent"):
        assert word in markdown and word in text
    assert "| 3:5 | 2 | error | `Lockereung` | `Lockerung` |" in markdown  # Seg. from 1
    assert "\x1b[" not in text
    assert "3 flags: 1 error, 1 warning, 1 hint" in text


def test_min_severity_filters_flags_but_not_the_exit_code(texts: Path) -> None:
    report = make_report(texts)
    errors_only = report.at_least(Severity.ERROR)
    assert [f.text for r in errors_only.files for f in r.flags] == ["Lockereung"]
    assert errors_only.summary.by_severity == {"error": 1, "warning": 0, "hint": 0}
    assert report.at_least(Severity.HINT).summary == report.summary
