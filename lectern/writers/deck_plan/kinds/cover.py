"""Title-layout slides: the cover and the closing slide."""

from __future__ import annotations

from collections.abc import Sequence

from ..geometry import (
    CONTENT_W,
    COVER_SIZES,
    IN,
    MARGIN_X,
    SMALL_SIZES,
    SUB_SIZES,
    TITLE_LAYOUT,
)
from ..planner import Planner
from ..text import date_long, plain
from ..types import Paragraph, Slide


def cover(p: Planner) -> None:
    lec = p.lecture
    width = CONTENT_W - round(0.5 * IN)
    parts: list[tuple[str, tuple[Paragraph, ...], Sequence[float], str]] = [
        ("cover-title", (plain(lec.title, bold=True),), COVER_SIZES, "title")]
    if lec.subtitle:
        parts.append(("subtitle", (plain(lec.subtitle),), SUB_SIZES, "subtitle"))
    byline = f"{', '.join(lec.authors)} \u00b7 {date_long(lec.date)}"
    parts.append(("byline", (plain(byline),), SMALL_SIZES, ""))
    notes = "\n\n".join(part for part in (lec.description, lec.basis) if part) or lec.title
    for boxes in p.stack(parts, width, top=round(1.6 * IN), bottom=round(6.6 * IN),
                         pos=lec.pos, gap=round(0.3 * IN), x=MARGIN_X + round(0.25 * IN)):
        # Only the very first slide goes without a number.
        p.add(Slide(TITLE_LAYOUT, "title", boxes[0].paras[0].text, boxes, notes, lec.pos,
                    numbered=bool(p.slides)))


def closing(p: Planner) -> None:
    lec = p.lecture
    width = CONTENT_W - round(0.5 * IN)
    parts: list[tuple[str, tuple[Paragraph, ...], Sequence[float], str]] = [
        ("cover-title", (plain(p.words["thanks"], bold=True),), COVER_SIZES, "title"),
        ("subtitle", (plain(p.words["questions"]),), SUB_SIZES, "subtitle"),
        ("byline", (plain(f"{lec.title} \u00b7 {', '.join(lec.authors)}"),), SMALL_SIZES,
         ""),
    ]
    notes = ("Thank the audience and open the floor for questions. "
             + (f"Credit: {lec.basis}" if lec.basis else lec.description))
    for boxes in p.stack(parts, width, top=round(1.6 * IN), bottom=round(6.6 * IN),
                         pos=lec.pos, gap=round(0.3 * IN), x=MARGIN_X + round(0.25 * IN)):
        p.add(Slide(TITLE_LAYOUT, "closing", p.words["thanks"], boxes, notes, lec.pos))
