"""XLIFF 1.2 and 2.0: units, their inline tags, notes and states, and where targets go."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field

from review_app.bilingual.inline import Piece, Roles, assemble, content_pieces
from review_app.bilingual.model import BilingualFile, State, Unit
from review_app.bilingual.positions import LineIndex
from review_app.bilingual.xmllayout import XmlLayout, break_before, opened
from review_app.bilingual.xmlscan import Element, error_at, node_text, parse_xml
from review_app.bilingual.xmlwrite import Owner, Slot, Vocabulary

XLIFF_1 = "urn:oasis:names:tc:xliff:document:1.2"
XLIFF_2 = "urn:oasis:names:tc:xliff:document:2.0"
VERSIONS = {"1.2": "xliff-1.2", "2.0": "xliff-2.0", "2.1": "xliff-2.0"}

ROLES_1: Roles = {"g": "pair", "mrk": "pair", "bx": "open", "ex": "close"}
ROLES_2: Roles = {
    "pc": "pair",
    "mrk": "pair",
    "sc": "open",
    "ec": "close",
    "sm": "open",
    "em": "close",
}

STATES_1 = {
    "new": State.NEW,
    "needs-translation": State.NEW,
    "needs-l10n": State.NEW,
    "needs-adaptation": State.NEW,
    "translated": State.TRANSLATED,
    "needs-review-translation": State.FUZZY,
    "needs-review-l10n": State.FUZZY,
    "needs-review-adaptation": State.FUZZY,
    "signed-off": State.REVIEWED,
    "final": State.REVIEWED,
}
STATES_2 = {
    "initial": State.NEW,
    "translated": State.TRANSLATED,
    "reviewed": State.REVIEWED,
    "final": State.REVIEWED,
}
VOCABULARY_1 = Vocabulary(
    "state",
    {
        State.NEW: "needs-translation",
        State.FUZZY: "needs-review-translation",
        State.TRANSLATED: "translated",
        State.REVIEWED: "signed-off",
    },
    approved=True,
)
VOCABULARY_2 = Vocabulary(
    "state",
    {
        State.NEW: "initial",
        State.FUZZY: "translated",  # 2.0 has no "needs review"; not reviewed yet is closest
        State.TRANSLATED: "translated",
        State.REVIEWED: "reviewed",
    },
)


def _id_1(element: Element) -> str:
    if element.local in ("bx", "ex"):
        return element.get("rid") or element.get("id") or ""
    if element.local == "mrk":
        return element.get("mid") or ""
    return element.get("id") or ""


def _id_2(element: Element) -> str:
    if element.local == "cp":
        return (element.get("hex") or "").upper()
    if element.local in ("ec", "em"):
        return element.get("startRef") or element.get("id") or ""
    return element.get("id") or ""


@dataclass
class _Builder:
    """Units, slots and owners as they are found."""

    name: str
    text: str
    lines: LineIndex
    units: list[Unit] = field(default_factory=list)
    slots: list[Slot] = field(default_factory=list)
    owners: list[Owner] = field(default_factory=list)

    def owner(self, owner: Owner) -> int:
        self.owners.append(owner)
        return len(self.owners) - 1

    def add(
        self,
        unit_id: str,
        pieces: tuple[list[Piece], list[Piece]],
        slot: Slot,
        state: tuple[State, str | None],
        notes: tuple[str, ...],
        context: str | None,
    ) -> None:
        source, target, tags = assemble(*pieces)
        start, end = slot.content
        unit = Unit(
            index=len(self.units),
            id=unit_id,
            source=source,
            target=target,
            target_start=start,
            target_end=end,
            line=self.lines.line(start),
            tags=tags,
            state=state[0] if target or state[0] is not State.TRANSLATED else State.NEW,
            raw_state=state[1],
            notes=notes,
            context=context,
        )
        self.units.append(unit)
        self.slots.append(slot)


def read_xliff(text: str, name: str) -> XmlLayout:
    root = parse_xml(text, name)
    if root.local != "xliff":
        raise error_at(name, text, root.start, f"not XLIFF (root element <{root.qname}>)")
    version = root.get("version") or {XLIFF_1: "1.2", XLIFF_2: "2.0"}.get(root.namespace, "?")
    if version not in VERSIONS:
        raise error_at(name, text, root.start, f"unsupported XLIFF version {version}")
    builder = _Builder(name, text, LineIndex(text))
    if VERSIONS[version] == "xliff-1.2":
        languages = _read_1(builder, root)
        vocabulary = VOCABULARY_1
    else:
        languages = (root.get("srcLang"), root.get("trgLang"))
        _read_2(builder, root)
        vocabulary = VOCABULARY_2
    file = BilingualFile(VERSIONS[version], languages[0], languages[1], tuple(builder.units))
    return XmlLayout(file, tuple(builder.slots), tuple(builder.owners), vocabulary)


def _ours(element: Element, namespace: str) -> bool:
    return element.namespace in (namespace, "")


def _translatable(
    root: Element, namespace: str, containers: tuple[str, ...], leaf: str
) -> Iterator[Element]:
    """The `leaf` elements (trans-unit, unit) under `root` that are to be translated:
    `translate="no"` on them or on a group around them leaves them out."""
    for child in root.elements():
        if not _ours(child, namespace) or child.get("translate") == "no":
            continue
        if child.local == leaf:
            yield child
        elif child.local in containers:
            yield from _translatable(child, namespace, containers, leaf)


# XLIFF 1.2


def _read_1(builder: _Builder, root: Element) -> tuple[str | None, str | None]:
    languages: tuple[str | None, str | None] = (None, None)
    for file in root.elements("file"):
        if not _ours(file, XLIFF_1):
            continue
        if languages == (None, None):
            languages = (file.get("source-language"), file.get("target-language"))
        for trans_unit in _translatable(file, XLIFF_1, ("body", "group"), "trans-unit"):
            _trans_unit(builder, trans_unit)
    return languages


_PARTS_1 = ("source", "seg-source", "target", "note")


def _parts_1(trans_unit: Element) -> dict[str, list[Element]]:
    """The trans-unit's own <source>, <seg-source>, <target> and <note> children, by name."""
    parts: dict[str, list[Element]] = {local: [] for local in _PARTS_1}
    for child in trans_unit.marked:
        if type(child) is Element and child.local in parts and _ours(child, XLIFF_1):
            parts[child.local].append(child)
    return parts


