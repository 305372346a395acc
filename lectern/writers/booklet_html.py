"""The booklet as HTML: the lecture model through Jinja2 templates, every text escaped."""

from __future__ import annotations

import contextlib
import contextvars
import functools
import re
import unicodedata
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from jinja2 import Environment, FileSystemLoader, StrictUndefined
from markupsafe import Markup, escape

from .. import fonts, syntax
from .. import model as m
from ..addresses import printed_address
from ..locale import NBSP, Locale, hyphenation_lang, locale_for, month_names, sentence
from ..locale.addresses import pieces as address_pieces
from ..locale.addresses import split_addresses
from ..locale.licenses import address as license_address
from ..locale.licenses import attribution, credits, license_line
from ..paths import DEFAULT_LAYOUT
from ..readers.longwords import LONGEST_WORD
from ..version import __version__
from .booklet_tables import table_columns
from .urls import Roots, booklet_roots


@dataclass(frozen=True)
class Geometry:
    """A booklet page: size and mirrored margins in mm, body size in pt, leading as a factor."""

    width: float
    height: float
    inside: float
    outside: float
    top: float
    bottom: float
    body: float
    leading: float

    @property
    def text_height(self) -> float:
        return self.height - self.top - self.bottom


# Inside (binding) margins larger than outside ones; bottom larger than top (typography.md).
# A4 and Letter keep a 60-70 character measure with wide margins rather than huge type.
# A4 and Letter keep 11.5 pt type and take wide margins (room for the reader's notes) so
# that a line stays near 68 characters, as on A5.
GEOMETRY: dict[m.Paper, Geometry] = {
    "a5": Geometry(148, 210, inside=19, outside=14, top=17, bottom=22, body=10.25, leading=1.4),
    "a4": Geometry(210, 297, inside=42, outside=36, top=24, bottom=32, body=11.5, leading=1.4),
    "letter": Geometry(215.9, 279.4, inside=44, outside=38, top=22, bottom=30, body=11.5,
                       leading=1.4),
}

_MONTH_WORDS = "|".join(month_names())
# Where a line break would split what belongs together: "25 October", "October 1917",
# "37 million", "No. 1", "V. I. Lenin", "p. 12".
_TIES = (
    (re.compile(rf"(\d) (?=(?:{_MONTH_WORDS})\b)"), rf"\1{NBSP}"),
    (re.compile(rf"\b((?:{_MONTH_WORDS})) (?=\d)"), rf"\1{NBSP}"),
    (re.compile(r"(\d) (?=(?:million|billion|thousand|per cent|km|kg)\b)"), rf"\1{NBSP}"),
    (re.compile(r"\b(No\.|Nos\.|p\.|pp\.|vol\.|ch\.|§) (?=\d)"), rf"\1{NBSP}"),
    (re.compile(r"\b([A-ZА-Я]\.) (?=[A-ZА-Я])"), rf"\1{NBSP}"),
)


def tie(text: str) -> Markup:
    """`text` as HTML, with non-breaking spaces where a line break would part what belongs
    together, addresses and identifiers kept whole (see `unhyphenated`), and break
    opportunities in words longer than a line (see `breakable`)."""
    text = _tied(text)
    return Markup("").join(unhyphenated(breakable(piece)) if address else escape(breakable(piece))
                           for piece, address in split_addresses(text))


def _tied(text: str) -> str:
    for pattern, replacement in _TIES:
        text = pattern.sub(replacement, text)
    return text


def unhyphenated(address: str) -> Markup:
    """A URL, path or identifier in a span that is never hyphenated, with an invisible break
    opportunity after each of its separators: a line ends there with no hyphen added."""
    return Markup('<span class="address">%s</span>') % separated(address)


def separated(address: str) -> str:
    """An address with an invisible break opportunity after each of its separators."""
    return ZERO_WIDTH_SPACE.join(address_pieces(address))


# A run of characters with nowhere to break a line, longer than any line of the booklet.
_UNBROKEN = re.compile(rf"[^\s\-‐‑–—/\u200b]{{{LONGEST_WORD + 1},}}")
BREAK_EVERY = 16  # characters between the break opportunities put into such a run
ZERO_WIDTH_SPACE = "\u200b"


