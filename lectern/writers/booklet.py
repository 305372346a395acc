"""The booklet writer: the lecture as a typeset reading-order PDF and an imposed print PDF."""

from __future__ import annotations

import contextlib
import dataclasses
import datetime as dt
import gc
import hashlib
import itertools
import logging
import os
import re
import statistics
import time
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .. import fonts
from .. import model as m
from ..diagnostics import Collector, Diagnostic, LecternError
from ..limits import MAX_PAGES
from ..locale.licenses import credits
from ..system import load_weasyprint
from .booklet_html import (
    NOTES_PAGES,
    Part,
    PartWriter,
    document_html,
    layout_dirs,
    page_css,
    part_end,
)
from .booklet_pages import HINT, check_pages, layout_budget, page_cap, too_many_pages
from .impose import impose
from .urls import booklet_roots
from .weasy.layout import (
    content_top,
    footnote_pages,
    footnotes_reported,
    next_page_opens,
    page_boxes,
    skip_page,
)
from .weasy.pdf_speed import DrawCache, StreamCache, faster_writes
from .weasy.tags import pdf_options, tagging

if TYPE_CHECKING:
    from weasyprint import CSS, Document, Page
    from weasyprint.text.fonts import FontConfiguration

    from .weasy.fetcher import SandboxFetcher

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
    for author in (*lecture.authors, *lecture.roles):
        yield Printed(author, at, sans)
    for line in credits(lecture):
        yield Printed(line, lecture.adapted_from.pos if lecture.adapted_from else at, sans)
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
            yield Printed(block.text, pos, fonts.MONO)
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
            yield Printed(node.text, pos, fonts.MONO)
        elif isinstance(node, m.Text):
            yield Printed(node.text, pos, family)
        else:
            here = getattr(node, "pos", m.NOWHERE)
            yield from _inlines_text(m.children_of(node),  # type: ignore[arg-type]
                                     here if here != m.NOWHERE else pos, family)


# --- rendering ----------------------------------------------------------------------------


def render_booklet(lecture: m.Lecture, keep_html: bool = False) -> dict[str, bytes]:
    """Render the booklet: {name.pdf, name-print.pdf[, name-booklet.html]}; nothing is written.

    Raises SystemMissing without Pango, LecternError when the layout asks for a file
    outside the lecture folder, layouts/ and assets/.
    """
    return (_KEPT or BookletRenderer()).render(lecture, keep_html)


def keep_layouts(keep: bool = True) -> None:
    """Keep laid-out parts between builds in this process (for `lectern watch`), or stop."""
    global _KEPT
    if not keep:
        _KEPT = None
    elif _KEPT is None:
        _KEPT = BookletRenderer(keep=True)


def kept_renderer() -> BookletRenderer | None:
    """The renderer kept between builds, if this process keeps one."""
    return _KEPT


_KEPT: BookletRenderer | None = None


def notes_pages_needed(pages: int) -> int:
    """How many Notes pages bring `pages` to a multiple of 4."""
    return -pages % 4


MAX_LAYOUTS = 6
COLLECT_ABOVE = 256  # pages
# A contents of up to this many entries is taken to fit on one page when guessing where the
# first chapter starts (cover, imprint, contents, blank); a wrong guess costs a re-layout.
ONE_PAGE_CONTENTS = 12


@dataclass(frozen=True)
class LaidOut:
    """One part laid out from its first page: its pages (a blank page that must follow it
    included) and the markup that made them."""

    pages: list[Page]
    document: Document
    body: str
    push: frozenset[str]
    laid_out: int  # pages WeasyPrint made for it, repairs and the page after it included


@dataclass
class LayoutStats:
    """What the last render laid out: for the benchmarks and the watch report."""

    parts: int = 0
    reused: int = 0
    pages: int = 0
    laid_out: int = 0
    replayed: int = 0  # pages whose drawing was replayed, not drawn again
    seconds: dict[str, float] = field(default_factory=dict)  # layout, pdf, print


