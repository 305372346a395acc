"""The build pipeline: read the lecture, run the writers, write their files atomically."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from . import model as m
from .diagnostics import Collector, Diagnostic, LectureInvalid
from .readers.lecture import load_lecture

TARGETS = ("booklet", "deck")


@dataclass
class BuildResult:
    lecture: m.Lecture
    written: list[Path] = field(default_factory=list)
    warnings: list[Diagnostic] = field(default_factory=list)


def check(root: Path, targets: Iterable[str] = TARGETS) -> tuple[m.Lecture, list[Diagnostic]]:
    """Read the lecture and run every writer's checks; raise LectureInvalid on any error."""
    lecture, warnings = load_lecture(root)
    diag = Collector(list(warnings))
    for target in targets:
        diag.extend(_checker(target)(lecture))
    if diag.errors:
        raise LectureInvalid(diag.sorted())
    return lecture, diag.sorted()


def render(lecture: m.Lecture, target: str, keep_html: bool = False) -> dict[str, bytes]:
    """The files one target makes, by file name (nothing is written)."""
    if target == "booklet":
        from .writers.booklet import render_booklet

        return render_booklet(lecture, keep_html=keep_html)
    if target == "deck":
        from .writers.deck import render_deck
        from .writers.deck_plan import plan_deck

        return render_deck(plan_deck(lecture), lecture)
    raise ValueError(f"unknown target {target!r}")


def build(root: Path, out: Path, targets: Iterable[str] = TARGETS,
          keep_html: bool = False) -> BuildResult:
    """Check and build the lecture in `root` into `out`; on any error no output is touched."""
    wanted = tuple(targets)
    lecture, warnings = check(root, wanted)
    files: dict[str, bytes] = {}
    for target in wanted:
        files.update(render(lecture, target, keep_html=keep_html))
    result = BuildResult(lecture, warnings=warnings)
    result.written = write_atomically(out, files)
    return result


def write_atomically(out: Path, files: Mapping[str, bytes]) -> list[Path]:
    """Write every file to a temporary name beside its target, then rename them all into place."""
    out.mkdir(parents=True, exist_ok=True)
    staged: list[tuple[Path, Path]] = []
    try:
        for name, data in files.items():
            target = out / name
            target.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp_name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp",
                                            dir=target.parent)
            with os.fdopen(fd, "wb") as handle:
                handle.write(data)
            staged.append((Path(tmp_name), target))
    except BaseException:
        for tmp, _ in staged:
            tmp.unlink(missing_ok=True)
        raise
    for tmp, target in staged:
        os.replace(tmp, target)
    return [target for _, target in staged]


def _checker(target: str) -> Callable[[m.Lecture], list[Diagnostic]]:
    if target == "booklet":
        from .writers.booklet import check_booklet

        return check_booklet
    if target == "deck":
        from .writers.deck_plan import check_deck

        return check_deck
    raise ValueError(f"unknown target {target!r}")
