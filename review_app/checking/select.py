"""Choosing the checker a run uses (`--checker auto|offline|languagetool`)."""

from __future__ import annotations

from review_app.checking.base import Checker
from review_app.checking.wordlists import WordLists
from review_app.config import Settings
from review_app.errors import CheckerUnavailable, ReviewAppError

CHECKER_CHOICES = ("auto", "offline", "languagetool")


def make_checker(settings: Settings, words: WordLists | None = None) -> Checker:
    """The checker `settings.checker` asks for.

    - offline: the embedded offline checker.
    - languagetool: LanguageTool (URL, public API if opted in, or a local install), or a
      one-line ReviewAppError when none can be used.
    - auto: LanguageTool when a configured server answers, the public API is opted in, or a
      local install exists; otherwise offline. When LanguageTool fails (at start or during the
      run) the offline checker takes over; `info` then says offline and why, and the checker's
      `notices` hold a line for the shell to show.
    """
    words = words if words is not None else WordLists.from_settings(settings)
    if settings.checker not in CHECKER_CHOICES:
        raise ReviewAppError(
            f"unknown checker {settings.checker!r}: use auto, offline or languagetool"
        )
    if settings.checker == "offline":
        return _offline(settings, words)
    from review_app.checking import languagetool

    if settings.checker == "languagetool":
        return languagetool.connect(settings, words)
    if not _languagetool_configured(settings):
        return _offline(settings, words)
    from review_app.checking.fallback import FallbackChecker

    def fallback() -> Checker:
        return _offline(settings, words)

    try:
        primary = languagetool.connect(settings, words)
    except CheckerUnavailable as exc:
        return FallbackChecker(None, fallback, failure=exc)
    return FallbackChecker(primary, fallback)


def _languagetool_configured(settings: Settings) -> bool:
    from review_app.checking.languagetool import local_install_available

    return bool(
        settings.languagetool_url
        or settings.languagetool_public_api
        or local_install_available() is not None
    )


def _offline(settings: Settings, words: WordLists) -> Checker:
    from review_app.checking.offline import OfflineChecker

    return OfflineChecker(settings, words)
