"""The overview slide: the chapters, numbered."""

from __future__ import annotations

from ....fit import Run
from ....locale import sentence
from ..planner import Planner
from ..text import bullets


def agenda(p: Planner) -> None:
    """The agenda slide: the chapters' titles."""
    lec = p.lecture
    items = [(Run(c.title),) for c in lec.chapters]
    # The titles are on the slide; the notes say what each chapter is about.
    notes = "\n".join([p.words.notes_agenda, *(f"{c.number}. {sentence(c.summary)}"
                                                for c in lec.chapters if c.summary)])
    p.text_slides("agenda", p.words.agenda, bullets(items, numbered=True),
                  p.floored("body"), notes, lec.pos)
