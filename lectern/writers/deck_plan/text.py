"""Slide text from the model: styled runs, bullets, sources and glossary entries."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from ... import model as m
from ... import syntax
from ...fit import Run
from ...locale import NBSP, Locale
from .types import Bullet, Paragraph


def runs_of(inlines: tuple[object, ...], bold: bool = False, italic: bool = False,
            url: str = "") -> list[Run]:
    """Styled runs of inline content; footnote calls are left out (the slide has no foot);
    a link's runs carry its address (the deck makes them clickable)."""
    out: list[Run] = []
    for node in inlines:
        if isinstance(node, m.Text):
            out.append(Run(node.text, bold, italic, url=url))
        elif isinstance(node, m.Code):
            out.append(Run(node.text, bold, italic, url=url, font=syntax.MONO_MEASURE))
        elif isinstance(node, m.LineBreak):
            out.append(Run("\n", bold, italic))
        elif isinstance(node, m.Emph):
            out.extend(runs_of(node.children, bold, not italic, url))
        elif isinstance(node, m.Strong):
            out.extend(runs_of(node.children, True, italic, url))
        elif isinstance(node, m.Link):
            out.extend(runs_of(node.children, bold, italic, node.url))
        elif isinstance(node, m.Term):
            out.extend(runs_of(node.children, bold, italic, url))
    return _merge(out)


def _merge(runs: list[Run]) -> list[Run]:
    """Join neighbouring runs of one style (fewer XML runs, same text)."""
    out: list[Run] = []
    for run in runs:
        if out and replace(out[-1], text="") == replace(run, text=""):
            out[-1] = replace(run, text=out[-1].text + run.text)
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


def source_runs(entry: m.SourceEntry, loc: Locale) -> tuple[Run, ...]:
    """A bibliography line, put together as in the booklet: the title in italics."""
    return tuple(_merge([Run(text, italic=role == "title")
                         for text, role in loc.bibliography(entry)]))


def glossary_runs(entry: m.GlossaryEntry, loc: Locale) -> tuple[Run, ...]:
    """term · original · transliteration — definition."""
    runs = [Run(entry.term, bold=True)]
    if entry.original:
        runs.append(Run(f" \u00b7 {entry.original}"))
    if entry.transliteration:
        runs.append(Run(f" \u00b7 {entry.transliteration}", italic=True))
    runs.append(Run(f"{loc.dash}{entry.definition}"))
    return tuple(runs)


def short(text: str, limit: int = 40) -> str:
    """`text` on one line, cut with an ellipsis past `limit` characters."""
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def counted(word: str, items: Sequence[object], item: object) -> str:
    """A label numbered where a chapter has several of its kind: "Picture", "Picture 2"."""
    if len(items) < 2:
        return word
    return f"{word}{NBSP}{next(i for i, x in enumerate(items, 1) if x is item)}"
