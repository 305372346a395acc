"""The deck template, read once: its clean package and a frozen description of its layouts
(found by role), geometry, fonts and readable colours, for the planner and the deck writer."""

from __future__ import annotations

import functools
import os
import tomllib
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .. import model as m
from ..box import Box
from ..diagnostics import Collector, Diagnostic
from ..paths import DEFAULT_LAYOUT, FONTS
from . import colours as c
from . import package as pk

TEMPLATE = DEFAULT_LAYOUT / "deck" / "template.pptx"
MANIFEST = DEFAULT_LAYOUT / "deck" / "deck.toml"
IN = 914400
P = pk.P_NS
A = "{http://schemas.openxmlformats.org/drawingml/2006/main}"
R_ID = f"{{{pk.R_NS}}}id"

# The kinds of slide a template serves, in the order the report lists them.
ROLES = ("title", "section", "content", "quote", "figure", "timeline", "glossary", "sources",
         "closing")
# Slide kinds of the plan served by a role's layout (others use the content layout).
KIND_ROLES = {"title": "title", "section": "section", "agenda": "content",
              "points": "content", "questions": "content", "quote": "quote",
              "figure": "figure", "timeline": "timeline", "glossary": "glossary",
              "sources": "sources", "closing": "closing"}
# lectern's own names first, then PowerPoint's standard names in English, German, French,
# Spanish, Italian, Portuguese, Dutch, Polish and Russian (and LibreOffice's English names).
_TITLE = ("Title Slide", "Titelfolie", "Diapositive de titre", "Diapositiva de título",
          "Diapositiva titolo", "Slide de Título", "Diapositivo de Título", "Titeldia",
          "Slajd tytułowy", "Титульный слайд")
_SECTION = ("Section Header", "Abschnittsüberschrift", "Titre de section",
            "Encabezado de sección", "Intestazione sezione", "Cabeçalho da Seção",
            "Cabeçalho de Secção", "Sectiekop", "Nagłówek sekcji", "Заголовок раздела")
_CONTENT = ("Title and Content", "Title, Content", "Titel und Inhalt", "Titre et contenu",
            "Título y objetos", "Titolo e contenuto", "Título e Conteúdo", "Titel en object",
            "Tytuł i zawartość", "Заголовок и объект")
_TITLE_ONLY = ("Title Only", "Nur Titel", "Titre seul", "Solo el título", "Solo titolo",
               "Somente Título", "Apenas Título", "Alleen titel", "Tylko tytuł",
               "Только заголовок")
NAMES: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "title": (("lectern Title",), _TITLE),
    "section": (("lectern Section",), _SECTION),
    "content": (("lectern Content",), _CONTENT),
    "quote": (("lectern Quote",), _TITLE_ONLY),
    "figure": (("lectern Figure", "lectern Content"), _TITLE_ONLY + _CONTENT),
    "timeline": (("lectern Timeline", "lectern Content"), _TITLE_ONLY + _CONTENT),
    "glossary": (("lectern Glossary", "lectern Content"), _CONTENT),
    "sources": (("lectern Sources", "lectern Content"), _CONTENT),
    "closing": (("lectern Closing", "lectern Title"), _TITLE),
}
# Placeholder shapes a role prefers when no name matches, best first.
SHAPES = {"title": (("ctrTitle", "subTitle"), ("title", "body")),
          "closing": (("ctrTitle", "subTitle"), ("title", "body")),
          "section": (("title", "body"),),
          "content": (("title", "body"),), "glossary": (("title", "body"),),
          "sources": (("title", "body"),),
          "quote": (("title", "-body"), ("title",)), "figure": (("title", "-body"), ("title",)),
          "timeline": (("title", "-body"), ("title",))}

# Theme fonts and the open faces with the same metrics that lectern measures them with.
METRIC_FACES = {
    "calibri": "carlito", "calibri light": "carlito", "carlito": "carlito",
    "cambria": "caladea", "caladea": "caladea",
    "arial": "liberation-sans", "helvetica": "liberation-sans",
    "liberation sans": "liberation-sans", "arimo": "liberation-sans",
    "times new roman": "liberation-serif", "times": "liberation-serif",
    "liberation serif": "liberation-serif", "tinos": "liberation-serif",
    "courier new": "liberation-mono", "courier": "liberation-mono",
    "liberation mono": "liberation-mono", "cousine": "liberation-mono",
}
MEASURED_BY = {"carlito": "Carlito", "caladea": "Caladea", "liberation-sans": "Liberation Sans",
               "liberation-serif": "Liberation Serif", "liberation-mono": "Liberation Mono"}
FALLBACK_FONT = ("Calibri", "carlito")
MIN_CONTRAST = 4.5
# Colours tried for each use of text, the template's own choice first.
PREFERENCES = {"text": ("tx1", "bg1", "tx2", "bg2"),
               "muted": ("tx2", "bg2", "tx1", "bg1"),
               "accent": ("accent1", "accent2", "accent3", "accent4", "accent5", "accent6",
                          "tx2", "bg2", "tx1", "bg1")}
# Where nothing of the template's reads, text goes on a plate: a rectangle of one of these
# theme colours (the theme's own background first: the colour its text colours are made to
# read on), this opaque, so that a little of the picture beneath still shows.
PLATE_FILLS = ("bg1", "bg2", "tx1", "tx2")
PLATE_OPACITY = 0.85
# Shapes covering this share of the slide are backdrops: text may lie on them.
BACKDROP = 0.5
SLIDES = "the template's own slides"


