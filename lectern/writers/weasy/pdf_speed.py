"""Three costs of writing a long PDF with WeasyPrint 70 and pydyf, removed without changing a byte.

- pydyf's `PDF.page_references` builds the list of every page's reference each time it is
  read, and WeasyPrint reads it once per tagged element: writing a tagged 620-page booklet
  spent more time there than drawing its pages. While a PDF is written it is kept, and
  rebuilt only when a page has been added.
- Each content stream is deflated (level 9) whenever a PDF is written. A process that writes
  the same book again and again (`lectern watch`) keeps the compressed form of the streams
  it wrote last, keyed by their uncompressed bytes, and drops the rest after each write.
- Drawing a page (WeasyPrint shapes every line of text again to draw it) is most of the
  time of writing a book whose pages were laid out before. Such a process keeps what
  drawing each page wrote into its content stream, with the glyphs and graphics states it
  used and its marked-content tags, and replays that for the same page object. A page that
  makes anything else on the way (an image, a transparency group, a pattern, a shading, a
  glyph the font lacks) is always drawn.

Everything here reaches into WeasyPrint's and pydyf's internals; the tests compare every
byte of a kept renderer's booklet with a fresh one's.
"""

from __future__ import annotations

import contextlib
import hashlib
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from .version import PYDYF, WEASYPRINT, written_for


def _kept_page_references(pdf: Any) -> tuple[bytes, ...]:
    # Pages are only ever appended (PDF.add_page), so the length of Kids says when the
    # kept tuple is out of date.
    kids = pdf.pages["Kids"]
    kept = pdf.__dict__.get("_lectern_page_references")
    if kept is None or kept[0] != len(kids):
        refs = tuple(f"{number} 0 R".encode("ascii") for number in kids[::3])
        kept = (len(kids), refs)
        pdf.__dict__["_lectern_page_references"] = kept
    return kept[1]


class StreamCache:
    """Compressed streams from the last write, by a hash of their raw bytes.

    Stands in for the `zlib` module inside pydyf while a PDF is written: pydyf deflates a
    stream with `zlib.compressobj(level=9)`, `.compress(raw)`, `.flush()`; the answer is
    looked up here first, so an unchanged page is not compressed again.
    """

    def __init__(self) -> None:
        self.last: dict[tuple[bytes, int], bytes] = {}
        self.current: dict[tuple[bytes, int], bytes] = {}

    def deflate(self, raw: bytes, level: int) -> bytes:
        key = (hashlib.blake2b(raw, digest_size=20).digest(), level)
        found = self.last.get(key) or self.current.get(key)
        if found is None:
            compressor = zlib.compressobj(level=level)
            found = compressor.compress(raw) + compressor.flush()
        self.current[key] = found
        return found

    def compressobj(self, level: int = -1, *args: Any, **kwargs: Any) -> Any:
        if args or kwargs:
            return zlib.compressobj(level, *args, **kwargs)
        return _Deflater(self, level)

    def __getattr__(self, name: str) -> Any:
        return getattr(zlib, name)  # the rest of zlib, untouched

    def finish(self) -> None:
        """Keep only what the write just made: memory stays flat build after build."""
        self.last, self.current = self.current, {}


class _Deflater:
    """One `compressobj`: the whole input in one `compress` call, as pydyf does."""

    def __init__(self, cache: StreamCache, level: int) -> None:
        self.cache, self.level = cache, level
        self.pending: bytes | None = None
        self.fallback: Any = None

    def compress(self, data: bytes) -> bytes:
        if self.fallback is None and self.pending is None:
            self.pending = data
            return b""
        # Fed twice: not the pattern the cache knows, so compress for real.
        if self.fallback is None:
            self.fallback = zlib.compressobj(level=self.level)
            head = self.fallback.compress(self.pending or b"")
            self.pending = None
            return head + self.fallback.compress(data)
        return self.fallback.compress(data)

    def flush(self, *args: Any) -> bytes:
        if self.fallback is not None:
            return self.fallback.flush(*args)
        return self.cache.deflate(self.pending or b"", self.level)


class _Seen(dict[Any, Any]):
    """A font's glyph table that tells the page being drawn which glyphs it looks up."""

    def __init__(self, owner: Any, name: str, data: dict[Any, Any]) -> None:
        super().__init__(data)
        self.owner, self.name = owner, name

    def _note(self, glyph: Any) -> None:
        if _drawing is not None:
            _drawing.glyphs.setdefault((self.owner, self.name, glyph), None)

    def __contains__(self, glyph: object) -> bool:
        self._note(glyph)
        return super().__contains__(glyph)

    def __getitem__(self, glyph: Any) -> Any:
        self._note(glyph)
        return super().__getitem__(glyph)

    def __setitem__(self, glyph: Any, value: Any) -> None:
        self._note(glyph)
        super().__setitem__(glyph, value)

    def get(self, glyph: Any, default: Any = None) -> Any:
        self._note(glyph)
        return super().get(glyph, default)


class _Drawing:
    """What one page's drawing did to its stream, the document's fonts and its resources."""

    def __init__(self, stream: Any) -> None:
        self.start = len(stream.stream)
        tags = stream._tags
        self.tags_before = None if tags is None else len(tags)
        self.tag_keys = set() if tags is None else set(tags)
        self.glyphs: dict[tuple[Any, str, Any], None] = {}
        self.replayable = True


