"""The order of the deck: which kinds of slide, for which parts of the lecture."""

from __future__ import annotations

import contextlib

from ... import model as m
from ...deck_template import DeckTemplate
from .kinds.agenda import agenda
from .kinds.back import glossary, sources
from .kinds.code import chapter_code, code
from .kinds.cover import closing, cover
from .kinds.figure import chapter_figures, figure
from .kinds.lists import key_points, questions
from .kinds.quote import quote
from .kinds.section import section
from .kinds.table import chapter_tables, table
from .kinds.timeline import timeline
from .planner import DeckTooLong, Planner
from .types import DeckPlan


def _plan(lecture: m.Lecture, template: DeckTemplate) -> Planner:
    planner = Planner(lecture, template)
    with contextlib.suppress(DeckTooLong):
        _plan_slides(planner, lecture)
    return planner


def _plan_slides(planner: Planner, lecture: m.Lecture) -> None:
    cover(planner)
    agenda(planner)
    for chapter in lecture.chapters:
        section(planner, chapter)
        key_points(planner, chapter)
        for q in chapter.quotes:
            quote(planner, chapter, q)
        for fig in chapter_figures(chapter):
            figure(planner, chapter, fig)
        for grid in chapter_tables(chapter):
            table(planner, chapter, grid)
        for block in chapter_code(chapter):
            code(planner, chapter, block)
        questions(planner, chapter)
    timeline(planner)
    glossary(planner)
    sources(planner)
    closing(planner)


def plan_deck(lecture: m.Lecture, template: DeckTemplate) -> DeckPlan:
    """Plan every slide of the lecture's deck on its template (read by deck_template, handed
    in as data): layouts, text, sizes, boxes and notes."""
    planner = _plan(lecture, template)
    return DeckPlan(tuple(planner.slides), tuple(planner.diag.sorted()), template,
                    template.width, template.height)
