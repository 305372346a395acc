"""Checks of a planned deck: the glyphs its fonts lack, its length (the template's own
problems come from deck_template, which read it)."""

from __future__ import annotations

from ... import fit
from ... import model as m
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
    """The problems of a plan: its warnings, missing glyphs, text too small and length."""
    return list(plan.warnings) + check_glyphs(plan) + check_text_sizes(plan) \
        + check_slide_count(plan)


# The smallest text an audience reads from the back of a room (docs/accessibility.md): 18 pt
# on lectern's 13.33 in wide slide, scaled with the template's; what credits rather than
# tells (captions, credits, a quote's attribution, the cover's byline, the list of
# sources), 14 pt.
READABLE_SIZE = 18.0
SMALL_TEXT_SIZE = 14.0
SMALL_ROLES = frozenset({"caption", "credit", "table-caption", "attribution", "byline"})
SMALL_KINDS = frozenset({"sources"})


def smallest_readable(kind: str, role: str) -> float:
    """The documented minimum size (points, on lectern's own slide) of a role's text."""
    return SMALL_TEXT_SIZE if role in SMALL_ROLES or kind in SMALL_KINDS else READABLE_SIZE


def check_text_sizes(plan: DeckPlan) -> list[Diagnostic]:
    """A warning, at the slide's source line, for text set below the documented minimum
    (once for each kind of text there)."""
    diag = Collector()
    reported: set[tuple[m.SourcePos, str]] = set()
    for slide in plan.slides:
        cells = [c for table in slide.tables for row in table.cells for c in row]
        for box in (*slide.texts, *cells):
            least = smallest_readable(slide.kind, box.role) * plan.template.scale
            if box.size >= least - 0.05 or (slide.pos, box.role) in reported:
                continue
            reported.add((slide.pos, box.role))
            diag.warning(slide.pos, f"the {slide.kind} slide's {box.role.replace('-', ' ')} "
                         f"text is set at {box.size:g} pt, below the {least:g} pt an audience "
                         "can read on this slide size", "shorten the text, or give the "
                         "template's placeholder a larger size")
    return diag.items


def check_slide_count(plan: DeckPlan) -> list[Diagnostic]:
    """An error when the deck has more slides than the limit, continuation slides included,
    at the first slide too many."""
    diag = Collector()
    if len(plan.slides) > MAX_SLIDES:
        diag.error(plan.slides[MAX_SLIDES].pos, f"the deck passes the limit of {MAX_SLIDES} "
                   "slides here; continuation slides count too",
                   "shorten the text, or split the lecture into several lectures of a course")
    return diag.items
