"""One frozen, typed Settings, merged from defaults, user and project TOML files, env and flags.

Every value from outside is checked here and only here, as it is read, into typed values
(Literal choices, bounded numbers, tuples, paths). A bad value is a one-line ReviewAppError that
names where it came from and the key: `.review-app.toml: check.disabled_rules: expected a list
of strings, got 5`.

The file format keeps the flat keys of earlier versions (`languagetool_url`, `picky`, ... at the
top level or inside [check], [words], [languagetool]) beside the sectioned form:

    [check]         checker, fail_on, language; disabled_rules/disabled_categories for every checker
    [languagetool]  url (a server or a list of them), public_api, timeout, picky, mother_tongue, ...
    [offline]       dictionary, enabled_rules (rules off by default), disabled_rules,
                    disabled_categories
    [words]         accept, accept_file, personal_dictionary

language, disabled_rules and disabled_categories written in [check] or at the top level reach
every checker's section, but lose, within the same file, to the key in a checker's own section
(from env or flags they reach every checker). A string where a list belongs is an error.
"""

from __future__ import annotations

import difflib
import math
import os
import re
import tomllib
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Any, Literal, get_args
from urllib.parse import urlsplit

from platformdirs import user_config_path

from review_app.document.textio import line_and_column
from review_app.document.visible import escaped, is_control
from review_app.errors import ReviewAppError

APP_NAME = "review-app"
PROJECT_FILE = ".review-app.toml"
ENV_PREFIX = "REVIEW_APP_"
MAX_FILE_BYTES = 1024 * 1024  # a settings file is a few lines; more is a mistake
TIMEOUT_MAX = 600.0

CheckerName = Literal["auto", "offline", "languagetool"]
FailOn = Literal["error", "warning", "hint", "never"]
CHECKERS: tuple[str, ...] = get_args(CheckerName)
FAIL_ON: tuple[str, ...] = get_args(FailOn)


def user_config_dir() -> Path:
    override = os.environ.get(ENV_PREFIX + "CONFIG_DIR")
    return Path(override) if override else user_config_path(APP_NAME, appauthor=False)


# --- reading one value ---------------------------------------------------------------------


class InvalidValue(ValueError):
    """A value of the wrong type or out of range; the message says what was expected."""

    def __init__(self, expected: str, got: object, hint: str = "") -> None:
        super().__init__(f"expected {expected}, got {_shown(got)}{hint}")


@dataclass(frozen=True)
class _Source:
    """Where values come from: env text is parsed ("1", "a,b"); TOML and flag values are typed.
    An environment variable is its own key: errors name it alone."""

    origin: str
    text: bool = False
    base: Path | None = None  # relative paths in a file are relative to the file's folder


Parse = Callable[[object, _Source], Any]


def _shown(value: object) -> str:
    if isinstance(value, Mapping):
        return "a table"
    shown = repr(value)  # repr escapes control, bidi and invisible characters
    return shown if len(shown) <= 60 else shown[:57] + "..."


def _string(value: object, expected: str) -> str:
    if not isinstance(value, str):
        raise InvalidValue(expected, value)
    return value.strip()


def _choice(options: tuple[str, ...]) -> Parse:
    expected = "one of " + ", ".join(options)

    def parse(value: object, source: _Source) -> str:
        text = _string(value, expected).lower()
        if text not in options:
            raise InvalidValue(expected, value)
        return text

    return parse


def _boolean(value: object, source: _Source) -> bool:
    if isinstance(value, bool):
        return value
    if source.text and isinstance(value, str):
        text = value.strip().lower()
        if text in ("1", "true", "yes", "on"):
            return True
        if text in ("", "0", "false", "no", "off"):
            return False
    raise InvalidValue("true or false", value)


def _seconds(value: object, source: _Source) -> float:
    expected = "a number of seconds"
    number = value
    if source.text and isinstance(value, str):
        try:
            number = float(value)
        except ValueError:
            raise InvalidValue(expected, value) from None
    if isinstance(number, bool) or not isinstance(number, int | float):
        raise InvalidValue(expected, value)
    seconds = float(number)
    if not (math.isfinite(seconds) and 0 < seconds <= TIMEOUT_MAX):
        raise InvalidValue(f"{expected} more than 0 and at most {TIMEOUT_MAX:g}", value)
    return seconds


