"""What each layout of a template offers: its placeholders' boxes, the template's own
pictures and shapes, the background under the text and the colours that read on it."""

from __future__ import annotations

import functools
from collections.abc import Iterable
from dataclasses import dataclass
from itertools import accumulate
from typing import Any

from ..box import Box
from ..limits import MAX_TEMPLATE_SHAPES, MAX_TEMPLATE_SHAPES_SHOWN
from . import colours as c
from . import package as pk
from .clean import Clean
from .styles import (
    MIN_CONTRAST,
    A,
    choose_colours,
    master_type,
    own_text_colour,
    plate_for,
    text_style,
    theme_fonts,
)
from .types import IN, Layout, TextStyle

P = pk.P_NS
# Shapes covering this share of the slide are backdrops: text may lie on them.
BACKDROP = 0.5
# Shapes thinner than this (EMU at lectern's own slide size) are rules and hairlines.
THIN = 0.08 * IN
# The least share of the body area clear of the template's shapes that lectern's drawings use.
ROOM = 0.3


@dataclass(frozen=True)
class Shape:
    """One shape of a layout or master: where it is, its XML and its placeholder type."""

    box: Box
    element: Any
    placeholder: str  # type ("" for none)
    idx: str


def emu(value: str | None) -> int:
    """An EMU length from an XML attribute; 0 when it is missing or not a number."""
    try:
        return int(value or 0)
    except ValueError:
        return 0