@dataclass(frozen=True)
class Font:
    """A font of the deck: the name written on the runs and the face lectern measures."""

    typeface: str  # as written into the deck ("Calibri Light")
    measure: str  # lectern.fit's family key ("carlito")
    theme: str = ""  # what the theme names, when lectern writes another font

    @property
    def measured_with(self) -> str:
        return MEASURED_BY[self.measure]


@dataclass(frozen=True)
class Colour:
    """A text colour: the theme colour written, its value on the layout, its contrast."""

    scheme: str
    rgb: str
    contrast: float


@dataclass(frozen=True)
class Plate:
    """A filled rectangle lectern draws behind text where no theme colour reads on what the
    template shows there: its colour (a theme colour, or RRGGBB), its value, its opacity."""

    scheme: str
    rgb: str
    opacity: float

    @property
    def tone(self) -> c.Tone:
        """What the plate shows at worst, whatever lies beneath it."""
        return c.plate_tone(self.rgb, self.opacity)


@dataclass(frozen=True)
class Colours:
    text: Colour  # body text and titles
    muted: Colour  # attributions, credits, the chapter number
    accent: Colour  # kickers, dates, bullets, lectern's own drawings


@dataclass(frozen=True)
class Layout:
    """One slide layout as lectern uses it."""

    name: str
    part: str  # its partname in the package
    master: int  # which master (0 = the first)
    title: Box | None  # the title placeholder
    body: Box | None  # the body, object or subtitle placeholder
    subtitle: Box | None
    number: Box | None  # the slide-number placeholder
    free: Box  # the largest area clear of the template's own pictures and shapes
    stack: Box  # title and subtitle (or body) together: a title or section slide's text
    obstacles: tuple[Box, ...]  # those pictures and shapes (and the slide number)
    heading_font: Font
    body_font: Font
    colours: Colours
    number_colour: Colour  # the slide number's, read against what lies under it
    background: str  # RRGGBB: the background as a flat colour (pictures averaged)
    placeholders: tuple[str, ...]
    found_by: str = ""  # how the layout was chosen: "mapping", "lectern name", ...
    plate: Plate | None = None  # under the text, where nothing of the template's reads
    number_plate: Plate | None = None  # under the slide number, likewise


@dataclass(frozen=True)
class Ladders:
    """Type sizes in points, largest first, for each kind of text."""

    sizes: Mapping[str, tuple[float, ...]]

    def __getitem__(self, name: str) -> tuple[float, ...]:
        return self.sizes[name]


@dataclass(frozen=True)
class DeckTemplate:
    """What the planner and the deck writer need of a template."""

    path: Path
    package: bytes = field(metadata={"dump": False})  # the clean package: the parts kept
    width: int
    height: int
    roles: tuple[tuple[str, Layout], ...] = field(metadata={"dump": False})
    sizes: Ladders = field(metadata={"dump": False})
    # lectern's own template only: its regions from the manifest
    regions: Mapping[str, Box] = field(default_factory=dict, metadata={"dump": False})
    scale: float = 1.0  # slide size against lectern's own: insets and sizes scale with it
    dropped: tuple[str, ...] = ()
    layout_names: tuple[str, ...] = ()

    def layout(self, kind: str) -> Layout:
        """The layout serving a kind of slide (a plan's kind or a role)."""
        role = KIND_ROLES.get(kind, kind if kind in ROLES else "content")
        return dict(self.roles)[role]

    @property
    def own(self) -> bool:
        """Whether this is lectern's own template, whose regions come from the manifest."""
        return bool(self.regions)


# --- reading ------------------------------------------------------------------------------


def load(lecture: m.Lecture) -> tuple[DeckTemplate | None, list[Diagnostic]]:
    """The lecture's deck template (lectern's own when it names none) and its diagnostics."""
    path = lecture.deck.template or TEMPLATE
    mapping = tuple((role, name, pos) for role, name, pos in lecture.deck.layouts)
    try:
        stat = os.stat(path)
    except OSError as exc:
        diag = Collector()
        diag.error(lecture.deck.pos, f"cannot read the deck template {path.name}: "
                   f"{exc.strerror}")
        return None, diag.items
    template, problems = _load(path, stat.st_size, stat.st_mtime_ns, mapping, lecture.deck.pos)
    return template, list(problems)


def load_own() -> DeckTemplate:
    """lectern's own template (it is part of lectern: a failure here is a bug)."""
    return read_template(TEMPLATE)


@functools.lru_cache(maxsize=8)
def _load(path: Path, size: int, mtime: int, mapping: tuple[tuple[str, str, m.SourcePos], ...],
          pos: m.SourcePos) -> tuple[DeckTemplate | None, tuple[Diagnostic, ...]]:
    diag = Collector()
    try:
        template = read_template(path, dict((r, n) for r, n, _ in mapping))
    except pk.TemplateError as exc:
        diag.error(pos, f"the deck template {path.name} cannot be used: {exc.message}",
                   exc.hint)
        return None, tuple(diag.items)
    except _MappingError as exc:
        where = next((p for r, _, p in mapping if r == exc.role), pos)
        diag.error(where, exc.message, exc.hint)
        return None, tuple(diag.items)
    # A template's own slides are always left out (docs/deck.md says so): no warning.
    unsafe = [d for d in template.dropped if d != SLIDES]
    if unsafe:
        diag.warning(pos, f"the deck template {path.name} brought " + ", ".join(unsafe)
                     + "; lectern left them out of the deck")
    diag.extend(_font_warnings(template, pos))
    diag.extend(_colour_warnings(template, pos))
    return template, tuple(diag.items)


class _MappingError(Exception):
    def __init__(self, role: str, message: str, hint: str = "") -> None:
        super().__init__(message)
        self.role, self.message, self.hint = role, message, hint


