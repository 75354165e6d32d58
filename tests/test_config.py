"""Settings from the user's and project's TOML, the environment and flags: typed values, the
old flat file format, precedence, and one-line errors for anything else."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from review_app.checking.wordlists import WordLists
from review_app.config import (
    FLAT,
    KEYS,
    SECTIONS,
    CheckSettings,
    LanguageToolSettings,
    OfflineSettings,
    Settings,
    WordsSettings,
    load_settings,
    read_mapping,
)
from review_app.document.visible import has_hidden
from review_app.errors import ReviewAppError


@pytest.fixture()
def user_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "user-config"
    folder.mkdir()
    monkeypatch.setenv("REVIEW_APP_CONFIG_DIR", str(folder))
    return folder


def project(tmp_path: Path, text: str) -> Path:
    """A project folder holding `.review-app.toml` with `text`; returns the folder."""
    folder = tmp_path / "project"
    folder.mkdir(exist_ok=True)
    (folder / ".review-app.toml").write_text(text, encoding="utf-8")
    return folder.resolve()


EVERY_KEY = """\
[check]
checker = "languagetool"
fail_on = "hint"
language = "de-AT"
glossary = "terms.tbx"
write_states = false

[languagetool]
url = "http://localhost:8010/"
public_api = true
timeout = 12
mother_tongue = "none"
picky = true
enabled_rules = ["DE_CASE", "SOME_RULE"]
disabled_rules = ["WHITESPACE_RULE", " DE_CASE ", "WHITESPACE_RULE"]
enabled_categories = ["STYLE"]
disabled_categories = ["TYPOS"]
preferred_variants = ["de-DE", "en-GB"]

[offline]
dictionary = "dicts/de_AT.dic"
disabled_rules = ["DOUBLE_SPACE"]
disabled_categories = ["TYPOGRAPHY"]

