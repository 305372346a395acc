"""Text in a template's placeholders shows the template's own style: a centred coral title in
Cambria on a navy master, a body in Arial with its own insets, line spacing and space before.

The deck's XML carries none of lectern's alignment, colour or face in those placeholders; the
style a reader meets (read here from the template's XML by a resolver of the test's own) is
what LibreOffice shows; and every placeholder's text fits its box when measured with HarfBuzz
under the template's insets and spacing.
"""

from __future__ import annotations

import ctypes
import dataclasses
import io
import math
import subprocess
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import uharfbuzz as hb
from lxml import etree
from PIL import Image

from lectern import model as m
from lectern.deck_template import load
from lectern.paths import FONTS
from lectern.readers.lecture import load_lecture
from lectern.system import soffice
from lectern.writers.deck import render_deck
from lectern.writers.deck_plan import plan_deck
from tests import slidecheck as sc
from tests import templates as t
from tests.conftest import SOURCE, require_tool
from tests.deckcheck import convert_to_pdf

A = "{http://schemas.openxmlformats.org/drawingml/2006/main}"
P = "{http://schemas.openxmlformats.org/presentationml/2006/main}"
EMU_PER_PT = 12700
DECK = m.SourcePos("lecture.yaml", 30, 1)
NAVY, CORAL, MIST = "1F2A44", "FF7F50", "F2F2F2"
# The faces LibreOffice draws in place of the template's (the same metrics).
FACE_FILES = {"Cambria": ("caladea", "Caladea"), "Arial": ("liberation", "LiberationSans"),
              "Calibri": ("carlito", "Carlito")}


def _navy_master(files: dict[str, bytes]) -> None:
    """A navy master; titles centred, coral, in the theme's heading face; body text light,
    at 90 % line spacing, 6 pt before each paragraph, in a frame with wide insets."""
    master = "ppt/slideMasters/slideMaster1.xml"
    t._sub(files, master, r"<p:bg>.*?</p:bg>",
           f'<p:bg><p:bgPr><a:solidFill><a:srgbClr val="{NAVY}"/></a:solidFill><a:effectLst/>'
           "</p:bgPr></p:bg>", 1)
    t._sub(files, master, r'(<p:titleStyle><a:lvl1pPr[^>]*?) algn="[a-z]+"', r'\1 algn="ctr"', 1)
    t._sub(files, master, r"(<p:titleStyle>.*?<a:solidFill>)<a:schemeClr val=\"tx1\"/>",
           rf'\1<a:srgbClr val="{CORAL}"/>', 1)
    t._sub(files, master, r"(<p:bodyStyle>.*?)(</p:bodyStyle>)",
           lambda match: match.group(1).replace('<a:schemeClr val="tx1"/>',  # type: ignore
                                                f'<a:srgbClr val="{MIST}"/>') + match.group(2))
    t._sub(files, master, r"(<p:bodyStyle><a:lvl1pPr[^>]*>)<a:spcBef>.*?</a:spcBef>",
           r'\1<a:lnSpc><a:spcPct val="90000"/></a:lnSpc>'
           r'<a:spcBef><a:spcPts val="600"/></a:spcBef>', 1)
    t._sub(files, master, r'(<p:ph type="body" idx="1"/>.*?<a:bodyPr[^>]*?) lIns="\d+" '
           r'tIns="\d+" rIns="\d+" bIns="\d+"',
           r'\1 lIns="182880" tIns="91440" rIns="182880" bIns="91440"', 1)


@pytest.fixture(scope="module")
def template() -> bytes:
    wide = t.resized(t.pptx_default(), 12192000, 6858000)
    return t.edited(wide, t.theme_fonts("Cambria", "Arial"), _navy_master)


@pytest.fixture(scope="module")
def deck(template: bytes, tmp_path_factory: pytest.TempPathFactory) -> bytes:
    folder = tmp_path_factory.mktemp("inherit")
    (folder / "navy.pptx").write_bytes(template)
    lecture, _ = load_lecture(SOURCE)
    on = dataclasses.replace(lecture, deck=m.DeckSettings(folder / "navy.pptx", DECK))
    loaded, problems = load(on)
    assert loaded is not None, [d.format() for d in problems]
    (data,) = render_deck(plan_deck(on, loaded), on).values()
    return data


# --- the template's style, read by the test ------------------------------------------------


@dataclass(frozen=True)
class Style:
    align: str
    colour: str  # RRGGBB
    face: str
    insets: tuple[float, float, float, float]  # points: left, top, right, bottom
    line: float  # line spacing, a share of single
    before: float  # points
    after: float
    margin: float  # points: marL


