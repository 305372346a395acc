"""How a slide looks around its planned content: colours, backgrounds, the layouts' own
drawings and the slide number's box, for writers that draw slides themselves."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .deck_plan import IN, Box, DeckPlan

# The theme's colours by the names the plan uses (its scheme colours).
DEFAULT_COLOURS = {
    "tx1": "1C1C1C", "bg1": "FBFAF7", "tx2": "1F3A5F", "bg2": "D5DEEA",
    "accent1": "9A2E22", "accent2": "1F3A5F", "accent3": "5B7F3A", "accent4": "6B4E8C",
    "accent5": "2F7F8F", "accent6": "B7651B", "hlink": "1F4E99", "folHlink": "6B4E8C",
}


def _inches(x: float, y: float, w: float, h: float) -> Box:
    return Box(round(x * IN), round(y * IN), round(w * IN), round(h * IN))


@dataclass(frozen=True)
class Drawing:
    """A filled rectangle a layout draws under the slide's content."""

    box: Box
    colour: str


@dataclass(frozen=True)
class NumberBox:
    """Where the slide number goes and how it is set (points for insets and size)."""

    box: Box
    size: float = 14.0
    inset_x: float = 7.2
    inset_y: float = 3.6
    colour: str = "tx2"


@dataclass(frozen=True)
class LayoutLook:
    background: str = "bg1"
    drawings: tuple[Drawing, ...] = ()
    number_colour: str = "tx2"


@dataclass(frozen=True)
class Look:
    colours: dict[str, str] = field(default_factory=lambda: dict(DEFAULT_COLOURS))
    layouts: dict[str, LayoutLook] = field(default_factory=dict)
    number: NumberBox = NumberBox(_inches(11.083, 6.9, 1.5, 0.4))

    def layout(self, name: str) -> LayoutLook:
        return self.layouts.get(name, LayoutLook())

    def colour(self, name: str) -> str:
        """A CSS colour for a scheme colour name, or for a colour given as RRGGBB."""
        if re.fullmatch(r"[0-9A-Fa-f]{6}", name):
            return f"#{name}"
        return f"#{self.colours.get(name, self.colours['tx1'])}"


# lectern's default template (layouts/default/deck/make_template.py draws the same).
DEFAULT_LOOK = Look(layouts={
    "lectern Title": LayoutLook(drawings=(Drawing(_inches(0.0, 0.0, 0.28, 7.5), "accent1"),)),
    "lectern Section": LayoutLook("tx2", (Drawing(_inches(0.75, 1.2, 0.09, 5.0), "bg2"),),
                                  "bg1"),
    "lectern Content": LayoutLook(drawings=(Drawing(_inches(0.8, 2.0, 1.4, 0.06), "accent1"),)),
})


def look_of(plan: DeckPlan) -> Look:
    """The look of the plan's template.

    Plans do not carry their template's colours and drawings yet, so every deck is drawn
    in the default template's look; when they do, this is the one place that reads them.
    """
    return DEFAULT_LOOK
