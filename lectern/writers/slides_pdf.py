"""The slides PDF: every planned slide drawn as one page, each line where the planner broke it.

lectern writes each page's content itself: the layout's art (one form per layout, from
slide_art), the plates, placeholder fills and shapes, the pictures, then every text line
(placed by deck_plan.lines, shaped with HarfBuzz, shown in embedded font subsets) and the
slide number. The text is tagged as it is drawn: the first slide's title is H1, the others'
H2, lists are L > LI > Lbl/LBody, tables Table > TR > TH/TD, pictures Figures; everything
drawn for the look alone is an Artifact.
"""

from __future__ import annotations

import functools
import math
import re
from collections.abc import Sequence
from dataclasses import dataclass

import pikepdf
from fontTools.ttLib import TTFont

from .. import fit, images
from .. import model as m
from ..deck_template import geometry as g
from ..deck_template.drawing import Holder, Label
from ..deck_template.drawing import Run as LabelRun
from ..deck_template.styles import METRIC_FACES
from .booklet_html import _CYRILLIC_RUN as CYRILLIC_RUN
from .booklet_html import CYRILLIC_LANGUAGES, originals_language
from .deck_plan import Box, DeckPlan, Picture, Shape, Slide, TableBox, TextBox
from .deck_plan.lines import Line, line_metrics, place
from .pdfdraw.document import Canvas, Document, Meta, Node, Piece
from .pdfdraw.ops import Colour, colour, fill, number, stroke
from .slide_art import colour_op
from .slide_look import NUMBER_INSETS, NUMBER_SIZE, SlideLook, slide_look

LINE_WIDTH = 2.5  # points: the deck's connector lines are 31750 EMU wide
LABEL_PITCH = 1.2  # a template label's lines, as a slide program sets single spacing
_NUMBERED = re.compile(r" \((\d+)/(\d+)\)$")


def slides_pdf(plan: DeckPlan, lecture: m.Lecture) -> bytes:
    """One page per planned slide, at the deck's size, on its layout's art; nothing is
    written."""
    document = Document(Meta.of(lecture), dict(plan.template.pictures))
    width, height = fit.pt(plan.width), fit.pt(plan.height)
    drawer = SlideDrawer(document, plan, lecture)
    for index, slide in enumerate(plan.slides):
        canvas = document.page(width, height)
        section = document.root.add("Sect")
        drawer.draw(canvas, slide, index, section)
    for index, title in sorted(bookmarks(plan.slides, lecture).items()):
        document.bookmark(title, index)
    return document.save()


def bookmarks(slides: Sequence[Slide], lecture: m.Lecture) -> dict[int, str]:
    """Outline entries by slide index: the cover, each chapter at its first slide, and each
    run of back-matter slides (timeline, glossary, sources) at its first."""
    marks: dict[int, str] = {}
    chapters = {c.pos: c for c in lecture.chapters}
    seen: set[m.SourcePos] = set()
    for index, slide in enumerate(slides):
        if slide.kind == "title" and not marks:
            marks[index] = lecture.title
        elif slide.kind == "section" and slide.pos in chapters and slide.pos not in seen:
            seen.add(slide.pos)
            chapter = chapters[slide.pos]
            marks[index] = f"{chapter.number}. {chapter.title}"
        elif slide.kind in ("timeline", "glossary", "sources") and (
                index == 0 or slides[index - 1].kind != slide.kind):
            marks[index] = _unnumbered(slides, index)
    return marks


def _unnumbered(slides: Sequence[Slide], first: int) -> str:
    """The title of a run of continuation slides without its '(1/3)'."""
    found = _NUMBERED.search(slides[first].title)
    if not found or found.group(1) != "1":
        return slides[first].title
    count = int(found.group(2))
    run = slides[first:first + count]
    if len(run) == count and all(
            s.kind == slides[first].kind and s.title.endswith(f" ({i}/{count})")
            for i, s in enumerate(run, start=1)):
        return slides[first].title[:found.start()]
    return slides[first].title


@dataclass(frozen=True)
class Place:
    """Where a slide goes on its page: scaled by `scale`, its top left corner at (x, top),
    in points from the page's bottom left (the slides PDF: the whole page)."""

    x: float = 0.0
    top: float = 0.0
    scale: float = 1.0