URL_EXPECTED = "an http:// or https:// URL"


def _url(text: str, shown: object, hint: str = "") -> str:
    """One server's URL, `text` already stripped and not empty."""
    try:
        parts = urlsplit(text)
        parts.port  # noqa: B018 (raises ValueError on a bad port)
    except ValueError:
        raise InvalidValue(URL_EXPECTED, shown, hint) from None
    if parts.scheme not in ("http", "https") or not parts.hostname or _has_space(text):
        raise InvalidValue(URL_EXPECTED, shown, hint)
    return text


def _urls(value: object, source: _Source) -> tuple[str, ...]:
    """LanguageTool servers: one URL (a string) or several (a list; in env text and flags,
    comma-separated). Empty entries are skipped (REVIEW_APP_LANGUAGETOOL_URL= unsets it);
    a server given twice (with or without the final /) counts once."""
    if isinstance(value, str):
        items = value.split(",") if source.text else [value]
    elif isinstance(value, list | tuple) and all(isinstance(v, str) for v in value):
        items = list(value)
    else:
        raise InvalidValue(f"{URL_EXPECTED} or a list of them", value)
    texts = [item.strip() for item in items if item.strip()]
    hint = " in the list" if isinstance(value, list | tuple) or len(texts) > 1 else ""
    urls: dict[str, str] = {}
    for text in texts:
        urls.setdefault(text.rstrip("/"), _url(text, text if hint else value, hint))
    return tuple(urls.values())


def _has_space(text: str) -> bool:
    return any(c.isspace() or is_control(c) for c in text)


def _path(value: object, source: _Source) -> Path | None:
    if isinstance(value, Path):  # a flag, already read by `parse_text`
        value = str(value)
    text = _string(value, "a path")
    if not text:
        return None
    if "\0" in text:
        raise InvalidValue("a path", value)
    path = Path(text).expanduser()
    return source.base / path if source.base is not None else path


LANGUAGE = re.compile(r"auto|[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*")
IDENTIFIER = re.compile(r"[A-Za-z0-9_.\-]+")


def _language(value: object, source: _Source) -> str:
    expected = "a language code such as de-DE"
    text = _string(value, expected)
    if not LANGUAGE.fullmatch(text):
        raise InvalidValue(expected, value)
    return text


def _mother_tongue(value: object, source: _Source) -> str | None:
    """'none', 'off' or '' turn the mother tongue (LanguageTool's false-friend rules) off."""
    if isinstance(value, str) and value.strip().lower() in ("", "none", "off"):
        return None
    return _language(value, source)


def _strings(each: str, item: Callable[[str], object]) -> Parse:
    """A list of strings, each `item`-valid (`each` says what that means); in env text,
    comma-separated. A string where a list belongs is an error, not a guess: a one-element
    list would silently mean something else for "A, B"."""
    expected = "a list of strings"

    def parse(value: object, source: _Source) -> tuple[str, ...]:
        if source.text and isinstance(value, str):
            value = value.split(",")
        if isinstance(value, str):
            hint = f" (write [{value!r}])" if len(value) < 40 else ""
            raise InvalidValue(expected, value, hint)
        if not isinstance(value, list | tuple) or not all(isinstance(v, str) for v in value):
            raise InvalidValue(expected, value)
        items = tuple(dict.fromkeys(v.strip() for v in value if v.strip()))
        bad = next((v for v in items if not item(v)), None)
        if bad is not None:
            raise InvalidValue(each, bad, hint=" in the list")
        return items

    return parse


_identifiers = _strings("IDs of letters, digits, _ . -", IDENTIFIER.fullmatch)
_languages = _strings("language codes such as de-DE", LANGUAGE.fullmatch)
_words = _strings("words without control characters", lambda w: not any(map(is_control, w)))


# --- the typed settings (a field's metadata says how its key is read) ----------------------


