"""The lecture model: frozen dataclasses every writer consumes, each node with its source place."""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import ClassVar, Literal, TypeVar


@dataclass(frozen=True, order=True)
class SourcePos:
    """A place in the lecture: a path relative to the lecture folder, 1-based line and column."""

    file: str
    line: int = 0
    col: int = 0

    def __str__(self) -> str:
        if self.line <= 0:
            return self.file
        return f"{self.file}:{self.line}:{self.col or 1}"


NOWHERE = SourcePos("<unknown>")


# A field's metadata: `dump` leaves it out of a model dump while it holds its default value.
IF_SET = "if set"
SHOWN_IF_SET = {"dump": IF_SET}


# --- inline content -------------------------------------------------------------------------


@dataclass(frozen=True)
class Text:
    """Plain running text."""

    text: str
    children: ClassVar[tuple[()]] = ()


@dataclass(frozen=True)
class Emph:
    """Emphasised text (italic in print)."""

    children: Inlines


@dataclass(frozen=True)
class Strong:
    """Strongly emphasised text (bold in print)."""

    children: Inlines


@dataclass(frozen=True)
class Code:
    """Inline code: shown in a monospaced face, never reshaped by typography."""

    text: str
    children: ClassVar[tuple[()]] = ()


@dataclass(frozen=True)
class LineBreak:
    """A hard line break inside a paragraph."""

    children: ClassVar[tuple[()]] = ()


@dataclass(frozen=True)
class Link:
    """A hyperlink: `url` as the author wrote it, `children` the words that carry it."""

    url: str
    children: Inlines


@dataclass(frozen=True)
class Term:
    """A marked glossary term: `ref` is the id of the glossary entry."""

    ref: str
    children: Inlines
    pos: SourcePos = NOWHERE


@dataclass(frozen=True)
class FootnoteRef:
    """A footnote call; `number` is 1-based within the chapter, `note` the note's content."""

    number: int
    note: Blocks
    pos: SourcePos = NOWHERE

    @property
    def children(self) -> Blocks:
        return self.note


Inline = Text | Emph | Strong | Code | LineBreak | Link | Term | FootnoteRef
Inlines = tuple[Inline, ...]


# --- block content --------------------------------------------------------------------------


@dataclass(frozen=True)
class Paragraph:
    """A paragraph of prose."""

    content: Inlines
    pos: SourcePos = NOWHERE

    @property
    def children(self) -> Inlines:
        return self.content


@dataclass(frozen=True)
class Heading:
    """A heading inside a chapter body; level 2 is the highest (level 1 is the chapter title)."""

    level: int
    content: Inlines
    pos: SourcePos = NOWHERE

    @property
    def children(self) -> Inlines:
        return self.content


@dataclass(frozen=True)
class ListBlock:
    """A bulleted or numbered list; each item is a sequence of blocks."""

    items: tuple[Blocks, ...]
    ordered: bool = False
    start: int = 1
    pos: SourcePos = NOWHERE

    @property
    def children(self) -> Blocks:
        """The blocks of every item, one item after another."""
        return tuple(block for item in self.items for block in item)


@dataclass(frozen=True)
class BlockQuote:
    """A quotation set off from the prose (Markdown's `>`)."""

    content: Blocks
    pos: SourcePos = NOWHERE

    @property
    def children(self) -> Blocks:
        return self.content


@dataclass(frozen=True)
class CodeBlock:
    """A block of code or console output, kept exactly as written; `language` is a fenced
    block's info string ("" when none)."""

    text: str
    pos: SourcePos = NOWHERE
    language: str = field(default="", metadata=SHOWN_IF_SET)
    children: ClassVar[tuple[()]] = ()


@dataclass(frozen=True)
class Rule:
    """A thematic break between passages."""

    pos: SourcePos = NOWHERE
    children: ClassVar[tuple[()]] = ()


@dataclass(frozen=True)
class Figure:
    """A picture with caption and credit; `path` is absolute and inside the lecture folder;
    `width` × `height` is its size in pixels as it is seen (after its EXIF orientation)."""

    path: Path
    caption: Inlines
    credit: str
    alt: str  # the author's alt text; the caption when none is given; "" when decorative
    pos: SourcePos = NOWHERE
    width: int = 1
    height: int = 1
    decorative: bool = False  # shows nothing a reader needs: an Artifact, no alt text
    # SHA-256 of the file as the reader found it: its identity for caches, so that no writer
    # needs to look at the file to know whether it changed
    digest: str = field(default="", metadata={"dump": False})

    @property
    def children(self) -> Inlines:
        return self.caption


