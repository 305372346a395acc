"""The slides PDF and the handout, accessible: checked by validators that share no code with
lectern's writers (the structure walk of tests/structcheck.py, the PyPI `pdfua` rule subset,
`qpdf --check`), on the default lecture, a Russian starter and the lecture with tables."""

from __future__ import annotations

import dataclasses
import io
import re
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pikepdf
import pytest

from lectern import model as m
from lectern.outputs import plan_lecture_deck
from lectern.readers.lecture import load_lecture
from lectern.writers.deck_plan import DeckPlan
from lectern.writers.handout import handout_pdf
from lectern.writers.slides_pdf import slides_pdf

from .conftest import LECTURES
from .structcheck import Report, _decode, _to_unicode, check
from .test_accessibility import MAY_CRASH


@dataclass(frozen=True)
class Made:
    lecture: m.Lecture
    plan: DeckPlan
    pdf: bytes
    output: str  # "slides" or "handout"

    @property
    def report(self) -> Report:
        return check(self.pdf)


def _made(lecture: m.Lecture) -> dict[str, Made]:
    plan = plan_lecture_deck(lecture)
    return {"slides": Made(lecture, plan, slides_pdf(plan, lecture), "slides"),
            "handout": Made(lecture, plan, handout_pdf(plan, lecture), "handout")}


@pytest.fixture(scope="module")
def built(default_lecture: m.Lecture, tmp_path_factory: pytest.TempPathFactory
          ) -> dict[str, Made]:
    """The slides PDF and the handout of each lecture, made once."""
    folder = tmp_path_factory.mktemp("ru") / "лекция"
    subprocess.run([sys.executable, "-m", "lectern", "new", str(folder), "--language", "ru"],
                   check=True, capture_output=True)
    russian, warnings = load_lecture(folder)
    assert warnings == []
    features, _ = load_lecture(LECTURES / "features")
    out = {}
    for name, lecture in (("english", default_lecture), ("russian", russian),
                          ("tables", features)):
        for output, made in _made(lecture).items():
            out[f"{name}-{output}"] = made
    return out


NAMES = [f"{name}-{output}" for name in ("english", "russian", "tables")
         for output in ("slides", "handout")]


@pytest.fixture(params=NAMES)
def made(request: pytest.FixtureRequest, built: dict[str, Made]) -> Made:
    return built[request.param]


def test_structure_tree_has_no_problem(made: Made) -> None:
    """Nothing detached or unmarked, lists and tables well formed, Cyrillic in its language,
    one subset tag per font program."""
    report = made.report
    assert report.problems == []
    assert report.lang == made.lecture.language


def test_the_first_slide_title_is_h1_the_others_h2(made: Made) -> None:
    report = made.report
    headings = [(e.kind, re.sub(r"\s", "", e.text)) for e in report.root.walk()
                if re.fullmatch(r"H\d", e.kind)]
    titles = [re.sub(r"\s", "", t.paras[0].text) for s in made.plan.slides for t in s.texts
              if t.placeholder == "title" and t.paras]
    assert [text for _, text in headings] == titles
    assert [kind for kind, _ in headings] == ["H1"] + ["H2"] * (len(titles) - 1)


def test_each_slide_is_a_section_in_order(made: Made) -> None:
    sections = [e for e in made.report.root.walk() if e.kind == "Sect"]
    assert len(sections) == len(made.plan.slides)
    assert all(e.parent is not None and e.parent.kind == "Document" for e in sections)


def test_the_title_is_read_first(made: Made) -> None:
    """A slide's title comes first in its section, before a picture drawn under it."""
    sections = [e for e in made.report.root.walk() if e.kind == "Sect"]
    titled = [e for e in sections if any(c.kind in ("H1", "H2") for c in e.children)]
    assert titled and all(e.children[0].kind in ("H1", "H2") for e in titled)
    assert any(c.kind == "Figure" for e in titled for c in e.children) == any(
        p.alt.strip() for s in made.plan.slides for p in s.pictures)


def test_lists_are_lists(made: Made) -> None:
    """Every bulleted or numbered paragraph is an LI with its label and its body."""
    items = sum(1 for s in made.plan.slides for t in s.texts if t.placeholder != "title"
                for p in t.paras if p.bullet)
    report = made.report
    kinds = report.kinds()
    assert items and kinds["LI"] == kinds["Lbl"] == kinds["LBody"] == items
    for element in report.root.walk():
        if element.kind == "LI":
            assert [c.kind for c in element.children] == ["Lbl", "LBody"]
            assert element.children[1].text.strip()


