"""The slips authors make in YAML, found line by line so that all are reported in one run.

A YAML parser stops at its first error. The slips below are found by reading the lines as an
author wrote them: a ': ' inside an unquoted value (French writes 'Contexte : la suite',
everyone writes 'Note: …'), a ' #' that cuts a value short, a tab at the start of a line, a
quote opened and never closed, a key indented where no mapping is open. Each comes with the
line corrected; the corrections that cannot change what the author meant are `certain`, and
`lectern check --fix` applies those.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .lines import split_lines
from .schema import CHAPTER, LECTURE, Field

INDENT = 2  # spaces a tab at a line's start stands for when the file shows no other unit
# A key as lectern's files name them, at the start of a line (after any list dashes).
_KEY_LINE = re.compile(r"^(?P<lead>(?P<indent> *)(?P<dashes>(?:- +)*))"
                       r"(?P<key>[A-Za-z_][\w-]*):(?P<gap> +|$)(?P<rest>.*)$")
# A list item of plain text: '- words'.
_ITEM = re.compile(r"^(?P<lead> *(?:- +)+)(?P<rest>[^\s\-#].*)$")
# What a value may start with and still be plain text.
_NOT_PLAIN = tuple("\"'[{|>&*!%@`")
_BLOCK = re.compile(r"^[|>][-+0-9]*\s*(?:#.*)?$")


@dataclass(frozen=True)
class Slip:
    """A slip on one line of a YAML text, and the line corrected."""

    line: int  # 1-based, in the text scanned
    col: int  # 1-based, where the slip is
    message: str
    before: str  # the line as written
    after: str  # the line corrected
    certain: bool  # the correction keeps what the author meant: --fix applies it
    syntax: bool = True  # YAML refuses the line (else it reads something the author did not mean)


def _keys(fields: tuple[Field, ...]) -> set[str]:
    names = set()
    for f in fields:
        names.add(f.name)
        names |= _keys(f.fields)
    return names


KEYS = frozenset(_keys(LECTURE) | _keys(CHAPTER))


def scan(text: str) -> list[Slip]:
    """Every slip in a YAML text, in line order."""
    lines = split_lines(text)
    unit = _indent_unit(lines)
    slips: list[Slip] = []
    skip_until = -1
    block_indent = -1  # lines indented more than this belong to a block scalar
    levels: list[int] = [0]  # the columns at which keys of open mappings stand
    opened = False  # the line before opened a nested block (ended with ':')
    key_col = 0  # where the key of the last key line stands
    for index, line in enumerate(lines):
        if index <= skip_until:
            continue
        content = line.strip()
        if block_indent >= 0:
            if not content or _indent(line) > block_indent:
                continue
            block_indent = -1
        if not content or content.startswith("#") or content in ("---", "..."):
            continue
        tabbed = "\t" in line[:len(line) - len(line.lstrip())]
        if tabbed:
            line = _untabbed(line, unit, key_col + unit if opened else key_col)
        match = _KEY_LINE.match(line)
        if match:
            slip, levels = _stray(index, line, match, levels, opened)
            if tabbed:
                # The tab goes, and the key stands where the mapping around it expects.
                slip = _tab(index, lines[index], slip.after if slip else line)
            if slip:
                slips.append(slip)
            if slip and slip.certain:
                line = slip.after
                match = _KEY_LINE.match(line) or match
            value = match.group("rest")
            key_col = match.start("key")
            opened = not value.strip() or value.lstrip().startswith("#")
            if _BLOCK.match(value.strip()):
                block_indent = _indent(line) + len(match.group("dashes"))
                opened = False
                continue
            found, skip_until = _value_slips(index, lines, line, match.start("rest"), value)
            slips += found
            continue
        if tabbed:
            slips.append(_tab(index, lines[index], line))
        opened = False
        item = _ITEM.match(line)
        if item:
            levels = _item_levels(_indent(line), levels)
            found, skip_until = _value_slips(index, lines, line, item.start("rest"),
                                             item.group("rest"), in_list=True)
            slips += found
    return slips


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" "))


def _indent_unit(lines: list[str]) -> int:
    """The smallest indentation the file's space-indented lines show (INDENT if none)."""
    steps = [_indent(ln) for ln in lines if ln.startswith(" ") and ln.strip()]
    return min(steps, default=INDENT) or INDENT


def _untabbed(line: str, unit: int, column: int) -> str:
    """A line indented with tabs, indented with spaces instead: a key to `column` (where
    the key above stands, or deeper if that one opened a mapping), a list item by `unit`
    spaces a tab."""
    stripped = line.lstrip(" \t")
    if stripped.startswith("-"):
        return line[:len(line) - len(stripped)].replace("\t", " " * unit) + stripped
    return " " * column + stripped


def _tab(index: int, line: str, after: str) -> Slip:
    return Slip(index + 1, line.index("\t") + 1, "a tab where YAML expects spaces", line,
                after, certain=True)


def _item_levels(indent: int, levels: list[int]) -> list[int]:
    """The open levels after a list item whose dash stands at `indent`."""
    stack = [lv for lv in levels if lv <= indent] or [0]
    return stack if stack[-1] == indent else [*stack, indent]


