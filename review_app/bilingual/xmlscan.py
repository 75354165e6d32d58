"""XML with the position of every tag: the structure bilingual readers walk, and the exact
character spans the writers splice into, so that the XML is never re-serialised.

The text is first checked by expat (well-formedness, with line and column in the error), and
a DOCTYPE is refused outright: entity declarations are how XML bombs work, and no XLIFF or TMX
needs one. After that check, a small scanner over the decoded text finds tags, text, comments,
CDATA and processing instructions with their character offsets.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from xml.parsers import expat

from review_app.bilingual.positions import LineIndex
from review_app.errors import InputError

# Markup only: plain text is what lies between two matches. Possessive repeats, so that a
# start tag is matched without backtracking however many attributes it has.
_TOKEN = re.compile(
    r"<(/?)([^\s/>!?]+)((?:[^>\"'/]++|\"[^\"]*+\"|'[^']*+'|/(?!>))*+)(/?)>"
    r"|<!--.*?-->"
    r"|<!\[CDATA\[.*?\]\]>"
    r"|<\?.*?\?>"
    r"|<!DOCTYPE",
    re.DOTALL,
)
_ATTRIBUTE = re.compile(r"([^\s=]+)\s*=\s*(?:\"([^\"]*)\"|'([^']*)')")
_REFERENCE = re.compile(r"&(#[0-9]+|#x[0-9a-fA-F]+|lt|gt|amp|quot|apos);")
_NAMED = {"lt": "<", "gt": ">", "amp": "&", "quot": '"', "apos": "'"}
_XML_NEWLINE = re.compile(r"\r\n?")
_ATTRIBUTE_SPACE = re.compile(r"[\t\n\r]")


class _Refused(Exception):
    pass


def _refuse_doctype(*_args: object) -> None:
    raise _Refused("DOCTYPE declarations are not accepted (they can hide entity expansions)")


def check_xml(text: str, name: str) -> None:
    """Raise a one-line InputError unless `text` is well-formed XML without a DOCTYPE."""
    parser = expat.ParserCreate()
    parser.StartDoctypeDeclHandler = _refuse_doctype
    parser.EntityDeclHandler = _refuse_doctype
    try:
        parser.Parse(text, True)
    except _Refused as exc:
        where = LineIndex(text).where(max(text.find("<!DOCTYPE"), 0))
        raise InputError(f"{name}:{where}: {exc}") from None
    except expat.ExpatError as exc:
        message = expat.ErrorString(exc.code)
        where = f"{exc.lineno}:{exc.offset + 1}"
        raise InputError(f"{name}:{where}: malformed XML ({message})") from None


def unescape(raw: str) -> str:
    """Character data as the XML means it: references resolved, line ends as LF."""
    if "\r" in raw:  # before references: &#13; stays a CR
        raw = _XML_NEWLINE.sub("\n", raw)
    if "&" in raw:
        raw = _REFERENCE.sub(_resolve, raw)
    return raw


def _resolve(match: re.Match[str]) -> str:
    ref = match.group(1)
    if ref.startswith("#x"):
        return chr(int(ref[2:], 16))
    if ref.startswith("#"):
        return chr(int(ref[1:]))
    return _NAMED[ref]


def escape_text(text: str) -> str:
    """`text` as XML character data: &, <, > escaped; CR kept as a reference (a raw CR
    would be read back as LF)."""
    return (
        text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\r", "&#13;")
    )


@dataclass(frozen=True, slots=True)
class Chars:
    """Character data: plain text (`cdata` False) or a CDATA section; `start:end` is raw."""

    start: int
    end: int
    cdata: bool = False


@dataclass(frozen=True, slots=True)
class Other:
    """A comment or processing instruction: no text, kept whole."""

    start: int
    end: int


class Element:
    """An element and where its parts are: the start tag is text[start:tag_end], its content
    text[tag_end:close_start], its end tag text[close_start:end] (empty when self-closing).

    Plain text between the child nodes is not stored while parsing (most of it is the
    whitespace between structural elements, never read): `children` finds it when asked."""

    __slots__ = (
        "_attributes",
        "close_start",
        "end",
        "local",
        "marked",
        "namespace",
        "qname",
        "raw_attributes",
        "start",
        "tag_end",
    )

    def __init__(
        self, qname: str, namespace: str, local: str, start: int, tag_end: int, raw: str
    ) -> None:
        self.qname = qname
        self.namespace = namespace
        self.local = local
        self.start = start
        self.tag_end = tag_end
        self.raw_attributes = raw  # the start tag's attributes as written, parsed when asked
        self.marked: list[Node] = []  # child elements, comments, PIs, CDATA: all but text
        self.close_start = -1
        self.end = -1
        self._attributes: dict[str, str] | None = None

    @property
    def attributes(self) -> dict[str, str]:
        """Attribute values by qualified name, decoded."""
        if self._attributes is None:
            self._attributes = _attributes(self.raw_attributes)
        return self._attributes

    @property
    def children(self) -> list[Node]:
        """Every child node in order, plain text included."""
        nodes: list[Node] = []
        position = self.tag_end
        for node in self.marked:
            cdata = type(node) is Chars
            start = node.start - 9 if cdata else node.start  # 9: len("<![CDATA[")
            if start > position:
                nodes.append(Chars(position, start))
            nodes.append(node)
            position = node.end + 3 if cdata else node.end  # 3: len("]]>")
        if self.close_start > position:
            nodes.append(Chars(position, self.close_start))
        return nodes

    @property
    def self_closing(self) -> bool:
        return self.close_start == self.end

    @property
    def prefix(self) -> str:
        """'xlf:' for <xlf:target>, '' without a prefix."""
        return self.qname[: len(self.qname) - len(self.local)]

    def get(self, name: str, default: str | None = None) -> str | None:
        attributes = self._attributes
        if attributes is None:
            attributes = self._attributes = _attributes(self.raw_attributes)
        return attributes.get(name, default)

    def elements(self, local: str | None = None) -> list[Element]:
        """Child elements (with that local name)."""
        if local is None:
            return [c for c in self.marked if type(c) is Element]
        return [c for c in self.marked if type(c) is Element and c.local == local]

    def first(self, local: str) -> Element | None:
        for child in self.marked:
            if type(child) is Element and child.local == local:
                return child
        return None


Node = Element | Chars | Other


def _attributes(raw: str) -> dict[str, str]:
    found = {}
    for name, double, single in _ATTRIBUTE.findall(raw):
        value = double or single
        if "&" in value or "\r" in value:
            value = unescape(value)
        if "\n" in value or "\t" in value or "\r" in value:
            value = _ATTRIBUTE_SPACE.sub(" ", value)
        found[name] = value
    return found


def _namespaces(attributes: dict[str, str], inherited: dict[str, str]) -> dict[str, str]:
    declared = {
        name[6:] if name.startswith("xmlns:") else "": value
        for name, value in attributes.items()
        if name == "xmlns" or name.startswith("xmlns:")
    }
    return {**inherited, **declared} if declared else inherited


def parse_xml(text: str, name: str) -> Element:
    """The root element of well-formed `text` (checked here), with every node's offsets."""
    check_xml(text, name)
    root: Element | None = None
    stack: list[tuple[Element, dict[str, str]]] = []
    namespaces: dict[str, str] = {"xml": "http://www.w3.org/XML/1998/namespace"}
    marked: list[Node] | None = None  # the child list of the innermost open element
    for m in _TOKEN.finditer(text):
        close, qname, raw, empty = m.groups()
        if qname is None:  # a comment, CDATA section or processing instruction
            if marked is not None:
                start, end = m.span()
                if text.startswith("<![CDATA[", start):
                    marked.append(Chars(start + 9, end - 3, cdata=True))
                else:
                    marked.append(Other(start, end))
            continue
        if close:  # an end tag: well-formedness says it closes the top element
            element = stack.pop()[0]
            element.close_start, element.end = m.span()
            if stack:
                namespaces = stack[-1][1]
                marked = stack[-1][0].marked
            else:
                marked = None
            continue
        start, end = m.span()
        if "xmlns" in raw:
            namespaces = _namespaces(_attributes(raw), namespaces)
        prefix, _, local = qname.rpartition(":")
        element = Element(qname, namespaces.get(prefix, ""), local, start, end, raw)
        if marked is not None:
            marked.append(element)
        elif root is None:
            root = element
        if empty:
            element.close_start = element.end = end
            if stack:  # a self-closing element's declarations end with it
                namespaces = stack[-1][1]
        else:
            stack.append((element, namespaces))
            marked = element.marked
    if root is None:  # expat accepted it, so this cannot happen; kept as a clear error
        raise InputError(f"{name}: no XML element")
    return root


