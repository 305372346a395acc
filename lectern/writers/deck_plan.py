"""The deck planner (pure, no pptx): which slides, what text, at what size, in which box."""

from __future__ import annotations

import math
import re
import zipfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Literal

from PIL import Image

from .. import fit
from .. import model as m
from ..diagnostics import Collector, Diagnostic
from ..fit import Run
from ..paths import DEFAULT_LAYOUT

TEMPLATE = DEFAULT_LAYOUT / "deck" / "template.pptx"

# Layouts the deck asks for by name; a lecture's own template must have all of them.
TITLE_LAYOUT = "lectern Title"
SECTION_LAYOUT = "lectern Section"
CONTENT_LAYOUT = "lectern Content"
QUOTE_LAYOUT = "lectern Quote"
BLANK_LAYOUT = "lectern Blank"
LAYOUTS = (TITLE_LAYOUT, SECTION_LAYOUT, CONTENT_LAYOUT, QUOTE_LAYOUT, BLANK_LAYOUT)

IN = 914400
SLIDE_W = 12192000  # 13.333 in: 16:9
SLIDE_H = 6858000  # 7.5 in
MARGIN_X = round(0.75 * IN)
CONTENT_W = SLIDE_W - 2 * MARGIN_X
TITLE_TOP = round(0.45 * IN)
TITLE_H = round(1.45 * IN)
BODY_TOP = round(2.2 * IN)
BODY_BOTTOM = round(6.75 * IN)
INSET = 3.6  # points: the text frame's inset on every side

# Sizes (points), largest first: the planner takes the first that fits.
TITLE_SIZES = (44.0, 42.0, 40.0, 38.0, 36.0)
LONG_TITLE_SIZES = (34.0, 32.0, 30.0, 28.0)
COVER_SIZES = (54.0, 50.0, 48.0, 44.0, 40.0, 36.0)
BODY_SIZES = (32.0, 30.0, 28.0, 26.0, 24.0, 22.0, 20.0)
QUOTE_SIZES = (40.0, 38.0, 36.0, 34.0, 32.0, 30.0, 28.0)
SUB_SIZES = (28.0, 26.0, 24.0, 22.0, 20.0)
SMALL_SIZES = (24.0, 22.0, 20.0, 18.0)
CAPTION_SIZES = (24.0, 22.0, 20.0, 18.0)
CREDIT_SIZES = (16.0, 14.0)
SOURCE_SIZES = (24.0, 22.0, 20.0, 18.0, 16.0, 14.0)
EVENT_SIZES = (24.0, 22.0, 20.0, 18.0)
KICKER_SIZE = 20.0
TITLE_ROLES = ("cover-title", "section-title")
TIMELINE_Y = round(3.75 * IN)

Anchor = Literal["t", "ctr", "b"]
Align = Literal["l", "ctr", "r"]
Bullet = Literal["", "bullet", "number"]


# --- the plan ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Box:
    """A rectangle on the slide in EMU."""

    x: int
    y: int
    w: int
    h: int

    @property
    def bottom(self) -> int:
        return self.y + self.h


@dataclass(frozen=True)
class Paragraph:
    """A paragraph of a text box; indent and space before are in ems of the box's font size."""

    runs: tuple[Run, ...]
    bullet: Bullet = ""
    number: int = 0
    indent_em: float = 0.0
    space_em: float = 0.0
    lang: str = ""

    @property
    def text(self) -> str:
        return "".join(r.text for r in self.runs)

    def measure(self, size: float) -> fit.Para:
        """The paragraph as lectern.fit measures it at `size` points."""
        return fit.Para(self.runs, self.indent_em * size, self.space_em * size)


@dataclass(frozen=True)
class TextBox:
    """A text frame: role, paragraphs, the size chosen, its box and how it is set."""

    role: str
    paras: tuple[Paragraph, ...]
    size: float
    box: Box
    line_spacing: float = 1.0
    anchor: Anchor = "t"
    align: Align = "l"
    color: str = "tx1"
    placeholder: str = ""  # "title", "subtitle" or "body": fills that layout placeholder

    def frame(self) -> fit.Frame:
        return frame_of(self.box, self.line_spacing)

    def measured_height(self) -> float:
        """Height in points the text needs, including insets."""
        paras = [p.measure(self.size) for p in self.paras]
        return fit.text_height(paras, self.frame(), self.size) + 2 * INSET


@dataclass(frozen=True)
class Picture:
    path: Path
    box: Box
    alt: str


@dataclass(frozen=True)
class Shape:
    """A plain drawn shape: a line, a dot or a bar, in the theme's accent colour."""

    kind: Literal["line", "dot", "bar"]
    box: Box


@dataclass(frozen=True)
class Slide:
    layout: str
    kind: str
    title: str
    texts: tuple[TextBox, ...]
    notes: str
    pos: m.SourcePos
    numbered: bool = True
    pictures: tuple[Picture, ...] = ()
    shapes: tuple[Shape, ...] = ()


