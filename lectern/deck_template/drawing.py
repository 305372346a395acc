"""What a layout shows on every slide, as data a writer can draw: the background, and the
master's and the layout's own pictures and shapes (never their placeholders, which lectern's
slides fill or leave out), each with its outline, fill and line; read once per template."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from ..box import Box
from . import colours as c
from . import geometry as g
from . import package as pk
from .clean import Clean

P = f"{{{pk.P_NS}}}"
A = g.A
MC = "{http://schemas.openxmlformats.org/markup-compatibility/2006}"
DEFAULT_LINE = 9525  # EMU: a line's width when the template gives none (0.75 pt)
# Pictures lectern draws (PIL decodes them); others are named in a warning.
DRAWN_PICTURES = ("png", "jpeg", "jpg", "gif", "bmp", "tif", "tiff")
FILLS = ("noFill", "solidFill", "gradFill", "blipFill", "pattFill", "grpFill")
# How much of a pattern its foreground colour covers (the rest shows its background).
PATTERN_SHARE = {"pct5": 0.05, "pct10": 0.1, "pct20": 0.2, "pct25": 0.25, "pct30": 0.3,
                 "pct40": 0.4, "pct50": 0.5, "pct60": 0.6, "pct70": 0.7, "pct75": 0.75,
                 "pct80": 0.8, "pct90": 0.9, "solidDmnd": 0.5, "smCheck": 0.5,
                 "lgCheck": 0.5}


@dataclass(frozen=True)
class Stop:
    """One colour stop of a gradient."""

    position: float  # 0..1 along the gradient
    rgb: str
    alpha: float = 1.0


@dataclass(frozen=True)
class Paint:
    """A fill: a colour, a gradient, or a picture stretched (or tiled) over the box."""

    kind: str  # "solid", "linear", "radial" or "picture"
    stops: tuple[Stop, ...] = ()  # one for a colour
    angle: float = 0.0  # a linear gradient's direction, degrees clockwise from the x axis
    centre: tuple[float, float] = (0.5, 0.5)  # a radial gradient's, as shares of the box
    picture: str = ""  # the picture's part name (DeckTemplate.pictures)
    crop: tuple[float, float, float, float] = (0.0, 0.0, 0.0, 0.0)  # shares cut l, t, r, b
    inset: tuple[float, float, float, float] = (0.0, 0.0, 0.0, 0.0)  # of the box, l, t, r, b
    tile: tuple[float, float, float, float] | None = None  # scale x, y; offset x, y (EMU)
    alpha: float = 1.0


# Dash patterns of DrawingML's preset dashes, in line widths (dash, gap, ...).
DASHES = {"dash": (4, 3), "dashDot": (4, 3, 1, 3), "lgDash": (8, 3), "lgDashDot": (8, 3, 1, 3),
          "lgDashDotDot": (8, 3, 1, 3, 1, 3), "sysDash": (3, 1), "sysDot": (1, 1),
          "sysDashDot": (3, 1, 1, 1), "sysDashDotDot": (3, 1, 1, 1, 1, 1), "dot": (1, 3)}
CAPS = {"flat": 0, "rnd": 1, "sq": 2}
JOINS = {"miter": 0, "round": 1, "bevel": 2}


@dataclass(frozen=True)
class Stroke:
    """An outline: its colour, width and opacity."""

    rgb: str
    width: float  # EMU
    alpha: float = 1.0
    dash: tuple[float, ...] = ()  # in line widths; none for a solid line
    cap: int = 0  # PDF's line cap: butt, round, square
    join: int = 1  # PDF's line join: miter, round, bevel


@dataclass(frozen=True)
class Figure:
    """One drawn shape or picture: its outline in its own box, placed on the slide."""

    matrix: g.Matrix  # from the shape's own box (0..w, 0..h) to the slide, in EMU
    w: float
    h: float
    paths: tuple[g.Path, ...]
    fill: Paint | None
    stroke: Stroke | None


@dataclass(frozen=True)
class Run:
    """A run of a label's text, or a field ("slidenum": the slide's number goes there)."""

    text: str
    size: float  # points
    rgb: str
    bold: bool = False
    italic: bool = False
    typeface: str = ""
    field: str = ""


@dataclass(frozen=True)
class Label:
    """Text a master or layout shape shows on every slide (a footer, a number box)."""

    box: Box  # the text's area: the shape's box less its insets
    anchor: str  # "t", "ctr" or "b"
    paragraphs: tuple[tuple[str, tuple[Run, ...]], ...]  # alignment ("l", "ctr", "r"), runs


@dataclass(frozen=True)
class Holder:
    """The fill and outline of a placeholder lectern's slides fill: they show wherever the
    slide puts the placeholder ("title", "subtitle", "body" or "number")."""

    kind: str
    fill: Paint | None
    stroke: Stroke | None


# The placeholders lectern's slides fill, by the kinds of text they take; where a layout's
# placeholder gives no fill or outline, its master's placeholder of these types does.
HOLDER_TYPES = {"title": (("ctrTitle", "title"), ("title",)),
                "subtitle": (("subTitle",), ("body",)),
                "body": (("body", "obj"), ("body",)),
                "number": (("sldNum",), ("sldNum",))}


@dataclass(frozen=True)
class Art:
    """Everything a layout shows under a slide's own content, in drawing order."""

    background: Paint | None
    figures: tuple[Figure, ...]
    missing: tuple[str, ...] = ()  # what is left out, for a warning ("EMF picture x.emf")
    labels: tuple[Label, ...] = ()
    holders: tuple[Holder, ...] = ()

    def holder(self, kind: str) -> Holder | None:
        """The fill and outline of the placeholder taking a kind of text, if it has any."""
        return next((h for h in self.holders if h.kind == kind), None)

    @property
    def pictures(self) -> tuple[str, ...]:
        """The part names of the pictures it draws."""
        paints = [self.background, *(f.fill for f in self.figures)]
        return tuple(dict.fromkeys(p.picture for p in paints if p and p.picture))


