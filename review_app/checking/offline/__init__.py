"""The embedded offline German checker (Hunspell via chunspell, curated confusions, rules)."""

from review_app.checking.offline.checker import OfflineChecker

__all__ = ["OfflineChecker"]
