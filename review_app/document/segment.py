"""Sentence segmentation with LanguageTool's SRX rules (choppa), line by line, exact spans.

The rules are choppa's (LanguageTool's `languagetool_segment.srx`), compiled once per language;
the loop that applies them is a port of choppa's `SrxTextIterator` for one string, which gives
the same cuts at a fraction of the cost, and a line where no break rule can apply (German: no
sentence mark with anything after it) skips the loop. `split_sentences_reference` runs choppa's
own iterator: the tests hold the two equal and bench/bench_segment.py times them.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from review_app.document.model import Document, Segment

_LINE = re.compile(r"[^\r\n]*(?:\r\n|\r|\n)?")

Splitter = Callable[[str, str], Iterable[tuple[int, int]]]


@lru_cache(maxsize=1)
def _srx_document() -> Any:
    from choppa import DEFAULT_SRX_RULESET, SrxDocument

    return SrxDocument(ruleset=str(DEFAULT_SRX_RULESET))


_BRACKETS = {"(": ")", "[": "]", "{": "}"}

# Break rules read one by one (LanguageTool's for German and the general ones): each can only
# cut where . ! ? or … has a character after it, or at a line break, U+2029, "<0}" or "{0>".
# A line with none of those is one piece; `_CANDIDATE` finds them. A language whose break rules
# are not all listed here runs every line through the loop.
_SCREENED_BREAKS = frozenset(
    {
        (r"\r?\n", ""),
        (r"\r?\n[\u00A0\s]*[-*]+[\u00A0\s]", ""),
        (r"\d+[a-z]\.[\u00A0\s]{1,2}", r"\p{Lu}"),
        (r"\b([Ee]tc)\.[\u00A0\s]{1,2}", r"\p{Lu}"),
        (r"""[\.!?][\u0002|'|"|“|«|‹|\)|\]|\}¹²³]?[\u00A0\s]+""", ""),
        (r"""[\.!?]['"“\p{Pe}\u00BB\u201D]?""", r"\p{Lu}[^\p{Lu}]"),
        (r"[\u00A0\s]\p{L}[\.!?][\u00A0\s]{1,2}", r"\p{Lu}\p{Ll}"),
        (r"[\.!?][”“]", r"[“„]"),
        (r"\p{L}[\.!?…]\u00A0+\s+", r"\p{Lu}\p{Ll}"),
        (r"\p{L}[\.!?…]\s+\u00A0+", r"\p{Lu}\p{Ll}"),
        (r"\u2029", ""),
        ("", r"<0\}"),
        (r"\{0>", ""),
        (r"\d{2}:\d{2}:\d{2},\d{3}\r?\n", ""),
    }
)
_CANDIDATE = re.compile(r"[.!?…].|[\n\u2029]|<0\}|\{0>", re.DOTALL)


@dataclass(frozen=True)
class _BreakRule:
    """One break rule of the SRX file, compiled, with the exceptions that apply to it.

    choppa joins those exceptions into one alternation of zero-width assertions; it holds at a
    position if any one of them does, so they may be tried in groups: the bracket ones (costly
    lookbehinds that search back for the bracket) only where the line has the brackets.
    """

    before: Any  # regex.Pattern (the `regex` package, as choppa compiles them)
    after: Any
    before_is_empty: bool
    exception: Any | None  # the other exceptions, joined
    bracketed: tuple[tuple[str, str, Any], ...]  # (opening, closing, exception)


@dataclass(frozen=True)
class _RuleSet:
    breaks: tuple[_BreakRule, ...]
    screened: bool  # every break rule is in _SCREENED_BREAKS: `_CANDIDATE` may skip lines


def _top_level_alternative(pattern: str) -> bool:
    """Whether `pattern` has a `|` outside groups and sets (or cannot be read plainly)."""
    depth = sets = 0
    i = 0
    while i < len(pattern):
        char = pattern[i]
        if char == "\\":
            i += 2
            continue
        if sets:
            sets += {"[": 1, "]": -1}.get(char, 0)
        elif char == "[":
            first = i + 2 if pattern[i + 1 : i + 2] == "^" else i + 1
            if pattern[first : first + 1] == "]":  # "[]…]": a literal "]", not read here
                return True
            sets = 1
        elif char in "()":
            depth += 1 if char == "(" else -1
        elif char == "|" and depth == 0:
            return True
        i += 1
    return depth != 0 or sets != 0


