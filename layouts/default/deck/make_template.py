"""Build the deck template: python-pptx's default template made 16:9, renamed and restyled.

Run once after a change: `.venv/bin/python layouts/default/deck/make_template.py`.
The layout geometry comes from deck.toml beside it, which the deck planner reads too, so slides
a presenter adds by hand in PowerPoint line up with the generated ones.
"""

from __future__ import annotations

import io
import re
import tomllib
import zipfile
from pathlib import Path

from lxml import etree
from pptx import Presentation
from pptx.oxml.ns import qn
from pptx.util import Emu, Inches

HERE = Path(__file__).resolve().parent
OUT = HERE / "template.pptx"
# Geometry shared with the deck planner: the layout folder's manifest.
with (HERE / "deck.toml").open("rb") as _manifest:
    MANIFEST = tomllib.load(_manifest)

WIDE, HIGH = Emu(MANIFEST["slide"]["width"]), Emu(MANIFEST["slide"]["height"])
OLD_WIDTH = 9144000

# Calm, high-contrast colours (contrast against the off-white background in brackets).
COLOURS = {
    "dk1": "1C1C1C",  # text (16.9:1)
    "lt1": "FBFAF7",  # background: warm off-white, less glare than pure white on a projector
    "dk2": "1F3A5F",  # navy: attributions, section background (11:1)
    "lt2": "D5DEEA",  # pale blue-grey: chapter number on the navy section slide (8.6:1 on navy)
    "accent1": "9A2E22",  # brick red: kickers, dates, rules (7.3:1)
    "accent2": "1F3A5F",
    "accent3": "5B7F3A",
    "accent4": "6B4E8C",
    "accent5": "2F7F8F",
    "accent6": "B7651B",
    "hlink": "1F4E99",
    "folHlink": "6B4E8C",
}
RENAME = {
    "Title Slide": "lectern Title",
    "Section Header": "lectern Section",
    "Title and Content": "lectern Content",
    "Title Only": "lectern Quote",
    "Blank": "lectern Blank",
}
IN = 914400
A = "http://schemas.openxmlformats.org/drawingml/2006/main"


def rescale(tree: etree._Element) -> None:
    """Stretch every shape's own position and width to the 16:9 width (inherited ones untouched)."""
    factor = WIDE / OLD_WIDTH
    for off in tree.iter(qn("a:off")):
        off.set("x", str(round(int(off.get("x")) * factor)))
    for ext in tree.iter(qn("a:ext")):
        if ext.get("cx") is not None:
            ext.set("cx", str(round(int(ext.get("cx")) * factor)))


def set_xfrm(shape: object, x: float, y: float, w: float, h: float) -> None:
    """Place a shape (inches)."""
    shape.left, shape.top = Inches(x), Inches(y)  # type: ignore[attr-defined]
    shape.width, shape.height = Inches(w), Inches(h)  # type: ignore[attr-defined]


def place(shape: object, name: str) -> None:
    """Place a shape at a box of the manifest (insets from the slide's edges)."""
    section = "regions" if name in MANIFEST["regions"] else "placeholders"
    left, top, right, bottom = MANIFEST[section][name]
    width, height = WIDE / IN, HIGH / IN
    set_xfrm(shape, left, top, width - left - right, height - top - bottom)


def set_colours(prs: Presentation) -> None:
    """Replace the theme's colour scheme and give it a name of its own."""
    part = next(r.target_part for r in prs.slide_master.part.rels.values()
                if r.reltype.endswith("/theme"))
    xml = part.blob.decode("utf-8")
    scheme = "".join(f'<a:{k}><a:srgbClr val="{v}"/></a:{k}>' for k, v in COLOURS.items())
    xml = re.sub(r'<a:clrScheme name="[^"]*">.*?</a:clrScheme>',
                 f'<a:clrScheme name="lectern">{scheme}</a:clrScheme>', xml, flags=re.S)
    xml = xml.replace('name="Office Theme"', 'name="lectern"')
    part._blob = xml.encode("utf-8")


def background(element: etree._Element, colour: str) -> None:
    """A solid background of a scheme colour on a master or layout."""
    csld = element.find(qn("p:cSld"))
    old = csld.find(qn("p:bg"))
    if old is not None:
        csld.remove(old)
    bg = etree.fromstring(
        f'<p:bg xmlns:p="http://schemas.openxmlformats.org/presentationml/2006/main" '
        f'xmlns:a="{A}"><p:bgPr><a:solidFill><a:schemeClr val="{colour}"/></a:solidFill>'
        f'<a:effectLst/></p:bgPr></p:bg>')
    csld.insert(0, bg)


def add_bar(layout: object, x: float, y: float, w: float, h: float, colour: str) -> None:
    """A decorative filled rectangle on a layout, with no outline, behind the placeholders."""
    tree = layout.shapes._spTree  # type: ignore[attr-defined]
    ids = [int(e.get("id")) for e in tree.iter(qn("p:cNvPr"))]
    sp = etree.fromstring(
        f'<p:sp xmlns:p="http://schemas.openxmlformats.org/presentationml/2006/main" '
        f'xmlns:a="{A}"><p:nvSpPr><p:cNvPr id="{max(ids, default=1) + 1}" name="lectern rule"/>'
        f'<p:cNvSpPr/><p:nvPr userDrawn="1"/></p:nvSpPr><p:spPr>'
        f'<a:xfrm><a:off x="{round(x * IN)}" y="{round(y * IN)}"/>'
        f'<a:ext cx="{round(w * IN)}" cy="{round(h * IN)}"/></a:xfrm>'
        f'<a:prstGeom prst="rect"><a:avLst/></a:prstGeom>'
        f'<a:solidFill><a:schemeClr val="{colour}"/></a:solidFill><a:ln><a:noFill/></a:ln>'
        f'</p:spPr></p:sp>')
    # Index 2 follows nvGrpSpPr and grpSpPr: drawn first, under the text.
    tree.insert(2, sp)


