"""Decks on templates lectern has never seen: layouts by role, size, geometry, fonts, colours,
and hostile templates that lose what is unsafe or are refused at the deck: line."""

from __future__ import annotations

import dataclasses
import io
import re
import zipfile
from pathlib import Path

import pytest
from pptx import Presentation

from lectern import model as m
from lectern.box import Box
from lectern.deck_template import colours, load
from lectern.readers.lecture import load_lecture
from lectern.writers.deck import render_deck
from lectern.writers.deck_plan import DeckPlan, plan_deck
from tests import templates as t
from tests.conftest import SOURCE

DECK = m.SourcePos("lecture.yaml", 30, 1)
A = "{http://schemas.openxmlformats.org/drawingml/2006/main}"


@pytest.fixture(scope="session")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    return t.write_all(tmp_path_factory.mktemp("templates"), t.corpus())


@pytest.fixture(scope="session")
def lecture() -> m.Lecture:
    lecture, _ = load_lecture(SOURCE)
    return lecture


def _on(lecture: m.Lecture, path: Path, layouts: tuple[m.LayoutChoice, ...] = ()
        ) -> m.Lecture:
    return dataclasses.replace(lecture, deck=m.DeckSettings(path, DECK, layouts))


def _build(lecture: m.Lecture) -> tuple[DeckPlan, bytes, list[str]]:
    template, problems = load(lecture)
    assert template is not None, [d.format() for d in problems]
    plan = plan_deck(lecture, template)
    (data,) = render_deck(plan, lecture).values()
    return plan, data, [d.format() for d in problems]


def _decorations(prs: object, slide: object) -> list[tuple[int, int, int, int]]:
    """Boxes of the pictures and shapes the slide's layout and master draw themselves."""
    layout = slide.slide_layout  # type: ignore[attr-defined]
    shapes = list(layout.shapes) + list(layout.slide_master.shapes)
    boxes = []
    for shape in shapes:
        if shape.is_placeholder or shape.width is None:
            continue
        if shape.width * shape.height > 0.5 * prs.slide_width * prs.slide_height:  # type: ignore[attr-defined]
            continue  # a backdrop: text may lie on it (its contrast is checked apart)
        boxes.append((shape.left, shape.top, shape.width, shape.height))
    return boxes


TEXT_PLACEHOLDERS = ("TITLE", "CENTER_TITLE", "SUBTITLE", "BODY", "OBJECT")


def _placeholder_area(slide: object) -> tuple[int, int, int, int]:
    """The box around the text placeholders of a slide's layout (where its text may go)."""
    boxes = [(p.left, p.top, p.left + p.width, p.top + p.height)
             for p in slide.slide_layout.placeholders  # type: ignore[attr-defined]
             if p.placeholder_format.type.name in TEXT_PLACEHOLDERS and p.width is not None]
    x0, y0 = min(b[0] for b in boxes), min(b[1] for b in boxes)
    return x0, y0, max(b[2] for b in boxes) - x0, max(b[3] for b in boxes) - y0


def _within(a: tuple[int, int, int, int], b: tuple[int, int, int, int]) -> bool:
    return b[0] <= a[0] and b[1] <= a[1] and a[0] + a[2] <= b[0] + b[2] and \
        a[1] + a[3] <= b[1] + b[3]


def _overlap(a: tuple[int, int, int, int], b: tuple[int, int, int, int]) -> bool:
    return a[0] < b[0] + b[2] and b[0] < a[0] + a[2] and a[1] < b[1] + b[3] and b[1] < a[1] + a[3]


NAMES = ("lectern.pptx", "python-pptx.pptx", "two-masters.pptx", "light-section.pptx",
         "dark-section.pptx", "bars-10x5.625.pptx", "16x10.pptx", "german.pptx",
         "russian.pptx", "verdana.pptx", "cambria-calibri.potx", "checkerboard.pptx")


