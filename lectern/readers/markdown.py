"""Markdown chapter bodies to model blocks, with markdown-it-py and mdit-py-plugins."""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from markdown_it import MarkdownIt
from markdown_it.tree import SyntaxTreeNode
from mdit_py_plugins.attrs import attrs_plugin
from mdit_py_plugins.container import container_plugin
from mdit_py_plugins.footnote import footnote_plugin

from .. import model as m
from ..diagnostics import Collector, did_you_mean
from .bounds import body_within_limits, inline_within_limits

QUOTES_BY_LANGUAGE = {
    "ru": "«»„“",
    "uk": "«»„“",
    "de": "„“‚‘",
    "fr": "«»‹›",
}
DEFAULT_QUOTES = "“”‘’"
LINK_SCHEMES = ("http://", "https://", "mailto:")
RAW_HTML = re.compile(r"<(/?[A-Za-z][A-Za-z0-9-]*)(\s[^<>]*)?/?>|<!--")


def make_parser(language: str) -> MarkdownIt:
    """A CommonMark parser with lectern's extensions and typographic quotes for `language`."""
    quotes = QUOTES_BY_LANGUAGE.get(language.split("-")[0].lower(), DEFAULT_QUOTES)
    md = _Parser("commonmark", {"typographer": True, "html": False, "quotes": quotes})
    md.enable(["replacements", "smartquotes"])
    md.use(footnote_plugin).use(attrs_plugin, spans=True).use(container_plugin, name="quote")
    return md


class _Parser(MarkdownIt):
    def validateLink(self, url: str) -> bool:
        """Accept every link: lectern's own checks report what they refuse (markdown-it
        would otherwise print a refused image silently as text)."""
        return True


# Resolves an image path found at a position; returns the absolute path or None (reported).
ImageResolver = Callable[[str, m.SourcePos], Path | None]


@dataclass
class BodyContext:
    """What converting a body needs from the rest of the lecture."""

    file: str
    line_offset: int
    diag: Collector
    quotes: Mapping[str, m.Quote]
    glossary_ids: Mapping[str, str]  # lower-case id or term -> glossary id
    resolve_image: ImageResolver

    def pos(self, node: SyntaxTreeNode | None) -> m.SourcePos:
        if node is None or node.map is None:
            return m.SourcePos(self.file, self.line_offset + 1, 1)
        return m.SourcePos(self.file, self.line_offset + node.map[0] + 1, 1)


def parse_body(md: MarkdownIt, text: str, ctx: BodyContext) -> m.Blocks:
    """Convert a Markdown body into model blocks, reporting problems to `ctx.diag`."""
    _warn_raw_html(text, ctx)
    env: dict[str, Any] = {}
    tokens = md.parse(text, env)
    if not body_within_limits(tokens, env, ctx.file, ctx.line_offset, ctx.diag):
        return ()
    tree = SyntaxTreeNode(tokens)
    notes: dict[int, m.Blocks] = {}
    content = []
    for node in tree.children:
        if node.type == "footnote_block":
            for note in node.children:
                notes[int(note.meta["id"])] = _blocks(note.children, ctx, notes)
        else:
            content.append(node)
    # Footnote bodies are converted first so that calls can carry their note.
    return _blocks(content, ctx, notes)


def parse_inline(md: MarkdownIt, text: str, ctx: BodyContext, pos: m.SourcePos) -> m.Inlines:
    """Convert one line of inline Markdown (a key point, a question)."""
    tokens = md.parseInline(text)
    if not tokens or not tokens[0].children:
        return (m.Text(text),)
    if not inline_within_limits(tokens[0], pos, ctx.diag):
        return (m.Text(text),)
    root = SyntaxTreeNode(tokens)
    inline = root.children[0]
    return _inlines(inline.children, ctx, {}, pos)


def _blocks(nodes: list[SyntaxTreeNode], ctx: BodyContext, notes: dict[int, m.Blocks]) -> m.Blocks:
    out: list[m.Block] = []
    for node in nodes:
        block = _block(node, ctx, notes)
        if block is not None:
            out.append(block)
    return tuple(out)


def _block(node: SyntaxTreeNode, ctx: BodyContext, notes: dict[int, m.Blocks]) -> m.Block | None:
    pos = ctx.pos(node)
    kind = node.type
    if kind == "paragraph":
        inline = node.children[0] if node.children else None
        children = inline.children if inline is not None else []
        images = [c for c in children if c.type == "image"]
        if images:
            return _figure(children, images, ctx, notes, pos)
        return m.Paragraph(_inlines(children, ctx, notes, pos), pos)
    if kind == "heading":
        level = int(node.tag[1])
        if level == 1:
            ctx.diag.warning(pos, "'#' headings are reserved for the chapter title",
                             "use '## ' for a section inside the chapter")
            level = 2
        return m.Heading(level, _inlines(node.children[0].children, ctx, notes, pos), pos)
    if kind in ("bullet_list", "ordered_list"):
        items = tuple(_blocks(item.children, ctx, notes) for item in node.children)
        start = int(node.attrs.get("start", 1) or 1)
        return m.ListBlock(items, kind == "ordered_list", start, pos)
    if kind == "blockquote":
        return m.BlockQuote(_blocks(node.children, ctx, notes), pos)
    if kind in ("fence", "code_block"):
        return m.CodeBlock(node.content, pos)
    if kind == "hr":
        return m.Rule(pos)
    if kind == "container_quote":
        return _pull_quote(node, ctx, pos)
    if kind == "html_block":
        return m.Paragraph((m.Text(node.content.strip()),), pos)
    ctx.diag.warning(pos, f"unsupported Markdown element '{kind}' is left out")
    return None


