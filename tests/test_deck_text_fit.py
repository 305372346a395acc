"""Every text box of every fixture deck holds its text, measured without lectern's measurer.

The test reads the written .pptx with lxml: each text box's final text, the size, weight,
slant and face of each run and the paragraph spacing, along the slide → layout → master
chain (and the presentation's defaults) as PowerPoint resolves them; it shapes the text with
HarfBuzz (uharfbuzz) in the font files lectern ships for the face, wraps it greedily into
the box's width less its insets and indents, and checks that the lines and the spacing
between paragraphs fit in the box's height less its insets. The LibreOffice render checks
(test_deck, test_template_render) see the same from the rendered side.
"""

from __future__ import annotations

import functools
import io
import posixpath
import re
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import uharfbuzz as hb
from lxml import etree

from tests import templates as t
from tests.conftest import ROOT, BuiltDeck

NS = {"a": "http://schemas.openxmlformats.org/drawingml/2006/main",
      "p": "http://schemas.openxmlformats.org/presentationml/2006/main",
      "r": "http://schemas.openxmlformats.org/officeDocument/2006/relationships"}
RELS = "{http://schemas.openxmlformats.org/package/2006/relationships}"
EMU_PER_PT = 12700
FONTS = ROOT / "assets" / "fonts"
# The face lectern ships for each face a deck names (the metric twins docs/deck.md lists).
TWINS = {"calibri": "carlito/Carlito", "calibri light": "carlito/Carlito",
         "carlito": "carlito/Carlito", "cambria": "caladea/Caladea",
         "caladea": "caladea/Caladea", "arial": "liberation/LiberationSans",
         "helvetica": "liberation/LiberationSans", "liberation sans": "liberation/LiberationSans",
         "arimo": "liberation/LiberationSans", "times new roman": "liberation/LiberationSerif",
         "times": "liberation/LiberationSerif", "liberation serif": "liberation/LiberationSerif",
         "tinos": "liberation/LiberationSerif", "courier new": "liberation/LiberationMono",
         "courier": "liberation/LiberationMono", "liberation mono": "liberation/LiberationMono"}
STYLES = {(False, False): "Regular", (True, False): "Bold", (False, True): "Italic",
          (True, True): "BoldItalic"}
# Points a box may be short by: rounding of EMU and of the renderers' line positions.
SLACK = 1.0
# Where a line may break: after a space or a dash, and at a soft hyphen (shown as "-").
BREAK = re.compile(r"(?<=[ \u2010\u2013\u2014-])|(?=\u00ad)")
# The slide number sits in the template's own box at a fixed size: not text lectern fits
# (the rendered checks see it).
FURNITURE = ("sldNum", "dt", "ftr")
NAMES = ["default", "mini", "features", "stress", "russian", *t.CORPUS]


# --- fonts ----------------------------------------------------------------------------------


@functools.cache
def _font(face: str, bold: bool, italic: bool) -> tuple[hb.Font, int, float]:
    """The HarfBuzz font of a face, its units per em, and its line height in ems."""
    stem = TWINS.get(face.casefold())
    assert stem is not None, f"no font file for the face {face!r}"
    blob = hb.Blob.from_file_path(str(FONTS / f"{stem}-{STYLES[(bold, italic)]}.ttf"))
    face_ = hb.Face(blob)
    font = hb.Font(face_)
    extents = font.get_font_extents("ltr")
    height = (extents.ascender - extents.descender + extents.line_gap) / face_.upem
    return font, face_.upem, height


@functools.lru_cache(maxsize=65536)
def _width(text: str, face: str, bold: bool, italic: bool, size: float) -> float:
    """Points: the advance of `text` shaped with HarfBuzz."""
    if not text:
        return 0.0
    font, upem, _ = _font(face, bold, italic)
    buf = hb.Buffer()
    buf.add_str(text)
    buf.guess_segment_properties()
    hb.shape(font, buf, {"kern": True, "liga": True})
    return sum(p.x_advance for p in buf.glyph_positions) / upem * size


# --- the package ----------------------------------------------------------------------------


