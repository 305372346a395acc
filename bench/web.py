"""Time the web edition against the booklet: the default lecture and a synthetic one.

Run with `make bench` (after bench/run.py and bench/watch.py) or `.venv/bin/python
bench/web.py`. Each render is timed in a fresh process, from the lecture read to the files
in memory (reading the lecture, which every output shares, is not counted); the web edition
and the booklet alternate so that a slow spell of a shared machine weighs on both. The
section "Web edition" of bench/RESULTS.md is replaced. Nothing here is a test.
"""

from __future__ import annotations

import argparse
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

from run import PYTHON, machine, make_lecture  # noqa: E402

SECTION = "## Web edition"
HEADER = ("| lecture | web edition | its file | booklet | web ÷ booklet | whole web build "
          "(fresh process) |\n|---|---:|---:|---:|---:|---:|")


def child(lecture: Path, target: str) -> None:
    """Render one output of `lecture` in this process; print its time and size as JSON."""
    from lectern.pipeline import render
    from lectern.readers.lecture import load_lecture

    loaded, _ = load_lecture(lecture)
    started = time.perf_counter()
    files = render(loaded, target)
    seconds = time.perf_counter() - started
    print(json.dumps({"seconds": seconds, "bytes": sum(len(d) for d in files.values())}))


def _timed(lecture: Path, target: str) -> dict[str, float]:
    done = subprocess.run([PYTHON, __file__, "--child", str(lecture), target], check=True,
                          capture_output=True, text=True)
    found: dict[str, float] = json.loads(done.stdout.strip().splitlines()[-1])
    return found


def _whole_build(lecture: Path, out: Path) -> float:
    started = time.perf_counter()
    subprocess.run([PYTHON, "-m", "lectern", "build", str(lecture), "--out", str(out),
                    "--only", "web", "--force", "--quiet"], check=True)
    return time.perf_counter() - started


def scenario(name: str, lecture: Path, work: Path, rounds: int) -> str:
    """One row: the web edition and the booklet rendered `rounds` times each, in turn."""
    web, booklet, builds = [], [], []
    size = 0.0
    for _ in range(rounds):
        found = _timed(lecture, "web")
        web.append(found["seconds"])
        size = found["bytes"]
        booklet.append(_timed(lecture, "booklet")["seconds"])
        builds.append(_whole_build(lecture, work / f"out-{name}"))
    w, b = statistics.median(web), statistics.median(booklet)
    return (f"| {name} | {w:.2f} s | {size / 1024:.0f} KiB | {b:.2f} s | {100 * w / b:.1f} % "
            f"| {statistics.median(builds):.2f} s |")


def _write_results(path: Path, rows: list[str], rounds: int) -> None:
    """Put the section before the watch section (bench/watch.py keeps what comes before it)."""
    text = path.read_text(encoding="utf-8") if path.exists() else "# Benchmark results\n"
    section = (
        f"{SECTION}\n\n"
        f"Machine: {machine()}; load average {os.getloadavg()[0]:.1f} at the end.\n\n"
        f"`bench/web.py`: medians of {rounds} rounds; each render in a fresh process, timed "
        "from the lecture read to the files in memory, the web edition and the booklet "
        "(PDF and print file) in turn; the whole build is `lectern build --only web "
        "--force`, the start of Python and the reading of the lecture included.\n\n"
        + HEADER + "\n" + "\n".join(rows) + "\n\n")
    if f"\n{SECTION}\n" in text:
        head, _, rest = text.partition(f"\n{SECTION}\n")
        after = rest.find("\n## ")
        text = head + "\n" + section + (rest[after + 1:] if after >= 0 else "")
    elif "\n## Watch\n" in text:
        head, _, rest = text.partition("\n## Watch\n")
        text = head.rstrip("\n") + "\n\n" + section + "## Watch\n" + rest
    else:
        text = text.rstrip("\n") + "\n\n" + section
    path.write_text(text.rstrip("\n") + "\n", encoding="utf-8")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--child", nargs=2, metavar=("LECTURE", "TARGET"))
    parser.add_argument("--sizes", type=int, nargs="*", default=[300])
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--results", type=Path, default=HERE / "RESULTS.md")
    args = parser.parse_args()
    if args.child:
        child(Path(args.child[0]), args.child[1])
        return 0
    rows = []
    print(HEADER, flush=True)
    with tempfile.TemporaryDirectory(prefix="lectern-web-bench-") as tmp:
        work = Path(tmp)
        default = work / "default"
        shutil.copytree(ROOT / "source", default)
        lectures = [("default", default)]
        lectures += [(f"synthetic {size}", make_lecture(work, size)) for size in args.sizes]
        for name, lecture in lectures:
            rows.append(scenario(name, lecture, work, args.rounds))
            print(rows[-1], flush=True)
    _write_results(args.results, rows, args.rounds)
    return 0


if __name__ == "__main__":
    sys.exit(main())
