"""The deck writer: turns a DeckPlan into .pptx bytes (the only module that imports python-pptx)."""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from collections.abc import Iterable
from typing import Any

from lxml import etree
from pptx import Presentation
from pptx.enum.shapes import MSO_CONNECTOR, MSO_SHAPE, PP_PLACEHOLDER
from pptx.opc.constants import CONTENT_TYPE as CT
from pptx.opc.constants import RELATIONSHIP_TYPE as RT
from pptx.opc.packuri import PackURI
from pptx.oxml.ns import qn
from pptx.oxml.slide import CT_NotesSlide
from pptx.parts.slide import NotesSlidePart, SlidePart
from pptx.util import Emu, Pt

from .. import fit
from .. import model as m
from .deck_plan import INSET, DeckPlan, Paragraph, Shape, Slide, TextBox

# The font the deck names: every PowerPoint has Calibri; lectern measures it as Carlito.
FONT = "Calibri"
ZIP_TIME = (1980, 1, 1, 0, 0, 0)
PLACEHOLDER_KINDS = {
    "title": (PP_PLACEHOLDER.TITLE, PP_PLACEHOLDER.CENTER_TITLE),
    "subtitle": (PP_PLACEHOLDER.SUBTITLE,),
    "body": (PP_PLACEHOLDER.BODY, PP_PLACEHOLDER.OBJECT),
}
SLIDE_NUMBER_ID = "{4F2D6C1A-7E0B-4C55-9A51-6C2E3B1D9F01}"


def render_deck(plan: DeckPlan, lecture: m.Lecture) -> dict[str, bytes]:
    """Write the planned deck; return {'<name>.pptx': bytes}, identical for identical input."""
    prs = Presentation(str(plan.template))
    _drop_slides(prs)
    prs.slide_width, prs.slide_height = Emu(plan.width), Emu(plan.height)
    notes_master = prs.part.notes_master_part
    layouts = {name: prs.slide_layouts.get_by_name(name)
               for name in sorted({s.layout for s in plan.slides})}
    for number, planned in enumerate(plan.slides, start=1):
        slide = _add_slide(prs, layouts[planned.layout], number)
        _fill_slide(slide, planned, lecture.language)
        if planned.numbered:
            _add_slide_number(slide, number, lecture.language)
        _add_notes(slide, number, planned.notes, notes_master)
    _set_core(prs, lecture)
    buffer = io.BytesIO()
    prs.save(buffer)
    return {f"{lecture.name}.pptx": stable_zip(buffer.getvalue())}


def stable_zip(data: bytes) -> bytes:
    """Re-zip an archive with fixed entry times and a fixed order, so builds are byte-identical."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w") as dst:
        names = src.namelist()
        first = [n for n in ("[Content_Types].xml", "_rels/.rels") if n in names]
        for name in first + sorted(n for n in names if n not in first):
            info = zipfile.ZipInfo(name, date_time=ZIP_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            dst.writestr(info, src.read(name))
    return out.getvalue()


def _drop_slides(prs: Any) -> None:
    """Remove any slides a template brings (python-pptx has no API for it)."""
    id_list = prs.slides._sldIdLst
    for sld_id in list(id_list):
        prs.part.drop_rel(sld_id.rId)
        id_list.remove(sld_id)


# --- slides -----------------------------------------------------------------------------


def _add_slide(prs: Any, layout: Any, number: int) -> Any:
    """A new slide on `layout`. python-pptx's add_slide relates the slide to the presentation
    through a search of all its relationships (quadratic in slides); we know it is new."""
    part = SlidePart.new(PackURI(f"/ppt/slides/slide{number}.xml"), prs.part.package,
                         layout.part)
    rel_id = prs.part.rels._add_relationship(RT.SLIDE, part)
    slide = part.slide
    slide.shapes.clone_layout_placeholders(layout)
    prs.slides._sldIdLst.add_sldId(rel_id)
    return slide


def _fill_slide(slide: Any, planned: Slide, language: str) -> None:
    used: set[int] = set()
    for shape in planned.shapes:
        _add_shape(slide, shape)
    for picture in planned.pictures:
        pic = slide.shapes.add_picture(str(picture.path), picture.box.x, picture.box.y,
                                       picture.box.w, picture.box.h)
        pic._element.nvPicPr.cNvPr.set("descr", picture.alt)
    for text in planned.texts:
        shape = _placeholder_for(slide, text.placeholder, used)
        if shape is None:
            shape = slide.shapes.add_textbox(text.box.x, text.box.y, text.box.w, text.box.h)
            shape.name = f"{text.role} {shape.shape_id}"
        else:
            used.add(shape.shape_id)
            shape.left, shape.top, shape.width, shape.height = (
                text.box.x, text.box.y, text.box.w, text.box.h)
        _write_text(shape.text_frame._txBody, text, language)
    # No empty placeholder may stay: PowerPoint would show "Click to add text" prompts.
    for shape in list(slide.placeholders):
        if shape.shape_id not in used:
            shape._element.getparent().remove(shape._element)


def _placeholder_for(slide: Any, kind: str, used: set[int]) -> Any:
    """The slide's unused placeholder of a kind ('title', 'subtitle', 'body'), or None."""
    wanted = PLACEHOLDER_KINDS.get(kind, ())
    for shape in slide.placeholders:
        if shape.placeholder_format.type in wanted and shape.shape_id not in used:
            return shape
    return None


