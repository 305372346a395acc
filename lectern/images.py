"""Pictures as both outputs can show them: upright, 8-bit grey or RGB(A), one frame, PNG or JPEG.

Cameras and image editors save what PDF and PowerPoint viewers get wrong: an EXIF
orientation (the pixels lie sideways), 16-bit samples (a black box in the booklet),
palettes, grey with alpha, CMYK, and multi-picture (MPO) files; and a progressive JPEG of
many scans costs a viewer a pass over the picture for each (minutes, for thousands). Such a
file is converted once per process, keyed by its content, into deterministic bytes; any
other file is used as it is, byte for byte.
"""

from __future__ import annotations

import hashlib
import io
import re
from dataclasses import dataclass
from pathlib import Path

from PIL import Image, ImageOps

from .limits import MAX_JPEG_MARKERS, MAX_JPEG_SCANS

ORIENTATION = 0x0112  # the EXIF tag
# Orientations 5-8 turn the picture a quarter: its width and height swap.
TURNED = frozenset({5, 6, 7, 8})
# The modes each format may keep: anything else is converted.
KEPT_MODES = {"PNG": frozenset({"L", "RGB", "RGBA"}), "JPEG": frozenset({"L", "RGB"}),
              "GIF": frozenset({"P", "L"})}
MIME = {"PNG": "image/png", "JPEG": "image/jpeg", "GIF": "image/gif"}
JPEG_QUALITY = 92
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


@dataclass(frozen=True)
class Picture:
    """Bytes ready for a PDF or a deck, with their MIME type and file extension."""

    data: bytes
    mime: str

    @property
    def ext(self) -> str:
        return self.mime.removeprefix("image/").replace("jpeg", "jpg")


def oriented_size(img: Image.Image) -> tuple[int, int]:
    """The pixel size of an open picture as it is to be seen (after its EXIF orientation)."""
    width, height = img.size
    return (height, width) if orientation(img) in TURNED else (width, height)


def orientation(img: Image.Image) -> int:
    """The EXIF orientation of a picture (1 when it has none or it cannot be read)."""
    try:
        value = img.getexif().get(ORIENTATION, 1)
    except Exception:  # a damaged EXIF block: show the pixels as they lie
        return 1
    return value if isinstance(value, int) and 1 <= value <= 8 else 1


def needs_converting(img: Image.Image, head: bytes = b"", scans: int = 1) -> bool:
    """True when an open picture must be converted before either output can show it.

    `head`, the file's first bytes, shows a 16-bit RGB PNG that Pillow opens as 8-bit RGB;
    `scans`, a JPEG's (see `jpeg_scans`), one that would cost a viewer a pass for each.
    """
    fmt = img.format or ""
    sixteen_bit = fmt == "PNG" and head[:8] == PNG_SIGNATURE and head[24:25] == b"\x10"
    return (fmt not in KEPT_MODES or img.mode not in KEPT_MODES[fmt] or sixteen_bit
            or scans > MAX_JPEG_SCANS or orientation(img) != 1
            or (fmt != "GIF" and getattr(img, "n_frames", 1) > 1))


# Markers after which no length follows: TEM, the restart markers, SOI and EOI.
# After a scan's header, its entropy-coded data runs to the next marker: 0xFF followed by
# anything but a stuffed zero, a restart marker or another 0xFF.
_NEXT_MARKER = re.compile(rb"\xff[^\x00\xd0-\xd7\xff]")
_BARE_MARKERS = frozenset({0x01, *range(0xD0, 0xDA)})


