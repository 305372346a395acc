"""Benchmark lectern against its floors and its peers; print figures and write bench/RESULTS.md.

Run with `make bench`. Nothing here is a test: CI times nothing.
"""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import textwrap
import time
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
PYTHON = sys.executable
DEFAULT = 0  # in --sizes: the default lecture (source/) instead of a synthetic one
SIZES = (DEFAULT, 6, 60, 300)

PARAGRAPHS = (
    "The council met in the evening, and the delegates argued until the lamps burned low. "
    "Each speaker was given ten minutes, and each used twenty; the chairman rang his bell "
    "in vain, and the resolution was carried at last by a show of hands.",
    "Outside, the streets were full of people who had come to hear the news. Some carried "
    "banners, others bread, and a few had brought their children to see what a new world "
    "looked like on its first day.",
    "Власть принадлежит Советам: the phrase was painted on cloth and carried through the "
    "city, and those who read it understood it in more than one way, as slogans often are.",
    "Historians still disagree about what the vote meant. For some it was the moment a "
    "minority seized its chance; for others, the moment a majority found its voice.",
    "A footnote marks the source of the figures, which come from the reports of the "
    "congress itself and were printed in the newspapers of the following week.[^1]",
)


def _chapter_md(number: int) -> str:
    quote_id = f"q{number}"
    body = "\n\n".join(PARAGRAPHS)
    return textwrap.dedent(f"""\
        ---
        title: Chapter {number} of the synthetic lecture
        summary: A chapter of ordinary length, made for measuring.
        key_points:
          - The council meets and argues
          - The street waits for the news
          - The slogan means more than one thing
        quotes:
          - id: {quote_id}
            text: All power to the soviets!
            original: Вся власть Советам!
            original_language: ru
            who: A banner
            work: Demonstration in Petrograd
            year: 1917
        notes: |
          Read the chapter's argument aloud and ask the room what the vote meant.
        questions:
          - What did the vote mean?
        ---

        """) + body + textwrap.dedent(f"""

        ::: quote {quote_id}
        :::

        - the first point of a list;
        - the second point;
        - the third point.

        [^1]: Reports of the congress, chapter {number}.
        """)


def make_lecture(folder: Path, chapters: int) -> Path:
    """A lecture in lectern's format with `chapters` chapters."""
    root = folder / f"lecture-{chapters}"
    (root / "chapters").mkdir(parents=True)
    names = []
    for number in range(1, chapters + 1):
        name = f"chapters/{number:03d}.md"
        (root / name).write_text(_chapter_md(number), encoding="utf-8")
        names.append(name)
    listing = "\n".join(f"  - {n}" for n in names)
    (root / "lecture.yaml").write_text(textwrap.dedent("""\
        title: Synthetic Lecture
        authors: [Benchmark]
        date: 2017-11-07
        language: en
        chapters:
        """) + listing + "\n", encoding="utf-8")
    return root


def make_markdown(folder: Path, chapters: int) -> Path:
    """The same content as one plain Markdown file, for the peers."""
    parts = ["% Synthetic Lecture\n% Benchmark\n"]
    for number in range(1, chapters + 1):
        body = "\n\n".join(PARAGRAPHS).replace("[^1]", f"[^c{number}]")
        parts.append(f"# Chapter {number} of the synthetic lecture\n\n{body}\n\n"
                     "> All power to the soviets! (Вся власть Советам!)\n\n"
                     "- the first point of a list;\n- the second point;\n- the third point.\n\n"
                     f"[^c{number}]: Reports of the congress, chapter {number}.\n\n"
                     "::: notes\nRead the chapter's argument aloud.\n:::\n")
    path = folder / f"plain-{chapters}.md"
    path.write_text("\n".join(parts), encoding="utf-8")
    return path


@dataclass
class Timing:
    median: float
    runs: list[float]
    peak_mib: float
    cpu: list[float]  # user + system seconds of each run: what a busy machine blurs least


def measure_pair(first: list[str], second: list[str], repeats: int) -> tuple[Timing, Timing]:
    """Both commands measured in alternation, so that a slow spell of the machine (a
    shared virtual machine has them) weighs on both alike and their ratio holds."""
    first_timing, second_timing = measure_rounds([first, second], repeats)
    return first_timing, second_timing


