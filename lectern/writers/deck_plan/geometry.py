"""The deck's fixed measures: EMU per inch, the text inset, lectern's own slide size and font.

Everything else (regions, boxes, type sizes) comes with the template the deck is planned on:
from layouts/default/deck/deck.toml for lectern's own, from the placeholders of yours.
"""

from __future__ import annotations

from ...deck_template import FALLBACK_FONT, TEMPLATE, Font

__all__ = ["DEFAULT_FONT", "IN", "INSET", "LAYOUTS", "SLIDE_H", "SLIDE_W", "TEMPLATE"]

# The layout names of lectern's own template (a template of yours may use any names).
LAYOUTS = ("lectern Title", "lectern Section", "lectern Content", "lectern Quote",
           "lectern Blank")

IN = 914400
SLIDE_W = 12192000  # lectern's own template: 13.333 in, 16:9
SLIDE_H = 6858000  # 7.5 in
INSET = 3.6  # points: the text frame's inset on every side
DEFAULT_FONT = Font(*FALLBACK_FONT)
TITLE_ROLES = ("cover-title", "section-title")

# Text shrinks before it splits or breaks a word, down to a floor: FLOOR times the largest
# size of its kind (the template's own size), and never below MIN_SIZE points on lectern's
# 13.33 in wide slide (scaled with the slide: 9 pt on a 10 in one). Sizes below a ladder's
# last step go down in steps of STEP points (scaled likewise).
FLOOR = 0.6
MIN_SIZE = 12.0
STEP = 2.0
# One text (a chapter's key points, a quote, a caption) may continue on at most this many
# slides after its first; more is an error at its line.
MAX_CONTINUATIONS = 3
