"""The table of outputs: each writer's name, checks, renderer, layout parts and file names."""

from __future__ import annotations

import dataclasses
import hashlib
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, TypeVar

from . import model as m
from .diagnostics import Diagnostic, LectureInvalid

if TYPE_CHECKING:
    from .writers.deck_plan import DeckPlan

T = TypeVar("T")
Made = tuple[dict[str, bytes], list[Diagnostic]]  # files by name, problems found on the way


@dataclass
class Job:
    """One lecture rendered in one process; writers of a family share work through it."""

    lecture: m.Lecture
    keep_html: bool = False
    _shared: dict[str, Any] = field(default_factory=dict)

    def shared(self, key: str, make: Callable[[], T]) -> T:
        """The value `make` returns, computed once per job."""
        if key not in self._shared:
            self._shared[key] = make()
        value: T = self._shared[key]
        return value


@dataclass(frozen=True)
class Writer:
    """One output lectern writes: its checks, its renderer, its files and what it reads."""

    name: str
    summary: str
    check: Callable[[m.Lecture], list[Diagnostic]]  # every problem, without rendering
    render: Callable[[Job], Made]  # checks and renders in one pass; no files on errors
    layout_parts: tuple[str, ...]  # the folders of the layout it reads
    files: tuple[str, ...]  # the files it makes, "{name}" standing for the lecture's name
    family: str  # writers of one family render in the same process, sharing their work
    # What the writer reads of the lecture, as a key (watch does not render it again while
    # the key holds); None: the whole lecture.
    reads: Callable[[m.Lecture], str] | None = None

    def file_names(self, lecture_name: str) -> tuple[str, ...]:
        return tuple(pattern.format(name=lecture_name) for pattern in self.files)


def has_errors(problems: list[Diagnostic]) -> bool:
    """True when any of the problems is an error."""
    return any(d.severity == "error" for d in problems)


# --- the booklet --------------------------------------------------------------------------


def _check_booklet(lecture: m.Lecture) -> list[Diagnostic]:
    from .writers.booklet import check_booklet

    return check_booklet(lecture)


def _render_booklet(job: Job) -> Made:
    from .writers.booklet import render_booklet

    problems = _check_booklet(job.lecture)
    if has_errors(problems):
        return {}, problems
    return render_booklet(job.lecture, keep_html=job.keep_html), problems


# --- the deck family: every writer here draws the one deck plan ---------------------------


def check_deck(lecture: m.Lecture) -> list[Diagnostic]:
    """Every problem the deck would have: its template's, and its plan's."""
    from .deck_template import load
    from .writers.deck_plan import plan_deck, plan_problems

    template, problems = load(lecture)
    if template is None:
        return problems
    return problems + plan_problems(plan_deck(lecture, template))


def plan_lecture_deck(lecture: m.Lecture) -> DeckPlan:
    """The lecture's deck plan on its own template; raise LectureInvalid when the template
    cannot be used."""
    from .deck_template import load
    from .writers.deck_plan import plan_deck

    template, problems = load(lecture)
    if template is None:
        raise LectureInvalid(problems)
    return plan_deck(lecture, template)


def deck_plan(job: Job) -> tuple[DeckPlan, list[Diagnostic]]:
    """The job's deck plan and its problems, planned once for all the deck's writers."""
    from .deck_template import load, load_own
    from .writers.deck_plan import plan_deck, plan_problems

    def make() -> tuple[DeckPlan, list[Diagnostic]]:
        template, problems = load(job.lecture)
        if template is None:
            # The lecture's template cannot be used: its errors stop every deck writer; the
            # plan on lectern's own template only keeps the plan's type whole.
            return plan_deck(job.lecture, load_own()), problems
        plan = plan_deck(job.lecture, template)
        return plan, problems + plan_problems(plan)

    return job.shared("deck plan", make)


