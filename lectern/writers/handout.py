"""The printed handout: the slides PDF's pages placed as vector forms on office paper,
framed by ruled lines or speaker notes, slide numbers, the title and page numbers."""

from __future__ import annotations

import re
from html import escape
from io import BytesIO

import pikepdf

from .. import model as m
from .handout_layout import Handout, Page, plan_handout
from .slides_pdf import block_top, css_len, document_html, html_pdf

GREY = (0.54, 0.54, 0.54)  # rules and frames: visible when printed, quieter than the text
TEXT = "#1C1C1C"
HAIRLINE = 0.5  # points: the ruled lines and the frame round each slide


def handout_pdf(slides: bytes, notes: list[str], lecture: m.Lecture) -> bytes:
    """The handout of a slides PDF (`notes`: each slide's speaker notes); nothing written."""
    source = pikepdf.Pdf.open(BytesIO(slides))
    box = source.pages[0].mediabox
    aspect = float(box[2] - box[0]) / float(box[3] - box[1])
    plan = plan_handout(lecture, aspect, notes)
    frame = _frame_pdf(plan, lecture)
    return _place_slides(frame, source, plan)


def _frame_pdf(plan: Handout, lecture: m.Lecture) -> bytes:
    """The handout's own text, laid out by WeasyPrint: text stays text, fonts embedded."""
    css = (f"@page {{ size: {css_len(plan.width)}pt {css_len(plan.height)}pt; margin: 0 }}\n"
           f".slide {{ width: {css_len(plan.width)}pt; height: {css_len(plan.height)}pt }}")
    body = "\n".join(_page_html(page) for page in plan.pages)
    return html_pdf(document_html(lecture, css, body), lecture)


def _page_html(page: Page) -> str:
    parts = ['<section class="slide handout">']
    for text in page.texts:
        weight = "; font-weight: 700" if text.role == "number" else ""
        top = block_top(text.baseline, text.size, text.size)
        parts.append(
            f'<p class="ln" style="left: {css_len(text.x)}pt; top: {css_len(top)}pt;'
            f" width: {css_len(text.width)}pt; font-size: {css_len(text.size)}pt; line-height: 1;"
            f' color: {TEXT}; text-align: {text.align}{weight}">{escape(text.text)}</p>')
    parts.append("</section>")
    return "\n".join(parts)


def _lines(page: Page, height: float) -> str:
    """The page's ruled lines and a hairline frame just outside each slide, as PDF path
    operators (drawn directly: hundreds of boxes would cost WeasyPrint more than the text)."""
    ops = [f"{HAIRLINE} w {' '.join(f'{c:.2f}' for c in GREY)} RG"]
    for rule in page.rules:
        y = height - rule.y
        ops.append(f"{rule.x0:.2f} {y:.2f} m {rule.x1:.2f} {y:.2f} l S")
    for _, rect in page.slides:
        half = HAIRLINE / 2
        ops.append(f"{rect.x - half:.2f} {height - rect.y - rect.h - half:.2f} "
                   f"{rect.w + HAIRLINE:.2f} {rect.h + HAIRLINE:.2f} re S")
    return "/Artifact BMC q " + "\n".join(ops) + " Q EMC"


def _place_slides(frame: bytes, source: pikepdf.Pdf, plan: Handout) -> bytes:
    """Draw each slide page as a Form XObject into its place on the frame's pages."""
    target = pikepdf.Pdf.open(BytesIO(frame))
    forms: dict[int, pikepdf.Object] = {}
    for page, planned in zip(target.pages, plan.pages, strict=True):
        drawing = []
        drawing.append(_lines(planned, plan.height))
        for index, rect in planned.slides:
            if index not in forms:
                forms[index] = target.copy_foreign(_form(source.pages[index]))
            name = page.add_resource(forms[index], pikepdf.Name.XObject,
                                     pikepdf.Name(f"/S{index + 1}"))
            slide = source.pages[index].mediabox
            scale = rect.w / float(slide[2] - slide[0])
            y = plan.height - rect.y - rect.h
            # Marked as an artifact: the handout's tags cover its own text; the slides PDF
            # is the tagged, readable version of the slides.
            drawing.append(f"/Artifact BMC q {scale:.6f} 0 0 {scale:.6f} {rect.x:.4f} "
                           f"{y:.4f} cm {name} Do Q EMC")
        # WeasyPrint's page content leaves its own transformation in force: enclose it.
        page.contents_add(target.make_stream(b"q\n"), prepend=True)
        page.contents_add(target.make_stream("\nQ\n".encode("ascii")
                                             + "\n".join(drawing).encode("ascii")))
    out = BytesIO()
    target.save(out, deterministic_id=True, compress_streams=True,
                object_stream_mode=pikepdf.ObjectStreamMode.generate)
    return out.getvalue()


# Marked-content operators as WeasyPrint writes them. Its text is shown as hex strings,
# which cannot hold "/", "<<" or "M", so these patterns only ever match operators.
_MARKED = re.compile(rb"/[A-Za-z]+\s*<<[^<>]*>>\s*BDC|/[A-Za-z]+\s+BMC|\bEMC\b")


def _form(page: pikepdf.Page) -> pikepdf.Object:
    """A slide page as a form whose content has no marked-content tags of its own (they
    belong to the slides PDF's structure, not the handout's)."""
    form = page.as_form_xobject()
    form.write(_MARKED.sub(b"", form.read_bytes()))
    return form
