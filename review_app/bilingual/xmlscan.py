"""XML with the position of every tag: the structure bilingual readers walk, and the exact
character spans the writers splice into, so that the XML is never re-serialised.

The text is first checked by expat (well-formedness, with line and column in the error), and
a DOCTYPE is refused outright: entity declarations are how XML bombs work, and no XLIFF or TMX
needs one. After that check, a small scanner over the decoded text finds tags, text, comments,
CDATA and processing instructions with their character offsets.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from xml.parsers import expat

from review_app.bilingual.positions import LineIndex
from review_app.errors import InputError

_TOKEN = re.compile(
    r"<!--.*?-->"
    r"|<!\[CDATA\[.*?\]\]>"
    r"|<\?.*?\?>"
    r"|<!DOCTYPE"
    r"|<(/?)([^\s/>]+)((?:[^>\"']|\"[^\"]*\"|'[^']*')*?)(/?)>"
    r"|[^<]+",
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


@dataclass(frozen=True)
class Attribute:
    value: str  # decoded
    start: int  # span of the raw value between the quotes
    end: int


@dataclass
class Element:
    """An element and where its parts are: the start tag is text[start:tag_end], its content
    text[tag_end:close_start], its end tag text[close_start:end] (empty when self-closing)."""

    local: str
    namespace: str
    qname: str
    start: int
    tag_end: int
    raw_attributes: str  # the start tag's attributes as written, parsed when first asked for
    attributes_at: int
    children: list[Node] = field(default_factory=list)
    close_start: int = -1
    end: int = -1
    _attributes: dict[str, Attribute] | None = None

    @property
    def attributes(self) -> dict[str, Attribute]:
        if self._attributes is None:
            self._attributes = _attributes(self.attributes_at, self.raw_attributes)
        return self._attributes

    @property
    def self_closing(self) -> bool:
        return self.close_start == self.end

    @property
    def prefix(self) -> str:
        """'xlf:' for <xlf:target>, '' without a prefix."""
        return self.qname[: len(self.qname) - len(self.local)]

    def get(self, name: str, default: str | None = None) -> str | None:
        attribute = self.attributes.get(name)
        return default if attribute is None else attribute.value

    def elements(self, local: str | None = None) -> list[Element]:
        """Child elements (with that local name)."""
        return [c for c in self.children if isinstance(c, Element) and local in (None, c.local)]

    def first(self, local: str) -> Element | None:
        return next(iter(self.elements(local)), None)


@dataclass(frozen=True)
class Chars:
    """Character data: plain text (`cdata` False) or a CDATA section; `start:end` is raw."""

    start: int
    end: int
    cdata: bool = False


@dataclass(frozen=True)
class Other:
    """A comment or processing instruction: no text, kept whole."""

    start: int
    end: int


Node = Element | Chars | Other


def _attributes(base: int, raw: str) -> dict[str, Attribute]:
    found = {}
    for m in _ATTRIBUTE.finditer(raw):
        group = 2 if m.group(2) is not None else 3
        value = _ATTRIBUTE_SPACE.sub(" ", unescape(m.group(group)))
        found[m.group(1)] = Attribute(value, base + m.start(group), base + m.end(group))
    return found


def _namespaces(attributes: dict[str, Attribute], inherited: dict[str, str]) -> dict[str, str]:
    declared = {
        name[6:] if name.startswith("xmlns:") else "": a.value
        for name, a in attributes.items()
        if name == "xmlns" or name.startswith("xmlns:")
    }
    return {**inherited, **declared} if declared else inherited


def parse_xml(text: str, name: str) -> Element:
    """The root element of well-formed `text` (checked here), with every node's offsets."""
    check_xml(text, name)
    root: Element | None = None
    stack: list[tuple[Element, dict[str, str]]] = []
    scopes: dict[str, str] = {"xml": "http://www.w3.org/XML/1998/namespace"}
    for m in _TOKEN.finditer(text):
        start, end = m.span()
        if m.group(2) is None:
            if stack:
                first = text[start]
                if first != "<":
                    stack[-1][0].children.append(Chars(start, end))
                elif text.startswith("<![CDATA[", start):
                    stack[-1][0].children.append(Chars(start + 9, end - 3, cdata=True))
                else:
                    stack[-1][0].children.append(Other(start, end))
            continue
        if m.group(1):  # an end tag: well-formedness says it closes the top element
            element = stack.pop()[0]
            element.close_start, element.end = start, end
            continue
        qname, raw = m.group(2), m.group(3)
        element = Element("", "", qname, start, end, raw, m.start(3))
        inherited = stack[-1][1] if stack else scopes
        namespaces = _namespaces(element.attributes, inherited) if "xmlns" in raw else inherited
        prefix, _, element.local = qname.rpartition(":")
        element.namespace = namespaces.get(prefix, "")
        if stack:
            stack[-1][0].children.append(element)
        else:
            root = element
        if m.group(4):
            element.close_start = element.end = end
        else:
            stack.append((element, namespaces))
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
