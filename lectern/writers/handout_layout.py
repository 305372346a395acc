"""The handout's pages, planned: where each slide goes, its number, the ruled lines or the
speaker notes beside or below it, the title and page number in the margins (all in points
from the page's top left corner; pure, no I/O)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from .. import fit
from .. import model as m

MM = 72 / 25.4
# Handouts are printed on office paper: an A5 booklet's handout goes on A4.
PAPER: dict[m.Paper, tuple[float, float]] = {
    "a5": (210 * MM, 297 * MM), "a4": (210 * MM, 297 * MM), "letter": (612.0, 792.0)}
MARGIN_X = 18 * MM
TOP = 22 * MM  # the lecture's title stands in the top margin
BOTTOM = 20 * MM  # the page number in the bottom one
GAP = 8 * MM  # between slides, and between a slide and the lines beside it
LABEL = 5 * MM  # room above each slide for its number
RULE_PITCH = 8 * MM  # ruled lines for notes, as on the booklet's Notes pages
MARGIN_SIZE = 9.0  # points: title and page numbers
LABEL_SIZE = 8.0
NOTES_SIZE = 10.0
NOTES_PITCH = 1.3  # times the notes' size
NOTES_SHARE = 0.4  # of a cell's height kept for lines below a slide
SLIDE_SHARE = 0.56  # of a row's width taken by a slide with its lines beside it

# slides a page -> rows, columns, and whether the notes go beside the slide (else below)
GRIDS: dict[int, tuple[int, int, bool]] = {
    1: (1, 1, False), 2: (2, 1, False), 3: (3, 1, True), 4: (2, 2, False), 6: (3, 2, False)}


@dataclass(frozen=True)
class Rect:
    """A rectangle on a handout page, in points from its top left corner."""

    x: float
    y: float
    w: float
    h: float


@dataclass(frozen=True)
class Text:
    """One line of text the handout sets itself (never broken again)."""

    x: float
    baseline: float
    width: float
    size: float
    text: str
    align: str = "left"
    role: str = ""


@dataclass(frozen=True)
class Rule:
    """A ruled line for writing on, in points."""

    x0: float
    x1: float
    y: float


@dataclass
class Page:
    """One handout page: where each slide goes, its own lines of text and its rules."""

    number: int
    slides: list[tuple[int, Rect]] = field(default_factory=list)  # slide index, where
    texts: list[Text] = field(default_factory=list)
    rules: list[Rule] = field(default_factory=list)


@dataclass(frozen=True)
class Handout:
    """The handout's paper size in points and its pages."""

    width: float
    height: float
    pages: tuple[Page, ...]


def paper(lecture: m.Lecture) -> tuple[float, float]:
    """The handout's office paper for the lecture's booklet size, width and height in points
    (A4 for an A5 or A4 booklet)."""
    return PAPER[lecture.booklet.paper]


def plan_handout(lecture: m.Lecture, aspect: float, notes: Sequence[str]) -> Handout:
    """The handout of a deck whose slides have `aspect` (width / height) and these speaker
    notes, one per slide, as lecture.yaml's `handout:` asks."""
    width, height = paper(lecture)
    settings = lecture.handout
    if settings.notes == "speaker":
        pages = _speaker_pages(width, height, aspect, notes, settings.slides_per_page)
    else:
        pages = _grid_pages(width, height, aspect, len(notes), settings)
    for page in pages:
        _margins(page, lecture.title, len(pages), width, height)
    return Handout(width, height, tuple(pages))


def _margins(page: Page, title: str, count: int, width: float, height: float) -> None:
    inner = width - 2 * MARGIN_X
    page.texts.append(Text(MARGIN_X, TOP - 8 * MM, inner, MARGIN_SIZE,
                           _fitted(title, inner, MARGIN_SIZE), role="title"))
    page.texts.append(Text(MARGIN_X, height - BOTTOM + 10 * MM, inner, MARGIN_SIZE,
                           f"{page.number} / {count}", "right", "page"))


def _fitted(text: str, width: float, size: float) -> str:
    """The text on one line, cut at a word with an ellipsis when it is too long."""
    text = " ".join(text.split())
    if fit.text_width(text, size) <= width:
        return text
    words = text.split(" ")
    while len(words) > 1 and fit.text_width(" ".join(words) + " …", size) > width:
        words.pop()
    return " ".join(words) + " …"


def _label(index: int, x: float, top: float, width: float) -> Text:
    """The slide's number, above its top left corner."""
    return Text(x, top + LABEL - 1.5 * MM, width, LABEL_SIZE, str(index + 1), role="number")


