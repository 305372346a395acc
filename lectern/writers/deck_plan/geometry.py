"""The deck's fixed measures: EMU per inch, the text inset, lectern's own slide size and font.

Everything else (regions, boxes, type sizes) comes with the template the deck is planned on:
from layouts/default/deck/deck.toml for lectern's own, from the placeholders of yours.
"""

from __future__ import annotations

import math

from ...deck_template import FALLBACK_FONT, TEMPLATE, Font

__all__ = ["DEFAULT_FONT", "IN", "INSET", "LAYOUTS", "MIN_SIZE", "SIZE_FLOOR", "SLIDE_H", "SLIDE_W",
           "TEMPLATE", "TITLE_SHORTEN", "floor", "ladder"]

# The layout names of lectern's own template (a template of yours may use any names).
LAYOUTS = ("lectern Title", "lectern Section", "lectern Content", "lectern Quote",
           "lectern Blank")

IN = 914400
SLIDE_W = 12192000  # lectern's own template: 13.333 in, 16:9
SLIDE_H = 6858000  # 7.5 in
INSET = 3.6  # points: the text frame's inset on every side
DEFAULT_FONT = Font(*FALLBACK_FONT)
TITLE_ROLES = ("cover-title", "section-title")

# Text shrinks before it splits or breaks a word, down to a floor: SIZE_FLOOR of its own
# size (the size the template's placeholder gives it, else the largest of its ladder in
# deck.toml; a body of 32 pt goes down to 19.5 pt), never below MIN_SIZE points on lectern's
# 13.33 in wide slide (scaled with the slide: 9 pt on a 10 in one) unless its own size is
# smaller. Sizes below a ladder's last step go down in steps of STEP points.
SIZE_FLOOR = 0.6
MIN_SIZE = 12.0
STEP = 2.0
# A slide title set below this share of the template's title size draws a warning.
TITLE_SHORTEN = 0.8
# One text (a chapter's key points, a quote, a caption) may continue on at most this many
# slides after its first; more is an error at its line.
MAX_CONTINUATIONS = 3


def floor(top: float, scale: float = 1.0) -> float:
    """The smallest size text whose own size is `top` is set in: SIZE_FLOOR of it, rounded
    up to the half point, not below MIN_SIZE (scaled with the slide)."""
    return min(top, max(MIN_SIZE * scale, math.ceil(top * SIZE_FLOOR * 2) / 2))


def ladder(top: float, bottom: float) -> tuple[float, ...]:
    """Type sizes from `top` down to `bottom`: the even sizes in between, `bottom` last."""
    sizes = [float(top)] + [float(s) for s in range(math.ceil(top) - 1, 0, -1)
                            if s % 2 == 0 and bottom <= s < top]
    if sizes[-1] > bottom:
        sizes.append(float(bottom))
    return tuple(sizes)
