"""Choosing the checker a run uses (`--checker auto|offline|languagetool`)."""

from __future__ import annotations

from review_app.checking.base import Checker
from review_app.checking.wordlists import WordLists
from review_app.config import LanguageToolSettings, OfflineSettings, Settings
from review_app.errors import CheckerUnavailable


def make_checker(settings: Settings, words: WordLists | None = None) -> Checker:
    """The checker `settings.check.checker` asks for; each checker gets only its own section.

    - offline: the embedded offline checker.
    - languagetool: LanguageTool (URL, public API if opted in, or a local install), or a
      one-line ReviewAppError when none can be used.
    - auto: LanguageTool when a configured server answers, the public API is opted in, or a
      local install exists; otherwise offline. When LanguageTool fails (at start or during the
      run) the offline checker takes over; `info` then says offline and why, and the checker's
      `notices` hold a line for the shell to show.
    """
    words = words if words is not None else WordLists.from_settings(settings.words)
    if settings.check.checker == "offline":
        return _offline(settings.offline, words)
    from review_app.checking import languagetool

    if settings.check.checker == "languagetool":
        return languagetool.connect(settings.languagetool, words)
    if not _languagetool_configured(settings.languagetool):
        return _offline(settings.offline, words)
    from review_app.checking.fallback import FallbackChecker

    def fallback() -> Checker:
        return _offline(settings.offline, words)

    try:
        primary = languagetool.connect(settings.languagetool, words)
    except CheckerUnavailable as exc:
        return FallbackChecker(None, fallback, failure=exc)
    return FallbackChecker(primary, fallback)


def _languagetool_configured(settings: LanguageToolSettings) -> bool:
    from review_app.checking.languagetool import local_install_available

    return bool(settings.url or settings.public_api or local_install_available() is not None)


def _offline(settings: OfflineSettings, words: WordLists) -> Checker:
    from review_app.checking.offline import OfflineChecker

    return OfflineChecker(settings, words)