def _slide_rect(x: float, top: float, w: float, h: float, aspect: float,
                centre: bool = False) -> Rect:
    """The largest slide of `aspect` in the box, at its top (and left, unless centred)."""
    sw = min(w, h * aspect)
    sh = sw / aspect
    return Rect(x + ((w - sw) / 2 if centre else 0.0), top, sw, sh)


def _rules(x0: float, x1: float, top: float, bottom: float) -> list[Rule]:
    count = int((bottom - top) // RULE_PITCH)
    return [Rule(x0, x1, top + k * RULE_PITCH) for k in range(1, count + 1)]


def _grid_pages(width: float, height: float, aspect: float, slides: int,
                settings: m.HandoutSettings) -> list[Page]:
    per_page = settings.slides_per_page
    rows, cols, beside = GRIDS[per_page]
    inner_w, inner_h = width - 2 * MARGIN_X, height - TOP - BOTTOM
    cell_w = (inner_w - GAP * (cols - 1)) / cols
    cell_h = (inner_h - GAP * (rows - 1)) / rows
    lines = settings.notes == "lines"
    pages: list[Page] = []
    for index in range(slides):
        if index % per_page == 0:
            pages.append(Page(len(pages) + 1))
        page = pages[-1]
        slot = index % per_page
        x = MARGIN_X + (slot % cols) * (cell_w + GAP)
        top = TOP + (slot // cols) * (cell_h + GAP)
        room = cell_h - LABEL
        if beside and lines:
            rect = _slide_rect(x, top + LABEL, cell_w * SLIDE_SHARE, room, aspect)
            page.rules += _rules(rect.x + rect.w + GAP, x + cell_w, top + LABEL, top + cell_h)
        elif lines:
            rect = _slide_rect(x, top + LABEL, cell_w, room * (1 - NOTES_SHARE), aspect)
            page.rules += _rules(x, x + cell_w, rect.y + rect.h, top + cell_h)
        else:
            rect = _slide_rect(x, top + LABEL, cell_w, room, aspect, centre=True)
        page.slides.append((index, rect))
        page.texts.append(_label(index, rect.x, top, rect.w))
    return pages


def _speaker_pages(width: float, height: float, aspect: float, notes: Sequence[str],
                   per_page: int) -> list[Page]:
    """Each slide with its speaker notes below it, one after another; notes too long for
    the rest of a page go on over the next."""
    rows = GRIDS[per_page][0]
    inner_w, inner_h = width - 2 * MARGIN_X, height - TOP - BOTTOM
    # The slide keeps the size it has on a page of lines with as many rows.
    slide_h = ((inner_h - GAP * (rows - 1)) / rows - LABEL) * (1 - NOTES_SHARE)
    pitch = NOTES_PITCH * NOTES_SIZE
    pages = [Page(1)]
    y = TOP
    for index, text in enumerate(notes):
        rect = _slide_rect(MARGIN_X, 0.0, inner_w, slide_h, aspect)
        lines = _notes_lines(text, inner_w)
        # A slide starts a new page unless it and two lines of its notes fit on this one.
        needed = LABEL + rect.h + pitch * min(2, len(lines)) + 2 * MM
        if y > TOP and y + needed > height - BOTTOM:
            pages.append(Page(len(pages) + 1))
            y = TOP
        page = pages[-1]
        page.texts.append(_label(index, MARGIN_X, y, rect.w))
        page.slides.append((index, Rect(MARGIN_X, y + LABEL, rect.w, rect.h)))
        y += LABEL + rect.h + 2 * MM
        for line in lines:
            if y + pitch > height - BOTTOM:
                pages.append(Page(len(pages) + 1))
                page, y = pages[-1], TOP
            if line:
                page.texts.append(Text(MARGIN_X, y + NOTES_SIZE, inner_w, NOTES_SIZE, line,
                                       role="notes"))
            y += pitch
        y += GAP
    return pages


def _notes_lines(text: str, width: float) -> list[str]:
    """The speaker notes broken into lines of the handout's width; a blank line between
    paragraphs."""
    lines: list[str] = []
    for k, para in enumerate(text.replace("\v", "\n").split("\n")):
        if k and not para.strip():
            if lines and lines[-1]:
                lines.append("")
            continue
        lines += fit.wrap((fit.Run(para.strip()),), width, NOTES_SIZE)
    while lines and not lines[-1]:
        lines.pop()
    return lines
