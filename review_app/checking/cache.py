"""A disk cache of flags, keyed by sentence text and checker fingerprint.

One SQLite file under the user cache folder (platformdirs; `REVIEW_APP_CACHE_DIR` overrides).
SQLite makes every write atomic and lets several review-app processes share the file. The
cache is an optimisation: when it cannot be opened or written, checking goes on without it.
"""

from __future__ import annotations

import hashlib
import json
import os
import sqlite3
import threading
import time
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path

from platformdirs import user_cache_path

from review_app.checking.flag import Flag, Severity

CACHE_DIR_ENV = "REVIEW_APP_CACHE_DIR"
CACHE_FILE = "flags-v1.sqlite3"
_SQL_PARAMS = 500  # keys per SELECT ... IN (...)

_SCHEMA = """
CREATE TABLE IF NOT EXISTS flags (key TEXT PRIMARY KEY, flags TEXT NOT NULL, stored REAL NOT NULL);
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL, stored REAL NOT NULL);
"""


def cache_dir() -> Path:
    override = os.environ.get(CACHE_DIR_ENV)
    return Path(override) if override else user_cache_path("review-app", appauthor=False)


DATA_DIR_ENV = "REVIEW_APP_DATA_CACHE_DIR"


def data_cache_dir() -> Path:
    """Where data derived from installed packages is kept (the noun index): the same for every
    run and project, since it depends only on the package versions (its own variable, so that
    tests isolating the result cache still share it)."""
    override = os.environ.get(DATA_DIR_ENV)
    base = user_cache_path("review-app", appauthor=False) / "data"
    return Path(override) if override else base


def _key(fingerprint: str, text: str) -> str:
    return hashlib.sha256(f"{fingerprint}\0{text}".encode()).hexdigest()


def flag_to_json(flag: Flag) -> dict:
    return {
        "start": flag.start,
        "end": flag.end,
        "message": flag.message,
        "rule_id": flag.rule_id,
        "category": flag.category,
        "severity": flag.severity.label,
        "suggestions": list(flag.suggestions),
        "checker": flag.checker,
        "word": flag.word,
    }


def flag_from_json(data: Mapping) -> Flag:
    return Flag(
        start=int(data["start"]),
        end=int(data["end"]),
        message=str(data["message"]),
        rule_id=str(data["rule_id"]),
        category=str(data["category"]),
        severity=Severity.parse(data["severity"]),
        suggestions=tuple(data.get("suggestions", ())),
        checker=str(data.get("checker", "")),
        word=data.get("word"),
    )


class FlagCache:
    """Flags per (fingerprint, text); a small key/value table for checker facts (versions)."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._lock = threading.Lock()
        path.parent.mkdir(parents=True, exist_ok=True)
        self._db = sqlite3.connect(path, timeout=10, check_same_thread=False)
        self._db.execute("PRAGMA journal_mode=WAL")
        self._db.executescript(_SCHEMA)
        self._db.commit()

    @classmethod
    def open_default(cls) -> FlagCache | None:
        """The user's cache, or None when it cannot be opened (read-only home, full disk)."""
        try:
            return cls(cache_dir() / CACHE_FILE)
        except (OSError, sqlite3.Error):
            return None

    def get_many(self, fingerprint: str, texts: Iterable[str]) -> dict[str, list[Flag]]:
        """Cached flags for those of `texts` that have them."""
        by_key = {_key(fingerprint, text): text for text in texts}
        found: dict[str, list[Flag]] = {}
        keys = list(by_key)
        try:
            with self._lock:
                for begin in range(0, len(keys), _SQL_PARAMS):
                    chunk = keys[begin : begin + _SQL_PARAMS]
                    marks = ",".join("?" * len(chunk))
                    rows = self._db.execute(
                        f"SELECT key, flags FROM flags WHERE key IN ({marks})", chunk
                    ).fetchall()
                    for key, payload in rows:
                        found[by_key[key]] = [flag_from_json(d) for d in json.loads(payload)]
        except (sqlite3.Error, ValueError, KeyError, TypeError):
            return found
        return found

    def put_many(self, fingerprint: str, items: Mapping[str, Sequence[Flag]]) -> None:
        now = time.time()
        rows = [
            (_key(fingerprint, text), json.dumps([flag_to_json(f) for f in flags]), now)
            for text, flags in items.items()
        ]
        try:
            with self._lock, self._db:
                self._db.executemany("INSERT OR REPLACE INTO flags VALUES (?, ?, ?)", rows)
        except sqlite3.Error:
            pass

    def get_meta(self, key: str, max_age: float | None = None) -> str | None:
        try:
            with self._lock:
                row = self._db.execute(
                    "SELECT value, stored FROM meta WHERE key = ?", (key,)
                ).fetchone()
        except sqlite3.Error:
            return None
        if row is None or (max_age is not None and time.time() - row[1] > max_age):
            return None
        return row[0]

    def set_meta(self, key: str, value: str) -> None:
        try:
            with self._lock, self._db:
                self._db.execute(
                    "INSERT OR REPLACE INTO meta VALUES (?, ?, ?)", (key, value, time.time())
                )
        except sqlite3.Error:
            pass

    def close(self) -> None:
        with self._lock:
            self._db.close()
