"""Figure slides: the picture, whole, above its caption and credit."""

from __future__ import annotations

from pathlib import Path

from PIL import Image

from .... import model as m
from ....fit import Run
from ..geometry import (
    BODY_BOTTOM,
    BODY_TOP,
    CAPTION_SIZES,
    CONTENT_LAYOUT,
    CONTENT_W,
    CREDIT_SIZES,
    IN,
    MARGIN_X,
)
from ..paginate import largest_size, needed_height, numbered_title, paginate
from ..planner import Planner
from ..text import plain, runs_of, short
from ..types import Box, Paragraph, Picture, Slide, TextBox


def figure(p: Planner, chapter: m.Chapter, figure: m.Figure) -> None:
    caption = tuple(runs_of(figure.caption)) or (Run(figure.alt),)
    cap_box = Box(MARGIN_X, 0, CONTENT_W, round(1.3 * IN))
    pages = paginate([Paragraph(caption)], cap_box, CAPTION_SIZES)
    credit = (plain(figure.credit),) if figure.credit else ()
    credit_size = largest_size(credit, Box(0, 0, CONTENT_W, round(0.8 * IN)),
                               CREDIT_SIZES) or CREDIT_SIZES[-1]
    credit_h = needed_height(credit, CONTENT_W, credit_size) if credit else 0
    count = len(pages.groups)
    if count > 1:
        p.diag.warning(figure.pos, f"the caption of '{short(figure.alt)}' needs "
                       f"{count} slides; consider shortening")
    size_px = image_size(figure.path)
    notes = (f"Figure: {m.plain_text(figure.caption)}. {figure.credit}. "
             f"{figure.alt}.\n\n{chapter.notes}")
    for i, group in enumerate(pages.groups):
        cap_h = needed_height(group, CONTENT_W, pages.size)
        credit_y = BODY_BOTTOM - credit_h
        cap_y = credit_y - cap_h
        texts: list[TextBox] = [p.title_box(numbered_title(chapter.title, i, count),
                                            figure.pos)]
        texts.append(TextBox("caption", group, pages.size, Box(MARGIN_X, cap_y, CONTENT_W,
                                                               cap_h), align="ctr"))
        if credit:
            texts.append(TextBox("credit", credit, credit_size,
                                 Box(MARGIN_X, credit_y, CONTENT_W, credit_h),
                                 align="ctr", color="tx2"))
        area = Box(MARGIN_X, BODY_TOP - round(0.1 * IN), CONTENT_W,
                   cap_y - BODY_TOP - round(0.05 * IN))
        pictures = (Picture(figure.path, fit_picture(size_px, area), figure.alt),)
        p.add(Slide(CONTENT_LAYOUT, "figure",
                    texts[0].paras[0].text, tuple(texts), notes, figure.pos,
                    pictures=pictures))


def image_size(path: Path) -> tuple[int, int]:
    """Pixel size of a picture (1×1 when it cannot be read: check_deck reports that)."""
    try:
        with Image.open(path) as img:
            return img.size
    except OSError:
        return (1, 1)


def fit_picture(size: tuple[int, int], area: Box) -> Box:
    """The largest box of the picture's proportions inside `area`, centred: nothing cropped."""
    w, h = size
    scale = min(area.w / w, area.h / h)
    bw, bh = int(w * scale), int(h * scale)
    return Box(area.x + (area.w - bw) // 2, area.y + (area.h - bh) // 2, bw, bh)



def chapter_figures(chapter: m.Chapter) -> list[m.Figure]:
    """The figures of a chapter body, in reading order (lists and quotes included)."""
    return [n for n in m.walk_inlines(chapter.body) if isinstance(n, m.Figure)]