@dataclass
class _Drawn:
    page: Any  # kept so that its id stays its own
    scale: float
    ops: list[Any]
    glyphs: list[tuple[Any, str, Any, Any]]
    states: list[tuple[Any, Any]]
    tags_before: int | None
    tags: dict[Any, Any]

    def fits(self, stream: Any) -> bool:
        tags = stream._tags
        if (None if tags is None else len(tags)) != self.tags_before:
            return False
        return all(key in stream._fonts for key, *_ in self.glyphs)

    def replay(self, stream: Any) -> None:
        stream.stream.extend(self.ops)
        for key, name, glyph, value in self.glyphs:
            table = getattr(stream._fonts[key], name)
            if not dict.__contains__(table, glyph):
                dict.__setitem__(table, glyph, value)
        states = stream._resources["ExtGState"]
        for name, value in self.states:
            states.setdefault(name, value)
        if stream._tags is not None:
            stream._tags.update(self.tags)


_drawing: _Drawing | None = None


class DrawCache:
    """What drawing each page of the last write made, by page object."""

    def __init__(self) -> None:
        self.last: dict[int, _Drawn] = {}
        self.current: dict[int, _Drawn] = {}
        self.replayed = 0

    def paint(self, original: Any) -> Any:
        cache = self

        def paint(page: Any, stream: Any, scale: float = 1) -> None:
            global _drawing
            kept = cache.last.get(id(page))
            if kept is not None and kept.page is page and kept.scale == scale \
                    and kept.fits(stream):
                kept.replay(stream)
                cache.current[id(page)] = kept
                cache.replayed += 1
                return
            _drawing = drawing = _Drawing(stream)
            try:
                original(page, stream, scale)
            finally:
                _drawing = None
            if drawing.replayable and not any(page.forms.values()):
                cache.current[id(page)] = _drawn(page, scale, stream, drawing)

        return paint

    def finish(self) -> None:
        """Keep only the pages of the write just made."""
        self.last, self.current = self.current, {}


def _drawn(page: Any, scale: float, stream: Any, drawing: _Drawing) -> _Drawn:
    ops = stream.stream[drawing.start:]
    glyphs = []
    for key, name, glyph in drawing.glyphs:
        table = getattr(stream._fonts[key], name)
        if dict.__contains__(table, glyph):
            glyphs.append((key, name, glyph, dict.__getitem__(table, glyph)))
    states = stream._resources["ExtGState"]
    used = [op[1:-3] for op in ops if isinstance(op, bytes) and op.endswith(b" gs")]
    kept_states = [(name, states[name]) for name in dict.fromkeys(
        op.decode("latin-1") for op in used) if name in states]
    tags = {} if stream._tags is None else {
        box: tag for box, tag in stream._tags.items() if box not in drawing.tag_keys}
    return _Drawn(page, scale, ops, glyphs, kept_states, drawing.tags_before, tags)


def _not_replayable(original: Any) -> Any:
    def method(*args: Any, **kwargs: Any) -> Any:
        if _drawing is not None:
            _drawing.replayable = False
        return original(*args, **kwargs)

    return method


def _noting_add_font(original: Any) -> Any:
    def add_font(stream: Any, pango_font: Any) -> Any:
        font, size = original(stream, pango_font)
        if not isinstance(font.widths, _Seen):
            key = next(k for k, f in stream._fonts.items() if f is font)
            font.widths = _Seen(key, "widths", font.widths)
            font.to_unicode = _Seen(key, "to_unicode", font.to_unicode)
        return font, size

    return add_font


# Stream methods that add objects a replay would not recreate.
_MAKERS = ("add_group", "add_image", "add_pattern", "add_shading", "set_state", "clone")


@contextlib.contextmanager
def _replaying(drawn: DrawCache) -> Iterator[None]:
    from weasyprint.document import Page
    from weasyprint.pdf.fonts import Font
    from weasyprint.pdf.stream import Stream

    saved = [(Page, "paint", Page.paint), (Stream, "add_font", Stream.add_font),
             (Font, "get_unused_glyph_id", Font.get_unused_glyph_id),
             *((Stream, name, getattr(Stream, name)) for name in _MAKERS)]
    Page.paint = drawn.paint(Page.paint)
    Stream.add_font = _noting_add_font(Stream.add_font)
    Font.get_unused_glyph_id = _not_replayable(Font.get_unused_glyph_id)
    for name in _MAKERS:
        setattr(Stream, name, _not_replayable(getattr(Stream, name)))
    try:
        yield
    finally:
        for owner, name, method in saved:
            setattr(owner, name, method)
        drawn.finish()


@contextlib.contextmanager
def faster_writes(cache: StreamCache | None = None,
                  drawn: DrawCache | None = None) -> Iterator[None]:
    """While a PDF is written: page references built once, streams deflated once per cache,
    pages drawn once per draw cache."""
    if not written_for("PDF write speed-ups", "pydyf", PYDYF):
        yield
        return
    import pydyf

    if not written_for("page drawing replay", "weasyprint", WEASYPRINT):
        drawn = None
    saved_refs = pydyf.PDF.page_references
    pydyf.PDF.page_references = property(_kept_page_references)
    if cache is not None:
        pydyf.zlib = cache
    try:
        if drawn is None:
            yield
        else:
            with _replaying(drawn):
                yield
    finally:
        pydyf.PDF.page_references = saved_refs
        pydyf.zlib = zlib
        if cache is not None:
            cache.finish()
