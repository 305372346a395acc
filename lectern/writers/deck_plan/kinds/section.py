"""Section slides: a chapter's number, title and summary."""

from __future__ import annotations

from collections.abc import Sequence

from .... import model as m
from ..planner import Planner
from ..text import plain, runs_of
from ..types import Paragraph, Slide


def section(p: Planner, chapter: m.Chapter) -> None:
    """A chapter's section slide: its number, title and summary."""
    title = section_title(p, chapter)
    # The chapter's own title keeps its emphasis; a labelled one is plain words.
    heading = Paragraph(tuple(runs_of(chapter.title_inlines, bold=True))) \
        if title == chapter.title else plain(title, bold=True)
    parts: list[tuple[str, tuple[Paragraph, ...], Sequence[float], str]] = [
        ("section-number", (plain(f"{p.words.chapter} {chapter.number}"),),
         p.floored("section_number"), ""),
        ("section-title", (heading,),
         p.floored("title", "long_title"), "title"),
        ("summary", (Paragraph(tuple(runs_of(chapter.summary_inlines))),), p.floored("sub"),
         "body"),
    ]
    place = p.place("section")
    stacked = p.stack("section", parts, place.region, chapter.pos, gap=p.inch(0.25),
                      use=lambda role: "muted" if role == "section-number" else "text")
    # The summary is on the slide, or first in the notes where the slide has no room for it.
    p.add(Slide(place.layout.name, "section", title, stacked.boxes,
                stacked.notes(chapter.notes), chapter.pos))


def section_title(p: Planner, chapter: m.Chapter) -> str:
    """The chapter's title, or where an earlier slide has it (the cover of a lecture named
    as its chapter), labelled with the chapter's number."""
    if p.title_free(chapter.title):
        return p.unique_title(chapter.title)
    return p.unique_title(p.loc.labelled(f"{p.words.chapter} {chapter.number}", chapter.title))
