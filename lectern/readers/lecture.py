"""Read a lecture folder (lecture.yaml + chapters) into the frozen model, collecting problems."""

from __future__ import annotations

import dataclasses
import os
import posixpath
import re
import unicodedata
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import yaml

from .. import limits
from .. import model as m
from ..diagnostics import Collector, Diagnostic, LectureInvalid
from ..locale import find, licenses, supported
from ..locale.collation import sort_glossary
from ..locale.slug import slug as make_slug
from ..locale.typography import smarten
from . import schema
from .fields import FieldReader
from .files import (
    URL,
    check_image,
    file_digest,
    note_used,
    read_text,
    recording,
    resolve_inside,
)
from .lines import split_lines
from .markdown import BodyContext, make_parser, parse_body, parse_inline
from .yamlpos import Located, Validator, YObj, compose, recording_spans

LECTURE_FILE = "lecture.yaml"
LANGUAGE_TAG = re.compile(r"^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$")
# Text fields that are not prose: ids, web addresses, language tags and file names keep
# their characters; key points and questions are Markdown, set by the Markdown parser.
NOT_PROSE = frozenset({"id", "url", "language", "original_language", "chapters",
                       "key_points", "questions", "layouts", "master", "license"})


@dataclass
class _ChapterSource:
    number: int
    rel: str
    pos: m.SourcePos  # where lecture.yaml names it
    front: YObj
    body: str
    body_offset: int
    quotes: tuple[m.Quote, ...]


def load_lecture(root: Path) -> tuple[m.Lecture, list[Diagnostic]]:
    """Read the lecture in `root`; return it with its warnings. Raise LectureInvalid on errors."""
    diag = Collector()
    lecture = read_lecture(root, diag)
    if diag.errors or lecture is None:
        raise LectureInvalid(Collector(diag.items).sorted())
    return lecture, Collector(diag.warnings).sorted()


def read_lecture(root: Path, diag: Collector) -> m.Lecture | None:
    """Read the lecture in `root`, reporting problems to `diag`; None when it cannot be built.
    The lecture keeps the text of every file read, and where its YAML's text values are
    written, so that no writer reads or composes them again."""
    with recording() as texts, recording_spans() as spans:
        lecture = _read_lecture(root, diag)
    if lecture is None:
        return None
    return dataclasses.replace(lecture, texts=tuple(sorted(texts.items())), spans=tuple(spans))


