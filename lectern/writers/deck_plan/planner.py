"""The planner's state and the parts every kind of slide shares: places, titles, bodies, stacks."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace

from ... import fit
from ... import model as m
from ...box import Box
from ...deck_template import DeckTemplate, Font, Layout, largest_free
from ...diagnostics import Collector
from ...limits import MAX_SLIDES
from ...locale import Locale, Words, locale_for
from .geometry import IN, INSET, MAX_CONTINUATIONS, TITLE_ROLES
from .paginate import (
    Pages,
    hyphenate,
    largest_size,
    needed_height,
    numbered_title,
    paginate,
    settle,
    to_floor,
    whole_words,
)
from .plates import plates
from .text import plain, short
from .types import Paragraph, Slide, TextBox
from .where import described

Use = str  # "text", "muted" or "accent": which of the layout's readable colours
PLATE_PAD = 0.12  # inches (scaled with the slide): how far a plate reaches past its text
# A part of a title, section or closing slide: role, paragraphs, sizes, placeholder filled.
Part = tuple[str, tuple[Paragraph, ...], Sequence[float], str]


@dataclass(frozen=True)
class Stacked:
    """A title, section or closing slide's boxes, and the texts that went to the notes."""

    boxes: tuple[TextBox, ...]
    dropped: tuple[str, ...]

    def notes(self, notes: str) -> str:
        """The slide's notes, after the texts the slide had no room for."""
        return "\n\n".join(part for part in (*self.dropped, notes) if part)


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

    def ladder(self, *names: str) -> tuple[float, ...]:
        """Manifest ladders one after the other, carried down to the floor of the first's
        largest size (text shrinks that far before it splits)."""
        sizes = [s for name in names for s in self.sizes(name)]
        return to_floor(sizes, self.template.scale)

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
        title = layout.title or Box(inner.x, inner.y, inner.w, self.inch(1.2))
        title = largest_free(title, layout.obstacles)
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
        sizes = self.sizes("title")
        long_sizes = self.ladder("title", "long_title")[len(sizes):]
        para: Sequence[Paragraph] = [plain(text)]
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
            para = hyphenate(para, box, size, font, self.lecture.language)
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
        size, fitted = settle(para, box, sizes, font=font, lang=self.lecture.language)
        if largest_size(fitted, box, (size,), font=font) is None:
            box = replace(box, h=needed_height(fitted, box.w, size, font=font))
        return self.box(kind, "kicker", fitted, size, box, 1.0, "t", "l", "accent",
                        "title", True)

    # slide kinds -------------------------------------------------------------------------

    def text_slides(self, kind: str, title: str, paras: Sequence[Paragraph],
                    sizes: Sequence[float], notes: str, pos: m.SourcePos,
                    what: str = "", chapter: m.Chapter | None = None) -> Pages:
        """Title + body slides, split into numbered continuation slides when needed; a
        chapter's slides report a title too long at the chapter's title. `what` names one
        text (a chapter's key points): it warns when it splits, and it is an error when it
        needs more than MAX_CONTINUATIONS slides after its first."""
        place = self.place(kind)
        box = place.body
        font = self.font(kind, heading=False).measure
        pages = paginate(paras, box, sizes, font=font, lang=self.lecture.language)
        count = len(pages.groups)
        for i, group in enumerate(pages.groups):
            body = self.box(kind, "body", group, pages.size, box, placeholder="body")
            heading = self.chapter_title(kind, title, i, count, chapter) if chapter else \
                self.title_box(kind, numbered_title(title, i, count), pos)
            self.add(Slide(place.layout.name, kind, heading.paras[0].text, (heading, body),
                           notes, pos))
        if count > 1 and what:
            self.split(pos, f"{what} need {count} slides at {pages.size:g} pt", count,
                       described(place.layout, box, pages.size, self.template.own, font=font))
        return pages

    def split(self, pos: m.SourcePos, message: str, count: int, where: str) -> None:
        """Report one text split over `count` slides at `pos`, naming the box it did not fit:
        a warning, or an error past MAX_CONTINUATIONS continuation slides."""
        if count > MAX_CONTINUATIONS + 1:
            self.diag.error(pos, f"{message}, more than the {MAX_CONTINUATIONS + 1} allowed "
                            f"({where})", "shorten it, or split it in two")
        else:
            self.diag.warning(pos, f"{message} ({where}); consider shortening")

    def stack(self, kind: str, parts: Sequence[Part], region: Box, pos: m.SourcePos, gap: int,
              use: Callable[[str], Use] = lambda role: "text",
              centre: float = 0.45) -> Stacked:
        """Text boxes stacked top to bottom in `region`, each as tall as its text, centred as
        a group, on one slide: a title, section or closing slide never continues.

        Every part shrinks (the one largest against its own size first) down to its floor;
        text that still does not fit grows its area into the free space of the layout above
        and below it, then beside it; failing that the last parts that are not a title (a
        summary, a byline) go to the speaker notes, with a warning.
        """
        areas = self._areas(kind, region)
        # Where nothing else helps, the gaps between the parts narrow before a part goes.
        tries = [(area, space) for space in (gap, gap // 3) for area in areas]
        kept = list(parts)
        while True:
            for area, space in tries:
                sized = self._shrink(kind, kept, area, space)
                if sized is not None:
                    gap = space
                    break
            if sized is not None or not any(p[0] not in TITLE_ROLES for p in kept):
                break
            index = max(i for i, p in enumerate(kept) if p[0] not in TITLE_ROLES)
            self._warn_dropped(kind, kept[index], region, pos)
            del kept[index]
        if sized is None:  # a title too long for the whole slide even at its floor
            area, gap = tries[-1]
            sized = [self._floor_part(kind, part, area.w) for part in kept]
            self.diag.warning(pos, f"'{short(kept[0][1][0].text)}' does not fit "
                              f"{described(self.place(kind).layout, area, sized[0][0])}, "
                              "even at its smallest size", "shorten it")
        dropped = tuple(p[1][0].text for p in parts if p not in kept)
        return Stacked(self._placed(kind, kept, sized, region, area, gap, use, centre), dropped)

    def _areas(self, kind: str, region: Box) -> tuple[Box, ...]:
        """Where a stack may go: its region, then grown up and down into the free space of
        the layout, then sideways too (within the slide's margins, clear of the template's
        shapes and of the band of its slide number, footer and date)."""
        t, layout = self.template, self.template.layout(kind)
        margin = self.inch(0.25)
        inner = Box(margin, margin, t.width - 2 * margin, t.height - 2 * margin)
        blocks = [o for o in layout.obstacles if o.area > 0 and not o.overlaps(region)]
        if layout.number is not None:  # templates put footer and date in the number's band
            blocks.append(Box(inner.x, layout.number.y, inner.w, layout.number.h))
        tall = _grown(region, inner, blocks, vertical=True)
        wide = _grown(tall, inner, blocks, vertical=False)
        return tuple(dict.fromkeys((region, tall, wide)))

    def _font_of(self, kind: str, role: str) -> str:
        return self.font(kind, role in TITLE_ROLES).measure

    def _shrink(self, kind: str, parts: Sequence[Part], area: Box, gap: int
                ) -> list[tuple[float, tuple[Paragraph, ...], int]] | None:
        """Sizes at which the parts fit the area together with no word broken inside, each
        part's paragraphs (hyphenated at its floor) and height; None when even the floors do
        not fit. The part set largest against its own size shrinks first, a step at a time."""
        steps = [0] * len(parts)
        room = area.h - gap * (len(parts) - 1)
        lang = self.lecture.language
        while True:
            chosen: list[tuple[float, tuple[Paragraph, ...], int]] = []
            broken: list[int] = []
            for k, (role, paras, sizes, _) in enumerate(parts):
                size, font = sizes[steps[k]], self._font_of(kind, role)
                if steps[k] == len(sizes) - 1:
                    paras = hyphenate(paras, area, size, font, lang)
                if not whole_words(paras, area.w, size, font):
                    broken.append(k)
                chosen.append((size, tuple(paras), needed_height(paras, area.w, size,
                                                                 font=font)))
            if not broken and sum(c[2] for c in chosen) <= room:
                return chosen
            open_ = [k for k in range(len(parts)) if steps[k] < len(parts[k][2]) - 1]
            if not open_:
                return None
            # A word too wide shrinks its part first; then parts of several lines, which gain
            # the most from shrinking; the hierarchy of sizes is kept as they shrink.
            wanted = [k for k in broken if k in open_] or \
                [k for k in open_ if _wraps(chosen[k][1], area.w, chosen[k][0],
                                            self._font_of(kind, parts[k][0]))] or open_
            pick = max(wanted, key=lambda k: (chosen[k][0] / parts[k][2][0], chosen[k][2]))
            steps[pick] += 1

    def _floor_part(self, kind: str, part: Part, width: int
                    ) -> tuple[float, tuple[Paragraph, ...], int]:
        role, paras, sizes, _ = part
        font = self._font_of(kind, role)
        paras = hyphenate(paras, Box(0, 0, width, 0), sizes[-1], font, self.lecture.language)
        return sizes[-1], tuple(paras), needed_height(paras, width, sizes[-1], font=font)

    def _placed(self, kind: str, parts: Sequence[Part],
                sized: Sequence[tuple[float, tuple[Paragraph, ...], int]], region: Box,
                area: Box, gap: int, use: Callable[[str], Use], centre: float
                ) -> tuple[TextBox, ...]:
        """The parts' boxes, centred as a group where the region was (inside the area)."""
        total = sum(s[2] for s in sized) + gap * (len(sized) - 1)
        y = region.y + round((region.h - total) * centre)
        y = max(area.y, min(y, area.bottom - total))
        boxes: list[TextBox] = []
        for (role, _, _, placeholder), (size, paras, height) in zip(parts, sized, strict=True):
            boxes.append(self.box(kind, role, paras, size, Box(area.x, y, area.w, height),
                                  use=use(role), placeholder=placeholder,
                                  heading=role in TITLE_ROLES))
            y += height + gap
        return tuple(boxes)

    def _warn_dropped(self, kind: str, part: Part, region: Box, pos: m.SourcePos) -> None:
        role, paras, sizes, placeholder = part
        layout = self.place(kind).layout
        own = {"body": layout.body, "subtitle": layout.subtitle}.get(placeholder)
        box = own if own is not None and not self.template.own else region
        where = described(layout, box, sizes[-1], self.template.own,
                          font=self._font_of(kind, role))
        label = {"summary": "summary", "byline": "byline", "subtitle": "subtitle",
                 "section-number": "chapter number"}.get(role, role)
        self.diag.warning(pos, f"the {label} '{short(paras[0].text)}' does not fit the "
                          f"{kind} slide ({where}); it goes to the "
                          "speaker notes",
                          "shorten it, or choose a layout with more room for it")

    def warn_split_entries(self, pages: Pages, entries: Sequence[tuple[m.SourcePos, str]],
                           paras: Sequence[Paragraph]) -> None:
        """Warn about single entries that had to be split (lists of entries split freely)."""
        placed = {p for g in pages.groups for p in g}  # a set: a list made this quadratic
        for (pos, name), para in zip(entries, paras, strict=True):
            if para not in placed:
                self.diag.warning(pos, f"'{short(name)}' is too long for one slide at "
                                  f"{pages.size:g} pt; consider shortening")


def _grown(region: Box, inner: Box, blocks: Sequence[Box], vertical: bool) -> Box:
    """The region stretched up and down (or left and right) to the margins `inner`, stopping
    at the first block on either side."""
    if vertical:
        near = [b for b in blocks if b.x < region.right and region.x < b.right]
        top = max([inner.y, *(b.bottom for b in near if b.bottom <= region.y)])
        bottom = min([inner.bottom, *(b.y for b in near if b.y >= region.bottom)])
        top, bottom = min(top, region.y), max(bottom, region.bottom)
        return Box(region.x, top, region.w, bottom - top)
    near = [b for b in blocks if b.y < region.bottom and region.y < b.bottom]
    left = max([inner.x, *(b.right for b in near if b.right <= region.x)])
    right = min([inner.right, *(b.x for b in near if b.x >= region.right)])
    left, right = min(left, region.x), max(right, region.right)
    return Box(left, region.y, right - left, region.h)


def _wraps(paras: Sequence[Paragraph], width: int, size: float, font: str) -> bool:
    """True when the paragraphs take more lines than there are paragraphs."""
    inner = fit.pt(width) - 2 * INSET
    return any(fit.line_count(p.runs, inner - p.indent_em * size, size, font) > 1
               for p in paras)
