"""The written .pptx: fit, notes, slide numbers, placeholders, metadata, bytes, rendered glyphs."""

from __future__ import annotations

import dataclasses
import datetime as dt
import io
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest
from pptx.enum.shapes import PP_PLACEHOLDER
from pptx.oxml.ns import qn

from lectern import model as m
from lectern.outputs import plan_lecture_deck
from lectern.readers.lecture import load_lecture
from lectern.system import soffice
from lectern.writers.deck import render_deck
from lectern.writers.deck_plan import LAYOUTS, DeckPlan
from tests import deckcheck
from tests.conftest import LECTURES, SOURCE, BuiltDeck

NAMES = ("mini", "stress", "default", "features")


def _lecture(name: str) -> m.Lecture:
    if name == "default":
        if not (SOURCE / "lecture.yaml").exists():
            pytest.skip("the default lecture (source/lecture.yaml) does not exist yet")
        lecture, _ = load_lecture(SOURCE)
    else:
        lecture, _ = load_lecture(LECTURES / name)
    return lecture


def _render(lecture: m.Lecture) -> bytes:
    (data,) = render_deck(plan_lecture_deck(lecture), lecture).values()
    return data


@pytest.fixture(scope="session")
def decks(fixture_deck: Callable[[str], BuiltDeck]) -> dict[str, tuple[m.Lecture, bytes]]:
    """The test lectures' decks, from the session's one build of each."""
    out: dict[str, tuple[m.Lecture, bytes]] = {}
    for name in NAMES:
        if name == "default" and not (SOURCE / "lecture.yaml").exists():
            continue
        built = fixture_deck(name)
        out[name] = (built.lecture, built.data)
    return out


@pytest.fixture(params=NAMES)
def deck(request: pytest.FixtureRequest,
         decks: dict[str, tuple[m.Lecture, bytes]]) -> tuple[str, m.Lecture, bytes]:
    if request.param not in decks:
        pytest.skip("the default lecture (source/lecture.yaml) does not exist yet")
    lecture, data = decks[request.param]
    return request.param, lecture, data


