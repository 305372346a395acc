"""Code, links, Markdown in YAML fields and speaker notes, in every output a reader meets:
the booklet PDF (pypdf, pikepdf), the deck (python-pptx) and the slides PDF."""

from __future__ import annotations

import dataclasses
import re
import shutil
from io import BytesIO
from pathlib import Path

import pikepdf
import pytest
import uharfbuzz as hb
from pptx import Presentation
from pptx.enum.dml import MSO_COLOR_TYPE
from pptx.util import Emu
from pypdf import PdfReader

from lectern import model as m
from lectern.outputs import plan_lecture_deck
from lectern.paths import FONTS
from lectern.readers.lecture import load_lecture
from lectern.writers.booklet_html import render_html
from lectern.writers.deck import render_deck
from lectern.writers.slides_pdf import slides_pdf
from tests.booklet_support import normalise, render
from tests.conftest import LECTURES

CODE = LECTURES / "code"
MONO = FONTS / "liberation" / "LiberationMono-Regular.ttf"


@pytest.fixture(scope="module")
def loaded() -> tuple[m.Lecture, list[str]]:
    lecture, warnings = load_lecture(CODE)
    return lecture, [w.format() for w in warnings]


@pytest.fixture(scope="module")
def lecture(loaded: tuple[m.Lecture, list[str]]) -> m.Lecture:
    return loaded[0]


@pytest.fixture(scope="module")
def booklet(lecture: m.Lecture) -> PdfReader:
    return PdfReader(BytesIO(render(lecture).pdf))


@pytest.fixture(scope="module")
def deck_files(lecture: m.Lecture) -> tuple[bytes, bytes]:
    plan = plan_lecture_deck(lecture)
    return render_deck(plan, lecture)[f"{lecture.name}.pptx"], slides_pdf(plan, lecture)


@pytest.fixture(scope="module")
def deck(deck_files: tuple[bytes, bytes]) -> Presentation:
    return Presentation(BytesIO(deck_files[0]))


def fonts_of_text(reader_page: object) -> dict[str, str]:
    """Each piece of text of a page and the base font it is set in (pypdf's visitor), the
    font's name without its subset tag and hyphens ('LiberationMonoBold')."""
    found: dict[str, str] = {}

    def visit(text: str, cm: object, tm: object, font: dict | None, size: float) -> None:
        if text.strip() and font is not None:
            found[text.strip()] = str(font.get("/BaseFont", "")).split("+")[-1].replace("-", "")

    reader_page.extract_text(visitor_text=visit)  # type: ignore[attr-defined]
    return found


def x_of(reader_page: object) -> dict[str, tuple[float, float]]:
    """Where each piece of text of a page starts (x in text space) and its font size."""
    found: dict[str, tuple[float, float]] = {}

    def visit(text: str, cm: object, tm: list[float], font: object, size: float) -> None:
        if text.strip():
            found[text.strip()] = (tm[4], size)

    reader_page.extract_text(visitor_text=visit)  # type: ignore[attr-defined]
    return found


def page_with(reader: PdfReader, words: str) -> int:
    return next(i for i, page in enumerate(reader.pages) if words in page.extract_text())


# --- the model and the warnings -------------------------------------------------------------


def test_code_blocks_keep_their_language(lecture: m.Lecture) -> None:
    blocks = [n for n in m.walk_inlines(lecture.chapters[0].body) if isinstance(n, m.CodeBlock)]
    assert [b.language for b in blocks] == ["r", "rconsole", "python", ""]
    assert blocks[0].text.splitlines()[3] == "\tprint(a)"


def test_code_raises_no_raw_html_warning_but_html_in_prose_does(
        loaded: tuple[m.Lecture, list[str]], tmp_path: Path) -> None:
    assert not any("raw HTML" in w for w in loaded[1]), loaded[1]
    copy = tmp_path / "code"
    shutil.copytree(CODE, copy)
    chapter = copy / "chapters" / "01-code.md"
    before = len(chapter.read_text().splitlines())
    chapter.write_text(chapter.read_text() + "\nSome <b>bold</b> prose.\n\n```klingon\nx\n```\n")
    _, warnings = load_lecture(copy)
    said = [w.format() for w in warnings]
    assert any("raw HTML" in w and f"01-code.md:{before + 2}:" in w for w in said), said
    assert sum("raw HTML" in w for w in said) == 1
    assert any("language 'klingon'" in w and f"01-code.md:{before + 4}:" in w
               for w in said), said


