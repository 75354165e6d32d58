"""Rules on the marks around the words: end punctuation, leading and trailing spaces,
brackets and quotation marks that do not match the source."""

from __future__ import annotations

import re

from review_app.bilingual.model import is_placeholder
from review_app.checking.flag import Flag, Severity
from review_app.qa.patterns import PLACEHOLDER, may_hold_placeholder
from review_app.qa.registry import Pair, QaRule

END_MARKS = ".?!:…"
# What may follow a sentence's last mark: closing quotes and brackets, spaces, tags.
_CLOSERS = "\"'”“’‘»«›‹)]} \t\r\n\u00a0"
DOUBLE_QUOTES = '"“”„«»'
_DOUBLE_QUOTE = re.compile(f"[{DOUBLE_QUOTES}]")
# An English single quote opening a quotation: after a space or a bracket, before a letter.
_SINGLE_OPENING = re.compile(r"(?:^|(?<=[\s(\[]))['‘](?=\w)")
BRACKETS = (("(", ")"), ("[", "]"), ("{", "}"))
_BRACKET = re.compile(r"[()\[\]{}]")
_SENTENCE_BREAK = re.compile(r"[.!?…][\"'”’»)]*\s+[\"'“‘«(]*[A-Z0-9]")


def _end(text: str) -> int:
    """The index just after the text's last character that is not a closer or a tag."""
    end = len(text)
    while end > 0 and (text[end - 1] in _CLOSERS or is_placeholder(text[end - 1])):
        end -= 1
    return end


def _end_mark(text: str, end: int) -> tuple[str, int]:
    """The end mark before `end` ("..." read as "…") and where it starts; "" if none."""
    if text[:end].endswith("..."):
        return "…", end - 3
    if end > 0 and text[end - 1] in END_MARKS:
        return text[end - 1], end - 1
    return "", end


def _end_flags(pair: Pair) -> list[Flag]:
    source_mark, _ = _end_mark(pair.source, _end(pair.source))
    target_end = _end(pair.target)
    if target_end == 0:
        return []
    target_mark, at = _end_mark(pair.target, target_end)
    if source_mark == target_mark:
        return []
    if not source_mark:
        return [
            END_PUNCTUATION.flag(
                at,
                target_end,
                f"The target ends with “{target_mark}”, the source with no end mark.",
                severity=Severity.HINT,
            )
        ]
    shown = f"“{target_mark}”" if target_mark else "no end mark"
    # Sentences of a paragraph are often reordered or joined; "…" for "." is a choice.
    weak = bool(target_mark) and (_sentences(pair.source) > 1 or "…" in (source_mark + target_mark))
    return [
        END_PUNCTUATION.flag(
            at,
            target_end,
            f"The source ends with “{source_mark}”, the target with {shown}.",
            (source_mark,),
            severity=Severity.HINT if weak else None,
        )
    ]


def _sentences(text: str) -> int:
    return 1 + len(_SENTENCE_BREAK.findall(text.strip()))


def _space_flags(pair: Pair) -> list[Flag]:
    flags = []
    source_lead = pair.source[: len(pair.source) - len(pair.source.lstrip())]
    target_lead = pair.target[: len(pair.target) - len(pair.target.lstrip())]
    if source_lead != target_lead and pair.target.strip():
        flags.append(
            LEADING_TRAILING_SPACE.flag(
                0,
                len(target_lead),
                "Leading spaces differ from the source's.",
                (source_lead,),
            )
        )
    source_trail = pair.source[len(pair.source.rstrip()) :]
    target_trail = pair.target[len(pair.target.rstrip()) :]
    if source_trail != target_trail and pair.target.strip():
        start = len(pair.target.rstrip())
        flags.append(
            LEADING_TRAILING_SPACE.flag(
                start,
                len(pair.target),
                "Trailing spaces differ from the source's.",
                (source_trail,),
            )
        )
    return flags


