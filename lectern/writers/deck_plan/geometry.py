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
