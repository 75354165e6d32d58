"""Helpers for driving the real `review-app` command line in tests."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from typing import IO, Any

import pytest


def isolate(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Config, cache and crash logs in `tmp_path`, the offline checker, `tmp_path` as the
    working folder: no setting of the calling user or shell reaches the run."""
    monkeypatch.setenv("REVIEW_APP_CONFIG_DIR", str(tmp_path / "config"))
    monkeypatch.setenv("REVIEW_APP_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setenv("REVIEW_APP_LOG_DIR", str(tmp_path / "logs"))
    monkeypatch.setenv("REVIEW_APP_CHECKER", "offline")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def write_pair(folder: Path, original: str, revised: str) -> tuple[Path, Path]:
    """`mt.txt` and `revised.txt` in `folder`, as UTF-8."""
    a, b = folder / "mt.txt", folder / "revised.txt"
    a.write_text(original, encoding="utf-8")
    b.write_text(revised, encoding="utf-8")
    return a, b


def run_cli(
    *args: str,
    stdin: bytes | None = None,
    stdin_file: int | IO[Any] = subprocess.DEVNULL,
    text: bool = False,
    timeout: float = 60,
) -> subprocess.CompletedProcess[Any]:
    """The installed CLI in a child process; `stdin` bytes or a file as its standard input."""
    return subprocess.run(
        [sys.executable, "-m", "review_app", *args],
        **({"input": stdin} if stdin is not None else {"stdin": stdin_file}),
        capture_output=True,
        text=text,
        timeout=timeout,
    )


def one_line(stderr: str | bytes) -> str:
    """The only line on stderr (and no traceback, no raw escape or carriage return)."""
    text = stderr.decode("utf-8") if isinstance(stderr, bytes) else stderr
    assert "Traceback" not in text
    lines = text.splitlines()
    assert len(lines) == 1, text
    assert "\x1b" not in lines[0] and "\r" not in lines[0]
    return lines[0]
