"""The web edition: the lecture as one self-contained, accessible HTML page.

The page is semantic HTML from the same model and templates' helpers as the booklet (the
same words, quotation marks, dates and ties); its pictures and its fonts' subsets travel
inside it as data URIs, so it reads offline and needs no script.
"""

from __future__ import annotations

import base64
import contextlib
import contextvars
import functools
import html
import re
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from jinja2 import Environment
from markupsafe import Markup, escape

from .. import fonts, syntax
from .. import model as m
from ..images import picture
from ..locale import locale_for
from ..locale.web import web_words
from ..paths import DEFAULT_LAYOUT
from ..version import __version__
from .booklet_html import (
    environment,
    first_terms_marked,
    marked_scripts,
    shared_inline,
    source_html,
    unplaced_quotes,
)
from .web_fonts import page_faces


def layout_dir() -> Path:
    """The web layout's folder: its page templates and stylesheet."""
    return DEFAULT_LAYOUT / "web"


@dataclass
class _Notes:
    """The footnote calls met so far in one chapter, to give each call its own id."""

    chapter: int
    calls: Counter[int] = field(default_factory=Counter)


_NOTES: contextvars.ContextVar[_Notes] = contextvars.ContextVar("notes")  # set by render_page
# The word a screen reader reads before a call's number ("Note 3"), in the page's language.
_WORDS: contextvars.ContextVar[str] = contextvars.ContextVar("note_word", default="Note")


def note_id(chapter: int, number: int) -> str:
    """The id of a chapter's note `number` in the list of notes."""
    return f"note-{chapter}-{number}"


def call_id(chapter: int, number: int, nth: int = 1) -> str:
    """The id of the `nth` call of a chapter's note `number` in the text."""
    return f"call-{chapter}-{number}" + (f"-{nth}" if nth > 1 else "")


def web_inline(nodes: Sequence[object]) -> Markup:
    """Inline model nodes as the page's HTML; every piece of text is escaped."""
    return Markup("").join(_inline(node) for node in nodes)


def _inline(node: object) -> Markup:
    if isinstance(node, m.FootnoteRef):
        return _call(node)
    return shared_inline(node, web_inline)


def _call(ref: m.FootnoteRef) -> Markup:
    """A footnote call: a link to the note, its number read out as "Note 3"."""
    notes = _NOTES.get()
    notes.calls[ref.number] += 1
    nth = notes.calls[ref.number]
    return Markup('<sup><a class="call" id="%s" href="#%s"><span class="hidden">%s </span>'
                  "%s</a></sup>") % (call_id(notes.chapter, ref.number, nth),
                                     note_id(notes.chapter, ref.number),
                                     _WORDS.get(), ref.number)


def chapter_notes(chapter: m.Chapter) -> tuple[m.FootnoteRef, ...]:
    """The chapter's notes in order, each once (a note may be called more than once)."""
    seen: dict[int, m.FootnoteRef] = {}
    for ref in chapter.footnotes():
        seen.setdefault(ref.number, ref)
    return tuple(seen.values())


def data_uri(path: Path) -> str:
    """A picture of the lecture as a data URI, upright and in a format browsers show."""
    shown = picture(path)
    return f"data:{shown.mime};base64,{base64.b64encode(shown.data).decode('ascii')}"


def _chapter_scope(chapter: m.Chapter) -> str:
    """Start a chapter: its footnote calls are counted afresh (a template global)."""
    _NOTES.set(_Notes(chapter.number))
    return ""


@functools.lru_cache(maxsize=8)
def web_environment(language: str) -> Environment:
    """The web layout's Jinja2 environment: the booklet's filters, with the page's own
    inline markup, linked sources and pictures as data URIs."""
    env = environment([layout_dir()], language)
    loc = locale_for(language)
    env.filters.update({
        "inline": web_inline,
        "source": lambda entry: source_html(entry, loc, linked=True),
        "data_uri": data_uri,
        "note_id": note_id,
        "call_id": call_id,
        "code_block": code_block,
    })
    env.globals["chapter_scope"] = _chapter_scope
    env.globals["chapter_notes"] = chapter_notes
    return env


