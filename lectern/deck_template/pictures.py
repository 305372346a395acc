"""A template's pictures measured from their headers before any pixel is decoded: the format,
the pixel count and, for a JPEG, its scans; a picture over a limit is refused by its part."""

from __future__ import annotations

import io
import warnings
from dataclasses import dataclass

from ..images import jpeg_scans
from ..limits import MAX_JPEG_MARKERS, MAX_JPEG_SCANS, MAX_TEMPLATE_PICTURE_PIXELS
from .package import TemplateError

# The formats PIL names that a template picture may be: anything else is left out.
FORMATS = frozenset({"PNG", "JPEG", "MPO", "GIF", "BMP", "DIB", "TIFF", "WMF", "EMF"})


@dataclass(frozen=True)
class Measured:
    """What a picture's header says: its format and size in pixels."""

    format: str
    width: int
    height: int

    @property
    def pixels(self) -> int:
        """The pixels decoding it makes (none for a drawing: WMF and EMF sizes are nominal
        and lectern never decodes them)."""
        return 0 if self.format in ("WMF", "EMF") else self.width * self.height


def measure(name: str, blob: bytes) -> Measured | None:
    """The format and size of a picture from its header (None: not a picture lectern can
    check); raise TemplateError when it has more pixels or scans than the limits."""
    from PIL import Image

    try:
        with warnings.catch_warnings():
            # The pixels are counted below, before anything is decoded: PIL's warnings (its
            # bomb warning, damaged EXIF...) name its installation's files and are never
            # printed.
            warnings.simplefilter("ignore")
            with Image.open(io.BytesIO(blob)) as img:
                found = Measured(img.format or "", *img.size)
    except Image.DecompressionBombError:
        found = Measured("", 1 << 16, 1 << 16)  # PIL refused it for its pixels: too many
    except Exception:  # PIL raises many kinds of error for what is not a picture
        return None
    if found.pixels > MAX_TEMPLATE_PICTURE_PIXELS:
        size = f"{found.width:,} × {found.height:,} pixels" if found.format else \
            "more pixels than PIL opens"
        raise TemplateError(f"its picture {name} has {size}; the limit is "
                            f"{MAX_TEMPLATE_PICTURE_PIXELS // 1_000_000} million pixels",
                            "save the picture smaller in the template")
    if found.format in ("JPEG", "MPO"):
        try:
            scans = jpeg_scans(blob)
        except ValueError:
            raise TemplateError(f"its picture {name} is a JPEG of more than "
                                f"{MAX_JPEG_MARKERS:,} markers (the limit)",
                                "save the picture again as a baseline JPEG") from None
        if scans > MAX_JPEG_SCANS:
            raise TemplateError(f"its picture {name} is a JPEG of more than {MAX_JPEG_SCANS} "
                                f"scans (the limit; a progressive JPEG has about ten)",
                                "save the picture again as a baseline JPEG")
    return found if found.format in FORMATS else None