def _read_lecture(root: Path, diag: Collector) -> m.Lecture | None:
    top = m.SourcePos(LECTURE_FILE, 1, 1)
    if not os.path.lexists(root / LECTURE_FILE):
        diag.error(m.SourcePos(LECTURE_FILE), "the folder has no lecture.yaml; is it a lecture?",
                   "run 'lectern new DIR' to start one")
        return None
    path = resolve_inside(root, LECTURE_FILE, m.SourcePos(LECTURE_FILE), diag, "the lecture file")
    text = read_text(path, LECTURE_FILE, top, diag) if path is not None else None
    node = compose(text, LECTURE_FILE, diag) if text is not None else None
    if node is None or text is None:
        if text is not None and not diag.errors:
            diag.error(top, f"{LECTURE_FILE} is empty", "start from 'lectern new DIR'")
        return None
    obj = Validator(LECTURE_FILE, diag, text).mapping(node, schema.LECTURE, LECTURE_FILE)
    if obj is None:
        return None
    language = _language(obj, diag)
    typeset(obj, schema.LECTURE, language)
    md = make_parser(language)
    glossary_ids: dict[str, str] = {}
    fields = FieldReader(md, diag, glossary_ids, language)
    fields.plain(obj, schema.LECTURE)
    glossary = _glossary(root, obj, language, diag, fields)
    glossary_ids.update({g.id.lower(): g.id for g in glossary})
    glossary_ids.update({g.term.lower(): g.id for g in glossary})
    chapters_src = _chapter_sources(root, obj, language, diag)
    for src in chapters_src:
        fields.plain(src.front, schema.CHAPTER)
        src.quotes = tuple(_read_quote(fields, q) for q in src.quotes)
    quotes = _quote_index(chapters_src, diag)
    totals: dict[str, int] = {}  # counted over the chapters, for the lecture's limits
    chapters = tuple(
        _chapter(root, src, md, quotes, glossary_ids, language, diag, totals, fields)
        for src in chapters_src
    )
    if "chapters" in obj.values and not obj.get("chapters"):
        diag.error(obj.at("chapters"), "the lecture has no chapters",
                   "list the chapter files, e.g. '- chapters/01-intro.md'")
    booklet = _booklet(root, obj.get("booklet"), diag)
    deck = _deck(root, obj.get("deck"), diag)
    handout = _handout(obj.get("handout"))
    required = ("title", "authors", "date", "language", "chapters")
    if any(k not in obj.values for k in required):
        return None
    title = fields.inline(obj.get("title"), obj.at("title"))
    subtitle = fields.inline(obj.get("subtitle", ""), obj.at("subtitle"))
    return m.Lecture(
        root=root.resolve(),
        name=_name(root, m.plain_text(title) or obj.get("title"), language),
        title=m.plain_text(title) or obj.get("title"),
        subtitle=m.plain_text(subtitle) or obj.get("subtitle", ""),
        title_content=title,
        subtitle_content=subtitle,
        authors=tuple(_author(a.value)[0] for a in obj.get("authors")),
        roles=tuple(_author(a.value)[1] for a in obj.get("authors")),
        license=_license(obj, diag),
        adapted_from=_adapted_from(obj, diag),
        glossary_order=obj.get("glossary_order", "alphabetical"),
        date=obj.get("date"),
        language=language,
        chapters=chapters,
        description=obj.get("description", ""),
        keywords=tuple(k.value for k in obj.get("keywords", ())),
        basis=obj.get("basis", ""),
        timeline=_timeline(root, obj, language, diag, fields),
        glossary=(glossary if obj.get("glossary_order") == "as-written"
                  else sort_glossary(glossary, language)),
        sources=_sources(root, obj, language, diag, fields),
        booklet=booklet,
        deck=deck,
        handout=handout,
        pos=obj.pos,
    )


def _author(value: object) -> tuple[str, str]:
    """An author's name and role, from a line of text or {name: ..., role: ...}."""
    if isinstance(value, YObj):
        return str(value.get("name", "")).strip(), str(value.get("role", "")).strip()
    return str(value).strip(), ""


def _license(obj: YObj, diag: Collector) -> str:
    """The lecture's licence, warned about when it is neither an SPDX id nor an address."""
    value = str(obj.get("license", "")).strip()
    if value and not licenses.well_formed(value):
        diag.warning(obj.at("license"), f"the license '{value}' is neither an SPDX id nor a "
                     "web address", "write an id such as CC-BY-4.0, or the licence's address")
    return value


def _adapted_from(obj: YObj, diag: Collector) -> m.Attribution | None:
    """The work the lecture is adapted from; a warning when it is under a licence that asks
    for credit and the lecture names no licence of its own."""
    source = obj.get("adapted_from")
    if not isinstance(source, YObj) or "title" not in source.values:
        return None
    found = m.Attribution(
        title=str(source.get("title")).strip(),
        authors=tuple(str(a.value).strip() for a in source.get("authors", ())),
        url=str(source.get("url", "")).strip(), license=str(source.get("license", "")).strip(),
        pos=source.pos)
    if found.license and not licenses.well_formed(found.license):
        diag.warning(source.at("license"), f"the license '{found.license}' is neither an SPDX "
                     "id nor a web address",
                     "write an id such as CC-BY-4.0, or the licence's address")
    if licenses.asks_credit(found.license) and "license" not in obj.values:
        diag.warning(source.at("license"), f"the lecture is adapted from a work under "
                     f"{licenses.label(found.license)} but gives no license of its own",
                     "add 'license:' to lecture.yaml (a CC BY-SA work asks for the same "
                     "licence)")
    return found