@dataclass(frozen=True)
class CheckSettings:
    """Which checker runs, when the exit code says "flags found", the document's language."""

    checker: CheckerName = field(default="auto", metadata={"parse": _choice(CHECKERS)})
    fail_on: FailOn = field(default="error", metadata={"parse": _choice(FAIL_ON)})
    language: str = field(default="de-DE", metadata={"parse": _language})
    # a glossary (TBX, or TSV/CSV: source, target, status) for the source-aware checks
    glossary: Path | None = field(default=None, metadata={"parse": _path})
    # bilingual files: set a unit's state (reviewed/translated) when it is marked or edited
    write_states: bool = field(default=True, metadata={"parse": _boolean})


@dataclass(frozen=True)
class LanguageToolSettings:
    """All the LanguageTool checker reads. `url` holds the servers batches are spread over; a
    single URL string (or None) given to the constructor means that one server (or none)."""

    url: tuple[str, ...] = field(default=(), metadata={"parse": _urls})  # servers, in turn
    public_api: bool = field(default=False, metadata={"parse": _boolean})
    timeout: float = field(default=30.0, metadata={"parse": _seconds})
    language: str = field(default="de-DE", metadata={"parse": _language})
    mother_tongue: str | None = field(default="en", metadata={"parse": _mother_tongue})
    picky: bool = field(default=False, metadata={"parse": _boolean})
    enabled_rules: tuple[str, ...] = field(default=(), metadata={"parse": _identifiers})
    disabled_rules: tuple[str, ...] = field(default=(), metadata={"parse": _identifiers})
    enabled_categories: tuple[str, ...] = field(default=(), metadata={"parse": _identifiers})
    disabled_categories: tuple[str, ...] = field(default=(), metadata={"parse": _identifiers})
    preferred_variants: tuple[str, ...] = field(default=(), metadata={"parse": _languages})

    def __post_init__(self) -> None:
        url: object = self.url
        if url is None or isinstance(url, str):
            object.__setattr__(self, "url", (url,) if url else ())


@dataclass(frozen=True)
class OfflineSettings:
    """All the offline checker reads; `dictionary` is a Hunspell .dic (its .aff beside it)."""

    dictionary: Path | None = field(default=None, metadata={"parse": _path})
    language: str = field(default="de-DE", metadata={"parse": _language})
    enabled_rules: tuple[str, ...] = field(default=(), metadata={"parse": _identifiers})
    disabled_rules: tuple[str, ...] = field(default=(), metadata={"parse": _identifiers})
    disabled_categories: tuple[str, ...] = field(default=(), metadata={"parse": _identifiers})


@dataclass(frozen=True)
class WordsSettings:
    """The project's accepted words (`accept`, and `accept_file`, one word a line) and the
    personal dictionary (default: dictionary.txt in the user config folder)."""

    accept: tuple[str, ...] = field(default=(), metadata={"parse": _words})
    accept_file: Path | None = field(default=None, metadata={"parse": _path})
    personal_dictionary: Path | None = field(default=None, metadata={"parse": _path})

    def personal_dictionary_path(self) -> Path:
        return self.personal_dictionary or user_config_dir() / "dictionary.txt"


@dataclass(frozen=True)
class Settings:
    """Everything a run needs to know; built once, never mutated."""

    check: CheckSettings = field(default_factory=CheckSettings)
    languagetool: LanguageToolSettings = field(default_factory=LanguageToolSettings)
    offline: OfflineSettings = field(default_factory=OfflineSettings)
    words: WordsSettings = field(default_factory=WordsSettings)
    project_root: Path | None = field(default=None, compare=False)


