"""The booklet laid out part by part is the booklet laid out as one document, byte for byte;
a kept renderer lays out again only the parts an edit changed."""

from __future__ import annotations

import dataclasses

import pytest

from lectern import model as m
from lectern.writers.booklet import BookletRenderer
from lectern.writers.booklet_html import render_parts

from .booklet_support import one_document_pdf, page_texts, with_chapter, with_paper


def _both(lecture: m.Lecture) -> tuple[bytes, bytes]:
    """(the part-wise PDF, the PDF of the same book laid out as one document)."""
    renderer = BookletRenderer()
    parts = renderer.lay_out(lecture)
    push = frozenset().union(*(part.push for part in parts))
    pdf = renderer.render(lecture)[f"{lecture.name}.pdf"]
    return pdf, one_document_pdf(lecture, push)


@pytest.mark.parametrize("variant", ["a5", "letter-three-chapters", "no-timeline",
                                     "no-back-matter"])
def test_parts_give_the_one_document_pdf(mini: m.Lecture, variant: str) -> None:
    lecture = {
        "a5": mini,
        "letter-three-chapters": with_paper(with_chapter(mini), "letter"),
        # The back matter then opens on a page break of either side, not a right-hand page.
        "no-timeline": dataclasses.replace(mini, timeline=()),
        "no-back-matter": dataclasses.replace(with_chapter(mini), timeline=(), glossary=(),
                                              sources=()),
    }[variant]
    parts, whole = _both(lecture)
    assert parts == whole


def test_the_default_lecture_gives_the_one_document_pdf(default_lecture: m.Lecture) -> None:
    parts, whole = _both(default_lecture)
    assert parts == whole


def test_a_part_starting_on_a_left_hand_page(mini: m.Lecture) -> None:
    # Without a timeline the back matter opens with a plain page break: after a chapter of
    # an odd number of pages it starts on a left-hand page.
    for copies in (2, 3, 4):
        last = mini.chapters[-1]
        longer = dataclasses.replace(last, body=last.body * copies)
        lecture = dataclasses.replace(mini, timeline=(), chapters=(*mini.chapters[:-1], longer))
        laid = BookletRenderer().lay_out(lecture)
        if (1 + sum(len(part.pages) for part in laid[:-1])) % 2 == 0:
            break
    else:
        pytest.fail("no variant starts the back matter on a left-hand page")
    parts, whole = _both(lecture)
    assert parts == whole


@pytest.mark.parametrize("which", ["mini", "default_lecture"])
def test_each_page_is_laid_out_once_unless_repaired(which: str,
                                                     request: pytest.FixtureRequest) -> None:
    from weasyprint import layout

    from lectern.writers import booklet

    lecture = request.getfixturevalue(which)
    renderer = BookletRenderer()
    passes, layouts = [], []
    make_all_pages, lay_out = layout.make_all_pages, booklet._layout
    monkeypatch = request.getfixturevalue("monkeypatch")
    monkeypatch.setattr(layout, "make_all_pages",
                        lambda *a, **k: passes.append(1) or make_all_pages(*a, **k))
    monkeypatch.setattr(booklet, "_layout",
                        lambda *a, **k: layouts.append(1) or lay_out(*a, **k))
    parts = renderer.lay_out(lecture)
    stats = renderer.stats
    # A layout stopped early is not paginated again.
    assert len(passes) == len(layouts)
    assert stats.parts == len(parts) == len(lecture.chapters) + 2
    assert stats.laid_out == sum(part.laid_out for part in parts)
    for part in parts:
        if part.push:
            # The first layout stopped at the page whose footnote went astray.
            assert len(part.pages) < part.laid_out <= 2 * len(part.pages)
        else:
            # Not even the page that opens the next part is made.
            assert part.laid_out == len(part.pages)
    if which == "default_lecture":
        # Its second chapter has a footnote WeasyPrint 70 sends to the next page.
        assert any(part.push for part in parts)


def test_an_edit_lays_out_only_its_chapter(mini: m.Lecture) -> None:
    lecture = with_chapter(mini)
    renderer = BookletRenderer(keep=True)
    renderer.render(lecture)
    assert renderer.stats.reused == 0
    last = lecture.chapters[-1]
    edited = dataclasses.replace(last, title=last.title + " revised")
    changed = dataclasses.replace(lecture, chapters=(*lecture.chapters[:-1], edited))
    pdf = renderer.render(changed)[f"{lecture.name}.pdf"]
    # The front matter (its contents shows the new title), the edited chapter and nothing
    # else: the other chapters and the back matter keep their pages.
    assert renderer.stats.reused == renderer.stats.parts - 2
    # The unchanged pages' drawing was replayed, and the PDF is what a fresh render makes.
    assert renderer.stats.replayed > 0
    assert pdf == BookletRenderer().render(changed)[f"{lecture.name}.pdf"]
    assert any(f"{last.title} revised" in text for text in page_texts(pdf))


def test_a_longer_chapter_moves_the_later_parts(mini: m.Lecture) -> None:
    lecture = with_chapter(mini)
    renderer = BookletRenderer(keep=True)
    renderer.render(lecture)
    first = lecture.chapters[0]
    longer = dataclasses.replace(first, body=first.body * 10)
    changed = dataclasses.replace(lecture, chapters=(longer, *lecture.chapters[1:]))
    pdf = renderer.render(changed)[f"{lecture.name}.pdf"]
    assert renderer.stats.reused == 0  # every later part starts on another page now
    assert pdf == BookletRenderer().render(changed)[f"{lecture.name}.pdf"]


def test_parts_are_front_chapters_back(mini: m.Lecture) -> None:
    names = [part.name for part in render_parts(mini)]
    assert names == ["front", *(f"chapter-{c.number}" for c in mini.chapters), "back"]
