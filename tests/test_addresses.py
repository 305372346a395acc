"""Addresses and identifiers read back from the outputs: a URL, a DOI, a file name and a
name with underscores, in a narrow table column, in prose and among the sources, break only
after one of their separators and never gain a hyphen, in the booklet and in the deck."""

from __future__ import annotations

import io
import re

import pypdf
import pytest
from pptx import Presentation

from lectern.pipeline import render
from lectern.readers.lecture import load_lecture

FILE = "2014-01-31_Journal_Articles_notes.txt"
NAME = "donnees_derivees_traitees"
URL = "https://cran.r-project.org/web/packages/available_packages_by_name.html"
DOI = "https://doi.org/10.1371/journal.pone.0052963"
LONG = ("dossier_de_travail/sous_dossier/2014-01-31_Journal_Articles_notes_et_donnees_"
        "derivees_finales_version_relue_par_tous_les_auteurs.txt")
ADDRESSES = (FILE, NAME, URL, DOI, LONG)
# What a line may end with inside an address (lectern's rule, restated here).
SEPARATORS = "/.-_?&="

LECTURE = f"""\
title: Nommer ses fichiers
authors: [Une Autrice]
date: 2026-01-15
language: fr
chapters: [chapters/01.md]
sources:
  - title: Un guide
    url: {URL}
  - title: Un article
    url: {DOI}
"""
CHAPTER = f"""\
---
title: Des noms de fichiers
summary: Un nom par fichier.
notes: Lisez les noms à voix haute.
key_points:
  - "{LONG}"
---

Un fichier nommé {FILE} se range seul ; le dossier {NAME} aussi. Voir {URL} et {DOI} pour
les détails, et {LONG} pour un exemple entier.

| Fichier | Dossier | Remarque sur le contenu du fichier et du dossier |
| :--- | :--- | :--- |
| {FILE} | {NAME} | Un texte assez long pour que les deux premières colonnes restent étroites |
"""


@pytest.fixture(scope="module")
def outputs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, bytes]:
    root = tmp_path_factory.mktemp("addresses")
    (root / "chapters").mkdir()
    (root / "lecture.yaml").write_text(LECTURE, encoding="utf-8")
    (root / "chapters" / "01.md").write_text(CHAPTER, encoding="utf-8")
    lecture, problems = load_lecture(root)
    assert not [p for p in problems if p.severity == "error"], problems
    files: dict[str, bytes] = {}
    for target in ("booklet", "deck"):
        files.update(render(lecture, target))
    return files


def _texts(outputs: dict[str, bytes]) -> dict[str, str]:
    """Each output's text as a reader meets it, one line of print a line of text."""
    out: dict[str, str] = {}
    for name, data in outputs.items():
        if name.endswith(".pptx"):
            slides = Presentation(io.BytesIO(data)).slides
            texts = [shape.text_frame.text for slide in slides for shape in slide.shapes
                     if shape.has_text_frame]
            texts += [cell.text for slide in slides for shape in slide.shapes
                      if getattr(shape, "has_table", False)
                      for row in shape.table.rows for cell in row.cells]
        elif name.endswith(".pdf") and "print" not in name:
            texts = [p.extract_text() or "" for p in pypdf.PdfReader(io.BytesIO(data)).pages]
        else:
            continue
        out[name] = "\n".join(texts).replace("\v", "\n").replace("\u200b", "")
    return out


def _printed(text: str, address: str) -> list[str]:
    """Every place `address` is printed in `text`, its line breaks (with any hyphen added
    before them) kept."""
    between = r"(?:-?\n[ \t]*)?"
    pattern = between.join(re.escape(c) for c in address)
    return [m.group() for m in re.finditer(pattern, text)]


def test_addresses_break_only_after_a_separator(outputs: dict[str, bytes]) -> None:
    for name, text in _texts(outputs).items():
        broken = 0
        for address in ADDRESSES:
            places = _printed(text, address)
            assert places, (name, address)
            for place in places:
                for piece in place.split("\n")[:-1]:
                    broken += 1
                    piece = piece.rstrip()
                    assert piece[-1] in SEPARATORS, (name, address, place)
                    assert "".join(p.strip() for p in place.split("\n")) == address, \
                        (name, "a hyphen added", place)
        # The long path in prose and in a key point must have broken somewhere.
        assert broken >= 1, name


def test_no_line_ends_in_a_hyphen_added_to_an_address(outputs: dict[str, bytes]) -> None:
    """Table cells may be read in any order: every line's last word is checked alone."""
    for name, text in _texts(outputs).items():
        for line in text.split("\n"):
            words = line.split()
            if not words or not words[-1].endswith("-") or len(words[-1]) < 3:
                continue
            head = words[-1][:-1]
            for address in ADDRESSES:
                at = address.find(head)
                while at >= 0:
                    after = address[at + len(head):at + len(head) + 1]
                    assert after in ("-", ""), (name, line, address)
                    at = address.find(head, at + 1)
