"""The LanguageTool checker: many segments per request, matches mapped back, flags cached.

Segments are joined with a blank line (each becomes its own paragraph for LanguageTool) and
sent in batches of up to the endpoint's request size; with several servers the batches go to
them in turn, a dead one taken out (`languagetool_client.ServerPool`). LanguageTool counts
offsets and lengths in UTF-16 code units; both are converted to Python character offsets here.

A match that crosses a segment boundary is attached to the segment where it starts and
clipped at that segment's end; its suggestions are dropped, since they were written for the
whole span (applying one would eat the boundary). A match that lies wholly in the separator
is an artefact of joining and is dropped.

The server's answer is untrusted (a misconfigured proxy, a fake server): each match is checked
before it becomes a flag. A match that is not an object, has no rule id or message, has an
offset or length that is not a whole number, negative, or past the end of the text, or comes
after more matches than the text could hold, is dropped and counted; the checker's description
says how many and why, and such an answer is not cached (the next run says it again).
Suggestion lists are cut to MAX_SUGGESTIONS, overlong strings shortened; markup in messages
stays plain text (the renderers escape it). The server's version string is shown only when it
looks like a version.

Severity from LanguageTool's issue type (`rule.issueType`):
  error:   misspelling, grammar, mistranslation, untranslated, omission
  warning: typographical, whitespace, duplication, inconsistency, locale-violation,
           characters, numbers, and any issue type not listed here
  hint:    style, register, terminology, uncategorized, other
"""

from __future__ import annotations

import bisect
import os
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Protocol

from review_app.checking.base import CheckerInfo
from review_app.checking.cache import FlagCache
from review_app.checking.flag import Flag, Severity
from review_app.checking.languagetool_client import (
    PUBLIC_API_LIMITS,
    PUBLIC_API_URL,
    SERVER_LIMITS,
    Endpoint,
    LanguageToolClient,
    Limits,
    LTOptions,
    RateWindow,
    ServerPool,
    clean_version,
    software_version,
)
from review_app.checking.languagetool_local import (
    LocalInstall,
    LocalServer,
    find_installs,
    require_java,
)
from review_app.checking.wordlists import WordLists
from review_app.config import LanguageToolSettings
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


def options_from_settings(settings: LanguageToolSettings) -> LTOptions:
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


MAX_SUGGESTIONS = 20  # LanguageTool's own lists rarely pass 10
MAX_SUGGESTION_CHARS = 500
MAX_MESSAGE_CHARS = 1_000
MAX_ID_CHARS = 100


class _Dropped(Exception):
    """A match that cannot be a flag; the message is the reason, counted."""


@dataclass
class Parsed:
    """Flags per segment of a batch, and what was dropped or cut (reason → count)."""

    flags: list[list[Flag]]
    dropped: Counter[str] = field(default_factory=Counter)
    cut: Counter[str] = field(default_factory=Counter)


