"""What a title shows, read from the package's XML alone: alignment, colour and typeface of a
title placeholder along slide → layout → master → the master's title style, theme colours
through the colour map, theme fonts through the font scheme. lectern's own code is not used."""

from __future__ import annotations

import copy
import functools
import io
import posixpath
import zipfile
from dataclasses import dataclass
from typing import Any

from lxml import etree

NS = {"a": "http://schemas.openxmlformats.org/drawingml/2006/main",
      "p": "http://schemas.openxmlformats.org/presentationml/2006/main",
      "r": "http://schemas.openxmlformats.org/officeDocument/2006/relationships"}
PR = "{http://schemas.openxmlformats.org/package/2006/relationships}"
TITLES = {"title", "ctrTitle"}
MODIFIERS = ("tint", "shade", "lumMod", "lumOff", "alpha", "satMod")


@dataclass(frozen=True)
class Style:
    """A title's alignment, colour (RRGGBB, then any modifiers) and Latin typeface; None where
    nothing along the chain sets it."""

    align: str | None
    colour: str | None
    typeface: str | None


class Package:
    """The parts of a .pptx, parsed on demand."""

    def __init__(self, data: bytes) -> None:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            self.files = {n: archive.read(n) for n in archive.namelist()}
        self._parsed: dict[str, Any] = {}
        self.layers: dict[str, list[Layer] | None] = {}  # by layout, filled by layers()

    def xml(self, part: str) -> Any:
        if part not in self._parsed:
            self._parsed[part] = etree.fromstring(self.files[part])
        return self._parsed[part]

    def related(self, part: str, kind: str) -> list[str]:
        """Parts that `part` relates to with a relationship type ending in `/kind`."""
        folder, name = posixpath.split(part)
        rels = f"{folder}/_rels/{name}.rels"
        if rels not in self.files:
            return []
        out = []
        for rel in etree.fromstring(self.files[rels]).iter(f"{PR}Relationship"):
            if rel.get("Type", "").endswith("/" + kind) and rel.get("TargetMode") != "External":
                out.append(posixpath.normpath(posixpath.join(folder, rel.get("Target"))))
        return out

    def layout_of(self, slide: str) -> str:
        return self.related(slide, "slideLayout")[0]

    def master_of(self, layout: str) -> str:
        return self.related(layout, "slideMaster")[0]

    def theme_of(self, master: str) -> str:
        return self.related(master, "theme")[0]

    def masters(self) -> list[str]:
        return self.related("ppt/presentation.xml", "slideMaster")

    def layouts(self, master: str) -> list[str]:
        return self.related(master, "slideLayout")

    def slides(self) -> list[str]:
        """Slide parts in the order the presentation lists them."""
        rels = {}
        folder = "ppt"
        for rel in etree.fromstring(self.files["ppt/_rels/presentation.xml.rels"]).iter(
                f"{PR}Relationship"):
            rels[rel.get("Id")] = posixpath.normpath(posixpath.join(folder, rel.get("Target")))
        ids = self.xml("ppt/presentation.xml").iterfind("p:sldIdLst/p:sldId", NS)
        return [rels[s.get(f"{{{NS['r']}}}id")] for s in ids]


def layout_type(package: Package, layout: str) -> str:
    return package.xml(layout).get("type") or "cust"


def layout_name(package: Package, layout: str) -> str:
    return package.xml(layout).find("p:cSld", NS).get("name") or ""


def placeholders(root: Any) -> list[tuple[Any, Any]]:
    """(shape, ph element) of every placeholder shape in a part's shape tree."""
    out = []
    for sp in root.iterfind("p:cSld/p:spTree//p:sp", NS):
        ph = sp.find("p:nvSpPr/p:nvPr/p:ph", NS)
        if ph is not None:
            out.append((sp, ph))
    return out


def title_shape(root: Any) -> Any | None:
    """The title placeholder of a slide, layout or master (None when it has none)."""
    return next((sp for sp, ph in placeholders(root) if ph.get("type") in TITLES), None)


def _level1(sp: Any | None) -> Any | None:
    return None if sp is None else sp.find("p:txBody/a:lstStyle/a:lvl1pPr", NS)


