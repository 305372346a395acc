"""Limits on a parsed Markdown body: nesting, paragraph length, footnotes, link definitions.

Checked on markdown-it's flat token stream, before any tree is built from it: a tree (and
lectern's conversion of it) recurses once per level, so 1 kB of `*` would exhaust the stack.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from markdown_it.token import Token

from .. import limits
from ..diagnostics import Collector
from ..model import SourcePos

CONTAINERS = {"bullet_list_open", "ordered_list_open", "blockquote_open"}
CLOSERS = {"bullet_list_close", "ordered_list_close", "blockquote_close"}


def body_within_limits(tokens: Sequence[Token], env: Mapping[str, Any], file: str,
                       line_offset: int, diag: Collector) -> bool:
    """True when a chapter body keeps every limit; else the first problem is reported."""
    def at(token: Token | None) -> SourcePos:
        line = token.map[0] if token is not None and token.map else 0
        return SourcePos(file, line_offset + line + 1, 1)

    depth, calls = 0, set[int]()
    for token in tokens:
        if token.type in CONTAINERS:
            depth += 1
            if depth > limits.MAX_NESTING:
                diag.error(at(token), f"lists and block quotes are nested more than "
                           f"{limits.MAX_NESTING} deep", "flatten the structure")
                return False
        elif token.type in CLOSERS:
            depth -= 1
        elif token.type == "inline":
            if not inline_within_limits(token, at(token), diag):
                return False
            calls.update(c.meta["id"] for c in token.children or () if c.type == "footnote_ref")
            if len(calls) > limits.MAX_FOOTNOTES:  # reported at the first call too many
                notes = len(env.get("footnotes", {}).get("list", {}))
                diag.error(at(token), f"the chapter has {notes} footnotes; the limit is "
                           f"{limits.MAX_FOOTNOTES}", "move notes into the text, or split the "
                           "chapter")
                return False
    references = len(env.get("references", {}))
    if references > limits.MAX_LINK_DEFINITIONS:
        diag.error(at(tokens[0] if tokens else None), f"the chapter has {references} link "
                   f"definitions; the limit is {limits.MAX_LINK_DEFINITIONS}",
                   "write the links inline, or split the chapter")
        return False
    return True


def inline_within_limits(token: Token, pos: SourcePos, diag: Collector) -> bool:
    """True when one run of inline text (a paragraph, heading, list item, key point) is
    within the length and nesting limits; else it is reported at `pos`."""
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
    deepest = max((child.level for child in token.children or ()), default=0)
    if deepest > limits.MAX_INLINE_NESTING:
        diag.error(pos, f"emphasis, links and spans are nested more than "
                   f"{limits.MAX_INLINE_NESTING} deep", "check the '*' and '_' marks")
        return False
    return True