@dataclass(frozen=True)
class DeckPlan:
    slides: tuple[Slide, ...]
    warnings: tuple[Diagnostic, ...] = ()
    template: Path = TEMPLATE
    width: int = SLIDE_W
    height: int = SLIDE_H


# --- fitting ----------------------------------------------------------------------------


def frame_of(box: Box, line_spacing: float = 1.0) -> fit.Frame:
    """The lectern.fit frame of a box."""
    return fit.Frame(fit.pt(box.w), fit.pt(box.h), INSET, INSET, line_spacing)


def largest_size(paras: Sequence[Paragraph], box: Box, sizes: Sequence[float],
                 line_spacing: float = 1.0) -> float | None:
    """The largest of `sizes` at which the paragraphs fit the box, or None."""
    frame = frame_of(box, line_spacing)
    for size in sizes:
        if fit.fits([p.measure(size) for p in paras], frame, size):
            return size
    return None


def needed_height(paras: Sequence[Paragraph], width: int, size: float,
                  line_spacing: float = 1.0) -> int:
    """EMU height a box of `width` needs for the paragraphs at `size` (insets included)."""
    frame = fit.Frame(fit.pt(width), 1e9, INSET, INSET, line_spacing)
    points = fit.text_height([p.measure(size) for p in paras], frame, size) + 2 * INSET
    return math.ceil(points * fit.EMU_PER_PT) + 1


def _sentences(text: str) -> list[str]:
    """Split text after sentence ends; the pieces keep their spaces so they join back."""
    parts = re.split(r"(?<=[.!?…;:»”])\s+", text)
    return [p for p in parts if p]


def _split_para(para: Paragraph, box: Box, size: float, line_spacing: float) -> list[Paragraph]:
    """Pieces of a paragraph too tall for the box: between sentences, else between words."""
    frame = frame_of(box, line_spacing)

    def fits_alone(p: Paragraph) -> bool:
        return fit.fits([p.measure(size)], frame, size)

    if fits_alone(para):
        return [para]
    text = para.text
    pieces = _sentences(text)
    if len(pieces) == 1:
        pieces = text.split(" ")
    chunks: list[str] = []
    for piece in pieces:
        candidate = f"{chunks[-1]} {piece}" if chunks else piece
        if chunks and fits_alone(replace(para, runs=_restyle(para.runs, candidate))):
            chunks[-1] = candidate
        else:
            chunks.append(piece)
    out: list[Paragraph] = []
    for i, chunk in enumerate(chunks):
        piece_para = replace(para, runs=_restyle(para.runs, chunk))
        if i:
            piece_para = replace(piece_para, bullet="", space_em=para.space_em)
        if len(pieces) > 1 and not fits_alone(piece_para) and len(chunk.split(" ")) > 1:
            out.extend(_split_para(piece_para, box, size, line_spacing))
        else:
            out.append(piece_para)
    return out


def _restyle(runs: tuple[Run, ...], text: str) -> tuple[Run, ...]:
    """Runs covering `text`, a contiguous piece of the runs' text, keeping each run's style."""
    whole = "".join(r.text for r in runs)
    start = whole.find(text)
    if start < 0:
        return (Run(text, runs[0].bold, runs[0].italic),) if runs else (Run(text),)
    end = start + len(text)
    out: list[Run] = []
    pos = 0
    for run in runs:
        lo, hi = max(start, pos), min(end, pos + len(run.text))
        if lo < hi:
            out.append(Run(run.text[lo - pos:hi - pos], run.bold, run.italic))
        pos += len(run.text)
    return tuple(out)


def _group_heights(heights: list[float], spaces: list[float], room: float) -> list[list[float]]:
    """rows[i][j - i - 1]: the height of paragraphs i..j-1 as one group, for every j until
    the group outgrows `room` (that first too-tall height included; longer groups are taller).

    Each row is summed left to right, as sum() over each slice did (Python 3.11 adds floats
    in order), so the heights are those of summing every group afresh, which made
    partitioning cubic in the paragraphs (1 s for a 220-chapter agenda).
    """
    rows: list[list[float]] = []
    for i in range(len(heights)):
        row: list[float] = []
        total_h, total_s = 0.0, 0.0
        for j in range(i, len(heights)):
            total_h += heights[j]
            if j > i:
                total_s += spaces[j]
            row.append((total_h + total_s) * fit.HEIGHT_SLACK)
            if row[-1] > room:
                break
        rows.append(row)
    return rows


