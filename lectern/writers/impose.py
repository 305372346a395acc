"""Saddle-stitch imposition with pypdf: two booklet pages per sheet side, in folding order."""

from __future__ import annotations

import hashlib
from io import BytesIO

from pypdf import PageObject, PdfReader, PdfWriter
from pypdf.generic import (
    ArrayObject,
    ByteStringObject,
    DecodedStreamObject,
    DictionaryObject,
    FloatObject,
    IndirectObject,
    NameObject,
)

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
    forms = [_form(writer, page) for page in reader.pages]
    for index, pair in enumerate(sheet_sides(len(reader.pages))):
        turn = index % 2 == 1 and duplex == "long-edge"
        sheet = writer.add_blank_page(width, height)
        drawing = []
        xobjects = DictionaryObject()
        for slot, number in enumerate(pair):
            name = f"/P{number}"
            xobjects[NameObject(name)] = forms[number - 1]
            matrix = _placement(reader.pages[number - 1], slot, (width, height), turn)
            drawing.append(f"q {' '.join(f'{v:.4f}' for v in matrix)} cm {name} Do Q")
        # Links are not carried over: they point into the reading-order file.
        sheet[NameObject("/Resources")] = DictionaryObject({NameObject("/XObject"): xobjects})
        content = DecodedStreamObject()
        content.set_data("\n".join(drawing).encode("ascii"))
        sheet[NameObject("/Contents")] = writer._add_object(content)
    _set_metadata(writer, reader, hashlib.md5(pdf).digest())
    out = BytesIO()
    writer.write(out)
    return out.getvalue()


def _form(writer: PdfWriter, page: PageObject) -> IndirectObject:
    """The page as a Form XObject clipped to its trim box.

    Drawing a form is much cheaper than merging content streams (which pypdf parses
    operator by operator), and clipping to the trim box keeps bleed and printer's marks
    off the neighbouring page.
    """
    contents = page.get_contents()
    form = DecodedStreamObject()
    form.set_data(contents.get_data() if contents is not None else b"")
    trim = page.trimbox
    form.update({
        NameObject("/Type"): NameObject("/XObject"),
        NameObject("/Subtype"): NameObject("/Form"),
        NameObject("/BBox"): ArrayObject(FloatObject(float(v)) for v in
                                         (trim.left, trim.bottom, trim.right, trim.top)),
        NameObject("/Resources"): page["/Resources"].clone(writer)
        if "/Resources" in page else DictionaryObject(),
    })
    return writer._add_object(form.flate_encode())


def _placement(page: PageObject, slot: int, size: tuple[float, float],
               turn: bool) -> tuple[float, ...]:
    """The matrix that puts `page` in the left (slot 0) or right (slot 1) half, centred."""
    width, height = size
    trim = page.trimbox
    tx = (width - 2 * float(trim.width)) / 2 + slot * float(trim.width) - float(trim.left)
    ty = (height - float(trim.height)) / 2 - float(trim.bottom)
    if turn:  # a half turn about the sheet's centre, for long-edge duplex
        return (-1.0, 0.0, 0.0, -1.0, width - tx, height - ty)
    return (1.0, 0.0, 0.0, 1.0, tx, ty)


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
