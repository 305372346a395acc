"""Readable test cases: a lecture written as sections of one text file, and what lectern must say.

A case file looks like this:

    base: mini                      (optional: start from tests/fixtures/lectures/mini)
    args: check --strict            (optional: the command line; default `check`)
    === lecture.yaml                (a file: its text follows, up to the next ===)
    title: ...
    === images/x.png (base64)       (a binary file, base64-encoded)
    === big.md (repeat 1000)        (text, then a unit after '--- repeat ---' written N times,
                                     then any text after '--- end ---')
    === long.md (repeat 1000, one line)   (the units continue the head's last line)
    === escape.md -> /etc/passwd    (a symbolic link)
    === delete chapters/02-argument.md
    === expected (exit 1)           (the exact stderr lines, then the exit code)
    lecture.yaml:1:1: error: ...
"""

from __future__ import annotations

import base64
import os
import re
import shutil
from dataclasses import dataclass, field
from pathlib import Path

HEADER = re.compile(r"^=== (.+?)\s*$")
EXPECTED = re.compile(r"^expected \(exit (\d+)\)$")


@dataclass
class Case:
    name: str
    base: str = ""
    args: list[str] = field(default_factory=lambda: ["check"])
    files: dict[str, bytes] = field(default_factory=dict)
    links: dict[str, str] = field(default_factory=dict)
    deletions: list[str] = field(default_factory=list)
    expected: list[str] = field(default_factory=list)
    exit_code: int = 0

    def materialise(self, where: Path, lectures: Path) -> Path:
        """Write the case's lecture into `where` and return its folder."""
        root = where / "lecture"
        if self.base:
            shutil.copytree(lectures / self.base, root)
        root.mkdir(parents=True, exist_ok=True)
        for name in self.deletions:
            (root / name).unlink()
        for name, data in self.files.items():
            path = root / name
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(data)
        for name, target in self.links.items():
            path = root / name
            path.parent.mkdir(parents=True, exist_ok=True)
            os.symlink(target, path)
        return root


def read_case(path: Path) -> Case:
    """Parse one case file."""
    case = Case(path.stem)
    lines = path.read_text(encoding="utf-8").split("\n")
    index = 0
    while index < len(lines) and not HEADER.match(lines[index]):
        key, _, value = lines[index].partition(":")
        if key.strip() == "base":
            case.base = value.strip()
        elif key.strip() == "args":
            case.args = value.split()
        index += 1
    while index < len(lines):
        header = HEADER.match(lines[index])
        assert header, f"{path}:{index + 1}: expected a '=== ' line"
        body: list[str] = []
        index += 1
        while index < len(lines) and not HEADER.match(lines[index]):
            body.append(lines[index])
            index += 1
        _section(case, header.group(1), body)
    return case


def _section(case: Case, title: str, body: list[str]) -> None:
    expected = EXPECTED.match(title)
    if expected:
        case.exit_code = int(expected.group(1))
        case.expected = [line for line in body if line.strip()]
    elif title.startswith("delete "):
        case.deletions.append(title.removeprefix("delete ").strip())
    elif " -> " in title:
        name, target = title.split(" -> ", 1)
        case.links[name.strip()] = target.strip()
    elif re.search(r" \(repeat \d+(, one line)?\)$", title):
        name, count, one_line = re.match(  # type: ignore[union-attr]
            r"(.+) \(repeat (\d+)(, one line)?\)$", title).groups()
        head, _, rest = "\n".join(body).partition("\n--- repeat ---\n")
        parts = re.split(r"\n--- end ---(?:\n|$)", rest, maxsplit=1)
        unit, tail = parts[0], (parts[1] if len(parts) > 1 else "")
        # On one line, the units continue the last line of the head.
        text = head + unit * int(count) if one_line else head + "\n" + (unit + "\n") * int(count)
        text = text + ("\n" if one_line else "") + (tail + "\n" if tail else "")
        case.files[name] = text.encode("utf-8")
    elif title.endswith(" (base64)"):
        case.files[title.removesuffix(" (base64)")] = base64.b64decode("".join(body))
    else:
        text = "\n".join(body)
        case.files[title] = (text.rstrip("\n") + "\n").encode("utf-8")
