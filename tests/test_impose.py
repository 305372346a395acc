"""Saddle-stitch imposition: which page lands where on every sheet side, for both duplex modes."""

from __future__ import annotations

from io import BytesIO

import pytest
from pypdf import PageObject, PdfWriter
from pypdf.generic import DecodedStreamObject, DictionaryObject, NameObject

from lectern.writers.impose import SHEETS, impose, sheet_sides

from .booklet_support import page_sizes, text_in

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


def test_sheet_order_for_eight_pages() -> None:
    assert sheet_sides(8) == [(8, 1), (2, 7), (6, 3), (4, 5)]


def test_every_page_appears_once_and_pairs_sum_to_n_plus_one() -> None:
    for n in (4, 8, 12, 16, 36):
        sides = sheet_sides(n)
        assert sorted(p for side in sides for p in side) == list(range(1, n + 1))
        assert all(left + right == n + 1 for left, right in sides)


def test_a_page_count_not_a_multiple_of_four_is_refused() -> None:
    with pytest.raises(ValueError, match="multiple of 4"):
        sheet_sides(10)


@pytest.mark.parametrize("pages", [4, 8, 12])
def test_short_edge_places_pages_upright_left_and_right(pages: int) -> None:
    imposed = impose(numbered_pdf(pages), "a5", "short-edge")
    assert len(page_sizes(imposed)) == pages // 2
    for side, (left, right) in enumerate(sheet_sides(pages)):
        seen = quadrants(imposed, side)
        assert seen == {"tl": f"T{left}", "tr": f"T{right}", "bl": f"B{left}",
                        "br": f"B{right}"}, side


@pytest.mark.parametrize("pages", [4, 8, 12])
def test_long_edge_turns_back_sides_half_round(pages: int) -> None:
    imposed = impose(numbered_pdf(pages), "a5", "long-edge")
    for side, (left, right) in enumerate(sheet_sides(pages)):
        seen = quadrants(imposed, side)
        if side % 2 == 0:  # fronts stay as they are
            expected = {"tl": f"T{left}", "tr": f"T{right}", "bl": f"B{left}", "br": f"B{right}"}
        else:  # backs turned 180°: the right page now reads upside down on the left
            expected = {"tl": f"B{right}", "tr": f"B{left}", "bl": f"T{right}",
                        "br": f"T{left}"}
        assert seen == expected, side


@pytest.mark.parametrize(("paper", "page"), [
    ("a5", A5), ("a4", (595.28, 841.89)), ("letter", (612.0, 792.0))])
def test_sheet_sizes(paper: str, page: tuple[float, float]) -> None:
    imposed = impose(numbered_pdf(4, page), paper, "short-edge")  # type: ignore[arg-type]
    width, height = SHEETS[paper]  # type: ignore[index]
    assert page_sizes(imposed) == [pytest.approx((width, height), abs=0.01)] * 2
    assert width >= 2 * page[0] - 0.01 and height >= page[1] - 0.01


def test_letter_pages_go_on_tabloid() -> None:
    assert SHEETS["letter"] == (17 * 72, 11 * 72)


def test_imposition_is_reproducible() -> None:
    source = numbered_pdf(8)
    assert impose(source, "a5", "long-edge") == impose(source, "a5", "long-edge")
    assert impose(source, "a5") != impose(numbered_pdf(12), "a5")
