"""Bulleted slides of a chapter: its key points and its discussion questions."""

from __future__ import annotations

from .... import model as m
from ..planner import Planner
from ..text import bullets, runs_of, short


def key_points(p: Planner, chapter: m.Chapter) -> None:
    """The key-point slides of a chapter."""
    if not chapter.key_points:
        return
    items = [tuple(runs_of(i.content)) for i in chapter.key_points]
    p.text_slides("points", chapter.title, bullets(items), p.floored("body"),
                  chapter.notes, chapter.key_points[0].pos,
                  what=f"key points of '{short(chapter.title)}'", chapter=chapter)


def questions(p: Planner, chapter: m.Chapter) -> None:
    """The discussion-question slides of a chapter."""
    if not chapter.questions:
        return
    items = [tuple(runs_of(i.content)) for i in chapter.questions]
    notes = "\n\n".join(part for part in (p.words.notes_questions, chapter.notes) if part)
    p.text_slides("questions", p.loc.labelled(p.words.questions, chapter.title),
                  bullets(items, numbered=True), p.floored("body"), notes,
                  chapter.questions[0].pos,
                  what=f"discussion questions of '{short(chapter.title)}'", chapter=chapter)
