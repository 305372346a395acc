"""How a template's placeholder sets text, as lectern measures it: its effective style
(insets, line spacing, space before and after, indents, face, weight, capitals) turned into
the box, the paragraphs and the spacing that lectern.fit measures."""

from __future__ import annotations

import functools
import math
from collections.abc import Sequence
from dataclasses import dataclass, replace

from ... import fit
from ...box import Box
from ...deck_template import LevelStyle, TextStyle
from ...fit import Run
from .geometry import INSET, floor, ladder
from .types import Paragraph

# A share spacing (spcPct) counts this many times the size, as lectern.fit's line does.
SPACE_LINE = 1.2


@dataclass(frozen=True)
class Setting:
    """A placeholder's effective style, and how lectern measures text in it.

    lectern.fit measures a box with INSET on every side, each paragraph with its indent and
    space before in ems: the placeholder's own insets, its paragraphs' margins and the space
    around them become a smaller box to measure in (`measure_box`), its spacing shares of the
    smallest size tried (sizes in between are measured with a little room to spare)."""

    style: TextStyle

    @functools.cached_property
    def level(self) -> LevelStyle:
        return self.style.first

    @property
    def top(self) -> float:
        """The template's own size: the largest size tried."""
        return self.level.size

    def sizes(self, share: float = 1.0, scale: float = 1.0) -> tuple[float, ...]:
        """The sizes tried, largest first: from the template's own size (times `share`, for
        text lectern sets smaller than the placeholder's own, such as a list of sources)
        down to the floor of the placeholder's own size (geometry.floor, on a slide `scale`
        times lectern's): smaller text starts lower, but shrinks no further than the rest."""
        top = self.top if share == 1.0 else round(self.top * share * 2) / 2
        return ladder(top, min(top, floor(self.top, scale)))

    def insets(self) -> tuple[float, float, float, float]:
        """Left, top, right and bottom insets in points."""
        return self._insets

    @functools.cached_property
    def _insets(self) -> tuple[float, float, float, float]:
        left, top, right, bottom = self.style.insets
        return fit.pt(left), fit.pt(top), fit.pt(right), fit.pt(bottom)

    def margin(self) -> float:
        """Points of the box's width no line of a paragraph uses: the larger of the margin
        and the first line's start (marL, marL + indent)."""
        return self._margin

    @functools.cached_property
    def _margin(self) -> float:
        return max(0.0, fit.pt(self.level.margin), fit.pt(self.level.margin + self.level.indent))

    def spaces(self, size: float) -> tuple[float, float]:
        """Space before and after a paragraph at `size` points."""
        level = self.level
        return (level.space_before.of(size, SPACE_LINE), level.space_after.of(size, SPACE_LINE))

    def measure_box(self, box: Box, sizes: Sequence[float]) -> Box:
        """The box lectern.fit measures in: `box` less the placeholder's insets beyond INSET,
        less the margin on the left, less the space before the first paragraph and after the
        last (at the largest size: renderers differ on the first)."""
        left, top, right, bottom = self.insets()
        before, after = self.spaces(max(sizes))
        dx = fit.emu(left - INSET + self.margin())
        dy = fit.emu(top - INSET + before)
        dw = dx + fit.emu(right - INSET)
        dh = dy + fit.emu(bottom - INSET + after)
        return Box(box.x + dx, box.y + dy, max(1, box.w - dw), max(1, box.h - dh))

    def outer_height(self, measured: int, sizes: Sequence[float]) -> int:
        """The height a box needs whose measured (INSET-based) height is `measured`."""
        _, top, _, bottom = self.insets()
        before, after = self.spaces(max(sizes))
        return measured + fit.emu(top + bottom - 2 * INSET + before + after)

    def outer_width(self, measured: int) -> int:
        left, _, right, _ = self.insets()
        return measured + fit.emu(left + right - 2 * INSET + self.margin())

    def line_spacing(self, sizes: Sequence[float]) -> float:
        """Line spacing as a share of lectern.fit's line: a template's exact points as a share
        at the smallest size tried (the largest share), less a normAutofit's reduction."""
        spacing = self.level.line_spacing
        smallest = min(sizes)
        if spacing.points is not None:
            return spacing.points / (fit.line_factor(self.level.font.measure) * smallest)
        return max(0.1, (spacing.pct or 1.0) - self.style.spacing_reduction)

    def paragraphs(self, paras: Sequence[Paragraph], sizes: Sequence[float],
                   caps: bool = True) -> list[Paragraph]:
        """The paragraphs as the placeholder shows them: bold, italic and (with `caps`, for
        measuring) capitals of the style on every run, no indent of lectern's (the margin is
        out of the measured box) but a numbered list's room for its numbers (the deck writer
        writes it after the style's bullet position), the space between paragraphs the
        style's (at the smallest size tried, in ems)."""
        smallest = min(sizes)
        before, after = self.spaces(smallest)
        space_em = math.ceil((before + after) / smallest * 1000) / 1000
        return [replace(p, runs=self.runs(p.runs, caps), space_em=space_em,
                        indent_em=p.indent_em if p.bullet == "number" else 0.0)
                for p in paras]

    def runs(self, runs: Sequence[Run], caps: bool = True) -> tuple[Run, ...]:
        level = self.level
        upper = caps and level.caps != "none"
        return tuple(replace(r, text=r.text.upper() if upper else r.text,
                             bold=r.bold or level.bold, italic=r.italic or level.italic)
                     for r in runs)
