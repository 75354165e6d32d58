"""Shared fixtures. LanguageTool: a test server, an isolated cache, a fake install and `java`."""

from __future__ import annotations

import os
import stat
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.lt_server import LTServer

LT_SERVER_SCRIPT = Path(__file__).with_name("lt_server.py")

# A stand-in for `java`: answers `-version` like OpenJDK, and for the command language-tool-
# python builds (`java -cp <jar> org.languagetool.server.HTTPServer -p <port>`) it becomes
# (exec, same process id) the test LanguageTool server on that port.
FAKE_JAVA = """#!{python}
import json, os, sys
args = sys.argv[1:]
if args and args[0] == "-version":
    default = 'openjdk version "17.0.9" 2023-10-17'
    sys.stderr.write(os.environ.get("FAKE_JAVA_VERSION", default) + "\\n")
    sys.exit(0)
log = os.environ.get("FAKE_JAVA_LOG")
if log:
    with open(log, "a", encoding="utf-8") as handle:
        handle.write(json.dumps({{"pid": os.getpid(), "argv": sys.argv}}) + "\\n")
if os.environ.get("FAKE_JAVA_FAIL"):
    sys.exit(os.environ["FAKE_JAVA_FAIL"])
if "org.languagetool.server.HTTPServer" not in args or "-cp" not in args:
    sys.exit("fake java: not a LanguageTool server command")
port = args[args.index("-p") + 1]
os.execv(sys.executable, [sys.executable, {server!r}, "--port", port,
    "--slow-seconds", os.environ.get("FAKE_LT_SLOW", "3")])
"""


@pytest.fixture
def lt_server() -> Iterator[LTServer]:
    """A LanguageTool-compatible server on 127.0.0.1 at a free port."""
    server = LTServer().start()
    yield server
    server.stop()


@pytest.fixture
def lt_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Each test its own flag cache and config folder."""
    folder = tmp_path / "cache"
    monkeypatch.setenv("REVIEW_APP_CACHE_DIR", str(folder))
    monkeypatch.setenv("REVIEW_APP_CONFIG_DIR", str(tmp_path / "config"))
    monkeypatch.delenv("REVIEW_APP_LANGUAGETOOL_URL", raising=False)
    monkeypatch.delenv("REVIEW_APP_CHECKER", raising=False)
    return folder


@pytest.fixture
def fake_java(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A fake `java` first on PATH; FAKE_JAVA_LOG records every server it launches."""
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    java = bin_dir / "java"
    java.write_text(FAKE_JAVA.format(python=sys.executable, server=str(LT_SERVER_SCRIPT)))
    java.chmod(java.stat().st_mode | stat.S_IXUSR | stat.S_IXGRP | stat.S_IXOTH)
    monkeypatch.setenv("PATH", f"{bin_dir}{os.pathsep}{os.environ.get('PATH', '')}")
    monkeypatch.setenv("FAKE_JAVA_LOG", str(tmp_path / "java-launches.jsonl"))
    return java


@pytest.fixture
def fake_install(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """language-tool-python's download folder (LTP_PATH) holding LanguageTool 6.6."""
    folder = tmp_path / "ltp"
    install = folder / "LanguageTool-6.6"
    install.mkdir(parents=True)
    (install / "languagetool-server.jar").write_bytes(b"PK\x05\x06" + b"\0" * 18)
    monkeypatch.setenv("LTP_PATH", str(folder))
    monkeypatch.delenv("LTP_JAR_DIR_PATH", raising=False)
    return install
