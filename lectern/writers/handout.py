"""The printed handout: each planned slide drawn smaller on office paper, framed by ruled lines
or its speaker notes, with slide numbers, the title and page numbers.

The slides are drawn as the slides PDF draws them (writers/slides_pdf.SlideDrawer), so their
text is real, tagged content here too: each slide's title, lists and tables, then its speaker
notes as paragraphs. The running title, the page and slide numbers, the frames and the ruled
lines are Artifacts.
"""

from __future__ import annotations

from .. import fit
from .. import model as m
from .deck_plan import DeckPlan
from .handout_layout import Page, Text, plan_handout
from .pdfdraw.document import Canvas, Document, Meta, Node, Piece
from .pdfdraw.ops import colour, number
from .slides_pdf import Place, SlideDrawer, bookmarks, by_script

GREY = "8A8A8A"  # rules and frames: visible when printed, quieter than the text
TEXT = "1C1C1C"
HAIRLINE = 0.5  # points: the ruled lines and the frame round each slide
# What each of the handout's own lines is, when it is not content: the running title, the
# page number and a slide's number are pagination.
PAGINATION = {"title": "Header", "page": "Footer", "number": "Pagination"}


def handout_pdf(plan: DeckPlan, lecture: m.Lecture) -> bytes:
    """The handout of a deck plan (each slide's speaker notes from the plan); nothing
    written."""
    notes = [slide.notes for slide in plan.slides]
    layout = plan_handout(lecture, plan.width / plan.height, notes)
    document = Document(Meta.of(lecture), dict(plan.template.pictures))
    drawer = SlideDrawer(document, plan, lecture)
    sections: dict[int, Node] = {}
    notes_paras: dict[tuple[int, int], Node] = {}
    first_page: dict[int, int] = {}
    for page in layout.pages:
        canvas = document.page(layout.width, layout.height)
        canvas.artifact(_lines(page, layout.height))
        for index, rect in page.slides:
            section = sections[index] = document.root.add("Sect")
            first_page[index] = canvas.index
            drawer.draw(canvas, plan.slides[index], index, section,
                        Place(rect.x, layout.height - rect.y, rect.w / drawer.width))
        for text in page.texts:
            if text.role == "notes" and text.slide in sections:
                key = (text.slide, text.para)
                if key not in notes_paras:
                    notes_paras[key] = sections[text.slide].add("P")
                _notes_line(canvas, text, notes_paras[key], drawer.originals)
            else:
                canvas.artifact(_text(canvas, text), PAGINATION.get(text.role, "Pagination"))
    for index, title in sorted(bookmarks(plan.slides, lecture).items()):
        if index in first_page:
            document.bookmark(title, first_page[index])
    return document.save()


def _start(canvas: Canvas, text: Text) -> tuple[float, list[Piece]]:
    """Where one of the handout's own lines starts, and its text in its face."""
    pieces: list[Piece] = [(text.text, (fit.DEFAULT_FAMILY, text.role == "number", False))]
    width = canvas.width_of(pieces, text.size)
    x = text.x
    if text.align == "right":
        x += text.width - width
    elif text.align == "center":
        x += (text.width - width) / 2
    return x, pieces


def _text(canvas: Canvas, text: Text) -> str:
    """One of the handout's own lines, set where the plan puts it."""
    x, pieces = _start(canvas, text)
    return canvas.text(x, canvas.height - text.baseline, pieces, text.size, colour(TEXT))


def _notes_line(canvas: Canvas, text: Text, para: Node, originals: str) -> None:
    """A line of speaker notes, tagged in its paragraph (a run of Cyrillic in a lecture in
    another language a Span in the originals' language)."""
    x, pieces = _start(canvas, text)
    segments = by_script(pieces, para, originals) if originals else [(para, pieces)]
    canvas.line(x, canvas.height - text.baseline, segments, text.size, colour(TEXT))


def _lines(page: Page, height: float) -> str:
    """The page's ruled lines and a hairline frame just outside each slide."""
    grey = " ".join(number(v) for v in colour(GREY))
    ops = [f"q {HAIRLINE} w {grey} RG"]
    for rule in page.rules:
        y = number(height - rule.y)
        ops.append(f"{number(rule.x0)} {y} m {number(rule.x1)} {y} l S")
    half = HAIRLINE / 2
    for _, rect in page.slides:
        ops.append(f"{number(rect.x - half)} {number(height - rect.y - rect.h - half)} "
                   f"{number(rect.w + HAIRLINE)} {number(rect.h + HAIRLINE)} re S")
    ops.append("Q")
    return " ".join(ops)