def read_template(path: Path, mapping: Mapping[str, str] | None = None) -> DeckTemplate:
    """Read a template; raise TemplateError for one lectern cannot use."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise pk.TemplateError(f"it cannot be read ({exc.strerror})") from None
    entries = pk.read_archive(data)
    package = pk.Package(data, entries)
    clean = _Cleaner(package).run()
    manifest = read_manifest()
    own = path.resolve() == TEMPLATE.resolve()
    return _describe(path, clean, manifest, dict(mapping or {}), own)


@functools.cache
def read_manifest() -> dict[str, Any]:
    """The default layout's deck manifest (geometry and size ladders)."""
    with MANIFEST.open("rb") as handle:
        return tomllib.load(handle)


def region_box(insets: Sequence[float], width: int, height: int) -> Box:
    """A box from [left, top, right, bottom] insets in inches."""
    left, top, right, bottom = (round(v * IN) for v in insets)
    return Box(left, top, width - left - right, height - top - bottom)


# --- the allow-list -------------------------------------------------------------------------


@dataclass
class _Clean:
    parts: list[pk.CleanPart]
    trees: dict[str, Any]
    images: dict[str, bytes]
    main: str
    masters: list[tuple[str, list[str]]]  # master partname, its layouts in order
    themes: dict[str, str]  # master partname -> theme partname
    rels: dict[str, dict[str, str]]  # partname -> rId -> target partname
    dropped: set[str]
    content_types: dict[str, str]
    package: bytes = b""


class _Cleaner:
    """Walks the template from its presentation part, keeping only allowed parts."""

    def __init__(self, package: pk.Package) -> None:
        self.pkg = package
        self.types = package.content_types()
        self.trees: dict[str, Any] = {}
        self.images: dict[str, bytes] = {}
        self.kept_rels: dict[str, list[tuple[str, str, str]]] = {}
        self.roles: dict[str, str] = {}
        self.dropped: set[str] = set()

    def run(self) -> _Clean:
        main = self._main()
        queue = [(main, "main")]
        while queue:
            partname, role = queue.pop(0)
            if partname in self.roles:
                continue
            self.roles[partname] = role
            if role == pk.RT_IMAGE:
                self.images[partname] = self.pkg.blob(partname)
                continue
            queue.extend(self._visit(partname, role))
        masters = self._masters(main)
        if not masters:
            raise pk.TemplateError("it has no slide master with layouts",
                                   "save a presentation with its slide master as a template")
        self._presentation(main)
        for master, layouts in masters:
            for layout in layouts:
                self._relink_layout(layout, master)
        parts = self._parts(main, masters)
        rels = {p.partname: {rid: t for rid, _, t in p.rels} for p in parts}
        themes = {mp: t for mp, _ in masters for rid, rt, t in self.kept_rels[mp]
                  if rt == pk.RT_THEME}
        clean = _Clean(parts, self.trees, self.images, main, masters, themes, rels,
                       self.dropped, self.types)
        clean.package = pk.zip_parts(parts)
        return clean

    def _main(self) -> str:
        main = None
        for rel in self.pkg.rels("/"):
            if rel.reltype == pk.RT_DOCUMENT and not rel.external and main is None:
                main = rel.target
            elif rel.external:
                self.dropped.add("links to files outside it")
            elif not rel.reltype.endswith(("/core-properties", "/extended-properties")):
                self.dropped.add(pk.dropped_name(rel.reltype))
        self.dropped.discard("")
        if main is None or not self.pkg.has(main):
            raise pk.TemplateError("it has no presentation part")
        ctype = self.types.get(main, self.types.get("." + main.rsplit(".", 1)[-1], ""))
        if ctype not in pk.MAIN_TYPES:
            raise pk.TemplateError("it is not a presentation (its main part is "
                                   f"{ctype or 'of no type'})")
        if pk.MAIN_TYPES[ctype]:
            self.dropped.add(pk.MAIN_TYPES[ctype])
        return main

    def _visit(self, partname: str, role: str) -> list[tuple[str, str]]:
        tree = self.pkg.xml(partname)
        allowed = pk.ALLOWED.get(role, set())
        kept: list[tuple[str, str, str]] = []
        dropped_ids: set[str] = set()
        follow = []
        for rel in self.pkg.rels(partname):
            if rel.external:
                self.dropped.add("links to files outside it")
                dropped_ids.add(rel.rid)
            elif rel.reltype not in allowed or not self.pkg.has(rel.target):
                if rel.reltype not in allowed:
                    self.dropped.add(pk.dropped_name(rel.reltype))
                dropped_ids.add(rel.rid)
            elif rel.reltype == pk.RT_IMAGE and self._image_type(rel.target) is None:
                self.dropped.add("pictures lectern cannot check")
                dropped_ids.add(rel.rid)
            else:
                kept.append((rel.rid, rel.reltype, rel.target))
                if rel.reltype != pk.RT_MASTER or role != pk.RT_LAYOUT:
                    follow.append((rel.target, rel.reltype))
        self.dropped.discard("")
        pk.scrub(tree, dropped_ids)
        self.trees[partname] = tree
        self.kept_rels[partname] = kept
        return follow

    def _image_type(self, partname: str) -> str | None:
        ext = partname.rsplit(".", 1)[-1].lower()
        return pk.IMAGE_TYPES.get(ext)

    def _masters(self, main: str) -> list[tuple[str, list[str]]]:
        """Masters in presentation order, each with the layouts its list links."""
        tree = self.trees[main]
        targets = {rid: t for rid, rt, t in self.kept_rels[main] if rt == pk.RT_MASTER}
        out: list[tuple[str, list[str]]] = []
        for entry in tree.iter(f"{{{P}}}sldMasterId"):
            master = targets.get(entry.get(R_ID, ""))
            if master is None or master not in self.trees or any(master == o for o, _ in out):
                continue
            layout_targets = {rid: t for rid, rt, t in self.kept_rels[master]
                              if rt == pk.RT_LAYOUT}
            layouts = []
            for item in self.trees[master].iter(f"{{{P}}}sldLayoutId"):
                layout = layout_targets.get(item.get(R_ID, ""))
                if layout in self.trees and layout not in layouts:
                    layouts.append(layout)
            listed = set(layouts)
            # Layouts related to a master but missing from its list are not offered.
            self.kept_rels[master] = [r for r in self.kept_rels[master]
                                      if r[1] != pk.RT_LAYOUT or r[2] in listed]
            if layouts:
                out.append((master, layouts))
        return out

    def _presentation(self, main: str) -> None:
        tree = self.trees[main]
        for name in pk.PRESENTATION_DROPPED:
            for element in tree.findall(f"{{{P}}}{name}"):
                tree.remove(element)
        for element in tree.findall(f"{{{P}}}sldIdLst"):
            for child in list(element):
                element.remove(child)
        if tree.find(f"{{{P}}}sldSz") is None:
            raise pk.TemplateError("it gives no slide size")

    def _relink_layout(self, layout: str, master: str) -> None:
        """A layout points back at the master that lists it, whatever it said before."""
        rels = [r for r in self.kept_rels[layout] if r[1] != pk.RT_MASTER]
        used = {r[0] for r in rels}
        rid = next(f"rId{n}" for n in range(1, 10000) if f"rId{n}" not in used)
        self.kept_rels[layout] = [*rels, (rid, pk.RT_MASTER, master)]

    def _parts(self, main: str, masters: list[tuple[str, list[str]]]) -> list[pk.CleanPart]:
        """Every part reachable from the presentation through kept relationships."""
        order: list[str] = []
        stack = [main]
        while stack:
            name = stack.pop(0)
            if name in order:
                continue
            order.append(name)
            stack.extend(t for _, _, t in self.kept_rels.get(name, []))
        parts = []
        for name in order:
            if name in self.images:
                parts.append(pk.CleanPart(name, self._image_type(name) or "image/png",
                                          self.images[name], ()))
                continue
            role = self.roles[name]
            ctype = pk.CT_PRESENTATION if role == "main" else pk.XML_TYPES[role]
            parts.append(pk.CleanPart(name, ctype, pk.serialize(self.trees[name]),
                                      tuple(self.kept_rels[name])))
        return parts


