"""Talking to one LanguageTool HTTP endpoint through language_tool_python.

The library's own client is used for transport and language negotiation, with two changes
it allows: a bounded timeout (its default is 300 s) and one try per request (its default is
two, which doubles the wait on a hung server). Its `check()` is not used: it turns matches
into `Match` objects that convert `offset` from UTF-16 but not `length`, and it asks the
server for the language list again on every call when a mother tongue is set. We read the
raw JSON instead and convert offsets ourselves (`languagetool.py`).
"""

from __future__ import annotations

import json
import threading
import time
import urllib.parse
from collections import deque
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

import requests
from language_tool_python import LanguageTool
from language_tool_python.exceptions import LanguageToolError, RateLimitError

from review_app.errors import CheckerUnavailable

PUBLIC_API_URL = "https://api.languagetool.org/"


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
        """The raw JSON answer of /v2/check for `text`; CheckerUnavailable on any failure."""
        self._rate.wait(len(text.encode("utf-8")))
        with self._lock:
            self.requests += 1
        try:
            answer = self._lt._query_server(self._check_url, self._params(text), method="post")
        except (LanguageToolError, OSError, ValueError) as exc:
            raise CheckerUnavailable(describe_failure(self.url, exc, self.timeout)) from None
        if not isinstance(answer, Mapping) or not isinstance(answer.get("matches"), list):
            raise CheckerUnavailable(
                f"LanguageTool at {self.url} sent a broken answer (no list of matches)"
            )
        return answer

    def version(self) -> str:
        """The server's LanguageTool version, from a one-word check."""
        return software_version(self.check("Test."))


def software_version(answer: Mapping[str, Any]) -> str:
    software = answer.get("software")
    if isinstance(software, Mapping) and software.get("version"):
        return str(software["version"])
    return "?"
