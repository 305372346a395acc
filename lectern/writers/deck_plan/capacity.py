"""How much text a template's boxes hold, before any lecture is written for it.

`lectern template` prints, for the key points of a content slide, a chapter's summary on its
section slide and a key quote, how many lines of how many characters fit at the template's
own size and at the floor the planner shrinks text to. The numbers come from the planner's
own boxes, sizes and measurer, with an ordinary sentence of prose as the text measured.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from ... import fit
from ... import model as m
from ...deck_template import DeckTemplate
from ...fit import Run
from .lines import place
from .paginate import largest_size, needed_height
from .planner import Planner
from .text import bullets, plain
from .types import Box, Paragraph, TextBox, frame_of

# Prose of ordinary word lengths, measured as the text of a line.
SAMPLE = ("Each chapter of a lecture tells of the dates, the people and the places that "
          "matter, in sentences of ordinary words that an audience reads at a glance. ") * 12
MOST_LINES = 40  # the most lines counted in one box


@dataclass(frozen=True)
class Held:
    """What one kind of text fits in its box at one size."""

    lines: int
    chars: int  # characters of ordinary prose on one line
    size: float


@dataclass(frozen=True)
class Capacity:
    """What one kind of text fits at the template's size and at the floor."""

    layout: str  # the slide kind's name in the report ("content", "section", "quote")
    what: str  # the text: "key points", "summary", "quote"
    top: Held
    floor: Held

    def sentence(self) -> str:
        """'content (key points): 7 lines of 52 characters at 24 pt, 9 of 70 at the floor
        (14.5 pt)'."""
        return (f"{self.layout} ({self.what}): {self.top.lines} lines of {self.top.chars} "
                f"characters at {self.top.size:g} pt, {self.floor.lines} of "
                f"{self.floor.chars} at the floor ({self.floor.size:g} pt)")


def capacities(template: DeckTemplate, language: str = "en") -> list[Capacity]:
    """What the key points, a summary and a quote fit on the template's layouts."""
    planner = Planner(_probe(language), template)
    return [_key_points(planner), _summary(planner), _quote(planner)]


def _probe(language: str) -> m.Lecture:
    """A lecture with nothing in it: the planner's boxes and sizes need only its language."""
    return m.Lecture(Path("."), "probe", "probe", (), dt.date(2000, 1, 1), language, ())


def _key_points(p: Planner) -> Capacity:
    """Key points of one line each, as the planner sets a content slide's body."""
    box = measure = p.place("points").body
    font = p.font("points", heading=False).measure
    sizes: Sequence[float] = p.floored("body")
    spacing = 1.0
    setting = p.setting("points", "body")
    styled: Callable[[list[Paragraph]], list[Paragraph]] = list
    if setting is not None:
        sizes = p.ladder("points", "body", sizes, "body")
        font = setting.level.font.measure
        spacing = setting.line_spacing(sizes)
        measure = setting.measure_box(box, sizes)
        styled = lambda paras: setting.paragraphs(paras, sizes)  # noqa: E731

    def held(size: float) -> Held:
        chars = _chars(lambda text: styled(bullets([(Run(text),)])), measure, size, spacing,
                       font)
        line = SAMPLE[:chars]
        count = _most(lambda n: styled(bullets([(Run(line),)] * n)), measure, size, spacing,
                      font)
        return Held(count, chars, size)

    return Capacity("content", "key points of one line each", held(sizes[0]),
                    held(sizes[-1]))


def _summary(p: Planner) -> Capacity:
    """A chapter's summary on its section slide, placed by the planner itself (in the
    designer's placeholder, or stacked under the number and title): the longest summary
    it keeps at the template's size, and the longest it keeps on the slide at all."""
    words = [i for i, c in enumerate(SAMPLE) if c == " "]
    short = _summary_box(p, SAMPLE[:words[0]])
    if short is None:
        return Capacity("section", "summary", Held(0, 0, 0.0), Held(0, 0, 0.0))
    top = _longest(words, lambda end: _kept(p, SAMPLE[:end], short.size))
    floor = _longest(words, lambda end: _kept(p, SAMPLE[:end], 0.0))
    floor_box = _summary_box(p, SAMPLE[:floor or words[0]])
    return Capacity("section", "summary", _placed(p, SAMPLE[:top], short.size),
                    _placed(p, SAMPLE[:floor], floor_box.size if floor_box else short.size))


