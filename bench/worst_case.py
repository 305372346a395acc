"""Lectures at lectern's limits, built whole: time and peak memory of `check` and `build`.

Each kind of lecture stresses one family of limits at once, every chapter at its limits, with
as many chapters as keep the booklet within its page limit: tables, term references and
links, long words and runs of quote marks, quote marks in paragraphs, footnotes, pictures.
`--kind all` puts every family in each chapter. The promise measured: any lecture within the
limits builds every output in at most 60 s and 1 GiB on a two-core machine.

    python bench/worst_case.py --kind tables --chapters 12
    python bench/worst_case.py --all        (every kind, figures into bench/RESULTS.md)
"""

from __future__ import annotations

import argparse
import io
import json
import subprocess
import sys
import tempfile
import textwrap
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(HERE))

from run import machine  # noqa: E402

from lectern import limits  # noqa: E402

LECTERN = [sys.executable, "-m", "lectern"]
# A word with hyphenation points (every dictionary knows some), repeated to the word limit.
LONG = ("Pneumonoultramicroscopicsilicovolcanoconiosis" * 30)[:limits.MAX_WORD - 1]
GLOSSARY = min(limits.MAX_GLOSSARY, 500)


def _lines(words: list[str], width: int = 160) -> str:
    """`words` over lines of about `width` characters (under the line limit)."""
    lines, line = [], ""
    for word in words:
        if line and len(line) + len(word) + 1 > width:
            lines.append(line)
            line = ""
        line = f"{line} {word}" if line else word
    return "\n".join([*lines, line])


