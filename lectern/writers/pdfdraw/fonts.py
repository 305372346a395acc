"""Text shaped with HarfBuzz and shown in subsets of the shipped fonts, embedded as Type0
fonts (Identity-H, a CIDToGIDMap, widths and a ToUnicode CMap so that text extracts)."""

from __future__ import annotations

import functools
import hashlib
import io
from collections.abc import Sequence
from dataclasses import dataclass, field

import pikepdf
import uharfbuzz as hb
from fontTools.ttLib import TTFont

from ... import fit
from ... import fonts as _shipped  # noqa: F401  (quietens fontTools' warnings on their dates)
from .ops import number

Key = tuple[str, bool, bool]  # measured family, bold, italic


@dataclass(frozen=True)
class Shaped:
    """A run of text shaped: glyph ids, their advances in font units, and what each glyph
    stands for (the text a ToUnicode CMap maps it back to)."""

    glyphs: tuple[int, ...]
    advances: tuple[int, ...]
    texts: tuple[str, ...]
    upem: int
    total: int  # the sum of the advances

    def width(self, size: float) -> float:
        """The run's width in points at `size`."""
        return self.total * size / self.upem


@functools.cache
def _hb(key: Key) -> tuple[hb.Font, int]:
    face = hb.Face(hb.Blob.from_file_path(str(fit.font_path(key[1], key[2], key[0]))))
    return hb.Font(face), face.upem


@functools.lru_cache(maxsize=1 << 16)
def shape(text: str, key: Key) -> Shaped:
    """`text` shaped in a face as the planner measured it (kerning and ligatures on)."""
    font, upem = _hb(key)
    buf = hb.Buffer()
    buf.add_str(text)
    buf.guess_segment_properties()
    hb.shape(font, buf, {"kern": True, "liga": True})
    infos, positions = buf.glyph_infos, buf.glyph_positions
    # The characters each glyph stands for: its cluster up to the next cluster (a ligature
    # stands for all its letters; a second glyph of one cluster for none).
    starts = [info.cluster for info in infos]
    bounds = sorted(set(starts))
    end_of = dict(zip(bounds, [*bounds[1:], len(text)], strict=True))
    texts = []
    for n, start in enumerate(starts):
        texts.append("" if n and starts[n - 1] == start else text[start:end_of[start]])
    advances = tuple(p.x_advance for p in positions)
    return Shaped(tuple(i.codepoint for i in infos), advances, tuple(texts), upem,
                  sum(advances))


@dataclass
class _Face:
    """One face used in a document: its resource name and the glyphs shown, by glyph id."""

    name: str
    key: Key
    font: pikepdf.Object  # the Type0 font dictionary, filled in when the document is done
    used: dict[int, str] = field(default_factory=dict)  # glyph id -> text it stands for


class FontBook:
    """The faces a document's text is shown in, each embedded once as a subset."""

    def __init__(self, pdf: pikepdf.Pdf) -> None:
        self.pdf = pdf
        self.faces: dict[Key, _Face] = {}
        self.shown: dict[tuple[str, Key], tuple[str, str, Shaped]] = {}

    def face(self, key: Key) -> _Face:
        """The face for a family and style (made on first use)."""
        if key not in self.faces:
            font = self.pdf.make_indirect(pikepdf.Dictionary())
            self.faces[key] = _Face(f"/F{len(self.faces) + 1}", key, font)
        return self.faces[key]

    def show(self, text: str, key: Key, size: float) -> tuple[str, str, float]:
        """The resource name, the TJ operand that shows `text`, and its width in points."""
        found = self.shown.get((text, key))
        if found is None:
            found = self.shown[(text, key)] = self._operand(text, key)
        name, operand, shaped = found
        return name, operand, shaped.width(size)

    def _operand(self, text: str, key: Key) -> tuple[str, str, Shaped]:
        """The TJ operand of `text` (glyph ids, each glyph's kerning as an adjustment), its
        glyphs noted as used."""
        face = self.face(key)
        shaped = shape(text, key)
        scale = 1000 / shaped.upem
        parts = []
        run = []
        for gid, adv, chars in zip(shaped.glyphs, shaped.advances, shaped.texts, strict=True):
            if chars and not face.used.get(gid):
                face.used[gid] = chars
            else:
                face.used.setdefault(gid, "")
            run.append(f"{gid:04x}")
            kern = _advance(key, gid) - adv
            if kern:
                parts.append(f"<{''.join(run)}>{number(kern * scale)}")
                run = []
        if run or not parts:
            parts.append(f"<{''.join(run)}>")
        return face.name, "[" + "".join(parts) + "]", shaped

    def resources(self) -> pikepdf.Dictionary:
        """The /Font resources of every face used."""
        return pikepdf.Dictionary({f.name: f.font for f in self.faces.values()})

    def finish(self) -> None:
        """Embed every face's subset and fill in its font dictionaries."""
        for face in self.faces.values():
            _embed(self.pdf, face)


@functools.cache
def _advances(key: Key) -> dict[int, int]:
    """Glyph advances in font units (as the widths array gives them), read as needed."""
    return {}


def _advance(key: Key, gid: int) -> int:
    """A glyph's advance in font units (as the widths array gives it)."""
    known = _advances(key)
    if gid not in known:
        known[gid] = _hb(key)[0].get_glyph_h_advance(gid)
    return known[gid]