def _pull_quote(node: SyntaxTreeNode, ctx: BodyContext, pos: m.SourcePos) -> m.PullQuote | None:
    words = node.info.split()
    if len(words) != 2:
        ctx.diag.error(pos, "a pull quote is written '::: quote ID', with the id of a key quote")
        return None
    if node.children:
        ctx.diag.warning(pos, "text inside '::: quote' is ignored",
                         "the words come from the key quote in the front matter")
    quote = ctx.quotes.get(words[1])
    if quote is None:
        ctx.diag.error(pos, f"no key quote has the id '{words[1]}'",
                       did_you_mean(words[1], ctx.quotes) or "give the quote an 'id:'")
        return None
    return m.PullQuote(quote, pos)


def _figure(children: list[SyntaxTreeNode], images: list[SyntaxTreeNode], ctx: BodyContext,
            notes: dict[int, m.Blocks], pos: m.SourcePos) -> m.Figure | None:
    others = [c for c in children if c.type != "image" and not
              (c.type in ("text", "softbreak") and not c.content.strip())]
    if len(images) > 1 or others:
        ctx.diag.error(pos, "an image must stand in a paragraph of its own",
                       "put a blank line before and after it")
        return None
    image = images[0]
    src = str(image.attrs.get("src", ""))
    path = ctx.resolve_image(src, pos)
    if path is None:
        return None
    caption = _inlines(image.children, ctx, notes, pos)
    credit = str(image.attrs.get("credit", ""))
    if not credit:
        ctx.diag.warning(pos, f"the image '{src}' has no credit",
                         "add {credit=\"Photo: who, year\"} after it")
    return m.Figure(path, caption, credit, m.plain_text(caption), pos)


def _inlines(nodes: list[SyntaxTreeNode], ctx: BodyContext, notes: dict[int, m.Blocks],
             pos: m.SourcePos) -> m.Inlines:
    out: list[m.Inline] = []
    for node in nodes:
        kind = node.type
        if kind == "text":
            _append_text(out, node.content)
        elif kind == "softbreak":
            _append_text(out, " ")
        elif kind == "hardbreak":
            out.append(m.LineBreak())
        elif kind == "code_inline":
            out.append(m.Code(node.content))
        elif kind == "em":
            out.append(m.Emph(_inlines(node.children, ctx, notes, pos)))
        elif kind == "strong":
            out.append(m.Strong(_inlines(node.children, ctx, notes, pos)))
        elif kind == "link":
            out.extend(_link(node, ctx, notes, pos))
        elif kind == "span":
            out.extend(_span(node, ctx, notes, pos))
        elif kind == "footnote_ref":
            note_id = int(node.meta["id"])
            out.append(m.FootnoteRef(note_id + 1, notes.get(note_id, ()), pos))
        elif kind == "image":
            ctx.diag.error(pos, "an image must stand in a paragraph of its own")
        else:
            _append_text(out, node.content)
    return tuple(out)


def _link(node: SyntaxTreeNode, ctx: BodyContext, notes: dict[int, m.Blocks],
          pos: m.SourcePos) -> m.Inlines:
    children = _inlines(node.children, ctx, notes, pos)
    href = str(node.attrs.get("href", ""))
    if not href.lower().startswith(LINK_SCHEMES):
        ctx.diag.warning(pos, f"the link '{href}' is printed as text",
                         "links may go to http:, https: or mailto: addresses")
        return children
    return (m.Link(href, children),)


def _span(node: SyntaxTreeNode, ctx: BodyContext, notes: dict[int, m.Blocks],
          pos: m.SourcePos) -> m.Inlines:
    children = _inlines(node.children, ctx, notes, pos)
    classes = str(node.attrs.get("class", "")).split()
    if "term" not in classes:
        ctx.diag.warning(pos, "a '[text]{...}' span without '.term' has no effect")
        return children
    wanted = str(node.attrs.get("ref", "") or m.plain_text(children)).strip()
    ref = ctx.glossary_ids.get(wanted.lower())
    if ref is None:
        hint = did_you_mean(wanted.lower(), ctx.glossary_ids) or \
            "add it to the glossary, or name the entry with {.term ref=ID}"
        ctx.diag.error(pos, f"'{wanted}' is marked as a term but is not in the glossary", hint)
        ref = wanted.lower()
    return (m.Term(ref, children, pos),)


def _append_text(out: list[m.Inline], text: str) -> None:
    if out and isinstance(out[-1], m.Text):
        out[-1] = m.Text(out[-1].text + text)
    else:
        out.append(m.Text(text))


def _warn_raw_html(text: str, ctx: BodyContext) -> None:
    in_fence = False
    for number, line in enumerate(text.splitlines(), start=1):
        if line.lstrip().startswith(("```", "~~~")):
            in_fence = not in_fence
        if in_fence:
            continue
        match = RAW_HTML.search(line)
        if match:
            ctx.diag.warning(m.SourcePos(ctx.file, ctx.line_offset + number, match.start() + 1),
                             "raw HTML is not passed through; it is printed as text",
                             "write Markdown instead")
