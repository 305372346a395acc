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
    # Every letter is shown, once, in order; the word is hyphenated where it breaks.
    lines = [line for piece in pieces for line in piece.split("\n")]
    assert "".join(lines).replace("-", "") == WORD  # (the word itself has no hyphen)
    assert all(line.endswith("-") for line in lines[:-1])


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
and a nest.[^outer] Write to [us](mailto:a@example.org?subject=Hi&attach=/etc/passwd&body=B).

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


def test_a_mailto_link_in_the_booklet_keeps_only_address_subject_and_body(
        odd_build: Path) -> None:
    reader = pypdf.PdfReader(next(p for p in odd_build.glob("*.pdf") if "-print" not in p.name))
    uris = [str(annot.get_object()["/A"]["/URI"]) for page in reader.pages
            for annot in page.get("/Annots", []) or []
            if "/A" in annot.get_object() and "/URI" in annot.get_object()["/A"]]
    mail = [uri for uri in uris if uri.startswith("mailto:")]
    assert mail == ["mailto:a@example.org?subject=Hi&body=B"], uris


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


# --- round 3: smart quotes, table rows, long words ----------------------------------------

QUOTE_ALPHABET = ['"', "'", " ", "a", "1", "*", "_", "`", "-", ".", "(", ")", "\n", "[", "]",
                  "!", "\\", "«", "é"]


@pytest.mark.parametrize("marks", [["“", "”", "‘", "’"], ["«\u202f", "\u202f»", "“", "”"]])
def test_lecterns_smart_quotes_match_markdown_its(marks: list[str]) -> None:
    import random

    from markdown_it import MarkdownIt

    from lectern.locale.smartquotes import smart_quotes

    theirs = MarkdownIt("commonmark", {"typographer": True, "quotes": marks})
    theirs.enable(["smartquotes"])
    ours = MarkdownIt("commonmark", {"typographer": True, "quotes": marks})
    ours.core.ruler.after("smartquotes", "ours", smart_quotes)
    rng = random.Random(25)
    for _ in range(3000):
        text = "".join(rng.choice(QUOTE_ALPHABET) for _ in range(rng.randint(1, 40)))
        assert ours.render(text) == theirs.render(text), repr(text)


def test_a_paragraph_of_unmatched_quotes_keeps_every_mark_once() -> None:
    from lectern.locale.typography import smarten

    # Openers that nothing closes stay straight; a lone closing single quote is an apostrophe.
    out = smarten('"a ' * 1000 + "b' " * 1000 + "'c d' " * 100, "en")
    assert out.count('"') == 1000 and out.count("’") == 1100 and out.count("‘") == 100


def test_table_rows_split_as_markdown_it_splits_them() -> None:
    import random

    from markdown_it import MarkdownIt

    from lectern.readers.places import split_row

    md = MarkdownIt("commonmark").enable("table")
    rng = random.Random(25)
    for _ in range(2000):
        row = "".join(rng.choice(["|", "\\", "a", " ", "`"]) for _ in range(rng.randint(1, 16)))
        if "|" not in row.strip() or row.startswith("    "):  # no pipe; indented code
            continue
        cells = len(split_row(row))
        # markdown-it reads a table only when the '---' row has as many cells as the header.
        for count, expected in ((cells, True), (cells + 1, False)):
            delimiter = "|" + "---|" * count
            read = any(t.type == "table_open" for t in md.parse(f"{row}\n{delimiter}\n"))
            assert read == (expected and cells > 0), (row, cells)


def test_a_word_longer_than_a_line_gets_break_opportunities_in_the_booklet_html() -> None:
    from lectern.writers.booklet_html import inline_html

    accented = "e\u0301" * 120  # an accent is never parted from its letter
    html = str(inline_html((m_text(WORD + " " + accented + " short words"),)))
    pieces = html.split("\u200b")
    assert len(pieces) > WORD_LENGTH // 20 and "".join(pieces) == WORD + " " + accented + \
        " short words"
    assert all(not piece.startswith("\u0301") for piece in pieces)
    assert max(len(p) for p in pieces) < 60


WORD_LENGTH = len(WORD)


def m_text(text: str) -> object:
    from lectern.model import Text

    return Text(text)
