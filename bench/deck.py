"""Time the deck of a synthetic lecture of 900 or more slides: planning, writing, and the total.

Run: `.venv/bin/python bench/deck.py [--slides 900 | --chapters 300 | --lecture DIR] [--repeats 3]`.
Prints the best of the repeats; planning starts with empty measurement caches, as in a new
process. The synthetic lecture is made in memory, without source texts, so its deck has no
provenance record; `--lecture` reads a lecture from disk (bench/run.py makes them, e.g.
lecture-300), whose deck records where its texts came from, as a real build's does.
Nothing here is a test. The goal: plan + write under 2 s for 900 slides with notes.
"""

from __future__ import annotations

import argparse
import datetime as dt
import math
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from lectern import fit  # noqa: E402
from lectern import model as m  # noqa: E402
from lectern.outputs import plan_lecture_deck  # noqa: E402
from lectern.readers.lecture import load_lecture  # noqa: E402
from lectern.writers.deck import render_deck  # noqa: E402

# Four slides a chapter (section, key points, quote, questions) and an agenda slide per nine
# chapters, besides the cover and the closing slide.
SLIDES_PER_CHAPTER = 4 + 1 / 9
OTHER_SLIDES = 2


def _item(text: str, line: int) -> m.Item:
    return m.Item((m.Text(text),), m.SourcePos("chapters/bench.md", line, 3))


def synthetic_lecture(chapters: int) -> m.Lecture:
    """A lecture of `chapters` chapters, each a section, points, a quote and questions."""
    made = []
    for n in range(1, max(1, chapters) + 1):
        made.append(m.Chapter(
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
                     date=dt.date(2017, 11, 7), language="en", chapters=tuple(made),
                     pos=m.SourcePos("lecture.yaml", 1, 1))


def chapters_for(slides: int) -> int:
    """Enough chapters for at least `slides` slides."""
    return math.ceil((slides - OTHER_SLIDES) / SLIDES_PER_CHAPTER)


def _clear_caches() -> None:
    """Forget every measurement, as a new process would (the font stays loaded)."""
    for cached in (fit._wrap, fit._atoms, fit._atom, fit._width_em):
        cached.cache_clear()


def _best(action: Callable[[], Any], repeats: int, cold: bool) -> tuple[float, Any]:
    """The fastest of `repeats` runs (seconds) and the last result."""
    best, result = math.inf, None
    for _ in range(repeats):
        if cold:
            _clear_caches()
        start = time.perf_counter()
        result = action()
        best = min(best, time.perf_counter() - start)
    return best, result


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    group = parser.add_mutually_exclusive_group()
    group.add_argument("--slides", type=int, default=900, help="at least this many slides")
    group.add_argument("--chapters", type=int, help="this many chapters instead")
    group.add_argument("--lecture", type=Path, help="a lecture folder to read instead")
    parser.add_argument("--repeats", type=int, default=3)
    args = parser.parse_args()
    lecture = load_lecture(args.lecture)[0] if args.lecture else \
        synthetic_lecture(args.chapters or chapters_for(args.slides))
    render_deck(plan_lecture_deck(lecture), lecture)  # warm up: imports, font, template
    plan_s, plan = _best(lambda: plan_lecture_deck(lecture), args.repeats, cold=True)
    replan_s, _ = _best(lambda: plan_lecture_deck(lecture), args.repeats, cold=False)
    write_s, files = _best(lambda: render_deck(plan, lecture), args.repeats, cold=False)
    count = len(plan.slides)
    total = plan_s + write_s
    size = len(next(iter(files.values())))

    def row(label: str, seconds: float) -> str:
        return f"{label:<30}{seconds:7.3f} s  ({seconds / count * 1000:.2f} ms/slide)"

    print(f"{'chapters':<30}{len(lecture.chapters):7d}")
    print(f"{'slides (each with notes)':<30}{count:7d}")
    print(row("plan (cold measurement caches)", plan_s))
    print(row("plan again (warm caches)", replan_s))
    print(row("write and serialise", write_s))
    print(row("total (plan + write)", total))
    print(f"{'deck size':<30}{size / 1e6:7.2f} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
