"""What lectern prints: every line reaches the terminal through `say`, made safe by `printable`.

Names in a lecture or a template (titles, file names, layout and font names) come from
whoever wrote it. Printed as they are, control characters could move the cursor or recolour
the terminal, bidirectional overrides could reorder a line so that it reads as something
else, and line separators could start what looks like a new line; invisible characters
would hide why two names differ. Each of them is written as an escape instead.
"""

from __future__ import annotations

import contextlib
import logging
import re
import warnings
from collections.abc import Iterator
from typing import TextIO

import click

# Controls (C0, DEL, C1 with NEL), lone surrogates (not encodable), the bidirectional
# marks, embeddings, overrides and isolates, the Arabic letter mark, line and paragraph
# separators, invisible characters that make equal-looking names differ (zero-width space,
# word joiner and invisible operators, Mongolian vowel separator, byte order mark,
# interlinear annotations, tags) and the non-characters of every plane.
_UNSAFE = re.compile(
    "[\x00-\x1f\x7f-\x9f\ud800-\udfff\u061c\u180e\u200b\u200e\u200f\u2028-\u202e"
    "\u2060-\u2064\u2066-\u2069\ufeff\ufdd0-\ufdef\ufff9-\ufffb\U000e0000-\U000e007f"
    + "".join(f"{chr(plane * 0x10000 + 0xFFFE)}{chr(plane * 0x10000 + 0xFFFF)}"
              for plane in range(17)) + "]")


def printable(text: str) -> str:
    """`text` with every character that could garble or disguise a terminal line written
    as a Python-style escape (`\\x1b`, `\\u202e`, `\\U000e0041`); the rest as it is."""
    return _UNSAFE.sub(_escape, text)


def _escape(match: re.Match[str]) -> str:
    code = ord(match.group())
    if code < 0x100:
        return f"\\x{code:02x}"
    return f"\\u{code:04x}" if code < 0x10000 else f"\\U{code:08x}"


def say(text: str = "", *, err: bool = False, tick: bool = False, dim: bool = False,
        after: str = "") -> None:
    """Print one line made printable: after a green tick with `tick`, dimmed with `dim`,
    followed by `after` dimmed (a timing). Line breaks inside `text` are escaped too:
    print each line with its own call."""
    line = printable(text)
    if dim:
        line = click.style(line, dim=True)
    if tick:
        line = f"{click.style('✓', fg='green')} {line}"
    if after:
        line = f"{line} {click.style(printable(after), dim=True)}"
    click.echo(line, err=err)


def say_lines(text: str, *, err: bool = False) -> None:
    """Print `text` line by line (split at '\\n' only), each line made printable."""
    for line in text.split("\n"):
        say(line, err=err)


class _SafeHandler(logging.Handler):
    """Prints what libraries log (when nothing else handles it) through `say`."""

    def emit(self, record: logging.LogRecord) -> None:
        try:
            say(f"{record.levelname.lower()}: {record.getMessage()}", err=True)
        except Exception:  # a record that cannot be formatted must not stop a build
            self.handleError(record)


def _show_warning(message: Warning | str, category: type[Warning], filename: str,
                  lineno: int, file: TextIO | None = None, line: str | None = None) -> None:
    """A library's warning as one printable line, without the library's file and line."""
    say(f"warning: {message}", err=True)


@contextlib.contextmanager
def library_output_said() -> Iterator[None]:
    """While the block runs, library warnings and the log records no handler takes are
    printed through `say` (a warning would otherwise show a library's file and line)."""
    last_resort, show = logging.lastResort, warnings.showwarning
    logging.lastResort = _SafeHandler(logging.WARNING)
    warnings.showwarning = _show_warning
    try:
        yield
    finally:
        logging.lastResort, warnings.showwarning = last_resort, show
