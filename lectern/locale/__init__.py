"""Every word and mark lectern prints in a lecture's language: one Locale per language, region."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache

from ..model import PartialDate, SourceEntry

NBSP = "\u00a0"
NARROW_NBSP = "\u202f"


@dataclass(frozen=True)
class Words:
    """The words lectern prints itself; each language gives every one of them."""

    chapter: str  # before a chapter's number: "Chapter 2"
    contents: str
    timeline: str
    glossary: str
    sources: str
    notes: str  # the ruled pages at the end of the booklet
    questions: str  # the booklet's box of questions; the deck's slide is "{questions}: title"
    agenda: str  # the deck's overview slide
    # The key points slide's title, "{key_points}: chapter title" (as a chapter's figure
    # and table slides take `figure` and `table` below: "{table} 2: chapter title").
    key_points: str
    thanks: str  # the closing slide
    open_floor: str  # under the thanks: "Questions and discussion"
    old_style: str  # after a Julian (Old Style) date
    new_style: str  # after a Gregorian (New Style) date
    printed: str  # the back cover: "Printed from lectern 0.1"
    made_with: str  # the colophon: "Made with lectern 0.1"
    set_in: str  # the colophon: "{serif}", "{sans}", "{licence}"
    # Speaker-note sentences; each says what is not on the slide.
    notes_cover: str  # when the lecture has neither description nor basis
    notes_agenda: str  # above one line per chapter: its number and summary
    notes_quote: str  # "{source}": who, work, year
    notes_questions: str
    notes_timeline: str  # when no event on the slide has a detail
    notes_glossary: str
    notes_sources: str
    notes_closing: str
    license: str  # before the lecture's licence: "Licence: CC BY 4.0"
    adapted_from: str  # "{work}": the original's title, authors, licence and address
    work_by: str  # "{title}" (quoted) and "{authors}" of the work a lecture is adapted from
    table: str  # the word a table's caption may start with: "Table: ..."
    figure: str  # the word a figure's caption may start with: "Figure: ..."


@dataclass(frozen=True)
class Locale:
    """The conventions of one language (or region): words, marks, dates and hyphenation."""

    tag: str  # the language (and region) these conventions are for: "ru", "de-CH"
    name: str  # the language's own name for itself
    words: Words
    quotes: tuple[str, str, str, str]  # outer open, outer close, inner open, inner close
    dash: str  # a dash between clauses, with its spaces; a no-break space keeps it off a line start
    months: tuple[str, ...]  # as written after a day ("7 ноября")
    hyphenation: str  # the pyphen dictionary of the booklet
    date_format: str = "{day} {month} {year}"  # a full date
    month_format: str = "{month} {year}"  # a month of a year
    months_alone: tuple[str, ...] = ()  # as written with a year only ("ноябрь 1917"), if different
    first_day: str = "1"  # the first of a month ("1er" in French)
    colon: str = ": "  # between a label and what it labels
    list_and: str = " and "  # before the last of several names
    # A space the language keeps before these marks is a narrow no-break space (French).
    spaced_marks: str = ""
    # Dashes around an aside are closed up against it ("—y qué se gana—"), as in Spanish.
    closed_asides: bool = False

    def quoted(self, text: str) -> str:
        """`text` in the language's quotation marks; marks the author put around the whole
        of it are replaced, never doubled."""
        return f"{self.quotes[0]}{_unquoted(text.strip())}{self.quotes[1]}"

    def month(self, number: int, with_day: bool) -> str:
        return (self.months if with_day or not self.months_alone else self.months_alone)[number - 1]

    def date(self, date: PartialDate | dt.date, breakable: bool = False) -> str:
        """A date as readers of the language write it, known to the day, month or year.

        No-break spaces hold its parts together; with `breakable` a line may break before
        the year (a narrow timeline column on a slide).
        """
        if isinstance(date, dt.date):
            date = PartialDate(date.year, date.month, date.day)
        if not date.month:
            return str(date.year)
        year = (" " if breakable else NBSP) + str(date.year)
        if not date.day:
            text = self.month_format.format(month=self.month(date.month, False), year="\0")
        else:
            day = self.first_day if date.day == 1 else str(date.day)
            text = self.date_format.format(day=day, month=self.month(date.month, True),
                                           year="\0")
        # The year's own space (the last in the pattern) may break; the others never do.
        head, _, tail = text.partition("\0")
        return head.rstrip().replace(" ", NBSP) + year + tail

    def join(self, names: Sequence[str]) -> str:
        """Names as a list: 'A', 'A and B', 'A, B and C'."""
        names = [n for n in names if n]
        if len(names) <= 1:
            return "".join(names)
        return ", ".join(names[:-1]) + self.list_and + names[-1]

    def labelled(self, label: str, text: str) -> str:
        """'Label: text', with the language's spacing before the colon."""
        return f"{label}{self.colon}{text}"

    def bibliography(self, entry: SourceEntry) -> tuple[tuple[str, str], ...]:
        """A source as the booklet and the deck print it, in pieces with their roles ('',
        'title', 'url'): Author. *Title*. Place: Publisher, year. Note. URL"""
        parts: list[tuple[str, str]] = []
        if entry.author:
            parts.append((sentence(entry.author) + " ", ""))
        parts.append((entry.title.strip(), "title"))
        if not ends_sentence(entry.title):
            parts.append((".", ""))
        imprint = self.colon.join(p.strip() for p in (entry.place, entry.publisher) if p.strip())
        imprint = ", ".join(p for p in (imprint, entry.year.strip()) if p)
        for text in (imprint, entry.note):
            if text.strip():
                parts.append((" " + sentence(text), ""))
        if entry.url:
            parts += [(" ", ""), (entry.url.strip(), "url")]
        return tuple(parts)



