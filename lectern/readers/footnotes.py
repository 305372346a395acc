"""The last pass over a chapter body: footnotes that cannot be printed as written, each
reported at its line and none of its syntax printed (an undefined call, an unused, empty or
repeated note, a note in a note or in a heading); words longer than a line reported."""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Mapping
from dataclasses import dataclass, field

from .. import model as m
from ..diagnostics import Collector
from .lines import split_lines
from .longwords import warn_long_words

# A call or definition Markdown left as text: `[^ghost]`, `[^two words]:`.
LEFTOVER = re.compile(r"\[\^([^\]\n]{0,200})\](:?)")


@dataclass
class _Tidy:
    diag: Collector
    notes: Mapping[int, m.Blocks]  # by footnote number, every note of the body
    called: set[int] = field(default_factory=set)


def tidy_body(blocks: m.Blocks, notes: Mapping[int, m.Blocks], diag: Collector) -> m.Blocks:
    """`blocks` with every footnote that cannot be printed taken out (and reported)."""
    return _blocks(blocks, _Tidy(diag, notes), in_note=False, fallback=m.NOWHERE)


def report_unused(text: str, refs: Mapping[str, int], file: str, line_offset: int,
                  diag: Collector) -> None:
    """Warn at each footnote definition that no call uses (markdown-it drops them silently)."""
    lines = split_lines(text)
    for key, number in refs.items():
        if number != -1:
            continue
        label = key.removeprefix(":")
        pattern = re.compile(r"^[ >]*\[\^" + re.escape(label) + r"\]:")
        line = next((i for i, s in enumerate(lines) if pattern.match(s)), 0)
        diag.warning(m.SourcePos(file, line_offset + line + 1, 1),
                     f"the footnote [^{label}] is never called, so it is not printed",
                     f"call it with [^{label}] in the text, or delete it")


def tidy_items(inlines: m.Inlines, pos: m.SourcePos, diag: Collector) -> m.Inlines:
    """A key point's or question's text without footnote syntax (slides have no footnotes)."""
    out: list[m.Inline] = []
    for node in inlines:
        if isinstance(node, m.Text):
            text = _without_leftovers(node.text, pos, diag, "a key point or question has no "
                                      "footnotes", "put the note in the chapter's text")
            if text:
                out.append(m.Text(text))
        elif isinstance(node, m.FootnoteRef):
            diag.warning(node.pos, "a key point or question has no footnotes; it is left out")
        elif isinstance(node, (m.Emph, m.Strong, m.Link, m.Term)):
            out.append(dataclasses.replace(node, children=tidy_items(node.children, pos, diag)))
        else:
            out.append(node)
    return tuple(out)


def _blocks(blocks: m.Blocks, tidy: _Tidy, in_note: bool, fallback: m.SourcePos) -> m.Blocks:
    return tuple(_block(block, tidy, in_note, fallback) for block in blocks)


def _block(block: m.Block, tidy: _Tidy, in_note: bool, fallback: m.SourcePos) -> m.Block:
    pos = getattr(block, "pos", m.NOWHERE)
    pos = pos if pos != m.NOWHERE else fallback
    if isinstance(block, m.Heading):
        return dataclasses.replace(block, content=_inlines(block.content, tidy, in_note, pos,
                                                           in_heading=True))
    if isinstance(block, m.Paragraph):
        return dataclasses.replace(block, content=_inlines(block.content, tidy, in_note, pos))
    if isinstance(block, m.ListBlock):
        return dataclasses.replace(block, items=tuple(_blocks(item, tidy, in_note, pos)
                                                      for item in block.items))
    if isinstance(block, m.BlockQuote):
        return dataclasses.replace(block, content=_blocks(block.content, tidy, in_note, pos))
    if isinstance(block, m.Figure):
        return dataclasses.replace(block, caption=_inlines(block.caption, tidy, in_note, pos))
    return block


def _inlines(inlines: m.Inlines, tidy: _Tidy, in_note: bool, pos: m.SourcePos,
             in_heading: bool = False) -> m.Inlines:
    out: list[m.Inline] = []
    for node in inlines:
        if isinstance(node, m.Text):
            text = _without_leftovers(node.text, pos, tidy.diag)
            warn_long_words(text, pos, tidy.diag)
            if text:
                out.append(m.Text(text))
        elif isinstance(node, m.FootnoteRef):
            out.extend(_call(node, tidy, in_note, in_heading))
        elif isinstance(node, (m.Emph, m.Strong, m.Link, m.Term)):
            children = _inlines(node.children, tidy, in_note, pos, in_heading)
            out.append(dataclasses.replace(node, children=children))
        else:
            out.append(node)
    return tuple(out)


def _call(ref: m.FootnoteRef, tidy: _Tidy, in_note: bool, in_heading: bool) -> m.Inlines:
    """What a footnote call becomes: the call, its note's words in parentheses, or nothing."""
    note = tidy.notes.get(ref.number, ref.note)
    if not any(m.plain_text(_inline_content(block)).strip() for block in note):
        tidy.diag.warning(ref.pos, "this footnote has no text, so it is left out",
                          "write the note after '[^label]:'")
        return ()
    if in_heading:
        tidy.diag.warning(ref.pos, "a heading cannot carry a footnote; it is left out",
                          "call the note from the paragraph below the heading")
        return ()
    if in_note:
        tidy.diag.warning(ref.pos, "a footnote inside a footnote cannot be printed; its text "
                          "is put in parentheses", "merge the two notes")
        words: list[m.Inline] = [m.Text(" (")]
        for block in note:
            words.extend(_inline_content(block))
        return (*words, m.Text(")"))
    if ref.number in tidy.called:
        tidy.diag.warning(ref.pos, "this footnote is called a second time; a note is printed "
                          "once, at its first call, so this call is left out",
                          "give the second place a note of its own")
        return ()
    tidy.called.add(ref.number)
    return (dataclasses.replace(ref, note=_blocks(note, tidy, in_note=True, fallback=ref.pos)),)


def _inline_content(block: m.Block) -> m.Inlines:
    if isinstance(block, (m.Paragraph, m.Heading)):
        return block.content
    if isinstance(block, (m.ListBlock, m.BlockQuote)):
        return tuple(i for b in m.children_of(block) for i in _inline_content(b))  # type: ignore[arg-type]
    if isinstance(block, m.CodeBlock):
        return (m.Code(block.text),)
    return ()


def _without_leftovers(text: str, pos: m.SourcePos, diag: Collector,
                       message: str = "", hint: str = "") -> str:
    """`text` without footnote syntax that Markdown left as it was (reported)."""
    def drop(match: re.Match[str]) -> str:
        label = match.group(1)
        if message:
            diag.warning(pos, f"{message}; '{match.group()}' is left out", hint)
        elif match.group(2):
            diag.warning(pos, f"the footnote [^{label}] is defined where a note cannot start, "
                         "so it is left out", "start the note on a line of its own, after a "
                         "blank line")
        else:
            diag.warning(pos, f"the footnote [^{label}] is called but never defined; the call "
                         "is left out", f"add a line '[^{label}]: the note' below the paragraph")
        return ""

    if "[^" not in text:
        return text
    tidied = LEFTOVER.sub(drop, text)
    return re.sub(r"  +", " ", tidied) if tidied != text else text