def _chain(package: Package, part: str) -> tuple[list[Any], str, str]:
    """Paragraph-property elements from the part's title placeholder up to the master's title
    style (nearest first), and the master and colour-map override part that apply."""
    root = package.xml(part)
    if root.tag == f"{{{NS['p']}}}sld":
        layout = package.layout_of(part)
        parts = [layout, package.master_of(layout)]
    elif root.tag == f"{{{NS['p']}}}sldLayout":
        layout = part
        parts = [package.master_of(part)]
    else:
        layout = ""
        parts = []
    master = parts[-1] if parts else part
    levels = [_level1(title_shape(package.xml(p))) for p in parts]
    if part != master:
        levels.insert(0, _level1(title_shape(root)))
    style = package.xml(master).find("p:txStyles/p:titleStyle/a:lvl1pPr", NS)
    if style is None:
        # A master without title style (LibreOffice writes none) keeps its title's look in
        # the prompt text of its layouts' and its own title placeholders, nearest first.
        prompts = ([layout] if layout else []) + [master]
        levels += [_prompt_style(package.xml(p)) for p in prompts]
    else:
        levels.append(style)
    return [e for e in levels if e is not None], master, layout


def _prompt_style(root: Any) -> Any | None:
    """The properties of a master's or layout's title prompt text (LibreOffice writes its
    title style there), as one level element."""
    sp = title_shape(root)
    paragraph = None if sp is None else sp.find("p:txBody/a:p", NS)
    if paragraph is None:
        return None
    level = etree.Element(f"{{{NS['a']}}}lvl1pPr")
    p_pr = paragraph.find("a:pPr", NS)
    if p_pr is not None and p_pr.get("algn"):
        level.set("algn", p_pr.get("algn"))
    r_pr = paragraph.find("a:r/a:rPr", NS)
    if r_pr is None:
        r_pr = paragraph.find("a:endParaRPr", NS)
    if r_pr is not None:
        run = etree.SubElement(level, f"{{{NS['a']}}}defRPr")
        run.extend(copy.deepcopy(c) for c in r_pr if etree.QName(c).localname in
                   ("solidFill", "latin"))
    return level


def _colour_map(package: Package, master: str, overrides: list[str]) -> dict[str, str]:
    mapping = dict(package.xml(master).find("p:clrMap", NS).attrib)
    for part in overrides:
        override = package.xml(part).find("p:clrMapOvr/a:overrideClrMapping", NS)
        if override is not None:
            mapping = dict(override.attrib)
    return mapping


def colour_of(package: Package, fill: Any, master: str, mapping: dict[str, str]) -> str:
    """A solidFill's colour: RRGGBB, then its modifiers ('RRGGBB lumMod=75000')."""
    colour = next(iter(fill), None)
    if colour is None:
        return ""
    name = etree.QName(colour).localname
    if name == "srgbClr":
        rgb = colour.get("val").upper()
    elif name == "schemeClr":
        key = mapping.get(colour.get("val"), colour.get("val"))
        scheme = package.xml(package.theme_of(master)).find(
            "a:themeElements/a:clrScheme", NS)
        entry = scheme.find(f"a:{key}", NS)
        value = next(iter(entry)) if entry is not None else None
        rgb = "" if value is None else (value.get("lastClr") or value.get("val") or "").upper()
    elif name == "sysClr":
        rgb = (colour.get("lastClr") or "").upper()
    elif name == "prstClr":
        rgb = colour.get("val")
    else:
        rgb = name
    mods = " ".join(f"{etree.QName(m).localname}={m.get('val')}" for m in colour
                    if etree.QName(m).localname in MODIFIERS)
    return f"{rgb} {mods}".strip()


def typeface_of(package: Package, latin: Any, master: str) -> str:
    face = latin.get("typeface") or ""
    if face in ("+mj-lt", "+mn-lt"):
        which = "majorFont" if face == "+mj-lt" else "minorFont"
        found = package.xml(package.theme_of(master)).find(
            f"a:themeElements/a:fontScheme/a:{which}/a:latin", NS)
        return "" if found is None else found.get("typeface") or ""
    return face


def _run_style(run_pr: Any | None) -> tuple[Any | None, Any | None]:
    if run_pr is None:
        return None, None
    return run_pr.find("a:solidFill", NS), run_pr.find("a:latin", NS)


def resolve(package: Package, part: str, paragraph: Any | None = None,
            run: Any | None = None) -> Style:
    """The title style of a slide's, layout's or master's title placeholder; on a slide, of
    one paragraph and run of its text (what that text shows)."""
    levels, master, layout = _chain(package, part)
    mapping = _colour_map(package, master, [layout, part] if layout != part else [part])
    p_pr = paragraph.find("a:pPr", NS) if paragraph is not None else None
    align = p_pr.get("algn") if p_pr is not None else None
    fill, latin = _run_style(run.find("a:rPr", NS) if run is not None else None)
    for level in levels:
        align = align or level.get("algn")
        level_fill, level_latin = _run_style(level.find("a:defRPr", NS))
        fill = fill if fill is not None else level_fill
        latin = latin if latin is not None else level_latin
    return Style(align or "l", None if fill is None else colour_of(package, fill, master, mapping),
                 None if latin is None else typeface_of(package, latin, master))


