"""Markdown chapter bodies to model blocks, with markdown-it-py and mdit-py-plugins."""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import unquote

from markdown_it import MarkdownIt
from markdown_it.tree import SyntaxTreeNode
from mdit_py_plugins.container import container_plugin
from mdit_py_plugins.footnote import footnote_plugin

from .. import model as m
from .. import syntax
from ..diagnostics import Collector, did_you_mean
from ..locale import locale_for
from ..locale.smartquotes import smart_quotes
from ..locale.typography import finish_rule, marks, smarten
from ..table_widths import tied_numbers
from .attributes import attributes_plugin
from .bounds import body_within_limits, inline_within_limits
from .decoded import decoded_check_plugin
from .files import file_digest
from .footnotes import report_unused, tidy_body, tidy_items
from .lines import split_lines
from .mailto import clean_mailto
from .places import Where, cell_starts, point, record_offsets, where_in_lines

LINK_SCHEMES = ("http://", "https://", "mailto:")
# Link text that says nothing about where the link goes (WCAG 2.4.4), in the languages
# lectern speaks; compared without case and surrounding punctuation.
EMPTY_LINK_TEXT = frozenset({
    "here", "click here", "this", "this link", "link", "more", "read more", "there",
    "здесь", "тут", "ссылка", "по ссылке", "подробнее", "посилання", "hier", "mehr", "ici",
    "cliquez ici", "lien", "aquí", "aqui", "enlace", "más", "qui", "tutaj", "klik hier", "meer",
})
RAW_HTML = re.compile(r"<(/?[A-Za-z][A-Za-z0-9-]*)(\s[^<>]*)?/?>|<!--")


def make_parser(language: str) -> MarkdownIt:
    """A CommonMark parser with lectern's extensions and the punctuation of `language`."""
    locale = locale_for(language)
    md = _Parser("commonmark", {"typographer": True, "html": False, "quotes": marks(locale)})
    md.enable(["replacements", "table"])
    # markdown-it's own smartquotes is quadratic in a paragraph's quote marks.
    md.core.ruler.after("smartquotes", "lectern_quotes", smart_quotes)
    md.core.ruler.push("lectern_punctuation", finish_rule(locale))
    # Every ':::' fence is read, so that one lectern does not know is reported, not printed.
    md.use(footnote_plugin).use(attributes_plugin).use(decoded_check_plugin)
    md.use(container_plugin, name="fenced", validate=lambda *_: True)
    record_offsets(md)
    return md


class _Parser(MarkdownIt):
    def validateLink(self, url: str) -> bool:
        """Accept every link: lectern's own checks report what they refuse (markdown-it
        would otherwise print a refused image silently as text)."""
        return True


# Resolves an image path found at a position: the absolute path and the pixel size as the
# picture is seen, or None (reported).
ImageResolver = Callable[[str, m.SourcePos], tuple[Path, tuple[int, int]] | None]


@dataclass
class BodyContext:
    """What converting a body needs from the rest of the lecture."""

    file: str
    line_offset: int
    diag: Collector
    quotes: Mapping[str, m.Quote]
    glossary_ids: Mapping[str, str]  # lower-case id or term -> glossary id
    resolve_image: ImageResolver
    lines: tuple[str, ...] = ()  # the body's source lines
    language: str = "en"  # for text the parser does not see (attribute values)
    # Counts over the lecture's chapters so far, for the limits of a whole lecture.
    totals: dict[str, int] = field(default_factory=dict)
    heading_level: int = 1  # the last heading's level; the chapter title is level 1

    def pos(self, node: SyntaxTreeNode | None) -> m.SourcePos:
        if node is None or node.map is None:
            return m.SourcePos(self.file, self.line_offset + 1, 1)
        line = node.map[0]
        source = self.lines[line] if line < len(self.lines) else ""
        col = len(source) - len(source.lstrip()) + 1
        return m.SourcePos(self.file, self.line_offset + line + 1, col)

    def where(self, node: SyntaxTreeNode) -> Where:
        """The places of the text of a block's inline node."""
        if node.map is None:
            first = self.pos(node)
            return point(self.file, first.line, first.col)
        return where_in_lines(self.file, self.lines, node.map[0], self.line_offset,
                              node.content)


