"""The LanguageTool checker: many segments per request, matches mapped back, flags cached.

Segments are joined with a blank line (each becomes its own paragraph for LanguageTool) and
sent in batches of up to the endpoint's request size. LanguageTool counts offsets and lengths
in UTF-16 code units; both are converted to Python character offsets here.

A match that crosses a segment boundary is attached to the segment where it starts and
clipped at that segment's end; its suggestions are dropped, since they were written for the
whole span (applying one would eat the boundary). A match that lies wholly in the separator
is an artefact of joining and is dropped.

Severity from LanguageTool's issue type (`rule.issueType`):
  error:   misspelling, grammar, mistranslation, untranslated, omission
  warning: typographical, whitespace, duplication, inconsistency, locale-violation,
           characters, numbers, and any issue type not listed here
  hint:    style, register, terminology, uncategorized, other
"""

from __future__ import annotations

import bisect
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Protocol

from review_app.checking.base import CheckerInfo
from review_app.checking.cache import FlagCache
from review_app.checking.flag import Flag, Severity
from review_app.checking.languagetool_client import (
    PUBLIC_API_LIMITS,
    PUBLIC_API_URL,
    SERVER_LIMITS,
    LanguageToolClient,
    Limits,
    LTOptions,
    RateWindow,
    software_version,
)
from review_app.checking.languagetool_local import (
    LocalInstall,
    LocalServer,
    find_installs,
    require_java,
)
from review_app.checking.wordlists import WordLists
from review_app.config import Settings
from review_app.errors import CheckerUnavailable

NAME = "languagetool"
SEPARATOR = "\n\n"
VERSION_MAX_AGE = 24 * 3600.0  # re-ask a server its version after a day

SEVERITY_BY_ISSUE_TYPE: dict[str, Severity] = {
    "misspelling": Severity.ERROR,
    "grammar": Severity.ERROR,
    "mistranslation": Severity.ERROR,
    "untranslated": Severity.ERROR,
    "omission": Severity.ERROR,
    "typographical": Severity.WARNING,
    "whitespace": Severity.WARNING,
    "duplication": Severity.WARNING,
    "inconsistency": Severity.WARNING,
    "locale-violation": Severity.WARNING,
    "characters": Severity.WARNING,
    "numbers": Severity.WARNING,
    "style": Severity.HINT,
    "register": Severity.HINT,
    "terminology": Severity.HINT,
    "uncategorized": Severity.HINT,
    "other": Severity.HINT,
}
SPELLING_CATEGORIES = frozenset({"TYPOS"})


def options_from_settings(settings: Settings) -> LTOptions:
    return LTOptions(
        language=settings.language,
        mother_tongue=settings.mother_tongue or None,
        picky=settings.picky,
        enabled_rules=settings.enabled_rules,
        disabled_rules=settings.disabled_rules,
        enabled_categories=settings.enabled_categories,
        disabled_categories=settings.disabled_categories,
        preferred_variants=settings.preferred_variants,
    )


# --- offsets -----------------------------------------------------------------------------


class Utf16Map:
    """Converts UTF-16 code unit offsets (LanguageTool's) into Python string offsets."""

    def __init__(self, text: str) -> None:
        # UTF-16 offsets at which a non-BMP character (two code units) starts.
        self._astral: list[int] = []
        units = 0
        if not text.isascii():
            for ch in text:
                if ord(ch) > 0xFFFF:
                    self._astral.append(units)
                    units += 2
                else:
                    units += 1
        self.units = units if self._astral else len(text)

    def to_python(self, unit: int) -> int:
        """Every astral character before `unit` counts two units but one Python character.
        An offset inside a surrogate pair rounds up to the character's end."""
        return unit - bisect.bisect_left(self._astral, unit - 1) if self._astral else unit