def _add_shape(slide: Any, shape: Shape) -> None:
    box = shape.box
    if shape.kind == "line":
        line = slide.shapes.add_connector(MSO_CONNECTOR.STRAIGHT, box.x, box.y,
                                          box.x + box.w, box.y + box.h)
        line.line.width = Pt(2.5)
        _scheme_fill(line._element.spPr.get_or_add_ln(), "tx2")
        return
    kind = MSO_SHAPE.OVAL if shape.kind == "dot" else MSO_SHAPE.RECTANGLE
    drawn = slide.shapes.add_shape(kind, box.x, box.y, box.w, box.h)
    drawn.line.fill.background()
    sp_pr = drawn._element.spPr
    fill = _scheme_fill(None, "accent1")
    sp_pr.insert(list(sp_pr).index(sp_pr.find(qn("a:prstGeom"))) + 1, fill)
    for child in (drawn._element.find(qn("p:style")), drawn._element.find(qn("p:txBody"))):
        if child is not None:
            drawn._element.remove(child)


def _scheme_fill(parent: Any, colour: str) -> Any:
    """An <a:solidFill> of a theme colour, appended to `parent` when given."""
    fill = etree.Element(qn("a:solidFill"))
    etree.SubElement(fill, qn("a:schemeClr")).set("val", colour)
    if parent is not None:
        parent.insert(0, fill)
    return fill


# --- text -------------------------------------------------------------------------------


def _write_text(tx_body: Any, text: TextBox, language: str) -> None:
    """Replace a text body with the planned paragraphs: fixed size, wrap on, no autofit."""
    body_pr = tx_body.find(qn("a:bodyPr"))
    for child in list(body_pr):
        body_pr.remove(child)
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


def _paragraph(para: Paragraph, text: TextBox, first: bool, lang: str) -> Any:
    p = etree.Element(qn("a:p"))
    p_pr = etree.SubElement(p, qn("a:pPr"))
    p_pr.set("algn", text.align)
    margin = fit.emu(para.indent_em * text.size)
    p_pr.set("marL", str(margin))
    p_pr.set("indent", str(-margin if para.bullet else 0))
    spacing = etree.SubElement(etree.SubElement(p_pr, qn("a:lnSpc")), qn("a:spcPct"))
    spacing.set("val", str(round(text.line_spacing * 100000)))
    # No space above the first paragraph: renderers disagree on it at the top of a frame.
    before = 0 if first else round(para.space_em * text.size * 100)
    etree.SubElement(etree.SubElement(p_pr, qn("a:spcBef")), qn("a:spcPts")).set(
        "val", str(before))
    _bullet(p_pr, para, text)
    for run in para.runs:
        for k, piece in enumerate(run.text.split("\n")):
            if k:
                etree.SubElement(p, qn("a:br")).append(_run_props(run, text, lang, "a:rPr"))
            if piece:
                r = etree.SubElement(p, qn("a:r"))
                r.append(_run_props(run, text, lang, "a:rPr"))
                etree.SubElement(r, qn("a:t")).text = piece
    p.append(_run_props(fit.Run(""), text, lang, "a:endParaRPr"))
    return p


