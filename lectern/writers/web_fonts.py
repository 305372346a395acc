"""The web edition's fonts: each face cut down to the page's characters, as a WOFF2 data URI."""

from __future__ import annotations

import base64
import functools
import struct
from collections.abc import Iterable
from dataclasses import dataclass

import brotli
import uharfbuzz as hb

from .. import fonts

# The OpenType features the page's stylesheet asks for beyond HarfBuzz's default set: small
# capitals for a glossary term's first use, lining and tabular figures in tables.
EXTRA_FEATURES = (b"smcp", b"c2sc", b"lnum", b"onum", b"tnum", b"pnum")
# The marks lectern adds itself, in every face.
ALWAYS = frozenset("\u00a0\u2009\u2013\u2014\u2191")
# The printed page spells out each web link's address after it in the sans (from an
# attribute, not the text): printable ASCII in that face.
PRINTED_URLS = frozenset(map(chr, range(0x20, 0x7F)))
# Brotli at quality 5 packs a subset within 4 % of its best (quality 11) in a fiftieth of
# the time: 4 ms a face instead of 250.
BROTLI_QUALITY = 5


@dataclass(frozen=True)
class WebFace:
    """One face embedded in the page: its family name, weight, style and WOFF2 bytes."""

    family: str
    weight: int
    style: str
    woff2: bytes

    def font_face(self) -> str:
        """The @font-face rule that names this face."""
        data = base64.b64encode(self.woff2).decode("ascii")
        return (f'@font-face {{ font-family: "{self.family}"; font-weight: {self.weight}; '
                f"font-style: {self.style}; font-display: swap; "
                f'src: url("data:font/woff2;base64,{data}") format("woff2"); }}')


def page_faces(text: str, code: str = "") -> tuple[WebFace, ...]:
    """The faces the page draws, each cut down to the characters it may draw: the text
    faces for `text`, the monospaced one for `code` (none where the page has no code)."""
    seen = frozenset(c for c in text if fonts.needs_glyph(c)) | ALWAYS
    coded = frozenset(c for c in code if fonts.needs_glyph(c))
    return tuple(WebFace(family.name, face.weight, face.style,
                         _subset(str(face.path), coded if family is fonts.MONO
                                 else _characters(family, face, seen)))
                 for family in fonts.FAMILIES for face in family.faces
                 if family is not fonts.MONO or coded)


def _characters(family: fonts.Family, face: fonts.Face, seen: frozenset[str]) -> frozenset[str]:
    """The characters a face may draw: the page's, and in the sans each letter's other case
    (the stylesheet sets labels in capitals), the regular sans also the printed addresses."""
    if family is not fonts.SANS:
        return seen
    cased = {changed for c in seen for changed in (c.upper(), c.lower()) if len(changed) == 1}
    extra = PRINTED_URLS if (face.weight, face.style) == (400, "normal") else frozenset()
    return seen | cased | extra


@functools.lru_cache(maxsize=64)
def _subset(path: str, chars: frozenset[str]) -> bytes:
    """The face at `path` with only the glyphs `chars` need, as WOFF2 (kept per process:
    watch rebuilds a page whose characters rarely change)."""
    face = hb.Face(hb.Blob.from_file_path(path))
    wanted = hb.SubsetInput()
    wanted.unicode_set.update(sorted(ord(c) for c in chars))
    for tag in EXTRA_FEATURES:
        wanted.layout_feature_tag_set.add(int.from_bytes(tag, "big"))
    # Every name record stays: the copyright, the licence and its URL travel with the font.
    wanted.name_id_set.add_range(0, 0x7FFF)
    wanted.name_lang_id_set.add_range(0, 0xFFFF)
    # Hinting instructions are a third of a face and today's screens render without them.
    wanted.flags = hb.SubsetFlags.NO_HINTING
    made = hb.subset(face, wanted)
    if made is None:
        raise RuntimeError(f"HarfBuzz could not subset {path}")
    return woff2(made.blob.data)


# The tables WOFF2 names by a number (its specification, section 5.2), in that order.
KNOWN_TAGS = (
    "cmap head hhea hmtx maxp name OS/2 post cvt  fpgm glyf loca prep CFF  VORG EBDT EBLC "
    "gasp hdmx kern LTSH PCLT VDMX vhea vmtx BASE GDEF GPOS GSUB EBSC JSTF MATH CBDT CBLC "
    "COLR CPAL SVG  sbix acnt avar bdat bloc bsln cvar fdsc feat fmtx fvar gvar hsty just "
    "lcar mort morx opbd prop trak Zapf Silf Glat Gloc Feat Sill"
)
_TAG_INDEX = {KNOWN_TAGS[i:i + 4]: i // 5 for i in range(0, len(KNOWN_TAGS), 5)}
NULL_TRANSFORM_GLYF = 3 << 6  # glyf and loca stored as they are (transform version 3)


def woff2(sfnt: bytes) -> bytes:
    """An OpenType font's bytes as a WOFF2 file, every table stored untransformed.

    The optional glyf transform saves a few per cent more but costs a pass over every glyph
    in Python; the container alone is a directory and one Brotli stream.
    """
    flavor, count = struct.unpack(">4sH", sfnt[:6])
    tables = sorted(_tables(sfnt, count))
    directory = b"".join(_entry(tag, len(data)) for tag, data in tables)
    stream = brotli.compress(b"".join(data for _, data in tables), mode=brotli.MODE_FONT,
                             quality=BROTLI_QUALITY)
    sfnt_size = 12 + 16 * len(tables) + sum(_padded(len(data)) for _, data in tables)
    length = 48 + len(directory) + len(stream)
    padding = b"\0" * (_padded(length) - length)
    header = struct.pack(">4s4sIHHIIHHIIIII", b"wOF2", flavor, length + len(padding),
                         len(tables), 0, sfnt_size, len(stream), 1, 0, 0, 0, 0, 0, 0)
    return header + directory + stream + padding


def _tables(sfnt: bytes, count: int) -> Iterable[tuple[str, bytes]]:
    for index in range(count):
        tag, _, offset, size = struct.unpack(">4sIII", sfnt[12 + 16 * index:28 + 16 * index])
        yield tag.decode("latin-1"), sfnt[offset:offset + size]


def _entry(tag: str, size: int) -> bytes:
    """A table's WOFF2 directory entry: its flags (tag and transform), tag, original length."""
    known = _TAG_INDEX.get(tag)
    transform = NULL_TRANSFORM_GLYF if tag in ("glyf", "loca") else 0
    head = bytes([(63 if known is None else known) | transform])
    if known is None:
        head += tag.encode("latin-1")
    return head + _base128(size)


def _base128(value: int) -> bytes:
    """WOFF2's UIntBase128: seven bits a byte, most significant first."""
    out = [value & 0x7F]
    value >>= 7
    while value:
        out.append(0x80 | (value & 0x7F))
        value >>= 7
    return bytes(reversed(out))


def _padded(size: int) -> int:
    return (size + 3) & ~3
