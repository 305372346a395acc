"""Shape outlines as DrawingML defines them: preset shapes, custom geometry with its guide
formulas, and the transforms of shapes and groups (all in EMU, y downwards; pure)."""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

A = "{http://schemas.openxmlformats.org/drawingml/2006/main}"
# Angles in DrawingML are 60,000ths of a degree; adjust values and percentages 100,000ths.
DEGREE = 60000
WHOLE = 100000
KAPPA = 0.5522847498  # a quarter circle's Bézier handles, per unit of radius

Segment = tuple[str, tuple[float, ...]]  # ("M", (x, y)), ("L", ...), ("C", 6 values), ("Z", ())
Matrix = tuple[float, float, float, float, float, float]  # a b c d e f, as PDF's cm
IDENTITY: Matrix = (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)


@dataclass(frozen=True)
class Path:
    """One path of an outline, in the shape's own coordinates (0..w, 0..h EMU)."""

    segments: tuple[Segment, ...]
    filled: bool = True
    stroked: bool = True


def multiply(outer: Matrix, inner: Matrix) -> Matrix:
    """The matrix applying `inner` first, then `outer`."""
    a, b, c, d, e, f = inner
    p, q, r, s, t, u = outer
    return (a * p + b * r, a * q + b * s, c * p + d * r, c * q + d * s,
            e * p + f * r + t, e * q + f * s + u)


def placed(x: float, y: float, w: float, h: float, rotation: float = 0.0,
           flip_h: bool = False, flip_v: bool = False) -> Matrix:
    """From a shape's own box (0..w, 0..h) to its parent's coordinates: flipped and rotated
    (clockwise, in degrees) about its centre, moved to (x, y)."""
    cx, cy = w / 2, h / 2
    cos, sin = math.cos(math.radians(rotation)), math.sin(math.radians(rotation))
    sx, sy = (-1.0 if flip_h else 1.0), (-1.0 if flip_v else 1.0)
    centre: Matrix = (1.0, 0.0, 0.0, 1.0, -cx, -cy)
    turn: Matrix = (cos * sx, sin * sx, -sin * sy, cos * sy, 0.0, 0.0)
    back: Matrix = (1.0, 0.0, 0.0, 1.0, x + cx, y + cy)
    return multiply(back, multiply(turn, centre))


def transform_of(xfrm: Any) -> tuple[Matrix, float, float]:
    """A shape's matrix (from its own box to its parent) and its size, from <a:xfrm>."""
    if xfrm is None:
        return IDENTITY, 0.0, 0.0
    off, ext = xfrm.find(f"{A}off"), xfrm.find(f"{A}ext")
    x, y = (_num(off.get("x")), _num(off.get("y"))) if off is not None else (0.0, 0.0)
    w, h = (_num(ext.get("cx")), _num(ext.get("cy"))) if ext is not None else (0.0, 0.0)
    matrix = placed(x, y, w, h, _num(xfrm.get("rot")) / DEGREE,
                    xfrm.get("flipH") in ("1", "true"), xfrm.get("flipV") in ("1", "true"))
    return matrix, w, h


def group_transform(xfrm: Any) -> Matrix:
    """A group's matrix from its children's coordinates (chOff, chExt) to its parent's."""
    matrix, w, h = transform_of(xfrm)
    if xfrm is None:
        return matrix
    ch_off, ch_ext = xfrm.find(f"{A}chOff"), xfrm.find(f"{A}chExt")
    ox = _num(ch_off.get("x")) if ch_off is not None else 0.0
    oy = _num(ch_off.get("y")) if ch_off is not None else 0.0
    cw = _num(ch_ext.get("cx")) if ch_ext is not None else w
    chh = _num(ch_ext.get("cy")) if ch_ext is not None else h
    sx = w / cw if cw else 1.0
    sy = h / chh if chh else 1.0
    return multiply(matrix, (sx, 0.0, 0.0, sy, -ox * sx, -oy * sy))


def _num(value: str | None) -> float:
    try:
        return float(value or 0)
    except ValueError:
        return 0.0


# --- guides ------------------------------------------------------------------------------


def _builtins(w: float, h: float) -> dict[str, float]:
    ss, ls = min(w, h), max(w, h)
    out = {"w": w, "h": h, "l": 0.0, "t": 0.0, "r": w, "b": h, "hc": w / 2, "vc": h / 2,
           "ss": ss, "ls": ls, "cd2": 180.0 * DEGREE, "cd4": 90.0 * DEGREE,
           "cd8": 45.0 * DEGREE, "3cd4": 270.0 * DEGREE, "3cd8": 135.0 * DEGREE,
           "5cd8": 225.0 * DEGREE, "7cd8": 315.0 * DEGREE}
    for n in (2, 3, 4, 5, 6, 8, 10, 12, 16, 32):
        out[f"wd{n}"], out[f"hd{n}"], out[f"ssd{n}"] = w / n, h / n, ss / n
    out["wd3"], out["hd3"] = w / 3, h / 3
    return out


