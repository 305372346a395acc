"""Read a deck's slides as neutral content: texts, tables and pictures in reading order, with
their notes, through the same bounded package reader as templates."""

from __future__ import annotations

import io
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from lxml import etree

from ..deck_template import package as pk
from ..deck_template.pictures import measure
from ..limits import MAX_IMAGE_BYTES, MAX_SLIDES
from .types import (
    Deck,
    Frame,
    Para,
    Part,
    PicturePart,
    Problem,
    SlideContent,
    Span,
    TablePart,
    TextPart,
)

P = f"{{{pk.P_NS}}}"
A = f"{{{pk.A_NS}}}"
R_ID = f"{{{pk.R_NS}}}id"
R_EMBED = f"{{{pk.R_NS}}}embed"
MC = "{http://schemas.openxmlformats.org/markup-compatibility/2006}"
RT_SLIDE = f"{pk.OFFICE_RELS}/slide"
RT_NOTES = f"{pk.OFFICE_RELS}/notesSlide"
RT_HYPERLINK = f"{pk.OFFICE_RELS}/hyperlink"
URI_TABLE = "http://schemas.openxmlformats.org/drawingml/2006/table"
URI_CHART = "http://schemas.openxmlformats.org/drawingml/2006/chart"
URI_DIAGRAM = "http://schemas.openxmlformats.org/drawingml/2006/diagram"
DECORATIVE = "{http://schemas.microsoft.com/office/drawing/2017/decorative}decorative"
# Placeholders that show what the deck adds by itself (date, footer, number): never content.
FURNITURE = {"dt", "ftr", "sldNum", "hdr"}
TITLES = {"title", "ctrTitle"}
# Picture formats a lecture takes as they are, and those converted to PNG on the way in.
KEPT = {"png": "png", "jpeg": "jpg", "jpg": "jpg", "gif": "gif"}
CONVERTED = {"bmp", "tif", "tiff"}
SUFFIXES = {".pptx", ".potx", ".ppsx", ".pptm", ".potm", ".ppsm"}
ANIMATIONS = {"anim", "animClr", "animEffect", "animMotion", "animRot", "animScale", "set"}
ALIGNS = {"ctr": "center", "r": "right"}  # left is the default: written as none


class DeckError(Exception):
    """A deck that cannot be imported; the message says why, the hint what to do."""

    def __init__(self, message: str, hint: str = "") -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint


@dataclass(frozen=True)
class Pending:
    """A chart or diagram to be drawn as a picture, where LibreOffice can."""

    slide: int
    kind: str
    name: str
    frame: Frame


def read_deck(path: Path) -> tuple[Deck, tuple[Pending, ...]]:
    """The deck at `path` as neutral content, and the charts and diagrams it could not read
    (raise DeckError for a file that is not a deck lectern can read)."""
    suffix = path.suffix.lower()
    if suffix == ".ppt" or suffix == ".pps" or suffix == ".pot":
        raise DeckError(f"{path.name} is an old binary PowerPoint file, which lectern does not "
                        "read", f"convert it first: soffice --headless --convert-to pptx "
                        f"{path.name}")
    if suffix not in SUFFIXES:
        raise DeckError(f"{path.name} is not a PowerPoint deck (.pptx, .potx or .ppsx)")
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise DeckError(f"cannot read {path.name}: {exc.strerror}") from None
    try:
        return DeckReader(data).run()
    except pk.TemplateError as exc:
        raise DeckError(f"{path.name} cannot be imported: {exc.message}",
                        exc.hint or "open it in PowerPoint and save it again") from None


