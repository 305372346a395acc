"""The booklet's page limit: a lower-bound estimate for `check`, and a cap on the layout itself.

`check` does not lay the book out, so it counts what must take pages at the least: one page
per chapter (each opens on a fresh page) and the characters printed, at more characters a
page than any page holds. A book that passes the estimate but lays out longer is stopped by
the cap as soon as WeasyPrint makes one page too many, so no input costs more than laying
out the limit.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterator
from contextvars import ContextVar
from typing import Any

from .. import model as m
from ..diagnostics import Collector, Diagnostic, LecternError
from ..limits import MAX_LAID_OUT, MAX_PAGES

# More characters than a page of each paper ever holds (body text, no headings or space).
CHARS_PER_PAGE = {"a5": 3200, "a4": 4400, "letter": 4400}
FRONT_PAGES = 3  # cover, colophon, contents


def too_many_pages(pages: int | str) -> str:
    """The error message for a booklet past the page limit."""
    return f"the booklet would have {pages} pages; the limit is {MAX_PAGES}"


HINT = "split the lecture into several lectures of a course"


def least_pages(lecture: m.Lecture, texts: Callable[[m.Lecture], Iterator[Any]]) -> int:
    """Pages the booklet takes at the least; `texts` yields the printed pieces (with `.text`
    and `.pos`), as booklet.printed_text does."""
    per_page = CHARS_PER_PAGE.get(lecture.booklet.paper, CHARS_PER_PAGE["a5"])
    chars: dict[str, int] = {}
    for piece in texts(lecture):
        chars[piece.pos.file] = chars.get(piece.pos.file, 0) + len(piece.text)
    chapter_files = {chapter.pos.file for chapter in lecture.chapters}
    pages = FRONT_PAGES + sum(max(1, chars.get(name, 0) // per_page) for name in chapter_files)
    return pages + sum(n for name, n in chars.items() if name not in chapter_files) // per_page


def check_pages(lecture: m.Lecture, texts: Callable[[m.Lecture], Iterator[Any]]
                ) -> list[Diagnostic]:
    """An error when the booklet is sure to exceed the page limit."""
    least = least_pages(lecture, texts)
    diag = Collector()
    if least > MAX_PAGES:
        diag.error(lecture.pos, too_many_pages(f"at least {least}"), HINT)
    return diag.items


# Pages WeasyPrint may still lay out in this build (None: no budget is running).
_BUDGET: ContextVar[list[int] | None] = ContextVar("lectern_layout_budget", default=None)


@contextlib.contextmanager
def layout_budget(lecture: m.Lecture) -> Iterator[None]:
    """Bound the pages laid out in one build, repeated layouts included: a part is laid out
    again when its footnotes move, and the front matter when its page count changes."""
    token = _BUDGET.set([MAX_LAID_OUT])
    try:
        yield
    finally:
        _BUDGET.reset(token)


@contextlib.contextmanager
def page_cap(lecture: m.Lecture, cap: int,
             enough: Callable[[Any, Any, int], bool] | None = None) -> Iterator[None]:
    """Stop WeasyPrint's layout with an error as soon as it makes more than `cap` pages, or
    passes the build's layout budget; stop it quietly once `enough(context, root_box, count)` says
    that the first `count` pages are all the caller needs (the API offers no page budget:
    lectern.writers.weasy.layout steps into the page loop)."""
    from .weasy.layout import each_page

    budget = _BUDGET.get()

    def hook(context: Any, root_box: Any, count: int) -> bool:
        if count > cap:
            raise LecternError(too_many_pages(f"more than {MAX_PAGES}") + f" ({HINT})",
                               lecture.pos)
        if budget is not None:
            budget[0] -= 1
            if budget[0] < 0:
                raise LecternError(f"laying the booklet out took more than {MAX_LAID_OUT} "
                                   "pages (footnotes that keep moving to another page?)",
                                   lecture.pos)
        return enough is not None and enough(context, root_box, count)

    with each_page(hook):
        yield
