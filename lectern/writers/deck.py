"""The deck writer: turns a DeckPlan into .pptx bytes (with pptx_private, which holds the
private names it needs, the only module that imports python-pptx)."""

from __future__ import annotations

import datetime as dt
import functools
import io
import re
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from lxml import etree
from pptx import Presentation
from pptx.enum.shapes import PP_PLACEHOLDER
from pptx.opc.constants import CONTENT_TYPE as CT
from pptx.opc.constants import RELATIONSHIP_TYPE as RT
from pptx.opc.oxml import serialize_part_xml
from pptx.opc.package import Part
from pptx.opc.packuri import PACKAGE_URI, PackURI
from pptx.oxml.ns import nsdecls
from pptx.oxml.ns import qn as pptx_qn
from pptx.oxml.slide import CT_NotesSlide
from pptx.parts.image import Image, ImagePart
from pptx.parts.slide import NotesSlidePart, SlidePart
from pptx.util import Emu

from .. import fit, images, syntax
from .. import model as m
from ..deck_template import BulletStyle, DeckTemplate, Layout, LevelStyle, Spacing
from ..deck_template.layouts import CORNER_NUMBER
from ..locale.licenses import credits
from ..sync.provenance import provenance_xml
from ..sync.record import SlideText, notes_text, slide_fields
from . import pptx_private as private
from .deck_plan import (
    INSET,
    Box,
    DeckPlan,
    Paragraph,
    Picture,
    PlateBox,
    Shape,
    Slide,
    TableBox,
    TextBox,
)

ZIP_TIME = (1980, 1, 1, 0, 0, 0)
PLACEHOLDER_KINDS = {
    "title": (PP_PLACEHOLDER.TITLE, PP_PLACEHOLDER.CENTER_TITLE),
    "subtitle": (PP_PLACEHOLDER.SUBTITLE,),
    "body": (PP_PLACEHOLDER.BODY, PP_PLACEHOLDER.OBJECT),
}
SLIDE_NUMBER_ID = "{4F2D6C1A-7E0B-4C55-9A51-6C2E3B1D9F01}"
NO_STYLE = "{2D5ABB26-0587-4C30-8999-92F81FD0307C}"  # PowerPoint's "No Style, No Grid"

# Slides are written as XML directly: python-pptx's shape API searches the whole slide with
# XPath for every property it touches, and its part naming scans the whole package for every
# new part, which made writing 900 slides take 5.5 s. The shapes below are the XML python-pptx
# itself makes (add_textbox, add_shape, add_connector, add_picture) after lectern's edits,
# so the output is byte for byte what it was.
_TEXTBOX = (
    '<p:sp><p:nvSpPr><p:cNvPr id="0" name=""/><p:cNvSpPr txBox="1"/><p:nvPr/></p:nvSpPr>'
    '<p:spPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="0" cy="0"/></a:xfrm>'
    '<a:prstGeom prst="rect"><a:avLst/></a:prstGeom><a:noFill/></p:spPr>'
    '<p:txBody><a:bodyPr wrap="none"><a:spAutoFit/></a:bodyPr><a:lstStyle/><a:p/></p:txBody>'
    "</p:sp>")
_FILLED = (
    '<p:sp><p:nvSpPr><p:cNvPr id="0" name=""/><p:cNvSpPr/><p:nvPr/></p:nvSpPr>'
    '<p:spPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="0" cy="0"/></a:xfrm>'
    '<a:prstGeom prst="{prst}"><a:avLst/></a:prstGeom>'
    '<a:solidFill><a:schemeClr val="accent1"/></a:solidFill><a:ln><a:noFill/></a:ln></p:spPr>'
    "</p:sp>")
_LINE = (
    '<p:cxnSp><p:nvCxnSpPr><p:cNvPr id="0" name=""/><p:cNvCxnSpPr/><p:nvPr/></p:nvCxnSpPr>'
    '<p:spPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="0" cy="0"/></a:xfrm>'
    '<a:prstGeom prst="line"><a:avLst/></a:prstGeom>'
    '<a:ln w="31750"><a:solidFill><a:schemeClr val="tx2"/></a:solidFill></a:ln></p:spPr>'
    '<p:style><a:lnRef idx="2"><a:schemeClr val="accent1"/></a:lnRef>'
    '<a:fillRef idx="0"><a:schemeClr val="accent1"/></a:fillRef>'
    '<a:effectRef idx="1"><a:schemeClr val="accent1"/></a:effectRef>'
    '<a:fontRef idx="minor"><a:schemeClr val="tx1"/></a:fontRef></p:style></p:cxnSp>')
_PICTURE = (
    '<p:pic><p:nvPicPr><p:cNvPr id="0" name="" descr=""/>'
    '<p:cNvPicPr><a:picLocks noChangeAspect="1"/></p:cNvPicPr><p:nvPr/></p:nvPicPr>'
    '<p:blipFill><a:blip r:embed=""/><a:stretch><a:fillRect/></a:stretch></p:blipFill>'
    '<p:spPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="0" cy="0"/></a:xfrm>'
    '<a:prstGeom prst="rect"><a:avLst/></a:prstGeom></p:spPr></p:pic>')

# A native table (what python-pptx's add_table makes) with no table style of its own: the
# rules are cell borders, so the table stays plain and editable in any template.
_TABLE = (
    '<p:graphicFrame><p:nvGraphicFramePr><p:cNvPr id="0" name=""/>'
    '<p:cNvGraphicFramePr><a:graphicFrameLocks noGrp="1"/></p:cNvGraphicFramePr><p:nvPr/>'
    '</p:nvGraphicFramePr><p:xfrm><a:off x="0" y="0"/><a:ext cx="0" cy="0"/></p:xfrm>'
    '<a:graphic><a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/table">'
    '<a:tbl><a:tblPr firstRow="1"><a:tableStyleId>' + NO_STYLE + '</a:tableStyleId></a:tblPr>'
    '<a:tblGrid/></a:tbl></a:graphicData></a:graphic></p:graphicFrame>')


@functools.cache
def qn(tag: str) -> str:
    """The Clark name of a prefixed tag ('a:p'), remembered: python-pptx builds it each time."""
    return str(pptx_qn(tag))


# python-pptx writes C0 controls in notes text as "_xHHHH_" (XML cannot hold them).
_CONTROL = re.compile(r"([\x00-\x08\x0B-\x1F])")