def breakable(text: str) -> str:
    """`text` with an invisible break opportunity every few letters of a word longer than a
    line.

    WeasyPrint lays out the whole rest of an unbreakable run again for every line it breaks
    out of it, and tries every hyphenation point of it: a word of 1,000 letters cost seconds,
    a chapter of them minutes. With a break opportunity every BREAK_EVERY letters each line
    costs a few letters' layout.
    """
    if len(text) <= LONGEST_WORD:
        return text
    return _UNBROKEN.sub(lambda run: _with_breaks(run.group()), text)


def _with_breaks(word: str) -> str:
    pieces, last = [], 0
    for index in range(BREAK_EVERY, len(word), BREAK_EVERY):
        while index < len(word) and _joins_previous(word, index):
            index += 1  # never between a letter and its accent, or inside a joined sequence
        if index - last >= BREAK_EVERY and index < len(word):
            pieces += [word[last:index], ZERO_WIDTH_SPACE]
            last = index
    pieces.append(word[last:])
    return "".join(pieces)


def _joins_previous(word: str, index: int) -> bool:
    """True when the character at `index` belongs to the one before it (a mark, a joiner,
    a variation selector, the second of a pair of regional flags)."""
    char, before = word[index], word[index - 1]
    return (unicodedata.category(char) in ("Mn", "Mc", "Me", "Cf", "Sk")
            or before in "\u200c\u200d" or (_is_flag(char) and _is_flag(before)))


def _is_flag(char: str) -> bool:
    return "\U0001f1e6" <= char <= "\U0001f1ff"


def anchor(ident: str, kind: str) -> str:
    """An HTML id that is safe in a URL fragment, made from a model id."""
    slug = re.sub(r"[^\w-]+", "-", ident.strip().lower(), flags=re.UNICODE).strip("-")
    return f"{kind}-{slug or 'x'}"


def _safe_link(url: str) -> bool:
    # Links are printed for the reader to follow, never fetched; only well-known schemes.
    return urlsplit(url).scheme.lower() in ("http", "https", "mailto")


def inline_html(nodes: Sequence[object]) -> Markup:
    """Inline model nodes as HTML; every piece of text is escaped."""
    out: list[Markup] = []
    items = list(nodes)
    for index, node in enumerate(items):
        following = items[index + 1] if index + 1 < len(items) else None
        if isinstance(node, m.Text) and isinstance(following, m.FootnoteRef):
            out.append(_tied_to_call(node.text))
        elif isinstance(node, m.FootnoteRef) and index and isinstance(items[index - 1], m.Text):
            out.append(_footnote(node) + Markup("</span>"))
        else:
            out.append(_inline(node))
    return Markup("").join(out)


def _tied_to_call(text: str) -> Markup:
    """Text before a footnote call, its last word opening a no-wrap span the call closes.

    WeasyPrint 70 may otherwise break the line between a word and its call, leaving the
    call alone at the start of the next line.
    """
    head, _, last = _tied(text).rpartition(" ")
    lead = tie(head + " ") if head else Markup("")
    return lead + Markup('<span class="call-tie">') + tie(last)


def _inline(node: object) -> Markup:
    if isinstance(node, m.FootnoteRef):
        return _footnote(node)
    if isinstance(node, m.Link) and _safe_link(node.url):
        # On paper a link's words are followed by where it leads.
        return shared_inline(node, inline_html) + _address(node)
    return shared_inline(node, inline_html)


def shared_inline(node: object, inner: Callable[[Sequence[object]], Markup]) -> Markup:
    """An inline node as every HTML output writes it (text, emphasis, code, line breaks,
    links, glossary terms), its children through `inner`; footnote calls are each output's
    own. Every piece of text is escaped."""
    if isinstance(node, m.Text):
        return tie(node.text)
    if isinstance(node, m.Emph):
        return Markup("<em>%s</em>") % inner(node.children)
    if isinstance(node, m.Strong):
        return Markup("<strong>%s</strong>") % inner(node.children)
    if isinstance(node, m.Code):
        return Markup("<code>%s</code>") % separated(breakable(node.text))
    if isinstance(node, m.LineBreak):
        return Markup("<br>")
    if isinstance(node, m.Link):
        if _safe_link(node.url):
            return Markup('<a class="url" href="%s">%s</a>') % (node.url, inner(node.children))
        return inner(node.children)
    if isinstance(node, m.Term):
        kind = "term first" if id(node) in _FIRST_TERMS.get() else "term"
        return Markup('<a class="%s" href="#%s">%s</a>') % (kind, anchor(node.ref, "term"),
                                                             inner(node.children))
    raise TypeError(f"unknown inline node {type(node).__name__}")


