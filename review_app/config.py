"""One frozen Settings, merged from defaults, user and project TOML files, env and flags."""

from __future__ import annotations

import os
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field, fields, replace
from pathlib import Path
from typing import Any

from platformdirs import user_config_path

from review_app.errors import ReviewAppError

APP_NAME = "review-app"
PROJECT_FILE = ".review-app.toml"
ENV_PREFIX = "REVIEW_APP_"


def user_config_dir() -> Path:
    override = os.environ.get(ENV_PREFIX + "CONFIG_DIR")
    return Path(override) if override else user_config_path(APP_NAME, appauthor=False)


@dataclass(frozen=True)
class Settings:
    """Everything a run needs to know; built once, never mutated."""

    language: str = "de-DE"
    checker: str = "auto"  # auto | offline | languagetool
    languagetool_url: str | None = None
    languagetool_public_api: bool = False
    languagetool_timeout: float = 30.0
    mother_tongue: str | None = "en"
    picky: bool = False
    enabled_rules: tuple[str, ...] = ()
    disabled_rules: tuple[str, ...] = ()
    enabled_categories: tuple[str, ...] = ()
    disabled_categories: tuple[str, ...] = ()
    preferred_variants: tuple[str, ...] = ()
    dictionary: str | None = None  # a Hunspell .dic path (its .aff beside it)
    personal_dictionary: str | None = None  # default: dictionary.txt in the user config dir
    accept: tuple[str, ...] = ()  # the project's accepted words
    accept_file: str | None = None  # a project word list, one word a line
    fail_on: str = "error"
    project_root: str | None = field(default=None, compare=False)

    def personal_dictionary_path(self) -> Path:
        if self.personal_dictionary:
            return Path(self.personal_dictionary).expanduser()
        return user_config_dir() / "dictionary.txt"

    def with_overrides(self, **overrides: Any) -> Settings:
        """A copy with the non-None `overrides` applied (command-line flags)."""
        return replace(self, **{k: v for k, v in overrides.items() if v is not None})


_TUPLE_FIELDS = {f.name for f in fields(Settings) if f.type.startswith("tuple")}
_KNOWN = {f.name for f in fields(Settings)} - {"project_root"}


def _from_mapping(data: Mapping[str, Any], origin: str) -> dict[str, Any]:
    flat: dict[str, Any] = {}
    for key, value in data.items():
        if isinstance(value, Mapping):  # sections ([check], [words], [languagetool]) are flat
            flat.update(_from_mapping(value, origin))
            continue
        name = key.replace("-", "_")
        if name not in _KNOWN:
            raise ReviewAppError(f"{origin}: unknown setting {key!r}")
        flat[name] = tuple(value) if name in _TUPLE_FIELDS else value
    return flat


def _read_toml(path: Path) -> dict[str, Any]:
    try:
        with path.open("rb") as handle:
            return _from_mapping(tomllib.load(handle), str(path))
    except tomllib.TOMLDecodeError as exc:
        raise ReviewAppError(f"{path}: not valid TOML ({exc})") from None
    except OSError as exc:
        raise ReviewAppError(f"{path}: cannot read ({exc.strerror})") from None


def find_project_file(start: Path) -> Path | None:
    """The nearest .review-app.toml in `start` or a parent folder."""
    folder = start if start.is_dir() else start.parent
    for candidate in (folder.resolve(), *folder.resolve().parents):
        path = candidate / PROJECT_FILE
        if path.is_file():
            return path
    return None


def _from_env(environ: Mapping[str, str]) -> dict[str, Any]:
    values: dict[str, Any] = {}
    for name in _KNOWN:
        raw = environ.get(ENV_PREFIX + name.upper())
        if raw is None:
            continue
        if name in _TUPLE_FIELDS:
            values[name] = tuple(part.strip() for part in raw.split(",") if part.strip())
        elif name in ("picky", "languagetool_public_api"):
            values[name] = raw.strip().lower() in ("1", "true", "yes", "on")
        elif name == "languagetool_timeout":
            values[name] = float(raw)
        else:
            values[name] = raw
    return values


def load_settings(start: Path | None = None, environ: Mapping[str, str] | None = None) -> Settings:
    """Defaults < user config.toml < project .review-app.toml < REVIEW_APP_* env."""
    values: dict[str, Any] = {}
    user_file = user_config_dir() / "config.toml"
    if user_file.is_file():
        values.update(_read_toml(user_file))
    project_file = find_project_file(start or Path.cwd())
    if project_file is not None:
        values.update(_read_toml(project_file))
        values["project_root"] = str(project_file.parent)
        if values.get("accept_file"):
            values["accept_file"] = str(project_file.parent / values["accept_file"])
    values.update(_from_env(os.environ if environ is None else environ))
    return Settings(**values)
