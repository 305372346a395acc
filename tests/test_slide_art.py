"""The template's art in the slides PDF and the handout: a template whose master and layouts
draw a cropped picture, a group that scales its children, an ellipse, a rotated bar, a thick
line, a gradient background and a layout that hides the master's shapes, each looked for at
the place its XML puts it on the rendered page."""

from __future__ import annotations

import dataclasses
import io
import re
import struct
from pathlib import Path
from typing import Any

import pytest
from PIL import Image

from lectern import model as m
from lectern.deck_template import load
from lectern.readers.lecture import load_lecture
from lectern.writers.deck_plan import DeckPlan, plan_deck
from lectern.writers.handout import handout_pdf
from lectern.writers.slides_pdf import slides_pdf
from tests import templates as t
from tests.conftest import SOURCE

IN = 914400
DPI = 50
RELS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/image"


def _xfrm(x: float, y: float, w: float, h: float, extra: str = "") -> str:
    return (f'<a:xfrm{extra}><a:off x="{round(x * IN)}" y="{round(y * IN)}"/>'
            f'<a:ext cx="{round(w * IN)}" cy="{round(h * IN)}"/></a:xfrm>')


def _shape(n: int, box: str, geometry: str, colour: str) -> str:
    return (f'<p:sp><p:nvSpPr><p:cNvPr id="{n}" name="art {n}"/><p:cNvSpPr/><p:nvPr/>'
            f'</p:nvSpPr><p:spPr>{box}<a:prstGeom prst="{geometry}"><a:avLst/></a:prstGeom>'
            f'<a:solidFill><a:srgbClr val="{colour}"/></a:solidFill><a:ln><a:noFill/></a:ln>'
            f'</p:spPr></p:sp>')


def _picture(n: int, rid: str, box: str, crop: str = "") -> str:
    return (f'<p:pic><p:nvPicPr><p:cNvPr id="{n}" name="picture {n}"/><p:cNvPicPr/><p:nvPr/>'
            f'</p:nvPicPr><p:blipFill><a:blip r:embed="{rid}"/>{crop}<a:stretch><a:fillRect/>'
            f'</a:stretch></p:blipFill><p:spPr>{box}<a:prstGeom prst="rect"><a:avLst/>'
            f'</a:prstGeom></p:spPr></p:pic>')


MASTER_ART = (
    # Quadrants red, green / blue, yellow; the left half cropped away.
    _picture(901, "rId901", _xfrm(0.5, 0.5, 2, 2), '<a:srcRect l="50000"/>')
    # Children drawn in a 1 × 1 in space that the group stretches to 2 × 2 in.
    + '<p:grpSp><p:nvGrpSpPr><p:cNvPr id="902" name="group"/><p:cNvGrpSpPr/><p:nvPr/>'
    '</p:nvGrpSpPr><p:grpSpPr><a:xfrm><a:off x="4572000" y="457200"/>'
    '<a:ext cx="1828800" cy="1828800"/><a:chOff x="0" y="0"/><a:chExt cx="914400" '
    'cy="914400"/></a:xfrm></p:grpSpPr>'
    + _shape(903, _xfrm(0, 0, 1, 1), "rect", "0000FF")
    + _shape(904, _xfrm(0.5, 0.5, 0.5, 0.5), "rect", "FF00FF") + "</p:grpSp>"
    + _shape(905, _xfrm(1, 4, 2, 2), "ellipse", "FF0000")
    # A bar 2 × 0.5 in turned a quarter about its centre (8, 4.25 in).
    + _shape(906, _xfrm(7, 4, 2, 0.5, ' rot="5400000"'), "rect", "FFA500")
    + _picture(908, "rId908", _xfrm(3, 2.8, 1, 0.8))
    + '<p:cxnSp><p:nvCxnSpPr><p:cNvPr id="907" name="line"/><p:cNvCxnSpPr/><p:nvPr/>'
    f'</p:nvCxnSpPr><p:spPr>{_xfrm(4, 6.5, 5, 0)}<a:prstGeom prst="straightConnector1">'
    '<a:avLst/></a:prstGeom><a:ln w="50800"><a:solidFill><a:srgbClr val="00AA00"/>'
    '</a:solidFill></a:ln></p:spPr></p:cxnSp>'
    + '<p:cxnSp><p:nvCxnSpPr><p:cNvPr id="909" name="dashes"/><p:cNvCxnSpPr/><p:nvPr/>'
    f'</p:nvCxnSpPr><p:spPr>{_xfrm(4, 7, 5, 0)}<a:prstGeom prst="line"><a:avLst/>'
    '</a:prstGeom><a:ln w="50800"><a:solidFill><a:srgbClr val="00AA00"/></a:solidFill>'
    '<a:prstDash val="dash"/></a:ln></p:spPr></p:cxnSp>')
