"""The slides PDF: every planned slide drawn as one page, each line where the planner broke it.

The HTML places every element absolutely, in points from the slide's corner: the layout's
drawings, the plan's shapes and pictures, each text line (from deck_plan.lines) and the
slide number. WeasyPrint only sets the lines it is given; it never breaks them again.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Sequence
from html import escape
from pathlib import Path
from typing import TYPE_CHECKING

from .. import __version__, fit, fonts
from .. import model as m
from ..diagnostics import LecternError
from ..paths import DEFAULT_LAYOUT
from .deck_plan import Box, DeckPlan, Picture, Shape, Slide, TableBox, TextBox
from .deck_plan.lines import line_metrics, place
from .slide_look import Look, look_of
from .urls import booklet_roots

if TYPE_CHECKING:
    from weasyprint import Document
    from weasyprint.text.fonts import FontConfiguration

    from .fetcher import SandboxFetcher

STYLESHEET = DEFAULT_LAYOUT / "slides" / "slides.css"
FAMILY = fonts.SANS.name  # Carlito: the deck's Calibri, metric for metric
# Where WeasyPrint puts the baseline in a line box as tall as the font size: Carlito's
# ascent (its hhea table: 1536 of 2048 units). A test reads the baselines back from the PDF.
CSS_ASCENT = 0.75
LINE_WIDTH = 2.5  # points: the deck's connector lines are 31750 EMU wide
ALIGN = {"l": "left", "ctr": "center", "r": "right"}
_NUMBERED = re.compile(r" \((\d+)/(\d+)\)$")


def slides_pdf(plan: DeckPlan, lecture: m.Lecture) -> bytes:
    """One page per planned slide, at the deck's size; nothing is written."""
    from weasyprint.text.fonts import FontConfiguration

    from .booklet import _pdf_options as pdf_options
    from .booklet import _source_date as source_date

    font_config = FontConfiguration()
    document = layout_html(slides_html(plan, lecture), lecture, font_config)
    with source_date(lecture.date):
        data = document.write_pdf(**pdf_options(lecture))
    assert isinstance(data, bytes)
    return data


def layout_html(html: str, lecture: m.Lecture, font_config: FontConfiguration,
                stylesheet: str = "") -> Document:
    """Lay out lectern-made HTML with the shipped fonts, through the booklet's fetcher."""
    from weasyprint import CSS, HTML

    from .booklet import _pdf_options as pdf_options
    from .booklet import make_fetcher
    from .fetcher import FetchRefused

    fetcher: SandboxFetcher = make_fetcher(lecture)
    # Every file by a URL without machine paths, as in the booklet (see writers/urls.py).
    roots = fetcher.roots
    base_url = roots.folder_url(lecture.root)
    try:
        sheets = [CSS(string=fonts.font_face_css(roots.url), base_url=base_url,
                      url_fetcher=fetcher, font_config=font_config),
                  CSS(url=roots.url(STYLESHEET), url_fetcher=fetcher, font_config=font_config)]
        if stylesheet:
            sheets.append(CSS(string=stylesheet, base_url=base_url, url_fetcher=fetcher,
                              font_config=font_config))
        return HTML(string=html, base_url=base_url, url_fetcher=fetcher).render(
            stylesheets=sheets, font_config=font_config, **pdf_options(lecture))
    except FetchRefused as refused:
        raise LecternError(str(refused), refused.pos) from None


def slides_html(plan: DeckPlan, lecture: m.Lecture) -> str:
    """The HTML of the slides PDF: a page per slide, everything placed in points."""
    look = look_of(plan)
    width, height = fit.pt(plan.width), fit.pt(plan.height)
    marks = bookmarks(plan.slides, lecture)
    page = (f"@page {{ size: {_n(width)}pt {_n(height)}pt; margin: 0 }}\n"
            f".slide {{ width: {_n(width)}pt; height: {_n(height)}pt }}")
    url = booklet_roots(lecture.root).url
    body = "\n".join(_slide(slide, number, look, marks.get(number - 1), url)
                     for number, slide in enumerate(plan.slides, start=1))
    return document_html(lecture, page, body)


