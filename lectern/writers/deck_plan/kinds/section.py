"""Section slides: a chapter's number, title and summary."""

from __future__ import annotations

from collections.abc import Sequence

from .... import model as m
from ..planner import Planner
from ..text import plain
from ..types import Paragraph, Slide


def section(p: Planner, chapter: m.Chapter) -> None:
    parts: list[tuple[str, tuple[Paragraph, ...], Sequence[float], str]] = [
        ("section-number", (plain(f"{p.words.chapter} {chapter.number}"),),
         p.sizes("section_number"), ""),
        ("section-title", (plain(chapter.title, bold=True),),
         p.sizes("title") + p.sizes("long_title"), "title"),
        ("summary", (plain(chapter.summary),), p.sizes("sub"), "body"),
    ]
    notes = chapter.notes  # the summary is on the slide
    place = p.place("section")
    for boxes in p.stack("section", parts, place.region, chapter.pos, gap=p.inch(0.25),
                         use=lambda role: "muted" if role == "section-number" else "text"):
        # A summary may need more slides than its title: those continue without one.
        titles = [b.paras[0].text for b in boxes if b.role == "section-title"]
        p.add(Slide(place.layout.name, "section", titles[0] if titles else chapter.title,
                    boxes, notes, chapter.pos))
