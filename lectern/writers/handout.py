"""The printed handout: the slides PDF's pages placed as vector forms on office paper,
framed by ruled lines or speaker notes, slide numbers, the title and page numbers."""

from __future__ import annotations

from html import escape
from io import BytesIO

import pikepdf

from .. import model as m
from .handout_layout import Handout, Page, Rect, plan_handout
from .slides_pdf import _n, document_html, layout_html

GREY = "#8A8A8A"  # rules and slide frames: visible when printed, quieter than the text
TEXT = "#1C1C1C"
FRAME = 0.5  # points: the hairline round each slide


def handout_pdf(slides: bytes, notes: list[str], lecture: m.Lecture) -> bytes:
    """The handout of a slides PDF (`notes`: each slide's speaker notes); nothing written."""
    source = pikepdf.Pdf.open(BytesIO(slides))
    box = source.pages[0].mediabox
    aspect = float(box[2] - box[0]) / float(box[3] - box[1])
    plan = plan_handout(lecture, aspect, notes)
    frame = _frame_pdf(plan, lecture)
    return _place_slides(frame, source, plan)


def _frame_pdf(plan: Handout, lecture: m.Lecture) -> bytes:
    """Everything but the slides, laid out by WeasyPrint: text stays text, fonts embedded."""
    from weasyprint.text.fonts import FontConfiguration

    from .booklet import _pdf_options as pdf_options
    from .booklet import _source_date as source_date

    css = (f"@page {{ size: {_n(plan.width)}pt {_n(plan.height)}pt; margin: 0 }}\n"
           f".slide {{ width: {_n(plan.width)}pt; height: {_n(plan.height)}pt }}")
    body = "\n".join(_page_html(page) for page in plan.pages)
    document = layout_html(document_html(lecture, css, body), lecture, FontConfiguration())
    with source_date(lecture.date):
        data = document.write_pdf(**pdf_options(lecture))
    assert isinstance(data, bytes)
    return data


def _page_html(page: Page) -> str:
    parts = ['<section class="slide handout">']
    for rule in page.rules:
        parts.append(f'<div class="rule" style="left: {_n(rule.x0)}pt; top: {_n(rule.y)}pt; '
                     f'width: {_n(rule.x1 - rule.x0)}pt; border-top: 0.5pt solid {GREY}">'
                     "</div>")
    for _, rect in page.slides:
        parts.append(f'<div class="rule" style="{_frame_style(rect)}"></div>')
    for text in page.texts:
        weight = "; font-weight: 700" if text.role == "number" else ""
        # A line box as tall as the size puts the baseline at 0.75 of it (Carlito's ascent).
        parts.append(
            f'<p class="ln" style="left: {_n(text.x)}pt; top: {_n(text.baseline - 0.75 * text.size)}pt;'
            f" width: {_n(text.width)}pt; font-size: {_n(text.size)}pt; line-height: 1;"
            f' color: {TEXT}; text-align: {text.align}{weight}">{escape(text.text)}</p>')
    parts.append("</section>")
    return "\n".join(parts)


def _frame_style(rect: Rect) -> str:
    """A hairline just outside the slide, so that it never covers the slide's edge."""
    return (f"left: {_n(rect.x - FRAME)}pt; top: {_n(rect.y - FRAME)}pt; "
            f"width: {_n(rect.w)}pt; height: {_n(rect.h)}pt; border: {_n(FRAME)}pt solid {GREY}")


def _place_slides(frame: bytes, source: pikepdf.Pdf, plan: Handout) -> bytes:
    """Draw each slide page as a Form XObject into its place on the frame's pages."""
    target = pikepdf.Pdf.open(BytesIO(frame))
    forms: dict[int, pikepdf.Object] = {}
    for page, planned in zip(target.pages, plan.pages, strict=True):
        drawing = []
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


def _form(page: pikepdf.Page) -> pikepdf.Object:
    """A slide page as a form whose content has no marked-content tags of its own (they
    belong to the slides PDF's structure, not the handout's)."""
    form = page.as_form_xobject()
    commands = [(operands, operator) for operands, operator in pikepdf.parse_content_stream(form)
                if str(operator) not in ("BDC", "BMC", "EMC")]
    form.write(pikepdf.unparse_content_stream(commands))
    return form