def test_markdown_in_a_plain_field_is_left_out_with_a_warning(
        loaded: tuple[m.Lecture, list[str]]) -> None:
    lecture, warnings = loaded
    assert lecture.sources[0].title == "R: A Language and Environment for Statistical Computing"
    assert any(w.startswith("lecture.yaml:14:") and "plain text" in w for w in warnings)


def test_titles_summaries_and_quotes_read_their_markdown(lecture: m.Lecture) -> None:
    chapter = lecture.chapters[0]
    assert chapter.title == "The summary() function"
    assert m.Code("summary()") in chapter.title_content
    assert chapter.summary == "What R prints, column by column."
    assert isinstance(chapter.summary_content[1], m.Emph)
    assert lecture.title == "Reading R output" and lecture.name == "reading-r-output"
    quote = chapter.quotes[0]
    assert "*" not in quote.text and any(isinstance(n, m.Emph) for n in quote.content)


def test_notes_read_as_markdown_paragraphs_and_lists(lecture: m.Lecture) -> None:
    assert lecture.chapters[0].notes == (
        "Open R on the projector and type the first block while the audience watches."
        "\n\nThen ask:\n\n• what the minimum is;\n• where the median sits.")
    assert lecture.chapters[1].notes == "Point at the addresses in the booklet."


# --- the booklet ----------------------------------------------------------------------------


def test_booklet_sets_code_in_liberation_mono_and_prose_in_charis(booklet: PdfReader) -> None:
    page = booklet.pages[page_with(booklet, "summary(ages)")]
    fonts = fonts_of_text(page)
    code = [font for text, font in fonts.items() if "ages <-" in text or "1st Qu." in text]
    assert code and all("LiberationMono" in font for font in code), fonts
    prose = [font for text, font in fonts.items() if "console answers" in text]
    assert prose and all("CharisSIL" in font for font in prose), fonts
    pdf = pikepdf.Pdf.open(BytesIO(booklet.stream.getvalue()))  # type: ignore[attr-defined]
    embedded = {str(font.get("/BaseFont")).replace("-", "")
                for font in pdf.pages[page_with(booklet, "summary(ages)")].Resources.Font
                .values()}
    assert any("LiberationMonoBold" in f for f in embedded), embedded  # keywords
    assert any("LiberationMonoItalic" in f for f in embedded), embedded  # comments


def test_booklet_code_keeps_its_columns(booklet: PdfReader) -> None:
    text = booklet.pages[page_with(booklet, "1st Qu.")].extract_text(extraction_mode="layout")
    lines = text.splitlines()
    header = next(line for line in lines if "1st Qu." in line)
    values = lines[lines.index(header) + 1]
    # R right-aligns each column: every value ends where its heading ends.
    for heading, value in (("Median", "35.0"), ("Max.", "52.0"), ("Qu.", "29.0")):
        assert header.index(heading) + len(heading) == values.index(value) + len(value), (
            header, values)
    # The tab before print(a) is four columns of the monospaced face (0.6 em each).
    places = x_of(booklet.pages[page_with(booklet, "1st Qu.")])
    (x_for, size), (x_print, _) = places["for"], places["print"]
    assert abs((x_print - x_for) - 4 * 0.6 * size) < 0.1, (x_for, x_print, size)


def test_booklet_wraps_a_long_line_behind_a_mark(booklet: PdfReader) -> None:
    text = booklet.pages[page_with(booklet, "describe(values)")].extract_text()
    assert "→ past the edge of the booklet's text column" in text
    assert "→ len(values)}" in text


