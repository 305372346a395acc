"""Saddle-stitch imposition: which page lands where on every sheet side, for both duplex modes."""

from __future__ import annotations

import shutil
import subprocess
from io import BytesIO
from pathlib import Path

import pytest
from pypdf import PageObject, PdfWriter
from pypdf.generic import DecodedStreamObject, DictionaryObject, NameObject

from lectern import model as m
from lectern.writers.booklet import render_booklet
from lectern.writers.impose import impose, sheet_sides

from .booklet_support import PRESS_SHEETS, normalise, page_sizes, text_in

A5 = (419.53, 595.28)


def numbered_pdf(pages: int, size: tuple[float, float] = A5) -> bytes:
    """A PDF whose page k shows 'Tk' near its top and 'Bk' near its bottom."""
    writer = PdfWriter()
    font = DictionaryObject({NameObject("/Type"): NameObject("/Font"),
                             NameObject("/Subtype"): NameObject("/Type1"),
                             NameObject("/BaseFont"): NameObject("/Helvetica")})
    font_ref = writer._add_object(font)  # private: pypdf has no public helper
    for number in range(1, pages + 1):
        page: PageObject = writer.add_blank_page(*size)
        stream = DecodedStreamObject()
        stream.set_data(f"BT /F1 24 Tf 150 {size[1] - 60} Td (T{number}) Tj ET "
                        f"BT /F1 24 Tf 150 40 Td (B{number}) Tj ET".encode())
        page[NameObject("/Contents")] = writer._add_object(stream)
        page[NameObject("/Resources")] = DictionaryObject({NameObject("/Font"): DictionaryObject(
            {NameObject("/F1"): font_ref})})
    out = BytesIO()
    writer.write(out)
    return out.getvalue()


def quadrants(pdf: bytes, side: int) -> dict[str, str]:
    """The text in each quarter of a sheet side: tl, tr, bl, br."""
    width, height = page_sizes(pdf)[side]
    half_w, half_h = width / 2, height / 2
    return {
        "tl": text_in(pdf, side, (0, half_h, half_w, height)),
        "tr": text_in(pdf, side, (half_w, half_h, width, height)),
        "bl": text_in(pdf, side, (0, 0, half_w, half_h)),
        "br": text_in(pdf, side, (half_w, 0, width, half_h)),
    }


def folded_reading_order(sides: list[tuple[str, str]]) -> list[str]:
    """What a reader meets, page by page, in the sheets `sides` describes once they are
    stacked in print order (the first sheet outermost), folded down the middle and stapled.

    Worked out from the folded stack, not from lectern's formula: the first half of the
    booklet is each sheet's front right then back left, from the outermost sheet inwards;
    the second half is each sheet's back right then front left, from the innermost out.
    """
    fronts, backs = sides[0::2], sides[1::2]
    order = []
    for front, back in zip(fronts, backs, strict=True):
        order += [front[1], back[0]]
    for front, back in reversed(list(zip(fronts, backs, strict=True))):
        order += [back[1], front[0]]
    return order


def upright_pages(pdf: bytes, side: int) -> tuple[str, str]:
    """The numbers of the (left, right) pages on a sheet side, each checked to stand upright."""
    seen = quadrants(pdf, side)
    for half in ("l", "r"):
        top, bottom = seen[f"t{half}"], seen[f"b{half}"]
        assert top.startswith("T") and bottom == f"B{top[1:]}", (side, seen)
    return seen["tl"][1:], seen["tr"][1:]


@pytest.mark.parametrize("pages", [4, 8, 12, 16, 36])
def test_the_folded_print_file_reads_in_page_order(pages: int) -> None:
    imposed = impose(numbered_pdf(pages), "a5", "short-edge")
    sides = [upright_pages(imposed, side) for side in range(len(page_sizes(imposed)))]
    assert len(sides) == pages // 2
    assert folded_reading_order(sides) == [str(n) for n in range(1, pages + 1)]


