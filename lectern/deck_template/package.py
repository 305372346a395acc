"""A PowerPoint template read as data: a bounded archive, XML without DTDs, and only the parts
lectern understands (masters, layouts, themes, their pictures, the notes master) kept."""

from __future__ import annotations

import io
import posixpath
import re
import zipfile
import zlib
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from lxml import etree

from ..limits import MAX_XML_ELEMENTS, MAX_XML_ELEMENTS_PART

# Bounds checked from the archive's directory before anything is inflated.
MAX_ENTRIES = 2000
MAX_PART = 64 << 20  # bytes, any one part uncompressed
MAX_XML_PART = 16 << 20  # bytes, one XML part uncompressed
MAX_TOTAL = 256 << 20  # bytes, every part kept, uncompressed
MAX_RATIO = 200  # uncompressed / compressed, for parts over RATIO_FLOOR
RATIO_FLOOR = 1 << 20

PKG_RELS = "http://schemas.openxmlformats.org/package/2006/relationships"
OFFICE_RELS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
CT_NS = "http://schemas.openxmlformats.org/package/2006/content-types"
R_NS = OFFICE_RELS
P_NS = "http://schemas.openxmlformats.org/presentationml/2006/main"
A_NS = "http://schemas.openxmlformats.org/drawingml/2006/main"

RT_DOCUMENT = f"{OFFICE_RELS}/officeDocument"
RT_MASTER = f"{OFFICE_RELS}/slideMaster"
RT_LAYOUT = f"{OFFICE_RELS}/slideLayout"
RT_THEME = f"{OFFICE_RELS}/theme"
RT_NOTES_MASTER = f"{OFFICE_RELS}/notesMaster"
RT_IMAGE = f"{OFFICE_RELS}/image"
RT_PRES_PROPS = f"{OFFICE_RELS}/presProps"
RT_VIEW_PROPS = f"{OFFICE_RELS}/viewProps"
RT_TABLE_STYLES = f"{OFFICE_RELS}/tableStyles"

_PML = "application/vnd.openxmlformats-officedocument.presentationml"
CT_PRESENTATION = f"{_PML}.presentation.main+xml"
MAIN_TYPES = {
    CT_PRESENTATION: "",
    f"{_PML}.template.main+xml": "",
    f"{_PML}.slideshow.main+xml": "",
    "application/vnd.ms-powerpoint.presentation.macroEnabled.main+xml": "a macro project",
    "application/vnd.ms-powerpoint.template.macroEnabled.main+xml": "a macro project",
    "application/vnd.ms-powerpoint.slideshow.macroEnabled.main+xml": "a macro project",
}
XML_TYPES = {
    RT_MASTER: f"{_PML}.slideMaster+xml",
    RT_LAYOUT: f"{_PML}.slideLayout+xml",
    RT_NOTES_MASTER: f"{_PML}.notesMaster+xml",
    RT_THEME: "application/vnd.openxmlformats-officedocument.theme+xml",
    RT_PRES_PROPS: f"{_PML}.presProps+xml",
    RT_VIEW_PROPS: f"{_PML}.viewProps+xml",
    RT_TABLE_STYLES: f"{_PML}.tableStyles+xml",
}
IMAGE_TYPES = {"png": "image/png", "jpeg": "image/jpeg", "jpg": "image/jpeg",
               "gif": "image/gif", "bmp": "image/bmp", "tif": "image/tiff", "tiff": "image/tiff",
               "emf": "image/x-emf", "wmf": "image/x-wmf"}
# What each kept part may point to; every other relationship is dropped.
ALLOWED = {
    "main": {RT_MASTER, RT_NOTES_MASTER, RT_THEME, RT_PRES_PROPS, RT_VIEW_PROPS,
             RT_TABLE_STYLES},
    RT_MASTER: {RT_LAYOUT, RT_THEME, RT_IMAGE},
    RT_LAYOUT: {RT_MASTER, RT_IMAGE},
    RT_NOTES_MASTER: {RT_THEME, RT_IMAGE},
    RT_THEME: {RT_IMAGE},
}
# Children of presentation.xml that point at parts lectern drops or hold nothing it needs.
PRESENTATION_DROPPED = ("handoutMasterIdLst", "embeddedFontLst", "custShowLst", "photoAlbum",
                        "custDataLst", "modifyVerifier", "smartTags", "extLst")
