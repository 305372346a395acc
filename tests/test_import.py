"""`lectern import` on decks lectern did not make: one python-pptx builds with groups, a chart,
columns, notes and things a lecture cannot hold, one pandoc writes, and files that are not
decks. The imported lecture is read back with lectern's own reader and its deck opened."""

from __future__ import annotations

import io
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from lxml import etree
from PIL import Image
from pptx import Presentation
from pptx.chart.data import CategoryChartData
from pptx.enum.chart import XL_CHART_TYPE
from pptx.util import Inches, Pt

from lectern import model as m
from lectern.cli import main
from lectern.importer.read import slide_texts
from lectern.readers.lecture import load_lecture

TIMING = ('<p:timing xmlns:p="http://schemas.openxmlformats.org/presentationml/2006/main">'
          '<p:tnLst><p:par><p:cTn id="1" dur="indefinite" nodeType="tmRoot"><p:childTnLst>'
          '<p:animEffect transition="in" filter="fade"><p:cBhvr><p:cTn id="2" dur="500"/>'
          '<p:tgtEl><p:spTgt spid="3"/></p:tgtEl></p:cBhvr></p:animEffect></p:childTnLst>'
          '</p:cTn></p:par></p:tnLst></p:timing>')


# A SmartArt frame whose drawing parts are missing: nothing anyone can draw.
DIAGRAM = ('<p:graphicFrame xmlns:p="http://schemas.openxmlformats.org/presentationml/2006/main" '
           'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main"><p:nvGraphicFramePr>'
           '<p:cNvPr id="90" name="Diagram 9"/><p:cNvGraphicFramePr/><p:nvPr/>'
           '</p:nvGraphicFramePr><p:xfrm><a:off x="8229600" y="4114800"/>'
           '<a:ext cx="2743200" cy="1828800"/></p:xfrm><a:graphic><a:graphicData '
           'uri="http://schemas.openxmlformats.org/drawingml/2006/diagram"/></a:graphic>'
           '</p:graphicFrame>')


def _picture() -> io.BytesIO:
    out = io.BytesIO()
    Image.new("RGB", (80, 60), (30, 90, 160)).save(out, "PNG")
    out.seek(0)
    return out


def _box(slide, x: float, y: float, text: str, w: float = 4.0):
    shape = slide.shapes.add_textbox(Inches(x), Inches(y), Inches(w), Inches(1))
    shape.text_frame.text = text
    return shape


def make_deck(path: Path) -> None:
    """Six slides without section slides: a title slide, two under one title, a chart and a
    group, a quotation, a table and a picture."""
    prs = Presentation()
    prs.slide_width, prs.slide_height = Inches(13.333), Inches(7.5)
    title = prs.slides.add_slide(prs.slide_layouts[0])
    title.shapes.title.text = "Imported Lecture"
    title.placeholders[1].text = "What a deck holds\nAda Example and Ben Example · 5 March 2024"

    alpha = prs.slides.add_slide(prs.slide_layouts[1])
    alpha.shapes.title.text = "Alpha"
    body = alpha.placeholders[1].text_frame
    body.text = "First point with "
    bold = body.paragraphs[0].add_run()
    bold.text = "bold words"
    bold.font.bold = True
    second = body.add_paragraph()
    link = second.add_run()
    link.text = "a linked page"
    link.hyperlink.address = "https://example.org/page"
    nested = body.add_paragraph()
    nested.text = "a nested point"
    nested.level = 1
    alpha.notes_slide.notes_text_frame.text = "Alpha notes for the speaker."

    columns = prs.slides.add_slide(prs.slide_layouts[5])
    columns.shapes.title.text = "Alpha"
    _box(columns, 7.0, 2.0, "Right column text.")  # first in the file, second in reading
    _box(columns, 1.0, 2.1, "Left column text.")
    _box(columns, 15.0, 2.0, "Hidden beyond the edge.")
    columns.notes_slide.notes_text_frame.text = "Columns notes."
    columns.shapes.add_movie(io.BytesIO(b"\0\0\0\x18ftypmp42"), Inches(1), Inches(4.5),
                             Inches(2), Inches(1.5), poster_frame_image=_picture(),
                             mime_type="video/mp4")
    columns.shapes._spTree.append(etree.fromstring(DIAGRAM))

    beta = prs.slides.add_slide(prs.slide_layouts[5])
    beta.shapes.title.text = "Beta"
    data = CategoryChartData()
    data.categories = ["1905", "1917"]
    data.add_series("Soviets", (1, 900))
    beta.shapes.add_chart(XL_CHART_TYPE.COLUMN_CLUSTERED, Inches(1), Inches(2), Inches(5),
                          Inches(4), data)
    group = beta.shapes.add_group_shape()
    _box(group, 7.0, 2.0, "Text inside a group.")
    _box(group, 7.0, 3.5, "More text in the group.")
    beta.element.append(etree.fromstring(TIMING))

    quote = prs.slides.add_slide(prs.slide_layouts[5])
    quote.shapes.title.text = "Beta"
    _box(quote, 1.0, 2.0, "“To be, or not to be”", 10.0)
    _box(quote, 1.0, 3.5, "— William Shakespeare, Hamlet, 1603", 10.0)
    quote.notes_slide.notes_text_frame.text = "Quote notes."

    gamma = prs.slides.add_slide(prs.slide_layouts[5])
    gamma.shapes.title.text = "Gamma"
    table = gamma.shapes.add_table(3, 2, Inches(1), Inches(2), Inches(5), Inches(2)).table
    for r, row in enumerate((("Year", "Count"), ("1905", "1"), ("1917", "900"))):
        for c, text in enumerate(row):
            table.cell(r, c).text = text
    pic = gamma.shapes.add_picture(_picture(), Inches(7), Inches(2), Inches(4))
    pic._element.nvPicPr.cNvPr.set("descr", "A blue rectangle")
    caption = _box(gamma, 7.0, 5.2, "The blue field")
    caption.text_frame.paragraphs[0].runs[0].font.size = Pt(14)
    prs.save(str(path))


