"""Talking to LanguageTool HTTP endpoints: one (`LanguageToolClient`) or several in turn
(`ServerPool`).

language_tool_python's own client connects (the language list is the liveness probe) and
builds a request's parameters, with a bounded timeout (its default is 300 s) and one try (its
default is two, which doubles the wait on a hung server). Its `check()` is not used: it turns
matches into `Match` objects that convert `offset` from UTF-16 but not `length`, and it asks
the server for the language list again on every call when a mother tongue is set. /v2/check
is posted with `requests` here, which also gives the HTTP status: a server that refuses the
connection, times out or answers 5xx is down (`ServerDown`), which a pool acts on; any other
failure is the text's or the answer's. The raw JSON is returned and offsets are converted by
`languagetool.py`.
"""

from __future__ import annotations

import json
import re
import threading
import time
import urllib.parse
from collections import deque
from collections.abc import Callable, Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from typing import Any, Protocol

import requests
from language_tool_python import LanguageTool
from language_tool_python.exceptions import LanguageToolError, RateLimitError

from review_app.errors import CheckerUnavailable

PUBLIC_API_URL = "https://api.languagetool.org/"
_VERSION = re.compile(r"[0-9A-Za-z][0-9A-Za-z.+_-]{0,39}")


class ServerDown(CheckerUnavailable):
    """The server refused the connection, did not answer in time, or answered 5xx."""


@dataclass(frozen=True)
class Limits:
    """How much one endpoint takes: per request, and per minute (0 = no limit)."""

    request_bytes: int  # UTF-8 bytes of text in one request
    requests_per_minute: int = 0
    bytes_per_minute: int = 0
    job_bytes: int = 0  # refuse a job with more uncached text than this


# Our own or a local server: batches big enough to amortise the round trip, small enough
# that one request stays well inside the timeout (LanguageTool does ~160 sentences/s).
SERVER_LIMITS = Limits(request_bytes=40_000)
# languagetool.org's free API: 20 KB per request, 20 requests and 75 KB a minute.
# A job over 300 KB would take more than 4 minutes: refused with advice instead.
PUBLIC_API_LIMITS = Limits(
    request_bytes=18_000, requests_per_minute=20, bytes_per_minute=75_000, job_bytes=300_000
)


@dataclass(frozen=True)
class LTOptions:
    """What is sent with every check; part of the cache fingerprint."""

    language: str = "de-DE"
    mother_tongue: str | None = "en"
    picky: bool = False
    enabled_rules: tuple[str, ...] = ()
    disabled_rules: tuple[str, ...] = ()
    enabled_categories: tuple[str, ...] = ()
    disabled_categories: tuple[str, ...] = ()
    preferred_variants: tuple[str, ...] = ()

    def canonical(self) -> str:
        """A stable text of the options (sets sorted) for fingerprints."""
        return json.dumps(
            {
                "language": self.language,
                "motherTongue": self.mother_tongue,
                "picky": self.picky,
                "enabledRules": sorted(self.enabled_rules),
                "disabledRules": sorted(self.disabled_rules),
                "enabledCategories": sorted(self.enabled_categories),
                "disabledCategories": sorted(self.disabled_categories),
                "preferredVariants": sorted(self.preferred_variants),
            },
            sort_keys=True,
            separators=(",", ":"),
        )