def test_booklet_colours_code_by_language(booklet: PdfReader) -> None:
    content = booklet.pages[page_with(booklet, "summary(ages)")].get_contents().get_data()
    colours = set(re.findall(rb"([\d.]+) ([\d.]+) ([\d.]+) rg", content))
    wanted = {"1A3D8A", "585852", "6B2D86"}  # keyword, comment, number
    found = {"".join(f"{round(float(c) * 255):02X}" for c in rgb) for rgb in colours}
    assert wanted <= found, found


def test_code_colours_keep_contrast_on_the_frame_and_differ_in_grey() -> None:
    from lectern import syntax

    def luminance(rgb: str) -> float:
        def channel(c: float) -> float:
            return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4
        r, g, b = (channel(int(rgb[i:i + 2], 16) / 255) for i in (0, 2, 4))
        return 0.2126 * r + 0.7152 * g + 0.0722 * b

    frame = luminance(syntax.FRAME)
    for look in (syntax.TEXT, *syntax.LOOKS):
        ratio = (frame + 0.05) / (luminance(look.colour) + 0.05)
        assert ratio >= 4.5, (look.name, round(ratio, 2))
    by = syntax.BY_NAME
    assert by["keyword"].bold and by["comment"].italic
    assert not (by["text"].bold or by["text"].italic)


def test_booklet_keeps_a_short_block_on_one_page(tmp_path: Path) -> None:
    lecture_dir = tmp_path / "blocks"
    shutil.copytree(CODE, lecture_dir)
    lines = "\n".join(f"value_{k} <- {k}" for k in range(1, 10))
    blocks = "\n\n".join(f"Block {n}:\n\n```r\n# start-{n:02d}\n{lines}\n# end-{n:02d}\n```"
                         for n in range(12))
    chapter = lecture_dir / "chapters" / "02-links.md"
    chapter.write_text(chapter.read_text() + "\n" + blocks + "\n")
    lecture, _ = load_lecture(lecture_dir)
    reader = PdfReader(BytesIO(render(lecture).pdf))
    texts = [page.extract_text() for page in reader.pages]
    for n in range(12):
        first = [i for i, t in enumerate(texts) if f"# start-{n:02d}" in t]
        last = [i for i, t in enumerate(texts) if f"# end-{n:02d}" in t]
        assert len(first) == 1 and first == last, (n, first, last)
    # Blocks follow one another over pages: one would straddle a page without the rule.
    assert len({i for i, t in enumerate(texts) if "# start-" in t}) >= 3


def test_booklet_prints_link_addresses(booklet: PdfReader) -> None:
    page = booklet.pages[page_with(booklet, "Comprehensive")]
    flat = normalise(page.extract_text())
    assert "RStudio (posit.co/)" in flat  # short: after the words
    # long: in a footnote, numbered
    assert "cran.r-project.org/web/packages/available_packages_by_name.html" in flat
    assert re.search(r"Network\s?1", flat)
    # A link whose words are its address is printed once.
    assert flat.count("www.r-pro") == 1


def test_link_addresses_follow_the_setting(lecture: m.Lecture) -> None:
    def html(mode: str) -> str:
        settings = dataclasses.replace(lecture.booklet, link_addresses=mode)
        # (without the invisible break opportunities inside addresses)
        return render_html(dataclasses.replace(lecture, booklet=settings)).replace("\u200b", "")

    none, inline, footnote = html("none"), html("inline"), html("footnote")
    assert "posit.co/<" not in none and "footnote link-note" not in none
    assert 'RStudio</a> (<span class="url">posit.co/</span>)' in inline
    assert "footnote link-note" not in inline
    assert '<span class="footnote link-note"><span class="url">posit.co/' in footnote


def test_booklet_shows_markdown_of_titles_summaries_and_quotes(booklet: PdfReader) -> None:
    text = "".join(page.extract_text() for page in booklet.pages)
    assert "The summary() function" in text and "What R prints" in text
    assert "*" not in text and "`" not in text
    cover = fonts_of_text(booklet.pages[0])
    assert any(t == "R" and "Italic" in f for t, f in cover.items()), cover
    quote = fonts_of_text(booklet.pages[page_with(booklet, "greatest value")])
    assert any("notice" in t and "Italic" in f for t, f in quote.items()), quote