def parse_body(md: MarkdownIt, text: str, ctx: BodyContext) -> m.Blocks:
    """Convert a Markdown body into model blocks, reporting problems to `ctx.diag`."""
    ctx.lines = tuple(split_lines(text))
    env: dict[str, Any] = {}
    tokens = md.parse(text, env)
    _warn_raw_html(text, ctx, _code_lines(tokens))
    if not body_within_limits(tokens, env, ctx.file, ctx.line_offset, ctx.diag, ctx.lines,
                              ctx.totals):
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
    # Footnote bodies are converted first so that calls can carry their note; then the
    # footnotes that cannot be printed as written are taken out, each reported.
    report_unused(text, env.get("footnotes", {}).get("refs", {}), ctx.file, ctx.line_offset,
                  ctx.diag)
    return tidy_body(_blocks(content, ctx, notes), {k + 1: v for k, v in notes.items()},
                     ctx.diag)


def parse_inline(md: MarkdownIt, text: str, ctx: BodyContext, pos: m.SourcePos) -> m.Inlines:
    """Convert one line of inline Markdown (a key point, a question)."""
    tokens = md.parseInline(text)
    if not tokens or not tokens[0].children:
        return (m.Text(text),)
    if not inline_within_limits(tokens[0], pos, ctx.diag):
        return (m.Text(text),)
    root = SyntaxTreeNode(tokens)
    inline = root.children[0]
    return tidy_items(_inlines(inline.children, ctx, {}, point(pos.file, pos.line, pos.col)),
                      pos, ctx.diag)


def _blocks(nodes: list[SyntaxTreeNode], ctx: BodyContext, notes: dict[int, m.Blocks]) -> m.Blocks:
    out: list[m.Block] = []
    skip: set[int] = set()
    for index, node in enumerate(nodes):
        if index in skip:
            continue
        if node.type == "table":
            following = nodes[index + 1] if index + 1 < len(nodes) else None
            caption = _table_caption(following, ctx, notes)
            if caption is not None:
                skip.add(index + 1)
            table = _table(node, ctx, notes, caption or ())
            if table is not None:
                out.append(table)
            continue
        out.extend(_block(node, ctx, notes))
    return tuple(out)


def _block(node: SyntaxTreeNode, ctx: BodyContext, notes: dict[int, m.Blocks]) -> m.Blocks:
    pos = ctx.pos(node)
    kind = node.type
    if kind == "paragraph":
        return _paragraph(node, ctx, notes, pos)
    if kind == "heading":
        level = int(node.tag[1])
        if level == 1:
            ctx.diag.warning(pos, "'#' headings are reserved for the chapter title",
                             "use '## ' for a section inside the chapter")
            level = 2
        if level > ctx.heading_level + 1:
            ctx.diag.warning(pos, f"this heading skips from level {ctx.heading_level} to "
                                  f"{level}: readers that list headings miss a level",
                             f"use {'#' * (ctx.heading_level + 1)} here")
        ctx.heading_level = level
        inline = node.children[0]
        return (m.Heading(level, _inlines(inline.children, ctx, notes, ctx.where(inline)),
                          pos),)
    if kind in ("bullet_list", "ordered_list"):
        items = tuple(_blocks(item.children, ctx, notes) for item in node.children)
        start = int(node.attrs.get("start", 1) or 1)
        return (m.ListBlock(items, kind == "ordered_list", start, pos),)
    if kind == "blockquote":
        return (m.BlockQuote(_blocks(node.children, ctx, notes), pos),)
    if kind in ("fence", "code_block"):
        return (_code_block(node, ctx, pos),)
    if kind == "hr":
        return (m.Rule(pos),)
    if kind == "container_fenced":
        return _fenced(node, ctx, notes, pos)
    if kind == "html_block":
        return (m.Paragraph((m.Text(node.content.strip()),), pos),)
    if kind == "footnote_anchor":  # the back-link of an empty note (reported at its call)
        return ()
    ctx.diag.warning(pos, f"unsupported Markdown element '{kind}' is left out")
    return ()