def _without_placeholders(text: str) -> str:
    """The text with software placeholders ({0}) blanked out, offsets kept."""
    if not may_hold_placeholder(text):
        return text
    return PLACEHOLDER.sub(lambda m: " " * len(m.group()), text)


def _bracket_flags(pair: Pair) -> list[Flag]:
    """A target whose brackets do not pair up (where the source's do) is a warning; brackets
    added or dropped in pairs are a hint (a translation may well do without them)."""
    if not _BRACKET.search(pair.source) and not _BRACKET.search(pair.target):
        return []
    source, target = _without_placeholders(pair.source), _without_placeholders(pair.target)
    flags = []
    for opening, closing in BRACKETS:
        unbalanced = target.count(opening) != target.count(closing) and source.count(
            opening
        ) == source.count(closing)
        severity = None if unbalanced else Severity.HINT
        for mark in (opening, closing):
            more = target.count(mark) - source.count(mark)
            if more > 0:
                at = target.rfind(mark)
                message = f"The target has {more} “{mark}” more than the source."
                flags.append(BRACKET_MISMATCH.flag(at, at + 1, message, severity=severity))
            elif more < 0:
                at = len(pair.target.rstrip())
                message = f"The target has {-more} “{mark}” fewer than the source."
                flags.append(BRACKET_MISMATCH.flag(at, at, message, severity=severity))
    return flags


def _quote_flags(pair: Pair) -> list[Flag]:
    """English "…" and German „…“ (or »…«) count the same: two marks a quotation, and an
    English 'quotation' may become a German double one. A target whose quotation marks do
    not pair up (where the source's do) is a warning; quotations added or dropped are a hint
    (a translation may turn direct speech into reported speech)."""
    source = len(_DOUBLE_QUOTE.findall(pair.source))
    target = len(_DOUBLE_QUOTE.findall(pair.target))
    unpaired = source % 2 == 0 and target % 2 == 1
    if not unpaired and source <= target:
        if target == source:
            return []  # whatever the single quotes
        singles = len(_SINGLE_OPENING.findall(pair.source))
        if target <= source + 2 * singles:
            return []
    if target > source:
        at = max(pair.target.rfind(mark) for mark in DOUBLE_QUOTES)
        span = (at, at + 1)
    else:
        at = len(pair.target.rstrip())
        span = (at, at)
    return [
        QUOTE_MISMATCH.flag(
            *span,
            f"The source has {source} quotation marks, the target {target}"
            + (": a quotation opened or closed on one side only?" if unpaired else "."),
            severity=None if unpaired else Severity.HINT,
        )
    ]


END_PUNCTUATION = QaRule(
    "END_PUNCTUATION", "source", Severity.WARNING,
    "The source ends with . ? ! : or … and the target does not, or with another mark "
    "(\"...\" and \"…\" are the same; a mark the source lacks is a hint).",
    "Are you sure? → Sind Sie sicher.", _end_flags,
)  # fmt: skip
LEADING_TRAILING_SPACE = QaRule(
    "LEADING_TRAILING_SPACE", "source", Severity.WARNING,
    "Spaces at the start or end of the target differ from the source's.",
    "' Hello' → 'Hallo'", _space_flags,
)  # fmt: skip
BRACKET_MISMATCH = QaRule(
    "BRACKET_MISMATCH", "source", Severity.WARNING,
    "The target has more or fewer ( ) [ ] { } than the source (placeholders aside).",
    "(see below) → (siehe unten", _bracket_flags,
)  # fmt: skip
QUOTE_MISMATCH = QaRule(
    "QUOTE_MISMATCH", "source", Severity.WARNING,
    "The target has more or fewer quotation marks than the source (English \"…\" and German "
    "„…“ count the same).",
    "He said \"no\" → Er sagte „nein", _quote_flags,
)  # fmt: skip

RULES = (END_PUNCTUATION, LEADING_TRAILING_SPACE, BRACKET_MISMATCH, QUOTE_MISMATCH)
