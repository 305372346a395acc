"""The booklet writer: the lecture as a typeset reading-order PDF and an imposed print PDF."""

from __future__ import annotations

import contextlib
import datetime as dt
import gc
import logging
import os
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .. import fonts
from .. import model as m
from ..diagnostics import Collector, Diagnostic, LecternError
from ..limits import MAX_PAGES
from ..paths import ASSETS, LAYOUTS
from ..system import require_pango
from .booklet_html import NOTES_PAGES, layout_dirs, page_css, render_html
from .booklet_pages import HINT, check_pages, page_cap, too_many_pages
from .impose import impose

if TYPE_CHECKING:
    from weasyprint import Document
    from weasyprint.text.fonts import FontConfiguration

    from .fetcher import SandboxFetcher

LOG = logging.getLogger(__name__)


# --- checks -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Printed:
    """A piece of text the booklet prints, where it comes from, and the family that sets it."""

    text: str
    pos: m.SourcePos
    family: fonts.Family


def check_booklet(lecture: m.Lecture) -> list[Diagnostic]:
    """Report every character of the booklet's text that its fonts cannot display."""
    diag = Collector()
    reported: set[tuple[m.SourcePos, str]] = set()
    for piece in printed_text(lecture):
        for char in fonts.missing(piece.text, piece.family):
            if (piece.pos, char) in reported:
                continue
            reported.add((piece.pos, char))
            diag.error(piece.pos, f"the booklet fonts have no glyph for {char!r} "
                                  f"(U+{ord(char):04X}) in {piece.family.name}",
                       "replace the character or remove it")
    diag.extend(check_pages(lecture, printed_text))
    return diag.sorted()


def printed_text(lecture: m.Lecture) -> Iterator[Printed]:
    """Every text the booklet prints, with its source position and font family."""
    serif, sans = fonts.SERIF, fonts.SANS
    at = lecture.pos
    for text in (lecture.title, lecture.subtitle, lecture.description, lecture.basis):
        yield Printed(text, at, serif)
    for author in lecture.authors:
        yield Printed(author, at, sans)
    yield Printed(lecture.booklet.cover_credit, lecture.booklet.pos, sans)
    for chapter in lecture.chapters:
        yield from _chapter_text(chapter)
    for entry in lecture.timeline:
        yield Printed(entry.event + entry.detail, entry.pos, serif)
    for gloss in lecture.glossary:
        yield Printed(gloss.term + gloss.original + gloss.transliteration + gloss.definition,
                      gloss.pos, serif)
    for source in lecture.sources:
        yield Printed(source.author + source.title + source.place + source.publisher
                      + source.year + source.note, source.pos, serif)
        yield Printed(source.url, source.pos, sans)


def _chapter_text(chapter: m.Chapter) -> Iterator[Printed]:
    yield Printed(chapter.title + chapter.summary, chapter.pos, fonts.SERIF)
    # The running head repeats the title in the sans.
    yield Printed(chapter.title, chapter.pos, fonts.SANS)
    for question in chapter.questions:
        yield Printed(question.text, question.pos, fonts.SANS)
    yield from _blocks_text(chapter.body, chapter.pos)


def _blocks_text(blocks: m.Blocks, fallback: m.SourcePos) -> Iterator[Printed]:
    for block in blocks:
        pos = block.pos if block.pos != m.NOWHERE else fallback
        if isinstance(block, (m.Paragraph, m.Heading)):
            yield from _inlines_text(block.content, pos, fonts.SERIF)
        elif isinstance(block, m.ListBlock):
            for item in block.items:
                yield from _blocks_text(item, pos)
        elif isinstance(block, m.BlockQuote):
            yield from _blocks_text(block.content, pos)
        elif isinstance(block, m.CodeBlock):
            yield Printed(block.text, pos, fonts.SANS)
        elif isinstance(block, m.Figure):
            yield from _inlines_text(block.caption, pos, fonts.SANS)
            yield Printed(block.credit, pos, fonts.SANS)
        elif isinstance(block, m.PullQuote):
            q = block.quote
            yield Printed(q.text + q.original, q.pos, fonts.SERIF)
            yield Printed(q.reference, q.pos, fonts.SANS)


