"""Booklet and deck never drift, and no markup reaches a reader: checked on the real outputs.

A lecture that uses every feature of the format (tests/fixtures/lectures/features), with a
paragraph of markup lectern must report and leave out, is built through every writer. The
text a reader sees (the booklet's PDF, the slides, the speaker notes, the slides PDF) must
hold each part of the model where docs/source-format.md says it appears, and no Markdown or
attribute syntax anywhere.
"""

from __future__ import annotations

import re
import shutil
from collections.abc import Iterator
from dataclasses import dataclass
from io import BytesIO

import pytest
from pptx import Presentation

from lectern import model as m
from lectern.outputs import plan_lecture_deck
from lectern.readers.lecture import load_lecture
from lectern.writers.booklet import render_booklet
from lectern.writers.deck import render_deck
from lectern.writers.slides_pdf import slides_pdf
from tests.booklet_support import normalise, page_texts
from tests.conftest import LECTURES

# Markup lectern reports and leaves out: none of it may be printed.
STRAY = """
Stray {.term} and {ref=дума} blocks, an [unknown]{.fancy} span, a
[link](https://example.org/){.wide}, `code`{.z} and a picture-less {credit="x"}.

::: aside
Inside an aside.
:::

:::
"""

# Markdown and attribute syntax, as it would look if it were printed.
MARKUP = {
    "emphasis marks": re.compile(r"\*\*|__|(?<![\w*])\*\S[^*\n]*\*"),
    "backticks": re.compile(r"`"),
    "a link or image": re.compile(r"\]\(|!\["),
    "an attribute block": re.compile(r"\{\s*[.#]|\{\s*[\w-]+\s*=|\b(?:ref|credit)="),
    "a span": re.compile(r"\][{\[]"),
    "a fence": re.compile(r":::"),
    "a footnote mark": re.compile(r"\[\^"),
    "a table": re.compile(r"\||:?-{3,}:?"),
    "a heading mark": re.compile(r"(?m)^\s*#{1,6}\s"),
    "a quotation mark '>'": re.compile(r"(?m)^\s*>\s"),
    "straight dashes": re.compile(r"(?<!\S)--(?!\S)"),
}


@dataclass(frozen=True)
class Outputs:
    lecture: m.Lecture
    booklet: str  # the PDF's text, every page
    slides: list[str]  # each slide's text: text boxes and table cells
    notes: list[str]  # each slide's speaker notes
    places: list[str]  # each slide's source file, from the plan
    slides_pdf: str

    @property
    def deck(self) -> str:
        return " ".join(self.slides)


def deck_texts(data: bytes) -> Iterator[tuple[str, str]]:
    """(slide text, notes text) of each slide of a .pptx, as python-pptx reads them."""
    prs = Presentation(BytesIO(data))
    for slide in prs.slides:
        pieces = []
        for shape in slide.shapes:
            if shape.has_text_frame:
                pieces.append(shape.text_frame.text)
            elif getattr(shape, "has_table", False):
                pieces.extend(c.text for row in shape.table.rows for c in row.cells)
        notes = slide.notes_slide.notes_text_frame.text if slide.has_notes_slide else ""
        yield normalise(" ".join(pieces)), normalise(notes)


@pytest.fixture(scope="module")
def outputs(tmp_path_factory: pytest.TempPathFactory) -> Outputs:
    root = tmp_path_factory.mktemp("parity") / "features"
    shutil.copytree(LECTURES / "features", root)
    prose = root / "chapters" / "02-prose.md"
    prose.write_text(prose.read_text() + STRAY)
    lecture, warnings = load_lecture(root)
    assert len(warnings) >= 7, [w.format() for w in warnings]  # each stray piece reported
    files = render_booklet(lecture)
    plan = plan_lecture_deck(lecture)
    (deck,) = render_deck(plan, lecture).values()
    slides, notes = zip(*deck_texts(deck), strict=True)
    return Outputs(lecture, " ".join(page_texts(files[f"{lecture.name}.pdf"])), list(slides),
                   list(notes), [s.pos.file for s in plan.slides],
                   " ".join(page_texts(slides_pdf(plan, lecture))))


def text(inlines: tuple[object, ...]) -> str:
    return normalise(m.plain_text(inlines))


