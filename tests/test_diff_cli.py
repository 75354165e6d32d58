"""`review-app diff` as a user runs it: formats, files, encodings, exit codes, one-line errors."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from review_app.cli import main

ORIGINAL = (
    "Die Lockereung der Regeln kam spät. Die Lockereung war nötig.\n"
    "Der Präsident reiste nach Pjöngjang, und er traf Kim.\n"
    "\n"
    "Das bleibt so.\n"
)
REVISED = (
    "Die Lockerung der Regeln kam spät. Die Lockerung war nötig.\n"
    "Der Präsident reiste nach Pjöngjang. Er traf Kim.\n"
    "\n"
    "Das bleibt so.\n"
)


@pytest.fixture(autouse=True)
def crash_logs_in_tmp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("REVIEW_APP_LOG_DIR", str(tmp_path / "logs"))


@pytest.fixture
def pair(tmp_path: Path) -> tuple[Path, Path]:
    a, b = tmp_path / "mt.txt", tmp_path / "revised.txt"
    a.write_text(ORIGINAL, encoding="utf-8")
    b.write_text(REVISED, encoding="utf-8")
    return a, b


def run_json(capsys: pytest.CaptureFixture[str], *args: str) -> dict:
    assert main(["diff", *args, "--format", "json"]) == 0
    return json.loads(capsys.readouterr().out)


def test_json_has_the_documented_fields(pair, capsys) -> None:
    data = run_json(capsys, *map(str, pair))
    assert data["version"] == 1
    assert {
        "original",
        "revised",
        "line_mode",
        "scores",
        "counts",
        "corrections",
        "units",
        "sentences",
        "sentence_signatures",
        "empty_revision",
        "notes",
    } <= data.keys()
    assert data["line_mode"] == "lines" and len(data["units"]) == 4
    scores = {s["name"]: s for s in data["scores"]}
    assert set(scores) == {"HTER", "chrF", "chrF++", "BLEU"}
    assert (
        scores["HTER"]["signature"].startswith("TER|")
        and "case:mixed" in scores["HTER"]["signature"]
    )
    assert data["corrections"][0] == {"before": "Lockereung", "after": "Lockerung", "count": 2}
    assert data["counts"]["sentences_split"] == 1
    kinds = [s["kind"] for s in data["sentences"]]
    assert kinds == ["edited", "edited", "split", "equal"]
    first = data["sentences"][0]
    assert ORIGINAL[slice(*first["original_span"])] == first["original"]
    assert "".join(op["original"] for op in first["ops"]) == first["original"]
    assert "".join(op["revised"] for op in first["ops"]) == first["revised"]


def test_html_is_one_self_contained_file(pair, tmp_path) -> None:
    out = tmp_path / "diff.html"
    assert main(["diff", *map(str, pair), "--format", "html", "-o", str(out)]) == 0
    html = out.read_text(encoding="utf-8")
    assert html.startswith("<!DOCTYPE html>") and "<style>" in html
    assert not re.search(r"<script|<link|\bsrc=|url\(|@import|https?://", html)
    assert "<del>Lockereung</del>" in html and "<ins>Lockerung</ins>" in html
    assert "TER|nrefs:1|case:mixed" in html


def test_text_and_markdown(pair, capsys) -> None:
    assert main(["diff", *map(str, pair)]) == 0
    text = capsys.readouterr().out
    assert "[-Lockereung-]{+Lockerung+}" in text  # not a terminal: wdiff-style markers
    assert "Lockereung → Lockerung ×2" in text
    assert re.search(r"HTER\s+\d+\.\d\d", text)
    assert main(["diff", *map(str, pair), "-f", "markdown"]) == 0
    markdown = capsys.readouterr().out
    assert "~~Lockereung~~**Lockerung**" in markdown
    assert "`TER\\|nrefs:1\\|case:mixed" in markdown


def test_unified(pair, capsys) -> None:
    assert main(["diff", *map(str, pair), "--unified"]) == 0
    out = capsys.readouterr().out
    assert out.startswith(f"--- {pair[0]}\n+++ {pair[1]}\n@@")
    assert "-Der Präsident reiste nach Pjöngjang, und er traf Kim.\n" in out
    assert "+Der Präsident reiste nach Pjöngjang. Er traf Kim.\n" in out


def test_different_encodings_are_each_read_correctly(tmp_path, capsys) -> None:
    a, b = tmp_path / "mt.txt", tmp_path / "revised.txt"
    a.write_bytes(ORIGINAL.encode("cp1252"))
    b.write_bytes(b"\xef\xbb\xbf" + ORIGINAL.replace("Lockereung", "Lockerung").encode("utf-8"))
    data = run_json(capsys, str(a), str(b))
    assert (data["original"]["encoding"], data["revised"]["encoding"]) == ("cp1252", "utf-8-sig")
    changed = [s for s in data["sentences"] if s["kind"] != "equal"]
    assert changed[0]["original"].startswith("Die Lockereung der Regeln")
    assert data["corrections"] == [{"before": "Lockereung", "after": "Lockerung", "count": 2}]


def test_empty_revision_says_so(pair, capsys) -> None:
    pair[1].write_text("", encoding="utf-8")
    data = run_json(capsys, *map(str, pair))
    assert data["empty_revision"] is True
    assert all(s["value"] is None for s in data["scores"])
    assert any("empty" in note for note in data["notes"])
    assert main(["diff", *map(str, pair)]) == 0
    assert "undefined: the revision is empty" in capsys.readouterr().out


def test_fail_above_hter(pair) -> None:
    assert (
        main(["diff", *map(str, pair), "--fail-above-hter", "1", "-f", "json", "-o", "/dev/null"])
        == 1
    )
    assert (
        main(["diff", *map(str, pair), "--fail-above-hter", "99", "-f", "json", "-o", "/dev/null"])
        == 0
    )


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (lambda d: d / "missing.txt", "no such file"),
        (
            lambda d: (d / "bin.txt").write_bytes(b"\x7fELF\x00\x01\x02\x00") and d / "bin.txt",
            "binary",
        ),
        (lambda d: (d / "folder").mkdir() or d / "folder", "folder"),
    ],
)
def test_bad_input_is_one_line_and_exit_2(pair, tmp_path, make, message) -> None:
    bad = make(tmp_path)
    for args in ([str(bad), str(pair[1])], [str(pair[0]), str(bad)]):
        result = subprocess.run(
            [sys.executable, "-m", "review_app", "diff", *args],
            capture_output=True,
            text=True,
            timeout=60,
        )
        assert result.returncode == 2
        assert result.stdout == ""
        lines = result.stderr.strip().splitlines()
        assert len(lines) == 1 and message in lines[0] and "Traceback" not in result.stderr


def test_empty_original_is_an_error(pair, capsys) -> None:
    pair[0].write_text("", encoding="utf-8")
    assert main(["diff", *map(str, pair)]) == 2
    assert "empty file" in capsys.readouterr().err


def test_output_to_a_device_by_its_name(pair) -> None:
    """`-o /dev/stdout` writes through the pipe it names (it is not replaced, nor resolved to
    /proc/PID/fd/pipe:[N])."""
    args = ["diff", *map(str, pair), "-f", "json", "-o", "/dev/stdout"]
    result = subprocess.run(
        [sys.executable, "-m", "review_app", *args],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0 and result.stderr == ""
    assert json.loads(result.stdout)["version"] == 1


def test_blank_revision_keeps_its_text(pair, capsys) -> None:
    pair[1].write_bytes(b"\xef\xbb\xbf \r\n")
    data = run_json(capsys, *map(str, pair))
    assert data["empty_revision"] is True
    assert data["revised"]["encoding"] == "utf-8-sig"