def _inlines_text(inlines: m.Inlines, pos: m.SourcePos, family: fonts.Family) -> Iterator[Printed]:
    """Text of inline nodes at the closest known position; footnotes at their own."""
    for node in inlines:
        if isinstance(node, m.FootnoteRef):
            yield from _blocks_text(node.note, node.pos if node.pos != m.NOWHERE else pos)
        elif isinstance(node, m.Code):
            yield Printed(node.text, pos, fonts.SANS)
        elif isinstance(node, m.Text):
            yield Printed(node.text, pos, family)
        else:
            here = getattr(node, "pos", m.NOWHERE)
            yield from _inlines_text(m.children_of(node),  # type: ignore[arg-type]
                                     here if here != m.NOWHERE else pos, family)


# --- rendering ----------------------------------------------------------------------------


def render_booklet(lecture: m.Lecture, keep_html: bool = False) -> dict[str, bytes]:
    """Render the booklet: {name.pdf, name-print.pdf[, name.html]}; nothing is written.

    Raises SystemMissing without Pango, LecternError when the layout asks for a file
    outside the lecture folder, layouts/ and assets/.
    """
    require_pango()
    from weasyprint.text.fonts import FontConfiguration

    font_config = FontConfiguration()
    html, book = _paginate(lecture, font_config)
    if len(book.pages) > COLLECT_ABOVE:
        # Layout leaves much cyclic garbage; freeing it before the PDF is built beside the
        # laid-out book keeps a 600-page booklet at 450 MiB instead of 520. A full collection
        # costs about 2 ms a page, not worth it for a book that fits in memory anyway.
        gc.collect()
    padded = _pad(book)
    if len(padded.pages) > MAX_PAGES:
        raise LecternError(f"{too_many_pages(len(padded.pages))} ({HINT})", lecture.pos)
    pdf = _write_pdf(lecture, padded)
    files = {
        f"{lecture.name}.pdf": pdf,
        f"{lecture.name}-print.pdf": impose(pdf, lecture.booklet.paper, lecture.booklet.duplex),
    }
    if keep_html:
        files[f"{lecture.name}.html"] = html.encode("utf-8")
    return files


def notes_pages_needed(pages: int) -> int:
    """How many Notes pages bring `pages` to a multiple of 4."""
    return -pages % 4


def _paginate(lecture: m.Lecture, font_config: FontConfiguration) -> tuple[str, Document]:
    """Lay the book out with every footnote on its call's page.

    WeasyPrint 70 moves a page's footnotes to the next page to fit one more line of a later
    paragraph; each such page gets its last block pushed to the next page and the book is
    laid out again.
    """
    push: frozenset[str] = frozenset()
    for _ in range(MAX_LAYOUTS):
        html = render_html(lecture, push=push)
        document = _layout(lecture, html, font_config)
        more = blocks_to_push(document) - push
        if not more:
            return html, document
        push |= more
    raise LecternError(f"the booklet could not be laid out in {MAX_LAYOUTS} attempts "
                       "(footnotes kept moving)", lecture.pos)


MAX_LAYOUTS = 6
COLLECT_ABOVE = 256  # pages


def _pad(book: Document) -> Document:
    """The book with as many of its Notes pages as make 4n pages; the rest are dropped.

    The book is laid out with NOTES_PAGES Notes pages before its back cover. They come
    after everything else, so dropping some moves no other page; the back cover has no
    margins, so its side does not matter.
    """
    pages = book.pages
    content = len(pages) - NOTES_PAGES - 1  # before the Notes pages
    keep = notes_pages_needed(content + 1)
    return book.copy([*pages[:content + keep], pages[-1]])


def blocks_to_push(document: Document) -> frozenset[str]:
    """The data-block of the last block starting on each page whose footnote went astray."""
    calls: dict[int, int] = {}
    notes: dict[int, int] = {}
    for number, page in enumerate(document.pages):
        for box in page._page_box.descendants():  # private: no public box API
            if getattr(box, "footnote", None) is not None:
                calls[id(box.element)] = number
            elif type(box).__name__ == "FootnoteAreaBox":
                notes.update((id(child.element), number) for child in box.children)
    astray = {page for element, page in calls.items() if notes.get(element, page) != page}
    return frozenset(filter(None, (_last_block_starting(document, page) for page in astray)))


HEADINGS = frozenset({"h2", "h3", "h4", "h5", "h6"})


