"""Checks on a written deck: re-measure text frames from the XML; map PDF glyphs to shapes."""

from __future__ import annotations

import copy
import io
import os
import subprocess
import tempfile
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from lxml import etree
from pptx import Presentation
from pptx.oxml.ns import qn

from lectern import fit

EMU_PER_PT = 12700


def open_deck(data: bytes) -> Any:
    return Presentation(io.BytesIO(data))


def text_shapes(slide: Any) -> Iterator[Any]:
    """Shapes of a slide holding visible text, in drawing order."""
    for shape in slide.shapes:
        if shape.has_text_frame and shape.text_frame.text.strip():
            yield shape


def _int(element: Any, attr: str, default: int) -> int:
    value = element.get(attr) if element is not None else None
    return int(value) if value is not None else default


@dataclass(frozen=True)
class Measured:
    needed: float  # points, insets included
    height: float  # points: the frame's height
    text: str


def measure_shape(shape: Any) -> Measured:
    """The height the saved text needs (lectern.fit, from the XML alone) against the frame's.

    lectern.fit is also what the planner measures with, so this agrees with the planner by
    construction unless the writer changed the text or its sizes; stray_glyphs, on the
    LibreOffice render, is the check that does not share the planner's algorithm.
    """
    body = shape.text_frame._txBody
    frames, levels = _inherited(shape)
    l_ins, t_ins, r_ins, b_ins = (
        next((_int(f, name, 0) for f in frames if f.get(name) is not None), default)
        / EMU_PER_PT for name, default in (("lIns", 91440), ("tIns", 45720),
                                           ("rIns", 91440), ("bIns", 45720)))
    total = 0.0
    for i, p in enumerate(body.findall(qn("a:p"))):
        p_pr = _merged([x for x in (p.find(qn("a:pPr")), *levels) if x is not None])
        runs: list[fit.Run] = []
        size = 18.0
        for child in p:
            if child.tag in (qn("a:r"), qn("a:fld")):
                r_pr = child.find(qn("a:rPr"))
                size = _int(r_pr, "sz", 1800) / 100
                bold = r_pr is not None and r_pr.get("b") == "1"
                italic = r_pr is not None and r_pr.get("i") == "1"
                runs.append(fit.Run(child.findtext(qn("a:t")) or "", bold, italic))
            elif child.tag == qn("a:br"):
                runs.append(fit.Run("\n"))
        spacing = 1.0
        space_before = 0.0
        indent = 0.0
        if p_pr is not None:
            indent = _int(p_pr, "marL", 0) / EMU_PER_PT
            pct = p_pr.find(f"{qn('a:lnSpc')}/{qn('a:spcPct')}")
            if pct is not None:
                spacing = int(pct.get("val")) / 100000
            pts = p_pr.find(f"{qn('a:spcBef')}/{qn('a:spcPts')}")
            share = p_pr.find(f"{qn('a:spcBef')}/{qn('a:spcPct')}")
            if pts is not None:
                space_before = int(pts.get("val")) / 100
            elif share is not None:
                space_before = int(share.get("val")) / 100000 * size * 1.2
        width = shape.width / EMU_PER_PT - l_ins - r_ins
        frame = fit.Frame(shape.width / EMU_PER_PT, 1e9, 0, 0, spacing, _face(p))
        para = fit.Para(tuple(runs), indent, space_before)
        assert width > 0
        total += fit.para_height(para, frame, size, i == 0)
    needed = total * fit.HEIGHT_SLACK + t_ins + b_ins
    return Measured(needed, shape.height / EMU_PER_PT, shape.text_frame.text)


def _face(p: Any) -> str:
    """The measured face of a paragraph: Liberation Mono for code (its runs name Courier
    New), else lectern.fit's default."""
    faces = {latin.get("typeface", "").lower() for latin in p.iter(qn("a:latin"))}
    return "liberation-mono" if faces and faces <= {"courier new", "liberation mono"} \
        else fit.DEFAULT_FAMILY


def _inherited(shape: Any) -> tuple[list[Any], list[Any]]:
    """A shape's frame properties (bodyPr) and level-1 paragraph properties, its own first,
    then a placeholder's layout's and master's, then the master's text styles."""
    frames = [shape.text_frame._txBody.find(qn("a:bodyPr"))]
    levels: list[Any] = []
    if not shape.is_placeholder:
        return frames, levels
    kind = str(shape._element.ph_type).split(" ")[0]
    layout = shape.part.slide_layout
    chain = [h for h in (layout.placeholders.get(idx=shape.placeholder_format.idx),)
             if h is not None]
    title = kind in ("TITLE", "CENTER_TITLE")
    body = kind in ("BODY", "OBJECT", "SUBTITLE")
    wanted = "TITLE" if title else "BODY" if body else kind
    chain += [h for h in layout.slide_master.placeholders
              if str(h._element.ph_type).split(" ")[0] == wanted][:1]
    for holder in chain:
        tx_body = holder._element.find(qn("p:txBody"))
        if tx_body is not None:
            frames.append(tx_body.find(qn("a:bodyPr")))
            levels += tx_body.findall(f"{qn('a:lstStyle')}/{qn('a:lvl1pPr')}")
    styles = layout.slide_master._element.find(qn("p:txStyles"))
    sheet = styles.find(qn("p:titleStyle" if title else "p:bodyStyle" if body
                           else "p:otherStyle"))
    levels += sheet.findall(qn("a:lvl1pPr")) if sheet is not None else []
    return [f for f in frames if f is not None], levels


