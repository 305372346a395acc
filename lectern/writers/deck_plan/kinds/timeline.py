"""Timeline slides: dated events along a line, four to a slide."""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import replace

from .... import model as m
from ....locale import sentence
from ..paginate import (
    hyphenate,
    largest_size,
    needed_height,
    numbered_title,
    paginate,
    settle,
)
from ..planner import Planner
from ..text import plain, short
from ..types import Box, Paragraph, Shape, Slide
from ..where import described


def timeline(p: Planner) -> None:
    """Timeline slides: four entries a slide; an entry too long for a column gets a slide."""
    entries = p.lecture.timeline
    if not entries:
        return
    runs: list[tuple[list[tuple[m.TimelineEntry, Paragraph]], bool]] = []
    sizes, font = p.floored("event"), p.font("timeline", heading=False).measure
    for entry in entries:
        event = plain(entry.event)
        if largest_size([event], event_box(p, 4, 0), sizes, font=font) is not None:
            runs.append(([(entry, event)], False))
            continue
        pages = paginate([event], event_box(p, 1, 0), sizes, font=font,
                         lang=p.lecture.language)
        if len(pages.groups) > 1:
            p.split(entry.pos, f"the timeline event '{short(entry.event)}' needs "
                    f"{len(pages.groups)} slides at {pages.size:g} pt", len(pages.groups),
                    described(p.place("timeline").layout, event_box(p, 1, 0), pages.size,
                              p.template.own, font=font))
        runs.append(([(entry, piece) for g in pages.groups for piece in g], True))
    slides = _timeline_groups(runs)
    for i, group in enumerate(slides):
        timeline_slide(p, group, i, len(slides))


def line_y(p: Planner) -> int:
    """Where the timeline's line runs: a fixed distance below the top of the body area, or
    higher in a short one (the events below need the room)."""
    body = p.place("timeline").body
    return body.y + min(p.inch(1.55), round(body.h * 0.35))


def event_box(p: Planner, columns: int, k: int) -> Box:
    """The box of event `k` of a timeline slide with `columns` events."""
    body = p.place("timeline").body
    col_w = body.w // columns
    top = line_y(p) + p.inch(0.35)
    return Box(body.x + k * col_w, top, col_w, body.bottom - top)


def timeline_slide(p: Planner, entries: Sequence[tuple[m.TimelineEntry, Paragraph]], index: int,
                   count: int) -> None:
    """One timeline slide of `entries`, the `index`-th of `count`."""
    columns = max(len(entries), 1)
    texts = [p.title_box("timeline", numbered_title(p.words.timeline, index, count),
                         entries[0][0].pos)]
    body, y = p.place("timeline").body, line_y(p)
    shapes = [Shape("line", Box(body.x, y, body.w, 0), p.colour("timeline", "muted")[0])]
    dot = p.inch(0.24)
    date_h = min(p.inch(1.0), y - p.inch(0.2) - body.y)
    sizes, font = p.floored("event"), p.font("timeline", heading=False).measure
    lang = p.lecture.language
    event_size = min(largest_size([para], event_box(p, columns, k), sizes, font=font)
                     or sizes[-1] for k, (_, para) in enumerate(entries))
    for k, (entry, event) in enumerate(entries):
        box = event_box(p, columns, k)
        date_box = Box(box.x, y - p.inch(0.2) - date_h, box.w, date_h)
        date_size, date = settle((plain(p.loc.date(entry.date, breakable=True), bold=True),),
                                 date_box, sizes, font=font, lang=lang)
        texts.append(p.box("timeline", "date", date, date_size, date_box, anchor="b",
                           align="ctr", use="accent"))
        event = hyphenate([event], box, event_size, font, lang)[0]
        height = min(box.h, needed_height([event], box.w, event_size, font=font))
        texts.append(p.box("timeline", "event", (event,), event_size, replace(box, h=height),
                           align="ctr"))
        shapes.append(Shape("dot", Box(box.x + box.w // 2 - dot // 2, y - dot // 2, dot, dot),
                            p.colour("timeline", "accent")[0]))
    lines = dict.fromkeys(line for e, _ in entries if (line := timeline_note(p, e)))
    notes = "\n".join([p.words.notes_timeline, *lines])
    p.add(Slide(p.place("timeline").layout.name, "timeline", texts[0].paras[0].text,
                tuple(texts), notes, entries[0][0].pos, shapes=tuple(shapes)))


def timeline_note(p: Planner, entry: m.TimelineEntry) -> str:
    """What the slide does not show of an entry: its New Style date and its detail."""
    if not entry.new_style and not entry.detail:
        return ""
    date = p.loc.date(entry.date)
    if entry.new_style:
        date = (f"{date} {p.words.old_style} "
                f"({p.loc.date(entry.new_style)} {p.words.new_style})")
    return p.loc.labelled(date, sentence(entry.detail)) if entry.detail else date


def _timeline_groups(
        runs: list[tuple[list[tuple[m.TimelineEntry, Paragraph]], bool]],
) -> list[list[tuple[m.TimelineEntry, Paragraph]]]:
    """Slides of the timeline: short entries four to a slide, evenly; long ones alone."""
    slides: list[list[tuple[m.TimelineEntry, Paragraph]]] = []
    pending: list[tuple[m.TimelineEntry, Paragraph]] = []

    def flush() -> None:
        if pending:
            count = math.ceil(len(pending) / 4)
            size = len(pending)
            slides.extend(pending[round(i * size / count):round((i + 1) * size / count)]
                          for i in range(count))
            pending.clear()

    for pieces, alone in runs:
        if not alone:
            pending.extend(pieces)
            continue
        flush()
        slides.extend([piece] for piece in pieces)
    flush()
    return slides
