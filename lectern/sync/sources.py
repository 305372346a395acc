"""The texts a deck shows, each with the span of source text it was made from."""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from .. import model as m
from ..readers.lines import Lines

# How a span's text is written, so an edit is written back the same way: a YAML scalar's
# style (plain "", '"', "'", "|", ">"), a Markdown table cell, or inline Markdown.
CELL, MARKDOWN = "cell", "md"


@dataclass(frozen=True)
class Unit:
    """One text of the lecture a deck shows: what it says (as the model holds it, with
    typographic punctuation) and the source text it was made from."""

    kind: str  # "title", "key point", "quote", "question", "note", "cell", "caption", ...
    text: str
    file: str
    start: int  # character offsets of the source span in the file as read
    end: int
    style: str
    source: str  # the file's text in the span when the deck was built
    line: int = 0  # the line and column (1-based, in characters) the span starts at
    col: int = 0


class SourceFiles:
    """The lecture's text files as the reader read them, and where the reader found the
    text values of their YAML."""

    def __init__(self, lecture: m.Lecture) -> None:
        self.texts = dict(lecture.texts)
        # By the places' parts (a tuple hashes several times faster than a SourcePos).
        self.scalars = {(span.pos.file, span.pos.line, span.pos.col): span
                        for span in lecture.spans}
        self.keys = {(span.within.file, span.within.line, span.within.col, span.key): span
                     for span in lecture.spans if span.key}
        self._lines: dict[str, Lines] = {}
        self._unbroken: dict[str, Lines | None] = {}

    def text(self, rel: str) -> str | None:
        """The text of a file of the lecture; None for one the reader did not read."""
        return self.texts.get(rel)

    def lines(self, rel: str) -> Lines:
        """Where each line of a file that has been read starts."""
        if rel not in self._lines:
            self._lines[rel] = Lines(self.texts.get(rel, ""))
        return self._lines[rel]

    def offset(self, rel: str, offset: int) -> int:
        """The offset in the file as read of an offset in its text with line ends made
        '\\n' (the same but where the file ends lines with '\\r')."""
        if rel not in self._unbroken:
            text = self.texts.get(rel, "")
            self._unbroken[rel] = Lines(text.replace("\r\n", "\n").replace("\r", "\n")) \
                if "\r" in text else None
        unbroken = self._unbroken[rel]
        if unbroken is None:
            return offset
        line, col = unbroken.place(offset)
        return self.lines(rel).starts[line - 1] + col - 1


def digest(text: str) -> str:
    """A short fingerprint of a text."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def fingerprints(units: Sequence[Unit]) -> dict[str, str]:
    """For each file a deck shows texts of, a fingerprint of those texts and their places:
    all the record takes from the file (an edit elsewhere in it leaves it alone)."""
    by_file: dict[str, list[Any]] = {}
    for unit in units:
        by_file.setdefault(unit.file, []).append([unit.line, unit.col, unit.style, unit.source])
    return {rel: digest(json.dumps(spans, ensure_ascii=False))
            for rel, spans in sorted(by_file.items())}


def recorded_sources(lecture: m.Lecture) -> dict[str, str]:
    """All a deck's provenance record takes from the source files besides the model (each
    file's fingerprint of the texts it holds and their places): part of what the deck reads."""
    return fingerprints(lecture_units(lecture, SourceFiles(lecture)))


class _Collector:
    """Builds the units of a lecture, skipping any whose source cannot be found."""

    def __init__(self, files: SourceFiles) -> None:
        self.files = files
        self.units: list[Unit] = []

    def add(self, kind: str, text: str, span: m.TextSpan | None) -> None:
        """A unit written in YAML, at the span the reader found."""
        if span is None:
            return
        file = span.pos.file
        start, end = self.files.offset(file, span.start), self.files.offset(file, span.end)
        self._add(kind, text, file, start, end, span.style, span.pos.line, span.pos.col)

    def add_markdown(self, kind: str, text: str, file: str,
                     found: tuple[int, int] | None, style: str) -> None:
        """A unit written in Markdown, at the offsets found in its file."""
        if found is not None:
            self._add(kind, text, file, *found, style, *self.files.lines(file).place(found[0]))

    def _add(self, kind: str, text: str, file: str, start: int, end: int, style: str,
             line: int, col: int) -> None:
        source = self.files.text(file)
        if source is None or len(text.strip()) < 2:
            return
        if style in ("|", ">"):
            end = _trim_block(source, start, end)
        self.units.append(Unit(kind, text, file, start, end, style, source[start:end], line,
                               col))

    def scalar(self, pos: m.SourcePos) -> m.TextSpan | None:
        return self.files.scalars.get((pos.file, pos.line, pos.col))

    def key(self, pos: m.SourcePos, name: str) -> m.TextSpan | None:
        return self.files.keys.get((pos.file, pos.line, pos.col, name))

    def root_key(self, file: str, name: str) -> m.TextSpan | None:
        return self.files.keys.get((file, 0, 0, name))

    def line_span(self, pos: m.SourcePos, pattern: re.Pattern[str]) -> tuple[int, int] | None:
        """The first match of `pattern`'s group 1 from a Markdown place on."""
        text = self.files.text(pos.file)
        if text is None or pos.line <= 0:
            return None
        lines = self.files.lines(pos.file)
        if pos.line > len(lines.starts):
            return None
        at = lines.starts[pos.line - 1] + max(pos.col, 1) - 1
        match = pattern.search(text, at)
        if match is None:
            return None
        return match.start(1), match.end(1)


