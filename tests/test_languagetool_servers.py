"""Several LanguageTool servers: batches in turn, a dead server taken out with a notice and
its batch sent to the next, all dead the failure of one, one cache for all. Against the
LanguageTool-compatible test server (tests/lt_server.py) on 127.0.0.1: in this process, in a
child process that is killed mid-run, and a closed port."""

from __future__ import annotations

import json
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from review_app.checking.cache import FlagCache
from review_app.checking.languagetool import LanguageToolChecker, RemoteBackend, connect
from review_app.checking.languagetool_client import LTOptions
from review_app.checking.select import make_checker
from review_app.checking.wordlists import WordLists
from review_app.cli import main
from review_app.config import LanguageToolSettings, Settings, load_settings
from review_app.errors import CheckerUnavailable
from tests.lt_server import LTServer, LTState, _Handler
from tests.test_languagetool import EXPECTED_SEED_FLAGS, SEED, needs_offline

pytestmark = pytest.mark.usefixtures("lt_cache")
SERVER_SCRIPT = Path(__file__).with_name("lt_server.py")
# 120 sentences of about 75 bytes: a batch of SERVER_LIMITS (40 KB) holds about 530 of them.
SENTENCES = [f"Satz {i} hat einen Fehlr, und er steht in der Mitte des Satzes." for i in range(120)]


@pytest.fixture
def servers() -> Iterator[list[LTServer]]:
    """Three test servers."""
    started = [LTServer().start() for _ in range(3)]
    yield started
    for server in started:
        server.stop()


def checks(server: LTServer) -> int:
    return server.state.count("/v2/check")


def one_a_call(checker: LanguageToolChecker, texts: list[str]) -> list[list[str]]:
    """Each text in its own check call (so each is one batch), as words flagged."""
    return [[f.word or f.rule_id for f in checker.check([t])[0]] for t in texts]


def pool_checker(
    urls: list[str], *, start: int = 0, timeout: float = 5.0, cached: bool = True
) -> LanguageToolChecker:
    """The checker `connect` makes, but with the first server chosen by the test."""
    options = LTOptions()
    backend = RemoteBackend(urls, options, timeout, start=start)
    return LanguageToolChecker(backend, options, cache=FlagCache.open_default() if cached else None)


def dead_urls(count: int) -> list[str]:
    """Closed ports on 127.0.0.1, all different: bound, never served, closed."""
    bound = [LTServer() for _ in range(count)]
    urls = [server.url for server in bound]
    for server in bound:
        server.stop()
    return urls


def dead_url() -> str:
    return dead_urls(1)[0]


class _Overloaded(_Handler):
    """The test server, answering every check with 503 (an overloaded proxy in front of it)."""

    def _check(self, params: dict[str, str]) -> None:
        self._text(503, "Service Unavailable: back end overloaded")


def overloaded_server() -> LTServer:
    server = LTServer()
    server._httpd.RequestHandlerClass = _Overloaded
    return server.start()


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture
def child_server() -> Iterator[tuple[subprocess.Popen[bytes], str]]:
    """The test server in a child process (killed by the test, or at the end)."""
    port = free_port()
    process = subprocess.Popen([sys.executable, str(SERVER_SCRIPT), "--port", str(port)])
    try:
        for _ in range(200):
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
                break
            except OSError:
                time.sleep(0.05)
        yield process, f"http://127.0.0.1:{port}"
    finally:
        if process.poll() is None:
            process.kill()
        process.wait()


# --- in turn ------------------------------------------------------------------------------


def test_batches_go_to_the_servers_in_turn(servers: list[LTServer]) -> None:
    checker = connect(LanguageToolSettings(url=tuple(s.url for s in servers)))
    for server in servers:
        server.state.reset()
    assert one_a_call(checker, SENTENCES[:30]) == [["Fehlr"]] * 30
    assert [checks(s) for s in servers] == [10, 10, 10]
    assert checker.requests == 31  # and the version probe
    assert checker.notices == []
    assert checker.info.description == f"LanguageTool 6.6 at {', '.join(s.url for s in servers)}"
    checker.close()


def test_the_turn_goes_on_across_a_call_with_many_batches(servers: list[LTServer]) -> None:
    sentences = [f"Satz Nummer {i} enthält einen Fehlr." for i in range(3000)]
    checker = pool_checker([s.url for s in servers])
    flags = checker.check(sentences)
    assert all([f.word for f in fl] == ["Fehlr"] for fl in flags)
    counts = [checks(s) for s in servers]  # the probe went to the first
    assert sum(counts) == checker.requests and max(counts) - min(counts) <= 1
    checker.close()


