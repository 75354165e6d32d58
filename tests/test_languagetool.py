"""The LanguageTool checker against a LanguageTool-compatible test server, through the real
language_tool_python client: flags, offsets, batching, options, failures, cache."""

from __future__ import annotations

import json
import re
import time
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from review_app.checking.base import Checker
from review_app.checking.cache import FlagCache
from review_app.checking.fallback import FallbackChecker
from review_app.checking.flag import Severity
from review_app.checking.languagetool import (
    SEPARATOR,
    Batch,
    LanguageToolChecker,
    RemoteBackend,
    Utf16Map,
    connect,
    plan_batches,
)
from review_app.checking.languagetool_client import (
    PUBLIC_API_LIMITS,
    Limits,
    LTOptions,
    RateWindow,
)
from review_app.checking.run import check_texts
from review_app.checking.select import make_checker
from review_app.checking.wordlists import WordLists
from review_app.cli import main
from review_app.commands.common import settings_from_args
from review_app.config import CheckSettings, LanguageToolSettings, Settings
from review_app.errors import CheckerUnavailable, ReviewAppError
from tests.lt_server import LTServer
from tests.wordchecker import WordChecker

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "corpus" / "putin-nordkorea.mt.de.txt"

pytestmark = pytest.mark.usefixtures("lt_cache")


def lt_settings(server: LTServer, **overrides: object) -> LanguageToolSettings:
    return LanguageToolSettings(url=server.url, **overrides)  # type: ignore[arg-type]


def no_words(tmp_path: Path) -> WordLists:
    return WordLists(personal_path=tmp_path / "dictionary.txt", personal=set(), project=set())


# --- the seed article, end to end through `review-app report --format json` --------------

# (segment, span in segment, flagged text, rule, severity, suggestions)
EXPECTED_SEED_FLAGS = [
    (5, [21, 24], "...", "AUSLASSUNGSPUNKTE", "warning", ["…"]),
    (9, [0, 21], "In den letzten Zeiten", "LETZTE_ZEITEN", "hint", ["In letzter Zeit"]),
    (10, [0, 11], "Trotzdessen", "GERMAN_SPELLER_RULE", "error", ["Trotzdem"]),
    (10, [26, 35], "Pyongyang", "GERMAN_SPELLER_RULE", "error", ["Pjöngjang"]),
    (13, [127, 139], "kein Zweifel", "DE_AGREEMENT", "error", ["keinen Zweifel"]),
    (14, [39, 48], "enthalten", "ZU_INFINITIV", "error", ["zu enthalten"]),
    (15, [119, 131], "nach Ukraine", "NACH_LAND_MIT_ARTIKEL", "error", ["in die Ukraine"]),
    (16, [146, 155], "aufwirken", "GERMAN_SPELLER_RULE", "error", ["aufwerfen", "aufwirbeln"]),
    (16, [170, 183], "Atomdeterrent", "GERMAN_SPELLER_RULE", "error", []),
    (20, [0, 18], "Beide Russland und", "BEIDE_SOWOHL", "error", ["Sowohl Russland als auch"]),
    (23, [36, 44], "Solovyov", "GERMAN_SPELLER_RULE", "error", ["Solowjow"]),
    (23, [45, 53], "lachelte", "GERMAN_SPELLER_RULE", "error", ["lächelte", "lachte"]),
    (24, [0, 8], "Solovyov", "GERMAN_SPELLER_RULE", "error", ["Solowjow"]),
    (25, [84, 103], "Mutmaßungsverhalten", "GERMAN_SPELLER_RULE", "error", []),
    (25, [121, 132], "Westmächten", "DE_AGREEMENT", "error", ["Westmächte"]),
    (26, [117, 129], "nach Ukraine", "NACH_LAND_MIT_ARTIKEL", "error", ["in die Ukraine"]),
    (26, [147, 157], "Lockereung", "GERMAN_SPELLER_RULE", "error", ["Lockerung", "Lockerungen"]),
    (28, [29, 42], "strategischer", "DE_AGREEMENT", "error", ["strategischem"]),
]