def _stray(index: int, line: str, match: re.Match[str], levels: list[int],
           opened: bool) -> tuple[Slip | None, list[int]]:
    """A key at a column where no mapping is open, and the open levels after this line."""
    indent = len(match.group("indent"))
    col = len(match.group("lead"))
    stack = [lv for lv in levels if lv <= indent] or [0]
    slip = None
    if indent > stack[-1] and not opened and not match.group("dashes"):
        # Where the author most likely meant it: the nearest open column, the deeper on a tie.
        meant = min(levels, key=lambda lv: (abs(lv - indent), -lv))
        slip = Slip(index + 1, indent + 1, "a key at a column where no mapping is open (the "
                    "line above holds a value)", line, " " * meant + line.lstrip(" "),
                    certain=False)
        col += meant - indent
        indent = meant
        stack = [lv for lv in levels if lv <= indent] or [0]
    if indent > stack[-1]:
        stack.append(indent)
    if col > indent:
        stack.append(col)  # the keys of a mapping in a list item stand after its dash
    return slip, stack


def _value_slips(index: int, lines: list[str], line: str, start: int, value: str,
                 in_list: bool = False) -> tuple[list[Slip], int]:
    """The slips in the value that starts at `start` on `line`, and the last line the value
    takes (a quoted value may go on over several lines)."""
    stripped = value.strip()
    if not stripped:
        return [], index
    if stripped[0] in "\"'":
        return _quoted(index, lines, line, start, stripped[0])
    if stripped.startswith(_NOT_PLAIN):
        return [], index
    text, comment = _split_comment(value)
    slips = []
    colon = _colon(text)
    if colon >= 0 and not (in_list and _is_key(text[:colon])):
        slips.append(Slip(index + 1, start + colon + 1, "': ' inside an unquoted value ends "
                          "its key in YAML", line, _quoted_line(line, start, text, comment),
                          certain=True, syntax=not in_list))
    elif comment and _cut_value(value, comment):
        slips.append(Slip(index + 1, start + len(text) + 2, "' #' inside an unquoted value "
                          "starts a comment: what follows it is dropped", line,
                          _quoted_line(line, start, value.rstrip(), ""), certain=True,
                          syntax=False))
    return slips, index


def _colon(text: str) -> int:
    """Where a ': ' (or a ':' ending the value) is in a plain value, or -1."""
    found = re.search(r":(?:\s|$)", text)
    return found.start() if found else -1


def _is_key(word: str) -> bool:
    """Whether the words before a ': ' in a list item name one of lectern's keys (the
    item is then a mapping, as in '- date: 1917')."""
    return word.strip() in KEYS


def _split_comment(value: str) -> tuple[str, str]:
    """A plain value and the comment after it (' #' starts one)."""
    found = re.search(r"\s#", value)
    if not found:
        return value.rstrip(), ""
    return value[:found.start()].rstrip(), value[found.start():].strip()


def _cut_value(value: str, comment: str) -> bool:
    """Whether a comment looks like the rest of the value: one space before '#' and a word
    right after it ('Chapter #1'), where comments have a space after '#'."""
    return bool(re.search(r"\S #[^\s#]", value)) and not comment.startswith("# ")


def _quoted_line(line: str, start: int, text: str, comment: str) -> str:
    escaped = text.strip().replace("\\", "\\\\").replace('"', '\\"')
    return f'{line[:start]}"{escaped}"' + (f"  {comment}" if comment else "")


def _quoted(index: int, lines: list[str], line: str, start: int,
            quote: str) -> tuple[list[Slip], int]:
    """A quoted value: where it closes (it may go on over lines), or the slip of a quote
    never closed (the next key comes first)."""
    at = line.index(quote, start)
    if _closes(line, at + 1, quote) >= 0:
        return [], index
    indent = _indent(line)
    for ahead in range(index + 1, len(lines)):
        following = lines[ahead]
        if _closes(following, 0, quote) >= 0:
            return [], ahead
        if following.strip() and _indent(following) <= indent and \
                (_KEY_LINE.match(following) or _ITEM.match(following)):
            break
    return [Slip(index + 1, at + 1, f"the quote {quote} opened here is never closed", line,
                 line.rstrip() + quote, certain=False)], index


def _closes(line: str, start: int, quote: str) -> int:
    """Where `quote` closes on `line` from `start`, or -1 (an escaped or doubled one does
    not)."""
    i = start
    while i < len(line):
        char = line[i]
        if quote == '"' and char == "\\":
            i += 2
            continue
        if char == quote:
            if quote == "'" and line[i + 1:i + 2] == "'":
                i += 2
                continue
            return i
        i += 1
    return -1


def fixed(text: str, slips: list[Slip]) -> str:
    """`text` with every certain slip corrected; every other line as it was, byte for byte."""
    by_line = {s.line: s.after for s in slips if s.certain}
    if not by_line:
        return text
    pieces = re.split(r"(\r\n?|\n)", text)
    for number, after in by_line.items():
        pieces[2 * (number - 1)] = after
    return "".join(pieces)