def _trig(angle: float) -> float:
    return math.radians(angle / DEGREE)


FORMULAS: dict[str, Callable[[float, float, float], float]] = {
    "*/": lambda x, y, z: x * y / z if z else 0.0,
    "+-": lambda x, y, z: x + y - z,
    "+/": lambda x, y, z: (x + y) / z if z else 0.0,
    "?:": lambda x, y, z: y if x > 0 else z,
    "abs": lambda x, y, z: abs(x),
    "at2": lambda x, y, z: math.degrees(math.atan2(y, x)) * DEGREE,
    "cat2": lambda x, y, z: x * math.cos(math.atan2(z, y)),
    "cos": lambda x, y, z: x * math.cos(_trig(y)),
    "max": lambda x, y, z: max(x, y),
    "min": lambda x, y, z: min(x, y),
    "mod": lambda x, y, z: math.sqrt(x * x + y * y + z * z),
    "pin": lambda x, y, z: x if y < x else z if y > z else y,
    "sat2": lambda x, y, z: x * math.sin(math.atan2(z, y)),
    "sin": lambda x, y, z: x * math.sin(_trig(y)),
    "sqrt": lambda x, y, z: math.sqrt(max(0.0, x)),
    "tan": lambda x, y, z: x * math.tan(_trig(y)),
    "val": lambda x, y, z: x,
}


class Guides:
    """The named values of a geometry: built-ins, adjust values, then its guide list."""

    def __init__(self, w: float, h: float, adjust: Mapping[str, float] | None = None) -> None:
        self.values = _builtins(w, h)
        self.values.update(adjust or {})

    def read(self, holder: Any) -> Guides:
        """Add the <a:gd> formulas of an avLst or gdLst, in order."""
        if holder is None:
            return self
        for gd in holder.findall(f"{A}gd"):
            parts = (gd.get("fmla") or "").split()
            name = gd.get("name") or ""
            if parts and parts[0] in FORMULAS and name:
                args = [self.get(p) for p in parts[1:4]] + [0.0] * (4 - len(parts))
                try:
                    self.values[name] = FORMULAS[parts[0]](*args[:3])
                except (ValueError, OverflowError):
                    self.values[name] = 0.0
        return self

    def get(self, token: str | None) -> float:
        if token is None:
            return 0.0
        if token in self.values:
            return self.values[token]
        return _num(token)


# --- outlines ----------------------------------------------------------------------------


class _Pen:
    """Collects one path's segments; arcs become Bézier curves."""

    def __init__(self) -> None:
        self.segments: list[Segment] = []
        self.x = self.y = 0.0

    def move(self, x: float, y: float) -> None:
        self.segments.append(("M", (x, y)))
        self.x, self.y = x, y

    def line(self, x: float, y: float) -> None:
        self.segments.append(("L", (x, y)))
        self.x, self.y = x, y

    def curve(self, *points: float) -> None:
        self.segments.append(("C", tuple(points)))
        self.x, self.y = points[-2], points[-1]

    def close(self) -> None:
        self.segments.append(("Z", ()))

    def arc(self, wr: float, hr: float, start: float, sweep: float) -> None:
        """An elliptic arc from the pen, as arcTo draws it (angles in degrees, clockwise)."""
        if not (0 < wr < math.inf and 0 < hr < math.inf and math.isfinite(start)
                and math.isfinite(sweep)) or sweep == 0:
            return
        # More than a whole turn draws nothing more (and a template's guide could ask for
        # millions of turns).
        sweep = max(-360.0, min(360.0, sweep))
        t0 = _parametric(start, wr, hr)
        if abs(sweep) >= 360 - 1e-9:
            delta = math.copysign(2 * math.pi, sweep)
        else:
            # The parametric sweep goes the sweep's way, less than a whole turn.
            delta = (_parametric(start + sweep, wr, hr) - t0) % (2 * math.pi)
            if sweep < 0 and delta:
                delta -= 2 * math.pi
        cx, cy = self.x - wr * math.cos(t0), self.y - hr * math.sin(t0)
        pieces = max(1, math.ceil(abs(delta) / (math.pi / 2) - 1e-9))
        step = delta / pieces
        handle = 4 / 3 * math.tan(step / 4)
        for k in range(pieces):
            a, b = t0 + k * step, t0 + (k + 1) * step
            x1 = cx + wr * (math.cos(a) - handle * math.sin(a))
            y1 = cy + hr * (math.sin(a) + handle * math.cos(a))
            x2 = cx + wr * (math.cos(b) + handle * math.sin(b))
            y2 = cy + hr * (math.sin(b) - handle * math.cos(b))
            self.curve(x1, y1, x2, y2, cx + wr * math.cos(b), cy + hr * math.sin(b))