# --- describing the layouts ---------------------------------------------------------------


@dataclass(frozen=True)
class _Shape:
    box: Box
    element: Any
    placeholder: str  # type ("" for none)
    idx: str


def _describe(path: Path, clean: _Clean, manifest: dict[str, Any], mapping: dict[str, str],
              own: bool) -> DeckTemplate:
    size = clean.trees[clean.main].find(f"{{{P}}}sldSz")
    width, height = _emu(size.get("cx")), _emu(size.get("cy"))
    if not (IN <= width <= 56 * IN and IN <= height <= 56 * IN):
        raise pk.TemplateError(f"its slide size ({width / IN:.2f} × {height / IN:.2f} in) is "
                               "not one PowerPoint allows (1 to 56 in)")
    base_w, base_h = manifest["slide"]["width"], manifest["slide"]["height"]
    scale = min(width / base_w, height / base_h)
    layouts: list[Layout] = []
    for index, (master, names) in enumerate(clean.masters):
        reader = _MasterReader(clean, master, width, height)
        layouts.extend(reader.layout(name, index) for name in names)
    roles = _assign(layouts, mapping)
    regions = {}
    if own:
        regions = {k: region_box(v, width, height) for k, v in manifest["regions"].items()}
    sizes = {k: tuple(_scaled(float(s), scale) for s in v) for k, v in manifest["sizes"].items()}
    return DeckTemplate(path, clean.package, width, height, tuple(roles.items()),
                        Ladders(sizes), regions, scale, tuple(sorted(clean.dropped)),
                        tuple(dict.fromkeys(lay.name for lay in layouts)))


def _scaled(size: float, scale: float) -> float:
    """A type size scaled with the slide, to the half point."""
    return size if scale == 1 else max(8.0, round(size * scale * 2) / 2)


def _emu(value: str | None) -> int:
    try:
        return int(value or 0)
    except ValueError:
        return 0


