"""The planner's state and the parts every kind of slide shares: places, titles, bodies, stacks."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace

from ... import fit
from ... import model as m
from ...addresses import printed_address
from ...box import Box
from ...deck_template import Colour, DeckTemplate, Font, Layout
from ...deck_template.styles import MIN_CONTRAST
from ...diagnostics import Collector
from ...limits import MAX_SLIDES
from ...locale import NBSP, Locale, Words, locale_for
from .geometry import IN, INSET, MAX_CONTINUATIONS, TITLE_ROLES, TITLE_SHORTEN
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
from .setting import Setting
from .text import plain, short
from .types import Paragraph, Slide, TextBox
from .where import described

Use = str  # "text", "muted" or "accent": which of the layout's readable colours
PLATE_PAD = 0.12  # inches (scaled with the slide): how far a plate reaches past its text
# A part of a title, section or closing slide: role, paragraphs, sizes, placeholder filled.
Part = tuple[str, tuple[Paragraph, ...], Sequence[float], str]


@dataclass(frozen=True)
class Place:
    """Where one kind of slide puts its text, on the layout that serves it."""

    layout: Layout
    title: Box  # the slide title
    body: Box  # the body text, or what lectern draws (figures, the timeline)
    region: Box  # the stack of a title or section slide; the quote and its bar
    kicker: Box  # the small title above a quote


@dataclass(frozen=True)
class _Measure:
    """How one part of a stack is measured: in its placeholder's setting, or lectern's."""

    setting: Setting | None
    font: str
    spacing: float

    def width(self, width: int) -> int:
        """The width lectern.fit measures in, of a box `width` wide."""
        return width if self.setting is None else \
            max(1, width - self.setting.outer_width(0))

    def room(self, height: int) -> int:
        """The height lectern.fit measures in, of a box `height` tall."""
        return height if self.setting is None else \
            max(1, height - self.setting.outer_height(0, (self.setting.top,)))

    def height(self, measured: int, sizes: Sequence[float]) -> int:
        """The box's height for a measured height."""
        return measured if self.setting is None else self.setting.outer_height(measured, sizes)


# Where a group of text sits in its placeholder, by the placeholder's anchor: a share of the
# room left above it.
ANCHORED = {"t": 0.0, "ctr": 0.5, "b": 1.0}