class ArtReader:
    """Reads the art of layouts of one master (colours through the layout's colour map)."""

    def __init__(self, trees: Mapping[str, Any], rels: Mapping[str, Mapping[str, str]],
                 images: Mapping[str, bytes], master: str, theme: Any,
                 palette: c.Palette) -> None:
        self.trees, self.rels, self.images = trees, rels, images
        self.master, self.theme, self.base = master, theme, palette
        self.missing: list[str] = []
        self.labels: list[Label] = []
        # The master's figures, missing kinds and labels by the colour map they were read in.
        self.masters: dict[tuple[tuple[str, str], ...],
                           tuple[list[Figure], list[str], list[Label]]] = {}

    def art(self, layout: str, palette: c.Palette) -> Art:
        """The art of one layout of this master."""
        self.missing, self.labels = [], []
        tree, master = self.trees[layout], self.trees[self.master]
        background = None
        for owner, holder in ((layout, tree), (self.master, master)):
            bg = holder.find(f"{P}cSld/{P}bg")
            if bg is not None:
                background = self._background(bg, owner, palette)
                break
        else:
            background = Paint("solid", (Stop(0.0, palette.scheme_rgb("bg1")),))
        figures: list[Figure] = []
        if tree.get("showMasterSp", "1") not in ("0", "false"):
            figures += self._master(palette)
        figures += self._tree(tree, layout, palette)
        holders = tuple(h for h in (self._holder(kind, tree, master, layout, palette)
                                    for kind in HOLDER_TYPES) if h is not None)
        return Art(background, tuple(figures), tuple(dict.fromkeys(self.missing)),
                   tuple(self.labels), holders)

    def _holder(self, kind: str, tree: Any, master: Any, layout: str,
                palette: c.Palette) -> Holder | None:
        """A placeholder's own fill and outline: the layout's, else its master's."""
        own, inherited = HOLDER_TYPES[kind]
        shape = _placeholder(tree, own)
        if shape is None:
            return None
        fill = stroke = None
        fill_set = line_set = False
        for element, owner in ((shape, layout), (_placeholder(master, inherited),
                                                 self.master)):
            sp_pr = element.find(f"{P}spPr") if element is not None else None
            if sp_pr is None:
                continue
            if not fill_set and any(_local(x) in FILLS for x in sp_pr):
                fill_set, fill = True, self._fill(element, sp_pr, owner, palette, None)
            line = sp_pr.find(f"{A}ln")
            if not line_set and line is not None and any(_local(x) in FILLS for x in line):
                line_set, stroke = True, self._stroke(element, sp_pr, palette)
        if fill is None and stroke is None:
            return None
        return Holder(kind, fill, stroke)

    def _master(self, palette: c.Palette) -> list[Figure]:
        """The master's figures in a layout's colours, read once for each colour map."""
        key = tuple(sorted(palette.colour_map.items()))
        if key not in self.masters:
            kept = self.missing, self.labels
            self.missing, self.labels = [], []
            figures = self._tree(self.trees[self.master], self.master, palette)
            self.masters[key] = (figures, self.missing, self.labels)
            self.missing, self.labels = kept
        figures, missing, labels = self.masters[key]
        self.missing += missing
        self.labels += labels
        return list(figures)

    # --- backgrounds ------------------------------------------------------------------

    def _background(self, bg: Any, owner: str, palette: c.Palette) -> Paint | None:
        props = bg.find(f"{P}bgPr")
        if props is not None:
            fill = next((x for x in props if _local(x) in FILLS), None)
            return self._paint(fill, owner, palette) if fill is not None else None
        ref = bg.find(f"{P}bgRef")
        if ref is None:
            return None
        colour = _first_colour(ref, palette)
        fill = c.style_fill(self.theme, _int(ref.get("idx")), background=True)
        if fill is None:
            return Paint("solid", (colour,)) if colour else None
        return self._paint(fill, owner, palette, colour.rgb if colour else "")

    # --- shapes -------------------------------------------------------------------------

    def _tree(self, tree: Any, owner: str, palette: c.Palette) -> list[Figure]:
        sp_tree = tree.find(f"{P}cSld/{P}spTree")
        if sp_tree is None:
            return []
        return list(self._shapes(sp_tree, g.IDENTITY, owner, palette, None))

    def _shapes(self, parent: Any, matrix: g.Matrix, owner: str, palette: c.Palette,
                group_fill: Any) -> Iterable[Figure]:
        for element in parent:
            local = _local(element)
            if local == "AlternateContent":
                fallback = element.find(f"{MC}Fallback")
                if fallback is not None:
                    yield from self._shapes(fallback, matrix, owner, palette, group_fill)
                continue
            if local not in ("sp", "pic", "cxnSp", "grpSp", "graphicFrame"):
                continue
            if element.find(f".//{P}nvPr/{P}ph") is not None or _hidden(element):
                continue
            if local == "grpSp":
                props = element.find(f"{P}grpSpPr")
                inner = g.multiply(matrix, g.group_transform(
                    props.find(f"{A}xfrm") if props is not None else None))
                fill = next((x for x in props if _local(x) in FILLS), None) \
                    if props is not None else None
                yield from self._shapes(element, inner, owner, palette,
                                        fill if fill is not None else group_fill)
            elif local == "graphicFrame":
                self.missing.append("tables and charts")
            else:
                figure = self._figure(element, local, matrix, owner, palette, group_fill)
                if figure is not None:
                    yield figure
                if local == "sp":
                    self._label(element, matrix, palette)

    def _label(self, element: Any, matrix: g.Matrix, palette: c.Palette) -> None:
        """Keep the text of a shape that is not a placeholder (upright shapes only)."""
        body = element.find(f"{P}txBody")
        sp_pr = element.find(f"{P}spPr")
        if body is None or sp_pr is None or not "".join(body.itertext()).strip():
            return
        placed, w, h = g.transform_of(sp_pr.find(f"{A}xfrm"))
        a, b, c_, d_, e, f = g.multiply(matrix, placed)
        if abs(b) > 1e-6 or abs(c_) > 1e-6 or a <= 0 or d_ <= 0:
            self.missing.append("turned or flipped text")
            return
        props = body.find(f"{A}bodyPr")
        insets = [_int(props.get(k)) if props is not None and props.get(k) is not None
                  else default for k, default in (("lIns", 91440), ("tIns", 45720),
                                                  ("rIns", 91440), ("bIns", 45720))]
        x, y = e + insets[0], f + insets[1]
        box = Box(round(x), round(y), max(0, round(w * a - insets[0] - insets[2])),
                  max(0, round(h * d_ - insets[1] - insets[3])))
        paragraphs = []
        for para in body.findall(f"{A}p"):
            p_pr = para.find(f"{A}pPr")
            align = (p_pr.get("algn") if p_pr is not None else None) or "l"
            end = para.find(f"{A}endParaRPr")
            runs = tuple(self._run(run, end, palette) for run in para
                         if _local(run) in ("r", "fld"))
            paragraphs.append((align if align in ("l", "ctr", "r") else "l", runs))
        anchor = (props.get("anchor") if props is not None else None) or "t"
        self.labels.append(Label(box, anchor if anchor in ("t", "ctr", "b") else "t",
                                 tuple(paragraphs)))

    def _run(self, run: Any, end: Any, palette: c.Palette) -> Run:
        props = run.find(f"{A}rPr")
        sizes = [x.get("sz") for x in (props, end) if x is not None and x.get("sz")]
        colour = None
        for holder in (props, end):
            fill = holder.find(f"{A}solidFill") if holder is not None else None
            if fill is not None and colour is None:
                colour = _fill_colour(fill, palette, "")
        latin = props.find(f"{A}latin") if props is not None else None
        text = run.findtext(f"{A}t") or ""
        return Run(text, _int(sizes[0]) / 100 if sizes else 18.0,
                   colour.rgb if colour else palette.scheme_rgb("tx1"),
                   props is not None and props.get("b") in ("1", "true"),
                   props is not None and props.get("i") in ("1", "true"),
                   latin.get("typeface", "") if latin is not None else "",
                   run.get("type", "") if _local(run) == "fld" else "")

    def _figure(self, element: Any, local: str, matrix: g.Matrix, owner: str,
                palette: c.Palette, group_fill: Any) -> Figure | None:
        sp_pr = element.find(f"{P}spPr")
        if sp_pr is None:
            return None
        placed, w, h = g.transform_of(sp_pr.find(f"{A}xfrm"))
        paths = self._outline(sp_pr, w, h)
        if paths is None:
            return None
        if local == "pic":
            fill = self._picture(element.find(f"{P}blipFill"), owner)
        else:
            fill = self._fill(element, sp_pr, owner, palette, group_fill)
        stroke = self._stroke(element, sp_pr, palette)
        if fill is None and stroke is None:
            return None
        return Figure(g.multiply(matrix, placed), w, h, paths, fill, stroke)

    def _outline(self, sp_pr: Any, w: float, h: float) -> tuple[g.Path, ...] | None:
        custom = sp_pr.find(f"{A}custGeom")
        if custom is not None:
            return g.custom(custom, w, h)
        preset = sp_pr.find(f"{A}prstGeom")
        if preset is None:
            return g.PRESETS["rect"](w, h, {})
        paths = g.preset(preset, w, h)
        if paths is None:
            self.missing.append(f"shapes of the kind {preset.get('prst')!r}")
        return paths

    def _fill(self, element: Any, sp_pr: Any, owner: str, palette: c.Palette,
              group_fill: Any) -> Paint | None:
        fill = next((x for x in sp_pr if _local(x) in FILLS), None)
        if fill is not None and _local(fill) == "grpFill":
            fill = group_fill
        if fill is not None:
            return self._paint(fill, owner, palette)
        ref = element.find(f"{P}style/{A}fillRef")
        if ref is None or _int(ref.get("idx")) <= 0:
            return None
        colour = _first_colour(ref, palette)
        styled = c.style_fill(self.theme, _int(ref.get("idx")), background=False)
        if styled is None:
            return Paint("solid", (colour,)) if colour else None
        return self._paint(styled, owner, palette, colour.rgb if colour else "")

    def _stroke(self, element: Any, sp_pr: Any, palette: c.Palette) -> Stroke | None:
        line = sp_pr.find(f"{A}ln")
        ref = element.find(f"{P}style/{A}lnRef")
        styled = None
        colour = None
        if ref is not None and _int(ref.get("idx")) > 0:
            styled = _style_line(self.theme, _int(ref.get("idx")))
            colour = _first_colour(ref, palette)
        width = None
        for holder in (line, styled):
            if holder is not None and width is None and holder.get("w") is not None:
                width = float(_int(holder.get("w")))
        for holder in (line, styled):
            if holder is None:
                continue
            fill = next((x for x in holder if _local(x) in FILLS), None)
            if fill is None:
                continue
            if _local(fill) == "noFill":
                return None
            stop = _fill_colour(fill, palette, colour.rgb if colour else "")
            if stop is None:
                return None
            return Stroke(stop.rgb, DEFAULT_LINE if width is None else width, stop.alpha,
                          *_line_style(line, styled))
        return None

    # --- fills --------------------------------------------------------------------------

    def _paint(self, fill: Any, owner: str, palette: c.Palette,
               placeholder: str = "") -> Paint | None:
        kind = _local(fill)
        if kind == "solidFill":
            stop = _fill_colour(fill, palette, placeholder)
            return Paint("solid", (stop,)) if stop else None
        if kind == "gradFill":
            return _gradient(fill, palette, placeholder)
        if kind == "pattFill":
            return _pattern(fill, palette, placeholder)
        if kind == "blipFill":
            return self._picture(fill, owner)
        return None

    def _picture(self, fill: Any, owner: str) -> Paint | None:
        blip = fill.find(f"{A}blip") if fill is not None else None
        if blip is None:
            return None
        target = self.rels.get(owner, {}).get(blip.get(c.R_EMBED, ""))
        if target is None or target not in self.images:
            return None
        name = target.rsplit("/", 1)[-1]
        if name.rsplit(".", 1)[-1].lower() not in DRAWN_PICTURES:
            self.missing.append(f"{name.rsplit('.', 1)[-1].upper()} picture {name}")
            return None
        alpha = 1.0
        fix = blip.find(f"{A}alphaModFix")
        if fix is not None:
            alpha = _share(fix.get("amt"), 1.0)
        crop = _sides(fill.find(f"{A}srcRect"))
        tile_element = fill.find(f"{A}tile")
        tile = None
        if tile_element is not None:
            tile = (_share(tile_element.get("sx"), 1.0), _share(tile_element.get("sy"), 1.0),
                    float(_int(tile_element.get("tx"))), float(_int(tile_element.get("ty"))))
        stretch = fill.find(f"{A}stretch/{A}fillRect")
        return Paint("picture", picture=target, crop=crop, inset=_sides(stretch), tile=tile,
                     alpha=alpha)