def _parse(xml: str) -> Any:
    """An element from XML whose root start tag lacks the a, p and r namespace declarations."""
    return etree.fromstring(xml.replace(">", f" {nsdecls('a', 'p', 'r')}>", 1))


PROTOTYPES = {
    "textbox": _parse(_TEXTBOX),
    "dot": _parse(_FILLED.format(prst="ellipse")),
    "bar": _parse(_FILLED.format(prst="rect")),
    "line": _parse(_LINE),
    "picture": _parse(_PICTURE),
    "table": _parse(_TABLE),
}
RELS = "{http://schemas.openxmlformats.org/package/2006/relationships}"
SHAPE_NAMES = {"textbox": "TextBox", "dot": "Oval", "bar": "Rectangle", "line": "Connector",
               "picture": "Picture", "table": "Table"}


def render_deck(plan: DeckPlan, lecture: m.Lecture) -> dict[str, bytes]:
    """Write the planned deck; return {'<name>.pptx': bytes}, identical for identical input.

    The deck starts from the template's clean package (only the parts lectern keeps).
    """
    prs = Presentation(io.BytesIO(plan.template.package))
    _drop_slides(prs)
    prs.slide_width, prs.slide_height = Emu(plan.width), Emu(plan.height)
    writer = _DeckWriter(prs, lecture.language, plan.template)
    for number, planned in enumerate(plan.slides, start=1):
        writer.add_slide(number, planned)
    _set_core(prs, lecture)
    _set_app(prs, plan)
    _set_presentation_lists(prs, plan.width, plan.height)
    _set_default_language(prs.element, lecture.language)
    _set_provenance(prs, writer.texts, lecture)
    return {f"{lecture.name}.pptx": package_bytes(prs.part.package)}


# PowerPoint's named slide sizes (presentation.xml's sldSz type) and their size in EMU.
SLIDE_SIZE_TYPES = {(9144000, 6858000): "screen4x3", (9144000, 5143500): "screen16x9",
                    (9144000, 5715000): "screen16x10"}


def _set_presentation_lists(prs: Any, width: int, height: int) -> None:
    """The slide size named only when it is one of PowerPoint's named sizes (a template
    saved at 4:3 and resized keeps 'screen4x3' otherwise), and the notes master listed in
    <p:notesMasterIdLst>, where PowerPoint looks for it (python-pptx relates it only)."""
    root = prs.element
    size = root.find(qn("p:sldSz"))
    if size is not None:
        named = SLIDE_SIZE_TYPES.get((width, height))
        if named is None:
            size.attrib.pop("type", None)
        else:
            size.set("type", named)
    if root.find(qn("p:notesMasterIdLst")) is not None:
        return
    rid = next((r.rId for r in prs.part.rels.values()
                if not r.is_external and r.reltype == RT.NOTES_MASTER), None)
    masters = root.find(qn("p:sldMasterIdLst"))
    if rid is None or masters is None:
        return
    listing = etree.Element(qn("p:notesMasterIdLst"))
    etree.SubElement(listing, qn("p:notesMasterId")).set(qn("r:id"), rid)
    masters.addnext(listing)


# presentation.xml's children that follow <p:defaultTextStyle>, in the schema's order.
_AFTER_TEXT_STYLE = ("modifyVerifier", "extLst")


def _set_default_language(root: Any, language: str) -> None:
    """The lecture's language as the presentation's default (PowerPoint's and a screen
    reader's language for text that names none): on every level of <p:defaultTextStyle>,
    which a template brings in its own language."""
    style = root.find(qn("p:defaultTextStyle"))
    if style is None:
        style = etree.Element(qn("p:defaultTextStyle"))
        later = [c for c in root if etree.QName(c).localname in _AFTER_TEXT_STYLE]
        if later:
            later[0].addprevious(style)
        else:
            root.append(style)
        etree.SubElement(style, qn("a:defPPr"))
    for level in style:
        if not isinstance(level.tag, str) or level.tag == qn("a:extLst"):
            continue
        r_pr = level.find(qn("a:defRPr"))
        if r_pr is None:
            r_pr = etree.Element(qn("a:defRPr"))
            ext = level.find(qn("a:extLst"))
            if ext is None:
                level.append(r_pr)
            else:
                ext.addprevious(r_pr)
        r_pr.set("lang", language)


def package_bytes(package: Any) -> bytes:
    """The package as a zip with fixed entry times and a fixed order (byte-identical builds):
    what python-pptx's save writes, without its zip round trip."""
    parts = list(package.iter_parts())
    files = {"[Content_Types].xml": serialize_part_xml(private.content_types(parts)),
             PACKAGE_URI.rels_uri.membername: _rels_xml(private.package_rels(package), "/")}
    for part in parts:
        files[part.partname.membername] = part.blob
        if private.has_rels(part):
            files[part.partname.rels_uri.membername] = _rels_xml(part.rels, part.partname.baseURI)
    return _zip(files)


def _rels_xml(rels: Any, base: str) -> bytes:
    """A .rels item as python-pptx writes it (in rId order), built with plain lxml: python-pptx
    parses a snippet of XML for every relationship."""
    root = etree.Element(RELS + "Relationships", nsmap={None: RELS[1:-1]})
    for rel in sorted(rels.values(), key=_rel_order):
        item = etree.SubElement(root, RELS + "Relationship")
        item.set("Id", rel.rId)
        item.set("Type", rel.reltype)
        item.set("Target", rel.target_ref if rel.is_external
                 else _relative_ref(rel.target_partname, base))
        if rel.is_external:
            item.set("TargetMode", "External")
    return etree.tostring(root, encoding="UTF-8", standalone=True)


def _relative_ref(target: str, base: str) -> str:
    """The reference to partname `target` from folder `base`, as PackURI.relative_ref gives it
    (posixpath.relpath, which it uses, costs more than the rest of a .rels item)."""
    if base == "/":
        return target[1:]
    *folders, name = target[1:].split("/")
    here = base[1:].split("/")
    common = 0
    while common < min(len(folders), len(here)) and folders[common] == here[common]:
        common += 1
    return "/".join([".."] * (len(here) - common) + folders[common:] + [name])


def _rel_order(rel: Any) -> tuple[int, str]:
    number = rel.rId[3:]
    return (int(number) if rel.rId.startswith("rId") and number.isdigit() else 0, rel.rId)