def _shortened(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _whole(value: object) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise _Dropped("offset or length not a whole number")
    return value


def _string(value: object) -> str:
    if not isinstance(value, str) or not value.strip():
        raise _Dropped("rule id or message missing")
    return value


def _span(match: Mapping[str, Any], offsets: Utf16Map) -> tuple[int, int]:
    if "offset" not in match or "length" not in match:
        raise _Dropped("offset or length missing")
    offset, length = _whole(match["offset"]), _whole(match["length"])
    if offset < 0 or length < 0 or offset + length > offsets.units:
        raise _Dropped("offset or length out of range")
    return offsets.to_python(offset), offsets.to_python(offset + length)


def _suggestions(match: Mapping[str, Any], cut: Counter[str]) -> tuple[str, ...]:
    replacements = match.get("replacements", [])
    if not isinstance(replacements, list):
        cut["suggestion lists not a list"] += 1
        return ()
    values = [r.get("value") for r in replacements if isinstance(r, Mapping)]
    kept = [v for v in values if isinstance(v, str) and len(v) <= MAX_SUGGESTION_CHARS]
    if len(kept) < len(replacements):
        cut["malformed or overlong suggestions left out"] += 1
    if len(kept) > MAX_SUGGESTIONS:
        cut[f"suggestion lists cut to {MAX_SUGGESTIONS}"] += 1
    return tuple(kept[:MAX_SUGGESTIONS])


def _flag(
    match: object, batch: Batch, offsets: Utf16Map, cut: Counter[str]
) -> tuple[int, Flag] | None:
    """(segment index, flag) for one match, _Dropped when it cannot be one. A match wholly
    inside the separator between two segments (an artefact of joining) gives None."""
    if not isinstance(match, Mapping):
        raise _Dropped("match not an object")
    rule = match.get("rule")
    if not isinstance(rule, Mapping):
        raise _Dropped("rule id or message missing")
    rule_id = _shortened(_string(rule.get("id")), MAX_ID_CHARS)
    message = _shortened(" ".join(_string(match.get("message")).split()), MAX_MESSAGE_CHARS)
    begin, finish = _span(match, offsets)
    issue_type = rule.get("issueType")
    issue_type = issue_type if isinstance(issue_type, str) else ""
    category = rule.get("category")
    category_id = category.get("id") if isinstance(category, Mapping) else None
    category_id = _shortened(category_id, MAX_ID_CHARS) if isinstance(category_id, str) else ""
    located = batch.locate(begin, finish)
    if located is None:
        return None
    index, start, end, clipped = located
    spelling = issue_type == "misspelling" or category_id in SPELLING_CATEGORIES
    return index, Flag(
        start=start,
        end=end,
        message=message,
        rule_id=rule_id,
        category=category_id,
        severity=_severity(issue_type),
        suggestions=() if clipped else _suggestions(match, cut),
        checker=NAME,
        word=batch.texts[index][start:end] if spelling else None,
    )


def flags_from_answer(batch: Batch, answer: Mapping[str, Any]) -> Parsed:
    """Flags per segment of `batch` from a /v2/check answer whose `matches` is a list; every
    match that cannot be a flag is dropped and counted by reason."""
    parsed = Parsed([[] for _ in batch.texts])
    offsets = Utf16Map(batch.text)
    matches = answer["matches"]
    most = len(batch.text) + 100  # more matches than characters is no real answer
    if len(matches) > most:
        parsed.dropped["more matches than the text has characters"] += len(matches) - most
    for match in matches[:most]:
        try:
            found = _flag(match, batch, offsets, parsed.cut)
        except _Dropped as exc:
            parsed.dropped[str(exc)] += 1
            continue
        if found is not None:
            index, flag = found
            parsed.flags[index].append(flag)
    return parsed


def describe_dropped(dropped: Counter[str], cut: Counter[str]) -> str:
    """E.g. "3 malformed LanguageTool matches dropped (2 offset or length out of range, 1 rule
    id or message missing)"; empty when nothing was."""
    parts = []
    if dropped:
        total = sum(dropped.values())
        reasons = ", ".join(f"{n} {reason}" for reason, n in dropped.most_common())
        parts.append(
            f"{total} malformed LanguageTool {'match' if total == 1 else 'matches'} dropped "
            f"({reasons})"
        )
    if cut:
        parts.append(", ".join(f"{reason}: {n}" for reason, n in cut.most_common()))
    return "; ".join(parts)


# --- where LanguageTool runs -------------------------------------------------------------


class Backend(Protocol):
    identity: str  # stable across runs: part of the fingerprint
    limits: Limits

    def where(self) -> str: ...

    def client(self) -> Endpoint: ...

    @property
    def notices(self) -> list[str]: ...

    def known_version(self) -> str | None: ...

    @property
    def requests(self) -> int: ...

    def close(self) -> None: ...


class RemoteBackend:
    """One server at a URL (yours, a container, or the public API), or several taking batches
    in turn; each is probed when made. Its identity (the cache's) is the set of URLs given,
    whichever of them answers: servers of one set share their cached results."""

    def __init__(
        self,
        urls: str | Sequence[str],
        options: LTOptions,
        timeout: float,
        limits: Limits = SERVER_LIMITS,
        rate: RateWindow | None = None,
        start: int | None = None,
    ) -> None:
        """`start`: the server that takes the first request (default: one chosen by the
        process id, so that worker processes do not all start at the first)."""
        urls = (urls,) if isinstance(urls, str) else tuple(urls)
        self.urls = tuple(url.rstrip("/") for url in urls)
        self.identity = " ".join(sorted(set(self.urls)))
        self.limits = limits
        first = os.getpid() if start is None else start
        self._pool = ServerPool(
            urls, options, timeout=timeout, limits=limits, rate=rate, start=first
        )

    def where(self) -> str:
        return f"at {', '.join(self.urls)}"

    def client(self) -> ServerPool:
        return self._pool

    @property
    def notices(self) -> list[str]:
        return self._pool.notices

    def known_version(self) -> str | None:
        return None

    @property
    def requests(self) -> int:
        return self._pool.requests

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
    def notices(self) -> list[str]:
        return []

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
        self.dropped: Counter[str] = Counter()  # malformed matches, by reason
        self.cut: Counter[str] = Counter()  # suggestion lists shortened, by reason
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
        version = clean_version(self.backend.client().version())
        if self.cache is not None:
            self.cache.set_meta(self._version_key(), version)
        return version

    def _make_info(self) -> CheckerInfo:
        description = f"LanguageTool {clean_version(self.version)} {self.backend.where()}"
        problems = [*self.backend.notices, describe_dropped(self.dropped, self.cut)]
        return CheckerInfo(
            name=NAME,
            description="; ".join([description, *filter(None, problems)]),
            fingerprint=f"languagetool {self.version} {self.backend.identity} "
            f"{self.options.canonical()}",
        )

    def _saw_version(self, version: str) -> None:
        version = clean_version(version)
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
            parsed = flags_from_answer(batch, answer)
            self.dropped.update(parsed.dropped)
            self.cut.update(parsed.cut)
            self._saw_version(software_version(answer))
            fresh = dict(zip(batch.texts, parsed.flags, strict=True))
            # Batch by batch: a later failure loses nothing. An answer with malformed matches
            # is not kept: the next run asks again, and says again what it dropped.
            if self.cache is not None and not (parsed.dropped or parsed.cut):
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

    @property
    def notices(self) -> list[str]:
        """One line for the shell per event (a server taken out), in order; the list grows."""
        return self.backend.notices


# --- choosing a backend from settings ----------------------------------------------------


def connect(
    settings: LanguageToolSettings,
    words: WordLists | None = None,
    cache: FlagCache | None = None,
) -> LanguageToolChecker:
    """A LanguageTool checker for `settings`: its server(s), else the public API if opted in,
    else a local install. CheckerUnavailable (one line) when none can be used."""
    options = options_from_settings(settings)
    timeout = settings.timeout
    if cache is None:
        cache = FlagCache.open_default()
    try:
        backend: Backend
        if settings.url:
            backend = RemoteBackend(settings.url, options, timeout)
        elif settings.public_api:
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
    "clean_version",
    "connect",
    "flags_from_answer",
    "plan_batches",
]
