"""DrawingML colours as a template defines them: scheme colours through the colour map, their
modifiers, fills (solid, gradient, pattern, picture) as ranges of luminance, and WCAG contrast."""

from __future__ import annotations

import colorsys
import functools
import io
import warnings
from array import array
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from PIL import Image

from ..limits import MAX_TEMPLATE_PICTURES

A = "{http://schemas.openxmlformats.org/drawingml/2006/main}"
R_EMBED = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}embed"

# The colour map PowerPoint uses when a master gives none.
DEFAULT_MAP = {"bg1": "lt1", "tx1": "dk1", "bg2": "lt2", "tx2": "dk2", "accent1": "accent1",
               "accent2": "accent2", "accent3": "accent3", "accent4": "accent4",
               "accent5": "accent5", "accent6": "accent6", "hlink": "hlink",
               "folHlink": "folHlink"}
SCHEME_SLOTS = ("dk1", "lt1", "dk2", "lt2", "accent1", "accent2", "accent3", "accent4",
                "accent5", "accent6", "hlink", "folHlink")
PRESET = {"black": "000000", "white": "FFFFFF", "red": "FF0000", "green": "008000",
          "blue": "0000FF", "yellow": "FFFF00", "gray": "808080", "grey": "808080",
          "darkGray": "A9A9A9", "lightGray": "D3D3D3", "navy": "000080"}
SYSTEM = {"window": "FFFFFF", "windowText": "000000"}


@dataclass(frozen=True)
class Tone:
    """The luminance range of what lies under some text: darkest and lightest (0..1)."""

    low: float
    high: float
    rgb: str  # a representative colour, for writers that draw the background themselves

    def merge(self, other: Tone) -> Tone:
        return Tone(min(self.low, other.low), max(self.high, other.high), self.rgb)


UNKNOWN = Tone(0.0, 1.0, "808080")


def luminance(rgb: str) -> float:
    """WCAG relative luminance of an 'RRGGBB' colour."""
    def channel(c: int) -> float:
        v = c / 255
        return v / 12.92 if v <= 0.04045 else ((v + 0.055) / 1.055) ** 2.4
    r, g, b = (int(rgb[i:i + 2], 16) for i in (0, 2, 4))
    return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b)


def contrast(a: float, b: float) -> float:
    """WCAG contrast ratio of two luminances."""
    hi, lo = max(a, b), min(a, b)
    return (hi + 0.05) / (lo + 0.05)


def worst_contrast(rgb: str, tone: Tone) -> float:
    """The lowest contrast of a text colour against any part of a background."""
    lum = luminance(rgb)
    return min(contrast(lum, tone.low), contrast(lum, tone.high))


@dataclass(frozen=True)
class Palette:
    """A theme's colour scheme and the colour map that names its slots."""

    scheme: Mapping[str, str]  # dk1 .. folHlink -> RRGGBB
    colour_map: Mapping[str, str]  # bg1, tx1, ... -> dk1, lt1, ...

    def scheme_rgb(self, name: str) -> str:
        slot = self.colour_map.get(name, name)
        return self.scheme.get(slot, "808080")

    def with_map(self, colour_map: Mapping[str, str]) -> Palette:
        return Palette(self.scheme, {**self.colour_map, **colour_map})


def read_scheme(theme: Any) -> dict[str, str]:
    """The theme's colour scheme as RRGGBB values (black and white where it gives none)."""
    out = {"dk1": "000000", "lt1": "FFFFFF", "dk2": "44546A", "lt2": "E7E6E6"}
    scheme = theme.find(f"{A}themeElements/{A}clrScheme") if theme is not None else None
    if scheme is None:
        return out
    palette = Palette(out, {})
    for slot in SCHEME_SLOTS:
        holder = scheme.find(f"{A}{slot}")
        if holder is not None and len(holder):
            out[slot] = colour_of(holder[0], palette) or out.get(slot, "808080")
    return out


