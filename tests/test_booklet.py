"""The booklet as a reader sees it: pages, contents, footnotes, fonts, metadata, padding."""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from io import BytesIO

import pytest
from pypdf import PdfReader

from lectern import model as m
from lectern.diagnostics import SystemMissing
from lectern.writers.booklet import check_booklet, notes_pages_needed, render_booklet

from .booklet_support import (
    PRESS_SHEETS,
    Booklet,
    embedded_fonts,
    footnote_places,
    is_notes,
    page_sizes,
    page_texts,
    render,
    unexpected,
    with_chapter,
    with_paper,
    with_paragraph,
)
from .conftest import SOURCE

LITERAL = "Literal {{ lecture.title }} and <script>alert(1)</script> & {% raw %}."
SHIPPED = ("Charis-SIL", "CharisSIL", "Carlito")


@pytest.fixture(scope="module")
def a5(mini: m.Lecture) -> Booklet:
    return render(mini)


@pytest.fixture(scope="module")
def a4(mini: m.Lecture) -> Booklet:
    # Also carries template-looking and HTML-looking prose, to see it printed literally.
    return render(with_paper(with_paragraph(mini, LITERAL), "a4"))


@pytest.fixture(scope="module")
def letter(mini: m.Lecture) -> Booklet:
    # A third chapter makes 14 pages, so this build needs two Notes pages.
    return render(with_paper(with_chapter(mini), "letter"))


@pytest.fixture(scope="module")
def default(default_lecture: m.Lecture) -> Booklet:
    return render(default_lecture)


@pytest.fixture(scope="module", params=["a5", "a4", "letter", "default"])
def any_booklet(request: pytest.FixtureRequest) -> Booklet:
    if request.param == "default" and not (SOURCE / "lecture.yaml").exists():
        pytest.skip("no default lecture in source/")
    return request.getfixturevalue(request.param)  # type: ignore[no-any-return]


# --- the whole book -----------------------------------------------------------------------


def test_no_unexpected_weasyprint_warnings(any_booklet: Booklet) -> None:
    assert unexpected(any_booklet.logs) == []


def test_page_count_is_a_multiple_of_four_ending_with_the_back_cover(
        any_booklet: Booklet) -> None:
    pages = page_texts(any_booklet.pdf)
    assert len(pages) % 4 == 0
    assert "Printed from lectern" in pages[-1]
    assert any_booklet.lecture.title in pages[-1]
    assert all("Printed from lectern" not in p for p in pages[:-1])


def test_notes_pages_fill_the_gap_before_the_back_cover(any_booklet: Booklet) -> None:
    pages = page_texts(any_booklet.pdf)
    notes = [i for i, p in enumerate(pages) if is_notes(p)]
    last_content = max(i for i, p in enumerate(pages[:-1]) if p and not is_notes(p))
    # Notes pages are exactly the pages between the last content page and the back cover,
    # and there are no more of them than the padding needs.
    assert notes == list(range(last_content + 1, len(pages) - 1))
    assert len(notes) == notes_pages_needed(len(pages) - len(notes))


def test_some_build_needs_notes_pages(a5: Booklet, a4: Booklet, letter: Booklet) -> None:
    # Guards the test above from passing only because nothing was ever padded.
    counts = [sum(is_notes(p) for p in page_texts(b.pdf)) for b in (a5, a4, letter)]
    assert sum(counts) > 0


@pytest.mark.parametrize(("name", "size"), [
    ("a5", (419.53, 595.28)), ("a4", (595.28, 841.89)), ("letter", (612.0, 792.0))])
def test_page_size(name: str, size: tuple[float, float],
                   request: pytest.FixtureRequest) -> None:
    booklet: Booklet = request.getfixturevalue(name)
    for width, height in page_sizes(booklet.pdf):
        assert width == pytest.approx(size[0], abs=0.05)
        assert height == pytest.approx(size[1], abs=0.05)


# --- contents, chapters, footnotes --------------------------------------------------------


def _contents_numbers(pages: list[str], lecture: m.Lecture) -> dict[str, int]:
    contents = next(p for p in pages if p.startswith("Contents"))
    numbers = {}
    for chapter in lecture.chapters:
        found = re.search(re.escape(chapter.title) + r"[ .]*?(\d+)\b", contents)
        assert found, f"{chapter.title!r} missing from the contents page"
        numbers[chapter.title] = int(found.group(1))
    return numbers