def _tag(data: bytes) -> str:
    """Six capitals naming this subset's program (one tag per program, as ISO 32000-1
    §9.6.4 asks): taken from a digest of its bytes."""
    digest = hashlib.sha256(data).digest()
    return "".join(chr(ord("A") + b % 26) for b in digest[:6])


# A PDF shows glyphs already shaped: the layout tables are never read.
DROPPED_TABLES = ("GSUB", "GPOS", "GDEF", "BASE", "JSTF", "kern", "DSIG")


def _subset(key: Key, gids: Sequence[int]) -> tuple[bytes, str]:
    """The font program of a face cut to `gids` by HarfBuzz, each glyph keeping its id (so
    that the codes shown are the glyph ids of the subset too), and its PostScript name."""
    path = str(fit.font_path(key[1], key[2], key[0]))
    face = hb.Face(hb.Blob.from_file_path(path))
    wanted = hb.SubsetInput()
    wanted.glyph_set.update(gids)
    for tag in DROPPED_TABLES:
        wanted.drop_table_tag_set.add(int.from_bytes(tag.ljust(4).encode("ascii"), "big"))
    # Every name record stays: the copyright and the licence travel with the program.
    wanted.name_id_set.add_range(0, 0x7FFF)
    wanted.name_lang_id_set.add_range(0, 0xFFFF)
    wanted.flags = hb.SubsetFlags.RETAIN_GIDS | hb.SubsetFlags.NOTDEF_OUTLINE
    made = hb.subset(face, wanted)
    if made is None:
        raise RuntimeError(f"HarfBuzz could not subset {path}")
    data = bytes(made.blob.data)
    postscript = str(TTFont(io.BytesIO(data), lazy=True)["name"].getDebugName(6) or "Font")
    return data, postscript.replace(" ", "")


def _embed(pdf: pikepdf.Pdf, face: _Face) -> None:
    gids = sorted(face.used)
    data, postscript = _subset(face.key, gids)
    name = f"{_tag(data)}+{postscript}"
    tt = TTFont(io.BytesIO(data), lazy=True)
    upem = tt["head"].unitsPerEm
    scale = 1000 / upem
    head, hhea, os2 = tt["head"], tt["hhea"], tt["OS/2"]
    program = pikepdf.Stream(pdf, data)
    program.Length1 = len(data)
    flags = 32 | (64 if face.key[2] else 0)  # nonsymbolic; italic
    descriptor = pikepdf.Dictionary(
        Type=pikepdf.Name.FontDescriptor, FontName=pikepdf.Name("/" + name), Flags=flags,
        FontBBox=pikepdf.Array([round(v * scale) for v in (head.xMin, head.yMin, head.xMax,
                                                           head.yMax)]),
        ItalicAngle=round(float(tt["post"].italicAngle), 2),
        Ascent=round(hhea.ascent * scale), Descent=round(hhea.descent * scale),
        CapHeight=round(getattr(os2, "sCapHeight", hhea.ascent) * scale),
        StemV=140 if face.key[1] else 80, FontFile2=pdf.make_indirect(program))
    widths: list[object] = []
    for gid in gids:
        widths += [gid, pikepdf.Array([round(_advance(face.key, gid) * scale, 2)])]
    cid = pikepdf.Dictionary(
        Type=pikepdf.Name.Font, Subtype=pikepdf.Name.CIDFontType2,
        BaseFont=pikepdf.Name("/" + name),
        CIDSystemInfo=pikepdf.Dictionary(Registry=pikepdf.String("Adobe"),
                                         Ordering=pikepdf.String("Identity"), Supplement=0),
        FontDescriptor=pdf.make_indirect(descriptor), W=pikepdf.Array(widths),
        DW=1000, CIDToGIDMap=pikepdf.Name.Identity)
    face.font.Type = pikepdf.Name.Font
    face.font.Subtype = pikepdf.Name.Type0
    face.font.BaseFont = pikepdf.Name("/" + name)
    face.font.Encoding = pikepdf.Name("/Identity-H")
    face.font.DescendantFonts = pikepdf.Array([pdf.make_indirect(cid)])
    face.font.ToUnicode = pdf.make_indirect(pikepdf.Stream(pdf, _to_unicode(face.used)))


def _hex16(text: str) -> str:
    return text.encode("utf-16-be").hex().upper()


def _to_unicode(used: dict[int, str]) -> bytes:
    """A ToUnicode CMap from two-byte codes (the glyph ids) to the text each stands for."""
    pairs = [(gid, chars) for gid, chars in sorted(used.items()) if chars]
    lines = ["/CIDInit /ProcSet findresource begin", "12 dict begin", "begincmap",
             "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def",
             "/CMapName /Adobe-Identity-UCS def", "/CMapType 2 def",
             "1 begincodespacerange", "<0000> <FFFF>", "endcodespacerange"]
    for start in range(0, len(pairs), 100):
        block = pairs[start:start + 100]
        lines.append(f"{len(block)} beginbfchar")
        lines += [f"<{gid:04X}> <{_hex16(chars)}>" for gid, chars in block]
        lines.append("endbfchar")
    lines += ["endcmap", "CMapName currentdict /CMap defineresource pop", "end", "end"]
    return "\n".join(lines).encode("ascii")
