"""Exact places in a chapter: from an offset in a block's inline text to a line and column.

markdown-it maps blocks to lines only. Inline rules are wrapped so that every token they
push records where in the inline text it starts (`meta["offset"]`); a `Where` then finds
that offset's line and column by locating each line of the inline text in the source.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from markdown_it import MarkdownIt
from markdown_it.rules_inline import StateInline

from .. import model as m
from .lines import split_lines


@dataclass(frozen=True)
class Where:
    """The places of one inline text: for each of its lines, (offset, line, column)."""

    file: str
    starts: tuple[tuple[int, int, int], ...]

    @property
    def first(self) -> m.SourcePos:
        return self.at(0)

    def at(self, offset: int) -> m.SourcePos:
        """The place of the character at `offset` in the inline text."""
        start, line, col = self.starts[0]
        for candidate in self.starts:
            if candidate[0] > offset:
                break
            start, line, col = candidate
        return m.SourcePos(self.file, line, col + max(0, offset - start))

    def shifted(self, offset: int) -> Where:
        """The places of the text that starts at `offset` of this one."""
        return Where(self.file, tuple((start - offset, line, col)
                                      for start, line, col in self.starts))


def point(file: str, line: int, col: int) -> Where:
    """A Where for text that starts at one place and stays on its line."""
    return Where(file, ((0, line, max(1, col)),))


def where_in_lines(file: str, lines: Sequence[str], first_line: int, line_offset: int,
                   content: str) -> Where:
    """Locate `content`, the inline text of a block whose first line is `first_line`
    (0-based in `lines`), in the source; `line_offset` turns indexes into file lines."""
    starts: list[tuple[int, int, int]] = []
    offset = 0
    for i, text in enumerate(split_lines(content)):
        index = first_line + i
        source = lines[index] if 0 <= index < len(lines) else ""
        starts.append((offset, line_offset + index + 1, _column(source, text)))
        offset += len(text) + 1
    return Where(file, tuple(starts))


def _column(source: str, text: str) -> int:
    """The 1-based column where `text` (a line of inline content) sits in its source line.

    A line of a block's text is the end of its source line, less indentation and container
    marks ('>', list markers) and sometimes trailing spaces.
    """
    core, src = text.rstrip(), source.rstrip()
    if core and src.endswith(core):
        return len(src) - len(core) + 1
    found = source.find(core) if core else -1
    if found >= 0:
        return found + 1
    return len(source) - len(source.lstrip()) + 1


def split_row(source: str) -> list[tuple[int, str]]:
    """The cells of a table row as markdown-it splits them: (0-based column, raw text).

    A pipe splits unless a backslash comes right before it (so `\\\\|` does not split
    either, as GFM reads it); a leading and a trailing pipe make no cell. A table in a
    block quote keeps its '>' marks out. Every place that counts or splits cells uses this.
    """
    lead = _QUOTE_MARKS.match(source)
    skip = lead.end() if lead else 0
    bounds = [skip - 1]
    for i in range(skip, len(source)):
        if source[i] == "|" and (i == skip or source[i - 1] != "\\"):
            bounds.append(i)
    bounds.append(len(source))
    cells: list[tuple[int, str]] = []
    for left, right in itertools.pairwise(bounds):
        piece = source[left + 1:right]
        if not piece.strip() and (left == skip - 1 or right == len(source)):
            continue  # the space before a leading pipe or after a trailing one
        cells.append((left + 1 + len(piece) - len(piece.lstrip()), piece))
    return cells


def cell_starts(source: str) -> list[int]:
    """The 0-based column where the text of each cell of a table row starts."""
    return [start for start, _ in split_row(source)]


_QUOTE_MARKS = re.compile(r"[ \t]*(?:>[ \t]?)*")


# --- offsets of inline tokens -------------------------------------------------------------

InlineRule = Callable[[StateInline, bool], bool]


def _with_offset(rule: InlineRule) -> InlineRule:
    def recorded(state: StateInline, silent: bool) -> bool:
        start, count = state.pos, len(state.tokens)
        matched = rule(state, silent)
        if matched and not silent:
            for token in state.tokens[count:]:
                # Pending text is pushed by whichever rule comes next: its place is unknown.
                if token.type != "text" and "offset" not in token.meta:
                    token.meta["offset"] = start
        return matched
    return recorded


def record_offsets(md: MarkdownIt) -> None:
    """Make every inline rule of `md` record where its tokens start in the inline text."""
    ruler: Any = md.inline.ruler
    for rule in ruler.__rules__:
        rule.fn = _with_offset(rule.fn)
    ruler.__cache__ = None