def slide_texts(path: Path) -> list[list[str]]:
    """Every slide's texts in reading order (titles, text boxes, table cells), then its
    notes last when it has any: one list of strings per slide."""
    deck, _ = read_deck(path)
    out: list[list[str]] = []
    for slide in deck.slides:
        texts: list[str] = []
        for part in slide.parts:
            if isinstance(part, TextPart):
                texts.extend(p.text for p in part.paras if p.text.strip())
            elif isinstance(part, TablePart):
                texts.extend("\n".join(p.text for p in cell) for row in part.rows for cell in row)
        if slide.notes:
            texts.append(slide.notes)
        out.append(texts)
    return out


@dataclass
class Holder:
    """A layout's or master's placeholder: where it is and its list styles."""

    frame: Frame | None
    styles: Any  # a:lstStyle or None


@dataclass
class Design:
    """A layout with its master: their placeholders and the master's text styles."""

    type: str
    name: str
    by_idx: dict[str, Holder]
    by_type: dict[str, Holder]
    master_by_type: dict[str, Holder]
    title_style: Any
    body_style: Any


@dataclass
class DeckReader:
    """Reads a deck package: presentation, slides, layouts, masters, notes and pictures."""

    data: bytes
    pkg: pk.Package = field(init=False)
    problems: list[Problem] = field(default_factory=list)
    pending: list[Pending] = field(default_factory=list)
    designs: dict[str, Design] = field(default_factory=dict)
    langs: Counter[str] = field(default_factory=Counter)
    width: int = 12192000
    height: int = 6858000

    def __post_init__(self) -> None:
        self.pkg = pk.Package(self.data, pk.read_archive(self.data))

    def run(self) -> tuple[Deck, tuple[Pending, ...]]:
        main = self._main()
        tree = self.pkg.xml(main)
        size = tree.find(f"{P}sldSz")
        if size is not None:
            self.width = _int(size.get("cx")) or self.width
            self.height = _int(size.get("cy")) or self.height
        rels = {r.rid: r for r in self.pkg.rels(main)}
        entries = tree.findall(f"{P}sldIdLst/{P}sldId")
        if len(entries) > MAX_SLIDES:
            raise pk.TemplateError(f"it has {len(entries)} slides; the limit is {MAX_SLIDES}")
        slides = []
        for number, entry in enumerate(entries, 1):
            rel = rels.get(entry.get(R_ID, ""))
            if rel is None or rel.external or rel.reltype != RT_SLIDE or not self.pkg.has(
                    rel.target):
                self.problems.append(Problem(number, "the slide's part is missing; skipped"))
                continue
            slides.append(self._slide(number, rel.target))
        language = self.langs.most_common(1)[0][0] if self.langs else ""
        deck = Deck(tuple(slides), self.width, self.height, language, self._created(),
                    tuple(self.problems))
        return deck, tuple(self.pending)

    def _main(self) -> str:
        types = self.pkg.content_types()
        for rel in self.pkg.rels("/"):
            if rel.reltype == pk.RT_DOCUMENT and not rel.external and self.pkg.has(rel.target):
                ctype = types.get(rel.target, "")
                if ctype not in pk.MAIN_TYPES:
                    raise pk.TemplateError("it is not a presentation (its main part is "
                                           f"{ctype or 'of no type'})")
                if pk.MAIN_TYPES[ctype]:
                    self.problems.append(Problem(0, f"{pk.MAIN_TYPES[ctype]}: not imported"))
                return rel.target
        raise pk.TemplateError("it has no presentation part")

    def _created(self) -> str:
        for rel in self.pkg.rels("/"):
            if rel.reltype.endswith("/core-properties") and self.pkg.has(rel.target):
                root = self.pkg.xml(rel.target)
                for element in root.iter("{http://purl.org/dc/terms/}created"):
                    return (element.text or "").strip()[:10]
        return ""

    # --- slides ---------------------------------------------------------------------------

    def _slide(self, number: int, partname: str) -> SlideContent:
        tree = self.pkg.xml(partname)
        rels = {r.rid: r for r in self.pkg.rels(partname)}
        design = self._design(next((r.target for r in rels.values()
                                    if r.reltype == pk.RT_LAYOUT and not r.external), ""))
        reader = SlideReader(self, number, rels, design)
        tree_root = tree.find(f"{P}cSld/{P}spTree")
        parts = reader.shapes(tree_root) if tree_root is not None else []
        self._effects(number, tree, rels)
        notes = next((self._notes(r.target) for r in rels.values()
                      if r.reltype == RT_NOTES and not r.external and self.pkg.has(r.target)), "")
        hidden = tree.get("show") in ("0", "false")
        if hidden:
            self.problems.append(Problem(number, "a hidden slide: imported like the others"))
        return SlideContent(number, design.type, design.name, tuple(reading_order(parts)),
                            notes, hidden)

    def _effects(self, number: int, tree: Any, rels: dict[str, pk.Rel]) -> None:
        """Report what the slide does that a lecture has no place for."""
        timing = tree.find(f"{P}timing")
        # An effect, not the play command a video's timing holds.
        if timing is not None and any(etree.QName(e).localname in ANIMATIONS
                                      for e in timing.iter() if isinstance(e.tag, str)):
            self.problems.append(Problem(number, "animations: the content is imported, the "
                                                 "animations are not"))
        # A transition without an effect or timing (LibreOffice writes one on every slide)
        # is a plain cut: nothing is lost.
        if any(len(t) or t.get("advTm") for t in tree.iter(f"{P}transition")):
            self.problems.append(Problem(number, "a slide transition: not imported"))
        if any("/comments" in r.reltype or r.reltype.endswith("/comment") for r in rels.values()):
            self.problems.append(Problem(number, "comments: not imported"))

    def _notes(self, partname: str) -> str:
        tree = self.pkg.xml(partname)
        for shape in tree.iter(f"{P}sp"):
            ph = shape.find(f"{P}nvSpPr/{P}nvPr/{P}ph")
            if ph is not None and ph.get("type") == "body":
                body = shape.find(f"{P}txBody")
                if body is None:
                    return ""
                lines = ["".join(s.text for s in spans(p, {}, self)) for p in
                         body.findall(f"{A}p")]
                return "\n".join(lines).strip()
        return ""

    # --- layouts and masters --------------------------------------------------------------

    def _design(self, layout: str) -> Design:
        if layout in self.designs:
            return self.designs[layout]
        design = Design("", "", {}, {}, {}, None, None)
        if layout and self.pkg.has(layout):
            tree = self.pkg.xml(layout)
            design.type = tree.get("type", "")
            c_sld = tree.find(f"{P}cSld")
            design.name = c_sld.get("name", "") if c_sld is not None else ""
            design.by_idx, design.by_type = _holders(tree)
            master = next((r.target for r in self.pkg.rels(layout)
                           if r.reltype == pk.RT_MASTER and not r.external), "")
            if master and self.pkg.has(master):
                mtree = self.pkg.xml(master)
                _, design.master_by_type = _holders(mtree)
                design.title_style = mtree.find(f"{P}txStyles/{P}titleStyle")
                design.body_style = mtree.find(f"{P}txStyles/{P}bodyStyle")
        self.designs[layout] = design
        return design

    def picture(self, number: int, rel: pk.Rel | None, name: str) -> tuple[bytes, str] | None:
        """A picture's bytes and extension, within the lecture's limits; None (reported)
        for one lectern cannot take."""
        if rel is None or rel.external or not self.pkg.has(rel.target):
            self.problems.append(Problem(number, f"a linked picture ({name}): not imported"))
            return None
        ext = rel.target.rsplit(".", 1)[-1].lower()
        if ext not in KEPT and ext not in CONVERTED:
            self.problems.append(Problem(number, f"a picture in {ext.upper()} format ({name}), "
                                         "which a lecture cannot take: not imported"))
            return None
        blob = self.pkg.blob(rel.target)
        if len(blob) > MAX_IMAGE_BYTES:
            self.problems.append(Problem(number, f"a picture of {len(blob) >> 20} MB ({name}), "
                                         "over the lecture's limit: not imported"))
            return None
        try:
            found = measure(rel.target.lstrip("/"), blob)
        except pk.TemplateError as exc:
            self.problems.append(Problem(number, f"a picture ({name}): {exc.message}; "
                                         "not imported"))
            return None
        if found is None:
            self.problems.append(Problem(number, f"a picture lectern cannot read ({name}): "
                                         "not imported"))
            return None
        if ext in CONVERTED:
            return _as_png(blob), "png"
        return blob, KEPT[ext]