def report_json(tmp_path: Path, *args: str) -> dict:
    out = tmp_path / "report.json"
    code = main(["report", "-q", "-f", "json", "-o", str(out), *args])
    assert code in (0, 1)
    return json.loads(out.read_text(encoding="utf-8"))


def test_seed_article_report_equals_expected_flags(lt_server: LTServer, tmp_path: Path) -> None:
    data = report_json(
        tmp_path, "--checker", "languagetool", "--languagetool-url", lt_server.url, str(SEED)
    )
    flags = data["files"][0]["flags"]
    got = [
        (f["segment"], f["segment_span"], f["text"], f["rule_id"], f["severity"], f["suggestions"])
        for f in flags
    ]
    assert got == EXPECTED_SEED_FLAGS
    assert {f["checker"] for f in flags} == {"languagetool"}
    assert data["checker"] == {
        "name": "languagetool",
        "description": f"LanguageTool 6.6 at {lt_server.url}",
    }
    text = SEED.read_text(encoding="utf-8")
    for flag in flags:  # document spans point at the flagged text
        assert text[flag["span"][0] : flag["span"][1]] == flag["text"]


def test_second_report_makes_no_check_requests(lt_server: LTServer, tmp_path: Path) -> None:
    args = ("--checker", "languagetool", "--languagetool-url", lt_server.url, str(SEED))
    first = report_json(tmp_path, *args)
    assert lt_server.state.count("/v2/check") == 2  # the version probe + one batch of 33
    lt_server.state.reset()
    second = report_json(tmp_path, *args)
    assert second["files"] == first["files"]
    # only the liveness probe the library makes when it connects; no text is sent
    assert [r.path for r in lt_server.state.requests] == ["/v2/languages"]


def test_cache_lives_where_the_environment_says(lt_server: LTServer, lt_cache: Path) -> None:
    checker = connect(lt_settings(lt_server))
    checker.check(["Ein Fehlr."])
    checker.close()
    assert (lt_cache / "flags-v1.sqlite3").is_file()


def test_cache_key_includes_the_options(lt_server: LTServer) -> None:
    text = 'Er sagte "ja".'
    plain = connect(lt_settings(lt_server))
    assert plain.check([text]) == [[]]
    picky = connect(lt_settings(lt_server, picky=True))
    assert [f.rule_id for f in picky.check([text])[0]] == ["TYPOGRAFISCHE_ANFUEHRUNGSZEICHEN"]
    assert plain.info.fingerprint != picky.info.fingerprint
    plain.close()
    picky.close()


# --- offsets ------------------------------------------------------------------------------


def test_emoji_offsets_and_lengths_are_python_characters(lt_server: LTServer) -> None:
    checker = connect(lt_settings(lt_server))
    texts = ["Das \U0001f44d\U0001f44d ist ein Fehlr.", "\U0001f600\U0001f600 Fehlr \U0001f600"]
    flags = checker.check(texts)
    assert [(f.rule_id, f.flagged(texts[0])) for f in flags[0]] == [
        ("DOPPELTES_EMOJI", "\U0001f44d\U0001f44d"),
        ("GERMAN_SPELLER_RULE", "Fehlr"),
    ]
    assert [(f.start, f.end, f.word) for f in flags[1]] == [(3, 8, "Fehlr")]
    checker.close()


@given(st.text(alphabet=st.sampled_from("ab ä\U0001f600\U0001f44d\u20ac\U00010348"), max_size=40))
def test_utf16_map_inverts_utf16_counting(text: str) -> None:
    mapping = Utf16Map(text)
    for i in range(len(text) + 1):
        units = len(text[:i].encode("utf-16-le")) // 2
        assert mapping.to_python(units) == i


# --- batching and segment boundaries -----------------------------------------------------