def _name(root: Path, title: str, language: str) -> str:
    """The output file stem: the title in lower-case ASCII words (Cyrillic and Greek
    transliterated, accents dropped), else the folder's name, else 'lecture'."""
    for text in (title, root.resolve().name):
        slug = make_slug(text, language)
        if slug:
            return slug
    return "lecture"


def _language(obj: YObj, diag: Collector) -> str:
    language = str(obj.get("language", "en"))
    if not LANGUAGE_TAG.match(language):
        diag.error(obj.at("language"), f"'{language}' is not a language tag",
                   "write a code such as en, ru or en-GB")
        return "en"
    if find(language) is None:
        diag.warning(obj.at("language"), f"lectern has no words for the language "
                     f"'{language}'; the booklet and the deck use English headings and labels",
                     "lectern speaks " + ", ".join(supported()))
    return language


def typeset(obj: YObj, fields: tuple[schema.Field, ...], language: str) -> YObj:
    """Give every prose field of `obj` (and of the objects in it) typographic punctuation.

    This is the same smart punctuation as a Markdown body's, done once here so that the
    model holds the text both writers print. A key quote's words get the inner quotation
    marks first, because the writers set them in the outer ones; an original is set in the
    conventions of its own language.
    """
    by_name = {f.name: f for f in fields}
    own = str(obj.values.get("original_language") or language)
    for key, value in list(obj.values.items()):
        spec = by_name.get(key)
        if spec is None or key in NOT_PROSE:
            continue
        if spec.kind == "text" and isinstance(value, str):
            quoted = fields is schema.QUOTE and key in ("text", "original")
            obj.values[key] = smarten(value, own if key == "original" else language, quoted)
        elif spec.kind == "texts" and isinstance(value, tuple):
            obj.values[key] = tuple(
                Located(typeset(v.value, spec.fields, language) if isinstance(v.value, YObj)
                        else smarten(v.value, language), v.pos) for v in value)
        elif spec.kind == "object" and isinstance(value, YObj):
            typeset(value, spec.fields, language)
        elif spec.kind == "objects" and isinstance(value, tuple):
            for entry in value:
                typeset(entry, spec.fields, language)
    return obj


def _list_or_file(root: Path, obj: YObj, key: str, language: str, diag: Collector,
                  fields: FieldReader | None = None) -> tuple[YObj, ...]:
    """Entries given inline (already typeset), or read from the YAML file that `key` names."""
    value = obj.get(key)
    if value is None:
        return ()
    if not isinstance(value, Located):
        return tuple(value)
    path = resolve_inside(root, value.value, value.pos, diag, f"the {key} file")
    if path is None:
        return ()
    rel = path.relative_to(root.resolve()).as_posix()
    text = read_text(path, rel, value.pos, diag)
    node = compose(text, rel, diag) if text is not None else None
    if node is None or text is None:
        return ()
    spec = next(f for f in schema.LECTURE if f.name == key)
    validator = Validator(rel, diag, text)
    if not isinstance(node, yaml.SequenceNode):
        diag.error(validator.pos(node), f"{rel} must be a list of {key} entries ('- ' lines)")
        return ()
    result = tuple(typeset(e, spec.fields, language) for e in validator.objects(node, spec, key)
                   or ())
    if fields is not None:  # entries given inline were read with lecture.yaml
        for entry in result:
            fields.plain(entry, spec.fields, key)
    return result


def _timeline(root: Path, obj: YObj, language: str, diag: Collector,
              fields: FieldReader | None = None) -> tuple[m.TimelineEntry, ...]:
    out = []
    for e in _list_or_file(root, obj, "timeline", language, diag, fields):
        if "date" in e.values and "event" in e.values:
            out.append(m.TimelineEntry(e.get("date"), e.get("event"), e.get("detail", ""),
                                       e.get("new_style"), e.pos))
    return tuple(out)