def colour_of(element: Any, palette: Palette, placeholder: str = "") -> str | None:
    """The RRGGBB value of a DrawingML colour element, its modifiers applied."""
    tag = element.tag
    base: str | None = None
    if tag == f"{A}srgbClr":
        base = (element.get("val") or "").upper()
    elif tag == f"{A}sysClr":
        base = (element.get("lastClr") or SYSTEM.get(element.get("val", ""), "000000")).upper()
    elif tag == f"{A}schemeClr":
        name = element.get("val", "")
        base = placeholder if name == "phClr" and placeholder else palette.scheme_rgb(name)
    elif tag == f"{A}prstClr":
        base = PRESET.get(element.get("val", ""), "808080")
    elif tag == f"{A}scrgbClr":
        base = "".join(f"{round(_pct(element.get(k)) * 255):02X}" for k in ("r", "g", "b"))
    elif tag == f"{A}hslClr":
        r, g, b = colorsys.hls_to_rgb(_int(element.get("hue")) / 21600000,
                                      _pct(element.get("lum")), _pct(element.get("sat")))
        base = f"{round(r * 255):02X}{round(g * 255):02X}{round(b * 255):02X}"
    if base is None or len(base) != 6 or any(c not in "0123456789ABCDEF" for c in base):
        return None
    return _modified(base, element)


def _int(value: str | None) -> int:
    try:
        return int(value or 0)
    except ValueError:
        return 0


def _pct(value: str | None) -> float:
    return max(0.0, min(1.0, _int(value) / 100000))


def _modified(rgb: str, element: Any) -> str:
    """Apply lumMod, lumOff, tint and shade as PowerPoint does (HSL and linear RGB)."""
    r, g, b = (int(rgb[i:i + 2], 16) / 255 for i in (0, 2, 4))
    for mod in element:
        name = mod.tag.replace(A, "")
        val = _int(mod.get("val")) / 100000
        if name in ("lumMod", "lumOff"):
            h, lum, s = colorsys.rgb_to_hls(r, g, b)
            lum = lum * val if name == "lumMod" else lum + val
            r, g, b = colorsys.hls_to_rgb(h, max(0.0, min(1.0, lum)), s)
        elif name == "shade":
            r, g, b = (_gamma(_linear(c) * val) for c in (r, g, b))
        elif name == "tint":
            r, g, b = (_gamma(_linear(c) * val + (1 - val)) for c in (r, g, b))
    return "".join(f"{round(max(0.0, min(1.0, c)) * 255):02X}" for c in (r, g, b))


def _linear(c: float) -> float:
    return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4


def _gamma(c: float) -> float:
    c = max(0.0, min(1.0, c))
    return c * 12.92 if c <= 0.0031308 else 1.055 * c ** (1 / 2.4) - 0.055


def _solid(rgb: str) -> Tone:
    lum = luminance(rgb)
    return Tone(lum, lum, rgb)


# Reads a picture part by relationship id: the template reader supplies it.
Images = Callable[[str], bytes | None]


def fill_tone(fill: Any, palette: Palette, images: Images, placeholder: str = "",
              theme: Any = None, region: tuple[float, float, float, float] | None = None,
              ) -> Tone | None:
    """The luminance range of a fill element (None: no fill, what lies below shows)."""
    tag = fill.tag
    if tag == f"{A}noFill":
        return None
    if tag == f"{A}solidFill":
        rgb = colour_of(fill[0], palette, placeholder) if len(fill) else None
        return _solid(rgb) if rgb else UNKNOWN
    if tag in (f"{A}gradFill", f"{A}pattFill"):
        colours = [colour_of(c, palette, placeholder) for holder in fill.iter(
            f"{A}gs", f"{A}fgClr", f"{A}bgClr") for c in holder if isinstance(c.tag, str)]
        tones = [_solid(c) for c in colours if c]
        if not tones:
            return UNKNOWN
        tone = tones[0]
        for other in tones[1:]:
            tone = tone.merge(other)
        return tone
    if tag == f"{A}blipFill":
        blip = fill.find(f"{A}blip")
        blob = images(blip.get(R_EMBED, "")) if blip is not None else None
        return picture_tone(blob, region)
    if tag == f"{A}grpFill":
        return None
    return UNKNOWN


@functools.lru_cache(maxsize=256)
def picture_tone(blob: bytes | None, region: tuple[float, float, float, float] | None) -> Tone:
    """The range of luminance in a picture (within `region`, fractions of its size)."""
    picture = _small_picture(blob) if blob else None
    rows = _luminance_rows(blob) if blob else None
    if picture is None or not rows:
        return UNKNOWN
    w, h = picture.size
    box = (0, 0, w, h)
    if region is not None:
        x0, y0, x1, y1 = region
        left = min(w - 1, int(max(0.0, x0) * w))
        top = min(h - 1, int(max(0.0, y0) * h))
        box = (left, top, max(left + 1, min(w, int(min(1.0, x1) * w))),
               max(top + 1, min(h, int(min(1.0, y1) * h))))
    # Every pixel of the picture as decoded (at most 256 across): a thumbnail would average
    # away the thin lines of a drawing, which are as much in the way of a letter as a patch.
    # Conservatively the darkest and the lightest pixel.
    inside = [row[box[0]:box[2]] for row in rows[box[1]:box[3]]]
    low, high = min(map(min, inside)), max(map(max, inside))
    middle: Any = picture.crop(box).resize((1, 1)).getpixel((0, 0))
    return Tone(low, high, "{:02X}{:02X}{:02X}".format(*middle))


