"""The clean package read as the deck writer reads it, before any deck is written: python-pptx
opens it and reads every master, layout and notes master with the placeholders a slide
clones, so that what it cannot read is a template error here, in `check` as in `build`."""

from __future__ import annotations

import gc
import io
from collections.abc import Iterator
from dataclasses import replace
from typing import Any

from .package import CleanPart, TemplateError, first_line, zip_parts


def rehearse(parts: list[CleanPart]) -> None:
    """Open the clean package with python-pptx and read what a deck takes from it; raise
    TemplateError naming the part it cannot read. Its pictures are left empty: python-pptx
    only keeps their bytes, and the copies would cost as much memory as the pictures."""
    from pptx import Presentation

    package = zip_parts([replace(p, blob=b"") if p.content_type.startswith("image/") else p
                         for p in parts])
    from pptx.opc.packuri import PackURI
    from pptx.parts.slide import SlidePart

    try:
        prs = Presentation(io.BytesIO(package))
        masters = list(prs.slide_masters)
    except Exception as exc:  # python-pptx raises whatever its parsing meets
        raise TemplateError(f"it cannot be opened as a presentation ({first_line(exc)})",
                            "save the template again from PowerPoint") from None
    package_ = prs.part.package
    for master in masters:
        for number, layout in enumerate(_layouts(master)):
            _check(layout, lambda lay=layout: lay.slide_master.part)
            scratch = SlidePart.new(PackURI("/ppt/slides/scratch.xml"), package_, layout.part)
            _read(layout, scratch.slide)
            if number == 0:
                _read(master, scratch.slide)
    _read_notes(prs)
    # python-pptx's parts and package refer to one another: without a collection now, its
    # copy of every part would stay until the collector's next full pass.
    del prs, masters
    gc.collect()


def _layouts(master: Any) -> Iterator[Any]:
    try:
        layouts = list(master.slide_layouts)
    except Exception as exc:
        raise TemplateError(f"its part {_name(master)} lists layouts that cannot be read "
                            f"({first_line(exc)})", "save the template again from PowerPoint") \
            from None
    yield from layouts


def _read_notes(prs: Any) -> None:
    """The notes master a notes slide is made from (python-pptx makes one when none is)."""
    from pptx.opc.constants import CONTENT_TYPE as CT
    from pptx.opc.packuri import PackURI
    from pptx.oxml.slide import CT_NotesSlide
    from pptx.parts.slide import NotesSlidePart

    try:
        master = prs.part.notes_master_part.notes_master
    except Exception as exc:
        raise TemplateError(f"its notes master cannot be read ({first_line(exc)})",
                            "save the template again from PowerPoint") from None
    scratch = NotesSlidePart(PackURI("/ppt/notesSlides/scratch.xml"), CT.PML_NOTES_SLIDE,
                             prs.part.package, CT_NotesSlide.new())
    _read(master, scratch.notes_slide)


def _read(holder: Any, scratch: Any) -> None:
    """Every shape of a master, layout or notes master, and every placeholder cloned onto a
    scratch slide as the deck writer clones them (python-pptx checks their type,
    orientation, size and index only as it writes the clone)."""
    def read() -> None:
        for shape in holder.shapes:
            shape.shape_id  # noqa: B018  (read for its checks)
        for placeholder in holder.placeholders:
            scratch.shapes.clone_placeholder(placeholder)
    _check(holder, read)


def _check(holder: Any, read: Any) -> None:
    try:
        read()
    except Exception as exc:
        raise TemplateError(f"its part {_name(holder)} has a shape or placeholder lectern "
                            f"cannot read ({first_line(exc)})",
                            "save the template again from PowerPoint") from None


def _name(holder: Any) -> str:
    return str(holder.part.partname).lstrip("/")
