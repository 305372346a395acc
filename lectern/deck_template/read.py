"""Read a deck template once per build: its clean package and its description."""

from __future__ import annotations

import functools
import os
import tomllib
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .. import model as m
from ..box import Box
from ..diagnostics import Collector, Diagnostic
from . import package as pk
from .clean import Clean, Cleaner
from .drawing import read_art
from .layouts import MasterReader, emu
from .masters import Entry, MappingError, MasterLayouts, choose, explicit_master, resolve
from .rehearse import rehearse
from .report import colour_warnings, font_warnings, style_warnings
from .roles import assign
from .types import IN, MANIFEST, SLIDES, TEMPLATE, DeckTemplate, Ladders

P = pk.P_NS


def load(lecture: m.Lecture) -> tuple[DeckTemplate | None, list[Diagnostic]]:
    """The lecture's deck template (lectern's own when it names none) and its diagnostics."""
    deck = lecture.deck
    path = deck.template or TEMPLATE
    try:
        stat = os.stat(path)
    except OSError as exc:
        diag = Collector()
        diag.error(deck.pos, f"cannot read the deck template {path.name}: {exc.strerror}")
        return None, diag.items
    template, problems = _load(path, stat.st_size, stat.st_mtime_ns, deck.layouts,
                               (deck.master, deck.master_pos), deck.pos)
    return template, list(problems)


def load_own() -> DeckTemplate:
    """lectern's own template (it is part of lectern: a failure here is a bug)."""
    return read_template(TEMPLATE)


@functools.lru_cache(maxsize=8)
def _load(path: Path, size: int, mtime: int, mapping: tuple[m.LayoutChoice, ...],
          master: tuple[str, m.SourcePos], pos: m.SourcePos
          ) -> tuple[DeckTemplate | None, tuple[Diagnostic, ...]]:
    diag = Collector()
    entries = [Entry(c.role, c.layout, c.master) for c in mapping]
    try:
        template = read_template(path, entries, master[0])
    except pk.TemplateError as exc:
        diag.error(pos, f"the deck template {path.name} cannot be used: {exc.message}",
                   exc.hint)
        return None, tuple(diag.items)
    except MappingError as exc:
        where = master[1] if exc.role == "master" else \
            next((c.pos for c in mapping if c.role == exc.role), pos)
        diag.error(where if where != m.NOWHERE else pos, exc.message, exc.hint)
        return None, tuple(diag.items)
    # A template's own slides are always left out (docs/deck.md says so): no warning.
    unsafe = [d for d in template.dropped if d != SLIDES]
    if unsafe:
        diag.warning(pos, f"the deck template {path.name} brought " + ", ".join(unsafe)
                     + "; lectern left them out of the deck")
    diag.extend(font_warnings(template, pos))
    diag.extend(colour_warnings(template, pos))
    diag.extend(style_warnings(template, pos))
    missing = sorted({what for art in template.art.values() for what in art.missing})
    if missing:
        diag.warning(pos, f"the slides PDF and the handout leave out what lectern does not "
                     f"draw of the deck template {path.name}: " + ", ".join(missing)
                     + " (the deck keeps them)")
    return template, tuple(diag.items)


def read_template(path: Path, mapping: Sequence[Entry] = (), master: str = "") -> DeckTemplate:
    """Read a template; raise TemplateError for one lectern cannot use, MappingError for a
    mapping or master it does not have."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise pk.TemplateError(f"it cannot be read ({exc.strerror})") from None
    entries = pk.read_archive(data)
    package = pk.Package(data, entries)
    clean = Cleaner(package).run()
    own = path.resolve() == TEMPLATE.resolve()
    if not own:  # lectern's own template is part of lectern, rehearsed by its tests
        rehearse(clean.parts)
    samples = sample_layouts(package, clean.main)
    manifest = read_manifest()
    return _describe(path, clean, manifest, Choice(tuple(mapping), master, samples), own)


def sample_layouts(package: pk.Package, main: str) -> tuple[str, ...]:
    """The layouts the template's own slides use, in the order of the slides (read before
    the slides are left out). A slide whose relationships cannot be read counts for nothing."""
    slides = {r.rid: r.target for r in package.rels(main)
              if not r.external and r.reltype.endswith("/slide")}
    if not slides:
        return ()
    used = []
    for entry in package.xml(main).iter(f"{{{P}}}sldId"):
        target = slides.get(entry.get(f"{{{pk.R_NS}}}id", ""))
        if target is None:
            continue
        try:
            layouts = [r.target for r in package.rels(target)
                       if not r.external and r.reltype == pk.RT_LAYOUT]
        except pk.TemplateError:
            continue
        used.extend(layouts[:1])
    return tuple(used)


@functools.cache
def read_manifest() -> dict[str, Any]:
    """The default layout's deck manifest (geometry and size ladders)."""
    with MANIFEST.open("rb") as handle:
        return tomllib.load(handle)


