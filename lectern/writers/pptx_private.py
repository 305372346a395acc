"""Every private python-pptx name lectern uses, in one place, each behind a small function.

python-pptx has no public API for what these do (remove a template's slides, write a package
without a zip round trip, reach a shape tree or an element). Each was checked against
python-pptx 1.0.2, the version `pyproject.toml` pins; `tests/test_pptx_private.py` calls each on a
real presentation, so an upgrade that renames one fails there.
"""

from __future__ import annotations

from typing import Any

from pptx.opc.serialized import _ContentTypesItem


def content_types(parts: list[Any]) -> Any:
    """The [Content_Types].xml element python-pptx would write for these parts."""
    return _ContentTypesItem.xml_for(parts)


def package_rels(package: Any) -> Any:
    """The package's own relationships (those of /_rels/.rels)."""
    return package._rels


def has_rels(part: Any) -> bool:
    """Whether a part has relationships, without creating an empty collection for it."""
    return bool(part._rels)


def slide_id_list(prs: Any) -> Any:
    """The presentation's <p:sldIdLst> element."""
    return prs.slides._sldIdLst


def shape_tree(shapes: Any) -> Any:
    """The <p:spTree> element of a slide's (or notes slide's) shapes."""
    return shapes._spTree


def element(obj: Any) -> Any:
    """The lxml element of a python-pptx shape or slide."""
    return obj._element


def add_relationship(rels: Any, reltype: str, target: Any) -> str:
    """A new relationship from a part, always added (relate_to reuses an existing one);
    return its rId."""
    return str(rels._add_relationship(reltype, target))
