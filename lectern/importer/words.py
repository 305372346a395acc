"""What lectern's own decks say in every language it speaks, and dates and names as decks
write them: the importer recognises lectern's slides and notes by these."""

from __future__ import annotations

import datetime as dt
import functools
import re
from dataclasses import dataclass

from ..locale import Locale
from ..locale.languages import LANGUAGES, REGIONS
from ..model import PartialDate
from .markdown import one_line

# Titles of an overview, in English besides lectern's words.
AGENDAS = {"agenda", "outline", "contents", "overview", "table of contents"}
CLOSINGS = {"thank you", "thanks", "questions?", "any questions?", "the end"}
CONTINUED = re.compile(r"[\s\u00a0]*\((?:\d+\s*/\s*\d+|cont\.?|continued)\)$", re.IGNORECASE)
YEAR = re.compile(r"^(c\.\s*)?\d{3,4}(\s*[–-]\s*\d{2,4})?s?$")


def _locales() -> tuple[Locale, ...]:
    return (*LANGUAGES.values(), *REGIONS.values())


@functools.cache
def words(name: str) -> frozenset[str]:
    """One of lectern's words in every language, folded for comparison."""
    return frozenset(fold(getattr(loc.words, name)) for loc in _locales())


def fold(text: str) -> str:
    """Text folded for comparing: one line, case ignored."""
    return one_line(text).casefold()


def base_title(title: str) -> str:
    """A slide's title without the '(2/3)' or '(cont.)' of a continuation slide."""
    return CONTINUED.sub("", one_line(title)).strip()


def questions_of(title: str) -> str | None:
    """The chapter title of a discussion slide's title ('For discussion: Title'), or None."""
    text = one_line(title)
    for loc in _locales():
        label = loc.labelled(loc.words.questions, "")
        if text.casefold().startswith(one_line(label).casefold()):
            return text[len(one_line(label)):].strip()
    return None


def lectern_note(paragraph: str) -> bool:
    """Whether a notes paragraph is one of lectern's own sentences (not the author's)."""
    text = fold(paragraph)
    fixed, heads = _own_notes()
    return not text or text in fixed or any(text.startswith(h) for h in heads)


@functools.cache
def _own_notes() -> tuple[frozenset[str], tuple[str, ...]]:
    """lectern's notes sentences in every language, and the openings of those that go on
    with the lecture's own words (a quote's source)."""
    fixed: set[str] = set()
    heads: set[str] = set()
    for loc in _locales():
        w = loc.words
        fixed.update(fold(f) for f in (w.notes_cover, w.notes_questions, w.notes_timeline,
                                        w.notes_glossary, w.notes_sources, w.notes_closing,
                                        w.notes_agenda))
        head = fold(w.notes_quote.split("{source}")[0])
        if head:
            heads.add(head)
    return frozenset(fixed), tuple(sorted(heads))


@functools.cache
def _months() -> dict[str, int]:
    names: dict[str, int] = {}
    for loc in _locales():
        for forms in (loc.months, loc.months_alone):
            for number, name in enumerate(forms, 1):
                names[name.casefold()] = number
                names[name.casefold()[:3]] = names.get(name.casefold()[:3], number)
    return names


def _month_pattern() -> str:
    names = sorted(_months(), key=len, reverse=True)
    return "(" + "|".join(re.escape(n) for n in names) + r")\.?"


@functools.cache
def _date_patterns() -> tuple[tuple[re.Pattern[str], str], ...]:
    month = _month_pattern()
    return (
        (re.compile(r"(\d{4})-(\d{2})-(\d{2})"), "ymd"),
        (re.compile(r"\b(\d{1,2})\.(\d{1,2})\.(\d{4})\b"), "dmy"),
        (re.compile(rf"\b(\d{{1,2}})(?:er|º|\.)?\s+(?:de\s+)?{month}(?:\s+de)?,?\s+(\d{{4}})\b",
                    re.IGNORECASE), "dMy"),
        (re.compile(rf"{month}\s+(\d{{1,2}}),?\s+(\d{{4}})\b", re.IGNORECASE), "Mdy"),
        (re.compile(rf"(?<!\w){month}(?:\s+de)?\s+(\d{{4}})\b", re.IGNORECASE), "My"),
        (re.compile(r"^(\d{4})$"), "y"),
    )


@dataclass(frozen=True)
class Found:
    """A date found in a text, how precisely it is known, and the text around it."""

    date: PartialDate
    rest: str


def find_date(text: str) -> Found | None:
    """The first date written in `text` (ISO, 7.11.2017, 7 November 2017, November 7, 2017,
    November 2017 or a year alone), in any language lectern speaks."""
    text = one_line(text)
    for pattern, order in _date_patterns():
        match = pattern.search(text)
        if not match:
            continue
        date = _date(match.groups(), order)
        if date is not None:
            rest = (text[: match.start()] + " " + text[match.end():]).strip()
            return Found(date, rest)
    return None


def _date(groups: tuple[str | None, ...], order: str) -> PartialDate | None:
    values = [g or "" for g in groups]
    months = _months()
    try:
        if order == "ymd":
            y, mo, d = int(values[0]), int(values[1]), int(values[2])
        elif order == "dmy":
            d, mo, y = int(values[0]), int(values[1]), int(values[2])
        elif order == "dMy":
            d, mo, y = int(values[0]), months[values[1].casefold()], int(values[2])
        elif order == "Mdy":
            mo, d, y = months[values[0].casefold()], int(values[1]), int(values[2])
        elif order == "My":
            mo, d, y = months[values[0].casefold()], 0, int(values[1])
        else:
            mo, d, y = 0, 0, int(values[0])
        if mo:
            dt.date(y, mo, d or 1)
    except (ValueError, KeyError):
        return None
    return PartialDate(y, mo, d)


def split_names(text: str) -> list[str]:
    """Names from a byline: 'A, B and C', 'A · B', 'A; B', one a line."""
    text = clean_separators(text)
    parts = re.split(r"\s*(?:[·|;\n]|,\s)\s*", text)
    names: list[str] = []
    ands = sorted({loc.list_and for loc in _locales()}, key=len, reverse=True)
    for part in parts:
        pieces = [part]
        for word in ands:
            split = [q for p in pieces for q in p.split(word)]
            # 'Name and surname' is one name: a list's names have two words at least.
            if all(len(q.split()) >= 2 for q in split):
                pieces = split
        names.extend(p.strip(" ,.") for p in pieces)
    return [n for n in names if n]


def clean_separators(text: str) -> str:
    """Each line of a text made one clean line."""
    return "\n".join(one_line(line) for line in text.split("\n"))


def is_year(text: str) -> bool:
    """Whether a text is a year as a quote gives it (1930, c. 1850, 1930–32)."""
    return bool(YEAR.match(text.strip()))


def continued(title: str) -> bool:
    """Whether a slide's title marks it as a later part: 'Title (2/3)', 'Title (cont.)'."""
    found = re.search(r"\((\d+)\s*/\s*\d+\)\s*$", one_line(title))
    if found:
        return int(found.group(1)) > 1
    return base_title(title) != one_line(title)


def paragraphs(notes: str) -> list[str]:
    """The non-empty lines of speaker notes, each made one clean line."""
    return [one_line(p) for p in re.split(r"\n", notes) if p.strip()]