GRADIENT = ('<p:bg><p:bgPr><a:gradFill><a:gsLst><a:gs pos="0"><a:srgbClr val="FFFFFF"/></a:gs>'
            '<a:gs pos="100000"><a:srgbClr val="000080"/></a:gs></a:gsLst>'
            '<a:lin ang="5400000" scaled="0"/></a:gradFill><a:effectLst/></p:bgPr></p:bg>')


def _quadrants() -> bytes:
    picture = Image.new("RGB", (40, 40))
    for (x, y), colour in {(0, 0): "#FF0000", (20, 0): "#00FF00", (0, 20): "#0000FF",
                           (20, 20): "#FFFF00"}.items():
        picture.paste(colour, (x, y, x + 20, y + 20))
    out = io.BytesIO()
    picture.save(out, "PNG")
    return out.getvalue()


def _progressive() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (64, 64), "#008080").save(out, "JPEG", progressive=True, quality=95)
    return out.getvalue()


def _add_image(files: dict[str, bytes], owner: str, rid: str, name: str, data: bytes) -> None:
    files[f"ppt/media/{name}"] = data
    rels = owner.replace("slideMasters/", "slideMasters/_rels/").replace(
        "slideLayouts/", "slideLayouts/_rels/") + ".rels"
    files[rels] = files[rels].replace(
        b"</Relationships>", f'<Relationship Id="{rid}" Type="{RELS}" '
        f'Target="../media/{name}"/></Relationships>'.encode())


def _art(files: dict[str, bytes]) -> None:
    types = files["[Content_Types].xml"].decode()
    for ext, mime in (("png", "image/png"), ("emf", "image/x-emf"), ("jpeg", "image/jpeg")):
        if f'Extension="{ext}"' not in types:
            types = types.replace("</Types>", f'<Default Extension="{ext}" '
                                  f'ContentType="{mime}"/></Types>')
    files["[Content_Types].xml"] = types.encode()
    master = "ppt/slideMasters/slideMaster1.xml"
    _add_image(files, master, "rId901", "quadrants.png", _quadrants())
    _add_image(files, master, "rId908", "teal.jpeg", _progressive())
    text = files[master].decode()
    files[master] = re.sub(r"(<p:spTree>.*?</p:grpSpPr>)", lambda g: g.group(1) + MASTER_ART,
                           text, count=1, flags=re.S).encode()
    # The title placeholder's own fill: it shows wherever a slide puts its title.
    text = files[master].decode()
    files[master] = re.sub(r'(<p:ph type="title"/>.*?</a:prstGeom>)',
                           lambda g: g.group(1) + '<a:solidFill><a:srgbClr val="FFE4B5"/>'
                           '</a:solidFill>', text, count=1, flags=re.S).encode()
    title = _layout(files, "Title Slide")
    files[title] = files[title].replace(b'<p:cSld name="Title Slide">',
                                        b'<p:cSld name="Title Slide">' + GRADIENT.encode())
    section = _layout(files, "Section Header")
    _add_image(files, section, "rId950", "logo.emf", _emf_header())
    text = files[section].decode().replace("<p:sldLayout ", '<p:sldLayout showMasterSp="0" ', 1)
    files[section] = re.sub(r"(<p:spTree>.*?</p:grpSpPr>)",
                            lambda g: g.group(1) + _picture(951, "rId950", _xfrm(0, 0, 1, 1)),
                            text, count=1, flags=re.S).encode()


def _layout(files: dict[str, bytes], name: str) -> str:
    return next(part for part, data in files.items()
                if part.startswith("ppt/slideLayouts/slideLayout") and part.endswith(".xml")
                and f'name="{name}"'.encode() in data)