def test_contents_page_numbers_are_where_chapters_start(any_booklet: Booklet) -> None:
    pages = page_texts(any_booklet.pdf)
    listed = _contents_numbers(pages, any_booklet.lecture)
    for chapter in any_booklet.lecture.chapters:
        label = f"CHAPTER {chapter.number} {chapter.title}"
        start = next(i for i, p in enumerate(pages) if p.startswith(label)) + 1
        assert listed[chapter.title] == start
        assert start % 2 == 1, "chapters open on right-hand pages"


def test_contents_entries_link_to_their_pages(a5: Booklet) -> None:
    reader = PdfReader(BytesIO(a5.pdf))
    contents = next(i for i, p in enumerate(page_texts(a5.pdf)) if p.startswith("Contents"))
    annots = [a.get_object() for a in reader.pages[contents].get("/Annots", [])]
    targets = {str(a["/Dest"]) for a in annots if a.get("/Subtype") == "/Link"}
    chapters = {f"chapter-{c.slug}" for c in a5.lecture.chapters}
    assert targets == chapters | {"timeline", "glossary", "sources"}
    # Each destination is a named place in the document that opens the right page.
    named = reader.named_destinations
    pages = page_texts(a5.pdf)
    for chapter in a5.lecture.chapters:
        page = reader.get_destination_page_number(named[f"chapter-{chapter.slug}"])
        assert pages[page].startswith(f"CHAPTER {chapter.number} {chapter.title}")


def test_every_footnote_is_on_the_page_of_its_call(any_booklet: Booklet) -> None:
    places = footnote_places(any_booklet.lecture, page_texts(any_booklet.pdf))
    assert places, "the lecture has footnotes"
    for before, call_pages, note_pages in places:
        assert len(note_pages) == 1, (before, note_pages)
        assert note_pages[0] in call_pages, (before, call_pages, note_pages)


def test_running_heads_and_folios(any_booklet: Booklet) -> None:
    lecture = any_booklet.lecture
    pages = page_texts(any_booklet.pdf)
    openers = {f"CHAPTER {c.number} {c.title}": c.title for c in lecture.chapters}
    openers.update({name: name for name in ("Timeline", "Glossary", "Sources")})
    section = ""
    checked = 0
    first = next(i for i, p in enumerate(pages) if p.startswith("CHAPTER 1 "))
    for index in range(first, len(pages) - 1):
        text, number = pages[index], index + 1
        opened = next((title for label, title in openers.items() if text.startswith(label)),
                      None)
        if opened is not None:
            section = opened
            assert not text.endswith(f" {number}"), f"a folio on the opener, page {number}"
            continue
        if not text or is_notes(text):
            continue
        head = lecture.title if number % 2 == 0 else section
        assert text.endswith(f"{head.upper()} {number}"), (number, text[-60:])
        checked += 1
    if lecture.booklet.paper == "a5":  # the A4 and Letter minis fit on their openers
        assert checked, "some pages carry running heads"
    assert pages[0].startswith(lecture.title), "nothing above the title on the cover"


# --- text ---------------------------------------------------------------------------------


def test_cyrillic_text_extracts_intact(a5: Booklet) -> None:
    text = " ".join(page_texts(a5.pdf))
    assert "Заголовок: Вся власть Советам — Cyrillic in the prose." in text
    assert "совет" in text


def test_template_and_html_text_print_literally(a4: Booklet) -> None:
    text = " ".join(page_texts(a4.pdf))
    assert LITERAL in text
    assert "<script>" not in a4.html.replace("&lt;script&gt;", "")
    # Identifiers in the text ('lecture.title') are wrapped in spans that keep them whole.
    assert "{{ lecture.title }}" in re.sub(r"<[^>]+>|\u200b", "", a4.html)


def test_cover_and_colophon_carry_the_lecture_date_not_the_clock(mini: m.Lecture) -> None:
    # A date no clock shows: any other year on these pages, or in the metadata, came from
    # somewhere else.
    dated = render(dataclasses.replace(mini, date=dt.date(1999, 3, 7)))
    pages = page_texts(dated.pdf)
    assert "7 March 1999" in pages[0]
    assert "7 March 1999" in pages[1]
    assert "Made with lectern" in pages[1] and "SIL Open Font License 1.1" in pages[1]
    assert set(re.findall(r"\b(?:1[89]|2[01])\d\d\b", pages[0] + " " + pages[1])) == {"1999"}
    info = PdfReader(BytesIO(dated.pdf)).metadata
    assert info is not None
    assert info["/CreationDate"].startswith("D:19990307")
    assert info["/ModDate"].startswith("D:19990307")


def test_pull_quote_with_attribution(a5: Booklet) -> None:
    text = " ".join(page_texts(a5.pdf))
    assert "“A short sentence worth remembering.”" in text
    assert "A Historical Figure, A Famous Speech, 1900" in text


