"""The template's text styles as lectern reads them: theme fonts and the faces that measure
them, the theme colours that read on a layout, and plates where none does."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from . import colours as c
from . import package as pk
from .types import FALLBACK_FONT, Colour, Colours, Font, Plate

P = pk.P_NS
A = "{http://schemas.openxmlformats.org/drawingml/2006/main}"
MIN_CONTRAST = 4.5

# Theme fonts and the open faces with the same metrics that lectern measures them with.
METRIC_FACES = {
    "calibri": "carlito", "calibri light": "carlito", "carlito": "carlito",
    "cambria": "caladea", "caladea": "caladea",
    "arial": "liberation-sans", "helvetica": "liberation-sans",
    "liberation sans": "liberation-sans", "arimo": "liberation-sans",
    "times new roman": "liberation-serif", "times": "liberation-serif",
    "liberation serif": "liberation-serif", "tinos": "liberation-serif",
    "courier new": "liberation-mono", "courier": "liberation-mono",
    "liberation mono": "liberation-mono", "cousine": "liberation-mono",
}
# Colours tried for each use of text, the template's own choice first.
PREFERENCES = {"text": ("tx1", "bg1", "tx2", "bg2"),
               "muted": ("tx2", "bg2", "tx1", "bg1"),
               "accent": ("accent1", "accent2", "accent3", "accent4", "accent5", "accent6",
                          "tx2", "bg2", "tx1", "bg1")}
# Where nothing of the template's reads, text goes on a plate: a rectangle of one of these
# theme colours (the theme's own background first: the colour its text colours are made to
# read on), this opaque, so that a little of the picture beneath still shows.
PLATE_FILLS = ("bg1", "bg2", "tx1", "tx2")
PLATE_OPACITY = 0.85


def theme_fonts(theme: Any) -> tuple[Font, Font]:
    def font(kind: str) -> Font:
        latin = theme.find(f"{A}themeElements/{A}fontScheme/{A}{kind}/{A}latin") \
            if theme is not None else None
        name = (latin.get("typeface") if latin is not None else "") or ""
        face = METRIC_FACES.get(name.strip().lower())
        if face is not None:
            return Font(name.strip(), face)
        return Font(FALLBACK_FONT[0], FALLBACK_FONT[1], name.strip() or "(none)")
    return font("majorFont"), font("minorFont")


def own_text_colour(layout: Any, master: Any, holders: Mapping[str, Any]) -> str:
    """The theme colour the template itself gives the layout's title text."""
    for kind in ("ctrTitle", "title"):
        shape = holders.get(kind)
        if shape is not None:
            found = shape.element.find(f".//{A}lvl1pPr/{A}defRPr/{A}solidFill/{A}schemeClr")
            if found is not None:
                return str(found.get("val"))
    found = master.find(f"{{{P}}}txStyles/{{{P}}}titleStyle/{A}lvl1pPr/{A}defRPr/"
                        f"{A}solidFill/{A}schemeClr")
    return str(found.get("val")) if found is not None else "tx1"


def choose_colours(palette: c.Palette, tone: c.Tone, own: str) -> Colours:
    def pick(use: str, first: str) -> Colour:
        names = list(dict.fromkeys([first, *PREFERENCES[use]]))
        options = [Colour(n, palette.scheme_rgb(n), c.worst_contrast(palette.scheme_rgb(n),
                                                                     tone)) for n in names]
        good = next((o for o in options if o.contrast >= MIN_CONTRAST), None)
        if good is not None:
            return good
        # No theme colour is readable enough: black or white, whichever is better.
        extremes = [Colour(n, rgb, c.worst_contrast(rgb, tone))
                    for n, rgb in (("000000", "000000"), ("FFFFFF", "FFFFFF"))]
        return max(options + extremes, key=lambda o: o.contrast)

    text = pick("text", own if own in PREFERENCES["text"] else "tx1")
    muted = pick("muted", "tx2")
    accent = pick("accent", "accent1")
    return Colours(text, muted, accent)


def plate_for(palette: c.Palette, own: str) -> tuple[Plate, Colours]:
    """The plate for text where nothing reads, and the colours chosen on it: the first theme
    colour of PLATE_FILLS on which the text, muted and accent colours all reach MIN_CONTRAST
    whatever shows through, one that keeps `own` as the text colour first; an opaque white
    one when none does."""
    found = []
    for name in PLATE_FILLS:
        plate = Plate(name, palette.scheme_rgb(name), PLATE_OPACITY)
        colours = choose_colours(palette, plate.tone, own)
        if min(colours.text.contrast, colours.muted.contrast,
               colours.accent.contrast) >= MIN_CONTRAST:
            found.append((plate, colours))
    keeping = [f for f in found if f[1].text.scheme == own]
    if keeping or found:
        return (keeping or found)[0]
    plate = Plate("FFFFFF", "FFFFFF", 1.0)
    return plate, choose_colours(palette, plate.tone, own)