_TAG = re.compile(r"<[^>]*>")
_CODE = re.compile(r"<code>(.*?)</code>", re.S)


def code_block(block: m.CodeBlock) -> Markup:
    """A code block as the page shows it: each token in its look's class (the stylesheet
    colours them as the booklet does), long lines scrolled inside the block, never wrapped."""
    lines = syntax.highlight(block.text, block.language)
    body = Markup("\n").join(Markup("").join(_token(piece) for piece in line.pieces)
                             for line in lines)
    name = block.language.split()[0] if block.language.split() else ""
    lang = Markup(' data-language="%s"') % name if name else Markup("")
    # A block wider than the screen scrolls; a reader on a keyboard reaches it with Tab.
    return Markup('<pre class="code scroll" tabindex="0"%s><code>%s</code></pre>') % (lang, body)


def code_css() -> str:
    """The code frame and each token look's rule, from lectern.syntax (one place for the
    colours the booklet, the deck and the page share)."""
    rules = [f"pre.code {{ background: #{syntax.FRAME}; color: #{syntax.TEXT.colour}; "
             f"border: 1px solid #{syntax.RULE}; }}"]
    for look in syntax.LOOKS:
        weight = " font-weight: 700;" if look.bold else ""
        slant = " font-style: italic;" if look.italic else ""
        rules.append(f".tk-{look.name} {{ color: #{look.colour};{weight}{slant} }}")
    return "\n" + "\n".join(rules) + "\n"


def _token(piece: syntax.Piece) -> Markup:
    if piece.look == syntax.TEXT:
        return escape(piece.text)
    return Markup('<span class="tk-%s">%s</span>') % (piece.look.name, piece.text)


def page_text(body: str) -> str:
    """The characters a reader sees in `body`, markup taken out and entities decoded."""
    return html.unescape(_TAG.sub(" ", body))


@contextlib.contextmanager
def _page_scope(lecture: m.Lecture, note_word: str) -> Iterator[None]:
    """While the page's body renders: its first glossary terms marked, the word read before
    a footnote call's number, and a fresh count of calls."""
    word, notes = _WORDS.set(note_word), _NOTES.set(_Notes(0))
    try:
        with first_terms_marked(lecture):
            yield
    finally:
        _WORDS.reset(word)
        _NOTES.reset(notes)


def render_page(lecture: m.Lecture) -> str:
    """The whole web edition of `lecture` as one HTML document."""
    env = web_environment(lecture.language)
    words = web_words(lecture.language)
    with _page_scope(lecture, words.note):
        body = env.get_template("body.html.j2").render(
            lecture=lecture, words=locale_for(lecture.language).words, web=words,
            unplaced=unplaced_quotes(lecture), version=__version__,
            fonts=(fonts.SERIF.name, fonts.SANS.name), licence=fonts.LICENCE,
            cover=data_uri(lecture.booklet.cover_image) if lecture.booklet.cover_image else "")
    body = marked_scripts(body, lecture)
    faces = page_faces(page_text(body), page_text(" ".join(_CODE.findall(body))))
    shown = {face.family for face in faces}
    return env.get_template("page.html.j2").render(
        lecture=lecture, body=Markup(body), version=__version__,
        font_faces=Markup("\n".join(face.font_face() for face in faces)),
        notices=[Markup(_notice(family)) for family in fonts.FAMILIES
                 if family.name in shown],
        css=Markup((layout_dir() / "web.css").read_text(encoding="utf-8") + code_css()))


def _notice(family: fonts.Family) -> str:
    """The copyright line of a family's licence file, for the page's stylesheet comment."""
    licence = family.faces[0].path.parent / "OFL.txt"
    first = licence.read_text(encoding="utf-8").strip().split("\n\n")[0]
    return " ".join(first.split()).replace("*/", "* /")


def render_web(lecture: m.Lecture) -> dict[str, bytes]:
    """The web edition's file, by name."""
    return {f"{lecture.name}.html": render_page(lecture).encode("utf-8")}
