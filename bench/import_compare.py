"""Compare `lectern import` with pandoc's PowerPoint reader (`pandoc -f pptx -t markdown`) on
the same decks: speaker notes, emphasis, reading order, tables, pictures and time.

Run with `.venv/bin/python bench/import_compare.py [PANDOC]`. PANDOC is a pandoc of 3.8.3 or
later (the first with a pptx reader); without one, `pandoc` on the PATH is used when it reads
pptx, and the pandoc column says so when it does not. A pandoc that reads pptx installs from
PyPI as `pip install pypandoc-binary==1.17` (pandoc 3.9; the binary is under
pypandoc/files/). Every measure is taken from the deck with python-pptx, not with lectern's
reader, and looked for in each tool's output text. docs/import.md records the table.
"""

from __future__ import annotations

import itertools
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(ROOT))

from pptx import Presentation  # noqa: E402
from pptx.enum.shapes import MSO_SHAPE_TYPE  # noqa: E402
from pptx.util import Inches  # noqa: E402

from tests.test_import import PANDOC as PANDOC_SOURCE  # noqa: E402
from tests.test_import import make_deck  # noqa: E402

PYTHON = sys.executable
ROW = Inches(0.25)  # shapes whose tops are this close are one row


def norm(text: str) -> str:
    return " ".join(text.replace("\u00a0", " ").replace("\u202f", " ").split())


def decks(folder: Path, pandoc: str) -> dict[str, Path]:
    """The decks compared: lectern's own, one python-pptx builds, one pandoc writes."""
    out = folder / "lectern-out"
    subprocess.run([PYTHON, "-m", "lectern", "build", str(ROOT / "source"), "--out", str(out),
                    "--only", "deck", "--quiet"], check=True)
    found = {"lectern's default lecture": next(out.glob("*.pptx"))}
    mixed = folder / "mixed.pptx"
    make_deck(mixed)
    found["python-pptx: columns, group, chart, SmartArt, video, quote, table, picture"] = mixed
    writer = shutil.which("pandoc") or pandoc
    if writer:
        source = folder / "talk.md"
        source.write_text(PANDOC_SOURCE, encoding="utf-8")
        written = folder / "pandoc.pptx"
        subprocess.run([writer, str(source), "-o", str(written)], check=True)
        found["written by pandoc"] = written
    return found


# --- what the deck holds, read with python-pptx ---------------------------------------------


def notes_of(prs: Presentation) -> list[str]:
    out = []
    for slide in prs.slides:
        if slide.has_notes_slide:
            out.extend(norm(p.text) for p in slide.notes_slide.notes_text_frame.paragraphs
                       if norm(p.text))
    return sorted(set(out))


def emphasis_of(prs: Presentation) -> list[str]:
    out = []
    for slide in prs.slides:
        for shape in slide.shapes:
            if not shape.has_text_frame or (shape.is_placeholder and
                                            shape.placeholder_format.type in (1, 3)):
                continue  # titles are bold by their style
            for para in shape.text_frame.paragraphs:
                for run in para.runs:
                    if (run.font.bold or run.font.italic) and len(norm(run.text)) >= 3:
                        out.append(norm(run.text))
    return out


def order_pairs(prs: Presentation) -> list[tuple[str, str]]:
    """Neighbouring texts of a slide in reading order (rows top to bottom, left to right)."""
    pairs = []
    for slide in prs.slides:
        shapes = [s for s in slide.shapes if s.has_text_frame and norm(s.text_frame.text)
                  and s.top is not None and 0 <= s.left < prs.slide_width]
        rows: list[list] = []
        for shape in sorted(shapes, key=lambda s: (s.top, s.left)):
            if rows and abs(shape.top - rows[-1][0].top) <= ROW:
                rows[-1].append(shape)
            else:
                rows.append([shape])
        ordered = [s for row in rows for s in sorted(row, key=lambda s: s.left)]
        texts = [norm(s.text_frame.paragraphs[0].text) or norm(s.text_frame.text)
                 for s in ordered]
        texts = [t for t in texts if len(t) >= 8 and not t.isdigit()]
        pairs.extend(itertools.pairwise(texts))
    return pairs


def table_rows(prs: Presentation) -> list[list[str]]:
    rows = []
    for slide in prs.slides:
        for shape in slide.shapes:
            if shape.has_table:
                rows.extend([norm(c.text) for c in row.cells] for row in shape.table.rows)
    return rows


def pictures_of(prs: Presentation) -> int:
    count = 0
    for slide in prs.slides:
        for shape in slide.shapes:
            if shape.shape_type in (MSO_SHAPE_TYPE.PICTURE, MSO_SHAPE_TYPE.CHART):
                count += 1
    return count


