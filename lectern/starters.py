"""New lectures from the shipped starters: copied whole or not at all, in a language, on a
template of the author's."""

from __future__ import annotations

import json
import os
import shutil
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING

from .diagnostics import EXIT_USAGE, LecternError
from .faults import reported
from .model import SourcePos

if TYPE_CHECKING:
    from .deck_template import DeckTemplate


class CannotStart(LecternError):
    """The command asked for a starter that cannot be made (an unknown language, a folder
    already in use); nothing was created."""

    exit_code = EXIT_USAGE


def create_lecture(directory: Path, language: str,
                   template: Path | None = None) -> DeckTemplate | None:
    """Create the starter lecture in `language` in `directory`, on `template` when one is
    given (copied in and named in lecture.yaml); return the template as read, for its report.

    Raises CannotStart for an unknown language or a folder in use, LecternError for a
    template that cannot be used or a folder that cannot be written; nothing is created then.
    """
    from .locale import find, supported

    found = find(language)
    if found is None:
        raise CannotStart(f"lectern has no starter lecture in '{language}'; choose one of "
                          + ", ".join(supported()))
    _check_target(directory)
    described = read_template_file(template) if template is not None else None
    with reported("create", directory, elsewhere="choose another folder"):
        _copy_starter(directory, found.tag.split("-")[0], language, template)
    return described


def _check_target(directory: Path) -> None:
    """Raise unless `directory` is missing or an empty folder."""
    shown = str(directory)
    if directory.is_symlink() and not directory.exists():
        raise LecternError(f"'{shown}' is a symbolic link to nothing "
                           f"('{os.readlink(directory)}'); remove the link or choose a new "
                           "folder")
    if directory.exists() and not directory.is_dir():
        raise LecternError(f"'{shown}' is a file; choose a new folder")
    if directory.exists() and any(directory.iterdir()):
        raise CannotStart(f"'{shown}' exists and is not empty; choose a new folder")


def read_template_file(file: Path) -> DeckTemplate:
    """The deck template at `file`; LecternError naming the file when it cannot be used."""
    from .deck_template import read_template
    from .deck_template.package import TemplateError

    try:
        return read_template(file)
    except TemplateError as exc:
        hint = f" ({exc.hint})" if exc.hint else ""
        raise LecternError(f"the deck template cannot be used: {exc.message}{hint}",
                           SourcePos(str(file))) from None
    except OSError as exc:
        raise LecternError(f"cannot read the template: {exc.strerror}",
                           SourcePos(str(file))) from None


def _copy_starter(directory: Path, base: str, language: str, template: Path | None) -> None:
    """Copy the starter lecture in the language `base` to `directory` whole or not at all.

    It is copied to a hidden folder beside the target and renamed into place (a rename may
    replace an empty folder), so a full disk leaves no half lecture behind. A regional tag
    (`pt-BR`) gets its language's starter with that tag on its `language:` line.
    """
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


def _add_template(staging: Path, template: Path) -> None:
    """Copy `template` into the starter and name it on a `deck: template:` line."""
    shutil.copyfile(template, staging / template.name)
    config = staging / "lecture.yaml"
    text = config.read_text(encoding="utf-8").rstrip("\n")
    config.write_text(f"{text}\n\ndeck:\n  template: {json.dumps(template.name)}\n",
                      encoding="utf-8")
