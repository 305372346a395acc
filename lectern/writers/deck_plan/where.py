"""How a warning names the box a text did not fit: the template's placeholder or area, its
size in centimetres and inches, and how many lines it holds at the size tried."""

from __future__ import annotations

from ... import fit
from ...deck_template import Layout
from .types import Box, frame_of

CM = 360000  # EMU per centimetre
IN = 914400


def lines_held(box: Box, size: float, line_spacing: float = 1.0,
               font: str = fit.DEFAULT_FAMILY) -> int:
    """How many lines of text at `size` points the box holds (0: not one)."""
    frame = frame_of(box, line_spacing, font)
    pitch = fit.line_factor(font) * size
    room = frame.inner_height / fit.HEIGHT_SLACK
    if room < pitch:
        return 0
    return 1 + int((room - pitch) // (pitch * line_spacing))


def dimensions(box: Box) -> str:
    """'11.2 × 1.1 cm (4.41 × 0.43 in)'."""
    return (f"{box.w / CM:.1f} × {box.h / CM:.1f} cm "
            f"({box.w / IN:.2f} × {box.h / IN:.2f} in)")


def placeholder_of(layout: Layout, box: Box, own: bool) -> str:
    """Which part of the layout a box is: one of its placeholders, or an area of it."""
    if not own:
        for name, holder in (("title", layout.title), ("body", layout.body),
                             ("subtitle", layout.subtitle)):
            if holder is not None and holder.contains(box):
                return f"the {name} placeholder"
    return "the text area"


def named(layout: Layout, box: Box, own: bool = False) -> str:
    """'the body placeholder of layout 'Title and Content', 16.5 × 7.6 cm (…)'."""
    return f"{placeholder_of(layout, box, own)} of layout '{layout.name}', {dimensions(box)}"


def described(layout: Layout, box: Box, size: float, own: bool = False,
              line_spacing: float = 1.0, font: str = fit.DEFAULT_FAMILY) -> str:
    """'the body placeholder of layout 'Section Header', 11.2 × 1.1 cm (…), holds 2 lines
    at 18 pt'."""
    lines = lines_held(box, size, line_spacing, font)
    held = f"{lines} line{'s' if lines != 1 else ''}" if lines else "not one line"
    return f"{named(layout, box, own)}, holds {held} at {size:g} pt"
