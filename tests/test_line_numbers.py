"""Line numbers in diagnostics are the lines an editor shows: only '\\n', '\\r\\n' and '\\r'
end a line, whatever U+0085, U+2028, U+2029 or other separators stand before the place."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from lectern.diagnostics import Collector, Diagnostic
from lectern.readers.lecture import read_lecture
from tests.conftest import LECTURES

# Characters some line counters (str.splitlines, YAML) take for line ends; editors do not.
SEPARATORS = {"NEL": "\x85", "LS": "\u2028", "PS": "\u2029"}
CHAPTER = "chapters/01-opening.md"


@pytest.fixture
def root(tmp_path: Path) -> Path:
    target = tmp_path / "lecture"
    shutil.copytree(LECTURES / "mini", target)
    return target


def diagnostics(root: Path) -> list[Diagnostic]:
    diag = Collector()
    read_lecture(root, diag)
    return diag.sorted()


def at(found: list[Diagnostic], words: str) -> tuple[str, int, int]:
    """The place of the one diagnostic whose message holds `words`."""
    matching = [d for d in found if words in d.message]
    assert len(matching) == 1, [d.format() for d in found]
    return matching[0].pos.file, matching[0].pos.line, matching[0].pos.col


def line_of(text: str, line: str) -> int:
    """The 1-based number of `line` in `text`, counting '\\n' only (as the test writes)."""
    return text.split("\n").index(line) + 1


def edit(path: Path, old: str, new: str) -> str:
    text = path.read_text(encoding="utf-8")
    assert old in text
    text = text.replace(old, new, 1)
    path.write_text(text, encoding="utf-8")
    return text


@pytest.mark.parametrize("sep", SEPARATORS.values(), ids=SEPARATORS.keys())
def test_lecture_yaml_places_after_a_separator(root: Path, sep: str) -> None:
    text = edit(root / "lecture.yaml", "subtitle: What it is about, in one line",
                f'subtitle: "one{sep}two{sep}three"\ncolour: red')
    assert at(diagnostics(root), "unknown key 'colour'") == (
        "lecture.yaml", line_of(text, "colour: red"), 1)


@pytest.mark.parametrize("sep", SEPARATORS.values(), ids=SEPARATORS.keys())
def test_yaml_syntax_error_after_a_separator_in_a_comment(root: Path, sep: str) -> None:
    """YAML ends the comment at the separator and stumbles on what follows (it finds no ':'
    before the next line); the hint names the separator, on the comment's own line."""
    text = edit(root / "lecture.yaml", "subtitle: What it is about, in one line",
                f"subtitle: fine\n# a note{sep}more of the note\nauthors: [Someone]")
    found = [d for d in diagnostics(root) if "YAML syntax" in d.message]
    assert len(found) == 1
    assert (found[0].pos.line, found[0].pos.col) == (line_of(text, "authors: [Someone]"), 1)
    comment = line_of(text, f"# a note{sep}more of the note")
    assert f"U+{ord(sep):04X} on line {comment}, column 9" in found[0].hint


@pytest.mark.parametrize("sep", SEPARATORS.values(), ids=SEPARATORS.keys())
def test_front_matter_places_after_a_separator(root: Path, sep: str) -> None:
    text = edit(root / CHAPTER, "summary: Why this lecture, and what we will cover.",
                f'summary: "Why{sep}this{sep}lecture"\nflavour: sweet')
    assert at(diagnostics(root), "unknown key 'flavour'") == (
        CHAPTER, line_of(text, "flavour: sweet"), 1)


@pytest.mark.parametrize("sep", SEPARATORS.values(), ids=SEPARATORS.keys())
def test_markdown_places_after_a_separator(root: Path, sep: str) -> None:
    """The raw-HTML warning, a term missing from the glossary and an uncalled footnote, each
    after paragraphs with separators in them."""
    text = edit(root / CHAPTER, "A second paragraph carries the argument on.",
                f"One{sep}two{sep}three{sep}four.\n\nA line with <b>raw HTML</b>.\n\n"
                f"Five{sep}six{sep}seven,\nthen [nowhere]{{.term}} here.\n\n"
                f"[^unused]: Never{sep}called.")
    found = diagnostics(root)
    assert at(found, "raw HTML") == (CHAPTER, line_of(text, "A line with <b>raw HTML</b>."), 13)
    assert at(found, "'nowhere'") == (CHAPTER, line_of(text, "then [nowhere]{.term} here."), 6)
    assert at(found, "[^unused]")[:2] == (CHAPTER, line_of(text, f"[^unused]: Never{sep}called."))


@pytest.mark.parametrize("sep", [*SEPARATORS.values(), "\x0b", "\x0c", "\x1c", "\x1e"],
                         ids=[*SEPARATORS.keys(), "VT", "FF", "FS", "RS"])
def test_a_character_that_is_not_allowed_is_placed_on_its_own_line(root: Path, sep: str) -> None:
    """A control character is an error at its place; the separators before it do not move
    that place (and a control used as a separator is itself the first error)."""
    body = f"Alpha{sep}beta.\n\nGamma \x01 delta.\n"
    (root / CHAPTER).write_text("---\ntitle: T\nsummary: S\nkey_points: [a]\nnotes: n\n---\n"
                                + body, encoding="utf-8")
    found = at(diagnostics(root), "is not allowed in text")
    text = (root / CHAPTER).read_text(encoding="utf-8")
    if sep in SEPARATORS.values():
        assert found == (CHAPTER, line_of(text, "Gamma \x01 delta."), 7)
    else:
        assert found == (CHAPTER, line_of(text, f"Alpha{sep}beta."), 6)


@pytest.mark.parametrize("ends", ["\n", "\r\n", "\r"], ids=["LF", "CRLF", "CR"])
def test_text_that_is_not_utf8_is_placed_by_editor_lines(root: Path, ends: str) -> None:
    lines = ["---", "title: T", "summary: S\u2028more", "key_points: [a]", "notes: n", "---",
             "Déjà vu."]
    data = ends.join(lines).encode("utf-8") + ends.encode() + "Ünï".encode() + b"\xff rest"
    (root / CHAPTER).write_bytes(data)
    assert at(diagnostics(root), "not UTF-8") == (CHAPTER, 8, 4)