def _partition(paras: list[Paragraph], box: Box, size: float,
               line_spacing: float) -> list[list[Paragraph]]:
    """Fewest contiguous groups fitting the box at `size`, balanced by height."""
    frame = frame_of(box, line_spacing)
    measured = [p.measure(size) for p in paras]
    heights = [fit.para_height(p, frame, size, True) for p in measured]
    spaces = [p.space_before for p in measured]
    room = frame.inner_height
    rows = _group_heights(heights, spaces, room)

    def height(i: int, j: int) -> float:
        row = rows[i]
        return row[j - i - 1] if j - i <= len(row) else math.inf

    k = 1
    start = 0
    for j in range(len(paras)):
        if height(start, j + 1) > room and j > start:
            k, start = k + 1, j
    n = len(paras)
    # Where a group ending before paragraph j may start: where it fits, or one paragraph alone.
    starts: list[list[int]] = [[] for _ in range(n + 1)]
    for i, row in enumerate(rows):
        for t, group_height in enumerate(row):
            if t == 0 or group_height <= room:
                starts[i + t + 1].append(i)
    # best[g][j]: the least sum of squared group heights when the first j paras make g groups;
    # squares even the groups out (a short last slide looks like a mistake).
    inf = float("inf")
    best = [[inf] * (n + 1) for _ in range(k + 1)]
    cut = [[0] * (n + 1) for _ in range(k + 1)]
    best[0][0] = 0.0
    for g in range(1, k + 1):
        for j in range(1, n + 1):
            for i in starts[j]:
                if i < g - 1:
                    continue
                group_height = height(i, j)
                cost = best[g - 1][i] + group_height * group_height
                if cost < best[g][j]:
                    best[g][j], cut[g][j] = cost, i
    groups: list[list[Paragraph]] = []
    j = n
    for g in range(k, 0, -1):
        i = cut[g][j]
        groups.append(paras[i:j])
        j = i
    groups.reverse()
    return groups


@dataclass(frozen=True)
class Pages:
    """Paragraph groups, one per slide, all set at one size."""

    size: float
    groups: tuple[tuple[Paragraph, ...], ...]


def paginate(paras: Sequence[Paragraph], box: Box, sizes: Sequence[float],
             line_spacing: float = 1.0) -> Pages:
    """Fit the paragraphs in the box at the largest size, or split them over several boxes."""
    whole = largest_size(paras, box, sizes, line_spacing)
    if whole is not None:
        return Pages(whole, (tuple(paras),))
    smallest = sizes[-1]
    units = [piece for p in paras for piece in _split_para(p, box, smallest, line_spacing)]
    groups = _partition(units, box, smallest, line_spacing)
    size = min((largest_size(g, box, sizes, line_spacing) or smallest) for g in groups)
    return Pages(size, tuple(tuple(g) for g in groups))


def numbered_title(title: str, index: int, count: int) -> str:
    """A continuation title: 'Title (2/3)', or the title alone when there is one slide."""
    return f"{title} ({index + 1}/{count})" if count > 1 else title


# --- text from the model ----------------------------------------------------------------


def runs_of(inlines: tuple[object, ...], bold: bool = False, italic: bool = False) -> list[Run]:
    """Styled runs of inline content; footnote calls are left out (the slide has no foot)."""
    out: list[Run] = []
    for node in inlines:
        if isinstance(node, (m.Text, m.Code)):
            out.append(Run(node.text, bold, italic))
        elif isinstance(node, m.LineBreak):
            out.append(Run("\n", bold, italic))
        elif isinstance(node, m.Emph):
            out.extend(runs_of(node.children, bold, not italic))
        elif isinstance(node, m.Strong):
            out.extend(runs_of(node.children, True, italic))
        elif isinstance(node, (m.Link, m.Term)):
            out.extend(runs_of(node.children, bold, italic))
    return _merge(out)


def _merge(runs: list[Run]) -> list[Run]:
    """Join neighbouring runs of one style (fewer XML runs, same text)."""
    out: list[Run] = []
    for run in runs:
        if out and (out[-1].bold, out[-1].italic) == (run.bold, run.italic):
            out[-1] = Run(out[-1].text + run.text, run.bold, run.italic)
        elif run.text:
            out.append(run)
    return out


def plain(text: str, bold: bool = False, italic: bool = False, **kw: object) -> Paragraph:
    """A paragraph of one run."""
    return Paragraph((Run(text, bold, italic),), **kw)  # type: ignore[arg-type]


def bullets(items: Sequence[tuple[Run, ...]], numbered: bool = False) -> list[Paragraph]:
    """Bulleted (or numbered) paragraphs with a hanging indent and air between them."""
    kind: Bullet = "number" if numbered else "bullet"
    # "10." needs a wider hanging indent than "1." or a bullet.
    indent = 1.5 if numbered and len(items) >= 10 else 1.1
    return [Paragraph(tuple(runs), kind, i + 1, indent, 0.45) for i, runs in enumerate(items)]