def _placeholder(tree: Any, types: tuple[str, ...]) -> Any:
    """The first placeholder of these types in a master's or layout's shape tree."""
    for ph in tree.iterfind(f"{P}cSld/{P}spTree/{P}sp/{P}nvSpPr/{P}nvPr/{P}ph"):
        if ph.get("type", "obj") in types:
            return ph.getparent().getparent().getparent()
    return None


def _local(element: Any) -> str:
    tag = element.tag
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""


def _hidden(element: Any) -> bool:
    props = element.find(f"./*/{P}cNvPr")
    return props is not None and props.get("hidden") in ("1", "true")


def _int(value: str | None) -> int:
    try:
        return int(value or 0)
    except ValueError:
        return 0


def _share(value: str | None, default: float) -> float:
    """A DrawingML percentage (100,000ths) as a share."""
    return default if value is None else _int(value) / g.WHOLE


def _sides(element: Any) -> tuple[float, float, float, float]:
    if element is None:
        return (0.0, 0.0, 0.0, 0.0)
    left, top, right, bottom = (_share(element.get(k), 0.0) for k in ("l", "t", "r", "b"))
    return (left, top, right, bottom)


def _colour(element: Any, palette: c.Palette, placeholder: str = "") -> Stop | None:
    rgb = c.colour_of(element, palette, placeholder)
    if rgb is None:
        return None
    alpha = element.find(f"{A}alpha")
    return Stop(0.0, rgb, _share(alpha.get("val"), 1.0) if alpha is not None else 1.0)


