"""Outside text (file names, file text, checker messages) as literal Markdown.

Every string that did not come from us goes through `text` or `code`, so it can neither start
markup (emphasis, links, images, raw HTML, entities, table cells) nor act on a terminal when
the Markdown is printed: hidden characters are shown first (`visible.escaped`: ␛, ␍,
⟨U+202E⟩), then Markdown's inline punctuation is backslash-escaped (CommonMark allows a
backslash before any ASCII punctuation). Our renderers never put an outside string at the
start of a line, so block markers (`-`, `1.`, `>`) need no escaping.
"""

from __future__ import annotations

import re

from review_app.document.visible import escaped

# Inline markup: escapes, code, emphasis, strike, links/images, raw HTML and entities, table
# pipes, heading closers, and GitHub's math.
_INLINE = re.compile(r"([\\`*_\[\]<>|~&#!$])")
_BACKTICKS = re.compile(r"`+")
EMPTY = "∅"


def text(value: str) -> str:
    """`value` as literal inline Markdown (also inside a table cell)."""
    return _INLINE.sub(r"\\\1", escaped(value))


def code(value: str, in_table: bool = True) -> str:
    """`value` as a code span whose content reads exactly as `value` (hidden characters shown):
    the fence is longer than any run of backticks inside, and padded where CommonMark would
    strip a space. Inside a table, `|` is written `\\|` (GFM unescapes it)."""
    shown = escaped(value)
    if not shown:
        return EMPTY
    longest = max((len(run) for run in _BACKTICKS.findall(shown)), default=0)
    fence = "`" * (longest + 1)
    pad = (
        shown.startswith("`")
        or shown.endswith("`")
        or (shown.startswith(" ") and shown.endswith(" ") and shown.strip(" ") != "")
    )
    if pad:
        shown = f" {shown} "
    if in_table:
        shown = shown.replace("|", "\\|")
    return f"{fence}{shown}{fence}"
