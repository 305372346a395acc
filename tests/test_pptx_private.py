"""Each private python-pptx name lectern reaches still does what the deck writer needs."""

from __future__ import annotations

import io

from lxml import etree
from pptx import Presentation
from pptx.opc.constants import RELATIONSHIP_TYPE as RT

from lectern.writers import pptx_private as private

P = "{http://schemas.openxmlformats.org/presentationml/2006/main}"


def _presentation() -> object:
    prs = Presentation()
    slide = prs.slides.add_slide(prs.slide_layouts[1])
    slide.shapes.title.text = "A title"
    return prs


def test_shape_tree_and_elements_are_the_slides_xml() -> None:
    prs = _presentation()
    slide = prs.slides[0]
    tree = private.shape_tree(slide.shapes)
    assert tree.tag == f"{P}spTree"
    assert private.element(slide).tag == f"{P}sld"
    title = private.element(slide.shapes.title)
    assert title.getparent() is tree


def test_slide_id_list_lists_the_slides() -> None:
    prs = _presentation()
    id_list = private.slide_id_list(prs)
    assert id_list.tag == f"{P}sldIdLst"
    assert len(id_list) == 1


def test_relationships_and_content_types() -> None:
    prs = _presentation()
    package = prs.part.package
    assert any(r.reltype == RT.OFFICE_DOCUMENT for r in private.package_rels(package).values())
    parts = list(package.iter_parts())
    assert private.has_rels(prs.part)
    image_free = [p for p in parts if not p.partname.startswith("/ppt/media")]
    types = etree.tostring(private.content_types(image_free)).decode()
    assert "presentationml.slide+xml" in types
    slide_part = prs.slides[0].part
    first = private.add_relationship(prs.part.rels, RT.SLIDE, slide_part)
    second = private.add_relationship(prs.part.rels, RT.SLIDE, slide_part)
    assert first != second and first.startswith("rId")


def test_a_saved_deck_reopens() -> None:
    out = io.BytesIO()
    _presentation().save(out)
    assert len(Presentation(io.BytesIO(out.getvalue())).slides) == 1
