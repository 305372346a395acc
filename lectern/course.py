"""Courses: a folder with course.yaml naming several lecture folders, built in parallel."""

from __future__ import annotations

import os
import posixpath
from collections.abc import Iterable
from concurrent.futures import Future
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from .diagnostics import EXIT_INTERNAL, Collector, LecternError, LectureInvalid
from .model import SourcePos
from .pipeline import TARGETS, BuildResult, build
from .readers.files import read_text, resolve_inside
from .readers.schema import Field
from .readers.yamlpos import Located, Validator, compose
from .workers import Workers

COURSE_FILE = "course.yaml"
COURSE = (
    Field("title", "text", "Title of the course.", required=True),
    Field("lectures", "texts", "Lecture folders, in order.", required=True),
)


@dataclass(frozen=True)
class CourseLecture:
    """One lecture of a course: its folder and where course.yaml names it."""

    name: str  # the folder's name: the lecture's output folder is out/<name>
    root: Path
    pos: SourcePos
    path: str  # the folder as course.yaml gives it, relative to the course


@dataclass(frozen=True)
class Course:
    """A course: a folder whose course.yaml lists lecture folders in order."""

    root: Path
    title: str
    lectures: tuple[CourseLecture, ...]


def read_course(root: Path) -> Course:
    """Read course.yaml; raise LectureInvalid listing every problem."""
    diag = Collector()
    top = SourcePos(COURSE_FILE, 1, 1)
    path = resolve_inside(root, COURSE_FILE, SourcePos(COURSE_FILE), diag, "the course file")
    text = read_text(path, COURSE_FILE, top, diag) if path is not None else None
    node = compose(text, COURSE_FILE, diag) if text is not None else None
    obj = Validator(COURSE_FILE, diag, text).mapping(node, COURSE, COURSE_FILE) \
        if node and text is not None else None
    lectures: list[CourseLecture] = []
    for entry in obj.get("lectures", ()) if obj else ():
        lecture = _course_lecture(root, entry, lectures, diag)
        if lecture is not None:
            lectures.append(lecture)
    if diag.errors or obj is None:
        if not diag.errors:
            diag.error(top, f"{COURSE_FILE} is empty")
        raise LectureInvalid(diag.sorted())
    return Course(root.resolve(), obj.get("title"), tuple(lectures))


def _course_lecture(root: Path, entry: Located, earlier: list[CourseLecture],
                    diag: Collector) -> CourseLecture | None:
    """The lecture an entry names: a sub-folder of the course, its name not used before
    (each lecture is built into the output folder under its name)."""
    name = str(entry.value).strip().rstrip("/")
    parts = PurePosixPath(name).parts
    real_root = root.resolve()
    try:
        folder = (real_root / name).resolve() if parts else real_root
    except (OSError, RuntimeError):
        folder = real_root
    if not parts or posixpath.isabs(name) or ".." in parts or folder == real_root or \
            not folder.is_relative_to(real_root):
        diag.error(entry.pos, f"the lecture '{entry.value}' is not a sub-folder of the course",
                   "list a folder inside the course folder, such as week-1")
        return None
    if not os.path.lexists(folder / "lecture.yaml"):
        diag.error(entry.pos, f"the folder '{name}' has no lecture.yaml",
                   "list only lecture folders")
        return None
    short = parts[-1]
    for other in earlier:
        if other.root == folder:
            diag.error(entry.pos, f"the lecture '{name}' is listed twice (first at {other.pos})")
            return None
        if other.name == short:
            diag.error(entry.pos, f"two lectures are named '{short}' (the other at {other.pos})",
                       "each lecture is built into a folder of its name; rename one")
            return None
    return CourseLecture(short, folder, entry.pos, name)


def _build_one(lecture: CourseLecture, out: Path, targets: tuple[str, ...],
               force: bool) -> BuildResult | LecternError:
    """Build one lecture; its failure is its own and comes back as a value."""
    try:
        return build(lecture.root, out / lecture.name, targets, force=force, parallel=False)
    except LecternError as exc:
        return exc
    except Exception as exc:  # a bug met in one lecture must not stop the others
        return InternalError(f"internal error: {type(exc).__name__}: {exc}", lecture.pos)


class InternalError(LecternError):
    """A bug in lectern met while building one lecture of a course."""

    exit_code = EXIT_INTERNAL


def build_course(course: Course, out: Path, targets: Iterable[str] = TARGETS,
                 force: bool = False, jobs: int | None = None
                 ) -> dict[str, BuildResult | LecternError]:
    """Build every lecture of the course into out/<lecture>/, up to `jobs` at once.

    A lecture that fails is reported by its own error; the others are built all the same.
    """
    wanted = tuple(targets)
    workers = max(1, min(jobs or os.cpu_count() or 1, len(course.lectures)))
    with Workers(max_workers=workers) as pool:
        futures = {
            lec.name: pool.submit(_build_one, lec, out, wanted, force) for lec in course.lectures
        }
        return {lec.name: _outcome(futures[lec.name], lec) for lec in course.lectures}


def _outcome(future: Future[BuildResult | LecternError],
             lecture: CourseLecture) -> BuildResult | LecternError:
    try:
        return future.result()
    except BrokenProcessPool:  # the process died (out of memory, killed): say so, go on
        return InternalError(f"the build of '{lecture.name}' stopped unexpectedly (out of "
                             "memory?); build it on its own to see why", lecture.pos)
