"""The build pipeline: check the lecture, skip what is up to date, render, write atomically."""

from __future__ import annotations

import os
import tempfile
import time
from collections.abc import Callable, Iterable, Mapping
from concurrent.futures import Executor, ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from . import model as m
from .cache import Cache, fingerprint
from .diagnostics import Collector, Diagnostic, LectureInvalid
from .readers.lecture import load_lecture

TARGETS = ("booklet", "deck")

# Progress: called with a step's description and its duration in seconds (None: no duration).
Progress = Callable[[str, float | None], None]


def _silent(step: str, seconds: float | None) -> None:
    """Progress that says nothing."""


@dataclass
class BuildResult:
    lecture: m.Lecture | None
    written: list[Path] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)
    warnings: list[Diagnostic] = field(default_factory=list)
    render_pids: dict[str, int] = field(default_factory=dict)  # which process rendered what


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


def preload() -> None:
    """Import both renderers, so that later builds in this process start at once."""
    from .writers import booklet, deck, deck_plan  # noqa: F401


@dataclass(frozen=True)
class _Rendered:
    files: dict[str, bytes]
    seconds: float
    pid: int


def _timed_render(lecture: m.Lecture, target: str, keep_html: bool) -> _Rendered:
    started = time.perf_counter()
    files = render(lecture, target, keep_html)
    return _Rendered(files, time.perf_counter() - started, os.getpid())


def build(root: Path, out: Path, targets: Iterable[str] = TARGETS, keep_html: bool = False,
          force: bool = False, progress: Progress = _silent,
          executor: Executor | None = None, parallel: bool = True) -> BuildResult:
    """Build the lecture in `root` into `out`, skipping outputs whose inputs are unchanged.

    Raises LectureInvalid when the lecture has errors; then no output is touched.
    """
    wanted = tuple(targets)
    cache = Cache.load(out)
    keys = {t: fingerprint(root, t, out, {"keep_html": keep_html}) for t in wanted}
    stale = tuple(t for t in wanted if force or not cache.fresh(t, keys[t], out))
    result = BuildResult(None, skipped=[t for t in wanted if t not in stale])
    for target in result.skipped:
        progress(f"{target}: up to date", None)
    if not stale:
        return result
    started = time.perf_counter()
    lecture, warnings = check(root, stale)
    result.lecture, result.warnings = lecture, warnings
    progress(f"checked '{lecture.title}' ({len(lecture.chapters)} chapters)",
             time.perf_counter() - started)
    rendered = _render_all(lecture, stale, keep_html, progress, executor, parallel)
    for target in stale:
        result.written += write_atomically(out, rendered[target].files)
        result.render_pids[target] = rendered[target].pid
        cache.record(target, keys[target], rendered[target].files)
    cache.save()
    return result


def _render_all(lecture: m.Lecture, targets: tuple[str, ...], keep_html: bool,
                progress: Progress, executor: Executor | None,
                parallel: bool) -> dict[str, _Rendered]:
    """Render each target, in separate processes when there are several and it is allowed."""
    out: dict[str, _Rendered] = {}
    if len(targets) > 1 and (parallel or executor is not None):
        pool = executor or ProcessPoolExecutor(max_workers=len(targets))
        try:
            futures = {t: pool.submit(_timed_render, lecture, t, keep_html) for t in targets}
            for target, future in futures.items():
                out[target] = future.result()
                _report(progress, target, out[target])
        finally:
            if executor is None:
                pool.shutdown()
        return out
    for target in targets:
        out[target] = _timed_render(lecture, target, keep_html)
        _report(progress, target, out[target])
    return out


def _report(progress: Progress, target: str, rendered: _Rendered) -> None:
    progress(f"{target}: rendered {', '.join(sorted(rendered.files))}", rendered.seconds)


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
            os.chmod(tmp_name, 0o666 & ~_umask())
            staged.append((Path(tmp_name), target))
    except BaseException:
        for tmp, _ in staged:
            tmp.unlink(missing_ok=True)
        raise
    for tmp, target in staged:
        os.replace(tmp, target)
    return [target for _, target in staged]


def _umask() -> int:
    """The process's file-creation mask (mkstemp makes private files; outputs are not)."""
    mask = os.umask(0)
    os.umask(mask)
    return mask


def _checker(target: str) -> Callable[[m.Lecture], list[Diagnostic]]:
    if target == "booklet":
        from .writers.booklet import check_booklet

        return check_booklet
    if target == "deck":
        from .writers.deck_plan import check_deck

        return check_deck
    raise ValueError(f"unknown target {target!r}")
