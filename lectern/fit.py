"""Text measurement with real font metrics: open faces metric-compatible with the fonts a deck
names (Carlito for Calibri, Caladea for Cambria, Liberation for Arial, Times and Courier)."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import uharfbuzz as hb
from fontTools.ttLib import TTFont

from .paths import FONTS

CARLITO = FONTS / "carlito"
# The measured families: key -> (folder under assets/fonts, file stem).
FAMILIES = {
    "carlito": ("carlito", "Carlito"),
    "caladea": ("caladea", "Caladea"),
    "liberation-sans": ("liberation", "LiberationSans"),
    "liberation-serif": ("liberation", "LiberationSerif"),
    "liberation-mono": ("liberation", "LiberationMono"),
    "charis": ("charis", "CharisSIL"),  # the booklet's text face, for its tables
}
DEFAULT_FAMILY = "carlito"
STYLES = {
    (False, False): "Regular",
    (True, False): "Bold",
    (False, True): "Italic",
    (True, True): "BoldItalic",
}
EMU_PER_PT = 12700
# LibreOffice and PowerPoint do not break exactly where we do; a little width slack makes
# our predicted lines never longer than theirs (the technical notes measured 92/96 matches).
WIDTH_SLACK = 0.015
# A line may be a hair taller than the metrics say (rounding to device units): keep margin.
HEIGHT_SLACK = 1.02
# PowerPoint and LibreOffice set a single-spaced line 1.2 times the font size high at least.
SINGLE_LINE = 1.2
# Break opportunities: after spaces, after hyphens and dashes (as Unicode line breaking allows).
_BREAK_AFTER = re.compile(r"[ \t\u200b]+|[-\u2010\u2012\u2013\u2014\u2015](?=[^\W\d])")


@dataclass(frozen=True)
class Run:
    """A stretch of text in one style."""

    text: str
    bold: bool = False
    italic: bool = False
    # RRGGBB where the run has a colour of its own (coloured code); the address it links to
    color: str = field(default="", metadata={"dump": "if set"})
    url: str = field(default="", metadata={"dump": "if set"})
    font: str = field(default="", metadata={"dump": "if set"})  # a family of its own (code)


@dataclass(frozen=True)
class Para:
    """A paragraph to measure: its runs, its left indent and space before it (points)."""

    runs: tuple[Run, ...]
    indent: float = 0.0
    space_before: float = 0.0

    @property
    def text(self) -> str:
        return "".join(r.text for r in self.runs)


@dataclass(frozen=True)
class Frame:
    """A text frame in points: outer size, insets, and the line spacing written to the XML."""

    width: float
    height: float
    inset_x: float = 3.6
    inset_y: float = 3.6
    line_spacing: float = 1.0
    font: str = DEFAULT_FAMILY  # the measured family (a key of FAMILIES)

    @property
    def inner_width(self) -> float:
        return self.width - 2 * self.inset_x

    @property
    def inner_height(self) -> float:
        return self.height - 2 * self.inset_y


def font_path(bold: bool, italic: bool, font: str = DEFAULT_FAMILY) -> Path:
    """The file of a measured family for a style."""
    folder, stem = FAMILIES[font]
    return FONTS / folder / f"{stem}-{STYLES[(bold, italic)]}.ttf"


@lru_cache(maxsize=32)
def _hb_font(bold: bool, italic: bool, font: str = DEFAULT_FAMILY) -> tuple[hb.Font, int]:
    blob = hb.Blob.from_file_path(str(font_path(bold, italic, font)))
    face = hb.Face(blob)
    return hb.Font(face), face.upem


@lru_cache(maxsize=32)
def _tt_font(bold: bool, italic: bool, font: str = DEFAULT_FAMILY) -> TTFont:
    return TTFont(str(font_path(bold, italic, font)), lazy=True)


@lru_cache(maxsize=8)
def line_factor(font: str = DEFAULT_FAMILY) -> float:
    """Line pitch as a multiple of the font size: (win ascent + descent) / units per em."""
    font_file = _tt_font(False, False, font)
    os2 = font_file["OS/2"]
    hhea = font_file["hhea"]
    win = os2.usWinAscent + os2.usWinDescent
    typo = hhea.ascent - hhea.descent + hhea.lineGap
    # Renderers pick one of these; take the larger so we never under-predict height. A slide
    # program's single line is never less than 1.2 sizes (Arial's metrics give 1.15).
    # The upem comes from HarfBuzz: fontTools' 'head' table warns about Carlito's old dates.
    return max(SINGLE_LINE, float(max(win, typo)) / float(_hb_font(False, False, font)[1]))


@lru_cache(maxsize=1 << 16)
def _width_em(text: str, bold: bool, italic: bool, family: str = DEFAULT_FAMILY) -> float:
    """Shaped advance width of `text` in ems (kerning and ligatures applied)."""
    if not text:
        return 0.0
    font, upem = _hb_font(bold, italic, family)
    buf = hb.Buffer()
    buf.add_str(text)
    buf.guess_segment_properties()
    hb.shape(font, buf, {"kern": True, "liga": True})
    return sum(p.x_advance for p in buf.glyph_positions) / upem


def text_width(text: str, size: float, bold: bool = False, italic: bool = False,
               font: str = DEFAULT_FAMILY) -> float:
    """Width of `text` in points at `size` points."""
    return _width_em(text, bold, italic, font) * size


def missing_glyphs(text: str, font: str = DEFAULT_FAMILY) -> set[str]:
    """Characters of `text` the deck font cannot show (controls and spaces are ignored)."""
    cmap = _tt_font(False, False, font).getBestCmap()
    return {c for c in text if not c.isspace() and ord(c) >= 32 and ord(c) not in cmap}


# --- wrapping ---------------------------------------------------------------------------


@dataclass(frozen=True)
class _Atom:
    """An unbreakable piece of a line: fragments (text, bold, italic) plus the spaces after it.

    The fragments' widths are kept in ems, so that measuring the atom at any size is a few
    multiplications; the sums run in the order text_width's did, to the last bit.
    """

    parts: tuple[tuple[str, bool, bool, str], ...]  # text, bold, italic, family ("": the box's)
    ems: tuple[float, ...]  # the width of each fragment
    trailing_em: float  # the width of the spaces that end it
    text: str
    hard_break: bool = False

    def width(self, size: float, trailing: bool) -> float:
        total = 0.0
        for em in self.ems:
            total += em * size
        if not trailing:
            total -= self.trailing_em * size
        return total


# Long paragraphs are measured again and again in growing pieces while they are split
# between slides: their words become atoms once.
@lru_cache(maxsize=1 << 16)
def _atom(parts: tuple[tuple[str, bool, bool, str], ...], hard_break: bool = False,
          font: str = DEFAULT_FAMILY) -> _Atom:
    ems = tuple(_width_em(text, bold, italic, own or font) for text, bold, italic, own in parts)
    trailing = 0.0
    if parts:
        text, bold, italic, own = parts[-1]
        trailing = _width_em(text[len(text.rstrip(" \t\u200b")):], bold, italic, own or font)
    return _Atom(parts, ems, trailing, "".join(p[0] for p in parts), hard_break)


@lru_cache(maxsize=1 << 14)
def _atoms(runs: tuple[Run, ...], font: str = DEFAULT_FAMILY) -> tuple[_Atom, ...]:
    """Split runs into atoms at every break opportunity; a newline is a hard break."""
    atoms: list[_Atom] = []
    current: list[tuple[str, bool, bool, str]] = []
    for run in runs:
        for li, line in enumerate(run.text.split("\n")):
            if li:
                atoms.append(_atom(tuple(current), True, font))
                current = []
            start = 0
            for match in _BREAK_AFTER.finditer(line):
                current.append((line[start:match.end()], run.bold, run.italic, run.font))
                atoms.append(_atom(tuple(p for p in current if p[0]), False, font))
                current = []
                start = match.end()
            if line[start:]:
                current.append((line[start:], run.bold, run.italic, run.font))
    if current:
        atoms.append(_atom(tuple(current), False, font))
    return tuple(atoms)


def _split_chars(atom: _Atom, size: float, first_room: float, room: float,
                 font: str = DEFAULT_FAMILY) -> list[str]:
    """Break an atom wider than a line at character level, as renderers do."""
    pieces: list[str] = []
    line, width, limit = "", 0.0, first_room
    for text, bold, italic, own in atom.parts:
        for ch in text:
            w = text_width(ch, size, bold, italic, own or font)
            if line and width + w > limit and not ch.isspace():
                pieces.append(line)
                line, width, limit = "", 0.0, room
            line += ch
            width += w
    pieces.append(line)
    return pieces


def wrap(runs: Sequence[Run], width: float, size: float, font: str = DEFAULT_FAMILY) -> list[str]:
    """The lines a renderer makes of `runs` in a box `width` points wide at `size` points."""
    return list(_wrap(tuple(runs), width, size, font))


# The planner asks about the same text in the same box many times (every candidate size,
# every way of grouping paragraphs, the check and the build): remember the answers.
@lru_cache(maxsize=1 << 16)
def _wrap(runs: tuple[Run, ...], width: float, size: float,
          font: str = DEFAULT_FAMILY) -> tuple[str, ...]:
    room = width * (1.0 - WIDTH_SLACK)
    lines: list[str] = []
    line, used = "", 0.0
    for atom in _atoms(runs, font):
        core = atom.width(size, trailing=False)
        if line and used + core > room:
            lines.append(line)
            line, used = "", 0.0
        if core > room - used:
            pieces = _split_chars(atom, size, room - used, room, font)
            lines.extend([line + pieces[0], *pieces[1:-1]])
            line = pieces[-1]
            used = text_width(line, size, font=font) * 1.02
        else:
            line += atom.text
            used += atom.width(size, trailing=True)
        if atom.hard_break:
            lines.append(line)
            line, used = "", 0.0
    lines.append(line)
    return tuple(ln.rstrip() for ln in lines)


def line_count(runs: Sequence[Run], width: float, size: float,
               font: str = DEFAULT_FAMILY) -> int:
    """How many lines `runs` take in a box `width` points wide."""
    return len(_wrap(tuple(runs), width, size, font))


def para_height(para: Para, frame: Frame, size: float, first: bool) -> float:
    """Height of one paragraph in points, with the space before it unless it comes first."""
    lines = line_count(para.runs, frame.inner_width - para.indent, size, frame.font)
    pitch = line_factor(frame.font) * size
    # A spacing below 1 shrinks every line but the first may keep its full ascent: be safe.
    height = pitch + (lines - 1) * pitch * frame.line_spacing
    return height + (0.0 if first else para.space_before)


def text_height(paras: Iterable[Para], frame: Frame, size: float) -> float:
    """Height the paragraphs need inside the frame's insets, in points."""
    total = sum(para_height(p, frame, size, i == 0) for i, p in enumerate(paras))
    return total * HEIGHT_SLACK