def test_the_first_server_follows_the_start(servers: list[LTServer]) -> None:
    checker = pool_checker([s.url for s in servers], start=4)  # 4 % 3: the second
    assert [checks(s) for s in servers] == [0, 1, 0]
    checker.close()


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    st.lists(
        st.lists(st.sampled_from(["Fehlr", "ein", "\U0001f44d\U0001f44d", "ä", "x."]), max_size=6)
        .map(" ".join)
        .filter(str.strip),
        min_size=1,
        max_size=12,
    ),
    st.integers(min_value=1, max_value=5),
)
def test_servers_in_turn_give_what_one_server_gives(
    servers: list[LTServer], texts: list[str], per_call: int
) -> None:
    one = pool_checker([servers[0].url], cached=False)
    three = pool_checker([s.url for s in servers], cached=False)  # every text asked
    try:
        for begin in range(0, len(texts), per_call):
            part = texts[begin : begin + per_call]
            assert three.check(part) == one.check(part)
    finally:
        one.close()
        three.close()


# --- a dead server ------------------------------------------------------------------------


def test_a_closed_port_is_taken_out_at_the_start(servers: list[LTServer]) -> None:
    dead = dead_url()
    checker = pool_checker([servers[0].url, dead, servers[1].url])
    [notice] = checker.notices
    assert notice == (
        f"LanguageTool at {dead} does not answer (no server there, or no network): "
        "taken out, going on with 2 of 3 LanguageTool servers"
    )
    assert one_a_call(checker, SENTENCES[:10]) == [["Fehlr"]] * 10
    assert [checks(s) for s in servers[:2]] == [6, 5]  # the probe, then in turn
    assert checker.info.description.endswith(f"; {notice}")
    checker.close()


def test_a_server_that_dies_mid_call_is_taken_out_and_its_batch_retried(
    servers: list[LTServer],
) -> None:
    dying = servers[1]

    def die_after_two(text: str, answer: dict) -> dict:
        if checks(dying) == 2:  # its second batch is answered, then it is gone
            dying.stop()  # no new connection is taken from now on
        return answer

    checker = pool_checker([s.url for s in servers])  # the probe went to servers[0]
    dying.state.tamper = die_after_two
    sentences = [f"Satz Nummer {i} enthält einen Fehlr." for i in range(10_000)]
    flags = checker.check(sentences)  # 10 batches: servers[1] takes the 1st, 4th, 7th
    assert all([f.word for f in fl] == ["Fehlr"] for fl in flags)
    [notice] = checker.notices
    assert notice.startswith(f"LanguageTool at {dying.url} does not answer")
    assert notice.endswith("taken out, going on with 2 of 3 LanguageTool servers")
    assert checks(dying) == 2
    requests = checker.backend.client().requests_by_server
    assert requests[dying.url] == 3  # the third was refused, then sent to the next
    assert checker.backend.client().live == (servers[0].url, servers[2].url)
    checker.close()


def test_a_server_killed_between_calls_is_taken_out(
    servers: list[LTServer], child_server: tuple[subprocess.Popen[bytes], str]
) -> None:
    process, url = child_server
    checker = pool_checker([servers[0].url, url])
    assert one_a_call(checker, SENTENCES[:4]) == [["Fehlr"]] * 4
    assert checker.backend.client().requests_by_server[url] == 2
    process.kill()
    process.wait()
    assert one_a_call(checker, SENTENCES[4:20]) == [["Fehlr"]] * 16
    [notice] = checker.notices
    assert notice.startswith(f"LanguageTool at {url} does not answer")
    assert checker.backend.client().requests_by_server == {servers[0].url: 19, url: 3}
    checker.close()


def test_a_server_that_times_out_is_taken_out_once(servers: list[LTServer]) -> None:
    def hang(text: str, answer: dict) -> dict:
        time.sleep(1.5)
        return answer

    checker = pool_checker([s.url for s in servers[:2]], timeout=0.5)
    servers[1].state.tamper = hang
    began = time.monotonic()
    assert one_a_call(checker, SENTENCES[:8]) == [["Fehlr"]] * 8
    assert time.monotonic() - began < 4.0
    assert checks(servers[1]) == 1  # one timeout, not one per batch
    [notice] = checker.notices
    assert notice.startswith(f"LanguageTool at {servers[1].url} did not answer within 0.5 s")
    checker.close()


