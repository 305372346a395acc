"""Column widths set by a table's content: one rule for the booklet and the deck.

Each column has a natural width (its longest line unwrapped) and a least width (its longest
word: a number, whose digit groups are joined by no-break spaces, is one word). A table
whose natural widths fit keeps them; else every column gets its least width and the room
left is shared by how much more each would like; only when even the least widths do not
fit are the columns narrower than their words, which are then hyphenated.
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


def share(natural: Sequence[float], least: Sequence[float],
          width: float) -> tuple[list[float], bool]:
    """Column widths within `width` from the columns' natural and least widths, and whether
    the least widths do not fit (words must then be hyphenated).

    The natural widths when they fit (a narrow table stays narrow); otherwise the least
    widths with the room left shared in proportion to what each column lacks of its
    natural width; when even the least widths do not fit, `width` shared by them.
    """
    count = len(natural)
    if sum(natural) <= width:
        return list(natural), False
    if sum(least) <= width:
        base = list(least)
        wants = [n - q for n, q in zip(natural, least, strict=True)]
    else:
        base, wants = [0] * count, list(least)
    spare = width - sum(base)
    total = sum(wants) or 1
    widths = [b + spare * s // total for b, s in zip(base, wants, strict=True)]
    widths[-1] += width - sum(widths)
    return widths, sum(least) > width