def _footnote(ref: m.FootnoteRef) -> Markup:
    # A footnote is one float; its paragraphs become lines of the same note.
    token = _IN_NOTE.set(True)
    try:
        parts = [inline_html(_note_inlines(block)) for block in ref.note]
    finally:
        _IN_NOTE.reset(token)
    return Markup('<span class="footnote">%s</span>') % Markup("<br>").join(parts)


# How the booklet being rendered prints link addresses (BookletSettings.link_addresses),
# and whether the text being set is a footnote or a heading (whose links print theirs after
# their words: a note holds no note, and a heading's call would stand in its bookmark).
_LINK_ADDRESSES: contextvars.ContextVar[str] = contextvars.ContextVar("link_addresses",
                                                                     default="auto")
_IN_NOTE: contextvars.ContextVar[bool] = contextvars.ContextVar("in_note", default=False)
SHORT_ADDRESS = 30  # characters: an address this short follows its words under "auto"


def heading_html(nodes: Sequence[object]) -> Markup:
    """Inline content of a heading or title: a link's address after its words."""
    token = _IN_NOTE.set(True)
    try:
        return inline_html(nodes)
    finally:
        _IN_NOTE.reset(token)


def unlinked(nodes: Sequence[object]) -> tuple[object, ...]:
    """Inline content with each link replaced by its words (for text inside a link)."""
    out: list[object] = []
    for node in nodes:
        if isinstance(node, m.Link):
            out.extend(unlinked(node.children))
        elif isinstance(node, (m.Emph, m.Strong)):
            out.append(type(node)(tuple(unlinked(node.children))))  # type: ignore[arg-type]
        else:
            out.append(node)
    return tuple(out)


def _says_address(link: m.Link) -> bool:
    """Whether a link's words are its address already (then it is not printed twice)."""
    words = m.plain_text(link.children).strip().rstrip("/").lower()
    return words in (link.url.rstrip("/").lower(), printed_address(link.url).rstrip("/").lower())


def _address(link: m.Link) -> Markup:
    """What follows a link's words on paper: its address in brackets or in a footnote, as
    lecture.yaml's `booklet: link_addresses:` chooses; nothing when the words are it."""
    mode = _LINK_ADDRESSES.get()
    if mode == "none" or _says_address(link):
        return Markup("")
    address = printed_address(link.url)
    shown = Markup('<span class="url">%s</span>') % separated(address)
    if mode == "inline" or _IN_NOTE.get() or (mode == "auto" and
                                              len(address) <= SHORT_ADDRESS):
        return Markup(" (%s)") % shown
    return Markup('<span class="footnote link-note">%s</span>') % shown


def _note_inlines(block: m.Block) -> m.Inlines:
    if isinstance(block, (m.Paragraph, m.Heading)):
        return block.content
    if isinstance(block, m.ListBlock):
        items: list[m.Inline] = []
        for item in block.items:
            for sub in item:
                items.extend(_note_inlines(sub))
                items.append(m.Text(" "))
        return tuple(items)
    if isinstance(block, m.BlockQuote):
        return tuple(i for sub in block.content for i in _note_inlines(sub))
    if isinstance(block, m.CodeBlock):
        return (m.Code(block.text),)
    if isinstance(block, m.Table):
        # A note is one run of text: its table's rows are set one after another.
        cells: list[m.Inline] = []
        for row in (block.header, *block.rows):
            for index, cell in enumerate(row):
                cells.extend((m.Text(", " if index else ""), *cell.content))
            cells.append(m.Text("; "))
        return tuple(cells[:-1])
    return ()


# Code is set at CODE_SIZE of the body size in a face whose every character is CODE_ADVANCE
# ems wide, inside a frame whose padding and rules take CODE_FRAME points across.
CODE_SIZE = 0.8
CODE_ADVANCE = 0.6
CODE_FRAME = 14.0
MM = 72 / 25.4
NESTED_INDENT = 5  # columns a list or block quotation takes from a code block inside it


