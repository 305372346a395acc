"""Helpers for the booklet tests: render with captured WeasyPrint logs, read PDFs back."""

from __future__ import annotations

import dataclasses
import logging
import re
import subprocess
from dataclasses import dataclass, field
from io import BytesIO

import pypdfium2 as pdfium

from lectern import model as m
from lectern.writers.booklet import render_booklet
from tests.conftest import require_tool

# Press sheets from the paper standards (ISO 216 and ANSI), in points: landscape A4, A3, Tabloid.
PRESS_SHEETS = {"a5": (841.89, 595.28), "a4": (1190.55, 841.89), "letter": (1224.0, 792.0)}

# Expected where HarfBuzz-Subset is missing (libharfbuzz-subset0): fontTools subsets instead.
EXPECTED_LOGS = ("Using fontTools instead of HarfBuzz-Subset",)


@dataclass
class Booklet:
    lecture: m.Lecture
    files: dict[str, bytes]
    logs: list[logging.LogRecord] = field(default_factory=list)

    @property
    def pdf(self) -> bytes:
        return self.files[f"{self.lecture.name}.pdf"]

    @property
    def print_pdf(self) -> bytes:
        return self.files[f"{self.lecture.name}-print.pdf"]

    @property
    def html(self) -> str:
        return self.files[f"{self.lecture.name}-booklet.html"].decode("utf-8")


class _Records(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)


def render(lecture: m.Lecture) -> Booklet:
    """Render the booklet (with HTML), recording every WeasyPrint warning or error."""
    handler = _Records()
    logger = logging.getLogger("weasyprint")
    logger.addHandler(handler)
    try:
        files = render_booklet(lecture, keep_html=True)
    finally:
        logger.removeHandler(handler)
    return Booklet(lecture, files, [r for r in handler.records if r.levelno >= logging.WARNING])


def unexpected(logs: list[logging.LogRecord]) -> list[str]:
    return [r.getMessage() for r in logs
            if not any(r.getMessage().startswith(e) for e in EXPECTED_LOGS)]


def normalise(text: str) -> str:
    """Extracted text as a reader sees it: hyphenated line ends joined, spaces collapsed."""
    text = re.sub("\ufffe\r?\n?", "", text)  # pdfium marks a line-end hyphen with U+FFFE
    text = re.sub("\u2010\r?\n", "", text)  # or extracts the hyphen WeasyPrint drew there
    text = text.replace("\u00ad", "").replace("\u00a0", " ").replace("\u202f", " ")
    text = re.sub(r"-\r?\n", "-", text)
    text = re.sub(r"\s+", " ", text).strip()
    # Letter-spaced capitals (running heads, labels) extract as "C H A P T E R".
    return LETTER_SPACED.sub(lambda found: found.group(0).replace(" ", ""), text)


LETTER_SPACED = re.compile(r"(?<!\S)(?:[A-ZА-ЯЁ] ){2,}[A-ZА-ЯЁ](?!\S)")


def page_texts(pdf: bytes) -> list[str]:
    document = pdfium.PdfDocument(BytesIO(pdf))
    try:
        return [normalise(document[i].get_textpage().get_text_range())
                for i in range(len(document))]
    finally:
        document.close()


def page_sizes(pdf: bytes) -> list[tuple[float, float]]:
    document = pdfium.PdfDocument(BytesIO(pdf))
    try:
        return [document[i].get_size() for i in range(len(document))]
    finally:
        document.close()


def text_in(pdf: bytes, page: int, box: tuple[float, float, float, float]) -> str:
    """The text inside (left, bottom, right, top) of a 0-based page."""
    document = pdfium.PdfDocument(BytesIO(pdf))
    try:
        textpage = document[page].get_textpage()
        return normalise(textpage.get_text_bounded(*box))
    finally:
        document.close()


def embedded_fonts(pdf: bytes, tmp: str) -> list[tuple[str, bool]]:
    """(BaseFont without subset tag, embedded) for every font, as pdffonts reports them."""
    path = f"{tmp}/fonts.pdf"
    with open(path, "wb") as handle:
        handle.write(pdf)
    tool = require_tool("pdffonts")
    out = subprocess.run([tool, path], capture_output=True, text=True, check=True).stdout
    fonts = []
    for line in out.splitlines()[2:]:
        name, *rest = line.split()
        # Columns from the right: emb sub uni object-number generation.
        emb = rest[-5]
        fonts.append((name.split("+", 1)[-1], emb == "yes"))
    return fonts


def with_paper(lecture: m.Lecture, paper: m.Paper) -> m.Lecture:
    return dataclasses.replace(lecture, booklet=dataclasses.replace(lecture.booklet, paper=paper))


def with_paragraph(lecture: m.Lecture, text: str, line: int = 99) -> m.Lecture:
    """The lecture with one more paragraph opening its first chapter."""
    first = lecture.chapters[0]
    paragraph = m.Paragraph((m.Text(text),), m.SourcePos(first.pos.file, line, 1))
    chapter = dataclasses.replace(first, body=(paragraph, *first.body))
    return dataclasses.replace(lecture, chapters=(chapter, *lecture.chapters[1:]))


def footnote_places(lecture: m.Lecture, pages: list[str]) -> list[tuple[str, list[int], list[int]]]:
    """For each footnote: (call context, pages holding the words before the call, pages
    holding the end of its note)."""
    found = []
    for chapter in lecture.chapters:
        for block in m.walk_inlines(chapter.body):
            if not isinstance(block, m.Paragraph):
                continue
            for index, node in enumerate(block.content):
                if not isinstance(node, m.FootnoteRef):
                    continue
                before = normalise(m.plain_text(block.content[:index]))[-24:]
                note = normalise(m.plain_text(node.note[0].content))[-28:]  # type: ignore[union-attr]
                found.append((before,
                              [i for i, p in enumerate(pages) if before in p],
                              [i for i, p in enumerate(pages) if note in p]))
    return found


def is_notes(text: str) -> bool:
    """Whether a page's text is that of a ruled Notes page (letter-spacing splits the word)."""
    return text.replace(" ", "") == "NOTES"


def with_chapter(lecture: m.Lecture) -> m.Lecture:
    """The lecture with a copy of its last chapter appended as a new chapter."""
    last = lecture.chapters[-1]
    extra = dataclasses.replace(last, number=last.number + 1, slug=f"{last.slug}-again",
                                title=f"{last.title}, again")
    return dataclasses.replace(lecture, chapters=(*lecture.chapters, extra))


def one_document_pdf(lecture: m.Lecture, push: frozenset[str]) -> bytes:
    """The booklet laid out as one WeasyPrint document, its contents numbered by WeasyPrint
    (the reference the part-wise layout must equal)."""
    from lectern.writers import booklet
    from lectern.writers.booklet_html import render_html

    styles = booklet._Styles.make(lecture, "")
    document = booklet._layout(lecture, render_html(lecture, push), styles)
    return booklet._write_pdf(lecture, document.copy(booklet._padded(document.pages)))
