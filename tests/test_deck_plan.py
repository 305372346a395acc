"""The deck planner, tested without python-pptx: slides, sizes, splits, notes, warnings."""

from __future__ import annotations

import dataclasses
import re
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from lectern import fit
from lectern import model as m
from lectern.deck_template import read_template
from lectern.outputs import check_deck, plan_lecture_deck
from lectern.readers.lecture import load_lecture
from lectern.writers import deck_plan as dp
from tests.conftest import LECTURES

# Text shrinks down to 60 % of its largest size (never below 12 pt) before it splits.
AUDIENCE_MIN = {"caption": 14.4, "credit": 12.0, "kicker": 12.0}
RANGES = {"title": (26.4, 44.0), "quote": (24.0, 40.0), "cover-title": (32.4, 54.0),
          "section-title": (26.4, 44.0), "attribution": (14.4, 24.0)}


@pytest.fixture(scope="module")
def stress() -> m.Lecture:
    lecture, _ = load_lecture(LECTURES / "stress")
    return lecture


def _item(text: str, line: int) -> m.Item:
    return m.Item((m.Text(text),), m.SourcePos("chapters/01-opening.md", line, 3))


def test_planner_does_not_import_pptx() -> None:
    code = ("import sys, lectern.writers.deck_plan; "
            "sys.exit(any(n.split('.')[0] == 'pptx' for n in sys.modules))")
    assert subprocess.run([sys.executable, "-c", code], check=False).returncode == 0


def test_mini_deck_has_every_kind_of_slide(mini: m.Lecture) -> None:
    plan = plan_lecture_deck(mini)
    kinds = [s.kind for s in plan.slides]
    assert kinds[:3] == ["title", "agenda", "section"]
    assert kinds[-1] == "closing"
    for kind in ("points", "quote", "figure", "questions", "timeline", "glossary", "sources"):
        assert kind in kinds
    assert plan.slides[0].numbered is False
    assert all(s.numbered for s in plan.slides[1:])
    assert all(s.layout in dp.LAYOUTS for s in plan.slides)


def test_every_slide_has_notes_and_a_source_position(mini: m.Lecture) -> None:
    for slide in plan_lecture_deck(mini).slides:
        assert slide.notes.strip(), slide.kind
        assert slide.pos.file, slide.kind


def test_quote_slide_notes_give_the_full_reference(mini: m.Lecture) -> None:
    quote = mini.chapters[0].quotes[0]
    slide = next(s for s in plan_lecture_deck(mini).slides if s.kind == "quote")
    assert quote.reference in slide.notes
    assert mini.chapters[0].notes.split()[0] in slide.notes
    roles = [t.role for t in slide.texts]
    assert roles == ["kicker", "quote", "attribution"]
    attribution = slide.texts[2].paras[0].text
    assert quote.who in attribution and quote.work in attribution and quote.year in attribution


def _check_boxes(plan: dp.DeckPlan) -> None:
    """Sizes and places against the audience's limits; the fit itself is the planner's own
    measure (measured_height, lectern.fit), so it only guards the planner's bookkeeping. The
    independent check of fit is the LibreOffice render in tests/test_deck.py."""
    for slide in plan.slides:
        for text in slide.texts:
            assert text.measured_height() <= fit.pt(text.box.h) + 0.01, (slide.title, text)
            assert text.box.x >= 0 and text.box.x + text.box.w <= dp.SLIDE_W
            assert text.box.y >= 0 and text.box.bottom <= dp.SLIDE_H
            assert text.size >= AUDIENCE_MIN.get(text.role, 14.0), (text.role, text.size)
            low, high = RANGES.get(text.role, (14.0, 54.0))
            assert low <= text.size <= high, (text.role, text.size)
            if text.role == "body" and slide.kind not in ("sources",):
                assert 19.2 <= text.size <= 32.0


def test_mini_text_fits_its_boxes(mini: m.Lecture) -> None:
    _check_boxes(plan_lecture_deck(mini))


def test_stress_text_fits_its_boxes(stress: m.Lecture) -> None:
    _check_boxes(plan_lecture_deck(stress))


def test_twenty_bullets_split_between_bullets_with_numbered_titles(stress: m.Lecture) -> None:
    plan = plan_lecture_deck(stress)
    chapter = stress.chapters[0]
    slides = [s for s in plan.slides if s.kind == "points" and s.pos.file.endswith("01-long.md")]
    assert len(slides) > 1
    assert all(s.title.endswith(f"({i}/{len(slides)})") for i, s in enumerate(slides, 1))
    texts = [p.text for s in slides for p in s.texts[1].paras]
    assert texts == [i.text for i in chapter.key_points]
    sizes = {s.texts[1].size for s in slides}
    assert len(sizes) == 1, "continuation slides share one size"


