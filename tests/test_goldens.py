"""Goldens at the boundaries: the booklet HTML and the deck plan of the test lecture.

Reviewed as diffs; `LECTERN_REGEN=1 make test` rewrites them after an intended change.
"""

from __future__ import annotations

from lectern import model as m
from lectern.outputs import plan_lecture_deck
from lectern.paths import PROJECT
from lectern.writers.booklet_html import render_html
from tests.golden import assert_golden


def _portable(text: str, lecture: m.Lecture) -> str:
    """The text with this machine's folders replaced by placeholders."""
    return (text.replace(lecture.root.as_uri(), "LECTURE")
            .replace(str(lecture.root), "LECTURE")
            .replace(PROJECT.as_uri(), "PROJECT").replace(str(PROJECT), "PROJECT"))


def test_booklet_html(mini: m.Lecture) -> None:
    assert_golden("mini.booklet.html", _portable(render_html(mini), mini))


def test_deck_plan(mini: m.Lecture) -> None:
    assert_golden("mini.deckplan.txt", _portable(m.dump(plan_lecture_deck(mini)) + "\n", mini))


def test_only_a_terms_first_use_in_a_chapter_is_set_apart(mini: m.Lecture) -> None:
    import dataclasses

    first = mini.chapters[0]
    again = m.Paragraph((m.Text("Again, the "), m.Term("council", (m.Text("council"),)),
                         m.Text(" met.")), first.body[0].pos)
    chapter = dataclasses.replace(first, body=(*first.body, again))
    lecture = dataclasses.replace(mini, chapters=(chapter, chapter))
    html = render_html(lecture)
    assert html.count('class="term first"') == 2  # once in each chapter
    assert html.count('class="term"') == 2