def test_a_match_across_two_segments_is_clipped_to_the_first(lt_server: LTServer) -> None:
    checker = connect(lt_settings(lt_server))
    texts = ["Das ist doppelt.", "Doppelt gemoppelt."]
    first, second = checker.check(texts)
    assert [(f.rule_id, f.flagged(texts[0]), f.suggestions) for f in first] == [
        ("SATZGRENZE_WIEDERHOLUNG", "doppelt.", ())
    ]
    assert second == []
    checker.close()


def test_locate_spans_in_a_joined_batch() -> None:
    batch = Batch.of(["abc", "de", "fgh"])
    assert batch.text == SEPARATOR.join(["abc", "de", "fgh"])
    assert batch.locate(1, 3) == (0, 1, 3, False)
    assert batch.locate(2, 6) == (0, 2, 3, True)  # crosses into "de": clipped
    assert batch.locate(3, 5) is None  # only the separator
    assert batch.locate(4, 6) == (1, 0, 1, False)  # starts in the separator, reaches "de"
    assert batch.locate(3, 3) == (0, 3, 3, False)  # empty span at a segment's end


@given(st.lists(st.text(alphabet="abc \U0001f600", min_size=1, max_size=12), min_size=1))
def test_batches_keep_order_and_locate_back(texts: list[str]) -> None:
    batches = plan_batches(texts, max_bytes=40)
    assert [t for b in batches for t in b.texts] == texts
    for batch in batches:
        assert len(batch.text.encode("utf-8")) <= 40 or len(batch.texts) == 1
        for i, text in enumerate(batch.texts):
            start = batch.starts[i]
            assert batch.text[start : start + len(text)] == text
            assert batch.locate(start, start + len(text)) == (i, 0, len(text), False)


def test_many_sentences_few_requests(lt_server: LTServer) -> None:
    sentences = [f"Satz Nummer {i} enthält einen Fehlr." for i in range(3000)]
    checker = connect(lt_settings(lt_server))
    lt_server.state.reset()
    flags = check_texts(sentences, checker)
    assert all([f.word for f in fl] == ["Fehlr"] for fl in flags)
    # run.py hands over 256 texts a call; each call's 256 sentences fit in one request
    assert lt_server.state.count("/v2/check") == 12
    checker.close()


def test_public_api_limits_chunk_requests(lt_server: LTServer) -> None:
    lt_server.state.max_text_length = 18_000
    options = LTOptions()
    limits = Limits(request_bytes=PUBLIC_API_LIMITS.request_bytes)
    backend = RemoteBackend(lt_server.url, options, 5.0, limits)
    checker = LanguageToolChecker(backend, options)
    texts = [f"Öffentliche Schnittstelle, Satz {i}, mit einem Fehlr darin." for i in range(1200)]
    flags = checker.check(texts)
    assert all(len(f) == 1 for f in flags)
    sizes = [len(r.params["text"].encode("utf-8")) for r in lt_server.state.checks()[1:]]
    assert len(sizes) >= 4 and max(sizes) <= 18_000
    checker.close()


def test_public_api_refuses_a_large_job_clearly(lt_server: LTServer) -> None:
    options = LTOptions()
    backend = RemoteBackend(lt_server.url, options, 5.0, PUBLIC_API_LIMITS)
    checker = LanguageToolChecker(backend, options)
    texts = [
        f"Satz {i} aus einem sehr langen Dokument, das niemand schnell prüft." for i in range(6000)
    ]
    with pytest.raises(
        CheckerUnavailable, match=r"too much for the public LanguageTool API"
    ) as exc:
        checker.prepare(texts)
    assert "\n" not in str(exc.value)
    checker.prepare(texts[:100])  # a small job is fine
    checker.close()


def test_rate_window_paces_twenty_requests_a_minute() -> None:
    now = [0.0]
    slept: list[float] = []

    def sleep(seconds: float) -> None:
        slept.append(seconds)
        now[0] += seconds

    window = RateWindow(PUBLIC_API_LIMITS, clock=lambda: now[0], sleep=sleep)
    for _ in range(45):
        window.wait(1_000)
        now[0] += 0.5
    assert len(slept) == 2  # requests 21 and 41 wait for the minute to roll over
    assert now[0] >= 120.0