class SlideDrawer:
    """Draws the slides of one plan into a document (the slides PDF's pages, or the
    handout's, where each slide is placed smaller)."""

    def __init__(self, document: Document, plan: DeckPlan, lecture: m.Lecture) -> None:
        self.document = document
        self.plan = plan
        # The language of Cyrillic runs in a lecture in another language ("" in a lecture
        # written in Cyrillic: they are in its own).
        self.originals = "" if lecture.language.split("-")[0].lower() in \
            CYRILLIC_LANGUAGES else originals_language(lecture)
        self.width, self.height = fit.pt(plan.width), fit.pt(plan.height)
        self.forms: dict[str, str | None] = {}

    def draw(self, canvas: Canvas, slide: Slide, index: int, section: Node,
             where: Place | None = None) -> None:
        """Slide `index` on the canvas; its text tagged under `section`."""
        look = slide_look(self.plan, slide)
        if where is None:
            where = Place(0.0, canvas.height)
        move = (f"q {number(where.scale)} 0 0 {number(where.scale)} {number(where.x)} "
                f"{number(where.top - self.height * where.scale)} cm "
                f"0 0 {number(self.width)} {number(self.height)} re W n")
        canvas.ops.append(move)
        self._art(canvas, slide, look)
        for picture in slide.pictures:
            self._picture(canvas, picture, section)
        number_ = index + 1
        for label in (look.art.labels if look.art else ()):
            # A footer or a number the template shows on every slide.
            canvas.artifact(self._label(canvas, label, number_, look), "Pagination")
        heading = "H1" if index == 0 else "H2"
        texts = sorted(slide.texts, key=lambda t: t.placeholder != "title")
        for text in texts:
            self._text_box(canvas, text, look, section, heading)
        for table in slide.tables:
            self._table(canvas, table, look, section)
        if slide.numbered and look.number is not None:
            canvas.artifact(self._number(canvas, number_, look, look.number), "PageNum")
        canvas.ops.append("Q")
        # The title is read first, then the rest in the order drawn (a picture before its
        # caption).
        section.kids.sort(key=lambda kid: not (isinstance(kid, Node) and kid.kind == heading))

    # --- what is drawn for the look alone ---------------------------------------------------

    def _art(self, canvas: Canvas, slide: Slide, look: SlideLook) -> None:
        """The layout's form, the plates, the placeholders' fills and the shapes."""
        form = self._form(slide)
        if form is not None:
            canvas.artifact(f"q {form} Do Q")
        ops = [_rect(p.box, colour(p.plate.rgb), self._alpha(p.plate.opacity))
               for p in slide.plates]
        ops += self._holders(slide, look)
        ops += [self._shape(s, look) for s in slide.shapes]
        if any(ops):
            canvas.artifact(f"q 1 0 0 -1 0 {number(self.height)} cm " + " ".join(ops) + " Q")

    def _form(self, slide: Slide) -> str | None:
        part = self.plan.template.layout(slide.kind).part
        if part not in self.forms:
            piece = self.plan.template.art.get(part)
            name = None
            if piece is not None and (piece.background is not None or piece.figures):
                form = self.document.painter.form(piece, self.width, self.height)
                name = self.document.resources.add("XObject", "Art", form)
            self.forms[part] = name
        return self.forms[part]

    def _alpha(self, alpha: float) -> str:
        return self.document.painter.alpha(alpha, self.document.resources)

    def _holders(self, slide: Slide, look: SlideLook) -> list[str]:
        """The fills and outlines the template gives the placeholders the slide fills, where
        the deck puts them (the first text of each kind takes the placeholder, as in the
        deck) and the slide number's."""
        if look.art is None or not look.art.holders:
            return []
        boxes: dict[str, Box] = {}
        for text in slide.texts:
            boxes.setdefault(text.placeholder, text.box)
        if slide.numbered and look.number is not None:
            boxes["number"] = look.number
        out = []
        for kind, box in boxes.items():
            holder = look.art.holder(kind) if kind else None
            if holder is not None:
                out.append(self._holder(holder, box))
        return out

    def _holder(self, holder: Holder, box: Box) -> str:
        """A placeholder's fill (a colour or a gradient) and outline, in the box."""
        x, y, w, h = fit.pt(box.x), fit.pt(box.y), fit.pt(box.w), fit.pt(box.h)
        ops = [f"q 1 0 0 1 {number(x)} {number(y)} cm"]
        if holder.fill is not None:
            outline = g.PRESETS["rect"](box.w, box.h, {})
            ops.append(self.document.painter.fill(holder.fill, outline, w, h, g.IDENTITY,
                                                   self.document.resources))
        stroke = holder.stroke
        if stroke is not None and stroke.width > 0:
            width = stroke.width / fit.EMU_PER_PT
            ops.append(f"{self._alpha(stroke.alpha)} {number(width)} w "
                       f"{colour_op(stroke.rgb, 'RG')} 0 0 {number(w)} {number(h)} re S")
        ops.append("Q")
        return " ".join(op for op in ops if op)

    def _shape(self, shape: Shape, look: SlideLook) -> str:
        """A bar, a dot, or a line from the box's origin to its far corner (as the deck
        draws them)."""
        box, rgb = shape.box, colour(look.rgb(shape.color))
        if shape.kind == "bar":
            return _rect(box, rgb)
        if shape.kind == "dot":
            return f"{fill(rgb)} {_ellipse(box)} f"
        x, y = fit.pt(box.x), fit.pt(box.y)
        return (f"{stroke(rgb)} {LINE_WIDTH} w 0 J {number(x)} {number(y)} m "
                f"{number(x + fit.pt(box.w))} {number(y + fit.pt(box.h))} l S")

    def _label(self, canvas: Canvas, label: Label, slide_number: int,
               look: SlideLook) -> str:
        """Text the template's master or layout shows on every slide, set in its box (a
        slide-number field showing the slide's number)."""
        width, room = fit.pt(label.box.w), fit.pt(label.box.h)
        lines = [line for align, runs in label.paragraphs
                 for line in _label_lines(canvas, align, runs, slide_number, look, width)]
        total = sum(size * LABEL_PITCH for _, _, size in lines)
        y = fit.pt(label.box.y) + {"t": 0.0, "ctr": (room - total) / 2,
                                   "b": room - total}[label.anchor]
        ops = []
        for align, pieces, size in lines:
            pitch = size * LABEL_PITCH
            ascent, descent = css_metrics(pieces[0][0][1][0] if pieces else look.number_font)
            baseline = y + (pitch - (ascent + descent) * size) / 2 + ascent * size
            y += pitch
            x = fit.pt(label.box.x) + _offset(
                align, width, canvas.width_of([p for p, _ in pieces], size))
            for piece, rgb in pieces:
                ops.append(canvas.text(x, self.height - baseline, [piece], size, rgb))
                x += canvas.width_of([piece], size)
        return " ".join(ops)

    def _number(self, canvas: Canvas, slide_number: int, look: SlideLook, box: Box) -> str:
        """The slide number, right-aligned and centred in the layout's slide-number box."""
        inset_x, inset_y = NUMBER_INSETS
        pitch, ascent = line_metrics(NUMBER_SIZE, 1.0)
        top = fit.pt(box.y) + inset_y + (fit.pt(box.h) - 2 * inset_y - pitch) / 2
        pieces: list[Piece] = [(str(slide_number), (look.number_font, False, False))]
        right = fit.pt(box.x + box.w) - inset_x
        x = right - canvas.width_of(pieces, NUMBER_SIZE)
        return canvas.text(x, self.height - (top + ascent), pieces, NUMBER_SIZE,
                           colour(look.number_colour))

    # --- content ----------------------------------------------------------------------------

    def _picture(self, canvas: Canvas, picture: Picture, section: Node) -> None:
        name = self.document.image(picture.path, images.picture(picture.path).data)
        if name is None:
            return
        box = picture.box
        x, y, w, h = fit.pt(box.x), fit.pt(box.y), fit.pt(box.w), fit.pt(box.h)
        ops = (f"q {number(w)} 0 0 {number(h)} {number(x)} {number(self.height - y - h)} cm "
               f"{name} Do Q")
        if not picture.alt.strip():
            canvas.artifact(ops)
            return
        bbox = [round(v, 2) for v in (x, self.height - y - h, x + w, self.height - y)]
        figure = section.add("Figure", alt=picture.alt, attributes={
            "/O": _name("Layout"), "/BBox": bbox})
        canvas.tagged(figure, ops)

    def _text_box(self, canvas: Canvas, text: TextBox, look: SlideLook, parent: Node,
                  heading: str = "H2", cell: bool = False) -> None:
        """The box's paragraphs, each line where deck_plan.lines puts it, tagged: a title as
        a heading, list paragraphs as list items, others as paragraphs (a table cell's
        text belongs to the cell)."""
        rgb = colour(look.rgb(text.color, text.rgb))
        bullet_rgb = colour(look.rgb(text.bullet_color))
        lines = place(text)
        family = text.font.measure
        items: Node | None = None
        for k, para in enumerate(text.paras):
            mine = [line for line in lines if line.para == k]
            if not mine:
                continue
            if cell:
                node = parent
            elif text.placeholder == "title":
                node = parent.add(heading)
            elif para.bullet and mine[0].bullet:
                if items is None:
                    items = parent.add("L")
                item = items.add("LI")
                label = mine[0]
                canvas.tagged(item.add("Lbl"), canvas.text(
                    label.bullet_x, self.height - label.baseline,
                    [(label.bullet, (family, False, False))], label.size, bullet_rgb))
                node = item.add("LBody")
            else:
                node = parent.add("P")
            if para.lang:
                node.lang = para.lang
            if not para.bullet:
                items = None
            other = "" if para.lang else self.originals
            if other and any(CYRILLIC_RUN.search(line.text) for line in mine):
                for line in mine:
                    self._mixed_line(canvas, line, family, rgb, node, other)
            else:
                canvas.tagged(node, " ".join(self._line(canvas, line, family, rgb)
                                             for line in mine))

    def _pieces(self, canvas: Canvas, line: Line, family: str) -> tuple[float, list[Piece]]:
        """Where the line starts, and its fragments in their faces."""
        pieces: list[Piece] = [(f.text, (f.font or family, f.bold, f.italic))
                               for f in line.fragments]
        return line.x + _offset(line.align, line.width, canvas.width_of(pieces, line.size)), \
            pieces

    def _line(self, canvas: Canvas, line: Line, family: str, rgb: Colour) -> str:
        """A line's operators: each run of fragments of one colour (a code token's own, else
        the box's) shown from where the one before it ends."""
        x, pieces = self._pieces(canvas, line, family)
        y = self.height - line.baseline
        ops: list[str] = []
        start = 0
        for end in range(1, len(pieces) + 1):
            if end < len(pieces) and line.fragments[end].color == line.fragments[start].color:
                continue
            own = line.fragments[start].color
            group = pieces[start:end]
            ops.append(canvas.text(x, y, group, line.size, colour(own) if own else rgb))
            x += canvas.width_of(group, line.size)
            start = end
        return " ".join(ops)

    def _mixed_line(self, canvas: Canvas, line: Line, family: str, rgb: Colour, node: Node,
                    lang: str) -> None:
        """A line with text in the originals' language: each run of it a Span with its
        Lang inside the paragraph."""
        x, pieces = self._pieces(canvas, line, family)
        canvas.line(x, self.height - line.baseline, by_script(pieces, node, lang), line.size,
                    rgb)

    def _table(self, canvas: Canvas, table: TableBox, look: SlideLook, parent: Node) -> None:
        """A planned table: the rules as thin bars (Artifacts), each cell's text where the
        plan puts it, tagged Table > TR > TH (with its scope) or TD."""
        rgb = colour(look.rgb(table.rule_color))
        rules = []
        for index, weight in table.rules:
            thick = fit.emu(weight)
            rules.append(_rect(Box(table.box.x, table.row_top(index) - thick // 2, table.box.w,
                                   thick), rgb))
        if rules:
            canvas.artifact(f"q 1 0 0 -1 0 {number(self.height)} cm " + " ".join(rules) + " Q")
        node = parent.add("Table")
        for r, row in enumerate(table.cells):
            tr = node.add("TR")
            for cell in row:
                if r < table.header_rows:
                    kind, attributes = "TH", {"/O": _name("Table"), "/Scope": _name("Column")}
                else:
                    kind, attributes = "TD", {}
                owner = tr.add(kind, attributes=attributes, keep_empty=True)
                self._text_box(canvas, cell, look, owner, cell=True)


