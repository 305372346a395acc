"""The printed handout: paper, pages, slides placed as vector forms with their text, rules,
speaker notes, numbers and margins."""

from __future__ import annotations

import dataclasses
import io
import math
import subprocess
from pathlib import Path

import pikepdf
import pypdf
import pytest

from lectern import model as m
from lectern.outputs import plan_lecture_deck
from lectern.readers.lecture import load_lecture
from lectern.writers.deck_plan import DeckPlan
from lectern.writers.handout import handout_pdf
from lectern.writers.handout_layout import MM, Handout, plan_handout
from lectern.writers.slides_pdf import slides_pdf
from tests import slidecheck
from tests.conftest import LECTURES, require_tool


@pytest.fixture(scope="module")
def source() -> tuple[m.Lecture, DeckPlan, bytes]:
    lecture, _ = load_lecture(LECTURES / "mini")
    plan = plan_lecture_deck(lecture)
    return lecture, plan, slides_pdf(plan, lecture)


def _handout(source: tuple[m.Lecture, DeckPlan, bytes], **settings: object
             ) -> tuple[m.Lecture, Handout, bytes]:
    lecture, plan, slides = source
    lecture = dataclasses.replace(lecture, handout=dataclasses.replace(lecture.handout,
                                                                      **settings))
    notes = [s.notes for s in plan.slides]
    aspect = plan.width / plan.height
    return lecture, plan_handout(lecture, aspect, notes), handout_pdf(slides, notes, lecture)


def _text_inside(page_glyphs: list[slidecheck.Glyph], x: float, y: float, w: float,
                 h: float) -> str:
    return "".join(g.char for g in page_glyphs
                   if x <= g.box[0] and g.box[2] <= x + w and y <= g.box[1]
                   and g.box[3] <= y + h)


def test_three_slides_a_page_on_a4_with_their_text(
        source: tuple[m.Lecture, DeckPlan, bytes]) -> None:
    lecture, plan, slides = source
    _, layout, pdf = _handout(source)
    reader = pypdf.PdfReader(io.BytesIO(pdf))
    assert len(reader.pages) == math.ceil(len(plan.slides) / 3)
    for page in reader.pages:  # the mini lecture's booklet is A5: its handout is A4
        assert (float(page.mediabox.width), float(page.mediabox.height)) == pytest.approx(
            (210 * MM, 297 * MM), abs=0.01)
    handout_pages = list(slidecheck.open_pdf(pdf))
    slide_pages = list(slidecheck.open_pdf(slides))
    placed = 0
    for number, (page, planned) in enumerate(zip(handout_pages, layout.pages, strict=True),
                                             start=1):
        glyphs = slidecheck.glyphs(page)
        for index, rect in planned.slides:
            expected = slidecheck.squeeze("".join(g.char for g in slidecheck.glyphs(
                slide_pages[index])))
            shown = _text_inside(glyphs, rect.x - 0.5, rect.y - 0.5, rect.w + 1, rect.h + 1)
            assert slidecheck.squeeze(shown) == expected, (number, index)
            placed += 1
        top = _text_inside(glyphs, 0, 0, layout.width, 20 * MM)
        bottom = _text_inside(glyphs, 0, layout.height - 18 * MM, layout.width, 18 * MM)
        assert slidecheck.squeeze(top) == slidecheck.squeeze(lecture.title)
        assert slidecheck.squeeze(bottom) == f"{number}/{len(layout.pages)}"
    assert placed == len(plan.slides)


def test_slides_are_vector_forms_and_fonts_are_embedded(
        source: tuple[m.Lecture, DeckPlan, bytes], tmp_path: Path) -> None:
    _, _, pdf = _handout(source)
    with pikepdf.open(io.BytesIO(pdf)) as doc:
        for page in doc.pages:
            xobjects = page.obj.Resources.XObject
            assert len(xobjects) and all(xobjects[k].Subtype == "/Form" for k in xobjects)
    path = tmp_path / "handout.pdf"
    path.write_bytes(pdf)
    rows = subprocess.run([require_tool("pdffonts"), str(path)], capture_output=True, text=True,
                          check=True).stdout.splitlines()[2:]
    assert rows
    for row in rows:
        assert row.split()[0].split("+")[-1].startswith("Carlito"), row
        assert row.split()[-5:-2] == ["yes", "yes", "yes"], row