@pytest.mark.parametrize("name", NAMES)
def test_the_default_lecture_builds_on_every_template(name: str, corpus: dict[str, Path],
                                                      lecture: m.Lecture) -> None:
    plan, data, _ = _build(_on(lecture, corpus[name]))
    prs = Presentation(io.BytesIO(data))
    source = Presentation(io.BytesIO(t.files_of(corpus[name].read_bytes()) and
                                     corpus[name].read_bytes())) if name.endswith(".pptx") \
        else None
    if source is not None:
        assert (prs.slide_width, prs.slide_height) == (source.slide_width, source.slide_height)
    assert len(prs.slides) == len(plan.slides)
    for number, slide in enumerate(prs.slides, start=1):
        texts = [s for s in slide.shapes if s.has_text_frame and s.text_frame.text.strip()]
        for shape in texts:
            assert shape.left >= 0 and shape.left + shape.width <= prs.slide_width, number
            assert shape.top >= 0 and shape.top + shape.height <= prs.slide_height, number
        boxes = [(s.left, s.top, s.width, s.height) for s in texts]
        for i, a in enumerate(boxes):
            assert not any(_overlap(a, b) for b in boxes[i + 1:]), f"slide {number} overlaps"
            # Text lies over the template's shapes only where the designer put placeholders.
            assert not any(_overlap(a, d) for d in _decorations(prs, slide)) or \
                _within(a, _placeholder_area(slide)), \
                f"slide {number}: text over the template's own shapes outside its placeholders"


@pytest.mark.parametrize("name", NAMES)
def test_every_text_colour_reads_on_its_layout(name: str, corpus: dict[str, Path],
                                               lecture: m.Lecture) -> None:
    plan, _, _ = _build(_on(lecture, corpus[name]))
    for slide in plan.slides:
        layout = plan.template.layout(slide.kind)
        background = colours.luminance(layout.background)
        for box in slide.texts:
            plate = next((p.plate for p in slide.plates if _under(p.box, box.box)), None)
            ratio = colours.contrast(colours.luminance(box.rgb), background) if plate is None \
                else min(_over_black_and_white(box.rgb, plate.rgb, plate.opacity))
            assert ratio >= 4.5, (slide.kind, box.role, box.color, ratio)


def _under(plate: Box, text: Box) -> bool:
    """Whether a plate lies under a text box: across its whole width, over some of its
    height (a plate is as tall as the lines, which the rendered checks place)."""
    return plate.x <= text.x and text.right <= plate.right and plate.overlaps(text)


def _over_black_and_white(text: str, plate: str, opacity: float) -> list[float]:
    """The contrast of a text colour with a plate over a black and over a white pixel,
    blended channel by channel as an sRGB renderer does it."""
    out = []
    for under in (0, 255):
        mixed = [round(opacity * int(plate[i:i + 2], 16) + (1 - opacity) * under)
                 for i in (0, 2, 4)]
        seen = colours.luminance("".join(f"{v:02X}" for v in mixed))
        out.append(colours.contrast(colours.luminance(text), seen))
    return out


def test_text_on_a_busy_picture_goes_on_plates(corpus: dict[str, Path],
                                               lecture: m.Lecture) -> None:
    """A background of black and white squares: every text box, the timeline and the slide
    number lie on plates, drawn first on their slides, on which every colour reads."""
    plan, data, problems = _build(_on(lecture, corpus["checkerboard.pptx"]))
    assert not [p for p in problems if "readable" in p]
    assert _build(_on(lecture, corpus["checkerboard.pptx"]))[1] == data  # byte-identical
    prs = Presentation(io.BytesIO(data))
    for planned, slide in zip(plan.slides, prs.slides, strict=True):
        assert planned.plates, planned.kind
        for box in planned.texts:
            plate = next(p.plate for p in planned.plates if _under(p.box, box.box))
            assert min(_over_black_and_white(box.rgb, plate.rgb, plate.opacity)) >= 4.5
        for shape in planned.shapes:
            assert any(p.box.contains(shape.box) for p in planned.plates), planned.kind
        boxes = [p.box for p in planned.plates]
        assert not any(a.overlaps(b) for i, a in enumerate(boxes) for b in boxes[i + 1:])
        shapes = list(slide.shapes)
        plates = [s for s in shapes if s.name.startswith("Plate")]
        assert shapes[:len(plates)] == plates and len(plates) == len(planned.plates)
        for shape in plates:
            sp_pr = shape._element.spPr
            assert sp_pr.find(f"{A}solidFill/{A}schemeClr/{A}alpha") is not None
            assert sp_pr.find(f"{A}ln/{A}noFill") is not None
            assert not shape.has_text_frame or not shape.text_frame.text
    numbered = [s for s in plan.slides if s.numbered]
    layout = plan.template.layout(numbered[0].kind)
    assert layout.number is not None
    assert all(any(p.box.contains(_number_digits(layout.number)) for p in s.plates)
               for s in numbered)