def test_no_markup_reaches_a_reader(outputs: Outputs) -> None:
    places = {"booklet": outputs.booklet, "slides": outputs.deck,
              "notes": " ".join(outputs.notes), "slides PDF": outputs.slides_pdf}
    for where, shown in places.items():
        for what, pattern in MARKUP.items():
            found = pattern.search(shown)
            context = shown[found.start() - 40:found.end() + 40] if found else ""
            assert found is None, f"{what} in the {where}: …{context}…"


def test_stray_markup_is_left_out_but_the_words_stay(outputs: Outputs) -> None:
    for shown in (outputs.booklet,):
        # The link's address follows its words on paper.
        assert ("Stray and blocks, an unknown span, a link (example.org/), code and a "
                "picture-less.") in shown
        assert "Inside an aside." in shown


def test_every_key_quote_is_in_both_outputs(outputs: Outputs) -> None:
    quotes = list(outputs.lecture.quotes())
    assert any(not q.id for q in quotes), "the fixture has a quote placed nowhere"
    for quote in quotes:
        words = normalise(quote.text)
        assert words in outputs.booklet, quote.text
        assert words in outputs.deck, quote.text
        assert normalise(quote.who) in outputs.booklet
        if quote.original:
            assert normalise(quote.original) in outputs.booklet
            assert normalise(quote.original) in outputs.deck


def test_chapter_parts_are_where_the_docs_say(outputs: Outputs) -> None:
    lecture = outputs.lecture
    for chapter in lecture.chapters:
        for shown in (outputs.booklet, outputs.deck):
            assert normalise(chapter.title) in shown
            assert normalise(chapter.summary) in shown
        for point in chapter.key_points:
            assert text(point.content) in outputs.deck, point.text
        for question in chapter.questions:
            assert text(question.content) in outputs.booklet, question.text
            assert text(question.content) in outputs.deck, question.text
        chapter_notes = [n for n, f in zip(outputs.notes, outputs.places, strict=True)
                         if f == chapter.pos.file]
        assert chapter_notes and all(normalise(chapter.notes) in n for n in chapter_notes)


def test_figures_and_tables_are_in_both_outputs(outputs: Outputs) -> None:
    for chapter in outputs.lecture.chapters:
        for node in m.walk_inlines(chapter.body):
            if isinstance(node, m.Figure):
                for shown in (outputs.booklet, outputs.deck):
                    assert text(node.caption) in shown
                    assert normalise(node.credit) in shown
            if isinstance(node, m.Table):
                for row in (node.header, *node.rows):
                    cells = [text(c.content) for c in row]
                    for cell in cells:
                        assert cell in outputs.booklet, cell
                        assert cell in outputs.deck, cell
                if node.caption:
                    assert text(node.caption) in outputs.booklet
                    assert text(node.caption) in outputs.deck


def test_back_matter_is_in_both_outputs(outputs: Outputs) -> None:
    lecture = outputs.lecture
    notes = " ".join(outputs.notes)
    for entry in lecture.timeline:
        assert normalise(entry.event) in outputs.booklet and normalise(entry.event) in outputs.deck
        if entry.detail:
            assert normalise(entry.detail) in outputs.booklet and normalise(entry.detail) in notes
    for gloss in lecture.glossary:
        for shown in (outputs.booklet, outputs.deck):
            assert normalise(gloss.term) in shown and normalise(gloss.definition) in shown
            if gloss.original:
                assert normalise(gloss.original) in shown
    for source in lecture.sources:
        for shown in (outputs.booklet, outputs.deck):
            assert normalise(source.title) in shown
            if source.author:
                assert normalise(source.author) in shown


def test_the_slides_pdf_shows_what_the_deck_shows(outputs: Outputs) -> None:
    squeeze = re.compile(r"\s+")
    pdf = squeeze.sub("", outputs.slides_pdf)
    for slide in outputs.slides:
        assert squeeze.sub("", slide) in pdf or all(
            squeeze.sub("", word) in pdf for word in slide.split()), slide


def test_the_fixture_uses_every_kind_of_block() -> None:
    lecture, _ = load_lecture(LECTURES / "features")
    kinds = {type(n).__name__ for c in lecture.chapters for n in m.walk_inlines(c.body)}
    assert {"Paragraph", "Heading", "ListBlock", "BlockQuote", "CodeBlock", "Rule", "Figure",
            "PullQuote", "Table", "TableCell", "Emph", "Strong", "Code", "Link", "Term",
            "FootnoteRef"} <= kinds, kinds
