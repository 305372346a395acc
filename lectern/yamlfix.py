"""`lectern check --fix`: the certain corrections of YAML slips, made in the lecture's files.

The files are lecture.yaml, the YAML files it names (timeline, glossary, sources) and the
front matter of every chapter it lists. Only lines with a certain slip change (yamlslips);
every other byte, comments and the author's layout included, stays as it was. All files
are written together or none is (pipeline.write_atomically).
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterator
from dataclasses import dataclass, replace
from pathlib import Path

import yaml

from .readers.lecture import LECTURE_FILE
from .readers.yamlslips import fixed, scan

_FRONT_END = re.compile(r"^(?:---|\.\.\.)[ \t]*$")
_LINE_END = re.compile(r"(\r\n?|\n)")
_LISTS = ("timeline", "glossary", "sources")


@dataclass(frozen=True)
class Fix:
    """One file's text before and after its certain slips were corrected."""

    rel: str  # the file, relative to the lecture folder
    before: str
    after: str

    def diff(self) -> list[str]:
        """The change as a unified diff, line ends left out."""
        return list(difflib.unified_diff(_LINE_END.split(self.before)[::2],
                                         _LINE_END.split(self.after)[::2],
                                         f"a/{self.rel}", f"b/{self.rel}", lineterm=""))


def fixes(root: Path) -> list[Fix]:
    """The corrections lectern is sure of, file by file (files with none are left out)."""
    found = []
    for rel, text in _sources(root):
        after = _fixed_file(rel, text)
        if after != text:
            found.append(Fix(rel, text, after))
    return found


def apply(root: Path, found: list[Fix]) -> None:
    """Write every corrected file, all together or none (OSFault says why)."""
    from .pipeline import write_atomically

    write_atomically(root, {f.rel: _encoded(root / f.rel, f.after) for f in found})


def _encoded(path: Path, text: str) -> bytes:
    """`text` as the file was encoded: UTF-8, with its byte-order mark if it had one."""
    bom = path.read_bytes().startswith(b"\xef\xbb\xbf")
    return (b"\xef\xbb\xbf" if bom else b"") + text.encode("utf-8")


def _read(path: Path) -> str | None:
    try:
        return path.read_bytes().decode("utf-8-sig")
    except (OSError, UnicodeDecodeError):
        return None  # check reports why


def _sources(root: Path) -> Iterator[tuple[str, str]]:
    """Each YAML source of the lecture that can be read, with its text: lecture.yaml first."""
    text = _read(root / LECTURE_FILE)
    if text is None:
        return
    yield LECTURE_FILE, text
    # Every correction, sure or not, to find the names even in a file --fix leaves unreadable.
    for rel in _named_files(fixed(text, [replace(s, certain=True) for s in scan(text)])):
        path = (root / rel).resolve()
        if path.is_relative_to(root.resolve()) and path.is_file():
            named = _read(path)
            if named is not None:
                yield path.relative_to(root.resolve()).as_posix(), named


def _named_files(text: str) -> list[str]:
    """The chapter and list files lecture.yaml names ([] when it still cannot be read)."""
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError:
        return []
    if not isinstance(data, dict):
        return []
    chapters = data.get("chapters")
    names = [c for c in chapters if isinstance(c, str)] if isinstance(chapters, list) else []
    return names + [data[k] for k in _LISTS if isinstance(data.get(k), str)]


def _fixed_file(rel: str, text: str) -> str:
    """The file's text with its certain slips corrected (a chapter's in its front matter)."""
    if not rel.endswith(".md"):
        return fixed(text, scan(text))
    pieces = _LINE_END.split(text)
    lines = pieces[::2]
    if not lines or lines[0].strip() != "---":
        return text
    end = next((i for i in range(1, len(lines)) if _FRONT_END.match(lines[i])), None)
    if end is None:
        return text
    cut = 2 * end - 1  # the pieces of the front matter: its lines and their ends
    front = "".join(pieces[2:cut])
    return "".join(pieces[:2]) + fixed(front, scan(front)) + "".join(pieces[cut:])