def _parametric(angle: float, wr: float, hr: float) -> float:
    """The ellipse's parameter at a visual angle (DrawingML's arc angles are visual)."""
    rad = math.radians(angle)
    return math.atan2(wr * math.sin(rad), hr * math.cos(rad))


def custom(geometry: Any, w: float, h: float) -> tuple[Path, ...]:
    """The paths of an <a:custGeom>, scaled to the shape's box."""
    guides = Guides(w, h).read(geometry.find(f"{A}avLst")).read(geometry.find(f"{A}gdLst"))
    paths = []
    holder = geometry.find(f"{A}pathLst")
    for path in holder.findall(f"{A}path") if holder is not None else ():
        pw, ph = _num(path.get("w")) or w, _num(path.get("h")) or h
        fx, fy = (w / pw if pw else 1.0), (h / ph if ph else 1.0)
        pen = _Pen()
        for step in path:
            if not isinstance(step.tag, str):
                continue
            name = step.tag.replace(A, "")
            pts = [(guides.get(p.get("x")) * fx, guides.get(p.get("y")) * fy)
                   for p in step.findall(f"{A}pt")]
            if name == "moveTo" and pts:
                pen.move(*pts[0])
            elif name == "lnTo" and pts:
                pen.line(*pts[0])
            elif name == "cubicBezTo" and len(pts) == 3:
                pen.curve(*pts[0], *pts[1], *pts[2])
            elif name == "quadBezTo" and len(pts) == 2:
                (qx, qy), (ex, ey) = pts
                pen.curve(pen.x + 2 / 3 * (qx - pen.x), pen.y + 2 / 3 * (qy - pen.y),
                          ex + 2 / 3 * (qx - ex), ey + 2 / 3 * (qy - ey), ex, ey)
            elif name == "arcTo":
                pen.arc(guides.get(step.get("wR")) * fx, guides.get(step.get("hR")) * fy,
                        guides.get(step.get("stAng")) / DEGREE,
                        guides.get(step.get("swAng")) / DEGREE)
            elif name == "close":
                pen.close()
        if pen.segments:
            paths.append(Path(tuple(pen.segments), path.get("fill") != "none",
                              path.get("stroke") not in ("0", "false")))
    return tuple(paths)


def _polygon(*points: tuple[float, float]) -> tuple[Path, ...]:
    pen = _Pen()
    pen.move(*points[0])
    for p in points[1:]:
        pen.line(*p)
    pen.close()
    return (Path(tuple(pen.segments)),)


def _open(*points: tuple[float, float]) -> tuple[Path, ...]:
    pen = _Pen()
    pen.move(*points[0])
    for p in points[1:]:
        pen.line(*p)
    return (Path(tuple(pen.segments), filled=False),)


def _ellipse(w: float, h: float) -> tuple[Path, ...]:
    rx, ry = w / 2, h / 2
    kx, ky = rx * KAPPA, ry * KAPPA
    pen = _Pen()
    pen.move(w, ry)
    pen.curve(w, ry + ky, rx + kx, h, rx, h)
    pen.curve(rx - kx, h, 0, ry + ky, 0, ry)
    pen.curve(0, ry - ky, rx - kx, 0, rx, 0)
    pen.curve(rx + kx, 0, w, ry - ky, w, ry)
    pen.close()
    return (Path(tuple(pen.segments)),)


def _round_rect(w: float, h: float, radius: float) -> tuple[Path, ...]:
    r = max(0.0, min(radius, w / 2, h / 2))
    pen = _Pen()
    pen.move(0, r)
    pen.arc(r, r, 180, 90)
    pen.line(w - r, 0)
    pen.arc(r, r, 270, 90)
    pen.line(w, h - r)
    pen.arc(r, r, 0, 90)
    pen.line(r, h)
    pen.arc(r, r, 90, 90)
    pen.close()
    return (Path(tuple(pen.segments)),)


def _frame(w: float, h: float, inset: float) -> tuple[Path, ...]:
    outer = _polygon((0, 0), (w, 0), (w, h), (0, h))[0].segments
    inner = _polygon((inset, inset), (inset, h - inset), (w - inset, h - inset),
                     (w - inset, inset))[0].segments
    return (Path(outer + inner),)


def _document(w: float, h: float, adjust: Mapping[str, float]) -> tuple[Path, ...]:
    """A page with a wavy lower edge (the flowchart's document)."""
    pen = _Pen()
    pen.move(0, 0)
    pen.line(w, 0)
    pen.line(w, h * 17322 / 21600)
    pen.curve(w / 2, h * 17322 / 21600, w / 2, h * 23922 / 21600, 0, h * 20172 / 21600)
    pen.close()
    return (Path(tuple(pen.segments)),)


