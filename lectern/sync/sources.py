"""The texts a deck shows, each with the span of source text it was made from."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterator
from dataclasses import dataclass, field

import yaml

from .. import model as m
from ..readers.lines import BREAK, Lines
from ..readers.yamlpos import LOADER

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
    start: int  # character offsets of the source span in the file
    end: int
    style: str
    source: str  # the file's text in the span when the deck was built
    line: int = 0  # the line the span starts on


@dataclass
class _YamlFile:
    """The scalars and mappings of one YAML text, by the place (line, column) they start."""

    scalars: dict[tuple[int, int], tuple[int, int, str]] = field(default_factory=dict)
    mappings: dict[tuple[int, int], dict[str, tuple[int, int, str]]] = field(
        default_factory=dict)
    root: dict[str, tuple[int, int, str]] = field(default_factory=dict)


class SourceFiles:
    """The lecture's text files as the reader read them, with their YAML indexed by place."""

    def __init__(self, texts: dict[str, str]) -> None:
        self.texts = texts
        self.yaml: dict[str, _YamlFile] = {}
        self.lines: dict[str, Lines] = {}

    def text(self, rel: str) -> str | None:
        """The text of a file of the lecture; None for one the reader did not read."""
        return self.texts.get(rel)

    def line_of(self, rel: str, offset: int) -> int:
        """The line of a character of a file that has been read."""
        if rel not in self.lines:
            self.lines[rel] = Lines(self.texts.get(rel, ""))
        return self.lines[rel].place(offset)[0]

    def digests(self) -> dict[str, str]:
        """A short digest of every file read, by its path in the lecture."""
        return {rel: digest(text) for rel, text in sorted(self.texts.items())}

    def yaml_of(self, rel: str) -> _YamlFile:
        if rel not in self.yaml:
            self.yaml[rel] = self._index(rel)
        return self.yaml[rel]

    def _index(self, rel: str) -> _YamlFile:
        text = self.text(rel)
        found = _YamlFile()
        if text is None:
            return found
        starts = Lines(text)
        first, part = 1, text
        if rel.endswith(".md"):  # a chapter: the front matter between its '---' lines
            lines = BREAK.split(text)
            end = next((i for i in range(1, len(lines)) if lines[i].strip() in ("---", "...")),
                       None)
            if not lines or lines[0].strip() != "---" or end is None:
                return found
            first, part = 2, "\n".join(lines[1:end])
        try:
            node = yaml.compose(part, Loader=LOADER)
        except yaml.YAMLError:
            return found
        local = Lines(part, first)

        def offset(index: int) -> int:
            line, col = local.place(index)
            return starts.starts[line - 1] + col - 1

        def span(n: yaml.Node) -> tuple[int, int, str]:
            style = n.style or "" if isinstance(n, yaml.ScalarNode) else "?"
            return offset(n.start_mark.index), offset(n.end_mark.index), style

        def place(n: yaml.Node) -> tuple[int, int]:
            return local.place(n.start_mark.index)

        for n in _nodes(node):
            if isinstance(n, yaml.ScalarNode):
                found.scalars[place(n)] = span(n)
            elif isinstance(n, yaml.MappingNode):
                keys = {str(k.value): span(v) for k, v in n.value
                        if isinstance(k, yaml.ScalarNode) and isinstance(v, yaml.ScalarNode)}
                found.mappings[place(n)] = keys
                if n is node:
                    found.root = keys
        return found