def _brackets(before: str, after: str) -> tuple[str, str] | None:
    """(opening, closing) when an exception can only hold with the opening bracket somewhere
    before the position and the closing one after it: its before-part starts with the escaped
    opening bracket, its after-part ends with the escaped closing one, no top-level `|`."""
    if len(before) < 3 or before[0] != "\\" or before[1] not in _BRACKETS:
        return None
    opening, closing = before[1], _BRACKETS[before[1]]
    if before[2] in "?*+{" or not after.endswith("\\" + closing):
        return None
    backslashes = len(after[:-1]) - len(after[:-1].rstrip("\\"))
    if backslashes % 2 == 0 or _top_level_alternative(before) or _top_level_alternative(after):
        return None
    return opening, closing


@lru_cache(maxsize=16)
def _rules(language: str) -> _RuleSet:
    """The break rules for `language`, as choppa's RuleManager orders and builds them."""
    from choppa import SrxTextIterator

    document = _srx_document()
    language_rules = document.get_language_rule_list(f"{language}_one")
    manager = document.get_rule_manager(
        language_rules, SrxTextIterator.DEFAULT_MAX_LOOKBEHIND_CONSTRUCT_LENGTH
    )
    # Each break rule is held back by the exception rules listed before it (RuleManager keys
    # them by the rule's value, so a repeated break rule takes the later list, as here).
    preceding: dict[Any, tuple[Any, ...]] = {}
    exceptions: list[Any] = []
    for language_rule in language_rules:
        for rule in language_rule.rules:
            if rule.is_break:
                preceding[rule] = tuple(exceptions)
            else:
                exceptions.append(rule)
    return _RuleSet(
        breaks=tuple(
            _break_rule(document, manager, rule, preceding[rule])
            for rule in manager.break_rule_list
        ),
        screened=all(
            (rule.before_pattern, rule.after_pattern) in _SCREENED_BREAKS
            for rule in manager.break_rule_list
        ),
    )


def _break_rule(document: Any, manager: Any, rule: Any, exceptions: tuple[Any, ...]) -> _BreakRule:
    plain: list[str] = []
    bracketed: list[tuple[str, str, Any]] = []
    for exception in exceptions:
        source = manager.create_exception_pattern_string(exception)
        brackets = _brackets(exception.before_pattern, exception.after_pattern)
        if brackets is None:
            plain.append(source)
        else:
            bracketed.append((*brackets, document.compile(source)))
    return _BreakRule(
        before=document.compile(rule.before_pattern),
        after=document.compile(rule.after_pattern),
        before_is_empty=not rule.before_pattern,
        exception=document.compile("|".join(plain)) if plain else None,
        bracketed=tuple(bracketed),
    )


def _excepted(rule: _BreakRule, text: str, at: int) -> bool:
    """Whether an exception rule holds at `at`, so the break rule does not cut there."""
    if rule.exception is not None and rule.exception.match(text, at) is not None:
        return True
    for opening, closing, exception in rule.bracketed:
        if (
            text.rfind(opening, 0, at) >= 0
            and text.find(closing, at) >= 0
            and exception.match(text, at) is not None
        ):
            return True
    return False


def _find(state: list[Any], text: str, length: int, start: int | None = None) -> bool:
    """Move a matcher to its rule's next match, as choppa's RuleMatcher.find does.

    `state` is [break position, match start, search position, rule].
    """
    rule: _BreakRule = state[3]
    position = state[2] if start is None else start
    if rule.before_is_empty:
        # An empty before-part matches (zero width) at every position, so the matcher stops at
        # the first position where the after-part matches: one search instead of a loop.
        found = rule.after.search(text, position) if position <= length else None
        if found is None:
            state[2] = length + 1
            return False
        at = found.start()
        state[0] = state[1] = at
        state[2] = at + 1
        return True
    before = rule.before.search(text, position) if position <= length else None
    return before is not None and _advance(state, text, length, before)


