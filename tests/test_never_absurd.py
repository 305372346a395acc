"""Never absurd: on templates with small placeholders, title and section slides never continue,
text shrinks to its floor before it splits, a split table shares its rows evenly, a text that
would need more than three continuation slides is an error naming the box, and words break
only between words or, wider than their box, with a hyphen. Fit is measured here with
HarfBuzz on the font files, and line breaks on LibreOffice's render of the deck."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
import uharfbuzz as hb
from pptx import Presentation

from lectern import model as m
from lectern.deck_template import load
from lectern.paths import FONTS
from lectern.readers.lecture import load_lecture
from lectern.writers.deck import render_deck
from lectern.writers.deck_plan import DeckPlan, TextBox, plan_deck
from lectern.writers.deck_plan.lines import place
from tests import templates as t
from tests.conftest import LECTURES

IN = 914400
CM = 360000
BAR = "1F3A5F"
LONG_WORDS = ("Internationalisation Telecommunications Counterrevolutionaries "
              "Electroencephalography Incomprehensibilities")


# --- templates ----------------------------------------------------------------------------


def _moved(files: dict[str, bytes], layout: str, kind: str, box: tuple[float, ...]) -> None:
    """Put a layout's placeholder of `kind` (its type, or idx="1" for the content
    placeholder, whose type is left out) at (x, y, w, h) inches."""
    x, y, w, h = (round(v * IN) for v in box)
    name = t._layout_named(files, layout)
    tag = 'idx="1"' if kind == "obj" else f'type="{kind}"'
    xfrm = f'<a:xfrm><a:off x="{x}" y="{y}"/><a:ext cx="{w}" cy="{h}"/></a:xfrm>'
    t._sub(files, name, rf'(<p:ph {tag}[^>]*/>\s*</p:nvPr>\s*</p:nvSpPr>\s*)'
           r"(<p:spPr/>|<p:spPr>(<a:xfrm>.*?</a:xfrm>)?)",
           lambda found: f"{found.group(1)}<p:spPr>{xfrm}"
           + ("</p:spPr>" if found.group(2) == "<p:spPr/>" else ""),
           1)  # type: ignore[arg-type,return-value]


def _bars(files: dict[str, bytes], layout: str, *tops: float) -> None:
    """Full-width bars 0.5 in tall across a layout at the given tops (inches)."""
    shapes = "".join(t._rect(950 + i, 0, round(top * IN), 12192000, round(0.5 * IN), BAR)
                     for i, top in enumerate(tops))
    t._sub(files, t._layout_named(files, layout), r"(<p:spTree>.*?</p:grpSpPr>)",
           lambda found: found.group(1) + shapes, 1)  # type: ignore[arg-type,return-value]


def small_placeholders(hemmed: bool) -> bytes:
    """A 13.33 × 7.5 in template whose section layout has a title and a body placeholder
    11.2 × 1.1 cm, whose title slide has a small title and subtitle, and whose content
    layout has a small body; `hemmed`: bars drawn above and below the section's and the title
    slide's placeholders leave them no room to grow."""
    def edit(files: dict[str, bytes]) -> None:
        cm = CM / IN
        _moved(files, "Section Header", "title", (1.0, 3.0, 11.2 * cm, 1.1 * cm))
        _moved(files, "Section Header", "body", (1.0, 3.45, 11.2 * cm, 1.1 * cm))
        _moved(files, "Title Slide", "ctrTitle", (1.0, 2.2, 6.0, 0.8))
        _moved(files, "Title Slide", "subTitle", (1.0, 3.0, 6.0, 0.4))
        _moved(files, "Title and Content", "obj", (0.7, 1.8, 6.5, 3.0))
        if hemmed:
            _bars(files, "Section Header", 2.2, 4.3)
            _bars(files, "Title Slide", 1.6, 3.5)
    return t.edited(t.resized(t.pptx_default(), 12192000, 6858000), edit)


# --- lectures ----------------------------------------------------------------------------

CHAPTER = """---
title: {title}
summary: {summary}
key_points:
{points}
questions:
  - What follows?
notes: What to say.
---

A paragraph of prose.

{table}
"""