class MasterReader:
    """Reads the layouts of one master: placeholders, decorations, background, fonts."""

    def __init__(self, clean: Clean, master: str, width: int, height: int) -> None:
        self.clean, self.master, self.width, self.height = clean, master, width, height
        self.tree = clean.trees[master]
        theme_name = clean.themes.get(master)
        self.theme = clean.trees.get(theme_name) if theme_name else None
        colour_map = _colour_map(self.tree.find(f"{{{P}}}clrMap"))
        self.palette = c.Palette(c.read_scheme(self.theme), colour_map)
        self.master_shapes = list(_shapes(self.tree, master))
        self.heading_font, self.body_font = theme_fonts(self.theme)
        self.name = master_name(self.tree, self.theme)

    def layout(self, partname: str, master_index: int) -> Layout:
        tree = self.clean.trees[partname]
        c_sld = tree.find(f"{{{P}}}cSld")
        name = (c_sld.get("name") if c_sld is not None else None) or partname.rsplit("/", 1)[-1]
        palette = self.palette
        override = tree.find(f"{{{P}}}clrMapOvr/{A}overrideClrMapping")
        if override is not None:
            palette = palette.with_map(_colour_map(override))
        own = list(_shapes(tree, partname))
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
        # A layout made for a picture (`picTx`) keeps lectern's drawings, a figure, where
        # its designer put the picture.
        drawing = inside(box_of("pic")) or body
        decorations = [s for s in own if not s.placeholder]
        if tree.get("showMasterSp", "1") not in ("0", "false"):
            decorations = [s for s in self.master_shapes if not s.placeholder] + decorations
        self._count_shown(partname, len(decorations))
        slide = Box(0, 0, self.width, self.height)
        backdrops = [s for s in decorations if s.box.clip(slide).area >= BACKDROP * slide.area]
        obstacles = tuple(s.box.clip(slide) for s in decorations
                          if s not in backdrops and s.box.clip(slide).area > 0)
        number, number_from = self._number(holders, master_holders, inner, obstacles,
                                           (title, subtitle, body))
        own_colour = own_text_colour(tree, self.tree, holders)
        images = functools.partial(self._image, partname)
        # Text goes where the layout's placeholders are, over whatever the designer drew
        # beneath them (clear only of the number placeholder, where the designer let the two
        # meet); only lectern's own drawings on a layout without a body placeholder look for
        # room clear of the template's pictures and shapes.
        keep_clear = (number,) if number is not None and number_from != "corner" else ()
        title, subtitle, body, drawing = (largest_free(b, keep_clear) if b is not None
                                          else None for b in (title, subtitle, body, drawing))
        blocked = obstacles + ((number,) if number else ())
        frame = master_holders.get("body")
        area = _title_only_area(title, frame.box, inner, blocked) \
            if drawing is None and frame is not None else None
        free = drawing or (largest_free(area, blocked) if area is not None else
                           _free_area(title, inner, blocked))
        stack = _stack(title, subtitle or body, inner, obstacles)
        stack = largest_free(stack, keep_clear) if stack is not None else free
        areas = [b for b in (title, free, stack) if b is not None]
        tone = self._tone(tree, palette, images, decorations, areas)
        # Each placeholder's own colour is rated on what lies under that placeholder: white
        # text on a band and dark text below it both read, though no one colour reads on both.
        rooms = {key: box for key, box in (("title", title), ("subtitle", subtitle),
                                           ("body", body)) if box is not None}
        own_tones = {key: self._tone(tree, palette, images, decorations, [box])
                     for key, box in rooms.items()}
        own_styles = dict(self._styles(holders, master_holders, palette, own_tones, tone))
        reads = {key for key in rooms
                 if key in own_styles and own_styles[key].first.colour.contrast >= MIN_CONTRAST}
        # lectern's own colours are chosen for the rest: the placeholders whose own colour
        # does not read, and the area where lectern draws its own text and shapes.
        rest = [box for key, box in rooms.items() if key not in reads]
        rest += [free] if free is not None else []
        chosen_on = self._tone(tree, palette, images, decorations, rest) if rest else tone
        colours = choose_colours(palette, chosen_on, own_colour)
        # Where no theme colour reads on what lies under the placeholders, the text goes on
        # plates (inside the placeholders) that hide what lies beneath.
        plate = None
        if colours.text.contrast < MIN_CONTRAST:
            plate, colours = plate_for(palette, own_colour)
        # Each placeholder reads on its own ground, but not all of them on the grounds
        # together: title and section text stays in its own placeholder.
        zoned = plate is None and \
            choose_colours(palette, tone, own_colour).text.contrast < MIN_CONTRAST
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
            number_colour = choose_colours(palette, number_tone, own_colour).muted
            if number_colour.contrast < MIN_CONTRAST:
                number_plate, plated = plate, colours
                if number_plate is None:
                    number_plate, plated = plate_for(palette, colours.text.scheme)
                number_colour = plated.muted
        kinds = tuple(sorted({s.placeholder for s in own if s.placeholder}))
        # A placeholder whose own colour reads keeps it, and no plate; the rest are rated on
        # the plate, where there is one.
        under = plate.tone if plate is not None else chosen_on
        styles = self._styles(holders, master_holders, palette,
                              {key: own_tones[key] if key in reads or plate is None else under
                               for key in rooms}, under)
        return Layout(name, partname, master_index, title, body, subtitle, number, free, stack,
                      obstacles, self.heading_font, self.body_font, colours, number_colour,
                      tone.rgb, kinds, plate=plate, number_plate=number_plate,
                      number_from=number_from, layout_type=tree.get("type", "cust"),
                      master_name=self.name, styles=styles, zoned=zoned,
                      readable=tuple(rooms[key] for key in sorted(reads)))

    def _tone(self, tree: Any, palette: c.Palette, images: Any, decorations: list[Shape],
              areas: list[Box]) -> c.Tone:
        """What the layout shows under some areas: its background, and the template's
        shapes and pictures over it there."""
        slide = Box(0, 0, self.width, self.height)
        under = functools.reduce(Box.union, areas) if areas else slide
        tone = self._background(tree, palette, images,
                                (under.x / self.width, under.y / self.height,
                                 under.right / self.width, under.bottom / self.height))
        thin = THIN * min(self.width / 12192000, self.height / 6858000)
        for shape in decorations:
            if not any(shape.box.overlaps(a) for a in areas) or min(shape.box.w,
                                                                    shape.box.h) < thin:
                continue  # a rule or hairline under text does not stop it reading
            shape_tone = _shape_tone(shape, palette, self.theme,
                                     functools.partial(self._image, self._owner(shape)), areas)
            if shape_tone is None:
                continue
            # A filled shape under all the text hides what is drawn before it.
            covers = shape.box.contains(under) and shape_tone is not c.UNKNOWN
            tone = shape_tone if covers else tone.merge(shape_tone)
        return tone

    def _number(self, holders: dict[str, Shape], master_holders: dict[str, Shape], inner: Box,
                obstacles: tuple[Box, ...], texts: tuple[Box | None, ...]
                ) -> tuple[Box | None, str]:
        """Where the slide number goes and whose it is: the layout's number placeholder, else
        the master's, else a small box in a corner of the slide clear of the template's
        pictures and shapes (and of the text placeholders, where a corner is)."""
        layout, master = holders.get("sldNum"), master_holders.get("sldNum")
        master_box = master.box if master is not None and master.box.area > 0 else None
        if layout is not None and (layout.box.area > 0 or master_box is not None):
            return (layout.box if layout.box.area > 0 else master_box), "layout"
        if master_box is not None:
            return master_box, "master"
        return corner_number(inner, obstacles, tuple(t for t in texts if t is not None)), \
            "corner"

    def _styles(self, holders: dict[str, Shape], master_holders: dict[str, Shape],
                palette: c.Palette, tones: dict[str, c.Tone], tone: c.Tone
                ) -> tuple[tuple[str, TextStyle], ...]:
        """The effective text style of the layout's title, body and subtitle placeholders
        (those it has) and of lectern's own text boxes, colours rated against each one's
        entry of `tones`, else against `tone`."""
        presentation = self.clean.trees.get(self.clean.main)
        out: list[tuple[str, TextStyle]] = []
        for key, kinds in (("title", ("ctrTitle", "title")), ("body", ("body", "obj")),
                           ("subtitle", ("subTitle",))):
            kind = next((k for k in kinds if k in holders), None)
            if kind is None:
                continue
            chain = [holders[kind].element]
            master_holder = master_holders.get(master_type(kind))
            if master_holder is not None:
                chain.append(master_holder.element)
            out.append((key, text_style(tuple(chain), self.tree, presentation, self.theme,
                                        palette, kind, tones.get(key, tone))))
        out.append(("other", text_style((), self.tree, presentation, self.theme, palette, "",
                                        tone)))
        return tuple(out)

    def _count_shown(self, partname: str, count: int) -> None:
        self.clean.shapes_shown += count
        if self.clean.shapes_shown > MAX_TEMPLATE_SHAPES_SHOWN:
            raise pk.TemplateError(f"its layouts show more than {MAX_TEMPLATE_SHAPES_SHOWN:,} "
                                   f"shapes together, each counting its master's (reading "
                                   f"{partname.lstrip('/')})",
                                   "group the small shapes of its masters and layouts")

    def _owner(self, shape: Shape) -> str:
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