class RateWindow:
    """Waits before a request when the last minute already used the endpoint's allowance."""

    def __init__(
        self,
        limits: Limits,
        clock: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        self._limits = limits
        self._clock = clock
        self._sleep = sleep
        self._sent: deque[tuple[float, int]] = deque()  # (time, bytes)
        self.waited = 0.0

    def wait(self, size: int) -> None:
        limits = self._limits
        while True:
            now = self._clock()
            while self._sent and now - self._sent[0][0] >= 60.0:
                self._sent.popleft()
            too_many = limits.requests_per_minute and len(self._sent) >= limits.requests_per_minute
            used = sum(b for _, b in self._sent)
            too_big = (
                limits.bytes_per_minute and self._sent and used + size > limits.bytes_per_minute
            )
            if not (too_many or too_big):
                self._sent.append((now, size))
                return
            delay = 60.0 - (now - self._sent[0][0])
            self.waited += delay
            self._sleep(delay)


class _BoundedLanguageTool(LanguageTool):
    """language_tool_python's client with a request timeout and a single try."""

    def __init__(self, *, timeout: float, **kwargs: Any) -> None:
        self._TIMEOUT = timeout  # the library reads self._TIMEOUT for every request
        super().__init__(**kwargs)

    def _query_server(
        self,
        url: str,
        params: dict[str, str] | None = None,
        num_tries: int = 2,
        method: str = "get",
    ) -> Any:
        return super()._query_server(url, params, num_tries=1, method=method)  # type: ignore[arg-type]


def describe_failure(where: str, exc: BaseException, timeout: float) -> str:
    """One line for a failed request, from the library's exception and its cause."""
    cause = exc.__cause__ or exc
    if isinstance(exc, RateLimitError):
        return f"LanguageTool at {where} refused: rate limit reached, try again in a minute"
    if isinstance(cause, requests.Timeout):
        return f"LanguageTool at {where} did not answer within {timeout:g} s"
    if isinstance(cause, requests.ConnectionError):
        return f"LanguageTool at {where} does not answer (no server there, or no network)"
    if isinstance(cause, json.JSONDecodeError):
        body = str(exc).strip()
        if body.startswith(("{", "[")) or not body:
            return f"LanguageTool at {where} sent a broken answer (not valid JSON)"
        first = body.splitlines()[0][:160]
        return f"LanguageTool at {where} failed: {first}"
    if isinstance(exc, ValueError) and "language" in str(exc).lower():
        return f"LanguageTool at {where}: {exc}"
    text = " ".join(str(exc).split())[:160] or type(exc).__name__
    return f"LanguageTool at {where} failed: {text}"


class LanguageToolClient:
    """One endpoint: constructing it asks the server for its languages (the liveness probe)."""

    def __init__(
        self,
        url: str,
        options: LTOptions,
        *,
        timeout: float,
        limits: Limits = SERVER_LIMITS,
        rate: RateWindow | None = None,
    ) -> None:
        self.url = url
        self.options = options
        self.timeout = timeout
        self.limits = limits
        self.requests = 0  # /v2/check requests sent
        self._rate = rate or RateWindow(limits)
        self._lock = threading.Lock()
        try:
            self._lt = _BoundedLanguageTool(
                timeout=timeout, remote_server=url, language=options.language
            )
        except (LanguageToolError, ValueError, OSError) as exc:
            raise CheckerUnavailable(describe_failure(url, exc, timeout)) from None
        self._lt.picky = options.picky
        self._lt.enabled_rules = set(options.enabled_rules)
        self._lt.disabled_rules = set(options.disabled_rules)
        self._lt.enabled_categories = set(options.enabled_categories)
        self._lt.disabled_categories = set(options.disabled_categories)
        self._lt.preferred_variants = set(options.preferred_variants)
        # The mother tongue is added to the parameters by `_params`, not set on the library
        # object: its getter asks the server for the language list on every access.
        self._check_url = urllib.parse.urljoin(self._lt.url, "check")

    def _params(self, text: str) -> dict[str, str]:
        params = self._lt._create_params(text)
        if self.options.mother_tongue:
            params["motherTongue"] = self.options.mother_tongue
        return params

    def check(self, text: str) -> Mapping[str, Any]:
        """The raw JSON answer of /v2/check for `text`; ServerDown when the server is down,
        CheckerUnavailable on any other failure."""
        self._rate.wait(len(text.encode("utf-8")))
        with self._lock:
            self.requests += 1
        where = self.url
        try:
            response = requests.post(self._check_url, data=self._params(text), timeout=self.timeout)
        except requests.Timeout:
            raise ServerDown(
                f"LanguageTool at {where} did not answer within {self.timeout:g} s"
            ) from None
        except (requests.ConnectionError, requests.exceptions.ChunkedEncodingError):
            raise ServerDown(
                f"LanguageTool at {where} does not answer (no server there, or no network)"
            ) from None
        except (requests.RequestException, OSError, ValueError) as exc:
            raise CheckerUnavailable(describe_failure(where, exc, self.timeout)) from None
        with response:
            return _answer(where, response)

    def version(self) -> str:
        """The server's LanguageTool version, from a one-word check."""
        return software_version(self.check("Test."))


def _first_line(body: str) -> str:
    return next((line.strip()[:160] for line in body.splitlines() if line.strip()), "")


def _answer(where: str, response: requests.Response) -> Mapping[str, Any]:
    """The JSON of a /v2/check response, or the one-line failure it stands for."""
    status = response.status_code
    body = response.content.decode("utf-8", errors="replace")
    if status >= 500:
        raise ServerDown(f"LanguageTool at {where} failed: {_first_line(body) or f'HTTP {status}'}")
    if status == 426:
        raise CheckerUnavailable(
            f"LanguageTool at {where} refused: rate limit reached, try again in a minute"
        )
    if status >= 400:
        raise CheckerUnavailable(
            f"LanguageTool at {where} failed: {_first_line(body) or f'HTTP {status}'}"
        )
    try:
        answer = json.loads(body)
    except ValueError:
        stripped = body.strip()
        if stripped.startswith(("{", "[")) or not stripped:
            raise CheckerUnavailable(
                f"LanguageTool at {where} sent a broken answer (not valid JSON)"
            ) from None
        raise CheckerUnavailable(f"LanguageTool at {where} failed: {_first_line(body)}") from None
    if not isinstance(answer, Mapping) or not isinstance(answer.get("matches"), list):
        raise CheckerUnavailable(
            f"LanguageTool at {where} sent a broken answer (no list of matches)"
        )
    return answer


def software_version(answer: Mapping[str, Any]) -> str:
    software = answer.get("software")
    if isinstance(software, Mapping) and software.get("version"):
        return str(software["version"])
    return "?"


def clean_version(version: str) -> str:
    """The server's version as shown to people: "?" unless it looks like one."""
    return version if _VERSION.fullmatch(version) else "?"


class Endpoint(Protocol):
    """Where /v2/check requests go: one client or a pool of them."""

    def check(self, text: str) -> Mapping[str, Any]: ...

    def version(self) -> str: ...

    @property
    def requests(self) -> int: ...


class ServerPool:
    """Servers taking requests in turn (round robin from `start`). A server that does not
    connect, is down (ServerDown) or runs another LanguageTool version than the first to
    answer is taken out for good, with a line in `notices`, and the request goes to the next.
    The last server left is never taken out: its failure is raised as a single server's is
    (word for word when only one was given) and the next request tries it again."""

    def __init__(
        self,
        urls: Sequence[str],
        options: LTOptions,
        *,
        timeout: float,
        limits: Limits = SERVER_LIMITS,
        rate: RateWindow | None = None,
        start: int = 0,
    ) -> None:
        if not urls:
            raise ValueError("a pool needs at least one URL")
        self.urls = tuple(urls)
        self.notices: list[str] = []
        self._version: str | None = None  # of the first answer: the others must match it
        self._lock = threading.Lock()
        self._turn = start % len(self.urls)

        def connect(url: str) -> LanguageToolClient | CheckerUnavailable:
            try:
                return LanguageToolClient(url, options, timeout=timeout, limits=limits, rate=rate)
            except CheckerUnavailable as exc:
                return exc

        if len(self.urls) == 1:
            made = [connect(self.urls[0])]
        else:  # a hung server costs one timeout, not one per server before it
            with ThreadPoolExecutor(max_workers=min(len(self.urls), 8)) as pool:
                made = list(pool.map(connect, self.urls))
        # Every client made (None: did not connect); `_live` says which still take requests.
        self._clients = [None if isinstance(m, CheckerUnavailable) else m for m in made]
        self._live = [c is not None for c in self._clients]
        failures = [m for m in made if isinstance(m, CheckerUnavailable)]
        if len(failures) == len(self.urls):  # the one-server message, or each server's
            raise CheckerUnavailable("; ".join(map(str, failures))) from None
        for failure in failures:
            self.notices.append(self._taken_out(str(failure)))

    @property
    def live(self) -> tuple[str, ...]:
        """The URLs still taking requests, in turn order."""
        return tuple(url for url, on in zip(self.urls, self._live, strict=True) if on)

    @property
    def requests_by_server(self) -> dict[str, int]:
        """/v2/check requests sent to each server (also to those taken out since)."""
        return {
            url: client.requests if client is not None else 0
            for url, client in zip(self.urls, self._clients, strict=True)
        }

    @property
    def requests(self) -> int:
        return sum(self.requests_by_server.values())

    def _next(self) -> tuple[int, LanguageToolClient]:
        with self._lock:
            for step in range(len(self.urls)):
                index = (self._turn + step) % len(self.urls)
                client = self._clients[index]
                if self._live[index] and client is not None:
                    self._turn = index + 1
                    return index, client
        raise CheckerUnavailable("no LanguageTool server left")  # check() raises before this

    def _taken_out(self, reason: str) -> str:
        return (
            f"{reason}: taken out, going on with {sum(self._live)} of {len(self.urls)} "
            "LanguageTool servers"
        )

    def _last_failure(self, exc: CheckerUnavailable) -> CheckerUnavailable:
        if len(self.urls) == 1:
            return exc
        others = len(self.urls) - 1
        were = f"{others} servers were" if others > 1 else "server was"
        return CheckerUnavailable(f"{exc}; the other LanguageTool {were} taken out before")

    def _take_out(self, index: int, reason: str) -> bool:
        """Takes the server out (once, whoever asks first) unless it is the last one left,
        which stays for the next request, as a single server does; False for that one."""
        with self._lock:
            if self._live[index] and sum(self._live) > 1:
                self._live[index] = False
                self.notices.append(self._taken_out(reason))
            return not self._live[index]

    def check(self, text: str) -> Mapping[str, Any]:
        """/v2/check on the next server in turn; on the one after it if that one is down."""
        while True:
            index, client = self._next()
            try:
                answer = client.check(text)
            except ServerDown as exc:
                if not self._take_out(index, str(exc)):
                    raise self._last_failure(exc) from None
                continue
            version = software_version(answer)
            with self._lock:
                if self._version is None and version != "?":
                    self._version = version
                first = self._version
                odd = version not in ("?", first) and sum(self._live) > 1
            if not odd:
                return answer
            # Its results would be cached and reported as the first version's.
            self._take_out(
                index,
                f"LanguageTool at {client.url} runs version {clean_version(version)}, "
                f"not {clean_version(first or '?')} like the first to answer",
            )

    def version(self) -> str:
        """The LanguageTool version of the servers, from a one-word check."""
        return software_version(self.check("Test."))
