"""The default lecture as a deck on every template of the corpus (built here and LibreOffice's
own): titles show the template's style, read from the template's XML by this test's own
resolver; no text continues over three slides; section slides sit on the template's section
layout. The rendered checks (every glyph in its box, readable) are test_template_render's."""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

from lectern import model as m
from lectern.deck_template import load
from lectern.system import soffice
from lectern.writers.deck import render_deck
from lectern.writers.deck_plan import DeckPlan, plan_deck
from tests import ooxml_style as o
from tests import templates as t

DECK = m.SourcePos("lecture.yaml", 30, 1)
CONTINUED = re.compile(r"\((\d+)\s*/\s*(\d+)\)")
# Contrast at or above which a template's title colour reads clearly and must be kept. Below
# it the colour is not compared: lectern may replace a colour that fails 4.5:1, and near that
# line this test's sampling and lectern's measure may disagree.
KEEP = 5.0
LISTS = ("timeline", "glossary", "sources")


def _libreoffice_names() -> list[str]:
    program = soffice()
    folder = t.libreoffice_folder(program) if program else None
    return [] if folder is None else [f"lo-{p.stem}.pptx" for p in sorted(folder.glob("*.otp"))]


NAMES = [*t.CORPUS, *_libreoffice_names()]


@dataclass(frozen=True)
class Built:
    template: o.Package
    deck: o.Package
    plan: DeckPlan
    lecture: m.Lecture  # the default lecture on the template


@pytest.fixture(scope="module")
def build(tmp_path_factory: pytest.TempPathFactory, default_lecture: m.Lecture,
          libreoffice_templates: dict[str, Path]) -> Callable[[str], Built]:
    """Build the default lecture on a corpus template once, on first use."""
    folder = tmp_path_factory.mktemp("corpus")
    done: dict[str, Built] = {}

    def get(name: str) -> Built:
        if name not in done:
            if name in t.CORPUS:
                path = folder / name
                path.write_bytes(t.CORPUS[name].build())
            else:
                path = libreoffice_templates[name]
            on = dataclasses.replace(default_lecture, deck=m.DeckSettings(path, DECK))
            template, problems = load(on)
            assert template is not None, [d.format() for d in problems]
            plan = plan_deck(on, template)
            (data,) = render_deck(plan, on).values()
            done[name] = Built(o.Package(path.read_bytes()), o.Package(data), plan, on)
        return done[name]
    return get


def _template_layout(built: Built, deck_layout: str) -> str:
    """The template's layout a deck layout came from: same name, under a master that draws
    the same shapes (two masters may share every layout name)."""
    deck, template = built.deck, built.template
    name = o.layout_name(deck, deck_layout)
    signature = o.masters_signature(deck, deck.master_of(deck_layout))
    found = [(master, layout) for master in template.masters()
             for layout in template.layouts(master) if o.layout_name(template, layout) == name]
    assert found, f"the deck's layout {name!r} is not in the template"
    same = [layout for master, layout in found
            if o.masters_signature(template, master) == signature]
    return (same or [found[0][1]])[0]


def _title_box(built: Built, slide: str) -> tuple[int, int, int, int] | None:
    """The deck's title box on a slide, along slide → layout → master (EMU)."""
    deck = built.deck
    layout = deck.layout_of(slide)
    for part in (slide, layout, deck.master_of(layout)):
        sp = o.title_shape(deck.xml(part))
        element = None if sp is None else sp.find("p:spPr/a:xfrm", o.NS)
        if element is not None:
            off, ext = element.find("a:off", o.NS), element.find("a:ext", o.NS)
            return (int(off.get("x")), int(off.get("y")), int(ext.get("cx")),
                    int(ext.get("cy")))
    return None