def _number_digits(box: Box) -> Box:
    """The right end of a slide-number box, where its digits go."""
    return Box(box.right - 12700 * 20, box.y, 12700 * 20, box.h)


def test_the_slides_pdf_draws_the_plates_too(corpus: dict[str, Path],
                                            lecture: m.Lecture) -> None:
    import pikepdf

    from lectern.writers.slides_pdf import slides_pdf

    on = _on(lecture, corpus["checkerboard.pptx"])
    plan, _, _ = _build(on)
    count = sum(len(s.plates) for s in plan.slides)
    found = 0
    with pikepdf.open(io.BytesIO(slides_pdf(plan, on))) as pdf:
        for page, slide in zip(pdf.pages, plan.slides, strict=True):
            # Each plate is a rectangle of its box (in points from the top left corner).
            rects = [tuple(round(float(v), 1) for v in operands)
                     for operands, op in pikepdf.parse_content_stream(page) if str(op) == "re"]
            for plate in slide.plates:
                box = plate.box
                wanted = tuple(round(v / 12700, 1) for v in (box.x, box.y, box.w, box.h))
                found += wanted in rects
    assert count and found == count


def test_plates_only_where_nothing_reads(corpus: dict[str, Path], lecture: m.Lecture) -> None:
    plan, _, _ = _build(_on(lecture, corpus["python-pptx.pptx"]))
    assert not any(s.plates for s in plan.slides)
    assert all(lay.plate is None and lay.number_plate is None for _, lay in plan.template.roles)


def test_the_template_report_names_the_plates(corpus: dict[str, Path],
                                              lecture: m.Lecture) -> None:
    from lectern.deck_template import report

    template, problems = load(_on(lecture, corpus["checkerboard.pptx"]))
    assert template is not None
    lines = report(template)
    content = next(line for line in lines if line.startswith("content "))
    assert "text tx1 14.8:1" in content and "on a plate of bg1 (85% opaque)" in content
    assert any(line.startswith("plates: ") for line in lines)
    assert not [d for d in problems if "readable" in d.message]


def test_layouts_are_found_by_role(corpus: dict[str, Path], lecture: m.Lecture) -> None:
    expected = {"python-pptx.pptx": ("Title Slide", "Section Header", "Title and Content",
                                     "Title Only"),
                "two-masters.pptx": ("Title Slide", "Section Header", "Title and Content",
                                     "Title Only"),
                "german.pptx": ("Titelfolie", "Abschnittsüberschrift", "Titel und Inhalt",
                                "Nur Titel"),
                "russian.pptx": ("Титульный слайд", "Заголовок раздела", "Заголовок и объект",
                                 "Только заголовок")}
    for name, (title, section, content, quote) in expected.items():
        template, _ = load(_on(lecture, corpus[name]))
        assert template is not None
        got = [template.layout(k).name for k in ("title", "section", "points", "quote")]
        assert got == [title, section, content, quote], name
    two, _ = load(_on(lecture, corpus["two-masters.pptx"]))
    assert two is not None and two.layout("points").master == 1


def test_a_mapping_in_lecture_yaml_comes_first(corpus: dict[str, Path],
                                               lecture: m.Lecture) -> None:
    at = m.SourcePos("lecture.yaml", 33, 5)
    template, _ = load(_on(lecture, corpus["python-pptx.pptx"],
                           (m.LayoutChoice("section", "Title Only", pos=at),
                            m.LayoutChoice("content", "Comparison", pos=at))))
    assert template is not None
    assert template.layout("section").name == "Title Only"
    assert template.layout("points").name == "Comparison"
    missing = _on(lecture, corpus["python-pptx.pptx"], (m.LayoutChoice("quote", "Quotation",
                                                                       pos=at),))
    template, problems = load(missing)
    assert template is None
    assert [d.format() for d in problems] == [
        "lecture.yaml:33:5: error: the deck template has no layout named 'Quotation' for "
        "quote slides; it offers 'Title Slide', 'Title and Content', 'Section Header', "
        "'Two Content', 'Comparison', 'Title Only', 'Blank', 'Content with Caption', "
        "'Picture with Caption', 'Title and Vertical Text', 'Vertical Title and Text'"]


