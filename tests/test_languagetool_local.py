"""Local mode: installs found where language-tool-python keeps them, the Java check, the
install and status commands, and a server we start being stopped on close, exit and signals.

The "LanguageTool" here is a fake install folder (LTP_PATH/LanguageTool-6.6 with a jar) and a
fake `java` on PATH that, for the exact command language-tool-python builds, becomes the test
LanguageTool server (tests/lt_server.py). What is proved: the process review-app starts with
that command is gone after close, exit, SIGTERM and SIGHUP. A real JVM is not started.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import psutil
import pytest
import requests

from review_app.checking.languagetool import LocalBackend, connect
from review_app.checking.languagetool_local import find_installs, find_java
from review_app.checking.select import make_checker
from review_app.cli import main
from review_app.config import CheckSettings, LanguageToolSettings, Settings
from review_app.errors import CheckerUnavailable, ReviewAppError
from tests.lt_server import LTServer

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "corpus" / "putin-nordkorea.mt.de.txt"

pytestmark = pytest.mark.usefixtures("lt_cache")


def launches() -> list[dict]:
    log = Path(os.environ["FAKE_JAVA_LOG"])
    if not log.is_file():
        return []
    return [json.loads(line) for line in log.read_text(encoding="utf-8").splitlines()]


def gone(pid: int) -> bool:
    try:
        return psutil.Process(pid).status() == psutil.STATUS_ZOMBIE
    except psutil.NoSuchProcess:
        return True


def wait_until(condition, timeout: float = 15.0) -> None:  # type: ignore[no-untyped-def]
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError("timed out waiting")
        time.sleep(0.05)


# --- discovery ---------------------------------------------------------------------------


def test_install_is_found_in_the_library_download_folder(fake_install: Path) -> None:
    [install] = find_installs()
    assert (install.version, install.folder, install.found_by) == ("6.6", fake_install, "LTP_PATH")
    assert install.jar == fake_install / "languagetool-server.jar"


def test_install_is_found_through_ltp_jar_dir_path(
    fake_install: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    other = tmp_path / "elsewhere" / "LanguageTool-6.5"
    other.mkdir(parents=True)
    (other / "languagetool-server.jar").write_bytes(b"jar")
    monkeypatch.setenv("LTP_JAR_DIR_PATH", str(other))
    installs = find_installs()
    assert [(i.version, i.found_by) for i in installs] == [
        ("6.5", "LTP_JAR_DIR_PATH"),
        ("6.6", "LTP_PATH"),
    ]
    assert installs[0].server_cmd(9999)[1:] == [
        "-cp",
        str(other / "languagetool-server.jar"),
        "org.languagetool.server.HTTPServer",
        "-p",
        "9999",
    ]


def test_folders_without_a_jar_are_not_installs(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "ltp" / "LanguageTool-6.6").mkdir(parents=True)
    monkeypatch.setenv("LTP_PATH", str(tmp_path / "ltp"))
    assert find_installs() == []


def test_java_version_is_read(fake_java: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    java = find_java()
    assert java is not None and (java.major, java.ok, java.path) == (17, True, str(fake_java))
    monkeypatch.setenv("FAKE_JAVA_VERSION", 'java version "1.8.0_381"')
    java = find_java()
    assert java is not None and (java.major, java.ok) == (8, False)


# --- commands ----------------------------------------------------------------------------


def test_status_says_what_is_where(
    fake_install: Path, fake_java: Path, lt_server: LTServer, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["languagetool", "status", "--languagetool-url", lt_server.url]) == 0
    out = capsys.readouterr().out
    assert f"download folder: LTP_PATH={fake_install.parent}" in out
    assert f"installed: LanguageTool 6.6 at {fake_install}" in out
    assert f"java: 17.0.9 at {fake_java} (fine)" in out
    assert f"server: {lt_server.url} answers, LanguageTool 6.6" in out
    assert "public API: not allowed" in out
    assert f"--checker auto would use: LanguageTool at {lt_server.url}" in out


def test_status_with_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("LTP_PATH", str(tmp_path / "none"))
    monkeypatch.setenv("PATH", str(tmp_path / "no-bin"))
    bad_url = "http://127.0.0.1:9/"
    assert main(["languagetool", "status", "--languagetool-url", bad_url]) == 0
    out = capsys.readouterr().out
    assert "(does not exist)" in out
    assert "installed: none" in out
    assert "java: none on PATH" in out
    assert "does not answer" in out
    assert "--checker auto would use: offline" in out


def test_install_checks_java_first(
    fake_install: Path,
    fake_java: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    monkeypatch.setenv("FAKE_JAVA_VERSION", 'openjdk version "11.0.2" 2019-01-15')
    assert main(["languagetool", "install"]) == 2
    err = capsys.readouterr().err
    assert err == (
        "review-app: error: cannot install LanguageTool: LanguageTool needs Java 17 or newer; "
        f"{fake_java} is Java 11.0.2\n"
    )


def test_install_without_java(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("PATH", str(tmp_path / "no-bin"))
    assert main(["languagetool", "install"]) == 2
    assert "no working `java` is on PATH" in capsys.readouterr().err


def test_install_when_already_installed(
    fake_install: Path, fake_java: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["languagetool", "install", "--version", "6.6"]) == 0
    assert "already installed" in capsys.readouterr().err


def test_install_offline_is_one_clear_line(fake_java: Path, tmp_path: Path) -> None:
    # The library reads its download host when imported: a fresh process, pointed at a
    # port where nothing listens, is offline as far as it can tell.
    env = dict(
        os.environ,
        LTP_PATH=str(tmp_path / "ltp"),
        LTP_DOWNLOAD_HOST_NEW_RELEASES="http://127.0.0.1:9/",
    )
    result = subprocess.run(
        [sys.executable, "-m", "review_app", "languagetool", "install", "--version", "6.8"],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
        cwd=ROOT,
    )
    assert result.returncode == 2
    last = result.stderr.strip().splitlines()[-1]
    assert last.startswith(
        "review-app: error: cannot download LanguageTool 6.8 from http://127.0.0.1:9/"
    )
    assert "no connection (offline?)" in last
    assert "Traceback" not in result.stderr
    assert not (tmp_path / "ltp" / "LanguageTool-6.8").exists()


# --- a local server: started lazily with the library's command, always stopped -----------


def test_local_server_is_started_on_demand_and_stopped_on_close(
    fake_install: Path, fake_java: Path
) -> None:
    checker = connect(LanguageToolSettings())
    assert isinstance(checker.backend, LocalBackend)
    assert checker.info.description == f"LanguageTool 6.6 (local install {fake_install})"
    assert launches() == []  # nothing started yet
    [flags] = checker.check(["Ein Fehlr."])
    assert [f.word for f in flags] == ["Fehlr"]
    [launch] = launches()
    port = launch["argv"][-1]
    assert launch["argv"][1:] == [
        "-cp",
        str(fake_install / "languagetool-server.jar"),
        "org.languagetool.server.HTTPServer",
        "-p",
        port,
    ]
    assert checker.info.description.startswith(
        f"LanguageTool 6.6 at http://127.0.0.1:{port} (local"
    )
    checker.close()
    assert gone(launch["pid"])


def test_cached_run_starts_no_server(fake_install: Path, fake_java: Path) -> None:
    for _ in range(2):
        checker = connect(LanguageToolSettings())
        checker.check(["Ein Fehlr.", "Noch ein Satz."])
        checker.close()
    assert len(launches()) == 1


def test_a_server_that_cannot_start_is_one_line(
    fake_install: Path, fake_java: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("FAKE_JAVA_FAIL", "Error: Could not find or load main class")
    checker = connect(LanguageToolSettings())
    with pytest.raises(
        CheckerUnavailable, match=r"exited at start \(code 1\): Error: Could not find"
    ):
        checker.check(["Ein Fehlr."])
    checker.close()


def test_auto_prefers_a_local_install(fake_install: Path, fake_java: Path, tmp_path: Path) -> None:
    checker = make_checker(Settings())
    assert checker.info.name == "languagetool"
    checker.close()


def test_languagetool_mode_with_old_java_is_a_clear_error(
    fake_install: Path, fake_java: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("FAKE_JAVA_VERSION", 'openjdk version "11.0.2" 2019-01-15')
    with pytest.raises(ReviewAppError, match="needs Java 17 or newer"):
        make_checker(Settings(check=CheckSettings(checker="languagetool")))


DRIVER_EXIT_WITHOUT_CLOSE = """
from review_app.config import LanguageToolSettings
from review_app.checking.languagetool import connect
checker = connect(LanguageToolSettings())
checker.check(["Ein Fehlr."])
print(checker.backend.server.pid, flush=True)
"""


def test_server_is_stopped_at_exit_even_without_close(fake_install: Path, fake_java: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-c", DRIVER_EXIT_WITHOUT_CLOSE],
        capture_output=True,
        text=True,
        timeout=60,
        cwd=ROOT,
    )
    assert result.returncode == 0, result.stderr
    pid = int(result.stdout.strip())
    assert [launch["pid"] for launch in launches()] == [pid]
    assert gone(pid)


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGHUP])
def test_a_signal_during_a_local_server_run_leaves_no_server(
    fake_install: Path,
    fake_java: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    signum: int,
) -> None:
    text = tmp_path / "slow.txt"
    text.write_text("Ein Satz.\nDieser Satz ANTWORT_LANGSAM braucht lange.\n", encoding="utf-8")
    monkeypatch.setenv("FAKE_LT_SLOW", "60")
    tool = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "review_app",
            "report",
            "-q",
            "--checker",
            "languagetool",
            str(text),
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        cwd=ROOT,
    )
    try:
        wait_until(lambda: len(launches()) == 1)
        [launch] = launches()
        url = f"http://127.0.0.1:{launch['argv'][-1]}/v2/healthcheck"
        wait_until(lambda: _answers(url))
        time.sleep(0.5)  # the tool's check request is now waiting on the slow server
        assert tool.poll() is None
        assert not gone(launch["pid"])
        tool.send_signal(signum)
        tool.wait(timeout=15)
    finally:
        if tool.poll() is None:
            tool.kill()
    assert tool.returncode == -signum
    assert b"Traceback" not in tool.stderr.read()  # type: ignore[union-attr]
    wait_until(lambda: gone(launch["pid"]), timeout=5)


def _answers(url: str) -> bool:
    try:
        return requests.get(url, timeout=1).ok
    except requests.RequestException:
        return False