def _first(elements: list[Element]) -> Element | None:
    return elements[0] if elements else None


def _segments(element: Element) -> Iterator[Element]:
    """The <mrk mtype="seg"> inside `element`, at any depth, in order."""
    for child in element.elements():
        if child.local == "mrk" and child.get("mtype") == "seg":
            yield child
        else:
            yield from _segments(child)


def _state_1(trans_unit: Element, target: Element | None) -> tuple[State, str | None]:
    raw = target.get("state") if target is not None else None
    if trans_unit.get("approved") == "yes":
        return State.REVIEWED, raw or "approved"
    return STATES_1.get(raw or "", State.TRANSLATED), raw


def _trans_unit(builder: _Builder, trans_unit: Element) -> None:
    text = builder.text
    parts = _parts_1(trans_unit)
    source = _first(parts["source"])
    if source is None:
        raise error_at(builder.name, text, trans_unit.start, "trans-unit without <source>")
    seg_source = _first(parts["seg-source"])
    target = _first(parts["target"])
    notes = tuple(node_text(text, n) for n in parts["note"])
    unit_id = trans_unit.get("id") or str(len(builder.units) + 1)
    after = seg_source or source
    usable = target is not None and not target.self_closing
    owner = builder.owner(
        Owner(
            replace=None if usable else _replaced(target, after),
            before=break_before(text, builder.lines, after) if target is None else "",
            open=_target_open(text, target, after),
            close=f"</{after.prefix}target>",
            state_tag=(target.start, target.tag_end) if usable else None,
            approved_tag=_approved_tag(trans_unit),
        )
    )
    state = _state_1(trans_unit, target)
    context = trans_unit.get("resname")
    source_marks = list(_segments(seg_source)) if seg_source is not None else []
    if not source_marks:
        pieces = (_pieces_1(text, source), _pieces_1(text, target) if usable else [])
        content = (target.tag_end, target.close_start) if usable else _point(target, after)
        builder.add(unit_id, pieces, Slot(owner, content), state, notes, context)
        return
    target_marks = {m.get("mid"): m for m in _segments(target)} if usable else {}
    for mark in source_marks:
        mid = mark.get("mid") or ""
        found = target_marks.get(mid)
        slot = _mark_slot(text, owner, mark, found, target if usable else None, after)
        target_pieces = _pieces_1(text, found) if found is not None else []
        pieces = (_pieces_1(text, mark), target_pieces)
        builder.add(f"{unit_id}/{mid}", pieces, slot, state, notes, context)