def _first_colour(holder: Any, palette: c.Palette) -> Stop | None:
    return next((s for s in (_colour(x, palette) for x in holder if _local(x)) if s), None)


def _fill_colour(fill: Any, palette: c.Palette, placeholder: str) -> Stop | None:
    """A fill as one colour (a gradient's first stop)."""
    if _local(fill) == "solidFill":
        return next((s for s in (_colour(x, palette, placeholder) for x in fill if _local(x))
                     if s), None)
    paint = _gradient(fill, palette, placeholder) if _local(fill) == "gradFill" else None
    return paint.stops[0] if paint and paint.stops else None


def _gradient(fill: Any, palette: c.Palette, placeholder: str) -> Paint | None:
    stops = []
    for gs in fill.iter(f"{A}gs"):
        colour = next((s for s in (_colour(x, palette, placeholder) for x in gs if _local(x))
                       if s), None)
        if colour is not None:
            stops.append(Stop(_share(gs.get("pos"), 0.0), colour.rgb, colour.alpha))
    if not stops:
        return None
    stops.sort(key=lambda s: s.position)
    path = fill.find(f"{A}path")
    if path is not None:
        focus = _sides(path.find(f"{A}fillToRect"))
        return Paint("radial", tuple(stops), centre=(focus[0], focus[1]))
    linear = fill.find(f"{A}lin")
    angle = _int(linear.get("ang")) / g.DEGREE if linear is not None else 90.0
    return Paint("linear", tuple(stops), angle=angle)


