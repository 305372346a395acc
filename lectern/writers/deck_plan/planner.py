"""The planner's state and the parts every kind of slide shares: places, titles, bodies, stacks."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace

from ... import fit
from ... import model as m
from ...box import Box
from ...deck_template import DeckTemplate, Font, Layout
from ...diagnostics import Collector
from ...fit import Run
from ...limits import MAX_SLIDES
from ...locale import Locale, Words, continued, locale_for
from .geometry import IN, INSET, TITLE_ROLES
from .paginate import Pages, largest_size, needed_height, numbered_title, paginate
from .plates import plates
from .text import plain, short
from .types import Paragraph, Slide, TextBox

Use = str  # "text", "muted" or "accent": which of the layout's readable colours
PLATE_PAD = 0.12  # inches (scaled with the slide): how far a plate reaches past its text


@dataclass(frozen=True)
class Place:
    """Where one kind of slide puts its text, on the layout that serves it."""

    layout: Layout
    title: Box  # the slide title
    body: Box  # the body text, or what lectern draws (figures, the timeline)
    region: Box  # the stack of a title or section slide; the quote and its bar
    kicker: Box  # the small title above a quote


class DeckTooLong(Exception):
    """The plan has grown past the slide limit (checks.check_slide_count reports it)."""


@dataclass
class Planner:
    """Builds the slides of one lecture and collects the warnings the plan raises."""

    lecture: m.Lecture
    template: DeckTemplate
    slides: list[Slide] = field(default_factory=list)
    diag: Collector = field(default_factory=Collector)
    _places: dict[str, Place] = field(default_factory=dict)

    @property
    def loc(self) -> Locale:
        return locale_for(self.lecture.language)

    @property
    def words(self) -> Words:
        return self.loc.words

    def sizes(self, name: str) -> tuple[float, ...]:
        """A size ladder of the manifest, scaled to the template's slide."""
        return self.template.sizes[name]

    def inch(self, inches: float) -> int:
        """A distance in EMU, scaled with the template's slide."""
        return round(inches * IN * self.template.scale)

    def add(self, slide: Slide) -> None:
        """Add a slide, on plates where its layout has them."""
        t = self.template
        found = plates(slide, t.layout(slide.kind), t.width, t.height, self.inch(PLATE_PAD))
        self.slides.append(replace(slide, plates=found) if found else slide)
        if len(self.slides) > MAX_SLIDES:
            raise DeckTooLong  # planning stops here: the deck is refused anyway

    # places, fonts and colours -----------------------------------------------------------

    def place(self, kind: str) -> Place:
        if kind not in self._places:
            self._places[kind] = self._place(kind)
        return self._places[kind]

    def _place(self, kind: str) -> Place:
        t = self.template
        layout = t.layout(kind)
        if t.own:
            regions = t.regions
            region = regions.get({"title": "cover", "closing": "cover", "section": "section",
                                  "quote": "quote"}.get(kind, "body"), regions["body"])
            return Place(layout, regions["title"], regions["body"], region, regions["kicker"])
        margin = self.inch(0.25)
        inner = Box(margin, margin, t.width - 2 * margin, t.height - 2 * margin)
        # The template's title placeholder, even over what the designer drew beneath it.
        title = layout.title or Box(inner.x, inner.y, inner.w, self.inch(1.2))
        body = layout.free
        region = layout.stack if kind in ("title", "closing", "section") else body
        kicker = replace(title, h=min(title.h, self.inch(0.9)))
        return Place(layout, title, body, region, kicker)

    def font(self, kind: str, heading: bool) -> Font:
        layout = self.template.layout(kind)
        return layout.heading_font if heading else layout.body_font

    def colour(self, kind: str, use: Use) -> tuple[str, str]:
        """(what the deck writes, its RRGGBB value) for a use of text on a kind's layout."""
        colours = self.template.layout(kind).colours
        chosen = {"text": colours.text, "muted": colours.muted, "accent": colours.accent}[use]
        return chosen.scheme, chosen.rgb

    def box(self, kind: str, role: str, paras: Sequence[Paragraph], size: float, box: Box,
            line_spacing: float = 1.0, anchor: str = "t", align: str = "l", use: Use = "text",
            placeholder: str = "", heading: bool = False) -> TextBox:
        """A text box with the font and a readable colour of the kind's layout."""
        scheme, rgb = self.colour(kind, use)
        accent, _ = self.colour(kind, "accent")
        return TextBox(role, tuple(paras), size, box, line_spacing, anchor,  # type: ignore[arg-type]
                       align, scheme, placeholder, self.font(kind, heading), rgb,  # type: ignore[arg-type]
                       accent)

    # titles ------------------------------------------------------------------------------

    def title_box(self, kind: str, text: str, pos: m.SourcePos, name: str = "") -> TextBox:
        """The slide title: one line at the largest size if possible, else two lines.

        A title too long is reported at `pos` under `name` (the title as the source gives
        it), so that the slides of one chapter report their chapter's title once.
        """
        box = self.place(kind).title
        font = self.font(kind, heading=True).measure
        sizes, long_sizes = self.sizes("title"), self.sizes("long_title")
        para = [plain(text)]
        one_line = fit.Frame(fit.pt(box.w), 1e9, INSET, INSET, 0.9, font)
        size = next((s for s in sizes
                     if fit.line_count(para[0].runs, one_line.inner_width, s, font) == 1
                     and largest_size(para, box, (s,), 0.9, font)), None)
        size = size or largest_size(para, box, sizes, 0.9, font)
        if size is None:
            size = largest_size(para, box, long_sizes, 0.9, font)
            self.diag.warning(pos, f"slide title '{short(name or text)}' is too long for "
                              f"{sizes[-1]:g} pt; consider shortening")
        if size is None:
            # Last resort: keep the smallest size and let the box grow into the body area.
            size = long_sizes[-1]
            box = replace(box, h=needed_height(para, box.w, size, 0.9, font))
        return self.box(kind, "title", para, size, box, 0.9, "b", "l", "text", "title", True)

    def chapter_title(self, kind: str, title: str, index: int, count: int,
                      chapter: m.Chapter) -> TextBox:
        """The title of slide `index` of `count` of a chapter's kind, reported at the title."""
        return self.title_box(kind, numbered_title(title, index, count), chapter.title_pos,
                              chapter.title)

    def kicker(self, kind: str, text: str) -> TextBox:
        """A small title above a quote, where a full-size title would compete with it."""
        box = self.place(kind).kicker
        font = self.font(kind, heading=True).measure
        para = (plain(text),)
        sizes = self.sizes("kicker")
        pages = paginate(para, box, sizes, font=font)
        if len(pages.groups) > 1:
            box = replace(box, h=needed_height(para, box.w, sizes[-1], font=font))
        return self.box(kind, "kicker", para, pages.size, box, 1.0, "t", "l", "accent",
                        "title", True)

    # slide kinds -------------------------------------------------------------------------

    def text_slides(self, kind: str, title: str, paras: Sequence[Paragraph],
                    sizes: Sequence[float], notes: str, pos: m.SourcePos,
                    what: str = "", chapter: m.Chapter | None = None) -> Pages:
        """Title + body slides, split into numbered continuation slides when needed; a
        chapter's slides report a title too long at the chapter's title."""
        place = self.place(kind)
        box = place.body
        pages = paginate(paras, box, sizes, font=self.font(kind, heading=False).measure)
        count = len(pages.groups)
        for i, group in enumerate(pages.groups):
            body = self.box(kind, "body", group, pages.size, box, placeholder="body")
            heading = self.chapter_title(kind, title, i, count, chapter) if chapter else \
                self.title_box(kind, numbered_title(title, i, count), pos)
            self.add(Slide(place.layout.name, kind, heading.paras[0].text, (heading, body),
                           notes, pos))
        if count > 1 and what:
            self.diag.warning(pos, f"{what} need {count} slides at {pages.size:g} pt; "
                              f"consider shortening")
        return pages

    def stack(self, kind: str,
              parts: Sequence[tuple[str, tuple[Paragraph, ...], Sequence[float], str]],
              region: Box, pos: m.SourcePos, gap: int,
              use: Callable[[str], Use] = lambda role: "text",
              centre: float = 0.45) -> list[tuple[TextBox, ...]]:
        """Text boxes stacked top to bottom in `region`, each as tall as its text, centred as
        a group; text too long for one slide continues on more, the title numbered '(2/3)'."""
        width, top, bottom, x = region.w, region.y, region.bottom, region.x

        def font(role: str) -> str:
            return self.font(kind, role in TITLE_ROLES).measure

        room = bottom - top - gap * (len(parts) - 1)
        limits = [room] * len(parts)
        if sum(self._fitted_height(p[1], p[2], width, room, font(p[0])) for p in parts) > room:
            titles = sum(1 for p in parts if p[0] in TITLE_ROLES)
            rest = max(1, len(parts) - titles)
            limits = [room // 2 if p[0] in TITLE_ROLES else (room - room // 2 * titles) // rest
                      for p in parts]
        paged = [(role, paginate(paras, Box(0, 0, width, limit), sizes, font=font(role)), sizes,
                  limit, ph)
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
                    suffix = Run(continued("", i, count), head.runs[-1].bold,
                                 head.runs[-1].italic)
                    group = (replace(head, runs=(*head.runs, suffix)), *group[1:])
                size = largest_size(group, Box(0, 0, width, limit), sizes,
                                    font=font(role)) or sizes[-1]
                chosen.append((role, group, size,
                               needed_height(group, width, size, font=font(role)), placeholder))
            total = sum(c[3] for c in chosen) + gap * (len(chosen) - 1)
            y = top + max(0, round((bottom - top - total) * centre))
            boxes: list[TextBox] = []
            for role, paras, size, height, placeholder in chosen:
                boxes.append(self.box(kind, role, paras, size, Box(x, y, width, height),
                                      use=use(role), placeholder=placeholder,
                                      heading=role in TITLE_ROLES))
                y += height + gap
            slides.append(tuple(boxes))
        return slides

    @staticmethod
    def _fitted_height(paras: Sequence[Paragraph], sizes: Sequence[float], width: int,
                       room: int, font: str) -> int:
        size = largest_size(paras, Box(0, 0, width, room), sizes, font=font) or sizes[-1]
        return needed_height(paras, width, size, font=font)

    def warn_split_entries(self, pages: Pages, entries: Sequence[tuple[m.SourcePos, str]],
                           paras: Sequence[Paragraph]) -> None:
        """Warn about single entries that had to be split (lists of entries split freely)."""
        placed = {p for g in pages.groups for p in g}  # a set: a list made this quadratic
        for (pos, name), para in zip(entries, paras, strict=True):
            if para not in placed:
                self.diag.warning(pos, f"'{short(name)}' is too long for one slide at "
                                  f"{pages.size:g} pt; consider shortening")