LabelLine = tuple[str, list[tuple[Piece, Colour]], float]  # alignment, pieces, size


def _label_lines(canvas: Canvas, align: str, runs: Sequence[LabelRun], slide_number: int,
                 look: SlideLook, width: float) -> list[LabelLine]:
    """A label paragraph's lines: as one line when it fits the box, else broken at its
    words (in its first run's style), as a slide program wraps a text box."""
    pieces = []
    for run in runs:
        family = METRIC_FACES.get(run.typeface.strip().lower(), look.number_font)
        text = str(slide_number) if run.field == "slidenum" else run.text
        pieces.append(((text, (family, run.bold, run.italic)), colour(run.rgb)))
    size = max((r.size for r in runs), default=18.0)
    if not pieces or canvas.width_of([p for p, _ in pieces], size) <= width:
        return [(align, pieces, size)]
    (_, key), rgb = pieces[0]
    text = "".join(p[0] for p, _ in pieces)
    broken = fit.wrap((fit.Run(text, key[1], key[2]),), width, size, key[0])
    return [(align, [((line, key), rgb)], size) for line in broken]


def by_script(pieces: Sequence[Piece], node: Node, lang: str
              ) -> list[tuple[Node, list[Piece]]]:
    """The pieces cut where Cyrillic runs start and end: those runs each under a Span of
    `lang` added to `node`, the rest under `node`."""
    segments: list[tuple[Node, list[Piece]]] = []
    for text, key in pieces:
        at = 0
        for found in CYRILLIC_RUN.finditer(text):
            if found.start() > at:
                _append(segments, node, (text[at:found.start()], key))
            span = segments[-1][0] if segments and segments[-1][0] is not node else \
                node.add("Span", lang=lang)
            _append(segments, span, (found.group(), key))
            at = found.end()
        if at < len(text):
            _append(segments, node, (text[at:], key))
    return segments


