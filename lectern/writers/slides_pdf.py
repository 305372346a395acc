"""The slides PDF: every planned slide drawn as one page, each line where the planner broke it.

The HTML places every element absolutely, in points from the slide's corner: the plan's
shapes and pictures, each text line (from deck_plan.lines) and the slide number. WeasyPrint
only sets the lines it is given; it never breaks them again. The layout's background,
pictures and shapes are drawn under each page afterwards (slide_art).
"""

from __future__ import annotations

import functools
import gc
import math
import re
from collections.abc import Callable, Sequence
from html import escape
from pathlib import Path
from typing import TYPE_CHECKING

from .. import fit, fonts
from .. import model as m
from ..deck_template.drawing import Holder, Label
from ..deck_template.styles import METRIC_FACES
from ..diagnostics import LecternError
from ..locale.licenses import credits
from ..paths import DEFAULT_LAYOUT
from ..system import load_weasyprint
from ..version import __version__
from .deck_plan import Box, DeckPlan, Picture, Shape, Slide, TableBox, TextBox
from .deck_plan.lines import line_metrics, place
from .slide_art import draw_art
from .slide_look import NUMBER_INSETS, NUMBER_SIZE, SlideLook, slide_look
from .urls import Roots, booklet_roots

if TYPE_CHECKING:
    from weasyprint import CSS
    from weasyprint.text.fonts import FontConfiguration

    from .weasy.fetcher import SandboxFetcher

STYLESHEET = DEFAULT_LAYOUT / "slides" / "slides.css"
LINE_WIDTH = 2.5  # points: the deck's connector lines are 31750 EMU wide
ALIGN = {"l": "left", "ctr": "center", "r": "right"}
_NUMBERED = re.compile(r" \((\d+)/(\d+)\)$")


def slides_pdf(plan: DeckPlan, lecture: m.Lecture) -> bytes:
    """One page per planned slide, at the deck's size, on its layout's art; nothing is
    written."""
    template = plan.template
    parts = [template.layout(slide.kind).part for slide in plan.slides]
    return draw_art(html_pdf(slides_html(plan, lecture), lecture), parts, template.art,
                    template.pictures)


def html_pdf(html: str, lecture: m.Lecture) -> bytes:
    """Lectern-made HTML as PDF, with the shipped fonts, through the booklet's fetcher."""
    load_weasyprint()
    from weasyprint import HTML

    from .booklet import COLLECT_ABOVE, make_fetcher
    from .booklet import _pdf_options as pdf_options
    from .booklet import _source_date as source_date
    from .weasy.fetcher import FetchRefused
    from .weasy.pango_attrs import install

    install()
    fetcher: SandboxFetcher = make_fetcher(lecture)
    font_config, sheets = _styles(fetcher, _families(html))
    try:
        # Every file by a URL without machine paths, as in the booklet (see writers/urls.py).
        document = HTML(string=html, base_url=fetcher.roots.folder_url(lecture.root),
                        url_fetcher=fetcher).render(stylesheets=sheets, font_config=font_config,
                                                    **pdf_options(lecture))
    except FetchRefused as refused:
        raise LecternError(str(refused), refused.pos) from None
    if len(document.pages) > COLLECT_ABOVE:
        # As in the booklet: the layout's cyclic garbage freed before the PDF is built
        # beside it (a 1,236-page slides PDF peaked at 503 MiB without).
        gc.collect()
    with source_date(lecture.date):
        data = document.write_pdf(**pdf_options(lecture))
    assert isinstance(data, bytes)
    return data


# The fonts and the stylesheet, loaded once per process (the slides and the handout share
# them; a warm watch worker keeps them) and again only when the stylesheet changes.
_STYLES: dict[str, tuple[FontConfiguration, list[CSS]]] = {}


def _styles(fetcher: SandboxFetcher, families: Sequence[str]
            ) -> tuple[FontConfiguration, list[CSS]]:
    from weasyprint import CSS
    from weasyprint.text.fonts import FontConfiguration

    roots: Roots = fetcher.roots
    faces = fonts.font_face_css(roots.url) + _measured_faces(families, roots)
    key = STYLESHEET.read_text(encoding="utf-8") + faces
    if key not in _STYLES:
        _STYLES.clear()
        font_config = FontConfiguration()
        # Fonts and stylesheet come from assets/ and layouts/, which every lecture's fetcher
        # allows: loaded once, they serve any lecture.
        sheets = [CSS(string=faces, url_fetcher=fetcher, font_config=font_config),
                  CSS(url=roots.url(STYLESHEET), url_fetcher=fetcher, font_config=font_config)]
        _STYLES[key] = (font_config, sheets)
    return _STYLES[key]


