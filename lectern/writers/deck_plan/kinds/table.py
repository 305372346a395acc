"""Table slides: a pipe table as a native table under the chapter's title, split by rows.

Every cell is measured at each size of the ladder: columns get their natural width when the
table fits the body, else at least their longest word and the rest by need; a row is as tall
as its tallest cell. The table takes the largest size at which it needs the fewest slides;
a table too long for one slide continues on more, the header repeated, the rows balanced.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace

from .... import fit
from .... import model as m
from ....table_widths import share
from ....table_widths import words as table_words
from ..geometry import INSET
from ..paginate import hyphenate, needed_height, settle
from ..planner import Planner
from ..text import runs_of, short
from ..types import Align, Box, Paragraph, Slide, TableBox, TextBox
from ..where import named

KIND = "table"
# The gap between neighbouring columns' text frames (inches, scaled with the slide), half on
# each side of the column line; the outer columns keep their text in line with the title.
GAP = 0.3
CAPTION_GAP = 0.12
RULE_OUTER = 1.5  # points: the rules above and below the table
RULE_HEADER = 0.75  # the rule under the header
ALIGNS: dict[str, Align] = {"": "l", "left": "l", "center": "ctr", "right": "r"}


def chapter_tables(chapter: m.Chapter) -> list[m.Table]:
    """The tables of a chapter body, in reading order."""
    return [n for n in m.walk_inlines(chapter.body) if isinstance(n, m.Table)]


@dataclass(frozen=True)
class Grid:
    """A table's text as slide paragraphs: the header row first, then the body rows."""

    rows: tuple[tuple[Paragraph, ...], ...]
    aligns: tuple[Align, ...]
    places: tuple[m.SourcePos, ...]  # where each row starts in the source

    @classmethod
    def of(cls, table: m.Table) -> Grid:
        rows = [tuple(Paragraph(tuple(runs_of(c.content, bold=True))) for c in table.header)]
        rows += [tuple(Paragraph(tuple(runs_of(c.content))) for c in row) for row in table.rows]
        places = [table.pos] + [row[0].pos if row else table.pos for row in table.rows]
        return cls(tuple(rows), tuple(ALIGNS[a] for a in table.aligns), tuple(places))


@dataclass(frozen=True)
class Measure:
    """How cells are measured: the face of their font, the gap between columns (EMU), and
    the language whose hyphenation breaks words wider than their column."""

    font: str = fit.DEFAULT_FAMILY
    gap: int = round(GAP * 914400)
    lang: str = ""


@dataclass(frozen=True)
class Layout:
    """The grid set at one size: column widths, row heights and the slides' rows."""

    size: float
    columns: tuple[int, ...]
    heights: tuple[int, ...]  # every row's, the header's first
    groups: tuple[tuple[int, ...], ...]  # the body rows of each slide
    too_wide: bool  # the longest words do not fit side by side: they are hyphenated
    too_tall: tuple[int, ...]  # body rows taller than a slide on their own
    rows: tuple[tuple[Paragraph, ...], ...] = ()  # the cells as set: long words hyphenated


def table(p: Planner, chapter: m.Chapter, source: m.Table) -> None:
    """The slides of one table: the chapter's title, the caption, the table."""
    if not source.columns:
        return
    place = p.place(KIND)
    area = place.body
    caption = _caption(p, source, area)
    top = area.y + (caption.box.h + p.inch(CAPTION_GAP) if caption else 0)
    grid = Grid.of(source)
    measure = Measure(p.font(KIND, heading=False).measure, p.inch(GAP), p.lecture.language)
    layout = plan_grid(grid, area.w, area.bottom - top, p.floored("table"), measure)
    _warn(p, source, grid, layout, named(place.layout, area, p.template.own))
    count = len(layout.groups)
    for i, group in enumerate(layout.groups):
        heading = p.chapter_title(KIND, chapter.title, i, count, chapter)
        texts = (heading, caption) if caption else (heading,)
        box = table_box(grid, layout, (0, *group), Box(area.x, top, area.w, 0), measure)
        cells = tuple(tuple(p.box(KIND, c.role, c.paras, c.size, c.box, align=c.align)
                            for c in row) for row in box.cells)
        box = replace(box, cells=cells, rule_color=p.colour(KIND, "text")[0])
        p.add(Slide(place.layout.name, KIND, heading.paras[0].text, texts, chapter.notes,
                    source.pos, tables=(box,)))