def _parts(data: bytes) -> dict[str, Any]:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return {n: etree.fromstring(archive.read(n)) for n in archive.namelist()
                if n.endswith(".xml") and n.startswith("ppt/")}


def _placeholder(tree: Any, kinds: tuple[str, ...]) -> Any:
    for sp in tree.iter(f"{P}sp"):
        ph = sp.find(f"{P}nvSpPr/{P}nvPr/{P}ph")
        if ph is not None and ph.get("type", "obj") in kinds:
            return sp
    return None


def read_style(data: bytes, layout_name: str, kind: str) -> Style:
    """A placeholder's level-1 style from the template's XML: the layout's placeholder, the
    master's, the master's text styles; theme fonts and colours resolved (this template
    uses neither a colour map override nor modifiers)."""
    parts = _parts(data)
    layout = next(tree for name, tree in parts.items() if name.startswith("ppt/slideLayouts/")
                  and tree.find(f"{P}cSld").get("name") == layout_name)
    master, theme = parts["ppt/slideMasters/slideMaster1.xml"], parts["ppt/theme/theme1.xml"]
    title = kind == "title"
    kinds = ("title", "ctrTitle") if title else ("body", "obj")
    shapes = [s for s in (_placeholder(layout, kinds), _placeholder(master, kinds[:1]))
              if s is not None]
    sheet = master.find(f"{P}txStyles/{P}{'titleStyle' if title else 'bodyStyle'}")
    levels = [x for s in shapes for x in s.iterfind(f"{P}txBody/{A}lstStyle/{A}lvl1pPr")]
    levels.append(sheet.find(f"{A}lvl1pPr"))
    bodies = [x for s in shapes for x in s.iterfind(f"{P}txBody/{A}bodyPr")]

    def first(path: str, attr: str, default: str) -> str:
        for level in levels:
            found = level if not path else level.find(path)
            if found is not None and found.get(attr) is not None:
                return str(found.get(attr))
        return default

    def inset(attr: str, default: int) -> float:
        return next((int(b.get(attr)) for b in bodies if b.get(attr)), default) / EMU_PER_PT

    face = first(f"{A}defRPr/{A}latin", "typeface", "+mn-lt")
    if face.startswith("+"):
        which = "majorFont" if face.startswith("+mj") else "minorFont"
        face = theme.find(f".//{A}fontScheme/{A}{which}/{A}latin").get("typeface")
    colour = first(f"{A}defRPr/{A}solidFill/{A}srgbClr", "val", "")
    if not colour:
        scheme = first(f"{A}defRPr/{A}solidFill/{A}schemeClr", "val", "tx1")
        slot = master.find(f"{P}clrMap").get(scheme, scheme)
        colour = theme.find(f".//{A}clrScheme/{A}{slot}")[0].get("val") or "000000"
    line = int(first(f"{A}lnSpc/{A}spcPct", "val", "100000")) / 100000
    before = first(f"{A}spcBef/{A}spcPts", "val", "")
    after = first(f"{A}spcAft/{A}spcPts", "val", "")
    return Style(first("", "algn", "l"), colour.upper(), face,
                 (inset("lIns", 91440), inset("tIns", 45720), inset("rIns", 91440),
                  inset("bIns", 45720)), line,
                 int(before or 0) / 100, int(after or 0) / 100,
                 int(first("", "marL", "0")) / EMU_PER_PT)


def test_the_test_reads_the_template_as_built(template: bytes) -> None:
    title = read_style(template, "Title and Content", "title")
    assert (title.align, title.colour, title.face) == ("ctr", CORAL, "Cambria")
    body = read_style(template, "Title and Content", "body")
    assert (body.colour, body.face, body.line, body.before) == (MIST, "Arial", 0.9, 6.0)
    assert body.insets == (14.4, 7.2, 14.4, 7.2)


# --- the deck's XML ------------------------------------------------------------------------


def _slides(deck: bytes) -> list[tuple[Any, str]]:
    """Each slide's tree and the name of its layout, in order."""
    with zipfile.ZipFile(io.BytesIO(deck)) as archive:
        names = archive.namelist()
        order = sorted((n for n in names if n.startswith("ppt/slides/slide")
                        and n.endswith(".xml")), key=lambda n: int(n[16:-4]))
        out = []
        for name in order:
            rels = etree.fromstring(archive.read(name.replace("slides/", "slides/_rels/")
                                                 + ".rels"))
            target = next(r.get("Target") for r in rels if r.get("Type").endswith("slideLayout"))
            layout = etree.fromstring(archive.read("ppt/slideLayouts/" + target.split("/")[-1]))
            out.append((etree.fromstring(archive.read(name)), layout.find(f"{P}cSld").get("name")))
    return out


