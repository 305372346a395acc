"""The deck's geometry: slide size, boxes, layout names and the size ladders, in EMU and points."""

from __future__ import annotations

from ...paths import DEFAULT_LAYOUT

TEMPLATE = DEFAULT_LAYOUT / "deck" / "template.pptx"

# Layouts the deck asks for by name; a lecture's own template must have all of them.
TITLE_LAYOUT = "lectern Title"
SECTION_LAYOUT = "lectern Section"
CONTENT_LAYOUT = "lectern Content"
QUOTE_LAYOUT = "lectern Quote"
BLANK_LAYOUT = "lectern Blank"
LAYOUTS = (TITLE_LAYOUT, SECTION_LAYOUT, CONTENT_LAYOUT, QUOTE_LAYOUT, BLANK_LAYOUT)

IN = 914400
SLIDE_W = 12192000  # 13.333 in: 16:9
SLIDE_H = 6858000  # 7.5 in
MARGIN_X = round(0.75 * IN)
CONTENT_W = SLIDE_W - 2 * MARGIN_X
TITLE_TOP = round(0.45 * IN)
TITLE_H = round(1.45 * IN)
BODY_TOP = round(2.2 * IN)
BODY_BOTTOM = round(6.75 * IN)
INSET = 3.6  # points: the text frame's inset on every side

# Sizes (points), largest first: the planner takes the first that fits.
TITLE_SIZES = (44.0, 42.0, 40.0, 38.0, 36.0)
LONG_TITLE_SIZES = (34.0, 32.0, 30.0, 28.0)
COVER_SIZES = (54.0, 50.0, 48.0, 44.0, 40.0, 36.0)
BODY_SIZES = (32.0, 30.0, 28.0, 26.0, 24.0, 22.0, 20.0)
QUOTE_SIZES = (40.0, 38.0, 36.0, 34.0, 32.0, 30.0, 28.0)
SUB_SIZES = (28.0, 26.0, 24.0, 22.0, 20.0)
SMALL_SIZES = (24.0, 22.0, 20.0, 18.0)
CAPTION_SIZES = (24.0, 22.0, 20.0, 18.0)
CREDIT_SIZES = (16.0, 14.0)
SOURCE_SIZES = (24.0, 22.0, 20.0, 18.0, 16.0, 14.0)
EVENT_SIZES = (24.0, 22.0, 20.0, 18.0)
KICKER_SIZE = 20.0
TITLE_ROLES = ("cover-title", "section-title")
TIMELINE_Y = round(3.75 * IN)
