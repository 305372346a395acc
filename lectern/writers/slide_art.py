"""The template's art in the slides PDF and the handout: each layout's background, pictures
and shapes drawn once as a form, which every page on the layout draws under its text (as an
Artifact: the text stays the tagged, readable content)."""

from __future__ import annotations

import io
import itertools
import math
import warnings
import zlib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

import pikepdf
from PIL import Image

from ..deck_template import drawing as d
from ..deck_template import geometry as g
from ..fit import EMU_PER_PT
from ..limits import MAX_IMAGE_PIXELS


def _n(value: float) -> str:
    """A number for a content stream: short, and the same for the same value."""
    if not math.isfinite(value):  # a template's guide formula can overflow
        return "0"
    text = f"{value:.3f}".rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def _pt(matrix: g.Matrix) -> g.Matrix:
    """A matrix from EMU to EMU as one from points to points."""
    a, b, c, d_, e, f = matrix
    return (a, b, c, d_, e / EMU_PER_PT, f / EMU_PER_PT)


def _cm(matrix: g.Matrix) -> str:
    return " ".join(_n(v) for v in matrix) + " cm"


def _path(paths: Sequence[g.Path]) -> str:
    ops = []
    for path in paths:
        for op, values in path.segments:
            numbers = " ".join(_n(v / EMU_PER_PT) for v in values)
            ops.append({"M": f"{numbers} m", "L": f"{numbers} l", "C": f"{numbers} c",
                        "Z": "h"}[op])
    return " ".join(ops)


def _rgb(rgb: str) -> tuple[float, float, float]:
    red, green, blue = (int(rgb[i:i + 2], 16) / 255 for i in (0, 2, 4))
    return red, green, blue


def colour_op(rgb: str, operator: str) -> str:
    """A colour operator (`rg` or `RG`) for RRGGBB."""
    return " ".join(_n(v) for v in _rgb(rgb)) + f" {operator}"


@dataclass
class Resources:
    """What a content stream names (a form's, or every page's), by kind."""

    entries: dict[str, dict[str, pikepdf.Object]] = field(default_factory=dict)

    def add(self, kind: str, prefix: str, value: pikepdf.Object) -> str:
        """The name `value` goes by (the one it already has when listed)."""
        table = self.entries.setdefault(kind, {})
        for key, known in table.items():
            if known.is_indirect and value.is_indirect and known.objgen == value.objgen:
                return key
        key = f"/{prefix}{len(table) + 1}"
        table[key] = value
        return key

    def dictionary(self) -> pikepdf.Dictionary:
        """The resource dictionary."""
        return pikepdf.Dictionary({f"/{kind}": pikepdf.Dictionary(table)
                                   for kind, table in self.entries.items()})


