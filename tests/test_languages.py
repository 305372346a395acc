"""Every language lectern speaks, from real outputs: the starter lecture of each language,
made by `lectern new --language`, built into a booklet and a deck and read back.

For each language: the booklet's and the deck's words for the same furniture are equal; no
English word of lectern's own is on a slide or in the notes of a non-English deck; text
from YAML fields has the language's quotation marks, apostrophes and dashes in both
outputs; the output files are named by an ASCII slug of the title.
"""

from __future__ import annotations

import datetime as dt
import fcntl
import io
import os
import re
import shutil
from dataclasses import dataclass, fields
from pathlib import Path

import pypdf
import pypdfium2 as pdfium
import pytest
from pptx import Presentation

from lectern.cli import main
from lectern.locale import Locale, find, supported
from lectern.locale.en import WORDS as ENGLISH
from lectern.pipeline import render
from lectern.readers.lecture import load_lecture
from tests.booklet_support import normalise, page_texts

# Every base language, and regions whose marks differ from their language's.
LANGUAGES = (*supported(), "de-CH", "pt-BR")


@dataclass
class Built:
    """One built starter lecture: what a reader sees in each output."""

    loc: Locale
    root: Path
    name: str
    pages: list[str]  # booklet page texts, normalised
    raw_pages: list[str]  # as extracted, every space as it is
    bookmarks: dict[str, int]  # booklet outline: title -> page index
    slides: list[dict[str, str]]  # per slide: shape name -> normalised text, and "notes"

    @property
    def booklet_text(self) -> str:
        return " ".join(self.pages)

    @property
    def deck_text(self) -> str:
        return " ".join(t for s in self.slides for k, t in s.items() if k != "notes")

    @property
    def notes_text(self) -> str:
        return " ".join(s["notes"] for s in self.slides)

    def titled(self, title: str) -> list[dict[str, str]]:
        return [s for s in self.slides if _title(s).startswith(title)]


def _title(slide: dict[str, str]) -> str:
    return next((t for k, t in slide.items() if k.startswith("Title")), "")


def _squash(text: str) -> str:
    """Text compared as the eye reads it: case, spaces and letter-spacing ignored."""
    return re.sub(r"\s+", "", normalise(text)).casefold()


def _bookmarks(reader: pypdf.PdfReader) -> dict[str, int]:
    out: dict[str, int] = {}

    def walk(items: list[object]) -> None:
        for item in items:
            if isinstance(item, list):
                walk(item)
            else:
                out[item.title] = reader.get_destination_page_number(item)  # type: ignore[attr-defined]

    walk(reader.outline)
    return out


def _slides(data: bytes) -> list[dict[str, str]]:
    out = []
    for slide in Presentation(io.BytesIO(data)).slides:
        texts = {shape.name: shape.text_frame.text
                 for shape in slide.shapes if shape.has_text_frame}
        texts["notes"] = slide.notes_slide.notes_text_frame.text if slide.has_notes_slide else ""
        out.append(texts)
    return out


def _raw_pages(pdf: bytes) -> list[str]:
    document = pdfium.PdfDocument(io.BytesIO(pdf))
    try:
        return [document[i].get_textpage().get_text_range() for i in range(len(document))]
    finally:
        document.close()


def _build(tag: str, where: Path) -> None:
    """Make the starter lecture of `tag` in `where`/folder and build it into `where`/out."""
    root = where / "folder"
    assert main(["new", "--language", tag, str(root)]) == 0
    lecture, warnings = load_lecture(root)
    assert not warnings, warnings
    (where / "out").mkdir()
    for target in ("booklet", "deck"):
        for name, data in render(lecture, target).items():
            (where / "out" / name).write_bytes(data)


def _read(tag: str, where: Path) -> Built:
    lecture, _ = load_lecture(where / "folder")
    pdf = (where / "out" / f"{lecture.name}.pdf").read_bytes()
    loc = find(tag)
    assert loc is not None
    return Built(loc, where / "folder", lecture.name, page_texts(pdf), _raw_pages(pdf),
                 _bookmarks(pypdf.PdfReader(io.BytesIO(pdf))),
                 _slides((where / "out" / f"{lecture.name}.pptx").read_bytes()))


