"""Reading slide pages back: every glyph's baseline, origin and box, grouped into lines."""

from __future__ import annotations

import ctypes
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pypdfium2 as pdfium
import pypdfium2.raw as raw


@dataclass(frozen=True)
class Glyph:
    char: str
    x: float  # origin, points from the left edge
    baseline: float  # points from the top edge
    box: tuple[float, float, float, float]  # left, top, right, bottom, from the top edge


@dataclass(frozen=True)
class PdfLine:
    glyphs: tuple[Glyph, ...]

    @property
    def text(self) -> str:
        return "".join(g.char for g in self.glyphs)

    @property
    def baseline(self) -> float:
        return self.glyphs[0].baseline

    @property
    def x(self) -> float:
        return self.glyphs[0].x


def glyphs(page: Any) -> list[Glyph]:
    """Every drawn character of a page (spaces and line ends left out), in stream order."""
    height = page.get_height()
    text_page = page.get_textpage()
    out: list[Glyph] = []
    try:
        for index in range(text_page.count_chars()):
            char = text_page.get_text_range(index, 1)
            if not char or char.isspace() or raw.FPDFText_IsGenerated(text_page.raw, index):
                continue
            ox, oy = ctypes.c_double(), ctypes.c_double()
            raw.FPDFText_GetCharOrigin(text_page.raw, index, ctypes.byref(ox), ctypes.byref(oy))
            left, bottom, right, top = text_page.get_charbox(index)
            # pdfium reports a hyphen that ends a line as U+FFFE.
            out.append(Glyph("-" if char == "\ufffe" else char, ox.value, height - oy.value,
                             (left, height - top, right, height - bottom)))
    finally:
        text_page.close()
    return out


def lines(page_glyphs: list[Glyph], tolerance: float = 0.6) -> list[PdfLine]:
    """Glyphs grouped into lines: consecutive glyphs on one baseline, left to right."""
    out: list[list[Glyph]] = []
    for glyph in page_glyphs:
        if out and abs(out[-1][-1].baseline - glyph.baseline) <= tolerance \
                and glyph.x >= out[-1][-1].x - 0.01:
            out[-1].append(glyph)
        else:
            out.append([glyph])
    return [PdfLine(tuple(g)) for g in out]


def open_pdf(path: Path | bytes) -> Any:
    return pdfium.PdfDocument(path if isinstance(path, bytes) else str(path))


def squeeze(text: str) -> str:
    """Text without any whitespace (line breaks fall where each renderer puts them)."""
    return "".join(text.split()).replace("\ufffe", "-")