def test_numbers_beside_slides_and_ruled_lines(source: tuple[m.Lecture, DeckPlan, bytes]
                                               ) -> None:
    _, layout, pdf = _handout(source)
    pages = list(slidecheck.open_pdf(pdf))
    for page, planned in zip(pages, layout.pages, strict=True):
        glyphs = slidecheck.glyphs(page)
        for index, rect in planned.slides:
            above = _text_inside(glyphs, rect.x - 1, rect.y - 6 * MM, 20 * MM, 6 * MM)
            assert above == str(index + 1)
            rules = [r for r in planned.rules if r.x0 > rect.x + rect.w
                     and rect.y <= r.y <= rect.y + 80 * MM]
            assert len(rules) >= 5


@pytest.mark.parametrize(("per_page", "notes"), [(1, "lines"), (2, "lines"), (4, "lines"),
                                                 (6, "lines"), (3, "none"), (6, "none")])
def test_every_grid_holds_its_slides(source: tuple[m.Lecture, DeckPlan, bytes],
                                     per_page: int, notes: str) -> None:
    _, plan, _ = source
    _, layout, pdf = _handout(source, slides_per_page=per_page, notes=notes)
    assert len(pypdf.PdfReader(io.BytesIO(pdf)).pages) == math.ceil(
        len(plan.slides) / per_page) == len(layout.pages)
    width, height = layout.width, layout.height
    for page in layout.pages:
        assert len(page.slides) <= per_page
        rects = [r for _, r in page.slides]
        for r in rects:
            assert r.x >= 10 * MM and r.x + r.w <= width - 10 * MM
            assert r.y >= 15 * MM and r.y + r.h <= height - 15 * MM
            assert r.w / r.h == pytest.approx(plan.width / plan.height, rel=1e-6)
        for k, a in enumerate(rects):  # no two slides overlap
            for b in rects[k + 1:]:
                assert a.x + a.w <= b.x or b.x + b.w <= a.x or a.y + a.h <= b.y \
                    or b.y + b.h <= a.y
        assert bool(page.rules) == (notes == "lines")


def test_speaker_notes_follow_their_slides(source: tuple[m.Lecture, DeckPlan, bytes]) -> None:
    _, plan, _ = source
    _, layout, pdf = _handout(source, notes="speaker")
    # The text between the margins and outside the slides, page after page: a note may go
    # on over a page break.
    text = ""
    for page, planned in zip(slidecheck.open_pdf(pdf), layout.pages, strict=True):
        outside = [g for g in slidecheck.glyphs(page) if not any(
            r.x - 1 <= g.box[0] <= r.x + r.w + 1 and r.y - 1 <= g.box[1] <= r.y + r.h + 1
            for _, r in planned.slides)]
        text += _text_inside(outside, 0, 20 * MM, layout.width, layout.height - 38 * MM)
    text = slidecheck.squeeze(text)
    at = 0
    for slide in plan.slides:
        notes = slidecheck.squeeze(slide.notes)
        found = text.find(notes, at)
        assert found >= 0, slide.notes[:60]
        at = found + len(notes)
    assert sum(len(p.slides) for p in layout.pages) == len(plan.slides)
    lines = [t for p in layout.pages for t in p.texts if t.role == "notes"]
    assert all(t.baseline <= layout.height - 20 * MM for t in lines)


def test_letter_booklet_gives_a_letter_handout(source: tuple[m.Lecture, DeckPlan, bytes]
                                               ) -> None:
    lecture, plan, slides = source
    letter = dataclasses.replace(lecture, booklet=dataclasses.replace(lecture.booklet,
                                                                      paper="letter"))
    pdf = handout_pdf(slides, [s.notes for s in plan.slides], letter)
    page = pypdf.PdfReader(io.BytesIO(pdf)).pages[0]
    assert (float(page.mediabox.width), float(page.mediabox.height)) == (612, 792)
