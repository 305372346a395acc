"""The command line: thin click commands over the library; the only place that prints and exits."""

from __future__ import annotations

import contextlib
import gc
import json
import os
import shutil
import sys
import time
from concurrent.futures import Executor
from pathlib import Path
from typing import TYPE_CHECKING, NoReturn

import click

from .diagnostics import (
    EXIT_INTERNAL,
    EXIT_INTERRUPTED,
    EXIT_LECTURE,
    EXIT_OK,
    EXIT_USAGE,
    Diagnostic,
    LecternError,
    LectureInvalid,
)
from .outputs import NAMES, WRITERS
from .terminal import library_output_said, say, say_lines
from .version import __version__
from .workers import Workers

if TYPE_CHECKING:
    from .deck_template import DeckTemplate
    from .pipeline import Reuse

EPILOG = """\b
Examples:
  lectern build                  build ./source into ./build
  lectern build talks/week1 --only deck
  lectern check --strict source  report every problem, warnings fatal
  lectern new my-lecture         start a lecture that builds at once
  lectern new --language ru моя-лекция   the same, in Russian
  lectern import talk.pptx talk  an existing deck as a lecture, with a report

\b
Exit codes: 0 success, 1 the lecture has errors, 2 bad command line,
3 a system component is missing, 4 an internal error (a bug in lectern),
130 interrupted.
"""


def _default_dir() -> Path:
    return Path("source")


def _base(root: Path) -> str:
    """How to show the lecture folder in front of its files' paths."""
    return "" if root == Path(".") else root.as_posix()


def _print_diagnostics(diagnostics: list[Diagnostic], root: Path) -> None:
    for d in diagnostics:
        say(d.format(_base(root)), err=True)


def _fail(exc: LecternError, root: Path) -> int:
    say_lines(exc.format(_base(root)), err=True)
    if isinstance(exc, LectureInvalid):
        errors = sum(1 for d in exc.diagnostics if d.severity == "error")
        warnings = len(exc.diagnostics) - errors
        fatal = ", fatal with --strict" if not errors else ""
        say(f"{errors} error(s), {warnings} warning(s){fatal}", err=True)
    return exc.exit_code


@click.group(epilog=EPILOG, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="lectern")
def cli() -> None:
    """Build a typeset booklet and an editable slide deck from one lecture source."""


class Reporter:
    """Progress lines on stderr: one per step, with its time; silent with --quiet."""

    def __init__(self, quiet: bool, verbose: bool) -> None:
        self.quiet, self.verbose = quiet, verbose

    def __call__(self, step: str, seconds: float | None) -> None:
        if self.quiet:
            return
        say(step, err=True, tick=True, after=f"({seconds:.1f} s)" if seconds is not None else "")

    def detail(self, text: str) -> None:
        if self.verbose and not self.quiet:
            say(f"  {text}", err=True, dim=True)


def _targets(only: str | None) -> tuple[str, ...]:
    return (only,) if only else NAMES


def _build_lecture(root: Path, out_dir: Path, targets: tuple[str, ...], keep_html: bool,
                   strict: bool, force: bool, report: Reporter,
                   executor: Executor | None = None, reuse: Reuse | None = None) -> int:
    """Build one lecture; print what happened; return the exit code."""
    from .pipeline import build as run_build

    started = time.perf_counter()
    try:
        result = run_build(root, out_dir, targets, keep_html=keep_html, force=force,
                           strict=strict, progress=report, executor=executor, reuse=reuse)
    except LecternError as exc:
        return _fail(exc, root)
    _print_diagnostics(result.warnings, root)
    for path in result.written:
        report.detail(f"wrote {path}")
    if result.written:
        report(f"built {len(result.written)} file(s) in {out_dir}", time.perf_counter() - started)
    return EXIT_OK


def _build_course(root: Path, out_dir: Path, targets: tuple[str, ...], force: bool,
                  jobs: int | None, report: Reporter) -> int:
    from .course import build_course, read_course

    started = time.perf_counter()
    try:
        course = read_course(root)
    except LecternError as exc:
        return _fail(exc, root)
    code = EXIT_OK
    failed = []
    for name, outcome in build_course(course, out_dir, targets, force=force, jobs=jobs).items():
        if isinstance(outcome, LecternError):
            code = max(code, _fail(outcome, root / name))
            failed.append(name)
            continue
        _print_diagnostics(outcome.warnings, root / name)
        state = "up to date" if not outcome.written else f"built {len(outcome.written)} file(s)"
        report(f"{name}: {state}", None)
    if failed:
        say(f"course '{course.title}': {len(failed)} of {len(course.lectures)} lecture(s) "
            f"failed: {', '.join(failed)}", err=True)
    else:
        report(f"course '{course.title}': {len(course.lectures)} lecture(s)",
               time.perf_counter() - started)
    return code


