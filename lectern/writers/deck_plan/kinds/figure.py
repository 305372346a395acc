"""Figure slides: the picture, whole, above its caption and credit."""

from __future__ import annotations

from .... import model as m
from ....fit import Run
from ..paginate import needed_height, paginate, settle
from ..planner import Planner
from ..text import plain, runs_of, short
from ..types import Box, Paragraph, Picture, Slide, TextBox
from ..where import described


def figure(p: Planner, chapter: m.Chapter, figure: m.Figure) -> None:
    """A slide for one figure of a chapter, the picture with its caption."""
    caption = tuple(runs_of(figure.caption)) or (Run(figure.alt),)
    body = p.place("figure").body
    x, width = body.x, body.w
    font = p.font("figure", heading=False).measure
    cap_box = Box(x, 0, width, p.inch(1.3))
    lang = p.lecture.language
    pages = paginate([Paragraph(caption)], cap_box, p.floored("caption"), font=font, lang=lang)
    credit_size, credit = settle((plain(figure.credit),) if figure.credit else (),
                                 Box(0, 0, width, p.inch(0.8)), p.floored("credit"), font=font,
                                 lang=lang)
    credit_h = needed_height(credit, width, credit_size, font=font) if credit else 0
    count = len(pages.groups)
    if count > 1:
        p.split(figure.pos, f"the caption of '{short(figure.alt)}' needs {count} slides at "
                f"{pages.size:g} pt", count,
                described(p.place("figure").layout, cap_box, pages.size, p.template.own,
                          font=font))
    size_px = (max(1, figure.width), max(1, figure.height))  # the readers measured it
    # Caption and credit are on the slide; a description of the picture is not.
    alt_apart = figure.alt.strip() and figure.alt.strip() != m.plain_text(figure.caption).strip()
    notes = "\n\n".join(part for part in (figure.alt if alt_apart else "", chapter.notes)
                         if part)
    for i, group in enumerate(pages.groups):
        cap_h = needed_height(group, width, pages.size, font=font)
        credit_y = body.bottom - credit_h
        cap_y = credit_y - cap_h
        texts: list[TextBox] = [p.chapter_title("figure", chapter.title, i, count, chapter)]
        texts.append(p.box("figure", "caption", group, pages.size,
                           Box(x, cap_y, width, cap_h), align="ctr"))
        if credit:
            texts.append(p.box("figure", "credit", credit, credit_size,
                               Box(x, credit_y, width, credit_h), align="ctr", use="muted"))
        # On lectern's own template the picture may reach a little above the body area.
        top = body.y - (p.inch(0.1) if p.template.own else 0)
        area = Box(x, top, width, cap_y - body.y - p.inch(0.05))
        pictures = (Picture(figure.path, fit_picture(size_px, area), figure.alt),)
        p.add(Slide(p.place("figure").layout.name, "figure",
                    texts[0].paras[0].text, tuple(texts), notes, figure.pos,
                    pictures=pictures))


def fit_picture(size: tuple[int, int], area: Box) -> Box:
    """The largest box of the picture's proportions inside `area`, centred: nothing cropped."""
    w, h = size
    scale = min(area.w / w, area.h / h)
    bw, bh = int(w * scale), int(h * scale)
    return Box(area.x + (area.w - bw) // 2, area.y + (area.h - bh) // 2, bw, bh)


def chapter_figures(chapter: m.Chapter) -> list[m.Figure]:
    """The figures of a chapter body, in reading order (lists and quotes included)."""
    return [n for n in m.walk_inlines(chapter.body) if isinstance(n, m.Figure)]