@dataclass(frozen=True)
class Batch:
    """Segment texts joined for one request, with where each one starts in the joined text."""

    texts: tuple[str, ...]
    starts: tuple[int, ...]

    @property
    def text(self) -> str:
        return SEPARATOR.join(self.texts)

    @classmethod
    def of(cls, texts: Sequence[str]) -> Batch:
        starts, cursor = [], 0
        for text in texts:
            starts.append(cursor)
            cursor += len(text) + len(SEPARATOR)
        return cls(tuple(texts), tuple(starts))

    def locate(self, start: int, end: int) -> tuple[int, int, int, bool] | None:
        """(segment index, start, end inside it, clipped) for a joined-text span, or None
        for a span wholly inside a separator."""
        i = max(0, bisect.bisect_right(self.starts, start) - 1)
        seg_start = self.starts[i]
        seg_end = seg_start + len(self.texts[i])
        if start > seg_end or (start == seg_end and end > start):
            # starts in the separator after segment i: belongs to the next one, if it reaches it
            if i + 1 >= len(self.texts) or end <= self.starts[i + 1]:
                return None
            i += 1
            seg_start, seg_end = self.starts[i], self.starts[i] + len(self.texts[i])
            start = seg_start
        clipped = end > seg_end
        return i, start - seg_start, min(end, seg_end) - seg_start, clipped


def plan_batches(texts: Sequence[str], max_bytes: int) -> list[Batch]:
    """Consecutive texts grouped so that each joined request stays under `max_bytes`
    (UTF-8); a text larger than that goes alone."""
    batches: list[Batch] = []
    current: list[str] = []
    size = 0
    for text in texts:
        cost = len(text.encode("utf-8")) + len(SEPARATOR)
        if current and size + cost > max_bytes:
            batches.append(Batch.of(current))
            current, size = [], 0
        current.append(text)
        size += cost
    if current:
        batches.append(Batch.of(current))
    return batches


def _severity(issue_type: str) -> Severity:
    return SEVERITY_BY_ISSUE_TYPE.get(issue_type, Severity.WARNING)


def flags_from_answer(batch: Batch, answer: Mapping[str, Any]) -> list[list[Flag]]:
    """One list of flags per segment of `batch` from a /v2/check answer; ValueError when the
    answer is not shaped like LanguageTool's."""
    per_segment: list[list[Flag]] = [[] for _ in batch.texts]
    offsets = Utf16Map(batch.text)
    try:
        for match in answer["matches"]:
            rule = match["rule"]
            issue_type = str(rule.get("issueType", ""))
            category = str(rule.get("category", {}).get("id", ""))
            begin = offsets.to_python(int(match["offset"]))
            finish = offsets.to_python(int(match["offset"]) + int(match["length"]))
            located = batch.locate(begin, finish)
            if located is None:
                continue
            index, start, end, clipped = located
            text = batch.texts[index]
            spelling = issue_type == "misspelling" or category in SPELLING_CATEGORIES
            suggestions = () if clipped else tuple(str(r["value"]) for r in match["replacements"])
            per_segment[index].append(
                Flag(
                    start=start,
                    end=end,
                    message=" ".join(str(match["message"]).split()),
                    rule_id=str(rule["id"]),
                    category=category,
                    severity=_severity(issue_type),
                    suggestions=suggestions,
                    checker=NAME,
                    word=text[start:end] if spelling else None,
                )
            )
    except (KeyError, TypeError, ValueError, AttributeError) as exc:
        raise ValueError(f"unexpected match shape ({type(exc).__name__}: {exc})") from None
    return per_segment


# --- where LanguageTool runs -------------------------------------------------------------


class Backend(Protocol):
    identity: str  # stable across runs: part of the fingerprint
    limits: Limits

    def where(self) -> str: ...

    def client(self) -> LanguageToolClient: ...

    def known_version(self) -> str | None: ...

    @property
    def requests(self) -> int: ...

    def close(self) -> None: ...