def _pattern(fill: Any, palette: c.Palette, placeholder: str) -> Paint | None:
    """A pattern as the colour it shows from afar: its two colours mixed."""
    fore, back = fill.find(f"{A}fgClr"), fill.find(f"{A}bgClr")
    front = _first_colour(fore, palette) if fore is not None else None
    behind = _first_colour(back, palette) if back is not None else None
    if front is None or behind is None:
        only = front or behind
        return Paint("solid", (only,)) if only else None
    share = PATTERN_SHARE.get(fill.get("prst") or "", 0.25)
    channels = (int(front.rgb[i:i + 2], 16) * share + int(behind.rgb[i:i + 2], 16) * (1 - share)
                for i in (0, 2, 4))
    mixed = "".join(f"{round(v):02X}" for v in channels)
    return Paint("solid", (Stop(0.0, mixed, max(front.alpha, behind.alpha)),))


def _line_style(*holders: Any) -> tuple[tuple[float, ...], int, int]:
    """A line's dashes, cap and join: the shape's own, else its theme style's."""
    lines = [h for h in holders if h is not None]
    dash = next((h.find(f"{A}prstDash").get("val") for h in lines
                 if h.find(f"{A}prstDash") is not None), "solid")
    cap = next((h.get("cap") for h in lines if h.get("cap")), "flat")
    join = next((_local(x) for h in lines for x in h if _local(x) in JOINS), "round")
    return DASHES.get(dash or "solid", ()), CAPS.get(cap or "flat", 0), JOINS[join]