def _overflowing(lecture: m.Lecture) -> bytes:
    """A deliberately broken deck: every body box squeezed, so the PDF check must complain."""
    plan = plan_lecture_deck(lecture)
    slides = []
    for slide in plan.slides:
        # Written as lectern's own frames (no autofit: LibreOffice would shrink the text).
        texts = tuple(dataclasses.replace(t, box=dataclasses.replace(t.box, h=t.box.h // 4),
                                          style=None)
                      if t.role == "body" else t for t in slide.texts)
        slides.append(dataclasses.replace(slide, texts=texts))
    (data,) = render_deck(DeckPlan(tuple(slides), (), plan.template), lecture).values()
    return data


def _squeezed_tables(lecture: m.Lecture) -> bytes:
    """A deliberately broken deck: every table's rows a third as tall as their text needs."""
    plan = plan_lecture_deck(lecture)
    slides = []
    for slide in plan.slides:
        tables = tuple(dataclasses.replace(t, rows=tuple(h // 3 for h in t.rows))
                       for t in slide.tables)
        slides.append(dataclasses.replace(slide, tables=tables))
    (data,) = render_deck(DeckPlan(tuple(slides), (), plan.template), lecture).values()
    return data


@pytest.fixture(scope="session")
def pdfs(decks: dict[str, tuple[m.Lecture, bytes]],
         tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Every deck converted by one LibreOffice run (with a profile of its own)."""
    program = soffice()
    if program is None:
        pytest.skip("LibreOffice (soffice) is not installed: rendered-deck checks skipped")
    files = {f"{name}.pptx": data for name, (_, data) in decks.items()}
    files["overflow.pptx"] = _overflowing(decks["mini"][0])
    files["overflow-tables.pptx"] = _squeezed_tables(decks["features"][0])
    converted = deckcheck.convert_to_pdf(program, files, tmp_path_factory.mktemp("pdf"))
    return {Path(k).stem: v for k, v in converted.items()}


def test_every_text_frame_fits(deck: tuple[str, m.Lecture, bytes]) -> None:
    """Each frame's saved text, measured again from the XML with lectern.fit, the planner's
    own algorithm: this catches a writer that loses or changes what the planner sized, not
    a wrong measure. The independent check is the LibreOffice render below
    (test_rendered_glyphs_stay_inside_their_shapes)."""
    _, _, data = deck
    prs = deckcheck.open_deck(data)
    for number, slide in enumerate(prs.slides, start=1):
        for shape in deckcheck.text_shapes(slide):
            measured = deckcheck.measure_shape(shape)
            assert measured.needed <= measured.height + 0.01, (number, measured)


def test_frames_do_not_autofit_and_wrap(deck: tuple[str, m.Lecture, bytes]) -> None:
    """lectern's own text boxes wrap and never autofit; a placeholder keeps its template's
    frame, a normAutofit at full scale (PowerPoint shrinks text once someone edits it)."""
    prs = deckcheck.open_deck(deck[2])
    placeholders = 0
    for slide in prs.slides:
        for shape in deckcheck.text_shapes(slide):
            body_pr = shape.text_frame._txBody.find(qn("a:bodyPr"))
            if shape.is_placeholder and shape.placeholder_format.type != \
                    PP_PLACEHOLDER.SLIDE_NUMBER:
                placeholders += 1
                assert set(body_pr.attrib) <= {"vert", "numCol"}, shape.name
                assert [c.tag for c in body_pr] in ([], [qn("a:normAutofit")])
                assert not any(c.attrib for c in body_pr)
            else:
                assert body_pr.get("wrap") == "square"
                assert body_pr.find(qn("a:noAutofit")) is not None
            for r_pr in shape.text_frame._txBody.iter(qn("a:rPr")):
                assert r_pr.get("sz"), shape.name
    assert placeholders


def test_notes_on_every_content_slide(deck: tuple[str, m.Lecture, bytes]) -> None:
    prs = deckcheck.open_deck(deck[2])
    for number, slide in enumerate(prs.slides, start=1):
        assert slide.has_notes_slide, number
        assert slide.notes_slide.notes_text_frame.text.strip(), number


def test_slide_numbers_on_every_slide_but_the_first(deck: tuple[str, m.Lecture, bytes]) -> None:
    prs = deckcheck.open_deck(deck[2])
    for number, slide in enumerate(prs.slides, start=1):
        fields = [f for f in slide.shapes._spTree.iter(qn("a:fld"))
                  if f.get("type") == "slidenum"]
        holders = [s for s in slide.placeholders
                   if s.placeholder_format.type == PP_PLACEHOLDER.SLIDE_NUMBER]
        if number == 1:
            assert not fields and not holders
        else:
            assert len(fields) == 1 and len(holders) == 1, number
            assert fields[0].findtext(qn("a:t")) == str(number)


def test_no_empty_placeholders(deck: tuple[str, m.Lecture, bytes]) -> None:
    prs = deckcheck.open_deck(deck[2])
    for number, slide in enumerate(prs.slides, start=1):
        for shape in slide.placeholders:
            assert shape.has_text_frame and shape.text_frame.text.strip(), (number, shape.name)


def test_layouts_found_by_name(deck: tuple[str, m.Lecture, bytes]) -> None:
    prs = deckcheck.open_deck(deck[2])
    assert prs.slide_width == 12192000 and prs.slide_height == 6858000
    assert {s.slide_layout.name for s in prs.slides} <= set(LAYOUTS)


def test_core_properties_from_the_lecture(deck: tuple[str, m.Lecture, bytes]) -> None:
    _, lecture, data = deck
    props = deckcheck.open_deck(data).core_properties
    stamp = dt.datetime.combine(lecture.date, dt.time())
    assert props.title == lecture.title
    assert props.author.split("; ")[0] == lecture.authors[0]
    assert props.language == lecture.language
    assert props.created == props.modified == props.last_printed == stamp
    assert props.revision == 1
    assert props.last_modified_by
    assert props.keywords.startswith(lecture.keywords[0])


def test_two_renders_are_byte_identical(deck: tuple[str, m.Lecture, bytes]) -> None:
    _, lecture, data = deck
    assert _render(lecture) == data
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        assert {i.date_time for i in archive.infolist()} == {(1980, 1, 1, 0, 0, 0)}
        assert archive.namelist()[0] == "[Content_Types].xml"


def test_package_is_what_python_pptx_would_save(deck: tuple[str, m.Lecture, bytes]) -> None:
    """The writer builds parts, relationships and content types itself: python-pptx, reading
    the deck and saving it again, must write every item the same (core.xml aside: python-pptx
    writes an empty element there as <x></x> when set and <x/> when read back)."""
    data = deck[2]
    again = io.BytesIO()
    deckcheck.open_deck(data).save(again)
    with zipfile.ZipFile(io.BytesIO(data)) as ours, zipfile.ZipFile(again) as theirs:
        assert sorted(ours.namelist()) == sorted(theirs.namelist())
        differ = [n for n in ours.namelist() if ours.read(n) != theirs.read(n)]
    assert differ in ([], ["docProps/core.xml"])


def test_quote_slides_carry_the_original(deck: tuple[str, m.Lecture, bytes]) -> None:
    _, lecture, data = deck
    originals = [q.original for q in lecture.quotes() if q.original]
    if not originals:
        pytest.skip("this lecture has no quote with an original")
    text = "\n".join(s.text_frame.text for slide in deckcheck.open_deck(data).slides
                     for s in deckcheck.text_shapes(slide))
    for original in originals:
        first_words = " ".join(original.split()[:3])
        assert first_words in text


def test_picture_alt_text(deck: tuple[str, m.Lecture, bytes]) -> None:
    prs = deckcheck.open_deck(deck[2])
    pictures = [s for slide in prs.slides for s in slide.shapes if s.shape_type == 13]
    for picture in pictures:
        assert picture._element.nvPicPr.cNvPr.get("descr")


def test_rendered_glyphs_stay_inside_their_shapes(deck: tuple[str, m.Lecture, bytes],
                                                   pdfs: dict[str, Path]) -> None:
    name, _, data = deck
    strays = deckcheck.stray_glyphs(deckcheck.open_deck(data), pdfs[name])
    assert not strays, "\n".join(map(str, strays[:20]))


def test_pdf_check_catches_overflow(decks: dict[str, tuple[m.Lecture, bytes]],
                                    pdfs: dict[str, Path]) -> None:
    data = _overflowing(decks["mini"][0])
    assert deckcheck.stray_glyphs(deckcheck.open_deck(data), pdfs["overflow"])


def test_pdf_check_catches_a_table_row_that_grows(decks: dict[str, tuple[m.Lecture, bytes]],
                                                  pdfs: dict[str, Path]) -> None:
    data = _squeezed_tables(decks["features"][0])
    strays = deckcheck.stray_glyphs(deckcheck.open_deck(data), pdfs["overflow-tables"])
    assert any("cell" in s.shape for s in strays)


def test_rendered_pages_match_slides(decks: dict[str, tuple[m.Lecture, bytes]],
                                     pdfs: dict[str, Path]) -> None:
    import pypdfium2 as pdfium

    for name, (_, data) in decks.items():
        pdf = pdfium.PdfDocument(str(pdfs[name]))
        try:
            assert len(pdf) == len(deckcheck.open_deck(data).slides)
            width, height = pdf[0].get_size()
            assert round(width) == 960 and round(height) == 540
        finally:
            pdf.close()
