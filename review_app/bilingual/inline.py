"""Inline markup of XML content as placeholders, and back.

A content region (a <source>, <target>, <seg>, or a segment <mrk>) becomes a list of pieces:
decoded text and `RawTag`s. Source and target pieces of one unit are then given placeholder
characters together, so that the same tag on both sides gets the same character.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from typing import NamedTuple

from review_app.bilingual.model import (
    PLACEHOLDER_FIRST,
    PLACEHOLDER_LAST,
    InlineTag,
    TagKind,
)
from review_app.bilingual.xmlscan import Chars, Element, Node, Other, chars_text, unescape
from review_app.errors import InputError

# What each inline element is. "pair": an element whose content is text (<g>, <pc>, <mrk>):
# an OPEN placeholder, its content, a CLOSE placeholder. "open"/"close": empty elements that
# open or close a span (<bx/>, <ex/>, <sc/>, <ec/>). "whole": kept as one STANDALONE
# placeholder, content included (<x/>, <ph>…</ph>, <bpt>…</bpt>). Unknown elements: "whole".
Roles = dict[str, str]


class RawTag(NamedTuple):  # a tuple: many are made, and only while reading
    kind: TagKind
    key: str  # pairs source and target tags: element name, kind, id, occurrence
    id: str
    label: str
    raw: str


Piece = str | RawTag
IdOf = Callable[[Element], str]
Escape = Callable[[str], str]


def content_pieces(text: str, element: Element, roles: Roles, id_of: IdOf) -> list[Piece]:
    """The pieces of the content of `element`."""
    if not element.marked:  # text only, the common case
        start, end = element.tag_end, element.close_start
        return [unescape(text[start:end])] if end > start else []
    collector = _Collector(text, roles, id_of)
    collector.walk(element.children)
    return collector.pieces


class _Collector:
    """Pieces of one content region as they are found (a class, not closures calling each
    other: those would be a reference cycle per region)."""

    __slots__ = ("id_of", "pieces", "roles", "seen", "text")

    def __init__(self, text: str, roles: Roles, id_of: IdOf) -> None:
        self.text = text
        self.roles = roles
        self.id_of = id_of
        self.pieces: list[Piece] = []
        self.seen: dict[tuple[str, str, str], int] = {}

    def tag(self, kind: TagKind, name: str, ident: str, label: str, raw: str) -> None:
        base = (name, kind.value, ident)
        count = self.seen[base] = self.seen.get(base, 0) + 1
        key = f"{name}\x00{kind.value}\x00{ident}\x00{count}"
        self.pieces.append(RawTag(kind, key, ident, label, raw))

    def walk(self, children: Sequence[Node]) -> None:
        text = self.text
        for node in children:
            if isinstance(node, Chars):
                self.pieces.append(chars_text(text, node))
            elif isinstance(node, Other):
                self.tag(TagKind.STANDALONE, "#other", "", "<?>", text[node.start : node.end])
            else:
                self.visit(node)

    def visit(self, node: Element) -> None:
        text, tag = self.text, self.tag
        role = self.roles.get(node.local, "whole")
        ident = self.id_of(node)
        marker = node.local in ("mrk", "hi") and ident.isdigit()
        short = ("m" if marker else "") + (ident or node.local)
        if role == "pair" and not node.self_closing:
            opening = text[node.start : node.tag_end]
            tag(TagKind.OPEN, node.local, ident, f"<{short}>", opening)
            self.walk(node.children)
            closing = text[node.close_start : node.end]
            tag(TagKind.CLOSE, node.local, ident, f"</{short}>", closing)
        elif role == "open":
            tag(TagKind.OPEN, node.local, ident, f"<{short}>", text[node.start : node.end])
        elif role == "close":
            tag(TagKind.CLOSE, node.local, ident, f"</{short}>", text[node.start : node.end])
        else:
            label = f"<{node.local}{ident}/>" if node.local != "cp" else f"<U+{ident}>"
            tag(TagKind.STANDALONE, node.local, ident, label, text[node.start : node.end])


_PRIVATE_USE = re.compile(f"[{chr(PLACEHOLDER_FIRST)}-{chr(PLACEHOLDER_LAST)}]")


def _literal_chars(pieces: Sequence[Piece]) -> set[str]:
    texts = "".join(p for p in pieces if isinstance(p, str))
    return set(_PRIVATE_USE.findall(texts)) if _PRIVATE_USE.search(texts) else set()


def assemble(
    source: Sequence[Piece], target: Sequence[Piece]
) -> tuple[str, str, tuple[InlineTag, ...]]:
    """(source text, target text, tags) of one unit. A private-use character that is really
    in the text becomes a STANDALONE tag of its own (its raw markup is itself), so every
    placeholder in a unit's text is one of its tags."""
    if len(source) <= 1 and len(target) <= 1:  # text only (or nothing), the common case
        source_text = source[0] if source else ""
        target_text = target[0] if target else ""
        if (
            type(source_text) is str
            and type(target_text) is str
            and not _PRIVATE_USE.search(source_text)
            and not _PRIVATE_USE.search(target_text)
        ):
            return source_text, target_text, ()
    literal = _literal_chars(source) | _literal_chars(target)
    chars: dict[str, str] = {}  # tag key -> placeholder
    described: dict[str, RawTag] = {}  # placeholder -> the tag it stands for, in first use order
    codes = range(PLACEHOLDER_FIRST, PLACEHOLDER_LAST + 1)
    free = iter(chr(c) for c in codes if chr(c) not in literal)

    def char_for(piece: RawTag, from_target: bool) -> str:
        char = chars.get(piece.key)
        if char is None:
            char = chars[piece.key] = next(free)
            described[char] = piece
        elif from_target:  # the target's own markup is what is written back
            described[char] = piece
        return char

    def render(pieces: Sequence[Piece], from_target: bool) -> str:
        return "".join(p if isinstance(p, str) else char_for(p, from_target) for p in pieces)

    source_text = render(source, False)
    target_text = render(target, True)
    tags = [InlineTag(c, p.kind, p.id, p.label, p.raw) for c, p in described.items()]
    for char in sorted(literal):
        tags.append(literal_tag(char))
    return source_text, target_text, tuple(tags)