@dataclass(frozen=True)
class PullQuote:
    """A key quote placed in the prose; `quote` is the key quote itself."""

    quote: Quote
    pos: SourcePos = NOWHERE
    children: ClassVar[tuple[()]] = ()


Align = Literal["", "left", "center", "right"]


@dataclass(frozen=True)
class TableCell:
    """One cell of a table: inline content, at the place its text starts."""

    content: Inlines
    pos: SourcePos = NOWHERE

    @property
    def children(self) -> Inlines:
        return self.content


@dataclass(frozen=True)
class Table:
    """A pipe table: a header row, body rows of as many cells, each column's alignment.

    `aligns` has one entry per column ("" when the author asked for none); `caption` comes
    from a `Table: ...` paragraph right after the table.
    """

    header: tuple[TableCell, ...]
    rows: tuple[tuple[TableCell, ...], ...]
    aligns: tuple[Align, ...]
    caption: Inlines = ()
    pos: SourcePos = NOWHERE

    @property
    def columns(self) -> int:
        return len(self.aligns)

    @property
    def children(self) -> tuple[Inline | TableCell, ...]:
        """The caption's content, then the header's cells, then every row's, in order."""
        return (*self.caption, *self.header, *(cell for row in self.rows for cell in row))


Block = (Paragraph | Heading | ListBlock | BlockQuote | CodeBlock | Rule | Figure | PullQuote
         | Table)
Blocks = tuple[Block, ...]


# --- lecture parts --------------------------------------------------------------------------


@dataclass(frozen=True)
class Item:
    """One line of text from YAML (a key point, a question), with inline markup parsed."""

    content: Inlines
    pos: SourcePos = NOWHERE

    @property
    def text(self) -> str:
        return plain_text(self.content)


@dataclass(frozen=True)
class Quote:
    """A key quote of a chapter: its words, who said them, where and when, and the original
    wording in another language when there is one."""

    text: str
    who: str
    work: str
    year: str
    id: str = ""
    original: str = ""
    original_language: str = ""
    pos: SourcePos = NOWHERE
    # `text` with its inline Markdown read (emphasis, code, links); () where it has none
    content: Inlines = field(default=(), metadata=SHOWN_IF_SET)

    @property
    def words(self) -> Inlines:
        """The quote's words as inline content (`text` where no content was read)."""
        return self.content or (Text(self.text),)

    @property
    def reference(self) -> str:
        """The full attribution: who, work, year."""
        return f"{self.who}, {self.work}, {self.year}"


@dataclass(frozen=True)
class Chapter:
    """One chapter: its front matter (title, summary, key points, quotes, notes, questions)
    and its prose."""

    number: int
    slug: str
    title: str
    summary: str
    key_points: tuple[Item, ...]
    quotes: tuple[Quote, ...]
    notes: str
    questions: tuple[Item, ...]
    body: Blocks
    pos: SourcePos = NOWHERE
    title_pos: SourcePos = NOWHERE  # where the front matter gives the title
    # `title` and `summary` with their inline Markdown read; the str fields hold their
    # plain text (for bookmarks, metadata and file names).
    title_content: Inlines = field(default=(), metadata=SHOWN_IF_SET)
    summary_content: Inlines = field(default=(), metadata=SHOWN_IF_SET)

    @property
    def title_inlines(self) -> Inlines:
        """The title as inline content (`title` where no content was read)."""
        return self.title_content or (Text(self.title),)

    @property
    def summary_inlines(self) -> Inlines:
        """The summary as inline content (`summary` where no content was read)."""
        return self.summary_content or (Text(self.summary),)

    def footnotes(self) -> tuple[FootnoteRef, ...]:
        """Every footnote call of the body, in reading order."""
        return tuple(n for n in walk_inlines(self.body) if isinstance(n, FootnoteRef))


@dataclass(frozen=True)
class PartialDate:
    """A date known to the year, month or day."""

    year: int
    month: int = 0
    day: int = 0


@dataclass(frozen=True)
class TimelineEntry:
    """One event of the lecture's timeline; `new_style` is the date in the other calendar."""

    date: PartialDate
    event: str
    detail: str = ""
    new_style: PartialDate | None = None
    pos: SourcePos = NOWHERE


@dataclass(frozen=True)
class GlossaryEntry:
    """One glossary term with its definition, and the original word and its transliteration."""

    id: str
    term: str
    definition: str
    original: str = ""
    transliteration: str = ""
    pos: SourcePos = NOWHERE


