"""Code as lectern sets it: Pygments tokens in lectern's own colours, tabs expanded, long
lines wrapped with a visible mark; shared by the booklet, the deck and the slides PDF."""

from __future__ import annotations

import functools
import unicodedata
from dataclasses import dataclass

from pygments.lexer import Lexer
from pygments.lexers import get_lexer_by_name
from pygments.token import Token, _TokenType
from pygments.util import ClassNotFound

MONO_FACE = "Liberation Mono"  # the shipped face (assets/fonts/liberation, OFL)
MONO_MEASURE = "liberation-mono"  # lectern.fit's key for it
# The deck names Courier New, which Liberation Mono matches glyph for glyph in width (every
# office suite has it; LibreOffice draws it with Liberation Mono).
DECK_TYPEFACE = "Courier New"
FRAME = "F3F3EF"  # the quiet frame behind code: a pale warm grey
RULE = "C9C9C2"  # its hairline edge
TAB_STOP = 4  # columns between tab stops (as CommonMark counts them)
CONTINUATION = "→"  # starts the wrapped part of a long line (Liberation Mono has it)
LANGUAGE_ALIASES = {"rout": "rconsole", "shell": "console", "sh-session": "console"}
PLAIN = frozenset({"", "text", "txt", "plain", "plaintext", "output", "none"})


@dataclass(frozen=True)
class Look:
    """How one kind of token is set: colour (RRGGBB), weight and slant.

    Every colour keeps 4.5:1 contrast on FRAME; the kinds a reader must tell apart in
    greyscale differ in weight or slant as well.
    """

    name: str
    colour: str
    bold: bool = False
    italic: bool = False


TEXT = Look("text", "1C1C1C")
LOOKS = (
    Look("keyword", "1A3D8A", bold=True),
    Look("comment", "585852", italic=True),
    Look("string", "8A3300"),
    Look("number", "6B2D86"),
    Look("name", "0B5E4E"),
    Look("prompt", "1C1C1C", bold=True),
    Look("output", "454540"),
    Look("error", "A3121E", bold=True),
)
BY_NAME = {look.name: look for look in (TEXT, *LOOKS)}
# Pygments token kinds (and their sub-kinds) to lectern's looks, most specific first.
_KINDS: tuple[tuple[_TokenType, str], ...] = (
    (Token.Comment, "comment"),
    (Token.Literal.String, "string"),
    (Token.Literal.Number, "number"),
    (Token.Keyword, "keyword"),
    (Token.Operator.Word, "keyword"),
    (Token.Name.Builtin, "name"),
    (Token.Name.Function, "name"),
    (Token.Name.Class, "name"),
    (Token.Name.Decorator, "name"),
    (Token.Generic.Prompt, "prompt"),
    (Token.Generic.Output, "output"),
    (Token.Generic.Error, "error"),
    (Token.Generic.Traceback, "error"),
    (Token.Error, "text"),
)


@dataclass(frozen=True)
class Piece:
    """A stretch of code in one look."""

    text: str
    look: Look


@dataclass(frozen=True)
class Line:
    """One line as set: its pieces, and whether it continues the line before it."""

    pieces: tuple[Piece, ...]
    continued: bool = False

    @property
    def text(self) -> str:
        return "".join(p.text for p in self.pieces)


@functools.lru_cache(maxsize=64)
def lexer_for(language: str) -> Lexer | None:
    """The Pygments lexer of an info string's first word; None for plain text or unknown."""
    name = language.split()[0].lower() if language.split() else ""
    if name in PLAIN:
        return None
    try:
        return get_lexer_by_name(LANGUAGE_ALIASES.get(name, name), stripnl=False,
                                 tabsize=0)
    except ClassNotFound:
        return None


def known_language(language: str) -> bool:
    """Whether lectern colours code of `language` (plain text counts as known)."""
    name = language.split()[0].lower() if language.split() else ""
    return name in PLAIN or lexer_for(language) is not None


def look_of(kind: _TokenType) -> Look:
    """lectern's look for a Pygments token kind."""
    for parent, name in _KINDS:
        if kind in parent:
            return BY_NAME[name]
    return TEXT


def expand_tabs(line: str) -> str:
    """`line` with each tab replaced by spaces up to the next tab stop (by columns)."""
    if "\t" not in line:
        return line
    out: list[str] = []
    column = 0
    for char in line:
        if char == "\t":
            gap = TAB_STOP - column % TAB_STOP
            out.append(" " * gap)
            column += gap
        else:
            out.append(char)
            column += width(char)
    return "".join(out)


def width(text: str) -> int:
    """Columns `text` takes in a monospaced face (wide East Asian characters take two)."""
    return sum(2 if unicodedata.east_asian_width(c) in ("W", "F") else
               0 if unicodedata.combining(c) else 1 for c in text)


def highlight(text: str, language: str) -> tuple[Line, ...]:
    """The lines of a block of code, tabs expanded, each split into looks."""
    lines = [expand_tabs(line) for line in text.rstrip("\n").split("\n")]
    lexer = lexer_for(language)
    if lexer is None:
        return tuple(Line((Piece(line, TEXT),) if line else ()) for line in lines)
    out: list[list[Piece]] = [[]]
    # Some lexers (R's console) drop a last line that has no newline.
    for kind, value in lexer.get_tokens("\n".join(lines) + "\n"):
        look = look_of(kind)
        for index, part in enumerate(value.split("\n")):
            if index:
                out.append([])
            if part:
                _add(out[-1], Piece(part, look))
    return tuple(Line(tuple(pieces)) for pieces in out[:len(lines)])


def _add(pieces: list[Piece], piece: Piece) -> None:
    if pieces and pieces[-1].look == piece.look:
        pieces[-1] = Piece(pieces[-1].text + piece.text, piece.look)
    else:
        pieces.append(piece)


def wrap(lines: tuple[Line, ...], columns: int) -> tuple[Line, ...]:
    """Lines no wider than `columns`: a longer line goes on in continued lines, each of
    which starts with the continuation mark (set by the writer) two columns wide."""
    out: list[Line] = []
    for line in lines:
        out.extend(_wrapped(line, max(8, columns)))
    return tuple(out)


def _wrapped(line: Line, columns: int) -> list[Line]:
    pieces = list(line.pieces)
    out: list[Line] = []
    room = columns
    while width("".join(p.text for p in pieces)) > room:
        cut = _cut(pieces, room)
        head, pieces = _split_at(pieces, cut)
        out.append(Line(tuple(head), bool(out)))
        room = columns - 2
    out.append(Line(tuple(pieces), bool(out)))
    return out


def _cut(pieces: list[Piece], room: int) -> int:
    """Where to break: after the last space within `room` columns when that keeps at least
    half the line, else at `room` columns (in characters of the joined text)."""
    text = "".join(p.text for p in pieces)
    used, index = 0, 0
    while index < len(text) and used + width(text[index]) <= room:
        used += width(text[index])
        index += 1
    space = text.rfind(" ", 0, index)
    return space + 1 if space >= index // 2 and text[:space].strip() else max(1, index)


def _split_at(pieces: list[Piece], cut: int) -> tuple[list[Piece], list[Piece]]:
    head: list[Piece] = []
    rest: list[Piece] = []
    seen = 0
    for piece in pieces:
        end = seen + len(piece.text)
        if end <= cut:
            head.append(piece)
        elif seen >= cut:
            rest.append(piece)
        else:
            head.append(Piece(piece.text[:cut - seen], piece.look))
            rest.append(Piece(piece.text[cut - seen:], piece.look))
        seen = end
    return head, rest
