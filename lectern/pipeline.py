"""The build pipeline: check the lecture, skip what is up to date, render, write atomically."""

from __future__ import annotations

import contextlib
import os
import signal
import tempfile
import time
from collections.abc import Callable, Iterable, Iterator, Mapping
from concurrent.futures import Executor
from dataclasses import dataclass, field
from pathlib import Path

from . import model as m
from .cache import CACHE_FILE, Cache, fingerprints
from .diagnostics import Collector, Diagnostic, LectureInvalid
from .faults import reported
from .outputs import NAMES, Job, has_errors, writer
from .readers.files import recording_used_files
from .workers import Workers, unwound_on_stop

TARGETS = NAMES

# Progress: called with a step's description and its duration in seconds (None: no duration).
Progress = Callable[[str, float | None], None]


def _silent(step: str, seconds: float | None) -> None:
    """Progress that says nothing."""


@dataclass
class BuildResult:
    """What a build did: the lecture read, the files written, the outputs left as they were."""

    lecture: m.Lecture | None
    written: list[Path] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)
    warnings: list[Diagnostic] = field(default_factory=list)
    render_pids: dict[str, int] = field(default_factory=dict)  # which process rendered what


def check(root: Path, targets: Iterable[str] = TARGETS) -> tuple[m.Lecture, list[Diagnostic]]:
    """Read the lecture and run every writer's checks; raise LectureInvalid on any error."""
    from .readers.lecture import load_lecture

    lecture, warnings = load_lecture(root)
    diag = Collector(list(warnings))
    for target in targets:
        diag.extend(writer(target).check(lecture))
    if diag.errors:
        raise LectureInvalid(diag.sorted())
    return lecture, diag.sorted()


def produce(lecture: m.Lecture, target: str,
            keep_html: bool = False) -> tuple[dict[str, bytes], list[Diagnostic]]:
    """Check one target and, when it has no errors, render it: (files by name, problems)."""
    return writer(target).render(Job(lecture, keep_html))


def render(lecture: m.Lecture, target: str, keep_html: bool = False) -> dict[str, bytes]:
    """The files one target makes, by file name; raise LectureInvalid if it has errors."""
    files, problems = produce(lecture, target, keep_html)
    if has_errors(problems):
        raise LectureInvalid(Collector(problems).sorted())
    return files


def preload(keep: bool = False) -> None:
    """Import every renderer, so that later builds in this process start at once; with
    `keep`, the booklet keeps its laid-out parts from build to build (for watch)."""
    from .writers import booklet, deck, deck_plan, handout, slides_pdf  # noqa: F401

    if keep:
        booklet.keep_layouts()


@dataclass
class Reuse:
    """What a long-running process (watch) rendered last, by what each output read.

    An output whose writer says what it reads of the lecture is not rendered again when
    that, and everything else it depends on, is unchanged: an edit to a chapter's prose
    does not replan the deck.
    """

    rendered: dict[str, tuple[str, _Rendered]] = field(default_factory=dict)

    def get(self, target: str, key: str) -> _Rendered | None:
        kept = self.rendered.get(target)
        return kept[1] if kept is not None and kept[0] == key else None

    def keep(self, target: str, key: str, rendered: _Rendered) -> None:
        self.rendered[target] = (key, rendered)


@dataclass(frozen=True)
class _Rendered:
    files: dict[str, bytes]
    problems: list[Diagnostic]
    seconds: float
    pid: int


def _families(targets: tuple[str, ...]) -> list[tuple[str, ...]]:
    """The targets grouped by writer family, in the order the families first appear."""
    grouped: dict[str, list[str]] = {}
    for target in targets:
        grouped.setdefault(writer(target).family, []).append(target)
    return [tuple(members) for members in grouped.values()]


def _render_family(lecture: m.Lecture, targets: tuple[str, ...], keep_html: bool,
                   progress: Progress | None = None) -> dict[str, _Rendered]:
    """Render targets of one family in this process, one after the other, sharing one job."""
    job = Job(lecture, keep_html)
    out: dict[str, _Rendered] = {}
    for target in targets:
        started = time.perf_counter()
        files, problems = writer(target).render(job)
        out[target] = _Rendered(files, problems, time.perf_counter() - started, os.getpid())
        if progress is not None:
            _report(progress, target, out[target])
    return out


