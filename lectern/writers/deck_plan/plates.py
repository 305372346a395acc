"""Plates: where a layout's background lets no theme colour read, a rectangle of the layout's
plate colour lies under each group of a slide's text and drawings, and one under its number."""

from __future__ import annotations

from collections.abc import Iterable

from ... import fit
from ...box import Box
from ...deck_template import Layout
from .geometry import INSET
from .types import PlateBox, Slide

GROUP = 4  # boxes closer than this many paddings share a plate (a thin gap looks like a slip)
NUMBER_SIZE = 14.0  # points: the size the deck writer sets the slide number in
NUMBER_WIDEST = "888"  # the number's room: three digits, the same on every slide
NUMBER_INSET = 91440  # EMU: the horizontal inset a text frame has unless it sets its own


def plates(slide: Slide, layout: Layout, width: int, height: int, pad: int) -> tuple[PlateBox, ...]:
    """The plates of a slide on `layout`: one under each group of text boxes, tables, pictures
    and drawings lying within GROUP × `pad` of each other, `pad` wider than the group on
    every side (within the slide), and one under the slide number."""
    slide_box = Box(0, 0, width, height)
    out: list[PlateBox] = []
    if layout.plate is not None:
        boxes = [t.box for t in slide.texts] + [t.box for t in slide.tables] + \
            [p.box for p in slide.pictures] + [_upright(s.box) for s in slide.shapes]
        reach = GROUP * pad // 2
        groups = _merged(_padded(b, reach) for b in boxes if b.w > 0 or b.h > 0)
        out += [PlateBox(_padded(b, pad - reach).clip(slide_box), layout.plate)
                for b in groups]
    if slide.numbered and layout.number is not None and layout.number_plate is not None:
        box = _padded(number_text_box(layout), pad).clip(slide_box)
        mine = [p for p in out if p.plate == layout.number_plate]
        if any(_touch(box, p.box) for p in mine):
            # One plate, not two overlapping ones (their overlap would show darker).
            rest = [p for p in out if p not in mine]
            merged = _merged([box, *(p.box for p in mine)])
            out = rest + [PlateBox(b.clip(slide_box), layout.number_plate) for b in merged]
        else:
            out.append(PlateBox(box, layout.number_plate))
    return tuple(out)


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
