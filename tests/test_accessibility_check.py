"""`check` tells authors how to make a lecture accessible: warnings at the lines to fix."""

from __future__ import annotations

from pathlib import Path

import pytest

from lectern import model as m
from lectern.readers.lecture import load_lecture

CHAPTER = "chapters/02-argument.md"


def warnings_for(lecture: Path, body: str) -> list[str]:
    """The warnings of the mini lecture whose second chapter ends with `body`, as
    'line: message'."""
    path = lecture / CHAPTER
    path.write_text(path.read_text(encoding="utf-8") + "\n" + body + "\n", encoding="utf-8")
    _, warnings = load_lecture(lecture)
    return [f"{w.pos.line}: {w.message}" for w in warnings if w.pos.file == CHAPTER]


def last_line(lecture: Path) -> int:
    return len((lecture / CHAPTER).read_text(encoding="utf-8").split("\n"))


def test_a_picture_without_alt_text_is_a_warning_at_its_line(lecture: Path) -> None:
    found = warnings_for(lecture, '![A caption is no alt text](../images/banner.png)'
                                  '{credit="c"}')
    assert found == [f"{last_line(lecture) - 1}: the image '../images/banner.png' has no alt "
                     "text (its caption is not alt text: it is read as well)"]


@pytest.mark.parametrize("attrs", ['{alt="A red banner" credit="c"}', '{.decorative credit="c"}'])
def test_alt_text_or_decorative_silences_it(lecture: Path, attrs: str) -> None:
    assert warnings_for(lecture, f"![Caption](../images/banner.png){attrs}") == []


def test_alt_text_and_decorative_reach_the_model(lecture: Path) -> None:
    warnings_for(lecture, '![One](../images/banner.png){alt="  Two  words " credit="c"}\n\n'
                          '![Three](../images/banner.png){.decorative credit="c"}')
    parsed, _ = load_lecture(lecture)
    figures = [node for node in m.walk_inlines(parsed.chapters[1].body)
               if isinstance(node, m.Figure)]
    assert [(f.alt, f.decorative) for f in figures][-2:] == [("Two words", False), ("", True)]


def test_a_heading_that_skips_a_level_is_a_warning(lecture: Path) -> None:
    found = warnings_for(lecture, "#### Too deep\n\nText.")
    assert found == [f"{last_line(lecture) - 3}: this heading skips from level 2 to 4: "
                     "readers that list headings miss a level"]


@pytest.mark.parametrize("text", ["here", "Click here", "more", "link", "здесь"])
def test_link_text_that_says_nothing_is_a_warning(lecture: Path, text: str) -> None:
    found = warnings_for(lecture, f"The decrees are [{text}](https://example.org/decrees).")
    assert found == [f"{last_line(lecture) - 1}: the link text '{text}' does not say where "
                     "it goes"]


def test_a_bare_address_as_link_text_is_a_warning(lecture: Path) -> None:
    found = warnings_for(lecture, "See <https://example.org/decrees>.")
    assert found == [f"{last_line(lecture) - 1}: a bare address is read out letter by letter "
                     "where words belong"]


def test_link_text_that_names_the_page_is_fine(lecture: Path) -> None:
    assert warnings_for(lecture, "See [the decrees of the Congress](https://example.org).") == []


def test_a_table_without_a_header_row_is_a_warning(lecture: Path) -> None:
    found = warnings_for(lecture, "|   |   |\n|---|---|\n| a | b |")
    assert found == [f"{last_line(lecture) - 3}: this table has no header row: its first row "
                     "is empty"]