def _glossary(root: Path, obj: YObj, language: str, diag: Collector,
              fields: FieldReader | None = None) -> tuple[m.GlossaryEntry, ...]:
    out: list[m.GlossaryEntry] = []
    seen: dict[str, m.SourcePos] = {}
    for e in _list_or_file(root, obj, "glossary", language, diag, fields):
        if "term" not in e.values or "definition" not in e.values:
            continue
        gid = str(e.get("id") or e.get("term")).strip()
        if gid.lower() in seen:
            diag.error(e.pos, f"duplicate glossary id '{gid}' (first at {seen[gid.lower()]})")
            continue
        seen[gid.lower()] = e.pos
        out.append(m.GlossaryEntry(gid, e.get("term"), e.get("definition"),
                                   e.get("original", ""), e.get("transliteration", ""), e.pos))
    return tuple(out)


def _sources(root: Path, obj: YObj, language: str, diag: Collector,
             fields: FieldReader | None = None) -> tuple[m.SourceEntry, ...]:
    out = []
    for e in _list_or_file(root, obj, "sources", language, diag, fields):
        if "title" in e.values:
            keys = ("id", "author", "publisher", "place", "year", "url", "note")
            out.append(m.SourceEntry(e.get("title"), **{f: e.get(f, "") for f in keys},
                                     pos=e.pos))
    return tuple(out)


def _booklet(root: Path, obj: YObj | None, diag: Collector) -> m.BookletSettings:
    if obj is None:
        return m.BookletSettings()
    cover = None
    if "cover_image" in obj.values:
        cover = resolve_inside(root, obj.get("cover_image"), obj.at("cover_image"), diag,
                               "the cover image")
        if cover is not None and check_image(cover, obj.get("cover_image"),
                                             obj.at("cover_image"), diag) is None:
            cover = None
        if cover is not None and not str(obj.get("cover_alt", "")).strip():
            diag.warning(obj.at("cover_image"), "the cover picture has no alt text (its credit "
                         "is not alt text)", "add cover_alt: what the picture shows")
    return m.BookletSettings(
        paper=obj.get("paper", "a5"), cover_image=cover, cover_credit=obj.get("cover_credit", ""),
        cover_alt=" ".join(str(obj.get("cover_alt", "")).split()),
        cover_digest=file_digest(cover) if cover is not None else "",
        duplex=obj.get("duplex", "short-edge"), tagged=obj.get("tagged", True), pos=obj.pos,
        link_addresses=obj.get("link_addresses", "auto"))


def _deck(root: Path, obj: YObj | None, diag: Collector) -> m.DeckSettings:
    if obj is None:
        return m.DeckSettings()
    template = None
    if "template" in obj.values:
        template = resolve_inside(root, obj.get("template"), obj.at("template"), diag,
                                  "the deck template")
        if template is not None and template.suffix.lower() not in TEMPLATE_SUFFIXES:
            diag.error(obj.at("template"), "the deck template must be a PowerPoint file "
                       "(.pptx or .potx)")
            template = None
    layouts: list[m.LayoutChoice] = []
    chosen = obj.get("layouts")
    if isinstance(chosen, YObj):
        for role in chosen.values:
            layouts.append(_layout_choice(role, chosen.get(role), chosen.at(role)))
    master = obj.get("master")
    return m.DeckSettings(template=template, layouts=tuple(layouts), pos=obj.pos,
                          template_digest=file_digest(template) if template else "",
                          master=str(master).strip() if master is not None else "",
                          master_pos=obj.at("master") if master is not None else m.NOWHERE)


def _layout_choice(role: str, value: object, pos: m.SourcePos) -> m.LayoutChoice:
    """A `deck: layouts:` entry: a layout's name ("Master / Layout" is split when the deck
    template is read, since layout names may hold a slash) or {master: ..., layout: ...}."""
    if isinstance(value, YObj):
        master = value.get("master")
        return m.LayoutChoice(role, str(value.get("layout", "")),
                              str(master).strip() if master is not None else "",
                              value.at("layout"))
    return m.LayoutChoice(role, str(value), "", pos)


# PowerPoint files a template may come in; macro-enabled ones lose their macros.
TEMPLATE_SUFFIXES = (".pptx", ".potx", ".pptm", ".potm")