# What a dropped relationship's type says to the user.
DROPPED_NAMES = (
    ("thumbnail", ""), ("vbaProject", "a macro project"), ("oleObject", "embedded objects"),
    ("/package", "embedded objects"), ("activeX", "ActiveX controls"),
    ("control", "ActiveX controls"), ("customXml", "custom XML"),
    ("comment", "comments"), ("printerSettings", "printer settings"),
    ("/slide", "the template's own slides"), ("notesSlide", "the template's own slides"),
    ("hyperlink", "links"), ("font", "embedded fonts"), ("tags", "tags"),
    ("handoutMaster", "the handout master"),
    ("image", "pictures lectern cannot check"), ("audio", "sound"), ("video", "video"),
    ("media", "sound or video"), ("diagram", "diagrams"), ("chart", "charts"),
)


class TemplateError(Exception):
    """A template lectern cannot use; the message says why and what to do."""

    def __init__(self, message: str, hint: str = "") -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint


_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False,
                          dtd_validation=False, huge_tree=False, remove_blank_text=False)
_DOCTYPE = re.compile(rb"<!DOCTYPE|<!ENTITY", re.IGNORECASE)


def element_count(data: bytes) -> int:
    """An upper bound on the elements of an XML part, counted without parsing it: every
    markup start that does not end an element (comments and declarations count too)."""
    text = _utf8(data)
    return text.count(b"<") - text.count(b"</")


def _utf8(data: bytes) -> bytes:
    if data[:2] in (b"\xff\xfe", b"\xfe\xff"):
        return data.decode("utf-16", errors="replace").encode("utf-8")
    return data


def parse_xml(name: str, data: bytes) -> Any:
    """The root element of an XML part, refusing DTDs and entity declarations outright, and
    parts of more elements than MAX_XML_ELEMENTS_PART before they are parsed."""
    text = data
    if data[:2] in (b"\xff\xfe", b"\xfe\xff"):
        try:
            text = data.decode("utf-16").encode("utf-8")
        except UnicodeDecodeError:
            raise TemplateError(f"its part {name} is not readable text") from None
    count = element_count(text)
    if count > MAX_XML_ELEMENTS_PART:
        raise TemplateError(f"its part {name} has {count:,} XML elements; the limit is "
                            f"{MAX_XML_ELEMENTS_PART:,} in one part",
                            "simplify the drawings of that master or layout")
    if _DOCTYPE.search(text):
        raise TemplateError(f"its part {name} declares a DTD (<!DOCTYPE>), which a PowerPoint "
                            "file never has", "save the template again from PowerPoint")
    try:
        root = etree.fromstring(data, _PARSER)
    except etree.XMLSyntaxError as exc:
        raise TemplateError(f"its part {name} is not well-formed XML ({first_line(exc)})",
                            "save the template again from PowerPoint") from None
    if root.getroottree().docinfo.doctype:
        raise TemplateError(f"its part {name} declares a DTD")
    return root


def first_line(exc: Exception) -> str:
    """The first line of an exception's message, or its type's name."""
    return str(exc).splitlines()[0] if str(exc) else type(exc).__name__


def read_archive(data: bytes) -> dict[str, zipfile.ZipInfo]:
    """The archive's entries by name, after checking every bound from its directory."""
    if data[:4] == b"\xd0\xcf\x11\xe0":
        raise TemplateError("it is encrypted with a password, or an old binary .ppt file",
                            "save it from PowerPoint as a .pptx without a password")
    if data[:2] != b"PK":
        raise TemplateError("it is not a PowerPoint file (not a zip archive)")
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        infos = archive.infolist()
    except (zipfile.BadZipFile, ValueError, OSError) as exc:
        raise TemplateError(f"it is not a readable zip archive ({first_line(exc)})") from None
    if len(infos) > MAX_ENTRIES:
        raise TemplateError(f"its archive has {len(infos)} entries; the limit is {MAX_ENTRIES}")
    total = 0
    for info in infos:
        if info.flag_bits & 0x1:
            raise TemplateError("it is encrypted", "save it without a password")
        if info.file_size > MAX_PART:
            raise TemplateError(f"its part {info.filename} would unpack to "
                                f"{info.file_size >> 20} MiB; the limit is {MAX_PART >> 20} MiB")
        if info.file_size > RATIO_FLOOR and info.file_size > MAX_RATIO * max(1, info.compress_size):
            raise TemplateError(f"its part {info.filename} is compressed "
                                f"{info.file_size // max(1, info.compress_size)} to 1, "
                                f"more than any real part (limit {MAX_RATIO} to 1)")
        total += info.file_size
    if total > MAX_TOTAL:
        raise TemplateError(f"its archive would unpack to {total >> 20} MiB; the limit is "
                            f"{MAX_TOTAL >> 20} MiB")
    return {info.filename: info for info in infos}


@dataclass
class Rel:
    """One relationship of a part: its id, type and target."""

    rid: str
    reltype: str
    target: str  # partname ("/ppt/...") or an external reference
    external: bool


