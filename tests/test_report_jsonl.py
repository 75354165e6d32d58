"""`report --format jsonl`: one object a line as results arrive, the same data as the JSON
report; `--resume` after a killed run gives the report an uninterrupted run gives."""

from __future__ import annotations

import contextlib
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import jsonschema
import psutil
import pytest

from review_app.batch.chunks import CHUNK_CHARACTERS_ENV
from review_app.cli import main
from tests.cli_support import isolate, one_line

ROOT = Path(__file__).resolve().parents[1]
CORPUS = sorted((ROOT / "corpus").glob("*.mt.de.txt"))
TEXT = "".join(p.read_text(encoding="utf-8") for p in CORPUS)
CHILD_ENV = {"PYTHONPATH": str(ROOT)}  # the checkout under test, whatever is installed
SCHEMA = json.loads((ROOT / "docs" / "report.schema.json").read_text(encoding="utf-8"))
LINE_SCHEMA = {"$schema": SCHEMA["$schema"], "$defs": SCHEMA["$defs"], "$ref": "#/$defs/jsonl_line"}


@pytest.fixture(autouse=True)
def isolated(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    isolate(tmp_path, monkeypatch)
    monkeypatch.setenv(CHUNK_CHARACTERS_ENV, "2500")


def texts(folder: Path, files: int = 3) -> Path:
    """`files` texts (each of several chunks), and a binary file after the first."""
    folder.mkdir()
    for i in range(files):
        (folder / f"t{i:02d}.txt").write_text(TEXT * (2 + i % 2), encoding="utf-8")
    (folder / "t00b.txt").write_bytes(b"\x00\x01\x02\x03" * 50)
    return folder


def records(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def test_jsonl_holds_what_the_json_report_holds(tmp_path: Path, capsys) -> None:
    folder = texts(tmp_path / "texts")
    for fmt in ("json", "jsonl"):
        # in this process (-j 1): the workers' part is test_report_jobs's
        assert main(["report", str(folder), "-f", fmt, "-o", f"r.{fmt}", "-q", "-j", "1"]) == 2
    capsys.readouterr()
    data = json.loads((tmp_path / "r.json").read_text(encoding="utf-8"))
    jsonschema.validate(data, SCHEMA)
    lines = records(tmp_path / "r.jsonl")
    for line in lines:
        jsonschema.validate(line, LINE_SCHEMA)
    assert lines[0] == {"type": "report", "version": 2}
    assert [r["type"] for r in lines[-1:]] == ["summary"]
    by_file: dict[str, dict] = {}
    for record in lines[1:-1]:
        kind = record.pop("type")
        if kind in ("flag", "sentence"):
            entry = by_file.setdefault(record.pop("file"), {"sentences": [], "flags": []})
            entry[f"{kind}s"].append(record)
        elif kind == "file":
            entry = by_file.setdefault(record["path"], {"sentences": [], "flags": []})
            assert record["flags"] == len(entry["flags"])
            assert record["by_severity"] == {
                s: sum(f["severity"] == s for f in entry["flags"])
                for s in ("error", "warning", "hint")
            }
            assert record["checker"] == data["checker"]
            entry.update({k: record[k] for k in ("path", "encoding", "notices", "segments")})
        else:
            assert kind == "failure"
            assert record == data["failures"][0]
    assert list(by_file.values()) == data["files"]
    summary = lines[-1]
    assert summary.pop("checker") == data["checker"]
    assert summary.pop("failures") == 1 and summary.pop("version") == 2
    summary.pop("type")
    assert summary == data["summary"]
    # each flagged sentence once, just before its first flag
    kinds = [(r["type"], r.get("segment")) for r in records(tmp_path / "r.jsonl")]
    for (kind, segment), (before, before_segment) in zip(kinds[1:], kinds, strict=False):
        if kind == "flag" and before == "flag":
            assert segment >= before_segment


def run(*args: str, **kwargs) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "review_app", "report", *args],
        env={**os.environ, **CHILD_ENV},
        capture_output=True,
        text=True,
        timeout=300,
        **kwargs,
    )


def kill_after_first_file(args: list[str], out: Path) -> set[int]:
    """Start the report, SIGKILL it as soon as `out` holds a finished file; its workers."""
    command = [sys.executable, "-m", "review_app", "report", *args]
    child = subprocess.Popen(command, env={**os.environ, **CHILD_ENV}, stderr=subprocess.DEVNULL)
    workers: set[int] = set()
    deadline = time.monotonic() + 240
    try:
        while time.monotonic() < deadline and child.poll() is None:
            with contextlib.suppress(psutil.Error):
                workers |= {p.pid for p in psutil.Process(child.pid).children(recursive=True)}
            if out.exists() and b'\n{"type":"file",' in out.read_bytes():
                child.send_signal(signal.SIGKILL)
                break
            time.sleep(0.005)
    finally:
        child.kill()
        child.wait()
    assert child.returncode == -signal.SIGKILL, "the run ended before it could be killed"
    return workers