def _lecture(root: Path, template: bytes, chapters: list[dict[str, str]],
             authors: str = "[Your Name]") -> m.Lecture:
    """A copy of the mini lecture with the given chapters, on the template."""
    shutil.copytree(LECTURES / "mini", root)
    (root / "small.pptx").write_bytes(template)
    shutil.rmtree(root / "chapters")
    (root / "chapters").mkdir()
    names = []
    for n, chapter in enumerate(chapters, start=1):
        name = f"chapters/{n:02d}.md"
        points = "\n".join(f"  - {p}" for p in chapter.get("points", "A point.").split("|"))
        (root / name).write_text(CHAPTER.format(
            title=chapter.get("title", f"Chapter {n}"), summary=chapter.get("summary", "Short."),
            points=points, table=chapter.get("table", "")), encoding="utf-8")
        names.append(name)
    yaml = (LECTURES / "mini" / "lecture.yaml").read_text(encoding="utf-8")
    yaml = re.sub(r"chapters:\n(  - .*\n)+", "chapters:\n" + "".join(f"  - {n}\n" for n in names),
                  yaml)
    yaml = yaml.replace("authors: [Your Name]", f"authors: {authors}")
    (root / "lecture.yaml").write_text(yaml + "\ndeck:\n  template: small.pptx\n",
                                       encoding="utf-8")
    lecture, problems = load_lecture(root)
    assert not [d for d in problems if d.severity == "error"], [d.format() for d in problems]
    return lecture


def _plan(lecture: m.Lecture) -> DeckPlan:
    template, problems = load(lecture)
    assert template is not None, [d.format() for d in problems]
    return plan_deck(lecture, template)


def _table(rows: int, cell: str = "A cell with a few words") -> str:
    lines = ["| Year | Event | Place |", "| --- | --- | --- |"]
    lines += [f"| {1900 + r} | {cell} {r} | City {r} |" for r in range(rows)]
    return "\n".join(lines) + "\n"


SUMMARY = ("A summary that says a great deal about the chapter, far more than the one line "
           "the layout's small body placeholder was drawn for, and then some more. ")


# --- HarfBuzz, independent of lectern.fit ---------------------------------------------------


def _hb_width(text: str, size: float, bold: bool, italic: bool) -> float:
    """Points: the shaped advance of `text` in Carlito at `size`."""
    style = {(False, False): "Regular", (True, False): "Bold", (False, True): "Italic",
             (True, True): "BoldItalic"}[(bold, italic)]
    blob = hb.Blob.from_file_path(str(FONTS / "carlito" / f"Carlito-{style}.ttf"))
    face = hb.Face(blob)
    font = hb.Font(face)
    buf = hb.Buffer()
    buf.add_str(text)
    buf.guess_segment_properties()
    hb.shape(font, buf, {"kern": True, "liga": True})
    return sum(p.x_advance for p in buf.glyph_positions) / face.upem * size


def _lines_fit(text: TextBox) -> list[str]:
    """Planned lines of a text box wider than the box (measured with HarfBuzz)."""
    wide = []
    for line in place(text):
        width = sum(_hb_width(f[0], line.size, f[1], f[2]) for f in line.fragments)
        if width > line.width + 0.5:
            wide.append(f"{line.text!r}: {width:.1f} > {line.width:.1f} pt")
    return wide


def _words_whole(plan: DeckPlan, source_words: set[str]) -> list[str]:
    """Planned lines of table cells that end inside a word: the last word of a line is a
    word of the source, or a piece of one that ends with a hyphen."""
    broken = []
    for slide in plan.slides:
        for text in [c for tb in slide.tables for row in tb.cells for c in row]:
            carry = ""
            for line in place(text):
                words = line.text.split()
                if not words:
                    continue
                words[0] = carry + words[0]
                carry = ""
                last = words[-1].strip(".,;:()“”")
                if last.endswith("-") and last[:-1] not in source_words:
                    carry = last[:-1]  # a word the plan hyphenated: it goes on below
                elif last not in source_words:
                    broken.append(f"slide '{slide.title}': {line.text!r}")
    return broken


# --- section and title slides ---------------------------------------------------------------


@pytest.mark.parametrize("hemmed", [False, True])
def test_small_section_placeholder_never_continues(tmp_path: Path, hemmed: bool) -> None:
    chapters = [{"summary": SUMMARY * 3}, {"summary": "One line."},
                {"title": "A chapter title long enough to wrap in the small placeholder",
                 "summary": SUMMARY}]
    lecture = _lecture(tmp_path / "lecture", small_placeholders(hemmed), chapters)
    plan = _plan(lecture)
    sections = [s for s in plan.slides if s.kind == "section"]
    assert len(sections) == len(chapters)
    warnings = {d.pos: d for d in plan.warnings}
    for slide, chapter in zip(sections, lecture.chapters, strict=True):
        assert slide.layout == "Section Header"
        texts = {tb.role: tb for tb in slide.texts}
        assert "(1/" not in texts["section-title"].paras[0].text
        # The template's style may set the title in capitals.
        assert texts["section-title"].paras[0].text.casefold() == chapter.title.casefold()
        if "summary" in texts:
            assert texts["summary"].paras[0].text.casefold() == chapter.summary.casefold()
        else:  # no room even at its floor: the summary leads the notes, with a warning
            assert chapter.summary in slide.notes.split("\n\n")
            message = warnings[chapter.pos].message
            assert "speaker notes" in message and "layout 'Section Header'" in message
            assert re.search(r"11\.2 × 1\.1 cm", message), message
        for tb in slide.texts:
            assert not _lines_fit(tb), _lines_fit(tb)
    one_line = next(tb for tb in sections[1].texts if tb.role == "summary")
    assert one_line.paras[0].text.casefold() == "one line."
    if not hemmed:  # free space around the placeholders: every summary stays on its slide
        assert all(any(tb.role == "summary" for tb in s.texts) for s in sections)
    else:
        assert not any(tb.role == "summary" for tb in sections[0].texts)