class RemoteBackend:
    """A server at a URL (yours, a container, or the public API); probed when made."""

    def __init__(
        self,
        url: str,
        options: LTOptions,
        timeout: float,
        limits: Limits = SERVER_LIMITS,
        rate: RateWindow | None = None,
    ) -> None:
        self.identity = url.rstrip("/")
        self.limits = limits
        self._client = LanguageToolClient(url, options, timeout=timeout, limits=limits, rate=rate)

    def where(self) -> str:
        return f"at {self.identity}"

    def client(self) -> LanguageToolClient:
        return self._client

    def known_version(self) -> str | None:
        return None

    @property
    def requests(self) -> int:
        return self._client.requests

    def close(self) -> None:
        pass


class LocalBackend:
    """A language_tool_python install; the server starts at the first request, not before:
    a run served wholly from the cache starts no Java at all."""

    def __init__(self, install: LocalInstall, options: LTOptions, timeout: float) -> None:
        self.install = install
        self.identity = f"local {install.folder}"
        self.limits = SERVER_LIMITS
        self._options = options
        self._timeout = timeout
        self._server = LocalServer(install)
        self._client: LanguageToolClient | None = None

    def where(self) -> str:
        if self._server.url:
            return (
                f"at {self._server.url} (local, started by review-app from {self.install.folder})"
            )
        return f"(local install {self.install.folder})"

    def client(self) -> LanguageToolClient:
        if self._client is None:
            url = self._server.start()
            self._client = LanguageToolClient(url, self._options, timeout=self._timeout)
        return self._client

    def known_version(self) -> str | None:
        return None if self.install.version == "?" else self.install.version

    @property
    def server(self) -> LocalServer:
        return self._server

    @property
    def requests(self) -> int:
        return self._client.requests if self._client is not None else 0

    def close(self) -> None:
        self._server.stop()
        self._client = None


# --- the checker -------------------------------------------------------------------------


