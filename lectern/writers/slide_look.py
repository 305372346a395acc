"""How a slide looks around its planned content, for writers that draw slides themselves:
the layout's colours and the slide number's box (from the plan's template). The layout's
background, pictures and shapes are the template's art (lectern.writers.slide_art)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..box import Box
from ..deck_template import Layout
from ..deck_template.drawing import Art
from .deck_plan import DeckPlan, Slide

# The theme colours of lectern's own template, for names a layout's colours do not give.
OWN_COLOURS = {
    "tx1": "1C1C1C", "bg1": "FBFAF7", "tx2": "1F3A5F", "bg2": "D5DEEA",
    "accent1": "9A2E22", "accent2": "1F3A5F", "accent3": "5B7F3A", "accent4": "6B4E8C",
    "accent5": "2F7F8F", "accent6": "B7651B", "hlink": "1F4E99", "folHlink": "6B4E8C",
}


NUMBER_SIZE = 14.0  # points, as the deck writes the slide number
NUMBER_INSETS = (7.2, 3.6)  # points: a slide-number placeholder's usual insets


@dataclass(frozen=True)
class SlideLook:
    """What one slide's layout brings: colours, the number's place."""

    colours: dict[str, str]  # theme colour name -> RRGGBB on this layout
    number: Box | None
    number_colour: str  # RRGGBB
    number_font: str  # lectern.fit's family key
    art: Art | None = None  # what the layout and its master show on every slide

    def rgb(self, name: str, rgb: str = "") -> str:
        """The RRGGBB value of a theme colour name or an RRGGBB value (`rgb` when known)."""
        if rgb:
            return rgb
        if re.fullmatch(r"[0-9A-Fa-f]{6}", name):
            return name
        return self.colours.get(name, self.colours["tx1"])


def slide_look(plan: DeckPlan, slide: Slide) -> SlideLook:
    """The look of a slide on the plan's template."""
    layout: Layout = plan.template.layout(slide.kind)
    own = plan.template.own
    colours = dict(OWN_COLOURS) if own else {}
    colours.setdefault("tx1", layout.colours.text.rgb)
    for colour in (layout.colours.text, layout.colours.muted, layout.colours.accent):
        colours[colour.scheme] = colour.rgb
    art = plan.template.art.get(layout.part)
    return SlideLook(colours, layout.number, layout.number_colour.rgb,
                     layout.body_font.measure, art)