def shown_styles(package: Package, slide: str) -> list[tuple[str, Style]]:
    """Each run of a slide's title placeholder: its text and the style it shows."""
    sp = title_shape(package.xml(slide))
    if sp is None:
        return []
    out = []
    for paragraph in sp.iterfind("p:txBody/a:p", NS):
        for run in paragraph.iterfind("a:r", NS):
            text = run.findtext("a:t", default="", namespaces=NS)
            if text.strip():
                out.append((text, resolve(package, slide, paragraph, run)))
    return out


def masters_signature(package: Package, master: str) -> tuple[str, ...]:
    """The names of the shapes a master draws: what tells two masters with the same layout
    names apart."""
    return tuple(e.get("name") or "" for e in package.xml(master).iterfind(
        "p:cSld/p:spTree/*/*/p:cNvPr", NS))


def _box(element: Any) -> tuple[int, int, int, int] | None:
    off = element.find("a:xfrm/a:off", NS)
    ext = element.find("a:xfrm/a:ext", NS)
    if off is None or ext is None:
        return None
    return int(off.get("x")), int(off.get("y")), int(ext.get("cx")), int(ext.get("cy"))


def _blip_picture(package: Package, part: str, fill: Any) -> Any:
    from PIL import Image

    blip = fill.find("a:blip", NS)
    rid = blip.get(f"{{{NS['r']}}}embed")
    folder, name = posixpath.split(part)
    rels = etree.fromstring(package.files[f"{folder}/_rels/{name}.rels"])
    target = next(r.get("Target") for r in rels.iter(f"{PR}Relationship") if r.get("Id") == rid)
    data = package.files[posixpath.normpath(posixpath.join(folder, target))]
    return Image.open(io.BytesIO(data)).convert("RGBA")


