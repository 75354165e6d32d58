"""`review-app report` as a user runs it: exit codes, one-line errors, formats."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest

from review_app.cli import main
from tests import cli_support
from tests.cli_support import isolate

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "corpus"
SEED = CORPUS / "putin-nordkorea.mt.de.txt"


@pytest.fixture(autouse=True)
def isolated_config(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    isolate(tmp_path, monkeypatch)


def run_cli(*args: str) -> subprocess.CompletedProcess[str]:
    return cli_support.run_cli(*args, text=True, timeout=120)


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (lambda d: d / "missing.txt", "no such file"),
        (lambda d: (d / "empty-folder").mkdir() or d / "empty-folder", "no text files"),
        (lambda d: (d / "bin.txt").write_bytes(b"\x7fELF\x00\x01\x02") and d / "bin.txt", "binary"),
        (lambda d: (d / "empty.txt").write_bytes(b"") or d / "empty.txt", "empty file"),
    ],
)
def test_bad_input_is_one_line_and_exit_2(tmp_path: Path, make, message: str) -> None:
    path = make(tmp_path)
    result = run_cli("report", str(path))
    assert result.returncode == 2
    assert message in result.stderr
    assert "Traceback" not in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


def test_unwritable_output_is_one_line(tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    target = tmp_path / "no" / "such" / "dir" / "r.json"
    assert main(["report", str(SEED), "-q", "-o", str(target)]) == 2
    assert capsys.readouterr().err == (
        f"review-app: error: {target}: cannot write (its folder does not exist)\n"
    )
    assert not (tmp_path / "no").exists()


def test_seed_article_json_report_names_the_known_errors(tmp_path: Path) -> None:
    out = tmp_path / "report.json"
    result = run_cli("report", str(SEED), "--format", "json", "-o", str(out))
    assert result.returncode == 1, result.stderr
    assert "checker: offline" in result.stderr
    data = json.loads(out.read_text(encoding="utf-8"))
    assert data["checker"]["name"] == "offline"
    firsts = {f["text"]: f["suggestions"][0] for f in data["files"][0]["flags"] if f["suggestions"]}
    assert firsts["Trotzdessen"] == "Trotzdem"
    assert firsts["Lockereung"] == "Lockerung"
    assert firsts["lachelte"] == "lächelte"
    text = SEED.read_text(encoding="utf-8")
    for flag in data["files"][0]["flags"]:
        assert text[flag["span"][0] : flag["span"][1]] == flag["text"]


def test_fail_on_never_and_formats_to_stdout(tmp_path: Path) -> None:
    result = run_cli("report", str(SEED), "--format", "markdown", "--fail-on", "never")
    assert result.returncode == 0
    assert result.stdout.startswith("# Grammar report")
    assert "Lockereung" in result.stdout
    html = run_cli("report", str(SEED), "--format", "html", "--fail-on", "never").stdout
    assert '<mark class="error">Lockereung</mark>' in html


def test_default_command_text_report_on_the_corpus_folder() -> None:
    result = run_cli("report", str(CORPUS), "--fail-on", "never")
    assert result.returncode == 0
    assert "putin-nordkorea.mt.de.txt" in result.stdout
    assert "Summary" in result.stdout
