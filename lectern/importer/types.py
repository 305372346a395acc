"""What an imported deck holds, as neutral data: each slide's texts, tables and pictures in
reading order, its notes, and what lectern could not read from it."""

from __future__ import annotations

from dataclasses import dataclass

from ..box import Box

Bullet = str  # "" (none), "bullet" or "number"


@dataclass(frozen=True)
class Span:
    """A run of text and how it is set."""

    text: str
    bold: bool = False
    italic: bool = False
    link: str = ""  # an address outside the deck, "" for none
    lang: str = ""


@dataclass(frozen=True)
class Para:
    """A paragraph: its runs, its list level (0 for the outermost) and its bullet."""

    spans: tuple[Span, ...]
    level: int = 0
    bullet: Bullet = ""

    @property
    def text(self) -> str:
        return "".join(s.text for s in self.spans)


# Where a shape is on the slide, in EMU: the rectangle every part of lectern uses.
Frame = Box


@dataclass(frozen=True)
class TextPart:
    """A shape's text: `role` is title, subtitle, body (a placeholder) or text (a text box)."""

    role: str
    name: str
    paras: tuple[Para, ...]
    frame: Frame

    @property
    def text(self) -> str:
        return "\n".join(p.text for p in self.paras)


@dataclass(frozen=True)
class TablePart:
    """A table: rows of cells, each cell its paragraphs; the first row is the header."""

    name: str
    rows: tuple[tuple[tuple[Para, ...], ...], ...]
    aligns: tuple[str, ...]  # per column: "", "left", "center" or "right"
    frame: Frame


@dataclass(frozen=True)
class PicturePart:
    """A picture: its bytes and file extension, its alt text, whether it is decorative."""

    name: str
    blob: bytes
    ext: str
    alt: str
    frame: Frame
    decorative: bool = False
    rendered: str = ""  # what it stands for when LibreOffice drew it ("a chart"), else ""


Part = TextPart | TablePart | PicturePart


@dataclass(frozen=True)
class Problem:
    """Something on a slide lectern cannot represent, and what became of it."""

    slide: int  # 1-based; 0 for the deck as a whole
    what: str


@dataclass(frozen=True)
class SlideContent:
    """One slide: its layout's type and name, its parts in reading order, its notes."""

    number: int
    layout_type: str
    layout_name: str
    parts: tuple[Part, ...]
    notes: str
    hidden: bool = False

    def texts(self, role: str = "") -> tuple[TextPart, ...]:
        """Its text parts, of one role when `role` is given."""
        return tuple(p for p in self.parts if isinstance(p, TextPart)
                     and (not role or p.role == role))

    @property
    def title(self) -> str:
        found = self.texts("title")
        return " ".join(found[0].text.split()) if found else ""


@dataclass(frozen=True)
class Deck:
    """A deck read for import: its slides, its size, the language most of its text is in,
    the date it was made (ISO, or "") and the problems met."""

    slides: tuple[SlideContent, ...]
    width: int
    height: int
    language: str
    created: str
    problems: tuple[Problem, ...]