class Painter:
    """Makes the forms of one PDF, sharing pictures between them."""

    def __init__(self, document: pikepdf.Pdf, pictures: Mapping[str, bytes]) -> None:
        self.document = document
        self.pictures = pictures
        self.images: dict[str, tuple[pikepdf.Object, int, int, float] | None] = {}
        self.states: dict[float, pikepdf.Object] = {}

    def form(self, art: d.Art, width: float, height: float) -> pikepdf.Object:
        """One layout's art as a form XObject of the page's size."""
        resources = Resources()
        ops = [f"1 0 0 -1 0 {_n(height)} cm"]
        slide = g.PRESETS["rect"](width * EMU_PER_PT, height * EMU_PER_PT, {})
        if art.background is not None:
            ops.append(self.fill(art.background, slide, width, height, g.IDENTITY,
                                  resources))
        for figure in art.figures:
            ops.append(self._figure(figure, resources))
        content = "\n".join(op for op in ops if op).encode("ascii")
        form = pikepdf.Stream(self.document, content)
        form.Type = pikepdf.Name.XObject
        form.Subtype = pikepdf.Name.Form
        form.BBox = pikepdf.Array([0, 0, width, height])
        form.Resources = resources.dictionary()
        return self.document.make_indirect(form)

    def _figure(self, figure: d.Figure, resources: Resources) -> str:
        matrix = _pt(figure.matrix)
        w, h = figure.w / EMU_PER_PT, figure.h / EMU_PER_PT
        ops = ["q", _cm(matrix)]
        filled = [p for p in figure.paths if p.filled]
        if figure.fill is not None and filled:
            ops.append(self.fill(figure.fill, filled, w, h, matrix, resources))
        stroked = [p for p in figure.paths if p.stroked]
        if figure.stroke is not None and stroked and figure.stroke.width >= 0:
            stroke = figure.stroke
            ops.append(self.alpha(stroke.alpha, resources))
            width = max(stroke.width, 0) / EMU_PER_PT
            dash = " ".join(_n(v * max(width, 0.5)) for v in stroke.dash)
            ops.append(f"{_n(width)} w {stroke.cap} J {stroke.join} j [{dash}] 0 d "
                       f"{colour_op(stroke.rgb, 'RG')} {_path(stroked)} S")
        ops.append("Q")
        return " ".join(op for op in ops if op)

    def alpha(self, alpha: float, resources: Resources) -> str:
        if alpha >= 0.999:
            return ""
        alpha = round(alpha, 3)
        if alpha not in self.states:
            self.states[alpha] = self.document.make_indirect(pikepdf.Dictionary(
                Type=pikepdf.Name.ExtGState, ca=alpha, CA=alpha))
        state = self.states[alpha]
        return f"{resources.add('ExtGState', 'G', state)} gs"

    def fill(self, paint: d.Paint, paths: Sequence[g.Path], w: float, h: float,
              matrix: g.Matrix, resources: Resources) -> str:
        """Paint the paths (in the box's own coordinates, w × h points)."""
        outline = _path(paths)
        if paint.kind == "solid":
            stop = paint.stops[0]
            return (f"q {self.alpha(stop.alpha * paint.alpha, resources)} "
                    f"{colour_op(stop.rgb, 'rg')} {outline} f Q")
        if paint.kind in ("linear", "radial"):
            shading = self._shading(paint, w, h)
            name = resources.add("Shading", "Sh", shading)
            alpha = self.alpha(max(s.alpha for s in paint.stops), resources)
            if paint.kind == "linear":
                return f"q {alpha} {outline} W n {name} sh Q"
            # A circle scaled to the box, about the gradient's centre: a unit circle in a
            # space stretched to the box's half diagonal on each axis.
            cx, cy = paint.centre[0] * w, paint.centre[1] * h
            scale = f"{_n(w / math.sqrt(2))} 0 0 {_n(h / math.sqrt(2))} {_n(cx)} {_n(cy)} cm"
            return f"q {alpha} {outline} W n {scale} {name} sh Q"
        return self._picture(paint, outline, w, h, matrix, resources)

    # --- gradients ----------------------------------------------------------------------

    def _shading(self, paint: d.Paint, w: float, h: float) -> pikepdf.Object:
        stops = list(paint.stops)
        if stops[0].position > 0:
            stops.insert(0, d.Stop(0.0, stops[0].rgb, stops[0].alpha))
        if stops[-1].position < 1:
            stops.append(d.Stop(1.0, stops[-1].rgb, stops[-1].alpha))
        if paint.kind == "linear":
            angle = math.radians(paint.angle)
            dx, dy = math.cos(angle), math.sin(angle)
            half = (abs(w * dx) + abs(h * dy)) / 2
            coords = [w / 2 - half * dx, h / 2 - half * dy, w / 2 + half * dx,
                      h / 2 + half * dy]
            kind = 2
        else:
            coords = [0, 0, 0, 0, 0, 1]
            kind = 3
        return self.document.make_indirect(pikepdf.Dictionary(
            ShadingType=kind, ColorSpace=pikepdf.Name.DeviceRGB,
            Coords=pikepdf.Array([round(v, 3) for v in coords]),
            Function=_function(stops), Extend=pikepdf.Array([True, True])))

    # --- pictures -----------------------------------------------------------------------

    def _picture(self, paint: d.Paint, outline: str, w: float, h: float, matrix: g.Matrix,
                 resources: Resources) -> str:
        found = self._image(paint.picture)
        if found is None:
            return ""
        image, width, height, dpi = found
        alpha = self.alpha(paint.alpha, resources)
        if paint.tile is not None:
            sx, sy, tx, ty = paint.tile
            tile_w, tile_h = width / dpi * 72 * sx, height / dpi * 72 * sy
            if tile_w >= 1 and tile_h >= 1:
                pattern = self._tile(image, tile_w, tile_h, matrix,
                                     tx / EMU_PER_PT, ty / EMU_PER_PT)
                name = resources.add("Pattern", "P", pattern)
                return f"q {alpha} /Pattern cs {name} scn {outline} f Q"
        left, top, right, bottom = paint.inset
        box_x, box_y = left * w, top * h
        box_w, box_h = w * (1 - left - right), h * (1 - top - bottom)
        cl, ct, cr, cb = paint.crop
        if box_w <= 0 or box_h <= 0 or cl + cr >= 1 or ct + cb >= 1:
            return ""
        image_w, image_h = box_w / (1 - cl - cr), box_h / (1 - ct - cb)
        x, y = box_x - cl * image_w, box_y - ct * image_h
        name = resources.add("XObject", "Im", image)
        return (f"q {alpha} {outline} W n {_n(image_w)} 0 0 {_n(-image_h)} {_n(x)} "
                f"{_n(y + image_h)} cm {name} Do Q")

    def _tile(self, image: pikepdf.Object, w: float, h: float, matrix: g.Matrix,
              tx: float, ty: float) -> pikepdf.Object:
        """A tiling pattern of the picture at w × h points, in the figure's coordinates."""
        # A pattern's matrix maps its space to the form's own (y upwards), not to the CTM.
        flip: g.Matrix = (1.0, 0.0, 0.0, -1.0, 0.0, 0.0)
        space = g.multiply(flip, g.multiply(matrix, (1.0, 0.0, 0.0, 1.0, tx, ty)))
        content = f"q {_n(w)} 0 0 {_n(-h)} 0 {_n(h)} cm /Im Do Q".encode("ascii")
        pattern = pikepdf.Stream(self.document, content)
        pattern.Type = pikepdf.Name.Pattern
        pattern.PatternType = 1
        pattern.PaintType = 1
        pattern.TilingType = 1
        pattern.BBox = pikepdf.Array([0, 0, round(w, 3), round(h, 3)])
        pattern.XStep = round(w, 3)
        pattern.YStep = round(h, 3)
        pattern.Matrix = pikepdf.Array([round(v, 4) for v in space])
        pattern.Resources = pikepdf.Dictionary(XObject=pikepdf.Dictionary(Im=image))
        return self.document.make_indirect(pattern)

    def _image(self, part: str) -> tuple[pikepdf.Object, int, int, float] | None:
        """A picture as an image XObject with its size in pixels and its resolution."""
        if part not in self.images:
            blob = self.pictures.get(part)
            self.images[part] = image_object(self.document, blob) if blob else None
        return self.images[part]


