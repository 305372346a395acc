"""The readers: the model of the test lecture, positions, typography, and safe paths."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from lectern import model as m
from lectern.diagnostics import Collector, LectureInvalid
from lectern.readers.lecture import load_lecture, read_lecture
from lectern.readers.yamlpos import parse_partial_date
from tests.conftest import LECTURES
from tests.golden import assert_golden


def test_model_dump_matches_golden(mini: m.Lecture) -> None:
    assert_golden("mini.model.txt", m.dump(mini) + "\n")


def test_model_is_frozen(mini: m.Lecture) -> None:
    with pytest.raises(dataclasses.FrozenInstanceError):
        mini.title = "changed"  # type: ignore[misc]


def test_every_block_knows_its_line(mini: m.Lecture) -> None:
    for chapter in mini.chapters:
        for block in chapter.body:
            pos = block.pos
            assert pos.file == chapter.pos.file and pos.line > 5


def test_key_quote_position_points_at_its_yaml(mini: m.Lecture) -> None:
    quote = mini.chapters[0].quotes[0]
    line = (LECTURES / "mini" / quote.pos.file).read_text().splitlines()[quote.pos.line - 1]
    assert "id: opening-quote" in line


def test_typographic_quotes_and_dashes(tmp_path: Path) -> None:
    root = _copy_mini(tmp_path)
    chapter = root / "chapters" / "02-argument.md"
    text = chapter.read_text().replace("It ends with", 'He said "no" -- twice... It ends with')
    chapter.write_text(text)
    lecture, _ = load_lecture(root)
    body = m.plain_text(tuple(
        i for b in lecture.chapters[1].body if isinstance(b, m.Paragraph) for i in b.content))
    # A spaced dash between clauses is the language's: a spaced em dash in English.
    assert "He said “no”\u00a0— twice… It ends" in body


def test_russian_lecture_gets_guillemets(tmp_path: Path) -> None:
    root = _copy_mini(tmp_path)
    yaml_path = root / "lecture.yaml"
    yaml_path.write_text(yaml_path.read_text().replace("language: en", "language: ru"))
    chapter = root / "chapters" / "02-argument.md"
    chapter.write_text(chapter.read_text().replace("It ends with", '"Вся власть" It ends with'))
    lecture, _ = load_lecture(root)
    texts = [m.plain_text(b.content) for b in lecture.chapters[1].body
             if isinstance(b, m.Paragraph)]
    assert any("«Вся власть»" in t for t in texts)


def test_jinja_and_html_stay_text(tmp_path: Path) -> None:
    root = _copy_mini(tmp_path)
    chapter = root / "chapters" / "02-argument.md"
    chapter.write_text(chapter.read_text().replace(
        "It ends with", "{{ lecture.title }} {% if x %} <script>alert(1)</script> It ends with"))
    lecture, warnings = load_lecture(root)
    texts = [m.plain_text(b.content) for b in lecture.chapters[1].body
             if isinstance(b, m.Paragraph)]
    assert any("{{ lecture.title }} {% if x %} <script>alert(1)</script>" in t for t in texts)
    assert any("raw HTML" in w.message for w in warnings)


def test_errors_are_collected_not_raised_one_by_one(tmp_path: Path) -> None:
    root = _copy_mini(tmp_path)
    (root / "lecture.yaml").write_text("titel: x\nauthors: 3\ndate: nope\nlanguage: e n\n")
    with pytest.raises(LectureInvalid) as info:
        load_lecture(root)
    messages = [d.message for d in info.value.diagnostics]
    assert len(messages) >= 4


def test_yaml_alias_bomb_is_refused_quickly(tmp_path: Path) -> None:
    root = _copy_mini(tmp_path)
    lines = ["a0: &a0 [x, x, x, x, x, x, x, x, x]"]
    lines += [f"a{i}: &a{i} [*a{i-1}, *a{i-1}, *a{i-1}, *a{i-1}]" for i in range(1, 30)]
    (root / "lecture.yaml").write_text("\n".join(lines) + "\n")
    diag = Collector()
    assert read_lecture(root, diag) is None
    assert diag.errors


@pytest.mark.parametrize(("text", "expected"), [
    ("1917", m.PartialDate(1917)),
    ("1917-10", m.PartialDate(1917, 10)),
    ("1917-10-25", m.PartialDate(1917, 10, 25)),
    ("1917-02-30", None),
    ("1917-13", None),
    ("25 Oct", None),
])
def test_partial_dates(text: str, expected: m.PartialDate | None) -> None:
    assert parse_partial_date(text) == expected


def _copy_mini(tmp_path: Path) -> Path:
    import shutil

    root = tmp_path / "lecture"
    shutil.copytree(LECTURES / "mini", root)
    return root
