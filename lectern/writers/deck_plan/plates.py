"""Plates: where a layout's background lets no theme colour read, a rectangle of the layout's
plate colour lies under each group of a slide's text and drawings, and one under its number;
each stays inside the placeholder it serves, so it never hides the template's pictures
outside the placeholders."""

from __future__ import annotations

from collections.abc import Iterable

from ... import fit
from ...box import Box
from ...deck_template import Layout, largest_free
from .geometry import INSET
from .types import PlateBox, Slide

GROUP = 4  # boxes closer than this many paddings share a plate (a thin gap looks like a slip)
NUMBER_SIZE = 14.0  # points: the size the deck writer sets the slide number in
NUMBER_WIDEST = "888"  # the number's room: three digits, the same on every slide
NUMBER_INSET = 91440  # EMU: the horizontal inset a text frame has unless it sets its own
STACKED = ("title", "section", "closing")  # kinds whose text stacks in title and subtitle


def plates(slide: Slide, layout: Layout, width: int, height: int, pad: int) -> tuple[PlateBox, ...]:
    """The plates of a slide on `layout`: one under each group of text boxes, tables, pictures
    and drawings lying within GROUP × `pad` of each other, `pad` wider than the group on
    every side (within the slide), and one under the slide number."""
    slide_box = Box(0, 0, width, height)
    out: list[PlateBox] = []
    if layout.plate is not None:
        # Text in a placeholder whose own colour reads where it stands needs no plate.
        texts = [t.box for t in slide.texts if not (
            t.placeholder and not t.recolour and any(own.contains(t.box)
                                                     for own in layout.readable))]
        boxes = texts + [t.box for t in slide.tables] + \
            [p.box for p in slide.pictures] + [_upright(s.box) for s in slide.shapes]
        reach = GROUP * pad // 2
        rooms: dict[Box, list[Box]] = {}
        for box in boxes:
            room = _room(box, layout, slide.kind)
            if room is not None and (box.w > 0 or box.h > 0):
                rooms.setdefault(room, []).append(box)
        for room, inside in rooms.items():
            for group in _merged(_padded(b, reach) for b in inside):
                box = _padded(group, pad - reach).clip(room).clip(slide_box)
                if box.area > 0:
                    out.append(PlateBox(box, layout.plate))
    if slide.numbered and layout.number is not None and layout.number_plate is not None:
        box = _padded(number_text_box(layout), pad).clip(layout.number)
        # Not over a text plate (the overlap would show darker): what is left beside it.
        box = largest_free(box, [p.box for p in out])
        if box.area > 0:
            out.append(PlateBox(box, layout.number_plate))
    return tuple(out)


def _room(box: Box, layout: Layout, kind: str) -> Box | None:
    """The placeholder area a plate under `box` must stay inside: a title or section slide's
    title and subtitle placeholders together; else the title, subtitle or body placeholder
    holding the box's centre; on a layout without a body placeholder, the free area lectern
    draws in (clear of the template's pictures). None where the box lies in none of them."""
    if kind in STACKED:
        return layout.stack
    x, y = box.x + box.w // 2, box.y + box.h // 2
    for room in (layout.title, layout.subtitle, layout.body, layout.free):
        if room is not None and room.x <= x <= room.right and room.y <= y <= room.bottom:
            return room
    return None


def number_text_box(layout: Layout) -> Box:
    """Where the slide number's digits go: the right end of the layout's number box (the
    number is set flush right), as wide as three digits and the frame's insets."""
    assert layout.number is not None
    box = layout.number
    digits = fit.emu(fit.text_width(NUMBER_WIDEST, NUMBER_SIZE, font=layout.body_font.measure))
    room = min(box.w, digits + 2 * NUMBER_INSET + 2 * fit.emu(INSET))
    return Box(box.right - room, box.y, room, box.h)


def _upright(box: Box) -> Box:
    """A drawn shape's box with its width and height made positive (a line may run back)."""
    return Box(min(box.x, box.x + box.w), min(box.y, box.y + box.h), abs(box.w), abs(box.h))


def _padded(box: Box, pad: int) -> Box:
    return Box(box.x - pad, box.y - pad, box.w + 2 * pad, box.h + 2 * pad)


def _touch(a: Box, b: Box) -> bool:
    """Whether two boxes overlap or touch."""
    return a.x <= b.right and b.x <= a.right and a.y <= b.bottom and b.y <= a.bottom


def _merged(boxes: Iterable[Box]) -> list[Box]:
    """Boxes that touch or overlap joined into the box around them, until none does; in the
    order of their first box."""
    groups = list(boxes)
    joined = True
    while joined:
        joined = False
        for i, a in enumerate(groups):
            for j in range(i + 1, len(groups)):
                if _touch(a, groups[j]):
                    groups[i] = a.union(groups.pop(j))
                    joined = True
                    break
            if joined:
                break
    return groups
