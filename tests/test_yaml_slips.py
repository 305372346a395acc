"""YAML slips: `lectern check` reports every one in a run, each with its line corrected, and
`lectern check --fix` makes the certain corrections in place, all files or none, keeping
every other byte (comments, blank lines, layout)."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from lectern.cli import cli, main
from lectern.readers.lecture import load_lecture

# (file, line as the starter has it, the line with a slip, the line --fix writes or None)
SLIPS = (
    ("lecture.yaml", "title: Ma conférence", "title: Contexte : la suite   # le titre",
     'title: "Contexte : la suite"  # le titre'),
    ("lecture.yaml", "    event: Un premier événement daté au jour près",
     "\tevent: Note: un événement", '    event: "Note: un événement"'),
    ("lecture.yaml", "subtitle: Son sujet, en une ligne", "subtitle: Chapitre #1",
     'subtitle: "Chapitre #1"'),
    ("chapters/01.md", "title: Ouverture", "title: Ouverture : pourquoi",
     'title: "Ouverture : pourquoi"'),
    ("chapters/01.md", "  - La question à laquelle répond la conférence",
     "  - La question: celle du sujet", '  - "La question: celle du sujet"'),
    ("chapters/02.md", "summary: Le cœur de la conférence.", "summary: Le cœur: l'argument",
     'summary: "Le cœur: l\'argument"'),
)
UNCLOSED = ('    note: Voir le chapitre "Les débuts".', '    note: "Voir le chapitre')
STRAY = ("  paper: a5", "  paper: a5\n   duplex: short-edge")


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, list(args), catch_exceptions=False)
    return result.exit_code, result.stdout, result.stderr


def _lecture(where: Path, extra: tuple[tuple[str, str], ...] = ()) -> Path:
    root = where / "cours"
    assert main(["new", "--language", "fr", str(root)]) == 0
    edits = [(f, old, new) for f, old, new, _ in SLIPS]
    edits += [("lecture.yaml", old, new) for old, new in extra]
    for name, old, new in edits:
        path = root / name
        text = path.read_text(encoding="utf-8")
        assert old + "\n" in text, old
        path.write_text(text.replace(old + "\n", new + "\n", 1), encoding="utf-8")
    return root


def test_check_reports_every_slip_with_the_line_corrected(tmp_path: Path) -> None:
    root = _lecture(tmp_path, (UNCLOSED, STRAY))
    code, out, err = run("check", str(root))
    assert code == 1
    text = out + err
    for name, _, slip, corrected in SLIPS:
        line = (root / name).read_text(encoding="utf-8").split("\n").index(slip) + 1
        fix = re.escape(corrected.strip())
        found = re.search(rf"{re.escape(name)}:{line}:(\d+): \w+: .*`{fix}`", text)
        assert found, (name, slip, text)
    lines = (root / "lecture.yaml").read_text(encoding="utf-8").split("\n")
    unclosed = lines.index(UNCLOSED[1]) + 1
    assert re.search(rf"lecture.yaml:{unclosed}:11: error: .*never closed.*"
                     rf"`note: \"Voir le chapitre\"`", text), text
    stray = lines.index("   duplex: short-edge") + 1
    assert re.search(rf"lecture.yaml:{stray}:4: error: .*`duplex: short-edge`", text), text


def test_fix_makes_the_certain_corrections_and_keeps_everything_else(tmp_path: Path) -> None:
    root = _lecture(tmp_path)
    before = {n: (root / n).read_bytes() for n in ("lecture.yaml", "chapters/01.md",
                                                    "chapters/02.md")}
    code, out, _ = run("check", "--fix", str(root))
    for _name, _, slip, corrected in SLIPS:
        assert f"-{slip}".replace("\t", "\\x09") in out and f"+{corrected}" in out, out
    for name, old in before.items():
        new = (root / name).read_bytes().decode("utf-8").split("\n")
        was = old.decode("utf-8").split("\n")
        assert len(new) == len(was), name
        wanted = {slip: corrected for n, _, slip, corrected in SLIPS if n == name}
        for a, b in zip(was, new, strict=True):
            assert b == wanted.get(a, a), (name, a, b)
    # Comments survive, and the lecture now reads without a problem.
    assert "# Une conférence pour lectern." in (root / "lecture.yaml").read_text("utf-8")
    assert code == 0
    lecture, warnings = load_lecture(root)
    assert lecture.title == "Contexte\u202f: la suite" and not warnings, warnings
    front = (root / "chapters/01.md").read_text("utf-8").split("---")[1]
    assert "La question: celle du sujet" in yaml.safe_load(front)["key_points"]


def test_fix_writes_every_file_or_none(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    root = _lecture(tmp_path)
    saved = tmp_path / "saved"
    shutil.copytree(root, saved)
    from lectern import pipeline

    real = pipeline._stage
    calls: list[Path] = []

    def failing(target: Path, data: bytes) -> Path:
        calls.append(target)
        if len(calls) == 2:
            raise OSError(28, "No space left on device")
        return real(target, data)

    monkeypatch.setattr(pipeline, "_stage", failing)
    code, _, err = run("check", "--fix", str(root))
    assert code != 0 and "cannot write" in err
    for path in saved.rglob("*"):
        if path.is_file():
            assert (root / path.relative_to(saved)).read_bytes() == path.read_bytes(), path
    assert sorted(p.name for p in root.rglob("*")) == sorted(p.name for p in saved.rglob("*"))


def test_an_unquoted_comment_and_a_real_comment_are_told_apart(tmp_path: Path) -> None:
    root = tmp_path / "l"
    assert main(["new", str(root)]) == 0
    text = (root / "lecture.yaml").read_text("utf-8")
    # The starter's own comments (two spaces, '#', a space) are never taken for text.
    _, out, err = run("check", str(root))
    assert "YAML" not in out + err
    assert "  # " in text or "# " in text
