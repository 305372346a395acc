"""Courses: a folder with course.yaml naming several lecture folders, built in parallel."""

from __future__ import annotations

import os
from collections.abc import Iterable
from concurrent.futures import Future
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from pathlib import Path

from .diagnostics import EXIT_INTERNAL, Collector, LecternError, LectureInvalid
from .model import SourcePos
from .pipeline import TARGETS, BuildResult, build
from .readers.files import read_text, resolve_inside
from .readers.schema import Field
from .readers.yamlpos import Validator, compose
from .workers import Workers

COURSE_FILE = "course.yaml"
COURSE = (
    Field("title", "text", "Title of the course.", required=True),
    Field("lectures", "texts", "Lecture folders, in order.", required=True),
)


@dataclass(frozen=True)
class CourseLecture:
    name: str
    root: Path
    pos: SourcePos


@dataclass(frozen=True)
class Course:
    root: Path
    title: str
    lectures: tuple[CourseLecture, ...]


def read_course(root: Path) -> Course:
    """Read course.yaml; raise LectureInvalid listing every problem."""
    diag = Collector()
    top = SourcePos(COURSE_FILE, 1, 1)
    text = read_text(root / COURSE_FILE, COURSE_FILE, top, diag)
    node = compose(text, COURSE_FILE, diag) if text is not None else None
    obj = Validator(COURSE_FILE, diag).mapping(node, COURSE, COURSE_FILE) if node else None
    lectures = []
    for entry in obj.get("lectures", ()) if obj else ():
        lecture_yaml = resolve_inside(root, f"{entry.value.rstrip('/')}/lecture.yaml", entry.pos,
                                      diag, "the lecture")
        if lecture_yaml is not None:
            lectures.append(CourseLecture(Path(entry.value).name, lecture_yaml.parent, entry.pos))
    if diag.errors or obj is None:
        if not diag.errors:
            diag.error(top, f"{COURSE_FILE} is empty")
        raise LectureInvalid(diag.sorted())
    return Course(root.resolve(), obj.get("title"), tuple(lectures))


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