def _append(segments: list[tuple[Node, list[Piece]]], owner: Node, piece: Piece) -> None:
    if segments and segments[-1][0] is owner:
        segments[-1][1].append(piece)
    else:
        segments.append((owner, [piece]))


def _name(text: str) -> pikepdf.Name:
    return pikepdf.Name("/" + text)


def _offset(align: str, room: float, width: float) -> float:
    """Where a line of `width` starts in `room` for its alignment."""
    if align in ("ctr", "center"):
        return (room - width) / 2
    if align in ("r", "right"):
        return room - width
    return 0.0


def _rect(box: Box, rgb: Colour, alpha: str = "") -> str:
    """A filled rectangle, in the slide's coordinates (y downwards, points)."""
    return (f"q {alpha} {fill(rgb)} {number(fit.pt(box.x))} {number(fit.pt(box.y))} "
            f"{number(fit.pt(box.w))} {number(fit.pt(box.h))} re f Q")


def _ellipse(box: Box) -> str:
    """An ellipse filling the box, as four Bézier curves."""
    rx, ry = fit.pt(box.w) / 2, fit.pt(box.h) / 2
    cx, cy = fit.pt(box.x) + rx, fit.pt(box.y) + ry
    k = 4 * (math.sqrt(2) - 1) / 3
    quarters = [((rx, ry * k), (rx * k, ry), (0, ry)), ((-rx * k, ry), (-rx, ry * k), (-rx, 0)),
                ((-rx, -ry * k), (-rx * k, -ry), (0, -ry)), ((rx * k, -ry), (rx, -ry * k), (rx, 0))]
    ops = [f"{number(cx + rx)} {number(cy)} m"]
    for points in quarters:
        ops.append(" ".join(f"{number(cx + dx)} {number(cy + dy)}" for dx, dy in points) + " c")
    return " ".join(ops) + " h"


@functools.cache
def css_metrics(family: str) -> tuple[float, float]:
    """The ascent and descent, in ems, of a family's regular face (its hhea values): a
    template label's line centres them, as a slide program does."""
    font = TTFont(str(fit.font_path(False, False, family)), lazy=True)
    upem = font["head"].unitsPerEm
    return font["hhea"].ascent / upem, -font["hhea"].descent / upem
