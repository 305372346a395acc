"""WeasyPrint's page loop and laid-out boxes, as the booklet writer reads and steers them.

WeasyPrint 70 has no public API for a page budget, for stopping a layout early or for the
boxes of a laid-out page; these helpers reach into its private state. On another version
they step aside (`version.written_for`): no early stop, no footnote repair, no page cap.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterator
from typing import Any

from .version import WEASYPRINT, written_for

PageHook = Callable[[Any, Any, int], bool]


def private_ok() -> bool:
    """Whether the installed WeasyPrint is the one these helpers were written for."""
    return written_for("layout hooks", "weasyprint", WEASYPRINT)


@contextlib.contextmanager
def each_page(hook: PageHook) -> Iterator[None]:
    """Call `hook(context, root_box, count)` after each page WeasyPrint lays out; it may
    raise to stop with an error, or return True when the first `count` pages are enough.

    WeasyPrint 70 lays pages out in `weasyprint.layout.make_all_pages`, a generator that
    `layout_document` consumes; it may run more than once for one document
    (repagination), each time from the first page.
    """
    if not private_ok():
        yield
        return
    from weasyprint import layout

    original = layout.make_all_pages

    def bounded(*args: Any, **kwargs: Any) -> Iterator[Any]:
        context, root_box = args[0], args[1]
        for count, page in enumerate(original(*args, **kwargs), start=1):
            yield page
            if hook(context, root_box, count):
                return

    layout.make_all_pages = bounded
    try:
        yield
    finally:
        layout.make_all_pages = original


def footnotes_reported(context: Any) -> bool:
    """Whether the layout carried footnotes over to a later page than their calls."""
    return bool(getattr(context, "reported_footnotes", None))


def skip_page(context: Any, count: int) -> None:
    """Tell WeasyPrint that page `count` (from 0), not made, needs no other pass."""
    if count < len(context.page_maker):
        context.page_maker[count][-1].update(content_changed=False, pages_wanted=False)


def next_page_opens(context: Any, root_box: Any, made: int,
                    opens: Callable[[Any], bool]) -> bool:
    """Whether the page after the first `made` pages starts with an element `opens`
    accepts, and is not a blank page before it (the page maker's entry for that page and
    the skip stack it resumes at)."""
    if made >= len(context.page_maker) or footnotes_reported(context):
        return False
    resume_at, next_page, right_page, *_ = context.page_maker[made]
    if resume_at is None:
        return False
    side = next_page.get("break")
    if side in ("recto", "verso"):
        ltr = root_box.style["direction"] == "ltr"
        side = "right" if ltr ^ (side == "verso") else "left"
    if (side == "left" and right_page) or (side == "right" and not right_page):
        return False  # a blank page comes first, and it is the part's own
    box, stack = root_box, resume_at
    while stack:
        if len(stack) != 1:
            return False
        ((child, stack),) = stack.items()
        children = getattr(box, "children", None)
        if children is None or not 0 <= child < len(children):
            return False
        box = children[child]
    element = getattr(box, "element", None)
    return element is not None and opens(element)


def page_boxes(page: Any) -> Iterator[Any]:
    """Every box laid out on `page`, in tree order (none on another WeasyPrint)."""
    if private_ok():
        yield from page._page_box.descendants()


def content_top(page: Any) -> float:
    """Where the page's text area starts, from the top of the page."""
    return float(page._page_box.content_box_y()) if private_ok() else 0.0


def footnote_pages(pages: list[Any]) -> tuple[dict[int, int], dict[int, int]]:
    """Page (from 0) of each footnote call and each footnote, by the id of its element."""
    calls: dict[int, int] = {}
    notes: dict[int, int] = {}
    for number, page in enumerate(pages):
        for box in page_boxes(page):
            if getattr(box, "footnote", None) is not None:
                calls[id(box.element)] = number
            elif type(box).__name__ == "FootnoteAreaBox":
                notes.update((id(child.element), number) for child in box.children)
    return calls, notes