def region_box(insets: Sequence[float], width: int, height: int) -> Box:
    """A box from [left, top, right, bottom] insets in inches."""
    left, top, right, bottom = (round(v * IN) for v in insets)
    return Box(left, top, width - left - right, height - top - bottom)


@dataclass(frozen=True)
class Choice:
    """What decides the master and the layouts: the mapping, `deck: master:`, and the layouts
    the template's own slides use."""

    mapping: tuple[Entry, ...] = ()
    master: str = ""
    samples: tuple[str, ...] = ()


def _describe(path: Path, clean: Clean, manifest: dict[str, Any], choice: Choice,
              own: bool) -> DeckTemplate:
    size = clean.trees[clean.main].find(f"{{{P}}}sldSz")
    width, height = emu(size.get("cx")), emu(size.get("cy"))
    if not (IN <= width <= 56 * IN and IN <= height <= 56 * IN):
        raise pk.TemplateError(f"its slide size ({width / IN:.2f} × {height / IN:.2f} in) is "
                               "not one PowerPoint allows (1 to 56 in)")
    base_w, base_h = manifest["slide"]["width"], manifest["slide"]["height"]
    scale = min(width / base_w, height / base_h)
    masters = []
    for index, (master, names) in enumerate(clean.masters):
        reader = MasterReader(clean, master, width, height)
        own_layouts = tuple(reader.layout(name, index) for name in names)
        masters.append(MasterLayouts(index, reader.name, own_layouts,
                                     _pictures(clean, (master, *names))))
    layouts = [lay for ml in masters for lay in ml.layouts]
    if not any(lay.title is not None for lay in layouts):
        raise pk.TemplateError("none of its layouts has a title placeholder",
                               "add a title placeholder to its layouts in the slide master")
    explicit = explicit_master(masters, choice.master) if choice.master else None
    mapped = resolve(masters, choice.mapping, explicit)
    by_part = {lay.part: lay.master for lay in layouts}
    samples = tuple(by_part[p] for p in choice.samples if p in by_part)
    chosen = choose(masters, explicit, mapped, samples)
    roles = assign(masters[chosen.index].layouts, mapped)
    regions = {}
    if own:
        regions = {k: region_box(v, width, height) for k, v in manifest["regions"].items()}
    sizes = {k: tuple(_scaled(float(s), scale) for s in v) for k, v in manifest["sizes"].items()}
    art = read_art(clean, (lay.part for lay in roles.values()))
    pictures = {name: clean.images[name] for piece in art.values()
                for name in piece.pictures if name in clean.images}
    return DeckTemplate(path, clean.package, width, height, tuple(roles.items()),
                        Ladders(sizes), regions, scale, tuple(sorted(clean.dropped)),
                        tuple(dict.fromkeys(lay.name for lay in layouts)), tuple(layouts),
                        chosen, art=art, pictures=pictures)


def _pictures(clean: Clean, parts: Sequence[str]) -> int:
    """How many pictures a master and its layouts show (their related images)."""
    return len({t for p in parts for t in clean.rels.get(p, {}).values() if t in clean.images})


def _scaled(size: float, scale: float) -> float:
    """A type size scaled with the slide, to the half point."""
    return size if scale == 1 else max(8.0, round(size * scale * 2) / 2)