def test_a_real_booklet_folds_into_reading_order(mini: m.Lecture, tmp_path: Path) -> None:
    """The same with the booklet of the test lecture: each half of each sheet side shows
    the text of the booklet page a reader of the folded copy meets there."""
    # Read with Poppler: a line that carries ActualText (a hyphenated word) inside a placed
    # page lands in the wrong half in pdfium's region extraction, which drops the form's
    # matrix for it.
    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext is missing: apt-get install poppler-utils")
    files = render_booklet(mini)
    booklet, imposed = tmp_path / "booklet.pdf", tmp_path / "print.pdf"
    booklet.write_bytes(files[f"{mini.name}.pdf"])
    imposed.write_bytes(files[f"{mini.name}-print.pdf"])
    sizes = page_sizes(imposed.read_bytes())
    texts = [_poppler(booklet, page) for page in range(len(page_sizes(booklet.read_bytes())))]
    assert len(set(texts)) > len(texts) // 2, "too many pages alike to tell their order"
    width, height = sizes[0]
    halves = [(_poppler(imposed, side, (0, 0, width / 2, height)),
               _poppler(imposed, side, (width / 2, 0, width / 2, height)))
              for side in range(len(sizes))]
    assert folded_reading_order(halves) == texts


def _poppler(path: Path, page: int, box: tuple[float, ...] | None = None) -> str:
    """The text of a 0-based page, or of its region (x, y, width, height from the top left),
    as Poppler's pdftotext reads it."""
    region = [] if box is None else ["-x", str(round(box[0])), "-y", str(round(box[1])),
                                      "-W", str(round(box[2])), "-H", str(round(box[3]))]
    done = subprocess.run(["pdftotext", "-f", str(page + 1), "-l", str(page + 1), *region,
                           str(path), "-"], check=True, capture_output=True, text=True)
    return normalise(done.stdout)


@pytest.mark.parametrize("pages", [4, 8, 12])
def test_every_page_appears_once_and_pairs_sum_to_n_plus_one(pages: int) -> None:
    sides = sheet_sides(pages)
    assert sorted(p for side in sides for p in side) == list(range(1, pages + 1))
    assert all(left + right == pages + 1 for left, right in sides)


def test_a_page_count_not_a_multiple_of_four_is_refused() -> None:
    with pytest.raises(ValueError, match="multiple of 4"):
        sheet_sides(10)


def _turned(seen: dict[str, str]) -> dict[str, str]:
    """A sheet side's quarters after a half turn: each quarter goes to the opposite corner
    and reads upside down, so a page's top label now lies below its bottom label."""
    opposite = {"tl": "br", "tr": "bl", "bl": "tr", "br": "tl"}
    return {opposite[quarter]: label for quarter, label in seen.items()}


@pytest.mark.parametrize("pages", [4, 8, 12])
def test_long_edge_turns_back_sides_half_round(pages: int) -> None:
    """Printing for a long-edge flip differs from a short-edge one only in its back sides,
    each turned half round: the two files are compared, not a table of positions."""
    short = impose(numbered_pdf(pages), "a5", "short-edge")
    long = impose(numbered_pdf(pages), "a5", "long-edge")
    for side in range(pages // 2):
        expected = quadrants(short, side) if side % 2 == 0 else _turned(quadrants(short, side))
        assert quadrants(long, side) == expected, side


@pytest.mark.parametrize(("paper", "page"), [
    ("a5", A5), ("a4", (595.28, 841.89)), ("letter", (612.0, 792.0))])
def test_two_pages_fill_the_standard_press_sheet(paper: str, page: tuple[float, float]) -> None:
    imposed = impose(numbered_pdf(4, page), paper, "short-edge")  # type: ignore[arg-type]
    assert page_sizes(imposed) == [pytest.approx(PRESS_SHEETS[paper], abs=0.01)] * 2
    width, height = PRESS_SHEETS[paper]
    assert width >= 2 * page[0] - 0.01 and height >= page[1] - 0.01  # A5 x 2 is 296 mm of 297


def test_imposition_is_reproducible() -> None:
    source = numbered_pdf(8)
    assert impose(source, "a5", "long-edge") == impose(source, "a5", "long-edge")
    assert impose(source, "a5") != impose(numbered_pdf(12), "a5")