def _pieces_1(text: str, element: Element | None) -> list[Piece]:
    return [] if element is None else content_pieces(text, element, ROLES_1, _id_1)


def _replaced(target: Element | None, after: Element) -> tuple[int, int]:
    return (after.end, after.end) if target is None else (target.start, target.end)


def _point(target: Element | None, after: Element) -> tuple[int, int]:
    position = after.end if target is None else target.end
    return position, position


def _target_open(text: str, target: Element | None, after: Element) -> str:
    if target is not None and target.self_closing:
        return opened(text, target)[0]
    return f"<{after.prefix}target>"


def _approved_tag(trans_unit: Element) -> tuple[int, int] | None:
    if "approved" not in trans_unit.attributes:
        return None
    return trans_unit.start, trans_unit.tag_end


def _mark_slot(
    text: str,
    owner: int,
    mark: Element,
    found: Element | None,
    target: Element | None,
    after: Element,
) -> Slot:
    """Where the target of segment `mark` goes: inside its <mrk> in the target; a new <mrk>
    at the end of the target when there is none; inside a new target when there is none."""
    mid = mark.get("mid") or ""
    new_mark = (f'<{mark.prefix}mrk mtype="seg" mid="{mid}">', f"</{mark.prefix}mrk>")
    if found is not None and not found.self_closing:
        return Slot(owner, (found.tag_end, found.close_start))
    if found is not None:
        return Slot(owner, (found.start, found.end), opened(text, found))
    if target is not None:
        return Slot(owner, (target.close_start, target.close_start), new_mark)
    return Slot(owner, _point(None, after), new_mark)


# XLIFF 2.0


def _read_2(builder: _Builder, root: Element) -> None:
    for file in root.elements("file"):
        if not _ours(file, XLIFF_2) or file.get("translate") == "no":
            continue
        for unit in _translatable(file, XLIFF_2, ("group",), "unit"):
            _unit_2(builder, unit)


def _unit_2(builder: _Builder, unit: Element) -> None:
    text = builder.text
    notes_element = unit.first("notes")
    notes = tuple(
        node_text(text, n) for n in (notes_element.elements("note") if notes_element else [])
    )
    segments = [s for s in unit.elements("segment") if _ours(s, XLIFF_2)]
    unit_id = unit.get("id") or str(len(builder.units) + 1)
    for number, segment in enumerate(segments, start=1):
        source = segment.first("source")
        if source is None:
            raise error_at(builder.name, text, segment.start, "segment without <source>")
        target = segment.first("target")
        usable = target is not None and not target.self_closing
        owner = builder.owner(
            Owner(
                replace=None if usable else _replaced(target, source),
                before=break_before(text, builder.lines, source) if target is None else "",
                open=_target_open(text, target, source),
                close=f"</{source.prefix}target>",
                state_tag=(segment.start, segment.tag_end),
            )
        )
        raw_state = segment.get("state")
        state = STATES_2.get(raw_state or "", State.TRANSLATED)
        pieces = (
            content_pieces(text, source, ROLES_2, _id_2),
            content_pieces(text, target, ROLES_2, _id_2) if usable else [],
        )
        content = (target.tag_end, target.close_start) if usable else _point(target, source)
        segment_id = unit_id if len(segments) == 1 else f"{unit_id}/{segment.get('id') or number}"
        slot = Slot(owner, content)
        builder.add(segment_id, pieces, slot, (state, raw_state), notes, unit.get("name"))
