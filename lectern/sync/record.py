"""The provenance record a deck carries: where each text on its slides came from.

The record is one JSON value in a custom document property (docProps/custom.xml), which
PowerPoint and LibreOffice keep when they save the deck. It holds the fingerprint of every
source file, the source spans of the lecture's texts ("units", each with the source text
and, where it differs, the text as the deck shows it), and for each slide (by its slide id,
which PowerPoint keeps) each text field as a template: the text lectern wrote around the
units, and which part of which unit each piece of the field shows.
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from lxml import etree

from .sources import Unit

VERSION = 1
PROPERTY = "lectern-source"
CUSTOM = "http://schemas.openxmlformats.org/officeDocument/2006/custom-properties"
VT = "http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes"
FMTID = "{D5CDD505-2E9C-101B-9397-08002B2CF9AE}"  # the user-defined properties' set
A = "{http://schemas.openxmlformats.org/drawingml/2006/main}"
P = "{http://schemas.openxmlformats.org/presentationml/2006/main}"
NOTES_KEY = "n"

# A piece of a field: a unit's index and the part of its text shown (start, end).
Ref = tuple[int, int, int]
Template = list[str | Ref]  # fixed text, ref, fixed text, ref, ..., fixed text
# A word broken by lectern's hyphenation: a hyphen and a line break between letters.
_HYPHENATED = re.compile(r"(?<=\w)-\v(?=\w)")


# --- text fields of a slide ------------------------------------------------------------------


def _paragraph_text(p: Any) -> str:
    if p.find(A + "br") is None:  # the common case, in one call
        return "".join(p.itertext(A + "t"))
    out: list[str] = []
    for child in p:
        if child.tag in (A + "r", A + "fld"):
            out.append("".join(child.itertext(A + "t")))
        elif child.tag == A + "br":
            out.append("\v")
    return "".join(out)


def _body_text(tx_body: Any) -> str:
    """A text body's text: paragraphs on lines, hyphenated words whole again."""
    text = "\n".join(_paragraph_text(p) for p in tx_body.iterchildren(A + "p"))
    return _HYPHENATED.sub("", text).replace("\v", "\n") if "\v" in text else text


def slide_fields(root: Any) -> dict[str, str]:
    """The text fields of a slide: each text shape's text by its shape id, each table
    cell's by '<table id>:<row>:<column>'."""
    fields: dict[str, str] = {}
    for sp in root.iter(P + "sp"):
        tx_body = sp.find(P + "txBody")
        c_nv_pr = sp.find(f"{P}nvSpPr/{P}cNvPr")
        if tx_body is not None and c_nv_pr is not None:
            fields[c_nv_pr.get("id", "")] = _body_text(tx_body)
    for frame in root.iter(P + "graphicFrame"):
        c_nv_pr = frame.find(f"{P}nvGraphicFramePr/{P}cNvPr")
        table = frame.find(f"{A}graphic/{A}graphicData/{A}tbl")
        if c_nv_pr is None or table is None:
            continue
        for r, row in enumerate(table.iterchildren(A + "tr")):
            for c, cell in enumerate(row.iterchildren(A + "tc")):
                tx_body = cell.find(A + "txBody")
                if tx_body is not None:
                    fields[f"{c_nv_pr.get('id', '')}:{r}:{c}"] = _body_text(tx_body)
    return fields


def notes_text(root: Any) -> str | None:
    """The speaker notes of a notes slide: its body placeholder's text."""
    for sp in root.iter(P + "sp"):
        ph = sp.find(f"{P}nvSpPr/{P}nvPr/{P}ph")
        tx_body = sp.find(P + "txBody")
        if ph is not None and ph.get("type") == "body" and tx_body is not None:
            return _body_text(tx_body)
    return None


# --- matching fields to units ------------------------------------------------------------------


