"""Settings from the user's and project's TOML, the environment and flags."""

from __future__ import annotations

from pathlib import Path

import pytest

from review_app.checking.wordlists import WordLists
from review_app.config import load_settings
from review_app.errors import ReviewAppError


@pytest.fixture()
def user_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "user-config"
    folder.mkdir()
    monkeypatch.setenv("REVIEW_APP_CONFIG_DIR", str(folder))
    return folder


def test_defaults_without_files(tmp_path: Path, user_dir: Path) -> None:
    settings = load_settings(tmp_path, environ={})
    assert settings.checker == "auto"
    assert settings.fail_on == "error"
    assert settings.personal_dictionary_path() == user_dir / "dictionary.txt"


def test_project_overrides_user_and_env_overrides_project(tmp_path: Path, user_dir: Path) -> None:
    (user_dir / "config.toml").write_text('checker = "offline"\nfail_on = "warning"\n')
    project = tmp_path / "project"
    (project / "texts").mkdir(parents=True)
    (project / ".review-app.toml").write_text(
        '[check]\nfail_on = "hint"\ndisabled_rules = ["DOUBLE_SPACE"]\n'
        '[words]\naccept = ["Pjöngjang"]\naccept_file = "words.txt"\n'
    )
    (project / "words.txt").write_text("# names\nKim Jong Un\nSolovyov\n")
    settings = load_settings(project / "texts", environ={"REVIEW_APP_CHECKER": "languagetool"})
    assert settings.checker == "languagetool"
    assert settings.fail_on == "hint"
    assert settings.disabled_rules == ("DOUBLE_SPACE",)
    assert settings.project_root == str(project.resolve())
    words = WordLists.from_settings(settings)
    assert words.accepts("Pjöngjang") and words.accepts("Solovyov")
    assert not words.accepts("# names")


def test_flags_override_everything(tmp_path: Path, user_dir: Path) -> None:
    settings = load_settings(tmp_path, environ={"REVIEW_APP_CHECKER": "languagetool"})
    assert settings.with_overrides(checker="offline", dictionary=None).checker == "offline"


def test_bad_project_file_is_one_line_error(tmp_path: Path, user_dir: Path) -> None:
    (tmp_path / ".review-app.toml").write_text("checker = \n")
    with pytest.raises(ReviewAppError, match="not valid TOML"):
        load_settings(tmp_path, environ={})
    (tmp_path / ".review-app.toml").write_text('colour = "blue"\n')
    with pytest.raises(ReviewAppError, match="unknown setting 'colour'"):
        load_settings(tmp_path, environ={})


def test_personal_dictionary_persists(tmp_path: Path, user_dir: Path) -> None:
    settings = load_settings(tmp_path, environ={})
    words = WordLists.from_settings(settings)
    words.add_personal("Kinderwelle")
    again = WordLists.from_settings(settings)
    assert again.accepts("Kinderwelle")
    again.remove_personal("Kinderwelle")
    assert not WordLists.from_settings(settings).accepts("Kinderwelle")