def _caption(p: Planner, source: m.Table, area: Box) -> TextBox | None:
    if not source.caption:
        return None
    font = p.font(KIND, heading=False).measure
    paras: tuple[Paragraph, ...] = (Paragraph(tuple(runs_of(source.caption))),)
    size, paras = settle(paras, replace(area, h=p.inch(1.0)), p.floored("table_caption"),
                         font=font, lang=p.lecture.language)
    height = needed_height(paras, area.w, size, font=font)
    return p.box(KIND, "table-caption", paras, size, replace(area, h=height), use="muted")


def _warn(p: Planner, source: m.Table, grid: Grid, layout: Layout, where: str) -> None:
    count = len(layout.groups)
    if count > 1:
        p.diag.warning(source.pos, f"the table of {len(grid.rows) - 1} rows needs {count} "
                       f"slides at {layout.size:g} pt (in {where}); consider shortening it")
    if layout.too_wide:
        p.diag.warning(source.pos, f"the table's {len(grid.aligns)} columns are too wide for "
                       f"a slide at {layout.size:g} pt, so long words are hyphenated",
                       "consider fewer columns or shorter words")
    for row in layout.too_tall:
        p.diag.warning(grid.places[row], f"a row of the table ('{short(grid.rows[row][0].text)}') "
                       f"is too tall for a slide at {layout.size:g} pt; consider shortening it")


# --- measuring ----------------------------------------------------------------------------


def plan_grid(grid: Grid, width: int, height: int, sizes: Sequence[float],
              measure: Measure = Measure()) -> Layout:
    """The largest size at which the grid needs the fewest slides, and its layout there: a
    table shrinks down to its floor (the last of `sizes`) before it takes another slide.
    Sizes at which a word is wider than its column or a row taller than a slide count only
    when every size has one (then the fewest slides, the smallest size)."""
    layouts = [_layout_at(grid, width, height, size, measure) for size in sizes]
    usable = [lay for lay in layouts if not lay.too_wide and not lay.too_tall]
    if not usable:  # words break at every size: the smallest breaks the fewest
        usable = ([lay for lay in layouts if not lay.too_tall] or layouts)[::-1]
    fewest = min(len(lay.groups) for lay in usable)
    return next(lay for lay in usable if len(lay.groups) == fewest)


def _layout_at(grid: Grid, width: int, height: int, size: float, measure: Measure) -> Layout:
    columns, too_wide = column_widths(grid, width, size, measure)
    rows = grid.rows
    if too_wide:  # words wider than their column: hyphenated where their language allows
        rows = tuple(tuple(hyphenate((para,), cell_box(columns, c, 0, 0, 0, measure.gap),
                                     size, measure.font, measure.lang)[0]
                           for c, para in enumerate(row)) for row in rows)
    heights = tuple(row_height(row, columns, size, measure) for row in rows)
    room = height - heights[0]
    body = list(range(1, len(grid.rows)))
    too_tall = tuple(i for i in body if heights[i] > room)
    groups = balanced_groups([heights[i] for i in body], room)
    return Layout(size, columns, heights,
                  tuple(tuple(body[j] for j in g) for g in groups) or ((),), too_wide, too_tall,
                  rows)