def continued(title: str, index: int, count: int) -> str:
    """A title on one of several slides: 'Title (2/3)'; the title alone on one slide."""
    return f"{title}{NBSP}({index + 1}/{count})" if count > 1 else title


# Pairs of marks in which an author may have enclosed a whole quotation already.
_PAIRS = (("“", "”"), ("«", "»"), ("„", "“"), ("„", "”"), ("‘", "’"), ("‚", "‘"), ("‹", "›"),
          ("»", "«"), ("”", "”"), ('"', '"'), ("'", "'"))


def _unquoted(text: str) -> str:
    """`text` without a pair of quotation marks around the whole of it."""
    for opening, closing in _PAIRS:
        if len(text) > 2 and text.startswith(opening) and text.endswith(closing):
            inside = text[1:-1].strip(" \u00a0\u202f")
            if opening not in inside and closing not in inside:
                return inside
    return text


# Marks that end a sentence, and the closing marks that may follow them ("…?»", "end.)").
_ENDS = re.compile(r"[.!?…‽]+[\s\u00a0\u202f]*[»”“’‘›)\]]*\s*$")


def ends_sentence(text: str) -> bool:
    """Whether `text` already ends with a full stop, '!', '?' or '…' (quotes may follow)."""
    return bool(_ENDS.search(text))


def sentence(text: str) -> str:
    """`text` as a sentence: a full stop added unless it ends with one (or '!', '?', '…')."""
    text = text.strip()
    return text if not text or ends_sentence(text) else text + "."


def _language_and_region(tag: str) -> tuple[str, str]:
    parts = tag.replace("_", "-").split("-")
    # A region is two letters or three digits; a script (four letters) or variant is skipped.
    region = next((p.upper() for p in parts[1:] if len(p) == 2 or
                   (len(p) == 3 and p.isdigit())), "")
    return parts[0].lower(), region


@cache
def find(tag: str) -> Locale | None:
    """The locale for a language tag ('pt-BR' falls back to 'pt'); None for no such language."""
    from .languages import LANGUAGES, REGIONS

    language, region = _language_and_region(tag)
    return REGIONS.get(f"{language}-{region}") or LANGUAGES.get(language)


def locale_for(tag: str) -> Locale:
    """The locale for a language tag, English for a language lectern has no words for."""
    return find(tag) or find("en")  # type: ignore[return-value]


def supported() -> tuple[str, ...]:
    """The languages lectern speaks, as tags."""
    from .languages import LANGUAGES

    return tuple(LANGUAGES)


def month_names() -> tuple[str, ...]:
    """Every month name of every language, in both forms (for ties in running text)."""
    from .languages import LANGUAGES, REGIONS

    names = {n for loc in (*LANGUAGES.values(), *REGIONS.values())
             for n in (*loc.months, *loc.months_alone)}
    return tuple(sorted(names, key=lambda n: (-len(n), n)))


def hyphenation_lang(tag: str) -> str:
    """The language tag that makes WeasyPrint hyphenate with the locale's dictionary.

    WeasyPrint picks a pyphen dictionary from the `lang` attribute, and for a bare 'de'
    pyphen would take the Austrian one; the region is added where the user gave none.
    """
    import pyphen

    loc = find(tag)
    if loc is None:
        return tag
    exact = pyphen.language_fallback(tag.replace("-", "_"))
    wanted = loc.hyphenation
    if exact is not None and pyphen.LANGUAGES.get(exact) == pyphen.LANGUAGES.get(wanted):
        return tag
    return wanted.replace("_", "-")
