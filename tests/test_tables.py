"""Tables: read from pipe tables into the model, and typeset in the booklet as a reader sees it."""

from __future__ import annotations

import dataclasses
from io import BytesIO
from pathlib import Path

import pypdfium2 as pdfium
import pytest
from pptx import Presentation

from lectern import fit
from lectern import model as m
from lectern.outputs import plan_lecture_deck
from lectern.readers.lecture import load_lecture
from lectern.writers.booklet_html import GEOMETRY
from lectern.writers.deck import render_deck
from lectern.writers.deck_plan import Box, DeckPlan, Slide, TextBox
from lectern.writers.deck_plan.kinds.table import Grid, Measure, plan_grid
from tests.booklet_support import Booklet, page_texts, render, unexpected
from tests.conftest import LECTURES

FEATURES = LECTURES / "features"


@pytest.fixture(scope="module")
def features() -> m.Lecture:
    lecture, warnings = load_lecture(FEATURES)
    assert not warnings, [w.format() for w in warnings]
    return lecture


@pytest.fixture(scope="module")
def booklet(features: m.Lecture) -> Booklet:
    return render(features)


def tables(lecture: m.Lecture) -> list[m.Table]:
    return [n for c in lecture.chapters for n in m.walk_inlines(c.body) if isinstance(n, m.Table)]


def test_pipe_tables_are_read_with_alignment_and_caption(features: m.Lecture) -> None:
    short, long, words = tables(features)
    assert [m.plain_text(c.content) for c in short.header] == ["Year", "City", "Delegates",
                                                                "Share"]
    assert short.aligns == ("left", "left", "right", "center")
    assert m.plain_text(short.caption) == "Early soviets and their delegates."
    assert [m.plain_text(c.content) for c in short.rows[2]] == ["1917", "Petrograd", "3,000",
                                                                "50.0"]
    assert len(long.rows) == 40 and long.aligns == ("", "right", "right")
    assert words.caption == ()
    # Inline markup inside cells is read like any other text.
    assert isinstance(words.rows[0][0].content[0], m.Emph)
    assert isinstance(words.rows[2][0].content[0], m.Term)
    # The caption paragraph is the table's, not printed again as prose.
    prose = [m.plain_text(b.content) for c in features.chapters for b in c.body
             if isinstance(b, m.Paragraph)]
    assert not any("Table:" in p for p in prose)


def test_every_cell_knows_where_its_text_starts(features: m.Lecture) -> None:
    lines = (FEATURES / "chapters" / "01-tables.md").read_text().splitlines()
    for table in tables(features):
        for cell in (*table.header, *(c for row in table.rows for c in row)):
            text = m.plain_text(cell.content)
            source = lines[cell.pos.line - 1]
            at = source[cell.pos.col - 1:]
            # The cell starts with its text, or with the markup around it ('*', '[').
            assert at.startswith(text[:3]) or (at[0] in "*[" and at[1:].startswith(text[:3])), \
                (cell, source)


def test_no_unexpected_warnings(booklet: Booklet) -> None:
    assert unexpected(booklet.logs) == []


def _chars(pdf: bytes) -> list[list[tuple[str, float, float, float, float]]]:
    """Each page's characters with their boxes (left, bottom, right, top) in points."""
    document = pdfium.PdfDocument(BytesIO(pdf))
    try:
        pages = []
        for index in range(len(document)):
            textpage = document[index].get_textpage()
            chars = []
            for i in range(textpage.count_chars()):
                char = textpage.get_text_range(i, 1)
                if char.strip():
                    chars.append((char, *textpage.get_charbox(i)))
            pages.append(chars)
        return pages
    finally:
        document.close()


def test_a_long_table_repeats_its_header_on_every_page(booklet: Booklet,
                                                        features: m.Lecture) -> None:
    long = tables(features)[1]
    pages = page_texts(booklet.pdf)
    rows = [" ".join(m.plain_text(c.content) for c in row) for row in long.rows]
    holding = [i for i, text in enumerate(pages) if any(row in text for row in rows)]
    assert len(holding) >= 2, "the long table should run over pages"
    for index in holding:
        assert "Year Soviets Members (thousands)" in pages[index], pages[index]


def test_tables_stay_inside_the_text_block(booklet: Booklet) -> None:
    geometry = GEOMETRY["a5"]
    mm = 72 / 25.4
    pages = _chars(booklet.pdf)
    for number, chars in enumerate(pages, start=1):
        if number in (1, len(pages)):
            continue  # the covers have their own margins
        inside, outside = geometry.inside * mm, geometry.outside * mm
        left, right = (inside, outside) if number % 2 else (outside, inside)
        for char, x0, _, x1, _ in chars:
            assert left - 1 <= x0 and x1 <= geometry.width * mm - right + 1, (number, char)


