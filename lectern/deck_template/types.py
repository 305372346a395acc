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
              "sources": "sources", "closing": "closing", "code": "table"}
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
    """The colours lectern draws with on one layout."""

    text: Colour  # body text and titles
    muted: Colour  # attributions, credits, the chapter number
    accent: Colour  # kickers, dates, bullets, lectern's own drawings


@dataclass(frozen=True)
class Spacing:
    """A DrawingML spacing (line spacing, space before or after): a share of the font's
    size (`pct`, 1.0 = single) or exact points (`points`); exactly one is set."""

    pct: float | None = None
    points: float | None = None

    def of(self, size: float, line: float = 1.0) -> float:
        """Points at `size` points; a share counts `line` times the size (a slide program's
        single line is 1.2 times the size for line spacing, the size itself for space)."""
        if self.points is not None:
            return self.points
        return (self.pct or 0.0) * size * line


SINGLE = Spacing(pct=1.0)
NO_SPACE = Spacing(points=0.0)


@dataclass(frozen=True)
class BulletStyle:
    """A level's bullet: none, a character in a face, or automatic numbering."""

    kind: str = "none"  # "none", "char" or "autonum"
    char: str = ""  # the character of a "char" bullet
    typeface: str = ""  # its face ("" = the text's own)
    autonum: str = ""  # the numbering scheme of an "autonum" bullet ("arabicPeriod", ...)
    colour: str = ""  # a theme colour name or RRGGBB; "" = the text's colour
    size_pct: float = 1.0  # the bullet's size as a share of the text's


@dataclass(frozen=True)
class LevelStyle:
    """The effective paragraph and character properties of one outline level of a
    placeholder, resolved along PowerPoint's inheritance chain (see TextStyle)."""

    size: float  # points
    font: Font  # the face PowerPoint shows (typeface) and the one lectern measures it with
    ea: str  # East Asian typeface, resolved ("" when none)
    cs: str  # complex-script typeface, resolved ("" when none)
    bold: bool
    italic: bool
    caps: str  # "none", "all" or "small"
    colour: Colour  # the text colour: as written (scheme name or RRGGBB), value, contrast
    align: str  # "l", "ctr", "r", "just", "dist"
    line_spacing: Spacing
    space_before: Spacing
    space_after: Spacing
    bullet: BulletStyle
    margin: int  # marL, EMU
    indent: int  # indent (negative: a hanging indent), EMU
    # Properties the template shows only in its placeholders' sample text, which no slide
    # inherits (LibreOffice keeps its styles there): the deck writer writes these.
    explicit: tuple[str, ...] = ()


@dataclass(frozen=True)
class TextStyle:
    """What PowerPoint shows in a placeholder of a slide made on a layout when the slide sets
    nothing itself: every property resolved along the chain layout placeholder (lstStyle,
    bodyPr) -> master placeholder of the same type -> the master's txStyles (titleStyle for
    titles, bodyStyle for body, subtitle and object placeholders, otherStyle for the rest)
    -> the presentation's defaultTextStyle -> PowerPoint's defaults; theme fonts (+mj-lt,
    +mn-lt, +mj-ea, ...) resolved through the master's theme, scheme colours through the
    layout's colour map. Lengths in EMU, sizes in points."""

    levels: tuple[LevelStyle, ...]  # outline levels 1 to 9 (index 0 is level 1)
    insets: tuple[int, int, int, int]  # lIns, tIns, rIns, bIns (defaults 91440, 45720)
    anchor: str  # "t", "ctr", "b" (also "just", "dist")
    autofit: str  # "none", "norm" (shrink text on overflow) or "shape" (resize the shape)
    wrap: str  # "square" or "none"
    vert: str  # "horz", "vert", "vert270", ...
    columns: int = 1  # numCol
    font_scale: float = 1.0  # a normAutofit's fontScale (what PowerPoint last applied)
    spacing_reduction: float = 0.0  # a normAutofit's lnSpcReduction

    @property
    def first(self) -> LevelStyle:
        """Level 1: a title's, a subtitle's, and key points' style."""
        return self.levels[0]

    def level(self, number: int) -> LevelStyle:
        """Outline level `number` (1 to 9; beyond the last: the last)."""
        return self.levels[max(0, min(number, len(self.levels)) - 1)]


# Keys of Layout.styles: the layout's title (ctrTitle or title), body (body or object) and
# subtitle placeholders, and "other": text lectern draws in its own text boxes (otherStyle).
STYLE_KEYS = ("title", "body", "subtitle", "other")


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
    # Each placeholder's text reads only on the ground under that placeholder: text stays in
    # its own placeholder (a title slide's title on its band, the subtitle below it).
    zoned: bool = False
    # The placeholders whose own text colour reads on what lies under them: text inside one
    # of them needs no plate.
    readable: tuple[Box, ...] = ()
    # Whose slide-number box `number` is: the "layout"'s placeholder, the "master"'s, or a
    # "corner" of the slide lectern chose where the template has no number placeholder.
    number_from: str = "layout"
    # The effective text style of each placeholder the layout has, by STYLE_KEYS ("other"
    # always present): a tuple of pairs so that a Layout stays hashable; use style().
    styles: tuple[tuple[str, TextStyle], ...] = ()

    def style(self, key: str) -> TextStyle | None:
        """The effective style of the layout's "title", "body" or "subtitle" placeholder
        (None when the layout has none), or "other" (lectern's own text boxes)."""
        return dict(self.styles).get(key)


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