def document_html(lecture: m.Lecture, css: str, body: str) -> str:
    """A whole HTML document with the lecture's metadata (PDF title, author, language)."""
    head = [f"<title>{escape(lecture.title)}</title>"]
    head += [f'<meta name="author" content="{escape(a)}">' for a in lecture.authors]
    if lecture.description:
        head.append(f'<meta name="description" content="{escape(lecture.description)}">')
    if lecture.keywords:
        head.append(f'<meta name="keywords" content="{escape(", ".join(lecture.keywords))}">')
    head.append(f'<meta name="generator" content="lectern {__version__}">')
    for term in ("created", "modified"):
        head.append(f'<meta name="dcterms.{term}" content="{lecture.date.isoformat()}">')
    return (f'<!DOCTYPE html>\n<html lang="{escape(lecture.language)}">\n<head>\n'
            f'<meta charset="utf-8">\n{chr(10).join(head)}\n<style>{css}</style>\n</head>\n'
            f"<body>\n{body}\n</body>\n</html>\n")


def bookmarks(slides: Sequence[Slide], lecture: m.Lecture) -> dict[int, str]:
    """Outline entries by slide index: the cover, each chapter at its first slide, and each
    run of back-matter slides (timeline, glossary, sources) at its first."""
    marks: dict[int, str] = {}
    chapters = {c.pos: c for c in lecture.chapters}
    seen: set[m.SourcePos] = set()
    for index, slide in enumerate(slides):
        if slide.kind == "title" and not marks:
            marks[index] = lecture.title
        elif slide.kind == "section" and slide.pos in chapters and slide.pos not in seen:
            seen.add(slide.pos)
            chapter = chapters[slide.pos]
            marks[index] = f"{chapter.number}. {chapter.title}"
        elif slide.kind in ("timeline", "glossary", "sources") and (
                index == 0 or slides[index - 1].kind != slide.kind):
            marks[index] = _unnumbered(slides, index)
    return marks


def _unnumbered(slides: Sequence[Slide], first: int) -> str:
    """The title of a run of continuation slides without its '(1/3)'."""
    found = _NUMBERED.search(slides[first].title)
    if not found or found.group(1) != "1":
        return slides[first].title
    count = int(found.group(2))
    run = slides[first:first + count]
    if len(run) == count and all(
            s.kind == slides[first].kind and s.title.endswith(f" ({i}/{count})")
            for i, s in enumerate(run, start=1)):
        return slides[first].title[:found.start()]
    return slides[first].title


def _slide(slide: Slide, number: int, look: Look, bookmark: str | None,
           url: Callable[[Path], str]) -> str:
    layout = look.layout(slide.layout)
    attrs = f' data-bookmark="{escape(bookmark)}"' if bookmark else ""
    parts = [f'<section class="slide" style="background: {look.colour(layout.background)}"'
             f'{attrs}>']
    art = [_rect(d.box, look.colour(d.colour)) for d in layout.drawings]
    art += [_shape(s, look) for s in slide.shapes]
    if art:
        parts.append(f'<div class="art" aria-hidden="true">{"".join(art)}</div>')
    parts += [_picture(p, url) for p in slide.pictures]
    parts += [_text_box(t, look) for t in slide.texts]
    parts += [_table(t, look) for t in slide.tables]
    if slide.numbered:
        parts.append(_number(number, look, layout.number_colour))
    parts.append("</section>")
    return "\n".join(parts)


def _place(box: Box) -> str:
    return (f"left: {_n(fit.pt(box.x))}pt; top: {_n(fit.pt(box.y))}pt; "
            f"width: {_n(fit.pt(box.w))}pt; height: {_n(fit.pt(box.h))}pt")


def _rect(box: Box, colour: str, radius: str = "") -> str:
    rounded = f"; border-radius: {radius}" if radius else ""
    return f'<div style="{_place(box)}; background: {colour}{rounded}"></div>'


def _shape(shape: Shape, look: Look) -> str:
    """A bar, a dot, or a line from the box's origin to its far corner (as the deck draws)."""
    box = shape.box
    if shape.kind == "bar":
        return _rect(box, look.colour("accent1"))
    if shape.kind == "dot":
        return _rect(box, look.colour("accent1"), "50%")
    dx, dy = fit.pt(box.w), fit.pt(box.h)
    length = math.hypot(dx, dy)
    angle = math.degrees(math.atan2(dy, dx))
    return (f'<div style="left: {_n(fit.pt(box.x))}pt; top: {_n(fit.pt(box.y) - LINE_WIDTH / 2)}pt;'
            f" width: {_n(length)}pt; height: {_n(LINE_WIDTH)}pt; background: "
            f"{look.colour('tx2')}; transform-origin: 0 50%; transform: rotate({_n(angle)}deg)"
            '"></div>')