_FAMILY_CSS = re.compile(r"font-family: '([^']+)'")


def _families(html: str) -> list[str]:
    """The measured families the HTML sets text in (their faces are loaded, no others)."""
    names = set(_FAMILY_CSS.findall(html))
    return sorted(key for key in fit.FAMILIES if face_name(key) in names)


def _measured_faces(families: Sequence[str], roots: Roots) -> str:
    """@font-face rules for the faces the planner measured with (those the booklet's rules
    already give are left out)."""
    given = {family.name for family in fonts.FAMILIES}
    rules = []
    for family in families:
        if face_name(family) in given:
            continue
        for (bold, italic) in fit.STYLES:
            path = fit.font_path(bold, italic, family)
            rules.append(f'@font-face {{ font-family: "{face_name(family)}"; '
                         f'src: url("{roots.url(path)}"); font-weight: {700 if bold else 400}; '
                         f'font-style: {"italic" if italic else "normal"}; }}')
    return "\n".join(rules) + "\n"


def family_css(family: str) -> str:
    """The CSS font-family of a measured family (its faces' own family name)."""
    return f"font-family: '{face_name(family)}'"


@functools.cache
def face_name(family: str) -> str:
    """The family name a measured family's faces carry (name ID 1 of the regular face)."""
    from fontTools.ttLib import TTFont

    font = TTFont(str(fit.font_path(False, False, family)), lazy=True)
    return str(font["name"].getDebugName(1))


