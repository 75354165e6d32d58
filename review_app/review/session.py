"""The review session: what the editor did to each segment, undoable, with derived counts.

Pure state, no I/O. A change is planned first (`plan_accept`, `plan_undo`, … give a `Step`
without changing anything), then the shell journals the step and `commit`s it: if the journal
cannot be written, the session stays as it was (see `Review.perform`). Checking happens outside
too (a shell runs the checker and hands the flags in with `set_flags`); flags for a text that is
no longer the segment's current text are dropped.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass

from review_app.checking.flag import Flag
from review_app.document.model import Document
from review_app.review.actions import (
    Action,
    AddWord,
    ChangeMany,
    ChangeText,
    IgnoreFlag,
    IgnoreRule,
    SetReviewed,
    Step,
    parse_record,
)

SuggestionKey = tuple[str, int, int, str]  # (segment text, start, end, rule id)


@dataclass(frozen=True)
class SegmentStatus:
    """What the sentence list shows for one segment."""

    open_flags: int | None  # None until the current text has been checked
    reviewed: bool
    edited: bool
    stale: bool  # flags shown are provisional; a re-check is due


def flag_word(flag: Flag, text: str) -> str:
    """The word that adding to the dictionary would accept."""
    return flag.word or flag.flagged(text)


def _replace_spans(text: str, spans: list[tuple[int, int]], replacement: str) -> str:
    """`text` with each (non-overlapping) span replaced, right to left so offsets hold."""
    for start, end in sorted(set(spans), reverse=True):
        text = text[:start] + replacement + text[end:]
    return text


def _shift_flags(flags: Iterable[Flag], accepted: Flag, delta: int) -> list[Flag]:
    """The flags that survive accepting a suggestion for `accepted`: those before its span as
    they are, those after it shifted by `delta`; overlapping ones are dropped."""
    kept: list[Flag] = []
    for flag in flags:
        if flag == accepted:
            continue
        if flag.end <= accepted.start:
            kept.append(flag)
        elif flag.start >= accepted.end:
            kept.append(flag.shifted(delta))
    return kept


class Session:
    """Per segment: current text, checker flags, ignored flags, reviewed mark; plus document-wide
    ignored rules and accepted words. Every change is a `Step` planned by a `plan_*` method and
    made by `commit`, so it can be journaled first; undo and redo work for every action, edits
    included."""

    def __init__(self, document: Document) -> None:
        self.document = document
        n = len(document)
        self._texts: list[str] = [s.text for s in document.segments]
        self._flags: list[list[Flag] | None] = [None] * n
        self._stale: set[int] = set()
        self._checked: list[dict[str, list[Flag]]] = [{} for _ in range(n)]
        self._suggestions: dict[SuggestionKey, tuple[str, ...]] = {}
        self._ignored_flags: set[tuple[int, str, str]] = set()
        self._ignored_rules: set[str] = set()
        self._added_words: set[str] = set()
        self._reviewed: set[int] = set()
        self._done: list[Action] = []
        self._undone: list[Action] = []
        self._open: list[int] = [0] * n
        self._open_flags: dict[int, list[Flag]] = {}  # flags() results, dropped on any change
        self._open_total = 0
        self._checked_count = 0
        self._saved_state: dict[int, str] = {}

    def extend(self, document: Document) -> None:
        """Take the whole document when this session was opened on its first segments only."""
        n = len(self._texts)
        if document.segments[:n] != self.document.segments:
            raise ValueError("the document does not start with this session's segments")
        added = len(document) - n
        self.document = document
        self._texts.extend(s.text for s in document.segments[n:])
        self._flags.extend([None] * added)
        self._checked.extend({} for _ in range(added))
        self._open.extend([0] * added)

    # ----- reading -------------------------------------------------------------------------

    def __len__(self) -> int:
        return len(self._texts)

    def text(self, index: int) -> str:
        return self._texts[index]

    def original(self, index: int) -> str:
        return self.document.segments[index].text

    def is_edited(self, index: int) -> bool:
        return self._texts[index] != self.document.segments[index].text

    def is_reviewed(self, index: int) -> bool:
        return index in self._reviewed

    def is_checked(self, index: int) -> bool:
        return self._flags[index] is not None

    def is_stale(self, index: int) -> bool:
        return index in self._stale

    def flags(self, index: int) -> list[Flag]:
        """The open flags of segment `index` (ignored ones left out), suggestions filled in."""
        flags = self._flags[index]
        if not flags:
            return []
        cached = self._open_flags.get(index)
        if cached is None:
            # A sentence of megabytes has tens of thousands of flags and every keypress asks
            # for them several times: work them out once per change, not once per call.
            text = self._texts[index]
            cached = [
                self._with_suggestions(text, f) for f in flags if self._is_open(index, text, f)
            ]
            self._open_flags[index] = cached
        return list(cached)

    def status(self, index: int) -> SegmentStatus:
        checked = self._flags[index] is not None
        return SegmentStatus(
            open_flags=self._open[index] if checked else None,
            reviewed=index in self._reviewed,
            edited=self.is_edited(index),
            stale=index in self._stale,
        )

    def open_flag_count(self, index: int) -> int:
        return self._open[index]

    @property
    def open_flags_total(self) -> int:
        return self._open_total

    @property
    def reviewed_count(self) -> int:
        return len(self._reviewed)

    @property
    def checked_count(self) -> int:
        return self._checked_count

    @property
    def ignored_rules(self) -> frozenset[str]:
        return frozenset(self._ignored_rules)

    @property
    def added_words(self) -> frozenset[str]:
        return frozenset(self._added_words)

    def replacements(self) -> dict[int, str]:
        """Segment index -> current text, for the edited segments only."""
        return {i: t for i, t in enumerate(self._texts) if t != self.document.segments[i].text}

    @property
    def has_unsaved_changes(self) -> bool:
        return self.replacements() != self._saved_state

    def mark_saved(self) -> None:
        self._saved_state = self.replacements()

    @property
    def done_actions(self) -> tuple[Action, ...]:
        """The actions in effect, oldest first (what `undo` would take back, in reverse)."""
        return tuple(self._done)

    def can_undo(self) -> bool:
        return bool(self._done)

    def can_redo(self) -> bool:
        return bool(self._undone)

    def needs_check(self) -> Iterator[int]:
        """Segments whose current text has no checker flags yet, or only provisional ones."""
        for index, flags in enumerate(self._flags):
            if flags is None or index in self._stale:
                yield index

    def suggestions_known(self, index: int, flag: Flag) -> bool:
        """Whether the checker's (slow) suggestion search for `flag` has answered."""
        return self._suggestion_key(index, flag) in self._suggestions

    # ----- results from the checker ---------------------------------------------------------

    def set_flags(self, index: int, text: str, flags: list[Flag]) -> bool:
        """Flags the checker found in `text`; ignored (False) when the segment changed since."""
        self._checked[index][text] = list(flags)
        if self._texts[index] != text:
            return False
        self._stale.discard(index)
        self._put_flags(index, list(flags))
        return True

    def set_suggestions(self, index: int, flag: Flag, suggestions: tuple[str, ...]) -> None:
        self._suggestions[self._suggestion_key(index, flag)] = tuple(suggestions)
        self._open_flags.pop(index, None)

    # ----- planning: what a change would be, nothing changes -------------------------------

    def plan_edit(self, index: int, text: str) -> Step | None:
        if text == self._texts[index]:
            return None
        return Step("do", ChangeText(index, self._texts[index], text, "edit"))

    def plan_accept(self, index: int, flag: Flag, suggestion: str) -> Step:
        """Replace `flag`'s span in the segment's current text with `suggestion`."""
        before = self._texts[index]
        after = before[: flag.start] + suggestion + before[flag.end :]
        current = [self._with_suggestions(before, f) for f in self._flags[index] or []]
        delta = len(suggestion) - (flag.end - flag.start)
        provisional = _shift_flags(current, self._with_suggestions(before, flag), delta)
        return Step("do", ChangeText(index, before, after, "accept"), tuple(provisional))

    def plan_fix_everywhere(self, rule_id: str, flagged: str, suggestion: str) -> Step | None:
        """Apply `suggestion` to every open flag of `rule_id` on `flagged` (whose first
        suggestion it is) in every checked segment: one undoable step (None: nothing to do)."""
        changes = []
        for index, flags in enumerate(self._flags):
            if not flags:
                continue
            text = self._texts[index]
            spans = [
                (flag.start, flag.end)
                for flag in self.flags(index)
                if flag.rule_id == rule_id
                and flag.flagged(text) == flagged
                and self._would_suggest(index, flag, suggestion)
            ]
            if spans:
                changes.append(ChangeText(index, text, _replace_spans(text, spans, suggestion)))
        if not changes:
            return None
        return Step("do", ChangeMany(f"fixed {rule_id} “{flagged}”", tuple(changes)))

    def _would_suggest(self, index: int, flag: Flag, suggestion: str) -> bool:
        """Its first suggestion is `suggestion`; or none were looked up yet: a word's
        suggestions depend on the word alone, and rules give theirs with the flag."""
        if flag.suggestions:
            return flag.suggestions[0] == suggestion
        return not self.suggestions_known(index, flag)

    def plan_replace_all(
        self, spans: Callable[[str], Iterable[tuple[int, int]]], replacement: str, label: str
    ) -> Step | None:
        """Replace the `spans(text)` (non-overlapping, e.g. the matches of a find) of every
        segment's current text with `replacement`: one undoable step (None: nothing changes)."""
        changes = []
        for index, text in enumerate(self._texts):
            found = list(spans(text))
            after = _replace_spans(text, found, replacement) if found else text
            if after != text:
                changes.append(ChangeText(index, text, after))
        if not changes:
            return None
        return Step("do", ChangeMany(label, tuple(changes)))

    def plan_ignore_flag(self, index: int, flag: Flag) -> Step | None:
        key = (index, flag.rule_id, flag.flagged(self._texts[index]))
        if key in self._ignored_flags:
            return None
        return Step("do", IgnoreFlag(*key))

    def plan_ignore_rule(self, rule_id: str) -> Step | None:
        if rule_id in self._ignored_rules:
            return None
        return Step("do", IgnoreRule(rule_id))

    def plan_add_word(self, word: str) -> Step | None:
        word = word.strip()
        if not word or word in self._added_words:
            return None
        return Step("do", AddWord(word))

    def plan_toggle_reviewed(self, index: int) -> Step:
        return Step("do", SetReviewed(index, index not in self._reviewed))

    def plan_set_reviewed(self, index: int, value: bool = True) -> Step | None:
        if (index in self._reviewed) == value:
            return None
        return Step("do", SetReviewed(index, value))

    def plan_undo(self) -> Step | None:
        return Step("undo", self._done[-1]) if self._done else None

    def plan_redo(self) -> Step | None:
        return Step("redo", self._undone[-1]) if self._undone else None

    def plan_record(self, record: object) -> Step | None:
        """The step a journal record stands for, or None when the record is malformed or does
        not apply to the session as it is now (then replaying it would corrupt the state)."""
        try:
            verb, action = parse_record(record)
        except ValueError:
            return None
        if action is None:  # an undo/redo record from before they named their action
            step = self.plan_undo() if verb == "undo" else self.plan_redo()
        else:
            step = Step(verb, action)
        return step if step is not None and self.applies(step) else None

    def applies(self, step: Step) -> bool:
        """Whether `step` can be committed now: the state it was planned against is still
        the state (e.g. a change's `before` is the segment's current text)."""
        if step.verb == "undo":
            return bool(self._done) and self._done[-1] == step.action
        if step.verb == "redo":
            return bool(self._undone) and self._undone[-1] == step.action
        return self._can_do(step.action)

    # ----- committing ----------------------------------------------------------------------

    def commit(self, step: Step) -> None:
        """Make `step` (after the shell journaled it). ValueError if it does not apply."""
        if not self.applies(step):
            raise ValueError(f"{step.verb} {step.action} does not apply to this session")
        if step.verb == "do":
            provisional = None if step.provisional is None else list(step.provisional)
            self._apply(step.action, provisional)
            self._done.append(step.action)
            self._undone.clear()
        elif step.verb == "undo":
            self._revert(self._done.pop())
            self._undone.append(step.action)
        else:
            self._apply(self._undone.pop())
            self._done.append(step.action)

    # ----- internals -----------------------------------------------------------------------

    def _can_do(self, action: Action) -> bool:
        in_range = 0 <= getattr(action, "index", 0) < len(self._texts)
        match action:
            case ChangeText(index=i, before=before):
                return in_range and self._texts[i] == before
            case IgnoreFlag(index=i, rule_id=rule, flagged=flagged):
                return in_range and (i, rule, flagged) not in self._ignored_flags
            case IgnoreRule(rule_id=rule):
                return rule not in self._ignored_rules
            case AddWord(word=word):
                return bool(word) and word == word.strip() and word not in self._added_words
            case SetReviewed(index=i, value=value):
                return in_range and (i in self._reviewed) != value
            case ChangeMany(changes=changes):
                return all(self._can_do(change) for change in changes)
        return False

    def _apply(self, action: Action, provisional: list[Flag] | None = None) -> None:
        match action:
            case ChangeText(index=i, after=after):
                self._set_text(i, after, provisional)
            case IgnoreFlag(index=i, rule_id=rule, flagged=flagged):
                self._ignored_flags.add((i, rule, flagged))
                self._recount(i)
            case IgnoreRule(rule_id=rule):
                self._ignored_rules.add(rule)
                self._recount_all()
            case AddWord(word=word):
                self._added_words.add(word)
                self._recount_all()
            case SetReviewed(index=i, value=value):
                (self._reviewed.add if value else self._reviewed.discard)(i)
            case ChangeMany(changes=changes):
                for change in changes:
                    self._set_text(change.index, change.after, None)

    def _revert(self, action: Action) -> None:
        match action:
            case ChangeText(index=i, before=before):
                self._set_text(i, before, None)
            case IgnoreFlag(index=i, rule_id=rule, flagged=flagged):
                self._ignored_flags.discard((i, rule, flagged))
                self._recount(i)
            case IgnoreRule(rule_id=rule):
                self._ignored_rules.discard(rule)
                self._recount_all()
            case AddWord(word=word):
                self._added_words.discard(word)
                self._recount_all()
            case SetReviewed(index=i, value=value):
                (self._reviewed.discard if value else self._reviewed.add)(i)
            case ChangeMany(changes=changes):
                for change in changes:
                    self._set_text(change.index, change.before, None)

    def _set_text(self, index: int, text: str, provisional: list[Flag] | None) -> None:
        self._texts[index] = text
        known = self._checked[index].get(text)
        if known is not None:
            self._stale.discard(index)
            self._put_flags(index, list(known))
        else:
            self._stale.add(index)
            self._put_flags(index, provisional if provisional is not None else [])

    def _put_flags(self, index: int, flags: list[Flag]) -> None:
        flags.sort(key=lambda f: (f.start, f.end))  # tab walks them left to right
        if self._flags[index] is None:
            self._checked_count += 1
        self._flags[index] = flags
        self._recount(index)

    def _is_open(self, index: int, text: str, flag: Flag) -> bool:
        if flag.rule_id in self._ignored_rules:
            return False
        flagged = flag.flagged(text)
        if (index, flag.rule_id, flagged) in self._ignored_flags:
            return False
        return not (self._added_words and flag_word(flag, text) in self._added_words)

    def _recount(self, index: int) -> None:
        self._open_flags.pop(index, None)
        flags = self._flags[index] or []
        text = self._texts[index]
        count = sum(1 for f in flags if self._is_open(index, text, f))
        self._open_total += count - self._open[index]
        self._open[index] = count

    def _recount_all(self) -> None:
        for index, flags in enumerate(self._flags):
            if flags:
                self._recount(index)

    def _suggestion_key(self, index: int, flag: Flag) -> SuggestionKey:
        return (self._texts[index], flag.start, flag.end, flag.rule_id)

    def _with_suggestions(self, text: str, flag: Flag) -> Flag:
        """The flag's own suggestions first (their numbers never change), then the searched."""
        cached = self._suggestions.get((text, flag.start, flag.end, flag.rule_id))
        if not cached:
            return flag
        more = tuple(s for s in cached if s not in flag.suggestions)
        return flag.with_suggestions(flag.suggestions + more) if more else flag
