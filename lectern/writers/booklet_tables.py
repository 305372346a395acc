"""The booklet's table columns, sized by their content (the rule of lectern.table_widths).

Cells are measured with HarfBuzz in the faces and sizes booklet.css sets them in: the body
in the serif at 0.9 of the body size, the header in the bold sans at 0.82. The widths go to
the template as percentages of the text width, so WeasyPrint sets exactly these columns.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

from .. import fit
from .. import model as m
from ..table_widths import share, words

BODY_SIZE, HEADER_SIZE = 0.9, 0.82  # booklet.css: .table and .table th, in rem
PADDING = 0.55  # booklet.css: a cell's padding left and right, in the cell's em
# Bold, italic and footnote calls are measured as regular text; leave room for them and
# for the tabular figures booklet.css asks for.
SLACK = 1.02
MM = 72 / 25.4


class Page(Protocol):
    """The page geometry a table is set in (booklet_html.Geometry): millimetres and points."""

    @property
    def width(self) -> float: ...
    @property
    def inside(self) -> float: ...
    @property
    def outside(self) -> float: ...
    @property
    def body(self) -> float: ...


@dataclass(frozen=True)
class Columns:
    """A table's column widths in per cent of the text width; when even the longest words
    side by side do not fit (crowded), the columns cut below their longest word, whose
    words are hyphenated (never a number: a column is never cut below its numbers)."""

    percents: tuple[float, ...]
    crowded: bool
    hyphenated: tuple[int, ...] = ()


def table_columns(table: m.Table, g: Page) -> Columns | None:
    """Column widths for `table` on a page of geometry `g`; None when every cell fits on
    one line (the table then keeps its natural width)."""
    width = (g.width - g.inside - g.outside) * MM
    count = table.columns
    natural, least, floors = [0.0] * count, [0.0] * count, [0.0] * count
    for header, row in ((True, table.header), *((False, r) for r in table.rows)):
        size = g.body * (HEADER_SIZE if header else BODY_SIZE)
        face = "carlito" if header else "charis"
        for c, cell in enumerate(row[:count]):
            pad = _padding(c, count, g.body * BODY_SIZE)
            text = m.plain_text(cell.content)
            line = max((_width(t, size, header, face) for t in text.split("\n")), default=0)
            word = max((_width(w, size, header, face) for w in words(text)), default=0)
            natural[c] = max(natural[c], line + pad)
            least[c] = max(least[c], word + pad)
            if not header and not any(ch.isalpha() for ch in text):  # a number: never cut
                floors[c] = max(floors[c], line + pad)
    if sum(natural) <= width:
        return None
    widths, crowded = share(natural, least, width, floors)
    cut = tuple(c for c in range(count) if widths[c] < least[c] - 0.5)
    return Columns(tuple(round(100 * w / width, 2) for w in widths), crowded, cut)


def _width(text: str, size: float, bold: bool, face: str) -> float:
    return fit.text_width(text, size, bold, False, face) * SLACK


def _padding(index: int, count: int, size: float) -> float:
    """The padding of column `index` in points: the outer columns have none outside."""
    return PADDING * size * ((index > 0) + (index < count - 1))