def jpeg_scans(data: bytes) -> int:
    """The number of scans (SOS segments) of the first picture of a JPEG file, counted by
    walking its markers, without decoding; 0 when `data` is no JPEG.

    A baseline JPEG has one scan per picture (or per component); a progressive one is drawn
    in several passes, each over the whole picture. Raise ValueError past MAX_JPEG_MARKERS
    markers (restart markers inside a scan's data are not counted).
    """
    if not data.startswith(b"\xff\xd8"):
        return 0
    pos, scans, markers = 2, 0, 0
    while pos + 1 < len(data):
        markers += 1
        if markers > MAX_JPEG_MARKERS:  # a JPEG has a few dozen: the walk stays short
            raise ValueError(f"more than {MAX_JPEG_MARKERS:,} markers")
        if data[pos] != 0xFF:
            pos = data.find(b"\xff", pos)  # damaged: look for the next marker
            if pos < 0:
                break
            continue
        marker = data[pos + 1]
        if marker == 0xFF:  # a fill byte before a marker
            pos += 1
        elif marker == 0xD9:  # EOI: the end of the first picture (an MPO holds more)
            break
        elif marker in _BARE_MARKERS:
            pos += 2
        else:
            length = int.from_bytes(data[pos + 2:pos + 4], "big")
            pos += 2 + max(length, 2)
            if marker == 0xDA:
                scans += 1
                pos = _after_entropy_data(data, pos)
    return scans


def _after_entropy_data(data: bytes, pos: int) -> int:
    """The index of the first marker after a scan's entropy-coded data (which escapes its
    0xFF bytes as FF 00 and is cut by restart markers FF D0-D7)."""
    found = _NEXT_MARKER.search(data, pos)
    return len(data) if found is None else found.start()


_converted: dict[str, Picture] = {}


def picture(path: Path) -> Picture:
    """The picture at `path` ready for the outputs (converted once per process, by content).

    Raises OSError when the file cannot be read and PIL's errors when it is no picture;
    the readers have checked both before any writer asks.
    """
    return shown(path.read_bytes())


def shown(data: bytes) -> Picture:
    """`data`, a picture file's bytes, ready for the outputs (converted once per process)."""
    key = hashlib.sha256(data).hexdigest()
    if key not in _converted:
        _converted[key] = convert(data)
    return _converted[key]


def is_picture(data: bytes) -> bool:
    """True when `data` starts as a PNG, JPEG (MPO included) or GIF file does."""
    return data.startswith((PNG_SIGNATURE, b"\xff\xd8\xff", b"GIF87a", b"GIF89a"))


def convert(data: bytes) -> Picture:
    """`data` itself when both outputs show it right, else an upright 8-bit PNG or JPEG."""
    with Image.open(io.BytesIO(data)) as img:
        fmt = img.format or ""
        if not needs_converting(img, data[:32], jpeg_scans(data)):
            return Picture(data, MIME[fmt])
        img.seek(0)  # a multi-picture file: the first frame is the photograph
        upright = ImageOps.exif_transpose(img) or img
        icc = img.info.get("icc_profile") if img.mode in ("RGB", "RGBA", "L") else None
        flat = _eight_bit(upright)
    out = io.BytesIO()
    if fmt in ("JPEG", "MPO") and flat.mode in ("L", "RGB"):
        # A photograph stays a JPEG (a PNG of it would be several times larger), baseline:
        # one scan, whatever the scans of the original.
        flat.save(out, "JPEG", quality=JPEG_QUALITY, icc_profile=icc, optimize=False,
                  progressive=False)
        return Picture(out.getvalue(), MIME["JPEG"])
    flat.save(out, "PNG", icc_profile=icc, optimize=False)
    return Picture(out.getvalue(), MIME["PNG"])


def _eight_bit(img: Image.Image) -> Image.Image:
    """The picture in L, RGB or RGBA with 8 bits a sample."""
    mode = img.mode
    if mode in ("L", "RGB", "RGBA"):
        return img
    if mode.startswith("I;16") or mode == "I":
        # Wide samples scaled to 8 bits; convert("L") alone would clip them to white.
        wide = img.convert("I")
        high = wide.getextrema()[1]
        scale = 1 / 256 if mode != "I" or (isinstance(high, int) and high > 255) else 1
        return wide.point(lambda v: v * scale).convert("L")
    if mode in ("LA", "PA", "La", "RGBa") or "transparency" in img.info:
        return img.convert("RGBA")
    if mode in ("1", "F"):
        return img.convert("L")
    return img.convert("RGB")  # P, CMYK, YCbCr, LAB, HSV