def test_title_slide_with_a_long_byline_is_one_slide(tmp_path: Path) -> None:
    authors = "[" + ", ".join(f"Author Number {n} of Many" for n in range(40)) + "]"
    lecture = _lecture(tmp_path / "lecture", small_placeholders(hemmed=True), [{}],
                       authors=authors)
    plan = _plan(lecture)
    (cover,) = [s for s in plan.slides if s.kind == "title"]
    (closing,) = [s for s in plan.slides if s.kind == "closing"]
    for slide in (cover, closing):
        roles = [tb.role for tb in slide.texts]
        assert roles[0] == "cover-title" and "(1/" not in slide.texts[0].paras[0].text
        if "byline" not in roles:
            assert "Author Number 39 of Many" in slide.notes
            assert any(d.pos == lecture.pos and "byline" in d.message and "notes" in d.message
                       for d in plan.warnings)
        for tb in slide.texts:
            assert not _lines_fit(tb), _lines_fit(tb)
            assert tb.box.y >= 0 and tb.box.bottom <= 6858000


# --- continuations ------------------------------------------------------------------------


def test_more_than_three_continuations_is_an_error_naming_the_box(tmp_path: Path) -> None:
    points = "|".join(f"Key point {n}, which says something at a length that takes two "
                      "lines of a small body placeholder" for n in range(30))
    lecture = _lecture(tmp_path / "lecture", small_placeholders(hemmed=False),
                       [{"points": points}, {"points": "|".join(points.split("|")[:5])}])
    plan = _plan(lecture)
    first, second = lecture.chapters
    errors = [d for d in plan.warnings if d.severity == "error"]
    (error,) = errors
    assert error.pos == first.key_points[0].pos
    assert "layout 'Title and Content'" in error.message
    assert re.search(r"\d+\.\d × \d+\.\d cm \(\d+\.\d\d × \d+\.\d\d in\)", error.message)
    assert re.search(r"holds \d+ lines at [\d.]+ pt", error.message)
    points_slides = [s for s in plan.slides if s.kind == "points" and s.pos.file ==
                     second.key_points[0].pos.file]
    assert 1 < len(points_slides) <= 4
    warning = next(d for d in plan.warnings if d.pos == second.key_points[0].pos)
    assert warning.severity == "warning" and "layout 'Title and Content'" in warning.message


def test_text_shrinks_to_its_floor_before_it_splits(tmp_path: Path) -> None:
    points = "|".join(f"Key point {n} says something" for n in range(6))
    lecture = _lecture(tmp_path / "lecture", small_placeholders(hemmed=False),
                       [{"points": points}])
    plan = _plan(lecture)
    (slide,) = [s for s in plan.slides if s.kind == "points"]
    body = next(tb for tb in slide.texts if tb.role == "body")
    assert 0.6 * 32 <= body.size < 32
    assert not _lines_fit(body)


# --- tables -------------------------------------------------------------------------------


def test_split_table_fills_its_slides_and_shares_rows_evenly(tmp_path: Path) -> None:
    lecture = _lecture(tmp_path / "lecture", small_placeholders(hemmed=False),
                       [{"table": _table(10)}])
    plan = _plan(lecture)
    tables = [s.tables[0] for s in plan.slides if s.tables]
    body = plan.template.layout("content").body
    assert body is not None
    counts = [len(tb.rows) - 1 for tb in tables]
    assert sum(counts) == 10
    assert max(counts) - min(counts) <= 1, counts
    if len(tables) > 1:  # each slide more than half full
        for tb in tables:
            assert tb.box.h > 0.5 * body.h, (tb.box.h, body.h)
    for tb in tables:
        for row in tb.cells:
            for cell in row:
                assert not _lines_fit(cell), _lines_fit(cell)