def _is_course(root: Path) -> bool:
    """A course folder has course.yaml (checked without importing the readers)."""
    return (root / "course.yaml").is_file()


QUIET = click.option("--quiet", "-q", is_flag=True, help="Print only problems.")
VERBOSE = click.option("--verbose", "-v", is_flag=True, help="Also print every file written.")
OUT = click.option("--out", "out", type=click.Path(path_type=Path),
                   default=None, help="Output folder (default: build).")
ONLY = click.option("--only", type=click.Choice(NAMES), default=None,
                    help="Build only one output: " + "; ".join(
                        f"{w.name}, {w.summary}" for w in WRITERS) + ".")
DIRECTORY = click.argument("directory", type=click.Path(file_okay=False, path_type=Path),
                           required=False)


@cli.command(epilog=EPILOG)
@DIRECTORY
@OUT
@ONLY
@click.option("--keep-html", is_flag=True, help="Also write the booklet's HTML (for debugging).")
@click.option("--strict", is_flag=True, help="Treat warnings as errors.")
@click.option("--force", is_flag=True, help="Rebuild even what is up to date.")
@click.option("--jobs", "-j", type=click.IntRange(1), default=None,
              help="Lectures of a course built at once (default: the number of cores).")
@QUIET
@VERBOSE
def build(directory: Path | None, out: Path | None, only: str | None, keep_html: bool,
          strict: bool, force: bool, jobs: int | None, quiet: bool, verbose: bool) -> None:
    """Build the booklet (PDF, print PDF), the deck (PPTX), the slides PDF and the handout
    of a lecture or a course.

    Outputs whose inputs have not changed since the last build are skipped.
    """
    root = directory or _default_dir()
    out_dir = out or Path("build")
    report = Reporter(quiet, verbose)
    if _is_course(root):
        sys.exit(_build_course(root, out_dir, _targets(only), force, jobs, report))
    sys.exit(_build_lecture(root, out_dir, _targets(only), keep_html, strict, force, report))


@cli.command(epilog=EPILOG)
@DIRECTORY
@OUT
@ONLY
@click.option("--max-builds", type=click.IntRange(1), default=None, hidden=True,
              help="Stop after this many builds (for scripts and tests).")
@QUIET
@VERBOSE
def watch(directory: Path | None, out: Path | None, only: str | None, max_builds: int | None,
          quiet: bool, verbose: bool) -> None:
    """Rebuild a lecture whenever one of its files, a layout or an asset is saved."""
    from .watch import watch_lecture

    root = directory or _default_dir()
    out_dir = out or Path("build")
    report = Reporter(quiet, verbose)

    from .pipeline import Reuse, preload

    def once() -> int:
        code = _build_lecture(root, out_dir, _targets(only), False, False, False, report,
                              executor=pool, reuse=reuse)
        # What the build left is collected now, while its files are being looked at: the
        # collector set for one build (COLLECT_EVERY) would let a session's garbage grow.
        gc.collect()
        return code

    # The booklet renders in this process and keeps its laid-out parts between builds; the
    # deck's family renders in a helper process that stays loaded.
    pool = None if only else _warm_pool()  # forked before this process loads WeasyPrint
    preload(keep=True)
    reuse = Reuse()
    # The pool is stopped, its workers with it, however watching ends.
    with pool or contextlib.nullcontext():
        watch_lecture(root, once, report, max_builds)


def _warm_pool() -> Workers:
    """A render process with the renderers already imported, kept between builds (the
    booklet renders in watch's own process)."""
    from .pipeline import preload

    pool = Workers(max_workers=1)
    pool.submit(preload).result()
    return pool


@cli.command(epilog=EPILOG)
@click.argument("directory", type=click.Path(file_okay=False, path_type=Path), required=False)
@click.option("--strict", is_flag=True, help="Treat warnings as errors (exit 1).")
@click.option("--only", type=click.Choice(NAMES), default=None,
              help="Run only one output's checks.")
@click.option("--fix", is_flag=True,
              help="First correct the YAML slips lectern is sure of, and print the diff.")