def _style_line(theme: Any, index: int) -> Any:
    """A theme's line style (lnRef idx)."""
    if theme is None:
        return None
    styles = theme.find(f"{A}themeElements/{A}fmtScheme/{A}lnStyleLst")
    items = [x for x in styles if _local(x)] if styles is not None else []
    return items[index - 1] if 0 < index <= len(items) else None


def read_art(clean: Clean, parts: Iterable[str]) -> dict[str, Art]:
    """The art of the layouts named by part name (each under the master that lists it)."""
    wanted = set(parts)
    out: dict[str, Art] = {}
    for master, layouts in clean.masters:
        if not wanted.intersection(layouts):
            continue
        tree = clean.trees[master]
        theme_name = clean.themes.get(master)
        theme = clean.trees.get(theme_name) if theme_name else None
        palette = c.Palette(c.read_scheme(theme), _colour_map(tree.find(f"{P}clrMap")))
        reader = ArtReader(clean.trees, clean.rels, clean.images, master, theme, palette)
        for layout in layouts:
            if layout in wanted:
                override = clean.trees[layout].find(f"{P}clrMapOvr/{A}overrideClrMapping")
                own = palette.with_map(_colour_map(override)) if override is not None \
                    else palette
                out[layout] = reader.art(layout, own)
    return out


def _colour_map(element: Any) -> dict[str, str]:
    if element is None:
        return dict(c.DEFAULT_MAP)
    return {**c.DEFAULT_MAP, **{k: v for k, v in element.attrib.items() if "}" not in k}}
