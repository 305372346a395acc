"""The import report: what was read, how, and everything the lecture could not hold, by slide."""

from __future__ import annotations

from .classify import FigureDraft, LectureDraft, TableDraft
from .types import Problem


def report_lines(deck_name: str, problems: list[Problem]) -> list[str]:
    """One line a problem, as printed: 'deck.pptx: slide 4: what'."""
    out = []
    for problem in sorted(problems, key=lambda p: p.slide):
        where = f"slide {problem.slide}" if problem.slide else "the deck"
        out.append(f"{deck_name}: {where}: {problem.what}")
    return out


def summary(draft: LectureDraft, slides: int) -> str:
    """What the import made, in one sentence."""
    points = sum(len(c.key_points) for c in draft.chapters)
    quotes = sum(len(c.quotes) for c in draft.chapters)
    figures = sum(isinstance(b, FigureDraft) for c in draft.chapters for b in c.body)
    tables = sum(isinstance(b, TableDraft) for c in draft.chapters for b in c.body)
    return (f"{slides} slide(s) read: {len(draft.chapters)} chapter(s), {points} key point(s), "
            f"{quotes} quote(s), {figures} figure(s), {tables} table(s), "
            f"{len(draft.glossary)} glossary entr{'y' if len(draft.glossary) == 1 else 'ies'}")


def report_file(deck_name: str, draft: LectureDraft, slides: int, template: str) -> str:
    """The report written beside the lecture (import-report.md)."""
    lines = [f"# Import report: {deck_name}", "", summary(draft, slides) + ".", "",
             "## How the deck was read", ""]
    lines += [f"- {rule}" for rule in draft.rules]
    lines.append(f"- the deck's design: {template}")
    lines += ["", "## What the lecture does not hold", ""]
    if not draft.problems:
        lines.append("Nothing: every text, table and picture of the deck was imported.")
    else:
        lines += ["| slide | what |", "| ---: | --- |"]
        for problem in sorted(draft.problems, key=lambda p: p.slide):
            what = problem.what.replace("|", "\\|")
            lines.append(f"| {problem.slide or '—'} | {what} |")
    return "\n".join(lines) + "\n"
