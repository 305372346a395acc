"""A corpus of deck templates built here: python-pptx's default, several masters, light and dark
section layouts, other slide sizes, localised layout names, an unmeasurable theme font, a
background on which nothing reads, and hostile ones (external links, embedded objects,
macros, DTDs, an archive bomb)."""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Callable
from pathlib import Path

from pptx import Presentation
from pptx.util import Emu

from lectern.deck_template import TEMPLATE

IN = 914400
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
        _sub(files, name, r'(<p:cSld name="Section Header">)',
             r'\1<p:bg><p:bgPr><a:solidFill><a:srgbClr val="' + colour +
             r'"/></a:solidFill><a:effectLst/></p:bgPr></p:bg>', 1)
        _sub(files, name, r'(<p:ph type="title"/>.*?<p:txBody><a:bodyPr[^>]*?(/>|>.*?</a:bodyPr>))'
             r'<a:lstStyle/>',
             r'\1<a:lstStyle><a:lvl1pPr><a:defRPr><a:solidFill><a:schemeClr val="' +
             title_colour + r'"/></a:solidFill></a:defRPr></a:lvl1pPr></a:lstStyle>', 1)
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


def two_masters(files: dict[str, bytes]) -> None:
    """A second master with copies of every layout; the first keeps only 'Blank', so every
    layout lectern uses sits under the second master."""
    master = files["ppt/slideMasters/slideMaster1.xml"].decode("utf-8")
    master_rels = files["ppt/slideMasters/_rels/slideMaster1.xml.rels"].decode("utf-8")
    layouts = sorted((n for n in files if re.fullmatch(r"ppt/slideLayouts/slideLayout\d+\.xml", n)),
                     key=lambda n: int(re.findall(r"\d+", n)[0]))
    count = len(layouts)
    rels2 = master_rels
    for i, name in enumerate(layouts, start=1):
        new = f"ppt/slideLayouts/slideLayout{count + i}.xml"
        files[new] = files[name]
        files[f"ppt/slideLayouts/_rels/slideLayout{count + i}.xml.rels"] = files[
            f"ppt/slideLayouts/_rels/{name.rsplit('/', 1)[1]}.rels"].replace(
            b"slideMaster1.xml", b"slideMaster2.xml")
        rels2 = rels2.replace(f'Target="../slideLayouts/slideLayout{i}.xml"',
                              f'Target="../slideLayouts/slideLayout_{count + i}.xml"')
    files["ppt/slideMasters/_rels/slideMaster2.xml.rels"] = rels2.replace(
        "slideLayout_", "slideLayout").encode()
    ids = iter(range(2147483700, 2147483800))
    files["ppt/slideMasters/slideMaster2.xml"] = re.sub(
        r'<p:sldLayoutId id="\d+"', lambda m: f'<p:sldLayoutId id="{next(ids)}"',
        master).encode()
    blank = next(n for n in layouts if b'name="Blank"' in files[n])
    blank_index = layouts.index(blank) + 1
    rid = re.search(rf'Id="(rId\d+)"[^>]*Target="../slideLayouts/slideLayout{blank_index}.xml"',
                    master_rels)
    assert rid is not None
    files["ppt/slideMasters/slideMaster1.xml"] = re.sub(
        r"<p:sldLayoutIdLst>.*?</p:sldLayoutIdLst>",
        f'<p:sldLayoutIdLst><p:sldLayoutId id="2147483649" r:id="{rid.group(1)}"/>'
        "</p:sldLayoutIdLst>", master, flags=re.S).encode()
    _sub(files, "ppt/presentation.xml", r"(<p:sldMasterIdLst>.*?)(</p:sldMasterIdLst>)",
         r'\1<p:sldMasterId id="2147483690" r:id="rId900"/>\2', 1)
    _sub(files, "ppt/_rels/presentation.xml.rels", r"</Relationships>",
         '<Relationship Id="rId900" Type="http://schemas.openxmlformats.org/officeDocument/'
         '2006/relationships/slideMaster" Target="slideMasters/slideMaster2.xml"/>'
         "</Relationships>", 1)
    overrides = "".join(
        f'<Override PartName="/ppt/slideLayouts/slideLayout{count + i}.xml" ContentType="'
        'application/vnd.openxmlformats-officedocument.presentationml.slideLayout+xml"/>'
        for i in range(1, count + 1))
    overrides += ('<Override PartName="/ppt/slideMasters/slideMaster2.xml" ContentType="'
                  'application/vnd.openxmlformats-officedocument.presentationml.slideMaster'
                  '+xml"/>')
    _sub(files, "[Content_Types].xml", "</Types>", overrides + "</Types>", 1)


def as_potx(files: dict[str, bytes]) -> None:
    _sub(files, "[Content_Types].xml", r"presentationml\.presentation\.main\+xml",
         "presentationml.template.main+xml")


def corpus() -> dict[str, bytes]:
    """The built templates by file name."""
    own = TEMPLATE.read_bytes()
    base = pptx_default()
    wide = resized(base, 12192000, 6858000)
    return {
        "lectern.pptx": own,
        "python-pptx.pptx": base,
        "two-masters.pptx": edited(wide, two_masters),
        "light-section.pptx": edited(wide, section_background("FFFFFF", "bg1")),
        "dark-section.pptx": edited(wide, section_background("1B1F3B", "tx1")),
        "bars-10x5.625.pptx": edited(resized(base, 10 * IN, round(5.625 * IN)), with_bars),
        "16x10.pptx": resized(base, 10 * IN, round(6.25 * IN)),
        "german.pptx": edited(wide, renamed(GERMAN)),
        "russian.pptx": edited(wide, renamed(RUSSIAN)),
        "verdana.pptx": edited(wide, theme_fonts("Verdana", "Verdana")),
        "cambria-calibri.potx": edited(wide, theme_fonts("Cambria", "Calibri"), as_potx),
        "checkerboard.pptx": edited(wide, picture_background(checkerboard())),
    }


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