def test_a_server_answering_5xx_is_taken_out(servers: list[LTServer]) -> None:
    overloaded = overloaded_server()
    try:
        checker = pool_checker([servers[0].url, overloaded.url], start=1)
        [notice] = checker.notices  # the version probe was its first request
        assert notice == (
            f"LanguageTool at {overloaded.url} failed: Service Unavailable: back end "
            "overloaded: taken out, going on with 1 of 2 LanguageTool servers"
        )
        assert one_a_call(checker, SENTENCES[:3]) == [["Fehlr"]] * 3
        assert overloaded.state.count("/v2/check") == 1
    finally:
        overloaded.stop()
    checker.close()


def test_a_bad_answer_is_not_a_dead_server(servers: list[LTServer]) -> None:
    """A broken answer or a 4xx says nothing about the server being down: no retry
    elsewhere, the failure is the run's, as with one server."""
    checker = pool_checker([s.url for s in servers])
    with pytest.raises(CheckerUnavailable, match="sent a broken answer"):
        checker.check(["Hier steht ANTWORT_KAPUTT."])
    assert checker.notices == []
    assert sum(checks(s) for s in servers) == 2  # the probe and the one request
    checker.close()


def test_a_server_of_another_version_is_taken_out(servers: list[LTServer]) -> None:
    other = LTServer(state=LTState(version="6.5")).start()
    try:
        checker = pool_checker([servers[0].url, other.url])  # the probe: servers[0], 6.6
        assert one_a_call(checker, SENTENCES[:4]) == [["Fehlr"]] * 4
        [notice] = checker.notices
        assert notice == (
            f"LanguageTool at {other.url} runs version 6.5, not 6.6 like the first to answer: "
            "taken out, going on with 1 of 2 LanguageTool servers"
        )
        assert checker.version == "6.6"
        assert other.state.count("/v2/check") == 1
    finally:
        other.stop()
    checker.close()


# --- all dead -----------------------------------------------------------------------------


def test_all_dead_at_the_start_is_one_line() -> None:
    first, second = dead_urls(2)
    with pytest.raises(CheckerUnavailable) as exc:
        connect(LanguageToolSettings(url=(first, second)))
    message = str(exc.value)
    assert "\n" not in message
    assert message == (
        f"LanguageTool at {first} does not answer (no server there, or no network); "
        f"LanguageTool at {second} does not answer (no server there, or no network)"
    )


def test_the_last_server_fails_as_one_server_does(servers: list[LTServer]) -> None:
    """A 500 the text itself provokes goes round every server, each taken out but the last,
    whose failure is the run's; that last server stays for the next request."""
    checker = pool_checker([s.url for s in servers[:2]])
    with pytest.raises(CheckerUnavailable) as exc:
        checker.check(["ANTWORT_500"])
    assert str(exc.value) == (
        f"LanguageTool at {servers[0].url} failed: Error: Internal Error: "
        "java.lang.RuntimeException: boom; the other LanguageTool server was taken out before"
    )
    assert len(checker.notices) == 1
    assert checker.check(["Ein Fehlr."])[0][0].word == "Fehlr"
    checker.close()


