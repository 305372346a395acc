"""`lectern sync`: edits made in the deck come back to the source as a diff, and --apply
writes them; conflicts, added slides and decks of other lectures are reported."""

from __future__ import annotations

import shutil
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner
from pptx import Presentation
from pptx.util import Emu

from lectern.cli import cli
from lectern.system import soffice

from .conftest import LECTURES, SOURCE
from .templates import run_soffice

DECK = "all-power-to-the-soviets.pptx"
TABLE = """
| Faction    | Who leads        |
|------------|------------------|
| Mensheviks | the bourgeoisie  |
| Bolsheviks | workers -- and peasants |

Table: Who would lead the "democratic revolution"
"""


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, list(args), catch_exceptions=False)
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """The default lecture with a table added, and its deck."""
    root = tmp_path_factory.mktemp("sync") / "lecture"
    shutil.copytree(SOURCE, root)
    with (root / "chapters" / "02-prognosis.md").open("a", encoding="utf-8") as f:
        f.write(TABLE)
    out = root.parent / "build"
    code, _, err = run("build", str(root), "--out", str(out), "--only", "deck")
    assert code == 0, err
    return root, out / DECK


def fresh(built: tuple[Path, Path], tmp_path: Path) -> Path:
    """A copy of the lecture a test may write to."""
    root = tmp_path / "lecture"
    shutil.copytree(built[0], root)
    return root


def replace_in_runs(shape: object, old: str, new: str) -> bool:
    for para in shape.text_frame.paragraphs:  # type: ignore[attr-defined]
        for r in para.runs:
            if old in r.text:
                r.text = r.text.replace(old, new)
                return True
    return False


def edited_deck(deck: Path, out: Path, edit: Callable[[object], set[str]]) -> Path:
    prs = Presentation(str(deck))
    done = edit(prs)
    assert done, "the test's edits found nothing to edit"
    prs.save(str(out))
    return out


def every_kind(prs: object) -> set[str]:
    """A title, a key point, a quote (and a piece of one split over two slides), a question,
    a note, a table cell, two captions (Markdown), a glossary definition and a timeline event
    (YAML files), edited as a lecturer would in PowerPoint (whose autocorrect types
    typographic quotes)."""
    done: set[str] = set()
    edits = {
        "key point": ("Liberal deputies and moderate socialists",
                      "Liberal deputies and moderate \u201csocialists\u201d"),
        "quote": ("raptures, embraces", "raptures, embraces, kisses"),
        "continued quote": ("dictatorship of the proletariat", "rule of the proletariat"),
        "question": ("What made the Soviet a power", "What made the Petrograd Soviet a power"),
        "caption": ("redrawn for this lecture", "redrawn in 2017 for this lecture"),
        "table caption": ("Who would lead", "Who was to lead"),
        "glossary definition": ("delegates elected in", "delegates chosen in"),
        "timeline event": ("Tsarism falls in Petrograd", "Tsarism falls in Petrograd and Moscow"),
    }
    for slide in prs.slides:  # type: ignore[attr-defined]
        for shape in slide.shapes:
            if shape.has_text_frame:
                for kind, (old, new) in edits.items():
                    if kind not in done and replace_in_runs(shape, old, new):
                        done.add(kind)
                if shape.text_frame.text == "A slogan is born" and "title" not in done:
                    shape.text_frame.paragraphs[0].runs[0].text = "A slogan is born in April"
                    done.add("title")
            if shape.has_table:
                shape.table.cell(1, 1).text_frame.paragraphs[0].runs[0].text = \
                    "the liberal bourgeoisie"
                done.add("cell")
        notes = slide.notes_slide.notes_text_frame
        if "note" not in done and replace_in_runs(slide.notes_slide.notes_placeholder,
                                                  "Stress the geography",
                                                  "Stress the geography of Petrograd"):
            done.add("note")
        assert notes is not None
    assert len(done) == 11, done
    return done