class SlideReader:
    """Reads one slide's shapes into parts."""

    def __init__(self, deck: DeckReader, number: int, rels: dict[str, pk.Rel],
                 design: Design) -> None:
        self.deck = deck
        self.number = number
        self.rels = rels
        self.design = design

    def problem(self, what: str) -> None:
        self.deck.problems.append(Problem(self.number, what))

    def shapes(self, tree: Any, transform: Any = None) -> list[Part]:
        """The parts of a shape tree (or a group), with frames on the slide."""
        out: list[Part] = []
        for element in tree:
            if not isinstance(element.tag, str):
                continue
            local = etree.QName(element).localname
            if local == "AlternateContent":
                fallback = element.find(f"{MC}Fallback")
                if fallback is not None:
                    out.extend(self.shapes(fallback, transform))
            elif local == "sp":
                out.extend(self._text_shape(element, transform))
            elif local == "pic":
                out.extend(self._picture(element, transform))
            elif local == "graphicFrame":
                out.extend(self._frame(element, transform))
            elif local == "grpSp":
                out.extend(self._group(element, transform))
            elif local == "contentPart":
                self.problem("ink or a drawing made with a pen: not imported")
        return out

    def _text_shape(self, element: Any, transform: Any) -> list[Part]:
        ph = element.find(f"{P}nvSpPr/{P}nvPr/{P}ph")
        ph_type = "" if ph is None else ph.get("type", "body")
        # The date placeholder of the first slide may hold the lecture's date (pandoc puts
        # it there); elsewhere furniture is the deck's, not content.
        if ph_type in FURNITURE and not (ph_type == "dt" and self.number == 1):
            return []
        body = element.find(f"{P}txBody")
        name = _name(element)
        holder = self._holder(ph) if ph is not None else None
        frame = _frame(element.find(f"{P}spPr"), transform) or (holder.frame if holder else None)
        if body is None:
            return []
        role = "text" if ph is None or ph_type == "dt" else ("title" if ph_type in TITLES else
                                         "subtitle" if ph_type == "subTitle" else "body")
        paras = self._paras(body, ph_type if ph is not None else "", holder)
        if not any(p.text.strip() for p in paras):
            return []
        frame = frame or Frame(0, 0, self.deck.width, self.deck.height)
        if self._off_slide(frame):
            text = " / ".join(p.text for p in paras if p.text.strip())
            self.problem(f"a text box off the slide ({name}): not imported; its text: {text}")
            return []
        return [TextPart(role, name, paras, frame)]

    def _off_slide(self, frame: Frame) -> bool:
        return (frame.x >= self.deck.width or frame.y >= self.deck.height
                or frame.x + frame.w <= 0 or frame.bottom <= 0)

    def _holder(self, ph: Any) -> Holder | None:
        idx = ph.get("idx", "")
        kind = ph.get("type", "body")
        found = self.design.by_idx.get(idx) if idx else None
        found = found or self.design.by_type.get(_kind(kind))
        master = self.design.master_by_type.get(_kind(kind))
        if found is None:
            return master
        if found.frame is None and master is not None:
            return Holder(master.frame, found.styles)
        return found

    def _paras(self, body: Any, ph_type: str, holder: Holder | None) -> tuple[Para, ...]:
        chain = [body.find(f"{A}lstStyle")]
        if holder is not None:
            chain.append(holder.styles)
        if ph_type:
            master = self.design.master_by_type.get(_kind(ph_type))
            if master is not None:
                chain.append(master.styles)
            chain.append(self.design.title_style if ph_type in TITLES
                         else None if ph_type == "subTitle" else self.design.body_style)
        out = []
        for p in body.findall(f"{A}p"):
            ppr = p.find(f"{A}pPr")
            level = min(8, _int(ppr.get("lvl")) if ppr is not None else 0)
            bullet = _bullet([ppr, *(_level_style(s, level) for s in chain)])
            out.append(Para(tuple(spans(p, self.rels, self.deck)), level, bullet))
        return tuple(_trimmed(out))

    def _picture(self, element: Any, transform: Any) -> list[Part]:
        name = _name(element)
        nv = element.find(f"{P}nvPicPr/{P}nvPr")
        if nv is not None and any(etree.QName(c).localname in ("videoFile", "audioFile",
                                                               "quickTimeFile")
                                  for c in nv if isinstance(c.tag, str)):
            self.problem(f"a video or sound ({name}): not imported")
            return []
        if nv is not None and nv.find(".//{http://schemas.microsoft.com/office/powerpoint/"
                                      "2010/main}media") is not None:
            self.problem(f"a video or sound ({name}): not imported")
            return []
        blip = element.find(f"{P}blipFill/{A}blip")
        rel = self.rels.get(blip.get(R_EMBED, "")) if blip is not None else None
        if blip is not None and rel is None and blip.get(f"{{{pk.R_NS}}}link"):
            rel = self.rels.get(blip.get(f"{{{pk.R_NS}}}link", ""))
        found = self.deck.picture(self.number, rel, name)
        if found is None:
            return []
        c_nv = element.find(f"{P}nvPicPr/{P}cNvPr")
        alt = " ".join((c_nv.get("descr", "") if c_nv is not None else "").split())
        decorative = c_nv is not None and any(
            e.get("val") in ("1", "true") for e in c_nv.iter(DECORATIVE))
        frame = _frame(element.find(f"{P}spPr"), transform)
        if frame is None:
            ph = element.find(f"{P}nvPicPr/{P}nvPr/{P}ph")
            holder = self._holder(ph) if ph is not None else None
            frame = holder.frame if holder and holder.frame else Frame(0, 0, 1, 1)
        return [PicturePart(name, found[0], found[1], alt, frame, decorative)]

    def _frame(self, element: Any, transform: Any) -> list[Part]:
        name = _name(element)
        data = element.find(f"{A}graphic/{A}graphicData")
        uri = data.get("uri", "") if data is not None else ""
        frame = _xfrm(element.find(f"{P}xfrm"), transform) or Frame(0, 0, 1, 1)
        if uri == URI_TABLE:
            table = data.find(f"{A}tbl")
            return [self._table(table, name, frame)] if table is not None else []
        kind = "a chart" if uri == URI_CHART else "a SmartArt diagram" if uri == URI_DIAGRAM \
            else "an embedded object"
        if uri in (URI_CHART, URI_DIAGRAM):
            self.deck.pending.append(Pending(self.number, kind, name, frame))
        else:
            self.problem(f"{kind} ({name}): not imported")
        return []

    def _table(self, table: Any, name: str, frame: Frame) -> TablePart:
        rows: list[tuple[tuple[Para, ...], ...]] = []
        aligns: list[str] = []
        for tr in table.findall(f"{A}tr"):
            cells: list[tuple[Para, ...]] = []
            for tc in tr.findall(f"{A}tc"):
                if tc.get("hMerge") in ("1", "true") or tc.get("vMerge") in ("1", "true"):
                    cells.append(())  # covered by a merged cell: left empty
                    continue
                body = tc.find(f"{A}txBody")
                paras = tuple(Para(tuple(spans(p, self.rels, self.deck)))
                              for p in (body.findall(f"{A}p") if body is not None else ()))
                cells.append(tuple(p for p in paras if p.text.strip()))
                if len(rows) == 1 or len(aligns) < len(cells):
                    ppr = body.find(f"{A}p/{A}pPr") if body is not None else None
                    align = ALIGNS.get(ppr.get("algn", "") if ppr is not None else "", "")
                    if len(aligns) < len(cells):
                        aligns.append(align)
                    elif len(rows) == 1:
                        aligns[len(cells) - 1] = align
            rows.append(tuple(cells))
        if any(tc.get("gridSpan") or tc.get("rowSpan") for tc in table.iter(f"{A}tc")):
            self.problem(f"a table with merged cells ({name}): each merged cell's text is "
                         "kept in its first cell")
        return TablePart(name, tuple(rows), tuple(aligns), frame)

    def _group(self, element: Any, transform: Any) -> list[Part]:
        inner = _group_transform(element.find(f"{P}grpSpPr/{A}xfrm"), transform)
        parts = self.shapes(element, inner)
        texts = sum(1 for p in parts if isinstance(p, TextPart))
        drawn = sum(1 for c in element if isinstance(c.tag, str) and etree.QName(c).localname
                    in ("sp", "cxnSp", "grpSp"))
        self.problem(f"a grouped drawing ({_name(element)}, {drawn} shapes): "
                     + (f"its {texts} text(s) imported, the drawing not" if texts
                        else "not imported"))
        return parts