def _trim_block(text: str, start: int, end: int) -> int:
    """A block scalar's span without the line ends and blank lines that follow its text."""
    while end > start and text[end - 1] in " \r\n\t":
        end -= 1
    return end


# A table cell's text: up to the next '|' that no backslash escapes, or the line's end.
_CELL = re.compile(r"[ \t]*((?:\\.|[^|\r\n\\])*?)[ \t]*(?:\||$)", re.M)
# A table's caption after its label: 'Table:', the language's word ('Tabla:', 'Tableau :')
# or a bare ':' (readers.markdown.caption_label), then a space (which a ':---' row lacks).
_CAPTION = re.compile(r"^(?:[^\W\d_]+[ \t\u00a0\u202f]*)?:[ \t]+(.+(?:\r?\n(?![ \t]*\r?\n).+)*)",
                      re.M)
_FIGURE = re.compile(r"!\[((?:\\.|[^\]\\])*)\]")


def lecture_units(lecture: m.Lecture, files: SourceFiles) -> list[Unit]:
    """Every text of the lecture a deck may show, with its source span."""
    c = _Collector(files)
    top = "lecture.yaml"
    c.add("title", lecture.title, c.root_key(top, "title"))
    c.add("subtitle", lecture.subtitle, c.root_key(top, "subtitle"))
    # Longer texts of the title and closing slides' notes, so that a title quoted in
    # them is read as part of them.
    c.add("description", lecture.description, c.root_key(top, "description"))
    c.add("basis", lecture.basis, c.root_key(top, "basis"))
    for chapter in lecture.chapters:
        _chapter_units(c, chapter)
    for entry in lecture.glossary:
        c.add("glossary term", entry.term, c.key(entry.pos, "term"))
        c.add("glossary definition", entry.definition, c.key(entry.pos, "definition"))
    for event in lecture.timeline:
        c.add("timeline event", event.event, c.key(event.pos, "event"))
        c.add("timeline detail", event.detail, c.key(event.pos, "detail"))
    return c.units


def _chapter_units(c: _Collector, chapter: m.Chapter) -> None:
    file = chapter.pos.file
    c.add("title", chapter.title, c.scalar(chapter.title_pos))
    c.add("summary", chapter.summary, c.root_key(file, "summary"))
    c.add("note", chapter.notes, c.root_key(file, "notes"))
    for item in chapter.key_points:
        c.add("key point", item.text, c.scalar(item.pos))
    for item in chapter.questions:
        c.add("question", item.text, c.scalar(item.pos))
    for quote in chapter.quotes:
        c.add("quote", quote.text, c.key(quote.pos, "text"))
        c.add("quote original", quote.original, c.key(quote.pos, "original"))
    for node in m.nodes_of(chapter.body, (m.Table, m.Figure)):
        if isinstance(node, m.Table):
            for cell in (*node.header, *(x for row in node.rows for x in row)):
                c.add_markdown("table cell", m.plain_text(cell.content), file,
                               c.line_span(cell.pos, _CELL), CELL)
            if node.caption:
                c.add_markdown("caption", m.plain_text(node.caption), file,
                               c.line_span(node.pos, _CAPTION), MARKDOWN)
        elif isinstance(node, m.Figure) and node.caption:
            c.add_markdown("caption", m.plain_text(node.caption), file,
                           c.line_span(node.pos, _FIGURE), MARKDOWN)