def test_a_deck_without_edits_gives_no_diff(built: tuple[Path, Path]) -> None:
    code, out, _ = run("sync", str(built[0]), str(built[1]))
    assert code == 0
    assert "---" not in out and "no edits" in out


def test_every_kind_of_edit_is_a_diff_at_its_source_lines(built: tuple[Path, Path],
                                                          tmp_path: Path) -> None:
    deck = edited_deck(built[1], tmp_path / "edited.pptx", every_kind)
    code, out, err = run("sync", str(built[0]), str(deck))
    assert code == 0, err
    removed = {line[1:].strip() for line in out.splitlines() if line.startswith("-") and
               not line.startswith("---")}
    added = {line[1:].strip() for line in out.splitlines() if line.startswith("+") and
             not line.startswith("+++")}
    # Each pair: the source line before and after; typographic marks written back plain.
    pairs = [
        ("- Liberal deputies and moderate socialists meet in the Tauride Palace",
         '- Liberal deputies and moderate "socialists" meet in the Tauride Palace'),
        ("text: raptures, embraces, and joyous tears",
         "text: raptures, embraces, kisses, and joyous tears"),
        ("- What made the Soviet a power in its own right within a day of its founding?",
         "- What made the Petrograd Soviet a power in its own right within a day of its "
         "founding?"),
        ("regime that had lasted for centuries. Stress the geography: one building, two wings,",
         "regime that had lasted for centuries. Stress the geography of Petrograd: one "
         "building, two wings,"),
        ("| Mensheviks | the bourgeoisie  |", "| Mensheviks | the liberal bourgeoisie  |"),
        ('Table: Who would lead the "democratic revolution"',
         'Table: Who was to lead the "democratic revolution"'),
        ("title: A slogan is born", "title: A slogan is born in April"),
        ("Russian for “council”. In 1905 and again in 1917, an assembly of delegates elected in",
         "Russian for “council”. In 1905 and again in 1917, an assembly of delegates chosen in"),
        ("event: Tsarism falls in Petrograd", "event: Tsarism falls in Petrograd and Moscow"),
    ]
    for old, new in pairs:
        assert old in removed and new in added, (old, out)
    assert any("redrawn in 2017 for this lecture](images/banner.png)" in line for line in added)
    assert any("rule of the proletariat" in line for line in added)
    assert "--- a/chapters/01-february.md" in out and "+++ b/chapters/02-prognosis.md" in out
    assert "+++ b/glossary.yaml" in out and "+++ b/timeline.yaml" in out
    assert len(removed) == len(added) == 11  # nothing else in the source changes


def test_a_deck_saved_by_libreoffice_gives_the_same_diff(built: tuple[Path, Path],
                                                       tmp_path: Path) -> None:
    """LibreOffice keeps the record and the slide ids but numbers the shapes anew."""
    program = soffice()
    if program is None:
        pytest.skip("LibreOffice (soffice) is not installed: apt-get install libreoffice-impress")
    deck = edited_deck(built[1], tmp_path / "edited.pptx", every_kind)
    direct = run("sync", str(built[0]), str(deck))[1]
    run_soffice(program, ["--convert-to", "pptx", "--outdir", str(tmp_path / "lo"), str(deck)])
    code, out, err = run("sync", str(built[0]), str(tmp_path / "lo" / "edited.pptx"))
    assert code == 0, err
    assert out == direct and "11 edit(s) in 5 file(s)" in out