def spans(p: Any, rels: dict[str, pk.Rel], deck: DeckReader) -> Iterator[Span]:
    """The runs of a paragraph as spans (a line break is a newline)."""
    for child in p:
        if not isinstance(child.tag, str):
            continue
        local = etree.QName(child).localname
        if local == "br":
            yield Span("\n")
        elif local in ("r", "fld"):
            text = child.findtext(f"{A}t") or ""
            rpr = child.find(f"{A}rPr")
            lang = rpr.get("lang", "") if rpr is not None else ""
            if lang and lang != "x-none" and text.strip():
                deck.langs[lang] += len(text)
            if rpr is None:
                yield Span(text)
                continue
            link = ""
            click = rpr.find(f"{A}hlinkClick")
            if click is not None:
                rel = rels.get(click.get(R_ID, ""))
                if rel is not None and rel.external and rel.reltype == RT_HYPERLINK:
                    link = rel.target
            yield Span(text, rpr.get("b") in ("1", "true"), rpr.get("i") in ("1", "true"),
                       link, lang)


def reading_order(parts: list[Part]) -> list[Part]:
    """Parts top to bottom, then left to right: shapes whose tops are close, or that share
    most of their height, are one row, read from the left."""
    rows: list[list[Part]] = []
    for part in sorted(parts, key=lambda p: (p.frame.y, p.frame.x)):
        if rows and _same_row(rows[-1][0].frame, part.frame):
            rows[-1].append(part)
        else:
            rows.append([part])
    titles = [p for row in rows for p in row if isinstance(p, TextPart) and p.role == "title"]
    rest = [p for row in rows for p in sorted(row, key=lambda p: p.frame.x)
            if p not in titles]
    return titles + rest