def measure_rounds(commands: list[list[str]], repeats: int) -> list[Timing]:
    """Each command once a round, `repeats` rounds: their ratios hold through a slow spell."""
    runs: list[list[Timing]] = [[] for _ in commands]
    for _ in range(repeats):
        for command, timings in zip(commands, runs, strict=True):
            timings.append(measure(command, 1))
    return [_merge(timings) for timings in runs]


def _merge(timings: list[Timing]) -> Timing:
    times = [t.median for t in timings]
    return Timing(statistics.median(times), times, max(t.peak_mib for t in timings),
                  [c for t in timings for c in t.cpu])


def measure(command: list[str], repeats: int) -> Timing:
    """Median wall time of `command` over `repeats` runs, and its peak memory."""
    runs, peaks, cpu = [], [], []
    for _ in range(repeats):
        started = time.perf_counter()
        proc = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        _, status, usage = os.wait4(proc.pid, 0)
        runs.append(time.perf_counter() - started)
        proc.returncode = os.waitstatus_to_exitcode(status)
        if proc.returncode != 0:
            err = proc.stderr.read().decode() if proc.stderr else ""
            raise SystemExit(f"failed: {' '.join(command)}\n{err}")
        peaks.append(usage.ru_maxrss / 1024)
        cpu.append(usage.ru_utime + usage.ru_stime)
    return Timing(statistics.median(runs), runs, max(peaks), cpu)


# The floor: WeasyPrint laying out lectern's final HTML once with the same stylesheets and
# PDF variant, and nothing else (no checks, no footnote pass, no Notes pages, no imposition).
FLOOR_PDF = """\
import sys
from pathlib import Path
from weasyprint import CSS, HTML
from weasyprint.text.fonts import FontConfiguration
from lectern import fonts
from lectern.paths import DEFAULT_LAYOUT
from lectern.readers.lecture import load_lecture
from lectern.writers.booklet_html import page_css
html_path, out, root = sys.argv[1], sys.argv[2], Path(sys.argv[3])
lecture, _ = load_lecture(root)
config = FontConfiguration()
base = root.resolve().as_uri() + "/"
sheets = [CSS(string=fonts.font_face_css(), base_url=base, font_config=config),
          CSS(string=page_css(lecture), base_url=base, font_config=config),
          CSS(filename=str(DEFAULT_LAYOUT / "booklet" / "booklet.css"), font_config=config)]
HTML(filename=html_path, base_url=base).write_pdf(
    out, stylesheets=sheets, font_config=config, pdf_variant="pdf/ua-1")
"""

FLOOR_PPTX = """\
import sys
from pptx import Presentation
from pptx.util import Inches, Pt
chapters = int(sys.argv[1])
prs = Presentation()
prs.slide_width, prs.slide_height = Inches(13.333), Inches(7.5)
layout = prs.slide_layouts[6]
def slide(title, body, notes):
    s = prs.slides.add_slide(layout)
    box = s.shapes.add_textbox(Inches(0.8), Inches(0.5), Inches(11.7), Inches(1.2))
    box.text_frame.text = title
    box = s.shapes.add_textbox(Inches(0.8), Inches(2), Inches(11.7), Inches(4.5))
    for line in body:
        p = box.text_frame.add_paragraph(); p.text = line; p.font.size = Pt(28)
    s.notes_slide.notes_text_frame.text = notes
for n in range(1, chapters + 1):
    slide(f"Chapter {n} of the synthetic lecture", ["A chapter of ordinary length."], "Notes.")
    slide("Key points", ["The council meets and argues", "The street waits for the news",
          "The slogan means more than one thing"], "Read the chapter's argument aloud.")
    slide("All power to the soviets!", ["Вся власть Советам!", "— A banner, 1917"], "A banner.")
    slide("Discussion", ["What did the vote meant?"], "Ask the room.")
prs.save(sys.argv[2])
"""

A5_CSS = "@page { size: A5; margin: 18mm 14mm 20mm 18mm } body { font: 10.5pt/1.4 serif }\n"


