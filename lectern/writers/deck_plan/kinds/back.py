"""Back-matter slides: the glossary and the sources."""

from __future__ import annotations

from ..planner import Planner
from ..text import glossary_runs, source_runs, source_text
from ..types import Paragraph


def glossary(p: Planner) -> None:
    entries = p.lecture.glossary
    if not entries:
        return
    paras = [Paragraph(glossary_runs(e), space_em=0.5) for e in entries]
    notes = "\n".join(f"{e.term}"
                      + (f" ({e.original}, {e.transliteration})" if e.original else "")
                      + f": {e.definition}" for e in entries)
    pages = p.text_slides("glossary", p.words["glossary"], paras, p.sizes("body")[2:],
                          notes, entries[0].pos)
    p.warn_split_entries(pages, [(e.pos, e.term) for e in entries], paras)


def sources(p: Planner) -> None:
    entries = p.lecture.sources
    if not entries:
        return
    paras = [Paragraph(source_runs(e), space_em=0.5) for e in entries]
    notes = ("The works this lecture rests on, for anyone who wants to read further:\n"
             + "\n".join(source_text(e) for e in entries))
    pages = p.text_slides("sources", p.words["sources"], paras, p.sizes("source"), notes,
                          entries[0].pos)
    p.warn_split_entries(pages, [(e.pos, e.title) for e in entries], paras)