def _handout(obj: YObj | None) -> m.HandoutSettings:
    if obj is None:
        return m.HandoutSettings()
    return m.HandoutSettings(slides_per_page=int(obj.get("slides_per_page", 3)),
                             notes=obj.get("notes", "lines"), pos=obj.pos)


def _chapter_sources(root: Path, obj: YObj, language: str,
                     diag: Collector) -> list[_ChapterSource]:
    entries: tuple[Located, ...] = obj.get("chapters", ())  # at most MAX_CHAPTERS (schema)
    out = []
    seen: set[Path] = set()
    total = 0
    for number, entry in enumerate(entries, start=1):
        path = resolve_inside(root, entry.value, entry.pos, diag, "the chapter file")
        if path is None:
            continue
        total += path.stat().st_size
        if total > limits.MAX_CHAPTERS_BYTES:
            diag.error(entry.pos, f"the chapters up to '{entry.value}' hold more than "
                       f"{limits.MAX_CHAPTERS_BYTES // 1_000_000} MB of text, the limit for "
                       "one lecture", "split the lecture into several lectures of a course")
            break
        if path in seen:
            diag.error(entry.pos, f"the chapter file '{entry.value}' is listed twice")
            continue
        seen.add(path)
        rel = path.relative_to(root.resolve()).as_posix()
        src = _read_chapter(path, rel, number, entry.pos, language, diag)
        if src is not None:
            out.append(src)
    return out


def _read_chapter(path: Path, rel: str, number: int, listed_at: m.SourcePos, language: str,
                  diag: Collector) -> _ChapterSource | None:
    text = read_text(path, rel, listed_at, diag)
    if text is None:
        return None
    lines = split_lines(text)
    if not lines or lines[0].strip() != "---":
        diag.error(m.SourcePos(rel, 1, 1), "a chapter must start with front matter",
                   "put a line '---', the title, summary, key_points and notes, and '---'")
        return None
    end = next((i for i in range(1, len(lines)) if lines[i].strip() in ("---", "...")), None)
    if end is None:
        diag.error(m.SourcePos(rel, 1, 1), "the front matter is not closed",
                   "end it with a line '---'")
        return None
    front_text = "\n".join(lines[1:end])
    node = compose(front_text, rel, diag, line_offset=1)
    if node is None:
        if not any(d.pos.file == rel for d in diag.errors):
            diag.error(m.SourcePos(rel, 2, 1), "the front matter is empty",
                       "give at least title, summary, key_points and notes")
        return None
    # The front matter starts on the second line, after the first line's '---' and its end.
    validator = Validator(rel, diag, front_text, line_offset=1, char_offset=len(lines[0]) + 1)
    front = validator.mapping(node, schema.CHAPTER, "the front matter")
    if front is None:
        return None
    typeset(front, schema.CHAPTER, language)
    quotes = tuple(_quote(q) for q in front.get("quotes", ()) if _complete_quote(q))
    return _ChapterSource(number, rel, listed_at, front, "\n".join(lines[end + 1:]), end + 1,
                          quotes)


def _read_quote(fields: FieldReader, quote: m.Quote) -> m.Quote:
    """A key quote with the inline Markdown of its words read (`text`: their plain words)."""
    content = fields.inline(quote.text, quote.pos)
    return replace(quote, content=content, text=m.plain_text(content) or quote.text)


def _complete_quote(q: YObj) -> bool:
    return all(k in q.values for k in ("text", "who", "work", "year"))


def _quote(q: YObj) -> m.Quote:
    return m.Quote(text=q.get("text"), who=q.get("who"), work=q.get("work"), year=q.get("year"),
                   id=q.get("id", ""), original=q.get("original", ""),
                   original_language=q.get("original_language", ""), pos=q.pos)


def _quote_index(chapters: list[_ChapterSource], diag: Collector) -> dict[str, m.Quote]:
    index: dict[str, m.Quote] = {}
    for src in chapters:
        for quote in src.quotes:
            if not quote.id:
                continue
            if quote.id in index:
                diag.error(quote.pos, f"duplicate quote id '{quote.id}' "
                           f"(first at {index[quote.id].pos})")
                continue
            index[quote.id] = quote
    return index