@dataclass
class Package:
    """A template's parts, read lazily within the bounds, and what was dropped from them."""

    data: bytes
    entries: dict[str, zipfile.ZipInfo]
    dropped: set[str] = field(default_factory=set)
    _zip: Any = None
    _read: int = 0
    _elements: int = 0
    _counted: set[str] = field(default_factory=set)

    def has(self, partname: str) -> bool:
        return partname.lstrip("/") in self.entries

    def blob(self, partname: str, limit: int = MAX_PART) -> bytes:
        name = partname.lstrip("/")
        info = self.entries.get(name)
        if info is None:
            raise TemplateError(f"it lacks its part {name}")
        if info.file_size > limit:
            raise TemplateError(f"its part {name} is {info.file_size >> 20} MiB; the limit is "
                                f"{limit >> 20} MiB")
        if self._zip is None:
            self._zip = zipfile.ZipFile(io.BytesIO(self.data))
        try:
            with self._zip.open(info) as handle:
                blob = handle.read(limit + 1)
        except (zipfile.BadZipFile, zlib.error, OSError, EOFError, ValueError,
                NotImplementedError) as exc:
            raise TemplateError(f"its part {name} cannot be unpacked ({first_line(exc)})") \
                from None
        if len(blob) > limit:
            raise TemplateError(f"its part {name} is larger than its archive says")
        self._read += len(blob)
        if self._read > MAX_TOTAL:
            raise TemplateError(f"its parts unpack to more than {MAX_TOTAL >> 20} MiB")
        return blob

    def xml(self, partname: str) -> Any:
        """A part's parsed XML, within the bounds on elements of one part and of all."""
        data = self.blob(partname, MAX_XML_PART)
        if partname not in self._counted:  # lectern reading a part again counts it once
            self._counted.add(partname)
            self._elements += element_count(data)
        if self._elements > MAX_XML_ELEMENTS:
            raise TemplateError(f"its XML parts have more than {MAX_XML_ELEMENTS:,} elements "
                                f"together (reading {partname.lstrip('/')})",
                                "simplify the drawings of its masters and layouts")
        return parse_xml(partname.lstrip("/"), data)

    def rels(self, partname: str) -> list[Rel]:
        """The relationships of a part ("/" for the package's own)."""
        folder, base = posixpath.split(partname)
        rels_name = posixpath.join(folder, "_rels", base + ".rels").lstrip("/")
        if partname == "/":
            rels_name = "_rels/.rels"
        if rels_name not in self.entries:
            return []
        root = self.xml("/" + rels_name)
        out = []
        for item in root.iter(f"{{{PKG_RELS}}}Relationship"):
            rid, reltype, target = item.get("Id"), item.get("Type"), item.get("Target")
            if not rid or not reltype or target is None:
                continue
            external = item.get("TargetMode") == "External"
            if not external:
                target = _resolve(folder if partname != "/" else "/", target)
            out.append(Rel(rid, reltype, target, external))
        return out

    def content_types(self) -> dict[str, str]:
        """Content types by partname (overrides) and by '.ext' (defaults)."""
        if "[Content_Types].xml" not in self.entries:
            raise TemplateError("it has no [Content_Types].xml, so it is not a PowerPoint file",
                                "save the template again from PowerPoint")
        root = self.xml("/[Content_Types].xml")
        out: dict[str, str] = {}
        for item in root:
            if not isinstance(item.tag, str):
                continue
            if item.tag == f"{{{CT_NS}}}Default" and item.get("Extension"):
                out["." + item.get("Extension").lower()] = item.get("ContentType", "")
            elif item.tag == f"{{{CT_NS}}}Override" and item.get("PartName"):
                out[item.get("PartName")] = item.get("ContentType", "")
        return out


def _resolve(folder: str, target: str) -> str:
    if target.startswith("/"):
        return posixpath.normpath(target)
    return posixpath.normpath(posixpath.join(folder or "/", target))


def dropped_name(reltype: str) -> str:
    """What a dropped relationship held, in the user's words."""
    for key, name in DROPPED_NAMES:
        if key in reltype:
            return name
    return "parts lectern does not use"


@dataclass(frozen=True)
class CleanPart:
    """One part of a cleaned package, ready to be zipped again."""

    partname: str
    content_type: str
    blob: bytes
    rels: tuple[tuple[str, str, str], ...]  # (rId, type, target partname)


def iter_scrubbed(root: Any, dropped_ids: set[str]) -> Iterator[Any]:
    """Elements of `root` whose r:* attributes point at dropped relationships."""
    for element in root.iter():
        if not isinstance(element.tag, str):
            continue
        for attr, value in element.attrib.items():
            if attr.startswith(f"{{{R_NS}}}") and value in dropped_ids:
                yield element
                break


