"""A LanguageTool that language_tool_python manages: finding installs, Java, starting and
stopping a local server.

Installs are found where the library puts them: `LTP_PATH` (default
~/.cache/language_tool_python), one `LanguageTool-<version>` folder each, and a folder named
by `LTP_JAR_DIR_PATH`. The server is started with the library's own command
(`java -cp <jar> org.languagetool.server.HTTPServer -p <port>`) but by us, in its own process
group, so that we can stop it for sure: on `close()`, at exit, and on SIGTERM and SIGHUP
(the library leaves its server running when the process gets SIGTERM).
"""

from __future__ import annotations

import atexit
import contextlib
import os
import re
import shutil
import signal
import socket
import subprocess
import tempfile
import threading
import time
from dataclasses import dataclass
from pathlib import Path
from types import FrameType

import requests
from language_tool_python.download_lt import LocalLanguageTool, parse_java_version
from language_tool_python.utils import LTP_JAR_DIR_PATH_ENV_VAR, LTP_PATH_ENV_VAR

from review_app.errors import CheckerUnavailable

MIN_JAVA = 17
SERVER_CLASS = "org.languagetool.server.HTTPServer"
JAR_NAMES = ("languagetool-server.jar", "languagetool.jar", "LanguageTool.jar")
_VERSION_DIR = re.compile(r"^LanguageTool-(\d+\.\d+|\d{8})(?:-SNAPSHOT)?$", re.IGNORECASE)


def download_folder() -> Path:
    """Where language_tool_python downloads to (not created here, unlike the library's own)."""
    configured = os.environ.get(LTP_PATH_ENV_VAR)
    return Path(configured) if configured else Path.home() / ".cache" / "language_tool_python"


@dataclass(frozen=True)
class LocalInstall:
    version: str
    folder: Path
    jar: Path
    found_by: str  # "LTP_PATH", "download folder" or "LTP_JAR_DIR_PATH"

    def server_cmd(self, port: int) -> list[str]:
        """The command the library would run; built by the library where it can be."""
        if self.found_by != LTP_JAR_DIR_PATH_ENV_VAR:
            with contextlib.suppress(Exception):
                return LocalLanguageTool.from_path(self.folder).get_server_cmd(port)
        java = shutil.which("java") or "java"
        return [java, "-cp", str(self.jar), SERVER_CLASS, "-p", str(port)]


def _jar_in(folder: Path) -> Path | None:
    return next((folder / n for n in JAR_NAMES if (folder / n).is_file()), None)


def find_installs() -> list[LocalInstall]:
    """Every usable install, newest first; LTP_JAR_DIR_PATH (if set) comes first."""
    installs: list[LocalInstall] = []
    jar_dir = os.environ.get(LTP_JAR_DIR_PATH_ENV_VAR)
    if jar_dir:
        jar = _jar_in(Path(jar_dir))
        if jar is not None:
            match = _VERSION_DIR.match(Path(jar_dir).name)
            installs.append(
                LocalInstall(
                    match.group(1) if match else "?", Path(jar_dir), jar, LTP_JAR_DIR_PATH_ENV_VAR
                )
            )
    folder = download_folder()
    found_by = LTP_PATH_ENV_VAR if os.environ.get(LTP_PATH_ENV_VAR) else "download folder"
    found: list[LocalInstall] = []
    if folder.is_dir():
        for path in folder.glob("LanguageTool-*"):
            match = _VERSION_DIR.match(path.name)
            jar = _jar_in(path) if path.is_dir() else None
            if match and jar is not None:
                found.append(LocalInstall(match.group(1), path, jar, found_by))
    found.sort(key=lambda i: tuple(int(p) for p in i.version.split(".")), reverse=True)
    return installs + found


@dataclass(frozen=True)
class JavaInfo:
    path: str
    version: str  # as `java -version` prints it, e.g. "17.0.15"
    major: int

    @property
    def ok(self) -> bool:
        return self.major >= MIN_JAVA


def find_java() -> JavaInfo | None:
    """The `java` on PATH and its major version, or None when there is none (or it fails)."""
    path = shutil.which("java")
    if path is None:
        return None
    try:
        out = subprocess.run(
            [path, "-version"], capture_output=True, text=True, timeout=20, check=False
        )
    except (OSError, subprocess.TimeoutExpired):
        return None
    text = out.stderr + out.stdout
    try:
        first, second = parse_java_version(text)
    except SystemExit:  # the library's parser exits on text it cannot read
        return None
    major = second if first == 1 else first
    shown = re.search(r'version "([^"]+)"', text)
    return JavaInfo(path, shown.group(1) if shown else f"{major}", major)