def test_titles_carry_nothing_of_lecterns_but_their_size(deck: bytes) -> None:
    titles = 0
    for slide, _ in _slides(deck):
        shape = _placeholder(slide, ("title", "ctrTitle"))
        if shape is None or not "".join(shape.itertext()).strip():
            continue
        titles += 1
        for p in shape.iter(f"{A}p"):
            p_pr = p.find(f"{A}pPr")
            assert p_pr is None or p_pr.get("algn") is None
            for r_pr in p.iter(f"{A}rPr", f"{A}endParaRPr"):
                assert r_pr.get("sz") is not None
                assert r_pr.find(f"{A}solidFill") is None, etree.tostring(r_pr)
                assert r_pr.find(f"{A}latin") is None
        body_pr = shape.find(f"{P}txBody/{A}bodyPr")
        assert not body_pr.attrib and body_pr.find(f"{A}noAutofit") is None
    assert titles > 20


def test_key_points_use_the_templates_bullets(deck: bytes) -> None:
    slide = next(s for s, layout in _slides(deck) if layout == "Title and Content"
                 and _placeholder(s, ("body", "obj")) is not None
                 and "Petrograd" in "".join(_placeholder(s, ("body", "obj")).itertext()))
    body = _placeholder(slide, ("body", "obj"))
    for p in body.iter(f"{A}p"):
        p_pr = p.find(f"{A}pPr")
        # No bullet, face, colour or spacing of lectern's: the master's bullets show.
        assert p_pr is None or not len(p_pr), etree.tostring(p_pr)
        assert all(r.find(f"{A}solidFill") is None for r in p.iter(f"{A}rPr"))


# --- what LibreOffice shows ----------------------------------------------------------------


@pytest.fixture(scope="module")
def rendered(deck: bytes, tmp_path_factory: pytest.TempPathFactory) -> Path:
    program = soffice()
    if program is None:
        pytest.skip("LibreOffice (soffice) is not installed")
    out = tmp_path_factory.mktemp("inherit-pdf")
    return convert_to_pdf(program, {"navy.pptx": deck}, out)["navy.pptx"]


def _font_name(text_page: Any, index: int) -> str:
    buffer = ctypes.create_string_buffer(256)
    flags = ctypes.c_int()
    sc.raw.FPDFText_GetFontInfo(text_page.raw, index, buffer, 256, ctypes.byref(flags))
    return buffer.value.decode("latin-1")


def test_libreoffice_shows_the_templates_title_style(deck: bytes, template: bytes,
                                                    rendered: Path) -> None:
    style = read_style(template, "Title and Content", "title")
    slides = _slides(deck)
    number = next(i for i, (s, layout) in enumerate(slides) if layout == "Title and Content")
    shape = _placeholder(slides[number][0], ("title",))
    text = "".join(shape.itertext()).strip()
    off = shape.find(f"{P}spPr/{A}xfrm/{A}off")
    ext = shape.find(f"{P}spPr/{A}xfrm/{A}ext")
    left, width = int(off.get("x")) / EMU_PER_PT, int(ext.get("cx")) / EMU_PER_PT
    top, height = int(off.get("y")) / EMU_PER_PT, int(ext.get("cy")) / EMU_PER_PT
    pdf = sc.open_pdf(rendered)
    page = pdf[number]
    glyphs = [g for g in sc.glyphs(page) if top <= g.baseline <= top + height
              and left - 1 <= g.x <= left + width + 1]
    assert sc.squeeze("".join(g.char for g in glyphs)) == sc.squeeze(text)
    # Centred: as much room left of the line as right of it, inside the frame's insets.
    for line in sc.lines(glyphs):
        room_left = line.glyphs[0].box[0] - (left + style.insets[0])
        room_right = (left + width - style.insets[2]) - line.glyphs[-1].box[2]
        assert abs(room_left - room_right) < 6, (line.text, room_left, room_right)
    # In the template's face (LibreOffice draws Cambria's metric twin).
    text_page = page.get_textpage()
    try:
        faces = {_font_name(text_page, i) for i in range(text_page.count_chars())
                 if text_page.get_text_range(i, 1).strip()
                 and top <= page.get_height() - text_page.get_charbox(i)[1] <= top + height}
    finally:
        text_page.close()
    assert faces and all(FACE_FILES[style.face][1][:7] in f.replace(" ", "") for f in faces), faces
    # In the template's colour: the title's most saturated pixels are coral.
    picture = _page_picture(rendered, number + 1)
    scale = picture.width / page.get_width()
    crop = picture.crop((round(left * scale), round(top * scale),
                         round((left + width) * scale), round((top + height) * scale)))
    data = crop.tobytes()
    pixels = [tuple(data[i:i + 3]) for i in range(0, len(data), 3)]
    ink = [px for px in pixels if _distance(px, NAVY) > 120]
    assert len(ink) > 50
    near = [px for px in ink if _distance(px, style.colour) < 60]
    assert len(near) > 0.5 * len(ink), (style.colour, ink[:5])


