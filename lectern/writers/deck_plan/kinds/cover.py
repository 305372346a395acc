"""Title-layout slides: the cover and the closing slide."""

from __future__ import annotations

from collections.abc import Sequence

from ....locale.licenses import credits
from ..planner import Planner
from ..text import plain
from ..types import Paragraph, Slide


def cover(p: Planner) -> None:
    """The title slide: title, subtitle, authors and date."""
    lec = p.lecture
    parts: list[tuple[str, tuple[Paragraph, ...], Sequence[float], str]] = [
        ("cover-title", (plain(lec.title, bold=True),), p.floored("cover"), "title")]
    if lec.subtitle:
        parts.append(("subtitle", (plain(lec.subtitle),), p.floored("sub"), "subtitle"))
    byline = f"{p.loc.join(lec.authors)} \u00b7 {p.loc.date(lec.date)}"
    parts.append(("byline", (plain(byline),), p.floored("small"), ""))
    notes = "\n\n".join(part for part in (lec.description, lec.basis) if part) \
        or p.words.notes_cover
    notes = "\n\n".join((notes, *credits(lec)))
    place = p.place("title")
    stacked = p.stack("title", parts, place.region, lec.pos, gap=p.inch(0.3))
    # Only the very first slide goes without a number.
    p.add(Slide(place.layout.name, "title", stacked.boxes[0].paras[0].text, stacked.boxes,
                stacked.notes(notes), lec.pos, numbered=bool(p.slides)))


def closing(p: Planner) -> None:
    """The closing slide: thanks, an invitation to questions, the title and the authors."""
    lec = p.lecture
    parts: list[tuple[str, tuple[Paragraph, ...], Sequence[float], str]] = [
        ("cover-title", (plain(p.words.thanks, bold=True),), p.floored("cover"), "title"),
        ("subtitle", (plain(p.words.open_floor),), p.floored("sub"), "subtitle"),
        ("byline", (plain(f"{lec.title} \u00b7 {p.loc.join(lec.authors)}"),),
         p.floored("small"), ""),
    ]
    notes = "\n\n".join(part for part in (p.words.notes_closing, lec.basis) if part)
    place = p.place("closing")
    stacked = p.stack("closing", parts, place.region, lec.pos, gap=p.inch(0.3))
    p.add(Slide(place.layout.name, "closing", p.words.thanks, stacked.boxes,
                stacked.notes(notes), lec.pos))
