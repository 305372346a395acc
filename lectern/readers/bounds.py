"""Limits on a parsed Markdown body: nesting, lengths, footnotes, links, terms, tables.

Checked on markdown-it's flat token stream, before any tree is built from it: a tree (and
lectern's conversion of it) recurses once per level, so 1 kB of `*` would exhaust the stack.
"""

from __future__ import annotations

import functools
import itertools
import re
from collections.abc import Callable, Mapping, Sequence
from typing import Any

from markdown_it.token import Token

from .. import limits
from ..diagnostics import Collector
from ..model import SourcePos
from .places import cell_starts, where_in_lines

CONTAINERS = {"bullet_list_open", "ordered_list_open", "blockquote_open"}
CLOSERS = {"bullet_list_close", "ordered_list_close", "blockquote_close"}


def body_within_limits(tokens: Sequence[Token], env: Mapping[str, Any], file: str,
                       line_offset: int, diag: Collector, lines: Sequence[str] = (),
                       totals: dict[str, int] | None = None) -> bool:
    """True when a chapter body keeps every limit; else the first problem is reported.

    `lines` are the body's source lines, for the column of a problem inside a line;
    `totals` the counts of the lecture's chapters so far, for the limits of a lecture.
    """
    def at(token: Token | None, col: int = 1) -> SourcePos:
        line = token.map[0] if token is not None and token.map else 0
        return SourcePos(file, line_offset + line + 1, col)

    def inside(token: Token, offset: int) -> SourcePos:
        first = token.map[0] if token.map else 0
        return where_in_lines(file, lines, first, line_offset, token.content).at(offset)

    totals = {} if totals is None else totals
    depth, calls, tables = 0, set[int](), _Tables(totals)
    counts: dict[str, int] = {}
    for token in tokens:
        if token.type in CONTAINERS:
            depth += 1
            if depth > limits.MAX_NESTING:
                diag.error(at(token), f"lists and block quotes are nested more than "
                           f"{limits.MAX_NESTING} deep", "flatten the structure")
                return False
        elif token.type in CLOSERS:
            depth -= 1
        elif token.type in TABLE_TOKENS:
            problem = tables.count(token)
            if problem:  # at the cell (or row) past the limit: its row's token has the line
                row = tables.row or token
                diag.error(at(row, _cell_column(lines, row, problem[1])), problem[0],
                           "split the table, or make it a list")
                return False
        elif token.type == "inline":
            if not inline_within_limits(token, at(token), diag, functools.partial(inside, token)):
                return False
            if not _references_within_limits(token, counts, totals, inside, diag):
                return False
            calls.update(c.meta["id"] for c in token.children or () if c.type == "footnote_ref")
            if len(calls) > limits.MAX_FOOTNOTES:  # reported at the first call too many
                notes = len(env.get("footnotes", {}).get("list", {}))
                diag.error(at(token), f"the chapter has {notes} footnotes; the limit is "
                           f"{limits.MAX_FOOTNOTES}", "move notes into the text, or split the "
                           "chapter")
                return False
            if totals.get("footnotes", 0) + len(calls) > limits.MAX_LECTURE_FOOTNOTES:
                diag.error(at(token), f"the lecture has more than "
                           f"{limits.MAX_LECTURE_FOOTNOTES:,} footnotes up to here, the limit",
                           "move notes into the text")
                return False
    totals["footnotes"] = totals.get("footnotes", 0) + len(calls)
    references = len(env.get("references", {}))
    if references > limits.MAX_LINK_DEFINITIONS:
        diag.error(at(tokens[0] if tokens else None), f"the chapter has {references} link "
                   f"definitions; the limit is {limits.MAX_LINK_DEFINITIONS}",
                   "write the links inline, or split the chapter")
        return False
    return True


TABLE_TOKENS = {"table_open", "tr_open", "th_open", "td_open"}


