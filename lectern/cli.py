"""The command line: thin click commands over the library; the only place that prints and exits."""

from __future__ import annotations

import json
import shutil
import sys
import time
from pathlib import Path

import click

from . import __version__
from .diagnostics import (
    EXIT_LECTURE,
    EXIT_OK,
    EXIT_USAGE,
    Diagnostic,
    LecternError,
    LectureInvalid,
)

STARTER = Path(__file__).resolve().parent / "starter"

EPILOG = """\b
Examples:
  lectern build                  build ./source into ./build
  lectern build talks/week1 --only deck
  lectern check --strict source  report every problem, warnings fatal
  lectern new my-lecture         start a lecture that builds at once

\b
Exit codes: 0 success, 1 the lecture has errors, 2 bad command line,
3 a system component is missing.
"""


def _default_dir() -> Path:
    return Path("source")


def _base(root: Path) -> str:
    """How to show the lecture folder in front of its files' paths."""
    return "" if root == Path(".") else root.as_posix()


def _print_diagnostics(diagnostics: list[Diagnostic], root: Path) -> None:
    for d in diagnostics:
        click.echo(d.format(_base(root)), err=True)


def _fail(exc: LecternError, root: Path) -> int:
    click.echo(exc.format(_base(root)), err=True)
    if isinstance(exc, LectureInvalid):
        errors = sum(1 for d in exc.diagnostics if d.severity == "error")
        warnings = len(exc.diagnostics) - errors
        click.echo(f"{errors} error(s), {warnings} warning(s)", err=True)
    return exc.exit_code


def _strict_failure(warnings: list[Diagnostic], root: Path) -> int:
    _print_diagnostics(warnings, root)
    click.echo(f"{len(warnings)} warning(s), fatal with --strict", err=True)
    return EXIT_LECTURE


@click.group(epilog=EPILOG, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="lectern")
def cli() -> None:
    """Build a typeset booklet and an editable slide deck from one lecture source."""


@cli.command(epilog=EPILOG)
@click.argument("directory", type=click.Path(file_okay=False, path_type=Path), required=False)
@click.option("--out", "out", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="Output folder (default: build/ beside the lecture folder's parent).")
@click.option("--only", type=click.Choice(["booklet", "deck"]), default=None,
              help="Build only one output.")
@click.option("--keep-html", is_flag=True, help="Also write the booklet's HTML (for debugging).")
@click.option("--strict", is_flag=True, help="Treat warnings as errors.")
def build(directory: Path | None, out: Path | None, only: str | None, keep_html: bool,
          strict: bool) -> None:
    """Build the booklet (PDF, print PDF) and the deck (PPTX) of a lecture."""
    from .pipeline import TARGETS
    from .pipeline import build as run_build
    from .pipeline import check as run_check

    root = directory or _default_dir()
    out_dir = out or Path("build")
    targets = (only,) if only else TARGETS
    started = time.perf_counter()
    try:
        if strict:
            _, warnings = run_check(root, targets)
            if warnings:
                sys.exit(_strict_failure(warnings, root))
        result = run_build(root, out_dir, targets, keep_html=keep_html)
    except LecternError as exc:
        sys.exit(_fail(exc, root))
    _print_diagnostics(result.warnings, root)
    for path in result.written:
        click.echo(f"wrote {path}")
    click.echo(f"built '{result.lecture.title}' in {time.perf_counter() - started:.1f} s")


@cli.command(epilog=EPILOG)
@click.argument("directory", type=click.Path(file_okay=False, path_type=Path), required=False)
@click.option("--strict", is_flag=True, help="Treat warnings as errors (exit 1).")
@click.option("--only", type=click.Choice(["booklet", "deck"]), default=None,
              help="Run only one output's checks.")
def check(directory: Path | None, strict: bool, only: str | None) -> None:
    """Report every problem in a lecture as path:line:col: severity: message."""
    from .pipeline import TARGETS
    from .pipeline import check as run_check

    root = directory or _default_dir()
    try:
        lecture, warnings = run_check(root, (only,) if only else TARGETS)
    except LecternError as exc:
        sys.exit(_fail(exc, root))
    _print_diagnostics(warnings, root)
    if strict and warnings:
        click.echo(f"{len(warnings)} warning(s), fatal with --strict", err=True)
        sys.exit(EXIT_LECTURE)
    click.echo(f"{root}: '{lecture.title}', {len(lecture.chapters)} chapters, "
               f"{len(warnings)} warning(s)")


@cli.command(epilog=EPILOG)
@click.argument("directory", type=click.Path(path_type=Path))
def new(directory: Path) -> None:
    """Create a starter lecture in DIRECTORY that passes `check` and builds."""
    if directory.exists() and any(directory.iterdir()):
        click.echo(f"error: '{directory}' exists and is not empty; choose a new folder",
                   err=True)
        sys.exit(EXIT_USAGE)
    shutil.copytree(STARTER, directory, dirs_exist_ok=True,
                    ignore=shutil.ignore_patterns("__pycache__"))
    click.echo(f"created {directory}: edit {directory / 'lecture.yaml'}, then run "
               f"'lectern build {directory}'")


@cli.command(epilog=EPILOG)
@click.option("--which", type=click.Choice(["lecture", "chapter"]), default=None,
              help="Print only one schema.")
def schema(which: str | None) -> None:
    """Print the JSON Schema of lecture.yaml and of chapter front matter."""
    from .readers.schema import CHAPTER, LECTURE, json_schema

    schemas = {
        "lecture": json_schema(LECTURE, "lectern lecture.yaml"),
        "chapter": json_schema(CHAPTER, "lectern chapter front matter"),
    }
    click.echo(json.dumps(schemas[which] if which else schemas, indent=2, ensure_ascii=False))


def main(argv: list[str] | None = None) -> int:
    """Run the CLI; return the exit code."""
    try:
        cli.main(args=argv, prog_name="lectern", standalone_mode=False)
    except click.exceptions.Exit as exc:
        return int(exc.exit_code)
    except click.Abort:
        click.echo("aborted", err=True)
        return EXIT_USAGE
    except click.ClickException as exc:
        exc.show()
        return EXIT_USAGE
    except SystemExit as exc:
        return int(exc.code or 0)
    return EXIT_OK