def _blocks_on(document: Document, number: int) -> dict[str, bool]:
    """The chapter blocks on page `number`, in order, each with whether it is a heading."""
    found: dict[str, bool] = {}
    for box in document.pages[number]._page_box.descendants():
        element = getattr(box, "element", None)
        block = element.get("data-block") if element is not None else None
        if block and block not in found:
            found[block] = getattr(element, "tag", "") in HEADINGS
    return found


def _last_block_starting(document: Document, number: int) -> str | None:
    """The last chapter block that begins on page `number` (not one continued from before).

    A heading just before it goes with it: pushing only the text would leave the heading
    as the last line of the page.
    """
    earlier = _blocks_on(document, number - 1) if number else {}
    starting = [(block, heading) for block, heading in _blocks_on(document, number).items()
                if block not in earlier]
    while len(starting) > 1 and starting[-2][1]:
        starting.pop()
    return starting[-1][0] if starting else None


def _layout(lecture: m.Lecture, html: str, font_config: FontConfiguration) -> Document:
    from weasyprint import CSS, HTML

    from .fetcher import FetchRefused

    fetcher = make_fetcher(lecture)
    base_url = lecture.root.resolve().as_uri() + "/"
    try:
        stylesheets = [
            CSS(string=fonts.font_face_css(), base_url=base_url, url_fetcher=fetcher,
                font_config=font_config),
            CSS(string=page_css(lecture), base_url=base_url, url_fetcher=fetcher,
                font_config=font_config),
            *(CSS(filename=str(path), base_url=path.parent.as_uri() + "/", url_fetcher=fetcher,
                  font_config=font_config) for path in _stylesheet_files(lecture)),
        ]
        with page_cap(lecture, MAX_PAGES + NOTES_PAGES):  # the Notes pages may be dropped
            document = HTML(string=html, base_url=base_url, url_fetcher=fetcher).render(
                stylesheets=stylesheets, font_config=font_config, **_pdf_options(lecture))
    except FetchRefused as refused:
        raise LecternError(str(refused), refused.pos) from None
    return document


def _stylesheet_files(lecture: m.Lecture) -> list[Path]:
    """The print stylesheet: the first booklet.css found along the layout folders."""
    for folder in layout_dirs(lecture):
        if (folder / "booklet.css").is_file():
            return [folder / "booklet.css"]
    raise LecternError("no booklet.css in the layout folders", lecture.pos)


def _pdf_options(lecture: m.Lecture) -> dict[str, Any]:
    if lecture.booklet.tagged:
        return {"pdf_variant": "pdf/ua-1"}
    return {}


def _write_pdf(lecture: m.Lecture, document: Document) -> bytes:
    with _source_date(lecture.date):
        data = document.write_pdf(**_pdf_options(lecture))
    assert isinstance(data, bytes)
    return data


@contextlib.contextmanager
def _source_date(date: dt.date) -> Iterator[None]:
    """Set SOURCE_DATE_EPOCH to `date` while fonts are subset.

    Without HarfBuzz-Subset, WeasyPrint subsets with fontTools, which stamps each font's
    'head' table with the current time unless SOURCE_DATE_EPOCH is set; the booklet must
    carry the lecture's date, never the clock.
    """
    saved = os.environ.get("SOURCE_DATE_EPOCH")
    epoch = dt.datetime(date.year, date.month, date.day, tzinfo=dt.UTC)
    # Font timestamps cannot go before 1970 (fontTools warns and shifts them), so a lecture
    # dated earlier gives its fonts the first representable day.
    os.environ["SOURCE_DATE_EPOCH"] = str(max(0, int(epoch.timestamp())))
    try:
        yield
    finally:
        if saved is None:
            del os.environ["SOURCE_DATE_EPOCH"]
        else:
            os.environ["SOURCE_DATE_EPOCH"] = saved


def make_fetcher(lecture: m.Lecture) -> SandboxFetcher:
    """The one fetcher every HTML and CSS object of a booklet uses."""
    from .fetcher import SandboxFetcher

    origins: dict[Path, m.SourcePos] = {}
    if lecture.booklet.cover_image is not None:
        origins[lecture.booklet.cover_image] = lecture.booklet.pos
    for chapter in lecture.chapters:
        for node in m.walk_inlines(chapter.body):
            if isinstance(node, m.Figure):
                origins[node.path] = node.pos
    return SandboxFetcher((lecture.root, LAYOUTS, ASSETS), origins, fallback=lecture.pos)