def quoted(text: str, language: str) -> str:
    """The text in typographic quotation marks for its language, unless it already has them."""
    text = text.strip()
    if text[:1] in "“«„\"'‘":
        return text
    if language.startswith("ru"):
        return f"«{text}»"
    return f"“{text}”"


MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December")


def date_text(date: m.PartialDate) -> str:
    """'27 February 1917', 'March 1871' or '1848'."""
    parts = [str(date.year)]
    if date.month:
        parts.insert(0, MONTHS[date.month - 1])
    if date.day:
        parts.insert(0, str(date.day))
    # A non-breaking space keeps day and month together on narrow timeline columns.
    return "\u00a0".join(parts[:2]) + " " + parts[2] if date.day else " ".join(parts)


def source_runs(entry: m.SourceEntry) -> tuple[Run, ...]:
    """A bibliography line: Author, *Title*. Place: Publisher, year. URL. Note."""
    runs: list[Run] = []
    if entry.author:
        runs.append(Run(f"{entry.author}, "))
    runs.append(Run(entry.title, italic=True))
    where = ": ".join(p for p in (entry.place, entry.publisher) if p)
    tail = ", ".join(p for p in (where, entry.year) if p)
    rest = ". ".join(p for p in (tail, entry.url, entry.note.rstrip(".")) if p)
    runs.append(Run(f". {rest}." if rest else "."))
    return tuple(runs)


def source_text(entry: m.SourceEntry) -> str:
    return "".join(r.text for r in source_runs(entry))


# --- labels -----------------------------------------------------------------------------

LABELS = {
    "en": {"agenda": "Overview", "chapter": "Chapter", "discussion": "Discussion",
           "timeline": "Timeline", "glossary": "Glossary", "sources": "Sources",
           "thanks": "Thank you", "questions": "Questions and discussion"},
    "ru": {"agenda": "План лекции", "chapter": "Глава", "discussion": "Вопросы для обсуждения",
           "timeline": "Хронология", "glossary": "Глоссарий", "sources": "Источники",
           "thanks": "Спасибо", "questions": "Вопросы и обсуждение"},
}


def labels(lecture: m.Lecture) -> dict[str, str]:
    return LABELS.get(lecture.language.split("-")[0].lower(), LABELS["en"])