def test_apply_writes_the_edits_and_the_rebuilt_deck_has_them(built: tuple[Path, Path],
                                                              tmp_path: Path) -> None:
    root = fresh(built, tmp_path)
    deck = edited_deck(built[1], tmp_path / "edited.pptx", every_kind)
    code, out, err = run("sync", str(root), str(deck), "--apply")
    assert code == 0, err
    assert "11 edit(s) written to 5 file(s)" in out
    assert run("check", str(root))[0] == 0
    front = (root / "chapters" / "01-february.md").read_text(encoding="utf-8")
    assert '  - Liberal deputies and moderate "socialists" meet in the Tauride Palace\n' in front
    code, _, err = run("build", str(root), "--out", str(tmp_path / "again"), "--only", "deck")
    assert code == 0, err
    texts = []
    prs = Presentation(str(tmp_path / "again" / DECK))
    for slide in prs.slides:
        texts.append(slide.notes_slide.notes_text_frame.text)
        for shape in slide.shapes:
            if shape.has_text_frame:
                texts.append(shape.text_frame.text)
            if shape.has_table:
                texts.extend(c.text for row in shape.table.rows for c in row.cells)
    text = "\n".join(texts)
    for shown in ("moderate \u201csocialists\u201d", "A slogan is born in April",
                  "raptures, embraces, kisses", "the liberal bourgeoisie",
                  "Stress the geography of Petrograd", "Who was to lead",
                  "What made the Petrograd Soviet", "redrawn in 2017", "delegates chosen in",
                  "Tsarism falls in Petrograd and Moscow"):
        assert shown in text, shown
    # The rebuilt deck is in step with its source again.
    assert run("sync", str(root), str(tmp_path / "again" / DECK))[0] == 0


def test_an_edit_whose_source_changed_is_a_conflict(built: tuple[Path, Path],
                                                    tmp_path: Path) -> None:
    root = fresh(built, tmp_path)
    chapter = root / "chapters" / "01-february.md"
    before = chapter.read_text(encoding="utf-8").replace(
        "moderate socialists meet", "moderate socialists gather")
    chapter.write_text(before, encoding="utf-8")

    def one(prs: object) -> set[str]:
        for slide in prs.slides:  # type: ignore[attr-defined]
            for shape in slide.shapes:
                if shape.has_text_frame and replace_in_runs(shape, "Liberal deputies",
                                                            "Liberal members"):
                    return {"key point"}
        return set()

    deck = edited_deck(built[1], tmp_path / "edited.pptx", one)
    code, _, err = run("sync", str(root), str(deck), "--apply")
    assert code == 1
    assert "chapters/01-february.md:6: error: conflict" in err and "slide 4" in err
    assert "nothing was written" in err
    assert chapter.read_text(encoding="utf-8") == before


def test_an_edit_still_finds_its_source_text_after_other_edits_moved_it(
        built: tuple[Path, Path], tmp_path: Path) -> None:
    """A line written above the table since the build moves the cells, and says "the
    bourgeoisie" once more: the cell is found by the table's other cells."""
    root = fresh(built, tmp_path)
    chapter = root / "chapters" / "02-prognosis.md"
    text = chapter.read_text(encoding="utf-8")
    chapter.write_text(text.replace("\n| Faction", "\nWho led the bourgeoisie?\n\n| Faction"),
                       encoding="utf-8")

    def cell(prs: object) -> set[str]:
        for slide in prs.slides:  # type: ignore[attr-defined]
            for shape in slide.shapes:
                if shape.has_table:
                    shape.table.cell(1, 1).text_frame.paragraphs[0].runs[0].text = \
                        "the liberal bourgeoisie"
                    return {"cell"}
        return set()

    deck = edited_deck(built[1], tmp_path / "edited.pptx", cell)
    code, out, err = run("sync", str(root), str(deck), "--apply")
    assert code == 0, err
    assert "chapters/02-prognosis.md has changed since the deck was built" in out
    now = chapter.read_text(encoding="utf-8")
    assert "| Mensheviks | the liberal bourgeoisie  |" in now
    assert "Who led the bourgeoisie?" in now