def _colour_is_the_designers(built: Built, layout: str, slide: str, colour: str) -> bool:
    """Whether the template's title colour reads clearly on what its layout shows behind the
    deck's title: then the deck must keep it."""
    box = _title_box(built, slide)
    behind = None if box is None else o.colours_behind(built.template, layout, box)
    if behind is None or not colour:
        return False
    rgb = colour.split()[0]
    if not re.fullmatch(r"[0-9A-F]{6}", rgb):
        return False
    worst = sorted(o.contrast(rgb, c) for c in behind)[len(behind) // 10]
    return worst >= KEEP


# The faces docs/deck.md lists as measured by a metric twin lectern ships. A template face
# outside the list is set in Calibri, with a warning, so that no text overflows on a guessed
# width: only these faces must come through as the template names them.
MEASURABLE_FACES = {"calibri", "calibri light", "carlito", "cambria", "caladea", "arial",
                    "helvetica", "liberation sans", "arimo", "times new roman", "times",
                    "liberation serif", "tinos", "courier new", "courier", "liberation mono",
                    "cousine"}


def _differences(built: Built) -> tuple[int, list[tuple[int, str, str, str | None, str | None]]]:
    """How many slides show a title placeholder, and where a title differs from the template."""
    out = []
    checked = 0
    for number, slide in enumerate(built.deck.slides(), start=1):
        shown = o.shown_styles(built.deck, slide)
        if not shown:
            continue
        checked += 1
        layout = _template_layout(built, built.deck.layout_of(slide))
        wanted = o.resolve(built.template, layout)
        keep_colour = _colour_is_the_designers(built, layout, slide, wanted.colour or "")
        for text, style in shown:
            for field in ("align", "typeface", "colour"):
                if field == "colour" and not keep_colour:
                    continue
                if field == "typeface" and \
                        (wanted.typeface or "").strip().casefold() not in MEASURABLE_FACES:
                    continue
                if getattr(wanted, field) is not None and \
                        getattr(style, field) != getattr(wanted, field):
                    out.append((number, text[:24], field, getattr(wanted, field),
                                getattr(style, field)))
    return checked, out


# Templates where lectern and the test's reading of the title style still disagree. gold-ja:
# its gold section title stands over thin decorative rings in a picture; lectern rates text
# against the darkest and lightest pixel under it (a thin line is as much in a letter's way
# as a patch), finds gold too faint against the rings' lines and writes white, where this
# test samples the picture and finds gold readable. lo-Piano: LibreOffice exported every
# layout with the title placeholder of its second master (a dark bar) over the first
# master's ground, so the white title reads on the bar only; the section slide's text does
# not fit the bar and stacks below it, on a plate, in the plate's dark text colour.
TITLE_STYLE_OPEN = {"gold-ja-11.5x6.47.pptx", "lo-Piano.pptx"}


@pytest.mark.parametrize("name", [
    pytest.param(n, marks=pytest.mark.xfail(strict=True, reason="title style still disputed"))
    if n in TITLE_STYLE_OPEN else n for n in NAMES])
def test_titles_show_the_templates_title_style(name: str,
                                               build: Callable[[str], Built]) -> None:
    """Alignment and typeface of every title run as the template's layout and master set
    them, and its colour wherever that colour reads clearly on the layout."""
    built = build(name)
    checked, differences = _differences(built)
    assert differences[:8] == []
    has_titles = any(o.title_shape(built.template.xml(layout)) is not None
                     for master in built.template.masters()
                     for layout in built.template.layouts(master))
    assert checked > 0 or not has_titles


@pytest.mark.parametrize("name", NAMES)
def test_no_text_continues_over_three_slides(name: str,
                                             build: Callable[[str], Built]) -> None:
    """No '(n/m)' with m over 3 on any slide; title, section and closing slides not at all.
    Lists of entries (timeline, glossary, sources) share their entries over as many slides
    as they need: no one text continues there."""
    built = build(name)
    found = []
    for number, (slide, planned) in enumerate(zip(built.deck.slides(), built.plan.slides,
                                                  strict=True), start=1):
        text = " ".join(built.deck.xml(slide).itertext())
        for mark in CONTINUED.finditer(text):
            if planned.kind in LISTS:
                continue
            if int(mark.group(2)) > 3 or planned.kind in ("title", "section", "closing"):
                found.append((number, planned.kind, mark.group(0)))
    assert found[:8] == []


@pytest.mark.parametrize("name", NAMES)
def test_section_slides_are_on_a_section_layout(name: str,
                                                build: Callable[[str], Built]) -> None:
    """Where the template has a layout of type secHead, every section slide uses one."""
    built = build(name)
    template = built.template
    kinds = {o.layout_type(template, layout) for master in template.masters()
             for layout in template.layouts(master)}
    if "secHead" not in kinds:
        pytest.skip("the template has no section layout (type secHead)")
    wrong = [(number, o.layout_name(built.deck, built.deck.layout_of(slide)))
             for number, (slide, planned) in enumerate(zip(built.deck.slides(),
                                                           built.plan.slides, strict=True),
                                                       start=1)
             if planned.kind == "section"
             and o.layout_type(built.deck, built.deck.layout_of(slide)) != "secHead"]
    assert wrong == []


# --- the template's pictures stay visible ---------------------------------------------------

Rect = tuple[int, int, int, int]
TEXT_KINDS = ("title", "ctrTitle", "subTitle", "body", "obj")
SLACK = 12700  # EMU: one point, for rounding


def _inside(inner: Rect, outer: Rect, slack: int = SLACK) -> bool:
    return (outer[0] - slack <= inner[0] and outer[1] - slack <= inner[1]
            and inner[0] + inner[2] <= outer[0] + outer[2] + slack
            and inner[1] + inner[3] <= outer[1] + outer[3] + slack)


def _meets(a: Rect, b: Rect) -> bool:
    return a[0] < b[0] + b[2] and b[0] < a[0] + a[2] and a[1] < b[1] + b[3] and \
        b[1] < a[1] + a[3]


def _around(boxes: list[Rect]) -> Rect:
    x0, y0 = min(b[0] for b in boxes), min(b[1] for b in boxes)
    return (x0, y0, max(b[0] + b[2] for b in boxes) - x0, max(b[1] + b[3] for b in boxes) - y0)


def _shapes(built: Built, slide: str) -> list[tuple[object, str, Rect | None]]:
    """The deck slide's top-level shapes: element, placeholder type ('' for none), box."""
    out = []
    for element in built.deck.xml(slide).find("p:cSld/p:spTree", o.NS):
        ph = element.find("*/p:nvPr/p:ph", o.NS)
        sp_pr = element.find("p:spPr", o.NS)
        box = None if sp_pr is None else o._box(sp_pr)
        out.append((element, "" if ph is None else (ph.get("type") or "obj"), box))
    return out


def _slides(built: Built) -> list[tuple[int, str, str]]:
    """(number, deck slide part, template layout part) of every slide."""
    return [(n, slide, _template_layout(built, built.deck.layout_of(slide)))
            for n, slide in enumerate(built.deck.slides(), start=1)]


def _drawn_on(holders: dict[str, Rect]) -> list[Rect]:
    """The placeholders lectern writes in (footers and dates it leaves off)."""
    return [b for k, b in holders.items() if k not in ("dt", "ftr")]


def _text_area(built: Built, layout: str) -> Rect | None:
    boxes = [b for k, b in o.placeholder_boxes(built.template, layout).items()
             if k in TEXT_KINDS]
    return _around(boxes) if boxes else None


@pytest.mark.parametrize("name", list(t.CORPUS))
def test_text_goes_where_the_layouts_placeholders_are(name: str,
                                                      build: Callable[[str], Built]) -> None:
    """Every text of a slide lies within its layout's text placeholders, or clear of the
    template's pictures and shapes beside the placeholders; text in a placeholder fills most
    of the placeholder's width (not moved aside to dodge what the designer drew under it)."""
    built = build(name)
    wrong = []
    for number, slide, layout in _slides(built):
        area = _text_area(built, layout)
        holders = o.placeholder_boxes(built.template, layout)
        # The pictures beside the placeholders (those under one may have text over them).
        drawn = [b for _, b in o.pictures(built.template, layout)
                 if not any(_meets(b, h) for h in _drawn_on(holders))]
        width = o.slide_size(built.template)[0]
        for element, kind, box in _shapes(built, slide):
            text = "".join(element.itertext()).strip()
            if box is None or not text or kind in ("sldNum", "dt", "ftr"):
                continue
            if not (area and _inside(box, area)) and any(_meets(box, d) for d in drawn):
                wrong.append((number, text[:20], "over the template's pictures"))
            holder = holders.get(kind) or (holders.get("title") if kind == "ctrTitle" else None)
            if holder and box[2] < 0.75 * min(holder[2], width - holder[0]):
                wrong.append((number, text[:20], f"narrower than its {kind} placeholder"))
    assert wrong[:8] == []


@pytest.mark.parametrize("name", list(t.CORPUS))
def test_plates_stay_inside_placeholders_and_are_decorative(
        name: str, build: Callable[[str], Built]) -> None:
    """A plate lies inside one of its layout's placeholders (title and subtitle together on
    a title or section slide; on a layout without a body placeholder, clear of the
    template's pictures), is marked decorative, and never covers a picture or shape of the
    template that lies beside the placeholders (a logo)."""
    built = build(name)
    wrong = []
    for number, slide, layout in _slides(built):
        holders = o.placeholder_boxes(built.template, layout)
        rooms = list(holders.values())
        text = [b for k, b in holders.items() if k in TEXT_KINDS]
        if text:
            rooms.append(_around(text))
        drawn = o.pictures(built.template, layout)
        logos = [b for _, b in drawn if not any(_meets(b, h) for h in _drawn_on(holders))]
        for element, _, box in _shapes(built, slide):
            c_nv_pr = element.find("*/p:cNvPr", o.NS)
            if box is None or not (c_nv_pr.get("name") or "").startswith("Plate"):
                continue
            marks = c_nv_pr.findall(f"a:extLst/a:ext/{{{DECORATIVE}}}decorative", o.NS)
            if [m.get("val") for m in marks] != ["1"]:
                wrong.append((number, "not marked decorative"))
            clear = not any(_meets(box, b) for _, b in drawn)
            if not any(_inside(box, r) for r in rooms) and not ("obj" not in holders and
                                                               "body" not in holders and clear):
                wrong.append((number, "outside the placeholders"))
            if any(_meets(box, logo) for logo in logos):
                wrong.append((number, "over a logo"))
    assert wrong[:8] == []


DECORATIVE = "http://schemas.microsoft.com/office/drawing/2017/decorative"


def _number_shape(built: Built, slide: str) -> tuple[str, Rect | None] | None:
    """The slide's slide-number shape: its placeholder type ('' for a text box) and box."""
    for element, kind, box in _shapes(built, slide):
        if element.find(".//a:fld[@type='slidenum']", o.NS) is not None:
            return kind, box
    return None


@pytest.mark.parametrize("name", list(t.CORPUS))
def test_slide_numbers_go_in_a_number_placeholder_or_a_clear_corner(
        name: str, build: Callable[[str], Built]) -> None:
    """The layout's number placeholder (where it sits on the layout), else the master's (at
    the master's place), else a text box in a corner of the slide clear of the template's
    pictures and shapes; every slide but the first is numbered."""
    built = build(name)
    size = o.slide_size(built.template)
    corner = 1.5 * 914400 * size[0] / 12192000
    wrong = []
    for (number, slide, layout), planned in zip(_slides(built), built.plan.slides, strict=True):
        found = _number_shape(built, slide)
        if found is None:
            if planned.numbered:
                wrong.append((number, "no number"))
            continue
        kind, box = found
        own = o.placeholder_boxes(built.template, layout)
        master = o.master_placeholder_boxes(built.template, layout)
        if "sldNum" in own:
            ok = kind == "sldNum" and (box is None or _inside(box, own["sldNum"]))
        elif "sldNum" in master:
            ok = kind == "sldNum" and box is not None and _inside(box, master["sldNum"])
        else:
            assert box is not None
            near = (min(box[0], size[0] - box[0] - box[2]) < corner
                    and min(box[1], size[1] - box[1] - box[3]) < corner)
            ok = kind == "" and near and not any(
                _meets(box, b) for _, b in o.pictures(built.template, layout))
        if not ok:
            wrong.append((number, kind, box))
    assert wrong[:8] == []
    assert not built.plan.slides[0].numbered
    assert sum(s.numbered for s in built.plan.slides) == len(built.plan.slides) - 1


@pytest.mark.parametrize("name", list(t.CORPUS))
def test_footer_and_date_placeholders_are_left_off_every_slide(
        name: str, build: Callable[[str], Built]) -> None:
    built = build(name)
    found = [(n, kind) for n, slide, _ in _slides(built)
             for _, kind, _ in _shapes(built, slide) if kind in ("ftr", "dt")]
    assert found == []


# --- rendered: the template's pictures look the same with lectern's slide on them ---------

PICTURED = [n for n, e in t.CORPUS.items() if e.traits & {"logo", "banners"}]


@pytest.fixture(scope="module")
def pictured(build: Callable[[str], Built], tmp_path_factory: pytest.TempPathFactory
             ) -> dict[str, tuple[Built, Path, int]]:
    """For each template with logos or banners: one slide of every kind, then the same
    slides emptied of everything lectern puts on them (the layout alone), rendered by
    LibreOffice in one run."""
    program = soffice()
    if program is None:
        pytest.skip("LibreOffice (soffice) is not installed: rendered checks skipped")
    folder = tmp_path_factory.mktemp("pictured")
    out: dict[str, tuple[Built, Path, int]] = {}
    for name in PICTURED:
        built = build(name)
        plan = built.plan
        chosen = list({s.kind: s for s in reversed(plan.slides)}.values())[::-1]
        bare = [dataclasses.replace(s, texts=(), numbered=False, plates=(), pictures=(),
                                    shapes=(), tables=()) for s in chosen]
        both = DeckPlan(tuple(chosen + bare), (), plan.template, plan.width, plan.height)
        (data,) = render_deck(both, built.lecture).values()
        stem = Path(name).stem
        (folder / f"{stem}.pptx").write_bytes(data)
        out[name] = (Built(built.template, o.Package(data), both, built.lecture),
                     folder / f"{stem}.pdf", len(chosen))
    t.run_soffice(program, ["--convert-to", "pdf", "--outdir", str(folder),
                            *map(str, sorted(folder.glob("*.pptx")))])
    return out


def _pixels(page: object, box: Rect, size: tuple[int, int], scale: float) -> list[int]:
    """The grey values of a rendered page inside a box of the slide (EMU)."""
    image = page.render(scale=scale).to_pil().convert("L")  # type: ignore[attr-defined]
    fx, fy = image.width / size[0], image.height / size[1]
    crop = image.crop((int(box[0] * fx), int(box[1] * fy), max(int(box[0] * fx) + 1,
                       int((box[0] + box[2]) * fx)), max(int(box[1] * fy) + 1,
                                                        int((box[1] + box[3]) * fy))))
    return list(crop.tobytes())


@pytest.mark.parametrize("name", PICTURED)
def test_the_templates_pictures_look_the_same_on_every_slide(
        name: str, pictured: dict[str, tuple[Built, Path, int]]) -> None:
    """Each picture and shape of the template beside the layout's placeholders (a logo, a
    banner) renders with the same pixels on lectern's slide as on the layout alone."""
    import pypdfium2 as pdfium

    built, pdf_path, count = pictured[name]
    size = o.slide_size(built.template)
    pdf = pdfium.PdfDocument(str(pdf_path))
    changed = []
    compared = 0
    try:
        for index, (number, _, layout) in enumerate(_slides(built)[:count]):
            holders = _drawn_on(o.placeholder_boxes(built.template, layout))
            for picture, box in o.pictures(built.template, layout):
                if any(_meets(box, h) for h in holders):
                    continue
                full = _pixels(pdf[index], box, size, 1.0)
                alone = _pixels(pdf[index + count], box, size, 1.0)
                compared += 1
                difference = sum(abs(a - b) for a, b in zip(full, alone, strict=True))
                if difference > 2 * len(full):
                    changed.append((number, picture, round(difference / len(full), 1)))
    finally:
        pdf.close()
    assert changed[:8] == []
    assert compared > 0, "no slide of the deck is on a layout showing the template's pictures"


BANDED = [name for name, entry in t.CORPUS.items() if "title-on-band" in entry.traits]


@pytest.mark.parametrize("name", BANDED)
def test_a_title_on_its_band_keeps_the_designers_colour_and_no_plate(
        name: str, build: Callable[[str], Built]) -> None:
    """A title slide whose designer set a light title on a dark band (and dark text below
    it) shows the title in the title placeholder's place, in the designer's colour (no
    colour written on its runs), with no plate under it."""
    built = build(name)
    _, slide, layout = _slides(built)[0]
    holders = o.placeholder_boxes(built.template, layout)
    band = holders.get("ctrTitle") or holders.get("title")
    assert band is not None
    shapes = _shapes(built, slide)
    titles = [(e, b) for e, kind, b in shapes if kind in ("ctrTitle", "title")]
    assert len(titles) == 1
    element, box = titles[0]
    assert box is None or _inside(box, band), "the title left its placeholder"
    fills = element.findall(".//a:r/a:rPr/a:solidFill", o.NS)
    assert fills == [], "the title's runs carry a colour of lectern's"
    where = box or band
    plates = [b for e, _, b in shapes if b is not None and
              (e.find("*/p:cNvPr", o.NS).get("name") or "").startswith("Plate")]
    assert not any(_meets(p, where) for p in plates)