class Package:
    """A .pptx's parts as lxml trees, and the relationships between them."""

    def __init__(self, data: bytes) -> None:
        self.zip = zipfile.ZipFile(io.BytesIO(data))
        self.presentation = self.xml("ppt/presentation.xml")

    @functools.cache  # noqa: B019 - one package per test
    def xml(self, part: str) -> Any:
        return etree.fromstring(self.zip.read(part))

    def related(self, part: str, kind: str) -> list[str]:
        folder, name = posixpath.split(part)
        root = etree.fromstring(self.zip.read(f"{folder}/_rels/{name}.rels"))
        return [posixpath.normpath(posixpath.join(folder, r.get("Target")))
                for r in root.iter(f"{RELS}Relationship")
                if r.get("Type").endswith("/" + kind) and r.get("TargetMode") != "External"]

    def slides(self) -> list[str]:
        return self.related("ppt/presentation.xml", "slide")

    def face(self, master: str, typeface: str) -> str:
        """A typeface, the theme's heading or body font resolved."""
        if typeface not in ("+mj-lt", "+mn-lt"):
            return typeface
        theme = self.xml(self.related(master, "theme")[0])
        which = "majorFont" if typeface == "+mj-lt" else "minorFont"
        found = theme.find(f"a:themeElements/a:fontScheme/a:{which}/a:latin", NS)
        return found.get("typeface")


def _ph(shape: Any) -> Any | None:
    return shape.find("*/p:nvPr/p:ph", NS)


def _kind(ph: Any) -> str:
    kind = ph.get("type") or "obj"
    return {"ctrTitle": "title", "obj": "body", "subTitle": "body"}.get(kind, kind)


def _inherited(root: Any, ph: Any) -> Any | None:
    """The placeholder of a layout or master a slide's placeholder takes after: the same
    index, else the same type."""
    holders = [(s, _ph(s)) for s in root.iterfind("p:cSld/p:spTree/p:sp", NS)]
    holders = [(s, p) for s, p in holders if p is not None]
    if ph.get("idx") is not None:
        same = [s for s, p in holders if p.get("idx") == ph.get("idx")]
        if same:
            return same[0]
    return next((s for s, p in holders if _kind(p) == _kind(ph)), None)


@dataclass
class Chain:
    """What a shape's text takes after, nearest first: its own list style, its layout's and
    master's placeholder, and the master's (or the presentation's) text style."""

    bodies: list[Any]  # <a:bodyPr> elements
    boxes: list[Any]  # <a:xfrm> elements
    lists: list[Any]  # <a:lstStyle> (or text style) elements
    master: str

    def level(self, index: int) -> list[Any]:
        name = f"a:lvl{index + 1}pPr"
        return [found for lst in self.lists if (found := lst.find(name, NS)) is not None]


def _chain(package: Package, slide: str, shape: Any) -> Chain:
    layout = package.related(slide, "slideLayout")[0]
    master = package.related(layout, "slideMaster")[0]
    shapes = [shape]
    ph = _ph(shape)
    style = package.presentation.find("p:defaultTextStyle", NS)
    if ph is not None:
        for part in (layout, master):
            found = _inherited(package.xml(part), ph)
            if found is not None:
                shapes.append(found)
        styles = package.xml(master).find("p:txStyles", NS)
        kind = _kind(ph)
        style = styles.find("p:titleStyle" if kind == "title" else "p:bodyStyle"
                            if kind == "body" else "p:otherStyle", NS)
    bodies = [b for s in shapes if (b := s.find("p:txBody/a:bodyPr", NS)) is not None]
    boxes = [x for s in shapes if (x := s.find("p:spPr/a:xfrm", NS)) is not None]
    lists = [x for s in shapes if (x := s.find("p:txBody/a:lstStyle", NS)) is not None]
    return Chain(bodies, boxes, [*lists, *([style] if style is not None else [])], master)


def _first(elements: list[Any], attr: str) -> str | None:
    return next((e.get(attr) for e in elements if e.get(attr) is not None), None)


def _spacing(levels: list[Any], tag: str, size: float) -> float | None:
    """Points: a line or paragraph spacing (a share of `size`, or points) along the chain."""
    for level in levels:
        found = level.find(tag, NS)
        if found is None:
            continue
        pct = found.find("a:spcPct", NS)
        if pct is not None:
            return int(pct.get("val")) / 100000 * size
        return int(found.find("a:spcPts", NS).get("val")) / 100
    return None


