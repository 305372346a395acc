"""The deck's package as PowerPoint and its accessibility checker read it: the notes master
listed, the slide size named only when it is a named size, lectern's drawings decorative."""

from __future__ import annotations

import dataclasses
import io
import posixpath
import zipfile
from pathlib import Path

import pytest
from lxml import etree

from lectern import model as m
from lectern.outputs import plan_lecture_deck
from lectern.readers.lecture import load_lecture
from lectern.writers.deck import render_deck
from tests import templates as t
from tests.conftest import SOURCE

P = "{http://schemas.openxmlformats.org/presentationml/2006/main}"
A = "{http://schemas.openxmlformats.org/drawingml/2006/main}"
R = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
RELS = "{http://schemas.openxmlformats.org/package/2006/relationships}"
DECORATIVE = "{http://schemas.microsoft.com/office/drawing/2017/decorative}decorative"


def _deck(template: Path | None) -> zipfile.ZipFile:
    lecture, _ = load_lecture(SOURCE)
    if template is not None:
        lecture = dataclasses.replace(
            lecture, deck=m.DeckSettings(template, m.SourcePos("lecture.yaml", 1, 1)))
    (data,) = render_deck(plan_lecture_deck(lecture), lecture).values()
    return zipfile.ZipFile(io.BytesIO(data))


@pytest.fixture(scope="module")
def decks(tmp_path_factory: pytest.TempPathFactory) -> dict[str, zipfile.ZipFile]:
    folder = tmp_path_factory.mktemp("package")
    four_three = folder / "four-three.pptx"
    four_three.write_bytes(t.pptx_default())
    return {"own": _deck(None), "4:3": _deck(four_three)}


def test_the_notes_master_is_listed(decks: dict[str, zipfile.ZipFile]) -> None:
    for name, deck in decks.items():
        root = etree.fromstring(deck.read("ppt/presentation.xml"))
        listed = root.findall(f"{P}notesMasterIdLst/{P}notesMasterId")
        assert len(listed) == 1, name
        rels = etree.fromstring(deck.read("ppt/_rels/presentation.xml.rels"))
        targets = {r.get("Id"): r.get("Target") for r in rels.iter(f"{RELS}Relationship")}
        target = posixpath.normpath(posixpath.join("ppt", targets[listed[0].get(f"{R}id")]))
        assert target.startswith("ppt/notesMasters/") and target in deck.namelist(), name
        # PowerPoint's order: the masters' list, then the notes master's, then the slides'.
        order = [c.tag.rsplit("}", 1)[1] for c in root]
        assert order.index("sldMasterIdLst") < order.index("notesMasterIdLst") \
            < order.index("sldIdLst"), name


def test_the_slide_size_is_named_only_when_it_is_that_size(
        decks: dict[str, zipfile.ZipFile]) -> None:
    named = {(9144000, 6858000): "screen4x3", (9144000, 5143500): "screen16x9",
             (9144000, 5715000): "screen16x10"}
    for name, deck in decks.items():
        size = etree.fromstring(deck.read("ppt/presentation.xml")).find(f"{P}sldSz")
        cx, cy = int(size.get("cx")), int(size.get("cy"))
        assert size.get("type") == named.get((cx, cy)), (name, cx, cy, size.get("type"))
    own = etree.fromstring(decks["own"].read("ppt/presentation.xml")).find(f"{P}sldSz")
    assert own.get("type") is None  # 13.333 × 7.5 in is no named size
    four = etree.fromstring(decks["4:3"].read("ppt/presentation.xml")).find(f"{P}sldSz")
    assert four.get("type") == "screen4x3"


def test_shapes_without_text_or_picture_are_decorative(
        decks: dict[str, zipfile.ZipFile]) -> None:
    """A bar, dot, line or plate says nothing a screen reader should read out."""
    seen = 0
    for name, deck in decks.items():
        for part in deck.namelist():
            if not (part.startswith("ppt/slides/slide") and part.endswith(".xml")):
                continue
            tree = etree.fromstring(deck.read(part)).find(f"{P}cSld/{P}spTree")
            for shape in tree:
                if shape.tag not in (f"{P}sp", f"{P}cxnSp"):
                    continue
                if shape.find(f".//{P}nvPr/{P}ph") is not None:
                    continue
                if "".join(t.text or "" for t in shape.iter(f"{A}t")).strip():
                    continue
                seen += 1
                c_nv_pr = shape.find(f"./*/{P}cNvPr")
                assert c_nv_pr.find(f".//{DECORATIVE}") is not None, (name, part,
                                                                      c_nv_pr.get("name"))
    assert seen > 0