def test_rate_window_paces_bytes_a_minute() -> None:
    now = [0.0]
    window = RateWindow(
        PUBLIC_API_LIMITS, clock=lambda: now[0], sleep=lambda s: now.__setitem__(0, now[0] + s)
    )
    for _ in range(5):
        window.wait(18_000)
    assert now[0] == 60.0  # 4 x 18 KB fit in 75 KB; the fifth waits a minute


# --- words and options -------------------------------------------------------------------


def test_accepted_words_filter_spelling_flags(lt_server: LTServer, tmp_path: Path) -> None:
    words = no_words(tmp_path)
    checker = connect(lt_settings(lt_server), words)
    text = "Trotzdessen erhielt er in Pyongyang Applaus."
    assert [f.word for f in checker.check([text])[0]] == ["Trotzdessen", "Pyongyang"]
    words.add_personal("Pyongyang")  # takes effect at once, also for cached flags
    lt_server.state.reset()
    assert [f.word for f in checker.check([text])[0]] == ["Trotzdessen"]
    assert lt_server.state.count("/v2/check") == 0
    words.project.add("Trotzdessen")
    assert checker.check([text]) == [[]]
    checker.close()


def test_severity_follows_issue_type(lt_server: LTServer) -> None:
    checker = connect(lt_settings(lt_server))
    [flags] = checker.check(["In den letzten Zeiten gab es  zwei Leerzeichen... und ein Fehlr."])
    assert {f.rule_id: f.severity for f in flags} == {
        "LETZTE_ZEITEN": Severity.HINT,
        "WHITESPACE_RULE": Severity.WARNING,
        "AUSLASSUNGSPUNKTE": Severity.WARNING,
        "GERMAN_SPELLER_RULE": Severity.ERROR,
    }
    assert {f.rule_id: f.category for f in flags}["GERMAN_SPELLER_RULE"] == "TYPOS"
    checker.close()


def test_options_from_the_command_line_reach_the_server(
    lt_server: LTServer, tmp_path: Path
) -> None:
    text = tmp_path / "t.txt"
    text.write_text(
        'Er sagte "eventuell" am Satzanfang.\nIn den letzten Zeiten ein Fehlr.\n', encoding="utf-8"
    )
    data = report_json(
        tmp_path,
        "--checker=languagetool",
        f"--languagetool-url={lt_server.url}",
        "--picky",
        "--enable-rule=DE_DEFAULT_OFF_DEMO",
        "--disable-rule",
        "LETZTE_ZEITEN,SOMETHING_ELSE",
        "--disable-category=TYPOS",
        "--preferred-variants=de-DE,en-GB",
        "--mother-tongue=en",
        str(text),
    )
    rules = sorted(f["rule_id"] for f in data["files"][0]["flags"])
    assert rules == [
        "DE_DEFAULT_OFF_DEMO",
        "FALSE_FRIEND_EVENTUELL",
        "TYPOGRAFISCHE_ANFUEHRUNGSZEICHEN",
    ]
    params = lt_server.state.checks()[-1].params
    assert params["level"] == "picky"
    assert params["motherTongue"] == "en"
    assert set(params["disabledRules"].split(",")) == {"LETZTE_ZEITEN", "SOMETHING_ELSE"}
    assert params["disabledCategories"] == "TYPOS"
    assert set(params["preferredVariants"].split(",")) == {"de-DE", "en-GB"}
    assert params["language"] == "de-DE"


def test_mother_tongue_none_turns_false_friends_off(lt_server: LTServer) -> None:
    import argparse

    from review_app.commands.common import add_checker_arguments

    parser = argparse.ArgumentParser()
    add_checker_arguments(parser)
    settings = settings_from_args(
        parser.parse_args(["--languagetool-url", lt_server.url, "--mother-tongue", "none"])
    )
    checker = connect(settings.languagetool)
    assert checker.check(["Das ist eventuell richtig."]) == [[]]
    assert "motherTongue" not in lt_server.state.checks()[-1].params
    checker.close()


