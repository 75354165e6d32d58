"""Terminology: a glossary source term whose approved translation is missing from the target,
and forbidden target terms used."""

from __future__ import annotations

from review_app.checking.flag import Flag, Severity
from review_app.qa.glossary import forbidden_hits, glossary_hits, has_target_term
from review_app.qa.registry import Pair, QaRule


def _quoted(terms: tuple[str, ...]) -> str:
    return " or ".join(f"“{term}”" for term in terms)


def _missing_flags(pair: Pair) -> list[Flag]:
    glossary = pair.settings.glossary
    if glossary is None:
        return []
    banned = {id(term) for _, _, term, _ in forbidden_hits(pair.target, glossary)}
    flags = []
    seen: set[int] = set()
    for start, end, term in glossary_hits(pair.source, glossary):
        if id(term) in seen or id(term) in banned or not term.targets:
            continue  # a forbidden term used says more, with its fix
        seen.add(id(term))
        if not has_target_term(pair.target, term):
            at = len(pair.target.rstrip())
            flags.append(
                GLOSSARY_TERM_MISSING.flag(
                    at,
                    at,
                    f"Glossary: “{pair.source[start:end]}” is translated "
                    f"{_quoted(term.targets)}, not found in the target.",
                )
            )
    return flags


def _forbidden_flags(pair: Pair) -> list[Flag]:
    glossary = pair.settings.glossary
    if glossary is None:
        return []
    flags = []
    for start, end, term, text in forbidden_hits(pair.target, glossary):
        advice = f": use {_quoted(term.targets)}" if term.targets else ""
        flags.append(
            FORBIDDEN_TERM.flag(
                start,
                end,
                f"Glossary: “{pair.target[start:end]}” is a forbidden term ({text}){advice}.",
                term.targets,
            )
        )
    return flags


GLOSSARY_TERM_MISSING = QaRule(
    "GLOSSARY_TERM_MISSING", "terminology", Severity.WARNING,
    "A glossary source term is in the source and none of its approved target terms is in "
    "the target (found inflected and in compounds: Vertrag in Vertrags, Mietvertrag).",
    "contract → Abkommen (glossary: Vertrag)", _missing_flags,
)  # fmt: skip
FORBIDDEN_TERM = QaRule(
    "FORBIDDEN_TERM", "terminology", Severity.ERROR,
    "A target term the glossary forbids (TBX deprecated/forbidden, or a forbidden status "
    "column) is used in the target.",
    "Handy → Mobiltelefon", _forbidden_flags,
)  # fmt: skip

RULES = (GLOSSARY_TERM_MISSING, FORBIDDEN_TERM)
