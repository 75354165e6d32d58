"""Units of a bilingual file: source and target text per unit, and where the target lives in
the file, so that a revision can replace exactly the edited targets and nothing else.

Inline markup (XLIFF `<g>`, `<x/>`, `<ph>`, `<pc>`…) is one placeholder character per tag in
`source` and `target`, taken from Unicode's private use area: a placeholder cannot be broken
by an edit, only deleted whole, and no checker reads it as a letter.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum

PLACEHOLDER_FIRST = 0xE000
PLACEHOLDER_LAST = 0xF8FF


def is_placeholder(char: str) -> bool:
    """Whether `char` stands for an inline tag."""
    return PLACEHOLDER_FIRST <= ord(char) <= PLACEHOLDER_LAST


def placeholder(number: int) -> str:
    """The placeholder character for the `number`-th tag (0-based) of a unit."""
    code = PLACEHOLDER_FIRST + number
    if code > PLACEHOLDER_LAST:
        raise ValueError("too many inline tags in one unit")
    return chr(code)


class TagKind(Enum):
    OPEN = "open"  # <g id="1">, <pc>, <bx/>, <sc/>
    CLOSE = "close"  # </g>, </pc>, <ex/>, <ec/>
    STANDALONE = "standalone"  # <x/>, <ph/>, <ph>…</ph>, <bpt>…</bpt> taken whole


@dataclass(frozen=True)
class InlineTag:
    """One inline tag of a unit, and the placeholder character standing for it."""

    char: str
    kind: TagKind
    id: str  # the tag's id (or rid/name), to pair source tags with target tags; "" if none
    label: str  # compact display for people: "<1>", "</1>", "<x2/>"
    raw: str  # the tag's exact markup in the file (for a target tag), or its markup in source


class State(Enum):
    """Where a unit stands in the workflow, as far as review-app reads and writes it."""

    NEW = "new"  # no target, or an empty one
    TRANSLATED = "translated"  # MT or a translator's draft, not yet reviewed
    FUZZY = "fuzzy"  # PO fuzzy, XLIFF needs-review-* states
    REVIEWED = "reviewed"  # XLIFF 1.2 signed-off/final, XLIFF 2.0 reviewed/final, approved="yes"


@dataclass(frozen=True)
class Unit:
    """One translation unit. `target_start:target_end` are character offsets into the file's
    text of the raw target content (escaped, with markup); both equal the insertion point when
    the unit has no target element yet."""

    index: int  # 0-based position among the file's units
    id: str  # the unit's id for people: trans-unit/@id, msgctxt+msgid, TSV row number…
    source: str  # display text: unescaped, inline tags as placeholder characters
    target: str
    target_start: int
    target_end: int
    line: int  # 0-based line of the target (or of the unit) in the file
    tags: tuple[InlineTag, ...] = ()  # every placeholder used in source or target
    state: State = State.TRANSLATED
    raw_state: str | None = None  # the state as the file spells it ("needs-translation", "fuzzy")
    notes: tuple[str, ...] = ()  # XLIFF notes, PO translator/extracted comments
    context: str | None = None  # PO msgctxt, XLIFF resname


@dataclass(frozen=True)
class BilingualFile:
    """What a reader found in a file. The file's text itself stays with the caller."""

    format: str  # "xliff-1.2", "xliff-2.0", "po", "tmx", "tsv", "csv", "aligned"
    source_language: str | None
    target_language: str | None
    units: tuple[Unit, ...]
    # What the reader found out about the text it read, for the format's writer (opaque here):
    # saving that same text then needs no second parse. Not part of the file's value.
    read_from: object | None = field(default=None, compare=False, repr=False)