def style_master(prs: Presentation) -> None:
    """Background, left-aligned Calibri titles, and the slide number bottom right."""
    master = prs.slide_master
    background(master.element, "bg1")
    title_style = master.element.find(qn("p:txStyles")).find(qn("p:titleStyle"))
    lvl1 = title_style.find(qn("a:lvl1pPr"))
    lvl1.set("algn", "l")
    lvl1.find(qn("a:defRPr")).set("b", "1")
    for shape in master.placeholders:
        kind = shape.placeholder_format.type
        name = str(kind)
        if "TITLE" in name:
            place(shape, "title")
        elif "BODY" in name:
            place(shape, "body")
        elif "SLIDE_NUMBER" in name:
            place(shape, "number")
    sld_num = next(s for s in master.placeholders
                   if "SLIDE_NUMBER" in str(s.placeholder_format.type))
    for rpr in sld_num._element.iter(qn("a:defRPr"), qn("a:rPr")):
        rpr.set("sz", "1400")
        for fill in rpr.findall(qn("a:solidFill")):
            rpr.remove(fill)
        fill = etree.Element(qn("a:solidFill"))
        etree.SubElement(fill, qn("a:schemeClr")).set("val", "tx2")
        rpr.insert(0, fill)


def style_layouts(prs: Presentation) -> None:
    """Rename the five layouts lectern uses, drop the rest, and give each its geometry."""
    for layout in list(prs.slide_layouts):
        if layout.name not in RENAME:
            prs.slide_layouts.remove(layout)
            continue
        layout.name = RENAME[layout.name]
        rescale(layout.element)
        for shape in list(layout.placeholders):
            kind = str(shape.placeholder_format.type)
            if "DATE" in kind or "FOOTER" in kind:
                shape._element.getparent().remove(shape._element)
            elif "SLIDE_NUMBER" in kind:
                place(shape, "number")
        shapes = {s.placeholder_format.type.name: s
                  for s in layout.placeholders}
        if layout.name == "lectern Title":
            place(shapes["CENTER_TITLE"], "cover_title")
            place(shapes["SUBTITLE"], "cover_subtitle")
            for shape in (shapes["CENTER_TITLE"], shapes["SUBTITLE"]):
                for p in shape._element.iter(qn("a:lvl1pPr")):
                    p.set("algn", "l")
            # The subtitle in the text colour: python-pptx's 75 % tint reads at 3.3:1 only.
            for colour in shapes["SUBTITLE"]._element.iter(qn("a:schemeClr")):
                for tint in list(colour):
                    colour.remove(tint)
            add_bar(layout, 0.0, 0.0, 0.28, 7.5, "accent1")
        elif layout.name == "lectern Section":
            background(layout.element, "tx2")
            place(shapes["TITLE"], "section_title")
            place(shapes["BODY"], "section_body")
            add_bar(layout, 0.75, 1.2, 0.09, 5.0, "bg2")
            light_text(layout)
        elif layout.name == "lectern Content":
            add_bar(layout, 0.8, 2.0, 1.4, 0.06, "accent1")
        elif layout.name == "lectern Quote":
            place(shapes["TITLE"], "quote_title")


def light_text(layout: object) -> None:
    """Every placeholder of a dark layout writes in the background colour."""
    for shape in layout.placeholders:  # type: ignore[attr-defined]
        body = shape._element.find(qn("p:txBody"))
        lst = body.find(qn("a:lstStyle"))
        lst.clear()
        lvl = etree.SubElement(lst, qn("a:lvl1pPr"))
        rpr = etree.SubElement(lvl, qn("a:defRPr"))
        fill = etree.SubElement(rpr, qn("a:solidFill"))
        etree.SubElement(fill, qn("a:schemeClr")).set("val", "bg1")


def core(prs: Presentation) -> None:
    """Neutral core properties (the default template carries someone else's name)."""
    import datetime as dt

    props = prs.core_properties
    stamp = dt.datetime(2026, 1, 1)
    props.title, props.author, props.last_modified_by = "lectern template", "lectern", "lectern"
    props.created = props.modified = props.last_printed = stamp
    props.revision = 1
    props.subject = props.keywords = props.comments = props.category = ""


def stable_zip(data: bytes) -> bytes:
    """The archive with fixed entry times and order: the committed file changes only on purpose."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w") as dst:
        names = src.namelist()
        first = ["[Content_Types].xml"]
        for name in first + sorted(n for n in names if n not in first):
            info = zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            dst.writestr(info, src.read(name))
    return out.getvalue()


def build() -> bytes:
    prs = Presentation()
    prs.slide_width, prs.slide_height = Emu(WIDE), Emu(HIGH)
    rescale(prs.slide_master.element)
    set_colours(prs)
    style_master(prs)
    style_layouts(prs)
    prs.notes_master  # noqa: B018 - creates the notes master once, here, not per deck
    # python-pptx's template brings printer settings; a deck template has no use for them.
    for rel in list(prs.part.rels.values()):
        if rel.reltype.endswith("/printerSettings"):
            prs.part.drop_rel(rel.rId)
    core(prs)
    buffer = io.BytesIO()
    prs.save(buffer)
    return stable_zip(buffer.getvalue())


if __name__ == "__main__":
    OUT.write_bytes(build())
    print(f"wrote {OUT}")