def _emf_header() -> bytes:
    """The header record of an EMF drawing 2 × 1 cm, the size a template's logo may have."""
    bounds = struct.pack("<4i", 0, 0, 200, 100)
    frame = struct.pack("<4i", 0, 0, 2000, 1000)  # hundredths of a millimetre
    head = struct.pack("<2I", 1, 108) + bounds + frame + b" EMF" + struct.pack("<I", 0x10000)
    head += struct.pack("<2I2H3I", 108, 1, 1, 0, 0, 0, 0)
    head += struct.pack("<4i", 1920, 1080, 508, 286)
    return head + struct.pack("<2I", 14, 20) + b"\0" * 12


@pytest.fixture(scope="module")
def drawn(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    path = tmp_path_factory.mktemp("art") / "art.pptx"
    path.write_bytes(t.edited(t.pptx_default(), _art))
    lecture, _ = load_lecture(SOURCE)
    on = dataclasses.replace(lecture, deck=m.DeckSettings(path, m.SourcePos("lecture.yaml", 3, 1)))
    template, problems = load(on)
    assert template is not None
    plan = plan_deck(on, template)
    kinds = ("title", "section", "agenda")
    # Without text, number or pictures of the lecture's: only what the template draws.
    chosen = [dataclasses.replace(next(s for s in plan.slides if s.kind == kind), texts=(),
                                  numbered=False, pictures=(), shapes=(), tables=(),
                                  plates=())
              for kind in kinds]
    titled = next(s for s in plan.slides if s.kind == "agenda")
    titled = dataclasses.replace(titled, texts=titled.texts[:1], numbered=False, plates=())
    bare = DeckPlan((*chosen, titled), (), template, plan.width, plan.height)
    slides = slides_pdf(bare, on)
    handout = handout_pdf(bare, on)
    return {"pages": dict(zip((*kinds, "titled"), _render(slides), strict=True)),
            "slides": slides, "title box": titled.texts[0].box,
            "handout": _render(handout)[0],
            "warnings": [d.message for d in problems if d.severity == "warning"]}


def _render(pdf: bytes) -> list[Image.Image]:
    import pypdfium2 as pdfium

    document = pdfium.PdfDocument(pdf)
    try:
        return [document[i].render(scale=DPI / 72).to_pil().convert("RGB")
                for i in range(len(document))]
    finally:
        document.close()


def _at(page: Image.Image, x: float, y: float) -> tuple[int, int, int]:
    """The colour at (x, y) inches from the slide's top left corner."""
    found: Any = page.getpixel((round(x * DPI), round(y * DPI)))
    return tuple(found)  # type: ignore[return-value]


def _near(colour: tuple[int, int, int], rgb: str, tolerance: int = 40) -> bool:
    wanted = (int(rgb[i:i + 2], 16) for i in (0, 2, 4))
    return all(abs(a - b) <= tolerance for a, b in zip(colour, wanted, strict=True))


def test_a_cropped_picture_shows_what_is_left_of_it(drawn: dict[str, Any]) -> None:
    page = drawn["pages"]["agenda"]
    # The right half of the picture (green over yellow) stretched over the whole box.
    assert _near(_at(page, 0.9, 0.9), "00FF00")
    assert _near(_at(page, 2.1, 2.1), "FFFF00")
    assert not any(_near(_at(page, x, y), "FF0000") for x in (0.6, 0.9) for y in (0.6, 0.9))


def test_a_group_places_its_children_through_its_own_transform(drawn: dict[str, Any]) -> None:
    page = drawn["pages"]["agenda"]
    assert _near(_at(page, 5.5, 1.0), "0000FF")
    assert _near(_at(page, 6.5, 2.0), "FF00FF")  # the child at 0.5 in, doubled
    assert _near(_at(page, 7.2, 2.0), "FFFFFF")  # right of the group


def test_preset_shapes_keep_their_outline_and_turn(drawn: dict[str, Any]) -> None:
    page = drawn["pages"]["agenda"]
    assert _near(_at(page, 2.0, 5.0), "FF0000")
    assert _near(_at(page, 1.15, 4.15), "FFFFFF")  # the ellipse's corner is not filled
    assert _near(_at(page, 8.0, 3.5), "FFA500")  # turned upright about its centre
    assert _near(_at(page, 7.2, 4.25), "FFFFFF")


def test_a_progressive_jpeg_is_written_as_a_plain_one(drawn: dict[str, Any]) -> None:
    import pikepdf

    assert _near(_at(drawn["pages"]["agenda"], 3.5, 3.2), "008080", 12)
    jpegs = []
    with pikepdf.open(io.BytesIO(drawn["slides"])) as pdf:
        for obj in pdf.objects:
            if isinstance(obj, pikepdf.Stream) and obj.get("/Filter") == pikepdf.Name.DCTDecode:
                jpegs.append(Image.open(io.BytesIO(obj.read_raw_bytes())))
    assert [(j.size, bool(j.info.get("progressive"))) for j in jpegs] == [((64, 64), False)]


def test_a_line_has_its_width_and_colour(drawn: dict[str, Any]) -> None:
    page = drawn["pages"]["agenda"]
    assert _near(_at(page, 6.5, 6.5), "00AA00")
    assert _near(_at(page, 6.5, 6.6), "FFFFFF")  # 4 pt wide: 0.056 in


def test_a_dashed_line_is_drawn_in_dashes(drawn: dict[str, Any]) -> None:
    """Dashes of 4 line widths, gaps of 3: about 4/7 of the line is drawn."""
    page = drawn["pages"]["agenda"]
    row = [_near(_at(page, 4.2 + k / DPI, 7.0), "00AA00", 60) for k in range(4 * DPI)]
    assert 0.45 < sum(row) / len(row) < 0.7


def test_a_layout_background_and_the_masters_shapes_over_it(drawn: dict[str, Any]) -> None:
    page = drawn["pages"]["title"]
    top, bottom = _at(page, 9.5, 0.1), _at(page, 9.5, 7.4)
    assert _near(top, "FFFFFF") and _near(bottom, "000080", 60)
    assert _near(_at(page, 5.5, 1.0), "0000FF")


def test_a_layout_that_hides_the_masters_shapes_shows_none(drawn: dict[str, Any]) -> None:
    page = drawn["pages"]["section"]
    for x, y in ((0.9, 0.9), (5.5, 1.0), (2.0, 5.0), (8.0, 3.5)):
        assert _near(_at(page, x, y), "FFFFFF"), (x, y)


def test_a_placeholders_fill_shows_where_the_slide_puts_it(drawn: dict[str, Any]) -> None:
    box = drawn["title box"]
    assert drawn["pages"]["titled"] is not None and box.w > IN
    right, top = (box.x + box.w) / IN - 0.05, box.y / IN + 0.05
    assert _near(_at(drawn["pages"]["titled"], right, top), "FFE4B5", 12)
    # Slides without a title show no title placeholder, and so none of its fill.
    assert _near(_at(drawn["pages"]["agenda"], right, top), "FFFFFF", 12)


def test_a_picture_not_drawn_is_named_once(drawn: dict[str, Any]) -> None:
    named = [w for w in drawn["warnings"] if "logo.emf" in w]
    assert len(named) == 1 and "EMF picture" in named[0] and "slides PDF" in named[0]


def test_the_handout_shows_the_templates_art(drawn: dict[str, Any]) -> None:
    page = drawn["handout"]
    colours: Any = page.getcolors(maxcolors=1 << 20)
    blue = sum(count for count, rgb in colours if _near(rgb, "0000FF", 30))
    magenta = sum(count for count, rgb in colours if _near(rgb, "FF00FF", 30))
    assert blue > 20 and magenta > 5


def test_same_template_same_pdf(drawn: dict[str, Any], tmp_path: Path) -> None:
    """The forms, pictures and shadings come out in the same order every time."""
    path = tmp_path / "art.pptx"
    path.write_bytes(t.edited(t.pptx_default(), _art))
    lecture, _ = load_lecture(SOURCE)
    on = dataclasses.replace(lecture, deck=m.DeckSettings(path, m.SourcePos("lecture.yaml", 3, 1)))
    template, _ = load(on)
    assert template is not None
    plan = plan_deck(on, template)
    small = DeckPlan(plan.slides[:4], (), template, plan.width, plan.height)
    assert slides_pdf(small, on) == slides_pdf(small, on)
