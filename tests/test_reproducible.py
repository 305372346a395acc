"""The same source gives the same bytes anywhere: whatever folder, output folder, working
directory, hash seed, time zone and language the build runs with, each in a process of its own.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
from pathlib import Path

from tests.conftest import LECTURES

# Each build differs from the others in every respect at once; the lecture folders differ
# in depth, in spaces and in non-ASCII names, and the image paths with them.
SETTINGS = [
    {"folder": "a/lecture", "out": "build", "cwd": "", "PYTHONHASHSEED": "0", "TZ": "UTC",
     "LANG": "C"},
    {"folder": "Лекции/week one/talk", "out": "elsewhere/out", "cwd": "elsewhere",
     "PYTHONHASHSEED": "12345", "TZ": "Asia/Kolkata", "LANG": "C.UTF-8"},
    {"folder": "x", "out": "x/build", "cwd": "x", "PYTHONHASHSEED": "random",
     "TZ": "America/St_Johns", "LANG": "de_DE.UTF-8"},
]


def _build(base: Path, settings: dict[str, str]) -> dict[str, str]:
    """Copy the test lecture to its folder, build it in a new process; the outputs' digests."""
    lecture = base / settings["folder"]
    shutil.copytree(LECTURES / "mini", lecture)
    cwd = base / settings["cwd"]
    cwd.mkdir(parents=True, exist_ok=True)
    out = base / settings["out"]
    env = {k: v for k, v in os.environ.items() if not k.startswith("LC_")}
    env.update({k: settings[k] for k in ("PYTHONHASHSEED", "TZ", "LANG")})
    args = ["build", os.path.relpath(lecture, cwd), "--out", os.path.relpath(out, cwd), "--quiet"]
    result = subprocess.run([sys.executable, "-m", "lectern", *args], cwd=cwd, env=env,
                            capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stderr
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(out.iterdir())
            if p.is_file() and not p.name.startswith(".")}


def test_every_output_is_the_same_bytes_anywhere(tmp_path: Path) -> None:
    digests = [_build(tmp_path / str(n), settings) for n, settings in enumerate(SETTINGS)]
    names = sorted(digests[0])
    # Every output compared: at least the booklet, its print file and the deck.
    assert {"my-lecture.pdf", "my-lecture-print.pdf", "my-lecture.pptx"} <= set(names), names
    for settings, found in zip(SETTINGS[1:], digests[1:], strict=True):
        differ = [name for name in names if found.get(name) != digests[0][name]]
        assert not differ and sorted(found) == names, (settings, differ)
