"""The editor's actions on a review session, as plain records that can be undone and journaled.

A `Step` is one change planned against a session (do an action, undo, redo): the shell writes
its `record()` to the journal first and only then commits it to the session. Records read back
from a journal are untrusted: `parse_record` checks their shape and raises ValueError.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field, fields
from typing import TYPE_CHECKING, Any, ClassVar, Literal

if TYPE_CHECKING:
    from review_app.checking.flag import Flag


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


@dataclass(frozen=True)
class ChangeMany:
    """Several segments changed as one undoable step (a fix applied to every occurrence, a
    replace-all). `label` says what for the notification; each change is a `ChangeText`."""

    label: str
    changes: tuple[ChangeText, ...]
    kind: ClassVar[str] = "change_many"


Action = ChangeText | IgnoreFlag | IgnoreRule | AddWord | SetReviewed | ChangeMany

_KINDS: dict[str, type[Action]] = {
    cls.kind: cls for cls in (ChangeText, IgnoreFlag, IgnoreRule, AddWord, SetReviewed)
}


_FIELD_TYPES: dict[str, type] = {
    "index": int,
    "before": str,
    "after": str,
    "how": str,
    "rule_id": str,
    "flagged": str,
    "word": str,
    "value": bool,
}
_HOW = ("edit", "accept")

Verb = Literal["do", "undo", "redo"]


@dataclass(frozen=True)
class Step:
    """One change planned against a session and not made yet: `verb` the `action`.

    `provisional` (for an accepted suggestion) are the segment's flags moved along with the
    edit, shown until the re-check answers; they are not journaled.
    """

    verb: Verb
    action: Action
    provisional: tuple[Flag, ...] | None = field(default=None, compare=False)

    def record(self) -> dict[str, Any]:
        """The journal record; undo and redo name the action they take back or bring back."""
        if self.verb == "do":
            return {"do": action_to_json(self.action)}
        return {self.verb: True, "action": action_to_json(self.action)}

    @property
    def index(self) -> int | None:
        """The segment the step changes, if it is about one segment."""
        return getattr(self.action, "index", None)


def action_to_json(action: Action) -> dict[str, Any]:
    if isinstance(action, ChangeMany):
        changes = [{k: v for k, v in asdict(c).items() if k != "how"} for c in action.changes]
        return {"kind": action.kind, "label": action.label, "changes": changes}
    return {"kind": action.kind, **asdict(action)}


def _change_many_from_json(data: dict[str, Any]) -> ChangeMany:
    label, changes = data.get("label"), data.get("changes")
    if data.keys() != {"kind", "label", "changes"} or not isinstance(label, str):
        raise ValueError("change_many: fields are kind, label, changes")
    if not isinstance(changes, list) or not changes:
        raise ValueError("change_many: changes is a non-empty list")
    parsed = []
    for change in changes:
        if not isinstance(change, dict):
            raise ValueError("change_many: each change is a JSON object")
        item = action_from_json({"kind": ChangeText.kind, **change})
        if not isinstance(item, ChangeText):
            raise ValueError("change_many: each change is a text change")
        parsed.append(item)
    if len({c.index for c in parsed}) != len(parsed):
        raise ValueError("change_many: a segment changed twice")
    return ChangeMany(label, tuple(parsed))


def action_from_json(data: object) -> Action:
    """The action a journal record describes; ValueError for any other shape."""
    if not isinstance(data, dict):
        raise ValueError("an action is a JSON object")
    if data.get("kind") == ChangeMany.kind:
        return _change_many_from_json(data)
    values = dict(data)
    cls = _KINDS.get(values.pop("kind", None)) if isinstance(data.get("kind"), str) else None
    if cls is None:
        raise ValueError(f"unknown action {data.get('kind')!r}")
    names = [f.name for f in fields(cls)]
    required = {f.name for f in fields(cls) if f.name != "how"}
    if not required <= values.keys() or not values.keys() <= set(names):
        raise ValueError(f"{cls.kind}: fields {sorted(values)} are not {names}")
    for name, value in values.items():
        wanted = _FIELD_TYPES[name]
        # bool is an int in Python; an index of `true` is no index
        if not isinstance(value, wanted) or (wanted is int and isinstance(value, bool)):
            raise ValueError(f"{cls.kind}: {name} is not a {wanted.__name__}")
    if values.get("index", 0) < 0 or values.get("how", "edit") not in _HOW:
        raise ValueError(f"{cls.kind}: bad index or how")
    return cls(**values)


def parse_record(record: object) -> tuple[Verb, Action | None]:
    """(verb, action) of a step record. Undo and redo records written before they named their
    action give None: the session's last done (or undone) action is meant."""
    if not isinstance(record, dict):
        raise ValueError("a record is a JSON object")
    if record.keys() == {"do"}:
        return "do", action_from_json(record["do"])
    for verb in ("undo", "redo"):
        if record.get(verb) is True and record.keys() <= {verb, "action"}:
            named = record.get("action")
            return verb, None if named is None else action_from_json(named)
    raise ValueError("not a step record")


def is_saved_record(record: object) -> bool:
    """`{"saved": {"path": ..., "sha256": ...}}`, written after each save."""
    if not isinstance(record, dict) or record.keys() != {"saved"}:
        return False
    saved = record["saved"]
    return (
        isinstance(saved, dict)
        and isinstance(saved.get("path"), str)
        and isinstance(saved.get("sha256"), str)
    )


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
        case ChangeMany(label=label, changes=changes):
            return f"{label} in {len(changes)} sentence{'s' if len(changes) != 1 else ''}"
    return action.kind
