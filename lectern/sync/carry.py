"""Carrying one edited text back into its source span, as the author would have typed it."""

from __future__ import annotations

import difflib
import json
import re

import yaml

from ..locale import NARROW_NBSP, Locale
from .sources import CELL

_TOKEN = re.compile(r"\w+|\s+|[^\w\s]")
_DOUBLE = "\"“”„«»‟"
_SINGLE = "'‘’‚‹›‛"


def as_typed(text: str, locale: Locale) -> str:
    """Text with lectern's typography undone: straight quotes, '--' for dashes, '...' for
    an ellipsis, plain spaces for the no-break ones lectern puts in."""
    if locale.dash.strip() and locale.dash in text:
        text = text.replace(locale.dash, " -- ")
    # The space inside guillemets is the marks' own (French sets it): the author types none.
    text = re.sub("([«‹])[ \u00a0\u202f]+", r"\1", text)
    text = re.sub("[ \u00a0\u202f]+([»›])", r"\1", text)
    opening, closing, inner_open, inner_close = (q.strip() for q in locale.quotes)
    for mark in (opening, closing):
        if mark:
            text = text.replace(mark, '"')
    for mark in (inner_open, inner_close):
        if mark:
            text = text.replace(mark, "'")
    text = text.translate({ord(c): '"' for c in _DOUBLE} | {ord(c): "'" for c in _SINGLE})
    text = re.sub(f'"{NARROW_NBSP}|{NARROW_NBSP}"', '"', text)
    text = text.replace("—", "---").replace("–", "--").replace("…", "...")
    return text.replace(NARROW_NBSP, " ").replace("\u00a0", " ")


def _char_map(shown: str, source: str, locale: Locale) -> tuple[list[int | None], list[int | None]]:
    """For each character of the shown text, where it starts and ends in the source (None
    where the two do not line up: text lectern made, or markup it read)."""
    typed: list[str] = [as_typed(c, locale) or c for c in shown]
    flat = "".join(typed)
    owner = [k for k, piece in enumerate(typed) for _ in piece]
    at: dict[int, int] = {}
    matcher = difflib.SequenceMatcher(None, flat, source, autojunk=False)
    for a, b, size in matcher.get_matching_blocks():
        for d in range(size):
            at[a + d] = b + d
    starts: list[int | None] = [None] * len(shown)
    ends: list[int | None] = [None] * len(shown)
    first = 0
    for k, piece in enumerate(typed):
        last = first + len(piece) - 1
        if first in at:
            starts[k] = at[first]
        if last in at and owner[last] == k:
            ends[k] = at[last] + 1
        first += len(piece)
    return starts, ends


def _spans(text: str) -> list[tuple[int, int]]:
    return [(m.start(), m.end()) for m in _TOKEN.finditer(text)]


def carry(shown: str, edited: str, source: str, style: str, locale: Locale) -> str | None:
    """The source span rewritten so that it reads `edited` where it read `shown`; None when
    an edit falls where the source and the shown text do not line up."""
    starts, ends = _char_map(shown, source, locale)
    old, new = _spans(shown), _spans(edited)
    tokens = difflib.SequenceMatcher(None, [shown[a:b] for a, b in old],
                                     [edited[a:b] for a, b in new], autojunk=False)
    result = source
    for tag, i1, i2, j1, j2 in reversed(tokens.get_opcodes()):
        if tag == "equal":
            continue
        c1 = old[i1][0] if i1 < len(old) else len(shown)
        c2 = old[i2 - 1][1] if i2 > i1 else c1
        inserted = edited[new[j1][0]:new[j2 - 1][1]] if j2 > j1 else ""
        where = _source_range(starts, ends, c1, c2, len(source))
        if where is None:
            return None
        s1, s2 = where
        result = result[:s1] + _escaped(as_typed(inserted, locale), style, source) + result[s2:]
    return _requoted(result, style)


def _source_range(starts: list[int | None], ends: list[int | None], c1: int, c2: int,
                  size: int) -> tuple[int, int] | None:
    """The source range of shown characters c1..c2 (an empty range: where to insert)."""
    if c1 == c2:  # an insertion: after the character before, else before the one after
        if c1 > 0 and ends[c1 - 1] is not None:
            return ends[c1 - 1], ends[c1 - 1]  # type: ignore[return-value]
        if c1 < len(starts) and starts[c1] is not None:
            return starts[c1], starts[c1]  # type: ignore[return-value]
        return (size, size) if c1 == len(starts) and not starts else None
    s1 = starts[c1] if starts[c1] is not None else (ends[c1 - 1] if c1 > 0 else None)
    s2 = ends[c2 - 1] if ends[c2 - 1] is not None else (starts[c2] if c2 < len(starts)
                                                          else None)
    if s1 is None or s2 is None or s1 > s2:
        return None
    return s1, s2


def _escaped(text: str, style: str, source: str) -> str:
    """Inserted text written the way its span is written."""
    if style == '"':
        return text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")
    if style == "'":
        return text.replace("'", "''").replace("\n", " ")
    if style in ("|", ">"):
        lines = source.split("\n")
        indent = re.match(r"[ \t]*", lines[1]).group(0) if len(lines) > 1 else "  "  # type: ignore[union-attr]
        return text.replace("\n", "\n" + indent)
    if style == CELL:
        return text.replace("|", "\\|").replace("\n", " ")
    return text.replace("\n", " ")


def _requoted(text: str, style: str) -> str:
    """A plain YAML scalar that would no longer read as itself ('a: b', '#', a number),
    written as a double-quoted one."""
    if style != "" or "\n" in text:
        return text
    try:
        value = yaml.safe_load(f"k: {text}")
    except yaml.YAMLError:
        value = None
    if isinstance(value, dict) and value.get("k") == text:
        return text
    return json.dumps(text, ensure_ascii=False)