def check(directory: Path | None, strict: bool, only: str | None, fix: bool) -> None:
    """Report every problem in a lecture (or each lecture of a course) as path:line:col."""
    from .course import read_course

    root = directory or _default_dir()
    if fix and not _is_course(root):
        _fix_yaml(root)
    if not _is_course(root):
        sys.exit(_check_lecture(root, strict, _targets(only)))
    try:
        course = read_course(root)
    except LecternError as exc:
        sys.exit(_fail(exc, root))
    codes = [_check_lecture(root / lec.path, strict, _targets(only)) for lec in course.lectures]
    sys.exit(max(codes, default=EXIT_OK))


def _fix_yaml(root: Path) -> None:
    """Correct the certain YAML slips of the lecture in `root`, all files or none."""
    from .yamlfix import apply, fixes

    found = fixes(root)
    try:
        apply(root, found)
    except LecternError as exc:
        sys.exit(_fail(exc, root))
    for fix in found:
        for line in fix.diff():
            say(line)
    say(f"fixed {len(found)} file(s)" if found else "nothing to fix")


def _check_lecture(root: Path, strict: bool, targets: tuple[str, ...]) -> int:
    from .pipeline import check as run_check

    try:
        lecture, warnings = run_check(root, targets)
    except LecternError as exc:
        return _fail(exc, root)
    _print_diagnostics(warnings, root)
    if strict and warnings:
        say(f"{len(warnings)} warning(s), fatal with --strict", err=True)
        return EXIT_LECTURE
    say(f"{root}: '{lecture.title}', {len(lecture.chapters)} chapters, "
        f"{len(warnings)} warning(s)")
    if lecture.deck.template is not None and "deck" in targets:
        from .deck_template import load, report

        template, _ = load(lecture)
        for line in report(template) if template is not None else []:
            say(f"  {line}")
    return EXIT_OK


@cli.command(epilog=EPILOG)
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
def template(file: Path) -> None:
    """Report how lectern would use a PowerPoint template: the layout for each kind of
    slide, the slide size, the fonts and what measures them, and each kind's contrast."""
    from .deck_template import read_template, report
    from .deck_template.package import TemplateError

    try:
        described = read_template(file)
    except TemplateError as exc:
        hint = f" ({exc.hint})" if exc.hint else ""
        say(f"{file}: error: the deck template cannot be used: {exc.message}{hint}", err=True)
        sys.exit(EXIT_LECTURE)
    for line in report(described):
        say(line)
    _say_capacities(described)


def _say_capacities(described: DeckTemplate) -> None:
    """What the template's boxes hold, to write a lecture for it (docs/deck.md)."""
    from .writers.deck_plan.capacity import capacities

    say("what fits (lines of ordinary prose at the template's size, and at the floor):")
    for held in capacities(described):
        say(f"  {held.sentence()}")


def _add_template(staging: Path, template: Path) -> None:
    """Copy `template` into the starter and name it on a `deck: template:` line."""
    shutil.copyfile(template, staging / template.name)
    config = staging / "lecture.yaml"
    text = config.read_text(encoding="utf-8").rstrip("\n")
    config.write_text(f"{text}\n\ndeck:\n  template: {json.dumps(template.name)}\n",
                      encoding="utf-8")


@cli.command(epilog=EPILOG)
@click.argument("directory", type=click.Path(path_type=Path))
@click.option("--language", "-l", default="en", show_default=True, metavar="TAG",
              help="Language of the starter lecture: en, ru, uk, de, fr, es, it, pt, pl, nl, "
                   "or one of them with a region (en-GB, pt-BR, de-CH).")
@click.option("--template", "-t", "template_file", default=None, metavar="FILE.pptx",
              type=click.Path(dir_okay=False, path_type=Path),
              help="Start on this PowerPoint template: copied in, named in lecture.yaml, "
                   "and what fits its layouts printed.")
def new(directory: Path, language: str, template_file: Path | None) -> None:
    """Create a starter lecture in DIRECTORY that passes `check` and builds."""
    from .faults import reported
    from .locale import find, supported

    loc = find(language)
    if loc is None:
        say(f"error: lectern has no starter lecture in '{language}'; choose one of "
            + ", ".join(supported()), err=True)
        sys.exit(EXIT_USAGE)
    shown = str(directory)
    if directory.is_symlink() and not directory.exists():
        say(f"error: '{shown}' is a symbolic link to nothing ('{os.readlink(directory)}'); "
            "remove the link or choose a new folder", err=True)
        sys.exit(EXIT_LECTURE)
    if directory.exists() and not directory.is_dir():
        say(f"error: '{shown}' is a file; choose a new folder", err=True)
        sys.exit(EXIT_LECTURE)
    if directory.exists() and any(directory.iterdir()):
        say(f"error: '{shown}' exists and is not empty; choose a new folder", err=True)
        sys.exit(EXIT_USAGE)
    described = _readable_template(template_file) if template_file else None
    try:
        with reported("create", directory, elsewhere="choose another folder"):
            _copy_starter(directory, loc.tag.split("-")[0], language, template_file)
    except LecternError as exc:
        sys.exit(_fail(exc, Path(".")))
    say(f"created {shown}: edit {directory / 'lecture.yaml'}, then run 'lectern build {shown}'")
    if described is not None:
        from .deck_template import report

        for line in report(described):
            say(line)
        _say_capacities(described)