SECTIONS: dict[str, type] = {
    "check": CheckSettings,
    "languagetool": LanguageToolSettings,
    "offline": OfflineSettings,
    "words": WordsSettings,
}
KEYS: dict[str, dict[str, Parse]] = {
    name: {f.name: f.metadata["parse"] for f in fields(cls)} for name, cls in SECTIONS.items()
}
Target = tuple[str, str]  # (section, key)
# Written in [check], these reach every section that has them.
SHARED: dict[str, tuple[Target, ...]] = {
    "language": (("check", "language"), ("languagetool", "language"), ("offline", "language")),
    "enabled_rules": (("languagetool", "enabled_rules"), ("offline", "enabled_rules")),
    "disabled_rules": (("languagetool", "disabled_rules"), ("offline", "disabled_rules")),
    "disabled_categories": (
        ("languagetool", "disabled_categories"),
        ("offline", "disabled_categories"),
    ),
}
# The flat names of earlier versions: still read in files (top level, [check], [words],
# [languagetool]); also the REVIEW_APP_* variables and the command-line flags' names.
FLAT: dict[str, tuple[Target, ...]] = {
    **SHARED,
    "checker": (("check", "checker"),),
    "fail_on": (("check", "fail_on"),),
    "glossary": (("check", "glossary"),),
    "write_states": (("check", "write_states"),),
    "languagetool_url": (("languagetool", "url"),),
    "languagetool_public_api": (("languagetool", "public_api"),),
    "languagetool_timeout": (("languagetool", "timeout"),),
    **{
        name: (("languagetool", name),)
        for name in ("mother_tongue", "picky", "enabled_categories")
    },
    "preferred_variants": (("languagetool", "preferred_variants"),),
    "dictionary": (("offline", "dictionary"),),
    **{name: (("words", name),) for name in ("accept", "accept_file", "personal_dictionary")},
}
FLAT_SECTIONS = (None, "check", "words", "languagetool")


# --- one source: a file, the environment or the flags --------------------------------------

Values = dict[Target, Any]


def _targets(section: str | None, key: str) -> tuple[Target, ...] | None:
    """Where `key`, written in `section` (None: the top level), goes; None if nowhere."""
    if section == "check" and key in SHARED:
        return SHARED[key]
    if section in KEYS and key in KEYS[section]:
        return ((section, key),)
    if section in FLAT_SECTIONS and key in FLAT:
        return FLAT[key]
    return None


def _read_values(entries: Iterator[tuple[str | None, str, object]], source: _Source) -> Values:
    """Each (section, key, value) checked and put where it belongs; a key written in a
    section's own table wins over one that reaches it from elsewhere."""
    values: Values = {}
    rank: dict[Target, int] = {}
    for section, key, raw in entries:
        targets = _targets(section, key.replace("-", "_"))
        assert targets is not None  # unknown keys are refused before
        label = None if source.text else key if section is None else f"{section}.{key}"
        try:
            value = KEYS[targets[0][0]][targets[0][1]](raw, source)
        except InvalidValue as exc:
            raise _error(source.origin, label, str(exc)) from None
        for target in targets:
            own = int(target[0] == section)
            if own >= rank.get(target, 0):
                values[target], rank[target] = value, own
    return values


def _error(origin: str, label: str | None, message: str) -> ReviewAppError:
    where = escaped(origin) if label is None else f"{escaped(origin)}: {escaped(label)}"
    return ReviewAppError(f"{where}: {message}")


def _entries(data: Mapping[str, Any]) -> Iterator[tuple[str | None, str, object]]:
    for key, value in data.items():
        if key in SECTIONS and isinstance(value, Mapping):
            for inner, item in value.items():
                yield key, inner, item
        else:
            yield None, key, value


def _unknown(data: Mapping[str, Any], origin: str) -> None:
    """One error naming every unknown key (with the closest known one, if any)."""
    problems = []
    for section, key, value in _entries(data):
        name = key.replace("-", "_")
        if section is None and name in SECTIONS:
            raise _error(origin, key, f"expected a table ([{name}]), got {_shown(value)}")
        if _targets(section, name) is None:
            problems.append(_unknown_one(section, key, value))
    if problems:
        plural = "s" if len(problems) > 1 else ""
        raise ReviewAppError(f"{escaped(origin)}: unknown setting{plural} {', '.join(problems)}")


def _unknown_one(section: str | None, key: str, value: object) -> str:
    """`check.checkr (did you mean check.checker?)`, `[colour] (did you mean [check]?)`."""
    name = key.replace("-", "_")
    if section is None and isinstance(value, Mapping):  # an unknown [table]
        close = difflib.get_close_matches(name, SECTIONS, n=1)
        return f"[{escaped(key)}]" + (f" (did you mean [{close[0]}]?)" if close else "")
    known = [*KEYS[section]] if section else [*SECTIONS]
    known += [*FLAT] if section in FLAT_SECTIONS else []
    close = difflib.get_close_matches(name, known, n=1)
    prefix = f"{section}." if section else ""
    return f"{prefix}{escaped(key)}" + (f" (did you mean {prefix}{close[0]}?)" if close else "")


