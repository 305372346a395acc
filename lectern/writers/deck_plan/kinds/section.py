"""Section slides: a chapter's number, title and summary."""

from __future__ import annotations

from collections.abc import Sequence

from .... import model as m
from ..geometry import CONTENT_W, IN, LONG_TITLE_SIZES, SECTION_LAYOUT, SUB_SIZES, TITLE_SIZES
from ..planner import Planner
from ..text import plain
from ..types import Paragraph, Slide


def section(p: Planner, chapter: m.Chapter) -> None:
    width = CONTENT_W - round(1.0 * IN)
    parts: list[tuple[str, tuple[Paragraph, ...], Sequence[float], str]] = [
        ("section-number", (plain(f"{p.words['chapter']} {chapter.number}"),),
         (24.0,), ""),
        ("section-title", (plain(chapter.title, bold=True),), TITLE_SIZES + LONG_TITLE_SIZES,
         "title"),
        ("summary", (plain(chapter.summary),), SUB_SIZES, "body"),
    ]
    colours = {"section-number": "bg2", "section-title": "bg1", "summary": "bg1"}
    notes = f"{chapter.summary}\n\n{chapter.notes}".strip()
    for boxes in p.stack(parts, width, top=round(1.0 * IN), bottom=round(6.5 * IN),
                         pos=chapter.pos, gap=round(0.25 * IN), x=round(1.35 * IN),
                         color=lambda role: colours[role]):
        # A summary may need more slides than its title: those continue without one.
        titles = [b.paras[0].text for b in boxes if b.role == "section-title"]
        p.add(Slide(SECTION_LAYOUT, "section", titles[0] if titles else chapter.title,
                    boxes, notes, chapter.pos))
