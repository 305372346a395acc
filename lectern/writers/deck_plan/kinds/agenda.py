"""The overview slide: the chapters, numbered."""

from __future__ import annotations

from ....fit import Run
from ..planner import Planner
from ..text import bullets


def agenda(p: Planner) -> None:
    lec = p.lecture
    items = [(Run(c.title),) for c in lec.chapters]
    notes = (f"This lecture has {len(lec.chapters)} chapters: "
             + "; ".join(f"{c.number}. {c.title} — {c.summary}" for c in lec.chapters))
    p.text_slides("agenda", p.words["agenda"], bullets(items, numbered=True),
                  p.sizes("body"), notes, lec.pos)
