"""Code slides: each block of code on a slide of its own under the chapter's title, in a
monospaced text box on a quiet frame, coloured as in the booklet.

The largest size of the table ladder at which every line fits whole is taken; where none
does, the smallest, with long lines wrapped behind a continuation mark (lectern.syntax). A
block too long for one slide goes on over more, its lines never split.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from .... import fit, syntax
from .... import model as m
from ....deck_template import Font
from ..geometry import INSET
from ..planner import Planner
from ..text import short
from ..types import Box, Paragraph, Shape, Slide
from ..where import named

KIND = "code"  # on the table slides' layout (deck_template.KIND_ROLES): a title, a free body
PAD = 0.12  # inches (scaled with the slide) between the frame's edge and the text box
MONO = Font(syntax.DECK_TYPEFACE, syntax.MONO_MEASURE)


def chapter_code(chapter: m.Chapter) -> list[m.CodeBlock]:
    """The code blocks of a chapter body, in reading order."""
    return [n for n in m.walk_inlines(chapter.body) if isinstance(n, m.CodeBlock)]


@dataclass(frozen=True)
class Setting:
    """Code set at one size: its lines (wrapped to the box) and the lines a slide holds."""

    size: float
    lines: tuple[syntax.Line, ...]
    rows: int

    @property
    def slides(self) -> int:
        return max(1, -(-len(self.lines) // self.rows))


def set_code(lines: tuple[syntax.Line, ...], width: float, height: float,
             sizes: tuple[float, ...]) -> Setting:
    """The size and lines of code in a text frame `width` × `height` points (insets
    included): of the sizes that need the fewest slides, the one that wraps the fewest
    lines, the largest of those."""
    settings = [_at(lines, width, height, size) for size in sizes]
    fewest = min(s.slides for s in settings)
    return min((s for s in settings if s.slides == fewest),
               key=lambda s: (sum(line.continued for line in s.lines), -s.size))


def _at(lines: tuple[syntax.Line, ...], width: float, height: float, size: float) -> Setting:
    advance = fit.text_width("0", size, font=syntax.MONO_MEASURE)
    room = (width - 2 * INSET) * (1.0 - fit.WIDTH_SLACK)
    columns = int(room // advance) - 1  # one column to spare: the deck's renderers round
    pitch = fit.line_factor(syntax.MONO_MEASURE) * size
    rows = max(1, int((height - 2 * INSET) / fit.HEIGHT_SLACK // pitch))
    wrapped = syntax.wrap(lines, columns) if any(
        syntax.width(line.text) > columns for line in lines) else lines
    return Setting(size, wrapped, rows)


def code(p: Planner, chapter: m.Chapter, block: m.CodeBlock) -> None:
    """The slides of one code block."""
    place = p.place(KIND)
    area = place.body
    pad = p.inch(PAD)
    inner = Box(area.x + pad, area.y + pad, area.w - 2 * pad, area.h - 2 * pad)
    lines = syntax.highlight(block.text, block.language)
    setting = set_code(lines, fit.pt(inner.w), fit.pt(inner.h), p.floored("table"))
    _warn(p, block, setting, named(place.layout, area, p.template.own))
    count = setting.slides
    for i in range(count):
        group = setting.lines[i * setting.rows:(i + 1) * setting.rows]
        paras = tuple(_paragraph(line) for line in group)
        height = fit.emu(fit.line_factor(syntax.MONO_MEASURE) * setting.size * len(group)
                         * fit.HEIGHT_SLACK + 2 * INSET)
        box = p.box(KIND, "code", paras, setting.size, Box(inner.x, inner.y, inner.w, height))
        box = replace(box, font=MONO, color=syntax.TEXT.colour, rgb=syntax.TEXT.colour)
        frame = Shape("bar", Box(area.x, area.y, area.w, height + 2 * pad), syntax.FRAME)
        heading = p.chapter_title(KIND, chapter.title, i, count, chapter)
        p.add(Slide(place.layout.name, KIND, heading.paras[0].text, (heading, box),
                    chapter.notes, block.pos, shapes=(frame,)))


def _paragraph(line: syntax.Line) -> Paragraph:
    """A line of code as a paragraph: a run for each look, the mark before a wrapped part."""
    runs = [fit.Run(f"{syntax.CONTINUATION} ", color=syntax.BY_NAME["comment"].colour)] \
        if line.continued else []
    runs += [fit.Run(piece.text, piece.look.bold, piece.look.italic,
                     "" if piece.look == syntax.TEXT else piece.look.colour)
             for piece in line.pieces]
    return Paragraph(tuple(runs))


def _warn(p: Planner, block: m.CodeBlock, setting: Setting, where: str) -> None:
    first = short(block.text.strip().split("\n")[0] if block.text.strip() else "")
    if setting.slides > 1:
        p.diag.warning(block.pos, f"the code '{first}' needs {setting.slides} slides at "
                       f"{setting.size:g} pt (in {where})",
                       "show a shorter part of it on slides, or split it in two")
    wrapped = sum(1 for line in setting.lines if line.continued)
    if wrapped:
        p.diag.warning(block.pos, f"{wrapped} line(s) of the code '{first}' are too long for "
                       f"a slide at {setting.size:g} pt (in {where}); they wrap behind "
                       f"'{syntax.CONTINUATION}'", "shorten the lines for slides")
