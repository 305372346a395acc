"""The frozen description of a deck template that the planner and the deck writer receive:
layouts by role with their boxes, fonts and readable colours."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from ..box import Box
from ..paths import DEFAULT_LAYOUT
from . import colours as c
from .drawing import Art

TEMPLATE = DEFAULT_LAYOUT / "deck" / "template.pptx"
MANIFEST = DEFAULT_LAYOUT / "deck" / "deck.toml"
IN = 914400

# The kinds of slide a template serves, in the order the report lists them.
ROLES = ("title", "section", "content", "quote", "figure", "table", "timeline", "glossary",
         "sources", "closing")
# Slide kinds of the plan served by a role's layout (others use the content layout).
KIND_ROLES = {"title": "title", "section": "section", "agenda": "content",
              "points": "content", "questions": "content", "quote": "quote",
              "figure": "figure", "table": "table", "timeline": "timeline",
              "glossary": "glossary",
              "sources": "sources", "closing": "closing"}
MEASURED_BY = {"carlito": "Carlito", "caladea": "Caladea", "liberation-sans": "Liberation Sans",
               "liberation-serif": "Liberation Serif", "liberation-mono": "Liberation Mono"}
FALLBACK_FONT = ("Calibri", "carlito")
SLIDES = "the template's own slides"


@dataclass(frozen=True)
class Font:
    """A font of the deck: the name written on the runs and the face lectern measures."""

    typeface: str  # as written into the deck ("Calibri Light")
    measure: str  # lectern.fit's family key ("carlito")
    theme: str = ""  # what the theme names, when lectern writes another font

    @property
    def measured_with(self) -> str:
        return MEASURED_BY[self.measure]


@dataclass(frozen=True)
class Colour:
    """A text colour: the theme colour written, its value on the layout, its contrast."""

    scheme: str
    rgb: str
    contrast: float


@dataclass(frozen=True)
class Plate:
    """A filled rectangle lectern draws behind text where no theme colour reads on what the
    template shows there: its colour (a theme colour, or RRGGBB), its value, its opacity."""

    scheme: str
    rgb: str
    opacity: float

    @property
    def tone(self) -> c.Tone:
        """What the plate shows at worst, whatever lies beneath it."""
        return c.plate_tone(self.rgb, self.opacity)


@dataclass(frozen=True)
class Colours:
    text: Colour  # body text and titles
    muted: Colour  # attributions, credits, the chapter number
    accent: Colour  # kickers, dates, bullets, lectern's own drawings


@dataclass(frozen=True)
class Layout:
    """One slide layout as lectern uses it."""

    name: str
    part: str  # its partname in the package
    master: int  # which master (0 = the first)
    title: Box | None  # the title placeholder
    body: Box | None  # the body, object or subtitle placeholder
    subtitle: Box | None
    number: Box | None  # where the slide number goes (see number_from)
    free: Box  # the body placeholder; without one, the largest area below the title clear
    # of the template's own pictures and shapes (for lectern's own drawings)
    stack: Box  # title and subtitle (or body) together: a title or section slide's text
    obstacles: tuple[Box, ...]  # the template's pictures and shapes (not its backdrops)
    heading_font: Font
    body_font: Font
    colours: Colours
    number_colour: Colour  # the slide number's, read against what lies under it
    background: str  # RRGGBB: the background as a flat colour (pictures averaged)
    placeholders: tuple[str, ...]
    found_by: str = ""  # how the layout was chosen: "your mapping", "layout type", ...
    layout_type: str = ""  # its own `type` attribute ("title", "secHead", "obj", ...)
    master_name: str = ""  # its master's name (the master's or its theme's)
    plate: Plate | None = None  # under the text, where nothing of the template's reads
    number_plate: Plate | None = None  # under the slide number, likewise
    # Whose slide-number box `number` is: the "layout"'s placeholder, the "master"'s, or a
    # "corner" of the slide lectern chose where the template has no number placeholder.
    number_from: str = "layout"


@dataclass(frozen=True)
class Master:
    """The master a deck is built on, and why lectern chose it."""

    index: int  # 0 = the first
    name: str
    reason: str
    count: int  # how many masters the template has


@dataclass(frozen=True)
class Ladders:
    """Type sizes in points, largest first, for each kind of text."""

    sizes: Mapping[str, tuple[float, ...]]

    def __getitem__(self, name: str) -> tuple[float, ...]:
        return self.sizes[name]


@dataclass(frozen=True)
class DeckTemplate:
    """What the planner and the deck writer need of a template."""

    path: Path
    package: bytes = field(metadata={"dump": False})  # the clean package: the parts kept
    width: int
    height: int
    roles: tuple[tuple[str, Layout], ...] = field(metadata={"dump": False})
    sizes: Ladders = field(metadata={"dump": False})
    # lectern's own template only: its regions from the manifest
    regions: Mapping[str, Box] = field(default_factory=dict, metadata={"dump": False})
    scale: float = 1.0  # slide size against lectern's own: insets and sizes scale with it
    dropped: tuple[str, ...] = ()
    layout_names: tuple[str, ...] = ()
    # every layout of every master, in order, and the master the roles were found under
    layouts: tuple[Layout, ...] = field(default=(), metadata={"dump": False})
    master: Master | None = field(default=None, metadata={"dump": False})
    # What each used layout shows under the slides (by part name), for writers that draw
    # slides themselves, and the pictures it names.
    art: Mapping[str, Art] = field(default_factory=dict, metadata={"dump": False})
    pictures: Mapping[str, bytes] = field(default_factory=dict, metadata={"dump": False})

    def layout(self, kind: str) -> Layout:
        """The layout serving a kind of slide (a plan's kind or a role)."""
        role = KIND_ROLES.get(kind, kind if kind in ROLES else "content")
        return dict(self.roles)[role]

    @property
    def own(self) -> bool:
        """Whether this is lectern's own template, whose regions come from the manifest."""
        return bool(self.regions)
