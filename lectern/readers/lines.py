"""Lines as editors number them: a line ends at '\\n', '\\r\\n' or '\\r', and nowhere else.

Every line number in a diagnostic is counted here. `str.splitlines()` also ends lines at
U+0085, U+2028, U+2029, '\\v', '\\f' and '\\x1c'-'\\x1e', and YAML at the first three: a
place counted that way points below the line an editor shows.
"""

from __future__ import annotations

import bisect
import re

BREAK = re.compile(r"\r\n?|\n")


def split_lines(text: str) -> list[str]:
    """The lines of `text`, without their ends (a text ending in a break ends in '')."""
    if "\r" not in text:
        return text.split("\n")  # the common case, several times faster
    return BREAK.split(text)


class Lines:
    """Where each line of a text starts, to turn character offsets into lines and columns."""

    def __init__(self, text: str, first: int = 1) -> None:
        """`first` is the number of the text's first line in its file."""
        self.first = first
        self.starts = [0, *(match.end() for match in BREAK.finditer(text))]

    def place(self, offset: int) -> tuple[int, int]:
        """The line and column (1-based, in characters) of the character at `offset`."""
        index = bisect.bisect_right(self.starts, offset) - 1
        return self.first + index, offset - self.starts[index] + 1


def place(text: str, offset: int) -> tuple[int, int]:
    """The line and column (1-based) of the character at `offset` in `text`."""
    return Lines(text).place(offset)
