"""Checks of a planned deck: the template, the pictures, the glyphs the deck font lacks."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

from PIL import Image

from ... import fit
from ... import model as m
from ...diagnostics import Collector, Diagnostic
from ...limits import MAX_SLIDES
from .geometry import LAYOUTS
from .kinds.figure import chapter_figures
from .plan import plan_deck
from .types import DeckPlan


def template_layouts(path: Path) -> list[str]:
    """The layout names of a .pptx template, read from its XML (no pptx import needed)."""
    names: list[str] = []
    with zipfile.ZipFile(path) as archive:
        for name in sorted(archive.namelist()):
            if re.fullmatch(r"ppt/slideLayouts/slideLayout\d+\.xml", name):
                found = re.search(rb'<p:cSld[^>]*\sname="([^"]*)"', archive.read(name))
                if found:
                    names.append(found.group(1).decode("utf-8"))
    return names


def check_template(lecture: m.Lecture) -> list[Diagnostic]:
    """Errors for a lecture template that is missing, unreadable or lacks layouts."""
    path = lecture.deck.template
    if path is None:
        return []
    diag = Collector()
    try:
        names = template_layouts(path)
    except (OSError, zipfile.BadZipFile) as exc:
        diag.error(lecture.deck.pos, f"cannot read the deck template {path.name}: {exc}")
        return diag.items
    missing = [n for n in LAYOUTS if n not in names]
    if missing:
        diag.error(lecture.deck.pos, f"the deck template {path.name} lacks the layouts "
                   + ", ".join(f"'{n}'" for n in missing),
                   "rename layouts in PowerPoint (View > Slide Master) or start from "
                   "layouts/default/deck/template.pptx")
    return diag.items


def check_glyphs(plan: DeckPlan) -> list[Diagnostic]:
    """Warnings for characters the deck font (Calibri, measured as Carlito) lacks."""
    diag = Collector()
    for slide in plan.slides:
        text = "".join(p.text for t in slide.texts for p in t.paras)
        missing = fit.missing_glyphs(text)
        if missing:
            diag.warning(slide.pos, "the deck font cannot show "
                         + " ".join(sorted(missing)) + "; these characters may look wrong")
    return diag.items


def check_pictures(lecture: m.Lecture) -> list[Diagnostic]:
    """Errors for figures whose file is not a picture the deck can hold."""
    diag = Collector()
    for chapter in lecture.chapters:
        for figure in chapter_figures(chapter):
            try:
                with Image.open(figure.path) as img:
                    kind = img.format
            except OSError:
                diag.error(figure.pos, f"cannot read the picture {figure.path.name}")
                continue
            if kind not in ("PNG", "JPEG", "GIF", "BMP", "TIFF"):
                diag.error(figure.pos, f"the deck cannot hold {kind} pictures "
                           f"({figure.path.name}); use PNG or JPEG")
    return diag.items


def check_deck(lecture: m.Lecture) -> list[Diagnostic]:
    """Every problem the deck would have: template errors, pictures, splits and glyphs."""
    return plan_problems(lecture, plan_deck(lecture))


def plan_problems(lecture: m.Lecture, plan: DeckPlan) -> list[Diagnostic]:
    """The problems of a plan already made for `lecture` (so a build plans only once)."""
    return check_template(lecture) + check_pictures(lecture) + list(plan.warnings) + \
        check_glyphs(plan) + check_slide_count(plan)


def check_slide_count(plan: DeckPlan) -> list[Diagnostic]:
    """An error when the deck has more slides than the limit, continuation slides included,
    at the first slide too many."""
    diag = Collector()
    if len(plan.slides) > MAX_SLIDES:
        diag.error(plan.slides[MAX_SLIDES].pos, f"the deck passes the limit of {MAX_SLIDES} "
                   "slides here; continuation slides count too",
                   "shorten the text, or split the lecture into several lectures of a course")
    return diag.items