def test_all_dead_in_languagetool_mode_is_a_one_line_cli_error(
    capsys: pytest.CaptureFixture[str],
) -> None:
    args = ["report", "-q", "--checker", "languagetool"]
    urls = [arg for url in dead_urls(2) for arg in ("--languagetool-url", url)]
    assert main([*args, *urls, str(SEED)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and err.count("does not answer") == 2
    assert "Traceback" not in err


@needs_offline
def test_all_dead_in_auto_mode_is_the_offline_checker(tmp_path: Path) -> None:
    words = WordLists(personal_path=tmp_path / "d.txt", personal=set(), project=set())
    urls = tuple(dead_urls(2))
    checker = make_checker(Settings(languagetool=LanguageToolSettings(url=urls)), words)
    assert checker.info.name == "offline"
    assert "does not answer" in checker.info.description
    checker.close()


@needs_offline
def test_auto_mode_falls_back_when_the_last_server_dies_mid_run(
    servers: list[LTServer], tmp_path: Path
) -> None:
    words = WordLists(personal_path=tmp_path / "d.txt", personal=set(), project=set())
    urls = (servers[0].url, servers[1].url)
    checker = make_checker(Settings(languagetool=LanguageToolSettings(url=urls)), words)
    assert checker.info.name == "languagetool"
    checker.prepare(SENTENCES)
    assert checker.check(SENTENCES[:1])[0][0].checker == "languagetool"
    servers[0].stop()
    servers[1].stop()
    flags = checker.check(SENTENCES[1:2])
    assert checker.info.name == "offline"
    assert all(f.checker == "offline" for f in flags[0])
    assert "took over because LanguageTool at" in checker.info.description
    checker.close()


@needs_offline
def test_auto_mode_passes_on_the_notice_of_a_server_taken_out(
    servers: list[LTServer], tmp_path: Path
) -> None:
    words = WordLists(personal_path=tmp_path / "d.txt", personal=set(), project=set())
    urls = (servers[0].url, servers[1].url)
    checker = make_checker(Settings(languagetool=LanguageToolSettings(url=urls)), words)
    checker.prepare(SENTENCES)
    assert checker.notices == []
    servers[1].stop()
    for sentence in SENTENCES[:4]:
        assert checker.check([sentence])[0][0].checker == "languagetool"
    [notice] = checker.notices
    assert notice.startswith(f"LanguageTool at {servers[1].url} does not answer")
    checker.close()


# --- one cache ----------------------------------------------------------------------------


def test_the_servers_share_one_cache(servers: list[LTServer]) -> None:
    urls = [s.url for s in servers[:2]]
    first = pool_checker(urls)
    assert one_a_call(first, SENTENCES[:6]) == [["Fehlr"]] * 6
    fingerprint = first.info.fingerprint
    first.close()
    for server in servers:
        server.state.reset()
    again = pool_checker(list(reversed(urls)))  # the same servers, in another order
    assert again.info.fingerprint == fingerprint
    assert one_a_call(again, SENTENCES[:6]) == [["Fehlr"]] * 6
    assert sum(checks(s) for s in servers) == 0  # nothing sent: one cache for both
    again.close()


def test_a_taken_out_server_changes_no_cache_key(servers: list[LTServer]) -> None:
    dead = dead_url()
    checker = pool_checker([servers[0].url, dead])
    with_dead = checker.info.fingerprint
    assert one_a_call(checker, SENTENCES[:3]) == [["Fehlr"]] * 3
    checker.close()
    reordered = pool_checker([dead, servers[0].url])
    assert reordered.info.fingerprint == with_dead
    reordered.close()
    single = pool_checker([servers[0].url])
    assert single.info.fingerprint != with_dead  # one server is a set of its own
    assert f" {servers[0].url} " in single.info.fingerprint  # as before several were possible
    single.close()


# --- the settings -------------------------------------------------------------------------


def test_url_in_a_file_is_one_server_or_a_list(tmp_path: Path) -> None:
    project = tmp_path / "p"
    project.mkdir()
    file = project / ".review-app.toml"
    file.write_text('[languagetool]\nurl = "http://a:8010"\n', encoding="utf-8")
    assert load_settings(project, environ={}).languagetool.url == ("http://a:8010",)
    file.write_text(
        '[languagetool]\nurl = ["http://a:8010", "https://b/lt/", "http://a:8010/", ""]\n',
        encoding="utf-8",
    )
    assert load_settings(project, environ={}).languagetool.url == (
        "http://a:8010",
        "https://b/lt/",
    )
    file.write_text('languagetool_url = ["http://a:1", "http://b:2"]\n', encoding="utf-8")
    assert load_settings(project, environ={}).languagetool.url == ("http://a:1", "http://b:2")


def test_url_from_the_environment_is_comma_separated(tmp_path: Path) -> None:
    environ = {"REVIEW_APP_LANGUAGETOOL_URL": " http://a:1 ,http://b:2,"}
    assert load_settings(tmp_path, environ=environ).languagetool.url == (
        "http://a:1",
        "http://b:2",
    )


def test_a_single_url_string_is_one_server() -> None:
    assert LanguageToolSettings(url="http://a:1").url == ("http://a:1",)
    assert LanguageToolSettings(url=None).url == () == LanguageToolSettings().url
    assert LanguageToolSettings(url="http://a:1") == LanguageToolSettings(url=("http://a:1",))


@pytest.mark.parametrize(
    ("toml", "message"),
    [
        (
            '[languagetool]\nurl = ["http://a:1", "ftp://b"]',
            "languagetool.url: expected an http:// or https:// URL, got 'ftp://b' in the list",
        ),
        (
            "[languagetool]\nurl = 5",
            "languagetool.url: expected an http:// or https:// URL or a list of them, got 5",
        ),
        (
            '[languagetool]\nurl = ["http://a:1", 5]',
            "languagetool.url: expected an http:// or https:// URL or a list of them, "
            "got ['http://a:1', 5]",
        ),
        (
            'languagetool_url = "localhost:8010"',
            "languagetool_url: expected an http:// or https:// URL, got 'localhost:8010'",
        ),
    ],
)
def test_a_bad_url_setting_is_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], toml: str, message: str
) -> None:
    (tmp_path / ".review-app.toml").write_text(toml, encoding="utf-8")
    text = tmp_path / "t.txt"
    text.write_text("Ein Satz.\n", encoding="utf-8")
    assert main(["report", "-q", str(text)]) == 2
    err = capsys.readouterr().err
    assert err == f"review-app: error: {tmp_path / '.review-app.toml'}: {message}\n"


