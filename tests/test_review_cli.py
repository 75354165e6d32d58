"""`review-app review` refuses bad input on the command line, before any screen opens."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

SEED = Path(__file__).resolve().parents[1] / "corpus" / "putin-nordkorea.mt.de.txt"


def run_review(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "review_app", *args],
        capture_output=True,
        text=True,
        timeout=60,
        stdin=subprocess.DEVNULL,
        cwd=cwd,
        env={
            **os.environ,
            "REVIEW_APP_CONFIG_DIR": str(cwd / "config"),
            "REVIEW_APP_CACHE_DIR": str(cwd / "cache"),
        },
    )


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("missing.txt", None, "no such file"),
        ("binary.txt", b"\x00\x01\x02\x03", "binary"),
        ("empty.txt", b"", "empty file"),
    ],
)
def test_bad_files_are_one_line_errors(
    tmp_path: Path, name: str, content: bytes | None, message: str
) -> None:
    if content is not None:
        (tmp_path / name).write_bytes(content)
    result = run_review(str(tmp_path / name), cwd=tmp_path)
    assert result.returncode == 2
    assert result.stdout == ""  # no screen was drawn
    assert result.stderr.count("\n") == 1 and message in result.stderr


def test_languagetool_by_name_with_a_dead_server_fails_before_the_screen(tmp_path: Path) -> None:
    article = tmp_path / SEED.name
    article.write_bytes(SEED.read_bytes())
    result = run_review(
        "review",
        str(article),
        "--checker",
        "languagetool",
        "--languagetool-url",
        "http://127.0.0.1:9",
        cwd=tmp_path,
    )
    assert result.returncode == 2
    assert result.stdout == ""
    assert "does not answer" in result.stderr
    assert sorted(p.name for p in tmp_path.iterdir() if p.is_file()) == [SEED.name]