# --- fonts, metadata, reproducibility -----------------------------------------------------


def test_only_shipped_fonts_are_embedded(any_booklet: Booklet, tmp_path: object) -> None:
    fonts = embedded_fonts(any_booklet.pdf, str(tmp_path))
    assert fonts
    for name, embedded in fonts:
        assert embedded, name
        assert name.startswith(SHIPPED), name


def test_pdf_metadata_outline_and_tags(a5: Booklet) -> None:
    reader = PdfReader(BytesIO(a5.pdf))
    info = reader.metadata
    assert info is not None
    assert info.title == "My Lecture"
    assert info.author == "Your Name"
    assert info.subject == a5.lecture.description
    assert info["/Keywords"] == "history, example"
    assert info["/CreationDate"].startswith("D:20260115")
    root = reader.trailer["/Root"]
    assert root["/Lang"] == "en"
    assert "/StructTreeRoot" in root and root["/MarkInfo"]["/Marked"]
    titles = [item.title for item in reader.outline if not isinstance(item, list)]
    assert titles == ["1. Opening", "2. The argument", "Timeline", "Glossary", "Sources"]


def test_two_renders_are_byte_identical(mini: m.Lecture, a5: Booklet) -> None:
    again = render_booklet(mini)
    assert again[f"{mini.name}.pdf"] == a5.pdf
    assert again[f"{mini.name}-print.pdf"] == a5.print_pdf
    assert f"{mini.name}.html" not in again


def test_print_file_is_imposed_on_the_sheet(any_booklet: Booklet) -> None:
    pages = len(page_sizes(any_booklet.pdf))
    sides = page_sizes(any_booklet.print_pdf)
    assert len(sides) == pages // 2
    width, height = PRESS_SHEETS[any_booklet.lecture.booklet.paper]
    assert all(s == pytest.approx((width, height), abs=0.05) for s in sides)


def test_missing_pango_is_a_system_error(mini: m.Lecture,
                                         monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("lectern.system.pango_version", lambda: None)
    with pytest.raises(SystemMissing, match="Pango"):
        render_booklet(mini)


# --- font coverage ------------------------------------------------------------------------


@pytest.mark.parametrize("char", ["\U0001F600", "中"])
def test_a_character_the_fonts_lack_is_an_error_at_its_line(mini: m.Lecture, char: str) -> None:
    lecture = with_paragraph(mini, f"A smile {char} here.", line=42)
    errors = check_booklet(lecture)
    assert [d.severity for d in errors] == ["error"]
    assert str(errors[0].pos) == "chapters/01-opening.md:42:1"
    assert f"U+{ord(char):04X}" in errors[0].message and char in errors[0].message


def test_the_test_lectures_pass_the_font_check(mini: m.Lecture) -> None:
    assert check_booklet(mini) == []


def test_a_glossary_entry_the_fonts_lack_is_reported(mini: m.Lecture) -> None:
    entry = dataclasses.replace(mini.glossary[0], original="совет 中",
                                pos=m.SourcePos("lecture.yaml", 24, 5))
    errors = check_booklet(dataclasses.replace(mini, glossary=(entry,)))
    assert [str(d.pos) for d in errors] == ["lecture.yaml:24:5"]


@pytest.mark.parametrize("paper", ["a5", "a4", "letter"])
def test_body_lines_keep_a_readable_measure(default_lecture: m.Lecture, paper: m.Paper) -> None:
    import pypdfium2 as pdfium

    prose = max(default_lecture.chapters, key=lambda c: len(c.body))
    booklet = render(with_paper(dataclasses.replace(default_lecture, chapters=(prose,)), paper))
    document = pdfium.PdfDocument(booklet.pdf)
    lengths = []
    for page in document:
        text = page.get_textpage().get_text_range().replace("\r", "")
        # Full lines of justified body text: long, and not a heading, note or running head.
        lengths += [len(line.strip()) for line in text.split("\n") if 45 < len(line.strip()) < 110]
    assert len(lengths) > 40
    median = sorted(lengths)[len(lengths) // 2]
    assert 55 <= median <= 75, f"{paper}: {median} characters per line"


def test_no_heading_ends_a_page(default_lecture: m.Lecture) -> None:
    from lectern.writers.booklet import BookletRenderer, _blocks_on

    for part in BookletRenderer().lay_out(default_lecture):
        for number in range(len(part.pages)):
            blocks = list(_blocks_on(part.document, number).items())
            assert not (blocks and blocks[-1][1]), f"{part.body[:60]!r}: a page ends with a heading"
