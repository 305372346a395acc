"""The template's text styles as lectern reads them: theme fonts and the faces that measure
them, the theme colours that read on a layout, and plates where none does."""

from __future__ import annotations

import dataclasses
import functools
from collections.abc import Mapping
from typing import Any

from . import colours as c
from . import package as pk
from .types import (
    FALLBACK_FONT,
    NO_SPACE,
    SINGLE,
    BulletStyle,
    Colour,
    Colours,
    Font,
    LevelStyle,
    Plate,
    Spacing,
    TextStyle,
)

P = pk.P_NS
A = "{http://schemas.openxmlformats.org/drawingml/2006/main}"
MIN_CONTRAST = 4.5

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


def theme_fonts(theme: Any) -> tuple[Font, Font]:
    """The theme's heading and body fonts, each with the face lectern measures it with."""
    major, minor = _theme_faces(theme)
    return measured_font(major["lt"]), measured_font(minor["lt"])


def own_text_colour(layout: Any, master: Any, holders: Mapping[str, Any]) -> str:
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


def choose_colours(palette: c.Palette, tone: c.Tone, own: str) -> Colours:
    """The text, muted and accent colours on a background of `tone`: for each, the first
    theme colour of its preferences (`own` first for text) that reaches MIN_CONTRAST, else
    whichever of them, black and white reads best."""
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


def plate_for(palette: c.Palette, own: str) -> tuple[Plate, Colours]:
    """The plate for text where nothing reads, and the colours chosen on it: the first theme
    colour of PLATE_FILLS on which the text, muted and accent colours all reach MIN_CONTRAST
    whatever shows through, one that keeps `own` as the text colour first; an opaque white
    one when none does."""
    found = []
    for name in PLATE_FILLS:
        plate = Plate(name, palette.scheme_rgb(name), PLATE_OPACITY)
        colours = choose_colours(palette, plate.tone, own)
        if min(colours.text.contrast, colours.muted.contrast,
               colours.accent.contrast) >= MIN_CONTRAST:
            found.append((plate, colours))
    keeping = [f for f in found if f[1].text.scheme == own]
    if keeping or found:
        return (keeping or found)[0]
    plate = Plate("FFFFFF", "FFFFFF", 1.0)
    return plate, choose_colours(palette, plate.tone, own)



# --- effective text styles -----------------------------------------------------------------

# PowerPoint's own defaults where nothing along the chain sets a property.
DEFAULT_INSETS = (91440, 45720, 91440, 45720)
DEFAULT_SIZE = 18.0
# Which of the master's txStyles a placeholder type draws on.
TITLE_TYPES = ("title", "ctrTitle")
BODY_TYPES = ("body", "subTitle", "obj")
# The master placeholder a layout placeholder of a type inherits from.
MASTER_TYPE = {"ctrTitle": "title", "subTitle": "body", "obj": "body"}
CAPS = {"all": "all", "small": "small"}


def master_type(kind: str) -> str:
    """The type of the master placeholder that a layout placeholder of `kind` inherits from."""
    return MASTER_TYPE.get(kind, kind)


def text_style(holders: tuple[Any, ...], master: Any, presentation: Any, theme: Any,
               palette: c.Palette, kind: str, tone: c.Tone) -> TextStyle:
    """The effective style of a placeholder of type `kind` (or "" for a text box): `holders`
    are its shapes from the layout's up to the master's (most specific first), `master` the
    master tree, `presentation` the presentation part. Colours are rated against `tone`."""
    bodies = [h.find(f"{{{P}}}txBody/{A}bodyPr") for h in holders]
    body_pr = [b for b in bodies if b is not None]
    txt = master.find(f"{{{P}}}txStyles") if master is not None else None
    sheet = ("titleStyle" if kind in TITLE_TYPES else "bodyStyle" if kind in BODY_TYPES
             else "otherStyle")
    lists = [h.find(f"{{{P}}}txBody/{A}lstStyle") for h in holders]
    lists.append(txt.find(f"{{{P}}}{sheet}") if txt is not None else None)
    lists.append(presentation.find(f"{{{P}}}defaultTextStyle")
                 if presentation is not None else None)
    major, minor = _theme_faces(theme)
    found = [x for x in lists if x is not None]
    levels = []
    for n in range(1, 10):
        paras = [x for x in (lst.find(f"{A}lvl{n}pPr") for lst in found) if x is not None]
        runs = [x for x in (p.find(f"{A}defRPr") for p in paras) if x is not None]
        level = functools.partial(_level, major=major, minor=minor, palette=palette,
                                  tone=tone, title=kind in TITLE_TYPES)
        inherited = level(paras, runs)
        # What the template shows only in its placeholders' sample text (LibreOffice writes
        # its styles there): last in the chain, and written by lectern, as nothing inherits it.
        sample_paras, sample_runs = _samples(holders, n)
        shown = level(paras + sample_paras, runs + sample_runs)
        explicit = tuple(f.name for f in dataclasses.fields(LevelStyle)
                         if getattr(shown, f.name) != getattr(inherited, f.name))
        levels.append(dataclasses.replace(shown, explicit=explicit))
    insets = tuple(_first_int(body_pr, name, default)
                   for name, default in zip(("lIns", "tIns", "rIns", "bIns"), DEFAULT_INSETS,
                                            strict=True))
    autofit, scale, reduction = _autofit(body_pr)
    return TextStyle(tuple(levels), insets, _first_attr(body_pr, "anchor") or "t",  # type: ignore[arg-type]
                     autofit, _first_attr(body_pr, "wrap") or "square",
                     _first_attr(body_pr, "vert") or "horz", _first_int(body_pr, "numCol", 1),
                     scale, reduction)


