"""The deck against PowerPoint's Accessibility Checker rules, read from the .pptx with lxml
alone: every slide has a title and no two share one, the title comes first in reading order,
tables have a header row, the text's language is the lecture's, pictures have alt text and
lectern's drawings are decorative. On the default lecture, the Russian starter and every
template of the corpus."""

from __future__ import annotations

import dataclasses
import io
import posixpath
import re
import zipfile
from collections import Counter
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from lxml import etree

from lectern import model as m
from lectern.deck_template import load
from lectern.writers.deck import render_deck
from lectern.writers.deck_plan import plan_deck
from tests import templates as t
from tests.conftest import DECK_POS, BuiltDeck

NS = {"a": "http://schemas.openxmlformats.org/drawingml/2006/main",
      "p": "http://schemas.openxmlformats.org/presentationml/2006/main",
      "r": "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
      "adec": "http://schemas.microsoft.com/office/drawing/2017/decorative"}
RELS = "{http://schemas.openxmlformats.org/package/2006/relationships}"
TITLES = ("title", "ctrTitle")
# What a slide's shape tree holds before its shapes: its own properties.
TREE_PROPERTIES = ("nvGrpSpPr", "grpSpPr", "extLst")
# "title-last": python-pptx's template with every layout's title placeholder listed last.
NAMES = ["default", "russian", *t.CORPUS, "title-last"]


class Deck:
    """A .pptx's slides and notes slides as lxml trees, in presentation order."""

    def __init__(self, data: bytes) -> None:
        self.zip = zipfile.ZipFile(io.BytesIO(data))
        self.presentation = self.xml("ppt/presentation.xml")
        rels = self._rels("ppt/presentation.xml")
        self.slide_parts = [rels[s.get(f"{{{NS['r']}}}id")] for s in
                            self.presentation.iterfind("p:sldIdLst/p:sldId", NS)]

    def xml(self, part: str) -> Any:
        return etree.fromstring(self.zip.read(part))

    def _rels(self, part: str) -> dict[str, str]:
        folder, name = posixpath.split(part)
        root = etree.fromstring(self.zip.read(f"{folder}/_rels/{name}.rels"))
        return {r.get("Id"): posixpath.normpath(posixpath.join(folder, r.get("Target")))
                for r in root.iter(f"{RELS}Relationship") if r.get("TargetMode") != "External"}

    def slides(self) -> Iterator[Any]:
        for part in self.slide_parts:
            yield self.xml(part)

    def notes(self) -> Iterator[Any]:
        for part in self.slide_parts:
            for target in self._rels(part).values():
                if target.startswith("ppt/notesSlides/"):
                    yield self.xml(target)


def _title_last(files: dict[str, bytes]) -> None:
    """Every layout lists its title placeholder after its other shapes."""
    for part in [n for n in files if re.fullmatch(r"ppt/slideLayouts/slideLayout\d+\.xml", n)]:
        root = etree.fromstring(files[part])
        tree = root.find("p:cSld/p:spTree", NS)
        for shape in [s for s in tree if _is_title(s)]:
            tree.remove(shape)
            tree.append(shape)
        files[part] = etree.tostring(root, xml_declaration=True, encoding="UTF-8",
                                     standalone=True)


EDITED = {"title-last": _title_last}


@pytest.fixture(scope="module", params=NAMES)
def built(request: pytest.FixtureRequest, fixture_deck: Callable[[str], BuiltDeck],
          tmp_path_factory: pytest.TempPathFactory) -> tuple[BuiltDeck, Deck]:
    if request.param not in EDITED:
        deck = fixture_deck(request.param)
        return deck, Deck(deck.data)
    path = tmp_path_factory.mktemp("edited") / f"{request.param}.pptx"
    path.write_bytes(t.edited(t.pptx_default(), EDITED[request.param]))
    default = fixture_deck("default").lecture
    lecture = dataclasses.replace(default, deck=m.DeckSettings(path, DECK_POS))
    template, problems = load(lecture)
    assert template is not None, [d.format() for d in problems]
    plan = plan_deck(lecture, template)
    (data,) = render_deck(plan, lecture).values()
    return BuiltDeck(lecture, plan, data), Deck(data)


def _shapes(slide: Any) -> list[Any]:
    tree = slide.find("p:cSld/p:spTree", NS)
    return [s for s in tree if etree.QName(s).localname not in TREE_PROPERTIES]


def _is_title(shape: Any) -> bool:
    ph = shape.find("*/p:nvPr/p:ph", NS)
    return ph is not None and ph.get("type") in TITLES


def _decorative(shape: Any) -> bool:
    mark = shape.find("*/p:cNvPr/a:extLst/a:ext/adec:decorative", NS)
    return mark is not None and mark.get("val") == "1"


def _text(shape: Any) -> str:
    return "".join(shape.xpath(".//a:t/text()", namespaces=NS))