def _as_on_disk(root: Path, name: str) -> str:
    """`name`, or the same letters composed or decomposed as the file on disk has them.

    Some systems store 'é' as 'e' and a combining accent, an editor types it as one letter.
    """
    try:
        if (root / name).exists():
            return name
        for form in ("NFC", "NFD"):
            other = unicodedata.normalize(form, name)
            if other != name and (root / other).exists():
                return other
    except (OSError, ValueError):  # a name no file can have: resolve_inside says why
        pass
    return name


def _within_lecture_pixels(path: Path, size: tuple[int, int], totals: dict[str, int],
                           name: str, pos: m.SourcePos, diag: Collector) -> bool:
    """Count a picture's pixels (once for each file) into the lecture's `totals`; False
    (reported) past the lecture's limit."""
    key = f"picture {path}"  # a picture shown twice is decoded and embedded once
    if key in totals:
        return True
    totals[key] = 1
    totals["pixels"] = totals.get("pixels", 0) + size[0] * size[1]
    if totals["pixels"] <= limits.MAX_LECTURE_PIXELS:
        return True
    diag.error(pos, f"with the image '{name}' the lecture's pictures have more than "
               f"{limits.MAX_LECTURE_PIXELS // 1_000_000:,} million pixels, the limit",
               "save smaller copies: a page or a slide shows about 2,000 pixels across")
    return False


def _chapter(root: Path, src: _ChapterSource, md: Any, quotes: dict[str, m.Quote],
             glossary_ids: dict[str, str], language: str, diag: Collector,
             totals: dict[str, int], fields: FieldReader) -> m.Chapter:
    def resolve_image(name: str, pos: m.SourcePos) -> tuple[Path, tuple[int, int]] | None:
        # Relative to the chapter file (as Markdown previews show it), else to the lecture.
        # The look-up beside the chapter is recorded even when it fails: a picture added
        # there later changes which file the chapter shows.
        if not Path(name).is_absolute() and not URL.match(name):
            beside = _as_on_disk(root, posixpath.normpath(
                posixpath.join(posixpath.dirname(src.rel), name)))
            if posixpath.dirname(src.rel) and note_used(root, beside) is not None:
                name = beside
        path = resolve_inside(root, _as_on_disk(root, name), pos, diag, "the image")
        size = check_image(path, name, pos, diag) if path is not None else None
        if path is None or size is None or not _within_lecture_pixels(path, size, totals,
                                                                      name, pos, diag):
            return None
        return path, size

    ctx = BodyContext(src.rel, src.body_offset, diag, quotes, glossary_ids, resolve_image,
                      language=language, totals=totals)
    body = parse_body(md, src.body, ctx)
    front = src.front
    if not src.body.strip():
        diag.error(m.SourcePos(src.rel, src.body_offset + 1, 1), "the chapter has no text",
                   "write the chapter's prose below the front matter")
    items = {
        key: tuple(m.Item(parse_inline(md, e.value, ctx, e.pos), e.pos)
                   for e in front.get(key, ()))
        for key in ("key_points", "questions")
    }
    slug = make_slug(Path(src.rel).stem, language) or f"ch{src.number}"
    title = fields.inline(front.get("title", ""), front.at("title"))
    summary = fields.inline(front.get("summary", ""), front.at("summary"))
    return m.Chapter(
        number=src.number, slug=slug, title=m.plain_text(title) or front.get("title", ""),
        summary=m.plain_text(summary) or front.get("summary", ""),
        key_points=items["key_points"], quotes=src.quotes,
        notes=fields.notes(front.get("notes", ""), front.at("notes")),
        questions=items["questions"], body=body,
        pos=m.SourcePos(src.rel, 1, 1),
        title_pos=front.at("title") if "title" in front.values else m.SourcePos(src.rel, 1, 1),
        title_content=title, summary_content=summary)