def _planned(job: Job, make: Callable[[DeckPlan], dict[str, bytes]]) -> Made:
    """Files made from the job's deck plan, unless planning found errors."""
    plan, problems = deck_plan(job)
    if has_errors(problems):
        return {}, problems
    return make(plan), problems


def _render_deck(job: Job) -> Made:
    from .writers.deck import render_deck

    return _planned(job, lambda plan: render_deck(plan, job.lecture))


def slides_pdf(job: Job) -> bytes:
    """The job's slides PDF, made once for the slides and the handout."""
    from .writers.slides_pdf import slides_pdf as make

    return job.shared("slides pdf", lambda: make(deck_plan(job)[0], job.lecture))


def _render_slides(job: Job) -> Made:
    return _planned(job, lambda _: {f"{job.lecture.name}-slides.pdf": slides_pdf(job)})


def _render_handout(job: Job) -> Made:
    from .writers.handout import handout_pdf

    return _planned(job, lambda plan: {
        f"{job.lecture.name}-handout.pdf": handout_pdf(plan, job.lecture)})


# The nodes of a chapter's body the deck shows (kinds/table.py, figure.py, code.py): the deck
# reads these of a body and nothing else, so that an edit of the prose keeps the deck.
DECK_BODY_NODES: tuple[type[m.Block], ...] = (m.Table, m.Figure, m.CodeBlock)


def deck_view(lecture: m.Lecture) -> m.Lecture:
    """The lecture as the deck family reads it: each chapter's body reduced to the nodes
    the deck shows (the deck plan of the two is the same)."""
    shown = [tuple(m.nodes_of(c.body, DECK_BODY_NODES)) for c in lecture.chapters]
    return dataclasses.replace(lecture, chapters=tuple(
        dataclasses.replace(c, body=s) for c, s in zip(lecture.chapters, shown, strict=True)))


def deck_reads(lecture: m.Lecture) -> str:
    """What the deck family reads: the lecture without its chapters' prose (of a body only
    the nodes the deck shows), and the source texts its provenance record holds; the files
    it names are there by the digests the reader took."""
    from .sync.sources import recorded_sources

    key = f"{deck_view(lecture)!r}\n{sorted(recorded_sources(lecture).items())!r}"
    return hashlib.sha256(key.encode("utf-8")).hexdigest()


# --- the web edition ------------------------------------------------------------------------


def _check_web(lecture: m.Lecture) -> list[Diagnostic]:
    """The web edition adds no problems of its own: a browser shows whatever the readers
    accepted (a character the fonts lack comes from the reader's own fonts)."""
    return []


def _render_web(job: Job) -> Made:
    from .writers.web import render_web

    return render_web(job.lecture), []


WRITERS: tuple[Writer, ...] = (
    Writer("booklet", "the typeset booklet and its print file", _check_booklet,
           _render_booklet, ("booklet",), ("{name}.pdf", "{name}-print.pdf"), "booklet"),
    Writer("deck", "the editable slide deck", check_deck, _render_deck, ("deck",),
           ("{name}.pptx",), "deck", deck_reads),
    Writer("slides", "the slides as a PDF, one page per slide", check_deck, _render_slides,
           ("deck",), ("{name}-slides.pdf",), "deck", deck_reads),
    Writer("handout", "the printed handout of the slides", check_deck, _render_handout,
           ("deck",), ("{name}-handout.pdf",), "deck", deck_reads),
    # The web edition renders beside the deck's writers, whose process finishes long before
    # the booklet's: a build of every output then takes no longer than the booklet alone.
    Writer("web", "the web edition, one self-contained HTML page", _check_web, _render_web,
           ("web",), ("{name}.html",), "deck"),
)
NAMES: tuple[str, ...] = tuple(w.name for w in WRITERS)
_BY_NAME = {w.name: w for w in WRITERS}


def writer(name: str) -> Writer:
    """The writer called `name`; ValueError for a name not in the table."""
    try:
        return _BY_NAME[name]
    except KeyError:
        raise ValueError(f"unknown output {name!r}; the outputs are {', '.join(NAMES)}") from None
