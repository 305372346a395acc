"""`lectern import`: read a deck, classify its slides, write the lecture folder and report."""

from __future__ import annotations

import tempfile
from dataclasses import dataclass
from pathlib import Path

from ..deck_template import package as pk
from ..deck_template.clean import Cleaner
from ..diagnostics import LecternError
from .classify import classify
from .read import DeckError, Pending, read_deck
from .render import rendered
from .report import report_file, report_lines, summary
from .types import Deck, Problem
from .write import TEMPLATE, files_of, write_folder


@dataclass(frozen=True)
class Imported:
    """What an import did: the sentence that sums it up and the report's lines."""

    summary: str
    problems: tuple[str, ...]


def import_deck(deck_path: Path, directory: Path, render: bool = True) -> Imported:
    """Import the deck at `deck_path` as a new lecture folder `directory`; raise LecternError
    when the deck cannot be read or the folder cannot be written."""
    if directory.exists() and (not directory.is_dir() or any(directory.iterdir())):
        raise LecternError(f"'{directory}' exists and is not empty; choose a new folder")
    try:
        deck, pending = read_deck(deck_path)
    except DeckError as exc:
        raise LecternError(exc.message + (f" ({exc.hint})" if exc.hint else "")) from None
    deck = with_renderings(deck, deck_path, pending, render)
    draft = classify(deck, deck_path.stem)
    template, how = design_of(deck_path)
    if template is None:
        draft.problems.append(Problem(0, how))
    report = report_file(deck_path.name, draft, len(deck.slides), how)
    write_folder(directory, files_of(draft, template, report))
    return Imported(summary(draft, len(deck.slides)),
                    tuple(report_lines(deck_path.name, draft.problems)))


def with_renderings(deck: Deck, path: Path, pending: tuple[Pending, ...], render: bool) -> Deck:
    """The deck with its charts and diagrams as pictures where LibreOffice drew them, and the
    others named among its problems."""
    if not pending:
        return deck
    pictures, why = rendered(path, deck, pending) if render else ({}, "not asked to draw them")
    problems = list(deck.problems)
    slides = []
    for slide in deck.slides:
        extra = [pictures[p] for p in pending if p.slide == slide.number and p in pictures]
        if extra:
            from .read import reading_order

            slide = type(slide)(slide.number, slide.layout_type, slide.layout_name,
                                tuple(reading_order([*slide.parts, *extra])), slide.notes,
                                slide.hidden)
        slides.append(slide)
    for item in pending:
        if item not in pictures:
            problems.append(Problem(item.slide, f"{item.kind} ({item.name}): not imported "
                                    f"({why})"))
    return Deck(tuple(slides), deck.width, deck.height, deck.language, deck.created,
                tuple(problems))


def design_of(deck_path: Path) -> tuple[bytes | None, str]:
    """The deck without its slides, as the lecture's template, and what the report says of
    it; None with the reason when lectern cannot use it as a template."""
    from ..deck_template import read_template
    from ..deck_template.masters import MappingError

    try:
        data = deck_path.read_bytes()
        clean = Cleaner(pk.Package(data, pk.read_archive(data))).run()
    except (pk.TemplateError, OSError) as exc:
        message = exc.message if isinstance(exc, pk.TemplateError) else str(exc)
        return None, f"the deck's design cannot be kept as a template ({message}); the " \
                     "lecture uses lectern's own"
    with tempfile.TemporaryDirectory() as folder:
        probe = Path(folder) / TEMPLATE
        probe.write_bytes(clean.package)
        try:
            read_template(probe)
        except (pk.TemplateError, MappingError) as exc:
            return None, f"the deck's design cannot be kept as a template ({exc}); the " \
                         "lecture uses lectern's own"
    return clean.package, f"kept as {TEMPLATE} (the deck with its slides removed), named " \
                          "by deck: template: in lecture.yaml"
