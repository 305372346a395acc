"""Saddle-stitch imposition with pikepdf: two booklet pages per sheet side, in folding order."""

from __future__ import annotations

from io import BytesIO

import pikepdf

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

    For printers that can only flip on the long edge, back sides are turned 180°. Each
    booklet page is drawn as a Form XObject clipped to its trim box (qpdf makes it), so
    bleed and printer's marks never spill onto the neighbouring page.
    """
    source = pikepdf.Pdf.open(BytesIO(pdf))
    target = pikepdf.Pdf.new()
    width, height = SHEETS[paper]
    pages = [pikepdf.Page(page) for page in source.pages]
    forms = [target.copy_foreign(page.as_form_xobject()) for page in pages]
    for index, pair in enumerate(sheet_sides(len(pages))):
        turn = index % 2 == 1 and duplex == "long-edge"
        sheet = target.add_blank_page(page_size=(width, height))
        drawing = []
        for slot, number in enumerate(pair):
            name = sheet.add_resource(forms[number - 1], pikepdf.Name.XObject,
                                      pikepdf.Name(f"/P{number}"))
            matrix = _placement(pages[number - 1].trimbox, slot, (width, height), turn)
            drawing.append(f"q {' '.join(f'{v:.4f}' for v in matrix)} cm {name} Do Q")
        # Links are not carried over: they point into the reading-order file.
        sheet.obj.Contents = target.make_stream("\n".join(drawing).encode("ascii"))
    _copy_metadata(source, target)
    out = BytesIO()
    # A content-derived /ID and no timestamps: the same booklet gives the same bytes.
    target.save(out, deterministic_id=True, compress_streams=True,
                object_stream_mode=pikepdf.ObjectStreamMode.generate)
    return out.getvalue()


def _placement(trim: pikepdf.Array, slot: int, size: tuple[float, float],
               turn: bool) -> tuple[float, ...]:
    """The matrix that puts a page in the left (slot 0) or right (slot 1) half, centred."""
    width, height = size
    left, bottom, right, top = (float(v) for v in trim)
    tx = (width - 2 * (right - left)) / 2 + slot * (right - left) - left
    ty = (height - (top - bottom)) / 2 - bottom
    if turn:  # a half turn about the sheet's centre, for long-edge duplex
        return (-1.0, 0.0, 0.0, -1.0, width - tx, height - ty)
    return (1.0, 0.0, 0.0, 1.0, tx, ty)


def _copy_metadata(source: pikepdf.Pdf, target: pikepdf.Pdf) -> None:
    """Carry the booklet's title, author, subject, keywords and rights over to the print
    file."""
    for key in ("/Title", "/Author", "/Subject", "/Keywords", "/Creator", "/rights"):
        if key in source.docinfo:
            target.docinfo[key] = source.docinfo[key]
    target.docinfo["/Producer"] = "lectern imposition (qpdf)"
