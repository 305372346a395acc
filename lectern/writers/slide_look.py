"""How a slide looks around its planned content, for writers that draw slides themselves:
the layout's background and colours and the slide number's box (from the plan's template),
and the rules lectern's own template draws."""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..box import Box
from ..deck_template import Layout
from .deck_plan import IN, DeckPlan, Slide

# The theme colours of lectern's own template, for names a layout's colours do not give.
OWN_COLOURS = {
    "tx1": "1C1C1C", "bg1": "FBFAF7", "tx2": "1F3A5F", "bg2": "D5DEEA",
    "accent1": "9A2E22", "accent2": "1F3A5F", "accent3": "5B7F3A", "accent4": "6B4E8C",
    "accent5": "2F7F8F", "accent6": "B7651B", "hlink": "1F4E99", "folHlink": "6B4E8C",
}


def _inches(x: float, y: float, w: float, h: float) -> Box:
    return Box(round(x * IN), round(y * IN), round(w * IN), round(h * IN))


# The rules lectern's own layouts draw (layouts/default/deck/make_template.py draws the same).
# A template of yours is drawn with its background colour only: the plan carries where its
# own pictures and shapes are, not what they look like.
OWN_DRAWINGS: dict[str, tuple[tuple[Box, str], ...]] = {
    "lectern Title": ((_inches(0.0, 0.0, 0.28, 7.5), "accent1"),),
    "lectern Section": ((_inches(0.75, 1.2, 0.09, 5.0), "bg2"),),
    "lectern Content": ((_inches(0.8, 2.0, 1.4, 0.06), "accent1"),),
}
NUMBER_SIZE = 14.0  # points, as the deck writes the slide number
NUMBER_INSETS = (7.2, 3.6)  # points: a slide-number placeholder's usual insets


@dataclass(frozen=True)
class SlideLook:
    """What one slide's layout brings: background, drawings, colours, the number's place."""

    background: str  # a CSS colour
    drawings: tuple[tuple[Box, str], ...]  # boxes and CSS colours, drawn under the content
    colours: dict[str, str]  # theme colour name -> RRGGBB on this layout
    number: Box | None
    number_colour: str
    number_font: str  # lectern.fit's family key

    def colour(self, name: str, rgb: str = "") -> str:
        """A CSS colour for a theme colour name or an RRGGBB value (`rgb` when known)."""
        if rgb:
            return f"#{rgb}"
        if re.fullmatch(r"[0-9A-Fa-f]{6}", name):
            return f"#{name}"
        return f"#{self.colours.get(name, self.colours['tx1'])}"


def slide_look(plan: DeckPlan, slide: Slide) -> SlideLook:
    """The look of a slide on the plan's template."""
    layout: Layout = plan.template.layout(slide.kind)
    own = plan.template.own
    colours = dict(OWN_COLOURS) if own else {}
    colours.setdefault("tx1", layout.colours.text.rgb)
    for colour in (layout.colours.text, layout.colours.muted, layout.colours.accent):
        colours[colour.scheme] = colour.rgb
    look = SlideLook(f"#{layout.background}", (), colours, layout.number,
                     f"#{layout.number_colour.rgb}", layout.body_font.measure)
    drawings = OWN_DRAWINGS.get(slide.layout, ()) if own else ()
    return SlideLook(look.background, tuple((box, look.colour(c)) for box, c in drawings),
                     colours, layout.number, look.number_colour, look.number_font)