@pytest.fixture(scope="module", params=LANGUAGES)
def built(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Built:
    """Each language built once per session: test processes share the builds on disk (the
    first to need a language builds it while the other waits for that one only)."""
    tag = request.param
    base = tmp_path_factory.getbasetemp()
    # Under pytest-xdist every process has its own folder inside the session's one.
    shared = (base.parent if os.environ.get("PYTEST_XDIST_WORKER") else base) / "languages"
    shared.mkdir(exist_ok=True)
    where = shared / tag
    with open(shared / f"{tag}.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not (where / "done").exists():
            shutil.rmtree(where, ignore_errors=True)
            where.mkdir()
            _build(tag, where)
            (where / "done").touch()
    return _read(tag, where)


def test_the_same_words_for_the_same_furniture(built: Built) -> None:
    words = built.loc.words
    # Back matter: the booklet's bookmarks (its headings) are the deck's slide titles.
    for heading in (words.timeline, words.glossary, words.sources):
        assert heading in built.bookmarks, (heading, list(built.bookmarks))
        assert built.titled(heading), (heading, [_title(s) for s in built.slides])
    # The chapter label: "Chapter 1" on the chapter's opening page and its section slide.
    first = next(p for t, p in built.bookmarks.items() if t.startswith("1. "))
    section = next(t for s in built.slides for k, t in s.items() if k.startswith("section-number"))
    assert section == f"{words.chapter} 1"
    assert _squash(section) in _squash(built.pages[first])
    # The questions: the box title in the booklet begins the deck's questions slide title;
    # the key points slide is labelled in the same way, in the same language.
    chapter_title = next(t for t in built.bookmarks if t.startswith("1. "))[3:]
    labels = [_title(s)[: -len(chapter_title)].rstrip(": \u202f") for s in built.slides
              if _title(s).endswith(chapter_title) and _title(s) != chapter_title]
    assert words.questions in labels and words.key_points in labels, labels
    label = words.questions
    assert _squash(label) in _squash(built.pages[first] + built.pages[first + 1])


def test_dates_are_written_alike(built: Built) -> None:
    byline = next(t for s in built.slides for k, t in s.items() if k.startswith("byline"))
    date = byline.rsplit("·", 1)[1].strip()
    assert date == built.loc.date(dt.date(2026, 1, 15))
    assert normalise(date) in built.pages[0]
    timeline = built.pages[built.bookmarks[built.loc.words.timeline]]
    dates = [t for s in built.titled(built.loc.words.timeline)
             for k, t in s.items() if k.startswith("date")]
    assert len(dates) == 2
    for date in dates:
        assert normalise(date) in timeline, (date, timeline)


def _english_only(loc: Locale, own_text: str) -> set[str]:
    """Words of lectern's English strings that the other language does not also use."""
    def words_of(text: str) -> set[str]:
        return {w.casefold() for w in re.findall(r"[^\W\d_]{3,}", text)}

    english = set().union(*(words_of(getattr(ENGLISH, f.name)) for f in fields(ENGLISH)))
    theirs = set().union(*(words_of(getattr(loc.words, f.name)) for f in fields(loc.words)))
    return english - theirs - words_of(own_text) - {"lectern"}


def test_no_english_word_of_lecterns_own_in_the_deck(built: Built) -> None:
    if built.loc.tag.startswith("en"):
        pytest.skip("an English deck")
    own = " ".join(p.read_text(encoding="utf-8") for p in built.root.rglob("*")
                   if p.suffix in (".yaml", ".md"))
    forbidden = _english_only(built.loc, own)
    for index, slide in enumerate(built.slides, start=1):
        for name, text in slide.items():
            found = set(re.findall(r"[^\W\d_]+", text.casefold())) & forbidden
            assert not found, f"slide {index} {name}: English {sorted(found)} in {text!r}"


def test_yaml_fields_get_the_languages_punctuation(built: Built) -> None:
    loc = built.loc
    booklet = " ".join(built.raw_pages)
    opening, closing, inner_open, inner_close = loc.quotes
    for what, text in (("booklet", booklet), ("slides", built.deck_text),
                       ("notes", built.notes_text)):
        assert '"' not in text and " -- " not in text and "---" not in text, what
        assert "'" not in text, (what, re.findall(r".{12}'.{12}", text))
    for what, text in (("booklet", booklet), ("slides", built.deck_text)):
        # The glossary definition and the source note quote a word from YAML (French
        # with a narrow no-break space inside the guillemets)...
        assert text.count(opening) >= 2 and text.count(closing) >= 2, what
        # ...and the key quote, set in the outer marks, has the inner ones inside.
        assert inner_open in text and inner_close in text, what
        # The timeline event typed with ' -- ' has the language's dash.
        assert loc.dash in text, what


def test_outputs_are_named_by_an_ascii_slug_of_the_title(built: Built) -> None:
    assert re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", built.name)
    assert built.name != "folder"