def _adjusted(w: float, h: float, adjust: Mapping[str, float], name: str,
              default: float, of: str = "ss") -> float:
    """An adjust value as a length: its share (100,000ths) of the shape's short side (or
    width or height)."""
    base = {"ss": min(w, h), "w": w, "h": h}[of]
    return base * adjust.get(name, default) / WHOLE


PresetDrawing = Callable[[float, float, Mapping[str, float]], tuple[Path, ...]]


def _preset_table() -> dict[str, PresetDrawing]:
    def adj(w: float, h: float, a: Mapping[str, float], default: float,
            of: str = "ss") -> float:
        return _adjusted(w, h, a, "adj", default, of)

    rect: PresetDrawing = lambda w, h, a: _polygon((0, 0), (w, 0), (w, h), (0, h))  # noqa: E731
    line: PresetDrawing = lambda w, h, a: _open((0, 0), (w, h))  # noqa: E731
    table: dict[str, PresetDrawing] = {
        "rect": rect, "flowChartProcess": rect, "flowChartAlternateProcess":
            lambda w, h, a: _round_rect(w, h, min(w, h) / 6),
        "roundRect": lambda w, h, a: _round_rect(w, h, adj(w, h, a, 16667)),
        "ellipse": lambda w, h, a: _ellipse(w, h),
        "flowChartConnector": lambda w, h, a: _ellipse(w, h),
        "triangle": lambda w, h, a: _polygon((adj(w, h, a, 50000, "w"), 0), (w, h), (0, h)),
        "rtTriangle": lambda w, h, a: _polygon((0, 0), (w, h), (0, h)),
        "diamond": lambda w, h, a: _polygon((w / 2, 0), (w, h / 2), (w / 2, h), (0, h / 2)),
        "flowChartDecision":
            lambda w, h, a: _polygon((w / 2, 0), (w, h / 2), (w / 2, h), (0, h / 2)),
        "parallelogram": lambda w, h, a: _polygon(
            (adj(w, h, a, 25000), 0), (w, 0), (w - adj(w, h, a, 25000), h), (0, h)),
        "trapezoid": lambda w, h, a: _polygon(
            (0, h), (adj(w, h, a, 25000), 0), (w - adj(w, h, a, 25000), 0), (w, h)),
        "pentagon": lambda w, h, a: _polygon(
            (w / 2, 0), (w, 0.382 * h), (0.809 * w, h), (0.191 * w, h), (0, 0.382 * h)),
        "hexagon": lambda w, h, a: _polygon(
            (0, h / 2), (adj(w, h, a, 25000), 0), (w - adj(w, h, a, 25000), 0), (w, h / 2),
            (w - adj(w, h, a, 25000), h), (adj(w, h, a, 25000), h)),
        "octagon": lambda w, h, a: _polygon(
            (0, adj(w, h, a, 29289)), (adj(w, h, a, 29289), 0), (w - adj(w, h, a, 29289), 0),
            (w, adj(w, h, a, 29289)), (w, h - adj(w, h, a, 29289)),
            (w - adj(w, h, a, 29289), h), (adj(w, h, a, 29289), h), (0, h - adj(w, h, a, 29289))),
        "homePlate": lambda w, h, a: _polygon(
            (0, 0), (w - adj(w, h, a, 50000), 0), (w, h / 2), (w - adj(w, h, a, 50000), h),
            (0, h)),
        "chevron": lambda w, h, a: _polygon(
            (0, 0), (w - adj(w, h, a, 50000), 0), (w, h / 2), (w - adj(w, h, a, 50000), h),
            (0, h), (adj(w, h, a, 50000), h / 2)),
        "frame": lambda w, h, a: _frame(w, h, _adjusted(w, h, a, "adj1", 12500)),
        "flowChartDocument": _document,
        "line": line, "straightConnector1": line,
        "bentConnector2": lambda w, h, a: _open((0, 0), (w, 0), (w, h)),
        "bentConnector3": lambda w, h, a: _open(
            (0, 0), (adj(w, h, a, 50000, "w"), 0), (adj(w, h, a, 50000, "w"), h), (w, h)),
    }
    return table


PRESETS = _preset_table()


def preset(geometry: Any, w: float, h: float) -> tuple[Path, ...] | None:
    """The paths of an <a:prstGeom> (None for a preset lectern does not draw)."""
    name = geometry.get("prst") or "rect"
    drawing = PRESETS.get(name)
    if drawing is None:
        return None
    guides = Guides(w, h).read(geometry.find(f"{A}avLst"))
    adjust = {k: v for k, v in guides.values.items() if k.startswith("adj")}
    return drawing(w, h, adjust)