def literal_tag(char: str) -> InlineTag:
    """The tag standing for a private-use character that is part of the text itself."""
    return InlineTag(char, TagKind.STANDALONE, "", f"<U+{ord(char):04X}>", char)


def literal_tags(*texts: str) -> tuple[InlineTag, ...]:
    """Tags for the private-use characters in plain texts (PO, TSV, aligned lines)."""
    return tuple(
        literal_tag(c) for c in sorted({c for t in texts for c in _PRIVATE_USE.findall(t)})
    )


def is_literal(tag: InlineTag) -> bool:
    return tag.raw == tag.char


_NAME = re.compile(r"</?([^\s/>]+)")


def _element_pair(tag: InlineTag) -> str | None:
    """For the start or end tag of an element that has content (<g>…</g>): its name and id,
    the same for both ends. None for tags that XML does not require to nest."""
    if tag.kind is TagKind.STANDALONE or tag.raw.endswith("/>") or not tag.raw.startswith("<"):
        return None
    match = _NAME.match(tag.raw)
    return None if match is None else f"{match.group(1)}\x00{tag.id}"


def shown_id(unit_id: str) -> str:
    """A unit id for a one-line message: line breaks and other controls escaped."""
    return "".join(c if c.isprintable() else repr(c)[1:-1] for c in unit_id)


def markup(unit_id: str, target: str, tags: Sequence[InlineTag], escape: Escape) -> str:
    """The raw form of display text `target`: text escaped, placeholders as their markup.
    InputError (one line naming the unit) when that cannot be written: a placeholder the
    unit does not own, a tag used twice, an element opened and not closed, crossed pairs."""
    unit_id = shown_id(unit_id)
    by_char = {t.char: t for t in tags}
    parts: list[str] = []
    used: set[str] = set()
    open_pairs: list[str] = []
    start = 0
    for match in _PRIVATE_USE.finditer(target):
        i, char = match.start(), match.group()
        tag = by_char.get(char)
        if tag is None:
            raise InputError(f"unit {unit_id}: U+{ord(char):04X} is not one of its tags")
        if char in used and not is_literal(tag):
            raise InputError(f"unit {unit_id}: tag {tag.label} is used twice")
        used.add(char)
        pair = _element_pair(tag)
        if pair is not None and tag.kind is TagKind.OPEN:
            open_pairs.append(pair)
        elif pair is not None:
            if not open_pairs or open_pairs[-1] != pair:
                raise InputError(f"unit {unit_id}: tag {tag.label} closes a tag it does not match")
            open_pairs.pop()
        parts.append(escape(target[start:i]))
        parts.append(tag.raw)
        start = i + 1
    if open_pairs:
        label = next(t.label for t in tags if _element_pair(t) == open_pairs[-1])
        raise InputError(f"unit {unit_id}: tag {label} is opened and never closed")
    parts.append(escape(target[start:]))
    return "".join(parts)


def display(text: str, tags: Sequence[InlineTag]) -> str:
    """`text` for people: every placeholder shown as its tag's label."""
    labels = {t.char: t.label for t in tags}
    return _PRIVATE_USE.sub(lambda m: labels.get(m.group(), m.group()), text)