@pytest.fixture(scope="module")
def imported(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path, str]:
    folder = tmp_path_factory.mktemp("import")
    deck = folder / "talk.pptx"
    make_deck(deck)
    target = folder / "lecture"
    result = subprocess.run([sys.executable, "-m", "lectern", "import", str(deck),
                             str(target)], capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stderr
    return deck, target, result.stdout


@pytest.fixture(scope="module")
def lecture(imported: tuple[Path, Path, str]) -> m.Lecture:
    lec, diagnostics = load_lecture(imported[1])
    assert not [d for d in diagnostics if d.severity == "error"], diagnostics
    return lec


def body_text(chapter: m.Chapter) -> str:
    return " ".join(m.plain_text((n,)) for n in m.walk_inlines(chapter.body)
                    if isinstance(n, m.Paragraph | m.Heading))


def test_title_slide_gives_title_subtitle_authors_and_date(lecture: m.Lecture) -> None:
    assert lecture.title == "Imported Lecture"
    assert lecture.subtitle == "What a deck holds"
    assert lecture.authors == ("Ada Example", "Ben Example")
    assert str(lecture.date) == "2024-03-05"


def test_without_sections_a_chapter_is_a_run_of_slides_under_one_title(
        lecture: m.Lecture) -> None:
    assert [c.title for c in lecture.chapters] == ["Alpha", "Beta", "Gamma"]


def test_bullets_become_key_points_and_nested_levels_a_list(lecture: m.Lecture) -> None:
    alpha = lecture.chapters[0]
    assert [i.text for i in alpha.key_points] == ["First point with bold words",
                                                 "a linked page"]
    assert any(isinstance(n, m.Strong) and m.plain_text(n.children) == "bold words"
               for n in m.walk_inlines(alpha.key_points[0].content))
    links = [n for n in m.walk_inlines(alpha.key_points[1].content) if isinstance(n, m.Link)]
    assert [k.url for k in links] == ["https://example.org/page"]
    lists = [b for b in alpha.body if isinstance(b, m.ListBlock)]
    nested = [b for b in m.walk_inlines(tuple(lists)) if isinstance(b, m.ListBlock)]
    assert any("a nested point" in m.plain_text(tuple(m.walk_inlines((n,)))) for n in nested)


def test_text_is_read_top_to_bottom_then_left_to_right(lecture: m.Lecture) -> None:
    text = body_text(lecture.chapters[0])
    assert text.index("Left column text.") < text.index("Right column text.")


def test_notes_of_every_slide_of_a_chapter_are_its_notes(lecture: m.Lecture) -> None:
    assert "Alpha notes for the speaker." in lecture.chapters[0].notes
    assert "Columns notes." in lecture.chapters[0].notes
    assert "Quote notes." in lecture.chapters[1].notes


def test_a_quotation_slide_becomes_a_key_quote(lecture: m.Lecture) -> None:
    (quote,) = lecture.chapters[1].quotes
    assert (quote.text, quote.who, quote.work, quote.year) == (
        "To be, or not to be", "William Shakespeare", "Hamlet", "1603")


def test_tables_and_pictures_come_in_with_captions_and_alt_text(lecture: m.Lecture) -> None:
    gamma = lecture.chapters[2]
    (table,) = [b for b in gamma.body if isinstance(b, m.Table)]
    assert [m.plain_text(c.content) for c in table.header] == ["Year", "Count"]
    assert [[m.plain_text(c.content) for c in r] for r in table.rows] == [["1905", "1"],
                                                                          ["1917", "900"]]
    figures = [b for b in gamma.body if isinstance(b, m.Figure)]
    assert [(f.alt, m.plain_text(f.caption)) for f in figures] == [("A blue rectangle",
                                                                    "The blue field")]
    assert (figures[0].width, figures[0].height) == (80, 60)


def numbers(where: str) -> set[int]:
    """The slide numbers a report gives: '4', 'slides 3, 4', '3–9'."""
    out: set[int] = set()
    for piece in where.replace("slides", "").replace("slide", "").split(","):
        ends = [int(n) for n in piece.strip().split("–") if n.strip().isdigit()]
        out.update(range(ends[0], ends[-1] + 1) if ends else ())
    return out


def test_the_report_names_what_the_lecture_cannot_hold(imported: tuple[Path, Path, str]
                                                       ) -> None:
    _, target, printed = imported
    report = (target / "import-report.md").read_text(encoding="utf-8")
    for slide, words in ((3, "off the slide"), (3, "Hidden beyond the edge."),
                         (3, "video"), (3, "SmartArt"),
                         (4, "grouped drawing"), (4, "animations"), (4, "chart")):
        assert any(slide in numbers(line.split("|")[1]) and words in line
                   for line in report.splitlines() if line.startswith("| ")), (slide, words)
        assert any(slide in numbers(line.split(": ")[1]) and words in line
                   for line in printed.splitlines() if ": slide" in line)


def test_a_chart_is_kept_as_a_picture_where_libreoffice_draws_it(
        imported: tuple[Path, Path, str], lecture: m.Lecture) -> None:
    if shutil.which("soffice") is None:
        pytest.skip("LibreOffice is missing: apt-get install libreoffice-impress")
    beta = lecture.chapters[1]
    (figure,) = [b for b in m.walk_inlines(beta.body) if isinstance(b, m.Figure)]
    with Image.open(figure.path) as image:
        colours = image.convert("RGB").getcolors(1 << 16) or []
    assert len(colours) > 2  # drawn, not blank
    assert "chart" in figure.alt


def test_the_lecture_keeps_the_deck_design_and_builds(imported: tuple[Path, Path, str],
                                                      tmp_path: Path) -> None:
    deck, target, _ = imported
    template = Presentation(str(target / "template.pptx"))
    assert len(template.slides) == 0
    assert main(["build", str(target), "--out", str(tmp_path), "--only", "deck", "--quiet"]) == 0
    built = Presentation(str(next(tmp_path.glob("*.pptx"))))
    original = {layout.name for layout in Presentation(str(deck)).slide_layouts}
    used = {slide.slide_layout.name for slide in built.slides}
    assert used <= original
    assert built.slide_width == Presentation(str(deck)).slide_width


def test_slide_texts_reads_each_slide_in_reading_order(imported: tuple[Path, Path, str]
                                                       ) -> None:
    texts = slide_texts(imported[0])
    assert texts[2] == ["Alpha", "Left column text.", "Right column text.", "Columns notes."]
    assert texts[5][:3] == ["Gamma", "Year", "Count"]


def test_an_old_binary_deck_is_an_error_that_says_how_to_convert_it(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    old = tmp_path / "old.ppt"
    old.write_bytes(b"\xd0\xcf\x11\xe0" + b"\0" * 100)
    assert main(["import", str(old), str(tmp_path / "out")]) == 1
    err = capsys.readouterr().err
    assert "soffice --headless --convert-to pptx" in err
    assert not (tmp_path / "out").exists()


def test_a_hostile_deck_is_refused_with_a_message(tmp_path: Path,
                                                  capsys: pytest.CaptureFixture[str]) -> None:
    bad = tmp_path / "bad.pptx"
    with zipfile.ZipFile(bad, "w") as archive:
        archive.writestr("[Content_Types].xml", '<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a '
                         '"aaaa">]><Types/>')
    assert main(["import", str(bad), str(tmp_path / "out")]) == 1
    err = capsys.readouterr().err
    assert "bad.pptx cannot be imported" in err and "DTD" in err
    assert "Traceback" not in err


def test_a_folder_that_is_not_empty_is_left_alone(imported: tuple[Path, Path, str],
                                                  capsys: pytest.CaptureFixture[str]) -> None:
    deck, target, _ = imported
    before = sorted(p.name for p in target.iterdir())
    assert main(["import", str(deck), str(target)]) == 1
    assert "not empty" in capsys.readouterr().err
    assert sorted(p.name for p in target.iterdir()) == before


PANDOC = """---
title: Written by Pandoc
subtitle: Its own deck
author: [Ada Example, Ben Example]
---

# First part

## Points

- One with **bold** and *italic*
- Two with a [named page](https://example.org/)

::: notes
Speaker notes of the points.
:::

## Numbers

| Year | Count |
|:-----|------:|
| 1905 | 1 |

# Second part

## Prose

A paragraph of prose.
"""


def test_a_deck_pandoc_wrote_imports(tmp_path: Path) -> None:
    if shutil.which("pandoc") is None:
        pytest.skip("pandoc is missing: apt-get install pandoc")
    source = tmp_path / "talk.md"
    source.write_text(PANDOC, encoding="utf-8")
    deck = tmp_path / "talk.pptx"
    subprocess.run(["pandoc", str(source), "-o", str(deck)], check=True, timeout=120)
    assert main(["import", str(deck), str(tmp_path / "lecture")]) == 0
    lec, diagnostics = load_lecture(tmp_path / "lecture")
    assert not [d for d in diagnostics if d.severity == "error"]
    assert (lec.title, lec.subtitle, lec.authors) == ("Written by Pandoc", "Its own deck",
                                                      ("Ada Example", "Ben Example"))
    assert [c.title for c in lec.chapters] == ["First part", "Second part"]
    first = lec.chapters[0]
    assert [i.text for i in first.key_points] == ["One with bold and italic",
                                                 "Two with a named page"]
    assert any(isinstance(n, m.Emph) for n in m.walk_inlines(first.key_points[0].content))
    assert first.notes.strip() == "Speaker notes of the points."
    assert [b for b in first.body if isinstance(b, m.Table)]


MARKUP = ("# not a heading", "1. not a list", "a *star*, an _underscore_ and a `tick`",
          "braces {.term} and <b>tags</b> & &amp; entities", "[brackets](not-a-link)",
          "::: quote x", "Table: not a caption", "- not a bullet", "back\\slash | pipe")


def test_text_that_looks_like_markup_comes_in_as_written(tmp_path: Path) -> None:
    prs = Presentation()
    title = prs.slides.add_slide(prs.slide_layouts[0])
    title.shapes.title.text = "Markup"
    title.placeholders[1].text = "Ada Example · 2024-03-05"
    slide = prs.slides.add_slide(prs.slide_layouts[5])
    slide.shapes.title.text = "Plain text"
    for i, text in enumerate(MARKUP):
        _box(slide, 1.0, 1.5 + 0.6 * i, text, 11.0)
    table = prs.slides.add_slide(prs.slide_layouts[5])
    table.shapes.title.text = "Plain text"
    grid = table.shapes.add_table(2, 1, Inches(1), Inches(2), Inches(5), Inches(1)).table
    grid.cell(0, 0).text = "a | b"
    grid.cell(1, 0).text = "*c*"
    deck = tmp_path / "markup.pptx"
    prs.save(str(deck))
    assert main(["import", str(deck), str(tmp_path / "lecture")]) == 0
    lec, diagnostics = load_lecture(tmp_path / "lecture")
    assert not [d for d in diagnostics if d.severity == "error"]
    (chapter,) = lec.chapters
    paragraphs = [m.plain_text(b.content) for b in chapter.body if isinstance(b, m.Paragraph)]
    assert paragraphs == list(MARKUP)
    (grid_read,) = [b for b in chapter.body if isinstance(b, m.Table)]
    assert m.plain_text(grid_read.header[0].content) == "a | b"
    assert m.plain_text(grid_read.rows[0][0].content) == "*c*"


def test_a_slideshow_file_is_read_and_its_hidden_slides_reported(tmp_path: Path) -> None:
    prs = Presentation()
    first = prs.slides.add_slide(prs.slide_layouts[0])
    first.shapes.title.text = "A Show"
    first.placeholders[1].text = "Ada Example · 5 March 2024"
    for name in ("Shown", "Hidden"):
        slide = prs.slides.add_slide(prs.slide_layouts[1])
        slide.shapes.title.text = name
        slide.placeholders[1].text = f"{name} point"
    prs.slides[2].element.set("show", "0")
    saved = io.BytesIO()
    prs.save(saved)
    show = tmp_path / "show.ppsx"
    with zipfile.ZipFile(saved) as src, zipfile.ZipFile(show, "w") as dst:
        for info in src.infolist():
            data = src.read(info)
            if info.filename == "[Content_Types].xml":
                data = data.replace(b"presentation.main+xml", b"slideshow.main+xml")
            dst.writestr(info, data)
    assert main(["import", str(show), str(tmp_path / "lecture")]) == 0
    lec, _ = load_lecture(tmp_path / "lecture")
    assert [c.title for c in lec.chapters] == ["Shown", "Hidden"]
    report = (tmp_path / "lecture/import-report.md").read_text(encoding="utf-8")
    assert "| 3 | a hidden slide" in report


def test_without_libreoffice_a_chart_is_named_in_the_report(
        imported: tuple[Path, Path, str], tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch) -> None:
    from lectern.importer import render
    from lectern.importer.run import import_deck

    monkeypatch.setattr(render.shutil, "which", lambda name: None)
    done = import_deck(imported[0], tmp_path / "lecture")
    assert any("slide 4: a chart" in line and "LibreOffice" in line and "not imported" in line
               for line in done.problems)
    lec, _ = load_lecture(tmp_path / "lecture")
    assert not [b for b in m.walk_inlines(lec.chapters[1].body) if isinstance(b, m.Figure)]


def test_every_hostile_template_edit_on_a_deck_imports_or_is_refused(
        imported: tuple[Path, Path, str], tmp_path: Path) -> None:
    from lectern.diagnostics import LecternError
    from lectern.importer.run import import_deck
    from tests import templates as t

    deck = imported[0].read_bytes()
    hostile = ("external_links", "embedded_object", "macros", "undeclared_entity",
               "billion_laughs", "not_utf8", "no_content_types", "latin1_names",
               "unlinked_layouts")
    edits = {name: getattr(t, name) for name in hostile}
    refused = []
    for name, edit in sorted(edits.items()):
        path = tmp_path / f"{name}.pptx"
        path.write_bytes(t.edited(deck, edit))
        try:
            import_deck(path, tmp_path / name, render=False)
        except LecternError as exc:
            assert f"{name}.pptx cannot be imported" in str(exc)
            refused.append(name)
            continue
        _, diagnostics = load_lecture(tmp_path / name)
        assert not [d for d in diagnostics if d.severity == "error"], name
    assert {"billion_laughs", "undeclared_entity", "no_content_types"} <= set(refused)


def test_the_same_deck_imports_to_the_same_bytes(imported: tuple[Path, Path, str],
                                                 tmp_path: Path) -> None:
    from lectern.importer.run import import_deck

    for name in ("one", "two"):
        import_deck(imported[0], tmp_path / name, render=False)
    first = {p.relative_to(tmp_path / "one"): p.read_bytes()
             for p in sorted((tmp_path / "one").rglob("*")) if p.is_file()}
    second = {p.relative_to(tmp_path / "two"): p.read_bytes()
              for p in sorted((tmp_path / "two").rglob("*")) if p.is_file()}
    assert first == second
    assert {str(p) for p in first} >= {"lecture.yaml", "template.pptx", "import-report.md"}