def build(root: Path, out: Path, targets: Iterable[str] = TARGETS, keep_html: bool = False,
          force: bool = False, strict: bool = False, progress: Progress = _silent,
          executor: Executor | None = None, parallel: bool = True,
          reuse: Reuse | None = None) -> BuildResult:
    """Build the lecture in `root` into `out`, skipping outputs whose inputs are unchanged.

    Each output is checked and rendered in one go (each family of writers in its own
    process when there are several); files are written only when no output has errors.
    Raises LectureInvalid when the lecture has errors (or warnings, with `strict`); then no
    output is touched.
    """
    wanted = tuple(targets)
    cache = Cache.load(out)
    with reported("read", None, hint="check that you may read the lecture's files"):
        keys = fingerprints(root, wanted, {"keep_html": keep_html, "strict": strict})
    stale = tuple(t for t in wanted if force or not cache.fresh(t, keys[t], root, out))
    result = BuildResult(None, skipped=[t for t in wanted if t not in stale])
    for target in result.skipped:
        progress(f"{target}: up to date", None)
    if not stale:
        return result
    from .readers.lecture import load_lecture  # only now: an up-to-date build reads nothing

    started = time.perf_counter()
    with recording_used_files() as used:
        lecture, warnings = load_lecture(root)
    progress(f"read '{lecture.title}' ({len(lecture.chapters)} chapters)",
             time.perf_counter() - started)
    reads = {t: _reads_key(t, keys[t], lecture) for t in stale} if reuse else {}
    again = {t: found for t in stale
             if reuse and reads[t] and (found := reuse.get(t, reads[t])) is not None}
    for target in again:
        progress(f"{target}: what it reads is unchanged", None)
    rendered = {**again, **_render_all(lecture, tuple(t for t in stale if t not in again),
                                       keep_html, progress, executor, parallel)}
    problems = Collector(list(warnings))
    for target in stale:
        problems.extend(rendered[target].problems)
    if problems.errors or (strict and problems.warnings):
        raise LectureInvalid(problems.sorted())
    result.lecture, result.warnings = lecture, problems.sorted()
    files: dict[str, bytes] = {}
    for target in stale:
        files.update(rendered[target].files)
        result.render_pids[target] = rendered[target].pid
        cache.record(target, keys[target], rendered[target].files, used)
        if reuse and reads[target]:
            reuse.keep(target, reads[target], rendered[target])
    # Every file of every output, and the cache file last, in one go: a failure while
    # writing any of them (a full disk, a read-only folder, Ctrl-C) leaves them all as they
    # were, and the cache never describes outputs that are not there.
    written = write_atomically(out, {**files, CACHE_FILE: cache.data()})
    result.written = [path for path in written if path.name != CACHE_FILE]
    return result


def _reads_key(target: str, key: str, lecture: m.Lecture) -> str:
    """The output's fingerprint with what its writer reads of the lecture; "" if unsaid."""
    reads = writer(target).reads
    return f"{key}:{reads(lecture)}" if reads is not None else ""


def _render_all(lecture: m.Lecture, targets: tuple[str, ...], keep_html: bool,
                progress: Progress, executor: Executor | None,
                parallel: bool) -> dict[str, _Rendered]:
    """Render each family of targets, the others in a process of their own when there are several.

    The first family (the booklet, the largest) renders here and the rest in forked
    helpers (or the given executor): a second copy of the lecture in a second renderer
    would only add memory, and a long-running process keeps the booklet's layout here.
    """
    families = _families(targets)
    out: dict[str, _Rendered] = {}
    if not families:
        return out
    if len(families) < 2 or not (parallel or executor is not None):
        for family in families:
            out.update(_render_family(lecture, family, keep_html, progress))
        return out
    pool = executor or Workers(max_workers=len(families) - 1)
    here = families[:1]
    # A pool of our own is stopped on any exit (Ctrl-C stops its workers too); a given one
    # belongs to the caller.
    with pool if executor is None else contextlib.nullcontext():
        futures = [pool.submit(_render_family, lecture, family, keep_html)
                   for family in families if family not in here]
        for family in here:
            out.update(_render_family(lecture, family, keep_html, progress))
        for future in futures:
            for target, rendered in future.result().items():
                out[target] = rendered
                _report(progress, target, rendered)
    return {t: out[t] for t in targets}


def _report(progress: Progress, target: str, rendered: _Rendered) -> None:
    if rendered.files:
        progress(f"{target}: rendered {', '.join(sorted(rendered.files))}", rendered.seconds)


def write_atomically(out: Path, files: Mapping[str, bytes]) -> list[Path]:
    """Write every file to a temporary name beside its target, then rename them all into place.

    Nothing is renamed before every file is staged, so a failure while staging any of them
    leaves every earlier file as it was. Raises OSFault, naming the path and what to do,
    when the system refuses; whatever stops the writing (a full disk, Ctrl-C), no temporary
    file is left behind.
    """
    staged: list[tuple[Path, Path]] = []
    with unwound_on_stop(), _removing(staged):
        with reported("create the output folder", out):
            out.mkdir(parents=True, exist_ok=True)
        for name, data in files.items():
            target = out / name
            with reported("write", target):
                staged.append((_stage(target, data), target))
        with _signals_held():
            for tmp, target in staged:
                with reported("replace", target):
                    os.replace(tmp, target)
    return [target for _, target in staged]


@contextlib.contextmanager
def _signals_held() -> Iterator[None]:
    """Hold Ctrl-C and SIGTERM back while the staged files are renamed (microseconds), so
    that a stop comes before the first rename or after the last, never between two."""
    held = {signal.SIGINT, signal.SIGTERM}
    if not hasattr(signal, "pthread_sigmask"):  # not on Windows
        yield
        return
    previous = signal.pthread_sigmask(signal.SIG_BLOCK, held)
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, previous)


@contextlib.contextmanager
def _removing(staged: list[tuple[Path, Path]]) -> Iterator[None]:
    """Remove the staged files still there (the ones not renamed) however the block ends."""
    try:
        yield
    finally:
        for tmp, _ in staged:
            tmp.unlink(missing_ok=True)


def _stage(target: Path, data: bytes) -> Path:
    """`data` in a new temporary file beside `target`; the file is removed if writing fails."""
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    tmp = Path(name)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.chmod(tmp, 0o666 & ~_umask())
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    return tmp


def _umask() -> int:
    """The process's file-creation mask (mkstemp makes private files; outputs are not)."""
    mask = os.umask(0)
    os.umask(mask)
    return mask
