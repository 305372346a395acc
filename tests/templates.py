"""A corpus of deck templates built here: python-pptx's default, several masters, light and dark
section layouts, other slide sizes, localised layout names, an unmeasurable theme font, a
background on which nothing reads; templates with a designer's traits (a branded second
master, coloured and centred titles, pictures under and beside placeholders, a tiny section
body, a short title box, no slide number) listed with their traits in CORPUS; LibreOffice's
own templates converted; and hostile ones (external links, embedded objects, macros, DTDs, an
archive bomb)."""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pptx import Presentation
from pptx.util import Emu

from lectern.deck_template import TEMPLATE

IN = 914400
NS = {"a": "http://schemas.openxmlformats.org/drawingml/2006/main",
      "p": "http://schemas.openxmlformats.org/presentationml/2006/main",
      "r": "http://schemas.openxmlformats.org/officeDocument/2006/relationships"}
IMAGE_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/image"
MASTER1 = "ppt/slideMasters/slideMaster1.xml"
Edit = Callable[[dict[str, bytes]], None]


def files_of(data: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def zipped(files: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in files.items():
            archive.writestr(name, data)
    return out.getvalue()


def pptx_default() -> bytes:
    """python-pptx's own default template: 4:3, PowerPoint's standard layout names."""
    out = io.BytesIO()
    Presentation().save(out)
    return out.getvalue()


def edited(base: bytes, *edits: Edit) -> bytes:
    files = files_of(base)
    for edit in edits:
        edit(files)
    return zipped(files)


def _sub(files: dict[str, bytes], name: str, old: str, new: str, count: int = 0) -> None:
    files[name] = re.sub(old, new, files[name].decode("utf-8"), count=count).encode("utf-8")


def _layout_named(files: dict[str, bytes], name: str) -> str:
    for part, data in files.items():
        if part.startswith("ppt/slideLayouts/slideLayout") and part.endswith(".xml") and \
                f'name="{name}"'.encode() in data:
            return part
    raise KeyError(name)


def resized(base: bytes, width: int, height: int) -> bytes:
    """A template at another slide size, every own position and size scaled to it."""
    prs = Presentation(io.BytesIO(base))
    fx, fy = width / prs.slide_width, height / prs.slide_height
    prs.slide_width, prs.slide_height = Emu(width), Emu(height)
    elements = [prs.slide_master.element] + [lay.element for lay in prs.slide_layouts]
    for element in elements:
        for off in element.iter("{http://schemas.openxmlformats.org/drawingml/2006/main}off"):
            off.set("x", str(round(int(off.get("x")) * fx)))
            off.set("y", str(round(int(off.get("y")) * fy)))
        for ext in element.iter("{http://schemas.openxmlformats.org/drawingml/2006/main}ext"):
            if ext.get("cx") is not None:
                ext.set("cx", str(round(int(ext.get("cx")) * fx)))
                ext.set("cy", str(round(int(ext.get("cy")) * fy)))
    out = io.BytesIO()
    prs.save(out)
    return out.getvalue()


def _rect(shape_id: int, x: int, y: int, w: int, h: int, colour: str) -> str:
    return (f'<p:sp><p:nvSpPr><p:cNvPr id="{shape_id}" name="bar {shape_id}"/><p:cNvSpPr/>'
            f'<p:nvPr userDrawn="1"/></p:nvSpPr><p:spPr><a:xfrm><a:off x="{x}" y="{y}"/>'
            f'<a:ext cx="{w}" cy="{h}"/></a:xfrm><a:prstGeom prst="rect"><a:avLst/>'
            f'</a:prstGeom><a:solidFill><a:srgbClr val="{colour}"/></a:solidFill></p:spPr>'
            f'</p:sp>')


def with_bars(files: dict[str, bytes]) -> None:
    """Bars across the top and bottom of the master, and the slide number in the middle of
    the right edge (10 × 5.625 in)."""
    bars = (_rect(900, 0, 0, 10 * IN, round(0.55 * IN), "1F3A5F")
            + _rect(901, 0, round(5.1 * IN), 10 * IN, round(0.525 * IN), "1F3A5F"))
    _sub(files, "ppt/slideMasters/slideMaster1.xml", r"(<p:spTree>.*?</p:grpSpPr>)",
         lambda m: m.group(1) + bars, 1)  # type: ignore[arg-type]
    for name in [n for n in files if re.fullmatch(r"ppt/slide(Masters/slideMaster|Layouts/"
                                                   r"slideLayout)\d+\.xml", n)]:
        _sub(files, name, r'(<p:ph type="sldNum"[^>]*/>\s*</p:nvPr>\s*</p:nvSpPr>\s*<p:spPr>)'
             r'(<a:xfrm>.*?</a:xfrm>)?',
             lambda m: m.group(1) + f'<a:xfrm><a:off x="{round(9.2 * IN)}" '
             f'y="{round(2.55 * IN)}"/><a:ext cx="{round(0.7 * IN)}" cy="{round(0.5 * IN)}"/>'
             '</a:xfrm>')  # type: ignore[arg-type]


def section_background(colour: str, title_colour: str) -> Edit:
    """The 'Section Header' layout on a background of its own, its title in a theme colour."""
    def edit(files: dict[str, bytes]) -> None:
        name = _layout_named(files, "Section Header")
        _background(files, name, _solid(colour))
        _title_colour(name, "title", title_colour)(files)
    return edit


def checkerboard(width: int = 256, height: int = 144, square: int = 8) -> bytes:
    """A PNG of black and white squares: a background on which no colour reads."""
    from PIL import Image

    picture = Image.new("L", (width, height))
    picture.putdata([255 * ((x // square + y // square) % 2) for y in range(height)
                     for x in range(width)])
    out = io.BytesIO()
    picture.save(out, "PNG")
    return out.getvalue()


def picture_background(png: bytes) -> Edit:
    """The master's background a picture (every layout shows it)."""
    def edit(files: dict[str, bytes]) -> None:
        files["ppt/media/busy.png"] = png
        _sub(files, "[Content_Types].xml", r"(<Types [^>]*>)",
             r'\1<Default Extension="png" ContentType="image/png"/>', 1)
        _sub(files, "ppt/slideMasters/_rels/slideMaster1.xml.rels", r"</Relationships>",
             '<Relationship Id="rId900" Type="http://schemas.openxmlformats.org/officeDocument/'
             '2006/relationships/image" Target="../media/busy.png"/></Relationships>', 1)
        _sub(files, "ppt/slideMasters/slideMaster1.xml", r"<p:bg>.*?</p:bg>",
             '<p:bg><p:bgPr><a:blipFill><a:blip r:embed="rId900"/><a:stretch><a:fillRect/>'
             '</a:stretch></a:blipFill><a:effectLst/></p:bgPr></p:bg>', 1)
    return edit


def renamed(names: dict[str, str]) -> Edit:
    def edit(files: dict[str, bytes]) -> None:
        for old, new in names.items():
            name = _layout_named(files, old)
            _sub(files, name, f'<p:cSld name="{re.escape(old)}"', f'<p:cSld name="{new}"', 1)
    return edit


GERMAN = {"Title Slide": "Titelfolie", "Title and Content": "Titel und Inhalt",
          "Section Header": "Abschnittsüberschrift", "Title Only": "Nur Titel", "Blank": "Leer"}
RUSSIAN = {"Title Slide": "Титульный слайд", "Title and Content": "Заголовок и объект",
           "Section Header": "Заголовок раздела", "Title Only": "Только заголовок"}


def theme_fonts(major: str, minor: str) -> Edit:
    def edit(files: dict[str, bytes]) -> None:
        name = "ppt/theme/theme1.xml"
        _sub(files, name, r'(<a:majorFont><a:latin typeface=")[^"]*', r"\g<1>" + major, 1)
        _sub(files, name, r'(<a:minorFont><a:latin typeface=")[^"]*', r"\g<1>" + minor, 1)
    return edit


def _copy_master(files: dict[str, bytes]) -> str:
    """A second master with copies of every layout of the first (same names) and a theme of
    its own; return the new master's part name."""
    master = files[MASTER1].decode("utf-8")
    master_rels = files[_rels_name(MASTER1)].decode("utf-8")
    layouts = sorted((n for n in files if re.fullmatch(r"ppt/slideLayouts/slideLayout\d+\.xml", n)),
                     key=lambda n: int(re.findall(r"\d+", n)[0]))
    count = len(layouts)
    rels2 = master_rels.replace("../theme/theme1.xml", "../theme/theme2.xml")
    for i, name in enumerate(layouts, start=1):
        new = f"ppt/slideLayouts/slideLayout{count + i}.xml"
        files[new] = files[name]
        files[_rels_name(new)] = files[_rels_name(name)].replace(b"slideMaster1.xml",
                                                                 b"slideMaster2.xml")
        rels2 = rels2.replace(f'Target="../slideLayouts/slideLayout{i}.xml"',
                              f'Target="../slideLayouts/slideLayout_{count + i}.xml"')
    master2 = "ppt/slideMasters/slideMaster2.xml"
    files[_rels_name(master2)] = rels2.replace("slideLayout_", "slideLayout").encode()
    files["ppt/theme/theme2.xml"] = files["ppt/theme/theme1.xml"]
    ids = iter(range(2147483700, 2147483800))
    files[master2] = re.sub(r'<p:sldLayoutId id="\d+"',
                            lambda m: f'<p:sldLayoutId id="{next(ids)}"', master).encode()
    _sub(files, "ppt/presentation.xml", r"(<p:sldMasterIdLst>.*?)(</p:sldMasterIdLst>)",
         r'\1<p:sldMasterId id="2147483690" r:id="rId900"/>\2', 1)
    _sub(files, "ppt/_rels/presentation.xml.rels", r"</Relationships>",
         '<Relationship Id="rId900" Type="http://schemas.openxmlformats.org/officeDocument/'
         '2006/relationships/slideMaster" Target="slideMasters/slideMaster2.xml"/>'
         "</Relationships>", 1)
    kind = "application/vnd.openxmlformats-officedocument."
    overrides = "".join(
        f'<Override PartName="/ppt/slideLayouts/slideLayout{count + i}.xml" ContentType="'
        f'{kind}presentationml.slideLayout+xml"/>' for i in range(1, count + 1))
    overrides += (f'<Override PartName="/{master2}" ContentType="{kind}presentationml.'
                  'slideMaster+xml"/><Override PartName="/ppt/theme/theme2.xml" ContentType="'
                  f'{kind}theme+xml"/>')
    _sub(files, "[Content_Types].xml", "</Types>", overrides + "</Types>", 1)
    return master2


def two_masters(files: dict[str, bytes]) -> None:
    """A second master with copies of every layout; the first keeps only 'Blank', so every
    layout lectern uses sits under the second master."""
    master_rels = files[_rels_name(MASTER1)].decode("utf-8")
    blank = _layout_named(files, "Blank").rsplit("/", 1)[1]
    _copy_master(files)
    rid = re.search(rf'Id="(rId\d+)"[^>]*Target="../slideLayouts/{blank}"', master_rels)
    assert rid is not None
    _sub(files, MASTER1, r"<p:sldLayoutIdLst>.*?</p:sldLayoutIdLst>",
         f'<p:sldLayoutIdLst><p:sldLayoutId id="2147483649" r:id="{rid.group(1)}"/>'
         "</p:sldLayoutIdLst>")


def as_potx(files: dict[str, bytes]) -> None:
    _sub(files, "[Content_Types].xml", r"presentationml\.presentation\.main\+xml",
         "presentationml.template.main+xml")


def corpus() -> dict[str, bytes]:
    """The built templates by file name (every entry of CORPUS)."""
    return {name: entry.build() for name, entry in CORPUS.items()}


# --- hostile templates -------------------------------------------------------------------

EXTERNAL = ('<Relationship Id="rId{n}" Type="http://schemas.openxmlformats.org/officeDocument/'
            '2006/relationships/image" Target="file://attacker/share/{n}.png" '
            'TargetMode="External"/>')


def external_links(files: dict[str, bytes]) -> None:
    """An external relationship in a layout, master, theme, notes master, presentation and
    the package, and a linked picture on the layout that uses one."""
    for n, name in enumerate(("ppt/slideLayouts/_rels/slideLayout1.xml.rels",
                              "ppt/slideMasters/_rels/slideMaster1.xml.rels",
                              "ppt/theme/_rels/theme1.xml.rels",
                              "ppt/notesMasters/_rels/notesMaster1.xml.rels",
                              "ppt/_rels/presentation.xml.rels", "_rels/.rels"), start=801):
        text = files.get(name, b'<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns='
                         b'"http://schemas.openxmlformats.org/package/2006/relationships">'
                         b'</Relationships>').decode()
        files[name] = text.replace("</Relationships>",
                                   EXTERNAL.format(n=n) + "</Relationships>").encode()
    picture = ('<p:pic><p:nvPicPr><p:cNvPr id="950" name="linked"/><p:cNvPicPr/><p:nvPr/>'
               '</p:nvPicPr><p:blipFill><a:blip r:link="rId801"/><a:stretch><a:fillRect/>'
               '</a:stretch></p:blipFill><p:spPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="10" '
               'cy="10"/></a:xfrm><a:prstGeom prst="rect"><a:avLst/></a:prstGeom></p:spPr>'
               '</p:pic>')
    _sub(files, "ppt/slideLayouts/slideLayout1.xml", r"(</p:grpSpPr>)", r"\1" + picture, 1)


def embedded_object(files: dict[str, bytes]) -> None:
    files["ppt/embeddings/oleObject1.bin"] = b"\xd0\xcf\x11\xe0" + b"\0" * 512
    files["ppt/embeddings/Macro.docm"] = b"PK\x03\x04 not really a document"
    _sub(files, "ppt/slideMasters/_rels/slideMaster1.xml.rels", "</Relationships>",
         '<Relationship Id="rId700" Type="http://schemas.openxmlformats.org/officeDocument/'
         '2006/relationships/oleObject" Target="../embeddings/oleObject1.bin"/>'
         '<Relationship Id="rId701" Type="http://schemas.openxmlformats.org/officeDocument/'
         '2006/relationships/package" Target="../embeddings/Macro.docm"/></Relationships>', 1)
    frame = ('<p:graphicFrame><p:nvGraphicFramePr><p:cNvPr id="960" name="ole"/>'
             '<p:cNvGraphicFramePr/><p:nvPr/></p:nvGraphicFramePr><p:xfrm><a:off x="0" y="0"/>'
             '<a:ext cx="100" cy="100"/></p:xfrm><a:graphic><a:graphicData uri="http://'
             'schemas.openxmlformats.org/presentationml/2006/ole"><p:oleObj r:id="rId700" '
             'progId="Package"/></a:graphicData></a:graphic></p:graphicFrame>')
    _sub(files, "ppt/slideMasters/slideMaster1.xml", r"(</p:grpSpPr>)", r"\1" + frame, 1)


def macros(files: dict[str, bytes]) -> None:
    """A macro project, and the macro-enabled content type (a .pptm renamed .pptx)."""
    files["ppt/vbaProject.bin"] = b"\xd0\xcf\x11\xe0" + b"\0" * 256
    _sub(files, "ppt/_rels/presentation.xml.rels", "</Relationships>",
         '<Relationship Id="rId777" Type="http://schemas.microsoft.com/office/2006/'
         'relationships/vbaProject" Target="vbaProject.bin"/></Relationships>', 1)
    _sub(files, "[Content_Types].xml", r"presentationml\.presentation\.main\+xml",
         "ms-powerpoint.presentation.macroEnabled.main+xml")
    _sub(files, "[Content_Types].xml", r'application/vnd\.openxmlformats-officedocument\.'
         r'ms-powerpoint', "application/vnd.ms-powerpoint")
    _sub(files, "[Content_Types].xml", "</Types>",
         '<Default Extension="bin" ContentType="application/vnd.ms-office.vbaProject"/>'
         "</Types>", 1)


def undeclared_entity(files: dict[str, bytes]) -> None:
    _sub(files, "ppt/slideLayouts/slideLayout1.xml", r'name="([^"]*)"', r'name="\1 &xfile;"', 1)


def billion_laughs(files: dict[str, bytes]) -> None:
    def entity(i: int) -> str:
        inner = (f"&lol{i - 1};" if i > 1 else "&lol;") * 10
        return f'<!ENTITY lol{i} "{inner}">'
    doctype = '<!DOCTYPE lolz [<!ENTITY lol "lol">' + "".join(map(entity, range(1, 10))) + "]>"
    text = files["ppt/slideLayouts/slideLayout1.xml"].decode()
    text = re.sub(r"^(<\?xml[^>]*\?>)", lambda m: m.group(1) + doctype, text)
    files["ppt/slideLayouts/slideLayout1.xml"] = text.replace(
        'name="', 'name="&lol9;', 1).encode()


def unlinked_layouts(files: dict[str, bytes]) -> None:
    _sub(files, "ppt/slideMasters/slideMaster1.xml", r"<p:sldLayoutIdLst>.*?</p:sldLayoutIdLst>",
         "<p:sldLayoutIdLst/>")


def names_in_comments(files: dict[str, bytes]) -> None:
    """Layouts without names, a lectern name only in an XML comment."""
    for name in [n for n in files if re.fullmatch(r"ppt/slideLayouts/slideLayout\d+\.xml", n)]:
        _sub(files, name, r'<p:cSld name="([^"]*)"',
             r'<!-- <p:cSld name="lectern Title"> --><p:cSld', 1)


def latin1_names(files: dict[str, bytes]) -> None:
    """A layout declared as ISO-8859-1 with a name in that encoding; another not UTF-8 at all."""
    name = _layout_named(files, "Title Only")
    text = re.sub(r"^<\?xml[^>]*\?>", '<?xml version="1.0" encoding="ISO-8859-1"?>',
                  files[name].decode("utf-8"))
    files[name] = text.replace('name="Title Only"', 'name="Titre seul é"').encode(
        "latin-1", "xmlcharrefreplace")


def not_utf8(files: dict[str, bytes]) -> None:
    name = _layout_named(files, "Title Only")
    files[name] = files[name].replace(b'name="Title Only"', b'name="Titre \xe9"')


def no_content_types(files: dict[str, bytes]) -> None:
    del files["[Content_Types].xml"]


def bomb(size: int = 3 << 30) -> bytes:
    """A template whose layout part unpacks to `size` bytes of zeros (a few MB zipped)."""
    files = files_of(TEMPLATE.read_bytes())
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in files.items():
            if name != "ppt/slideLayouts/slideLayout1.xml":
                archive.writestr(name, data)
        info = zipfile.ZipInfo("ppt/slideLayouts/slideLayout1.xml", (1980, 1, 1, 0, 0, 0))
        info.compress_type = zipfile.ZIP_DEFLATED
        chunk = b"\0" * (64 << 20)
        with archive.open(info, "w", force_zip64=True) as handle:
            for _ in range(size // len(chunk)):
                handle.write(chunk)
    return out.getvalue()


def write_all(folder: Path, templates: dict[str, bytes]) -> dict[str, Path]:
    folder.mkdir(parents=True, exist_ok=True)
    paths = {}
    for name, data in templates.items():
        path = folder / name
        path.write_bytes(data)
        paths[name] = path
    return paths




# --- the designer's corpus: traits real templates have ------------------------------------
#
# Each template below is built from python-pptx's default with lxml edits and pictures drawn
# with PIL here (deterministic: no binary file in the repository).



def _edit_xml(files: dict[str, bytes], name: str, change: Callable[[Any], None]) -> None:
    """Parse a part, let `change` edit its root element, and store it back."""
    from lxml import etree

    root = etree.fromstring(files[name])
    change(root)
    files[name] = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def _fragment(xml: str) -> Any:
    """An element from a fragment written with the a:, p: and r: prefixes."""
    from lxml import etree

    names = " ".join(f'xmlns:{k}="{v}"' for k, v in NS.items())
    return etree.fromstring(f"<p:wrap {names}>{xml}</p:wrap>")[0]


def layout_parts(files: dict[str, bytes], master: str = MASTER1) -> list[str]:
    """The layout parts of a master, in its layout order."""
    rels = files[_rels_name(master)].decode()
    targets = dict(re.findall(r'Id="(rId\d+)"[^>]*Target="\.\./slideLayouts/([^"]+)"', rels))
    ids = re.findall(r'<p:sldLayoutId [^>]*r:id="(rId\d+)"', files[master].decode())
    return [f"ppt/slideLayouts/{targets[i]}" for i in ids if i in targets]


def _rels_name(part: str) -> str:
    folder, name = part.rsplit("/", 1)
    return f"{folder}/_rels/{name}.rels"


def _layout_of_type(files: dict[str, bytes], kind: str, master: str = MASTER1) -> str:
    for name in layout_parts(files, master):
        if re.search(rb'<p:sldLayout [^>]*type="' + kind.encode() + b'"', files[name]):
            return name
    raise KeyError(kind)


def _add_png(files: dict[str, bytes], part: str, png: bytes, stem: str) -> str:
    """Store a PNG in the package, related to `part`; return the relationship's id."""
    files[f"ppt/media/{stem}.png"] = png
    if b'Extension="png"' not in files["[Content_Types].xml"]:
        _sub(files, "[Content_Types].xml", r"(<Types [^>]*>)",
             r'\1<Default Extension="png" ContentType="image/png"/>', 1)
    rels = _rels_name(part)
    text = files[rels].decode()
    rid = f"rId{800 + len(re.findall('Relationship ', text))}"
    files[rels] = text.replace("</Relationships>", f'<Relationship Id="{rid}" Type="{IMAGE_REL}"'
                               f' Target="../media/{stem}.png"/></Relationships>').encode()
    return rid


def _pic_xml(shape_id: int, name: str, rid: str, box: tuple[float, float, float, float]) -> str:
    x, y, w, h = (round(v * IN) for v in box)
    return (f'<p:pic><p:nvPicPr><p:cNvPr id="{shape_id}" name="{name}" descr="{name}"/>'
            '<p:cNvPicPr><a:picLocks noChangeAspect="1"/></p:cNvPicPr><p:nvPr userDrawn="1"/>'
            f'</p:nvPicPr><p:blipFill><a:blip r:embed="{rid}"/><a:stretch><a:fillRect/>'
            f'</a:stretch></p:blipFill><p:spPr><a:xfrm><a:off x="{x}" y="{y}"/><a:ext cx="{w}" '
            f'cy="{h}"/></a:xfrm><a:prstGeom prst="rect"><a:avLst/></a:prstGeom></p:spPr>'
            '</p:pic>')


def _shape_xml(shape_id: int, name: str, box: tuple[float, float, float, float], colour: str,
               geometry: str = "rect") -> str:
    x, y, w, h = (round(v * IN) for v in box)
    return (f'<p:sp><p:nvSpPr><p:cNvPr id="{shape_id}" name="{name}"/><p:cNvSpPr/>'
            f'<p:nvPr userDrawn="1"/></p:nvSpPr><p:spPr><a:xfrm><a:off x="{x}" y="{y}"/>'
            f'<a:ext cx="{w}" cy="{h}"/></a:xfrm><a:prstGeom prst="{geometry}"><a:avLst/>'
            f'</a:prstGeom><a:solidFill><a:srgbClr val="{colour}"/></a:solidFill><a:ln>'
            '<a:noFill/></a:ln></p:spPr></p:sp>')


def _draw(files: dict[str, bytes], part: str, xml: str, under: bool = True) -> None:
    """Add shapes to a master or layout: under its placeholders (drawn first) or over them."""
    def change(root: Any) -> None:
        tree = root.find("p:cSld/p:spTree", NS)
        at = list(tree).index(tree.find("p:grpSpPr", NS)) + 1 if under else len(tree)
        for offset, element in enumerate(_fragment(f"<p:wrap>{xml}</p:wrap>")):
            tree.insert(at + offset, element)
    _edit_xml(files, part, change)


def _picture(files: dict[str, bytes], part: str, png: bytes, stem: str, shape_id: int,
             box: tuple[float, float, float, float], under: bool = True) -> None:
    _draw(files, part, _pic_xml(shape_id, stem, _add_png(files, part, png, stem), box), under)


def _background(files: dict[str, bytes], part: str, fill: str) -> None:
    """Give a master or layout its own background (a:solidFill or a:blipFill XML)."""
    def change(root: Any) -> None:
        c_sld = root.find("p:cSld", NS)
        old = c_sld.find("p:bg", NS)
        if old is not None:
            c_sld.remove(old)
        c_sld.insert(0, _fragment(f"<p:bg><p:bgPr>{fill}<a:effectLst/></p:bgPr></p:bg>"))
    _edit_xml(files, part, change)


def _solid(colour: str) -> str:
    return f'<a:solidFill><a:srgbClr val="{colour}"/></a:solidFill>'


def _placeholder(root: Any, kind: str) -> Any:
    """The placeholder of a type on a master or layout ('body' also finds idx-only ones)."""
    for sp in root.iterfind(".//p:sp", NS):
        ph = sp.find("p:nvSpPr/p:nvPr/p:ph", NS)
        if ph is not None and (ph.get("type") or "body") == kind:
            return sp
    raise KeyError(kind)


def _move(files: dict[str, bytes], part: str, kind: str,
          box: tuple[float, float, float, float]) -> None:
    """Give a placeholder its own position and size on a master or layout (inches)."""
    def change(root: Any) -> None:
        sp_pr = _placeholder(root, kind).find("p:spPr", NS)
        old = sp_pr.find("a:xfrm", NS)
        if old is not None:
            sp_pr.remove(old)
        x, y, w, h = (round(v * IN) for v in box)
        sp_pr.insert(0, _fragment(f'<a:xfrm><a:off x="{x}" y="{y}"/><a:ext cx="{w}" cy="{h}"/>'
                                  "</a:xfrm>"))
    _edit_xml(files, part, change)


def _drop_placeholders(files: dict[str, bytes], kind: str) -> None:
    """Remove every placeholder of a type from the masters and layouts."""
    parts = [n for n in files if re.fullmatch(r"ppt/slide(Masters/slideMaster|Layouts/"
                                             r"slideLayout)\d+\.xml", n)]
    for part in parts:
        def change(root: Any) -> None:
            for sp in list(root.iterfind(".//p:sp", NS)):
                ph = sp.find("p:nvSpPr/p:nvPr/p:ph", NS)
                if ph is not None and ph.get("type") == kind:
                    sp.getparent().remove(sp)
        _edit_xml(files, part, change)


def title_style(algn: str, colour: str, typeface: str | None = None,
                master: str = MASTER1) -> Edit:
    """The master's title style: alignment, an RGB colour, and a face of its own if given."""
    def edit(files: dict[str, bytes]) -> None:
        def change(root: Any) -> None:
            level = root.find("p:txStyles/p:titleStyle/a:lvl1pPr", NS)
            level.set("algn", algn)
            rpr = level.find("a:defRPr", NS)
            fill = rpr.find("a:solidFill", NS)
            rpr.replace(fill, _fragment(_solid(colour)))
            if typeface is not None:
                rpr.find("a:latin", NS).set("typeface", typeface)
        _edit_xml(files, master, change)
    return edit


def dark_scheme(dark: str, light: str = "FFFFFF", theme: str = "ppt/theme/theme1.xml",
                master: str = MASTER1) -> Edit:
    """A dark template: the theme's dk1 is `dark`, and the master maps bg1 to it and tx1 to
    the light colour (as dark PowerPoint themes do)."""
    def edit(files: dict[str, bytes]) -> None:
        _sub(files, theme, r"<a:dk1>.*?</a:dk1>", f'<a:dk1><a:srgbClr val="{dark}"/></a:dk1>', 1)
        _sub(files, theme, r"<a:lt1>.*?</a:lt1>", f'<a:lt1><a:srgbClr val="{light}"/></a:lt1>',
             1)
        _sub(files, master, r'<p:clrMap bg1="lt1" tx1="dk1" bg2="lt2" tx2="dk2"',
             '<p:clrMap bg1="dk1" tx1="lt1" bg2="dk2" tx2="lt2"', 1)
    return edit


def no_slide_numbers(files: dict[str, bytes]) -> None:
    """No slide-number placeholder on the master or any layout."""
    _drop_placeholders(files, "sldNum")


# --- pictures (PIL, deterministic) ---


def _png(picture: Any) -> bytes:
    out = io.BytesIO()
    picture.save(out, "PNG", optimize=False)
    return out.getvalue()


def logo_png(colour: tuple[int, int, int] = (180, 20, 40), size: int = 160) -> bytes:
    """A shield-and-bar emblem on a transparent ground, as institutions put in a corner."""
    from PIL import Image, ImageDraw

    picture = Image.new("RGBA", (size, size), (0, 0, 0, 0))
    draw = ImageDraw.Draw(picture)
    s = size
    draw.polygon([(s * .15, s * .08), (s * .85, s * .08), (s * .85, s * .55), (s * .5, s * .92),
                  (s * .15, s * .55)], fill=(*colour, 255))
    draw.rectangle([s * .3, s * .28, s * .7, s * .38], fill=(255, 255, 255, 255))
    draw.rectangle([s * .45, s * .2, s * .55, s * .7], fill=(255, 255, 255, 255))
    return _png(picture)


def photo_png(width: int = 320, height: int = 180, seed: int = 7,
              light: bool = True) -> bytes:
    """A photo-like picture: a sky gradient, a skyline of blocks and fine grain (seeded)."""
    import random

    from PIL import Image, ImageDraw

    rng = random.Random(seed)
    picture = Image.new("RGB", (width, height))
    top, bottom = ((200, 222, 240), (238, 240, 236)) if light else ((24, 40, 70), (70, 60, 50))
    for y in range(height):
        t = y / (height - 1)
        picture.paste(tuple(round(a + (b - a) * t) for a, b in zip(top, bottom, strict=True)),
                      (0, y, width, y + 1))
    draw = ImageDraw.Draw(picture)
    x = 0
    while x < width:
        w, h = rng.randint(12, 40), rng.randint(height // 6, height // 2)
        shade = rng.randint(170, 215) if light else rng.randint(30, 80)
        draw.rectangle([x, height - h, x + w, height], fill=(shade, shade - 8, shade - 16))
        x += w + rng.randint(0, 6)
    grain = [rng.randint(-6, 6) for _ in range(width * height)]
    pixels = picture.load()
    for i, noise in enumerate(grain):
        px, py = i % width, i // width
        pixels[px, py] = tuple(max(0, min(255, c + noise)) for c in pixels[px, py])
    return _png(picture)


def circles_png(ground: tuple[int, int, int], ring: tuple[int, int, int],
                width: int = 480, height: int = 270) -> bytes:
    """Decorative rings on the template's ground, for text to sit on."""
    from PIL import Image, ImageDraw

    picture = Image.new("RGB", (width, height), ground)
    draw = ImageDraw.Draw(picture)
    for cx, cy, r in ((0.2, 0.4, 0.35), (0.45, 0.7, 0.25), (0.7, 0.3, 0.2), (0.3, 0.85, 0.15)):
        box = [(cx - r) * width, cy * height - r * width, (cx + r) * width, cy * height + r * width]
        draw.ellipse(box, outline=ring, width=max(2, width // 80))
    return _png(picture)


# --- the designer's templates ---

FRENCH = {"Title Slide": "Diapositive de titre", "Title and Content": "Titre et contenu",
          "Section Header": "En-tête de section", "Two Content": "Deux contenus",
          "Comparison": "Comparaison", "Title Only": "Titre seul", "Blank": "Vide",
          "Content with Caption": "Contenu avec légende",
          "Picture with Caption": "Image avec légende",
          "Title and Vertical Text": "Titre et texte vertical",
          "Vertical Title and Text": "Titre vertical et texte"}
JAPANESE = {"Title Slide": "タイトル スライド", "Title and Content": "タイトルとコンテンツ",
            "Section Header": "セクション見出し", "Two Content": "2 つのコンテンツ",
            "Comparison": "比較", "Title Only": "タイトルのみ", "Blank": "白紙",
            "Content with Caption": "タイトル付きのコンテンツ",
            "Picture with Caption": "タイトル付きの図",
            "Title and Vertical Text": "タイトルと縦書きテキスト",
            "Vertical Title and Text": "縦書きタイトルと縦書きテキスト"}
CHINESE = {"Title Slide": "标题幻灯片", "Title and Content": "标题和内容",
           "Section Header": "节标题", "Two Content": "两栏内容", "Comparison": "比较",
           "Title Only": "仅标题", "Blank": "空白", "Content with Caption": "内容与标题",
           "Picture with Caption": "图片与标题", "Title and Vertical Text": "标题和竖排文字",
           "Vertical Title and Text": "竖排标题与文本"}
PORTUGUESE = {"Title Slide": "Slide de Título", "Title and Content": "Título e Conteúdo",
              "Section Header": "Cabeçalho da Seção", "Two Content": "Duas Partes de Conteúdo",
              "Comparison": "Comparação", "Title Only": "Somente Título", "Blank": "Em branco",
              "Content with Caption": "Conteúdo com Legenda",
              "Picture with Caption": "Imagem com Legenda",
              "Title and Vertical Text": "Título e Texto Vertical",
              "Vertical Title and Text": "Título e Texto Verticais"}
WIDE = (12192000, 6858000)


def _wide() -> bytes:
    return resized(pptx_default(), *WIDE)


def _title_colour(part: str, kind: str, colour: str) -> Edit:
    """One layout's title placeholder in a colour of its own (a scheme name or RRGGBB), the
    rest of its list style kept."""
    fill = (f'<a:solidFill><a:schemeClr val="{colour}"/></a:solidFill>' if len(colour) != 6
            else _solid(colour))

    def edit(files: dict[str, bytes]) -> None:
        def change(root: Any) -> None:
            body = _placeholder(root, kind).find("p:txBody", NS)
            styles = body.find("a:lstStyle", NS)
            level = styles.find("a:lvl1pPr", NS)
            if level is None:
                level = _fragment("<a:lvl1pPr/>")
                styles.insert(0, level)
            run = level.find("a:defRPr", NS)
            if run is None:
                run = _fragment("<a:defRPr/>")
                level.append(run)
            for old in run.findall("a:solidFill", NS):
                run.remove(old)
            run.insert(0, _fragment(fill))
        _edit_xml(files, part if "/" in part else _layout_of_type(files, part), change)
    return edit


def branded_master(files: dict[str, bytes]) -> None:
    """A second master, same layout names as the first, carrying the institution's brand: a
    campus photo as its background, red banners top and bottom, the logo beside the title, a
    red title; its title layout sets white text on a red band."""
    master2 = _copy_master(files)
    photo = _add_png(files, master2, photo_png(), "campus")
    _background(files, master2, f'<a:blipFill><a:blip r:embed="{photo}"/><a:stretch>'
                "<a:fillRect/></a:stretch></a:blipFill>")
    _draw(files, master2, _shape_xml(950, "banner top", (0, 0, 13.333, 0.3), "C8102E")
          + _shape_xml(951, "banner bottom", (0, 7.2, 13.333, 0.3), "C8102E"))
    _picture(files, master2, logo_png(), "crest", 952, (11.95, 0.45, 1.0, 1.0))
    _move(files, master2, "title", (0.67, 0.45, 11.0, 1.2))
    title_style("l", "C8102E", master=master2)(files)
    title = _layout_of_type(files, "title", master2)
    _draw(files, title, _shape_xml(953, "title band", (0, 2.2, 13.333, 2.0), "C8102E"))
    _move(files, title, "ctrTitle", (1.0, 2.35, 11.333, 1.7))
    _title_colour(title, "ctrTitle", "bg1")(files)


def branded_two_masters() -> bytes:
    return edited(_wide(), branded_master)


def coral_navy_french() -> bytes:
    """4:3, French layout names (the section layout 'En-tête de section'), navy ground, a
    centred coral title, and no slide-number placeholder anywhere."""
    return edited(pptx_default(), renamed(FRENCH), dark_scheme("1F2A44"),
                  title_style("ctr", "FF7F50"), no_slide_numbers)


def gold_japanese() -> bytes:
    """11.5 × 6.47 in, Japanese layout names, charcoal ground, a centred gold Cambria title,
    a section layout whose body placeholder is tiny and whose text lies over decorative
    rings, the logo beside the title."""
    def edit(files: dict[str, bytes]) -> None:
        section = _layout_of_type(files, "secHead")
        _picture(files, section, circles_png((38, 38, 38), (70, 70, 70)), "rings", 960,
                 (0, 0, 7.0, 6.47))
        _move(files, section, "title", (0.9, 2.3, 6.5, 1.3))
        _move(files, section, "body", (0.9, 3.7, 3.0, 0.3))
        _picture(files, MASTER1, logo_png((212, 160, 23)), "seal", 961, (10.93, 0.1, 0.5, 0.5))
    return edited(resized(pptx_default(), round(11.5 * IN), round(6.47 * IN)),
                  renamed(JAPANESE), dark_scheme("262626"),
                  title_style("ctr", "D4A017", "Cambria"), edit)


def short_title_chinese() -> bytes:
    """10 × 5.625 in, Chinese layout names ('节标题'), a master title box half an inch tall
    over the body, an accent rule under the title's last line."""
    def edit(files: dict[str, bytes]) -> None:
        _move(files, MASTER1, "title", (0.5, 0.15, 9.0, 0.5))
        _move(files, MASTER1, "body", (0.5, 0.8, 9.0, 4.2))
        _draw(files, MASTER1, _shape_xml(980, "rule", (0.6, 0.6, 1.6, 0.05), "C0504D"))
    return edited(resized(pptx_default(), 10 * IN, round(5.625 * IN)), renamed(CHINESE), edit)


def pictures_portuguese() -> bytes:
    """16:9, Portuguese layout names; a title slide with a photo above a blue band on which
    the title is white; content slides with a photo strip beside the placeholders and a pale
    emblem under the body; the logo beside the slide number."""
    def edit(files: dict[str, bytes]) -> None:
        title = _layout_of_type(files, "title")
        _picture(files, title, photo_png(seed=3), "harbour", 970, (0, 0, 13.333, 3.6))
        _draw(files, title, _shape_xml(971, "band", (0, 3.6, 13.333, 1.9), "1D4E89"))
        _move(files, title, "ctrTitle", (1.0, 3.75, 11.333, 1.6))
        _move(files, title, "subTitle", (2.0, 5.75, 9.333, 1.2))
        _title_colour(title, "ctrTitle", "bg1")(files)
        content = _layout_of_type(files, "obj")
        _picture(files, content, photo_png(80, 180, seed=5), "strip", 972, (0, 0, 2.2, 7.5))
        _picture(files, content, logo_png((225, 230, 238), 200), "emblem", 973,
                 (8.5, 3.0, 3.5, 3.5))
        _move(files, content, "title", (2.6, 0.4, 10.1, 1.2))
        _move(files, content, "body", (2.6, 1.8, 10.1, 5.0))
        _picture(files, MASTER1, logo_png((29, 78, 137)), "crest", 974, (12.75, 6.85, 0.45, 0.45))
    return edited(_wide(), renamed(PORTUGUESE), edit)


@dataclass(frozen=True)
class Entry:
    """A template of the corpus: how to build it and what a designer put in it."""

    build: Callable[[], bytes]
    traits: frozenset[str]


def _entry(build: Callable[[], bytes], *traits: str) -> Entry:
    return Entry(build, frozenset(traits))


CORPUS: dict[str, Entry] = {
    "lectern.pptx": _entry(TEMPLATE.read_bytes, "16:9", "lectern"),
    "python-pptx.pptx": _entry(pptx_default, "4:3", "layout-types"),
    "two-masters.pptx": _entry(lambda: edited(_wide(), two_masters), "16:9", "two-masters",
                               "layout-types"),
    "light-section.pptx": _entry(lambda: edited(_wide(), section_background("FFFFFF", "bg1")),
                                 "16:9", "layout-types", "unreadable-title"),
    "dark-section.pptx": _entry(lambda: edited(_wide(), section_background("1B1F3B", "tx1")),
                                "16:9", "layout-types", "unreadable-title"),
    "bars-10x5.625.pptx": _entry(lambda: edited(resized(pptx_default(), 10 * IN,
                                                        round(5.625 * IN)), with_bars),
                                 "16:9", "odd-size", "banners", "layout-types"),
    "16x10.pptx": _entry(lambda: resized(pptx_default(), 10 * IN, round(6.25 * IN)), "16:10",
                         "odd-size", "layout-types"),
    "german.pptx": _entry(lambda: edited(_wide(), renamed(GERMAN)), "16:9", "layout-types",
                          "non-english-names"),
    "russian.pptx": _entry(lambda: edited(_wide(), renamed(RUSSIAN)), "16:9", "layout-types",
                           "non-english-names"),
    "verdana.pptx": _entry(lambda: edited(_wide(), theme_fonts("Verdana", "Verdana")), "16:9",
                           "layout-types", "own-face"),
    "cambria-calibri.potx": _entry(lambda: edited(_wide(), theme_fonts("Cambria", "Calibri"),
                                                  as_potx), "16:9", "layout-types", "own-face",
                                   "potx"),
    "checkerboard.pptx": _entry(lambda: edited(_wide(), picture_background(checkerboard())),
                                "16:9", "layout-types", "picture-background", "unreadable"),
    "branded-two-masters.pptx": _entry(
        branded_two_masters, "16:9", "two-masters", "same-layout-names", "layout-types",
        "logo", "banners", "photo-background", "coloured-title", "title-on-band",
        "pictures-beside-placeholders"),
    "coral-navy-fr.pptx": _entry(
        coral_navy_french, "4:3", "layout-types", "non-english-names", "centred-title",
        "coloured-title", "dark", "no-slide-number"),
    "gold-ja-11.5x6.47.pptx": _entry(
        gold_japanese, "16:9", "odd-size", "layout-types", "non-english-names",
        "centred-title", "coloured-title", "own-face", "dark", "tiny-section-body", "logo",
        "pictures-under-placeholders", "pictures-beside-placeholders"),
    "short-title-zh-10x5.625.pptx": _entry(
        short_title_chinese, "16:9", "odd-size", "layout-types", "non-english-names",
        "short-title", "centred-title", "pictures-under-placeholders"),
    "pictures-pt.pptx": _entry(
        pictures_portuguese, "16:9", "layout-types", "non-english-names", "logo",
        "title-on-band", "pictures-under-placeholders", "pictures-beside-placeholders"),
}


# --- LibreOffice Impress's own templates ---


def libreoffice_folder(program: str) -> Path | None:
    """The folder of LibreOffice Impress's own templates (.otp), beside the soffice program."""
    here = Path(program).resolve().parent.parent
    for folder in (here / "share/template/common/presnt",
                   Path("/usr/lib/libreoffice/share/template/common/presnt")):
        if folder.is_dir() and list(folder.glob("*.otp")):
            return folder
    return None


def run_soffice(program: str, args: list[str], env: dict[str, str] | None = None) -> None:
    """One headless LibreOffice run with a profile of its own."""
    import os
    import subprocess
    import tempfile

    with tempfile.TemporaryDirectory() as profile:
        subprocess.run([program, f"-env:UserInstallation=file://{profile}", "--headless",
                        *args], check=True, capture_output=True, timeout=900,
                       env={**os.environ, "HOME": profile, **(env or {})})


def libreoffice_templates(program: str, out: Path) -> dict[str, Path]:
    """LibreOffice's templates converted to .pptx in one run, by name ('lo-<name>.pptx')."""
    folder = libreoffice_folder(program)
    if folder is None:
        return {}
    run_soffice(program, ["--convert-to", "pptx", "--outdir", str(out),
                          *map(str, sorted(folder.glob("*.otp")))])
    return {f"lo-{p.name}": p for p in sorted(out.glob("*.pptx"))}


# --- hostile templates, round 3: parts in the wrong role, costs over the limits ----------

def rel_target(part: str, old: str, new: str) -> Edit:
    """A relationship of `part` pointed at another part (`old`, `new`: its Target)."""
    def edit(files: dict[str, bytes]) -> None:
        folder, base = part.rsplit("/", 1)
        _sub(files, f"{folder}/_rels/{base}.rels", f'Target="{re.escape(old)}"',
             f'Target="{new}"', 1)
    return edit


def list_entry(part: str, entry: str, rid: str) -> Edit:
    """The first entry of a master or layout list (`entry`: sldMasterId, sldLayoutId) given
    another relationship id."""
    def edit(files: dict[str, bytes]) -> None:
        _sub(files, part, rf'(<p:{entry} [^>]*r:id=")rId\d+"', rf'\g<1>{rid}"', 1)
    return edit


def _png_chunk(kind: bytes, data: bytes) -> bytes:
    import zlib

    return (len(data).to_bytes(4, "big") + kind + data
            + zlib.crc32(kind + data).to_bytes(4, "big"))


def png_header(width: int, height: int) -> bytes:
    """A 1-bit PNG that says it is `width` × `height` (its pixels are never there)."""
    ihdr = width.to_bytes(4, "big") + height.to_bytes(4, "big") + bytes([1, 0, 0, 0, 0])
    return (b"\x89PNG\r\n\x1a\n" + _png_chunk(b"IHDR", ihdr)
            + _png_chunk(b"IDAT", b"x\x9c\x03\x00\x00\x00\x00\x01") + _png_chunk(b"IEND", b""))


def gif_header(width: int, height: int) -> bytes:
    size = width.to_bytes(2, "little") + height.to_bytes(2, "little")
    return (b"GIF89a" + size + b"\x00\x00\x00" + b"," + b"\x00" * 4 + size + b"\x00"
            + b"\x02\x02\x44\x01\x00;")


def bmp_header(width: int, height: int) -> bytes:
    info = (40).to_bytes(4, "little") + width.to_bytes(4, "little") + \
        height.to_bytes(4, "little") + (1).to_bytes(2, "little") + (1).to_bytes(2, "little") + \
        b"\x00" * 24
    palette = b"\x00\x00\x00\x00\xff\xff\xff\x00"
    offset = 14 + len(info) + len(palette)
    return b"BM" + (offset + 4).to_bytes(4, "little") + b"\x00" * 4 + \
        offset.to_bytes(4, "little") + info + palette + b"\x00" * 4


def tiff_header(width: int, height: int) -> bytes:
    """A little-endian 1-bit TIFF whose one strip is not there."""
    tags = [(256, 4, width), (257, 4, height), (258, 3, 1), (259, 3, 1), (262, 3, 1),
            (273, 4, 8), (277, 3, 1), (278, 4, height), (279, 4, 1)]
    ifd = len(tags).to_bytes(2, "little") + b"".join(
        tag.to_bytes(2, "little") + kind.to_bytes(2, "little") + (1).to_bytes(4, "little")
        + value.to_bytes(4, "little") for tag, kind, value in tags) + b"\x00" * 4
    return b"II*\x00" + (9).to_bytes(4, "little") + b"\x00" + ifd


def jpeg(width: int = 64, height: int = 48, extra_scans: int = 0) -> bytes:
    """A progressive JPEG, with its last scan repeated `extra_scans` more times."""
    from PIL import Image

    out = io.BytesIO()
    Image.new("RGB", (width, height), (40, 90, 160)).save(out, "JPEG", progressive=True)
    data = out.getvalue()
    last = data.rindex(b"\xff\xda")
    return data[:-2] + data[last:-2] * extra_scans + b"\xff\xd9"


def jpeg_header(width: int, height: int) -> bytes:
    """A JPEG whose frame header says `width` × `height`."""
    data = jpeg()
    sof = data.index(b"\xff\xc2")
    return (data[:sof + 5] + height.to_bytes(2, "big") + width.to_bytes(2, "big")
            + data[sof + 9:])


def picture_as(blob: bytes, ext: str, ctype: str) -> Edit:
    """The master's background a picture of any format."""
    def edit(files: dict[str, bytes]) -> None:
        files[f"ppt/media/busy.{ext}"] = blob
        _sub(files, "[Content_Types].xml", r"(<Types [^>]*>)",
             rf'\1<Default Extension="{ext}" ContentType="{ctype}"/>', 1)
        _sub(files, "ppt/slideMasters/_rels/slideMaster1.xml.rels", r"</Relationships>",
             '<Relationship Id="rId900" Type="http://schemas.openxmlformats.org/officeDocument/'
             f'2006/relationships/image" Target="../media/busy.{ext}"/></Relationships>', 1)
        _sub(files, "ppt/slideMasters/slideMaster1.xml", r"(<p:cSld[^>]*>)(<p:bg>.*?</p:bg>)?",
             r'\1<p:bg><p:bgPr><a:blipFill><a:blip r:embed="rId900"/><a:stretch><a:fillRect/>'
             r'</a:stretch></a:blipFill><a:effectLst/></p:bgPr></p:bg>', 1)
    return edit


def xml_flood(count: int, *parts: str) -> Edit:
    """`count` elements more in each part (an extension list of varied, empty elements that
    compress no better than real XML)."""
    import random

    def edit(files: dict[str, bytes]) -> None:
        rnd = random.Random(count)
        for part in parts:
            flood = "".join(f'<p:ext uri="{rnd.getrandbits(40):x}"/>' for _ in range(count))
            root = re.search(rb"</p:(sldLayout|sldMaster)>\s*$", files[part])
            assert root is not None
            files[part] = files[part][:root.start()] + \
                f"<p:extLst>{flood}</p:extLst>".encode() + files[part][root.start():]
    return edit


def many_shapes(count: int, part: str = "ppt/slideMasters/slideMaster1.xml",
                size: int = IN // 8) -> Edit:
    """`count` small filled squares scattered over 10 × 5 in of the slide, on a master or
    layout."""
    def edit(files: dict[str, bytes]) -> None:
        shapes = "".join(_rect(2000 + i, IN + (i * 37) % 100 * IN // 10,
                               IN + (i * 61) % 50 * IN // 10, size, size, "1F3A5F")
                         for i in range(count))
        _sub(files, part, r"(<p:spTree>.*?</p:grpSpPr>)",
             lambda m: m.group(1) + shapes, 1)  # type: ignore[arg-type]
    return edit


def many_layouts(count: int) -> Edit:
    """The master's first layout listed `count` times more, each a part of its own."""
    def edit(files: dict[str, bytes]) -> None:
        master = "ppt/slideMasters/slideMaster1.xml"
        rels, entries, types = "", "", ""
        for i in range(count):
            name = f"ppt/slideLayouts/extra{i}.xml"
            files[name] = files["ppt/slideLayouts/slideLayout1.xml"]
            files[f"ppt/slideLayouts/_rels/extra{i}.xml.rels"] = \
                files["ppt/slideLayouts/_rels/slideLayout1.xml.rels"]
            rels += (f'<Relationship Id="rId{3000 + i}" Type="http://schemas.openxmlformats.org/'
                     f'officeDocument/2006/relationships/slideLayout" '
                     f'Target="../slideLayouts/extra{i}.xml"/>')
            entries += f'<p:sldLayoutId id="{2147484000 + i}" r:id="rId{3000 + i}"/>'
            types += (f'<Override PartName="/{name}" ContentType="application/vnd.openxmlformats-'
                      'officedocument.presentationml.slideLayout+xml"/>')
        _sub(files, "ppt/slideMasters/_rels/slideMaster1.xml.rels", "</Relationships>",
             rels + "</Relationships>", 1)
        _sub(files, master, "</p:sldLayoutIdLst>", entries + "</p:sldLayoutIdLst>", 1)
        _sub(files, "[Content_Types].xml", "</Types>", types + "</Types>", 1)
    return edit


def layout_ids_taken(files: dict[str, bytes]) -> None:
    """The first layout's relationships take every id from rId1 to rId9999 (pictures), and
    its slide master relationship another."""
    files["ppt/media/dot.png"] = checkerboard(4, 4, 1)
    _sub(files, "[Content_Types].xml", r"(<Types [^>]*>)",
         r'\1<Default Extension="png" ContentType="image/png"/>', 1)
    rels = "".join(f'<Relationship Id="rId{n}" Type="http://schemas.openxmlformats.org/'
                   f'officeDocument/2006/relationships/image" Target="../media/dot.png"/>'
                   for n in range(1, 10000))
    name = "ppt/slideLayouts/_rels/slideLayout1.xml.rels"
    _sub(files, name, 'Id="rId1"', 'Id="rIdMaster"', 1)
    _sub(files, name, "</Relationships>", rels + "</Relationships>", 1)


def related_pictures(blobs: list[bytes], ext: str = "png") -> Edit:
    """Pictures related to the master (none of its shapes shows them)."""
    def edit(files: dict[str, bytes]) -> None:
        rels = ""
        for i, blob in enumerate(blobs):
            files[f"ppt/media/many{i}.{ext}"] = blob
            rels += (f'<Relationship Id="rId{5000 + i}" Type="http://schemas.openxmlformats.org/'
                     f'officeDocument/2006/relationships/image" Target="../media/many{i}.{ext}"/>')
        _sub(files, "[Content_Types].xml", r"(<Types [^>]*>)",
             rf'\1<Default Extension="{ext}" ContentType="image/{ext}"/>', 1)
        _sub(files, "ppt/slideMasters/_rels/slideMaster1.xml.rels", "</Relationships>",
             rels + "</Relationships>", 1)
    return edit
