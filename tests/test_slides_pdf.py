"""The slides PDF against the deck: pages, text, line placement, fonts, outline, LibreOffice."""

from __future__ import annotations

import dataclasses
import io
import subprocess
from collections import Counter
from pathlib import Path
from typing import Any

import pypdf
import pytest

from lectern import fit
from lectern import model as m
from lectern.deck_template import load
from lectern.outputs import plan_lecture_deck
from lectern.system import soffice
from lectern.writers.deck import render_deck
from lectern.writers.deck_plan import DeckPlan, TextBox, plan_deck
from lectern.writers.deck_plan.lines import Line, place
from lectern.writers.slides_pdf import bookmarks, slides_pdf
from tests import deckcheck, slidecheck, templates
from tests.conftest import require_tool
from tests.test_deck import NAMES, _lecture


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple[m.Lecture, DeckPlan,
                                                                        bytes, bytes]]:
    """For each test lecture: the lecture, its plan, its deck and its slides PDF."""
    out = {}
    for name in NAMES:
        try:
            lecture = _lecture(name)
        except pytest.skip.Exception:
            continue
        plan = plan_lecture_deck(lecture)
        (deck,) = render_deck(plan, lecture).values()
        out[name] = (lecture, plan, deck, slides_pdf(plan, lecture))
    return out


@pytest.fixture(params=NAMES)
def case(request: pytest.FixtureRequest, built: dict[str, Any]) -> tuple[m.Lecture, DeckPlan,
                                                                        bytes, bytes]:
    if request.param not in built:
        pytest.skip("the default lecture does not exist")
    return built[request.param]  # type: ignore[no-any-return]


def test_one_page_per_slide_at_the_decks_size(case: tuple[m.Lecture, DeckPlan, bytes,
                                                            bytes]) -> None:
    _, plan, deck, pdf = case
    prs = deckcheck.open_deck(deck)
    reader = pypdf.PdfReader(io.BytesIO(pdf))
    assert len(reader.pages) == len(prs.slides) == len(plan.slides)
    width, height = prs.slide_width / fit.EMU_PER_PT, prs.slide_height / fit.EMU_PER_PT
    for page in reader.pages:
        assert float(page.mediabox.width) == pytest.approx(width, abs=0.01)
        assert float(page.mediabox.height) == pytest.approx(height, abs=0.01)


def _labels(slide_texts: tuple[TextBox, ...]) -> Counter[str]:
    """The bullets and list numbers the slide program draws (they are not in the XML text)."""
    return Counter(line.bullet for t in slide_texts for line in place(t) if line.bullet)


def test_each_page_has_its_slides_text(case: tuple[m.Lecture, DeckPlan, bytes, bytes]) -> None:
    """Page i shows exactly the text of slide i of the .pptx, box by box, and nothing else."""
    _, plan, deck, pdf = case
    prs = deckcheck.open_deck(deck)
    document = slidecheck.open_pdf(pdf)
    for number, (slide, page, planned) in enumerate(
            zip(prs.slides, document, plan.slides, strict=True), start=1):
        found = slidecheck.lines(slidecheck.glyphs(page))
        labels = _labels(planned.texts)
        texts = []
        for line in found:
            text = line.text
            label = next((b for b in labels if labels[b] and text.startswith(b)), "")
            if label:
                labels[label] -= 1
                text = text[len(label):]
            texts.append(text)
        page_text = slidecheck.squeeze("".join(texts))
        for region in deckcheck.text_regions(slide):  # table cells included
            piece = slidecheck.squeeze(region.text)
            assert piece in page_text, (number, piece, page_text)
            page_text = page_text.replace(piece, "", 1)
        assert page_text == "", (number, page_text)
        assert not +labels, (number, labels)


def _glyphs_of(line: Line, text: TextBox, page_glyphs: list[slidecheck.Glyph]
               ) -> list[slidecheck.Glyph]:
    left, right = fit.pt(text.box.x), fit.pt(text.box.x + text.box.w)
    return [g for g in page_glyphs
            if abs(g.baseline - line.baseline) < 0.5 and left - 0.5 <= g.x <= right]


def test_every_line_is_where_the_plan_put_it(case: tuple[m.Lecture, DeckPlan, bytes,
                                                          bytes]) -> None:
    _, plan, _, pdf = case
    _check_lines(plan, pdf)


