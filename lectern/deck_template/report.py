"""What `lectern template` and `check` say about a template: layouts by role, fonts,
contrast, and warnings."""

from __future__ import annotations

from .. import model as m
from ..diagnostics import Collector, Diagnostic
from .styles import MIN_CONTRAST
from .types import IN, DeckTemplate, Font, Layout, LevelStyle, Plate


def font_warnings(template: DeckTemplate, pos: m.SourcePos) -> list[Diagnostic]:
    """A warning for each theme font of the template that lectern cannot measure, naming
    the face it sets instead."""
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


def colour_warnings(template: DeckTemplate, pos: m.SourcePos) -> list[Diagnostic]:
    """A warning for each layout on which no colour of the template reaches the minimum
    contrast for text, accents or the slide number, even on a plate."""
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


# The placeholders lectern fills, as `lectern template` and `check` name them.
STYLE_NAMES = {"title": "title", "subtitle": "subtitle", "body": "body text"}


def style_colour_lines(template: DeckTemplate) -> list[tuple[str, Layout]]:
    """For each layout lectern uses, a sentence for each placeholder whose own text colour
    does not read on it (lectern writes its readable text colour there instead)."""
    out: list[tuple[str, Layout]] = []
    seen: set[tuple[str, str]] = set()
    for role, lay in template.roles:
        for key, name in STYLE_NAMES.items():
            style = lay.style(key)
            if style is None or (lay.part, key) in seen:
                continue
            seen.add((lay.part, key))
            own, chosen = style.first.colour, lay.colours.text
            if own.contrast < MIN_CONTRAST:
                out.append((f"the {name} colour {own.scheme} of the layout '{lay.name}' "
                            f"({role} slides) reads at {own.contrast:.1f}:1 on it; lectern "
                            f"writes {chosen.scheme} ({chosen.contrast:.1f}:1) there", lay))
    return out


def style_warnings(template: DeckTemplate, pos: m.SourcePos) -> list[Diagnostic]:
    """A warning for each placeholder colour of a template of yours that lectern replaces."""
    diag = Collector()
    if not template.own:
        for sentence, _ in style_colour_lines(template):
            diag.warning(pos, sentence, "give the placeholder a colour that reads at 4.5:1")
    return diag.items


def report(template: DeckTemplate) -> list[str]:
    """Lines describing how lectern uses a template: layouts by kind, size, fonts, contrast."""
    masters = len({lay.master for lay in template.layouts})
    lines = [f"template {template.path.name}: {template.width / IN:.3f} × "
             f"{template.height / IN:.3f} in, {masters} master{'s' * (masters != 1)}, "
             f"{len(template.layouts)} layouts"]
    if template.master is not None:
        chosen = template.master
        lines.append(f"built on master {chosen.index + 1} '{chosen.name}': {chosen.reason}")
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
            where = {"master": " (in the master's placeholder)",
                     "corner": " (in a corner: the template has no number placeholder)"}
            line += (f"; slide number{where.get(lay.number_from, '')} "
                     f"{lay.number_colour.scheme} {lay.number_colour.contrast:.1f}:1")
            if lay.number_plate is not None:
                line += f" on {_plate_words(lay.number_plate)}"
        lines.append(line)
    lines.extend(layout_lines(template))
    lines.extend(style_lines(template))
    if any(lay.plate or lay.number_plate for _, lay in template.roles):
        lines.append("plates: where nothing of the template's reads behind the text, lectern "
                     "draws a rectangle of a theme colour under it (see docs/deck.md)")
    return lines


def _plate_words(plate: Plate) -> str:
    return f"a plate of {plate.scheme} ({plate.opacity:.0%} opaque)"


def style_lines(template: DeckTemplate) -> list[str]:
    """The style of each used layout's title, body and subtitle placeholders, and the
    placeholder colours lectern replaces."""
    lines = []
    layouts: dict[str, tuple[Layout, list[str]]] = {}
    for role, lay in template.roles:
        layouts.setdefault(lay.part, (lay, []))[1].append(role)
    for lay, roles in layouts.values():
        for key, name in STYLE_NAMES.items():
            style = lay.style(key)
            if style is not None:
                lines.append(f"style of '{lay.name}' ({', '.join(roles)}) {name}: "
                             f"{_style_words(style.first)}")
    lines.extend(sentence for sentence, _ in style_colour_lines(template))
    return lines


def _style_words(level: LevelStyle) -> str:
    """A placeholder's style in a few words: face, size, weight, alignment, colour."""
    align = {"l": "left", "ctr": "centred", "r": "right", "just": "justified"}.get(
        level.align, level.align)
    weight = ", bold" if level.bold else ""
    caps = ", capitals" if level.caps != "none" else ""
    return (f"{level.font.theme or level.font.typeface} {level.size:g} pt{weight}{caps}, "
            f"{align}, {level.colour.scheme} {level.colour.contrast:.1f}:1")


def layout_lines(template: DeckTemplate) -> list[str]:
    """Every layout under its master, with its type and the kinds of slide it serves."""
    serves: dict[str, list[str]] = {}
    for role, lay in template.roles:
        serves.setdefault(lay.part, []).append(role)
    lines = []
    master = -1
    for number, lay in enumerate(template.layouts, start=1):
        if lay.master != master:
            master = lay.master
            name = f" '{lay.master_name}'" if lay.master_name else ""
            lines.append(f"master {master + 1}{name}:")
        roles = serves.get(lay.part)
        lines.append(f"  layout {number} '{lay.name}' ({lay.layout_type})"
                     + (": " + ", ".join(roles) if roles else ""))
    return lines