class _MasterReader:
    """Reads the layouts of one master: placeholders, decorations, background, fonts."""

    def __init__(self, clean: _Clean, master: str, width: int, height: int) -> None:
        self.clean, self.master, self.width, self.height = clean, master, width, height
        self.tree = clean.trees[master]
        theme_name = clean.themes.get(master)
        self.theme = clean.trees.get(theme_name) if theme_name else None
        colour_map = _colour_map(self.tree.find(f"{{{P}}}clrMap"))
        self.palette = c.Palette(c.read_scheme(self.theme), colour_map)
        self.master_shapes = list(_shapes(self.tree))
        self.heading_font, self.body_font = _theme_fonts(self.theme)

    def layout(self, partname: str, master_index: int) -> Layout:
        tree = self.clean.trees[partname]
        c_sld = tree.find(f"{{{P}}}cSld")
        name = (c_sld.get("name") if c_sld is not None else None) or partname.rsplit("/", 1)[-1]
        palette = self.palette
        override = tree.find(f"{{{P}}}clrMapOvr/{A}overrideClrMapping")
        if override is not None:
            palette = palette.with_map(_colour_map(override))
        own = list(_shapes(tree))
        holders = {s.placeholder: s for s in reversed(own) if s.placeholder}
        master_holders = {s.placeholder: s for s in reversed(self.master_shapes) if s.placeholder}

        def box_of(kind: str, *fallbacks: str) -> Box | None:
            shape = holders.get(kind)
            if shape is None:
                return None
            if shape.box.w > 0 and shape.box.h > 0:
                return shape.box
            for other in (kind, *fallbacks):
                if other in master_holders and master_holders[other].box.w > 0:
                    return master_holders[other].box
            return None

        margin = round(0.25 * IN * min(self.width / 12192000, self.height / 6858000))
        inner = Box(margin, margin, self.width - 2 * margin, self.height - 2 * margin)

        def inside(box: Box | None) -> Box | None:
            """A placeholder within the slide's margins (some reach beyond its edges)."""
            clipped = box.clip(inner) if box is not None else None
            return clipped if clipped is not None and clipped.area > 0 else None

        title = inside(box_of("ctrTitle", "title") or box_of("title"))
        subtitle = inside(box_of("subTitle", "body"))
        body = inside(box_of("body") or box_of("obj", "body")) or subtitle
        number = box_of("sldNum")
        decorations = [s for s in own if not s.placeholder]
        if tree.get("showMasterSp", "1") not in ("0", "false"):
            decorations = [s for s in self.master_shapes if not s.placeholder] + decorations
        slide = Box(0, 0, self.width, self.height)
        backdrops = [s for s in decorations if s.box.clip(slide).area >= BACKDROP * slide.area]
        obstacles = tuple(s.box.clip(slide) for s in decorations
                          if s not in backdrops and s.box.clip(slide).area > 0)
        blocked = obstacles + ((number,) if number else ())
        own_colour = _own_text_colour(tree, self.tree, holders)
        images = functools.partial(self._image, partname)
        base = _free_area(title, body, inner, ()).area
        options = []
        # Text may lie on the template's large shapes and pictures when some colour reads
        # on them; where none does, it keeps clear of them too. Where keeping clear of the
        # template's shapes leaves too little room, text goes where the placeholders are,
        # over the shapes, in a colour read against them.
        attempts: tuple[tuple[tuple[Box, ...], list[_Shape]], ...] = (
                    (blocked, backdrops),
                    (blocked + tuple(s.box.clip(slide) for s in backdrops), []),
                    ((number,) if number else (), decorations))
        for blocks, beneath in attempts:
            heading, free = _carve(title, _free_area(title, body, inner, blocks), blocks)
            stack = _stack(title, subtitle or body, free, inner, blocks)
            areas = [b for b in (heading, free, stack) if b is not None]
            under = functools.reduce(Box.union, areas) if areas else slide
            tone = self._background(tree, palette, images,
                                    (under.x / self.width, under.y / self.height,
                                     under.right / self.width, under.bottom / self.height))
            for shape in beneath:
                if not any(shape.box.overlaps(a) for a in areas):
                    continue
                shape_tone = _shape_tone(shape, palette, self.theme,
                                         functools.partial(self._image, self._owner(shape)),
                                         areas)
                if shape_tone is None:
                    continue
                # A filled shape under all the text hides what is drawn before it.
                covers = shape.box.contains(under) and shape_tone is not c.UNKNOWN
                tone = shape_tone if covers else tone.merge(shape_tone)
            colours = _choose_colours(palette, tone, own_colour)
            options.append((colours, free, blocks, tone, heading, stack))
            if colours.text.contrast >= MIN_CONTRAST and free.area >= 0.3 * base:
                break
        good = [o for o in options if o[0].text.contrast >= MIN_CONTRAST and
                o[1].area >= 0.3 * base]
        # Where no theme colour reads anywhere, the text goes where the placeholders are, on
        # plates that hide what lies beneath.
        chosen = good[0] if good else options[-1]
        colours, free, blocks, tone, title, stack = chosen
        plate = None
        if not good:
            plate, colours = _plate(palette, own_colour)
        number_colour, number_plate = colours.muted, None
        if number is not None:
            spot = (number.x / self.width, number.y / self.height,
                    number.right / self.width, number.bottom / self.height)
            number_tone = self._background(tree, palette, images, spot)
            for shape in decorations:
                if shape.box.overlaps(number):
                    shape_tone = _shape_tone(shape, palette, self.theme,
                                             functools.partial(self._image, self._owner(shape)),
                                             [number])
                    if shape_tone is not None:
                        number_tone = number_tone.merge(shape_tone)
            number_colour = _choose_colours(palette, number_tone, own_colour).muted
            if number_colour.contrast < MIN_CONTRAST:
                number_plate, plated = plate, colours
                if number_plate is None:
                    number_plate, plated = _plate(palette, colours.text.scheme)
                number_colour = plated.muted
        kinds = tuple(sorted({s.placeholder for s in own if s.placeholder}))
        return Layout(name, partname, master_index, title, body, subtitle, number, free, stack,
                      blocks, self.heading_font, self.body_font, colours, number_colour,
                      tone.rgb, kinds, plate=plate, number_plate=number_plate)

    def _owner(self, shape: _Shape) -> str:
        for name, tree in self.clean.trees.items():
            if shape.element.getroottree().getroot() is tree:
                return name
        return self.master

    def _image(self, owner: str, rid: str) -> bytes | None:
        target = self.clean.rels.get(owner, {}).get(rid)
        return self.clean.images.get(target) if target else None

    def _background(self, tree: Any, palette: c.Palette, images: Any,
                    region: tuple[float, float, float, float]) -> c.Tone:
        """The layout's effective background where its text goes: its own, else its
        master's, else white (a picture is read where the text lies on it)."""
        for owner, holder in ((None, tree), (self.master, self.tree)):
            bg = holder.find(f"{{{P}}}cSld/{{{P}}}bg")
            if bg is None:
                continue
            pick = images if owner is None else functools.partial(self._image, self.master)
            tone = _bg_tone(bg, palette, self.theme, pick, region)
            if tone is not None:
                return tone
        return c.Tone(1.0, 1.0, palette.scheme_rgb("bg1"))