@lru_cache(maxsize=1 << 14)
def widest_word(runs: tuple[Run, ...], font: str = DEFAULT_FAMILY) -> float:
    """The width in ems of the widest unbreakable piece of `runs` (a word, or a word and the
    hyphen it ends with), without the spaces after it."""
    return max((atom.width(1.0, trailing=False) for atom in _atoms(runs, font)), default=0.0)


def whole_words(para: Para, frame: Frame, size: float) -> bool:
    """True when every word of the paragraph fits on a line of the frame at `size` points, so
    that lines break between words, never inside one."""
    room = (frame.inner_width - para.indent) * (1.0 - WIDTH_SLACK)
    return widest_word(para.runs, frame.font) * size <= room


def fits(paras: Sequence[Para], frame: Frame, size: float) -> bool:
    """True when the paragraphs fit the frame at `size` points, with no line overflowing and
    no word broken inside."""
    if frame.inner_width <= size:
        return False
    if not all(whole_words(p, frame, size) for p in paras):
        return False
    return text_height(paras, frame, size) <= frame.inner_height


def pt(emu: int) -> float:
    """Points from EMU."""
    return emu / EMU_PER_PT


def emu(points: float) -> int:
    """EMU from points (rounded)."""
    return round(points * EMU_PER_PT)