# --- measuring ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Piece:
    text: str
    face: str
    bold: bool
    italic: bool
    size: float


def _pieces(package: Package, chain: Chain, p: Any, levels: list[Any]) -> list[Piece]:
    """The runs of a paragraph as pieces between break opportunities ("\n": a line break)."""
    defaults = [d for level in levels if (d := level.find("a:defRPr", NS)) is not None]
    out: list[Piece] = []
    for child in p:
        tag = etree.QName(child).localname
        if tag not in ("r", "fld", "br"):
            continue
        r_pr = child.find("a:rPr", NS)
        props = ([r_pr] if r_pr is not None else []) + defaults
        size = int(_first(props, "sz") or 1800) / 100
        bold = _first(props, "b") in ("1", "true")
        italic = _first(props, "i") in ("1", "true")
        latin = next((x.get("typeface") for e in props
                      if (x := e.find("a:latin", NS)) is not None), "+mn-lt")
        face = package.face(chain.master, latin)
        text = "\n" if tag == "br" else child.findtext("a:t", default="", namespaces=NS)
        out += [Piece(piece, face, bold, italic, size) for piece in BREAK.split(text) if piece]
    return out


def _line_count(pieces: list[Piece], width: float) -> int:
    """Lines of the pieces wrapped greedily into `width` points (a piece wider than a line
    is broken between characters)."""
    lines, used = 1, 0.0
    for piece in pieces:
        if piece.text == "\n":
            lines, used = lines + 1, 0.0
            continue
        text = piece.text.replace("\u00ad", "")
        shown = text.rstrip(" ")
        hyphen = _width("-", piece.face, piece.bold, piece.italic, piece.size) \
            if piece.text.startswith("\u00ad") else 0.0
        full = _width(text, piece.face, piece.bold, piece.italic, piece.size)
        ink = _width(shown, piece.face, piece.bold, piece.italic, piece.size)
        if used and used + ink > width + 0.01:
            lines, used = lines + 1, 0.0
        if not used and ink > width + 0.01:
            for char in shown:
                advance = _width(char, piece.face, piece.bold, piece.italic, piece.size)
                if used and used + advance > width + 0.01:
                    lines, used = lines + 1, 0.0
                used += advance
            continue
        used += full + (hyphen if used else 0.0)
    return lines


@dataclass(frozen=True)
class Needed:
    needed: float  # points: the text's height with the box's insets
    height: float  # points: the box's height
    text: str


def _measure(package: Package, slide: str, shape: Any) -> Needed | None:
    chain = _chain(package, slide, shape)
    if not chain.boxes:
        return None
    ext = chain.boxes[0].find("a:ext", NS)
    width, height = int(ext.get("cx")) / EMU_PER_PT, int(ext.get("cy")) / EMU_PER_PT
    insets = [int(_first(chain.bodies, name) or default) / EMU_PER_PT
              for name, default in (("lIns", 91440), ("tIns", 45720), ("rIns", 91440),
                                    ("bIns", 45720))]
    total = insets[1] + insets[3] + _height(package, chain, shape.find("p:txBody", NS),
                                            width - insets[0] - insets[2])
    text = "".join(shape.xpath(".//a:t/text()", namespaces=NS))
    return Needed(total, height, text)


def _height(package: Package, chain: Chain, body: Any, width: float) -> float:
    """Points: the height of a text body's paragraphs wrapped into `width`."""
    total = 0.0
    for i, p in enumerate(body.iterfind("a:p", NS)):
        p_pr = p.find("a:pPr", NS)
        level = int(p_pr.get("lvl", "0")) if p_pr is not None else 0
        levels = ([p_pr] if p_pr is not None else []) + chain.level(level)
        pieces = _pieces(package, chain, p, levels)
        if not [x for x in pieces if x.text.strip()]:
            continue
        size = max(x.size for x in pieces)
        margin = int(_first(levels, "marL") or 0) / EMU_PER_PT
        bullet = next((b for lv in levels for b in lv if etree.QName(b).localname in
                       ("buNone", "buChar", "buAutoNum", "buBlip")), None)
        bulleted = bullet is not None and etree.QName(bullet).localname != "buNone"
        indent = int(_first(levels, "indent") or 0) / EMU_PER_PT
        start = margin if bulleted else min(margin, margin + indent)
        lines = _line_count(pieces, width - start)
        line = _spacing(levels, "a:lnSpc", size * _font(pieces[0].face, False, False)[2])
        line_height = line if line is not None else size * _font(pieces[0].face, False,
                                                                 False)[2]
        total += lines * line_height
        if i:
            total += _spacing(levels, "a:spcBef", size) or 0.0
    return total