def pages_and_slides(out: Path) -> tuple[int, int]:
    import pypdf
    from pptx import Presentation

    pdf = next(p for p in out.glob("*.pdf")
               if not p.name.endswith(("-print.pdf", "-slides.pdf", "-handout.pdf")))
    deck = next(out.glob("*.pptx"))
    return len(pypdf.PdfReader(pdf).pages), len(Presentation(str(deck)).slides)


def run(sizes: tuple[int, ...], repeats: int, work: Path) -> list[str]:
    lectern = [PYTHON, "-m", "lectern", "build", "--quiet", "--force"]
    rows: list[str] = []
    floor_pdf = work / "floor_pdf.py"
    floor_pdf.write_text(FLOOR_PDF)
    floor_pptx = work / "floor_pptx.py"
    floor_pptx.write_text(FLOOR_PPTX)
    (work / "a5.css").write_text(A5_CSS)
    pandoc = shutil.which("pandoc")
    for size in sizes:
        if size == DEFAULT:  # the lecture that ships in source/, with its images
            lecture = work / "default"
            shutil.copytree(ROOT / "source", lecture)
            size = len(list((lecture / "chapters").glob("*.md")))
            plain = make_markdown(work, size)
            label = f"default ({size})"
        else:
            lecture = make_lecture(work, size)
            plain = make_markdown(work, size)
            label = str(size)
        out = work / f"out-{label}"
        n = repeats if size < 300 else max(2, repeats // 2)
        measure([*lectern, str(lecture), "--out", str(out), "--keep-html"], 1)  # warm caches
        both = measure([*lectern, str(lecture), "--out", str(out), "--keep-html"], n)
        noop = measure([PYTHON, "-m", "lectern", "build", "--quiet", str(lecture), "--out",
                        str(out), "--keep-html"], n)
        pages, slides = pages_and_slides(out)
        html = next(out.glob("*.html"))
        # The booklet, its floor, the slides PDF and the handout in alternation: the slides
        # PDF's and the handout's ratios to the booklet hold as the floor's does.
        booklet, pdf_floor, slides_pdf, handout = measure_rounds([
            [*lectern, str(lecture), "--out", str(work / f"b-{label}"), "--only", "booklet"],
            [PYTHON, str(floor_pdf), str(html), str(work / "floor.pdf"), str(lecture)],
            [*lectern, str(lecture), "--out", str(work / f"s-{label}"), "--only", "slides"],
            [*lectern, str(lecture), "--out", str(work / f"h-{label}"), "--only", "handout"],
        ], n)
        deck, pptx_floor = measure_pair(
            [*lectern, str(lecture), "--out", str(work / f"d-{label}"), "--only", "deck"],
            [PYTHON, str(floor_pptx), str(size), str(work / "floor.pptx")], n)
        row = {
            "chapters": label, "pages": pages, "slides": slides,
            "booklet": booklet, "deck": deck, "both": both, "noop": noop,
            "pdf_floor": pdf_floor, "pptx_floor": pptx_floor,
            "slides_pdf": slides_pdf, "handout": handout,
        }
        peers: dict[str, Timing | None] = {"pandoc_pptx": None, "pandoc_pdf": None}
        if pandoc:
            peers["pandoc_pptx"] = measure([pandoc, str(plain), "-o", str(work / "p.pptx")], n)
            peers["pandoc_pdf"] = _pandoc_pdf(pandoc, plain, work, n)
        rows.append(_format_row(row, peers))
        print(rows[-1], flush=True)
    return rows


def _pandoc_pdf(pandoc: str, plain: Path, work: Path, n: int) -> Timing | None:
    """pandoc → HTML → WeasyPrint with an A5 stylesheet (pandoc's own --pdf-engine path)."""
    shim = work / "weasyprint"
    shim.write_text(f"#!{PYTHON}\nfrom weasyprint.__main__ import main\nmain()\n")
    shim.chmod(0o755)
    env_path = f"{work}:{os.environ.get('PATH', '')}"
    command = ["env", f"PATH={env_path}", pandoc, str(plain), "--pdf-engine=weasyprint",
               "-c", str(work / "a5.css"), "-o", str(work / "p.pdf")]
    try:
        return measure(command, n)
    except SystemExit:
        return None


def _format_row(row: dict[str, object], peers: dict[str, Timing | None]) -> str:
    def t(key: str) -> Timing:
        value = row[key]
        assert isinstance(value, Timing)
        return value

    booklet, deck, both, noop = t("booklet"), t("deck"), t("both"), t("noop")
    pdf_floor, pptx_floor = t("pdf_floor"), t("pptx_floor")
    slides_pdf, handout = t("slides_pdf"), t("handout")
    pages, slides = int(str(row["pages"])), int(str(row["slides"]))
    peer = " | ".join(f"{v.median:.2f} s" if v else "n/a" for v in peers.values())
    # Each round ran the booklet and its floor back to back: the spread of their ratios.
    rounds = [b / f for b, f in zip(booklet.runs, pdf_floor.runs, strict=True)]
    cpu = statistics.median(booklet.cpu) / statistics.median(pdf_floor.cpu)
    return (f"| {row['chapters']} | {pages} | {slides} | {booklet.median:.2f} s "
            f"({booklet.median / pdf_floor.median:.2f}×; rounds {min(rounds):.2f}–"
            f"{max(rounds):.2f}×; CPU time {cpu:.2f}×) | {pdf_floor.median:.2f} s | "
            f"{deck.median:.2f} s ({deck.median / pptx_floor.median:.2f}×) | "
            f"{pptx_floor.median:.2f} s | {_times(slides_pdf, booklet)} | "
            f"{_times(handout, booklet)} | {_times(both, booklet)} | "
            f"{noop.median:.2f} s | {pages / booklet.median:.0f} | {slides / deck.median:.0f} | "
            f"{slides / slides_pdf.median:.0f} | "
            f"{' / '.join(f'{x.peak_mib:.0f}' for x in (booklet, deck, slides_pdf, handout, both))}"
            f" MiB | {peer} |")


def _times(output: Timing, booklet: Timing) -> str:
    """An output's median time and its ratio to the booklet's."""
    return f"{output.median:.2f} s ({output.median / booklet.median:.2f}×)"


HEADER = ("| chapters | pages | slides | booklet (× floor) | WeasyPrint floor | deck (× floor) | "
          "python-pptx floor | slides PDF (× booklet) | handout (× booklet) | "
          "every output (× booklet) | no-op rebuild | pages/s | slides/s | slides-PDF pages/s | "
          "peak memory: booklet / deck / slides PDF / handout / every output | "
          "pandoc → pptx | pandoc → PDF (WeasyPrint) |\n"
          "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")


def machine() -> str:
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    memory = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
    return (f"{cpu}, {os.cpu_count()} cores, {memory:.0f} GiB, {platform.system()} "
            f"{platform.release()}, Python {platform.python_version()}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sizes", type=int, nargs="*", default=list(SIZES),
                        help="chapters of each synthetic lecture; 0 is the default lecture")
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--results", type=Path, default=HERE / "RESULTS.md")
    parser.add_argument("--note", default="", help="a sentence on the conditions of the run")
    args = parser.parse_args()
    # As an installed lectern runs: its bytecode compiled (pip compiles a wheel's modules; a
    # machine that sets PYTHONDONTWRITEBYTECODE would otherwise compile them at every start).
    subprocess.run([PYTHON, "-m", "compileall", "-q", str(ROOT / "lectern")], check=True)
    print(HEADER)
    load_before = os.getloadavg()[0]
    with tempfile.TemporaryDirectory(prefix="lectern-bench-") as tmp:
        rows = run(tuple(args.sizes), args.repeats, Path(tmp))
    load = f"load average {load_before:.1f} at the start, {os.getloadavg()[0]:.1f} at the end"
    args.results.write_text(
        "# Benchmark results\n\n"
        f"Machine: {machine()}; {load}.{' ' + args.note if args.note else ''}\n\n"
        f"Medians of {args.repeats} runs (at least two, and half as many, at 300 chapters); "
        "every lectern run is a fresh process with `--force`, except the no-op rebuild; each "
        "output and its floor are run in alternation, so that the ratio holds when the "
        "machine has a slow spell (the booklet, its floor, the slides PDF and the handout "
        "take turns in each round). Floors: WeasyPrint "
        "rendering lectern's own HTML; a bare python-pptx script writing the same number "
        "of chapters' slides with notes.\n\n" + HEADER + "\n" + "\n".join(rows) + "\n",
        encoding="utf-8")
    print(f"wrote {args.results}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