def require_java() -> JavaInfo:
    java = find_java()
    if java is None:
        raise CheckerUnavailable(
            f"LanguageTool needs Java {MIN_JAVA} or newer, and no working `java` is on PATH"
        )
    if not java.ok:
        raise CheckerUnavailable(
            f"LanguageTool needs Java {MIN_JAVA} or newer; {java.path} is Java {java.version}"
        )
    return java


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class LocalServer:
    """A LanguageTool server process we start and stop; stopped on exit and on signals."""

    def __init__(self, install: LocalInstall, startup_timeout: float = 90.0) -> None:
        self.install = install
        self.startup_timeout = startup_timeout
        self.url: str | None = None
        self._process: subprocess.Popen[bytes] | None = None
        self._lock = threading.Lock()
        install_signal_handlers()

    @property
    def pid(self) -> int | None:
        return self._process.pid if self._process else None

    def start(self) -> str:
        """Start the server (once) and wait until it answers; its base URL."""
        with self._lock:
            if self.url is not None and self._process and self._process.poll() is None:
                return self.url
            port = _free_port()
            url = f"http://127.0.0.1:{port}"
            with tempfile.TemporaryFile() as log:
                try:
                    self._process = subprocess.Popen(
                        self.install.server_cmd(port),
                        stdin=subprocess.DEVNULL,
                        stdout=log,
                        stderr=log,
                        start_new_session=True,  # its own process group: stopped as a whole
                    )
                except OSError as exc:
                    raise CheckerUnavailable(
                        f"cannot start LanguageTool {self.install.version}: {exc.strerror or exc}"
                    ) from None
                _RUNNING.add(self)
                try:
                    self._wait_ready(url, log)
                except CheckerUnavailable:
                    self._stop_locked()
                    raise
            self.url = url
            return url

    def _wait_ready(self, url: str, log: object) -> None:
        assert self._process is not None
        deadline = time.monotonic() + self.startup_timeout
        while time.monotonic() < deadline:
            code = self._process.poll()
            if code is not None:
                raise CheckerUnavailable(
                    f"LanguageTool {self.install.version} exited at start (code {code}){_tail(log)}"
                )
            with contextlib.suppress(requests.RequestException):
                if requests.get(f"{url}/v2/healthcheck", timeout=2).ok:
                    return
            time.sleep(0.1)
        raise CheckerUnavailable(
            f"LanguageTool {self.install.version} did not start within {self.startup_timeout:g} s"
        )

    def stop(self) -> None:
        with self._lock:
            self._stop_locked()

    def _stop_locked(self) -> None:
        process, self._process, self.url = self._process, None, None
        _RUNNING.discard(self)
        if process is None or process.poll() is not None:
            return
        _signal_group(process, signal.SIGTERM)
        try:
            process.wait(timeout=5)
        except subprocess.TimeoutExpired:
            _signal_group(process, signal.SIGKILL)
            with contextlib.suppress(subprocess.TimeoutExpired):
                process.wait(timeout=5)


def _signal_group(process: subprocess.Popen[bytes], sig: int) -> None:
    try:
        os.killpg(process.pid, sig)
    except (ProcessLookupError, PermissionError):
        with contextlib.suppress(ProcessLookupError):
            process.send_signal(sig)


def _tail(log: object) -> str:
    try:
        log.seek(0)  # type: ignore[attr-defined]
        lines = log.read().decode("utf-8", "replace").strip().splitlines()  # type: ignore[attr-defined]
    except (OSError, ValueError):
        return ""
    return f": {lines[-1][:160]}" if lines else ""


_RUNNING: set[LocalServer] = set()
_HANDLED_SIGNALS = tuple(
    s for s in (getattr(signal, "SIGTERM", None), getattr(signal, "SIGHUP", None)) if s
)
_installed = False


def stop_all_servers() -> None:
    for server in list(_RUNNING):
        server._stop_locked()  # no lock: may run inside a signal handler


atexit.register(stop_all_servers)


def install_signal_handlers() -> None:
    """On SIGTERM/SIGHUP stop our servers, then let the signal do what it did before.

    Signal handlers can only be set from the main thread; elsewhere the atexit hook and
    `close()` remain. A signal the process ignores (SIGHUP under nohup) stays ignored.
    """
    global _installed
    if _installed or threading.current_thread() is not threading.main_thread():
        return
    _installed = True
    for sig in _HANDLED_SIGNALS:
        previous = signal.getsignal(sig)
        if previous is signal.SIG_IGN:
            continue

        def handler(signum: int, frame: FrameType | None, previous: object = previous) -> None:
            stop_all_servers()
            if callable(previous):
                previous(signum, frame)
                return
            signal.signal(signum, signal.SIG_DFL)
            os.kill(os.getpid(), signum)

        signal.signal(sig, handler)