@dataclass(frozen=True)
class SourceEntry:
    """One entry of the sources: a work the lecture draws on."""

    title: str
    id: str = ""
    author: str = ""
    publisher: str = ""
    place: str = ""
    year: str = ""
    url: str = ""
    note: str = ""
    pos: SourcePos = NOWHERE


Paper = Literal["a5", "a4", "letter"]
LinkAddresses = Literal["auto", "footnote", "inline", "none"]
Duplex = Literal["short-edge", "long-edge"]


@dataclass(frozen=True)
class BookletSettings:
    """The booklet's settings from `booklet:` in lecture.yaml."""

    paper: Paper = "a5"
    cover_image: Path | None = None
    cover_credit: str = ""
    cover_alt: str = ""
    # SHA-256 of the cover picture as the reader found it
    cover_digest: str = field(default="", metadata={"dump": False})
    duplex: Duplex = "short-edge"
    tagged: bool = True
    pos: SourcePos = NOWHERE
    # Where a link's address is printed: after its words when short, else in a footnote
    # ("auto"); always in a footnote; always after the words; or not at all.
    link_addresses: LinkAddresses = field(default="auto", metadata=SHOWN_IF_SET)


HandoutNotes = Literal["lines", "speaker", "none"]
SLIDES_PER_PAGE = (1, 2, 3, 4, 6)


@dataclass(frozen=True)
class HandoutSettings:
    """The printed handout: how many slides a page, and what goes beside or below each."""

    slides_per_page: int = 3
    notes: HandoutNotes = "lines"
    pos: SourcePos = NOWHERE


@dataclass(frozen=True)
class LayoutChoice:
    """One entry of `deck: layouts:`: a kind of slide, the layout's name and, where the entry
    names one, its master (a name or a 1-based number)."""

    role: str
    layout: str
    master: str = ""
    pos: SourcePos = NOWHERE


@dataclass(frozen=True)
class DeckSettings:
    """The deck's settings from `deck:` in lecture.yaml: the template and layout choices."""

    template: Path | None = None
    pos: SourcePos = NOWHERE
    layouts: tuple[LayoutChoice, ...] = ()  # from `deck: layouts:`
    master: str = ""  # `deck: master:`: the master's name or its 1-based number
    master_pos: SourcePos = NOWHERE
    # SHA-256 of the template file as the reader found it
    template_digest: str = field(default="", metadata={"dump": False})


@dataclass(frozen=True)
class Attribution:
    """The work a lecture is adapted from: `license` is an SPDX id or a web address."""

    title: str
    authors: tuple[str, ...] = ()
    url: str = ""
    license: str = ""
    pos: SourcePos = NOWHERE


GlossaryOrder = Literal["alphabetical", "as-written"]


@dataclass(frozen=True)
class TextSpan:
    """Where a text value of YAML is written: its first character's place, its character
    offsets in the file's text (line ends made '\\n'), and how it is written (plain "",
    '"', "'", "|", ">"); for the value of a key, the key and the place of its mapping (the
    file alone, line 0, for the file's top mapping)."""

    pos: SourcePos
    start: int
    end: int
    style: str
    within: SourcePos = NOWHERE
    key: str = ""


@dataclass(frozen=True)
class Lecture:
    """A whole lecture: its metadata, chapters and back matter, and the settings of each
    output; `root` is the lecture folder."""

    root: Path
    name: str
    title: str
    authors: tuple[str, ...]
    date: dt.date
    language: str
    chapters: tuple[Chapter, ...]
    subtitle: str = ""
    description: str = ""
    keywords: tuple[str, ...] = ()
    basis: str = ""
    timeline: tuple[TimelineEntry, ...] = ()
    glossary: tuple[GlossaryEntry, ...] = ()
    sources: tuple[SourceEntry, ...] = ()
    booklet: BookletSettings = field(default_factory=BookletSettings)
    deck: DeckSettings = field(default_factory=DeckSettings)
    handout: HandoutSettings = field(default_factory=HandoutSettings)
    pos: SourcePos = NOWHERE
    license: str = ""  # the lecture's own licence: an SPDX id ("CC-BY-4.0") or a web address
    adapted_from: Attribution | None = None
    roles: tuple[str, ...] = ()  # each author's role ("" for none), in the order of `authors`
    glossary_order: GlossaryOrder = "alphabetical"  # the glossary as printed (already sorted)
    # `title` and `subtitle` with their inline Markdown read (the str fields: plain text).
    title_content: Inlines = field(default=(), metadata=SHOWN_IF_SET)
    subtitle_content: Inlines = field(default=(), metadata=SHOWN_IF_SET)
    # The text of every source file the reader read, by its path in the lecture, as the file
    # has it: what the deck's provenance record points into. Not part of what a writer's
    # cache compares (an edit shows in the nodes it changes).
    texts: tuple[tuple[str, str], ...] = field(default=(), repr=False, compare=False,
                                               metadata={"dump": False})
    # Where each text value of the YAML read is written, by the reader that composed it: what
    # the provenance record needs besides `texts`, so that it need not compose them again.
    spans: tuple[TextSpan, ...] = field(default=(), repr=False, compare=False,
                                        metadata={"dump": False})

    @property
    def credited(self) -> tuple[tuple[str, str], ...]:
        """Each author's name with their role ("" for none)."""
        return tuple((name, self.roles[i] if i < len(self.roles) else "")
                     for i, name in enumerate(self.authors))

    def quotes(self) -> Iterator[Quote]:
        """Every key quote of every chapter, in order."""
        for chapter in self.chapters:
            yield from chapter.quotes