def _function(stops: Sequence[d.Stop]) -> pikepdf.Dictionary:
    """A PDF function from 0..1 to the gradient's colours (linear between its stops)."""
    pieces = [pikepdf.Dictionary(FunctionType=2, Domain=pikepdf.Array([0, 1]),
                                 C0=pikepdf.Array([round(v, 4) for v in _rgb(a.rgb)]),
                                 C1=pikepdf.Array([round(v, 4) for v in _rgb(b.rgb)]), N=1)
              for a, b in itertools.pairwise(stops)]
    if len(pieces) == 1:
        return pieces[0]
    return pikepdf.Dictionary(
        FunctionType=3, Domain=pikepdf.Array([0, 1]), Functions=pikepdf.Array(pieces),
        Bounds=pikepdf.Array([round(s.position, 5) for s in stops[1:-1]]),
        Encode=pikepdf.Array([0, 1] * len(pieces)))


def image_object(document: pikepdf.Pdf, blob: bytes
                  ) -> tuple[pikepdf.Object, int, int, float] | None:
    """An image XObject with the picture's size in pixels and its resolution: a JPEG as it
    is, other pictures decoded (their alpha as a soft mask); None for one not drawn."""
    try:
        with warnings.catch_warnings():
            # A picture too large for PIL is one too large to draw: no warning printed.
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            picture = Image.open(io.BytesIO(blob))
        with picture:
            width, height = picture.size
            if width * height > MAX_IMAGE_PIXELS or not width or not height:
                return None
            dpi = float(picture.info.get("dpi", (96, 96))[0] or 96)
            if picture.format == "JPEG" and picture.mode in ("RGB", "L"):
                image = _jpeg(document, picture, blob)
            else:
                picture.load()
                image = _decoded(document, picture.convert("RGBA"))
    except (OSError, ValueError, SyntaxError, Image.DecompressionBombError,
            Image.DecompressionBombWarning):
        return None
    return document.make_indirect(image), width, height, dpi


def _jpeg(document: pikepdf.Pdf, picture: Image.Image, blob: bytes) -> pikepdf.Stream:
    """A JPEG as it is; a progressive one written as a plain one (a viewer decodes each of
    its scans again every time a page shows it)."""
    if picture.info.get("progressive") or picture.info.get("progression"):
        out = io.BytesIO()
        picture.save(out, "JPEG", quality=92)
        blob = out.getvalue()
    stream = pikepdf.Stream(document, blob)
    stream.Filter = pikepdf.Name.DCTDecode
    space = pikepdf.Name.DeviceRGB if picture.mode == "RGB" else pikepdf.Name.DeviceGray
    return _finish(stream, picture.width, picture.height, space)


def _decoded(document: pikepdf.Pdf, rgba: Image.Image) -> pikepdf.Stream:
    stream = pikepdf.Stream(document, zlib.compress(rgba.convert("RGB").tobytes(), 6))
    stream.Filter = pikepdf.Name.FlateDecode
    image = _finish(stream, rgba.width, rgba.height, pikepdf.Name.DeviceRGB)
    alpha = rgba.getchannel("A")
    if alpha.getextrema() != (255, 255):
        mask = pikepdf.Stream(document, zlib.compress(alpha.tobytes(), 6))
        mask.Filter = pikepdf.Name.FlateDecode
        image.SMask = document.make_indirect(
            _finish(mask, rgba.width, rgba.height, pikepdf.Name.DeviceGray))
    return image


def _finish(stream: pikepdf.Stream, width: int, height: int,
            space: pikepdf.Name) -> pikepdf.Stream:
    stream.Type = pikepdf.Name.XObject
    stream.Subtype = pikepdf.Name.Image
    stream.Width = width
    stream.Height = height
    stream.ColorSpace = space
    stream.BitsPerComponent = 8
    return stream
