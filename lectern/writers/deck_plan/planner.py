"""The planner's state and the parts every kind of slide shares: places, titles, bodies, stacks."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace

from ... import fit
from ... import model as m
from ...box import Box
from ...deck_template import Colour, DeckTemplate, Font, Layout, largest_free
from ...deck_template.styles import MIN_CONTRAST
from ...diagnostics import Collector
from ...fit import Run
from ...limits import MAX_SLIDES
from ...locale import Locale, Words, continued, locale_for
from .geometry import IN, INSET, TITLE_ROLES, TITLE_SHORTEN
from .paginate import Pages, largest_size, needed_height, numbered_title, paginate
from .plates import plates
from .setting import Setting
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
        its floor (geometry.SIZE_FLOOR of it). Text lectern sets smaller than its
        `reference` ladder (a list of sources against "body") starts as much smaller than
        the template's size. lectern's own template keeps its manifest's ladders."""
        setting = self.setting(kind, placeholder)
        if setting is None or self.template.own:
            return tuple(sizes)
        share = min(1.0, max(sizes) / max(self.sizes(reference))) if reference else 1.0
        return setting.sizes(share)

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

    def title_box(self, kind: str, text: str, pos: m.SourcePos, name: str = "") -> TextBox:
        """The slide title: one line at the largest size if possible, else two lines.

        A title too long is reported at `pos` under `name` (the title as the source gives
        it), so that the slides of one chapter report their chapter's title once.
        """
        box = self.place(kind).title
        font = self.font(kind, heading=True).measure
        sizes, long_sizes = self.sizes("title"), self.sizes("long_title")
        para = [plain(text)]
        spacing = 0.9
        setting = self.setting(kind, "title")
        measure = box
        if setting is not None:
            font = setting.level.font.measure
            if not self.template.own:
                ladder = setting.sizes()
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
            self.diag.warning(pos, f"slide title '{short(name or text)}' is too long for "
                              f"{sizes[-1]:g} pt; consider shortening")
        if size is None:
            # Last resort: keep the smallest size and let the box grow into the body area.
            size = long_sizes[-1]
            height = needed_height(para, measure.w, size, spacing, font)
            box = replace(box, h=height if setting is None else
                          setting.outer_height(height, (size,)))
        return self.box(kind, "title", para, size, box, spacing, "b", "l", "text", "title", True)

    def chapter_title(self, kind: str, title: str, index: int, count: int,
                      chapter: m.Chapter) -> TextBox:
        """The title of slide `index` of `count` of a chapter's kind, reported at the title."""
        return self.title_box(kind, numbered_title(title, index, count), chapter.title_pos,
                              chapter.title)

    def kicker(self, kind: str, text: str) -> TextBox:
        """A small title above a quote, where a full-size title would compete with it."""
        box = self.place(kind).kicker
        how = self._measure(kind, "kicker", self.sizes("kicker"), "title")
        _, paras, sizes, _ = self._placed_part(kind, ("kicker", (plain(text),),
                                                      self.sizes("kicker"), "title"), "title")
        measure = Box(box.x, box.y, how.width(box.w), how.room(box.h))
        pages = paginate(paras, measure, sizes, how.spacing, font=how.font)
        if len(pages.groups) > 1:
            height = needed_height(paras, measure.w, sizes[-1], how.spacing, font=how.font)
            box = replace(box, h=how.height(height, sizes[-1:]))
        return self.box(kind, "kicker", paras, pages.size, box, how.spacing, "t", "l",
                        "accent", "title", True)

    # slide kinds -------------------------------------------------------------------------

    def text_slides(self, kind: str, title: str, paras: Sequence[Paragraph],
                    sizes: Sequence[float], notes: str, pos: m.SourcePos,
                    what: str = "", chapter: m.Chapter | None = None) -> Pages:
        """Title + body slides, split into numbered continuation slides when needed; a
        chapter's slides report a title too long at the chapter's title."""
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
        pages = paginate(paras, measure, sizes, spacing, font=font)
        count = len(pages.groups)
        for i, group in enumerate(pages.groups):
            body = self.box(kind, "body", group, pages.size, box, spacing, placeholder="body")
            heading = self.chapter_title(kind, title, i, count, chapter) if chapter else \
                self.title_box(kind, numbered_title(title, i, count), pos)
            self.add(Slide(place.layout.name, kind, heading.paras[0].text, (heading, body),
                           notes, pos))
        if count > 1 and what:
            self.diag.warning(pos, f"{what} need {count} slides at {pages.size:g} pt; "
                              f"consider shortening")
        # The caller's own paragraphs back where they were kept whole.
        given_back = dict(zip(paras, given, strict=True))
        return replace(pages, groups=tuple(tuple(given_back.get(q, q) for q in group)
                                           for group in pages.groups))

    def stack(self, kind: str,
              parts: Sequence[tuple[str, tuple[Paragraph, ...], Sequence[float], str]],
              region: Box, pos: m.SourcePos, gap: int,
              use: Callable[[str], Use] = lambda role: "text",
              centre: float = 0.45) -> list[tuple[TextBox, ...]]:
        """Text boxes stacked top to bottom in `region`, each as tall as its text, centred as
        a group; text too long for one slide continues on more, the title numbered '(2/3)'."""
        width, top, bottom, x = region.w, region.y, region.bottom, region.x
        parts = [self._placed_part(kind, part) for part in parts]
        measures = [self._measure(kind, p[0], p[2], p[3]) for p in parts]
        room = bottom - top - gap * (len(parts) - 1)
        limits = [room] * len(parts)
        fitted = [how.height(self._fitted_height(p[1], p[2], how.width(width), how.room(room),
                                                 how.font, how.spacing), p[2])
                  for p, how in zip(parts, measures, strict=True)]
        if sum(fitted) > room:
            titles = sum(1 for p in parts if p[0] in TITLE_ROLES)
            rest = max(1, len(parts) - titles)
            limits = [room // 2 if p[0] in TITLE_ROLES else (room - room // 2 * titles) // rest
                      for p in parts]
        paged = [(role, paginate(paras, Box(0, 0, how.width(width), how.room(limit)), sizes,
                                 how.spacing, font=how.font), sizes, limit, ph, how)
                 for (role, paras, sizes, ph), limit, how in zip(parts, limits, measures,
                                                              strict=True)]
        # lectern's own lines (a byline, a chapter number) align as the template's title.
        lead = next((how.setting for how in measures if how.setting is not None), None)
        align = lead.level.align if lead is not None and lead.level.align in ("l", "ctr", "r") \
            else "l"
        count = max(len(p[1].groups) for p in paged)
        if count > 1:
            self.diag.warning(pos, f"'{short(parts[-1][1][0].text)}' is too long for one slide "
                              f"and continues on {count}; consider shortening")
        slides: list[tuple[TextBox, ...]] = []
        for i in range(count):
            chosen: list[tuple[str, tuple[Paragraph, ...], float, int, str, float]] = []
            for role, pages, sizes, limit, placeholder, how in paged:
                if len(pages.groups) > 1 and i >= len(pages.groups):
                    continue
                group = pages.groups[i] if len(pages.groups) > 1 else pages.groups[0]
                if role in TITLE_ROLES and count > 1:
                    head = group[0]
                    suffix = Run(continued("", i, count), head.runs[-1].bold,
                                 head.runs[-1].italic)
                    group = (replace(head, runs=(*head.runs, suffix)), *group[1:])
                size = largest_size(group, Box(0, 0, how.width(width), how.room(limit)), sizes,
                                    how.spacing, font=how.font) or sizes[-1]
                height = needed_height(group, how.width(width), size, how.spacing, font=how.font)
                chosen.append((role, group, size, how.height(height, (size,)), placeholder,
                               how.spacing))
            total = sum(c[3] for c in chosen) + gap * (len(chosen) - 1)
            y = top + max(0, round((bottom - top - total) * centre))
            boxes: list[TextBox] = []
            for role, paras, size, height, placeholder, spacing in chosen:
                boxes.append(self.box(kind, role, paras, size, Box(x, y, width, height),
                                      spacing, align=align, use=use(role),
                                      placeholder=placeholder, heading=role in TITLE_ROLES))
                y += height + gap
            slides.append(tuple(boxes))
        return slides

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

    @staticmethod
    def _fitted_height(paras: Sequence[Paragraph], sizes: Sequence[float], width: int,
                       room: int, font: str, spacing: float = 1.0) -> int:
        size = largest_size(paras, Box(0, 0, width, room), sizes, spacing,
                            font=font) or sizes[-1]
        return needed_height(paras, width, size, spacing, font=font)

    def warn_split_entries(self, pages: Pages, entries: Sequence[tuple[m.SourcePos, str]],
                           paras: Sequence[Paragraph]) -> None:
        """Warn about single entries that had to be split (lists of entries split freely)."""
        placed = {p for g in pages.groups for p in g}  # a set: a list made this quadratic
        for (pos, name), para in zip(entries, paras, strict=True):
            if para not in placed:
                self.diag.warning(pos, f"'{short(name)}' is too long for one slide at "
                                  f"{pages.size:g} pt; consider shortening")
