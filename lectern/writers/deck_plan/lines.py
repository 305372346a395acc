"""Where each planned line sits on its slide, as a presentation program sets the text box.

The planner breaks every paragraph with `lectern.fit.wrap`; this module keeps those breaks
and adds what a slide program does with them: the line pitch, the baseline, the space
before paragraphs, the anchor, the alignment and the bullets. Writers that draw slides
themselves (the slides PDF) place every line where this module says.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, replace
from typing import NamedTuple

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
# A slide program sets no space before above the first paragraph of a frame (LibreOffice
# measured; lectern.fit counts it, to be safe).
FIRST_SPACE = False
# LibreOffice sets a share spacing before or after a paragraph (spcPct) as that share of the
# size (lectern.fit measures it as a share of a 1.2-size line, PowerPoint's, to be safe).
SPACE_SHARE = 1.0

class Fragment(NamedTuple):
    """A stretch of one line in one style: its text, weight and slant, and where its run
    has them, a colour (RRGGBB) and a measured family of its own (coloured code)."""

    text: str
    bold: bool = False
    italic: bool = False
    color: str = ""
    font: str = ""


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
    broken = fit.wrap(para.runs, width, text.size, text.font.measure)
    return list(_styled(para, broken))


@dataclass(frozen=True)
class _Setting:
    """How a box sets its paragraphs, in points: lectern's own frame, or a placeholder's
    effective style (its insets, margins, spacing and bullet)."""

    insets: tuple[float, float, float, float]  # left, top, right, bottom
    margin: float  # where the text of a paragraph's lines starts, from the left inset
    bullet_at: float  # where a bullet or number stands, from the left inset
    before: float  # space before each paragraph but the first
    after: float  # space after each paragraph
    first_before: float  # space before the first paragraph
    bullet: str  # the bullet character ("" for none)


def _setting(text: TextBox, para: Paragraph) -> _Setting:
    size = text.size
    if text.style is None:
        indent = para.indent_em * size
        return _Setting((INSET, INSET, INSET, INSET), indent, 0.0,
                        round(para.space_em * size * 100) / 100, 0.0, 0.0,
                        "•" if para.bullet == "bullet" else "")
    level = text.style.first
    insets = tuple(fit.pt(v) for v in text.style.insets)
    before = level.space_before.of(size, SPACE_SHARE)
    after = level.space_after.of(size, SPACE_SHARE)
    margin, start = fit.pt(level.margin), fit.pt(level.margin + level.indent)
    if para.bullet == "number":
        # The deck writer hangs numbers where the style's bullets stand.
        hang = para.indent_em * size
        start = max(0.0, start)
        margin = start + hang
    elif not para.bullet and level.bullet.kind != "none":
        margin = start = 0.0  # written without the style's bullet, at the left
    bullet = _drawn_bullet(level.bullet.char, level.bullet.typeface) \
        if para.bullet == "bullet" and level.bullet.kind == "char" else ""
    return _Setting(insets, margin, start, before, after,  # type: ignore[arg-type]
                    before if FIRST_SPACE else 0.0, bullet)


def _drawn_bullet(char: str, typeface: str) -> str:
    """The bullet a writer draws for a style's: a symbol font's private characters (Wingdings,
    Symbol) as a round bullet, which the measured faces have."""
    symbol = typeface.lower().startswith(("wingdings", "symbol", "webdings"))
    private = any(0xE000 <= ord(c) <= 0xF8FF for c in char)
    return "•" if symbol or private or not char else char


def _styled(para: Paragraph, broken: list[str]) -> Iterator[tuple[Fragment, ...]]:
    """Give each broken line back the styles of the characters it took from the runs."""
    chars = [(c, (r.bold, r.italic, r.color, r.font)) for r in para.runs for c in r.text]
    plain = (False, False, "", "")
    i = 0
    for line in broken:
        fragments: list[tuple[str, tuple[bool, bool, str, str]]] = []
        for ch in line:
            # Skip what the line breaker dropped between lines: spaces and hard breaks.
            while i < len(chars) and chars[i][0] != ch and (chars[i][0].isspace()):
                i += 1
            style = chars[i][1] if i < len(chars) else plain
            if fragments and fragments[-1][1] == style:
                fragments[-1] = (fragments[-1][0] + ch, style)
            else:
                fragments.append((ch, style))
            i += 1
        yield tuple(Fragment(text, *style) for text, style in fragments)


def place(text: TextBox) -> list[Line]:
    """Every line of a text box, placed: the planner's breaks, the slide program's spacing."""
    size, box = text.size, text.box
    height, ascent = line_metrics(size, text.line_spacing)
    settings = [_setting(text, para) for para in text.paras]
    frame = settings[0] if settings else _setting(text, Paragraph(()))
    left = fit.pt(box.x) + frame.insets[0]
    inner = fit.pt(box.w) - frame.insets[0] - frame.insets[2]
    rows: list[tuple[float, int, int, tuple[Fragment, ...]]] = []
    y = 0.0
    for k, para in enumerate(text.paras):
        y += settings[k].before if k else settings[k].first_before
        for n, fragments in enumerate(_broken(para, text, inner - settings[k].margin)):
            rows.append((y, k, n, fragments))
            y += height
        y += settings[k].after
    top = fit.pt(box.y) + frame.insets[1]
    room = fit.pt(box.h) - frame.insets[1] - frame.insets[3]
    if text.anchor == "b":
        top += room - y
    elif text.anchor == "ctr":
        top += (room - y) / 2
    numbers = _numbers(text)
    lines: list[Line] = []
    for offset, k, n, fragments in rows:
        para, how = text.paras[k], settings[k]
        label = ""
        if n == 0 and para.bullet:
            label = how.bullet if para.bullet == "bullet" else f"{numbers[k]}."
        lines.append(Line(left + how.margin, top + offset + ascent, inner - how.margin, size,
                          text.align, fragments, k, label, left + how.bullet_at))
    return lines


def _broken(para: Paragraph, text: TextBox, width: float) -> list[tuple[Fragment, ...]]:
    """A paragraph's lines: as the planner broke them in lectern's own frames; in a
    placeholder, as a slide program breaks them in the room the placeholder leaves (the
    planner measured in less, with room to spare: fit.WIDTH_SLACK is given back)."""
    if text.style is None:
        return paragraph_lines(para, text)
    if text.style.first.caps != "none":  # the style shows capitals
        para = replace(para, runs=tuple(replace(r, text=r.text.upper()) for r in para.runs))
    room = width / (1.0 - fit.WIDTH_SLACK)
    return list(_styled(para, fit.wrap(para.runs, room, text.size, text.font.measure)))


def _numbers(text: TextBox) -> dict[int, int]:
    """The number each numbered paragraph (by index) shows: counted on from the first, as
    the deck's automatic numbering does."""
    start = max(text.paras[0].number, 1) if text.paras else 1
    numbered = [k for k, para in enumerate(text.paras) if para.bullet == "number"]
    return {k: start + count for count, k in enumerate(numbered)}