def test_long_quote_splits_between_sentences_and_loses_nothing(stress: m.Lecture) -> None:
    quote = stress.chapters[0].quotes[0]
    slides = [s for s in plan_lecture_deck(stress).slides if s.pos == quote.pos]
    assert len(slides) > 1
    parts = [t.paras[0].text for s in slides for t in s.texts if t.role == "quote"]
    assert all(p.rstrip("”").endswith(".") for p in parts)
    assert " ".join(parts).strip("“”") == quote.text


def test_enormous_paragraph_splits_between_words() -> None:
    box = dp.Box(0, 0, 4 * dp.IN, 2 * dp.IN)
    para = dp.plain(" ".join(f"w{i}" for i in range(600)))
    pages = dp.paginate([para], box, (24.0, 20.0))
    assert len(pages.groups) > 1
    words = " ".join(p.text for g in pages.groups for p in g).split()
    assert words == para.text.split()
    for group in pages.groups:
        assert dp.largest_size(group, box, (pages.size,)) == pages.size


def test_original_language_line_on_the_quote_slide(stress: m.Lecture) -> None:
    lenin = stress.chapters[1].quotes[0]
    slide = next(s for s in plan_lecture_deck(stress).slides if s.pos == lenin.pos)
    original = next(t for t in slide.texts if t.role == "original")
    assert "Вся власть Советам!" in original.paras[0].text
    assert original.paras[0].lang == "ru"
    assert original.size < next(t for t in slide.texts if t.role == "quote").size


def test_long_original_gets_slides_of_its_own(stress: m.Lecture) -> None:
    quote = stress.chapters[1].quotes[1]
    slides = [s for s in plan_lecture_deck(stress).slides if s.pos == quote.pos]
    roles = [[t.role for t in s.texts] for s in slides]
    assert any("original" in r for r in roles) and any("quote" in r for r in roles)
    assert all("attribution" in r for r in roles)


def test_split_warnings_point_at_the_source_line(stress: m.Lecture) -> None:
    warnings = check_deck(stress)
    chapter = stress.chapters[0]
    by_pos = {d.pos: d for d in warnings}
    points = by_pos[chapter.key_points[0].pos]
    assert points.severity == "warning"
    assert re.search(r"key points of '.*' need \d slides at \d+ pt \(the text area of layout "
                     r"'lectern Content', [\d.]+ × [\d.]+ cm .*, holds \d+ lines at \d+ pt\); "
                     r"consider shortening",
                     points.message)
    assert chapter.quotes[0].pos in by_pos
    assert all(d.severity == "warning" for d in warnings)


def test_mini_has_no_warnings(mini: m.Lecture) -> None:
    assert check_deck(mini) == []


def test_timeline_spreads_entries_over_numbered_slides(stress: m.Lecture) -> None:
    slides = [s for s in plan_lecture_deck(stress).slides if s.kind == "timeline"]
    assert len(slides) > 1
    assert slides[0].title.endswith(f"(1/{len(slides)})")
    events = [t.paras[0].text for s in slides for t in s.texts if t.role == "event"]
    assert set(events) >= {e.event for e in stress.timeline if len(e.event) < 100}
    for slide in slides:
        dates = [t for t in slide.texts if t.role == "date"]
        assert 1 <= len(dates) <= 5
        assert {sh.kind for sh in slide.shapes} == {"line", "dot"}
        # The notes hold what the slide does not show: each entry's detail.
        shown = [t.paras[0].text for t in slide.texts if t.role == "event"]
        for entry in stress.timeline:
            if entry.detail and entry.event in shown:
                assert " ".join(entry.detail.split()) in " ".join(slide.notes.split())


def test_glossary_shows_original_and_transliteration(mini: m.Lecture) -> None:
    slide = next(s for s in plan_lecture_deck(mini).slides if s.kind == "glossary")
    runs = slide.texts[1].paras[0].runs
    text = "".join(r.text for r in runs)
    assert "council" in text and "совет" in text and "sovet" in text
    assert runs[0].bold and any(r.italic and "sovet" in r.text for r in runs)


