"""French spacing in every string a reader meets: the French starter lecture, with marks
typed both with and without a space in each kind of field, built into the booklet, the deck
(slides, tables and speaker notes) and the slides PDF, and read back from the files.

Every ';', ':', '!', '?' and '»' of French prose has a narrow no-break space before it and
every '«' one after it; the ':' and '?' of a URL, a time, a file name never do.
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterator
from pathlib import Path

import pypdf
import pytest
from pptx import Presentation

from lectern.cli import main
from lectern.pipeline import render
from lectern.readers.lecture import load_lecture

NNBSP = "\u202f"
URL = "https://exemple.org/a?b=1"
# Marks typed with no space, in each kind of field the outputs print.
EXTRA = {
    "lecture.yaml": [("description: >-\n", "description: >-\n  Voir " + URL + " à 10:30; "
                      "lisez notes_2014.txt!\n")],
    "chapters/01.md": [
        ("  - La question à laquelle répond la conférence\n",
         "  - \"La question: pourquoi?\"\n"),
        ("    who: Un personnage historique\n", "    who: \"Un personnage: historique\"\n"),
        ("notes: |\n", "notes: |\n  Demandez: qui parle? Répondez!\n"),
        ("Un second paragraphe", "Un paragraphe: sans espace; vraiment?\n\nUn second paragraphe"),
    ],
    "chapters/02.md": [
        ("| 1905 | Un premier conseil se réunit | 40 |",
         "| 1905 | Un conseil: le premier! | 40 |"),
        (": Un tableau avec sa légende ;", ": Un tableau avec sa légende;"),
        ("l'*italique* peut souligner", "l'*italique*: peut souligner"),
    ],
}


def _edit(root: Path) -> None:
    for name, edits in EXTRA.items():
        path = root / name
        text = path.read_text(encoding="utf-8")
        for old, new in edits:
            assert old in text, (name, old)
            text = text.replace(old, new, 1)
        path.write_text(text, encoding="utf-8")


@pytest.fixture(scope="module")
def strings(tmp_path_factory: pytest.TempPathFactory) -> dict[str, list[str]]:
    """Every string of each output, by output."""
    root = tmp_path_factory.mktemp("fr") / "cours"
    assert main(["new", "--language", "fr", str(root)]) == 0
    _edit(root)
    lecture, warnings = load_lecture(root)
    assert not [w for w in warnings if w.severity == "error"], warnings
    files: dict[str, bytes] = {}
    for target in ("booklet", "deck", "slides"):
        files.update(render(lecture, target))
    out: dict[str, list[str]] = {}
    for name, data in files.items():
        if name.endswith(".pptx"):
            out[name] = list(_deck_strings(data))
        elif name.endswith(".pdf"):
            reader = pypdf.PdfReader(io.BytesIO(data))
            out[name] = [page.extract_text() or "" for page in reader.pages]
    return out


def _deck_strings(data: bytes) -> Iterator[str]:
    for slide in Presentation(io.BytesIO(data)).slides:
        for shape in slide.shapes:
            if shape.has_text_frame:
                yield shape.text_frame.text
            if getattr(shape, "has_table", False) and shape.has_table:
                for row in shape.table.rows:
                    for cell in row.cells:
                        yield cell.text
        if slide.has_notes_slide:
            yield slide.notes_slide.notes_text_frame.text


def _unspaced(text: str) -> list[str]:
    """The places in `text` where French wants a narrow no-break space and has none."""
    bad = []
    text = text.replace(URL, "").replace("10:30", "")
    for match in re.finditer(r"[;:!?»]", text):
        at = match.start()
        before = text[at - 1] if at else "\n"
        # A mark after another ('?!'), or at a line's start where the PDF's text broke.
        if before in NNBSP + ";:!?" or before == "\n":
            continue
        bad.append(text[max(0, at - 15):at + 5])
    for match in re.finditer("«", text):
        after = text[match.end():match.end() + 1]
        if after and after not in NNBSP + "\n":
            bad.append(text[match.start():match.end() + 15])
    return bad


def test_every_french_mark_has_its_narrow_space(strings: dict[str, list[str]]) -> None:
    assert {n.rsplit(".", 1)[-1] for n in strings} == {"pdf", "pptx"}
    for name, texts in strings.items():
        bad = [b for text in texts for b in _unspaced(text)]
        assert not bad, (name, bad)


def test_marks_typed_without_a_space_are_in_every_output(strings: dict[str, list[str]]) -> None:
    for name, texts in strings.items():
        joined = re.sub(r"\s+", " ", " ".join(texts).replace(NNBSP, "~"))
        if name.endswith(".pptx") or "slides" in name:
            assert "question~: pourquoi~?" in joined, name
            assert "conseil~: le premier~!" in joined, name
        if name.endswith(".pptx"):
            assert "Demandez~: qui parle~? Répondez~!" in joined, name
        if not name.endswith(".pptx") and "slides" not in name:
            assert "paragraphe~: sans espace~; vraiment~?" in joined, name
            assert "légende~;" in joined, name
            assert "italique~: peut" in joined, name


def test_urls_times_and_file_names_keep_their_marks(strings: dict[str, list[str]]) -> None:
    booklet = next(t for n, t in strings.items() if n.endswith(".pdf") and "slides" not in n)
    joined = "".join(booklet).replace("\u200b", "")
    assert "10:30" in joined
    assert "notes_2014.txt~!" in joined.replace(NNBSP, "~")
    assert re.sub(r"\s", "", URL) in re.sub(r"\s", "", joined)
