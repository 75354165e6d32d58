"""Outside text (file text, file names, checker messages) as Rich `Text` that is safe to draw.

Every widget draws outside strings through these helpers, never as markup: `visible` turns
each hidden character (controls, bidi controls, zero-width characters, see
`review_app.document.visible`) into one visible symbol and marks it, so offsets into the real
text are offsets into the shown text (flag spans stay exact) and nothing reaches the terminal
raw. Rich's `Text` would silently drop BEL, BS, VT, FF and CR (shifting every offset after
them) and pass ESC through; after `one_to_one` there are none left.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from itertools import islice

from rich.style import Style
from rich.text import Text

from review_app.bilingual.model import InlineTag
from review_app.document.visible import HIDDEN, describe, has_hidden, one_to_one

HIDDEN_STYLE = Style(color="magenta", reverse=True)
_WORD = re.compile(r"\S+")


def visible(text: str, style: Style | str = "", *, mark: Style | None = HIDDEN_STYLE) -> Text:
    """`text` as a literal `Text` of the same length, hidden characters shown by a symbol and
    styled with `mark`."""
    if not has_hidden(text):
        return Text(text, style)
    out = Text(one_to_one(text), style)
    if mark is not None:
        for match in HIDDEN.finditer(text):
            out.stylize(mark, match.start(), match.end())
    return out


def visible_words(text: str, style: Style | str = "") -> Text:
    """`visible(text)` on one line: white space runs as one space (hidden white space such as
    a tab or a form feed stays visible)."""
    if not has_hidden(text):
        return Text(" ".join(text.split()), style)  # the usual case, at the usual cost
    shown = visible(text, style)
    words = [shown[m.start() : m.end()] for m in _WORD.finditer(shown.plain)]
    return Text(" ", style).join(words) if words else Text("", style)


def hidden_note(text: str, limit: int = 4) -> Text | None:
    """ "hidden characters: U+202E RIGHT-TO-LEFT OVERRIDE at 13, …" (positions count from 1,
    as columns do), or None when `text` has none."""
    found = [(m.start(), describe(m.group())) for m in islice(HIDDEN.finditer(text), limit)]
    if not found:
        return None
    out = Text("hidden characters: ", Style(color="magenta", bold=True))
    out.append(", ".join(f"{name} at {offset + 1}" for offset, name in found))
    more = len(HIDDEN.findall(text, found[-1][0] + 1)) if len(found) == limit else 0
    if more:
        out.append(f" and {more:,} more", Style(dim=True))
    return out


# Inline tags of bilingual files: each is one placeholder character in the text (see
# review_app.bilingual.model), drawn as its label ("<1>", "</1>", "<x2/>") in a chip style.
TAG_STYLE = Style(color="grey93", bgcolor="grey35")
_PLACEHOLDER = re.compile("[\ue000-\uf8ff]")


def tag_labels(tags: Iterable[InlineTag]) -> dict[str, str]:
    """Placeholder character -> its label as shown (hidden characters made visible)."""
    return {tag.char: one_to_one(tag.label) or "<?>" for tag in tags}


def with_tags(text: Text, labels: Mapping[str, str]) -> Text:
    """`text` with each placeholder character of `labels` drawn as its label, styled as a tag
    (and with the styles that covered the placeholder, e.g. a flag's). Offsets change: do it
    last, after styling by character offsets."""
    if not labels:
        return text
    plain = text.plain
    places = [m.start() for m in _PLACEHOLDER.finditer(plain) if m.group() in labels]
    if not places:
        return text
    out = Text(style=text.style, end=text.end, no_wrap=text.no_wrap, overflow=text.overflow)
    previous = 0
    for place in places:
        out.append_text(text[previous:place])
        label = Text(labels[plain[place]], TAG_STYLE)
        for span in text.spans:
            if span.start <= place < span.end:
                label.stylize(span.style)
        out.append_text(label)
        previous = place + 1
    out.append_text(text[previous:])
    return out
