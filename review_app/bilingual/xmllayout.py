"""What an XML reader hands the writer: the units, and where their targets and states go."""

from __future__ import annotations

from dataclasses import dataclass

from review_app.bilingual.model import BilingualFile
from review_app.bilingual.positions import LineIndex
from review_app.bilingual.xmlscan import Element
from review_app.bilingual.xmlwrite import Owner, Slot, Vocabulary


@dataclass(frozen=True)
class XmlLayout:
    file: BilingualFile
    slots: tuple[Slot, ...]
    owners: tuple[Owner, ...]
    vocabulary: Vocabulary


def break_before(text: str, lines: LineIndex, element: Element) -> str:
    """Line break and indentation that put a new sibling of `element` on a line of its own,
    indented like it; "" when `element` does not start its line."""
    line_start = lines.line_start(element.start)
    indent = text[line_start : element.start]
    if line_start == 0 or indent.strip():
        return ""
    return lines.newline_before(element.start) + indent


def opened(text: str, element: Element) -> tuple[str, str]:
    """Start and end tag that replace the empty element `element` (`<target/>`) when content
    is written into it, keeping its attributes."""
    tag = text[element.start : element.end]
    return tag[:-2].rstrip() + ">", f"</{element.qname}>"