def test_section_text_reads_on_light_and_dark_layouts(corpus: dict[str, Path],
                                                      lecture: m.Lecture) -> None:
    for name, wanted in (("light-section.pptx", "tx1"), ("dark-section.pptx", "bg1")):
        plan, _, _problems = _build(_on(lecture, corpus[name]))
        section = next(s for s in plan.slides if s.kind == "section")
        title = next(b for b in section.texts if b.role == "section-title")
        assert title.color == wanted, name


def test_fonts_are_the_themes_and_measured_alike(corpus: dict[str, Path],
                                                 lecture: m.Lecture) -> None:
    plan, data, problems = _build(_on(lecture, corpus["cambria-calibri.potx"]))
    title = plan.slides[1].texts[0]
    body = plan.slides[1].texts[1]
    assert (title.font.typeface, title.font.measure) == ("Cambria", "caladea")
    assert (body.font.typeface, body.font.measure) == ("Calibri", "carlito")
    # The faces are the theme's: inherited, not written on the slide.
    assert b"<a:latin" not in t.files_of(data)["ppt/slides/slide2.xml"]
    plan, data, problems = _build(_on(lecture, corpus["verdana.pptx"]))
    assert all(b.font.typeface == "Calibri" for s in plan.slides for b in s.texts)
    assert [p for p in problems if "theme font" in p] == [
        "lecture.yaml:30:1: warning: lectern cannot measure the theme font 'Verdana' of "
        "verdana.pptx; its slides are set in Calibri (measured as Carlito) so that no text "
        "overflows (use a theme font from the table in docs/deck.md to keep yours)"]


def test_the_output_describes_lectern_s_deck(corpus: dict[str, Path],
                                             lecture: m.Lecture) -> None:
    plan, data, _ = _build(_on(lecture, corpus["python-pptx.pptx"]))
    files = t.files_of(data)
    app = files["docProps/app.xml"].decode()
    assert "<Application>lectern</Application>" in app
    assert f"<Slides>{len(plan.slides)}</Slides>" in app
    assert plan.slides[1].title in app
    assert not [n for n in files if n.startswith(("ppt/embeddings", "ppt/printerSettings"))]
    _, again, _ = _build(_on(lecture, corpus["python-pptx.pptx"]))
    assert again == data


# --- hostile templates -------------------------------------------------------------------


def _hostile(tmp_path: Path, lecture: m.Lecture, data: bytes,
             name: str = "bad.pptx") -> tuple[m.Lecture, Path]:
    path = tmp_path / name
    path.write_bytes(data)
    return _on(lecture, path), path


@pytest.mark.parametrize(("edit", "dropped"), [
    (t.external_links, "links to files outside it"),
    (t.embedded_object, "embedded objects"),
    (t.macros, "a macro project"),
])
def test_unsafe_parts_are_left_out_with_one_warning(edit: t.Edit, dropped: str,
                                                    tmp_path: Path, lecture: m.Lecture) -> None:
    bad, _ = _hostile(tmp_path, lecture, t.edited(t.TEMPLATE.read_bytes(), edit))
    _, data, problems = _build(bad)
    assert problems == [f"lecture.yaml:30:1: warning: the deck template bad.pptx brought "
                        f"{dropped}; lectern left them out of the deck"]
    files = t.files_of(data)
    rels = b"".join(v for k, v in files.items() if k.endswith(".rels"))
    assert b"External" not in rels and b"attacker" not in b"".join(files.values())
    assert not [n for n in files if "embeddings" in n or "vbaProject" in n]
    assert b"macroEnabled" not in files["[Content_Types].xml"]
    assert b"oleObj" not in b"".join(files.values())
    Presentation(io.BytesIO(data))  # still a deck python-pptx opens