[words]
accept = ["Pjöngjang", "Kim Jong Un"]
accept_file = "accept.txt"
personal_dictionary = "~/my-words.txt"
"""


def every_key_settings(folder: Path) -> Settings:
    return Settings(
        check=CheckSettings(
            checker="languagetool",
            fail_on="hint",
            language="de-AT",
            glossary=folder / "terms.tbx",
            write_states=False,
        ),
        languagetool=LanguageToolSettings(
            url="http://localhost:8010/",
            public_api=True,
            timeout=12.0,
            language="de-AT",
            mother_tongue=None,
            picky=True,
            enabled_rules=("DE_CASE", "SOME_RULE"),
            disabled_rules=("WHITESPACE_RULE", "DE_CASE"),
            enabled_categories=("STYLE",),
            disabled_categories=("TYPOS",),
            preferred_variants=("de-DE", "en-GB"),
        ),
        offline=OfflineSettings(
            dictionary=folder / "dicts" / "de_AT.dic",
            language="de-AT",
            disabled_rules=("DOUBLE_SPACE",),
            disabled_categories=("TYPOGRAPHY",),
        ),
        words=WordsSettings(
            accept=("Pjöngjang", "Kim Jong Un"),
            accept_file=folder / "accept.txt",
            personal_dictionary=Path("~/my-words.txt").expanduser(),
        ),
    )


def test_defaults_without_files(tmp_path: Path, user_dir: Path) -> None:
    settings = load_settings(tmp_path, environ={})
    assert settings == Settings()
    assert settings.check.checker == "auto"
    assert settings.check.fail_on == "error"
    assert settings.languagetool.timeout == 30.0
    assert settings.languagetool.mother_tongue == "en"
    assert settings.words.personal_dictionary_path() == user_dir / "dictionary.txt"


def test_every_key_gives_its_typed_value(tmp_path: Path, user_dir: Path) -> None:
    folder = project(tmp_path, EVERY_KEY)
    settings = load_settings(folder, environ={})
    assert settings == every_key_settings(folder)
    assert settings.project_root == folder
    assert isinstance(settings.languagetool.timeout, float)


def test_a_byte_order_mark_is_fine(tmp_path: Path, user_dir: Path) -> None:
    folder = project(tmp_path, "")
    (folder / ".review-app.toml").write_bytes(b'\xef\xbb\xbf[check]\nchecker = "offline"\n')
    assert load_settings(folder, environ={}).check.checker == "offline"


def test_the_old_flat_keys_still_work(tmp_path: Path, user_dir: Path) -> None:
    """The README's earlier form: flat keys at the top level and inside [check], [words] and
    [languagetool], every one of them landing where the sectioned form puts it."""
    folder = project(
        tmp_path,
        'language = "de-AT"\nlanguagetool_url = "http://localhost:8010/"\n'
        "[check]\n"
        'checker = "languagetool"\nfail-on = "hint"\n'
        "[languagetool]\n"
        "languagetool_public_api = true\nlanguagetool_timeout = 12\n"
        'mother_tongue = ""\npicky = true\nenabled_rules = ["DE_CASE", "SOME_RULE"]\n'
        'enabled_categories = ["STYLE"]\npreferred_variants = ["de-DE", "en-GB"]\n'
        'disabled_rules = ["WHITESPACE_RULE", "DE_CASE"]\ndisabled_categories = ["TYPOS"]\n'
        "[words]\n"
        'accept = ["Pjöngjang", "Kim Jong Un"]\naccept_file = "accept.txt"\n'
        'personal_dictionary = "~/my-words.txt"\ndictionary = "dicts/de_AT.dic"\n'
        'glossary = "terms.tbx"\nwrite_states = false\n'
        "[offline]\n"
        'disabled_rules = ["DOUBLE_SPACE"]\ndisabled_categories = ["TYPOGRAPHY"]\n',
    )
    assert load_settings(folder, environ={}) == every_key_settings(folder)


def test_check_rules_reach_both_checkers_and_a_checkers_own_list_wins(
    tmp_path: Path, user_dir: Path
) -> None:
    folder = project(
        tmp_path,
        '[offline]\ndisabled_rules = ["DOUBLED_WORD"]\n'  # before [check]: order is irrelevant
        '[check]\ndisabled_rules = ["DOUBLE_SPACE"]\ndisabled_categories = ["TYPOGRAPHY"]\n',
    )
    settings = load_settings(folder, environ={})
    assert settings.languagetool.disabled_rules == ("DOUBLE_SPACE",)
    assert settings.offline.disabled_rules == ("DOUBLED_WORD",)
    assert settings.languagetool.disabled_categories == ("TYPOGRAPHY",)
    assert settings.offline.disabled_categories == ("TYPOGRAPHY",)


def test_every_environment_variable_gives_its_typed_value(tmp_path: Path, user_dir: Path) -> None:
    environ = {
        "REVIEW_APP_CHECKER": " languagetool ",
        "REVIEW_APP_FAIL_ON": "hint",
        "REVIEW_APP_LANGUAGE": "de-AT",
        "REVIEW_APP_LANGUAGETOOL_URL": "http://localhost:8010/",
        "REVIEW_APP_LANGUAGETOOL_PUBLIC_API": "yes",
        "REVIEW_APP_LANGUAGETOOL_TIMEOUT": "12",
        "REVIEW_APP_MOTHER_TONGUE": "none",
        "REVIEW_APP_PICKY": "1",
        "REVIEW_APP_ENABLED_RULES": "DE_CASE, SOME_RULE",
        "REVIEW_APP_DISABLED_RULES": "WHITESPACE_RULE,DE_CASE,",
        "REVIEW_APP_ENABLED_CATEGORIES": "STYLE",
        "REVIEW_APP_DISABLED_CATEGORIES": "TYPOS",
        "REVIEW_APP_PREFERRED_VARIANTS": "de-DE,en-GB",
        "REVIEW_APP_DICTIONARY": str(tmp_path / "dicts" / "de_AT.dic"),
        "REVIEW_APP_ACCEPT": "Pjöngjang,Kim Jong Un",
        "REVIEW_APP_ACCEPT_FILE": str(tmp_path / "accept.txt"),
        "REVIEW_APP_PERSONAL_DICTIONARY": "~/my-words.txt",
        "REVIEW_APP_GLOSSARY": str(tmp_path / "terms.tbx"),
        "REVIEW_APP_WRITE_STATES": "no",
    }
    assert {name.removeprefix("REVIEW_APP_").lower() for name in environ} == set(FLAT)
    settings = load_settings(tmp_path, environ=environ)
    expected = every_key_settings(tmp_path)
    # REVIEW_APP_DISABLED_RULES (and _ENABLED_RULES) reach both checkers.
    offline = OfflineSettings(
        dictionary=expected.offline.dictionary,
        language="de-AT",
        enabled_rules=("DE_CASE", "SOME_RULE"),
        disabled_rules=("WHITESPACE_RULE", "DE_CASE"),
        disabled_categories=("TYPOS",),
    )
    assert settings == Settings(expected.check, expected.languagetool, offline, expected.words)


def test_false_and_empty_environment_values(tmp_path: Path, user_dir: Path) -> None:
    environ = {
        "REVIEW_APP_PICKY": "off",
        "REVIEW_APP_LANGUAGETOOL_PUBLIC_API": "",
        "REVIEW_APP_LANGUAGETOOL_URL": "",
        "REVIEW_APP_DISABLED_RULES": "",
    }
    assert load_settings(tmp_path, environ=environ) == Settings()


def test_defaults_user_project_env_flags_in_rising_order(tmp_path: Path, user_dir: Path) -> None:
    (user_dir / "config.toml").write_text(
        'checker = "offline"\nfail_on = "warning"\n[languagetool]\ntimeout = 5\npicky = true\n'
    )
    folder = project(
        tmp_path,
        '[check]\nfail_on = "hint"\ndisabled_rules = ["DOUBLE_SPACE"]\n'
        "[languagetool]\ntimeout = 7\n"
        '[words]\naccept = ["Pjöngjang"]\naccept_file = "words.txt"\n',
    )
    (folder / "texts").mkdir()
    (folder / "words.txt").write_text("# names\nKim Jong Un\nSolovyov\n")
    environ = {"REVIEW_APP_CHECKER": "languagetool", "REVIEW_APP_LANGUAGETOOL_TIMEOUT": "9"}
    settings = load_settings(folder / "texts", environ=environ)
    assert settings.languagetool.picky is True  # user file, nothing above it
    assert settings.check.fail_on == "hint"  # project over user
    assert settings.check.checker == "languagetool"  # env over user
    assert settings.languagetool.timeout == 9.0  # env over project over user
    assert settings.offline.disabled_rules == ("DOUBLE_SPACE",)
    assert settings.project_root == folder
    flagged = load_settings(
        folder / "texts",
        environ=environ,
        flags={"checker": "offline", "languagetool_timeout": 3.0, "dictionary": None},
    )
    assert flagged.check.checker == "offline"  # flags over everything
    assert flagged.languagetool.timeout == 3.0
    assert flagged.offline.dictionary is None  # None: flag not given
    given = load_settings(folder, environ={}, flags={"dictionary": Path("my.dic")})
    assert given.offline.dictionary == Path("my.dic")  # as `--dictionary` gives it
    words = WordLists.from_settings(settings.words)
    assert words.accepts("Pjöngjang") and words.accepts("Solovyov")
    assert not words.accepts("# names")


def test_paths_in_a_file_are_relative_to_that_file(tmp_path: Path, user_dir: Path) -> None:
    (user_dir / "config.toml").write_text('[words]\npersonal_dictionary = "mine.txt"\n')
    folder = project(tmp_path, '[offline]\ndictionary = "/abs/de.dic"\n')
    settings = load_settings(folder, environ={})
    assert settings.words.personal_dictionary_path() == user_dir / "mine.txt"
    assert settings.offline.dictionary == Path("/abs/de.dic")
    relative = load_settings(folder, environ={"REVIEW_APP_DICTIONARY": "de.dic"})
    assert relative.offline.dictionary == Path("de.dic")  # env and flags: from the cwd


def test_bad_project_file_is_one_line_error(tmp_path: Path, user_dir: Path) -> None:
    folder = project(tmp_path, "checker = \n")
    name = folder / ".review-app.toml"
    with pytest.raises(ReviewAppError) as exc:
        load_settings(folder, environ={})
    assert str(exc.value) == f"{name}: not valid TOML (line 1, column 11: invalid value)"
    project(tmp_path, 'colour = "blue"\n[check]\nchecker = "offline"\ncheckr = 1\n')
    with pytest.raises(ReviewAppError) as exc:
        load_settings(folder, environ={})
    assert str(exc.value) == (
        f"{name}: unknown settings colour, check.checkr (did you mean check.checker?)"
    )


def test_personal_dictionary_persists(tmp_path: Path, user_dir: Path) -> None:
    settings = load_settings(tmp_path, environ={}).words
    words = WordLists.from_settings(settings)
    words.add_personal("Kinderwelle")
    again = WordLists.from_settings(settings)
    assert again.accepts("Kinderwelle")
    again.remove_personal("Kinderwelle")
    assert not WordLists.from_settings(settings).accepts("Kinderwelle")


# --- anything at all: typed settings or one clean line, never another exception -----------

NAMES = sorted({*SECTIONS, *FLAT, *(key for keys in KEYS.values() for key in keys)})
scalars = (
    st.booleans()
    | st.integers()
    | st.floats()
    | st.text(max_size=12)
    | st.sampled_from(["auto", "offline", "de-DE", "http://x", "none", "A_B", "\x1b[2J"])
    | st.datetimes()
    | st.dates()
    | st.times()
)
values = st.recursive(
    scalars,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=5), inner),
    max_leaves=8,
)
keys = st.sampled_from(NAMES) | st.text(max_size=8)
tables = st.dictionaries(keys, values | st.dictionaries(keys, values, max_size=6), max_size=6)


def assert_clean(error: ReviewAppError) -> None:
    message = str(error)
    assert message and "\n" not in message and not has_hidden(message), message


@settings(max_examples=400, deadline=None)
@given(data=tables)
def test_any_table_is_settings_or_one_clean_line(data: dict[str, object]) -> None:
    try:
        read_mapping(data, "fuzz.toml")
    except ReviewAppError as exc:
        assert_clean(exc)
        assert str(exc).startswith("fuzz.toml: ")


@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(content=st.binary(max_size=200) | st.text(max_size=200).map(str.encode))
def test_any_bytes_are_settings_or_one_clean_line(
    tmp_path: Path, user_dir: Path, content: bytes
) -> None:
    (user_dir / "config.toml").write_bytes(content)
    try:
        load_settings(tmp_path, environ={})
    except ReviewAppError as exc:
        assert_clean(exc)


def test_dates_are_not_settings() -> None:
    with pytest.raises(ReviewAppError, match=r"languagetool\.timeout: expected a number"):
        read_mapping({"languagetool": {"timeout": dt.date(2024, 1, 1)}}, "x.toml")
