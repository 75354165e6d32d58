"""A terminology glossary: source terms, their approved target terms and forbidden ones.

Read from TBX (TBX-Basic, TBX 2008 "termEntry/langSet/tig/term", TBX v3 core
"conceptEntry/langSec/termSec/term"; a term whose administrativeStatus or
normativeAuthorization says deprecated or forbidden is forbidden) or from TSV/CSV with a source
and a target column and optionally a status column. Source terms are found in English text
case-insensitively (an acronym or a CamelCase name exactly) with plural endings; target terms
in German text by prefix, so that "Vertrag" is found in "Vertrags" and "Mietvertrag".
"""

from __future__ import annotations

import csv
import io
import os
import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from review_app.document.textio import decode_bytes, read_file_bytes
from review_app.errors import InputError

_XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
_ENTRIES = ("termEntry", "conceptEntry")
_LANGUAGE_SETS = ("langSet", "langSec")
_TERM_GROUPS = ("tig", "ntig", "termSec")
_STATUS_NOTES = ("administrativeStatus", "normativeAuthorization")
FORBIDDEN_STATUSES = frozenset(
    {
        "deprecatedterm-admn-sts",
        "supersededterm-admn-sts",
        "deprecatedterm",
        "deprecated",
        "forbidden",
        "forbiddenterm",
        "verboten",
        "do not use",
        "avoid",
    }
)
_TRUE = frozenset({"yes", "y", "true", "1", "x", "ja"})
_SOURCE_HEADERS = re.compile(r"(source|src|en|english|englisch|quelle)([\s_-].*)?", re.I)
_TARGET_HEADERS = re.compile(r"(target|tgt|trg|de|german|deutsch|ziel)([\s_-].*)?", re.I)
_STATUS_HEADERS = re.compile(r"(status|forbidden|verboten|usage|note)([\s_-].*)?", re.I)
_LETTER = "[^\\W\\d_]"


@dataclass(frozen=True)
class Term:
    """One glossary entry: its source terms, the target terms approved for them, and target
    terms that must not be used."""

    sources: tuple[str, ...]
    targets: tuple[str, ...]
    forbidden: tuple[str, ...] = ()
    id: str = ""


@dataclass(frozen=True)
class Glossary:
    terms: tuple[Term, ...]
    name: str = ""


# --- reading ---------------------------------------------------------------------------------


def read_glossary(
    path: str | os.PathLike[str], source_language: str = "en", target_language: str = "de"
) -> Glossary:
    """The glossary in `path` (TBX, TSV or CSV, told by content and extension); InputError
    with one line when it cannot be read or holds no term."""
    name = str(path)
    data = read_file_bytes(path)
    if data.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"<"):
        terms = _read_tbx(data, name, source_language.lower(), target_language.lower())
    else:
        text, _, _ = decode_bytes(data, name)
        terms = _read_table(text, name, Path(name).suffix.lower())
    if not terms:
        raise InputError(f"{name}: no {source_language}→{target_language} terms in the glossary")
    return Glossary(tuple(terms), name)


def _local(tag: object) -> str:
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""


def _children(element: ET.Element, names: tuple[str, ...]) -> list[ET.Element]:
    return [child for child in element.iter() if _local(child.tag) in names]


def _read_tbx(data: bytes, name: str, source: str, target: str) -> list[Term]:
    try:
        root = ET.fromstring(data)
    except ET.ParseError as exc:
        raise InputError(f"{name}: not well-formed XML ({exc})") from None
    if _local(root.tag).lower() not in ("martif", "tbx"):
        raise InputError(f"{name}: not a TBX file (root element <{_local(root.tag)}>)")
    terms = []
    for entry in _children(root, _ENTRIES):
        found: dict[str, tuple[list[str], list[str]]] = {source: ([], []), target: ([], [])}
        for language_set in _children(entry, _LANGUAGE_SETS):
            language = (language_set.get(_XML_LANG) or language_set.get("lang") or "").lower()
            bucket = found.get(language.split("-")[0].split("_")[0])
            if bucket is None:
                continue
            for text, forbidden in _tbx_terms(language_set):
                bucket[1 if forbidden else 0].append(text)
        (sources, _), (approved, forbidden) = found[source], found[target]
        if (sources and approved) or forbidden:
            entry_id = entry.get("id", "")
            terms.append(Term(tuple(sources), tuple(approved), tuple(forbidden), entry_id))
    return terms


def _tbx_terms(language_set: ET.Element) -> list[tuple[str, bool]]:
    """(term, forbidden) for each term of a language set."""
    groups = _children(language_set, _TERM_GROUPS) or [language_set]
    found = []
    for group in groups:
        for term in (t for t in group.iter() if _local(t.tag) == "term"):
            text = " ".join("".join(term.itertext()).split())
            if text:
                found.append((text, _tbx_forbidden(group)))
    return found


def _tbx_forbidden(group: ET.Element) -> bool:
    return any(
        _local(note.tag) == "termNote"
        and note.get("type") in _STATUS_NOTES
        and "".join(note.itertext()).strip().lower() in FORBIDDEN_STATUSES
        for note in group.iter()
    )