def test_a_bad_url_in_the_environment_list_is_one_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("REVIEW_APP_LANGUAGETOOL_URL", "http://a:1,localhost:2")
    text = tmp_path / "t.txt"
    text.write_text("Ein Satz.\n", encoding="utf-8")
    assert main(["report", "-q", str(text)]) == 2
    assert capsys.readouterr().err == (
        "review-app: error: REVIEW_APP_LANGUAGETOOL_URL: expected an http:// or https:// URL, "
        "got 'localhost:2' in the list\n"
    )


# --- through the command line -------------------------------------------------------------


def report_json(tmp_path: Path, *args: str) -> dict:
    out = tmp_path / "report.json"
    assert main(["report", "-q", "-f", "json", "-o", str(out), *args]) in (0, 1)
    return json.loads(out.read_text(encoding="utf-8"))


def test_a_report_over_three_servers_one_dead(servers: list[LTServer], tmp_path: Path) -> None:
    dead = dead_url()
    urls = [servers[0].url, dead, servers[1].url]
    flags = [arg for url in urls for arg in ("--languagetool-url", url)]
    data = report_json(tmp_path, "--checker", "languagetool", *flags, str(SEED))
    got = [
        (f["segment"], f["segment_span"], f["text"], f["rule_id"], f["severity"], f["suggestions"])
        for f in data["files"][0]["flags"]
    ]
    assert got == EXPECTED_SEED_FLAGS
    assert data["checker"]["description"] == (
        f"LanguageTool 6.6 at {', '.join(urls)}; LanguageTool at {dead} does not answer "
        "(no server there, or no network): taken out, going on with 2 of 3 LanguageTool servers"
    )


def test_servers_from_the_environment_in_a_report(
    servers: list[LTServer], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("REVIEW_APP_LANGUAGETOOL_URL", f"{servers[0].url},{servers[1].url}")
    data = report_json(tmp_path, "--checker", "languagetool", str(SEED))
    assert len(data["files"][0]["flags"]) == len(EXPECTED_SEED_FLAGS)
    assert checks(servers[0]) + checks(servers[1]) == 2  # the probe and one batch of 33
    assert data["checker"]["description"] == (
        f"LanguageTool 6.6 at {servers[0].url}, {servers[1].url}"
    )


def test_flags_replace_the_servers_of_the_environment(
    servers: list[LTServer], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("REVIEW_APP_LANGUAGETOOL_URL", dead_url())
    flags = ["--languagetool-url", servers[0].url, f"--languagetool-url={servers[1].url}"]
    data = report_json(tmp_path, "--checker", "languagetool", *flags, str(SEED))
    assert data["checker"]["description"] == (
        f"LanguageTool 6.6 at {servers[0].url}, {servers[1].url}"
    )


def test_status_asks_every_server(
    servers: list[LTServer],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    monkeypatch.setenv("LTP_PATH", str(tmp_path / "none"))
    dead = dead_url()
    urls = [servers[0].url, dead, servers[1].url]
    assert main(["languagetool", "status", *(f"--languagetool-url={u}" for u in urls)]) == 0
    out = capsys.readouterr().out
    assert f"server: {servers[0].url} answers, LanguageTool 6.6\n" in out
    assert f"server: LanguageTool at {dead} does not answer" in out
    assert f"server: {servers[1].url} answers, LanguageTool 6.6\n" in out
    assert f"--checker auto would use: LanguageTool at {servers[0].url}, {servers[1].url}" in out
