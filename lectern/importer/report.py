"""The import report: what was read, how, and everything the lecture could not hold, by slide."""

from __future__ import annotations

from .draft import FigureDraft, LectureDraft, TableDraft
from .types import Problem


def grouped(problems: list[Problem]) -> list[tuple[str, str]]:
    """Problems as (where, what), the same problem on several slides once: 'slides 3-9, 12'."""
    slides: dict[str, list[int]] = {}
    for problem in sorted(problems, key=lambda p: p.slide):
        slides.setdefault(problem.what, []).append(problem.slide)
    out = [(_where(numbers), what) for what, numbers in slides.items()]
    return sorted(out, key=lambda item: slides[item[1]][0])


def _where(numbers: list[int]) -> str:
    if numbers == [0]:
        return "the deck"
    runs: list[list[int]] = []
    for number in sorted(set(numbers)):
        if runs and number == runs[-1][-1] + 1:
            runs[-1].append(number)
        else:
            runs.append([number])
    text = ", ".join(f"{r[0]}–{r[-1]}" if len(r) > 2 else ", ".join(map(str, r)) for r in runs)
    return ("slides " if len(numbers) > 1 else "slide ") + text


def report_lines(deck_name: str, problems: list[Problem]) -> list[str]:
    """One line a problem, as printed: 'deck.pptx: slide 4: what'."""
    return [f"{deck_name}: {where}: {what}" for where, what in grouped(problems)]


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
        lines += ["| slide | what |", "| --- | --- |"]
        for where, what in grouped(draft.problems):
            where = where.removeprefix("slides ").removeprefix("slide ")
            lines.append(f"| {where} | {what.replace('|', chr(92) + '|')} |")
    return "\n".join(lines) + "\n"