def _parse_toml(path: Path) -> dict[str, Any]:
    origin = str(path)
    try:
        with path.open("rb") as handle:
            data = handle.read(MAX_FILE_BYTES + 1)
    except OSError as exc:
        raise _error(origin, None, f"cannot read ({exc.strerror or exc})") from None
    if len(data) > MAX_FILE_BYTES:
        raise _error(origin, None, "too large for a settings file (over 1 MiB)")
    if b"\0" in data:
        raise _error(origin, None, "a binary file, not TOML text")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line, column = line_and_column(data, exc.start)
        where = f"byte 0x{data[exc.start]:02x} at line {line}, column {column}"
        raise _error(origin, None, f"not UTF-8 text ({where})") from None
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise _error(origin, None, f"not valid TOML ({_toml_problem(str(exc))})") from None
    except RecursionError:  # tomllib recurses into nested arrays and tables
        raise _error(origin, None, "not valid TOML (nested too deeply)") from None


def _toml_problem(message: str) -> str:
    """tomllib's "Invalid value (at line 3, column 7)" as "line 3, column 7: invalid value"."""
    match = re.fullmatch(r"(.*) \(at (line \d+, column \d+|end of document)\)", message)
    if match is None:
        return message
    what = match.group(1)
    return f"{match.group(2)}: {what[:1].lower()}{what[1:]}"


def read_file(path: Path) -> Values:
    """A user or project settings file, every value checked."""
    return read_mapping(_parse_toml(path), str(path), base=path.parent)


def read_mapping(data: Mapping[str, Any], origin: str, base: Path | None = None) -> Values:
    """Parsed TOML from `origin`, every key known and every value checked."""
    _unknown(data, origin)
    return _read_values(_entries(data), _Source(origin, base=base))


def read_environment(environ: Mapping[str, str]) -> Values:
    """REVIEW_APP_CHECKER, REVIEW_APP_LANGUAGETOOL_TIMEOUT, ...: one variable, one flat key."""
    values: Values = {}
    for name in FLAT:
        variable = ENV_PREFIX + name.upper()
        if variable in environ:
            entry = iter([(None, name, environ[variable])])
            values.update(_read_values(entry, _Source(variable, text=True)))
    return values


def read_flags(flags: Mapping[str, object]) -> Values:
    """Command-line values by flat name (`languagetool_timeout`); None means not given."""
    given = ((None, name, value) for name, value in flags.items() if value is not None)
    return _read_values(given, _Source("command line"))


def parse_text(name: str, text: str) -> Any:
    """`text` as the flat key `name` would read it from the environment: the type of a
    command-line flag. Raises InvalidValue."""
    section, key = FLAT[name][0]
    return KEYS[section][key](text, _Source(name, text=True))


def find_project_file(start: Path) -> Path | None:
    """The nearest .review-app.toml in `start` or a parent folder."""
    folder = start if start.is_dir() else start.parent
    for candidate in (folder.resolve(), *folder.resolve().parents):
        path = candidate / PROJECT_FILE
        if path.is_file():
            return path
    return None


def _build(values: Values, project_root: Path | None) -> Settings:
    sections = {
        name: cls(**{key: value for (where, key), value in values.items() if where == name})
        for name, cls in SECTIONS.items()
    }
    return Settings(**sections, project_root=project_root)


def load_settings(
    start: Path | None = None,
    environ: Mapping[str, str] | None = None,
    flags: Mapping[str, object] | None = None,
) -> Settings:
    """Defaults < user config.toml < project .review-app.toml < REVIEW_APP_* env < flags."""
    environ = os.environ if environ is None else environ
    values: Values = {}
    user_file = user_config_dir() / "config.toml"
    if user_file.is_file():
        values.update(read_file(user_file))
    project_file = find_project_file(start or Path.cwd())
    if project_file is not None:
        values.update(read_file(project_file))
    values.update(read_environment(environ))
    values.update(read_flags(flags or {}))
    return _build(values, project_file.parent if project_file else None)