def node_text(text: str, element: Element) -> str:
    """All character data inside `element`, decoded (for notes and the like)."""
    parts: list[str] = []
    for child in element.children:
        if isinstance(child, Chars):
            raw = text[child.start : child.end]
            parts.append(_XML_NEWLINE.sub("\n", raw) if child.cdata else unescape(raw))
        elif isinstance(child, Element):
            parts.append(node_text(text, child))
    return "".join(parts)


def chars_text(text: str, chars: Chars) -> str:
    raw = text[chars.start : chars.end]
    return _XML_NEWLINE.sub("\n", raw) if chars.cdata else unescape(raw)


def error_at(name: str, text: str, offset: int, what: str) -> InputError:
    """A one-line error naming the file and the line:column of `offset`."""
    return InputError(f"{name}:{LineIndex(text).where(offset)}: {what}")


def set_attribute(tag: str, name: str, value: str) -> str:
    """Start tag `tag` with attribute `name` set to `value` (a value needing no escaping):
    replaced in place when present, else added before the closing '>' or '/>'."""
    for m in _ATTRIBUTE.finditer(tag):
        if m.group(1) == name:
            group = 2 if m.group(2) is not None else 3
            return tag[: m.start(group)] + value + tag[m.end(group) :]
    cut = len(tag) - (2 if tag.endswith("/>") else 1)
    while cut > 0 and tag[cut - 1].isspace():
        cut -= 1
    return f'{tag[:cut]} {name}="{value}"{tag[cut:]}'