@pytest.mark.parametrize(("make", "message"), [
    (lambda: t.edited(t.TEMPLATE.read_bytes(), t.undeclared_entity),
     "its part ppt/slideLayouts/slideLayout1.xml is not well-formed XML"),
    (lambda: t.edited(t.TEMPLATE.read_bytes(), t.billion_laughs),
     "its part ppt/slideLayouts/slideLayout1.xml declares a DTD (<!DOCTYPE>), which a "
     "PowerPoint file never has"),
    (lambda: t.edited(t.TEMPLATE.read_bytes(), t.unlinked_layouts),
     "it has no slide master with layouts"),
    (lambda: t.edited(t.TEMPLATE.read_bytes(), t.no_content_types),
     "it has no [Content_Types].xml, so it is not a PowerPoint file"),
    (lambda: t.edited(t.pptx_default(), t.not_utf8),
     "is not well-formed XML"),
    (lambda: b"just text, not a presentation",
     "it is not a PowerPoint file (not a zip archive)"),
    (lambda: b"\xd0\xcf\x11\xe0" + b"\0" * 100,
     "it is encrypted with a password, or an old binary .ppt file"),
])
def test_unusable_templates_are_errors_at_the_deck_line(make: object, message: str,
                                                        tmp_path: Path,
                                                        lecture: m.Lecture) -> None:
    bad, _ = _hostile(tmp_path, lecture, make())  # type: ignore[operator]
    template, problems = load(bad)
    assert template is None
    (problem,) = problems
    assert problem.pos == DECK and problem.severity == "error"
    assert message in problem.message
    assert problem.message.startswith("the deck template bad.pptx cannot be used: ")


def test_names_in_comments_and_other_encodings_are_read_as_xml(tmp_path: Path,
                                                               lecture: m.Lecture) -> None:
    bad, _ = _hostile(tmp_path, lecture, t.edited(t.TEMPLATE.read_bytes(), t.names_in_comments))
    template, _problems = load(bad)
    assert template is not None and "lectern Title" not in template.layout_names
    _build(bad)
    latin, _ = _hostile(tmp_path, lecture, t.edited(t.pptx_default(), t.latin1_names), "l.pptx")
    template, _ = load(latin)
    assert template is not None and "Titre seul é" in template.layout_names
    _build(latin)


def test_an_archive_bomb_is_refused_before_it_is_inflated(tmp_path: Path,
                                                          lecture: m.Lecture) -> None:
    data = t.bomb(3 << 30)
    assert len(data) < 8 << 20
    bad, _ = _hostile(tmp_path, lecture, data)
    template, problems = load(bad)
    assert template is None
    assert re.search(r"its part ppt/slideLayouts/slideLayout1.xml would unpack to 3072 MiB; "
                     r"the limit is 64 MiB", problems[0].message)


def test_the_template_report(corpus: dict[str, Path], lecture: m.Lecture) -> None:
    from lectern.deck_template import report

    template, _ = load(_on(lecture, corpus["bars-10x5.625.pptx"]))
    assert template is not None
    lines = report(template)
    assert lines[0].startswith("template bars-10x5.625.pptx: 10.000 × 5.625 in")
    assert any(line.startswith("section   'Section Header'") for line in lines)
    assert any("measured as Carlito" in line for line in lines)


def test_zip_has_no_slides_of_the_template(corpus: dict[str, Path]) -> None:
    with zipfile.ZipFile(corpus["python-pptx.pptx"]) as archive:
        assert not [n for n in archive.namelist() if n.startswith("ppt/slides/")]


def test_template_command_reports_and_refuses(corpus: dict[str, Path], tmp_path: Path) -> None:
    from click.testing import CliRunner

    from lectern.cli import cli

    result = CliRunner().invoke(cli, ["template", str(corpus["german.pptx"])])
    assert result.exit_code == 0
    assert "section   'Abschnittsüberschrift' (master 1, layout type)" in result.output
    bad = tmp_path / "notes.pptx"
    bad.write_text("not a deck")
    result = CliRunner().invoke(cli, ["template", str(bad)])
    assert result.exit_code == 1
    assert "error: the deck template cannot be used: it is not a PowerPoint file" in \
        result.output


def test_lecterns_own_template_passes_the_rehearsal() -> None:
    """A build skips rehearsing lectern's own template (it ships with lectern): here it is
    rehearsed as any template of a lecturer's would be, and python-pptx opens it."""
    from lectern.deck_template import package as pk
    from lectern.deck_template.clean import Cleaner
    from lectern.deck_template.rehearse import rehearse
    from lectern.deck_template.types import TEMPLATE

    data = TEMPLATE.read_bytes()
    clean = Cleaner(pk.Package(data, pk.read_archive(data))).run()
    rehearse(clean.parts)  # raises TemplateError where python-pptx cannot read the package
    assert clean.parts