class _Tables:
    """Counts of the tables of one chapter, token by token, against the table limits."""

    def __init__(self, totals: dict[str, int]) -> None:
        self.rows = self.columns = self.cells = self.in_chapter = self.in_row = 0
        self.totals = totals  # the lecture's, counted on from chapter to chapter
        self.row: Token | None = None  # the row being counted (cells carry no line)

    def count(self, token: Token) -> tuple[str, int] | None:
        """A problem (message, index of the cell in its row to point at) or None."""
        if token.type == "table_open":
            self.rows = self.columns = self.cells = 0
        elif token.type == "tr_open":
            self.rows += 1
            self.in_row = 0
            self.row = token
            if self.rows - 1 > limits.MAX_TABLE_ROWS:
                return (f"this table has more than {limits.MAX_TABLE_ROWS:,} rows, the "
                        "limit", 0)
        else:
            self.in_row += 1
            self.cells += 1
            self.in_chapter += 1
            if token.type == "th_open":
                self.columns += 1
                if self.columns > limits.MAX_TABLE_COLUMNS:
                    return (f"this table has more than {limits.MAX_TABLE_COLUMNS} columns, "
                            "the limit", self.in_row - 1)
            if self.cells > limits.MAX_TABLE_CELLS:
                return (f"this table has more than {limits.MAX_TABLE_CELLS:,} cells, the "
                        "limit", self.in_row - 1)
            if self.in_chapter > limits.MAX_CHAPTER_CELLS:
                return (f"the tables of this chapter have more than "
                        f"{limits.MAX_CHAPTER_CELLS:,} cells, the limit", self.in_row - 1)
            self.totals["cells"] = self.totals.get("cells", 0) + 1
            if self.totals["cells"] > limits.MAX_LECTURE_CELLS:
                return (f"the tables of the lecture have more than "
                        f"{limits.MAX_LECTURE_CELLS:,} cells up to here, the limit",
                        self.in_row - 1)
        return None


def _cell_column(lines: Sequence[str], token: Token, index: int) -> int:
    """The 1-based column of cell `index` of the table row that `token` is in."""
    line = token.map[0] if token.map else 0
    source = lines[line] if line < len(lines) else ""
    starts = cell_starts(source)
    return starts[index] + 1 if index < len(starts) else 1


def _references_within_limits(token: Token, counts: dict[str, int], totals: dict[str, int],
                              inside: Callable[[Token, int], SourcePos],
                              diag: Collector) -> bool:
    """Count the links and term references of one inline run into the chapter's `counts`
    and the lecture's `totals`; report the first past a limit."""
    for child in token.children or ():
        kind = ("link" if child.type == "link_open" else "term"
                if child.type == "span_open" and "term" in str(child.attrs.get("class", ""))
                else "")
        if not kind:
            continue
        counts[kind] = counts.get(kind, 0) + 1
        totals[kind] = totals.get(kind, 0) + 1
        what = "links" if kind == "link" else "glossary-term references"
        chapter, lecture = REFERENCE_LIMITS[kind]
        problem = (f"the chapter has more than {chapter:,} {what}, the limit"
                   if counts[kind] > chapter else
                   f"the lecture has more than {lecture:,} {what} up to here, the limit"
                   if totals[kind] > lecture else "")
        if problem:
            diag.error(inside(token, int(child.meta.get("offset", 0))), problem,
                       "split the chapter" if counts[kind] > chapter else
                       "keep the links and terms that matter most")
            return False
    return True


# Each kind's limits: (in a chapter, in the lecture).
REFERENCE_LIMITS = {"link": (limits.MAX_LINKS, limits.MAX_LECTURE_LINKS),
                    "term": (limits.MAX_TERMS, limits.MAX_LECTURE_TERMS)}


def inline_within_limits(token: Token, pos: SourcePos, diag: Collector,
                         inside: Callable[[int], SourcePos] | None = None) -> bool:
    """True when one run of inline text (a paragraph, heading, list item, key point) is
    within the length, quote-mark and nesting limits; else it is reported at `pos` (or,
    given `inside`, which finds the place of an offset in the text, where it goes wrong)."""
    if len(token.content) > limits.MAX_PARAGRAPH:
        diag.error(pos, f"this paragraph is {len(token.content):,} characters long; the limit "
                   f"is {limits.MAX_PARAGRAPH:,}", "split it into several paragraphs")
        return False
    caption = max((len(c.content) for c in token.children or () if c.type == "image"),
                  default=0)
    if caption > limits.MAX_SHORT_TEXT:
        diag.error(pos, f"this caption is {caption:,} characters long; the limit is "
                   f"{limits.MAX_SHORT_TEXT:,}", "shorten it; the prose can say more")
        return False
    too_many = _quote_mark_over_limit(token.content)
    if too_many >= 0:
        diag.error(inside(too_many) if inside else pos, f"this paragraph has more than "
                   f"{limits.MAX_QUOTE_MARKS:,} quotation marks and apostrophes (' and \"), "
                   "the limit", "split it into several paragraphs")
        return False
    deepest = max((child.level for child in token.children or ()), default=0)
    if deepest > limits.MAX_INLINE_NESTING:
        diag.error(pos, f"emphasis, links and spans are nested more than "
                   f"{limits.MAX_INLINE_NESTING} deep", "check the '*' and '_' marks")
        return False
    return True


def _quote_mark_over_limit(text: str) -> int:
    """The offset of the first straight quote past the limit in `text`, or -1."""
    if text.count('"') + text.count("'") <= limits.MAX_QUOTE_MARKS:
        return -1
    marks = (match.start() for match in re.finditer("['\"]", text))
    return next(itertools.islice(marks, limits.MAX_QUOTE_MARKS, None))
