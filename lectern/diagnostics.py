"""Diagnostics: problems in a lecture, collected and reported together; errors lectern raises."""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Literal

from .model import NOWHERE, SourcePos
from .terminal import printable

Severity = Literal["error", "warning"]

# Exit codes, documented in docs/source-format.md and the README.
EXIT_OK = 0
EXIT_LECTURE = 1
EXIT_USAGE = 2
EXIT_SYSTEM = 3
EXIT_INTERNAL = 4
EXIT_INTERRUPTED = 130  # 128 + SIGINT, as shells report Ctrl-C


@dataclass(frozen=True, order=True)
class Diagnostic:
    """One problem found in a lecture: where, how bad, what, and how to fix it."""

    pos: SourcePos
    severity: Severity
    message: str
    hint: str = ""

    def format(self, base: str = "") -> str:
        """The diagnostic as `path:line:col: severity: message (hint)`, paths under `base`."""
        text = f"{_join(base, self.pos)}: {self.severity}: {self.message}"
        if self.hint:
            text += f" ({self.hint})"
        return printable(text)


@dataclass
class Collector:
    """Gathers diagnostics while a lecture is read or checked."""

    items: list[Diagnostic] = field(default_factory=list)

    def error(self, pos: SourcePos, message: str, hint: str = "") -> None:
        self.items.append(Diagnostic(pos, "error", message, hint))

    def warning(self, pos: SourcePos, message: str, hint: str = "") -> None:
        self.items.append(Diagnostic(pos, "warning", message, hint))

    def extend(self, diagnostics: Iterable[Diagnostic]) -> None:
        self.items.extend(diagnostics)

    @property
    def errors(self) -> list[Diagnostic]:
        return [d for d in self.items if d.severity == "error"]

    @property
    def warnings(self) -> list[Diagnostic]:
        return [d for d in self.items if d.severity == "warning"]

    def sorted(self) -> list[Diagnostic]:
        """Diagnostics in file and line order, each reported once."""
        return sorted(set(self.items), key=lambda d: (d.pos.file, d.pos.line, d.pos.col, d.message))


class LecternError(Exception):
    """Base of every error lectern raises; `exit_code` is what the CLI exits with."""

    exit_code = EXIT_LECTURE

    def __init__(self, message: str, pos: SourcePos = NOWHERE) -> None:
        super().__init__(message)
        self.pos = pos

    def format(self, base: str = "") -> str:
        if self.pos is NOWHERE:
            return printable(f"error: {self}")
        return printable(f"{_join(base, self.pos)}: error: {self}")

    def __reduce__(self) -> tuple[object, ...]:
        # Errors cross process boundaries (course builds); the default pickling would call
        # __init__ with the message only.
        return (_rebuild, (type(self), self.args, self.__dict__))


def _rebuild(cls: type[LecternError], args: tuple[object, ...],
             state: dict[str, object]) -> LecternError:
    error = Exception.__new__(cls)
    error.args = args
    error.__dict__.update(state)
    return error


class LectureInvalid(LecternError):
    """The lecture has errors; `diagnostics` lists every problem found."""

    def __init__(self, diagnostics: list[Diagnostic]) -> None:
        errors = sum(1 for d in diagnostics if d.severity == "error")
        super().__init__(f"{errors} error(s) in the lecture")
        self.diagnostics = diagnostics

    def format(self, base: str = "") -> str:
        return "\n".join(d.format(base) for d in self.diagnostics)


class SystemMissing(LecternError):
    """A system component (a shared library, a program) is missing."""

    exit_code = EXIT_SYSTEM


def _join(base: str, pos: SourcePos) -> str:
    """The position with its file shown relative to where the user ran lectern."""
    if not base or pos.file.startswith(("/", "<")):
        return str(pos)
    return str(SourcePos(f"{base.rstrip('/')}/{pos.file}", pos.line, pos.col))


def did_you_mean(word: str, choices: Iterable[str]) -> str:
    """A hint naming the closest choice to `word`, or an empty string."""
    close = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.6)
    return f"did you mean '{close[0]}'?" if close else ""
