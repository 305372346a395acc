"""Column widths set by a table's content: one rule for the booklet and the deck.

Each column has a natural width (its longest line unwrapped) and a least width (its longest
word: a number, whose digit groups are joined by no-break spaces, is one word). A table
whose natural widths fit keeps them; else short columns get their natural width and the
long ones share the rest evenly, never below their least width; only when even the least
widths do not fit are the widest columns cut below their longest word (never below their
numbers), and their words hyphenated.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

# Where a cell's line may break: ordinary spaces only (no-break spaces hold a number's
# digit groups, a date's parts, a name's initials together).
BREAKABLE_SPACE = re.compile(r"[ \t\n]+")
# Digit groups of a number set apart by a space ('160 412', '1 234 567,5').
_DIGIT_GROUPS = re.compile(r"(?<![\d.,])\d{1,3}(?: \d{3})+(?![\d])")
NARROW_NBSP = "\u202f"


def words(text: str) -> list[str]:
    """The pieces of `text` a line may not break inside."""
    return [w for w in BREAKABLE_SPACE.split(text) if w]


def tied_numbers(text: str) -> str:
    """`text` with the spaces between a number's digit groups made narrow no-break spaces,
    so that a number never wraps (in a table cell, '160 412' stays on one line)."""
    return _DIGIT_GROUPS.sub(lambda found: found.group().replace(" ", NARROW_NBSP), text)


def share(natural: Sequence[float], least: Sequence[float], width: float,
          floors: Sequence[float] | None = None) -> tuple[list[float], bool]:
    """Column widths within `width` from the columns' natural and least widths, and whether
    the least widths do not fit (words must then be hyphenated).

    The natural widths when they fit (a narrow table stays narrow). Otherwise the columns
    are filled like water to one level: a column whose natural width is below the level
    gets it whole (a short column never wraps), the others the level or their least width,
    whichever is more. When even the least widths do not fit, the widest columns are cut
    down to one level, never below their `floors` (what cannot be hyphenated: a column's
    numbers), so that as few columns as can be have their words hyphenated.
    """
    if sum(natural) <= width:
        return list(natural), False
    if sum(least) <= width:
        level = _level(natural, least, width)
        widths = [min(n, max(q, level)) for n, q in zip(natural, least, strict=True)]
    else:
        bottom = list(floors) if floors is not None else [0.0] * len(least)
        if sum(bottom) < width:
            level = _level(least, bottom, width)
            widths = [max(f, min(q, level)) for q, f in zip(least, bottom, strict=True)]
        else:  # not even the numbers fit: every column shares by its least width
            widths = [q * width / (sum(least) or 1) for q in least]
    if isinstance(width, int):  # EMU: whole numbers, the rounding given to the widest
        widths = [round(w) for w in widths]
    widths[widths.index(max(widths))] += width - sum(widths)
    return widths, sum(least) > width


def _level(natural: Sequence[float], least: Sequence[float], width: float) -> float:
    """The level at which columns filled to it (each between its `least` and `natural`
    width) take `width` (found by halving: the filled width grows with the level)."""
    low, high = 0.0, float(max(natural))
    for _ in range(60):
        middle = (low + high) / 2
        filled = sum(min(n, max(q, middle)) for n, q in zip(natural, least, strict=True))
        low, high = (middle, high) if filled < width else (low, middle)
    return low