def _same_row(first: Frame, other: Frame) -> bool:
    # Tops within a quarter of an inch, or an overlap of over half the shorter height.
    if abs(other.y - first.y) <= 228600:
        return True
    overlap = min(first.bottom, other.bottom) - max(first.y, other.y)
    return overlap > 0.5 * max(1, min(first.h, other.h))


def _holders(tree: Any) -> tuple[dict[str, Holder], dict[str, Holder]]:
    by_idx: dict[str, Holder] = {}
    by_type: dict[str, Holder] = {}
    root = tree.find(f"{P}cSld/{P}spTree")
    if root is None:
        return by_idx, by_type
    for shape in root:
        if not isinstance(shape.tag, str):
            continue
        ph = shape.find(f"./*/{P}nvPr/{P}ph")
        if ph is None:
            continue
        body = shape.find(f"{P}txBody")
        holder = Holder(_frame(shape.find(f"{P}spPr"), None),
                        body.find(f"{A}lstStyle") if body is not None else None)
        if ph.get("idx"):
            by_idx.setdefault(ph.get("idx"), holder)
        by_type.setdefault(_kind(ph.get("type", "body")), holder)
    return by_idx, by_type


def _kind(ph_type: str) -> str:
    """Placeholder types that share their master's placeholder."""
    if ph_type in TITLES:
        return "title"
    if ph_type in ("obj", "body", ""):
        return "body"
    return ph_type


