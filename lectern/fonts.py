"""The booklet's shipped font families, their files, and which characters they can display."""

from __future__ import annotations

import functools
import logging
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import uharfbuzz as hb

from .paths import FONTS

# The shipped Carlito files carry Unix-style timestamps in their 'head' table; fontTools
# warns each time it reads them (WeasyPrint subsets every build). The timestamps never
# reach the reader, so the warning is noise.
logging.getLogger("fontTools.ttLib.tables._h_e_a_d").setLevel(logging.ERROR)


@dataclass(frozen=True)
class Face:
    """One font file of a family: its weight and style as CSS names them."""

    path: Path
    weight: int
    style: str


@dataclass(frozen=True)
class Family:
    """A shipped family: the CSS name, the PostScript prefix PDFs show, and its faces."""

    name: str
    postscript_prefix: str
    faces: tuple[Face, ...]


def _faces(folder: str, stem: str) -> tuple[Face, ...]:
    base = FONTS / folder
    return (
        Face(base / f"{stem}-Regular.ttf", 400, "normal"),
        Face(base / f"{stem}-Italic.ttf", 400, "italic"),
        Face(base / f"{stem}-Bold.ttf", 700, "normal"),
        Face(base / f"{stem}-BoldItalic.ttf", 700, "italic"),
    )


SERIF = Family("Charis SIL", "CharisSIL", _faces("charis", "CharisSIL"))
SANS = Family("Carlito", "Carlito", _faces("carlito", "Carlito"))
MONO = Family("Liberation Mono", "LiberationMono", _faces("liberation", "LiberationMono"))
FAMILIES = (SERIF, SANS, MONO)
LICENCE = "SIL Open Font License 1.1"


@functools.cache
def coverage(family: Family) -> frozenset[int]:
    """The code points every face of `family` maps to a glyph (so bold and italic work too)."""
    # HarfBuzz reads the cmap in C, a hundred times faster than fontTools.
    sets = [frozenset(hb.Face(hb.Blob.from_file_path(str(face.path))).unicodes)
            for face in family.faces]
    return frozenset.intersection(*sets)


# Spaces HarfBuzz draws with the font's own space when the font has no glyph for them.
SYNTHESISED_SPACES = frozenset({0x00A0, *range(0x2000, 0x200B), 0x202F, 0x205F, 0x3000})


def needs_glyph(char: str) -> bool:
    """Whether `char` needs a glyph of its own (control, format and most space characters
    do not)."""
    if ord(char) in SYNTHESISED_SPACES:
        return False
    return unicodedata.category(char) not in ("Cc", "Cf", "Zl", "Zp")


def missing(text: str, family: Family) -> list[str]:
    """The distinct characters of `text` that `family` cannot display, in order of appearance."""
    have = coverage(family)
    absent = {char for char in set(text) if ord(char) not in have and needs_glyph(char)}
    if not absent:  # the common case: one set difference, no loop over the text
        return []
    return list(dict.fromkeys(char for char in text if char in absent))


def font_face_css(url: Callable[[Path], str] = Path.as_uri) -> str:
    """@font-face rules for every shipped face, each file named by `url` (file: by default)."""
    rules = []
    for family in FAMILIES:
        for face in family.faces:
            rules.append(
                f'@font-face {{ font-family: "{family.name}"; src: url("{url(face.path)}"); '
                f"font-weight: {face.weight}; font-style: {face.style}; }}")
    return "\n".join(rules) + "\n"
