"""Writing targets and states back into XML files (XLIFF, TMX) by splicing the text.

A reader describes, besides the units, where each unit's target goes (`Slot`) and where the
state of a group of units is written (`Owner`: a trans-unit, a segment, a tu). Only the spans
of edited targets and changed states are replaced; everything else stays as it was.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import NamedTuple

from review_app.bilingual.inline import markup
from review_app.bilingual.model import State, Unit
from review_app.bilingual.splice import Edit, apply_edits
from review_app.bilingual.xmlscan import escape_text, set_attribute

Span = tuple[int, int]

_RANK = {State.NEW: 0, State.FUZZY: 1, State.TRANSLATED: 2, State.REVIEWED: 3}


class Owner(NamedTuple):  # NamedTuple, not a frozen dataclass: one is made per unit
    """What units of one trans-unit/segment/tu share: their state, and the target element.

    `replace` is set when there is no target element to write into (none at all, or an
    empty `<target/>`): a new element `before + open + contents + close` then replaces that
    span (an insertion point when both ends are equal)."""

    replace: Span | None = None
    before: str = ""
    open: str = ""
    close: str = ""
    state_tag: Span | None = None  # the start tag that carries the state attribute
    approved_tag: Span | None = None  # XLIFF 1.2 trans-unit with an `approved` attribute


class Slot(NamedTuple):
    """Where one unit's target goes. With `wrap` set, the target is written as
    wrap[0] + content + wrap[1] in place of `content` (a segment <mrk> that is missing or
    empty), and inside a new element of its owner."""

    owner: int
    content: Span
    wrap: tuple[str, str] | None = None


@dataclass(frozen=True)
class Vocabulary:
    """How a format spells states: the attribute, and its value for each State."""

    attribute: str | None
    values: Mapping[State, str]
    approved: bool = False  # also set XLIFF 1.2 `approved` on the owner


def owner_state(states: Sequence[State]) -> State:
    """The state of units that share one: the least advanced of them."""
    return min(states, key=_RANK.__getitem__)


def _rendered(units: Sequence[Unit], targets: Mapping[int, str]) -> dict[int, str]:
    out = {}
    for unit in units:
        new = targets.get(unit.index, unit.target)
        if new != unit.target:
            out[unit.index] = markup(unit.id, new, unit.tags, escape_text)
    return out


def write_xml(
    text: str,
    units: Sequence[Unit],
    slots: Sequence[Slot],
    owners: Sequence[Owner],
    vocabulary: Vocabulary,
    targets: Mapping[int, str],
    states: Mapping[int, State],
) -> str:
    """`text` with the edited targets and changed states of `units` written."""
    rendered = _rendered(units, targets)  # raises before anything is built
    groups: dict[int, list[Unit]] = {}
    for unit in units:
        groups.setdefault(slots[unit.index].owner, []).append(unit)
    edits: list[Edit] = []
    for owner_index, members in groups.items():
        new_states = [states.get(u.index, u.state) for u in members]
        state_changed = any(s != u.state for s, u in zip(new_states, members, strict=True))
        edited = [u for u in members if u.index in rendered]
        if not state_changed and not edited:
            continue
        owner = owners[owner_index]
        state = owner_state(new_states)
        write = _state_writer(text, vocabulary, state)
        if owner.replace is not None:
            # the state goes on the new element unless it has a place of its own (2.0 segment)
            stamp = write if owner.state_tag is None else _unchanged
            edits.append(_new_element(owner, members, slots, rendered, stamp))
        for unit in edited if owner.replace is None else ():
            slot = slots[unit.index]
            wrap = slot.wrap or ("", "")
            edits.append(Edit(*slot.content, wrap[0] + rendered[unit.index] + wrap[1]))
        if state_changed:
            edits.extend(_state_edits(text, owner, vocabulary, write, state))
    return apply_edits(text, edits)


def _unchanged(tag: str) -> str:
    return tag


def _state_writer(text: str, vocabulary: Vocabulary, state: State) -> Callable[[str], str]:
    def write(tag: str) -> str:
        if vocabulary.attribute is None:
            return tag
        return set_attribute(tag, vocabulary.attribute, vocabulary.values[state])

    return write


def _new_element(
    owner: Owner,
    members: Sequence[Unit],
    slots: Sequence[Slot],
    rendered: Mapping[int, str],
    write: Callable[[str], str],
) -> Edit:
    contents = []
    for unit in members:
        wrap = slots[unit.index].wrap or ("", "")
        content = rendered.get(unit.index) or markup(unit.id, unit.target, unit.tags, escape_text)
        contents.append(wrap[0] + content + wrap[1])
    assert owner.replace is not None
    return Edit(*owner.replace, owner.before + write(owner.open) + "".join(contents) + owner.close)


def _state_edits(
    text: str, owner: Owner, vocabulary: Vocabulary, write: Callable[[str], str], state: State
) -> list[Edit]:
    edits = []
    if owner.state_tag is not None:
        start, end = owner.state_tag
        edits.append(Edit(start, end, write(text[start:end])))
    if vocabulary.approved and owner.approved_tag is not None:
        start, end = owner.approved_tag
        value = "yes" if state is State.REVIEWED else "no"
        edits.append(Edit(start, end, set_attribute(text[start:end], "approved", value)))
    return edits