# --- slide parts ------------------------------------------------------------------------


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
            self.diag.warning(pos, f"slide title '{_short(text)}' is too long for "
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

    def cover(self) -> None:
        lec = self.lecture
        width = CONTENT_W - round(0.5 * IN)
        parts: list[tuple[str, tuple[Paragraph, ...], Sequence[float], str]] = [
            ("cover-title", (plain(lec.title, bold=True),), COVER_SIZES, "title")]
        if lec.subtitle:
            parts.append(("subtitle", (plain(lec.subtitle),), SUB_SIZES, "subtitle"))
        byline = f"{', '.join(lec.authors)} \u00b7 {date_long(lec.date)}"
        parts.append(("byline", (plain(byline),), SMALL_SIZES, ""))
        notes = "\n\n".join(p for p in (lec.description, lec.basis) if p) or lec.title
        for boxes in self.stack(parts, width, top=round(1.6 * IN), bottom=round(6.6 * IN),
                                pos=lec.pos, gap=round(0.3 * IN), x=MARGIN_X + round(0.25 * IN)):
            # Only the very first slide goes without a number.
            self.add(Slide(TITLE_LAYOUT, "title", boxes[0].paras[0].text, boxes, notes, lec.pos,
                           numbered=bool(self.slides)))

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
            self.diag.warning(pos, f"'{_short(parts[-1][1][0].text)}' is too long for one slide "
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

    def agenda(self) -> None:
        lec = self.lecture
        items = [(Run(c.title),) for c in lec.chapters]
        notes = (f"This lecture has {len(lec.chapters)} chapters: "
                 + "; ".join(f"{c.number}. {c.title} — {c.summary}" for c in lec.chapters))
        self.text_slides("agenda", self.words["agenda"], bullets(items, numbered=True),
                         BODY_SIZES, notes, lec.pos)

    def section(self, chapter: m.Chapter) -> None:
        width = CONTENT_W - round(1.0 * IN)
        parts: list[tuple[str, tuple[Paragraph, ...], Sequence[float], str]] = [
            ("section-number", (plain(f"{self.words['chapter']} {chapter.number}"),),
             (24.0,), ""),
            ("section-title", (plain(chapter.title, bold=True),), TITLE_SIZES + LONG_TITLE_SIZES,
             "title"),
            ("summary", (plain(chapter.summary),), SUB_SIZES, "body"),
        ]
        colours = {"section-number": "bg2", "section-title": "bg1", "summary": "bg1"}
        notes = f"{chapter.summary}\n\n{chapter.notes}".strip()
        for boxes in self.stack(parts, width, top=round(1.0 * IN), bottom=round(6.5 * IN),
                                pos=chapter.pos, gap=round(0.25 * IN), x=round(1.35 * IN),
                                color=lambda role: colours[role]):
            # A summary may need more slides than its title: those continue without one.
            titles = [b.paras[0].text for b in boxes if b.role == "section-title"]
            self.add(Slide(SECTION_LAYOUT, "section", titles[0] if titles else chapter.title,
                           boxes, notes, chapter.pos))

    def key_points(self, chapter: m.Chapter) -> None:
        if not chapter.key_points:
            return
        items = [tuple(runs_of(i.content)) for i in chapter.key_points]
        self.text_slides("points", chapter.title, bullets(items), BODY_SIZES,
                         chapter.notes, chapter.key_points[0].pos,
                         what=f"key points of '{_short(chapter.title)}'")

    def questions(self, chapter: m.Chapter) -> None:
        if not chapter.questions:
            return
        items = [tuple(runs_of(i.content)) for i in chapter.questions]
        notes = (f"Discussion for chapter {chapter.number}, {chapter.title}.\n\n"
                 f"{chapter.notes}")
        self.text_slides("questions", f"{self.words['discussion']}: {chapter.title}",
                         bullets(items, numbered=True), BODY_SIZES, notes,
                         chapter.questions[0].pos,
                         what=f"discussion questions of '{_short(chapter.title)}'")

    def figure(self, chapter: m.Chapter, figure: m.Figure) -> None:
        caption = tuple(runs_of(figure.caption)) or (Run(figure.alt),)
        cap_box = Box(MARGIN_X, 0, CONTENT_W, round(1.3 * IN))
        pages = paginate([Paragraph(caption)], cap_box, CAPTION_SIZES)
        credit = (plain(figure.credit),) if figure.credit else ()
        credit_size = largest_size(credit, Box(0, 0, CONTENT_W, round(0.8 * IN)),
                                   CREDIT_SIZES) or CREDIT_SIZES[-1]
        credit_h = needed_height(credit, CONTENT_W, credit_size) if credit else 0
        count = len(pages.groups)
        if count > 1:
            self.diag.warning(figure.pos, f"the caption of '{_short(figure.alt)}' needs "
                              f"{count} slides; consider shortening")
        size_px = image_size(figure.path)
        notes = (f"Figure: {m.plain_text(figure.caption)}. {figure.credit}. "
                 f"{figure.alt}.\n\n{chapter.notes}")
        for i, group in enumerate(pages.groups):
            cap_h = needed_height(group, CONTENT_W, pages.size)
            credit_y = BODY_BOTTOM - credit_h
            cap_y = credit_y - cap_h
            texts: list[TextBox] = [self.title_box(numbered_title(chapter.title, i, count),
                                                   figure.pos)]
            texts.append(TextBox("caption", group, pages.size, Box(MARGIN_X, cap_y, CONTENT_W,
                                                                    cap_h), align="ctr"))
            if credit:
                texts.append(TextBox("credit", credit, credit_size,
                                     Box(MARGIN_X, credit_y, CONTENT_W, credit_h),
                                     align="ctr", color="tx2"))
            area = Box(MARGIN_X, BODY_TOP - round(0.1 * IN), CONTENT_W,
                       cap_y - BODY_TOP - round(0.05 * IN))
            pictures = (Picture(figure.path, fit_picture(size_px, area), figure.alt),)
            self.add(Slide(CONTENT_LAYOUT, "figure",
                           texts[0].paras[0].text, tuple(texts), notes, figure.pos,
                           pictures=pictures))

    def quote(self, chapter: m.Chapter, quote: m.Quote) -> None:
        text = quoted(quote.text, self.lecture.language)
        attribution = (Run("— "), Run(f"{quote.who}, "), Run(quote.work, italic=True),
                       Run(f", {quote.year}"))
        attr = (Paragraph(attribution),)
        original = (Paragraph((Run(quoted(quote.original, quote.original_language),
                                   italic=True),), lang=quote.original_language),
                    ) if quote.original else ()
        left = round(1.6 * IN)
        width = SLIDE_W - left - round(1.35 * IN)
        top, bottom = round(1.45 * IN), round(6.7 * IN)
        gap = round(0.3 * IN)
        attr_size = largest_size(attr, Box(0, 0, width, round(1.2 * IN)), SMALL_SIZES) or 18.0
        attr_h = needed_height(attr, width, attr_size)
        orig_size = largest_size(original, Box(0, 0, width, round(1.6 * IN)), SUB_SIZES) \
            if original else None
        orig_h = needed_height(original, width, orig_size) + gap if orig_size else 0
        quote_room = Box(left, top, width, bottom - top - attr_h - gap - orig_h)
        pages = paginate([plain(text)], quote_room, QUOTE_SIZES)
        if len(pages.groups) > 1 and orig_size:
            # The original goes to slides of its own rather than beside one part of the quote.
            orig_size, orig_h = None, 0
            quote_room = Box(left, top, width, bottom - top - attr_h - gap)
            pages = paginate([plain(text)], quote_room, QUOTE_SIZES)
        parts: list[tuple[tuple[Paragraph, ...], float, str, str]] = [
            (g, pages.size, "quote", "tx1") for g in pages.groups]
        if original and orig_size is None:
            orig_room = Box(left, top, width, bottom - top - attr_h - gap)
            orig_pages = paginate(original, orig_room, QUOTE_SIZES[3:] + SUB_SIZES[2:])
            parts += [(g, orig_pages.size, "original", "tx1") for g in orig_pages.groups]
        if len(parts) > 1:
            self.diag.warning(quote.pos, f"the quote of {quote.who} needs {len(parts)} slides "
                              f"at {pages.size:g} pt; consider shortening")
        notes = (f"Quote: {quote.text}\n\n{quote.reference}"
                 + (f"\nOriginal ({quote.original_language or 'original'}): {quote.original}"
                    if quote.original else "")
                 + f"\n\nContext: {chapter.notes}")
        for i, (group, size, role, colour) in enumerate(parts):
            stack: list[tuple[str, tuple[Paragraph, ...], float, int]] = [
                (role, group, size, needed_height(group, width, size))]
            if role == "quote" and orig_size and original:
                stack.append(("original", original, orig_size, orig_h - gap))
            stack.append(("attribution", attr, attr_size, attr_h))
            total = sum(s[3] for s in stack) + gap * (len(stack) - 1)
            y = top + max(0, round((bottom - top - total) * 0.45))
            texts = [self.kicker(numbered_title(chapter.title, i, len(parts)))]
            first_y = y
            for srole, paras, ssize, height in stack:
                tone = "tx2" if srole in ("original", "attribution") else colour
                texts.append(TextBox(srole, paras, ssize, Box(left, y, width, height),
                                     color=tone))
                y += height + gap
            bar = Shape("bar", Box(left - round(0.35 * IN), first_y, round(0.07 * IN),
                                   y - gap - first_y))
            self.add(Slide(QUOTE_LAYOUT, "quote", texts[0].paras[0].text, tuple(texts), notes,
                           quote.pos, shapes=(bar,)))

    def timeline(self) -> None:
        """Timeline slides: four entries a slide; an entry too long for a column gets a slide."""
        entries = self.lecture.timeline
        if not entries:
            return
        runs: list[tuple[list[tuple[m.TimelineEntry, Paragraph]], bool]] = []
        for entry in entries:
            event = plain(entry.event)
            if largest_size([event], self.event_box(4, 0), EVENT_SIZES) is not None:
                runs.append(([(entry, event)], False))
                continue
            pages = paginate([event], self.event_box(1, 0), EVENT_SIZES)
            if len(pages.groups) > 1:
                self.diag.warning(entry.pos, f"the timeline event '{_short(entry.event)}' "
                                  f"needs {len(pages.groups)} slides; consider shortening")
            runs.append(([(entry, p) for g in pages.groups for p in g], True))
        slides = _timeline_groups(runs)
        for i, group in enumerate(slides):
            self.timeline_slide(group, i, len(slides))

    def event_box(self, columns: int, k: int) -> Box:
        col_w = CONTENT_W // columns
        top = TIMELINE_Y + round(0.35 * IN)
        return Box(MARGIN_X + k * col_w, top, col_w, BODY_BOTTOM - top)

    def timeline_slide(self, entries: Sequence[tuple[m.TimelineEntry, Paragraph]], index: int,
                       count: int) -> None:
        columns = max(len(entries), 1)
        texts = [self.title_box(numbered_title(self.words["timeline"], index, count),
                                entries[0][0].pos)]
        shapes = [Shape("line", Box(MARGIN_X, TIMELINE_Y, CONTENT_W, 0))]
        dot = round(0.24 * IN)
        date_h = round(1.0 * IN)
        event_size = min(largest_size([p], self.event_box(columns, k), EVENT_SIZES)
                         or EVENT_SIZES[-1] for k, (_, p) in enumerate(entries))
        for k, (entry, event) in enumerate(entries):
            box = self.event_box(columns, k)
            date = (plain(date_text(entry.date), bold=True),)
            date_box = Box(box.x, TIMELINE_Y - round(0.2 * IN) - date_h, box.w, date_h)
            date_size = largest_size(date, date_box, EVENT_SIZES) or EVENT_SIZES[-1]
            texts.append(TextBox("date", date, date_size, date_box, anchor="b", align="ctr",
                                 color="accent1"))
            height = min(box.h, needed_height([event], box.w, event_size))
            texts.append(TextBox("event", (event,), event_size, replace(box, h=height),
                                 align="ctr"))
            shapes.append(Shape("dot", Box(box.x + box.w // 2 - dot // 2,
                                           TIMELINE_Y - dot // 2, dot, dot)))
        notes = "\n".join(dict.fromkeys(timeline_note(e) for e, _ in entries))
        self.add(Slide(CONTENT_LAYOUT, "timeline", texts[0].paras[0].text, tuple(texts), notes,
                       entries[0][0].pos, shapes=tuple(shapes)))

    def glossary(self) -> None:
        entries = self.lecture.glossary
        if not entries:
            return
        paras = [Paragraph(glossary_runs(e), space_em=0.5) for e in entries]
        notes = "\n".join(f"{e.term}"
                          + (f" ({e.original}, {e.transliteration})" if e.original else "")
                          + f": {e.definition}" for e in entries)
        pages = self.text_slides("glossary", self.words["glossary"], paras, BODY_SIZES[2:],
                                 notes, entries[0].pos)
        self._warn_split_entries(pages, [(e.pos, e.term) for e in entries], paras)

    def sources(self) -> None:
        entries = self.lecture.sources
        if not entries:
            return
        paras = [Paragraph(source_runs(e), space_em=0.5) for e in entries]
        notes = ("The works this lecture rests on, for anyone who wants to read further:\n"
                 + "\n".join(source_text(e) for e in entries))
        pages = self.text_slides("sources", self.words["sources"], paras, SOURCE_SIZES, notes,
                                 entries[0].pos)
        self._warn_split_entries(pages, [(e.pos, e.title) for e in entries], paras)

    def _warn_split_entries(self, pages: Pages, entries: Sequence[tuple[m.SourcePos, str]],
                            paras: Sequence[Paragraph]) -> None:
        """Warn about single entries that had to be split (lists of entries split freely)."""
        placed = [p for g in pages.groups for p in g]
        for (pos, name), para in zip(entries, paras, strict=True):
            if para not in placed:
                self.diag.warning(pos, f"'{_short(name)}' is too long for one slide at "
                                  f"{pages.size:g} pt; consider shortening")

    def closing(self) -> None:
        lec = self.lecture
        width = CONTENT_W - round(0.5 * IN)
        parts: list[tuple[str, tuple[Paragraph, ...], Sequence[float], str]] = [
            ("cover-title", (plain(self.words["thanks"], bold=True),), COVER_SIZES, "title"),
            ("subtitle", (plain(self.words["questions"]),), SUB_SIZES, "subtitle"),
            ("byline", (plain(f"{lec.title} \u00b7 {', '.join(lec.authors)}"),), SMALL_SIZES,
             ""),
        ]
        notes = ("Thank the audience and open the floor for questions. "
                 + (f"Credit: {lec.basis}" if lec.basis else lec.description))
        for boxes in self.stack(parts, width, top=round(1.6 * IN), bottom=round(6.6 * IN),
                                pos=lec.pos, gap=round(0.3 * IN), x=MARGIN_X + round(0.25 * IN)):
            self.add(Slide(TITLE_LAYOUT, "closing", self.words["thanks"], boxes, notes, lec.pos))


def _timeline_groups(
        runs: list[tuple[list[tuple[m.TimelineEntry, Paragraph]], bool]],
) -> list[list[tuple[m.TimelineEntry, Paragraph]]]:
    """Slides of the timeline: short entries four to a slide, evenly; long ones alone."""
    slides: list[list[tuple[m.TimelineEntry, Paragraph]]] = []
    pending: list[tuple[m.TimelineEntry, Paragraph]] = []

    def flush() -> None:
        if pending:
            count = math.ceil(len(pending) / 4)
            size = len(pending)
            slides.extend(pending[round(i * size / count):round((i + 1) * size / count)]
                          for i in range(count))
            pending.clear()

    for pieces, alone in runs:
        if not alone:
            pending.extend(pieces)
            continue
        flush()
        slides.extend([piece] for piece in pieces)
    flush()
    return slides


def glossary_runs(entry: m.GlossaryEntry) -> tuple[Run, ...]:
    """term · original · transliteration — definition."""
    runs = [Run(entry.term, bold=True)]
    if entry.original:
        runs.append(Run(f" \u00b7 {entry.original}"))
    if entry.transliteration:
        runs.append(Run(f" \u00b7 {entry.transliteration}", italic=True))
    runs.append(Run(f" — {entry.definition}"))
    return tuple(runs)


def timeline_note(entry: m.TimelineEntry) -> str:
    new = f" (New Style {date_text(entry.new_style)})" if entry.new_style else ""
    detail = f" {entry.detail}" if entry.detail else ""
    return f"{date_text(entry.date)}{new}: {entry.event}.{detail}"


def date_long(date: object) -> str:
    """A lecture date as '7 November 2017'."""
    import datetime as dt

    assert isinstance(date, dt.date)
    return f"{date.day} {MONTHS[date.month - 1]} {date.year}"


def image_size(path: Path) -> tuple[int, int]:
    """Pixel size of a picture (1×1 when it cannot be read: check_deck reports that)."""
    try:
        with Image.open(path) as img:
            return img.size
    except OSError:
        return (1, 1)


def fit_picture(size: tuple[int, int], area: Box) -> Box:
    """The largest box of the picture's proportions inside `area`, centred: nothing cropped."""
    w, h = size
    scale = min(area.w / w, area.h / h)
    bw, bh = int(w * scale), int(h * scale)
    return Box(area.x + (area.w - bw) // 2, area.y + (area.h - bh) // 2, bw, bh)


def _short(text: str, limit: int = 40) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def chapter_figures(chapter: m.Chapter) -> list[m.Figure]:
    """The figures of a chapter body, in reading order (lists and quotes included)."""
    return [n for n in m.walk_inlines(chapter.body) if isinstance(n, m.Figure)]


# --- entry points -----------------------------------------------------------------------


def _plan(lecture: m.Lecture) -> Planner:
    planner = Planner(lecture)
    planner.cover()
    planner.agenda()
    for chapter in lecture.chapters:
        planner.section(chapter)
        planner.key_points(chapter)
        for quote in chapter.quotes:
            planner.quote(chapter, quote)
        for figure in chapter_figures(chapter):
            planner.figure(chapter, figure)
        planner.questions(chapter)
    planner.timeline()
    planner.glossary()
    planner.sources()
    planner.closing()
    return planner


def plan_deck(lecture: m.Lecture) -> DeckPlan:
    """Plan every slide of the lecture's deck: layouts, text, sizes, boxes and notes."""
    planner = _plan(lecture)
    template = lecture.deck.template or TEMPLATE
    return DeckPlan(tuple(planner.slides), tuple(planner.diag.sorted()), template)


def template_layouts(path: Path) -> list[str]:
    """The layout names of a .pptx template, read from its XML (no pptx import needed)."""
    names: list[str] = []
    with zipfile.ZipFile(path) as archive:
        for name in sorted(archive.namelist()):
            if re.fullmatch(r"ppt/slideLayouts/slideLayout\d+\.xml", name):
                found = re.search(rb'<p:cSld[^>]*\sname="([^"]*)"', archive.read(name))
                if found:
                    names.append(found.group(1).decode("utf-8"))
    return names


def check_template(lecture: m.Lecture) -> list[Diagnostic]:
    """Errors for a lecture template that is missing, unreadable or lacks layouts."""
    path = lecture.deck.template
    if path is None:
        return []
    diag = Collector()
    try:
        names = template_layouts(path)
    except (OSError, zipfile.BadZipFile) as exc:
        diag.error(lecture.deck.pos, f"cannot read the deck template {path.name}: {exc}")
        return diag.items
    missing = [n for n in LAYOUTS if n not in names]
    if missing:
        diag.error(lecture.deck.pos, f"the deck template {path.name} lacks the layouts "
                   + ", ".join(f"'{n}'" for n in missing),
                   "rename layouts in PowerPoint (View > Slide Master) or start from "
                   "layouts/default/deck/template.pptx")
    return diag.items


def check_glyphs(plan: DeckPlan) -> list[Diagnostic]:
    """Warnings for characters the deck font (Calibri, measured as Carlito) lacks."""
    diag = Collector()
    for slide in plan.slides:
        text = "".join(p.text for t in slide.texts for p in t.paras)
        missing = fit.missing_glyphs(text)
        if missing:
            diag.warning(slide.pos, "the deck font cannot show "
                         + " ".join(sorted(missing)) + "; these characters may look wrong")
    return diag.items


def check_pictures(lecture: m.Lecture) -> list[Diagnostic]:
    """Errors for figures whose file is not a picture the deck can hold."""
    diag = Collector()
    for chapter in lecture.chapters:
        for figure in chapter_figures(chapter):
            try:
                with Image.open(figure.path) as img:
                    kind = img.format
            except OSError:
                diag.error(figure.pos, f"cannot read the picture {figure.path.name}")
                continue
            if kind not in ("PNG", "JPEG", "GIF", "BMP", "TIFF"):
                diag.error(figure.pos, f"the deck cannot hold {kind} pictures "
                           f"({figure.path.name}); use PNG or JPEG")
    return diag.items


def check_deck(lecture: m.Lecture) -> list[Diagnostic]:
    """Every problem the deck would have: template errors, pictures, splits and glyphs."""
    return plan_problems(lecture, plan_deck(lecture))


def plan_problems(lecture: m.Lecture, plan: DeckPlan) -> list[Diagnostic]:
    """The problems of a plan already made for `lecture` (so a build plans only once)."""
    return check_template(lecture) + check_pictures(lecture) + list(plan.warnings) + \
        check_glyphs(plan)
