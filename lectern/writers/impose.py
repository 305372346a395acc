"""Saddle-stitch imposition with pypdf: two booklet pages per sheet side, in folding order."""

from __future__ import annotations

import hashlib
from io import BytesIO

from pypdf import PageObject, PdfReader, PdfWriter, Transformation
from pypdf.generic import ArrayObject, ByteStringObject, NameObject

from ..model import Duplex, Paper

MM = 72 / 25.4

# The press sheet for each booklet page size: two pages side by side, landscape.
SHEETS: dict[Paper, tuple[float, float]] = {
    "a5": (297 * MM, 210 * MM),   # A4 landscape
    "a4": (420 * MM, 297 * MM),   # A3 landscape
    "letter": (17 * 72, 11 * 72),  # Tabloid (Ledger) landscape for Letter pages
}


def sheet_sides(pages: int) -> list[tuple[int, int]]:
    """The (left, right) 1-based page numbers of every sheet side, in print order.

    Sheet i (outermost first) has front (n-2i, 2i+1) and back (2i+2, n-2i-1).
    """
    if pages % 4:
        raise ValueError(f"a saddle-stitched booklet needs a multiple of 4 pages, not {pages}")
    sides: list[tuple[int, int]] = []
    for i in range(pages // 4):
        sides.append((pages - 2 * i, 2 * i + 1))
        sides.append((2 * i + 2, pages - 2 * i - 1))
    return sides


def impose(pdf: bytes, paper: Paper, duplex: Duplex = "short-edge") -> bytes:
    """The print PDF: every sheet side of the booklet `pdf`, ready for duplex printing.

    For printers that can only flip on the long edge, back sides are turned 180°.
    """
    reader = PdfReader(BytesIO(pdf))
    width, height = SHEETS[paper]
    writer = PdfWriter()
    for index, pair in enumerate(sheet_sides(len(reader.pages))):
        back = index % 2 == 1
        sheet = writer.add_blank_page(width, height)
        for slot, number in enumerate(pair):
            _place(sheet, reader.pages[number - 1], slot, (width, height),
                   turn=back and duplex == "long-edge")
        # Links point into the reading-order file; on a press sheet they would mislead.
        if "/Annots" in sheet:
            del sheet[NameObject("/Annots")]
    _set_metadata(writer, reader, hashlib.md5(pdf).digest())
    out = BytesIO()
    writer.write(out)
    return out.getvalue()


def _place(sheet: PageObject, page: PageObject, slot: int, size: tuple[float, float],
           turn: bool) -> None:
    """Merge `page` into the left (slot 0) or right (slot 1) half of `sheet`, centred."""
    # Without this, bleed and printer's marks outside the trim box spill onto the neighbour.
    page.cropbox = page.trimbox
    width, height = size
    trim = page.trimbox
    x0 = (width - 2 * float(trim.width)) / 2 + slot * float(trim.width)
    y0 = (height - float(trim.height)) / 2
    move = Transformation().translate(x0 - float(trim.left), y0 - float(trim.bottom))
    if turn:
        move = move.rotate(180).translate(width, height)
    sheet.merge_transformed_page(page, move)


def _set_metadata(writer: PdfWriter, reader: PdfReader, digest: bytes) -> None:
    """Carry the booklet's title and author over, and give the file a content-derived /ID.

    The identifier comes from the booklet's bytes, never from the clock or chance, so that
    the print file is reproducible.
    """
    info = reader.metadata
    keys = ("/Title", "/Author", "/Subject", "/Keywords", "/Creator")
    meta = {key: str(info[key]) for key in keys if info is not None and key in info}
    meta["/Producer"] = "lectern imposition (pypdf)"
    writer.add_metadata(meta)
    writer._ID = ArrayObject((ByteStringObject(digest), ByteStringObject(digest)))