# --- helpers ------------------------------------------------------------------------------


def children_of(node: object) -> tuple[object, ...]:
    """The nested nodes of a block or inline, in reading order: every node type declares
    them as `children`; anything else has none."""
    return tuple(getattr(node, "children", ()))


def walk_inlines(nodes: tuple[object, ...]) -> Iterator[object]:
    """Every node below `nodes`, depth first, in reading order."""
    for node in nodes:
        yield node
        yield from walk_inlines(children_of(node))


N = TypeVar("N")


def nodes_of(nodes: tuple[object, ...], kinds: tuple[type[N], ...]) -> list[N]:
    """The nodes below `nodes` of the given kinds, in the order walk_inlines meets them
    (without a generator a level: a long chapter's prose is walked in a few milliseconds)."""
    found: list[N] = []
    stack = list(reversed(nodes))
    while stack:
        node = stack.pop()
        if isinstance(node, kinds):
            found.append(node)
        children = getattr(node, "children", ())
        if children:
            stack.extend(reversed(children))
    return found


def plain_text(inlines: tuple[object, ...]) -> str:
    """The text of inline content, without markup or footnote calls."""
    out: list[str] = []
    for node in inlines:
        if isinstance(node, (Text, Code)):
            out.append(node.text)
        elif isinstance(node, LineBreak):
            out.append("\n")
        elif isinstance(node, FootnoteRef):
            continue
        else:
            out.append(plain_text(children_of(node)))
    return "".join(out)


def dump(node: object, indent: int = 0) -> str:
    """A stable, readable text dump of any model node (for golden tests)."""
    pad = "  " * indent
    if isinstance(node, SourcePos):
        return f"{pad}@ {node}"
    if dataclasses.is_dataclass(node) and not isinstance(node, type):
        lines = [f"{pad}{type(node).__name__}"]
        for f in dataclasses.fields(node):
            if f.metadata.get("dump") is False:
                continue  # bulky data a reader would not review (a package's bytes)
            value = getattr(node, f.name)
            if f.metadata.get("dump") == IF_SET and value == _default(f):
                continue  # an optional detail, shown only where a node has it
            if isinstance(value, Path):
                lines.append(f"{pad}  {f.name}: {_rel(value)}")
            elif isinstance(value, tuple) and value and not isinstance(value[0], str):
                lines.append(f"{pad}  {f.name}:")
                for v in value:
                    if isinstance(v, tuple):  # an item of a list, a row of a table
                        lines.append(f"{pad}    -")
                    lines.append(dump(v, indent + 2))
            elif isinstance(value, SourcePos):
                lines.append(f"{pad}  {f.name}: {value}")
            elif dataclasses.is_dataclass(value):
                lines.append(f"{pad}  {f.name}:")
                lines.append(dump(value, indent + 2))
            else:
                lines.append(f"{pad}  {f.name}: {value!r}")
        return "\n".join(lines)
    if isinstance(node, tuple):
        return "\n".join(dump(v, indent) for v in node) or f"{pad}()"
    return f"{pad}{node!r}"


def _default(f: dataclasses.Field[object]) -> object:
    if f.default_factory is not dataclasses.MISSING:
        return f.default_factory()
    return f.default


def _rel(path: Path) -> str:
    return path.name if path.is_absolute() else str(path)