def code_columns(lecture: m.Lecture) -> int:
    """How many characters of code fit one line of the booklet's text column."""
    g = GEOMETRY[lecture.booklet.paper]
    measure = (g.width - g.inside - g.outside) * MM - CODE_FRAME
    return int(measure // (g.body * CODE_SIZE * CODE_ADVANCE))


SHORT_CODE = 12  # lines: a block this short is never split across pages


def code_html(block: m.CodeBlock, columns: int) -> Markup:
    """A code block: coloured by its language, long lines wrapped with a continuation mark."""
    lines = syntax.wrap(syntax.highlight(block.text, block.language), columns)
    short = " short" if len(lines) <= SHORT_CODE else ""
    name = block.language.split()[0] if block.language.split() else ""
    lang = Markup(' data-language="%s"') % name if name else Markup("")
    body = Markup("\n").join(_code_line(line) for line in lines)
    return Markup('<pre class="code%s"%s><code>%s</code></pre>') % (short, lang, body)


def _code_line(line: syntax.Line) -> Markup:
    mark = Markup('<span class="cont" aria-hidden="true">%s </span>') % syntax.CONTINUATION \
        if line.continued else Markup("")
    return mark + Markup("").join(_code_piece(piece) for piece in line.pieces)


def _code_piece(piece: syntax.Piece) -> Markup:
    look = piece.look
    if look == syntax.TEXT:
        return escape(piece.text)
    style = f"color: #{look.colour}"
    style += "; font-weight: 700" if look.bold else ""
    style += "; font-style: italic" if look.italic else ""
    return Markup('<span style="%s">%s</span>') % (style, piece.text)


def quote_html(quote: m.Quote, loc: Locale) -> Markup:
    """A key quote's words in the language's quotation marks, their Markdown set."""
    if all(isinstance(node, m.Text) for node in quote.words):
        return escape(tie(loc.quoted(quote.text)))
    return Markup("%s%s%s") % (loc.quotes[0], inline_html(quote.words), loc.quotes[1])


def source_html(entry: m.SourceEntry, loc: Locale, linked: bool = False) -> Markup:
    """A bibliography entry, in the pieces the locale puts it together from; with `linked`
    its URL is a link as well as printed (the web edition)."""
    out: list[Markup] = []
    for text, role in loc.bibliography(entry):
        if role == "title":
            out.append(Markup("<cite>%s</cite>") % tie(text))
        elif role == "url" and linked and _safe_link(text):
            out.append(Markup('<a class="url" href="%s">%s</a>') % (text, text))
        elif role == "url":
            out.append(Markup('<span class="url">%s</span>') % separated(text))
        else:
            out.append(tie(text))
    return Markup("").join(out)


def kind(node: object) -> str:
    """The model type of a node, for templates that choose markup by type."""
    return type(node).__name__


def layout_dirs(lecture: m.Lecture) -> list[Path]:
    """Where booklet templates are looked up, first match wins (a lecture override goes first)."""
    return [DEFAULT_LAYOUT / "booklet"]


def environment(dirs: Sequence[Path], language: str) -> Environment:
    """The Jinja2 environment: autoescaped, strict about undefined names."""
    env = Environment(loader=FileSystemLoader([str(d) for d in dirs]), autoescape=True,
                      undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True,
                      keep_trailing_newline=True)
    loc = locale_for(language)
    filters: dict[str, Callable[..., object]] = {
        "inline": inline_html,
        "kind": kind,
        "tie": tie,
        "date": loc.date,
        "partial": loc.date,
        "quoted": lambda t, lang="": (locale_for(lang) if lang else loc).quoted(t),
        "sentence": sentence,
        "anchor": anchor,
        "source": lambda e: source_html(e, loc),
        "names": loc.join,
        "plain": m.plain_text,
        "url": resource_url,
        "code": code_html,
        "heading": heading_html,
        "unlinked": unlinked,
        "quote_words": lambda q: quote_html(q, loc),
        "inline_or_tie": lambda v: escape(tie(v)) if isinstance(v, str) else inline_html(v),
    }
    env.filters.update(filters)
    return env


# The folders of the lecture being rendered, for the 'url' filter: one environment serves
# every lecture with the same layout (kept_environment), the folders differ.
_ROOTS: contextvars.ContextVar[Roots | None] = contextvars.ContextVar("roots", default=None)


def resource_url(path: Path) -> str:
    """The 'url' filter: `path` named as the fetcher serves it, without a machine path.

    Outside a booklet render it is the file: URL, which the fetcher refuses.
    """
    roots = _ROOTS.get()
    return path.as_uri() if roots is None else roots.url(path)


@functools.lru_cache(maxsize=8)
def _kept_environment(dirs: tuple[Path, ...], language: str) -> Environment:
    return environment(dirs, language)


def kept_environment(lecture: m.Lecture) -> Environment:
    """The lecture's environment, made once per process: compiling the templates again for
    every part of a 300-chapter book cost more than laying out its contents. (Jinja2 still
    reloads a template whose file changed.)"""
    return _kept_environment(tuple(layout_dirs(lecture)), lecture.language)


def page_css(lecture: m.Lecture) -> str:
    """The page geometry stylesheet for the lecture's paper size."""
    env = kept_environment(lecture)
    geometry = GEOMETRY[lecture.booklet.paper]
    return env.get_template("page.css.j2").render(g=geometry)


def notes_lines(lecture: m.Lecture) -> int:
    """How many ruled lines fit on a Notes page under its heading (8 mm apart).

    The heading takes about 6 mm; 4 mm more are kept free so a line never spills over.
    """
    geometry = GEOMETRY[lecture.booklet.paper]
    return int((geometry.text_height - 10) // 8)


NOTES_PAGES = 3  # laid out before the back cover: enough to pad any book to 4n pages


# The glossary terms set apart in print: each term's first use in each chapter. Every use
# links to the glossary; setting every one in small caps would make the page restless.
_FIRST_TERMS: contextvars.ContextVar[frozenset[int]] = contextvars.ContextVar(
    "first_terms", default=frozenset())


@contextlib.contextmanager
def first_terms_marked(lecture: m.Lecture) -> Iterator[None]:
    """While it lasts, the first use of each glossary term in each chapter of `lecture` is
    written as such (class "term first")."""
    token = _FIRST_TERMS.set(first_terms(lecture))
    try:
        yield
    finally:
        _FIRST_TERMS.reset(token)


def first_terms(lecture: m.Lecture) -> frozenset[int]:
    """The ids of the Term nodes that are the first use of their entry in their chapter."""
    first: set[int] = set()
    for chapter in lecture.chapters:
        seen: set[str] = set()
        for node in m.walk_inlines(chapter.body):
            if isinstance(node, m.Term) and node.ref not in seen:
                seen.add(node.ref)
                first.add(id(node))
    return frozenset(first)


@dataclass(frozen=True)
class Part:
    """One part of the booklet: the front matter, a chapter or the back matter.

    Each part starts on a page of its own, so each is laid out as a document of its own;
    `body` is the part's markup inside <body>.
    """

    name: str
    body: str


class PartWriter:
    """Renders the booklet's parts one at a time (a repair re-renders only its own part)."""

    def __init__(self, lecture: m.Lecture) -> None:
        self.lecture = lecture
        self.env = kept_environment(lecture)
        self.roots = booklet_roots(lecture.root)
        self.first_terms = first_terms(lecture)
        self.unplaced = unplaced_quotes(lecture)
        self.names = ["front", *(f"chapter-{c.number}" for c in lecture.chapters), "back"]

    def render(self, index: int, push: frozenset[str] = frozenset(),
               pages: Mapping[str, int] | None = None) -> Part:
        """Part `index` (0: front matter, then each chapter, last: back matter)."""
        token = _ROOTS.set(self.roots)
        links = _LINK_ADDRESSES.set(self.lecture.booklet.link_addresses)
        try:
            return self._render(index, push, pages)
        finally:
            _LINK_ADDRESSES.reset(links)
            _ROOTS.reset(token)

    def _render(self, index: int, push: frozenset[str],
                pages: Mapping[str, int] | None) -> Part:
        context = _context(self.lecture, push, pages)
        if index == 0:
            return Part(self.names[0], self.env.get_template("front.html.j2").render(**context))
        if index == len(self.names) - 1:
            return Part(self.names[-1], self.env.get_template("end.html.j2").render(**context))
        token = _FIRST_TERMS.set(self.first_terms)
        try:
            body = self.env.get_template("chapter.html.j2").render(
                chapter=self.lecture.chapters[index - 1], unplaced=self.unplaced, **context)
        finally:
            _FIRST_TERMS.reset(token)
        return Part(self.names[index], body)


def render_parts(lecture: m.Lecture, push: frozenset[str] = frozenset(),
                 pages: Mapping[str, int] | None = None) -> list[Part]:
    """The booklet's parts in reading order: front matter, each chapter, back matter.

    `push` names the blocks that must start a page; `pages` gives the page number of each
    anchor the contents lists (without it the contents asks WeasyPrint for them, which
    works only when the whole book is laid out as one document).
    """
    writer = PartWriter(lecture)
    return [writer.render(i, push, pages) for i in range(len(writer.names))]


def document_html(lecture: m.Lecture, body: str) -> str:
    """A complete HTML document around `body`: language, title and the PDF's metadata."""
    env = kept_environment(lecture)
    return env.get_template("booklet.html.j2").render(
        lecture=lecture, body=Markup(marked_scripts(body, lecture)), version=__version__,
        rights=" ".join(credits(lecture)),
        lang=hyphenation_lang(lecture.language))


# Languages written in Cyrillic; a run of Cyrillic in a lecture in another language is in one.
CYRILLIC_LANGUAGES = ("ru", "uk", "be", "bg", "sr", "mk", "kk", "ky", "tg", "mn")
_CYRILLIC_RUN = re.compile(r"[\u0400-\u04ff]+(?:[\s\u00a0\u2010-\u2014\-–№0-9.,:;«»„“]*"
                           r"[\u0400-\u04ff]+)*")
_TEXT = re.compile(r">([^<]+)<")


def originals_language(lecture: m.Lecture) -> str:
    """The Cyrillic language the lecture's originals are in: the one its quotes name most
    (Russian when none names one)."""
    named = [q.original_language for chapter in lecture.chapters for q in chapter.quotes
             if q.original_language.split("-")[0].lower() in CYRILLIC_LANGUAGES]
    return max(sorted(set(named)), key=named.count) if named else "ru"


def marked_scripts(body: str, lecture: m.Lecture) -> str:
    """`body` with each run of Cyrillic text in a lecture in another language wrapped in a
    span that names its language (hyphenation and the PDF's Lang follow it)."""
    if lecture.language.split("-")[0].lower() in CYRILLIC_LANGUAGES:
        return body
    lang = originals_language(lecture)
    wrap = functools.partial(_CYRILLIC_RUN.sub, f'<span lang="{lang}">\\g<0></span>')
    return _TEXT.sub(lambda found: f">{wrap(found.group(1))}<", body)


def render_html(lecture: m.Lecture, push: frozenset[str] = frozenset(),
                pages: Mapping[str, int] | None = None) -> str:
    """The whole booklet as one HTML document (the stylesheets are given to WeasyPrint)."""
    return document_html(lecture, "".join(p.body for p in render_parts(lecture, push, pages)))


def _context(lecture: m.Lecture, push: frozenset[str],
             pages: Mapping[str, int] | None) -> dict[str, object]:
    return {
        "lecture": lecture,
        "words": locale_for(lecture.language).words,
        "push": push,
        "pages": pages or {},
        "notes_pages": NOTES_PAGES,
        "notes_lines": notes_lines(lecture),
        "code_columns": code_columns(lecture),
        "nested_indent": NESTED_INDENT,
        "version": __version__,
        "fonts": (fonts.SERIF.name, fonts.SANS.name),
        "licence": fonts.LICENCE,
        "adapted": (attribution(lecture.adapted_from, locale_for(lecture.language))
                    if lecture.adapted_from else ""),
        "license_line": (license_line(lecture.license, locale_for(lecture.language))
                         if lecture.license else ""),
        "table_columns": functools.partial(table_columns, g=GEOMETRY[lecture.booklet.paper]),
        "license_url": license_address(lecture.license) if lecture.license else "",
        "cover_url": (booklet_roots(lecture.root).url(lecture.booklet.cover_image)
                      if lecture.booklet.cover_image else ""),
    }


def unplaced_quotes(lecture: m.Lecture) -> dict[int, tuple[m.Quote, ...]]:
    """Each chapter's key quotes that no '::: quote ID' places anywhere in the lecture.

    The booklet prints them after the chapter's prose, so that every quote on a slide is in
    the booklet too.
    """
    placed = {node.quote.id for chapter in lecture.chapters
              for node in m.walk_inlines(chapter.body) if isinstance(node, m.PullQuote)}
    return {chapter.number: tuple(q for q in chapter.quotes if not q.id or q.id not in placed)
            for chapter in lecture.chapters}


_FIRST_TAG = re.compile(r"<([a-zA-Z][\w-]*)\b([^>]*)>")
_CLASS = re.compile(r"""\sclass=("[^"]*"|'[^']*')""")


def part_end(following: Part) -> str:
    """An empty copy of the element that opens `following`, to end the part before it.

    Laid out at the end of a part, it makes WeasyPrint break the page as it would before
    the next part in a one-document layout, blank page included; the writer then drops
    the page it lands on.
    """
    found = _FIRST_TAG.search(following.body)
    if not found:
        return '<div data-part-end=""></div>'
    tag, attributes = found.groups()
    classes = _CLASS.search(attributes)
    kept = f" class={classes.group(1)}" if classes else ""
    return f'<{tag}{kept} data-part-end=""></{tag}>'