def test_table_words_break_only_with_a_hyphen(tmp_path: Path) -> None:
    rows = ["| Term | Meaning | Note |", "| --- | --- | --- |"]
    rows += [f"| {w} | {w} of the {w.lower()} | The Guardian |" for w in LONG_WORDS.split()]
    lecture = _lecture(tmp_path / "lecture", small_placeholders(hemmed=False),
                       [{"table": "\n".join(rows) + "\n"}])
    plan = _plan(lecture)
    source = set(re.findall(r"[\w’'-]+", "The Guardian of the " + LONG_WORDS + " " +
                            LONG_WORDS.lower() + " Term Meaning Note"))
    assert not _words_whole(plan, source)


# --- rendered: LibreOffice breaks lines where the plan does -------------------------------


@pytest.fixture(scope="module")
def rendered(tmp_path_factory: pytest.TempPathFactory) -> tuple[bytes, Path, set[str]]:
    from lectern.system import soffice
    from tests.deckcheck import convert_to_pdf

    program = soffice()
    if program is None:
        pytest.skip("LibreOffice (soffice) is not installed: rendered-deck checks skipped")
    root = tmp_path_factory.mktemp("never-absurd")
    giant = "Pneumonoultramicroscopicsilicovolcanoconiosis"
    wide = f"| {giant} | {giant} | {giant} |"
    table = _table(10, "The Guardian and Counterrevolutionaries") + \
        f"\nA paragraph between the tables.\n\n| A | B | C |\n| --- | --- | --- |\n{wide}\n"
    chapters = [{"summary": SUMMARY * 2, "points": f"{LONG_WORDS}|Short point",
                 "table": table},
                {"title": "Electroencephalography " * 3, "summary": "One line."}]
    lecture = _lecture(root / "lecture", small_placeholders(hemmed=True), chapters)
    plan = _plan(lecture)
    (deck,) = render_deck(plan, lecture).values()
    pdf = convert_to_pdf(program, {"deck.pptx": deck}, root / "out")["deck.pptx"]
    prs = Presentation(str(root / "out" / "deck.pptx"))
    words: set[str] = set()
    for slide in prs.slides:
        for shape in slide.shapes:
            texts = [shape.text_frame.text] if shape.has_text_frame else []
            if getattr(shape, "has_table", False):
                texts += [c.text for row in shape.table.rows for c in row.cells]
            for text in texts:
                # A style in capitals shows the words in capitals: compare them folded.
                words.update(w.strip(".,;:()“”·").casefold()
                             for w in re.split(r"[\s\v]+", text))
    return deck, pdf, words


def test_rendered_lines_break_between_words(rendered: tuple[bytes, Path, set[str]]) -> None:
    import pypdfium2 as pdfium

    _, pdf_path, words = rendered
    pdf = pdfium.PdfDocument(str(pdf_path))
    broken = []
    try:
        for number, page in enumerate(pdf, start=1):
            text = page.get_textpage().get_text_range()
            for line in re.split(r"\r?\n", text):
                # pdfium joins a line that ends in a hyphen to the next, the hyphen kept.
                line = line.replace("\ufffe", "-").rstrip()
                last = line.split()[-1].strip(".,;:()“”·") if line.split() else ""
                pieces = re.findall(r"[^-]+-|[^-]+$", last)
                if any(not p.endswith("-") and not p.isdigit() and p.casefold() not in words
                       for p in pieces):
                    broken.append(f"page {number}: {line!r}")
    finally:
        pdf.close()
    assert not broken, broken


def test_rendered_deck_has_no_continued_section_or_title(
        rendered: tuple[bytes, Path, set[str]]) -> None:
    deck, _, _ = rendered
    prs = Presentation(__import__("io").BytesIO(deck))
    for slide in prs.slides:
        if slide.slide_layout.name in ("Section Header", "Title Slide"):
            text = " ".join(s.text_frame.text for s in slide.shapes if s.has_text_frame)
            assert not re.search(r"\(\d+/\d+\)", text), text


def test_hyphenation_of_a_long_word_at_any_width() -> None:
    """A word of 800 letters breaks into pieces that fit, at hyphenation points; in a box
    narrower than a letter it is left whole (nothing would fit), and breaking ends."""
    from lectern.writers.deck_plan.hyphens import hyphenated
    from lectern.writers.deck_plan.text import plain

    word = "Pneumono" * 100
    for width in (200.0, 40.0):
        lines = hyphenated(plain(word), width, 18.0).text.split("\n")
        assert "".join(lines).replace("-", "") == word
        assert all(line.endswith("-") for line in lines[:-1]) and len(lines) > 1
        assert all(_hb_width(line, 18.0, False, False) <= width for line in lines)
    for width in (5.0, 0.0, -20.0):
        assert hyphenated(plain(word), width, 18.0).text == word