def _code_block(node: SyntaxTreeNode, ctx: BodyContext, pos: m.SourcePos) -> m.CodeBlock:
    """A fenced or indented block of code; a fence's info string names its language."""
    language = node.info.strip() if node.type == "fence" else ""
    if not syntax.known_language(language):
        ctx.diag.warning(pos, f"lectern does not know the language '{language.split()[0]}'; "
                         "the code is set without colours",
                         "name a language Pygments knows (python, r, rconsole, bash, "
                         "console, sql, json, ...) or 'text'")
    return m.CodeBlock(node.content, pos, language)


def _paragraph(node: SyntaxTreeNode, ctx: BodyContext, notes: dict[int, m.Blocks],
               pos: m.SourcePos) -> m.Blocks:
    inline = node.children[0] if node.children else None
    children = inline.children if inline is not None else []
    where = ctx.where(inline) if inline is not None else point(pos.file, pos.line, pos.col)
    if inline is not None:
        pos = where.first  # where the paragraph's text starts (after a list marker, a '>')
    if inline is not None and _broken_table(inline.content, where, ctx):
        return ()
    images = [c for c in children if c.type == "image"]
    if images:
        figure = _figure(children, images, ctx, notes, where)
        return (figure,) if figure is not None else ()
    content = _inlines(children, ctx, notes, where)
    if not m.plain_text(content).strip() and not any(
            isinstance(n, m.FootnoteRef) for n in content):
        return ()  # nothing but a stray attribute block, already reported
    return (m.Paragraph(content, pos),)


def _fenced(node: SyntaxTreeNode, ctx: BodyContext, notes: dict[int, m.Blocks],
            pos: m.SourcePos) -> m.Blocks:
    """A ':::' fence: '::: quote ID' places a key quote; any other is reported."""
    words = node.info.split()
    inside = _blocks(node.children, ctx, notes)
    if words[:1] == ["quote"]:
        quote = _pull_quote(words, ctx, pos)
        if inside:
            ctx.diag.warning(pos, "text inside '::: quote' is not part of the quote; it is "
                             "printed after it", "close the quote with ':::' on the next line")
        return ((quote,) if quote is not None else ()) + inside
    if not words:
        ctx.diag.warning(pos, "a ':::' line that opens nothing is left out",
                         "a pull quote is written '::: quote ID' and closed with ':::'")
    else:
        ctx.diag.warning(pos, f"lectern does not know the fenced block '::: {words[0]}'; its "
                         "text is printed as ordinary prose",
                         "the fenced block lectern knows is '::: quote ID'")
    return inside


def _pull_quote(words: list[str], ctx: BodyContext, pos: m.SourcePos) -> m.PullQuote | None:
    if len(words) != 2:
        ctx.diag.error(pos, "a pull quote is written '::: quote ID', with the id of a key quote")
        return None
    quote = ctx.quotes.get(words[1])
    if quote is None:
        ctx.diag.error(pos, f"no key quote has the id '{words[1]}'",
                       did_you_mean(words[1], ctx.quotes) or "give the quote an 'id:'")
        return None
    return m.PullQuote(quote, pos)


# --- tables -------------------------------------------------------------------------------

_DELIMITER_ROW = re.compile(r"^\s*\|?\s*:?-+:?\s*(\|\s*:?-+:?\s*)*\|?\s*$")


def caption_label(word: str, language: str) -> re.Pattern[str]:
    """The label a caption may start with: ':', the English word or the language's own
    ('Tabla:', 'Tableau :', 'Таблица:'), any space before the colon, a space after it."""
    words = {word.capitalize(), getattr(locale_for(language).words, word)}
    names = "|".join(re.escape(w) for w in sorted(words))
    return re.compile(rf"^(?:(?:{names})[ \u00a0\u202f]*)?:[ \u00a0\u202f]+", re.IGNORECASE)


def strip_label(content: m.Inlines, label: re.Pattern[str]) -> m.Inlines:
    """`content` without the caption label its first text starts with."""
    first = content[0] if content else None
    if not isinstance(first, m.Text):
        return content
    found = label.match(first.text)
    if found is None:
        return content
    rest = first.text[found.end():]
    return ((m.Text(rest),) if rest else ()) + content[1:]