def _first_attr(elements: list[Any], name: str) -> str:
    return next((str(e.get(name)) for e in elements if e.get(name) is not None), "")


def _first_int(elements: list[Any], name: str, default: int) -> int:
    value = _first_attr(elements, name)
    try:
        return int(value) if value else default
    except ValueError:
        return default


def _autofit(body_pr: list[Any]) -> tuple[str, float, float]:
    """The first autofit set along the chain: its kind, font scale and spacing reduction."""
    for element in body_pr:
        for tag, kind in (("noAutofit", "none"), ("normAutofit", "norm"),
                          ("spAutoFit", "shape")):
            found = element.find(f"{A}{tag}")
            if found is not None:
                return (kind, _int(found.get("fontScale"), 100000) / 100000,
                        _int(found.get("lnSpcReduction"), 0) / 100000)
    return "none", 1.0, 0.0


def _int(value: str | None, default: int) -> int:
    try:
        return int(value) if value is not None else default
    except ValueError:
        return default


def _theme_faces(theme: Any) -> tuple[dict[str, str], dict[str, str]]:
    """The theme's major and minor fonts by script: {"lt": ..., "ea": ..., "cs": ...}."""
    def faces(kind: str) -> dict[str, str]:
        scheme = theme.find(f"{A}themeElements/{A}fontScheme/{A}{kind}") \
            if theme is not None else None
        out = {}
        for script, tag in (("lt", "latin"), ("ea", "ea"), ("cs", "cs")):
            found = scheme.find(f"{A}{tag}") if scheme is not None else None
            out[script] = (found.get("typeface") or "").strip() if found is not None else ""
        return out
    return faces("majorFont"), faces("minorFont")


def _face(name: str, major: dict[str, str], minor: dict[str, str]) -> str:
    """A typeface as written, theme references (+mj-lt, +mn-ea, ...) resolved."""
    if name.startswith("+mj-") or name.startswith("+mn-"):
        return (major if name.startswith("+mj-") else minor).get(name[4:], "")
    return name


def measured_font(typeface: str) -> Font:
    """The font of a typeface: measured with its metric twin, or set in the fallback face
    (and measured with it) when lectern has none; `theme` then names the template's face."""
    face = METRIC_FACES.get(typeface.strip().lower())
    if face is not None:
        return Font(typeface.strip(), face)
    return Font(FALLBACK_FONT[0], FALLBACK_FONT[1], typeface.strip() or "(none)")


def _samples(holders: tuple[Any, ...], number: int) -> tuple[list[Any], list[Any]]:
    """The paragraph and run properties of each holder's first sample paragraph of outline
    level `number`, most specific holder first."""
    paras: list[Any] = []
    runs: list[Any] = []
    for holder in holders:
        for p in holder.iterfind(f"{{{P}}}txBody/{A}p"):
            p_pr = p.find(f"{A}pPr")
            if _int(p_pr.get("lvl") if p_pr is not None else None, 0) != number - 1:
                continue
            if p_pr is not None:
                paras.append(p_pr)
            r_pr = p.find(f"{A}r/{A}rPr")
            r_pr = r_pr if r_pr is not None else p.find(f"{A}endParaRPr")
            if r_pr is not None:
                runs.append(r_pr)
            break
    return paras, runs


