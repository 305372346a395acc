"""Where each planned line sits on its slide, as a presentation program sets the text box.

The planner breaks every paragraph with `lectern.fit.wrap`; this module keeps those breaks
and adds what a slide program does with them: the line pitch, the baseline, the space
before paragraphs, the anchor, the alignment and the bullets. Writers that draw slides
themselves (the slides PDF) place every line where this module says.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from ... import fit
from .geometry import INSET
from .types import Paragraph, TextBox

# A slide program's single line spacing is 1.2 times the font size whatever the font, with
# the baseline one font size below the top of the line (measured on LibreOffice's rendering
# of the deck: pitch 33.6 pt at 28 pt, first baseline 28 pt below the inset).
PITCH = 1.2
ASCENT = 1.0
# Below single spacing, the ascent shrinks to 80 % of the reduced line (LibreOffice's
# rule for proportional spacing, which it follows to match PowerPoint).
SHRUNK_ASCENT = 0.8

Fragment = tuple[str, bool, bool]  # text, bold, italic


@dataclass(frozen=True)
class Line:
    """One line of a text box in points from the slide's top left corner."""

    x: float  # where the text starts (after the bullet's hanging indent)
    baseline: float
    width: float  # the room from x to the box's right inset
    size: float
    align: str
    fragments: tuple[Fragment, ...]
    para: int = 0  # which paragraph of the box the line belongs to
    bullet: str = ""  # the bullet or number drawn before the first line of a paragraph
    bullet_x: float = 0.0

    @property
    def text(self) -> str:
        return "".join(f[0] for f in self.fragments)


def line_metrics(size: float, spacing: float) -> tuple[float, float]:
    """The height of a line and the distance from its top to its baseline, in points."""
    full = PITCH * size
    height = full * spacing
    if spacing < 1.0:
        return height, min(ASCENT * size, height * SHRUNK_ASCENT)
    return height, ASCENT * size + (height - full)


def paragraph_lines(para: Paragraph, text: TextBox) -> list[tuple[Fragment, ...]]:
    """The paragraph's lines as the planner broke them, each with its runs' styles."""
    indent = para.indent_em * text.size
    width = text.frame().inner_width - indent
    broken = fit.wrap(para.runs, width, text.size)
    return list(_styled(para, broken))


def _styled(para: Paragraph, broken: list[str]) -> Iterator[tuple[Fragment, ...]]:
    """Give each broken line back the styles of the characters it took from the runs."""
    chars = [(c, r.bold, r.italic) for r in para.runs for c in r.text]
    i = 0
    for line in broken:
        fragments: list[list[object]] = []
        for ch in line:
            # Skip what the line breaker dropped between lines: spaces and hard breaks.
            while i < len(chars) and chars[i][0] != ch and (chars[i][0].isspace()):
                i += 1
            bold, italic = (chars[i][1], chars[i][2]) if i < len(chars) else (False, False)
            if fragments and fragments[-1][1:] == [bold, italic]:
                fragments[-1][0] = f"{fragments[-1][0]}{ch}"
            else:
                fragments.append([ch, bold, italic])
            i += 1
        yield tuple((str(f[0]), bool(f[1]), bool(f[2])) for f in fragments)


def place(text: TextBox) -> list[Line]:
    """Every line of a text box, placed: the planner's breaks, the slide program's spacing."""
    size, box = text.size, text.box
    height, ascent = line_metrics(size, text.line_spacing)
    left = fit.pt(box.x) + INSET
    inner = fit.pt(box.w) - 2 * INSET
    rows: list[tuple[float, int, int, tuple[Fragment, ...]]] = []
    y = 0.0
    for k, para in enumerate(text.paras):
        if k:
            # The deck writes the space before in hundredths of a point.
            y += round(para.space_em * size * 100) / 100
        for n, fragments in enumerate(paragraph_lines(para, text)):
            rows.append((y, k, n, fragments))
            y += height
    top = fit.pt(box.y) + INSET
    room = fit.pt(box.h) - 2 * INSET
    if text.anchor == "b":
        top += room - y
    elif text.anchor == "ctr":
        top += (room - y) / 2
    numbers = _numbers(text)
    lines: list[Line] = []
    for offset, k, n, fragments in rows:
        para = text.paras[k]
        indent = para.indent_em * size
        label = ""
        if n == 0 and para.bullet:
            label = "•" if para.bullet == "bullet" else f"{numbers[k]}."
        lines.append(Line(left + indent, top + offset + ascent, inner - indent, size,
                          text.align, fragments, k, label, left))
    return lines


def _numbers(text: TextBox) -> dict[int, int]:
    """The number each numbered paragraph (by index) shows: counted on from the first, as
    the deck's automatic numbering does."""
    start = max(text.paras[0].number, 1) if text.paras else 1
    numbered = [k for k, para in enumerate(text.paras) if para.bullet == "number"]
    return {k: start + count for count, k in enumerate(numbered)}