def _rows(text: str, suffix: str) -> list[list[str]]:
    first = text.split("\n", 1)[0]
    if suffix == ".csv" or ("\t" not in first and (";" in first or "," in first)):
        delimiter = ";" if first.count(";") > first.count(",") else ","
        return list(csv.reader(io.StringIO(text), delimiter=delimiter))
    return [line.split("\t") for line in text.splitlines()]


def _columns(header: list[str]) -> tuple[int, int, int | None, bool] | None:
    """(source, target, status column, status column says yes/no) if `header` is a header."""
    cells = [cell.strip() for cell in header]
    source = next((i for i, c in enumerate(cells) if _SOURCE_HEADERS.fullmatch(c)), None)
    target = next((i for i, c in enumerate(cells) if _TARGET_HEADERS.fullmatch(c)), None)
    if source is None or target is None:
        return None
    status = next((i for i, c in enumerate(cells) if _STATUS_HEADERS.fullmatch(c)), None)
    yes_no = status is not None and cells[status].lower().startswith(("forbidden", "verboten"))
    return source, target, status, yes_no


def _read_table(text: str, name: str, suffix: str) -> list[Term]:
    rows = _rows(text.lstrip("\ufeff"), suffix)
    columns = _columns(rows[0]) if rows else None
    start = 1 if columns else 0
    source_col, target_col, status_col, yes_no = columns or (0, 1, 2, False)
    entries: dict[str, tuple[list[str], list[str]]] = {}
    for number, row in enumerate(rows[start:], start=start + 1):
        if not any(cell.strip() for cell in row) or row[0].lstrip().startswith("#"):
            continue
        if len(row) <= max(source_col, target_col):
            raise InputError(f"{name}: line {number}: expected a source and a target column")
        source, target = row[source_col].strip(), row[target_col].strip()
        has_status = status_col is not None and status_col < len(row)
        status = row[status_col].strip().lower() if has_status else ""
        forbidden = status in _TRUE if yes_no else status in FORBIDDEN_STATUSES
        if not target:
            continue
        approved, banned = entries.setdefault(source, ([], []))
        (banned if forbidden else approved).append(target)
    return [
        Term((source,) if source else (), tuple(approved), tuple(banned), source)
        for source, (approved, banned) in entries.items()
        if (source and approved) or banned
    ]


# --- matching --------------------------------------------------------------------------------


def _words_pattern(term: str) -> str:
    return r"[\s\-]+".join(re.escape(word) for word in term.split())


@cache
def source_pattern(term: str) -> re.Pattern[str]:
    """A source term in English text: whole words, plural or possessive endings allowed;
    case-insensitive unless the term has capitals after its first letter (NATO, iPhone)."""
    exact = any(ch.isupper() for ch in term[1:])
    return re.compile(
        rf"(?<!{_LETTER}){_words_pattern(term)}(?:s|es|['’]s)?(?!{_LETTER})",
        0 if exact else re.IGNORECASE,
    )


@cache
def target_pattern(term: str) -> re.Pattern[str]:
    """An approved target term in German text: case-insensitive, inflected or inside a
    compound (Vertrag in Vertrags, Mietvertrag); a term under four letters as a word."""
    if len(term) < 4:
        return re.compile(
            rf"(?<!{_LETTER}){_words_pattern(term)}{_LETTER}{{0,3}}(?!{_LETTER})", re.IGNORECASE
        )
    return re.compile(_words_pattern(term), re.IGNORECASE)


@cache
def forbidden_pattern(term: str) -> re.Pattern[str]:
    """A forbidden target term in German text: from a word start, with an ending of up to
    three letters."""
    return re.compile(
        rf"(?<!{_LETTER}){_words_pattern(term)}{_LETTER}{{0,3}}(?!{_LETTER})", re.IGNORECASE
    )


def glossary_hits(source: str, glossary: Glossary) -> list[tuple[int, int, Term]]:
    """Spans of glossary source terms in `source`, longest first where they overlap, in
    order of position (for the TUI to mark them)."""
    found = [
        (match.start(), match.end(), term)
        for term in glossary.terms
        for text in term.sources
        for match in source_pattern(text).finditer(source)
    ]
    found.sort(key=lambda hit: (hit[0], -(hit[1] - hit[0])))
    kept: list[tuple[int, int, Term]] = []
    for hit in found:
        if not kept or hit[0] >= kept[-1][1]:
            kept.append(hit)
    return kept


def has_target_term(target: str, term: Term) -> bool:
    """Whether one of the term's approved target terms is in `target`."""
    return any(target_pattern(text).search(target) for text in term.targets)


def forbidden_hits(target: str, glossary: Glossary) -> list[tuple[int, int, Term, str]]:
    """(start, end, entry, forbidden term) for each forbidden term used in `target`."""
    found = [
        (match.start(), match.end(), term, text)
        for term in glossary.terms
        for text in term.forbidden
        for match in forbidden_pattern(text).finditer(target)
    ]
    return sorted(found, key=lambda hit: (hit[0], hit[1]))