# --- failures: one line, bounded time, no retry; auto hands over -------------------------


@pytest.mark.parametrize(
    ("trigger", "message"),
    [
        ("ANTWORT_500", "failed: Error: Internal Error: java.lang.RuntimeException: boom"),
        ("ANTWORT_KAPUTT", "sent a broken answer (not valid JSON)"),
    ],
)
def test_a_failing_server_gives_one_line(lt_server: LTServer, trigger: str, message: str) -> None:
    checker = connect(lt_settings(lt_server))
    lt_server.state.reset()
    with pytest.raises(CheckerUnavailable) as exc:
        checker.check([f"Hier steht {trigger}."])
    assert message in str(exc.value)
    assert "\n" not in str(exc.value)
    assert lt_server.state.count("/v2/check") == 1
    checker.close()


def test_a_slow_server_times_out_once_without_retry(lt_server: LTServer) -> None:
    lt_server.state.slow_seconds = 5.0
    checker = connect(lt_settings(lt_server, timeout=0.5))
    lt_server.state.reset()
    began = time.monotonic()
    with pytest.raises(CheckerUnavailable, match=r"did not answer within 0\.5 s"):
        checker.check(["Das dauert: ANTWORT_LANGSAM."])
    assert time.monotonic() - began < 2.0
    assert lt_server.state.count("/v2/check") == 1
    checker.close()


def dead_url() -> str:
    server = LTServer()
    url = server.url
    server.stop()  # bound, never served, now closed: nothing listens there
    return url


def test_a_dead_server_is_a_one_line_cli_error(capsys: pytest.CaptureFixture[str]) -> None:
    code = main(
        ["report", "-q", "--checker", "languagetool", "--languagetool-url", dead_url(), str(SEED)]
    )
    err = capsys.readouterr().err
    assert code == 2
    assert err.count("\n") == 1
    assert "does not answer" in err and "Traceback" not in err


def test_unknown_language_is_a_clear_error(lt_server: LTServer) -> None:
    with pytest.raises(ReviewAppError, match="language"):
        connect(lt_settings(lt_server, language="xx-YY"))


def test_fallback_takes_over_mid_run(lt_server: LTServer) -> None:
    primary = connect(lt_settings(lt_server))
    backup = WordChecker({"Fehlr": ("Tippfehler", Severity.ERROR)})
    checker = FallbackChecker(primary, lambda: backup)
    checker.prepare(["Ein Fehlr.", "ANTWORT_500 und ein Fehlr."])
    assert checker.info.name == "languagetool"
    first = checker.check(["Ein Fehlr."])
    assert [f.checker for f in first[0]] == ["languagetool"]
    second = checker.check(["ANTWORT_500 und ein Fehlr."])
    assert checker.info.name == "offline"
    assert "took over because LanguageTool at" in checker.info.description
    assert checker.info.fingerprint == backup.info.fingerprint
    assert [f.rule_id for f in second[0]] == [
        f.rule_id for f in backup.check(["ANTWORT_500 und ein Fehlr."])[0]
    ]
    assert backup.prepared == ["Ein Fehlr.", "ANTWORT_500 und ein Fehlr."]
    assert len(checker.notices) == 1 and "offline checker takes over" in checker.notices[0]
    checker.close()


def offline_available() -> bool:
    try:
        from review_app.checking.offline import OfflineChecker  # noqa: F401
    except ImportError:
        return False
    return True


needs_offline = pytest.mark.skipif(not offline_available(), reason="offline checker not built yet")


@needs_offline
def test_auto_falls_back_to_offline_when_the_server_is_dead(tmp_path: Path) -> None:
    checker = make_checker(
        Settings(languagetool=LanguageToolSettings(url=dead_url())), no_words(tmp_path)
    )
    assert checker.info.name == "offline"
    assert "does not answer" in checker.info.description
    checker.close()


