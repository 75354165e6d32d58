"""Deciding whether a file is bilingual, and reading it as units."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from review_app.bilingual.formats import aligned_units, detect_format, read_bilingual
from review_app.bilingual.model import BilingualFile
from review_app.document.textio import TextFile, read_text
from review_app.errors import InputError

TEXT = "text"


@dataclass(frozen=True)
class BilingualOptions:
    """How to read input files, from the command line (validated once)."""

    format_in: str | None = None  # None: from the content and the name; "text": plain text
    source: Path | None = None  # a line-aligned source file beside a plain target file
    columns: tuple[str, str] | None = None  # TSV/CSV source and target column names
    target_language: str | None = None  # TMX: which language is the target


@dataclass(frozen=True)
class OpenedBilingual:
    textfile: TextFile  # the file under review, exactly as read (the one saving rewrites)
    file: BilingualFile


def parse_columns(value: str) -> tuple[str, str]:
    """`--columns source,target` → ("source", "target")."""
    parts = [part.strip() for part in value.split(",")]
    if len(parts) != 2 or not all(parts):
        raise ValueError("expected two column names separated by a comma, e.g. source,target")
    return parts[0], parts[1]


def bilingual_from(textfile: TextFile, options: BilingualOptions) -> OpenedBilingual | None:
    """`textfile` read as units, or None when it is plain text (and no source file is given)."""
    name = str(textfile.path)
    if options.source is not None:
        if options.format_in not in (None, TEXT):
            raise InputError(
                "--source pairs a plain target file with a plain source file; "
                f"drop --format-in {options.format_in}"
            )
        source = read_text(options.source, allow_empty=True)
        units = aligned_units(source.text, textfile.text, str(options.source), name)
        return OpenedBilingual(textfile, units)
    fmt = options.format_in or detect_format(name, textfile.text)
    if fmt is None or fmt == TEXT:
        return None
    file = read_bilingual(
        textfile.text,
        name,
        fmt,
        columns=options.columns,
        target_language=options.target_language,
    )
    if not file.units:
        raise InputError(f"{name}: no translation units to review")
    return OpenedBilingual(textfile, file)


def open_bilingual(
    path: Path, options: BilingualOptions
) -> tuple[TextFile, OpenedBilingual | None]:
    """Read `path` once: its text, and its units when it is bilingual."""
    textfile = read_text(path)
    return textfile, bilingual_from(textfile, options)
