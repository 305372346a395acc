"""Round trip: every lecture the tests build (the default, the starter in every language, the
feature lecture) is built into a deck, the deck imported with `lectern import`, and the two
lectures' models hold the same chapters, key points, quotes, notes, questions, tables,
figures and glossary."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest

from lectern import model as m
from lectern.cli import main
from lectern.locale import supported
from lectern.readers.lecture import load_lecture

ROOT = Path(__file__).resolve().parent.parent
LECTURES = {"default": ROOT / "source", "features": ROOT / "tests/fixtures/lectures/features",
            "stress": ROOT / "tests/fixtures/lectures/stress",
            **{f"starter-{tag}": None for tag in supported()}}
# The stress lecture has a word longer than a slide's line, which the deck breaks with a
# hyphen: that hyphen is on the slide, and so in what is imported.
BROKEN = re.compile(r"(\w)- (\w)")
SPACES = str.maketrans({"\u00a0": " ", "\u202f": " "})


def norm(text: str) -> str:
    """Text as a reader compares it: white space of any kind made single spaces."""
    return " ".join(text.translate(SPACES).split())


def lecture_root(name: str, folder: Path) -> Path:
    """The lecture `name` as a folder: the source, or a starter written by `lectern new`."""
    source = LECTURES[name]
    if source is not None:
        return source
    target = folder / name
    assert main(["new", str(target), "--language", name.removeprefix("starter-")]) == 0
    return target


def round_trip(name: str, folder: Path) -> tuple[m.Lecture, m.Lecture]:
    root = lecture_root(name, folder)
    out = folder / "out"
    assert main(["build", str(root), "--out", str(out), "--only", "deck", "--quiet"]) == 0
    deck = next(out.glob("*.pptx"))
    imported = folder / "imported"
    assert main(["import", str(deck), str(imported)]) == 0
    original, _ = load_lecture(root)
    again, diagnostics = load_lecture(imported)
    errors = [d for d in diagnostics if d.severity == "error"]
    assert not errors, [str(d.message) for d in errors]
    shutil.rmtree(out)
    return original, again


def items(values: tuple[m.Item, ...]) -> list[str]:
    return [norm(i.text) for i in values]


def quotes(chapter: m.Chapter) -> list[tuple[str, ...]]:
    return [(norm(q.text), norm(q.who), norm(q.work), norm(q.year), norm(q.original),
             q.original_language) for q in chapter.quotes]


def tables(chapter: m.Chapter) -> list[tuple[object, ...]]:
    found = [b for b in m.walk_inlines(chapter.body) if isinstance(b, m.Table)]
    return [(tuple(norm(m.plain_text(c.content)) for c in t.header),
             tuple(tuple(norm(m.plain_text(c.content)) for c in row) for row in t.rows),
             tuple(a or "left" for a in t.aligns), norm(m.plain_text(t.caption))) for t in found]


def figures(chapter: m.Chapter) -> list[tuple[object, ...]]:
    found = [b for b in m.walk_inlines(chapter.body) if isinstance(b, m.Figure)]
    return [(norm(m.plain_text(f.caption)), norm(f.alt), norm(f.credit), f.decorative,
             (f.width, f.height)) for f in found]


def glossary(lecture: m.Lecture) -> list[tuple[str, ...]]:
    return [(norm(g.term), norm(g.original), norm(g.transliteration), norm(g.definition))
            for g in lecture.glossary]


@pytest.mark.parametrize("name", list(LECTURES))
def test_import_of_a_built_deck_keeps_the_lecture(name: str, tmp_path: Path) -> None:
    original, again = round_trip(name, tmp_path)
    assert norm(again.title) == norm(original.title)
    assert [norm(a) for a in again.authors] == [norm(a) for a in original.authors]
    assert again.date == original.date
    assert again.language == original.language
    assert [norm(c.title) for c in again.chapters] == [norm(c.title) for c in original.chapters]
    for before, after in zip(original.chapters, again.chapters, strict=True):
        where = before.title
        assert norm(after.summary) == norm(before.summary), where
        assert items(after.key_points) == items(before.key_points), where
        assert items(after.questions) == items(before.questions), where
        assert [tuple(BROKEN.sub(r"\1\2", part) for part in q) for q in quotes(after)] == \
            quotes(before), where
        assert norm(after.notes) == norm(before.notes), where
        assert tables(after) == tables(before), where
        assert figures(after) == figures(before), where
    assert glossary(again) == glossary(original)
    assert [(e.date, norm(e.event)) for e in again.timeline] == \
        [(e.date, norm(e.event)) for e in original.timeline]


def test_a_deck_libreoffice_saved_again_imports_to_the_same_lecture(tmp_path: Path) -> None:
    soffice = shutil.which("soffice")
    if soffice is None:
        pytest.skip("LibreOffice is missing: apt-get install libreoffice-impress")
    out = tmp_path / "out"
    assert main(["build", str(LECTURES["features"]), "--out", str(out), "--only", "deck",
                 "--quiet"]) == 0
    deck = next(out.glob("*.pptx"))
    again = tmp_path / "again"
    subprocess.run([soffice, f"-env:UserInstallation={(tmp_path / 'lo').as_uri()}",
                    "--headless", "--convert-to", "pptx", "--outdir", str(again), str(deck)],
                   check=True, capture_output=True, timeout=180)
    assert main(["import", str(deck), str(tmp_path / "first")]) == 0
    assert main(["import", str(again / deck.name), str(tmp_path / "second")]) == 0
    for chapter in sorted((tmp_path / "first/chapters").glob("*.md")):
        resaved = tmp_path / "second/chapters" / chapter.name
        assert resaved.read_text(encoding="utf-8") == chapter.read_text(encoding="utf-8")
