"""Choosing the checker a run uses (`--checker auto|offline|languagetool`)."""

from __future__ import annotations

from review_app.checking.base import Checker
from review_app.checking.wordlists import WordLists
from review_app.config import Settings
from review_app.errors import ReviewAppError

CHECKER_CHOICES = ("auto", "offline", "languagetool")


def make_checker(settings: Settings, words: WordLists | None = None) -> Checker:
    """The checker `settings.checker` asks for. Until LanguageTool support lands, `auto`
    means the embedded offline checker."""
    words = words if words is not None else WordLists.from_settings(settings)
    if settings.checker not in CHECKER_CHOICES:
        raise ReviewAppError(
            f"unknown checker {settings.checker!r}: use auto, offline or languagetool"
        )
    if settings.checker == "languagetool":
        raise ReviewAppError("the LanguageTool checker is not available in this build")
    from review_app.checking.offline import OfflineChecker

    return OfflineChecker(settings, words)