def _readable_template(file: Path) -> DeckTemplate:
    """The template at `file`, or exit with what is wrong with it (nothing is created)."""
    from .deck_template import read_template
    from .deck_template.package import TemplateError

    try:
        return read_template(file)
    except TemplateError as exc:
        hint = f" ({exc.hint})" if exc.hint else ""
        say(f"{file}: error: the deck template cannot be used: {exc.message}{hint}", err=True)
        sys.exit(EXIT_LECTURE)
    except OSError as exc:
        say(f"{file}: error: cannot read the template: {exc.strerror}", err=True)
        sys.exit(EXIT_LECTURE)


def _copy_starter(directory: Path, base: str, language: str,
                  template: Path | None = None) -> None:
    """Copy the starter lecture in the language `base` to `directory` whole or not at all.

    It is copied to a hidden folder beside the target and renamed into place (a rename may
    replace an empty folder), so a full disk leaves no half lecture behind. A regional tag
    (`pt-BR`) gets its language's starter with that tag on its `language:` line.
    """
    import tempfile

    from .paths import STARTER

    starter = STARTER / base
    directory.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{directory.name}.", dir=directory.parent))
    try:
        # File by file: copytree would gather the system's refusals into one shutil.Error.
        for source in sorted(starter.rglob("*")):
            if "__pycache__" in source.parts or not source.is_file():
                continue
            target = staging / source.relative_to(starter)
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(source, target)
        if language != base:
            config = staging / "lecture.yaml"
            text = config.read_text(encoding="utf-8")
            config.write_text(text.replace(f"\nlanguage: {base}\n", f"\nlanguage: {language}\n"),
                              encoding="utf-8")
        if template is not None:
            _add_template(staging, template)
        mask = os.umask(0)
        os.umask(mask)
        staging.chmod(0o777 & ~mask)  # mkdtemp made it private; a lecture folder is not
        os.replace(staging, directory)
    finally:
        shutil.rmtree(staging, ignore_errors=True)


@cli.command("import", epilog=EPILOG)
@click.argument("deck", type=click.Path(dir_okay=False, path_type=Path))
@click.argument("directory", type=click.Path(path_type=Path))
def import_(deck: Path, directory: Path) -> None:
    """Import a PowerPoint deck (.pptx, .potx, .ppsx) as a new lecture folder DIRECTORY,
    with the deck's design as its template and a report of what it could not hold."""
    from .faults import reported
    from .importer.run import import_deck

    try:
        with reported("create", directory, elsewhere="choose another folder"):
            done = import_deck(deck, directory)
    except LecternError as exc:
        sys.exit(_fail(exc, Path(".")))
    for line in done.problems:
        say(line)
    say(f"imported {deck} into {directory}: {done.summary}; the report is "
        f"{directory / 'import-report.md'}")


@cli.command(epilog=EPILOG)
@DIRECTORY
@OUT
def preview(directory: Path | None, out: Path | None) -> None:
    """Build a lecture and render key booklet pages and the slides to PNG in OUT/preview.

    Needs the 'preview' extra (pypdfium2); the slides come from lectern's own slides PDF.
    """
    from .preview import preview as run_preview

    root = directory or _default_dir()
    try:
        written = run_preview(root, out or Path("build"))
    except LecternError as exc:
        sys.exit(_fail(exc, root))
    for path in written:
        say(str(path))


@cli.command(epilog=EPILOG)
@click.argument("directory", type=click.Path(file_okay=False, path_type=Path))
@click.argument("deck", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--apply", "apply_", is_flag=True,
              help="Write the edits to the source (all of them, or none).")