def _check_lines(plan: DeckPlan, pdf: bytes) -> None:
    """Each planned line is on its baseline with its text, starting where it should, and
    every glyph lies inside the line's text box."""
    document = slidecheck.open_pdf(pdf)
    for number, (page, slide) in enumerate(zip(document, plan.slides, strict=True), start=1):
        page_glyphs = slidecheck.glyphs(page)
        cells = [c for table in slide.tables for row in table.cells for c in row]
        for text in (*slide.texts, *cells):
            box = text.box
            for line in place(text):
                drawn = _glyphs_of(line, text, page_glyphs)
                label = slidecheck.squeeze(line.bullet)
                shown = slidecheck.squeeze("".join(g.char for g in drawn))
                assert shown == label + slidecheck.squeeze(line.text), (number, line, shown)
                if not drawn:
                    continue
                body = drawn[len(label):]
                # A line of code may start with spaces: its first glyph stands further in.
                if line.align == "l" and body and not line.text[:1].isspace():
                    assert body[0].x == pytest.approx(line.x, abs=0.3), (number, line.text)
                if label:
                    assert drawn[0].x == pytest.approx(line.bullet_x, abs=0.3), number
                for g in drawn:
                    left, top, right, bottom = g.box
                    assert fit.pt(box.x) - 0.5 <= left and right <= fit.pt(box.x + box.w) + 0.5, \
                        (number, line.text, g)
                    assert fit.pt(box.y) - 0.5 <= top and bottom <= fit.pt(box.bottom) + 0.5, \
                        (number, line.text, g)


@pytest.mark.parametrize("name", ["python-pptx.pptx", "bars-10x5.625.pptx", "dark-section.pptx",
                                  "cambria-calibri.potx", "verdana.pptx"])
