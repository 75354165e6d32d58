"""Line and column of character offsets in a file's text (lines end at LF, CRLF or CR)."""

from __future__ import annotations

import bisect
import re
from itertools import accumulate, count
from operator import add

_LINE_END = re.compile(r"\r\n|\n|\r")


class LineIndex:
    """Offsets to 0-based lines and 1-based columns, in O(log lines) per question."""

    def __init__(self, text: str) -> None:
        self._text = text
        if "\r" in text:
            self._starts = [0, *(m.end() for m in _LINE_END.finditer(text))]
        else:  # LF only: the same starts, found by C code (a large file has many lines)
            ends = accumulate(map(len, text.split("\n")[:-1]))
            self._starts = [0, *map(add, ends, count(1))]

    def line(self, offset: int) -> int:
        """0-based line of character `offset`."""
        return bisect.bisect_right(self._starts, offset) - 1

    def where(self, offset: int) -> str:
        """'line:column' (both 1-based) of `offset`, for error messages."""
        line = self.line(offset)
        return f"{line + 1}:{offset - self._starts[line] + 1}"

    def line_start(self, offset: int) -> int:
        """Offset where the line holding `offset` starts."""
        return self._starts[self.line(offset)]

    def newline_before(self, offset: int) -> str:
        """The line ending that ends the line before `offset`'s ("\n" on the first line)."""
        start = self.line_start(offset)
        if start == 0:
            return "\n"
        return "\r\n" if self._text.startswith("\r\n", start - 2) else self._text[start - 1]