def test_a_key_point_added_in_the_deck_is_refused(built: tuple[Path, Path],
                                                  tmp_path: Path) -> None:
    def add(prs: object) -> set[str]:
        for slide in prs.slides:  # type: ignore[attr-defined]
            for shape in slide.shapes:
                if shape.has_text_frame and shape.text_frame.text.startswith("27 February"):
                    shape.text_frame.add_paragraph().text = "A new key point"
                    return {"added"}
        return set()

    root = fresh(built, tmp_path)
    deck = edited_deck(built[1], tmp_path / "edited.pptx", add)
    code, _, err = run("sync", str(root), str(deck), "--apply")
    assert code == 1
    assert "a paragraph was added to the key point on slide 4" in err
    assert "nothing was written" in err


def test_a_slide_added_in_the_deck_is_reported_with_its_text(built: tuple[Path, Path],
                                                            tmp_path: Path) -> None:
    def add(prs: object) -> set[str]:
        slide = prs.slides.add_slide(prs.slide_layouts[-1])  # type: ignore[attr-defined]
        box = slide.shapes.add_textbox(Emu(914400), Emu(914400), Emu(4572000), Emu(914400))
        box.text_frame.text = "A slide of my own about Kronstadt"
        return {"added"}

    deck = edited_deck(built[1], tmp_path / "edited.pptx", add)
    code, out, _ = run("sync", str(built[0]), str(deck))
    assert code == 0
    assert "added in the deck" in out and "A slide of my own about Kronstadt" in out


def test_a_deck_of_another_lecture_is_refused(built: tuple[Path, Path],
                                              tmp_path: Path) -> None:
    code, _, err = run("build", str(LECTURES / "mini"), "--out", str(tmp_path), "--only",
                       "deck")
    assert code == 0, err
    other = next(tmp_path.glob("*.pptx"))
    code, _, err = run("sync", str(built[0]), str(other))
    assert code == 1
    assert "was built from the lecture" in err and "Traceback" not in err


def test_a_deck_lectern_did_not_build_or_a_damaged_file_is_refused(
        built: tuple[Path, Path], tmp_path: Path) -> None:
    plain = tmp_path / "plain.pptx"
    Presentation().save(str(plain))
    code, _, err = run("sync", str(built[0]), str(plain))
    assert code == 1 and "not a deck lectern built" in err
    broken = tmp_path / "broken.pptx"
    broken.write_bytes(built[1].read_bytes()[:5000])
    code, _, err = run("sync", str(built[0]), str(broken))
    assert code == 1 and "cannot be read as a PowerPoint file" in err
    # A deck whose record was damaged.
    damaged = tmp_path / "damaged.pptx"
    with zipfile.ZipFile(built[1]) as src, zipfile.ZipFile(damaged, "w") as dst:
        for info in src.infolist():
            data = src.read(info)
            if info.filename == "docProps/custom.xml":
                data = data.replace(b'"units":[', b'"units":[7,')
            dst.writestr(info, data)
    code, _, err = run("sync", str(built[0]), str(damaged))
    assert code == 1 and "damaged" in err


def test_french_marks_and_spaces_go_back_as_typed(tmp_path: Path) -> None:
    root = tmp_path / "fr"
    assert run("new", "--language", "fr", str(root))[0] == 0
    code, _, err = run("build", str(root), "--out", str(tmp_path / "b"), "--only", "deck")
    assert code == 0, err

    def quote(prs: object) -> set[str]:
        for slide in prs.slides:  # type: ignore[attr-defined]
            for shape in slide.shapes:
                # PowerPoint's French autocorrect sets guillemets with no-break spaces.
                if shape.has_text_frame and replace_in_runs(
                        shape, "avec une", "avec une \u00ab\u00a0vraie\u00a0\u00bb \u2013"):
                    return {"quote"}
        return set()

    deck = edited_deck(next((tmp_path / "b").glob("*.pptx")), tmp_path / "fr.pptx", quote)
    code, _, err = run("sync", str(root), str(deck), "--apply")
    assert code == 0, err
    text = (root / "chapters" / "01.md").read_text(encoding="utf-8")
    assert "avec une \"vraie\" -- \"expression\" dedans." in text