def test_slides_on_other_templates(name: str, tmp_path: Path) -> None:
    """On a template of yours: its slide size, its fonts (as measured), its backgrounds, and
    every line where the plan put it."""
    lecture = _lecture("mini")
    path = templates.write_all(tmp_path, {name: templates.corpus()[name]})[name]
    lecture = dataclasses.replace(lecture, deck=dataclasses.replace(lecture.deck, template=path))
    template, problems = load(lecture)
    assert template is not None, problems
    plan = plan_deck(lecture, template)
    pdf = slides_pdf(plan, lecture)
    reader = pypdf.PdfReader(io.BytesIO(pdf))
    for page in reader.pages:
        assert float(page.mediabox.width) == pytest.approx(fit.pt(plan.width), abs=0.01)
        assert float(page.mediabox.height) == pytest.approx(fit.pt(plan.height), abs=0.01)
    _check_lines(plan, pdf)
    families = {t.font.measure for s in plan.slides for t in s.texts}
    layouts = [plan.template.layout(s.kind) for s in plan.slides]
    allowed = families | {f.measure for lay in layouts for f in (lay.heading_font,
                                                                  lay.body_font)}
    (tmp_path / "s.pdf").write_bytes(pdf)
    fonts_used = {row.split()[0].split("+")[-1].split("-")[0] for row in subprocess.run(
        [require_tool("pdffonts"), str(tmp_path / "s.pdf")], capture_output=True, text=True,
        check=True).stdout.splitlines()[2:]}
    assert {fit.FAMILIES[f][1] for f in families} <= fonts_used
    assert fonts_used <= {fit.FAMILIES[f][1] for f in allowed}
    document = slidecheck.open_pdf(pdf)
    for index in (1, len(plan.slides) // 2):
        image = document[index].render(scale=0.25).to_pil().convert("RGB")
        # The top edge shows the layout's background, or the bar drawn over it (across
        # the top of every slide of the bars template).
        expected = "1F3A5F" if name.startswith("bars") else \
            plan.template.layout(plan.slides[index].kind).background
        assert image.getpixel((image.width // 2, 1)) == tuple(
            int(expected[i:i + 2], 16) for i in (0, 2, 4)), (index, expected)


def test_the_planners_line_breaks_are_kept(built: dict[str, Any]) -> None:
    """A paragraph that the planner breaks into several lines shows those lines, not others."""
    _, plan, _, pdf = built["mini"]
    page_glyphs = [slidecheck.glyphs(p) for p in slidecheck.open_pdf(pdf)]
    multi = [(i, t, place(t)) for i, s in enumerate(plan.slides) for t in s.texts
             if len({line.para for line in place(t)}) < len(place(t))]
    assert multi, "the test lecture has no paragraph of several lines"
    for index, text, placed in multi:
        rows = [slidecheck.squeeze("".join(g.char for g in _glyphs_of(line, text,
                                                                        page_glyphs[index])))
                for line in placed]
        assert rows == [slidecheck.squeeze(line.bullet + line.text) for line in placed]


def test_fonts_are_embedded_and_are_the_decks(built: dict[str, Any], tmp_path: Path) -> None:
    for name, (_, _, _, pdf) in built.items():
        path = tmp_path / f"{name}.pdf"
        path.write_bytes(pdf)
        listing = subprocess.run([require_tool("pdffonts"), str(path)], capture_output=True,
                                 text=True, check=True).stdout.splitlines()[2:]
        assert listing, name
        for row in listing:
            font, *rest = row.split()
            # Carlito, the template's face; Liberation Mono for code slides.
            assert font.split("+")[-1].replace("-", "").startswith(("Carlito", "LiberationMono")), \
                (name, row)
            assert rest[-5:-2] == ["yes", "yes", "yes"], (name, row)  # emb sub uni


def test_outline_title_language_and_tags(built: dict[str, Any]) -> None:
    lecture, plan, _, pdf = built["default"] if "default" in built else built["mini"]
    reader = pypdf.PdfReader(io.BytesIO(pdf))
    assert reader.metadata is not None and reader.metadata.title == lecture.title
    root = reader.trailer["/Root"]
    assert root["/Lang"] == lecture.language
    assert root["/MarkInfo"]["/Marked"] and "/StructTreeRoot" in root
    outline = [(item.title, reader.get_destination_page_number(item))
               for item in reader.outline if not isinstance(item, list)]
    expected = sorted(bookmarks(plan.slides, lecture).items())
    assert outline == [(label, index) for index, label in expected]
    chapters = [f"{c.number}. {c.title}" for c in lecture.chapters]
    assert [t for t, _ in outline if t in chapters] == chapters
    for title, index in outline:
        if title in chapters:
            assert plan.slides[index].kind == "section"


def test_the_same_plan_gives_the_same_bytes(built: dict[str, Any]) -> None:
    lecture, plan, _, pdf = built["mini"]
    assert slides_pdf(plan, lecture) == pdf


# --- against LibreOffice ------------------------------------------------------------------


@pytest.fixture(scope="module")
def rendered(built: dict[str, Any], tmp_path_factory: pytest.TempPathFactory
             ) -> dict[str, Path]:
    """Every test deck converted by LibreOffice in one run."""
    program = soffice()
    if program is None:
        pytest.skip("LibreOffice (soffice) is not installed: the comparison is skipped")
    decks = {f"{name}.pptx": deck for name, (_, _, deck, _) in built.items()}
    converted = deckcheck.convert_to_pdf(program, decks, tmp_path_factory.mktemp("lo"))
    return {Path(k).stem: v for k, v in converted.items()}


def test_lines_sit_where_libreoffice_sets_them(built: dict[str, Any],
                                               rendered: dict[str, Path]) -> None:
    """Cover, agenda, section, list, quote, timeline and glossary slides: every line that
    LibreOffice breaks as the planner did starts within 3 pt of where LibreOffice puts it
    (centred lines differ most: the two measure a line's width a little differently)."""
    for name, path in rendered.items():
        _, plan, _, pdf = built[name]
        ours, theirs = slidecheck.open_pdf(pdf), slidecheck.open_pdf(path)
        kinds: dict[str, int] = {}
        for index, slide in enumerate(plan.slides):
            # LibreOffice sets a table cell's first baseline at the font's ascent (0.75 em
            # below the cell's top margin for Carlito), not 1 em as in a text box: the
            # slides PDF keeps the text box rule there too (the rows are tall enough for
            # both), so table slides are not compared.
            if slide.kind != "table":
                kinds.setdefault(slide.kind, index)
        compared = matched = 0
        for kind, index in kinds.items():
            mine = slidecheck.lines(slidecheck.glyphs(ours[index]))
            lo_lines: dict[str, list[slidecheck.PdfLine]] = {}
            for line in slidecheck.lines(slidecheck.glyphs(theirs[index])):
                lo_lines.setdefault(slidecheck.squeeze(line.text), []).append(line)
            counts: dict[str, int] = {}
            for line in mine:
                counts[slidecheck.squeeze(line.text)] = \
                    counts.get(slidecheck.squeeze(line.text), 0) + 1
            for line in mine:
                # A line whose words repeat elsewhere on the slide (a quotation of one
                # sentence said again and again) cannot be told from its twins where the two
                # programs break the text a word apart: only lines said once are compared.
                if counts[slidecheck.squeeze(line.text)] > 1:
                    continue
                # LibreOffice draws a bullet as a line of its own, a little higher.
                candidates = [(slidecheck.squeeze(line.text), line.x)]
                if line.text.startswith("•") and len(line.glyphs) > 1:
                    candidates.append((slidecheck.squeeze(line.text[1:]), line.glyphs[1].x))
                found = [(other, x) for k, x in candidates for other in lo_lines.get(k, ())]
                compared += 1
                if not found:
                    continue
                # The same words may stand on several slides' columns: take the nearest.
                other, x = min(found, key=lambda f: abs(f[0].x - f[1])
                               + abs(f[0].baseline - line.baseline))
                matched += 1
                assert abs(other.baseline - line.baseline) <= 3.0, (name, kind, line.text)
                assert abs(other.x - x) <= 3.0, (name, kind, line.text)
        assert compared and matched >= 0.6 * compared, (name, matched, compared)