def _bg_tone(bg: Any, palette: c.Palette, theme: Any, images: Any,
             region: tuple[float, float, float, float]) -> c.Tone | None:
    props = bg.find(f"{{{P}}}bgPr")
    if props is not None:
        for child in props:
            if isinstance(child.tag, str) and child.tag != f"{A}effectLst":
                return c.fill_tone(child, palette, images, region=region)
        return None
    ref = bg.find(f"{{{P}}}bgRef")
    if ref is None:
        return None
    colour = next((c.colour_of(x, palette) for x in ref if isinstance(x.tag, str)), None)
    fill = c.style_fill(theme, _emu(ref.get("idx")), background=True)
    if fill is None:
        return c.Tone(c.luminance(colour), c.luminance(colour), colour) if colour else None
    return c.fill_tone(fill, palette, lambda rid: None, placeholder=colour or "")


def _shape_tone(shape: _Shape, palette: c.Palette, theme: Any, images: Any,
                areas: list[Box]) -> c.Tone | None:
    """What a large shape shows where text may go (None when it is not filled)."""
    element = shape.element
    sp_pr = element.find(f"{{{P}}}spPr")
    if element.tag == f"{{{P}}}pic":
        fill = element.find(f"{{{P}}}blipFill")
        box = shape.box
        under = [a.clip(box) for a in areas if a.overlaps(box)]
        region = None
        if under and box.w and box.h:
            u = functools.reduce(Box.union, under)
            region = ((u.x - box.x) / box.w, (u.y - box.y) / box.h,
                      (u.right - box.x) / box.w, (u.bottom - box.y) / box.h)
        blip = fill.find(f"{A}blip") if fill is not None else None
        rid = blip.get(c.R_EMBED, "") if blip is not None else ""
        return c.picture_tone(images(rid), region)
    if sp_pr is not None:
        for child in sp_pr:
            if child.tag in (f"{A}solidFill", f"{A}gradFill", f"{A}pattFill", f"{A}blipFill",
                             f"{A}noFill", f"{A}grpFill"):
                return c.fill_tone(child, palette, images)
    ref = element.find(f"{{{P}}}style/{A}fillRef")
    if ref is not None and _emu(ref.get("idx")) > 0:
        colour = next((c.colour_of(x, palette) for x in ref if isinstance(x.tag, str)), None)
        fill = c.style_fill(theme, _emu(ref.get("idx")), background=False)
        if fill is not None:
            return c.fill_tone(fill, palette, images, placeholder=colour or "")
    if element.tag == f"{{{P}}}grpSp":
        return c.UNKNOWN
    return None


def _colour_map(element: Any) -> dict[str, str]:
    if element is None:
        return dict(c.DEFAULT_MAP)
    return {**c.DEFAULT_MAP, **{k: v for k, v in element.attrib.items() if "}" not in k}}


def _shapes(tree: Any) -> Iterable[_Shape]:
    """The top-level shapes of a master or layout with their boxes (groups as one)."""
    sp_tree = tree.find(f"{{{P}}}cSld/{{{P}}}spTree")
    if sp_tree is None:
        return
    for element in sp_tree:
        if not isinstance(element.tag, str):
            continue
        local = element.tag.rsplit("}", 1)[-1]
        if local not in ("sp", "pic", "grpSp", "graphicFrame", "cxnSp"):
            continue
        ph = element.find(f".//{{{P}}}nvPr/{{{P}}}ph")
        kind = ""
        if ph is not None and local == "sp":
            kind = ph.get("type", "obj")
        xfrm = (element.find(f"{{{P}}}spPr/{A}xfrm") if local in ("sp", "pic", "cxnSp")
                else element.find(f"{{{P}}}grpSpPr/{A}xfrm") if local == "grpSp"
                else element.find(f"{{{P}}}xfrm"))
        box = Box(0, 0, 0, 0)
        if xfrm is not None:
            off, ext = xfrm.find(f"{A}off"), xfrm.find(f"{A}ext")
            if off is not None and ext is not None:
                box = Box(_emu(off.get("x")), _emu(off.get("y")), _emu(ext.get("cx")),
                          _emu(ext.get("cy")))
        if not kind and not _visible(element, local):
            continue
        yield _Shape(box, element, kind, ph.get("idx", "") if ph is not None else "")


def _visible(element: Any, local: str) -> bool:
    """Whether a decoration draws anything (an empty, unfilled, unlined box does not)."""
    if local != "sp":
        return True
    sp_pr = element.find(f"{{{P}}}spPr")
    filled = element.find(f"{{{P}}}style/{A}fillRef") is not None
    lined = element.find(f"{{{P}}}style/{A}lnRef") is not None
    if sp_pr is not None:
        if sp_pr.find(f"{A}noFill") is not None:
            filled = False
        elif any(sp_pr.find(f"{A}{n}") is not None for n in ("solidFill", "gradFill",
                                                              "blipFill", "pattFill")):
            filled = True
        ln = sp_pr.find(f"{A}ln")
        if ln is not None:
            lined = ln.find(f"{A}noFill") is None
    text = "".join(element.itertext()).strip()
    return filled or lined or bool(text)


