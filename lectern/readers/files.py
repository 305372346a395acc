"""Reading a lecture's files safely: paths that stay inside, UTF-8 text, real images, limits."""

from __future__ import annotations

import re
import warnings
from pathlib import Path

from ..diagnostics import Collector
from ..model import SourcePos

MAX_TEXT_BYTES = 2_000_000
MAX_IMAGE_BYTES = 20_000_000
MAX_IMAGE_PIXELS = 40_000_000
IMAGE_FORMATS = {"PNG": "png", "JPEG": "jpeg", "GIF": "gif"}
CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
URL = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:")


def resolve_inside(root: Path, name: str, pos: SourcePos, diag: Collector,
                   what: str) -> Path | None:
    """The real path of `name` relative to `root`, or None (reported) if it leaves `root`."""
    if URL.match(name) and not re.match(r"^[A-Za-z]:[\\/]", name):
        diag.error(pos, f"{what} '{name}' is a URL; lectern never fetches from the network",
                   "save the file inside the lecture folder and give its relative path")
        return None
    if not name.strip():
        diag.error(pos, f"{what} has an empty path")
        return None
    candidate = Path(name)
    if candidate.is_absolute():
        diag.error(pos, f"{what} '{name}' is an absolute path",
                   "give a path relative to the lecture folder")
        return None
    try:
        real_root = root.resolve()
        real = (real_root / candidate).resolve()
        if not real.is_relative_to(real_root):
            diag.error(pos, f"{what} '{name}' is outside the lecture folder",
                       "copy the file into the lecture folder")
            return None
        if not real.is_file():
            diag.error(pos, f"{what} '{name}' does not exist")
            return None
    except (OSError, RuntimeError) as exc:  # a name too long, a symlink loop
        diag.error(pos, f"{what} '{name[:80]}' cannot be opened: {exc.__class__.__name__}")
        return None
    return real


def read_text(path: Path, rel: str, pos: SourcePos, diag: Collector) -> str | None:
    """The UTF-8 text of a file with line ends made '\\n', or None (reported)."""
    try:
        size = path.stat().st_size
        if size > MAX_TEXT_BYTES:
            diag.error(pos, f"'{rel}' is {size // 1000} kB; the limit for one file is "
                       f"{MAX_TEXT_BYTES // 1000} kB", "split it into several chapters")
            return None
        data = path.read_bytes()
    except OSError as exc:
        diag.error(pos, f"cannot read '{rel}': {exc.strerror}")
        return None
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        col = exc.start - (data.rfind(b"\n", 0, exc.start) + 1) + 1
        diag.error(SourcePos(rel, line, col), "the file is not UTF-8 text",
                   "save it again as UTF-8 in your editor")
        return None
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    bad = CONTROL.search(text)
    if bad:
        line = text.count("\n", 0, bad.start()) + 1
        col = bad.start() - (text.rfind("\n", 0, bad.start()) + 1) + 1
        diag.error(SourcePos(rel, line, col),
                   f"the control character U+{ord(bad.group()):04X} is not allowed in text",
                   "delete it; is this a text file?")
        return None
    return text


def check_image(path: Path, rel: str, pos: SourcePos, diag: Collector) -> bool:
    """True when `path` is a PNG, JPEG or GIF of sensible size (problems are reported)."""
    from PIL import Image

    size = path.stat().st_size
    if size > MAX_IMAGE_BYTES:
        diag.error(pos, f"image '{rel}' is {size // 1_000_000} MB; the limit is "
                   f"{MAX_IMAGE_BYTES // 1_000_000} MB", "save a smaller copy")
        return False
    not_image = ("convert it to PNG" if path.suffix.lower() == ".svg"
                 else "use a PNG, JPEG or GIF file")
    try:
        with warnings.catch_warnings():
            # The size is checked below, before any pixel is decoded.
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)
            with Image.open(path) as img:
                fmt = img.format or ""
                width, height = img.size
                if width * height > MAX_IMAGE_PIXELS:
                    diag.error(pos, f"image '{rel}' has {width}×{height} pixels; the limit is "
                               f"{MAX_IMAGE_PIXELS // 1_000_000} million", "save a smaller copy")
                    return False
                img.verify()
    except Image.DecompressionBombError:
        diag.error(pos, f"image '{rel}' has too many pixels", "save a smaller copy")
        return False
    except Exception:  # Pillow raises many kinds of error for files that are not images
        diag.error(pos, f"'{rel}' is not an image lectern can read", not_image)
        return False
    if fmt not in IMAGE_FORMATS:
        diag.error(pos, f"image '{rel}' is {fmt}; lectern takes PNG, JPEG or GIF",
                   "convert it to PNG")
        return False
    return True