def digest(text: str) -> str:
    """A short fingerprint of a file's text."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def _nodes(node: yaml.Node | None) -> Iterator[yaml.Node]:
    if node is None:
        return
    yield node
    if isinstance(node, yaml.SequenceNode):
        for child in node.value:
            yield from _nodes(child)
    elif isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            yield from _nodes(key)
            yield from _nodes(value)


class _Collector:
    """Builds the units of a lecture, skipping any whose source cannot be found."""

    def __init__(self, files: SourceFiles) -> None:
        self.files = files
        self.units: list[Unit] = []

    def add(self, kind: str, text: str, file: str, found: tuple[int, int, str] | None) -> None:
        source = self.files.text(file)
        if found is None or source is None or len(text.strip()) < 2:
            return
        start, end, style = found
        if style in ("|", ">"):
            end = _trim_block(source, start, end)
        self.units.append(Unit(kind, text, file, start, end, style, source[start:end],
                               self.files.line_of(file, start)))

    def scalar(self, pos: m.SourcePos) -> tuple[int, int, str] | None:
        return self.files.yaml_of(pos.file).scalars.get((pos.line, pos.col))

    def key(self, pos: m.SourcePos, name: str) -> tuple[int, int, str] | None:
        return self.files.yaml_of(pos.file).mappings.get((pos.line, pos.col), {}).get(name)

    def root_key(self, file: str, name: str) -> tuple[int, int, str] | None:
        return self.files.yaml_of(file).root.get(name)

    def line_span(self, pos: m.SourcePos, pattern: re.Pattern[str]) -> tuple[int, int, str] | None:
        """The first match of `pattern`'s group 1 from a Markdown place on."""
        text = self.files.text(pos.file)
        if text is None or pos.line <= 0:
            return None
        lines = Lines(text)
        if pos.line > len(lines.starts):
            return None
        at = lines.starts[pos.line - 1] + max(pos.col, 1) - 1
        match = pattern.search(text, at)
        if match is None:
            return None
        return match.start(1), match.end(1), MARKDOWN


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
    c.add("title", lecture.title, top, c.root_key(top, "title"))
    c.add("subtitle", lecture.subtitle, top, c.root_key(top, "subtitle"))
    # Longer texts of the title and closing slides' notes, so that a title quoted in
    # them is read as part of them.
    c.add("description", lecture.description, top, c.root_key(top, "description"))
    c.add("basis", lecture.basis, top, c.root_key(top, "basis"))
    for chapter in lecture.chapters:
        _chapter_units(c, chapter)
    for entry in lecture.glossary:
        c.add("glossary term", entry.term, entry.pos.file, c.key(entry.pos, "term"))
        c.add("glossary definition", entry.definition, entry.pos.file,
              c.key(entry.pos, "definition"))
    for event in lecture.timeline:
        c.add("timeline event", event.event, event.pos.file, c.key(event.pos, "event"))
        c.add("timeline detail", event.detail, event.pos.file, c.key(event.pos, "detail"))
    return c.units


def _chapter_units(c: _Collector, chapter: m.Chapter) -> None:
    file = chapter.pos.file
    c.add("title", chapter.title, file, c.scalar(chapter.title_pos))
    c.add("summary", chapter.summary, file, c.root_key(file, "summary"))
    c.add("note", chapter.notes, file, c.root_key(file, "notes"))
    for item in chapter.key_points:
        c.add("key point", item.text, file, c.scalar(item.pos))
    for item in chapter.questions:
        c.add("question", item.text, file, c.scalar(item.pos))
    for quote in chapter.quotes:
        c.add("quote", quote.text, quote.pos.file, c.key(quote.pos, "text"))
        c.add("quote original", quote.original, quote.pos.file, c.key(quote.pos, "original"))
    for node in m.walk_inlines(chapter.body):
        if isinstance(node, m.Table):
            for cell in (*node.header, *(x for row in node.rows for x in row)):
                found = c.line_span(cell.pos, _CELL)
                c.add("table cell", m.plain_text(cell.content), file,
                      (found[0], found[1], CELL) if found else None)
            if node.caption:
                c.add("caption", m.plain_text(node.caption), file,
                      c.line_span(node.pos, _CAPTION))
        elif isinstance(node, m.Figure) and node.caption:
            c.add("caption", m.plain_text(node.caption), file, c.line_span(node.pos, _FIGURE))
