"""Tables: read from pipe tables into the model, and typeset in the booklet as a reader sees it."""

from __future__ import annotations

from io import BytesIO
from pathlib import Path

import pypdfium2 as pdfium
import pytest

from lectern import model as m
from lectern.readers.lecture import load_lecture
from lectern.writers.booklet_html import GEOMETRY
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
    import dataclasses

    lecture = dataclasses.replace(features, booklet=dataclasses.replace(features.booklet,
                                                                          paper="a4"))
    result = render(lecture)
    assert unexpected(result.logs) == []
    assert "Year Soviets Members (thousands)" in " ".join(page_texts(result.pdf))