def test_every_slide_has_one_title_and_no_two_slides_share_one(
        built: tuple[BuiltDeck, Deck]) -> None:
    _, deck = built
    titles = []
    for number, slide in enumerate(deck.slides(), start=1):
        found = [s for s in _shapes(slide) if _is_title(s)]
        assert len(found) == 1, f"slide {number} has {len(found)} title placeholders"
        text = " ".join(_text(found[0]).split())
        assert text, f"slide {number} has an empty title"
        titles.append(text.casefold())
    repeated = {title: n for title, n in Counter(titles).items() if n > 1}
    assert repeated == {}


def test_the_title_is_read_first(built: tuple[BuiltDeck, Deck]) -> None:
    """PowerPoint reads a slide's shapes in shape-tree order, skipping decorative ones."""
    _, deck = built
    for number, slide in enumerate(deck.slides(), start=1):
        read = [s for s in _shapes(slide) if not _decorative(s)]
        assert read and _is_title(read[0]), \
            f"slide {number} reads {read[0].find('*/p:cNvPr', NS).get('name')!r} first"


def test_tables_have_a_header_row(built: tuple[BuiltDeck, Deck]) -> None:
    deck_built, deck = built
    tables = [tbl for slide in deck.slides() for tbl in slide.iterfind(".//a:tbl", NS)]
    planned = sum(len(s.tables) for s in deck_built.plan.slides)
    assert len(tables) == planned
    for tbl in tables:
        assert tbl.find("a:tblPr", NS).get("firstRow") == "1"
        header = tbl.find("a:tr", NS)
        assert header is not None and _text(header).strip()


def test_tables_of_the_features_lecture_repeat_their_header(
        fixture_deck: Callable[[str], BuiltDeck]) -> None:
    built = fixture_deck("features")
    deck = Deck(built.data)
    source = [n for c in built.lecture.chapters for n in m.walk_inlines(c.body)
              if isinstance(n, m.Table)]
    tables = [tbl for slide in deck.slides() for tbl in slide.iterfind(".//a:tbl", NS)]
    assert source and tables
    headers = {"".join(m.plain_text(cell.content) for cell in table.header) for table in source}
    for tbl in tables:
        assert tbl.find("a:tblPr", NS).get("firstRow") == "1"
        first = tbl.find("a:tr", NS)
        assert "".join(_text(first).split()) in {"".join(h.split()) for h in headers}


def _languages(lecture: m.Lecture) -> set[str]:
    """The languages a deck's text may carry: the lecture's and its quotes' originals'."""
    originals = {q.original_language for c in lecture.chapters for q in c.quotes
                 if q.original_language}
    return {lecture.language} | originals


def test_the_presentation_speaks_the_lectures_language(built: tuple[BuiltDeck, Deck]) -> None:
    deck_built, deck = built
    language = deck_built.lecture.language
    defaults = deck.presentation.findall("p:defaultTextStyle//a:defRPr", NS)
    assert defaults
    assert {d.get("lang") for d in defaults} == {language}


def test_every_run_of_the_slides_and_notes_names_its_language(
        built: tuple[BuiltDeck, Deck]) -> None:
    deck_built, deck = built
    allowed = _languages(deck_built.lecture)
    for kind, roots in (("slide", deck.slides()), ("notes", deck.notes())):
        for root in roots:
            runs = root.xpath(".//a:r | .//a:fld", namespaces=NS)
            langs = [r.find("a:rPr", NS) for r in runs]
            assert all(pr is not None and pr.get("lang") in allowed for pr in langs), kind


def test_the_russian_deck_is_russian(fixture_deck: Callable[[str], BuiltDeck]) -> None:
    deck = Deck(fixture_deck("russian").data)
    langs = Counter(pr.get("lang") for root in (*deck.slides(), *deck.notes())
                    for pr in root.iterfind(".//a:rPr", NS))
    assert langs["ru"] > 50 and set(langs) == {"ru"}


def test_pictures_have_alt_text_and_drawings_are_decorative(
        built: tuple[BuiltDeck, Deck]) -> None:
    _, deck = built
    for number, slide in enumerate(deck.slides(), start=1):
        for shape in _shapes(slide):
            kind = etree.QName(shape).localname
            name = shape.find("*/p:cNvPr", NS)
            if kind == "pic":
                assert (name.get("descr") or "").strip() or _decorative(shape), number
            elif kind in ("sp", "cxnSp") and not _text(shape).strip():
                assert _decorative(shape), f"slide {number}: {name.get('name')!r}"


def test_a_lecture_named_as_its_chapter_keeps_titles_apart(
        fixture_deck: Callable[[str], BuiltDeck]) -> None:
    """Two chapters named as the lecture still give every slide a title of its own."""
    lecture = fixture_deck("default").lecture
    first = lecture.chapters[0]
    chapters = (dataclasses.replace(first, title=lecture.title),
                dataclasses.replace(lecture.chapters[1], title=lecture.title),
                *lecture.chapters[2:])
    same = dataclasses.replace(lecture, chapters=chapters)
    template, _ = load(same)
    assert template is not None
    (data,) = render_deck(plan_deck(same, template), same).values()
    titles = [" ".join(_text(next(s for s in _shapes(slide) if _is_title(s))).split())
              for slide in Deck(data).slides()]
    assert len(set(titles)) == len(titles)
    assert titles.count(lecture.title) == 1
