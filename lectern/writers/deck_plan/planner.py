"""The planner's state and the parts every kind of slide shares: titles, bodies, stacks."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace

from ... import fit
from ... import model as m
from ...diagnostics import Collector
from ...fit import Run
from ...limits import MAX_SLIDES
from .geometry import (
    BODY_BOTTOM,
    BODY_TOP,
    CONTENT_LAYOUT,
    CONTENT_W,
    IN,
    INSET,
    KICKER_SIZE,
    LONG_TITLE_SIZES,
    MARGIN_X,
    TITLE_H,
    TITLE_ROLES,
    TITLE_SIZES,
    TITLE_TOP,
)
from .paginate import Pages, largest_size, needed_height, numbered_title, paginate
from .text import labels, plain, short
from .types import Box, Paragraph, Slide, TextBox


class DeckTooLong(Exception):
    """The plan has grown past the slide limit (checks.check_slide_count reports it)."""


@dataclass
class Planner:
    """Builds the slides of one lecture and collects the warnings the plan raises."""

    lecture: m.Lecture
    slides: list[Slide] = field(default_factory=list)
    diag: Collector = field(default_factory=Collector)

    @property
    def words(self) -> dict[str, str]:
        return labels(self.lecture)

    def add(self, slide: Slide) -> None:
        self.slides.append(slide)
        if len(self.slides) > MAX_SLIDES:
            raise DeckTooLong  # planning stops here: the deck is refused anyway

    # titles ------------------------------------------------------------------------------

    def title_box(self, text: str, pos: m.SourcePos) -> TextBox:
        """The slide title: one line at the largest size if possible, else two lines."""
        box = Box(MARGIN_X, TITLE_TOP, CONTENT_W, TITLE_H)
        para = [plain(text)]
        one_line = fit.Frame(fit.pt(box.w), 1e9, INSET, INSET, 0.9)
        size = next((s for s in TITLE_SIZES
                     if fit.line_count(para[0].runs, one_line.inner_width, s) == 1), None)
        size = size or largest_size(para, box, TITLE_SIZES, 0.9)
        if size is None:
            size = largest_size(para, box, LONG_TITLE_SIZES, 0.9)
            self.diag.warning(pos, f"slide title '{short(text)}' is too long for "
                              f"{TITLE_SIZES[-1]:g} pt; consider shortening")
        if size is None:
            # Last resort: keep the smallest size and let the box grow into the body area.
            size = LONG_TITLE_SIZES[-1]
            box = replace(box, h=needed_height(para, box.w, size, 0.9))
        return TextBox("title", tuple(para), size, box, 0.9, "b", "l", "tx1", "title")

    def kicker(self, text: str) -> TextBox:
        """A small title above a quote, where a full-size title would compete with it."""
        box = Box(MARGIN_X, TITLE_TOP, CONTENT_W, round(0.9 * IN))
        para = (plain(text),)
        pages = paginate(para, box, (KICKER_SIZE, 18.0))
        if len(pages.groups) > 1:
            box = replace(box, h=needed_height(para, box.w, 18.0))
        return TextBox("kicker", para, pages.size, box, 1.0, "t", "l", "accent1", "title")

    # slide kinds -------------------------------------------------------------------------

    def text_slides(self, kind: str, title: str, paras: Sequence[Paragraph],
                    sizes: Sequence[float], notes: str, pos: m.SourcePos,
                    what: str = "") -> Pages:
        """Title + body slides, split into numbered continuation slides when needed."""
        box = Box(MARGIN_X, BODY_TOP, CONTENT_W, BODY_BOTTOM - BODY_TOP)
        pages = paginate(paras, box, sizes)
        count = len(pages.groups)
        for i, group in enumerate(pages.groups):
            body = TextBox("body", group, pages.size, box, 1.0, "t", "l", "tx1", "body")
            heading = self.title_box(numbered_title(title, i, count), pos)
            self.add(Slide(CONTENT_LAYOUT, kind, heading.paras[0].text, (heading, body),
                           notes, pos))
        if count > 1 and what:
            self.diag.warning(pos, f"{what} need {count} slides at {pages.size:g} pt; "
                              f"consider shortening")
        return pages

    def stack(self, parts: Sequence[tuple[str, tuple[Paragraph, ...], Sequence[float], str]],
              width: int, top: int, bottom: int, pos: m.SourcePos, gap: int,
              x: int = MARGIN_X, color: Callable[[str], str] = lambda role: "tx1",
              centre: float = 0.45) -> list[tuple[TextBox, ...]]:
        """Text boxes stacked top to bottom, each as tall as its text, centred as a group;
        text too long for one slide continues on more, the title numbered '(2/3)'."""
        room = bottom - top - gap * (len(parts) - 1)
        limits = [room] * len(parts)
        if sum(self._fitted_height(p[1], p[2], width, room) for p in parts) > room:
            titles = sum(1 for p in parts if p[0] in TITLE_ROLES)
            rest = max(1, len(parts) - titles)
            limits = [room // 2 if p[0] in TITLE_ROLES else (room - room // 2 * titles) // rest
                      for p in parts]
        paged = [(role, paginate(paras, Box(0, 0, width, limit), sizes), sizes, limit, ph)
                 for (role, paras, sizes, ph), limit in zip(parts, limits, strict=True)]
        count = max(len(p[1].groups) for p in paged)
        if count > 1:
            self.diag.warning(pos, f"'{short(parts[-1][1][0].text)}' is too long for one slide "
                              f"and continues on {count}; consider shortening")
        slides: list[tuple[TextBox, ...]] = []
        for i in range(count):
            chosen: list[tuple[str, tuple[Paragraph, ...], float, int, str]] = []
            for role, pages, sizes, limit, placeholder in paged:
                if len(pages.groups) > 1 and i >= len(pages.groups):
                    continue
                group = pages.groups[i] if len(pages.groups) > 1 else pages.groups[0]
                if role in TITLE_ROLES and count > 1:
                    head = group[0]
                    suffix = Run(f" ({i + 1}/{count})", head.runs[-1].bold, head.runs[-1].italic)
                    group = (replace(head, runs=(*head.runs, suffix)), *group[1:])
                size = largest_size(group, Box(0, 0, width, limit), sizes) or sizes[-1]
                chosen.append((role, group, size, needed_height(group, width, size), placeholder))
            total = sum(c[3] for c in chosen) + gap * (len(chosen) - 1)
            y = top + max(0, round((bottom - top - total) * centre))
            boxes: list[TextBox] = []
            for role, paras, size, height, placeholder in chosen:
                boxes.append(TextBox(role, paras, size, Box(x, y, width, height), 1.0, "t", "l",
                                     color(role), placeholder))
                y += height + gap
            slides.append(tuple(boxes))
        return slides

    @staticmethod
    def _fitted_height(paras: Sequence[Paragraph], sizes: Sequence[float], width: int,
                       room: int) -> int:
        size = largest_size(paras, Box(0, 0, width, room), sizes) or sizes[-1]
        return needed_height(paras, width, size)

    def warn_split_entries(self, pages: Pages, entries: Sequence[tuple[m.SourcePos, str]],
                           paras: Sequence[Paragraph]) -> None:
        """Warn about single entries that had to be split (lists of entries split freely)."""
        placed = {p for g in pages.groups for p in g}  # a set: a list made this quadratic
        for (pos, name), para in zip(entries, paras, strict=True):
            if para not in placed:
                self.diag.warning(pos, f"'{short(name)}' is too long for one slide at "
                                  f"{pages.size:g} pt; consider shortening")