def _table(node: SyntaxTreeNode, ctx: BodyContext, notes: dict[int, m.Blocks],
           caption: m.Inlines) -> m.Table | None:
    head, *bodies = node.children
    header_row = head.children[0]
    aligns = tuple(_align(cell) for cell in header_row.children)
    header = _row(header_row, ctx, notes)
    if not any(m.plain_text(cell.content).strip() for cell in header):
        ctx.diag.warning(ctx.pos(node), "this table has no header row: its first row is empty",
                         "name each column in the first row")
    rows: list[tuple[m.TableCell, ...]] = []
    for body in bodies:
        for row in body.children:
            _check_row_width(row, len(aligns), ctx)
            rows.append(_row(row, ctx, notes))
    return m.Table(header, tuple(rows), aligns, caption, ctx.pos(node))


def _align(cell: SyntaxTreeNode) -> m.Align:
    style = str(cell.attrs.get("style", ""))
    for name in ("left", "center", "right"):
        if style == f"text-align:{name}":
            return name
    return ""


def _row(row: SyntaxTreeNode, ctx: BodyContext, notes: dict[int, m.Blocks]) -> tuple[
        m.TableCell, ...]:
    line = row.map[0] if row.map else 0
    source = ctx.lines[line] if line < len(ctx.lines) else ""
    starts = cell_starts(source)
    cells = []
    for index, cell in enumerate(row.children):
        inline = cell.children[0] if cell.children else None
        col = starts[index] + 1 if index < len(starts) else len(source) + 1
        where = point(ctx.file, ctx.line_offset + line + 1, col)
        content = _inlines(inline.children, ctx, notes, where) if inline is not None else ()
        cells.append(m.TableCell(_tied(content), where.first))
    return tuple(cells)


def _tied(content: m.Inlines) -> m.Inlines:
    """A cell's text with each number's digit groups held together ('160 412')."""
    return tuple(m.Text(tied_numbers(n.text)) if isinstance(n, m.Text) else n for n in content)


def _check_row_width(row: SyntaxTreeNode, columns: int, ctx: BodyContext) -> None:
    """An error for cells beyond the header's: GFM drops them, and the text would be lost."""
    line = row.map[0] if row.map else 0
    source = ctx.lines[line] if line < len(ctx.lines) else ""
    starts = cell_starts(source)
    if len(starts) > columns:
        ctx.diag.error(m.SourcePos(ctx.file, ctx.line_offset + line + 1, starts[columns] + 1),
                       f"this row has {len(starts)} cells but the table has {columns} columns",
                       "add a column to the header and the '---' row, or escape a '|' "
                       "in the text as '\\|'")


def _broken_table(content: str, where: Where, ctx: BodyContext) -> bool:
    """An error for a paragraph that is a pipe table markdown-it could not read."""
    lines = split_lines(content)
    for index, line in enumerate(lines[1:], start=1):
        if "-" in line and _DELIMITER_ROW.match(line) and "|" in lines[index - 1]:
            head, delimiter = cell_starts(lines[index - 1]), cell_starts(line)
            offset = sum(len(x) + 1 for x in lines[:index])
            ctx.diag.error(where.at(offset), f"this table's header has {len(head)} cells but "
                           f"the '---' row under it has {len(delimiter)}",
                           "give the header and the '---' row the same number of cells")
            return True
    return False


def _table_caption(node: SyntaxTreeNode | None, ctx: BodyContext,
                   notes: dict[int, m.Blocks]) -> m.Inlines | None:
    """The caption of a table: a paragraph right after it that starts with 'Table:' (or the
    language's word, or ':')."""
    if node is None or node.type != "paragraph" or not node.children:
        return None
    inline = node.children[0]
    label = caption_label("table", ctx.language)
    if not label.match(inline.content):
        return None
    return strip_label(_inlines(inline.children, ctx, notes, ctx.where(inline)), label)


# --- inline content ----------------------------------------------------------------------


