"""Timeline slides: dated events along a line, four to a slide."""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import replace

from .... import model as m
from ..geometry import (
    BODY_BOTTOM,
    CONTENT_LAYOUT,
    CONTENT_W,
    EVENT_SIZES,
    IN,
    MARGIN_X,
    TIMELINE_Y,
)
from ..paginate import largest_size, needed_height, numbered_title, paginate
from ..planner import Planner
from ..text import date_text, plain, short, timeline_note
from ..types import Box, Paragraph, Shape, Slide, TextBox


def timeline(p: Planner) -> None:
    """Timeline slides: four entries a slide; an entry too long for a column gets a slide."""
    entries = p.lecture.timeline
    if not entries:
        return
    runs: list[tuple[list[tuple[m.TimelineEntry, Paragraph]], bool]] = []
    for entry in entries:
        event = plain(entry.event)
        if largest_size([event], event_box(4, 0), EVENT_SIZES) is not None:
            runs.append(([(entry, event)], False))
            continue
        pages = paginate([event], event_box(1, 0), EVENT_SIZES)
        if len(pages.groups) > 1:
            p.diag.warning(entry.pos, f"the timeline event '{short(entry.event)}' "
                           f"needs {len(pages.groups)} slides; consider shortening")
        runs.append(([(entry, piece) for g in pages.groups for piece in g], True))
    slides = _timeline_groups(runs)
    for i, group in enumerate(slides):
        timeline_slide(p, group, i, len(slides))


def event_box(columns: int, k: int) -> Box:
    col_w = CONTENT_W // columns
    top = TIMELINE_Y + round(0.35 * IN)
    return Box(MARGIN_X + k * col_w, top, col_w, BODY_BOTTOM - top)


def timeline_slide(p: Planner, entries: Sequence[tuple[m.TimelineEntry, Paragraph]], index: int,
                   count: int) -> None:
    columns = max(len(entries), 1)
    texts = [p.title_box(numbered_title(p.words["timeline"], index, count),
                         entries[0][0].pos)]
    shapes = [Shape("line", Box(MARGIN_X, TIMELINE_Y, CONTENT_W, 0))]
    dot = round(0.24 * IN)
    date_h = round(1.0 * IN)
    event_size = min(largest_size([para], event_box(columns, k), EVENT_SIZES)
                     or EVENT_SIZES[-1] for k, (_, para) in enumerate(entries))
    for k, (entry, event) in enumerate(entries):
        box = event_box(columns, k)
        date = (plain(date_text(entry.date), bold=True),)
        date_box = Box(box.x, TIMELINE_Y - round(0.2 * IN) - date_h, box.w, date_h)
        date_size = largest_size(date, date_box, EVENT_SIZES) or EVENT_SIZES[-1]
        texts.append(TextBox("date", date, date_size, date_box, anchor="b", align="ctr",
                             color="accent1"))
        height = min(box.h, needed_height([event], box.w, event_size))
        texts.append(TextBox("event", (event,), event_size, replace(box, h=height),
                             align="ctr"))
        shapes.append(Shape("dot", Box(box.x + box.w // 2 - dot // 2,
                                       TIMELINE_Y - dot // 2, dot, dot)))
    notes = "\n".join(dict.fromkeys(timeline_note(e) for e, _ in entries))
    p.add(Slide(CONTENT_LAYOUT, "timeline", texts[0].paras[0].text, tuple(texts), notes,
                entries[0][0].pos, shapes=tuple(shapes)))


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