def _picture(picture: Picture, url: Callable[[Path], str]) -> str:
    return (f'<img src="{escape(url(picture.path.resolve()))}" alt="{escape(picture.alt)}"'
            f' style="{_place(picture.box)}">')


def _text_box(text: TextBox, look: Look) -> str:
    """The box's paragraphs: each a block of its lines (broken where the planner broke
    them), placed so that its first baseline falls where deck_plan.lines puts it."""
    tag = "h2" if text.placeholder == "title" else "p"
    colour = look.colour(text.color)
    pitch, _ = line_metrics(text.size, text.line_spacing)
    lines = place(text)
    out = []
    for k, para in enumerate(text.paras):
        mine = [line for line in lines if line.para == k]
        if not mine:
            continue
        first = mine[0]
        top = _block_top(first.baseline, pitch, first.size)
        left = first.bullet_x if first.bullet else first.x
        width = first.x + first.width - left
        style = (f"left: {_n(left)}pt; top: {_n(top)}pt; width: {_n(width)}pt;"
                 f" font-size: {_n(text.size)}pt; line-height: {_n(pitch)}pt; color: {colour}")
        if text.align != "l":
            style += f"; text-align: {ALIGN[text.align]}"
        if first.x > left:
            style += f"; padding-left: {_n(first.x - left)}pt; text-indent: {_n(left - first.x)}pt"
        lang = f' lang="{escape(para.lang)}"' if para.lang else ""
        bullet = ""
        if first.bullet:
            bullet = (f'<span class="bu" aria-hidden="true" style="width: {_n(first.x - left)}pt;'
                      f' color: {look.colour("accent1")}">{escape(first.bullet)}</span>')
        body = "\n".join("".join(_fragment(*f) for f in line.fragments) for line in mine)
        out.append(f'<{tag} class="ln"{lang} style="{style}">{bullet}{body}</{tag}>')
    return "\n".join(out)


def _table(table: TableBox, look: Look) -> str:
    """A planned table: each cell's text where the plan puts it, the rules as thin bars."""
    rules = []
    for index, weight in table.rules:
        thick = fit.emu(weight)
        rules.append(_rect(Box(table.box.x, table.row_top(index) - thick // 2, table.box.w,
                               thick), look.colour(table.rule_color)))
    art = f'<div class="art" aria-hidden="true">{"".join(rules)}</div>'
    return "\n".join([art, *(_text_box(cell, look) for row in table.cells for cell in row)])


def _fragment(text: str, bold: bool, italic: bool) -> str:
    if not bold and not italic:
        return escape(text)
    classes = " ".join(c for c, on in (("b", bold), ("i", italic)) if on)
    return f'<span class="{classes}">{escape(text)}</span>'


def _number(number: int, look: Look, colour_name: str) -> str:
    """The slide number, right-aligned and centred in its box as the template sets it."""
    spec = look.number
    box = spec.box
    pitch, ascent = line_metrics(spec.size, 1.0)
    top = fit.pt(box.y) + spec.inset_y + (fit.pt(box.h) - 2 * spec.inset_y - pitch) / 2
    left = fit.pt(box.x) + spec.inset_x
    width = fit.pt(box.w) - 2 * spec.inset_x
    return (f'<span class="ln num" style="left: {_n(left)}pt; width: {_n(width)}pt; '
            f"top: {_n(_block_top(top + ascent, pitch, spec.size))}pt; "
            f"font-size: {_n(spec.size)}pt; line-height: {_n(pitch)}pt; "
            f'color: {look.colour(colour_name)}; text-align: right">{number}</span>')


def _block_top(baseline: float, pitch: float, size: float) -> float:
    """The top of a block whose first line, `pitch` tall, has its baseline at `baseline`:
    WeasyPrint centres the font's 1 em content area in the line."""
    return baseline - (pitch - size) / 2 - CSS_ASCENT * size


def _n(value: float) -> str:
    """A length for CSS: short, and the same for the same value."""
    return f"{value:.3f}".rstrip("0").rstrip(".")