def test_right_aligned_numbers_line_up(booklet: Booklet) -> None:
    """In the long table's right-aligned columns, every number ends at the same x."""
    for chars in _chars(booklet.pdf):
        text = "".join(c[0] for c in chars)
        if "1,720" not in text or "1,270" not in text:
            continue
        ends = {}
        for number in ("1,720", "1,270", "1,280", "1,790"):
            at = text.index(number)
            ends[number] = chars[at + len(number) - 1][3]
        assert abs(ends["1,270"] - ends["1,280"]) < 0.2
        assert abs(ends["1,720"] - ends["1,790"]) < 0.2
        return
    pytest.fail("the long table's rows were not found")


def test_figure_caption_and_credit_are_separate_lines(booklet: Booklet) -> None:
    for chars in _chars(booklet.pdf):
        text = "".join(c[0] for c in chars)
        if "Drawingmade" not in text:
            continue
        caption = chars[text.index("1870")]
        credit = chars[text.index("Drawingmade")]
        assert credit[2] < caption[2] - 4, "the credit must sit on a line of its own"
        assert '"credit"' in booklet.html and '"caption"' in booklet.html
        return
    pytest.fail("the figure was not found")


def test_an_unplaced_key_quote_closes_its_chapter(booklet: Booklet,
                                                   features: m.Lecture) -> None:
    pages = page_texts(booklet.pdf)
    text = " ".join(pages)
    assert "The soviets are the organs of the insurrection" in text
    assert text.index("The prose goes on after the tables") < \
        text.index("The soviets are the organs of the insurrection") < \
        text.index("Which year saw the largest growth")


def test_a_table_in_the_source_is_not_printed_as_pipes(booklet: Booklet) -> None:
    text = " ".join(page_texts(booklet.pdf))
    assert "|" not in text and "---" not in text


def test_tables_render_on_every_paper(features: m.Lecture, tmp_path: Path) -> None:
    """A4 and Letter keep the table inside the block too (a different measure)."""
    lecture = dataclasses.replace(features, booklet=dataclasses.replace(features.booklet,
                                                                          paper="a4"))
    result = render(lecture)
    assert unexpected(result.logs) == []
    assert "Year Soviets Members (thousands)" in " ".join(page_texts(result.pdf))


# --- slides ---------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def plan(features: m.Lecture) -> DeckPlan:
    return plan_lecture_deck(features)


TABLE_SIZES = (28.0, 26.0, 24.0, 22.0, 20.0, 18.0)  # docs/deck.md: table cells, 28 to 18 pt


def body_area(plan: DeckPlan) -> Box:
    """Where lectern's own template puts a content slide's body."""
    return plan.template.regions["body"]


def table_slides(plan: DeckPlan) -> list[Slide]:
    return [s for s in plan.slides if s.kind == "table"]


def _text(box: TextBox) -> str:
    return "".join(p.text for p in box.paras)


def test_each_table_gets_slides_under_its_chapter_title(plan: DeckPlan,
                                                        features: m.Lecture) -> None:
    """Titled "Table 2: chapter title (1/3)": the table's number and the chapter's title."""
    slides = table_slides(plan)
    assert len(slides) >= 3
    numbers = set()
    for slide in slides:
        label, _, rest = slide.title.partition(": ")
        assert rest.startswith(features.chapters[0].title)
        assert label.startswith("Table\u00a0")
        numbers.add(int(label.split("\u00a0")[1]))
        (table,) = slide.tables
        assert _text(table.cells[0][0]) in ("Year", "Term")
    assert numbers == set(range(1, len(tables(features)) + 1))


def test_a_long_table_continues_with_its_header_and_every_row_once(
        plan: DeckPlan, features: m.Lecture) -> None:
    long = tables(features)[1]
    slides = [s for s in table_slides(plan) if _text(s.tables[0].cells[0][1]) == "Soviets"]
    assert len(slides) > 1
    assert [s.title for s in slides][-1].endswith(f"({len(slides)}/{len(slides)})")
    rows = [tuple(_text(c) for c in row) for s in slides for row in s.tables[0].cells[1:]]
    assert rows == [tuple(m.plain_text(c.content) for c in row) for row in long.rows]
    sizes = {c.size for s in slides for row in s.tables[0].cells for c in row}
    assert len(sizes) == 1 and min(sizes) >= TABLE_SIZES[-1]
    counts = [len(s.tables[0].cells) - 1 for s in slides]
    assert max(counts) - min(counts) <= 1, "rows are shared evenly between the slides"
    assert all(s.tables[0].cells[0][0].paras[0].runs[0].bold for s in slides)


def test_the_ladder_is_the_documented_one(plan: DeckPlan) -> None:
    assert plan.template.sizes["table"] == TABLE_SIZES


def test_every_cell_fits_its_row_and_the_table_fits_the_body(plan: DeckPlan) -> None:
    body = body_area(plan)
    for slide in table_slides(plan):
        (table,) = slide.tables
        assert sum(table.columns) <= body.w and table.box.x >= body.x
        assert table.box.bottom <= body.bottom
        title = slide.texts[0]
        assert table.box.y >= title.box.bottom
        for r, row in enumerate(table.cells):
            for c, cell in enumerate(row):
                assert cell.measured_height() * fit.EMU_PER_PT <= table.rows[r] + 1
                assert table.column_left(c) <= cell.box.x
                assert cell.box.x + cell.box.w <= table.column_left(c + 1)
                # Every line of the cell is one fit.wrap made in the cell's own width.
                frame = cell.frame()
                face = cell.font.measure
                for para in cell.paras:
                    for line in fit.wrap(para.runs, frame.inner_width, cell.size, face):
                        bold = para.runs[0].bold if para.runs else False
                        assert fit.text_width(line, cell.size, bold, False, face) <= \
                            frame.inner_width + 1


