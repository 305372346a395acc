"""Reading a lecture's files safely: paths that stay inside, UTF-8 text, real images, limits."""

from __future__ import annotations

import hashlib
import os
import re
import stat
import unicodedata
import warnings
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from pathlib import Path

from ..diagnostics import Collector
from ..limits import (
    MAX_COMBINING,
    MAX_IMAGE_BYTES,
    MAX_IMAGE_PIXELS,
    MAX_JPEG_MARKERS,
    MAX_JPEG_SCAN_PIXELS,
    MAX_LINE,
    MAX_TEXT_BYTES,
    MAX_WORD,
)
from ..model import SourcePos
from .lines import place, split_lines

__all__ = ["MAX_IMAGE_BYTES", "MAX_IMAGE_PIXELS", "MAX_TEXT_BYTES"]
MAX_HASHED_BYTES = 256_000_000  # larger than any file the readers accept
# MPO is what cameras save a JPEG as when it holds more than one picture.
IMAGE_FORMATS = {"PNG": "png", "JPEG": "jpeg", "GIF": "gif", "MPO": "jpeg"}
# What neither XML (the deck, the booklet's HTML) nor a PDF's text can hold: controls other
# than tab and line ends, lone surrogates and the Unicode non-characters.
UNUSABLE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff\ufdd0-\ufdef"
                      + "".join(f"{chr(plane * 0x10000 + 0xFFFE)}{chr(plane * 0x10000 + 0xFFFF)}"
                                for plane in range(17)) + "]")


def unusable_character(text: str) -> tuple[int, str] | None:
    """The index of the first character no output can hold, and what to call it; or None."""
    bad = UNUSABLE.search(text)
    if bad is None:
        return None
    code = ord(bad.group())
    if code < 0x80:
        kind = "the control character"
    elif 0xD800 <= code <= 0xDFFF:
        kind = "the lone surrogate"
    else:
        kind = "the non-character"
    return bad.start(), f"{kind} U+{code:04X}"
URL = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:")

# The files a reading used, by the name the lecture gives them (relative to its folder):
# (real path relative to the folder, sha256 of the bytes), or None for a name looked up and
# not found. The content cache re-checks exactly these, so that an up-to-date build reads
# no file the lecture does not use; a context variable keeps every reader's signature.
Used = dict[str, tuple[str, str] | None]
_USED: ContextVar[Used | None] = ContextVar("lectern_used_files", default=None)


@contextmanager
def recording_used_files() -> Iterator[Used]:
    """Collect, while the block runs, every file the readers resolve inside a lecture."""
    used: Used = {}
    token = _USED.set(used)
    try:
        yield used
    finally:
        _USED.reset(token)


def locate_inside(root: Path, name: str) -> tuple[Path, str] | None:
    """The real path of the regular file `name` (relative to `root`) and its name relative
    to the real `root`, or None when it is missing, special or outside `root`."""
    try:
        real_root = root.resolve()
        real = (real_root / name).resolve()
        if not real.is_relative_to(real_root) or not stat.S_ISREG(real.stat().st_mode):
            return None
    except (OSError, RuntimeError, ValueError):
        return None
    return real, real.relative_to(real_root).as_posix()


def digest_file(path: Path) -> str:
    """The sha256 of a regular file, read in pieces (the file is opened without blocking,
    so a file swapped for a pipe cannot hang the caller)."""
    fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK)
    with os.fdopen(fd, "rb") as handle:
        info = os.fstat(handle.fileno())
        if not stat.S_ISREG(info.st_mode):
            return "not-a-file"
        if info.st_size > MAX_HASHED_BYTES:
            return "too-large"  # never matches, so such a lecture is always read afresh
        return hashlib.file_digest(handle, "sha256").hexdigest()


def note_used(root: Path, name: str) -> Path | None:
    """Look `name` up inside `root` (as `locate_inside`), recording the answer for the cache."""
    found = locate_inside(root, name)
    used = _USED.get()
    if used is not None:
        try:
            used[_key(name)] = (found[1], digest_file(found[0])) if found else None
        except OSError:
            used[_key(name)] = ("", "unreadable")
    return found[0] if found else None


def _key(name: str) -> str:
    return Path(name).as_posix()


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
    if re.search(r"[\x00-\x1f\x7f]", name):
        diag.error(pos, f"{what} '{name}' has a control character in its name",
                   "rename the file")
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
        if not real.exists():
            diag.error(pos, f"{what} '{name}' does not exist")
            return None
        if not stat.S_ISREG(real.stat().st_mode):
            diag.error(pos, f"{what} '{name}' is not a regular file",
                       "name a file, not a folder, device or pipe")
            return None
    except (OSError, RuntimeError) as exc:  # a name too long, a symlink loop
        diag.error(pos, f"{what} '{name[:80]}' cannot be opened: {exc.__class__.__name__}")
        return None
    note_used(root, name)
    return real


