"""Showing text as the file really holds it: control, bidi and invisible characters made visible.

File text is untrusted. Sent raw to a terminal, ESC, OSC, BEL, backspace or a bare CR can clear
the screen, set the title, write the clipboard or hide text; bidi controls and zero-width
characters make a sentence look other than it is. These helpers only change what is shown: the
text itself (its offsets, what is saved) is never altered.

Two forms:
- `one_to_one(text)`: every hidden character becomes exactly one visible character, so character
  offsets (flag spans) stay valid. For the TUI.
- `escaped(text)`: C0 controls as control pictures (␛, ␇, ␍), the other hidden characters as
  `⟨U+202E⟩`. For terminal reports and diffs, where being explicit beats keeping offsets.
"""

from __future__ import annotations

import re
import unicodedata

# Bidi embeddings, overrides, isolates and marks (Trojan-Source characters).
BIDI = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f\u061c")
# Characters that take no room and show nothing: zero-width space/joiners, word joiner,
# invisible operators, BOM/ZWNBSP, soft hyphen, Mongolian vowel separator.
INVISIBLE = frozenset(
    "\u200b\u200c\u200d\u2060\u2061\u2062\u2063\u2064\ufeff\u00ad\u180e"
)
LINE_SEPARATORS = frozenset("\u2028\u2029")

BIDI_SYMBOL = "⇄"
INVISIBLE_SYMBOL = "◇"
C1_SYMBOL = "\ufffd"
LINE_SEPARATOR_SYMBOL = "⏎"
DEL_SYMBOL = "\u2421"  # ␡
TAG_SYMBOL = "◈"  # an inline tag (bilingual files: one private-use character each)
_PRIVATE_USE = re.compile("[\ue000-\uf8ff]")


def is_control(char: str) -> bool:
    """C0 (including tab, LF, CR), DEL and C1 controls."""
    code = ord(char)
    return code < 0x20 or 0x7F <= code <= 0x9F


def is_surrogate(char: str) -> bool:
    """A lone surrogate: an undecodable byte of a file name under "surrogateescape"; it cannot
    be written as UTF-8."""
    return 0xD800 <= ord(char) <= 0xDFFF


def is_hidden(char: str) -> bool:
    """Whether `char` would act on a terminal or not show as itself."""
    return (
        is_control(char)
        or char in BIDI
        or char in INVISIBLE
        or char in LINE_SEPARATORS
        or is_surrogate(char)
    )


# Every hidden character, as one regular expression: a scan in C, not a call per character
# (reports call `escaped` on every string they show).
HIDDEN = re.compile(
    "[\x00-\x1f\x7f-\x9f\ud800-\udfff"
    + "".join(sorted(re.escape(c) for c in BIDI | INVISIBLE | LINE_SEPARATORS))
    + "]"
)


def has_hidden(text: str) -> bool:
    return HIDDEN.search(text) is not None


def visible_char(char: str) -> str:
    """One visible character standing for `char` (itself when it is not hidden)."""
    code = ord(char)
    if code < 0x20:
        return chr(0x2400 + code)  # the Unicode control pictures: ␀ … ␟
    if code == 0x7F:
        return DEL_SYMBOL
    if 0x80 <= code <= 0x9F or 0xD800 <= code <= 0xDFFF:
        return C1_SYMBOL
    if char in BIDI:
        return BIDI_SYMBOL
    if char in INVISIBLE:
        return INVISIBLE_SYMBOL
    if char in LINE_SEPARATORS:
        return LINE_SEPARATOR_SYMBOL
    return char


def one_to_one(text: str) -> str:
    """`text` with every hidden character replaced by one visible character (same length)."""
    if not has_hidden(text):
        return text
    return HIDDEN.sub(lambda match: visible_char(match.group()), text)


def escaped(text: str, keep: str = "") -> str:
    """`text` safe for a terminal: C0 controls and DEL as control pictures, other hidden
    characters as `⟨U+XXXX⟩`; characters in `keep` (e.g. "\\n\\t") stay as they are. An
    inline tag of a bilingual file (a private-use character) shows as ◈, as in the editor."""
    if _PRIVATE_USE.search(text) is not None:
        text = _PRIVATE_USE.sub(TAG_SYMBOL, text)
    if not has_hidden(text):
        return text
    return HIDDEN.sub(lambda match: _escaped_char(match.group(), keep), text)


def _escaped_char(char: str, keep: str) -> str:
    if char in keep:
        return char
    if ord(char) < 0x20 or ord(char) == 0x7F:
        return visible_char(char)
    return f"⟨U+{ord(char):04X}⟩"


def hidden_characters(text: str) -> list[tuple[int, str]]:
    """(offset, description) of each hidden character, e.g. (12, "U+202E RIGHT-TO-LEFT
    OVERRIDE"), for telling a reviewer what a sentence really holds."""
    return [(m.start(), describe(m.group())) for m in HIDDEN.finditer(text)]


def describe(char: str) -> str:
    name = unicodedata.name(char, "") or _CONTROL_NAMES.get(ord(char), "CONTROL")
    return f"U+{ord(char):04X} {name}"


_CONTROL_NAMES = {
    0x00: "NULL",
    0x07: "BELL",
    0x08: "BACKSPACE",
    0x09: "TAB",
    0x0A: "LINE FEED",
    0x0B: "VERTICAL TAB",
    0x0C: "FORM FEED",
    0x0D: "CARRIAGE RETURN",
    0x1B: "ESCAPE",
    0x7F: "DELETE",
    0x85: "NEXT LINE",
    0x9B: "CONTROL SEQUENCE INTRODUCER",
    0x9D: "OPERATING SYSTEM COMMAND",
}