# --- the deck and the slides PDF ------------------------------------------------------------


def code_slides(deck: Presentation) -> list[object]:
    """The slides with a text box set wholly in the code face."""
    def code_box(shape: object) -> bool:
        runs = [r for p in shape.text_frame.paragraphs for r in p.runs]  # type: ignore[attr-defined]
        return bool(runs) and all(r.font.name == "Courier New" for r in runs)
    return [s for s in deck.slides if any(sh.has_text_frame and code_box(sh) for sh in s.shapes)]


def test_deck_puts_each_code_block_on_a_slide_of_its_own(deck: Presentation) -> None:
    slides = code_slides(deck)
    assert len(slides) == 4
    for slide in slides:
        assert not [sh for sh in slide.shapes if sh.shape_type == 13]  # never a picture
    box = next(sh for sh in slides[1].shapes if sh.has_text_frame and "1st Qu." in
               sh.text_frame.text)
    assert box.text_frame.text.splitlines() == [
        "> summary(ages)", "   Min. 1st Qu.  Median    Mean 3rd Qu.    Max.",
        "   23.0    29.0    35.0    36.0    41.0    52.0"]


def test_deck_code_lines_fit_their_box_measured_with_harfbuzz(deck: Presentation) -> None:
    font = hb.Font(hb.Face(hb.Blob.from_file_path(str(MONO))))
    upem = font.face.upem
    for slide in code_slides(deck):
        for shape in slide.shapes:
            if not shape.has_text_frame or "Courier" not in str(
                    [r.font.name for p in shape.text_frame.paragraphs for r in p.runs]):
                continue
            frame = shape.text_frame
            room = Emu(shape.width - frame.margin_left - frame.margin_right).pt
            for para in frame.paragraphs:
                size = para.runs[0].font.size.pt if para.runs else 0
                buf = hb.Buffer()
                buf.add_str("".join(r.text for r in para.runs))
                buf.guess_segment_properties()
                hb.shape(font, buf, {"liga": False})
                width = sum(p.x_advance for p in buf.glyph_positions) / upem * size
                assert width <= room, (para.text if hasattr(para, "text") else "", width, room)


def test_deck_code_is_coloured_and_wrapped_lines_are_marked(deck: Presentation) -> None:
    slides = code_slides(deck)
    colours = {str(r.font.color.rgb) for s in slides for sh in s.shapes if sh.has_text_frame
               for p in sh.text_frame.paragraphs for r in p.runs
               if r.font.color.type == MSO_COLOR_TYPE.RGB}
    assert {"1A3D8A", "585852"} <= colours, colours
    long = next(sh for sh in slides[2].shapes if sh.has_text_frame and "describe" in
                sh.text_frame.text)
    assert any(p.runs and p.runs[0].text.startswith("→") for p in long.text_frame.paragraphs)


def test_slides_pdf_draws_code_in_liberation_mono(deck_files: tuple[bytes, bytes]) -> None:
    reader = PdfReader(BytesIO(deck_files[1]))
    page = reader.pages[page_with(reader, "1st Qu.")]
    fonts = fonts_of_text(page)
    code = [f for t, f in fonts.items() if "1st Qu." in t or "summary(ages)" in t]
    assert code and all("LiberationMono" in f for f in code), fonts
    text = page.extract_text(extraction_mode="layout")
    header = next(line for line in text.splitlines() if "1st Qu." in line)
    values = text.splitlines()[text.splitlines().index(header) + 1]
    assert header.index("Median") + 6 == values.index("35.0") + 4, (header, values)


def test_deck_keeps_links_clickable(deck: Presentation) -> None:
    links = {r.text: r.hyperlink.address for s in deck.slides for sh in s.shapes
             if sh.has_text_frame for p in sh.text_frame.paragraphs for r in p.runs
             if r.hyperlink.address}
    assert links == {"R project": "https://www.r-project.org/"}
    # The presenter (and the handout's printed notes) get the address in words too.
    notes = [s.notes_slide.notes_text_frame.text for s in deck.slides if any(
        r.hyperlink.address for sh in s.shapes if sh.has_text_frame
        for p in sh.text_frame.paragraphs for r in p.runs)]
    assert notes and all(n.endswith("R project: www.r-project.org/") for n in notes)