def _merged(chain: list[Any]) -> Any:
    """One pPr: each attribute and child from the first of `chain` that has it."""
    out = etree.Element(qn("a:pPr"))
    for element in chain:
        for name, value in element.attrib.items():
            if out.get(name) is None:
                out.set(name, value)
        for child in element:
            if out.find(child.tag) is None:
                out.append(copy.deepcopy(child))
    return out


# --- LibreOffice ------------------------------------------------------------------------


def convert_to_pdf(soffice: str, decks: dict[str, bytes], out: Path) -> dict[str, Path]:
    """Convert decks with one LibreOffice run and a profile of its own; return PDFs by name."""
    out.mkdir(parents=True, exist_ok=True)
    paths = []
    for name, data in decks.items():
        path = out / name
        path.write_bytes(data)
        paths.append(path)
    with tempfile.TemporaryDirectory() as profile:
        subprocess.run([soffice, f"-env:UserInstallation=file://{profile}", "--headless",
                        "--convert-to", "pdf", "--outdir", str(out), *map(str, paths)],
                       check=True, capture_output=True, timeout=300,
                       env={**os.environ, "HOME": profile})
    return {p.name: p.with_suffix(".pdf") for p in paths}


@dataclass(frozen=True)
class Stray:
    """A glyph drawn outside the shape it belongs to."""

    slide: int
    char: str
    shape: str
    excess: float

    def __str__(self) -> str:
        return (f"slide {self.slide}: {self.char!r} lies {self.excess:.1f} pt outside "
                f"{self.shape!r}")


_IGNORED = {"\x02", "\r", "\n", "\t", " ", "\u00a0"}


def _norm(text: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKC", text) if c not in _IGNORED
                   and not c.isspace())


def stray_glyphs(prs: Any, pdf_path: Path, tolerance: float = 2.0) -> list[Stray]:
    """Glyphs of the PDF that lie outside their shape's box, matched to shapes in drawing order.

    Bullets and list numbers that LibreOffice draws are not in the shape text: they are
    matched to the shape they precede.
    """
    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument(str(pdf_path))
    page_h = prs.slide_height / EMU_PER_PT
    strays: list[Stray] = []
    try:
        for number, (slide, page) in enumerate(zip(prs.slides, pdf, strict=True), start=1):
            strays.extend(_page_strays(number, slide, page, page_h, tolerance))
    finally:
        pdf.close()
    return strays


@dataclass(frozen=True)
class Region:
    """Where a piece of slide text must stay: a text shape, or one cell of a table (EMU)."""

    name: str
    text: str
    left: int
    top: int
    width: int
    height: int


def text_regions(slide: Any) -> Iterator[Region]:
    """The text of a slide in drawing order: text shapes, and tables cell by cell (each cell
    inside the column and row the table's grid gives it)."""
    for shape in slide.shapes:
        if shape.has_text_frame and shape.text_frame.text.strip():
            yield Region(shape.name, shape.text_frame.text, shape.left, shape.top, shape.width,
                         shape.height)
        elif getattr(shape, "has_table", False):
            table = shape.table
            widths = [c.width for c in table.columns]
            y = shape.top
            for r, row in enumerate(table.rows):
                x = shape.left
                for c, cell in enumerate(row.cells):
                    if cell.text.strip():
                        yield Region(f"{shape.name} cell {r},{c}", cell.text, x, y, widths[c],
                                     row.height)
                    x += widths[c]
                y += row.height


def _page_strays(number: int, slide: Any, page: Any, page_h: float,
                 tolerance: float) -> list[Stray]:
    shapes = [(s, list(_norm(s.text))) for s in text_regions(slide)]
    text_page = page.get_textpage()
    strays: list[Stray] = []
    current = 0
    for index in range(text_page.count_chars()):
        char = _norm(text_page.get_text_range(index, 1))
        if not char:
            continue
        while current < len(shapes) and not shapes[current][1]:
            current += 1
        if current >= len(shapes):
            strays.append(Stray(number, char, "<no shape left>", 999.0))
            continue
        shape, expected = shapes[current]
        if char == "\ufffe" and expected[:1] and expected[0] in "-\u2010\u2013\u2014":
            del expected[0]  # pdfium reports a hyphen at the end of a line as U+FFFE
        elif char == "\ufffe":
            continue
        elif expected[: len(char)] == list(char):
            del expected[: len(char)]
        elif char in "•0123456789.":
            pass  # a bullet or list number drawn by the renderer
        else:
            strays.append(Stray(number, char, f"out of order: expected {''.join(expected[:10])}",
                                999.0))
            continue
        left, bottom, right, top = text_page.get_charbox(index)
        x0, x1 = shape.left / EMU_PER_PT, (shape.left + shape.width) / EMU_PER_PT
        y0 = page_h - (shape.top + shape.height) / EMU_PER_PT
        y1 = page_h - shape.top / EMU_PER_PT
        excess = max(x0 - left, right - x1, y0 - bottom, top - y1)
        if excess > tolerance:
            strays.append(Stray(number, char, shape.name, excess))
    text_page.close()
    return strays
