"""A checker that hands over to another when the first one fails (`--checker auto`)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import replace

from review_app.checking.base import Checker, CheckerInfo
from review_app.checking.flag import Flag
from review_app.errors import CheckerUnavailable


class FallbackChecker:
    """Runs `primary`; when it raises CheckerUnavailable, `make_fallback()` takes over for
    that batch and every later one. `info` is always the info of the checker now running
    (after a hand-over its description says so), and `notices` holds one line per event
    for the shell to show."""

    def __init__(
        self,
        primary: Checker | None,
        make_fallback: Callable[[], Checker],
        *,
        primary_name: str = "languagetool",
        failure: CheckerUnavailable | None = None,
    ) -> None:
        """`primary=None` with `failure`: the primary could not even start; fall back now."""
        self._primary = primary
        self._primary_name = primary_name
        self._make_fallback = make_fallback
        self._fallback: Checker | None = None
        self._prepared: Sequence[str] | None = None
        self._reason: str | None = None
        self._notices: list[str] = []
        if primary is None:
            self._take_over(failure or CheckerUnavailable(f"{primary_name} is not available"))

    @property
    def notices(self) -> list[str]:
        """The primary's notices (it may add more as it runs), then the hand-over's."""
        return [*getattr(self._primary, "notices", ()), *self._notices]

    @property
    def active(self) -> Checker:
        active = self._fallback or self._primary
        assert active is not None
        return active

    @property
    def info(self) -> CheckerInfo:
        info = self.active.info
        if self._reason is None:
            return info
        return replace(info, description=f"{info.description}; took over because {self._reason}")

    def _take_over(self, exc: CheckerUnavailable) -> Checker:
        self._reason = str(exc)
        if self._primary is not None:
            self._notices[:0] = getattr(self._primary, "notices", ())
            self._primary.close()
            self._primary = None
        try:
            fallback = self._make_fallback()
        except CheckerUnavailable as also:
            raise CheckerUnavailable(f"{exc}; {also}") from None
        self._fallback = fallback
        self._notices.append(
            f"{exc}; the {fallback.info.name} checker takes over from {self._primary_name}"
        )
        if self._prepared is not None:
            fallback.prepare(self._prepared)
        return fallback

    def prepare(self, texts: Sequence[str]) -> None:
        self._prepared = texts
        try:
            self.active.prepare(texts)
        except CheckerUnavailable as exc:
            if self._fallback is not None:
                raise
            self._take_over(exc)

    def check(self, texts: Sequence[str], *, suggest: bool = True) -> list[list[Flag]]:
        if self._fallback is not None:
            return self._fallback.check(texts, suggest=suggest)
        try:
            return self.active.check(texts, suggest=suggest)
        except CheckerUnavailable as exc:
            return self._take_over(exc).check(texts, suggest=suggest)

    def suggest(self, text: str, flag: Flag) -> tuple[str, ...]:
        if flag.checker != self.active.info.name:
            return flag.suggestions  # a flag from the checker that ran before the hand-over
        return self.active.suggest(text, flag)

    def close(self) -> None:
        for checker in (self._primary, self._fallback):
            if checker is not None:
                checker.close()
