"""The editor's actions on a review session, as plain records that can be undone and journaled."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any, ClassVar


@dataclass(frozen=True)
class ChangeText:
    """Segment `index` goes from `before` to `after` (a hand edit or an accepted suggestion)."""

    index: int
    before: str
    after: str
    how: str = "edit"  # "edit" or "accept"
    kind: ClassVar[str] = "change"


@dataclass(frozen=True)
class IgnoreFlag:
    """Hide the flags of `rule_id` on `flagged` in segment `index`."""

    index: int
    rule_id: str
    flagged: str
    kind: ClassVar[str] = "ignore_flag"


@dataclass(frozen=True)
class IgnoreRule:
    """Hide every flag of `rule_id` in the document."""

    rule_id: str
    kind: ClassVar[str] = "ignore_rule"


@dataclass(frozen=True)
class AddWord:
    """Add `word` to the personal dictionary; its flags disappear everywhere."""

    word: str
    kind: ClassVar[str] = "add_word"


@dataclass(frozen=True)
class SetReviewed:
    """Mark segment `index` reviewed (`value=True`) or not."""

    index: int
    value: bool
    kind: ClassVar[str] = "reviewed"


Action = ChangeText | IgnoreFlag | IgnoreRule | AddWord | SetReviewed

_KINDS: dict[str, type[Action]] = {
    cls.kind: cls for cls in (ChangeText, IgnoreFlag, IgnoreRule, AddWord, SetReviewed)
}


def action_to_json(action: Action) -> dict[str, Any]:
    return {"kind": action.kind, **asdict(action)}


def action_from_json(data: dict[str, Any]) -> Action:
    fields = dict(data)
    cls = _KINDS.get(fields.pop("kind", ""))
    if cls is None:
        raise ValueError(f"unknown action {data.get('kind')!r}")
    return cls(**fields)


def describe(action: Action) -> str:
    """A few words for a notification, e.g. after undo."""
    match action:
        case ChangeText(index=i, how="accept"):
            return f"suggestion in sentence {i + 1}"
        case ChangeText(index=i):
            return f"edit of sentence {i + 1}"
        case IgnoreFlag(index=i, rule_id=rule):
            return f"ignored {rule} in sentence {i + 1}"
        case IgnoreRule(rule_id=rule):
            return f"ignored rule {rule}"
        case AddWord(word=word):
            return f"added {word!r} to the dictionary"
        case SetReviewed(index=i, value=value):
            return f"{'reviewed' if value else 'unreviewed'} sentence {i + 1}"
    return action.kind