def _advance(state: list[Any], text: str, length: int, before: Any) -> bool:
    """From the before-part's match `before` on, the first one the after-part follows."""
    rule: _BreakRule = state[3]
    search = rule.before.search
    match_after = rule.after.match
    while True:
        begin, at = before.span()
        # Java's Matcher.find: go on after the match, one further if it was empty.
        position = at + 1 if at == begin else at
        if match_after(text, at) is not None:
            state[0] = at
            state[1] = begin
            state[2] = position
            return True
        before = search(text, position) if position <= length else None
        if before is None:
            state[2] = position
            return False


def _break_positions(text: str, rules: tuple[_BreakRule, ...]) -> list[int]:
    """End of each piece choppa's SrxTextIterator cuts `text` into (for a string, no stream)."""
    length = len(text)
    matchers: list[list[Any]] = []
    for rule in rules:
        if rule.before_is_empty:
            state: list[Any] = [0, 0, 0, rule]
            if _find(state, text, length):
                matchers.append(state)
            continue
        before = rule.before.search(text)  # most rules find nothing in a line: no call
        if before is not None:
            state = [0, 0, 0, rule]
            if _advance(state, text, length, before):
                matchers.append(state)
    ends: list[int] = []
    start = 0
    while start < length:
        found = False
        end = length
        while not found:
            if not matchers:
                found = True
                end = length
            else:
                nearest = min(matchers, key=_break_of)  # the first of equals, as in choppa
                end = nearest[0]
                if end > start:
                    found = not _excepted(nearest[3], text, end)
                    if found:
                        for state in matchers[:]:
                            if state[1] < end and not _find(state, text, length, end):
                                matchers.remove(state)
            for state in matchers[:]:
                while state[0] <= end:
                    if not _find(state, text, length):
                        matchers.remove(state)
                        break
        ends.append(end)
        start = end
    return ends


def _break_of(state: list[Any]) -> int:
    return state[0]


def _spans(line: str, ends: Iterable[int]) -> Iterator[tuple[int, int]]:
    """Trimmed spans of the pieces ending at `ends`; pieces with no space between are joined."""
    start = 0
    pending: tuple[int, int] | None = None
    for end in ends:
        piece = line[start:end]
        stripped = piece.strip()
        if stripped:
            lead = start + len(piece) - len(piece.lstrip())
            span = (lead, lead + len(stripped))
            if pending is not None and pending[1] == span[0]:
                # "Schauer.Die Sonne": no space after the full stop is an error in the text,
                # not a sentence boundary; one segment lets the checker flag the missing space.
                pending = (pending[0], span[1])
            else:
                if pending is not None:
                    yield pending
                pending = span
        start = end
    if pending is not None:
        yield pending


def split_sentences(line: str, language: str = "de") -> Iterator[tuple[int, int]]:
    """Spans of the sentences in one line (no line breaks inside), whitespace trimmed."""
    if not line.strip():
        return iter(())
    rules = _rules(language)
    if rules.screened and _CANDIDATE.search(line) is None:
        return _spans(line, (len(line),))
    return _spans(line, _break_positions(line, rules.breaks))


def split_sentences_reference(line: str, language: str = "de") -> Iterator[tuple[int, int]]:
    """The same spans through choppa's own SrxTextIterator (slow; kept to check and time)."""
    if not line.strip():
        return iter(())
    from choppa import SrxTextIterator

    ends: list[int] = []
    end = 0
    for piece in SrxTextIterator(_srx_document(), f"{language}_one", line):
        end += len(piece)
        ends.append(end)
    return _spans(line, ends)


def iter_lines(text: str) -> Iterator[tuple[int, str]]:
    """(offset, content without its line ending) for each line of `text`."""
    offset = 0
    for match in _LINE.finditer(text):
        raw = match.group()
        if not raw:
            break
        yield offset, raw.rstrip("\r\n")
        offset += len(raw)


def segment_text(
    text: str, language: str = "de", *, splitter: Splitter = split_sentences
) -> Document:
    """Split `text` into sentence segments; every line break ends a segment."""
    segments: list[Segment] = []
    for line_number, (offset, line) in enumerate(iter_lines(text)):
        for start, end in splitter(line, language):
            # positional: Segment(index, start, end, text, line), the cheaper call
            segments.append(
                Segment(len(segments), offset + start, offset + end, line[start:end], line_number)
            )
    return Document(text=text, segments=tuple(segments))