def test_a_killed_run_resumes_to_the_report_of_an_uninterrupted_one(tmp_path: Path) -> None:
    folder = texts(tmp_path / "texts", files=5)
    args = [str(folder), "-f", "jsonl", "--fail-on", "never", "-q"]
    # the reference in one process: --jobs 1 and 2 give the same bytes (test_report_jobs)
    whole = run(*args, "-o", "whole.jsonl", "--jobs", "1", cwd=tmp_path)
    assert whole.returncode == 2, whole.stderr  # the binary file
    out = tmp_path / "killed.jsonl"
    workers = kill_after_first_file([*args, "-o", str(out), "--jobs", "2"], out)
    killed = out.read_bytes()
    done = records_of(killed)
    assert 1 <= sum(r.startswith(b'{"type":"file"') for r in done) < 5
    assert not any(r.startswith(b'{"type":"summary"') for r in done)
    assert len(workers) >= 2
    for pid in workers:  # the workers do not outlive their parent (TimeoutExpired if they do)
        with contextlib.suppress(psutil.NoSuchProcess):
            psutil.Process(pid).wait(timeout=20)
    resumed = run(*args, "-o", str(out), "--resume", "--jobs", "2", cwd=tmp_path)
    assert resumed.returncode == 2, resumed.stderr
    assert out.read_bytes() == (tmp_path / "whole.jsonl").read_bytes()


def records_of(data: bytes) -> list[bytes]:
    return data.splitlines(keepends=True)


def test_resume_cuts_an_unfinished_file_and_a_torn_line(tmp_path: Path, capsys) -> None:
    folder = texts(tmp_path / "texts")
    args = ["report", str(folder), "-f", "jsonl", "-q", "--fail-on", "never", "-j", "1"]
    assert main([*args, "-o", "whole.jsonl"]) == 2
    whole = (tmp_path / "whole.jsonl").read_bytes()
    lines = records_of(whole)
    first, second, *_ = (i for i, r in enumerate(lines) if r.startswith(b'{"type":"file"'))
    assert second > first + 2  # flags of the second file between the two records
    cut = b"".join(lines[: first + 3]) + lines[first + 3][:17]  # its flags, a torn line
    out = tmp_path / "r.jsonl"
    for start in (cut, b"".join(lines[:1]), whole, b'{"type":"rep'):
        out.write_bytes(start)
        assert main([*args, "-o", str(out), "--resume"]) == 2
        assert out.read_bytes() == whole
    capsys.readouterr()


def test_resume_starts_afresh_without_a_report_and_refuses_other_files(
    tmp_path: Path, capsys
) -> None:
    (tmp_path / "a.txt").write_text(TEXT, encoding="utf-8")
    args = ["report", "a.txt", "-f", "jsonl", "-q", "--fail-on", "never", "--resume", "-j", "1"]
    assert main([*args, "-o", "new.jsonl"]) == 0
    assert records(tmp_path / "new.jsonl")[-1]["files"] == 1
    notes = tmp_path / "notes.jsonl"
    notes.write_text('{"my": "notes"}\n', encoding="utf-8")
    assert main([*args, "-o", str(notes)]) == 2
    assert "notes.jsonl: not a review-app JSONL report" in one_line(capsys.readouterr().err)
    assert notes.read_text(encoding="utf-8") == '{"my": "notes"}\n'
    assert main([*args, "-o", "/dev/null"]) == 2
    assert "--resume needs a regular file" in one_line(capsys.readouterr().err)


def test_the_exit_code_counts_the_files_resumed(tmp_path: Path, capsys) -> None:
    """Errors found before the kill make exit code 1, also when --min-severity hid them."""
    (tmp_path / "a.txt").write_text(TEXT, encoding="utf-8")
    (tmp_path / "b.txt").write_text("Ein Satz ohne Fehler.\n", encoding="utf-8")
    args = [
        "report",
        "-f",
        "jsonl",
        "-q",
        "--min-severity",
        "error",
        "--fail-on",
        "warning",
        "-j",
        "1",
    ]
    assert main([*args, "a.txt", "-o", "r.jsonl"]) == 1
    [file] = [r for r in records(tmp_path / "r.jsonl") if r["type"] == "file"]
    assert file["worst"] == "error" and file["by_severity"]["warning"] == 0
    assert main([*args, "a.txt", "b.txt", "-o", "r.jsonl", "--resume"]) == 1
    summary = records(tmp_path / "r.jsonl")[-1]
    assert summary["files"] == 2 and summary["flags"] == file["flags"]
    assert main([*args, "b.txt", "-o", "clean.jsonl"]) == 0
    capsys.readouterr()