_SHAPES = {f"{{{P_NS}}}{n}" for n in ("sp", "pic", "graphicFrame", "cxnSp", "grpSp",
                                       "contentPart")}
_SHAPES.add("{http://schemas.openxmlformats.org/markup-compatibility/2006}AlternateContent")
_REMOVE_SELF = {"hlinkClick", "hlinkHover", "hlinkMouseOver", "snd", "custData", "tags",
                "control", "sld", "embeddedFont", "custShow", "sldLayoutId", "sldMasterId",
                "notesMasterId", "handoutMasterId", "sldId"}


def scrub(root: Any, dropped_ids: set[str]) -> None:
    """Remove what refers to dropped relationships: a link or sound itself, a linked
    picture's link, and any shape built on an embedded object."""
    for element in list(iter_scrubbed(root, dropped_ids)):
        local = etree.QName(element).localname
        if element.getparent() is None:
            continue
        if local == "blip":
            for attr in list(element.attrib):
                if attr.startswith(f"{{{R_NS}}}") and element.get(attr) in dropped_ids:
                    del element.attrib[attr]
            continue
        if local == "svgBlip":
            ext = element.getparent()
            if ext.getparent() is not None:
                ext.getparent().remove(ext)
            continue
        if local in _REMOVE_SELF:
            element.getparent().remove(element)
            continue
        target = element
        while target is not None and target.tag not in _SHAPES:
            target = target.getparent()
        if target is None or target.getparent() is None:
            for attr in list(element.attrib):
                if attr.startswith(f"{{{R_NS}}}") and element.get(attr) in dropped_ids:
                    del element.attrib[attr]
        else:
            target.getparent().remove(target)


def serialize(root: Any) -> bytes:
    """An XML tree as the bytes of a standalone UTF-8 part."""
    return bytes(etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True))


def rels_xml(rels: tuple[tuple[str, str, str], ...], source: str) -> bytes:
    """The relationships part for the part `source`, targets made relative to it."""
    root = etree.Element(f"{{{PKG_RELS}}}Relationships", nsmap={None: PKG_RELS})
    folder = posixpath.dirname(source) if source != "/" else "/"
    for rid, reltype, target in rels:
        item = etree.SubElement(root, f"{{{PKG_RELS}}}Relationship")
        item.set("Id", rid)
        item.set("Type", reltype)
        item.set("Target", posixpath.relpath(target, folder) if folder != "/" else target[1:])
    return serialize(root)


def content_types_xml(parts: list[CleanPart]) -> bytes:
    """The package's [Content_Types].xml for `parts`."""
    root = etree.Element(f"{{{CT_NS}}}Types", nsmap={None: CT_NS})
    defaults = {"rels": "application/vnd.openxmlformats-package.relationships+xml",
                "xml": "application/xml"}
    for part in parts:
        ext = part.partname.rsplit(".", 1)[-1].lower()
        if part.content_type.startswith("image/"):
            defaults.setdefault(ext, part.content_type)
    for ext, ctype in sorted(defaults.items()):
        item = etree.SubElement(root, f"{{{CT_NS}}}Default")
        item.set("Extension", ext)
        item.set("ContentType", ctype)
    for part in parts:
        if not part.content_type.startswith("image/"):
            item = etree.SubElement(root, f"{{{CT_NS}}}Override")
            item.set("PartName", part.partname)
            item.set("ContentType", part.content_type)
    return serialize(root)


def zip_parts(parts: list[CleanPart]) -> bytes:
    """The clean package as a stored (uncompressed) zip: python-pptx opens it at once."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_STORED) as archive:
        archive.writestr(zipfile.ZipInfo("[Content_Types].xml", (1980, 1, 1, 0, 0, 0)),
                         content_types_xml(parts))
        main = next(p for p in parts if p.content_type == CT_PRESENTATION)
        archive.writestr(zipfile.ZipInfo("_rels/.rels", (1980, 1, 1, 0, 0, 0)),
                         rels_xml((("rId1", RT_DOCUMENT, main.partname),), "/"))
        for part in parts:
            name = part.partname.lstrip("/")
            archive.writestr(zipfile.ZipInfo(name, (1980, 1, 1, 0, 0, 0)), part.blob)
            if part.rels:
                folder, base = posixpath.split(name)
                archive.writestr(zipfile.ZipInfo(posixpath.join(folder, "_rels", base + ".rels"),
                                                 (1980, 1, 1, 0, 0, 0)),
                                 rels_xml(part.rels, part.partname))
    return out.getvalue()