def _level(chain: list[Any], runs: list[Any], major: dict[str, str], minor: dict[str, str],
           palette: c.Palette, tone: c.Tone, title: bool) -> LevelStyle:
    """A level's style: each property from the first of `chain` (paragraph properties) or
    `runs` (their character properties) that sets it."""

    def attr(elements: list[Any], name: str) -> str:
        return _first_attr(elements, name)

    def child(elements: list[Any], *tags: str) -> Any:
        """The first element along the chain holding one of `tags` (the first tag found)."""
        for element in elements:
            for tag in tags:
                found = element.find(f"{A}{tag}")
                if found is not None:
                    return found
        return None

    size = _int(attr(runs, "sz") or None, round(DEFAULT_SIZE * 100)) / 100
    latin = child(runs, "latin")
    default_face = "+mj-lt" if title else "+mn-lt"
    typeface = _face((latin.get("typeface") if latin is not None else "") or default_face,
                     major, minor) or _face(default_face, major, minor)
    ea, cs = (child(runs, tag) for tag in ("ea", "cs"))
    fill = child(runs, "solidFill")
    colour = _colour(fill, palette, tone)
    return LevelStyle(
        size=size, font=measured_font(typeface),
        ea=_face(ea.get("typeface", ""), major, minor) if ea is not None else "",
        cs=_face(cs.get("typeface", ""), major, minor) if cs is not None else "",
        bold=attr(runs, "b") in ("1", "true"), italic=attr(runs, "i") in ("1", "true"),
        caps=CAPS.get(attr(runs, "cap"), "none"), colour=colour,
        align=attr(chain, "algn") or "l",
        line_spacing=_spacing(child(chain, "lnSpc"), SINGLE),
        space_before=_spacing(child(chain, "spcBef"), NO_SPACE),
        space_after=_spacing(child(chain, "spcAft"), NO_SPACE),
        bullet=_bullet(chain, palette),
        margin=_int(attr(chain, "marL") or None, 0),
        indent=_int(attr(chain, "indent") or None, 0))


def _colour(fill: Any, palette: c.Palette, tone: c.Tone) -> Colour:
    """A text colour as the template writes it (scheme name, else RRGGBB), its value and its
    contrast against `tone`; black (tx1) where nothing sets one."""
    element = next((x for x in fill if isinstance(x.tag, str)), None) \
        if fill is not None else None
    if element is None:
        rgb = palette.scheme_rgb("tx1")
        return Colour("tx1", rgb, c.worst_contrast(rgb, tone))
    rgb = c.colour_of(element, palette) or palette.scheme_rgb("tx1")
    plain = element.tag == f"{A}schemeClr" and not len(element)
    name = str(element.get("val")) if plain else rgb
    return Colour(name, rgb, c.worst_contrast(rgb, tone))


def _spacing(element: Any, default: Spacing) -> Spacing:
    if element is None:
        return default
    pct, pts = element.find(f"{A}spcPct"), element.find(f"{A}spcPts")
    if pts is not None:
        return Spacing(points=_int(pts.get("val"), 0) / 100)
    if pct is not None:
        return Spacing(pct=_int(pct.get("val"), 100000) / 100000)
    return default


def _bullet(chain: list[Any], palette: c.Palette) -> BulletStyle:
    """The level's bullet: the kind from the first pPr that sets one (buNone, buChar,
    buAutoNum), its face, colour and size each from the first that sets them."""
    kind, char, autonum = "none", "", ""
    for p_pr in chain:
        found = next((x for x in p_pr if isinstance(x.tag, str) and x.tag in (
            f"{A}buNone", f"{A}buChar", f"{A}buAutoNum", f"{A}buBlip")), None)
        if found is None:
            continue
        tag = found.tag.replace(A, "")
        if tag == "buChar":
            kind, char = "char", found.get("char", "•")
        elif tag == "buAutoNum":
            kind, autonum = "autonum", found.get("type", "arabicPeriod")
        elif tag == "buBlip":
            kind, char = "char", "•"  # a picture bullet: measured as a bullet character
        break
    face = next((str(x.get("typeface", "")) for p in chain
                 for x in [p.find(f"{A}buFont")] if x is not None), "")
    colour = ""
    for p_pr in chain:
        clr = p_pr.find(f"{A}buClr")
        if clr is not None and len(clr):
            colour = c.colour_of(clr[0], palette) or ""
            break
    size = next((_int(x.get("val"), 100000) / 100000 for p in chain
                 for x in [p.find(f"{A}buSzPct")] if x is not None), 1.0)
    return BulletStyle(kind, char, face, autonum, colour, size)
