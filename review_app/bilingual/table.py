"""TSV and CSV with a header row: one unit per row, source and target from named columns.

Fields are read as Python's csv module reads them (quotes only at the start of a field,
"" inside quotes for one "), by our own scanner, which also keeps each field's span. CSV is
strict about quotes; in TSV a field that only starts with a quote is read literally, as many
TSV files are written without any quoting.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass

from review_app.bilingual.inline import literal_tags, markup, shown_id
from review_app.bilingual.model import BilingualFile, State, Unit
from review_app.bilingual.positions import LineIndex
from review_app.bilingual.splice import Edit, apply_edits
from review_app.errors import InputError

SOURCE_NAMES = (
    "source",
    "source text",
    "source_text",
    "src",
    "en",
    "en-us",
    "en-gb",
    "english",
    "original",
)
TARGET_NAMES = (
    "target",
    "target text",
    "target_text",
    "tgt",
    "de",
    "de-de",
    "de-at",
    "de-ch",
    "german",
    "translation",
    "mt",
)
ID_NAMES = ("id", "key", "segment id", "segment_id", "seg_id")
NOTE_NAMES = ("note", "notes", "comment", "comments")
_LANGUAGE_CODE = re.compile(r"[a-z]{2,3}(-[a-z0-9]{2,8})?")


@dataclass(frozen=True)
class Field:
    start: int  # the raw field, quotes included
    end: int
    value: str
    quoted: bool


class _TableError(Exception):
    def __init__(self, offset: int, what: str) -> None:
        super().__init__(what)
        self.offset = offset


def _quoted_field(text: str, i: int, delimiter: str, lenient: bool) -> Field | None:
    """The quoted field starting at text[i] == '"', or None (lenient: read it literally)."""
    j = i + 1
    while True:
        k = text.find('"', j)
        if k < 0:
            if lenient:
                return None
            raise _TableError(i, "a quoted field is never closed")
        if text.startswith('"', k + 1):
            j = k + 2
            continue
        after = k + 1
        if after == len(text) or text[after] in (delimiter, "\r", "\n"):
            return Field(i, after, text[i + 1 : k].replace('""', '"'), True)
        if lenient:
            return None
        raise _TableError(after, "text after the closing quote of a field")


def scan_rows(text: str, delimiter: str, lenient: bool) -> list[list[Field]]:
    """Every record of `text` as its fields (blank lines left out)."""
    field_end = re.compile(f"[{re.escape(delimiter)}\r\n]")
    rows: list[list[Field]] = []
    i, n = 0, len(text)
    while i < n:
        fields: list[Field] = []
        while True:
            found = _quoted_field(text, i, delimiter, lenient) if text.startswith('"', i) else None
            if found is None:
                stop = field_end.search(text, i)
                end = stop.start() if stop else n
                found = Field(i, end, text[i:end], False)
            fields.append(found)
            i = found.end
            if i < n and text[i] == delimiter:
                i += 1
                continue
            break
        i += 2 if text.startswith("\r\n", i) else 1
        if len(fields) > 1 or fields[0].end > fields[0].start:
            rows.append(fields)
    return rows


def _column(header: list[str], wanted: tuple[str, ...]) -> int | None:
    return next((header.index(w) for w in wanted if w in header), None)


def _named(header: list[str], name: str, what: str, file_name: str) -> int:
    key = name.strip().lower()
    if key in header:
        return header.index(key)
    raise InputError(
        f"{file_name}: no {what} column {name!r} in the header (columns: {', '.join(header)})"
    )


def _columns(
    header: list[str], columns: tuple[str, str] | None, target_language: str | None, name: str
) -> tuple[int, int]:
    if columns is not None:
        return _named(header, columns[0], "source", name), _named(
            header, columns[1], "target", name
        )
    source = _column(header, SOURCE_NAMES)
    wanted = ((target_language.lower(),) if target_language else ()) + TARGET_NAMES
    target = _column(header, wanted)
    if source is None or target is None:
        raise InputError(
            f"{name}: no {'source' if source is None else 'target'} column found in the header "
            f"(columns: {', '.join(header)}); name them with --columns SOURCE,TARGET"
        )
    return source, target


def sniff_delimiter(text: str) -> str:
    """',' unless the first line has more ';' (or tabs) than commas."""
    first = text.split("\n", 1)[0]
    counts = {d: first.count(d) for d in (",", ";", "\t")}
    best = max(counts, key=lambda d: (counts[d], d == ","))
    return best if counts[best] else ","


def read_table(
    text: str,
    name: str,
    format: str,
    columns: tuple[str, str] | None,
    target_language: str | None,
) -> BilingualFile:
    delimiter = "\t" if format == "tsv" else sniff_delimiter(text)
    lines = LineIndex(text)
    try:
        rows = scan_rows(text, delimiter, lenient=format == "tsv")
    except _TableError as exc:
        raise InputError(f"{name}:{lines.where(exc.offset)}: {exc}") from None
    if not rows:
        raise InputError(f"{name}: no header row")
    header = [f.value.strip().lower() for f in rows[0]]
    source, target = _columns(header, columns, target_language, name)
    ident, note = _column(header, ID_NAMES), _column(header, NOTE_NAMES)
    units: list[Unit] = []
    for number, row in enumerate(rows[1:], start=1):
        if max(source, target) >= len(row):
            where = lines.where(row[0].start)
            raise InputError(
                f"{name}:{where}: row {number} has {len(row)} fields, not the "
                f"{max(source, target) + 1} the header needs"
            )
        field = row[target]
        start, end = _inner(field)
        units.append(
            Unit(
                index=len(units),
                id=row[ident].value if ident is not None and ident < len(row) else str(number),
                source=row[source].value,
                target=field.value,
                target_start=start,
                target_end=end,
                line=lines.line(field.start),
                tags=literal_tags(row[source].value, field.value),
                state=State.TRANSLATED if field.value else State.NEW,
                notes=(row[note].value,)
                if note is not None and note < len(row) and row[note].value
                else (),
            )
        )
    languages = (_language(header[source]), target_language or _language(header[target]))
    return BilingualFile(format, *languages, tuple(units))


def _language(column: str) -> str | None:
    """The column name when it is a language code ("en", "de-at")."""
    return column if _LANGUAGE_CODE.fullmatch(column) else None


def _needs_quotes(value: str, delimiter: str) -> bool:
    if delimiter == "\t":
        return any(c in value for c in "\t\r\n") or value.startswith('"')
    return any(c in value for c in (delimiter, '"', "\r", "\n"))


def field_text(value: str, delimiter: str, was_quoted: bool) -> str:
    """`value` as a field: quoted when it was, or when it has to be."""
    if was_quoted or _needs_quotes(value, delimiter):
        return '"' + value.replace('"', '""') + '"'
    return value


def _inner(field: Field) -> tuple[int, int]:
    return (field.start + 1, field.end - 1) if field.quoted else (field.start, field.end)


def write_table(text: str, file: BilingualFile, targets: Mapping[int, str]) -> str:
    """`text` with the edited targets of `file` written; the fields are found again by their
    spans, so this works whatever columns the file was read with."""
    delimiter = "\t" if file.format == "tsv" else sniff_delimiter(text)
    fields: dict[tuple[int, int], Field] = {}
    edits = []
    for unit in file.units:
        new = targets.get(unit.index, unit.target)
        if new == unit.target:
            continue
        markup(unit.id, new, unit.tags, lambda s: s)  # only literal placeholders
        if not fields:
            rows = scan_rows(text, delimiter, lenient=file.format == "tsv")
            fields = {_inner(f): f for row in rows for f in row}
        field = fields.get((unit.target_start, unit.target_end))
        if field is None:
            raise InputError(
                f"unit {shown_id(unit.id)}: the file's text is not the one it was read from"
            )
        edits.append(Edit(field.start, field.end, field_text(new, delimiter, field.quoted)))
    return apply_edits(text, edits)