def _figure(children: list[SyntaxTreeNode], images: list[SyntaxTreeNode], ctx: BodyContext,
            notes: dict[int, m.Blocks], where: Where) -> m.Figure | None:
    malformed = [c for c in children if c.type == "attrs_error"]
    for node in malformed:  # the image's own attributes, most likely: say what is wrong
        _report_attrs(node, ctx, where)
    if malformed:
        return None
    others = [c for c in children if c.type != "image" and not
              (c.type in ("text", "softbreak") and not c.content.strip())]
    if len(images) > 1 or others:
        ctx.diag.error(_at(where, images[-1] if len(images) > 1 else images[0]),
                       "an image must stand in a paragraph of its own",
                       "put a blank line before and after it")
        return None
    image = images[0]
    pos = _at(where, image)
    # markdown-it percent-encodes destinations ('<my picture.png>' becomes 'my%20picture.png');
    # decoding gives the file name back, whether it was written plainly or encoded.
    src = unquote(str(image.attrs.get("src", "")))
    found = ctx.resolve_image(src, pos)
    if found is None:
        return None
    path, (width, height) = found
    # The description's own tokens count their places from its first character.
    caption = strip_label(_inlines(image.children, ctx, notes, where.shifted(int(image.meta.get(
        "offset", 0)) + 2)), caption_label("figure", ctx.language))
    credit = smarten(str(image.attrs.get("credit", "")), ctx.language)
    if not credit:
        ctx.diag.warning(pos, f"the image '{src}' has no credit",
                         "add {credit=\"Photo: who, year\"} after it")
    classes = str(image.attrs.get("class", "")).split()
    decorative = "decorative" in classes
    alt = " ".join(str(image.attrs.get("alt", "")).split())
    if not alt and not decorative:
        ctx.diag.warning(pos, f"the image '{src}' has no alt text (its caption is not alt "
                              "text: it is read as well)",
                         "add {alt=\"what the picture shows\"}, or {.decorative} when it "
                         "shows nothing a reader needs")
    for key in sorted(set(image.attrs) - {"src", "alt", "credit", "title", "class"}):
        ctx.diag.warning(where.at(image.meta.get("attrs_offset", 0)),
                         f"the image attribute '{key}' has no effect",
                         "an image takes {alt=\"...\" credit=\"...\"} or {.decorative}")
    for name in classes:
        if name != "decorative":
            ctx.diag.warning(where.at(image.meta.get("attrs_offset", 0)),
                             f"the image class '.{name}' has no effect",
                             "an image takes {.decorative}")
    described = "" if decorative else alt or m.plain_text(caption)
    return m.Figure(path, caption, credit, described, pos, width, height, decorative,
                    file_digest(path))


def _at(where: Where, node: SyntaxTreeNode) -> m.SourcePos:
    """The place of an inline node, from the offset its rule recorded."""
    return where.at(int(node.meta.get("offset", 0)))


def _inlines(nodes: list[SyntaxTreeNode], ctx: BodyContext, notes: dict[int, m.Blocks],
             where: Where) -> m.Inlines:
    out: list[m.Inline] = []
    dropped = False  # an attribute block was left out: keep one space, not two
    for node in nodes:
        kind = node.type
        if kind == "text":
            text = node.content
            before = out[-1] if out and isinstance(out[-1], m.Text) else None
            if dropped and (not out or (before and before.text.endswith(" "))):
                text = text.lstrip(" ")
            if dropped and before and text[:1] in tuple(".,;:!?)…»”"):
                out[-1] = m.Text(before.text.rstrip(" "))
            _append_text(out, text)
        elif kind == "softbreak":
            _append_text(out, " ")
        elif kind == "hardbreak":
            out.append(m.LineBreak())
        elif kind == "code_inline":
            out.append(m.Code(node.content))
        elif kind == "em":
            out.append(m.Emph(_inlines(node.children, ctx, notes, where)))
        elif kind == "strong":
            out.append(m.Strong(_inlines(node.children, ctx, notes, where)))
        elif kind == "link":
            out.extend(_link(node, ctx, notes, where))
        elif kind == "span":
            out.extend(_span(node, ctx, notes, where))
        elif kind == "footnote_ref":
            note_id = int(node.meta["id"])
            out.append(m.FootnoteRef(note_id + 1, notes.get(note_id, ()), _at(where, node)))
        elif kind == "image":
            ctx.diag.error(_at(where, node), "an image must stand in a paragraph of its own")
        elif kind in ("attrs_stray", "attrs_error"):
            _report_attrs(node, ctx, where)
        elif kind == "unusable":
            ctx.diag.error(_at(where, node), f"'{node.markup}' stands for {node.meta['what']}, "
                           "which is not allowed in text", "delete it")
        else:
            _append_text(out, node.content)
        dropped = kind in ("attrs_stray", "attrs_error")
    if dropped and out and isinstance(out[-1], m.Text):
        out[-1] = m.Text(out[-1].text.rstrip(" "))
    return tuple(out)