# --- what each tool wrote ----------------------------------------------------------------


def lectern_output(deck: Path, folder: Path) -> str:
    target = folder / f"lectern-{deck.stem}"
    shutil.rmtree(target, ignore_errors=True)
    subprocess.run([PYTHON, "-m", "lectern", "import", str(deck), str(target)],
                   check=True, capture_output=True)
    files = [target / "lecture.yaml", *sorted((target / "chapters").glob("*.md"))]
    return "\n".join(f.read_text(encoding="utf-8") for f in files)


def pandoc_output(pandoc: str) -> Callable[[Path, Path], str]:
    def run(deck: Path, folder: Path) -> str:
        done = subprocess.run([pandoc, "-f", "pptx", "-t", "markdown", "--wrap=none",
                               str(deck)], check=True, capture_output=True, text=True)
        return done.stdout
    return run


def score(deck: Path, text: str) -> dict[str, str]:
    prs = Presentation(str(deck))
    flat = norm(text)
    notes = notes_of(prs)
    # A note of the form "head: text" counts as kept when its text is (a timeline's detail).
    found_notes = sum(n in flat or (n.partition(": ")[2] in flat and ": " in n) for n in notes)
    emph = emphasis_of(prs)
    marked = sum(bool(re.search(r"(\*\*|\*|_)\s*" + re.escape(e) + r"\s*(\*\*|\*|_)", flat))
                 for e in emph)
    pairs = order_pairs(prs)
    # Order is judged on the pairs a tool kept both texts of, each written once.
    both = [(a, b) for a, b in pairs if a != b and flat.count(a) == 1 and flat.count(b) == 1]
    in_order = sum(flat.find(a) < flat.find(b, flat.find(a) + 1) for a, b in both)
    rows = table_rows(prs)
    lines = [norm(line) for line in text.splitlines()]
    kept_rows = sum(any(_in_order(line, row) for line in lines) for row in rows)
    pictures = pictures_of(prs)
    shown = len(re.findall(r"!\[", text))
    return {"notes": f"{found_notes}/{len(notes)}", "emphasis": f"{marked}/{len(emph)}",
            "reading order": f"{in_order}/{len(both)}", "table rows": f"{kept_rows}/{len(rows)}",
            "pictures": f"{min(shown, pictures)}/{pictures}"}


def _in_order(line: str, cells: list[str]) -> bool:
    at = 0
    for cell in cells:
        found = line.find(cell, at)
        if found < 0:
            return False
        at = found + len(cell)
    return "|" in line or len(cells) > 1


def timed(run: Callable[[Path, Path], str], deck: Path, folder: Path) -> tuple[str, float]:
    times, text = [], ""
    for _ in range(3):
        started = time.perf_counter()
        text = run(deck, folder)
        times.append(time.perf_counter() - started)
    return text, statistics.median(times)


def pptx_pandoc(given: str) -> tuple[str, str]:
    """A pandoc that reads pptx, and its version; or "" and why there is none."""
    for candidate in (given, shutil.which("pandoc") or ""):
        if not candidate:
            continue
        formats = subprocess.run([candidate, "--list-input-formats"], capture_output=True,
                                 text=True, check=False).stdout.split()
        version = subprocess.run([candidate, "--version"], capture_output=True, text=True,
                                 check=False).stdout.splitlines()[0]
        if "pptx" in formats:
            return candidate, version
        reason = f"{version} has no pptx reader (pandoc 3.8.3 added it)"
    return "", reason if given or shutil.which("pandoc") else "no pandoc found"


def main() -> None:
    pandoc, about = pptx_pandoc(sys.argv[1] if len(sys.argv) > 1 else "")
    keys = ("notes", "emphasis", "reading order", "table rows", "pictures")
    print(f"pandoc: {about}\n")
    print("| deck | tool | " + " | ".join(keys) + " | time |")
    print("| --- | --- | " + " | ".join("---:" for _ in keys) + " | ---: |")
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        for label, deck in decks(folder, pandoc).items():
            tools: list[tuple[str, Callable[[Path, Path], str]]] = [("lectern import",
                                                                     lectern_output)]
            if pandoc:
                tools.append((f"pandoc {about.split()[1]}", pandoc_output(pandoc)))
            for tool, run in tools:
                text, seconds = timed(run, deck, folder)
                got = score(deck, text)
                print(f"| {label} | {tool} | " + " | ".join(got[k] for k in keys)
                      + f" | {seconds:.2f} s |")


if __name__ == "__main__":
    main()