@dataclass(frozen=True)
class Layer:
    """Something a layout or master draws, as a point sampler: its box (EMU, None for the
    whole slide), a plain colour or a picture stretched over the box."""

    box: tuple[int, int, int, int] | None
    colour: str = ""
    picture: Any = None

    def at(self, x: int, y: int, width: int, height: int) -> str | None:
        """RRGGBB at a point of the slide; None where the layer lets what is beneath show."""
        bx, by, bw, bh = self.box or (0, 0, width, height)
        if not (bx <= x < bx + bw and by <= y < by + bh):
            return None
        if self.picture is None:
            return self.colour
        px = min(self.picture.width - 1, (x - bx) * self.picture.width // bw)
        py = min(self.picture.height - 1, (y - by) * self.picture.height // bh)
        r, g, b, a = self.picture.getpixel((px, py))
        return None if a < 128 else f"{r:02X}{g:02X}{b:02X}"


def layers(package: Package, layout: str) -> list[Layer] | None:
    """What a layout shows beneath placeholders, topmost first: its own shapes and pictures,
    its master's (unless the layout hides them), then the background. None when some of it
    is beyond this reader (gradients, patterns, groups)."""
    if layout not in package.layers:
        package.layers[layout] = _layers(package, layout)
    return package.layers[layout]


def _layers(package: Package, layout: str) -> list[Layer] | None:
    master = package.master_of(layout)
    mapping = _colour_map(package, master, [layout])
    parts = [layout] if package.xml(layout).get("showMasterSp") == "0" else [layout, master]
    out: list[Layer] = []
    for part in parts:
        for element in reversed(list(package.xml(part).find("p:cSld/p:spTree", NS))):
            kind = etree.QName(element).localname
            if element.find("*/p:nvPr/p:ph", NS) is not None or kind not in ("sp", "pic",
                                                                             "grpSp", "cxnSp"):
                continue
            if kind == "cxnSp":
                continue  # a line: too thin to lie behind text
            if kind == "grpSp":
                return None
            sp_pr = element.find("p:spPr", NS)
            box = _box(sp_pr)
            if box is None:
                continue
            if kind == "pic":
                out.append(Layer(box, picture=_blip_picture(package, part,
                                                            element.find("p:blipFill", NS))))
            elif sp_pr.find("a:solidFill", NS) is not None:
                out.append(Layer(box, colour_of(package, sp_pr.find("a:solidFill", NS), master,
                                                mapping).split()[0]))
            elif sp_pr.find("a:noFill", NS) is None:
                return None
    ground = _background(package, [layout, master], master, mapping)
    return None if ground is None else [*out, ground]


def _background(package: Package, parts: list[str], master: str,
                mapping: dict[str, str]) -> Layer | None:
    for part in parts:
        bg = package.xml(part).find("p:cSld/p:bg", NS)
        if bg is None:
            continue
        fill = bg.find("p:bgPr/a:solidFill", NS)
        if fill is not None:
            return Layer(None, colour_of(package, fill, master, mapping).split()[0])
        blip = bg.find("p:bgPr/a:blipFill", NS)
        if blip is not None:
            return Layer(None, picture=_blip_picture(package, part, blip))
        ref = bg.find("p:bgRef", NS)
        styles = package.xml(package.theme_of(master)).find(
            "a:themeElements/a:fmtScheme/a:bgFillStyleLst", NS)
        if ref is not None and styles is not None and int(ref.get("idx", "0")) > 1000:
            style = list(styles)[int(ref.get("idx")) - 1001]
            if etree.QName(style).localname == "solidFill":
                return Layer(None, colour_of(package, ref, master, mapping).split()[0])
        return None
    return Layer(None, "FFFFFF")


def colours_behind(package: Package, layout: str, box: tuple[int, int, int, int],
                   steps: int = 9) -> list[str] | None:
    """The colours a layout shows at a grid of points inside a box (EMU)."""
    stack = layers(package, layout)
    if stack is None:
        return None
    size = package.xml("ppt/presentation.xml").find("p:sldSz", NS)
    width, height = int(size.get("cx")), int(size.get("cy"))
    out = []
    x0, y0, w, h = box
    for i in range(steps):
        for j in range(steps):
            x, y = x0 + w * (2 * i + 1) // (2 * steps), y0 + h * (2 * j + 1) // (2 * steps)
            out.append(_colour_at(stack, x, y, width, height))
    return out


def _colour_at(stack: list[Layer], x: int, y: int, width: int, height: int) -> str:
    for layer in stack:
        colour = layer.at(x, y, width, height)
        if colour is not None:
            return colour
    return "FFFFFF"  # a transparent picture over nothing: the slide's white


@functools.cache
def luminance(rgb: str) -> float:
    """WCAG relative luminance of RRGGBB."""
    def channel(value: int) -> float:
        c = value / 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4
    r, g, b = (int(rgb[i:i + 2], 16) for i in (0, 2, 4))
    return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b)


def contrast(one: str, other: str) -> float:
    a, b = sorted((luminance(one), luminance(other)), reverse=True)
    return (a + 0.05) / (b + 0.05)


MASTER_KIND = {"ctrTitle": "title", "subTitle": "body", "obj": "body", "body": "body"}


def placeholder_boxes(package: Package, layout: str) -> dict[str, tuple[int, int, int, int]]:
    """The boxes (EMU) of a layout's placeholders by type ('obj' for those without one), a
    placeholder without a position of its own placed where its master's of that kind is."""
    master = package.master_of(layout)
    on_master = {}
    for sp, ph in placeholders(package.xml(master)):
        box = _box(sp.find("p:spPr", NS))
        if box is not None:
            on_master.setdefault(ph.get("type") or "obj", box)
    out = {}
    for sp, ph in placeholders(package.xml(layout)):
        kind = ph.get("type") or "obj"
        box = _box(sp.find("p:spPr", NS)) or on_master.get(kind) or on_master.get(
            MASTER_KIND.get(kind, kind))
        if box is not None:
            out.setdefault(kind, box)
    return out


def master_placeholder_boxes(package: Package, layout: str) -> dict[str, tuple[int, int, int, int]]:
    """The boxes of the placeholders on a layout's master, by type."""
    out = {}
    for sp, ph in placeholders(package.xml(package.master_of(layout))):
        box = _box(sp.find("p:spPr", NS))
        if box is not None:
            out.setdefault(ph.get("type") or "obj", box)
    return out


def pictures(package: Package, layout: str) -> list[tuple[str, tuple[int, int, int, int]]]:
    """The pictures and filled shapes a layout shows that are not placeholders (its own and,
    unless it hides them, its master's): name and box, backdrops of half the slide left out."""
    size = package.xml("ppt/presentation.xml").find("p:sldSz", NS)
    area = int(size.get("cx")) * int(size.get("cy"))
    parts = [layout] if package.xml(layout).get("showMasterSp") == "0" else \
        [layout, package.master_of(layout)]
    out = []
    for part in parts:
        for element in package.xml(part).find("p:cSld/p:spTree", NS):
            kind = etree.QName(element).localname
            if kind not in ("pic", "sp") or element.find("*/p:nvPr/p:ph", NS) is not None:
                continue
            box = _box(element.find("p:spPr", NS))
            if box is None or box[2] * box[3] >= area // 2 or box[2] * box[3] == 0:
                continue
            if kind == "sp" and element.find("p:spPr/a:noFill", NS) is not None:
                continue
            name = element.find("*/p:cNvPr", NS).get("name") or kind
            out.append((name, box))
    return out


def slide_size(package: Package) -> tuple[int, int]:
    size = package.xml("ppt/presentation.xml").find("p:sldSz", NS)
    return int(size.get("cx")), int(size.get("cy"))