# The texts read_text has read while a lecture is read, by their paths in the lecture.
_RECORDED: ContextVar[dict[str, str] | None] = ContextVar("recorded", default=None)


@contextmanager
def recording() -> Iterator[dict[str, str]]:
    """Keep the text of every file read_text reads meanwhile, as the file has it (after any
    byte order mark, line ends as they are), by its path in the lecture."""
    texts: dict[str, str] = {}
    token = _RECORDED.set(texts)
    try:
        yield texts
    finally:
        _RECORDED.reset(token)


def read_text(path: Path, rel: str, pos: SourcePos, diag: Collector) -> str | None:
    """The UTF-8 text of a file with line ends made '\\n', or None (reported)."""
    try:
        size = path.stat().st_size
        if size > MAX_TEXT_BYTES:
            diag.error(pos, f"'{rel}' is {size // 1000} kB; the limit for one file is "
                       f"{MAX_TEXT_BYTES // 1000} kB", "split it into several chapters")
            return None
        # Never more than the limit, whatever the size said (a file can grow meanwhile).
        with path.open("rb") as handle:
            data = handle.read(MAX_TEXT_BYTES + 1)
        if len(data) > MAX_TEXT_BYTES:
            diag.error(pos, f"'{rel}' is over {MAX_TEXT_BYTES // 1000} kB, the limit for one "
                       "file", "split it into several chapters")
            return None
    except OSError as exc:
        diag.error(pos, f"cannot read '{rel}': {exc.strerror}")
        return None
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        read = exc.object[:exc.start].decode("utf-8")  # valid up to the error, after any BOM
        diag.error(_place(read, rel, len(read)), "the file is not UTF-8 text",
                   "save it again as UTF-8 in your editor")
        return None
    recorded = _RECORDED.get()
    if recorded is not None:
        recorded[rel] = text
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    bad = unusable_character(text)
    if bad:
        index, what = bad
        diag.error(_place(text, rel, index), f"{what} is not allowed in text",
                   "delete it; is this a text file?")
        return None
    return text if _within_text_limits(text, rel, diag) else None


def _place(text: str, rel: str, offset: int) -> SourcePos:
    """The line and column of a character offset in `text`."""
    return SourcePos(rel, *place(text, offset))


def _within_text_limits(text: str, rel: str, diag: Collector) -> bool:
    """Check the longest line, word and stack of combining marks (reported at the first).

    Lines and words are measured by splitting (linear, in C): a regular expression tried at
    every character would cost the text's length times the limit.
    """
    lines = split_lines(text)
    if max(map(len, lines)) > MAX_LINE:
        number, line = next((n, t) for n, t in enumerate(lines, 1) if len(t) > MAX_LINE)
        diag.error(SourcePos(rel, number, 1), f"this line is {len(line):,} characters long; "
                   f"the limit is {MAX_LINE:,}", "break it into shorter lines")
        return False
    long_words = [w for w in text.split() if len(w) > min(MAX_WORD, MAX_COMBINING)]
    word = next((w for w in long_words if len(w) > MAX_WORD), None)
    if word is not None:
        diag.error(_place(text, rel, text.find(word)), f"a word of {len(word):,} characters; "
                   f"the limit is {MAX_WORD:,}", "put spaces in it, or shorten it")
        return False
    for word in long_words:
        stack = None if word.isascii() else _combining_stack(word)
        if stack is not None:
            diag.error(_place(text, rel, text.find(word) + stack), f"more than {MAX_COMBINING} "
                       "combining marks on one letter",
                       "remove the marks; no script needs that many")
            return False
    return True


def _combining_stack(word: str) -> int | None:
    """Where in `word` a letter carries more than MAX_COMBINING combining marks, or None."""
    count = 0
    for offset, char in enumerate(word):
        if unicodedata.category(char)[0] == "M":
            count += 1
            if count > MAX_COMBINING:
                return offset - MAX_COMBINING
        else:
            count = 0
    return None