def test_the_size_is_the_largest_that_keeps_the_fewest_slides(features: m.Lecture,
                                                              plan: DeckPlan) -> None:
    body = body_area(plan)
    for source in tables(features):
        grid = Grid.of(source)
        chosen = plan_grid(grid, body.w, body.h, TABLE_SIZES, Measure())
        larger = [s for s in TABLE_SIZES if s > chosen.size]
        for size in larger:
            other = plan_grid(grid, body.w, body.h, (size,), Measure())
            assert len(other.groups) > len(chosen.groups) or other.too_wide or other.too_tall


def test_the_short_table_is_set_large_and_right_aligned(plan: DeckPlan) -> None:
    slide = table_slides(plan)[0]
    (table,) = slide.tables
    assert table.cells[0][0].size == TABLE_SIZES[0]
    assert [c.align for c in table.cells[1]] == ["l", "l", "r", "ctr"]
    captions = [t for t in slide.texts if t.role == "table-caption"]
    assert _text(captions[0]) == "Early soviets and their delegates."


def test_a_table_too_wide_for_a_slide_is_reported(features: m.Lecture) -> None:
    word = "Counterrevolutionaries"
    cells = tuple(m.TableCell((m.Text(word),)) for _ in range(14))
    wide = m.Table(cells, (cells,), ("",) * 14, (), m.SourcePos("chapters/x.md", 7, 1))
    chapter = dataclasses.replace(features.chapters[0], body=(wide,))
    lecture = dataclasses.replace(features, chapters=(chapter,))
    plan = plan_lecture_deck(lecture)
    assert any("too wide" in w.message and w.pos.line == 7 for w in plan.warnings)
    (table,) = table_slides(plan)[0].tables
    assert sum(table.columns) <= body_area(plan).w
    assert table.cells[0][0].size == TABLE_SIZES[-1]


def test_the_deck_holds_native_editable_tables(features: m.Lecture) -> None:
    (data,) = render_deck(plan_lecture_deck(features), features).values()
    prs = Presentation(BytesIO(data))
    found = 0
    for slide in prs.slides:
        for shape in slide.shapes:
            if not getattr(shape, "has_table", False):
                continue
            found += 1
            table = shape.table
            header = [c.text for c in table.rows[0].cells]
            assert header[0] in ("Year", "Term")
            for row in table.rows:
                for cell in row.cells:
                    for run in (r for p in cell.text_frame.paragraphs for r in p.runs):
                        assert run.font.size.pt >= TABLE_SIZES[-1]
    assert found == len(table_slides(plan_lecture_deck(features)))
    first = next(s for s in prs.slides if any(getattr(x, "has_table", False)
                                                for x in s.shapes))
    table = next(x for x in first.shapes if getattr(x, "has_table", False)).table
    assert [c.text for c in table.rows[3].cells] == ["1917", "Petrograd", "3,000", "50.0"]
    algn = [c.text_frame.paragraphs[0]._p.pPr.get("algn") for c in table.rows[1].cells]
    assert algn == ["l", "l", "r", "ctr"]


def test_the_chapter_schema_describes_tables() -> None:
    import json

    from click.testing import CliRunner

    from lectern.cli import cli

    result = CliRunner().invoke(cli, ["schema", "--which", "chapter"])
    described = json.loads(result.output)["description"]
    assert "pipe tables" in described and "Table:" in described and "---:" in described


def test_the_starter_lecture_has_a_table(tmp_path: Path) -> None:
    from click.testing import CliRunner

    from lectern.cli import cli

    assert CliRunner().invoke(cli, ["new", str(tmp_path / "new")]).exit_code == 0
    lecture, warnings = load_lecture(tmp_path / "new")
    assert not warnings
    (table,) = tables(lecture)
    assert table.caption and table.aligns[-1] == "right"


def test_rows_are_shared_evenly_and_quickly() -> None:
    from lectern.writers.deck_plan.kinds.table import balanced_groups

    groups = balanced_groups([10] * 41, 87)
    assert len(groups) == 6 and max(map(len, groups)) - min(map(len, groups)) <= 1
    assert [i for g in groups for i in g] == list(range(41))
    mixed = balanced_groups([10, 10, 200, 10, 10, 10], 50)
    assert [2] in mixed and all(sum([10, 10, 200, 10, 10, 10][i] for i in g) <= 50
                                for g in mixed if g != [2])
    many = balanced_groups([7, 13] * 10000, 100)
    assert [i for g in many for i in g] == list(range(20000))
    assert all(sum((7, 13)[i % 2] for i in g) <= 100 for g in many)