def _cells(package: Package, slide: str) -> list[Needed]:
    """Each table cell's text against its row's height (a row PowerPoint would have to
    make taller is one whose text does not fit)."""
    layout = package.related(slide, "slideLayout")[0]
    master = package.related(layout, "slideMaster")[0]
    style = package.presentation.find("p:defaultTextStyle", NS)
    chain = Chain([], [], [style] if style is not None else [], master)
    out = []
    for tbl in package.xml(slide).iterfind(".//a:tbl", NS):
        widths = [int(c.get("w")) / EMU_PER_PT for c in tbl.iterfind("a:tblGrid/a:gridCol", NS)]
        for row in tbl.iterfind("a:tr", NS):
            for column, cell in enumerate(row.iterfind("a:tc", NS)):
                tc_pr = cell.find("a:tcPr", NS)
                margins = [int(tc_pr.get(name, default)) / EMU_PER_PT for name, default in
                           (("marL", 91440), ("marR", 91440), ("marT", 45720), ("marB", 45720))]
                needed = margins[2] + margins[3] + _height(
                    package, chain, cell.find("a:txBody", NS),
                    widths[column] - margins[0] - margins[1])
                out.append(Needed(needed, int(row.get("h")) / EMU_PER_PT,
                                  "".join(cell.xpath(".//a:t/text()", namespaces=NS))))
    return out


def overflows(data: bytes) -> list[str]:
    """The text boxes of a deck whose text needs more height than they have."""
    package = Package(data)
    found = []
    for number, slide in enumerate(package.slides(), start=1):
        for shape in package.xml(slide).iterfind("p:cSld/p:spTree/p:sp", NS):
            if not "".join(shape.xpath(".//a:t/text()", namespaces=NS)).strip():
                continue
            ph = _ph(shape)
            if ph is not None and ph.get("type") in FURNITURE:
                continue
            measured = _measure(package, slide, shape)
            if measured is not None and measured.needed > measured.height + SLACK:
                found.append(f"slide {number}: {measured.text[:50]!r} needs "
                             f"{measured.needed:.1f} pt in {measured.height:.1f} pt")
        for cell in _cells(package, slide):
            if cell.needed > cell.height + SLACK:
                found.append(f"slide {number}: the cell {cell.text[:50]!r} needs "
                             f"{cell.needed:.1f} pt in a row of {cell.height:.1f} pt")
    return found


@pytest.mark.parametrize("name", NAMES)
def test_every_text_fits_its_box(name: str, fixture_deck: Callable[[str], BuiltDeck]) -> None:
    assert overflows(fixture_deck(name).data) == []


def test_the_measure_sees_text_that_overflows(fixture_deck: Callable[[str], BuiltDeck]
                                              ) -> None:
    """A check that can fail: the default deck with one key point four times as long."""
    data = fixture_deck("default").data
    files = t.files_of(data)
    part = next(n for n in sorted(files, key=_slide_number) if n.startswith("ppt/slides/s")
                and b"Key points" in files[n])
    root = etree.fromstring(files[part])
    body = root.xpath(".//p:sp[p:nvSpPr/p:nvPr/p:ph[@idx]]//a:t", namespaces=NS)[0]
    body.text = " ".join([body.text] * 12)
    files[part] = etree.tostring(root)
    found = overflows(t.zipped(files))
    assert len(found) == 1 and found[0].startswith(f"slide {_slide_number(part)}:")


def _slide_number(part: str) -> int:
    match = re.search(r"(\d+)\.xml$", part)
    return int(match.group(1)) if match else 0


def test_fonts_are_there() -> None:
    for stem in set(TWINS.values()):
        for style in STYLES.values():
            assert Path(FONTS / f"{stem}-{style}.ttf").exists(), (stem, style)