def _zip(files: dict[str, bytes]) -> bytes:
    """A zip of the files: content types and package relationships first, then by name."""
    out = io.BytesIO()
    first = [n for n in ("[Content_Types].xml", "_rels/.rels") if n in files]
    with zipfile.ZipFile(out, "w") as dst:
        for name in first + sorted(n for n in files if n not in first):
            info = zipfile.ZipInfo(name, date_time=ZIP_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            dst.writestr(info, files[name])
    return out.getvalue()


def _drop_slides(prs: Any) -> None:
    """Remove any slides a template brings (python-pptx has no API for it)."""
    id_list = private.slide_id_list(prs)
    for sld_id in list(id_list):
        prs.part.drop_rel(sld_id.rId)
        id_list.remove(sld_id)


def _clone(element: Any) -> Any:
    """A deep copy of an lxml element (lxml's __copy__ copies the whole subtree, in C, without
    the bookkeeping of copy.deepcopy)."""
    return element.__copy__()


def _plain(element: Any) -> Any:
    """A copy of a python-pptx element as a plain lxml tree (copies and edits are faster)."""
    return etree.fromstring(etree.tostring(element))


# --- prototypes made once per deck --------------------------------------------------------


@dataclass(frozen=True)
class _Layout:
    """A new slide on a layout as python-pptx makes it (its placeholders cloned), and the
    slide-number shape lectern adds to it."""

    part: Any
    root: Any
    placeholders: tuple[tuple[int, Any, int], ...]  # (index in spTree, type, shape id)
    ids: tuple[int, ...]
    number: Any  # the slide-number shape as lectern writes it, or None


def _layout(prs: Any, layout: Any, language: str, chosen: Layout) -> _Layout:
    scratch = SlidePart.new(PackURI("/ppt/slides/scratch.xml"), prs.part.package, layout.part)
    slide = scratch.slide
    slide.shapes.clone_layout_placeholders(layout)
    tree = private.shape_tree(slide.shapes)
    placeholders = tuple((list(tree).index(private.element(s)), s.placeholder_format.type,
                          s.shape_id) for s in slide.placeholders)
    root = _plain(private.element(slide))
    ids = tuple(int(v) for v in root.xpath("//@id") if v.isdigit())
    return _Layout(layout.part, root, placeholders, ids,
                   _number_shape(slide, layout, language, chosen, prs.slide_width))


def _number_shape(slide: Any, layout: Any, language: str, chosen: Layout, width: int) -> Any:
    """The slide-number shape of a layout: a copy of the layout's number placeholder; where
    the layout has none, of the master's, at the master's place; where neither has one, a
    small text box in the corner the template reader chose (clear of the template's
    pictures). None for a layout lectern numbers nowhere."""
    if chosen.number is None:
        return None
    colour = chosen.number_colour.scheme
    tree = private.shape_tree(slide.shapes)
    if chosen.number_from == "corner":
        element = _clone(PROTOTYPES["textbox"])
        element[0][0].set("name", "Slide Number")
        _set_box(element.find(qn("p:spPr")).find(qn("a:xfrm")), chosen.number, fresh=False)
        tree.append(element)
        align = "r" if chosen.number.x + chosen.number.w / 2 > width / 2 else "l"
        # 14 pt in a box 0.4 in tall, smaller as the box is scaled down with the slide.
        size = min(1400, round(1400 * chosen.number.h / CORNER_NUMBER[1] / 50) * 50)
        return _slide_number(element, language, colour, align, anchor="b", size=size)
    holders = layout.placeholders if chosen.number_from == "layout" else \
        layout.slide_master.placeholders
    source = next((s for s in holders
                   if s.placeholder_format.type == PP_PLACEHOLDER.SLIDE_NUMBER), None)
    if source is None:
        return None
    slide.shapes.clone_placeholder(source)
    if chosen.number_from == "master":
        # The layout has no number placeholder to inherit a place from: the master's, here.
        _set_box(etree.SubElement(tree[-1].find(qn("p:spPr")), qn("a:xfrm")), chosen.number)
    return _slide_number(tree[-1], language, colour)


def _slide_number(shape: Any, language: str, colour: str, align: str = "r",
                  anchor: str = "", size: int = 1400) -> Any:
    """A plain copy of a slide-number shape with a slidenum field in it (the number itself
    is set on each slide)."""
    tx_body = shape.find(qn("p:txBody"))
    if tx_body is None:
        tx_body = shape.get_or_add_txBody()
    body_pr = tx_body.find(qn("a:bodyPr"))
    body_pr.set("wrap", "square")
    if anchor:
        body_pr.set("anchor", anchor)
    for child in list(body_pr):
        body_pr.remove(child)
    etree.SubElement(body_pr, qn("a:noAutofit"))
    for p in tx_body.findall(qn("a:p")):
        tx_body.remove(p)
    p = etree.SubElement(tx_body, qn("a:p"))
    etree.SubElement(p, qn("a:pPr")).set("algn", align)
    field = etree.SubElement(p, qn("a:fld"))
    field.set("id", SLIDE_NUMBER_ID)
    field.set("type", "slidenum")
    r_pr = etree.SubElement(field, qn("a:rPr"))
    r_pr.set("lang", language)
    r_pr.set("sz", str(size))
    _fill(r_pr, colour)
    etree.SubElement(field, qn("a:t"))
    return _plain(shape)


@dataclass(frozen=True)
class _Notes:
    """A new notes slide as python-pptx makes it, and where its notes text goes."""

    master: Any
    root: Any
    body: int | None  # index in spTree of the notes placeholder


def _notes(prs: Any) -> _Notes:
    master = prs.part.notes_master_part
    scratch = NotesSlidePart(PackURI("/ppt/notesSlides/scratch.xml"), CT.PML_NOTES_SLIDE,
                             prs.part.package, CT_NotesSlide.new())
    notes = scratch.notes_slide
    notes.clone_master_placeholders(master.notes_master)
    holder = notes.notes_placeholder
    tree = private.shape_tree(notes.shapes)
    body = None if holder is None else list(tree).index(private.element(holder))
    return _Notes(master, _plain(private.element(notes)), body)


class _Media:
    """Image parts, shared between slides and named as python-pptx names them, without its
    scan of the whole package for every picture."""

    def __init__(self, package: Any) -> None:
        self.package = package
        self.by_sha1: dict[str, Any] = {}
        for rel in package.iter_rels():
            if not rel.is_external and rel.reltype == RT.IMAGE:
                part = rel.target_part
                if hasattr(part, "sha1"):  # python-pptx skips images it cannot read (SVG)
                    self.by_sha1.setdefault(part.sha1, part)
        self.numbers = [p.partname.idx for p in package.iter_parts()
                        if p.partname.startswith("/ppt/media/image") and p.partname.idx is not None]
        self.by_path: dict[Path, Any] = {}

    def part(self, path: Path) -> Any:
        if path not in self.by_path:
            # Upright, 8-bit and one frame, as PowerPoint and LibreOffice show it right.
            image = Image.from_blob(images.picture(path).data, path.name)
            if image.sha1 not in self.by_sha1:
                name = PackURI(f"/ppt/media/image{self._next_number()}.{image.ext}")
                self.by_sha1[image.sha1] = ImagePart(name, image.content_type, self.package,
                                                     image.blob, image.filename)
                self.numbers.append(name.idx)
            self.by_path[path] = self.by_sha1[image.sha1]
        return self.by_path[path]

    def _next_number(self) -> int:
        """The first free image number, as python-pptx's next_image_partname finds it."""
        for i, used in enumerate(sorted(self.numbers)):
            if i + 1 < used:
                return i + 1
        return len(self.numbers) + 1


# --- slides -------------------------------------------------------------------------------


class _DeckWriter:
    """Adds slides, with their notes slides and pictures, to a presentation's package."""

    def __init__(self, prs: Any, language: str, template: DeckTemplate) -> None:
        self.prs = prs
        self.language = language
        self.template = template
        self.by_part = {layout.part.partname: layout for master in prs.slide_masters
                        for layout in master.slide_layouts}
        self.notes = _notes(prs)
        self.media = _Media(prs.part.package)
        self.layouts: dict[str, _Layout] = {}
        self.id_list = private.slide_id_list(prs)
        # Slide ids as python-pptx gives them: one more than the largest, from 256.
        self.next_id = max([255] + [int(i) for i in self.id_list.xpath("./p:sldId/@id")]) + 1
        self.texts: list[SlideText] = []  # each slide's text, for the provenance record

    def add_slide(self, number: int, planned: Slide) -> None:
        layout = self._layout(planned.kind)
        package = self.prs.part.package
        part = Part(PackURI(f"/ppt/slides/slide{number}.xml"), CT.PML_SLIDE, package)
        part.relate_to(layout.part, RT.SLIDE_LAYOUT)
        rel_id = private.add_relationship(self.prs.part.rels, RT.SLIDE, part)
        sld_id = etree.SubElement(self.id_list, qn("p:sldId"))
        sld_id.set("id", str(self.next_id))
        sld_id.set(qn("r:id"), rel_id)
        self.next_id += 1
        shapes = _SlideShapes(layout)

        def image_rel(path: Path) -> str:
            return part.relate_to(self.media.part(path), RT.IMAGE)

        shapes.fill(planned, self.language, image_rel)
        if planned.numbered:
            shapes.add_slide_number(number)
        notes = self._add_notes(part, number, planned.notes)
        _link_runs(shapes.root, part)
        self.texts.append(SlideText(int(sld_id.get("id")), slide_fields(shapes.root),
                                    notes_text(notes), planned.pos.file))
        part.blob = serialize_part_xml(shapes.root)

    def _layout(self, kind: str) -> _Layout:
        """The layout the template serves a kind of slide with (found by its part, since
        layouts of several masters may share a name)."""
        chosen = self.template.layout(kind)
        if chosen.part not in self.layouts:
            layout = self.by_part[chosen.part]
            self.layouts[chosen.part] = _layout(self.prs, layout, self.language, chosen)
        return self.layouts[chosen.part]

    def _add_notes(self, slide: Any, number: int, text: str) -> Any:
        """A notes slide holding the speaker notes, one paragraph a line (as python-pptx's
        TextFrame.text writes them)."""
        part = Part(PackURI(f"/ppt/notesSlides/notesSlide{number}.xml"), CT.PML_NOTES_SLIDE,
                    slide.package)
        part.relate_to(self.notes.master, RT.NOTES_MASTER)
        part.relate_to(slide, RT.SLIDE)
        slide.relate_to(part, RT.NOTES_SLIDE)
        root = _clone(self.notes.root)
        if self.notes.body is not None:
            _set_notes_text(_tree(root)[self.notes.body].find(qn("p:txBody")), text,
                            self.language)
        part.blob = serialize_part_xml(root)
        return root


def _tree(root: Any) -> Any:
    """The shape tree (p:spTree) of a slide or notes slide."""
    return root.find(qn("p:cSld")).find(qn("p:spTree"))


def _set_notes_text(tx_body: Any, text: str, language: str) -> None:
    """The notes, one paragraph a line, every run in the lecture's language."""
    for p in tx_body.findall(qn("a:p")):
        tx_body.remove(p)
    for line in text.split("\n"):
        p = etree.SubElement(tx_body, qn("a:p"))
        for k, piece in enumerate(line.split("\v")):
            if k:
                etree.SubElement(p, qn("a:br"))
            if piece:
                r = etree.SubElement(p, qn("a:r"))
                etree.SubElement(r, qn("a:rPr")).set("lang", language)
                etree.SubElement(r, qn("a:t")).text = _CONTROL.sub(
                    lambda match: f"_x{ord(match.group(1)):04X}_", piece)


class _SlideShapes:
    """The shapes of one new slide; shape ids are handed out as python-pptx hands them out
    (one more than the largest id on the slide)."""

    def __init__(self, layout: _Layout) -> None:
        self.layout = layout
        self.root = _clone(layout.root)
        self.tree = _tree(self.root)
        self.ids = list(layout.ids)
        children = list(self.tree)
        self.placeholders = [(children[i], kind, shape_id)
                             for i, kind, shape_id in layout.placeholders]

    def fill(self, planned: Slide, language: str, image_rel: Callable[[Path], str]) -> None:
        """Shapes, pictures and text boxes, in python-pptx's order of old (ids follow it)."""
        used: set[int] = set()
        title = None
        for i, plate in enumerate(planned.plates):
            self._add_plate(plate, i)
        for shape in planned.shapes:
            self._add_shape(shape)
        for picture in planned.pictures:
            self._add_picture(picture, image_rel(picture.path))
        for text in planned.texts:
            element = self._placeholder_for(text.placeholder, used)
            if element is None:
                element = self._add("textbox", text.box)
                element.find(qn("p:nvSpPr")).find(qn("p:cNvPr")).set(
                    "name", f"{text.role} {self.ids[-1]}")
            else:
                _set_box(etree.SubElement(element.find(qn("p:spPr")), qn("a:xfrm")), text.box)
            _write_text(element.find(qn("p:txBody")), text, language)
            if title is None and text.placeholder == "title":
                title = element
        for table in planned.tables:
            self._add_table(table, language)
        # No empty placeholder may stay: PowerPoint would show "Click to add text" prompts.
        for element, _, shape_id in self.placeholders:
            if shape_id not in used:
                self.tree.remove(element)
                self.ids.remove(shape_id)
        if title is not None:
            # Read first: screen readers follow the shape tree, where a layout may list its
            # title after other placeholders; only the plates (decorative) stay beneath it.
            self.tree.insert(2 + len(planned.plates), title)

    def add_slide_number(self, number: int) -> None:
        """The layout's slide-number placeholder with a slidenum field showing `number`."""
        if self.layout.number is None:
            return
        shape = _clone(self.layout.number)
        shape_id = max(self.ids) + 1
        c_nv_pr = shape.find(qn("p:nvSpPr")).find(qn("p:cNvPr"))
        c_nv_pr.set("id", str(shape_id))
        c_nv_pr.set("name", f"{c_nv_pr.get('name').rsplit(' ', 1)[0]} {shape_id - 1}")
        shape.find(f"{qn('p:txBody')}/{qn('a:p')}/{qn('a:fld')}/{qn('a:t')}").text = str(number)
        self.tree.append(shape)
        self.ids.append(shape_id)

    def _placeholder_for(self, kind: str, used: set[int]) -> Any:
        """The slide's unused placeholder of a kind ('title', 'subtitle', 'body'), or None."""
        wanted = PLACEHOLDER_KINDS.get(kind, ())
        for element, ph_type, shape_id in self.placeholders:
            if ph_type in wanted and shape_id not in used:
                used.add(shape_id)
                return element
        return None

    def _add(self, kind: str, box: Box) -> Any:
        """A copy of a prototype shape with the next id, python-pptx's name for it, its box."""
        shape_id = max(self.ids) + 1
        element = _clone(PROTOTYPES[kind])
        c_nv_pr = element[0][0]
        c_nv_pr.set("id", str(shape_id))
        c_nv_pr.set("name", f"{SHAPE_NAMES[kind]} {shape_id - 1}")
        sp_pr = element.find(qn("p:spPr"))
        # A graphic frame (a table) keeps its place in <p:xfrm>, other shapes in their spPr.
        xfrm = element.find(qn("p:xfrm")) if sp_pr is None else sp_pr.find(qn("a:xfrm"))
        _set_box(xfrm, box, fresh=False)
        self.tree.append(element)
        self.ids.append(shape_id)
        return element

    def _add_shape(self, shape: Shape) -> None:
        """A bar, dot or line of lectern's (a quote's bar, the timeline's rule and dots):
        decoration only, so marked decorative for screen readers (the text says it all)."""
        box = shape.box
        if shape.kind != "line":
            element = self._add(shape.kind, box)
            element[0][0].append(_decorative())
            _recolour(element.find(qn("p:spPr")).find(qn("a:solidFill")), shape.color)
            return
        # A line runs from the box's origin to its far corner: negative spans flip it.
        line = self._add("line", Box(min(box.x, box.x + box.w), min(box.y, box.y + box.h),
                                     abs(box.w), abs(box.h)))
        line[0][0].append(_decorative())
        sp_pr = line.find(qn("p:spPr"))
        _recolour(sp_pr.find(qn("a:ln")).find(qn("a:solidFill")), shape.color)
        xfrm = sp_pr.find(qn("a:xfrm"))
        if box.w < 0:
            xfrm.set("flipH", "1")
        if box.h < 0:
            xfrm.set("flipV", "1")

    def _add_plate(self, plate: PlateBox, index: int) -> None:
        """A plate: a plain rectangle of its colour, no outline and no effects, put beneath
        every other shape of the slide (after the tree's own two properties elements)."""
        element = self._add("bar", plate.box)
        element[0][0].set("name", f"Plate {self.ids[-1] - 1}")
        element[0][0].append(_decorative())
        fill = element.find(qn("p:spPr")).find(qn("a:solidFill"))
        _recolour(fill, plate.plate.scheme)
        if plate.plate.opacity < 1:
            etree.SubElement(fill[0], qn("a:alpha")).set(
                "val", str(round(plate.plate.opacity * 100000)))
        self.tree.insert(2 + index, element)

    def _add_table(self, table: TableBox, language: str) -> None:
        """A native table: the grid, each cell's text and margins, the rules as borders."""
        frame = self._add("table", table.box)
        tbl = frame.find(qn("a:graphic")).find(qn("a:graphicData")).find(qn("a:tbl"))
        grid = tbl.find(qn("a:tblGrid"))
        for width in table.columns:
            etree.SubElement(grid, qn("a:gridCol")).set("w", str(width))
        rules = dict(table.rules)
        for r, (height, cells) in enumerate(zip(table.rows, table.cells, strict=True)):
            row = etree.SubElement(tbl, qn("a:tr"))
            row.set("h", str(height))
            for c, cell in enumerate(cells):
                edges = (rules.get(r), rules.get(r + 1))
                row.append(_table_cell(table, c, cell, edges, language))

    def _add_picture(self, picture: Picture, rel_id: str) -> None:
        element = self._add("picture", picture.box)
        element[0][0].set("descr", picture.alt)
        element.find(qn("p:blipFill")).find(qn("a:blip")).set(qn("r:embed"), rel_id)


def _table_cell(table: TableBox, column: int, cell: TextBox,
                edges: tuple[float | None, float | None], language: str) -> Any:
    """One <a:tc>: the cell's paragraphs, margins that put its text where the plan has it,
    no fill, and a border above or below where the plan draws a rule."""
    tc = etree.Element(qn("a:tc"))
    tx_body = etree.SubElement(tc, qn("a:txBody"))
    etree.SubElement(tx_body, qn("a:bodyPr"))
    etree.SubElement(tx_body, qn("a:lstStyle"))
    for i, para in enumerate(cell.paras):
        tx_body.append(_paragraph(para, cell, i == 0, para.lang or language))
    left = cell.box.x - table.column_left(column)
    right = table.column_left(column + 1) - cell.box.x - cell.box.w
    inset = fit.emu(INSET)
    tc_pr = etree.SubElement(tc, qn("a:tcPr"))
    for name, value in (("marL", left + inset), ("marR", right + inset), ("marT", inset),
                        ("marB", inset)):
        tc_pr.set(name, str(value))
    tc_pr.set("anchor", "t")
    for tag, weight in (("a:lnL", None), ("a:lnR", None), ("a:lnT", edges[0]),
                        ("a:lnB", edges[1])):
        line = etree.SubElement(tc_pr, qn(tag))
        if weight is None:
            line.set("w", "0")
            etree.SubElement(line, qn("a:noFill"))
        else:
            line.set("w", str(fit.emu(weight)))
            _fill(line, table.rule_color)
    etree.SubElement(tc_pr, qn("a:noFill"))
    return tc


DECORATIVE = ('<a:extLst xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main">'
              '<a:ext uri="{C183D7F6-B498-43B3-948B-1728B52AA6E4}"><adec:decorative '
              'xmlns:adec="http://schemas.microsoft.com/office/drawing/2017/decorative" '
              'val="1"/></a:ext></a:extLst>')


def _decorative() -> Any:
    """The mark that tells screen readers and PowerPoint's checker a shape is decoration."""
    return etree.fromstring(DECORATIVE)


def _set_box(xfrm: Any, box: Box, fresh: bool = True) -> None:
    """Position and size in an <a:xfrm>: new children, or the prototype's own."""
    if fresh:
        etree.SubElement(xfrm, qn("a:off"))
        etree.SubElement(xfrm, qn("a:ext"))
    off, ext = xfrm
    off.set("x", str(box.x))
    off.set("y", str(box.y))
    ext.set("cx", str(box.w))
    ext.set("cy", str(box.h))


def _fill(parent: Any, colour: str) -> Any:
    """An <a:solidFill> of a theme colour (or an RRGGBB value), put first in `parent`."""
    fill = etree.Element(qn("a:solidFill"))
    _colour_element(fill, colour)
    if parent is not None:
        parent.insert(0, fill)
    return fill


def _colour_element(fill: Any, colour: str) -> None:
    if re.fullmatch(r"[0-9A-F]{6}", colour):
        etree.SubElement(fill, qn("a:srgbClr")).set("val", colour)
    else:
        etree.SubElement(fill, qn("a:schemeClr")).set("val", colour)


def _recolour(fill: Any, colour: str) -> None:
    """Give a prototype's <a:solidFill> another colour."""
    for child in list(fill):
        fill.remove(child)
    _colour_element(fill, colour)


# --- text -------------------------------------------------------------------------------


def _append_run(p: Any, text: str, r_pr: Any, url: str = "") -> None:
    """A run of text in paragraph `p` with (copies of) the run properties `r_pr`; a line
    break in the text becomes <a:br>. A link's run names its address in a LINK_ADDRESS
    attribute, which `_link_runs` turns into a relationship of the slide."""
    for k, piece in enumerate(text.split("\n")):
        if k:
            etree.SubElement(p, qn("a:br")).append(_clone(r_pr))
        if piece:
            r = etree.SubElement(p, qn("a:r"))
            props = _clone(r_pr)
            if url:
                etree.SubElement(props, qn("a:hlinkClick")).set(LINK_ADDRESS, url)
            r.append(props)
            etree.SubElement(r, qn("a:t")).text = piece


def _typeface(run: fit.Run, face: str) -> str:
    """The typeface of a run: the deck's code face for code, else the paragraph's `face`."""
    return syntax.DECK_TYPEFACE if run.font == syntax.MONO_MEASURE else face


LINK_ADDRESS = "lectern-address"  # never saved: _link_runs replaces it with r:id


def _link_runs(root: Any, part: Any) -> None:
    """Give every link run of a slide its hyperlink relationship (one per address)."""
    for link in root.iter(qn("a:hlinkClick")):
        address = link.attrib.pop(LINK_ADDRESS, None)
        if address is not None:
            link.set(qn("r:id"), part.relate_to(address, RT.HYPERLINK, is_external=True))


def _write_text(tx_body: Any, text: TextBox, language: str) -> None:
    """Replace a text body with the planned paragraphs: in a placeholder, only their size
    (the placeholder's style does the rest); in lectern's own text boxes, everything."""
    if text.style is not None:
        _write_inherited(tx_body, text, language)
        return
    body_pr = tx_body.find(qn("a:bodyPr"))
    for child in list(body_pr):
        body_pr.remove(child)
    # A template's placeholder may set vertical text or columns: lectern measured neither.
    for attr in list(body_pr.attrib):
        del body_pr.attrib[attr]
    inset = str(fit.emu(INSET))
    for attr in ("lIns", "tIns", "rIns", "bIns"):
        body_pr.set(attr, inset)
    body_pr.set("wrap", "square")
    body_pr.set("rtlCol", "0")
    body_pr.set("anchor", text.anchor)
    etree.SubElement(body_pr, qn("a:noAutofit"))
    for p in tx_body.findall(qn("a:p")):
        tx_body.remove(p)
    for i, para in enumerate(text.paras):
        tx_body.append(_paragraph(para, text, i == 0, para.lang or language))


def _write_inherited(tx_body: Any, text: TextBox, language: str) -> None:
    """The paragraphs of a placeholder: the frame keeps what the template sets (insets,
    anchor, wrap, autofit), vertical text and columns excepted, which lectern does not
    measure; a template's normAutofit is written afresh, at full scale (lectern's sizes fit
    without it; PowerPoint shrinks the text only once someone edits it)."""
    style = text.style
    assert style is not None
    body_pr = tx_body.find(qn("a:bodyPr"))
    for child in list(body_pr):
        body_pr.remove(child)
    for attr in list(body_pr.attrib):
        del body_pr.attrib[attr]
    if style.vert != "horz":
        body_pr.set("vert", "horz")
    if style.columns != 1:
        body_pr.set("numCol", "1")
    if style.autofit == "norm":
        etree.SubElement(body_pr, qn("a:normAutofit"))
    for p in tx_body.findall(qn("a:p")):
        tx_body.remove(p)
    for para in text.paras:
        tx_body.append(_inherited_paragraph(para, text, para.lang or language))


def _inherited_paragraph(para: Paragraph, text: TextBox, lang: str) -> Any:
    """A paragraph of a placeholder: its runs at the planned size, bold and italic where
    lectern's text is (the style's own are measured in), nothing else of lectern's unless
    the paragraph is not what the style makes it (a plain paragraph where the style has
    bullets, a numbered list), or the template shows a property only in sample text."""
    assert text.style is not None
    level = text.style.first
    p = etree.Element(qn("a:p"))
    kind = "number" if para.bullet == "number" else \
        "plain" if not para.bullet and level.bullet.kind != "none" else ""
    # Numbers hang where the style's bullets stand, as far out as lectern measured them.
    hang = fit.emu(para.indent_em * text.size) if kind == "number" else 0
    start = text.paras[0].number if kind == "number" else 0
    if kind or level.explicit:
        p.append(_clone(_inherited_props(level, kind, hang, start)))
    size = round(text.size * 100)
    colour = text.color if text.recolour or "colour" in level.explicit else ""
    # A face lectern cannot measure is replaced by the one it measured (font.theme names it).
    face = text.font.typeface if text.font.theme or "font" in level.explicit else ""
    for run in para.runs:
        _append_run(p, run.text, _inherited_run_props("a:rPr", lang, size, run.bold, run.italic,
                                                      colour, _typeface(run, face)), run.url)
    p.append(_clone(_inherited_run_props("a:endParaRPr", lang, size, False, False, colour,
                                         face)))
    return p


@functools.lru_cache(maxsize=256)
def _inherited_props(level: LevelStyle, kind: str, hang: int, start: int) -> Any:
    """A placeholder paragraph's properties: those the template shows only in sample text,
    and where lectern's paragraph differs from the style, "plain" (no bullet) or "number"
    (automatic numbers where the style's bullet stands, the text `hang` further in)."""
    explicit = level.explicit
    p_pr = etree.Element(qn("a:pPr"))
    if kind == "plain":
        p_pr.set("marL", "0")
        p_pr.set("indent", "0")
    elif kind == "number":
        p_pr.set("marL", str(max(0, level.margin + level.indent) + hang))
        p_pr.set("indent", str(-hang))
    elif "margin" in explicit or "indent" in explicit:
        p_pr.set("marL", str(level.margin))
        p_pr.set("indent", str(level.indent))
    if "align" in explicit:
        p_pr.set("algn", level.align)
    for name, tag in (("line_spacing", "a:lnSpc"), ("space_before", "a:spcBef"),
                      ("space_after", "a:spcAft")):
        if name in explicit:
            _spacing(etree.SubElement(p_pr, qn(tag)), getattr(level, name))
    if kind == "plain":
        etree.SubElement(p_pr, qn("a:buNone"))
    elif kind == "number":
        auto = etree.SubElement(p_pr, qn("a:buAutoNum"))
        auto.set("type", "arabicPeriod")
        if start > 1:
            auto.set("startAt", str(start))
    elif "bullet" in explicit:
        _bullet_of(p_pr, level.bullet)
    return p_pr


def _spacing(parent: Any, spacing: Spacing) -> None:
    if spacing.points is not None:
        etree.SubElement(parent, qn("a:spcPts")).set("val", str(round(spacing.points * 100)))
    else:
        etree.SubElement(parent, qn("a:spcPct")).set(
            "val", str(round((spacing.pct or 0.0) * 100000)))


def _bullet_of(p_pr: Any, bullet: BulletStyle) -> None:
    """A template's bullet as its sample text shows it."""
    if bullet.kind == "none":
        etree.SubElement(p_pr, qn("a:buNone"))
        return
    if bullet.colour:
        _colour_element(etree.SubElement(p_pr, qn("a:buClr")), bullet.colour)
    if bullet.size_pct != 1.0:
        etree.SubElement(p_pr, qn("a:buSzPct")).set("val", str(round(bullet.size_pct * 100000)))
    if bullet.typeface:
        etree.SubElement(p_pr, qn("a:buFont")).set("typeface", bullet.typeface)
    if bullet.kind == "autonum":
        etree.SubElement(p_pr, qn("a:buAutoNum")).set("type", bullet.autonum)
    else:
        etree.SubElement(p_pr, qn("a:buChar")).set("char", bullet.char)


@functools.lru_cache(maxsize=1024)
def _inherited_run_props(tag: str, lang: str, size: int, bold: bool, italic: bool,
                         colour: str, typeface: str) -> Any:
    r_pr = etree.Element(qn(tag))
    r_pr.set("lang", lang)
    r_pr.set("sz", str(size))
    if bold:
        r_pr.set("b", "1")
    if italic:
        r_pr.set("i", "1")
    if colour:
        _fill(r_pr, colour)
    if typeface:
        for face in ("a:latin", "a:cs"):
            etree.SubElement(r_pr, qn(face)).set("typeface", typeface)
    return r_pr


def _paragraph(para: Paragraph, text: TextBox, first: bool, lang: str) -> Any:
    p = etree.Element(qn("a:p"))
    margin = fit.emu(para.indent_em * text.size)
    # No space above the first paragraph: renderers disagree on it at the top of a frame.
    before = 0 if first else round(para.space_em * text.size * 100)
    start = text.paras[0].number if para.bullet == "number" else 0
    p.append(_clone(_paragraph_props(text.align, margin, para.bullet,
                                     round(text.line_spacing * 100000), before, start,
                                     text.bullet_color)))
    size = round(text.size * 100)
    face = text.font.typeface
    for run in para.runs:
        _append_run(p, run.text, _run_props("a:rPr", lang, size, run.bold, run.italic,
                                            run.color or text.color, _typeface(run, face)),
                    run.url)
    p.append(_clone(_run_props("a:endParaRPr", lang, size, False, False, text.color, face)))
    return p


# Paragraph and run properties repeat on every slide: each kind is built once and copied
# (the cached elements are shared, so callers must copy them, never change them).
@functools.lru_cache(maxsize=1024)
def _paragraph_props(align: str, margin: int, bullet: str, spacing: int, before: int,
                     start: int, colour: str) -> Any:
    p_pr = etree.Element(qn("a:pPr"))
    p_pr.set("algn", align)
    p_pr.set("marL", str(margin))
    p_pr.set("indent", str(-margin if bullet else 0))
    etree.SubElement(etree.SubElement(p_pr, qn("a:lnSpc")), qn("a:spcPct")).set(
        "val", str(spacing))
    etree.SubElement(etree.SubElement(p_pr, qn("a:spcBef")), qn("a:spcPts")).set(
        "val", str(before))
    # Space after comes from a template's styles otherwise, unmeasured.
    etree.SubElement(etree.SubElement(p_pr, qn("a:spcAft")), qn("a:spcPts")).set("val", "0")
    _bullet(p_pr, bullet, start, colour)
    return p_pr


def _bullet(p_pr: Any, bullet: str, start: int, colour: str) -> None:
    if not bullet:
        etree.SubElement(p_pr, qn("a:buNone"))
        return
    _colour_element(etree.SubElement(p_pr, qn("a:buClr")), colour)
    if bullet == "number":
        etree.SubElement(p_pr, qn("a:buFont")).set("typeface", "+mj-lt")
        auto = etree.SubElement(p_pr, qn("a:buAutoNum"))
        auto.set("type", "arabicPeriod")
        if start > 1:
            auto.set("startAt", str(start))
    else:
        etree.SubElement(p_pr, qn("a:buFont")).set("typeface", "Arial")
        etree.SubElement(p_pr, qn("a:buChar")).set("char", "•")


@functools.lru_cache(maxsize=1024)
def _run_props(tag: str, lang: str, size: int, bold: bool, italic: bool, colour: str,
               typeface: str) -> Any:
    r_pr = etree.Element(qn(tag))
    r_pr.set("lang", lang)
    r_pr.set("sz", str(size))
    r_pr.set("b", "1" if bold else "0")
    r_pr.set("i", "1" if italic else "0")
    # Capitals, letter spacing and baseline shifts from a template's styles would change
    # the widths lectern measured.
    r_pr.set("cap", "none")
    r_pr.set("spc", "0")
    r_pr.set("baseline", "0")
    r_pr.set("dirty", "0")
    _fill(r_pr, colour)
    for face in ("a:latin", "a:cs"):
        etree.SubElement(r_pr, qn(face)).set("typeface", typeface)
    return r_pr


def _set_core(prs: Any, lecture: m.Lecture) -> None:
    """Every core property, dated from the lecture (never the clock)."""
    props = prs.core_properties
    stamp = dt.datetime.combine(lecture.date, dt.time(0, 0))
    props.title = _clip(lecture.title)
    props.author = _clip("; ".join(lecture.authors))
    props.subject = _clip(lecture.description or lecture.subtitle)
    props.keywords = _clip(", ".join(lecture.keywords))
    props.language = lecture.language
    props.category = "lecture"
    # The licence and the credit first: a reader of the file's properties looks there.
    props.comments = _clip(" ".join((*credits(lecture), lecture.basis)).strip())
    props.last_modified_by = _clip(lecture.authors[0] if lecture.authors else "lectern")
    props.created = props.modified = props.last_printed = stamp
    props.revision = 1
    props.identifier = lecture.name
    props.content_status = ""
    props.version = ""


EXTENDED = "http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"
VT = "http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes"
_NOT_XML = re.compile("[\x00-\x08\x0B\x0C\x0E-\x1F\uFFFE\uFFFF]")


def _set_app(prs: Any, plan: DeckPlan) -> None:
    """docProps/app.xml describing this deck: lectern, its slide count and slide titles
    (a template's own would still count its slides and name its application)."""
    package = prs.part.package
    root = etree.Element(f"{{{EXTENDED}}}Properties", nsmap={None: EXTENDED, "vt": VT})
    titles = [_NOT_XML.sub("", s.title) for s in plan.slides]
    for name, value in (("Application", "lectern"), ("PresentationFormat", "Custom"),
                        ("Slides", str(len(titles))), ("Notes", str(len(titles))),
                        ("HiddenSlides", "0"), ("ScaleCrop", "false")):
        etree.SubElement(root, f"{{{EXTENDED}}}{name}").text = value
    pairs = etree.SubElement(etree.SubElement(root, f"{{{EXTENDED}}}HeadingPairs"),
                             f"{{{VT}}}vector", size="2", baseType="variant")
    etree.SubElement(etree.SubElement(pairs, f"{{{VT}}}variant"),
                     f"{{{VT}}}lpstr").text = "Slide Titles"
    etree.SubElement(etree.SubElement(pairs, f"{{{VT}}}variant"),
                     f"{{{VT}}}i4").text = str(len(titles))
    parts = etree.SubElement(etree.SubElement(root, f"{{{EXTENDED}}}TitlesOfParts"),
                             f"{{{VT}}}vector", size=str(len(titles)), baseType="lpstr")
    for title in titles:
        etree.SubElement(parts, f"{{{VT}}}lpstr").text = title
    for name, value in (("LinksUpToDate", "false"), ("SharedDoc", "false"),
                        ("HyperlinksChanged", "false")):
        etree.SubElement(root, f"{{{EXTENDED}}}{name}").text = value
    part = Part(PackURI("/docProps/app.xml"), CT.OFC_EXTENDED_PROPERTIES, package,
                etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True))
    package.relate_to(part, RT.EXTENDED_PROPERTIES)


CUSTOM_PROPERTIES = "application/vnd.openxmlformats-officedocument.custom-properties+xml"


def _set_provenance(prs: Any, slides: list[SlideText], lecture: m.Lecture) -> None:
    """docProps/custom.xml recording which source text each slide text was made from, for
    `lectern sync` (taken from the slides as written, so it records what the deck holds)."""
    package = prs.part.package
    part = Part(PackURI("/docProps/custom.xml"), CUSTOM_PROPERTIES, package,
                provenance_xml(lecture, slides))
    package.relate_to(part, RT.CUSTOM_PROPERTIES)


def _clip(text: str, limit: int = 255) -> str:
    """Metadata text within python-pptx's 255-character limit, cut at a word."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    return text[: limit - 1].rsplit(" ", 1)[0] + "…"