def _pads(index: int, count: int, gap: int) -> tuple[int, int]:
    """EMU kept free at the left and right of column `index`'s text frame."""
    return (gap // 2 if index else 0, gap // 2 if index < count - 1 else 0)


def _column_width(text: float, index: int, count: int, gap: int) -> int:
    """The column width (EMU) whose text frame is `text` points wide inside its insets."""
    return round((text + 2 * INSET) * fit.EMU_PER_PT) + sum(_pads(index, count, gap)) + 1


def _line_widths(para: Paragraph, size: float, font: str) -> tuple[float, float]:
    """(widest line without wrapping, widest word) of a paragraph in points."""
    lines, words = [0.0], [0.0]
    for run in para.runs:
        for k, piece in enumerate(run.text.split("\n")):
            if k:
                lines.append(0.0)
            lines[-1] += fit.text_width(piece, size, run.bold, run.italic, font)
            words.extend(fit.text_width(w, size, run.bold, run.italic, font)
                         for w in table_words(piece))
    # lectern.fit wraps a little before the frame's edge: leave it that slack.
    slack = 1 / (1 - fit.WIDTH_SLACK)
    return max(lines) * slack + 0.5, max(words) * slack + 0.5


def column_widths(grid: Grid, width: int, size: float,
                  measure: Measure = Measure()) -> tuple[tuple[int, ...], bool]:
    """Column widths (EMU) within `width`, and whether the longest words do not fit.

    A table whose cells fit on one line each keeps its natural width (columns stretched over
    the whole slide put a row's cells too far apart to read across); a wider one fills the
    width as lectern.table_widths.share says: short columns whole, long ones evenly; a
    column is never narrower than its numbers.
    """
    count = len(grid.aligns)
    natural, least, floors = [0] * count, [0] * count, [0] * count
    for r, row in enumerate(grid.rows):
        for c, para in enumerate(row):
            line, word = _line_widths(para, size, measure.font)
            natural[c] = max(natural[c], _column_width(line, c, count, measure.gap))
            least[c] = max(least[c], _column_width(word, c, count, measure.gap))
            if r and not any(ch.isalpha() for ch in para.text):  # a number: never cut
                floors[c] = max(floors[c], _column_width(line, c, count, measure.gap))
    widths, too_wide = share(natural, least, width, floors)
    return tuple(int(w) for w in widths), too_wide


def cell_box(columns: Sequence[int], index: int, x: int, y: int, h: int, gap: int) -> Box:
    """Where the text frame of column `index` goes, for a grid starting at x."""
    left, right = _pads(index, len(columns), gap)
    start = x + sum(columns[:index])
    return Box(start + left, y, columns[index] - left - right, h)


def row_height(row: Sequence[Paragraph], columns: Sequence[int], size: float,
               measure: Measure = Measure()) -> int:
    """EMU height of a row: its tallest cell, insets included."""
    return max(needed_height([para], cell_box(columns, c, 0, 0, 0, measure.gap).w, size,
                             font=measure.font)
               for c, para in enumerate(row))


def balanced_groups(heights: Sequence[int], room: int) -> list[list[int]]:
    """The fewest runs of consecutive rows that fit `room`, as even in height as can be.

    The fewest runs come from packing greedily; then each run ends where the rows' running
    height passes an even share of what is left (shares worked out again after each run, so
    that a run cut short by `room` does not leave the last slide half empty). Linear in the
    rows, for tables of any length. A row taller than `room` makes a run of its own.
    """
    greedy: list[list[int]] = []
    used = 0
    for i, h in enumerate(heights):
        if not greedy or (used and used + h > room):
            greedy.append([])
            used = 0
        greedy[-1].append(i)
        used += h
    count = len(greedy)
    if count <= 1:
        return greedy
    groups = _even_runs(heights, room, count)
    if len(groups) == count and all(
            len(g) == 1 or sum(heights[i] for i in g) <= room for g in groups):
        return groups
    return greedy


def _even_runs(heights: Sequence[int], room: int, count: int) -> list[list[int]]:
    """Runs of rows cut at even shares of the height still to place, never past `room`."""
    groups: list[list[int]] = [[]]
    rest, used = float(sum(heights)), 0
    for i, h in enumerate(heights):
        share = rest / (count - len(groups) + 1)
        if groups[-1] and len(groups) < count and (used + h / 2 > share or used + h > room):
            groups.append([])
            rest -= used
            used = 0
        groups[-1].append(i)
        used += h
    return groups


def table_box(grid: Grid, layout: Layout, rows: Sequence[int], at: Box,
              measure: Measure = Measure()) -> TableBox:
    """The planned table of some rows of the grid (the header first), placed at `at`."""
    cells: list[tuple[TextBox, ...]] = []
    y = at.y
    for index in rows:
        h = layout.heights[index]
        cells.append(tuple(
            TextBox("table-header" if index == 0 else "table-cell", (para,), layout.size,
                    cell_box(layout.columns, c, at.x, y, h, measure.gap), align=grid.aligns[c])
            for c, para in enumerate((layout.rows or grid.rows)[index])))
        y += h
    heights = tuple(layout.heights[i] for i in rows)
    rules = ((0, RULE_OUTER), (1, RULE_HEADER), (len(rows), RULE_OUTER))
    box = Box(at.x, at.y, sum(layout.columns), sum(heights))
    return TableBox(box, layout.columns, heights, tuple(cells), rules)