def test_tables_are_tables_with_header_cells(built: dict[str, Made]) -> None:
    for output in ("slides", "handout"):
        made = built[f"tables-{output}"]
        tables = [t for s in made.plan.slides for t in s.tables]
        found = [e for e in made.report.root.walk() if e.kind == "Table"]
        assert tables and len(found) == len(tables)
        for table, element in zip(tables, found, strict=True):
            rows = [r for r in element.children if r.kind == "TR"]
            assert len(rows) == len(table.cells)
            assert [[c.kind for c in r.children] for r in rows[:table.header_rows]] == \
                [["TH"] * len(row) for row in table.cells[:table.header_rows]]
            assert all(c.kind == "TD" for r in rows[table.header_rows:] for c in r.children)


def test_cyrillic_originals_carry_their_language(built: dict[str, Made]) -> None:
    """In an English lecture, each run of Cyrillic is in Russian: a paragraph of an original
    says so itself, a Cyrillic word in English text is a Span that does."""
    for output in ("slides", "handout"):
        report = built[f"english-{output}"].report
        cyrillic = [e for e in report.root.walk() if re.search("[а-я]", e.text)]
        assert any(e.kind == "Span" for e in cyrillic)
        assert all(e.lang_own == "ru" for e in cyrillic), output


def _artifacts(pdf: bytes) -> list[list[str]]:
    """Each page's text drawn as pagination Artifacts (slide and page numbers, headers)."""
    pages = []
    with pikepdf.open(io.BytesIO(pdf)) as document:
        for page in document.pages:
            maps = {str(k): _to_unicode(f) for k, f in page.Resources.get("/Font", {}).items()}
            found: list[str] = []
            stack: list[bool] = []
            font = ""
            for operands, operator in pikepdf.parse_content_stream(page):
                op = str(operator)
                if op in ("BDC", "BMC"):
                    pagination = op == "BDC" and str(operands[0]) == "/Artifact" and \
                        isinstance(operands[1], pikepdf.Dictionary) and \
                        operands[1].get("/Type") == "/Pagination"
                    if pagination:
                        found.append("")
                    stack.append(pagination)
                elif op == "EMC" and stack:
                    stack.pop()
                elif op == "Tf":
                    font = str(operands[0])
                elif op in ("TJ", "Tj") and any(stack):
                    found[-1] += _decode(operands, op, maps.get(font, {}))
            pages.append(found)
    return pages


def test_slide_numbers_are_artifacts(built: dict[str, Made]) -> None:
    made = built["english-slides"]
    pages = _artifacts(made.pdf)
    for number, (found, slide) in enumerate(zip(pages, made.plan.slides, strict=True),
                                            start=1):
        assert (str(number) in found) == slide.numbered, (number, found)
    tree = made.report
    assert not [e for e in tree.root.walk() if re.fullmatch(r"\s*\d+\s*", e.text)
                and e.kind in ("P", "Span")]


def test_handout_page_numbers_and_title_are_artifacts(built: dict[str, Made]) -> None:
    made = built["english-handout"]
    pages = _artifacts(made.pdf)
    for number, found in enumerate(pages, start=1):
        assert f"{number} / {len(pages)}" in found
        assert made.lecture.title in found
    text = re.sub(r"\s", "", "".join(e.text for e in made.report.root.walk()))
    assert f"1/{len(pages)}" not in text


def test_handout_slides_are_content(built: dict[str, Made]) -> None:
    """Most of what the handout shows is tagged text, not Artifacts (the slides are real
    content; only numbers and the running title are not)."""
    made = built["english-handout"]
    tagged = sum(len(e.text.replace(" ", "")) for e in made.report.root.walk()
                 if not e.children)
    pagination = sum(len(t.replace(" ", "")) for page in _artifacts(made.pdf) for t in page)
    assert tagged > 10 * pagination


def test_every_figure_has_alt_text(made: Made) -> None:
    figures = [e for e in made.report.root.walk() if e.kind == "Figure"]
    pictures = [p for s in made.plan.slides for p in s.pictures if p.alt.strip()]
    assert len(figures) == len(pictures)
    assert all(e.alt.strip() for e in figures)