def master_name(master: Any, theme: Any) -> str:
    """A master's name: its own (`p:cSld name`), else its theme's."""
    c_sld = master.find(f"{{{P}}}cSld")
    own = (c_sld.get("name") or "").strip() if c_sld is not None else ""
    return own or ((theme.get("name") or "").strip() if theme is not None else "")


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
    fill = c.style_fill(theme, emu(ref.get("idx")), background=True)
    if fill is None:
        return c.Tone(c.luminance(colour), c.luminance(colour), colour) if colour else None
    return c.fill_tone(fill, palette, lambda rid: None, placeholder=colour or "")


def _shape_tone(shape: Shape, palette: c.Palette, theme: Any, images: Any,
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
    if ref is not None and emu(ref.get("idx")) > 0:
        colour = next((c.colour_of(x, palette) for x in ref if isinstance(x.tag, str)), None)
        fill = c.style_fill(theme, emu(ref.get("idx")), background=False)
        if fill is not None:
            return c.fill_tone(fill, palette, images, placeholder=colour or "")
    if element.tag == f"{{{P}}}grpSp":
        return c.UNKNOWN
    return None


def _colour_map(element: Any) -> dict[str, str]:
    if element is None:
        return dict(c.DEFAULT_MAP)
    return {**c.DEFAULT_MAP, **{k: v for k, v in element.attrib.items() if "}" not in k}}


def _shapes(tree: Any, partname: str) -> Iterable[Shape]:
    """The top-level shapes of a master or layout with their boxes (groups as one); more
    than MAX_TEMPLATE_SHAPES of them is an error."""
    sp_tree = tree.find(f"{{{P}}}cSld/{{{P}}}spTree")
    if sp_tree is None:
        return
    kinds = ("sp", "pic", "grpSp", "graphicFrame", "cxnSp")
    count = sum(1 for e in sp_tree if isinstance(e.tag, str) and e.tag.rsplit("}", 1)[-1] in kinds)
    if count > MAX_TEMPLATE_SHAPES:
        raise pk.TemplateError(f"its part {partname.lstrip('/')} has {count} shapes; the limit "
                               f"is {MAX_TEMPLATE_SHAPES} on one master or layout",
                               "group the small shapes of that master or layout in PowerPoint")
    for element in sp_tree:
        if not isinstance(element.tag, str):
            continue
        local = element.tag.rsplit("}", 1)[-1]
        if local not in kinds:
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
                box = Box(emu(off.get("x")), emu(off.get("y")), emu(ext.get("cx")),
                          emu(ext.get("cy")))
        if not kind and not _visible(element, local):
            continue
        yield Shape(box, element, kind, ph.get("idx", "") if ph is not None else "")


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


# The slide number lectern adds where a template has no number placeholder: this wide and
# tall at lectern's own slide size (13.33 × 7.5 in), scaled with the slide.
CORNER_NUMBER = (int(0.8 * IN), int(0.4 * IN))


def corner_number(inner: Box, obstacles: tuple[Box, ...], texts: tuple[Box, ...]) -> Box:
    """A small box for the slide number in a corner of the slide's margins: bottom right,
    bottom left, top right or top left, the first clear of the template's pictures and shapes
    and of the text placeholders; else the first clear of the pictures; else bottom right."""
    scale = min(inner.w / (12192000 - 2 * 0.25 * IN), inner.h / (6858000 - 2 * 0.25 * IN))
    w, h = round(CORNER_NUMBER[0] * scale), round(CORNER_NUMBER[1] * scale)
    corners = [Box(inner.right - w, inner.bottom - h, w, h), Box(inner.x, inner.bottom - h, w, h),
               Box(inner.right - w, inner.y, w, h), Box(inner.x, inner.y, w, h)]
    for blocks in (obstacles + texts, obstacles):
        clear = [b for b in corners if not any(b.overlaps(o) for o in blocks)]
        if clear:
            return clear[0]
    return corners[0]


def _stack(title: Box | None, lower: Box | None, inner: Box,
           obstacles: tuple[Box, ...]) -> Box | None:
    """Where a title or section slide stacks its text: the box around its title and
    subtitle (or body) placeholders, within the slide's margins, clear of the template's
    pictures that lie between the placeholders and under neither (those under a placeholder
    stay under the text)."""
    if title is None:
        return None
    below = lower or Box(title.x, title.bottom, title.w, inner.bottom - title.bottom)
    region = title.union(below).clip(inner)
    between = [o for o in obstacles if not o.overlaps(title) and not o.overlaps(below)]
    region = largest_free(region, between)
    return region if region.area > 0 else None


def _title_only_area(title: Box | None, frame: Box, inner: Box,
                     blocks: tuple[Box, ...]) -> Box | None:
    """Where a layout with a title only draws: below the title within its master's body area
    (the margins its designer set), unless the template's shapes leave much less room there
    than within the slide's margins (None: the slide's margins then)."""
    area = frame.clip(inner)
    if title is None or area is None or area.bottom <= title.bottom:
        return None
    top = max(area.y, title.bottom)
    below = Box(area.x, top, area.w, area.bottom - top)
    wide = _free_area(title, inner, blocks)
    return below if largest_free(below, blocks).area >= 0.6 * wide.area else None


def _free_area(title: Box | None, inner: Box, blocks: tuple[Box, ...]) -> Box:
    """Room for lectern's own drawings on a layout with neither a body placeholder nor a
    master's body area to draw in: below the title, clear of the template's pictures and
    shapes where that leaves at least ROOM of it; else all of it, over the shapes (a template
    drawn all over)."""
    top = title.bottom if title is not None else inner.y
    area = Box(inner.x, top, inner.w, inner.bottom - top)
    clear = largest_free(area, blocks)
    return clear if clear.area >= ROOM * area.area else area


def largest_free(area: Box, obstacles: Iterable[Box]) -> Box:
    """The largest rectangle inside `area` that meets none of the obstacles (of several as
    large, the one with the highest top, then the highest bottom, then the leftmost).

    The obstacles' edges cut the area into a grid of at most (2n + 1)² cells for n
    obstacles; a largest empty rectangle has every side on an edge, so it is a block of free
    cells. One pass down the rows keeps, for each column, the height of free cells ending in
    this row and the widest span of columns that height reaches (the dynamic programme for
    the maximal rectangle in a grid): O(n²) time and O(n) memory besides the grid, with one
    Python loop per row and the columns handled in comprehensions. The number of obstacles
    is bounded by MAX_TEMPLATE_SHAPES.
    """
    blocks = [b for b in (o.clip(area) for o in obstacles if o.overlaps(area)) if b.area > 0]
    if not blocks:
        return area
    xs = sorted({area.x, area.right, *(b.x for b in blocks), *(b.right for b in blocks)})
    ys = sorted({area.y, area.bottom, *(b.y for b in blocks), *(b.bottom for b in blocks)})
    grid = _blocked(blocks, xs, ys)
    columns = len(xs) - 1
    heights, left, right = [0] * columns, [0] * columns, [columns] * columns
    best, key = Box(area.x, area.y, 0, 0), (0, 0, 0, 0)
    for row, line in enumerate(grid):
        bottom = ys[row + 1]
        heights = [0 if shut else h + bottom - ys[row]
                   for h, shut in zip(heights, line, strict=True)]
        left, right = _spans(line, left, right)
        areas = [(xs[hi] - xs[lo]) * h for lo, hi, h in zip(left, right, heights, strict=True)]
        if max(areas) < key[0]:
            continue
        for j, size in enumerate(areas):
            candidate = (size, heights[j] - bottom, -bottom, -xs[left[j]])
            if size > 0 and candidate > key:
                key = candidate
                best = Box(xs[left[j]], bottom - heights[j], xs[right[j]] - xs[left[j]],
                           heights[j])
    return best


def _spans(line: bytearray, left: list[int], right: list[int]) -> tuple[list[int], list[int]]:
    """For each free cell of a row, the columns [left, right) over which the free column
    ending here keeps its height: the run of free cells in this row around it, narrowed by
    the spans of the rows above (blocked cells reset theirs)."""
    columns = len(line)
    starts = accumulate([j + 1 if shut else 0 for j, shut in enumerate(line)], max)
    left = [0 if shut else max(lo, s) for lo, s, shut in zip(left, starts, line, strict=True)]
    backwards = zip(range(columns - 1, -1, -1), reversed(line), strict=True)
    ends = list(accumulate([j if shut else columns for j, shut in backwards], min))[::-1]
    right = [columns if shut else min(hi, e) for hi, e, shut in zip(right, ends, line,
                                                                    strict=True)]
    return left, right


def _blocked(blocks: list[Box], xs: list[int], ys: list[int]) -> list[bytearray]:
    """For each row of the grid the edges make, which of its cells an obstacle covers."""
    column = {x: k for k, x in enumerate(xs)}
    row = {y: k for k, y in enumerate(ys)}
    grid = [bytearray(len(xs) - 1) for _ in range(len(ys) - 1)]
    for b in blocks:
        first, last = column[b.x], column[b.right]
        cover = b"\x01" * (last - first)
        for line in grid[row[b.y]:row[b.bottom]]:
            line[first:last] = cover
    return grid
