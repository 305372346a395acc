"""Reading an edited deck: its record, and each slide's text fields, from a bounded zip."""

from __future__ import annotations

import posixpath
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from lxml import etree

from ..deck_template.package import MAX_ENTRIES, MAX_TOTAL, MAX_XML_PART
from ..diagnostics import LecternError
from .record import notes_text, read_record, slide_fields

REL = "{http://schemas.openxmlformats.org/package/2006/relationships}"
OFFICE = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
P = "{http://schemas.openxmlformats.org/presentationml/2006/main}"
R_ID = f"{{{OFFICE}}}id"


class SyncError(LecternError):
    """The deck or the lecture cannot be compared."""


@dataclass(frozen=True)
class DeckSlide:
    """One slide of the edited deck: its id, its text fields and its notes."""

    number: int
    slide_id: int
    fields: dict[str, str]
    notes: str | None


@dataclass(frozen=True)
class EditedDeck:
    """An edited deck: the record it was built with, and its slides now."""

    record: dict[str, Any]
    slides: tuple[DeckSlide, ...]


class _Package:
    """The parts of a zip package, read on demand within lectern's limits."""

    def __init__(self, path: Path) -> None:
        self.path = path
        try:
            self.zip = zipfile.ZipFile(path)
            infos = self.zip.infolist()
        except (OSError, zipfile.BadZipFile, ValueError) as exc:
            raise SyncError(f"{path} cannot be read as a PowerPoint file ({exc}); "
                            "save it from PowerPoint as .pptx and try again") from exc
        if len(infos) > MAX_ENTRIES or sum(i.file_size for i in infos) > MAX_TOTAL:
            raise SyncError(f"{path} holds more than a deck lectern built can hold")
        self.names = {i.filename: i for i in infos}

    def xml(self, name: str) -> Any | None:
        info = self.names.get(name)
        if info is None:
            return None
        if info.file_size > MAX_XML_PART:
            raise SyncError(f"{self.path}: the part {name} is too large")
        parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False)
        try:
            return etree.fromstring(self.zip.read(info), parser)
        except (etree.XMLSyntaxError, zipfile.BadZipFile, OSError, ValueError) as exc:
            raise SyncError(f"{self.path} is damaged: its part {name} cannot be read "
                            f"({exc})") from exc

    def rels(self, name: str) -> dict[str, tuple[str, str]]:
        """The relationships of a part: id -> (type, target part name)."""
        folder, base = posixpath.split(name)
        root = self.xml(posixpath.join(folder, "_rels", base + ".rels"))
        out: dict[str, tuple[str, str]] = {}
        for rel in root.iterchildren(REL + "Relationship") if root is not None else ():
            if rel.get("TargetMode") == "External":
                continue
            target = rel.get("Target", "")
            path = target[1:] if target.startswith("/") else \
                posixpath.normpath(posixpath.join(folder, target))
            out[rel.get("Id", "")] = (rel.get("Type", ""), path)
        return out


def read_deck(path: Path) -> EditedDeck:
    """The edited deck's record and slides; SyncError when it is not a deck lectern built."""
    package = _Package(path)
    top = package.rels("")
    record_xml = next((t for kind, t in top.values() if kind.endswith("/custom-properties")),
                      None)
    main = next((t for kind, t in top.values() if kind.endswith("/officeDocument")), None)
    if main is None:
        raise SyncError(f"{path} is not a PowerPoint presentation")
    record = None
    if record_xml is not None:
        try:
            root = package.xml(record_xml)
            record = read_record(etree.tostring(root)) if root is not None else None
        except ValueError:
            record = None
    if not record or not isinstance(record.get("slides"), list):
        raise SyncError(f"{path} carries no record of its sources: it is not a deck lectern "
                        "built (or was built before lectern recorded them); rebuild the deck "
                        "with 'lectern build' and edit that")
    presentation = package.xml(main)
    if presentation is None:
        raise SyncError(f"{path} is damaged: it has no presentation part")
    rels = package.rels(main)
    slides = []
    listing = presentation.find(P + "sldIdLst")
    for number, sld in enumerate(listing if listing is not None else (), start=1):
        kind, target = rels.get(sld.get(R_ID, ""), ("", ""))
        root = package.xml(target) if kind.endswith("/slide") else None
        if root is None:
            raise SyncError(f"{path} is damaged: slide {number} is missing")
        notes = next((t for k, t in package.rels(target).values() if k.endswith("/notesSlide")),
                     None)
        notes_root = package.xml(notes) if notes is not None else None
        slides.append(DeckSlide(number, int(sld.get("id", "0")), slide_fields(root),
                                notes_text(notes_root) if notes_root is not None else None))
    return EditedDeck(record, tuple(slides))