def test_deck_and_slides_show_markdown_of_fields(deck: Presentation,
                                                  deck_files: tuple[bytes, bytes]) -> None:
    runs = [r for s in deck.slides for sh in s.shapes if sh.has_text_frame
            for p in sh.text_frame.paragraphs for r in p.runs]
    assert not any("*" in r.text or "`" in r.text for r in runs)
    assert any(r.text == "R" and r.font.italic for r in runs)  # the summary's emphasis
    assert any(r.text == "notice" and r.font.italic for r in runs)  # the quote's
    slides = "".join(page.extract_text() for page in PdfReader(BytesIO(deck_files[1])).pages)
    assert "The summary() function" in slides and "*" not in slides and "`" not in slides


def test_deck_notes_are_paragraphs_and_lists(deck: Presentation) -> None:
    notes = [s.notes_slide.notes_text_frame for s in deck.slides if s.has_notes_slide]
    frame = next(n for n in notes if "Open R" in n.text)
    paragraphs = [p.text for p in frame.paragraphs]
    assert paragraphs[-6:] == [
        "Open R on the projector and type the first block while the audience watches.", "",
        "Then ask:", "", "• what the minimum is;", "• where the median sits."]


def test_deck_sets_inline_code_in_the_code_face(deck: Presentation) -> None:
    runs = {r.text: r.font.name for s in deck.slides for sh in s.shapes if sh.has_text_frame
            for p in sh.text_frame.paragraphs for r in p.runs}
    assert runs["summary(x)"] == "Courier New"
    assert runs["Call "] != "Courier New"


def test_a_link_in_a_heading_keeps_its_address_out_of_notes_and_bookmarks(
        tmp_path: Path) -> None:
    copy = tmp_path / "code"
    shutil.copytree(CODE, copy)
    chapter = copy / "chapters" / "02-links.md"
    chapter.write_text(chapter.read_text() + "\n## See [the manuals](https://cran.r-project.org"
                       "/manuals.html) first\n\nText.\n")
    lecture, _ = load_lecture(copy)
    reader = PdfReader(BytesIO(render(lecture).pdf))
    titles = [item.title for item in reader.outline[-2] if not isinstance(item, list)] \
        if isinstance(reader.outline[-2], list) else []
    assert "See the manuals first" in titles, reader.outline
    page = normalise(reader.pages[page_with(reader, "manuals")].extract_text())
    assert "See the manuals (cran.r-project.org/manuals.html) first" in page


def test_slides_pdf_colours_code_by_its_language(deck_files: tuple[bytes, bytes]) -> None:
    """On the slide of the Python block, the keyword, the function's name and the comment are
    each shown in a fill colour of their own, none of them the box's text colour."""
    reader = PdfReader(BytesIO(deck_files[1]))
    page = reader.pages[page_with(reader, "describe(values)")]
    fill: list[tuple[float, ...]] = [()]
    shown: list[tuple[str, tuple[float, ...]]] = []

    def operator(op: bytes, args: list[object], cm: object, tm: object) -> None:
        if op == b"rg":
            fill[0] = tuple(round(float(a), 3) for a in args)  # type: ignore[arg-type]

    def text(value: str, cm: object, tm: object, font: object, size: float) -> None:
        if value.strip():
            shown.append((value.strip(), fill[0]))

    page.extract_text(visitor_operand_before=operator, visitor_text=text)
    colour_of = {value: rgb for value, rgb in shown}
    keyword = next(rgb for value, rgb in shown if value.startswith("def"))
    name = next(rgb for value, rgb in shown if value.startswith("describe"))
    comment = next(rgb for value, rgb in shown if value.startswith("#"))
    assert len({keyword, name, comment}) == 3, colour_of
