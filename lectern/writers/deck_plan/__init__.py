"""The deck planner (pure, no pptx): which slides, what text, at what size, in which box.

`plan_deck` makes a `DeckPlan` from the model; the PowerPoint writer (and any other slide
writer) only consumes it. Modules: `types` (the plan), `geometry` (sizes and boxes),
`paginate` (fitting and splitting), `text` (runs from the model), `planner` (shared parts),
`kinds/` (one module per kind of slide), `plan` (their order), `checks`.
"""

from __future__ import annotations

from .checks import check_glyphs, plan_problems
from .geometry import IN, INSET, LAYOUTS, SLIDE_H, SLIDE_W, TEMPLATE
from .kinds.figure import chapter_figures, fit_picture
from .paginate import Pages, largest_size, needed_height, numbered_title, paginate
from .plan import plan_deck
from .planner import Place, Planner
from .text import plain, runs_of
from .types import (
    Box,
    DeckPlan,
    Paragraph,
    Picture,
    PlateBox,
    Shape,
    Slide,
    TableBox,
    TextBox,
)

__all__ = [
    "IN", "INSET", "LAYOUTS", "SLIDE_H", "SLIDE_W", "TEMPLATE", "Box", "DeckPlan", "Pages",
    "Paragraph", "Picture", "Place", "Planner", "PlateBox", "Shape", "Slide", "TableBox",
    "TextBox",
    "chapter_figures",
    "check_glyphs", "fit_picture", "largest_size",
    "needed_height", "numbered_title", "paginate", "plain", "plan_deck", "plan_problems",
    "runs_of",
]
