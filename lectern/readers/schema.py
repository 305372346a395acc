"""The input schema of lecture.yaml and chapter front matter, for validation and JSON Schema."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Literal

from .. import limits

Kind = Literal["text", "texts", "date", "partial-date", "bool", "enum", "path", "object", "objects",
               "text-or-object"]


@dataclass(frozen=True)
class Field:
    """One field of lecture.yaml: its name, kind and what it means."""

    name: str
    kind: Kind
    description: str
    required: bool = False
    choices: tuple[str, ...] = ()
    fields: tuple[Field, ...] = ()  # for object, objects and text-or-object
    from_file: bool = False  # objects: may also be the name of a YAML file holding the list
    max_items: int = 0  # texts and objects: the most entries allowed (0: no limit of its own)
    advised_items: int = 0  # texts and objects: more than this is a warning
    max_length: int = limits.MAX_SHORT_TEXT  # characters in a text value (each, for texts)
    one_line: bool = False  # text: the docs promise one line; a line break is a warning


def _f(name: str, kind: Kind, description: str, **kw: Any) -> Field:
    return Field(name, kind, description, **kw)


QUOTE = (
    _f("id", "text", "An id to place the quote in the prose with `::: quote ID`."),
    _f("text", "text", "The words quoted, verbatim.", required=True),
    _f("who", "text", "Who said or wrote it.", required=True),
    _f("work", "text", "Where: the work, speech or newspaper.", required=True),
    _f("year", "text", "When: the year (or years).", required=True),
    _f("original", "text", "The words in their original language."),
    _f("original_language", "text", "Language tag of `original` (ru, de, ...).",
       max_length=limits.MAX_LANGUAGE_TAG),
)

TIMELINE = (
    _f("date", "partial-date", "YYYY, YYYY-MM or YYYY-MM-DD, as the source gives it.",
       required=True),
    _f("new_style", "partial-date", "The New Style (Gregorian) date, where certain."),
    _f("event", "text", "What happened, in one line.", required=True, one_line=True),
    _f("detail", "text", "One or two sentences more."),
)

GLOSSARY = (
    _f("term", "text", "The term as the text uses it.", required=True),
    _f("id", "text", "Id for `{.term ref=ID}`; defaults to the term in lower case."),
    _f("original", "text", "The term in its original script."),
    _f("transliteration", "text", "The term in Latin letters."),
    _f("definition", "text", "What it means.", required=True),
)

SOURCE = (
    _f("id", "text", "An id for your own reference."),
    _f("author", "text", "Author or authors."),
    _f("title", "text", "Title of the work.", required=True),
    _f("publisher", "text", "Publisher."),
    _f("place", "text", "Place of publication."),
    _f("year", "text", "Year of publication."),
    _f("url", "text", "Web address (printed, never fetched)."),
    _f("note", "text", "Anything else: volume, chapter, edition."),
)

AUTHOR = (
    _f("name", "text", "The author's name, as printed.", required=True),
    _f("role", "text", "What this person did, printed after the name (e.g. 'adaptation')."),
)

ADAPTED_FROM = (
    _f("title", "text", "Title of the original work.", required=True),
    _f("authors", "texts", "Its authors: a list of names."),
    _f("url", "text", "Where the original is published (printed, never fetched)."),
    _f("license", "text", "Its licence: an SPDX id (CC-BY-4.0) or a web address."),
)

BOOKLET = (
    _f("paper", "enum", "Page size.", choices=("a5", "a4", "letter")),
    _f("cover_image", "path", "Picture on the cover."),
    _f("cover_credit", "text", "Credit for the cover picture.", max_length=limits.MAX_ATTRIBUTE),
    _f("cover_alt", "text", "What the cover picture shows, for readers who cannot see it.",
       max_length=limits.MAX_ATTRIBUTE),
    _f("duplex", "enum", "Duplex order of the print file.", choices=("short-edge", "long-edge")),
    _f("tagged", "bool", "Write a tagged PDF (PDF/UA-1)."),
    _f("link_addresses", "enum", "Where a link's address is printed: after its words when "
       "short, else in a footnote (auto); always in a footnote; always after the words; or "
       "not at all.", choices=("auto", "footnote", "inline", "none")),
)

LAYOUT_ROLES = ("title", "section", "content", "quote", "figure", "table", "timeline",
                "glossary", "sources", "closing")
MASTER = "A master of the template: its name, or its number counting from 1."
LAYOUT_REF = (
    _f("master", "text", MASTER),
    _f("layout", "text", "The layout's name under that master.", required=True),
)
DECK_LAYOUTS = tuple(_f(role, "text-or-object", f"The template layout for {role} slides: its "
                        "name, 'Master / Layout', or {master: ..., layout: ...}.",
                        fields=LAYOUT_REF)
                     for role in LAYOUT_ROLES)
DECK = (
    _f("template", "path", "A .pptx or .potx template; its layouts are found by role."),
    _f("master", "text", MASTER + " The deck is built on it."),
    _f("layouts", "object", "Layout names of the template for kinds of slide.",
       fields=DECK_LAYOUTS),
)

HANDOUT = (
    _f("slides_per_page", "enum", "Slides on each page of the printed handout.",
       choices=("1", "2", "3", "4", "6")),
    _f("notes", "enum", "Beside or below each slide: ruled lines for notes, the speaker "
       "notes (the presenter's copy), or nothing.", choices=("lines", "speaker", "none")),
)

LECTURE = (
    _f("title", "text", "Title of the lecture.", required=True),
    _f("subtitle", "text", "Subtitle."),
    _f("authors", "texts", "Authors: a list of names, or of {name: ..., role: ...}.",
       required=True, fields=AUTHOR),
    _f("date", "date", "Date of the lecture, YYYY-MM-DD.", required=True),
    _f("language", "text", "Language tag (en, ru, de, en-GB, ...).", required=True,
       max_length=limits.MAX_LANGUAGE_TAG),
    _f("description", "text", "One paragraph about the lecture.", max_length=limits.MAX_NOTES),
    _f("keywords", "texts", "Keywords for the PDF."),
    _f("basis", "text", "Credit for the material the lecture is based on.",
       max_length=limits.MAX_NOTES),
    _f("license", "text", "The lecture's licence: an SPDX id (CC-BY-4.0) or a web address."),
    _f("adapted_from", "object", "The work the lecture is adapted from.", fields=ADAPTED_FROM),
    _f("glossary_order", "enum", "The glossary sorted alphabetically in the lecture's "
       "language, or as written.", choices=("alphabetical", "as-written")),
    _f("chapters", "texts", "Chapter files, in order.", required=True,
       max_items=limits.MAX_CHAPTERS),
    _f("timeline", "objects", "Timeline entries.", fields=TIMELINE, from_file=True,
       max_items=limits.MAX_TIMELINE),
    _f("glossary", "objects", "Glossary entries.", fields=GLOSSARY, from_file=True,
       max_items=limits.MAX_GLOSSARY),
    _f("sources", "objects", "Bibliographic sources.", fields=SOURCE, from_file=True,
       max_items=limits.MAX_SOURCES),
    _f("booklet", "object", "Booklet settings.", fields=BOOKLET),
    _f("deck", "object", "Deck settings.", fields=DECK),
    _f("handout", "object", "Settings of the printed handout of the slides.", fields=HANDOUT),
)

CHAPTER = (
    _f("title", "text", "Title of the chapter.", required=True),
    _f("summary", "text", "One line about the chapter.", required=True, one_line=True),
    _f("key_points", "texts",
       f"Bullets for the chapter's slides: 1 to {limits.KEY_POINTS_ADVISED} fit one slide.",
       required=True, max_items=limits.MAX_KEY_POINTS, advised_items=limits.KEY_POINTS_ADVISED),
    _f("quotes", "objects", "Key quotes.", fields=QUOTE, max_items=limits.MAX_QUOTES),
    _f("notes", "text", "Speaker notes.", required=True, max_length=limits.MAX_NOTES),
    _f("questions", "texts", "Discussion questions.", max_items=limits.MAX_QUESTIONS),
)


# What the Markdown below a chapter's front matter may hold (docs/source-format.md), for
# editors that show a schema's description.
CHAPTER_BODY = (
    "The front matter of a chapter file. Below it the chapter's body is Markdown: paragraphs, "
    "'## ' headings, lists, block quotations, footnotes ([^1]), figures "
    "(![Caption](picture.png){credit=\"...\"}), glossary terms ([words]{.term ref=ID}), "
    "pull quotes (::: quote ID, then :::) and GFM pipe tables: a header row, a row of "
    "'---' cells whose colons set each column's alignment (:--- left, ---: right, :---: "
    "centred), body rows, and an optional caption paragraph right after the table starting "
    "with 'Table:'."
)


def json_schema(fields: tuple[Field, ...], title: str, description: str = "") -> dict[str, Any]:
    """A JSON Schema (draft 2020-12) for a mapping with these fields."""
    schema = _object(fields)
    head = {"$schema": "https://json-schema.org/draft/2020-12/schema", "title": title}
    if description:
        head["description"] = description
    return {**head, **schema}


def _object(fields: tuple[Field, ...]) -> dict[str, Any]:
    return {
        "type": "object",
        "properties": {f.name: _field(f) for f in fields},
        "required": [f.name for f in fields if f.required],
        "additionalProperties": False,
    }


def _field(f: Field) -> dict[str, Any]:
    out: dict[str, Any]
    text = {"type": "string", "maxLength": f.max_length}
    if f.kind == "text":
        out = {"type": ["string", "number"], "maxLength": f.max_length}
    elif f.kind == "texts":
        item = {"oneOf": [text, _object(f.fields)]} if f.fields else text
        out = {"oneOf": [text, {"type": "array", "items": item, **_counts(f)}]}
    elif f.kind == "date":
        out = {"type": "string", "format": "date"}
    elif f.kind == "partial-date":
        out = {"type": ["string", "integer"], "pattern": r"^\d{4}(-\d{2}(-\d{2})?)?$"}
    elif f.kind == "bool":
        out = {"type": "boolean"}
    elif f.kind == "enum":
        # Numeric choices are written as numbers in YAML (slides_per_page: 3).
        out = {"enum": [int(c) if c.isdigit() else c for c in f.choices]}
    elif f.kind == "path":
        out = {"type": "string"}
    elif f.kind == "object":
        out = _object(f.fields)
    elif f.kind == "text-or-object":
        out = {"oneOf": [{"type": ["string", "number"], "maxLength": f.max_length},
                         _object(f.fields)]}
    else:
        items: dict[str, Any] = {"type": "array", "items": _object(f.fields), **_counts(f)}
        out = {"oneOf": [items, {"type": "string"}]} if f.from_file else items
    out["description"] = f.description
    return out


def _counts(f: Field) -> dict[str, Any]:
    """The JSON Schema bounds of a list: at least one entry when required, at most the limit."""
    out: dict[str, Any] = {"minItems": 1} if f.required else {}
    if f.max_items:
        out["maxItems"] = f.max_items
    return out