def _level_style(styles: Any, level: int) -> Any:
    return None if styles is None else styles.find(f"{A}lvl{level + 1}pPr")


def _bullet(chain: list[Any]) -> str:
    """The bullet the first paragraph properties that say anything give."""
    for ppr in chain:
        if ppr is None:
            continue
        for child in ppr:
            if not isinstance(child.tag, str):
                continue
            local = etree.QName(child).localname
            if local == "buNone":
                return ""
            if local == "buAutoNum":
                return "number"
            if local in ("buChar", "buBlip"):
                return "bullet"
    return ""


def _trimmed(paras: list[Para]) -> list[Para]:
    """Paragraphs without the empty ones at either end."""
    while paras and not paras[-1].text.strip():
        paras.pop()
    while paras and not paras[0].text.strip():
        paras.pop(0)
    return paras


def _name(element: Any) -> str:
    c_nv = next((e for e in element.iter(f"{P}cNvPr")), None)
    return (c_nv.get("name", "") if c_nv is not None else "") or "unnamed"


def _int(value: str | None) -> int:
    try:
        return int(value or 0)
    except ValueError:
        return 0


def _frame(sppr: Any, transform: Any) -> Frame | None:
    return _xfrm(sppr.find(f"{A}xfrm") if sppr is not None else None, transform)