class Matcher:
    """Finds the units a field shows: whole, inside text lectern wrote, or a piece of one
    (a continuation slide's), preferring units of the slide's own file."""

    def __init__(self, units: Sequence[Unit]) -> None:
        self.units = units
        self.by_text: dict[str, list[int]] = {}
        self.by_file: dict[str, list[int]] = {}
        self.by_text_file: dict[tuple[str, str], list[int]] = {}
        for i, unit in enumerate(units):
            self.by_text.setdefault(unit.text, []).append(i)
            self.by_text_file.setdefault((unit.text, unit.file), []).append(i)
            self.by_file.setdefault(unit.file, []).append(i)
        self.cursor: dict[int, int] = {}  # where a unit's next piece is looked for
        # Each file's unit texts in one string, to rule a piece out with one search.
        self.joined = {f: "\0".join(units[i].text for i in near)
                       for f, near in self.by_file.items()}
        self.longest_first = {f: sorted(near, key=lambda i: -len(units[i].text))
                              for f, near in self.by_file.items()}

    def template(self, text: str, file: str) -> Template | None:
        """The field as fixed text and unit pieces; None when it shows no unit."""
        exact = self._pick(text, file)
        if exact is not None:
            return ["", (exact, 0, len(text)), ""]
        out: Template = []
        for part in self._inside(text, self.longest_first.get(file, [])) or [text]:
            out.extend(self._lines(part, file) if isinstance(part, str) else [part])
        if all(isinstance(part, str) for part in out):
            return None
        merged: Template = [""]
        for part in out:  # fixed text joined, so that fixed text and refs alternate
            if isinstance(part, str) and isinstance(merged[-1], str):
                merged[-1] += part
            elif isinstance(part, str):
                merged.append(part)
            else:
                if not isinstance(merged[-1], str):
                    merged.append("")
                merged.append(part)
        return merged if isinstance(merged[-1], str) else [*merged, ""]

    def _lines(self, text: str, file: str) -> Template:
        """Fixed text line by line: a line that is a unit of any file (an agenda's chapter
        titles), or a piece of one of the slide's file, becomes a ref."""
        out: Template = []
        for line in re.split(r"(\n)", text):
            found = self._pick(line, file) if line.strip() else None
            if found is not None:
                out.append((found, 0, len(line)))
                continue
            piece = self._piece(line, file)
            out.extend(piece if piece is not None else [line])
        return out

    def _pick(self, text: str, file: str) -> int | None:
        """The one unit of the slide's file with this text, else the only one anywhere;
        None when none or several are equally likely (an edit there could not say which
        source it means)."""
        chosen = self.by_text_file.get((text, file)) or self.by_text.get(text, [])
        return chosen[0] if len(chosen) == 1 else None

    def _inside(self, text: str, near: Sequence[int]) -> Template | None:
        """Units whose whole text the field holds, longest first, not overlapping."""
        taken: list[tuple[int, int, int]] = []
        for i in near:
            unit_text = self.units[i].text
            at = text.find(unit_text)
            while at >= 0 and any(a < at + len(unit_text) and at < b for a, b, _ in taken):
                at = text.find(unit_text, at + 1)
            if at >= 0:
                taken.append((at, at + len(unit_text), i))
        if not taken:
            return None
        template: Template = []
        pos = 0
        for a, b, i in sorted(taken):
            template += [text[pos:a], (i, 0, b - a)]
            pos = b
        return [*template, text[pos:]]

    def _piece(self, text: str, file: str) -> Template | None:
        """A piece of one unit of the file, with up to two characters of lectern's on
        either side (a quotation mark, an ellipsis)."""
        joined = self.joined.get(file, "")
        if len(text) < 12 or not joined:
            return None
        leads = range(3) if not text[0].isalnum() else range(1)
        trails = range(3) if not text[-1].isalnum() else range(1)
        for lead in leads:
            for trail in trails:
                core = text[lead:len(text) - trail]
                if core not in joined:
                    continue
                for i in self.by_file[file]:
                    unit_text = self.units[i].text
                    at = unit_text.find(core, self.cursor.get(i, 0))
                    if at < 0:
                        at = unit_text.find(core)
                    if at >= 0:
                        self.cursor[i] = at + len(core)
                        return [text[:lead], (i, at, at + len(core)), text[len(text) - trail:]]
        return None


# --- the record ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class SlideText:
    """A built slide's id, its fields and notes, and the source file it was planned from."""

    slide_id: int
    fields: dict[str, str]
    notes: str | None
    file: str


def build_record(name: str, digests: dict[str, str], units: Sequence[Unit],
                 slides: Sequence[SlideText]) -> dict[str, Any]:
    """The record of a deck: which source each of its slides' texts came from."""
    matcher = Matcher(units)
    used: dict[int, int] = {}  # unit index -> index in the record
    slide_list: list[Any] = []
    for slide in slides:
        fields: list[Any] = []
        texts = list(slide.fields.items())
        if slide.notes is not None:
            texts.append((NOTES_KEY, slide.notes))
        for key, text in texts:
            template = matcher.template(text, slide.file) if text else None
            if template is not None:
                fields.append([key, _compact(template, units, used)])
        slide_list.append([slide.slide_id, fields])
    files = sorted(digests)
    order = sorted(used, key=used.__getitem__)
    unit_list = [_unit_entry(units[i], files) for i in order]
    return {"lectern": VERSION, "lecture": name, "files": [[f, digests[f]] for f in files],
            "units": unit_list, "slides": slide_list}


def _compact(template: Template, units: Sequence[Unit], used: dict[int, int]) -> list[Any]:
    """A template for JSON: a whole unit as its number, a piece as [number, start, end]."""
    out: list[Any] = []
    for part in template:
        if isinstance(part, str):
            out.append(part)
            continue
        i, start, end = part
        number = used.setdefault(i, len(used))
        out.append(number if (start, end) == (0, len(units[i].text)) else [number, start, end])
    return out


def _unit_entry(unit: Unit, files: list[str]) -> list[Any]:
    shown = None if unit.text == unit.source else unit.text
    return [unit.kind, files.index(unit.file), unit.start, unit.end, unit.style, unit.source,
            shown, unit.line]


def custom_properties(record: dict[str, Any]) -> bytes:
    """docProps/custom.xml holding the record as one text property."""
    root = etree.Element(f"{{{CUSTOM}}}Properties", nsmap={None: CUSTOM, "vt": VT})
    prop = etree.SubElement(root, f"{{{CUSTOM}}}property", fmtid=FMTID, pid="2", name=PROPERTY)
    value = json.dumps(record, ensure_ascii=False, separators=(",", ":"))
    etree.SubElement(prop, f"{{{VT}}}lpwstr").text = _xml_safe(value)
    return bytes(etree.tostring(root, xml_declaration=True, encoding="UTF-8",
                                standalone=True))


def _xml_safe(text: str) -> str:
    """JSON whose characters XML 1.0 can hold (json escapes the controls but not these)."""
    return text.replace("\ufffe", "\\ufffe").replace("\uffff", "\\uffff")


def read_record(xml: bytes) -> dict[str, Any] | None:
    """The record in a docProps/custom.xml, or None when it holds none."""
    parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False)
    root = etree.fromstring(xml, parser)
    for prop in root.iterchildren(f"{{{CUSTOM}}}property"):
        if prop.get("name") != PROPERTY:
            continue
        value = "".join(prop.itertext())
        record = json.loads(value)
        return record if isinstance(record, dict) else None
    return None