class LanguageToolChecker:
    """The Checker protocol over a LanguageTool backend."""

    def __init__(
        self,
        backend: Backend,
        options: LTOptions,
        words: WordLists | None = None,
        cache: FlagCache | None = None,
    ) -> None:
        self.backend = backend
        self.options = options
        self.words = words
        self.cache = cache
        self.version = backend.known_version() or self._remembered_version() or self._probe()
        self.info = self._make_info()

    # version and info

    def _version_key(self) -> str:
        return f"languagetool-version {self.backend.identity}"

    def _remembered_version(self) -> str | None:
        if self.cache is None:
            return None
        return self.cache.get_meta(self._version_key(), max_age=VERSION_MAX_AGE)

    def _probe(self) -> str:
        version = self.backend.client().version()
        if self.cache is not None:
            self.cache.set_meta(self._version_key(), version)
        return version

    def _make_info(self) -> CheckerInfo:
        return CheckerInfo(
            name=NAME,
            description=f"LanguageTool {self.version} {self.backend.where()}",
            fingerprint=f"languagetool {self.version} {self.backend.identity} "
            f"{self.options.canonical()}",
        )

    def _saw_version(self, version: str) -> None:
        if version not in ("?", self.version):
            self.version = version
            if self.cache is not None:
                self.cache.set_meta(self._version_key(), version)
        self.info = self._make_info()  # also picks up a local server's URL once started

    # protocol

    def prepare(self, texts: Sequence[str]) -> None:
        """Refuse up front a job the endpoint's limits cannot take in reasonable time."""
        limit = self.backend.limits.job_bytes
        if not limit:
            return
        unique = set(texts)
        cached = self.cache.get_many(self.info.fingerprint, unique) if self.cache else {}
        size = sum(len(t.encode("utf-8")) + len(SEPARATOR) for t in unique if t not in cached)
        if size > limit:
            limits = self.backend.limits
            minutes = size / limits.bytes_per_minute if limits.bytes_per_minute else 0
            raise CheckerUnavailable(
                f"{size // 1000} KB of text is too much for the public LanguageTool API "
                f"({limits.request_bytes // 1000} KB a request, {limits.requests_per_minute} "
                f"requests a minute: about {minutes:.0f} minutes); use a local LanguageTool "
                f"(`review-app languagetool install`) or --languagetool-url"
            )

    def check(self, texts: Sequence[str], *, suggest: bool = True) -> list[list[Flag]]:
        """Flags for each text; LanguageTool's suggestions come with them whatever `suggest`."""
        unique = list(dict.fromkeys(texts))
        fingerprint = self.info.fingerprint
        known = self.cache.get_many(fingerprint, unique) if self.cache else {}
        missing = [t for t in unique if t not in known and t.strip()]
        known.update({t: [] for t in unique if not t.strip()})
        if missing:
            known.update(self._ask(missing))
        return [self._accepted(known[t]) for t in texts]

    def _ask(self, texts: Sequence[str]) -> dict[str, list[Flag]]:
        client = self.backend.client()
        found: dict[str, list[Flag]] = {}
        for batch in plan_batches(texts, self.backend.limits.request_bytes):
            answer = client.check(batch.text)
            try:
                per_segment = flags_from_answer(batch, answer)
            except ValueError as exc:
                raise CheckerUnavailable(
                    f"LanguageTool at {client.url} sent a broken answer: {exc}"
                ) from None
            self._saw_version(software_version(answer))
            fresh = dict(zip(batch.texts, per_segment, strict=True))
            if self.cache is not None:  # batch by batch: a later failure loses nothing
                self.cache.put_many(self.info.fingerprint, fresh)
            found.update(fresh)
        return found

    def _accepted(self, flags: list[Flag]) -> list[Flag]:
        """Spelling flags on words the user accepts are dropped (cached before this filter,
        so adding a word takes effect at once)."""
        if self.words is None:
            return list(flags)
        return [f for f in flags if f.word is None or not self.words.accepts(f.word)]

    def suggest(self, text: str, flag: Flag) -> tuple[str, ...]:
        return flag.suggestions

    def close(self) -> None:
        self.backend.close()
        if self.cache is not None:
            self.cache.close()
            self.cache = None

    @property
    def requests(self) -> int:
        """/v2/check requests sent so far (0 when a local server was never started)."""
        return self.backend.requests


# --- choosing a backend from settings ----------------------------------------------------


def connect(
    settings: Settings, words: WordLists | None = None, cache: FlagCache | None = None
) -> LanguageToolChecker:
    """A LanguageTool checker for `settings`: its URL, else the public API if opted in, else a
    local install. CheckerUnavailable (one line) when none can be used."""
    options = options_from_settings(settings)
    timeout = float(settings.languagetool_timeout)
    if cache is None:
        cache = FlagCache.open_default()
    try:
        backend: Backend
        if settings.languagetool_url:
            backend = RemoteBackend(settings.languagetool_url, options, timeout)
        elif settings.languagetool_public_api:
            backend = RemoteBackend(PUBLIC_API_URL, options, timeout, PUBLIC_API_LIMITS)
        else:
            installs = find_installs()
            if not installs:
                raise CheckerUnavailable(
                    "no LanguageTool: give --languagetool-url URL (or "
                    "REVIEW_APP_LANGUAGETOOL_URL), run `review-app languagetool install`, "
                    "or allow the public API with --languagetool-public-api"
                )
            require_java()
            backend = LocalBackend(installs[0], options, timeout)
        return LanguageToolChecker(backend, options, words, cache)
    except BaseException:
        if cache is not None:
            cache.close()
        raise


def local_install_available() -> LocalInstall | None:
    installs = find_installs()
    return installs[0] if installs else None


__all__ = [
    "LanguageToolChecker",
    "LocalBackend",
    "RemoteBackend",
    "connect",
    "flags_from_answer",
    "plan_batches",
]