@dataclass(frozen=True)
class Stacked:
    """A title, section or closing slide's boxes, and the texts that went to the notes."""

    boxes: tuple[TextBox, ...]
    dropped: tuple[str, ...]

    def notes(self, notes: str) -> str:
        """The slide's notes, after the texts the slide had no room for."""
        return "\n\n".join(part for part in (*self.dropped, notes) if part)


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
    _settings: dict[tuple[str, str], Setting | None] = field(default_factory=dict)
    # Paragraphs measured in a style's capitals -> the same as written (capitals are the
    # style's to show: the deck keeps the lecture's own letters).
    _cased: dict[Paragraph, Paragraph] = field(default_factory=dict)
    # The slide titles given so far (case and spacing aside): no two slides share one.
    _titles: set[str] = field(default_factory=set)

    @property
    def loc(self) -> Locale:
        return locale_for(self.lecture.language)

    @property
    def words(self) -> Words:
        return self.loc.words

    def sizes(self, name: str) -> tuple[float, ...]:
        """A size ladder of the manifest, scaled to the template's slide."""
        return self.template.sizes[name]

    def floored(self, *names: str) -> tuple[float, ...]:
        """Manifest ladders one after the other, carried down to the floor of the first's
        largest size (text shrinks that far before it splits)."""
        sizes = [s for name in names for s in self.sizes(name)]
        return to_floor(sizes, self.template.scale)

    def inch(self, inches: float) -> int:
        """A distance in EMU, scaled with the template's slide."""
        return round(inches * IN * self.template.scale)

    def add(self, slide: Slide) -> None:
        """Add a slide, on plates where its layout has them, the addresses of its links
        after its notes (for the presenter, and for the handout's printed notes)."""
        t = self.template
        found = plates(slide, t.layout(slide.kind), t.width, t.height, self.inch(PLATE_PAD))
        addresses = link_lines(slide)
        if addresses:
            slide = replace(slide, notes="\n\n".join(p for p in (slide.notes, addresses) if p))
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

    def setting(self, kind: str, placeholder: str) -> Setting | None:
        """How the kind's layout sets text in a placeholder ("title", "subtitle", "body"):
        None for text lectern puts in a text box of its own."""
        key = (kind, placeholder)
        if key not in self._settings:
            style = self.template.layout(kind).style(placeholder) if placeholder else None
            self._settings[key] = Setting(style) if style is not None else None
        return self._settings[key]

    def ladder(self, kind: str, placeholder: str, sizes: Sequence[float],
               reference: str = "") -> tuple[float, ...]:
        """The sizes tried for text in a placeholder: from the template's own size down to
        its floor (geometry.floor of it). Text lectern sets smaller than its
        `reference` ladder (a list of sources against "body") starts as much smaller than
        the template's size. lectern's own template keeps its manifest's ladders."""
        setting = self.setting(kind, placeholder)
        if setting is None or self.template.own:
            return tuple(sizes)
        share = min(1.0, max(sizes) / max(self.sizes(reference))) if reference else 1.0
        return setting.sizes(share, self.template.scale)

    def styled(self, setting: Setting, paras: Sequence[Paragraph],
               sizes: Sequence[float]) -> list[Paragraph]:
        """Paragraphs as a placeholder shows them, to measure (setting.paragraphs); those
        set in the style's capitals are remembered with their own letters for the deck."""
        measured = setting.paragraphs(paras, sizes)
        if setting.level.caps != "none":
            written = setting.paragraphs(paras, sizes, caps=False)
            self._cased.update(zip(measured, written, strict=True))
        return measured

    def box(self, kind: str, role: str, paras: Sequence[Paragraph], size: float, box: Box,
            line_spacing: float = 1.0, anchor: str = "t", align: str = "l", use: Use = "text",
            placeholder: str = "", heading: bool = False) -> TextBox:
        """A text box with the font and a readable colour of the kind's layout; in a
        placeholder, the placeholder's own style (its colour where that reads)."""
        scheme, rgb = self.colour(kind, use)
        accent, _ = self.colour(kind, "accent")
        setting = self.setting(kind, placeholder)
        if setting is None:
            return TextBox(role, tuple(paras), size, box, line_spacing, anchor,  # type: ignore[arg-type]
                           align, scheme, placeholder, self.font(kind, heading), rgb,  # type: ignore[arg-type]
                           accent)
        level = setting.level
        if level.caps != "none":
            paras = [self._cased.get(p, p) for p in paras]
        own = level.colour.contrast >= MIN_CONTRAST
        colour = level.colour if own else Colour(scheme, rgb, 0.0)
        bullet = level.bullet.colour or colour.rgb
        # Justified text is drawn flush left, a justified anchor at the top, by writers that
        # draw (the deck itself inherits the style as it is).
        anchor = setting.style.anchor if setting.style.anchor in ("t", "ctr", "b") else "t"
        align = level.align if level.align in ("l", "ctr", "r") else "l"
        return TextBox(role, tuple(paras), size, box, line_spacing, anchor,  # type: ignore[arg-type]
                       align, colour.scheme, placeholder, level.font,  # type: ignore[arg-type]
                       colour.rgb, bullet, setting.style, recolour=not own)

    # titles ------------------------------------------------------------------------------

    def unique_title(self, text: str) -> str:
        """`text` as a slide title, or, where an earlier slide has that title, `text (2)`,
        `text (3)`: screen-reader users and PowerPoint's Accessibility Checker tell slides
        apart by their titles."""
        title, k = text, 1
        while " ".join(title.split()).casefold() in self._titles:
            k += 1
            title = f"{text}{NBSP}({k})"
        self._titles.add(" ".join(title.split()).casefold())
        return title

    def title_free(self, text: str) -> bool:
        """Whether no slide has `text` as its title yet."""
        return " ".join(text.split()).casefold() not in self._titles

    def title_box(self, kind: str, text: str, pos: m.SourcePos, name: str = "") -> TextBox:
        """The slide title: one line at the largest size if possible, else two lines.

        A title too long is reported at `pos` under `name` (the title as the source gives
        it), so that the slides of one chapter report their chapter's title once.
        """
        text = self.unique_title(text)
        box = self.place(kind).title
        font = self.font(kind, heading=True).measure
        sizes = self.sizes("title")
        long_sizes = self.floored("title", "long_title")[len(sizes):]
        para: Sequence[Paragraph] = [plain(text)]
        spacing = 0.9
        setting = self.setting(kind, "title")
        measure = box
        if setting is not None:
            font = setting.level.font.measure
            if not self.template.own:
                ladder = setting.sizes(scale=self.template.scale)
                sizes = tuple(s for s in ladder if s >= TITLE_SHORTEN * ladder[0])
                long_sizes = tuple(s for s in ladder if s not in sizes) or sizes[-1:]
            spacing = setting.line_spacing(long_sizes)
            para = self.styled(setting, para, long_sizes)
            measure = setting.measure_box(box, sizes)
        one_line = fit.Frame(fit.pt(measure.w), 1e9, INSET, INSET, spacing, font)
        size = next((s for s in sizes
                     if fit.line_count(para[0].runs, one_line.inner_width, s, font) == 1
                     and largest_size(para, measure, (s,), spacing, font)), None)
        size = size or largest_size(para, measure, sizes, spacing, font)
        if size is None:
            size = largest_size(para, measure, long_sizes, spacing, font)
            where = described(self.place(kind).layout, box, sizes[-1], self.template.own,
                              spacing, font)
            self.diag.warning(pos, f"slide title '{short(name or text)}' is too long for "
                              f"{sizes[-1]:g} pt ({where}); consider shortening")
        if size is None:
            # Last resort: keep the smallest size and let the box grow into the body area.
            size = long_sizes[-1]
            para = hyphenate(para, measure, size, font, self.lecture.language)
            height = needed_height(para, measure.w, size, spacing, font)
            box = replace(box, h=height if setting is None else
                          setting.outer_height(height, (size,)))
        return self.box(kind, "title", para, size, box, spacing, "b", "l", "text", "title", True)

    def chapter_title(self, kind: str, title: str, index: int, count: int,
                      chapter: m.Chapter) -> TextBox:
        """The title of slide `index` of `count` of a chapter's kind (`title`: the chapter's,
        labelled as the kind's), reported at the chapter's title."""
        return self.title_box(kind, numbered_title(title, index, count), chapter.title_pos,
                              chapter.title)

    def kicker(self, kind: str, text: str) -> TextBox:
        """A small title above a quote, where a full-size title would compete with it."""
        text = self.unique_title(text)
        box = self.place(kind).kicker
        how = self._measure(kind, "kicker", self.sizes("kicker"), "title")
        _, paras, sizes, _ = self._placed_part(kind, ("kicker", (plain(text),),
                                                      self.sizes("kicker"), "title"), "title")
        measure = Box(box.x, box.y, how.width(box.w), how.room(box.h))
        size, fitted = settle(paras, measure, sizes, how.spacing, how.font,
                              self.lecture.language)
        if largest_size(fitted, measure, (size,), how.spacing, how.font) is None:
            height = needed_height(fitted, measure.w, size, how.spacing, font=how.font)
            box = replace(box, h=how.height(height, (size,)))
        return self.box(kind, "kicker", fitted, size, box, how.spacing, "t", "l",
                        "accent", "title", True)

    # slide kinds -------------------------------------------------------------------------

    def text_slides(self, kind: str, title: str, paras: Sequence[Paragraph],
                    sizes: Sequence[float], notes: str, pos: m.SourcePos,
                    what: str = "", chapter: m.Chapter | None = None) -> Pages:
        """Title + body slides, split into numbered continuation slides when needed; a
        chapter's slides report a title too long at the chapter's title. `what` names one
        text (a chapter's key points): it warns when it splits, and it is an error when it
        needs more than MAX_CONTINUATIONS slides after its first."""
        place = self.place(kind)
        box = measure = place.body
        font = self.font(kind, heading=False).measure
        spacing = 1.0
        setting = self.setting(kind, "body")
        given = list(paras)
        if setting is not None:
            sizes = self.ladder(kind, "body", sizes, "body")
            font = setting.level.font.measure
            spacing = setting.line_spacing(sizes)
            paras = self.styled(setting, paras, sizes)
            measure = setting.measure_box(box, sizes)
        pages = paginate(paras, measure, sizes, spacing, font=font, lang=self.lecture.language)
        count = len(pages.groups)
        for i, group in enumerate(pages.groups):
            body = self.box(kind, "body", group, pages.size, box, spacing, placeholder="body")
            heading = self.chapter_title(kind, title, i, count, chapter) if chapter else \
                self.title_box(kind, numbered_title(title, i, count), pos)
            self.add(Slide(place.layout.name, kind, heading.paras[0].text, (heading, body),
                           notes, pos))
        if count > 1 and what:
            self.split(pos, f"{what} need {count} slides at {pages.size:g} pt", count,
                       described(place.layout, box, pages.size, self.template.own,
                                 spacing, font))
        # The caller's own paragraphs back where they were kept whole.
        given_back = dict(zip(paras, given, strict=True))
        return replace(pages, groups=tuple(tuple(given_back.get(q, q) for q in group)
                                           for group in pages.groups))

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
        given = list(parts)
        parts = [self._placed_part(kind, part) for part in parts]
        how = [self._measure(kind, p[0], p[2], p[3]) for p in parts]
        # lectern's own lines (a byline, a chapter number) align as the template's title.
        lead = next((h.setting for h in how if h.setting is not None), None)
        align = lead.level.align if lead is not None and lead.level.align in ("l", "ctr", "r") \
            else "l"
        own = self._in_own_places(kind, parts, how, gap, pos, use, align)
        if own is not None:
            return own
        areas = self._areas(kind, region)
        # Where nothing else helps, the gaps between the parts narrow before a part goes.
        tries = [(area, space) for space in (gap, gap // 3) for area in areas]
        kept = list(range(len(parts)))
        while True:
            for area, space in tries:
                sized = self._shrink([parts[k] for k in kept], [how[k] for k in kept], area,
                                     space)
                if sized is not None:
                    gap = space
                    break
            titles = [k for k in kept if parts[k][0] in TITLE_ROLES]
            if sized is not None or len(titles) == len(kept):
                break
            dropped = max(k for k in kept if k not in titles)
            self._warn_dropped(kind, parts[dropped], how[dropped], region, pos)
            kept.remove(dropped)
        if sized is None:  # a title too long for the whole slide even at its floor
            area, gap = tries[-1]
            sized = [self._floor_part(parts[k], how[k], area.w) for k in kept]
            self.diag.warning(pos, f"'{short(given[kept[0]][1][0].text)}' does not fit "
                              f"{described(self.place(kind).layout, area, sized[0][0])}, "
                              "even at its smallest size", "shorten it")
        boxes = self._placed(kind, [parts[k] for k in kept], [how[k] for k in kept], sized,
                             (region, area), gap, use, align, centre)
        return Stacked(boxes, tuple(given[k][1][0].text for k in range(len(parts))
                                    if k not in kept))

    def _in_own_places(self, kind: str, parts: Sequence[Part], how: Sequence[_Measure],
                       gap: int, pos: m.SourcePos, use: Callable[[str], Use], align: str
                       ) -> Stacked | None:
        """The parts in the template's own placeholders, where the designer put them: the
        title in the title placeholder, a subtitle or summary in its own, lectern's own lines
        with the part before them (or the title, before it). None where a part does not fit
        its placeholder even at its floor, so the parts stack together instead; a `zoned`
        layout (each placeholder reads only on its own ground) never stacks, and what does
        not fit goes to the notes."""
        layout = self.place(kind).layout
        groups = self._own_groups(layout, parts)
        if groups is None:
            return None
        boxes: list[TextBox] = []
        dropped: list[int] = []
        for box, members in groups:
            kept = list(members)
            while True:
                sized = self._shrink([parts[k] for k in kept], [how[k] for k in kept], box, gap)
                titles = [k for k in kept if parts[k][0] in TITLE_ROLES]
                if sized is not None or not layout.zoned or len(titles) == len(kept):
                    break
                gone = max(k for k in kept if k not in titles)
                self._warn_dropped(kind, parts[gone], how[gone], box, pos)
                kept.remove(gone)
                dropped.append(gone)
            if sized is None and not layout.zoned:
                return None
            if sized is None:
                sized = [self._floor_part(parts[k], how[k], box.w) for k in kept]
                self.diag.warning(pos, f"'{short(parts[kept[0]][1][0].text)}' does not fit "
                                  f"{described(layout, box, sized[0][0])}, even at its "
                                  "smallest size", "shorten it")
            boxes += self._placed(kind, [parts[k] for k in kept], [how[k] for k in kept],
                                  sized, (box, box), gap, use, align,
                                  ANCHORED.get(self._anchor(kind, parts[kept[0]]), 0.5))
        return Stacked(tuple(boxes), tuple(parts[k][1][0].text for k in sorted(dropped)))

    def _own_groups(self, layout: Layout, parts: Sequence[Part]
                    ) -> list[tuple[Box, list[int]]] | None:
        """The parts by the placeholder box each goes in, in order; None on lectern's own
        template, or where a title has no placeholder or two placeholders overlap."""
        if self.template.own:
            return None
        places = {"subtitle": layout.subtitle, "body": layout.body}
        groups: list[tuple[Box, list[int]]] = []
        waiting: list[int] = []
        for k, (role, _, _, placeholder) in enumerate(parts):
            box = layout.title if role in TITLE_ROLES else places.get(placeholder)
            if box is None:
                if role in TITLE_ROLES:
                    return None
                if groups:
                    groups[-1][1].append(k)
                else:
                    waiting.append(k)
                continue
            same = next((g for g in groups if g[0] == box), None)
            if same is not None:
                same[1].extend([*waiting, k])
            else:
                groups.append((box, [*waiting, k]))
            waiting = []
        if waiting or not groups:
            return None
        for i, (a, _) in enumerate(groups):
            if any(a.overlaps(b) for b, _ in groups[i + 1:]):
                return None
        return groups

    def _anchor(self, kind: str, part: Part) -> str:
        setting = self.setting(kind, part[3]) if part[3] else None
        return setting.style.anchor if setting is not None else "ctr"

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

    def _shrink(self, parts: Sequence[Part], how: Sequence[_Measure], area: Box, gap: int
                ) -> list[tuple[float, tuple[Paragraph, ...], int]] | None:
        """Sizes at which the parts fit the area together with no word broken inside, each
        part's paragraphs (hyphenated at its floor) and box height; None when even the floors
        do not fit. The part set largest against its own size shrinks first, a step at a
        time."""
        room = area.h - gap * (len(parts) - 1)
        memo: dict[tuple[int, int], tuple[float, tuple[Paragraph, ...], bool, int]] = {}

        def at(k: int, step: int) -> tuple[float, tuple[Paragraph, ...], bool, int]:
            if (k, step) not in memo:
                _, paras, sizes, _ = parts[k]
                size, paras, fits = self._part_at(paras, how[k], area.w, sizes[step],
                                                  step == len(sizes) - 1)
                memo[k, step] = size, paras, fits, self._part_height(paras, how[k], area.w,
                                                                     size)
            return memo[k, step]

        # Nothing fits where the floors do not: most areas tried are ruled out at once.
        if sum(at(k, len(p[2]) - 1)[3] for k, p in enumerate(parts)) > room:
            return None
        steps = [0] * len(parts)
        while True:
            chosen: list[tuple[float, tuple[Paragraph, ...], int]] = []
            broken: list[int] = []
            for k in range(len(parts)):
                size, paras, fits, height = at(k, steps[k])
                if not fits:
                    broken.append(k)
                chosen.append((size, paras, height))
            if not broken and sum(c[2] for c in chosen) <= room:
                return chosen
            open_ = [k for k in range(len(parts)) if steps[k] < len(parts[k][2]) - 1]
            if not open_:
                return None
            # A word too wide shrinks its part first; then parts of several lines, which gain
            # the most from shrinking; the hierarchy of sizes is kept as they shrink.
            wanted = [k for k in broken if k in open_] or \
                [k for k in open_ if _wraps(chosen[k][1], how[k].width(area.w), chosen[k][0],
                                            how[k].font)] or open_
            pick = max(wanted, key=lambda k: (chosen[k][0] / parts[k][2][0], chosen[k][2]))
            steps[pick] += 1

    def _part_at(self, paras: Sequence[Paragraph], how: _Measure, width: int, size: float,
                 at_floor: bool) -> tuple[float, tuple[Paragraph, ...], bool]:
        """A part's paragraphs at `size` (hyphenated at its floor), and whether no word of
        them is wider than a line."""
        inner = how.width(width)
        if at_floor:
            paras = hyphenate(paras, Box(0, 0, inner, 0), size, how.font, self.lecture.language)
        return size, tuple(paras), whole_words(paras, inner, size, how.font)

    @staticmethod
    def _part_height(paras: Sequence[Paragraph], how: _Measure, width: int, size: float) -> int:
        measured = needed_height(paras, how.width(width), size, how.spacing, font=how.font)
        return how.height(measured, (size,))

    def _floor_part(self, part: Part, how: _Measure, width: int
                    ) -> tuple[float, tuple[Paragraph, ...], int]:
        size = part[2][-1]
        _, paras, _ = self._part_at(part[1], how, width, size, True)
        return size, paras, self._part_height(paras, how, width, size)

    def _placed(self, kind: str, parts: Sequence[Part], how: Sequence[_Measure],
                sized: Sequence[tuple[float, tuple[Paragraph, ...], int]],
                where: tuple[Box, Box], gap: int, use: Callable[[str], Use], align: str,
                centre: float) -> tuple[TextBox, ...]:
        """The parts' boxes, centred as a group where the region was (inside the area)."""
        region, area = where
        total = sum(s[2] for s in sized) + gap * (len(sized) - 1)
        y = region.y + round((region.h - total) * centre)
        y = max(area.y, min(y, area.bottom - total))
        boxes: list[TextBox] = []
        for (role, _, _, placeholder), (size, paras, height), h in zip(parts, sized, how,
                                                                       strict=True):
            boxes.append(self.box(kind, role, paras, size, Box(area.x, y, area.w, height),
                                  h.spacing, align=align, use=use(role),
                                  placeholder=placeholder, heading=role in TITLE_ROLES))
            y += height + gap
        return tuple(boxes)

    def _warn_dropped(self, kind: str, part: Part, how: _Measure, region: Box,
                      pos: m.SourcePos) -> None:
        role, paras, sizes, placeholder = part
        layout = self.place(kind).layout
        own = {"body": layout.body, "subtitle": layout.subtitle}.get(placeholder)
        box = own if own is not None and not self.template.own else region
        where = described(layout, box, sizes[-1], self.template.own, how.spacing, how.font)
        label = {"summary": "summary", "byline": "byline", "subtitle": "subtitle",
                 "section-number": "chapter number"}.get(role, role)
        self.diag.warning(pos, f"the {label} '{short(paras[0].text)}' does not fit the "
                          f"{kind} slide ({where}); it goes to the "
                          "speaker notes",
                          "shorten it, or choose a layout with more room for it")

    def _placed_part(self, kind: str, part: tuple[str, tuple[Paragraph, ...], Sequence[float],
                                                   str], reference: str = ""
                     ) -> tuple[str, tuple[Paragraph, ...], tuple[float, ...], str]:
        """A part of a stack with the sizes and paragraphs of its placeholder's style."""
        role, paras, sizes, placeholder = part
        setting = self.setting(kind, placeholder)
        if setting is None:
            return role, paras, tuple(sizes), placeholder
        ladder = self.ladder(kind, placeholder, sizes, reference)
        if role in TITLE_ROLES:  # a title's weight is the template's
            paras = tuple(replace(p, runs=tuple(replace(r, bold=False) for r in p.runs))
                          for p in paras)
        return role, tuple(self.styled(setting, paras, ladder)), ladder, placeholder

    def _measure(self, kind: str, role: str, sizes: Sequence[float],
                 placeholder: str) -> _Measure:
        setting = self.setting(kind, placeholder)
        if setting is None:
            return _Measure(None, self.font(kind, role in TITLE_ROLES).measure, 1.0)
        return _Measure(setting, setting.level.font.measure, setting.line_spacing(sizes))

    def warn_split_entries(self, pages: Pages, entries: Sequence[tuple[m.SourcePos, str]],
                           paras: Sequence[Paragraph]) -> None:
        """Warn about single entries that had to be split (lists of entries split freely)."""
        placed = {p for g in pages.groups for p in g}  # a set: a list made this quadratic
        for (pos, name), para in zip(entries, paras, strict=True):
            if para not in placed:
                self.diag.warning(pos, f"'{short(name)}' is too long for one slide at "
                                  f"{pages.size:g} pt; consider shortening")


def link_lines(slide: Slide) -> str:
    """A line for each link of a slide's text: its words and address ("" for none)."""
    boxes = [*slide.texts, *(cell for table in slide.tables for row in table.cells
                             for cell in row)]
    links: dict[str, list[str]] = {}
    for box in boxes:
        for para in box.paras:
            for run in para.runs:
                if run.url:
                    links.setdefault(run.url, []).append(run.text)
    return "\n".join(f"{''.join(words).strip()}: {printed_address(url)}"
                     for url, words in links.items())


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