def _distance(px: tuple[int, ...], rgb: str) -> float:
    return math.dist(px[:3], tuple(int(rgb[i:i + 2], 16) for i in (0, 2, 4)))


def _page_picture(pdf: Path, number: int) -> Image.Image:
    out = pdf.parent / f"page-{number}"
    subprocess.run([require_tool("pdftoppm"), "-r", "60", "-png", "-f", str(number), "-l",
                    str(number), "-singlefile", str(pdf), str(out)], check=True,
                   capture_output=True)
    with Image.open(out.with_suffix(".png")) as img:
        return img.convert("RGB")


# --- fit, measured with HarfBuzz -----------------------------------------------------------


def _font(face: str, bold: bool) -> tuple[hb.Font, int, float]:
    """A HarfBuzz font of the face's metric twin, its units per em, its line height."""
    folder, stem = FACE_FILES[face]
    weight = "Bold" if bold else "Regular"
    blob = hb.Blob.from_file_path(str(FONTS / folder / f"{stem}-{weight}.ttf"))
    hb_face = hb.Face(blob)
    font = hb.Font(hb_face)
    extents = font.get_font_extents("ltr")
    return font, hb_face.upem, (extents.ascender - extents.descender) / hb_face.upem


def _width(font: hb.Font, upem: int, text: str, size: float) -> float:
    buf = hb.Buffer()
    buf.add_str(text)
    buf.guess_segment_properties()
    hb.shape(font, buf, {"kern": True, "liga": True})
    return sum(p.x_advance for p in buf.glyph_positions) / upem * size


def _lines(words: list[str], room: float, font: hb.Font, upem: int, size: float) -> int:
    """Lines of a greedy break at spaces (a word wider than the room breaks once per width)."""
    count, line = 1, ""
    for word in words:
        trial = f"{line} {word}" if line else word
        if line and _width(font, upem, trial, size) > room:
            count, line = count + 1, word
        else:
            line = trial
        count += max(0, math.ceil(_width(font, upem, line, size) / room) - 1)
        if _width(font, upem, line, size) > room:
            line = ""
    return count


def test_placeholder_text_fits_with_the_templates_insets_and_spacing(deck: bytes,
                                                                      template: bytes) -> None:
    checked = 0
    for number, (slide, layout) in enumerate(_slides(deck), start=1):
        for kind in ("title", "body"):
            shape = _placeholder(slide, ("title", "ctrTitle") if kind == "title"
                                 else ("body", "obj"))
            if shape is None or not "".join(shape.itertext()).strip():
                continue
            if shape.find(f"{P}nvSpPr/{P}nvPr/{P}ph").get("type") in ("ctrTitle", "subTitle"):
                continue  # the title slide's placeholders have layout styles of their own
            style = read_style(template, layout, kind)
            ext = shape.find(f"{P}spPr/{A}xfrm/{A}ext")
            width = int(ext.get("cx")) / EMU_PER_PT - style.insets[0] - style.insets[2]
            height = int(ext.get("cy")) / EMU_PER_PT - style.insets[1] - style.insets[3]
            needed = 0.0
            for p in shape.iter(f"{A}p"):
                r_pr = p.find(f"{A}r/{A}rPr")
                if r_pr is None:
                    continue
                size = int(r_pr.get("sz")) / 100
                p_pr = p.find(f"{A}pPr")
                margin = int(p_pr.get("marL")) / EMU_PER_PT \
                    if p_pr is not None and p_pr.get("marL") else style.margin
                bold = r_pr.get("b") == "1" or (kind == "title" and "Section" in layout)
                font, upem, line = _font(style.face, bold)
                text = "".join(r.findtext(f"{A}t") or "" for r in p.iter(f"{A}r"))
                if kind == "title" and "Section" in layout:
                    text = text.upper()  # the section title's style sets capitals
                count = _lines(text.split(), width - margin, font, upem, size)
                # A line is at least 1.2 sizes (PowerPoint's single line); the first line of
                # a paragraph keeps its full height, the others take the line spacing.
                pitch = size * max(line, 1.2)
                needed += pitch + (count - 1) * pitch * style.line + style.before + style.after
            assert needed <= height + 0.5, (number, kind, needed, height)
            checked += 1
    assert checked > 40


