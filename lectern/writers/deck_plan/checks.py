"""Checks of a planned deck: the template, the pictures, the glyphs the deck font lacks."""

from __future__ import annotations

from pathlib import Path

from ... import fit
from ... import model as m
from ...deck_template import load, read_template
from ...diagnostics import Collector, Diagnostic
from ...limits import MAX_SLIDES
from .plan import plan_deck
from .types import DeckPlan


def template_layouts(path: Path) -> list[str]:
    """The layout names of a template, every master's, in order (read safely)."""
    return list(read_template(path).layout_names)


def check_template(lecture: m.Lecture) -> list[Diagnostic]:
    """Errors and warnings for the lecture's template: unreadable, unsafe, unusable."""
    return load(lecture)[1]


def check_glyphs(plan: DeckPlan) -> list[Diagnostic]:
    """Warnings for characters the deck's fonts (as lectern measures them) lack."""
    diag = Collector()
    for slide in plan.slides:
        missing: set[str] = set()
        for box in slide.texts:
            missing |= fit.missing_glyphs("".join(p.text for p in box.paras), box.font.measure)
        if missing:
            diag.warning(slide.pos, "the deck font cannot show "
                         + " ".join(sorted(missing)) + "; these characters may look wrong")
    return diag.items


def check_deck(lecture: m.Lecture) -> list[Diagnostic]:
    """Every problem the deck would have: template errors, pictures, splits and glyphs."""
    template, problems = load(lecture)
    if template is None:
        return problems
    return plan_problems(lecture, plan_deck(lecture, template))


def plan_problems(lecture: m.Lecture, plan: DeckPlan) -> list[Diagnostic]:
    """The problems of a plan already made for `lecture` (so a build plans only once)."""
    return check_template(lecture) + list(plan.warnings) + \
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
