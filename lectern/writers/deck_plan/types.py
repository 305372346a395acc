"""The plan's types: slides made of text boxes, pictures and shapes, all frozen."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from ... import fit
from ... import model as m
from ...box import Box
from ...deck_template import DeckTemplate, Font, Plate, TextStyle
from ...diagnostics import Diagnostic
from ...fit import Run
from .geometry import DEFAULT_FONT, INSET, SLIDE_H, SLIDE_W

Anchor = Literal["t", "ctr", "b"]
Align = Literal["l", "ctr", "r"]
Bullet = Literal["", "bullet", "number"]


@dataclass(frozen=True)
class Paragraph:
    """A paragraph of a text box; indent and space before are in ems of the box's font size."""

    runs: tuple[Run, ...]
    bullet: Bullet = ""
    number: int = 0
    indent_em: float = 0.0
    space_em: float = 0.0
    lang: str = ""

    @property
    def text(self) -> str:
        return "".join(r.text for r in self.runs)

    def measure(self, size: float) -> fit.Para:
        """The paragraph as lectern.fit measures it at `size` points."""
        return fit.Para(self.runs, self.indent_em * size, self.space_em * size)


@dataclass(frozen=True)
class TextBox:
    """A text frame: role, paragraphs, the size chosen, its box and how it is set."""

    role: str
    paras: tuple[Paragraph, ...]
    size: float
    box: Box
    line_spacing: float = 1.0
    anchor: Anchor = "t"
    align: Align = "l"
    # The text colour: a theme colour name (tx1, bg1, accent1, ...) or, where no theme colour
    # is readable on the layout, an RRGGBB value; `rgb` is its value on this slide's layout.
    color: str = "tx1"
    placeholder: str = ""  # "title", "subtitle" or "body": fills that layout placeholder
    font: Font = DEFAULT_FONT  # the typeface written and the face it is measured with
    rgb: str = ""  # RRGGBB of `color` on the slide's layout (for writers without themes)
    bullet_color: str = "accent1"  # bullets and list numbers, as `color`
    # Text in a template's placeholder inherits the placeholder's effective style: the deck
    # writes only its size (and `color` where `recolour`: the style's colour does not read);
    # align, anchor, line_spacing and font above are that style's, for writers that draw.
    style: TextStyle | None = field(default=None, metadata={"dump": False})  # the layout's
    recolour: bool = False

    def frame(self) -> fit.Frame:
        """The frame lectern.fit measures the text in (a placeholder's insets, margin and
        space around its paragraphs taken out of the box)."""
        if self.style is None:
            return frame_of(self.box, self.line_spacing, self.font.measure)
        from .setting import Setting
        box = Setting(self.style).measure_box(self.box, (self.size,))
        return frame_of(box, self.line_spacing, self.font.measure)

    def measured_height(self) -> float:
        """Height in points the text needs, including insets."""
        paras = [p.measure(self.size) for p in self.paras]
        extra = 2 * INSET
        if self.style is not None:
            from .setting import Setting
            extra = fit.pt(Setting(self.style).outer_height(fit.emu(2 * INSET), (self.size,)))
        return fit.text_height(paras, self.frame(), self.size) + extra


@dataclass(frozen=True)
class Picture:
    """A picture on a slide: its file, box and alt text."""

    path: Path
    box: Box
    alt: str


@dataclass(frozen=True)
class Shape:
    """A plain drawn shape: a line, a dot or a bar, in the theme's accent colour."""

    kind: Literal["line", "dot", "bar"]
    box: Box
    color: str = "accent1"  # a theme colour name or RRGGBB, as TextBox.color


@dataclass(frozen=True)
class PlateBox:
    """A plate under text, where the layout's own background does not let it read: drawn
    first, beneath everything else on the slide (and kept on a slide emptied of its text)."""

    box: Box
    plate: Plate


@dataclass(frozen=True)
class TableBox:
    """A native table, everything placed: a writer draws it without measuring anything.

    `columns` and `rows` are the widths and heights (EMU) of the grid that starts at
    `box.x, box.y`; `cells` holds each row's cells as text boxes, each box where the cell's
    text frame goes (its column less the gap between columns), all at one size. `rules` are
    the horizontal rules, as (index of the row line, weight in points): 0 is the table's top,
    `len(rows)` its bottom. The first `header_rows` rows are the header, repeated on every
    slide of a split table.
    """

    box: Box
    columns: tuple[int, ...]
    rows: tuple[int, ...]
    cells: tuple[tuple[TextBox, ...], ...]
    rules: tuple[tuple[int, float], ...]
    header_rows: int = 1
    rule_color: str = "tx1"

    def row_top(self, index: int) -> int:
        """The y of row line `index` (0: the top of the table)."""
        return self.box.y + sum(self.rows[:index])

    def column_left(self, index: int) -> int:
        """The x of column line `index` (0: the left edge of the table)."""
        return self.box.x + sum(self.columns[:index])


@dataclass(frozen=True)
class Slide:
    """One slide; `layout` names the template layout, which the template finds by `kind`."""

    layout: str
    kind: str
    title: str
    texts: tuple[TextBox, ...]
    notes: str
    pos: m.SourcePos
    numbered: bool = True
    pictures: tuple[Picture, ...] = ()
    shapes: tuple[Shape, ...] = ()
    tables: tuple[TableBox, ...] = ()
    plates: tuple[PlateBox, ...] = ()


@dataclass(frozen=True)
class DeckPlan:
    """The slides, the warnings planning raised, and the template they were planned on (its
    clean package, layouts, fonts and colours; `width` and `height` are its slide size)."""

    slides: tuple[Slide, ...]
    warnings: tuple[Diagnostic, ...]
    template: DeckTemplate
    width: int = SLIDE_W
    height: int = SLIDE_H


def frame_of(box: Box, line_spacing: float = 1.0, font: str = fit.DEFAULT_FAMILY) -> fit.Frame:
    """The lectern.fit frame of a box."""
    return fit.Frame(fit.pt(box.w), fit.pt(box.h), INSET, INSET, line_spacing, font)