def slides_html(plan: DeckPlan, lecture: m.Lecture) -> str:
    """The HTML of the slides PDF: a page per slide, everything placed in points."""
    width, height = fit.pt(plan.width), fit.pt(plan.height)
    marks = bookmarks(plan.slides, lecture)
    page = (f"@page {{ size: {css_len(width)}pt {css_len(height)}pt; margin: 0 }}\n"
            f".slide {{ width: {css_len(width)}pt; height: {css_len(height)}pt }}")
    url = booklet_roots(lecture.root).url
    body = "\n".join(_slide(slide, number, slide_look(plan, slide), marks.get(number - 1), url)
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
    if credits(lecture):
        head.append(f'<meta name="Rights" content="{escape(" ".join(credits(lecture)))}">')
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


def _slide(slide: Slide, number: int, look: SlideLook, bookmark: str | None,
           url: Callable[[Path], str]) -> str:
    attrs = f' data-bookmark="{escape(bookmark)}"' if bookmark else ""
    # The page is transparent: the layout's art is drawn under it (writers/slide_art.py).
    parts = [f'<section class="slide"{attrs}>']
    art = [_rect(p.box, _rgba(p.plate.rgb, p.plate.opacity)) for p in slide.plates]
    art += _holders(slide, look)
    art += [_shape(s, look) for s in slide.shapes]
    if art:
        parts.append(f'<div class="art" aria-hidden="true">{"".join(art)}</div>')
    parts += [_picture(p, url) for p in slide.pictures]
    parts += [_label(label, number, look) for label in (look.art.labels if look.art else ())]
    parts += [_text_box(t, look) for t in slide.texts]
    parts += [_table(t, look) for t in slide.tables]
    if slide.numbered and look.number is not None:
        parts.append(_number(number, look, look.number))
    parts.append("</section>")
    return "\n".join(parts)


def _place(box: Box) -> str:
    return pts(left=fit.pt(box.x), top=fit.pt(box.y), width=fit.pt(box.w),
               height=fit.pt(box.h))


def _rect(box: Box, colour: str, radius: str = "") -> str:
    rounded = f"; border-radius: {radius}" if radius else ""
    return f'<div style="{_place(box)}; background: {colour}{rounded}"></div>'


def _rgba(rgb: str, opacity: float) -> str:
    """A CSS colour for RRGGBB at an opacity."""
    red, green, blue = (int(rgb[i:i + 2], 16) for i in (0, 2, 4))
    return f"rgba({red}, {green}, {blue}, {css_len(opacity)})"


def _shape(shape: Shape, look: SlideLook) -> str:
    """A bar, a dot, or a line from the box's origin to its far corner (as the deck draws)."""
    box = shape.box
    if shape.kind == "bar":
        return _rect(box, look.colour(shape.color))
    if shape.kind == "dot":
        return _rect(box, look.colour(shape.color), "50%")
    dx, dy = fit.pt(box.w), fit.pt(box.h)
    length = math.hypot(dx, dy)
    angle = math.degrees(math.atan2(dy, dx))
    where = pts(left=fit.pt(box.x), top=fit.pt(box.y) - LINE_WIDTH / 2, width=length,
                height=LINE_WIDTH)
    return (f'<div style="{where}; background: {look.colour(shape.color)}; '
            f'transform-origin: 0 50%; transform: rotate({css_len(angle)}deg)"></div>')


def _picture(picture: Picture, url: Callable[[Path], str]) -> str:
    return (f'<img src="{escape(url(picture.path.resolve()))}" alt="{escape(picture.alt)}"'
            f' style="{_place(picture.box)}">')


def _text_box(text: TextBox, look: SlideLook) -> str:
    """The box's paragraphs: each a block of its lines (broken where the planner broke
    them), placed so that its first baseline falls where deck_plan.lines puts it."""
    tag = "h2" if text.placeholder == "title" else "p"
    colour = look.colour(text.color, text.rgb)
    family = text.font.measure
    pitch, _ = line_metrics(text.size, text.line_spacing)
    lines = place(text)
    out = []
    for k, para in enumerate(text.paras):
        mine = [line for line in lines if line.para == k]
        if not mine:
            continue
        first = mine[0]
        top = block_top(first.baseline, pitch, first.size, family)
        left = first.bullet_x if first.bullet else first.x
        width = first.x + first.width - left
        style = (f"{pts(left=left, top=top, width=width, font_size=text.size)}; "
                 f"line-height: {css_len(pitch)}pt; color: {colour}; {family_css(family)}")
        if text.align != "l":
            style += f"; text-align: {ALIGN[text.align]}"
        if first.x > left:
            style += "; " + pts(padding_left=first.x - left, text_indent=left - first.x)
        lang = f' lang="{escape(para.lang)}"' if para.lang else ""
        bullet = ""
        if first.bullet:
            bullet = (f'<span class="bu" aria-hidden="true" style="{pts(width=first.x - left)}; '
                      f'color: {look.colour(text.bullet_color)}">{escape(first.bullet)}</span>')
        body = "\n".join("".join(_fragment(*f) for f in line.fragments) for line in mine)
        out.append(f'<{tag} class="ln"{lang} style="{style}">{bullet}{body}</{tag}>')
    return "\n".join(out)


def _holders(slide: Slide, look: SlideLook) -> list[str]:
    """The fills and outlines the template gives the placeholders the slide fills, where
    the deck puts them: the text's box (the first text of each kind takes the placeholder,
    as in the deck) and the slide number's."""
    if look.art is None or not look.art.holders:
        return []
    out = []
    boxes: dict[str, Box] = {}
    for text in slide.texts:
        boxes.setdefault(text.placeholder, text.box)
    if slide.numbered and look.number is not None:
        boxes["number"] = look.number
    for kind, box in boxes.items():
        holder = look.art.holder(kind) if kind else None
        if holder is not None:
            out.append(_holder(holder, box))
    return out


def _holder(holder: Holder, box: Box) -> str:
    """A placeholder's fill (a colour or a linear gradient) and outline as a box."""
    style = []
    fill = holder.fill
    if fill is not None and fill.kind == "solid":
        style.append(f"background: {_rgba(fill.stops[0].rgb, fill.stops[0].alpha)}")
    elif fill is not None and fill.kind == "linear":
        stops = ", ".join(f"{_rgba(s.rgb, s.alpha)} {css_len(s.position * 100)}%"
                          for s in fill.stops)
        style.append(f"background: linear-gradient({css_len(fill.angle + 90)}deg, {stops})")
    elif fill is not None and fill.kind == "radial":
        stops = ", ".join(f"{_rgba(s.rgb, s.alpha)} {css_len(s.position * 100)}%"
                          for s in fill.stops)
        style.append(f"background: radial-gradient({stops})")
    where = box
    if holder.stroke is not None:
        # A slide program draws an outline over the box's edge, half inside.
        half = round(holder.stroke.width / 2)
        where = Box(box.x - half, box.y - half, box.w + 2 * half, box.h + 2 * half)
        style.append(f"border: {css_len(holder.stroke.width / fit.EMU_PER_PT)}pt solid "
                     f"{_rgba(holder.stroke.rgb, holder.stroke.alpha)}; box-sizing: border-box")
    return f'<div style="{_place(where)}; {"; ".join(style)}"></div>'


def _label(label: Label, number: int, look: SlideLook) -> str:
    """Text the template's master or layout shows on every slide, in its box (wrapped by
    WeasyPrint: lectern did not plan it), a slide-number field showing `number`."""
    justify = {"t": "flex-start", "ctr": "center", "b": "flex-end"}[label.anchor]
    paras = []
    for align, runs in label.paragraphs:
        spans = []
        for run in runs:
            family = METRIC_FACES.get(run.typeface.strip().lower(), look.number_font)
            style = f"{pts(font_size=run.size)}; color: #{run.rgb}; {family_css(family)}"
            style += "; font-weight: 700" if run.bold else ""
            style += "; font-style: italic" if run.italic else ""
            text = str(number) if run.field == "slidenum" else run.text
            spans.append(f'<span style="{style}">{escape(text)}</span>')
        size = max((r.size for r in runs), default=18.0)
        paras.append(f'<p style="margin: 0; line-height: 1.2; {pts(min_height=size * 1.2)}; '
                     f'text-align: {ALIGN[align]}">{"".join(spans)}</p>')
    return (f'<div aria-hidden="true" style="position: absolute; {_place(label.box)}; '
            f'display: flex; flex-direction: column; justify-content: {justify}">'
            f'{"".join(paras)}</div>')


def _table(table: TableBox, look: SlideLook) -> str:
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


def _number(number: int, look: SlideLook, box: Box) -> str:
    """The slide number, right-aligned and centred in the layout's slide-number box."""
    inset_x, inset_y = NUMBER_INSETS
    pitch, ascent = line_metrics(NUMBER_SIZE, 1.0)
    top = fit.pt(box.y) + inset_y + (fit.pt(box.h) - 2 * inset_y - pitch) / 2
    where = pts(left=fit.pt(box.x) + inset_x, width=fit.pt(box.w) - 2 * inset_x,
                top=block_top(top + ascent, pitch, NUMBER_SIZE, look.number_font),
                font_size=NUMBER_SIZE, line_height=pitch)
    return (f'<span class="ln num" style="{where}; {family_css(look.number_font)}; '
            f'color: {look.number_colour}; text-align: right">{number}</span>')


def block_top(baseline: float, pitch: float, size: float,
              family: str = fit.DEFAULT_FAMILY) -> float:
    """The top of a block whose first line, `pitch` tall, has its baseline at `baseline`:
    WeasyPrint centres the font's content area (its ascent and descent) in the line."""
    ascent, descent = css_metrics(family)
    return baseline - (pitch - (ascent + descent) * size) / 2 - ascent * size


@functools.cache
def css_metrics(family: str) -> tuple[float, float]:
    """The ascent and descent, in ems, that WeasyPrint (through Pango) lays a family's lines
    out with: its regular face's hhea values. A test reads the baselines back from the PDF."""
    from fontTools.ttLib import TTFont

    font = TTFont(str(fit.font_path(False, False, family)), lazy=True)
    upem = font["head"].unitsPerEm
    return font["hhea"].ascent / upem, -font["hhea"].descent / upem


def pts(**lengths: float) -> str:
    """CSS declarations of lengths in points: pts(left=1, font_size=2) gives
    'left: 1pt; font-size: 2pt'."""
    return "; ".join(f"{name.replace('_', '-')}: {css_len(value)}pt"
                     for name, value in lengths.items())


def css_len(value: float) -> str:
    """A length for CSS: short, and the same for the same value."""
    return f"{value:.3f}".rstrip("0").rstrip(".")

