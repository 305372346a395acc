"""Straight quotes to typographic ones in one pass, linear in the text's length.

The rules are CommonMark typographers' (markdown-it's `smartquotes`): a quote opens or
closes by the characters around it, a closing quote pairs with the nearest opening quote
of its kind at its nesting level, and a single quote that pairs with nothing is an
apostrophe. markdown-it's own rule searches its stack of open quotes at every closing one
and rebuilds the text at every mark, so a paragraph of a few thousand quotes took minutes.
Here each open quote is found in constant time from a stack per kind, and every text is
rebuilt once, at the end.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from markdown_it.common.utils import isMdAsciiPunct, isPunctChar, isWhiteSpace
from markdown_it.rules_core.state_core import StateCore
from markdown_it.token import Token

QUOTE = re.compile("['\"]")
APOSTROPHE = "\u2019"
BREAKS = ("softbreak", "hardbreak")


@dataclass
class _Open:
    token: int  # index of the text token
    pos: int  # index of the quote in that token's text
    single: bool
    level: int


@dataclass
class _Pass:
    """The state of one pass over an inline token's children."""

    tokens: Sequence[Token]
    marks: Sequence[str]  # double open, double close, single open, single close
    stack: list[_Open] = field(default_factory=list)
    # For each kind (single or not), the indexes in `stack` of its open quotes.
    kinds: dict[bool, list[int]] = field(default_factory=lambda: {True: [], False: []})
    # The replacements of each token's text: token index -> {position: text}.
    edits: dict[int, dict[int, str]] = field(default_factory=dict)

    def cut(self, length: int) -> None:
        """Drop the open quotes from `length` on."""
        del self.stack[length:]
        for indexes in self.kinds.values():
            while indexes and indexes[-1] >= length:
                indexes.pop()

    def edit(self, token: int, pos: int, text: str) -> None:
        self.edits.setdefault(token, {})[pos] = text


def smart_quotes(state: StateCore) -> None:
    """A markdown-it core rule: typographic quotes in every inline token's text."""
    if not state.md.options.typographer:
        return
    marks = state.md.options.quotes
    for token in state.tokens:
        if token.type == "inline" and token.children and QUOTE.search(token.content):
            quote_children(token.children, marks)


def quote_children(tokens: Sequence[Token], marks: Sequence[str]) -> None:
    """Replace the straight quotes of the `text` tokens in `tokens` (one inline run)."""
    run = _Pass(tokens, marks)
    for index, token in enumerate(tokens):
        while run.stack and run.stack[-1].level > token.level:
            run.cut(len(run.stack) - 1)
        if token.type == "text":
            for match in QUOTE.finditer(token.content):
                _one(run, index, match.start())
    for index, edits in run.edits.items():
        tokens[index].content = _applied(tokens[index].content, edits)


def _one(run: _Pass, index: int, at: int) -> None:
    """Decide what the quote at `at` in token `index` is, and record it."""
    token = run.tokens[index]
    text = token.content
    single = text[at] == "'"
    last, following = _before(run, index, at), _after(run, index, at)
    last_punct, next_punct = _is_punct(last), _is_punct(following)
    last_space, next_space = isWhiteSpace(ord(last)), isWhiteSpace(ord(following))
    can_open = not next_space and not (next_punct and not (last_space or last_punct))
    can_close = not last_space and not (last_punct and not (next_space or next_punct))
    if following == '"' and not single and "0" <= last <= "9":
        can_open = can_close = False  # 1"" : an inch mark
    if can_open and can_close:
        # Between punctuation a quote may do either; inside a word, neither.
        can_open, can_close = last_punct, next_punct
    if not can_open and not can_close:
        if single:
            run.edit(index, at, APOSTROPHE)
        return
    if can_close and _close(run, index, at, single):
        return
    if can_open:
        run.kinds[single].append(len(run.stack))
        run.stack.append(_Open(index, at, single, token.level))
    elif single:
        run.edit(index, at, APOSTROPHE)


def _close(run: _Pass, index: int, at: int, single: bool) -> bool:
    """Pair the closing quote at `at` with the nearest open one of its kind and level."""
    level = run.tokens[index].level
    indexes = run.kinds[single]
    if not indexes or run.stack[indexes[-1]].level != level:
        return False
    where = indexes[-1]
    opened = run.stack[where]
    offset = 2 if single else 0
    run.edit(index, at, run.marks[offset + 1])
    run.edit(opened.token, opened.pos, run.marks[offset])
    run.cut(where)
    return True


def _before(run: _Pass, index: int, at: int) -> str:
    """The character before the quote as the text then reads (a space at a line's start)."""
    if at > 0:
        return _shown(run, index, at - 1)
    for back in range(index - 1, -1, -1):
        token = run.tokens[back]
        if token.type in BREAKS:
            break
        if token.content:
            return _shown(run, back, len(token.content) - 1)
    return " "


def _shown(run: _Pass, index: int, at: int) -> str:
    """The character at `at` of token `index`, or the last of what replaced it."""
    replaced = run.edits.get(index, {}).get(at)
    return replaced[-1] if replaced else run.tokens[index].content[at]


def _after(run: _Pass, index: int, at: int) -> str:
    """The character after the quote (a space at a line's end)."""
    text = run.tokens[index].content
    if at + 1 < len(text):
        return text[at + 1]
    for ahead in range(index + 1, len(run.tokens)):
        token = run.tokens[ahead]
        if token.type in BREAKS:
            break
        if token.content:
            return token.content[0]
    return " "


def _is_punct(char: str) -> bool:
    return isMdAsciiPunct(ord(char)) or isPunctChar(char)


def _applied(text: str, edits: dict[int, str]) -> str:
    """`text` with the character at each edited position replaced."""
    pieces, last = [], 0
    for pos in sorted(edits):
        pieces += [text[last:pos], edits[pos]]
        last = pos + 1
    pieces.append(text[last:])
    return "".join(pieces)