def test_many_questions_and_a_long_title(mini: m.Lecture) -> None:
    chapter = mini.chapters[0]
    questions = tuple(_item(f"Question {i} asks something of moderate length?", 20 + i)
                      for i in range(25))
    long_title = "A title " * 12
    lecture = dataclasses.replace(mini, chapters=(
        dataclasses.replace(chapter, questions=questions, title=long_title),))
    plan = plan_lecture_deck(lecture)
    slides = [s for s in plan.slides if s.kind == "questions"]
    assert len(slides) > 1
    numbers = [p.number for s in slides for p in s.texts[1].paras]
    assert numbers == list(range(1, 26))
    _check_boxes(plan)


def test_figure_picture_keeps_its_proportions(mini: m.Lecture) -> None:
    slide = next(s for s in plan_lecture_deck(mini).slides if s.kind == "figure")
    picture = slide.pictures[0]
    figure = next(f for c in mini.chapters for f in dp.chapter_figures(c)
                  if f.path == picture.path)
    w, h = figure.width, figure.height
    assert abs(picture.box.w / picture.box.h - w / h) < 0.01
    caption = next(t for t in slide.texts if t.role == "caption")
    assert picture.box.bottom <= caption.box.y


def _template_with(tmp_path: Path, rename: dict[str, str]) -> Path:
    path = tmp_path / "mine.pptx"
    with zipfile.ZipFile(dp.TEMPLATE) as src, zipfile.ZipFile(path, "w") as dst:
        for info in src.infolist():
            data = src.read(info.filename)
            for old, new in rename.items():
                data = data.replace(f'name="{old}"'.encode(), f'name="{new}"'.encode())
            dst.writestr(info, data)
    return path


def test_renamed_layouts_are_found_by_their_types(mini: m.Lecture, tmp_path: Path) -> None:
    template = _template_with(tmp_path, {"lectern Quote": "Quote", "lectern Section": "Part"})
    lecture = dataclasses.replace(mini, deck=m.DeckSettings(template))
    assert [d for d in check_deck(lecture) if d.severity == "error"] == []
    plan = plan_lecture_deck(lecture)
    assert plan.template.layout("quote").name == "Quote"  # titleOnly
    assert plan.template.layout("section").name == "Part"  # secHead
    assert plan.template.layout("section").found_by == "layout type"


def test_own_template_with_every_layout_is_accepted(mini: m.Lecture, tmp_path: Path) -> None:
    template = tmp_path / "copy.pptx"
    shutil.copy(dp.TEMPLATE, template)
    lecture = dataclasses.replace(mini, deck=m.DeckSettings(template))
    assert check_deck(lecture) == []
    assert plan_lecture_deck(lecture).template.path == template


def test_default_template_has_every_layout() -> None:
    assert set(dp.LAYOUTS) <= set(read_template(dp.TEMPLATE).layout_names)


def test_enormous_summary_and_subtitle_go_to_the_notes(mini: m.Lecture) -> None:
    """Title and section slides never continue: what they have no room for even at its
    floor goes to the speaker notes, with a warning at its line."""
    chapter = dataclasses.replace(mini.chapters[0], summary="A summary that rambles. " * 150)
    lecture = dataclasses.replace(mini, subtitle="A subtitle without end " * 100,
                                  chapters=(chapter,))
    plan = plan_lecture_deck(lecture)
    _check_boxes(plan)
    (section,) = [s for s in plan.slides if s.kind == "section"]
    assert not any("(1/" in t.paras[0].text for t in section.texts)
    assert [t.role for t in section.texts] == ["section-number", "section-title"]
    assert section.notes.startswith(chapter.summary)
    (cover,) = [s for s in plan.slides if s.kind == "title"]
    assert "subtitle" not in [t.role for t in cover.texts]
    assert lecture.subtitle in cover.notes and not cover.numbered
    dropped = [d for d in check_deck(lecture) if "speaker notes" in d.message]
    assert {d.pos for d in dropped} == {chapter.pos, lecture.pos}
    assert all(d.severity == "warning" and "of layout 'lectern " in d.message for d in dropped)


def test_long_title_and_summary_shrink_onto_one_section_slide(mini: m.Lecture) -> None:
    chapter = dataclasses.replace(mini.chapters[0], title="A title that goes on " * 6,
                                  summary="The summary keeps on going and going. " * 10)
    plan = plan_lecture_deck(dataclasses.replace(mini, chapters=(chapter,)))
    _check_boxes(plan)
    (section,) = [s for s in plan.slides if s.kind == "section"]
    sizes = {t.role: t.size for t in section.texts}
    assert sizes["section-title"] < 44 and sizes["summary"] < 28
    assert sizes["section-number"] == 24 and sizes["section-title"] > sizes["summary"]
    summary = next(t for t in section.texts if t.role == "summary").paras[0].text
    assert summary == chapter.summary