def check_image(path: Path, rel: str, pos: SourcePos, diag: Collector) -> tuple[int, int] | None:
    """The pixel size, as it is to be seen, of a PNG, JPEG, GIF or MPO of sensible size, or
    None (the problem is reported).

    The format and the pixels are read from the file's header before any pixel is decoded.
    A picture the outputs cannot take as it is (rotated by EXIF, 16-bit, CMYK, a progressive
    JPEG of many scans...) is converted here, once: a picture that fails to convert fails
    now, at its line.
    """
    from PIL import Image

    from ..images import is_picture, jpeg_scans, needs_converting, oriented_size, picture

    size = path.stat().st_size
    if size > MAX_IMAGE_BYTES:
        diag.error(pos, f"image '{rel}' is {size // 1_000_000} MB; the limit is "
                   f"{MAX_IMAGE_BYTES // 1_000_000} MB", "save a smaller copy")
        return None
    not_image = ("convert it to PNG" if path.suffix.lower() == ".svg"
                 else "use a PNG, JPEG or GIF file")
    head = _head(path)
    if not is_picture(head):  # no other format's reader (TIFF, WebP...) ever sees the file
        other = _other_format(head)
        diag.error(pos, f"image '{rel}' is {other}; lectern takes PNG, JPEG or GIF" if other
                   else f"'{rel}' is not an image lectern can read",
                   "convert it to PNG" if other else not_image)
        return None
    try:
        with warnings.catch_warnings():
            # The size is checked below, before any pixel is decoded.
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)
            with Image.open(path) as img:
                fmt = img.format or ""
                width, height = img.size
                if fmt not in IMAGE_FORMATS:
                    diag.error(pos, f"image '{rel}' is {fmt}; lectern takes PNG, JPEG or GIF",
                               "convert it to PNG")
                    return None
                if not _sensible_size(width, height, path, rel, pos, diag):
                    return None
                img.verify()
            with Image.open(path) as img:  # verify() leaves the image unusable
                seen = oriented_size(img)
                scans = jpeg_scans(path.read_bytes()) if fmt in ("JPEG", "MPO") else 1
                convert = needs_converting(img, head, scans)
            if convert:
                picture(path)
    except Image.DecompressionBombError:
        diag.error(pos, f"image '{rel}' has too many pixels", "save a smaller copy")
        return None
    except Exception:  # Pillow raises many kinds of error for files that are not images
        diag.error(pos, f"'{rel}' is not an image lectern can read", not_image)
        return None
    return seen


def _sensible_size(width: int, height: int, path: Path, rel: str, pos: SourcePos,
                   diag: Collector) -> bool:
    """True when a picture's pixels (and a JPEG's scans over them) are within the limits."""
    from ..images import jpeg_scans

    if width * height > MAX_IMAGE_PIXELS:
        diag.error(pos, f"image '{rel}' has {width}×{height} pixels; the limit is "
                   f"{MAX_IMAGE_PIXELS // 1_000_000} million", "save a smaller copy")
        return False
    try:
        scans = jpeg_scans(path.read_bytes())
    except ValueError:
        diag.error(pos, f"image '{rel}' is a JPEG of more than {MAX_JPEG_MARKERS:,} markers "
                   "(the limit; a JPEG has a few dozen)", "save it again as a baseline JPEG")
        return False
    if scans * width * height > MAX_JPEG_SCAN_PIXELS:
        diag.error(pos, f"image '{rel}' is a progressive JPEG of {scans:,} scans, each a pass "
                   f"over its {width}×{height} pixels; the limit is "
                   f"{MAX_JPEG_SCAN_PIXELS // 1_000_000:,} million pixels in all its scans",
                   "save it again as a baseline (not progressive) JPEG")
        return False
    return True


# Formats lectern does not take, known by their first bytes, to name in the message.
OTHER_FORMATS = ((b"II*\0", "TIFF"), (b"MM\0*", "TIFF"), (b"BM", "BMP"), (b"\0\0\1\0", "ICO"),
                 (b"8BPS", "PSD"), (b"%PDF", "PDF"))


def _other_format(head: bytes) -> str:
    """The name of the picture format `head` starts, when lectern knows it; else ''."""
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return "WebP"
    if head[4:12] in (b"ftypheic", b"ftypheix", b"ftypmif1", b"ftypavif"):
        return "HEIF/AVIF"
    return next((name for magic, name in OTHER_FORMATS if head.startswith(magic)), "")


def file_digest(path: Path) -> str:
    """The SHA-256 of a file's bytes, in hexadecimal; "" when it cannot be read (the reader
    has reported why)."""
    digest = hashlib.sha256()
    try:
        with path.open("rb") as handle:
            for block in iter(lambda: handle.read(1 << 20), b""):
                digest.update(block)
    except OSError:
        return ""
    return digest.hexdigest()


def _head(path: Path) -> bytes:
    with path.open("rb") as handle:
        return handle.read(32)