@needs_offline
def test_auto_falls_back_mid_run_to_offline(lt_server: LTServer, tmp_path: Path) -> None:
    checker = make_checker(
        Settings(languagetool=LanguageToolSettings(url=lt_server.url)), no_words(tmp_path)
    )
    assert checker.info.name == "languagetool"
    checker.prepare(["ANTWORT_KAPUTT"])
    flags = checker.check(["ANTWORT_KAPUTT"])
    assert checker.info.name == "offline"
    assert all(f.checker == "offline" for f in flags[0])
    checker.close()


def test_auto_without_any_languagetool_is_not_languagetool(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("LTP_PATH", str(tmp_path / "empty"))
    monkeypatch.delenv("LTP_JAR_DIR_PATH", raising=False)
    try:
        checker = make_checker(Settings(), no_words(tmp_path))
    except ReviewAppError as exc:  # before the offline checker lands
        assert "offline checker" in str(exc)
        return
    assert checker.info.name == "offline"
    checker.close()


def test_languagetool_mode_without_any_is_a_one_line_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("LTP_PATH", str(tmp_path / "empty"))
    with pytest.raises(ReviewAppError, match=r"no LanguageTool: give --languagetool-url"):
        make_checker(Settings(check=CheckSettings(checker="languagetool")), no_words(tmp_path))


def test_checker_satisfies_the_protocol(lt_server: LTServer) -> None:
    checker = connect(lt_settings(lt_server))
    assert isinstance(checker, Checker)
    assert isinstance(FallbackChecker(checker, lambda: checker), Checker)
    [flags] = checker.check(["Ein Fehlr."])
    assert checker.suggest("Ein Fehlr.", flags[0]) == ("Fehler",)
    checker.close()


def test_unwritable_cache_folder_means_no_cache(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x")
    monkeypatch.setenv("REVIEW_APP_CACHE_DIR", str(blocker / "sub"))
    assert FlagCache.open_default() is None


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    st.lists(
        st.lists(
            st.sampled_from(["Fehlr", "ein", "\U0001f600", "\U0001f44d\U0001f44d", "ä", "x.", "€"]),
            min_size=1,
            max_size=8,
        ).map(" ".join),
        min_size=1,
        max_size=6,
    )
)
def test_flags_point_at_what_the_server_flagged(lt_server: LTServer, texts: list[str]) -> None:
    checker = connect(lt_settings(lt_server))
    try:
        for text, flags in zip(texts, checker.check(texts), strict=True):
            expected = sorted(
                [("Fehlr", m.start()) for m in re.finditer(r"\bFehlr\b", text)]
                + [("\U0001f44d\U0001f44d", m.start()) for m in re.finditer("\U0001f44d{2}", text)]
            )
            assert sorted((f.flagged(text), f.start) for f in flags) == expected
    finally:
        checker.close()


def test_url_from_the_environment(
    lt_server: LTServer, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("REVIEW_APP_LANGUAGETOOL_URL", lt_server.url)
    data = report_json(tmp_path, "--checker", "languagetool", str(SEED))
    assert data["checker"]["description"] == f"LanguageTool 6.6 at {lt_server.url}"
    assert len(data["files"][0]["flags"]) == len(EXPECTED_SEED_FLAGS)


def test_batches_checked_before_a_failure_stay_cached(lt_server: LTServer) -> None:
    good = [f"Satz {i} mit einem Fehlr, lang genug für mehrere Stapel." for i in range(1500)]
    checker = connect(lt_settings(lt_server))
    lt_server.state.reset()
    with pytest.raises(CheckerUnavailable):
        checker.check([*good, "ANTWORT_500"])
    assert lt_server.state.count("/v2/check") == 3  # two good batches, then the 500
    lt_server.state.reset()
    assert all(len(f) == 1 for f in checker.check(good))
    # only the good sentences that shared the failing batch are asked again
    [again] = lt_server.state.checks()
    assert again.params["text"].count("Fehlr") < 1500 // 3
    checker.close()


# --- an untrusted server: malformed matches are dropped and counted, never a crash ---------


def test_a_match_of_the_wrong_shape_is_dropped_with_a_notice(lt_server: LTServer) -> None:
    checker = connect(lt_settings(lt_server))
    assert checker.check(["Hier steht ANTWORT_FORM."]) == [[]]
    assert checker.info.description == (
        f"LanguageTool 6.6 at {lt_server.url}; "
        "1 malformed LanguageTool match dropped (1 rule id or message missing)"
    )
    checker.close()


def test_hostile_matches_are_dropped_counted_and_kept_literal(lt_server: LTServer) -> None:
    from tests.lt_server import HOSTILE_MESSAGE, HOSTILE_RULE_ID

    checker = connect(lt_settings(lt_server))
    text = "Ein Fehlr ANTWORT_FEINDLICH."
    [flags] = checker.check([text])
    assert all(0 <= f.start <= f.end <= len(text) for f in flags)
    by_rule = {f.rule_id: f for f in flags}
    assert set(by_rule) == {"GERMAN_SPELLER_RULE", HOSTILE_RULE_ID, "FEIND"}
    usable = by_rule[HOSTILE_RULE_ID]
    assert (usable.start, usable.end, usable.message) == (0, 1, HOSTILE_MESSAGE)
    assert usable.category == "[red]CAT"
    assert usable.suggestions == tuple(f"V{i}" for i in range(20))
    assert by_rule["FEIND"].suggestions == ("gut",)
    description = checker.info.description
    assert description.startswith(f"LanguageTool 6.6 at {lt_server.url}; ")  # not the escapes
    assert "14 malformed LanguageTool matches dropped (" in description
    for reason in (
        "4 offset or length out of range",
        "4 rule id or message missing",
        "3 offset or length not a whole number",
        "2 match not an object",
        "1 offset or length missing",
    ):
        assert reason in description
    assert "suggestion lists cut to 20: 1" in description
    assert "malformed or overlong suggestions left out: 1" in description
    assert "\x1b" not in description and "\n" not in description
    checker.close()


@pytest.mark.parametrize(
    "answer",
    [
        {"matches": [{"offset": 0, "length": 3, "rule": {"id": "X"}, "message": "m"}] * 10_000},
        {"matches": [{"offset": 2**70, "length": -(2**70), "rule": {"id": "X"}, "message": "m"}]},
        {
            "matches": [
                {
                    "offset": 0,
                    "length": 3,
                    "rule": {"id": "X", "category": 7},
                    "message": "m",
                    "replacements": "abc",
                }
            ]
        },
    ],
)
def test_odd_answers_never_make_a_flag_outside_the_text(lt_server: LTServer, answer: dict) -> None:
    checker = connect(lt_settings(lt_server))
    lt_server.state.tamper = lambda text, real: {**real, **answer}
    text = "Kurz."
    [flags] = checker.check([text])
    assert all(0 <= f.start <= f.end <= len(text) for f in flags)
    assert len(flags) <= len(text) + 100
    assert "dropped" in checker.info.description or flags
    checker.close()


def test_a_report_says_how_many_matches_were_dropped(lt_server: LTServer, tmp_path: Path) -> None:
    from tests.lt_server import hostile_matches

    lt_server.state.tamper = lambda text, real: {
        **real,
        "matches": [*real["matches"], *hostile_matches(text)[:3]],
    }
    source = tmp_path / "t.txt"
    source.write_text("Ein Fehlr steht hier.\n", encoding="utf-8")
    for fmt in ("json", "text", "markdown", "html"):
        out = tmp_path / f"report.{fmt}"
        args = ["report", "-q", "-f", fmt, "-o", str(out), "--checker", "languagetool"]
        assert main([*args, "--languagetool-url", lt_server.url, str(source)]) == 1
        shown = out.read_text(encoding="utf-8")
        assert "3 malformed LanguageTool matches dropped" in " ".join(shown.split())
    data = json.loads((tmp_path / "report.json").read_text(encoding="utf-8"))
    assert [(f["text"], f["span"], f["column"]) for f in data["files"][0]["flags"]] == [
        ("Fehlr", [4, 9], 5)
    ]
