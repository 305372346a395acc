"""Checks of a planned deck: the glyphs its fonts lack, its length (the template's own
problems come from deck_template, which read it)."""

from __future__ import annotations

from ... import fit
from ...diagnostics import Collector, Diagnostic
from ...limits import MAX_SLIDES
from .types import DeckPlan


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


def plan_problems(plan: DeckPlan) -> list[Diagnostic]:
    """The problems of a plan: its warnings, missing glyphs and length."""
    return list(plan.warnings) + check_glyphs(plan) + check_slide_count(plan)


def check_slide_count(plan: DeckPlan) -> list[Diagnostic]:
    """An error when the deck has more slides than the limit, continuation slides included,
    at the first slide too many."""
    diag = Collector()
    if len(plan.slides) > MAX_SLIDES:
        diag.error(plan.slides[MAX_SLIDES].pos, f"the deck passes the limit of {MAX_SLIDES} "
                   "slides here; continuation slides count too",
                   "shorten the text, or split the lecture into several lectures of a course")
    return diag.items