# --- sizes, auto-fit, colours that do not read ---------------------------------------------


def test_sizes_start_at_the_templates_and_stop_at_the_floor(deck: bytes, template: bytes
                                                            ) -> None:
    """A short title is set at the template's title size; no title or key point is set
    below 60 % of the template's size for it (docs/deck.md)."""
    sizes: dict[str, list[float]] = {"title": [], "body": []}
    overview = 0.0
    for slide, layout in _slides(deck):
        heading = "".join(_placeholder(slide, ("title",)).itertext()) \
            if _placeholder(slide, ("title",)) is not None else ""
        # The glossary and the sources are set smaller on purpose (docs/deck.md).
        if layout != "Title and Content" or heading.startswith(("Glossary", "Sources")):
            continue
        for kind, kinds in (("title", ("title",)), ("body", ("body", "obj"))):
            shape = _placeholder(slide, kinds)
            if shape is None:
                continue
            found = [int(r.get("sz")) / 100 for r in shape.iter(f"{A}rPr")]
            sizes[kind] += found
            if kind == "title" and "".join(shape.itertext()).strip() == "Overview":
                overview = found[0]
    tops = {kind: _top_size(template, kind) for kind in sizes}
    assert overview == tops["title"] == 44
    for kind, found in sizes.items():
        assert found and max(found) <= tops[kind]
        assert min(found) >= math.ceil(0.6 * tops[kind] * 2) / 2, kind


def _top_size(template: bytes, kind: str) -> float:
    master = _parts(template)["ppt/slideMasters/slideMaster1.xml"]
    sheet = "titleStyle" if kind == "title" else "bodyStyle"
    return int(master.find(f"{P}txStyles/{P}{sheet}/{A}lvl1pPr/{A}defRPr").get("sz")) / 100


def test_a_templates_autofit_is_kept_at_full_scale(deck: bytes) -> None:
    bodies = [_placeholder(s, ("body", "obj")) for s, layout in _slides(deck)
              if layout == "Title and Content"]
    frames = [b.find(f"{P}txBody/{A}bodyPr") for b in bodies if b is not None]
    assert frames
    for frame in frames:
        assert [(c.tag, dict(c.attrib)) for c in frame] == [(f"{A}normAutofit", {})]


def _navy_title(files: dict[str, bytes]) -> None:
    """The title style in a navy a shade lighter than the master: it cannot be read."""
    t._sub(files, "ppt/slideMasters/slideMaster1.xml", f'<a:srgbClr val="{CORAL}"/>',
           '<a:srgbClr val="2A3A5C"/>', 1)


def test_a_title_colour_that_does_not_read_is_replaced_and_reported(template: bytes,
                                                                    tmp_path: Path) -> None:
    (tmp_path / "dim.pptx").write_bytes(t.edited(template, _navy_title))
    lecture, _ = load_lecture(SOURCE)
    on = dataclasses.replace(lecture, deck=m.DeckSettings(tmp_path / "dim.pptx", DECK))
    loaded, problems = load(on)
    assert loaded is not None
    said = [d.message for d in problems if "title colour 2A3A5C" in d.message]
    assert said and all("reads at 1.3:1" in s for s in said), [d.message for d in problems]
    (data,) = render_deck(plan_deck(on, loaded), on).values()
    slide, _ = next((s, n) for s, n in _slides(data) if n == "Title and Content")
    fills = list(_placeholder(slide, ("title",)).iter(f"{A}solidFill"))
    assert fills, "the title's colour was not replaced"
    colour = fills[0][0].get("val")
    value = {"bg1": "FFFFFF", "lt1": "FFFFFF"}.get(colour, colour)
    assert _contrast(value, NAVY) >= 4.5


def _contrast(a: str, b: str) -> float:
    def lum(rgb: str) -> float:
        out = []
        for i in (0, 2, 4):
            v = int(rgb[i:i + 2], 16) / 255
            out.append(v / 12.92 if v <= 0.04045 else ((v + 0.055) / 1.055) ** 2.4)
        return 0.2126 * out[0] + 0.7152 * out[1] + 0.0722 * out[2]
    hi, lo = sorted((lum(a), lum(b)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)
