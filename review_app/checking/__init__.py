"""Checkers: adapters behind one small protocol that turn segment texts into flags."""

from review_app.checking.base import Checker, CheckerInfo
from review_app.checking.flag import Flag, Severity

__all__ = ["Checker", "CheckerInfo", "Flag", "Severity"]
