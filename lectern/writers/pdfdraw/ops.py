"""Content-stream operands: numbers written short and the same for the same value, and
colours."""

from __future__ import annotations

Colour = tuple[float, float, float]


def number(value: float) -> str:
    """A number for a content stream: short, and the same for the same value."""
    text = f"{value:.3f}".rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def colour(rgb: str) -> Colour:
    """An RRGGBB value as PDF colour components."""
    return (int(rgb[0:2], 16) / 255, int(rgb[2:4], 16) / 255, int(rgb[4:6], 16) / 255)


def fill(rgb: Colour) -> str:
    """The operator that sets the fill colour."""
    return " ".join(number(v) for v in rgb) + " rg"


def stroke(rgb: Colour) -> str:
    """The operator that sets the stroke colour."""
    return " ".join(number(v) for v in rgb) + " RG"