def _xfrm(xfrm: Any, transform: Any) -> Frame | None:
    if xfrm is None:
        return None
    off, ext = xfrm.find(f"{A}off"), xfrm.find(f"{A}ext")
    if off is None or ext is None:
        return None
    frame = Frame(_int(off.get("x")), _int(off.get("y")), _int(ext.get("cx")),
                  _int(ext.get("cy")))
    return transform(frame) if transform else frame


def _group_transform(xfrm: Any, outer: Any) -> Any:
    """A function from a group's child coordinates to the slide's."""
    if xfrm is None:
        return outer
    off, ext = xfrm.find(f"{A}off"), xfrm.find(f"{A}ext")
    ch_off, ch_ext = xfrm.find(f"{A}chOff"), xfrm.find(f"{A}chExt")
    if off is None or ext is None or ch_off is None or ch_ext is None:
        return outer
    ox, oy, w, h = (_int(off.get("x")), _int(off.get("y")), _int(ext.get("cx")),
                    _int(ext.get("cy")))
    cx, cy = _int(ch_off.get("x")), _int(ch_off.get("y"))
    sx = w / max(1, _int(ch_ext.get("cx")))
    sy = h / max(1, _int(ch_ext.get("cy")))

    def place(frame: Frame) -> Frame:
        inner = Frame(round(ox + (frame.x - cx) * sx), round(oy + (frame.y - cy) * sy),
                      round(frame.w * sx), round(frame.h * sy))
        return outer(inner) if outer else inner

    return place


def _as_png(blob: bytes) -> bytes:
    from PIL import Image

    with Image.open(io.BytesIO(blob)) as image:
        out = io.BytesIO()
        image.convert("RGBA" if "A" in image.mode else "RGB").save(out, "PNG")
        return out.getvalue()
