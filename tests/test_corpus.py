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
            done[name] = Built(o.Package(path.read_bytes()), o.Package(data), plan)
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
                if getattr(wanted, field) is not None and \
                        getattr(style, field) != getattr(wanted, field):
                    out.append((number, text[:24], field, getattr(wanted, field),
                                getattr(style, field)))
    return checked, out


@pytest.mark.parametrize("name", NAMES)
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