def _bullet(p_pr: Any, para: Paragraph, text: TextBox) -> None:
    if not para.bullet:
        etree.SubElement(p_pr, qn("a:buNone"))
        return
    _scheme_fill(etree.SubElement(p_pr, qn("a:buClr")), "accent1")
    if para.bullet == "number":
        etree.SubElement(p_pr, qn("a:buFont")).set("typeface", "+mj-lt")
        auto = etree.SubElement(p_pr, qn("a:buAutoNum"))
        auto.set("type", "arabicPeriod")
        first = text.paras[0].number
        if first > 1:
            auto.set("startAt", str(first))
    else:
        etree.SubElement(p_pr, qn("a:buFont")).set("typeface", "Arial")
        etree.SubElement(p_pr, qn("a:buChar")).set("char", "•")


def _run_props(run: fit.Run, text: TextBox, lang: str, tag: str) -> Any:
    r_pr = etree.Element(qn(tag))
    r_pr.set("lang", lang)
    r_pr.set("sz", str(round(text.size * 100)))
    r_pr.set("b", "1" if run.bold else "0")
    r_pr.set("i", "1" if run.italic else "0")
    r_pr.set("dirty", "0")
    _scheme_fill(r_pr, text.color)
    for face in ("a:latin", "a:cs"):
        etree.SubElement(r_pr, qn(face)).set("typeface", FONT)
    return r_pr


# --- slide numbers and notes ------------------------------------------------------------


def _add_slide_number(slide: Any, number: int, language: str) -> None:
    """Clone the layout's slide-number placeholder and put a slidenum field in it."""
    source = next((s for s in slide.slide_layout.placeholders
                   if s.placeholder_format.type == PP_PLACEHOLDER.SLIDE_NUMBER), None)
    if source is None:
        return
    slide.shapes.clone_placeholder(source)
    shape = slide.shapes[-1]
    tx_body = shape._element.get_or_add_txBody()
    body_pr = tx_body.find(qn("a:bodyPr"))
    body_pr.set("wrap", "square")
    for child in list(body_pr):
        body_pr.remove(child)
    etree.SubElement(body_pr, qn("a:noAutofit"))
    for p in tx_body.findall(qn("a:p")):
        tx_body.remove(p)
    p = etree.SubElement(tx_body, qn("a:p"))
    etree.SubElement(p, qn("a:pPr")).set("algn", "r")
    field = etree.SubElement(p, qn("a:fld"))
    field.set("id", SLIDE_NUMBER_ID)
    field.set("type", "slidenum")
    r_pr = etree.SubElement(field, qn("a:rPr"))
    r_pr.set("lang", language)
    r_pr.set("sz", "1400")
    etree.SubElement(field, qn("a:t")).text = str(number)


def _add_notes(slide: Any, number: int, notes: str, master_part: Any) -> None:
    """A notes slide with a partname we choose: python-pptx's own naming scans every part
    for each new notes slide, which made notes 64 % of the time of a 900-slide deck."""
    part = NotesSlidePart(PackURI(f"/ppt/notesSlides/notesSlide{number}.xml"),
                          CT.PML_NOTES_SLIDE, slide.part.package, CT_NotesSlide.new())
    part.relate_to(master_part, RT.NOTES_MASTER)
    part.relate_to(slide.part, RT.SLIDE)
    slide.part.relate_to(part, RT.NOTES_SLIDE)
    notes_slide = part.notes_slide
    notes_slide.clone_master_placeholders(master_part.notes_master)
    frame = notes_slide.notes_text_frame
    if frame is not None:
        frame.text = notes


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
    props.comments = _clip(lecture.basis)
    props.last_modified_by = _clip(lecture.authors[0] if lecture.authors else "lectern")
    props.created = props.modified = props.last_printed = stamp
    props.revision = 1
    props.identifier = lecture.name
    props.content_status = ""
    props.version = ""


def _clip(text: str, limit: int = 255) -> str:
    """Metadata text within python-pptx's 255-character limit, cut at a word."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    return text[: limit - 1].rsplit(" ", 1)[0] + "…"


def shapes_with_text(slide: Any) -> Iterable[Any]:
    """The shapes of a slide that hold text (for checks)."""
    return (s for s in slide.shapes if s.has_text_frame and s.text_frame.text.strip())