class BookletRenderer:
    """Lays the booklet out part by part and writes it as one PDF.

    Each part (front matter, each chapter, back matter) starts on a page of its own, so it
    is laid out as a document of its own, starting at its page number and side; the pages
    are then combined into one document and written once (WeasyPrint subsets each font
    once and builds one outline, one set of links and one structure tree). A renderer kept
    between builds reuses each part whose markup, first page and stylesheets are unchanged.
    """

    def __init__(self, keep: bool = False) -> None:
        self._styles: _Styles | None = None
        self._parts: dict[str, LaidOut] = {}
        self._front_pages: dict[str, int] = {}
        # Kept between writes: each page's drawing and compressed streams (recording them
        # costs a one-off build time for nothing).
        self._streams = StreamCache() if keep else None
        self._drawn = DrawCache() if keep else None
        self.stats = LayoutStats()

    def render(self, lecture: m.Lecture, keep_html: bool = False) -> dict[str, bytes]:
        load_weasyprint()
        started = time.perf_counter()
        with layout_budget(lecture):
            parts = self.lay_out(lecture)
        pages = _padded([page for part in parts for page in part.pages])
        if len(pages) > MAX_PAGES:
            raise LecternError(f"{too_many_pages(len(pages))} ({HINT})", lecture.pos)
        if len(pages) > COLLECT_ABOVE and _KEPT is None:
            # Layout leaves much cyclic garbage; freeing it before the PDF is built beside the
            # laid-out book keeps a 600-page booklet at 450 MiB instead of 520. A full
            # collection costs about 2 ms a page, not worth it for a small book.
            gc.collect()
        laid = time.perf_counter()
        if self._drawn is not None:
            self._drawn.replayed = 0
        pdf = _write_pdf(lecture, parts[0].document.copy(pages), self._streams, self._drawn)
        written = time.perf_counter()
        files = {
            f"{lecture.name}.pdf": pdf,
            f"{lecture.name}-print.pdf": impose(pdf, lecture.booklet.paper,
                                                lecture.booklet.duplex),
        }
        self.stats.replayed = self._drawn.replayed if self._drawn is not None else 0
        self.stats.seconds = {"layout": laid - started, "pdf": written - laid,
                              "print": time.perf_counter() - written}
        if keep_html:
            html = document_html(lecture, "".join(part.body for part in parts))
            # {name}.html is the web edition
            files[f"{lecture.name}-booklet.html"] = html.encode("utf-8")
        return files

    def lay_out(self, lecture: m.Lecture) -> list[LaidOut]:
        """Every part laid out, front matter first, its contents showing the real pages."""
        styles = self._styles_for(lecture)
        writer = PartWriter(lecture)
        bodies = [writer.render(i).body for i in range(len(writer.names))]
        ends = [part_end(Part("", body)) for body in bodies[1:]] + [""]
        front_key = _digest(bodies[0], ends[0])
        self.stats = LayoutStats(parts=len(bodies))
        kept: dict[str, LaidOut] = {}
        front_pages = self._front_pages.get(front_key) or self._guess_front(
            lecture, styles, writer, ends[0])
        for _ in range(MAX_LAYOUTS):
            start, rest = front_pages + 1, []
            try:
                for index in range(1, len(bodies)):
                    laid = self._part(lecture, styles, writer, index, bodies[index],
                                      ends[index], start, kept)
                    rest.append(laid)
                    start += len(laid.pages)
            except LecternError:
                # Report the first problem in reading order: the front matter, laid out
                # after the chapters, may hold an earlier one (it raises if so).
                _lay_out_part(lecture, styles, writer, 0, ends[0], 1, None)
                raise
            numbers = _anchor_pages(rest, front_pages + 1)
            front = self._part(lecture, styles, writer, 0, bodies[0], ends[0], 1, kept,
                               numbers)
            if len(front.pages) == front_pages:
                break
            front_pages = len(front.pages)
        else:
            raise LecternError("the booklet's front matter could not be laid out "
                               f"in {MAX_LAYOUTS} attempts", lecture.pos)
        self._front_pages = {front_key: front_pages}
        self._parts = kept  # only what this build used: a kept renderer does not grow
        parts = [front, *rest]
        self.stats.pages = sum(len(part.pages) for part in parts)
        return parts

    def _part(self, lecture: m.Lecture, styles: _Styles, writer: PartWriter, index: int,
              body: str, end: str, start: int, kept: dict[str, LaidOut],
              numbers: Mapping[str, int] | None = None) -> LaidOut:
        key = _digest(styles.key, str(start), body, end, repr(sorted((numbers or {}).items())),
                      *_file_stamps(lecture, index))
        laid = self._parts.get(key) or kept.get(key)
        if laid is not None:
            self.stats.reused += 1
        else:
            laid = _lay_out_part(lecture, styles, writer, index, end, start, numbers,
                                 body if numbers is None else None)
            self.stats.laid_out += laid.laid_out
        kept[key] = laid
        return laid

    def _guess_front(self, lecture: m.Lecture, styles: _Styles, writer: PartWriter,
                     end: str) -> int:
        """How many pages the front matter will take, before the chapters' pages are known.

        A short contents fits one page: cover, imprint, contents and a blank page. For a
        longer one, the front matter of the first chapters only is laid out (stand-in page
        numbers), until its contents overflows its first page; that page's entries and
        their spacing say how many pages all of them need. A wrong guess costs a second
        layout of the chapters, never a wrong book.
        """
        anchors = _contents_anchors(writer)
        if len(anchors) <= ONE_PAGE_CONTENTS:
            return 4
        stand_in = {a: 10 ** len(str(2 * len(anchors))) for a in anchors}
        shown = 2 * ONE_PAGE_CONTENTS
        while True:
            probe = dataclasses.replace(lecture, chapters=lecture.chapters[:shown])
            laid = _lay_out_part(probe, styles, PartWriter(probe), 0, end, 1, stand_in)
            self.stats.laid_out += laid.laid_out
            if shown >= len(lecture.chapters):
                return len(laid.pages)  # the whole contents: the count itself
            tops = _link_tops(laid.pages, set(anchors))
            pages = [i for i, found in enumerate(tops) if found]
            if len(pages) > 1:
                break
            shown *= 2
        first = tops[pages[0]]
        if len(first) < 2:
            return len(laid.pages) + len(anchors) - len(first)  # one entry a page
        pitch = statistics.median(b - a for a, b in itertools.pairwise(first))
        # A page after the first holds its entries from the top of the text area down.
        top = content_top(laid.pages[pages[0]])
        per_page = len(first) + max(0, int((first[0] - top) // pitch))
        count = pages[0] + 1 + -(-(len(anchors) - len(first)) // per_page)
        return count + count % 2  # the first chapter opens on a right-hand page

    def _styles_for(self, lecture: m.Lecture) -> _Styles:
        key = _digest(fonts.font_face_css(), page_css(lecture),
                      *(path.read_text(encoding="utf-8") for path in _stylesheet_files(lecture)),
                      str(lecture.root.resolve()), repr(_pdf_options(lecture)))
        if self._styles is None or self._styles.key != key:
            self._styles = _Styles.make(lecture, key)
            self._parts, self._front_pages = {}, {}
        return self._styles


@dataclass(frozen=True)
class _Styles:
    """The stylesheets every part is laid out with, and the font configuration they share."""

    key: str
    font_config: FontConfiguration
    sheets: list[CSS]
    placings: dict[int, CSS] = field(default_factory=dict)  # by a part's first page

    def placing(self, start: int) -> CSS:
        """The stylesheet that gives a part's first page its number and side."""
        from weasyprint import CSS

        found = self.placings.get(start)
        if found is None:
            # A one-document layout starts at 1, on the right.
            side = "right" if start % 2 else "left"
            found = CSS(string=f"@page :first {{ counter-reset: page {start} }} "
                               f"html {{ break-before: {side} }}", font_config=self.font_config)
            self.placings[start] = found
        return found

    @classmethod
    def make(cls, lecture: m.Lecture, key: str) -> _Styles:
        from weasyprint import CSS
        from weasyprint.text.fonts import FontConfiguration

        from .weasy.fetcher import FetchRefused

        font_config = FontConfiguration()
        fetcher = make_fetcher(lecture)
        roots = fetcher.roots
        base_url = roots.folder_url(lecture.root)
        try:
            sheets = [
                CSS(string=fonts.font_face_css(roots.url), base_url=base_url,
                    url_fetcher=fetcher, font_config=font_config),
                CSS(string=page_css(lecture), base_url=base_url, url_fetcher=fetcher,
                    font_config=font_config),
                # Loaded through the fetcher too, by its URL: no machine path reaches WeasyPrint.
                *(CSS(url=roots.url(path), url_fetcher=fetcher, font_config=font_config)
                  for path in _stylesheet_files(lecture)),
            ]
        except FetchRefused as refused:
            raise LecternError(str(refused), refused.pos) from None
        return cls(key, font_config, sheets)


def _lay_out_part(lecture: m.Lecture, styles: _Styles, writer: PartWriter, index: int,
                  end: str, start: int, numbers: Mapping[str, int] | None,
                  body: str | None = None) -> LaidOut:
    """Lay part `index` out from page `start`, with every footnote on its call's page.

    WeasyPrint 70 moves a page's footnotes to the next page to fit one more line of a later
    paragraph; the layout stops at such a page, its last block is pushed to the next page
    and the part (only this part) is laid out again. `end` opens the next part, so that the
    page break after this part, and a blank page it may need, come out as in a
    one-document layout; the layout stops before the page it would open. `body` is the
    part's markup when it is already rendered with no block pushed.
    """
    push: frozenset[str] = frozenset()
    laid_out = 0
    whole = 0  # layouts that ran to the end of the part
    early = True
    while whole < MAX_LAYOUTS:
        if body is None:
            body = writer.render(index, push, numbers).body
        enough = _Enough(ends=bool(end), footnotes=early)
        document = _layout(lecture, document_html(lecture, body + end), styles, start, enough)
        laid_out += len(document.pages)
        whole += enough.astray is None
        more = blocks_to_push(document, enough.astray) - push
        if more:
            push, body = push | more, None
        elif enough.astray is not None:
            early = False  # no block of that page can move: lay the whole part out as it is
        else:
            pages = document.pages if enough.ended or not end else document.pages[:-1]
            return LaidOut(pages, document, body, push, laid_out)
    raise LecternError(f"the booklet could not be laid out in {MAX_LAYOUTS} attempts "
                       "(footnotes kept moving)", lecture.pos)


class _Enough:
    """Tells WeasyPrint's page loop when a part has made every page lectern will use.

    Two pages are never needed: the one that would open the next part (the part is laid
    out with that part's first element at its end only to get the page break before it
    right), and, while footnotes are checked, any page after one whose footnotes WeasyPrint
    carried over to the next page (that part is laid out again anyway). A decision, once
    made, holds for every repagination pass of the same document.
    """

    def __init__(self, ends: bool, footnotes: bool) -> None:
        self.ends = ends
        self.footnotes = footnotes
        self.stop_at: int | None = None
        self.astray: int | None = None  # the page (from 0) whose footnotes went on
        self.ended = False  # stopped before the page that opens the next part

    def __call__(self, context: Any, root_box: Any, count: int) -> bool:
        if self.stop_at is not None:
            return count >= self.stop_at
        if self.footnotes and footnotes_reported(context):
            self.astray, self.stop_at = count - 1, count
        elif self.ends and _opens_next_part(context, root_box, count):
            self.ended, self.stop_at = True, count
        else:
            return False
        # The page not made would otherwise ask WeasyPrint for another pagination pass.
        skip_page(context, count)
        return True


def _opens_next_part(context: Any, root_box: Any, made: int) -> bool:
    """Whether the page after the first `made` pages would start with the element that
    opens the next part, and is not a blank page before it."""
    return next_page_opens(context, root_box, made,
                           lambda element: element.get("data-part-end") is not None)


def _anchor_pages(parts: list[LaidOut], start: int) -> dict[str, int]:
    """The page number of every anchor in `parts`, the first part starting at `start`."""
    found: dict[str, int] = {}
    number = start
    for part in parts:
        for page in part.pages:
            for anchor in page.anchors:
                found.setdefault(anchor, number)
            number += 1
    return found


def _link_tops(pages: list[Page], anchors: set[str]) -> list[list[float]]:
    """Where each page's links to `anchors` start, top to bottom (a contents: its entries)."""
    tops = []
    for page in pages:
        found = {target: rect[1] for kind, target, rect, *_ in page.links
                 if kind == "internal" and target in anchors}
        tops.append(sorted(found.values()))
    return tops


_HREF = re.compile(r'href="#([^"]+)"')


def _contents_anchors(writer: PartWriter) -> list[str]:
    """The anchors the front matter links to (the contents' entries)."""
    return _HREF.findall(writer.render(0).body)


def _file_stamps(lecture: m.Lecture, index: int) -> list[str]:
    """The digest the reader took of each picture part `index` shows: a changed picture
    means a new layout."""
    if index == 0:
        return [lecture.booklet.cover_digest] if lecture.booklet.cover_image else []
    if index <= len(lecture.chapters):
        return [node.digest for node in m.walk_inlines(lecture.chapters[index - 1].body)
                if isinstance(node, m.Figure)]
    return []


def _digest(*texts: str) -> str:
    digest = hashlib.sha256()
    for text in texts:
        digest.update(text.encode("utf-8"))
        digest.update(b"\0")
    return digest.hexdigest()


def _padded(pages: list[Page]) -> list[Page]:
    """The book with as many of its Notes pages as make 4n pages; the rest are dropped.

    The back matter is laid out with NOTES_PAGES Notes pages before its back cover. They
    come after everything else, so dropping some moves no other page; the back cover has
    no margins, so its side does not matter.
    """
    content = len(pages) - NOTES_PAGES - 1  # before the Notes pages
    keep = notes_pages_needed(content + 1)
    return [*pages[:content + keep], pages[-1]]


def blocks_to_push(document: Document, astray_page: int | None = None) -> frozenset[str]:
    """The data-block of the last block starting on each page whose footnote went astray
    (`astray_page`: one such page the layout stopped at, its footnotes not laid out)."""
    calls, notes = footnote_pages(document.pages)
    astray = {page for element, page in calls.items() if notes.get(element, page) != page}
    if astray_page is not None:
        astray.add(astray_page)
    return frozenset(filter(None, (_last_block_starting(document, page) for page in astray)))


HEADINGS = frozenset({"h2", "h3", "h4", "h5", "h6"})


def _blocks_on(document: Document, number: int) -> dict[str, bool]:
    """The chapter blocks on page `number`, in order, each with whether it is a heading."""
    found: dict[str, bool] = {}
    for box in page_boxes(document.pages[number]):
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


def _layout(lecture: m.Lecture, html: str, styles: _Styles, start: int = 1,
            enough: _Enough | None = None) -> Document:
    """Lay `html` out as pages numbered from `start`, the first on its side of the spread
    (and no further than `enough` wants)."""
    from weasyprint import HTML

    from .weasy.fetcher import FetchRefused
    from .weasy.pango_attrs import install

    install()
    fetcher = _fetcher_of(lecture)
    base_url = fetcher.roots.folder_url(lecture.root)
    # The pages this part may take before the book passes its limit (the Notes pages, some
    # of which are dropped, and the page opening the next part do not count).
    room = MAX_PAGES + NOTES_PAGES + 2 - start
    try:
        with page_cap(lecture, room, enough):
            return HTML(string=html, base_url=base_url, url_fetcher=fetcher).render(
                stylesheets=[*styles.sheets, styles.placing(start)],
                font_config=styles.font_config,
                **_pdf_options(lecture))
    except FetchRefused as refused:
        raise LecternError(str(refused), refused.pos) from None


def _stylesheet_files(lecture: m.Lecture) -> list[Path]:
    """The print stylesheet: the first booklet.css found along the layout folders."""
    for folder in layout_dirs(lecture):
        if (folder / "booklet.css").is_file():
            return [folder / "booklet.css"]
    raise LecternError("no booklet.css in the layout folders", lecture.pos)


def _pdf_options(lecture: m.Lecture) -> dict[str, Any]:
    return pdf_options(lecture.booklet.tagged)


def _write_pdf(lecture: m.Lecture, document: Document, streams: StreamCache | None = None,
               drawn: DrawCache | None = None) -> bytes:
    with _source_date(lecture.date), faster_writes(streams, drawn), \
            tagging(document, lecture.booklet.tagged):
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


_FETCHER: list[tuple[m.Lecture, SandboxFetcher]] = []


def _fetcher_of(lecture: m.Lecture) -> SandboxFetcher:
    """The fetcher of the lecture laid out last, made again only for another lecture (every
    part of a build shares one; a new lecture object is a new build or an edit)."""
    if not _FETCHER or _FETCHER[0][0] is not lecture:
        _FETCHER[:] = [(lecture, make_fetcher(lecture))]
    return _FETCHER[0][1]


def make_fetcher(lecture: m.Lecture) -> SandboxFetcher:
    """The one fetcher every HTML and CSS object of a booklet uses."""
    from .weasy.fetcher import SandboxFetcher

    origins: dict[Path, m.SourcePos] = {}
    if lecture.booklet.cover_image is not None:
        origins[lecture.booklet.cover_image] = lecture.booklet.pos
    for chapter in lecture.chapters:
        for node in m.walk_inlines(chapter.body):
            if isinstance(node, m.Figure):
                origins[node.path] = node.pos
    return SandboxFetcher(booklet_roots(lecture.root), origins, fallback=lecture.pos)
