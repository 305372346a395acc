"""Time the deck of a synthetic 900-slide lecture: planning, writing, and notes-slide naming.

Run: `.venv/bin/python bench/deck.py [--slides 900]`. Prints figures; nothing here is a test.
It compares lectern's notes slides (partnames it chooses) with python-pptx's own
`slide.notes_slide`, whose `next_partname` scans every part of the package for each new
notes slide, so its cost grows with the square of the slide count.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from lectern import model as m  # noqa: E402
from lectern.writers import deck as deck_writer  # noqa: E402
from lectern.writers.deck_plan import plan_deck  # noqa: E402


def _item(text: str, line: int) -> m.Item:
    return m.Item((m.Text(text),), m.SourcePos("chapters/bench.md", line, 3))


def synthetic_lecture(slides: int) -> m.Lecture:
    """A lecture of about `slides` slides: chapters of a section, points, a quote, questions."""
    chapters = []
    for n in range(1, max(1, slides // 4) + 1):
        chapters.append(m.Chapter(
            number=n, slug=f"c{n}", title=f"Chapter {n}: the council meets again",
            summary="Delegates argue until the lamps burn low.",
            key_points=tuple(_item(f"Point {k}: the resolution is carried by a show of hands",
                                   k) for k in range(5)),
            quotes=(m.Quote("All power to the soviets!", "A marcher", "A banner", "1917",
                            original="Вся власть Советам!", original_language="ru",
                            pos=m.SourcePos("chapters/bench.md", 9, 3)),),
            notes="Speak slowly; leave time for questions.",
            questions=(_item("What did the vote mean?", 12),),
            body=(), pos=m.SourcePos("chapters/bench.md", 1, 1)))
    return m.Lecture(root=ROOT, name="bench", title="Benchmark lecture", authors=("Bench",),
                     date=dt.date(2017, 11, 7), language="en", chapters=tuple(chapters),
                     pos=m.SourcePos("lecture.yaml", 1, 1))


def _pptx_notes(slide: Any, number: int, notes: str, master_part: Any) -> None:
    """python-pptx's own way: slide.notes_slide names the part by scanning the package."""
    slide.notes_slide.notes_text_frame.text = notes


@contextmanager
def notes_writer(writer: Callable[..., None]) -> Iterator[None]:
    saved = deck_writer._add_notes
    deck_writer._add_notes = writer
    try:
        yield
    finally:
        deck_writer._add_notes = saved


def _timed(action: Callable[[], Any]) -> tuple[float, Any]:
    start = time.perf_counter()
    result = action()
    return time.perf_counter() - start, result


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--slides", type=int, default=900)
    args = parser.parse_args()
    # Four slides a chapter, plus the agenda's one slide per nine chapters and three more.
    lecture = synthetic_lecture(round((args.slides - 3) * 36 / 37))
    plan_s, plan = _timed(lambda: plan_deck(lecture))
    count = len(plan.slides)
    ours_s, ours = _timed(lambda: deck_writer.render_deck(plan, lecture))
    with notes_writer(_pptx_notes):
        theirs_s, theirs = _timed(lambda: deck_writer.render_deck(plan, lecture))
    size = len(next(iter(ours.values())))
    print(f"slides                     {count}")
    print(f"plan_deck                  {plan_s:7.2f} s  ({plan_s / count * 1000:.1f} ms/slide)")
    print(f"render_deck, own notes     {ours_s:7.2f} s  ({ours_s / count * 1000:.1f} ms/slide)")
    print(f"render_deck, pptx notes    {theirs_s:7.2f} s  "
          f"({(theirs_s - ours_s) / theirs_s * 100:.0f} % of it spent naming notes parts)")
    print(f"speed-up                   {theirs_s / ours_s:7.2f} x")
    print(f"deck size                  {size / 1e6:7.2f} MB")
    print(f"same bytes either way      {ours == theirs}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
