"""Back-matter slides: the glossary and the sources."""

from __future__ import annotations

from ..paginate import to_floor
from ..planner import Planner
from ..text import glossary_runs, source_runs
from ..types import Paragraph


def glossary(p: Planner) -> None:
    """The glossary slides, when the lecture has a glossary."""
    entries = p.lecture.glossary
    if not entries:
        return
    paras = [Paragraph(glossary_runs(e, p.loc), space_em=0.5) for e in entries]
    # Every entry is on the slide; the notes only say how to use it.
    pages = p.text_slides("glossary", p.words.glossary, paras, p.floored("body")[2:],
                          p.words.notes_glossary, entries[0].pos)
    p.warn_split_entries(pages, [(e.pos, e.term) for e in entries], paras)


def sources(p: Planner) -> None:
    """The sources slides, when the lecture lists sources."""
    entries = p.lecture.sources
    if not entries:
        return
    paras = [Paragraph(source_runs(e, p.loc), space_em=0.5) for e in entries]
    # Sources start smaller than body text but shrink no further than any other text slide.
    sizes = to_floor(p.sizes("source"), p.template.scale, top=p.sizes("body")[0])
    pages = p.text_slides("sources", p.words.sources, paras, sizes,
                          p.words.notes_sources, entries[0].pos)
    p.warn_split_entries(pages, [(e.pos, e.title) for e in entries], paras)