def test_catalog_says_what_pdf_ua_asks(made: Made) -> None:
    with pikepdf.open(io.BytesIO(made.pdf)) as pdf:
        assert pdf.Root.MarkInfo.Marked
        assert pdf.Root.ViewerPreferences.DisplayDocTitle
        assert str(pdf.Root.Lang) == made.lecture.language
        assert str(pdf.docinfo.Title) == made.lecture.title
        xmp = pdf.Root.Metadata.read_bytes().decode("utf-8")
    assert "<pdfuaid:part>1</pdfuaid:part>" in xmp
    assert made.lecture.title.replace("&", "&amp;") in xmp


def test_pdfua_rules_pass(made: Made, tmp_path: Path) -> None:
    from pdfua import validate

    path = tmp_path / f"{made.output}.pdf"
    path.write_bytes(made.pdf)
    report = validate(str(path))
    assert [(f.rule_id, f.message) for f in report.findings] == []
    skipped = {o.rule_id: o.skipped_reason for o in report.outcomes if o.skipped_reason}
    assert set(skipped) <= MAY_CRASH, skipped


def test_qpdf_finds_no_damage(made: Made, tmp_path: Path) -> None:
    if shutil.which("qpdf") is None:
        pytest.skip("qpdf is missing: apt-get install qpdf")
    path = tmp_path / f"{made.output}.pdf"
    path.write_bytes(made.pdf)
    done = subprocess.run(["qpdf", "--check", str(path)], capture_output=True, text=True)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "No syntax or stream encoding errors found" in done.stdout


def test_text_extracts_as_written(built: dict[str, Made], tmp_path: Path) -> None:
    """pdftotext (Poppler, through the ToUnicode maps) gets every slide title back, Cyrillic
    included."""
    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext is missing: apt-get install poppler-utils")
    for name in ("english-slides", "russian-slides", "russian-handout"):
        made = built[name]
        path = tmp_path / f"{name}.pdf"
        path.write_bytes(made.pdf)
        text = re.sub(r"\s", "", subprocess.run(["pdftotext", str(path), "-"], check=True,
                                                 capture_output=True, text=True).stdout)
        for slide in made.plan.slides:
            assert re.sub(r"\s", "", slide.title) in text, (name, slide.title)


def test_speaker_notes_are_paragraphs_in_their_language(built: dict[str, Made]) -> None:
    """With the speaker notes printed, each slide's notes follow its content as paragraphs;
    a Cyrillic phrase in English notes is a Span in Russian."""
    made = built["english-handout"]
    lecture = dataclasses.replace(made.lecture, handout=dataclasses.replace(
        made.lecture.handout, notes="speaker"))
    said = "Read the banner aloud: Вся власть Советам!"
    slides = list(made.plan.slides)
    slides[1] = dataclasses.replace(slides[1], notes=said)
    report = check(handout_pdf(dataclasses.replace(made.plan, slides=tuple(slides)), lecture))
    assert report.problems == []
    sections = [e for e in report.root.walk() if e.kind == "Sect"]
    last = sections[1].children[-1]
    assert last.kind == "P"
    assert [(c.kind, c.lang_own, c.text.strip()) for c in last.children] == [
        ("Span", "ru", "Вся власть Советам")]
    assert re.sub(r"\s", "", last.text) == "Readthebanneraloud:!"
    # Drawn in reading order: the English words, the Russian span, then the "!".
    (before, after), (span,) = last.mcids, last.children[0].mcids
    assert before < span < after


def test_the_licence_is_in_the_rights_entry(built: dict[str, Made]) -> None:
    made = built["english-slides"]
    lecture = dataclasses.replace(made.lecture, license="CC-BY-4.0")
    for pdf in (slides_pdf(made.plan, lecture), handout_pdf(made.plan, lecture)):
        with pikepdf.open(io.BytesIO(pdf)) as document:
            rights = str(document.docinfo["/rights"])
            xmp = document.Root.Metadata.read_bytes().decode("utf-8")
        assert "CC BY 4.0" in rights or "Creative Commons" in rights, rights
        assert "<dc:rights>" in xmp and rights in xmp