def tables(number: int) -> str:
    """Tables of the most columns, with as many rows and tables as the cell limits allow
    (per table, per chapter and, over the chapters so far, per lecture)."""
    columns = limits.MAX_TABLE_COLUMNS
    rows = min(limits.MAX_TABLE_ROWS, limits.MAX_TABLE_CELLS // columns - 1)
    cells = (rows + 1) * columns
    per_chapter = limits.MAX_CHAPTER_CELLS // cells
    before = (number - 1) * per_chapter * cells
    count = max(0, min(per_chapter, (limits.MAX_LECTURE_CELLS - before) // cells))
    out = []
    for table in range(count):
        head = "| " + " | ".join(f"H{c}" for c in range(columns)) + " |"
        rule = "|" + "---|" * columns
        body = ["| " + " | ".join(f"t{table}r{r}c{c}" for c in range(columns)) + " |"
                for r in range(rows)]
        out.append("\n".join([head, rule, *body]) + f"\n\nTable: Table {table} of {number}")
    return "\n\n".join(out) or "A chapter past the lecture's table cells."


def references(number: int) -> str:
    """The most glossary-term references and links a chapter may have, in as many chapters
    as the lecture's limits allow."""
    terms = _allowed(number, limits.MAX_TERMS, limits.MAX_LECTURE_TERMS)
    links = _allowed(number, limits.MAX_LINKS, limits.MAX_LECTURE_LINKS)
    mixed = [f"[term{k % GLOSSARY}]{{.term}}" for k in range(terms)] + [
        f"[site {k}](https://example.org/{number}/{k})" for k in range(links)]
    per = 200  # references per paragraph
    return "\n\n".join(_lines(mixed[i:i + per]) for i in range(0, len(mixed), per)) or \
        "A chapter past the lecture's references."


def _allowed(number: int, per_chapter: int, per_lecture: int) -> int:
    """How many of a thing chapter `number` may have when each chapter before it had the
    most allowed."""
    return max(0, min(per_chapter, per_lecture - (number - 1) * per_chapter))


def words(number: int) -> str:
    """Paragraphs of words at the word limit, and runs of quote marks as long."""
    per = limits.MAX_PARAGRAPH // (limits.MAX_WORD + 1)
    text = [_lines([LONG] * per, limits.MAX_LINE - limits.MAX_WORD) for _ in range(3)]
    runs = limits.MAX_QUOTE_MARKS // (limits.MAX_WORD - 1)  # runs a paragraph may hold
    text += [_lines(['"' * (limits.MAX_WORD - 1)] * runs) for _ in range(4)]
    return "\n\n".join(text)


def quotes(number: int) -> str:
    """Paragraphs with the most quote marks, unbalanced as a stack of openers."""
    marks = ['"so', "'it", 'was"', "sai'd"] * (limits.MAX_QUOTE_MARKS // 4)
    return "\n\n".join(_lines(marks) for _ in range(4))


def footnotes(number: int) -> str:
    """The most footnotes a chapter may have, each a sentence long."""
    calls = "\n\n".join(f"A claim that needs its source.[^{k}]"
                        for k in range(limits.MAX_FOOTNOTES))
    notes = "\n".join(f"[^{k}]: The source of claim {k}, with page and edition."
                      for k in range(limits.MAX_FOOTNOTES))
    return calls + "\n\n" + notes


def pictures(number: int) -> str:
    """A figure of a picture at the pixel limit, a different one in every chapter."""
    return f'![A picture at the pixel limit](../images/large{number}.png){{credit="Benchmark"}}'


def slides(number: int) -> str:
    """A short body: the chapter's slides come from its front matter, at its limits."""
    return "A chapter whose slides are its key points, quotes and questions."


def everything(number: int) -> str:
    return "\n\n".join(make(number) for make in (tables, references, words, quotes, footnotes,
                                                  pictures))


KINDS: dict[str, Callable[[int], str]] = {
    "tables": tables, "references": references, "words": words, "quotes": quotes,
    "footnotes": footnotes, "pictures": pictures, "slides": slides, "all": everything}


def front(number: int) -> str:
    points = "".join(f"  - Point {k} of chapter {number}, said in a short line\n"
                     for k in range(limits.MAX_KEY_POINTS))
    questions = "".join(f"  - Question {k}, what does it mean?\n"
                        for k in range(limits.MAX_QUESTIONS))
    quotes = "".join(f"  - {{text: Words quoted {k}, who: Someone, work: A work, year: 1917}}\n"
                     for k in range(limits.MAX_QUOTES))
    return (f"---\ntitle: Chapter {number} at the limits\nsummary: Everything at once.\n"
            f"key_points:\n{points}questions:\n{questions}quotes:\n{quotes}notes: |\n  "
            + "Speaker notes. " * 60 + "\n---\n\n")


def make_lecture(folder: Path, kind: str, chapters: int) -> Path:
    """A lecture of `chapters` chapters of `kind` in `folder`."""
    root = folder / f"worst-{kind}-{chapters}"
    (root / "chapters").mkdir(parents=True)
    (root / "images").mkdir()
    names = []
    for number in range(1, chapters + 1):
        if kind in ("pictures", "all"):
            (root / "images" / f"large{number}.png").write_bytes(_large_png(number))
        name = f"chapters/{number:03d}.md"
        (root / name).write_text(front(number) + KINDS[kind](number) + "\n", encoding="utf-8")
        names.append(name)
    glossary = "".join(f"  - {{term: term{k}, definition: The meaning of term {k}.}}\n"
                       for k in range(GLOSSARY))
    (root / "lecture.yaml").write_text(textwrap.dedent("""\
        title: A Lecture at the Limits
        authors: [Benchmark]
        date: 2017-11-07
        language: en
        chapters:
        """) + "".join(f"  - {n}\n" for n in names) + "glossary:\n" + glossary,
        encoding="utf-8")
    return root


def _large_png(number: int) -> bytes:
    """A PNG at the pixel limit that stays under the byte limit (smooth bands of colour),
    different for each `number`."""
    from PIL import Image

    side = int(limits.MAX_IMAGE_PIXELS ** 0.5)
    image = Image.linear_gradient("L").resize((side, side)).convert("RGB")
    image.putpixel((number, number), (255, 0, 0))
    out = io.BytesIO()
    image.save(out, "PNG", optimize=False)
    return out.getvalue()


@dataclass
class Run:
    seconds: float
    cpu: float
    peak_mib: float
    code: int
    last_line: str


# Runs a command and prints its children's resource use: the figures of that command's
# process tree alone (`build` renders outputs in processes of their own).
WRAPPER = """
import json, resource, subprocess, sys, time
started = time.perf_counter()
proc = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
usage = resource.getrusage(resource.RUSAGE_CHILDREN)
print(json.dumps([time.perf_counter() - started, usage.ru_utime + usage.ru_stime,
                  usage.ru_maxrss / 1024, proc.returncode,
                  proc.stderr.decode(errors="replace").strip().splitlines()[-1:]]))
"""


def timed(command: list[str]) -> Run:
    """Wall and CPU time, the largest process's peak memory and the exit code of `command`."""
    out = subprocess.run([sys.executable, "-c", WRAPPER, *command], capture_output=True,
                         text=True, check=True).stdout
    seconds, cpu, peak, code, last = json.loads(out)
    return Run(seconds, cpu, peak, code, (last or [""])[0][:160])


def measure_kind(folder: Path, kind: str, chapters: int) -> list[str]:
    """Check and build one lecture; a table row per command."""
    root = make_lecture(folder, kind, chapters)
    size = sum(p.stat().st_size for p in root.rglob("*.md")) / 1e6
    rows = []
    out = folder / f"out-{kind}"
    for what, command in (("check", [*LECTERN, "check", str(root)]),
                          ("build", [*LECTERN, "build", str(root), "--force", "--out",
                                     str(out)])):
        run = timed(command)
        pages = _pages(out) if what == "build" else ""
        rows.append(f"| {kind} | {chapters} | {size:.1f} MB | {what} | {run.seconds:.1f} s | "
                    f"{run.cpu:.1f} s | {run.peak_mib:.0f} MiB | {run.code} | "
                    f"{run.last_line.replace('|', '/')} | {pages} |")
        print(rows[-1], flush=True)
    return rows


def _pages(out: Path) -> str:
    import pypdf

    counts = []
    for pdf in sorted(out.glob("*.pdf")) if out.exists() else ():
        counts.append(f"{pdf.stem.rsplit('-', 1)[-1]} {len(pypdf.PdfReader(pdf).pages)}")
    return ", ".join(counts)


# Chapters of each kind: as many as the lecture's limits allow (tables, references), or as
# make about the booklet's page limit (words, quotes, footnotes).
SIZES = {"tables": 2, "references": 4, "words": 5, "quotes": 24, "footnotes": 10,
         "pictures": 10, "slides": 36, "all": 4}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--kind", choices=sorted(KINDS), default="all")
    parser.add_argument("--chapters", type=int, default=0, help="default: per kind")
    parser.add_argument("--all", action="store_true", help="every kind, at its size")
    parser.add_argument("--keep", type=Path, help="make the lectures here and keep them")
    args = parser.parse_args()
    kinds = sorted(KINDS) if args.all else [args.kind]
    print(f"Machine: {machine()}\n")
    print("| kind | chapters | chapter text | command | wall | CPU | peak memory | exit | "
          "last line | pages |")
    print("|---|---:|---:|---|---:|---:|---:|---:|---|---|")
    with tempfile.TemporaryDirectory() as scratch:
        folder = args.keep or Path(scratch)
        folder.mkdir(parents=True, exist_ok=True)
        for kind in kinds:
            measure_kind(folder, kind, args.chapters or SIZES[kind])


if __name__ == "__main__":
    main()