def sync(directory: Path, deck: Path, apply_: bool) -> None:
    """Show the edits made in a deck lectern built as a diff of the lecture's source, and
    with --apply write them; slides added in the deck are listed with their text."""
    from .sync.compare import apply, compare

    try:
        outcome = compare(directory, deck)
    except LecternError as exc:
        sys.exit(_fail(exc, directory))
    for number, text in outcome.added:
        say(f"slide {number}: added in the deck, not in the source:")
        say_lines("\n".join(f"  | {line}" for line in text.split("\n")))
    for notice in outcome.notices:
        say(f"note: {notice}")
    for change in outcome.changes:
        say(f"slide {', '.join(map(str, change.slides))}: the {change.kind} of "
            f"{change.file}:{change.line} was edited")
    if outcome.files:
        say_lines(outcome.diff().rstrip("\n"))
    for problem in outcome.problems:
        say(problem, err=True)
    count = len(outcome.changes)
    if apply_ and (count or outcome.problems):
        try:
            apply(directory, outcome)
        except LecternError as exc:
            sys.exit(_fail(exc, directory))
        say(f"{count} edit(s) written to {len(outcome.files)} file(s)")
    elif count:
        say(f"{count} edit(s) in {len(outcome.files)} file(s); run again with --apply to "
            "write them")
    elif not outcome.problems:
        say("no edits to carry back: the deck says what the source says")
    if outcome.problems:
        sys.exit(EXIT_LECTURE)


@cli.command(epilog=EPILOG)
@click.option("--which", type=click.Choice(["lecture", "chapter"]), default=None,
              help="Print only one schema.")
def schema(which: str | None) -> None:
    """Print the JSON Schema of lecture.yaml and of chapter front matter."""
    from .readers.schema import CHAPTER, CHAPTER_BODY, LECTURE, json_schema

    schemas = {
        "lecture": json_schema(LECTURE, "lectern lecture.yaml"),
        "chapter": json_schema(CHAPTER, "lectern chapter front matter", CHAPTER_BODY),
    }
    say_lines(json.dumps(schemas[which] if which else schemas, indent=2, ensure_ascii=False))


# The collector's thresholds for one command. A build makes millions of objects, most of
# which live until it ends, and Python's defaults (700, 10, 10) walk the whole heap again
# and again: 4.7 s of a 25 s booklet of 300 chapters, 0.2 s of the default lecture's 2.4 s.
# With these it is 1.3 s and 0.07 s, for 15 MiB more at the peak of the larger.
COLLECT_EVERY = (50_000, 20, 10)


def run() -> NoReturn:
    """The `lectern` program: `main` in a process whose collector suits a build, then exit."""
    gc.set_threshold(*COLLECT_EVERY)
    code = main()
    # Every file is written and closed. The interpreter's last full collection would walk
    # every object left (0.2 s after a small booklet) only to free what the system takes
    # back at exit anyway; frozen objects are left out of it.
    gc.freeze()
    sys.exit(code)


def main(argv: list[str] | None = None) -> int:
    """Run the CLI; return the exit code."""
    from .workers import stop_on_sigterm

    try:
        with stop_on_sigterm(), library_output_said():
            cli.main(args=argv, prog_name="lectern", standalone_mode=False)
    except click.exceptions.Exit as exc:
        return int(exc.exit_code)
    except click.Abort as exc:
        if isinstance(exc.__cause__, KeyboardInterrupt):
            return _interrupted()
        say("aborted", err=True)
        return EXIT_USAGE
    except KeyboardInterrupt:
        return _interrupted()
    except click.ClickException as exc:
        _usage_error(exc)
        return EXIT_USAGE
    except SystemExit as exc:
        return int(exc.code or 0)
    except OSError as exc:  # the system refused something no command wrapped: still not a bug
        from .faults import fault

        say(fault(exc, "use", None, hint="").format(), err=True)
        return EXIT_LECTURE
    except Exception as exc:  # a bug in lectern, not in the lecture: say so, briefly
        if os.environ.get("LECTERN_DEBUG"):
            raise
        say(f"lectern: internal error: {type(exc).__name__}: {exc}", err=True)
        say("This is a bug in lectern, not in your lecture. Please report it with the lecture "
            "that caused it (LECTERN_DEBUG=1 shows the details).", err=True)
        return EXIT_INTERNAL
    return EXIT_OK


def _usage_error(exc: click.ClickException) -> None:
    """Click's message for a bad command line, each line made printable (it quotes what
    was typed: a folder name may carry anything)."""
    import io

    shown = io.StringIO()
    exc.show(file=shown)
    say_lines(shown.getvalue().rstrip("\n"), err=True)


def _interrupted() -> int:
    say("lectern: interrupted; the outputs not yet written are as they were", err=True)
    return EXIT_INTERRUPTED