def _linear_part(weight: float) -> tuple[float, ...]:
    """A channel's share of the luminance for each of its 256 values."""
    def channel(c: int) -> float:
        v = c / 255
        return v / 12.92 if v <= 0.04045 else ((v + 0.055) / 1.055) ** 2.4
    return tuple(weight * channel(c) for c in range(256))


# The luminance of a pixel is the sum of its channels' shares (as luminance() sums them).
_RED, _GREEN, _BLUE = _linear_part(0.2126), _linear_part(0.7152), _linear_part(0.0722)


@functools.lru_cache(maxsize=MAX_TEMPLATE_PICTURES)
def _luminance_rows(blob: bytes) -> list[array[float]]:
    """The luminance of every pixel of a picture as decoded small, row by row: computed once
    per picture, so that each region of it is read in time proportional to its rows."""
    picture = _small_picture(blob)
    if picture is None:
        return []
    w, h = picture.size
    red, green, blue = (band.tobytes() for band in picture.split())
    values = array("d", [_RED[r] + _GREEN[g] + _BLUE[b]
                         for r, g, b in zip(red, green, blue, strict=True)])
    return [values[y * w:(y + 1) * w] for y in range(h)]


def plate_tone(rgb: str, opacity: float) -> Tone:
    """What a plate of `rgb` at `opacity` shows over any pixel at all: its darkest over
    black, its lightest over white, composited in gamma-encoded sRGB and in linear light
    (renderers do either) and the wider range of the two taken."""
    channels = [int(rgb[i:i + 2], 16) / 255 for i in (0, 2, 4)]

    def lum(values: list[float]) -> float:
        return 0.2126 * values[0] + 0.7152 * values[1] + 0.0722 * values[2]

    def encoded(under: float) -> float:
        return lum([_linear(opacity * v + (1 - opacity) * under) for v in channels])

    def linear(under: float) -> float:
        return lum([opacity * _linear(v) + (1 - opacity) * under for v in channels])

    return Tone(min(encoded(0.0), linear(0.0)), max(encoded(1.0), linear(1.0)), rgb)


# Every picture of a template (MAX_TEMPLATE_PICTURES) stays decoded while its layouts are
# read: a smaller cache would decode them again for each layout.
@functools.lru_cache(maxsize=MAX_TEMPLATE_PICTURES)
def _small_picture(blob: bytes) -> Image.Image | None:
    """A picture decoded once at a small size (its colours are all lectern needs). Its pixels
    were counted from its header when the template was read (pictures.measure)."""
    try:
        with warnings.catch_warnings():
            # PIL's warnings name its installation's files: what they say is handled here.
            warnings.simplefilter("ignore")
            with Image.open(io.BytesIO(blob)) as img:
                img.draft("RGB", (512, 512))
                # One byte a pixel where that keeps the colours (1-bit, grey), three for a
                # palette, before the picture is scaled down: alpha is dropped as it was read.
                plain = img.mode == "RGB" or (img.mode == "P" and "transparency" not in img.info)
                picture = (img.convert("L") if img.mode in ("1", "L") else
                           img.convert("RGB") if plain else img.convert("RGBA").convert("RGB"))
                picture.thumbnail((256, 256))
                return picture.convert("RGB")
    except Exception:
        return None


def style_fill(theme: Any, index: int, background: bool) -> Any:
    """The fill of a theme's fill style list entry (fillRef idx, bgRef idx 1001+)."""
    if theme is None or index <= 0:
        return None
    name = "bgFillStyleLst" if background else "fillStyleLst"
    styles = theme.find(f"{A}themeElements/{A}fmtScheme/{A}{name}")
    if styles is None:
        return None
    items = [c for c in styles if isinstance(c.tag, str)]
    number = index - 1000 if background else index
    return items[number - 1] if 0 < number <= len(items) else None
