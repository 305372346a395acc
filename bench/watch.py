"""Time `lectern watch`: one chapter edited, then the new booklet and print file; memory over edits.

Run with `make bench` (after bench/run.py) or `.venv/bin/python bench/watch.py`. For each
lecture a fresh process does what `lectern watch` does (the booklet renders in it and keeps
its laid-out parts; the deck renders in a helper process) and edits one chapter's prose again
and again; each edit is one build, timed from the read of the lecture to the files written.
In alternation with it, a full booklet build (`lectern build --only booklet --force`) is
timed, so that a slow spell of a shared machine weighs on both. Nothing here is a test.
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(HERE))

from run import PYTHON, machine, make_lecture, measure  # noqa: E402


def _prose_line(text: str) -> int:
    """The index of the first line of prose after the chapter's front matter."""
    lines = text.split("\n")
    fences = [i for i, line in enumerate(lines) if line.strip() == "---"]
    start = fences[1] + 1 if len(fences) > 1 and fences[0] == 0 else 0
    for index in range(start, len(lines)):
        line = lines[index].strip()
        if line and line[0].isalpha():
            return index
    raise SystemExit("no prose line in the chapter")


def _chapter_file(lecture: Path) -> Path:
    """The middle chapter's file (the lecture lists its chapters in order)."""
    files = sorted((lecture / "chapters").glob("*.md"))
    return files[len(files) // 2]


def child(lecture: Path, out: Path, edits: int) -> None:
    """Build as watch does, then edit one chapter `edits` times; print one JSON line per build."""
    from concurrent.futures import ProcessPoolExecutor

    from lectern.cli import COLLECT_EVERY
    from lectern.pipeline import Reuse, build, preload
    from lectern.writers.booklet import kept_renderer

    gc.set_threshold(*COLLECT_EVERY)  # as the `lectern` program sets it
    pool = ProcessPoolExecutor(max_workers=1)
    pool.submit(preload).result()
    preload(keep=True)
    reuse = Reuse()
    chapter = _chapter_file(lecture)
    original = chapter.read_text(encoding="utf-8")
    lines = original.split("\n")
    at = _prose_line(original)
    try:
        for number in range(edits + 1):
            if number:
                edited = list(lines)
                edited[at] = f"{edited[at]} A revision, number {number}."
                chapter.write_text("\n".join(edited), encoding="utf-8")
            said: list[str] = []
            started = time.perf_counter()
            build(lecture, out, force=not number, executor=pool, reuse=reuse,
                  progress=lambda step, _, said=said: said.append(step))
            seconds = time.perf_counter() - started
            gc.collect()  # as `lectern watch` does once the files are written
            stats = kept_renderer().stats  # type: ignore[union-attr]
            print(json.dumps({
                "edit": number, "seconds": seconds, "pages": stats.pages,
                "laid_out": stats.laid_out, "reused": stats.reused, "parts": stats.parts,
                "steps": stats.seconds, "rss_mib": _rss_mib(),
                "deck_kept": any(s.startswith("deck: what it reads") for s in said),
                "replayed": stats.replayed,
            }), flush=True)
    finally:
        chapter.write_text(original, encoding="utf-8")
        pool.shutdown()


def _rss_mib() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


def _run_child(lecture: Path, out: Path, edits: int) -> list[dict[str, object]]:
    command = [PYTHON, str(Path(__file__).resolve()), "--child", str(lecture), str(out),
               str(edits)]
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise SystemExit(f"failed: {' '.join(command)}\n{done.stderr}")
    return [json.loads(line) for line in done.stdout.splitlines() if line.startswith("{")]


def scenario(name: str, lecture: Path, work: Path, edits: int, rounds: int) -> str:
    """Alternate full booklet builds with watch sessions; a line of the results table."""
    full_command = [PYTHON, "-m", "lectern", "build", "--quiet", "--force", "--only",
                    "booklet", str(lecture), "--out", str(work / f"full-{name}")]
    measure(full_command, 1)  # warm-up
    fulls, builds = [], []
    for _ in range(rounds):
        fulls.append(measure(full_command, 1).median)
        builds.extend(_run_child(lecture, work / f"watch-{name}", edits))
    edited = [b for b in builds if b["edit"]]
    times = [float(str(b["seconds"])) for b in edited]
    full = statistics.median(fulls)
    edit = statistics.median(times)
    laid = statistics.median(int(str(b["laid_out"])) for b in edited)
    first = next(b for b in builds if not b["edit"])
    rss = [float(str(b["rss_mib"])) for b in builds if b["edit"]]
    half = len(rss) // 2
    deck = sum(bool(b["deck_kept"]) for b in edited)
    return (f"| {name} | {first['pages']} | {full:.2f} s ({min(fulls):.2f}–{max(fulls):.2f}) "
            f"| {edit:.2f} s ({min(times):.2f}–{max(times):.2f}) | {edit / full:.0%} "
            f"| {first['laid_out']} | {laid:.0f} of {first['pages']} | {deck} of {len(edited)} "
            f"| {statistics.mean(rss[:half] or rss):.0f} → {statistics.mean(rss[half:]):.0f} MiB "
            f"(max {max(rss):.0f}) |")


HEADER = ("| lecture | pages | full booklet build (range) | watch: one chapter edited → booklet "
          "+ print file (range) | edit ÷ full | pages laid out, first build | pages laid out "
          "per edit | deck kept | watch memory, first half → second half of the edits |\n"
          "|---|---:|---:|---:|---:|---:|---:|---:|---:|")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--child", nargs=3, metavar=("LECTURE", "OUT", "EDITS"))
    parser.add_argument("--sizes", type=int, nargs="*", default=[60, 300])
    parser.add_argument("--edits", type=int, default=10)
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--memory-edits", type=int, default=50)
    parser.add_argument("--results", type=Path, default=HERE / "RESULTS.md")
    args = parser.parse_args()
    if args.child:
        child(Path(args.child[0]), Path(args.child[1]), int(args.child[2]))
        return 0
    rows = []
    print(HEADER, flush=True)
    with tempfile.TemporaryDirectory(prefix="lectern-watch-bench-") as tmp:
        work = Path(tmp)
        default = work / "default"
        shutil.copytree(ROOT / "source", default)
        lectures = [("default", default, args.edits, args.rounds)]
        lectures += [(f"synthetic {size}", make_lecture(work, size), args.edits,
                      args.rounds if size < 300 else 1) for size in args.sizes]
        for name, lecture, edits, rounds in lectures:
            rows.append(scenario(name, lecture, work, edits, rounds))
            print(rows[-1], flush=True)
        memory = _run_child(default, work / "memory", args.memory_edits)
    rss = [float(str(b["rss_mib"])) for b in memory if b["edit"]]
    note = (f"Watch memory over {len(rss)} edits of the default lecture (resident set after "
            f"each build): first {rss[0]:.0f} MiB, after the 10th {rss[min(9, len(rss) - 1)]:.0f}"
            f" MiB, last {rss[-1]:.0f} MiB, highest {max(rss):.0f} MiB.")
    print(note)
    _write_results(args.results, rows, note, args)
    return 0


def _write_results(path: Path, rows: list[str], note: str, args: argparse.Namespace) -> None:
    """Replace the watch section of RESULTS.md (bench/run.py writes the rest)."""
    text = path.read_text(encoding="utf-8") if path.exists() else "# Benchmark results\n"
    text = text.split("\n## Watch\n")[0].rstrip("\n") + "\n"
    text += (
        "\n## Watch\n\n"
        f"Machine: {machine()}; load average {os.getloadavg()[0]:.1f} at the end.\n\n"
        f"`bench/watch.py`: per lecture, {args.rounds} round(s) (one at 300 chapters) of a full "
        f"booklet build in a fresh process alternating with a watch session of {args.edits} "
        "edits to the middle chapter's prose (a sentence added to its first paragraph); "
        "medians, with the range in brackets. An edit is timed from reading the lecture to "
        "the booklet, print file and deck on disk (the deck is kept when what it reads is "
        "unchanged). Pages laid out count every page WeasyPrint made, those of a footnote "
        "repair and of measuring the contents included.\n\n"
        + HEADER + "\n" + "\n".join(rows) + "\n\n" + note + "\n")
    path.write_text(text, encoding="utf-8")


if __name__ == "__main__":
    sys.exit(main())
