"""Bilingual formats by name: recognise, read, write back.

Every reader keeps the file's text untouched and records where each target lives; every
writer replaces only the spans of edited targets (and changed states), so an untouched file
is written back byte for byte.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from pathlib import PurePath

from review_app.bilingual import inline
from review_app.bilingual.aligned import aligned_units, write_aligned
from review_app.bilingual.model import BilingualFile, InlineTag, State
from review_app.bilingual.po import PoLayout, read_po, write_po
from review_app.bilingual.table import read_table, write_table
from review_app.bilingual.tmx import read_tmx
from review_app.bilingual.xliff import read_xliff
from review_app.bilingual.xmllayout import XmlLayout
from review_app.bilingual.xmlwrite import write_xml
from review_app.collector import collector_paused
from review_app.errors import InputError

__all__ = [
    "FORMATS",
    "aligned_units",
    "detect_format",
    "display",
    "read_bilingual",
    "write_bilingual",
]

FORMATS = ("xliff", "po", "tmx", "tsv", "csv")  # what --format-in accepts (+ "text")

_EXTENSIONS = {
    ".xlf": "xliff",
    ".xliff": "xliff",
    ".sdlxliff": "xliff",
    ".mqxliff": "xliff",
    ".po": "po",
    ".pot": "po",
    ".tmx": "tmx",
    ".tsv": "tsv",
    ".tab": "tsv",
    ".csv": "csv",
}
_PROLOG = re.compile(
    r"\ufeff?\s*(?:(?:<\?.*?\?>|<!--.*?-->|<!DOCTYPE[^>]*>)\s*)*<([^\s/>!?]+)", re.S
)
_PO_MSGID = re.compile(r'^[ \t]*msgid[ \t]+"', re.M)
_PO_MSGSTR = re.compile(r'^[ \t]*msgstr(?:\[\d+\])?[ \t]+"', re.M)
_SNIFF = 65536


def detect_format(name: str, text: str) -> str | None:
    """'xliff' | 'po' | 'tmx' | 'tsv' | 'csv', or None for plain text: from the content
    first (the XML root element, PO msgid/msgstr lines), then from the extension."""
    head = text[:_SNIFF]
    root = _PROLOG.match(head)
    if root is not None:
        local = root.group(1).rpartition(":")[2].lower()
        if local in ("xliff", "tmx"):
            return local
    if _PO_MSGID.search(head) and _PO_MSGSTR.search(head):
        return "po"
    return _EXTENSIONS.get(PurePath(name).suffix.lower())


def _xml_layout(text: str, name: str, format: str, target_language: str | None) -> XmlLayout:
    if format == "tmx":
        return read_tmx(text, name, target_language)
    return read_xliff(text, name)


@dataclass(frozen=True)
class _ReadFrom:
    """A reader's layout and the text it was read from (kept by reference, not copied)."""

    text: str
    layout: XmlLayout | PoLayout


def _kept(file: BilingualFile, layout: XmlLayout | PoLayout, text: str) -> BilingualFile:
    return replace(file, read_from=_ReadFrom(text, layout))


def read_bilingual(
    text: str,
    name: str,
    format: str,
    *,
    columns: tuple[str, str] | None = None,
    target_language: str | None = None,
) -> BilingualFile:
    """Parse `text` (already decoded) as `format`. Every problem is a one-line InputError
    naming the file (and line:column where there is one)."""
    with collector_paused():
        return _read(text, name, format, columns, target_language)


def _read(
    text: str,
    name: str,
    format: str,
    columns: tuple[str, str] | None,
    target_language: str | None,
) -> BilingualFile:
    if format in ("xliff", "tmx"):
        layout = _xml_layout(text, name, format, target_language)
        file = _kept(layout.file, layout, text)
        if format == "xliff" and target_language and layout.file.target_language is None:
            return _with_target_language(file, target_language)
        return file
    if format == "po":
        po = read_po(text, name)
        return _with_target_language(_kept(po.file, po, text), target_language)
    if format in ("tsv", "csv"):
        return read_table(text, name, format, columns, target_language)
    raise InputError(f"{name}: unknown bilingual format {format!r} (one of {', '.join(FORMATS)})")


def _with_target_language(file: BilingualFile, language: str | None) -> BilingualFile:
    if language is None:
        return file
    return replace(file, target_language=language)


def _same_units(file: BilingualFile, again: BilingualFile) -> None:
    """The text given to the writer must be the one the units were read from."""
    if file.units is again.units:
        return
    if len(file.units) != len(again.units) or any(
        (a.id, a.target_start, a.target_end) != (b.id, b.target_start, b.target_end)
        for a, b in zip(file.units, again.units, strict=True)
    ):
        raise InputError("the file's text is not the one its units were read from")


def _layout_read(file: BilingualFile, text: str) -> XmlLayout | PoLayout | None:
    """The layout the reader kept, if `text` is the text it read (the same object, or equal)."""
    kept = file.read_from
    if isinstance(kept, _ReadFrom) and (kept.text is text or kept.text == text):
        return kept.layout
    return None


def write_bilingual(
    text: str,
    file: BilingualFile,
    targets: Mapping[int, str],
    states: Mapping[int, State],
) -> str:
    """`text` with unit i's target replaced by targets[i] and its state set to states[i];
    every other character unchanged. InputError (one line, naming the unit) when a target
    cannot be written; nothing is written then."""
    name = f"{file.format} file"
    if all(
        targets.get(u.index, u.target) == u.target and states.get(u.index, u.state) == u.state
        for u in file.units
    ):
        return text
    if file.format == "aligned":
        return write_aligned(text, file, targets)
    if file.format in ("xliff-1.2", "xliff-2.0", "tmx"):
        layout = _layout_read(file, text)
        if not isinstance(layout, XmlLayout):
            fmt = "tmx" if file.format == "tmx" else "xliff"
            layout = _xml_layout(text, name, fmt, file.target_language)
        _same_units(file, layout.file)
        return write_xml(
            text, file.units, layout.slots, layout.owners, layout.vocabulary, targets, states
        )
    if file.format == "po":
        po = _layout_read(file, text)
        if not isinstance(po, PoLayout):
            po = read_po(text, name)
        _same_units(file, po.file)
        return write_po(text, po, targets, states)
    if file.format in ("tsv", "csv"):
        return write_table(text, file, targets)
    raise InputError(f"cannot write format {file.format!r}")


def display(text: str, tags: Sequence[InlineTag]) -> str:
    """`text` for people: every placeholder shown as its tag's label."""
    return inline.display(text, tags)
