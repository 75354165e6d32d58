"""A bilingual file as a review Document (one segment per unit target) and back."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import replace
from typing import TYPE_CHECKING

from review_app.bilingual.formats import display, write_bilingual
from review_app.bilingual.model import BilingualFile, State
from review_app.document.model import Document, Segment
from review_app.document.textio import TextFile

_LINE_BREAK = re.compile(r"\r\n|\r|\n")

if TYPE_CHECKING:
    from review_app.bilingual.opening import OpenedBilingual

# Joins the targets in the Document's text; a target may itself hold line breaks.
SEPARATOR = "\n"


def bilingual_document(file: BilingualFile) -> Document:
    """The units' targets as one Document: segment i is unit i's target (display text)."""
    segments: list[Segment] = []
    parts: list[str] = []
    offset = 0
    for unit in file.units:
        target = unit.target
        end = offset + len(target)
        segments.append(Segment(len(segments), offset, end, target, unit.line, unit))
        parts.append(target)
        offset += len(target) + len(SEPARATOR)
    return Document(SEPARATOR.join(parts), tuple(segments))


def states_to_write(
    file: BilingualFile, edited: frozenset[int], reviewed: frozenset[int]
) -> dict[int, State]:
    """The workflow state each unit gets on saving: reviewed units REVIEWED, edited ones (not
    marked reviewed) TRANSLATED; a unit whose state already says so is left alone."""
    states: dict[int, State] = {}
    for index in sorted(edited | reviewed):
        wanted = State.REVIEWED if index in reviewed else State.TRANSLATED
        if file.units[index].state is not wanted:
            states[index] = wanted
    return states


def revised_bilingual(
    text: str,
    file: BilingualFile,
    replacements: Mapping[int, str],
    reviewed: frozenset[int],
    *,
    set_states: bool = True,
) -> str:
    """The file's text with the edited targets (and, with `set_states`, the states) written
    back by the format's writer; untouched units keep every byte."""
    changed = {i: t for i, t in replacements.items() if t != file.units[i].target}
    states = states_to_write(file, frozenset(changed), reviewed) if set_states else {}
    if not changed and not states:
        return text
    return write_bilingual(text, file, changed, states)


def targets_as_lines(opened: OpenedBilingual) -> TextFile:
    """A bilingual file as a plain text of its targets, one unit a line (a line break inside
    a target becomes U+2028, an inline tag its label), for the line-by-line comparison of
    `diff`."""
    lines = [
        _LINE_BREAK.sub("\u2028", display(unit.target, unit.tags)) for unit in opened.file.units
    ]
    return replace(opened.textfile, text="\n".join(lines) + "\n", newline="\n")
