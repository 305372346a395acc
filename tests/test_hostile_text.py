"""Odd but legal text: words longer than a line stay in their boxes; footnote syntax is never
printed, whatever is wrong with the footnote."""

from __future__ import annotations

import re
from pathlib import Path

import pypdf
import pypdfium2 as pdfium
import pytest
from pptx import Presentation

from lectern import fit
from lectern.fit import Run
from lectern.outputs import plan_lecture_deck
from lectern.pipeline import build
from lectern.readers.lecture import load_lecture

WORD = "Pneumono" * 125  # 1,000 characters without a break (the longest word lectern takes)


def _add(lecture: Path, front_point: str, body: str) -> None:
    chapter = lecture / "chapters" / "02-argument.md"
    text = chapter.read_text(encoding="utf-8")
    text = text.replace("  - The evidence for it", f"  - {front_point}")
    chapter.write_text(text + body, encoding="utf-8")


def test_wrap_breaks_a_word_longer_than_the_line() -> None:
    lines = fit.wrap([Run("x" * 400)], 200.0, 20.0)
    assert len(lines) > 1 and "".join(lines) == "x" * 400
    assert all(fit.text_width(line, 20.0) <= 200.0 for line in lines)


def test_a_1000_character_key_point_stays_inside_its_slides(lecture: Path) -> None:
    _add(lecture, WORD, "")
    loaded, warnings = load_lecture(lecture)
    assert any("a word of 1000 characters" in w.message and w.pos.line == 6 for w in warnings)
    plan = plan_lecture_deck(loaded)
    pieces = []
    for slide in plan.slides:
        for text in slide.texts:
            assert text.measured_height() <= fit.pt(text.box.h) + 0.01, (slide.title, text.size)
            pieces += [p.text for p in text.paras if "Pneumono" in p.text]
    assert "".join(pieces) == WORD  # every letter is shown, once, in order


@pytest.fixture(scope="module")
def odd_build(tmp_path_factory: pytest.TempPathFactory) -> Path:
    import shutil

    from tests.conftest import LECTURES

    root = tmp_path_factory.mktemp("odd") / "lecture"
    shutil.copytree(LECTURES / "mini", root)
    long = "Pneumono" * 100
    _add(root, "A point with a note[^k]", f"""
## A heading {long} with a note[^h]

Body {long} text. A ghost[^ghost], a pair[^twice] and[^twice] again, an empty[^e] one,
and a nest.[^outer]

[^h]: In the heading.
[^twice]: Called twice.
[^e]:
[^outer]: The outer note {long}, with[^inner] inside.
[^inner]: The inner words.
[^spare]: Never called.
""")
    chapter = root / "chapters" / "02-argument.md"  # the running head repeats the title
    chapter.write_text(chapter.read_text(encoding="utf-8").replace(
        "title: The argument", f"title: The argument {long}", 1) + f"""
| a | b |
| --- | --- |
| {long} | x |
""", encoding="utf-8")
    out = root.parent / "out"
    build(root, out)
    return out


def test_the_booklet_keeps_every_long_word_on_the_page(odd_build: Path) -> None:
    pdf = pdfium.PdfDocument(next(p for p in odd_build.glob("*.pdf") if "-print" not in p.name))
    for index in range(len(pdf)):
        page = pdf[index]
        width, _ = page.get_size()
        text = page.get_textpage()
        for char in range(text.count_chars()):
            left, _, right, _ = text.get_charbox(char)
            assert left >= 5 and right <= width - 5, f"page {index + 1}: a character off the page"


def test_no_footnote_syntax_reaches_the_booklet_or_the_slides(odd_build: Path) -> None:
    reader = pypdf.PdfReader(next(p for p in odd_build.glob("*.pdf") if "-print" not in p.name))
    booklet = "\n".join(page.extract_text() for page in reader.pages)
    deck = Presentation(str(next(odd_build.glob("*.pptx"))))
    slides = "\n".join(shape.text_frame.text for slide in deck.slides for shape in slide.shapes
                       if shape.has_text_frame)
    for text in (booklet, slides):
        assert not re.search(r"\[\s*\^", text), re.search(r".{20}\[\s*\^.{20}", text)
    flat = re.sub(r"\s+", "", booklet)
    assert "(Theinnerwords.)" in flat  # the note in a note, in parentheses
    assert "Calledtwice." in flat and flat.count("Calledtwice.") == 1
    assert "Nevercalled" not in flat