def _carve(title: Box | None, free: Box, blocks: tuple[Box, ...]) -> tuple[Box | None, Box]:
    """The title's box clear of the template's shapes, and the free area below it. Where the
    template draws over most of its title placeholder, the title takes the top of the free
    area instead."""
    if title is None:
        return None, free
    clear = largest_free(title, blocks)
    if clear.h >= 0.6 * title.h and clear.w >= 0.5 * title.w:
        return clear, free
    height = min(max(title.h, free.h // 4), free.h // 3)
    return (Box(free.x, free.y, free.w, height),
            Box(free.x, free.y + height, free.w, free.h - height))


def _stack(title: Box | None, lower: Box | None, free: Box, inner: Box,
           blocks: tuple[Box, ...]) -> Box:
    """Where a title or section slide stacks its text: its title and subtitle (or body)
    placeholders together, clear of the template's shapes."""
    if title is None:
        return free
    below = lower or Box(title.x, title.bottom, title.w, inner.bottom - title.bottom)
    region = largest_free(title.union(below).clip(inner), blocks)
    return region if region.area >= 0.3 * title.union(below).clip(inner).area else free


def _free_area(title: Box | None, body: Box | None, inner: Box, blocks: tuple[Box, ...]) -> Box:
    """The area for lectern's own drawings: the body placeholder, else below the title."""
    if body is not None:
        return largest_free(body, blocks)
    top = title.bottom if title is not None else inner.y
    return largest_free(Box(inner.x, top, inner.w, inner.bottom - top), blocks)


def largest_free(area: Box, obstacles: Iterable[Box]) -> Box:
    """The largest rectangle inside `area` that meets none of the obstacles."""
    blocks = [o.clip(area) for o in obstacles if o.overlaps(area)]
    blocks = [b for b in blocks if b.area > 0]
    if not blocks:
        return area
    ys = sorted({area.y, area.bottom, *(b.y for b in blocks), *(b.bottom for b in blocks)})
    best = Box(area.x, area.y, 0, 0)
    for i, top in enumerate(ys):
        for bottom in ys[i + 1:]:
            band = [b for b in blocks if b.y < bottom and top < b.bottom]
            edges = sorted(band, key=lambda b: b.x)
            x = area.x
            for b in [*edges, Box(area.right, 0, 0, 0)]:
                if b.x - x > 0:
                    candidate = Box(x, top, b.x - x, bottom - top)
                    if candidate.area > best.area:
                        best = candidate
                x = max(x, b.right)
    return best


def _theme_fonts(theme: Any) -> tuple[Font, Font]:
    def font(kind: str) -> Font:
        latin = theme.find(f"{A}themeElements/{A}fontScheme/{A}{kind}/{A}latin") \
            if theme is not None else None
        name = (latin.get("typeface") if latin is not None else "") or ""
        face = METRIC_FACES.get(name.strip().lower())
        if face is not None:
            return Font(name.strip(), face)
        return Font(FALLBACK_FONT[0], FALLBACK_FONT[1], name.strip() or "(none)")
    return font("majorFont"), font("minorFont")


def _own_text_colour(layout: Any, master: Any, holders: Mapping[str, _Shape]) -> str:
    """The theme colour the template itself gives the layout's title text."""
    for kind in ("ctrTitle", "title"):
        shape = holders.get(kind)
        if shape is not None:
            found = shape.element.find(f".//{A}lvl1pPr/{A}defRPr/{A}solidFill/{A}schemeClr")
            if found is not None:
                return str(found.get("val"))
    found = master.find(f"{{{P}}}txStyles/{{{P}}}titleStyle/{A}lvl1pPr/{A}defRPr/"
                        f"{A}solidFill/{A}schemeClr")
    return str(found.get("val")) if found is not None else "tx1"


def _choose_colours(palette: c.Palette, tone: c.Tone, own: str) -> Colours:
    def pick(use: str, first: str) -> Colour:
        names = list(dict.fromkeys([first, *PREFERENCES[use]]))
        options = [Colour(n, palette.scheme_rgb(n), c.worst_contrast(palette.scheme_rgb(n),
                                                                     tone)) for n in names]
        good = next((o for o in options if o.contrast >= MIN_CONTRAST), None)
        if good is not None:
            return good
        # No theme colour is readable enough: black or white, whichever is better.
        extremes = [Colour(n, rgb, c.worst_contrast(rgb, tone))
                    for n, rgb in (("000000", "000000"), ("FFFFFF", "FFFFFF"))]
        return max(options + extremes, key=lambda o: o.contrast)

    text = pick("text", own if own in PREFERENCES["text"] else "tx1")
    muted = pick("muted", "tx2")
    accent = pick("accent", "accent1")
    return Colours(text, muted, accent)


def _plate(palette: c.Palette, own: str) -> tuple[Plate, Colours]:
    """The plate for text where nothing reads, and the colours chosen on it: the first theme
    colour of PLATE_FILLS on which the text, muted and accent colours all reach MIN_CONTRAST
    whatever shows through, one that keeps `own` as the text colour first; an opaque white
    one when none does."""
    found = []
    for name in PLATE_FILLS:
        plate = Plate(name, palette.scheme_rgb(name), PLATE_OPACITY)
        colours = _choose_colours(palette, plate.tone, own)
        if min(colours.text.contrast, colours.muted.contrast,
               colours.accent.contrast) >= MIN_CONTRAST:
            found.append((plate, colours))
    keeping = [f for f in found if f[1].text.scheme == own]
    if keeping or found:
        return (keeping or found)[0]
    plate = Plate("FFFFFF", "FFFFFF", 1.0)
    return plate, _choose_colours(palette, plate.tone, own)


def _assign(layouts: list[Layout], mapping: dict[str, str]) -> dict[str, Layout]:
    """The layout for each role: the lecture's mapping, lectern's names, PowerPoint's
    standard names, then the placeholders a layout has."""
    usable = [lay for lay in layouts if lay.title is not None]
    if not usable:
        raise pk.TemplateError("none of its layouts has a title placeholder",
                               "add a title placeholder to its layouts in the slide master")
    by_name: dict[str, Layout] = {}
    for lay in layouts:
        by_name.setdefault(lay.name.casefold(), lay)
    offered = ", ".join(f"'{n}'" for n in dict.fromkeys(lay.name for lay in layouts))
    out: dict[str, Layout] = {}
    for role in ROLES:
        if role in mapping:
            chosen = by_name.get(mapping[role].strip().casefold())
            if chosen is None:
                raise _MappingError(role, f"the deck template has no layout named "
                                    f"'{mapping[role]}' for {role} slides; it offers {offered}")
            out[role] = _found(chosen, "your mapping")
            continue
        own, standard = NAMES[role]
        chosen = next((by_name[n.casefold()] for n in own if n.casefold() in by_name
                       and by_name[n.casefold()].title is not None), None)
        how = "lectern's name"
        if chosen is None:
            chosen = next((by_name[n.casefold()] for n in standard if n.casefold() in by_name
                           and by_name[n.casefold()].title is not None), None)
            how = "standard name"
        if chosen is None:
            chosen = _by_placeholders(usable, role)
            how = "placeholders"
        out[role] = _found(chosen, how)
    return out


def _found(layout: Layout, how: str) -> Layout:
    from dataclasses import replace

    return replace(layout, found_by=how)


def _by_placeholders(layouts: list[Layout], role: str) -> Layout:
    """The first layout with the placeholders a role wants ("-body": no body of any kind)."""
    for wanted in SHAPES[role]:
        for lay in layouts:
            have = set(lay.placeholders)
            bodies = have & {"body", "obj", "subTitle"}
            if bodies - {"subTitle"}:
                have.add("body")
            if all(not bodies if w == "-body" else w in have for w in wanted):
                return lay
    return layouts[0]


# --- what the template report and check say ------------------------------------------------


def _font_warnings(template: DeckTemplate, pos: m.SourcePos) -> list[Diagnostic]:
    diag = Collector()
    seen: set[str] = set()
    for _, lay in template.roles:
        for font in (lay.heading_font, lay.body_font):
            if font.theme and font.theme not in seen:
                seen.add(font.theme)
                diag.warning(pos, f"lectern cannot measure the theme font '{font.theme}' of "
                             f"{template.path.name}; its slides are set in {font.typeface} "
                             f"(measured as {font.measured_with}) so that no text overflows",
                             "use a theme font from the table in docs/deck.md to keep yours")
    return diag.items


def _colour_warnings(template: DeckTemplate, pos: m.SourcePos) -> list[Diagnostic]:
    diag = Collector()
    seen: set[str] = set()
    for role, lay in template.roles:
        for use, colour in (("text", lay.colours.text), ("accent", lay.colours.accent),
                            ("slide number", lay.number_colour)):
            key = f"{lay.part}:{use}"
            if colour.contrast < MIN_CONTRAST and key not in seen:
                seen.add(key)
                what = " for its slide number" if use == "slide number" else ""
                diag.warning(pos, f"no colour of the template is readable on the layout "
                             f"'{lay.name}' ({role} slides){what}, even on a plate: the best, "
                             f"{colour.scheme}, has {colour.contrast:.1f}:1 contrast",
                             "give the layout a plainer background")
    return diag.items


def font_file_exists(measure: str) -> bool:
    """Whether lectern ships the face that measures a font."""
    return (FONTS / measure.split("-")[0]).is_dir()


def report(template: DeckTemplate) -> list[str]:
    """Lines describing how lectern uses a template: layouts by kind, size, fonts, contrast."""
    lines = [f"template {template.path.name}: {template.width / IN:.3f} × "
             f"{template.height / IN:.3f} in, {len(template.layout_names)} layouts"]
    if template.dropped:
        lines.append("left out: " + ", ".join(template.dropped))
    fonts: dict[str, Font] = {}
    for _, lay in template.roles:
        fonts.setdefault(f"headings {lay.heading_font.theme or lay.heading_font.typeface}",
                         lay.heading_font)
        fonts.setdefault(f"text {lay.body_font.theme or lay.body_font.typeface}", lay.body_font)
    for label, font in fonts.items():
        what = (f"{font.typeface}, measured as {font.measured_with}" if not font.theme else
                f"not measurable: set in {font.typeface}, measured as {font.measured_with}")
        lines.append(f"font {label}: {what}")
    for role, lay in template.roles:
        col = lay.colours
        line = (f"{role:9} '{lay.name}' (master {lay.master + 1}, {lay.found_by}); "
                f"text {col.text.scheme} {col.text.contrast:.1f}:1, "
                f"muted {col.muted.scheme} {col.muted.contrast:.1f}:1, "
                f"accent {col.accent.scheme} {col.accent.contrast:.1f}:1")
        if lay.plate is not None:
            line += f", on {_plate_words(lay.plate)}"
        if lay.number is not None:
            line += (f"; slide number {lay.number_colour.scheme} "
                     f"{lay.number_colour.contrast:.1f}:1")
            if lay.number_plate is not None:
                line += f" on {_plate_words(lay.number_plate)}"
        lines.append(line)
    if any(lay.plate or lay.number_plate for _, lay in template.roles):
        lines.append("plates: where nothing of the template's reads behind the text, lectern "
                     "draws a rectangle of a theme colour under it (see docs/deck.md)")
    return lines


def _plate_words(plate: Plate) -> str:
    return f"a plate of {plate.scheme} ({plate.opacity:.0%} opaque)"