def _summary_box(p: Planner, text: str) -> TextBox | None:
    """The summary's box on a section slide with a one-line title, or None (in the notes)."""
    parts = [("section-number", (plain(f"{p.words.chapter} 1"),), p.floored("section_number"),
              ""),
             ("section-title", (plain("Chapter", bold=True),), p.floored("title", "long_title"),
              "title"),
             ("summary", (plain(text),), p.floored("sub"), "body")]
    stacked = p.stack("section", parts, p.place("section").region, m.NOWHERE,
                      gap=p.inch(0.25))
    return next((b for b in stacked.boxes if b.role == "summary"), None)


def _kept(p: Planner, text: str, size: float) -> bool:
    """Whether the planner keeps a summary of `text` on the slide, at `size` or larger."""
    box = _summary_box(p, text)
    return box is not None and box.size >= size


def _placed(p: Planner, text: str, size: float) -> Held:
    """The lines of the summary of `text` as placed, and the longest of them."""
    box = _summary_box(p, text) if text else None
    if box is None:
        return Held(0, 0, size)
    lines = place(box)
    return Held(len(lines), max((len(line.text) for line in lines), default=0), box.size)


def _longest(ends: list[int], kept: Callable[[int], bool]) -> int:
    """The last of `ends` for which `kept` holds (0 for none), by bisection: a longer text
    is never kept where a shorter one is not."""
    low, high = 0, len(ends)
    while low < high:
        middle = (low + high) // 2
        if kept(ends[middle]):
            low = middle + 1
        else:
            high = middle
    return ends[low - 1] if low else 0


def _quote(p: Planner) -> Capacity:
    """A key quote beside its bar, above a one-line attribution."""
    region = p.place("quote").region
    font = p.font("quote", heading=False).measure
    bar = p.inch(0.35)
    attribution = needed_height([plain("— Someone, A Work, 1900")], region.w - bar,
                                p.floored("small")[0], font=font)
    box = Box(region.x + bar, region.y, region.w - bar,
              max(region.h - attribution - p.inch(0.3), 0))
    sizes = p.floored("quote")
    return Capacity("quote", "quote", _prose(box, sizes[0], font), _prose(box, sizes[-1], font))


def _prose(box: Box, size: float, font: str) -> Held:
    """One paragraph of prose: the most lines of it that fit, and the characters on each."""
    chars = _chars(lambda text: [plain(text)], box, size, 1.0, font)
    words = [i for i, c in enumerate(SAMPLE) if c == " "]
    fitting = ""
    for end in words:
        if largest_size([plain(SAMPLE[:end])], box, (size,), 1.0, font) is None:
            break
        fitting = SAMPLE[:end]
    width = frame_of(box, 1.0, font).inner_width
    lines = fit.line_count((Run(fitting),), width, size, font) if fitting else 0
    return Held(lines, chars, size)


def _chars(make: Callable[[str], list[Paragraph]], box: Box, size: float, spacing: float,
           font: str) -> int:
    """The most characters of SAMPLE (ending at a word) on one line of the box at `size`."""
    width = frame_of(box, spacing, font).inner_width
    best = 0
    for end in (i for i, c in enumerate(SAMPLE) if c == " "):
        para = make(SAMPLE[:end])[0].measure(size)
        if fit.line_count(para.runs, width - para.indent, size, font) > 1:
            break
        best = end
    return best


def _most(make: Callable[[int], list[Paragraph]], box: Box, size: float, spacing: float,
          font: str) -> int:
    """The largest n (up to MOST_LINES) for which the paragraphs `make(n)` fit the box."""
    count = 0
    for n in range(1, MOST_LINES + 1):
        if largest_size(make(n), box, (size,), spacing, font) is None:
            break
        count = n
    return count
