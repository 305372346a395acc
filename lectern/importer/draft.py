"""The lecture an import makes, as the slides fill it in: chapters with their front matter
and body blocks, the back matter, the pictures and what could not be imported."""

from __future__ import annotations

from dataclasses import dataclass, field

from .types import Problem


@dataclass
class TableDraft:
    """A table of a chapter body: Markdown cells, alignments, caption, its slide title."""
    header: list[str]
    rows: list[list[str]]
    aligns: list[str]
    caption: str = ""
    title: str = ""  # the slide title it stood under, to join continuation slides


@dataclass
class FigureDraft:
    """A picture of a chapter body: its file, caption, alt text and credit."""
    file: str
    caption: str
    alt: str
    credit: str = ""
    decorative: bool = False


Block = str | TableDraft | FigureDraft


@dataclass
class QuoteDraft:
    """A key quote recognised on a quotation slide."""
    id: str
    text: str
    who: str
    work: str
    year: str
    original: str = ""
    original_language: str = ""
    raw: str = ""  # the text as the slide shows it, quotation marks and all
    raw_original: str = ""  # likewise the original, when it stands on slides of its own


@dataclass
class ChapterDraft:
    """A chapter as the slides fill it: front matter and body blocks."""
    title: str
    slide: int
    summary: str = ""
    key_points: list[str] = field(default_factory=list)
    quotes: list[QuoteDraft] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    questions: list[str] = field(default_factory=list)
    body: list[Block] = field(default_factory=list)
    heading: str = ""  # the last slide title written as a heading
    points_slide: int = 0  # the (last) slide its key points came from
    headings: list[str] = field(default_factory=list)


@dataclass
class LectureDraft:
    """The lecture a deck makes, before it is written as files."""
    title: str = ""
    subtitle: str = ""
    authors: list[str] = field(default_factory=list)
    date: str = ""
    language: str = "en"
    description: str = ""
    chapters: list[ChapterDraft] = field(default_factory=list)
    glossary: list[dict[str, str]] = field(default_factory=list)
    sources: list[dict[str, str]] = field(default_factory=list)
    timeline: list[dict[str, str]] = field(default_factory=list)
    images: dict[str, bytes] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    rules: list[str] = field(default_factory=list)  # how the chapters were found
