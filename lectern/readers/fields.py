"""Inline Markdown in YAML text fields: read where the outputs show it, else left out with a
warning at the field; speaker notes read as Markdown paragraphs and lists."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from markdown_it import MarkdownIt

from .. import model as m
from ..diagnostics import Collector
from . import schema
from .markdown import BodyContext, parse_body, parse_inline
from .yamlpos import YObj

# The fields every output shows with their emphasis, code and links; notes are read as
# Markdown blocks (notes_text). Every other prose field is plain text.
RICH: dict[int, frozenset[str]] = {
    id(schema.LECTURE): frozenset({"title", "subtitle"}),
    id(schema.CHAPTER): frozenset({"title", "summary", "notes"}),
    id(schema.QUOTE): frozenset({"text"}),
}
# Fields that are not prose at all (ids, addresses, file names, choices).
NOT_TEXT = frozenset({"id", "url", "language", "original_language", "chapters", "key_points",
                      "questions", "layouts", "master", "template", "cover_image", "paper",
                      "duplex", "link_addresses"})


@dataclass
class FieldReader:
    """Reads the inline Markdown of YAML fields with the lecture's parser."""

    md: MarkdownIt
    diag: Collector
    glossary_ids: Mapping[str, str]
    language: str

    def context(self, file: str, line_offset: int = 0) -> BodyContext:
        return BodyContext(file, line_offset, self.diag, {}, self.glossary_ids, _no_image,
                           language=self.language, totals={})

    def inline(self, text: str, pos: m.SourcePos) -> m.Inlines:
        """A field's text as inline content (emphasis, code, links, terms); () for plain
        text (the model's str field says it all)."""
        if not text:
            return ()
        content = parse_inline(self.md, text, self.context(pos.file), pos)
        return () if content == (m.Text(text),) else content

    def plain(self, obj: YObj, fields: tuple[schema.Field, ...], owner: str = "") -> YObj:
        """Leave the Markdown marks out of `obj`'s plain-text fields (and of the objects in
        it), each field that had some reported: it would otherwise print them literally.
        `owner` names the list the object is an entry of (for the message)."""
        rich = RICH.get(id(fields), frozenset())
        by_name = {f.name: f for f in fields}
        for key, value in list(obj.values.items()):
            spec = by_name.get(key)
            if spec is None or key in NOT_TEXT or key in rich:
                continue
            if spec.kind == "text" and isinstance(value, str):
                name = f"'{key}' of a {owner} entry" if owner else f"'{key}'"
                obj.values[key] = self._plain(value, obj.at(key), name)
            elif spec.kind == "object" and isinstance(value, YObj):
                self.plain(value, spec.fields)
            elif spec.kind == "objects" and isinstance(value, tuple):
                for entry in value:
                    if isinstance(entry, YObj):
                        self.plain(entry, spec.fields, spec.name)
        return obj

    def _plain(self, text: str, pos: m.SourcePos, name: str) -> str:
        if not any(mark in text for mark in "*_`[<\\&"):
            return text  # nothing Markdown could read: the common case, no parse
        quiet = Collector()
        content = parse_inline(self.md, text, BodyContext(pos.file, 0, quiet, {}, {},
                                                          _no_image, language=self.language),
                               pos)
        if all(isinstance(node, m.Text) for node in content):
            return m.plain_text(content) if not quiet.items else text
        self.diag.warning(pos, f"{name} is plain text: its Markdown marks (*, _, `, links) "
                          "are left out", "write it without them; emphasis and code work in "
                          "titles, summaries, quotes, key points, questions and the chapter's "
                          "text")
        return m.plain_text(content)

    def notes(self, text: str, pos: m.SourcePos) -> str:
        """Speaker notes read as Markdown, as prose (notes_text)."""
        if not text.strip():
            return ""
        blocks = parse_body(self.md, text, self.context(pos.file, pos.line))
        return notes_text(blocks)


def _no_image(name: str, pos: m.SourcePos) -> tuple[Path, tuple[int, int]] | None:
    return None


def notes_text(blocks: m.Blocks, depth: int = 0) -> str:
    """Notes as prose: one line a paragraph (a source line break is a space), a blank line
    between paragraphs, each list item on a line of its own after its bullet or number."""
    parts: list[str] = []
    for block in blocks:
        parts.append(_block_text(block, depth))
    return "\n\n".join(part for part in parts if part)


def _block_text(block: Any, depth: int) -> str:
    if isinstance(block, (m.Paragraph, m.Heading)):
        return _line(block.content)
    if isinstance(block, m.ListBlock):
        lines = []
        for index, item in enumerate(block.items):
            mark = f"{block.start + index}." if block.ordered else "•"
            text = notes_text(item, depth + 1).replace("\n\n", "\n")
            lines.append("  " * depth + f"{mark} {text}")
        return "\n".join(lines)
    if isinstance(block, m.BlockQuote):
        return notes_text(block.content, depth)
    if isinstance(block, m.CodeBlock):
        return block.text.rstrip("\n")
    if isinstance(block, m.PullQuote):
        return block.quote.text
    if isinstance(block, (m.Figure, m.Table)):
        return m.plain_text(m.children_of(block))
    return ""


def _line(content: m.Inlines) -> str:
    """Inline content as one line of plain words (a hard line break starts a new line);
    a link's address follows its words, in brackets, unless the words are the address."""
    return "\n".join(" ".join(line.split(" ")).strip()
                     for line in _spoken(content).split("\n"))


def _spoken(content: tuple[object, ...]) -> str:
    out: list[str] = []
    for node in content:
        if isinstance(node, m.Link):
            words = _spoken(node.children)
            address = node.url.removeprefix("mailto:")
            out.append(words if words.strip() == address else f"{words} ({address})")
        elif isinstance(node, (m.Text, m.Code)):
            out.append(node.text)
        elif isinstance(node, m.LineBreak):
            out.append("\n")
        elif not isinstance(node, m.FootnoteRef):
            out.append(_spoken(m.children_of(node)))
    return "".join(out)