def _report_attrs(node: SyntaxTreeNode, ctx: BodyContext, where: Where) -> None:
    """A warning (or error) for an attribute block; it is left out of the text."""
    pos = _at(where, node)
    if node.type == "attrs_error":
        shown = node.content if len(node.content) <= 80 else node.content[:79] + "…"
        message = node.meta["message"]
        ctx.diag.error(pos, f"{message} in '{shown}'", "shorten it" if "the limit is" in message
                       else "write attributes as {.term ref=ID} or {credit=\"...\"}")
        return
    after = node.meta.get("after", "")
    what = {"link_close": "a link", "code_inline": "code"}.get(after)
    message = (f"the attributes '{node.content}' have no effect on {what}; they are left out"
               if what else f"the attributes '{node.content}' follow no '[text]' or image; "
               "they are left out")
    ctx.diag.warning(pos, message, "a term is written [words]{.term}, with no space before '{'")


def _link(node: SyntaxTreeNode, ctx: BodyContext, notes: dict[int, m.Blocks],
          where: Where) -> m.Inlines:
    children = _inlines(node.children, ctx, notes, where)
    href = str(node.attrs.get("href", ""))
    if not href.lower().startswith(LINK_SCHEMES):
        ctx.diag.warning(_at(where, node), f"the link '{href}' is printed as text",
                         "links may go to http:, https: or mailto: addresses")
        return children
    if href.lower().startswith("mailto:"):
        href, dropped = clean_mailto(href)
        if dropped:
            names = ", ".join(f"'{unquote(name)[:40]}'" for name in dropped[:5])
            ctx.diag.warning(_at(where, node), f"the mailto: link's {names} "
                             f"{'part is' if len(dropped) == 1 else 'parts are'} left out: "
                             "a link keeps only the address, 'subject=' and 'body='",
                "mail clients may attach files or add recipients from such parts")
    _check_link_text(m.plain_text(children), href, _at(where, node), ctx)
    return (m.Link(href, children),)


def _check_link_text(text: str, href: str, pos: m.SourcePos, ctx: BodyContext) -> None:
    """A warning for link text that does not say where the link goes."""
    said = text.strip().strip(".,:;!?«»\"'()[]").strip().lower()
    if said in EMPTY_LINK_TEXT:
        ctx.diag.warning(pos, f"the link text '{text.strip()}' does not say where it goes",
                         "link the words that name the page, e.g. [the Congress's "
                         "decrees](...)")
    elif said.startswith((*LINK_SCHEMES, "www.")) or said == href.lower():
        ctx.diag.warning(pos, "a bare address is read out letter by letter where words "
                              "belong", "link words that name the page: [its title](address)")


def _span(node: SyntaxTreeNode, ctx: BodyContext, notes: dict[int, m.Blocks],
          where: Where) -> m.Inlines:
    children = _inlines(node.children, ctx, notes, where)
    pos = _at(where, node)
    classes = str(node.attrs.get("class", "")).split()
    if "term" not in classes:
        ctx.diag.warning(pos, "a '[text]{...}' span without '.term' has no effect",
                         "mark a glossary term with [words]{.term}")
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


def _code_lines(tokens: list[Any]) -> frozenset[int]:
    """The 0-based source lines of fenced and indented code blocks."""
    return frozenset(line for token in tokens if token.type in ("fence", "code_block")
                     and token.map for line in range(token.map[0], token.map[1]))


_CODE_SPAN = re.compile(r"(`+)(?!`).*?(?<!`)\1(?!`)")


def _warn_raw_html(text: str, ctx: BodyContext, code_lines: frozenset[int]) -> None:
    """A warning for each line with an HTML tag outside code (`code_lines`: the 0-based
    lines of code blocks; code spans are blanked out before looking)."""
    for number, line in enumerate(split_lines(text), start=1):
        if number - 1 in code_lines:
            continue
        match = RAW_HTML.search(_CODE_SPAN.sub(lambda span: " " * len(span.group()), line))
        if match:
            ctx.diag.warning(m.SourcePos(ctx.file, ctx.line_offset + number, match.start() + 1),
                             "raw HTML is not passed through; it is printed as text",
                             "write Markdown instead")
