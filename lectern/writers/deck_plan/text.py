"""Slide text from the model: styled runs, bullets, quotation marks, dates, sources, labels."""

from __future__ import annotations

from collections.abc import Sequence

from ... import model as m
from ...fit import Run
from .types import Bullet, Paragraph


def runs_of(inlines: tuple[object, ...], bold: bool = False, italic: bool = False) -> list[Run]:
    """Styled runs of inline content; footnote calls are left out (the slide has no foot)."""
    out: list[Run] = []
    for node in inlines:
        if isinstance(node, (m.Text, m.Code)):
            out.append(Run(node.text, bold, italic))
        elif isinstance(node, m.LineBreak):
            out.append(Run("\n", bold, italic))
        elif isinstance(node, m.Emph):
            out.extend(runs_of(node.children, bold, not italic))
        elif isinstance(node, m.Strong):
            out.extend(runs_of(node.children, True, italic))
        elif isinstance(node, (m.Link, m.Term)):
            out.extend(runs_of(node.children, bold, italic))
    return _merge(out)


def _merge(runs: list[Run]) -> list[Run]:
    """Join neighbouring runs of one style (fewer XML runs, same text)."""
    out: list[Run] = []
    for run in runs:
        if out and (out[-1].bold, out[-1].italic) == (run.bold, run.italic):
            out[-1] = Run(out[-1].text + run.text, run.bold, run.italic)
        elif run.text:
            out.append(run)
    return out


def plain(text: str, bold: bool = False, italic: bool = False, **kw: object) -> Paragraph:
    """A paragraph of one run."""
    return Paragraph((Run(text, bold, italic),), **kw)  # type: ignore[arg-type]


def bullets(items: Sequence[tuple[Run, ...]], numbered: bool = False) -> list[Paragraph]:
    """Bulleted (or numbered) paragraphs with a hanging indent and air between them."""
    kind: Bullet = "number" if numbered else "bullet"
    # "10." needs a wider hanging indent than "1." or a bullet.
    indent = 1.5 if numbered and len(items) >= 10 else 1.1
    return [Paragraph(tuple(runs), kind, i + 1, indent, 0.45) for i, runs in enumerate(items)]


def quoted(text: str, language: str) -> str:
    """The text in typographic quotation marks for its language, unless it already has them."""
    text = text.strip()
    if text[:1] in "“«„\"'‘":
        return text
    if language.startswith("ru"):
        return f"«{text}»"
    return f"“{text}”"


MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December")


def date_text(date: m.PartialDate) -> str:
    """'27 February 1917', 'March 1871' or '1848'."""
    parts = [str(date.year)]
    if date.month:
        parts.insert(0, MONTHS[date.month - 1])
    if date.day:
        parts.insert(0, str(date.day))
    # A non-breaking space keeps day and month together on narrow timeline columns.
    return "\u00a0".join(parts[:2]) + " " + parts[2] if date.day else " ".join(parts)


def source_runs(entry: m.SourceEntry) -> tuple[Run, ...]:
    """A bibliography line: Author, *Title*. Place: Publisher, year. URL. Note."""
    runs: list[Run] = []
    if entry.author:
        runs.append(Run(f"{entry.author}, "))
    runs.append(Run(entry.title, italic=True))
    where = ": ".join(p for p in (entry.place, entry.publisher) if p)
    tail = ", ".join(p for p in (where, entry.year) if p)
    rest = ". ".join(p for p in (tail, entry.url, entry.note.rstrip(".")) if p)
    runs.append(Run(f". {rest}." if rest else "."))
    return tuple(runs)


def source_text(entry: m.SourceEntry) -> str:
    return "".join(r.text for r in source_runs(entry))


# --- labels -----------------------------------------------------------------------------

LABELS = {
    "en": {"agenda": "Overview", "chapter": "Chapter", "discussion": "Discussion",
           "timeline": "Timeline", "glossary": "Glossary", "sources": "Sources",
           "thanks": "Thank you", "questions": "Questions and discussion"},
    "ru": {"agenda": "План лекции", "chapter": "Глава", "discussion": "Вопросы для обсуждения",
           "timeline": "Хронология", "glossary": "Глоссарий", "sources": "Источники",
           "thanks": "Спасибо", "questions": "Вопросы и обсуждение"},
}


def labels(lecture: m.Lecture) -> dict[str, str]:
    return LABELS.get(lecture.language.split("-")[0].lower(), LABELS["en"])


def glossary_runs(entry: m.GlossaryEntry) -> tuple[Run, ...]:
    """term · original · transliteration — definition."""
    runs = [Run(entry.term, bold=True)]
    if entry.original:
        runs.append(Run(f" \u00b7 {entry.original}"))
    if entry.transliteration:
        runs.append(Run(f" \u00b7 {entry.transliteration}", italic=True))
    runs.append(Run(f" — {entry.definition}"))
    return tuple(runs)


def timeline_note(entry: m.TimelineEntry) -> str:
    new = f" (New Style {date_text(entry.new_style)})" if entry.new_style else ""
    detail = f" {entry.detail}" if entry.detail else ""
    return f"{date_text(entry.date)}{new}: {entry.event}.{detail}"


def date_long(date: object) -> str:
    """A lecture date as '7 November 2017'."""
    import datetime as dt

    assert isinstance(date, dt.date)
    return f"{date.day} {MONTHS[date.month - 1]} {date.year}"



def short(text: str, limit: int = 40) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"

