"""The fuzz harness: run lectern on one generated input in a forked process and judge the run.

Each run is a fork of the test process (lectern already imported, so a run costs what lectern
does, not what Python's start does), with its output sent to a file. The parent waits, and
judges: the exit code is 0 or 1, nothing says "internal error" or shows a traceback, the
process stayed under the memory ceiling (the kernel's own count of its peak), every line
printed is safe for a terminal, and every file written is inside the output folder and
whole. The wait is bounded only as a guard against a hang, far above any real run.
"""

from __future__ import annotations

import contextlib
import gc
import io
import json
import os
import resource
import signal
import sys
import tempfile
import time
import unicodedata
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, Phase, settings

# `make fuzz` sets LECTERN_FUZZ_EXAMPLES: many random examples a target, failures kept in
# Hypothesis' database. Without it (in `make test`) each target runs a few fixed examples.
FUZZ_EXAMPLES = int(os.environ.get("LECTERN_FUZZ_EXAMPLES", "0") or 0)
MEMORY_LIMIT = 1 << 30  # the promise: any input within the limits, at most 1 GiB
HANG_GUARD = 300.0  # seconds; only a run that hangs comes near it
SLACK = 1 << 30  # address space a run may map beyond what the test process has already


def fuzz_settings(examples: int) -> settings:
    """Hypothesis settings for a fuzz target: `examples` fixed ones, or many random ones."""
    if FUZZ_EXAMPLES:
        return settings(max_examples=FUZZ_EXAMPLES, deadline=None, print_blob=True,
                        suppress_health_check=list(HealthCheck))
    # Without shrinking: a failure is shown as found, at once (`make fuzz` shrinks it).
    return settings(max_examples=examples, deadline=None, derandomize=True, database=None,
                    suppress_health_check=list(HealthCheck),
                    phases=[Phase.explicit, Phase.generate])


# --- what may reach a terminal --------------------------------------------------------------

# Named from Unicode's own categories and the list of bidirectional controls, not from
# lectern's pattern.
BIDI = set("\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")


def unsafe(char: str) -> bool:
    """True for a character that must reach a terminal only as an escape."""
    category = unicodedata.category(char)
    return (char != "\n" and category == "Cc") or category in ("Cs", "Zl", "Zp") or \
        char in BIDI or (category == "Cf" and char not in "\u200c\u200d\u00ad")


def assert_safe(text: str) -> None:
    bad = sorted({f"U+{ord(c):04X}" for c in text if unsafe(c)})
    assert not bad, f"printed as it is: {bad}\n{text}"


# --- one run ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Run:
    code: int
    output: str
    peak_bytes: int  # the process's largest resident size
    written: tuple[str, ...]  # absolute paths Python opened for writing, made or renamed to


def run_forked(argv: list[str]) -> Run:
    """Run `lectern argv` in a fork of this process; its exit code, output, peak memory and
    the paths it wrote."""
    with tempfile.TemporaryFile() as log, tempfile.TemporaryFile() as paths:
        # Frozen, the test process's objects are left out of the child's collections: they
        # would be walked (and their pages copied) at every one.
        gc.freeze()
        pid = os.fork()
        if pid == 0:  # pragma: no cover - the child
            _child(argv, log.fileno(), paths.fileno())
        gc.unfreeze()
        status, usage = _wait(pid)
        log.seek(0)
        output = log.read().decode("utf-8", errors="replace")
        paths.seek(0)
        written = tuple(sorted(set(json.loads(paths.read() or b"[]"))))
    assert os.WIFEXITED(status), f"lectern {argv} died by signal {os.WTERMSIG(status)}\n{output}"
    return Run(os.WEXITSTATUS(status), output, usage.ru_maxrss * 1024, written)


def _child(argv: list[str], log: int, paths: int) -> None:  # pragma: no cover - in the fork
    code = 70
    written: list[str] = []
    try:
        os.dup2(log, 1)
        os.dup2(log, 2)
        # The test's own streams (pytest's capture) are replaced by the log, as a terminal
        # would be: UTF-8, strict (what cannot be encoded must fail here too).
        sys.stdout = io.TextIOWrapper(os.fdopen(1, "wb", closefd=False), encoding="utf-8")
        sys.stderr = io.TextIOWrapper(os.fdopen(2, "wb", closefd=False), encoding="utf-8")
        _limit_address_space()
        sys.addaudithook(_writes_to(written))
        from lectern.cli import main

        code = main(argv)
    finally:
        with contextlib.suppress(Exception):
            sys.stdout.flush()
            sys.stderr.flush()
            os.write(paths, json.dumps(written).encode("utf-8"))
        os._exit(code)


_WRITE_FLAGS = os.O_WRONLY | os.O_RDWR | os.O_CREAT | os.O_APPEND | os.O_TRUNC
_MOVES = {"os.rename": 1, "os.replace": 1, "os.link": 1, "os.symlink": 1, "os.mkdir": 0,
          "shutil.copyfile": 1, "shutil.move": 1}


def _writes_to(written: list[str]) -> Callable[[str, tuple[Any, ...]], None]:
    """An audit hook that notes every path opened for writing, made, or renamed or copied to
    (what C libraries write themselves is not seen)."""
    def hook(event: str, args: tuple[Any, ...]) -> None:
        if event == "open":
            path, flags = args[0], args[2]
        elif event in _MOVES:
            path, flags = args[_MOVES[event]], _WRITE_FLAGS
        else:
            return
        if isinstance(path, str | bytes | os.PathLike) and flags & _WRITE_FLAGS:
            written.append(os.path.abspath(os.fsdecode(path)))
    return hook


def _limit_address_space() -> None:  # pragma: no cover - runs in the fork
    """A ceiling above what the run may need, so that a runaway allocation fails at once
    (as a MemoryError, which lectern reports as an internal error) instead of swapping."""
    with open("/proc/self/status", encoding="ascii") as status:
        size = next(int(line.split()[1]) * 1024 for line in status if line.startswith("VmSize"))
    resource.setrlimit(resource.RLIMIT_AS, (size + SLACK, size + SLACK))


def _wait(pid: int) -> tuple[int, resource.struct_rusage]:
    """Wait for the child; kill it if it outlives the hang guard (then fail)."""
    give_up = time.monotonic() + HANG_GUARD
    while True:
        done, status, usage = os.wait4(pid, os.WNOHANG)
        if done:
            return status, usage
        if time.monotonic() > give_up:
            os.kill(pid, signal.SIGKILL)
            os.wait4(pid, 0)
            raise AssertionError(f"lectern ran for more than {HANG_GUARD:.0f} s: it hangs")
        time.sleep(0.01)


def judged(argv: list[str]) -> Run:
    """Run lectern and assert what every run must keep: exit 0 or 1, no internal error or
    traceback, at most MEMORY_LIMIT, nothing unsafe printed."""
    run = run_forked(argv)
    assert run.code in (0, 1), f"lectern {argv[0]} exited {run.code}:\n{run.output}"
    assert "internal error" not in run.output and "Traceback" not in run.output, run.output
    assert run.peak_bytes < MEMORY_LIMIT, f"{run.peak_bytes >> 20} MiB at the peak"
    assert_safe(run.output)
    return run


# --- what a run leaves on disk ----------------------------------------------------------------


def snapshot(folder: Path) -> dict[str, bytes]:
    """Every file under `folder` with its content (the inputs are small)."""
    return {p.relative_to(folder).as_posix(): p.read_bytes()
            for p in sorted(folder.rglob("*")) if p.is_file() and not p.is_symlink()}


def assert_writes_contained(run: Run, workspace: Path, out: str) -> None:
    """Every path the run wrote is in the output folder, or outside the workspace in the
    system's temporary folder (WeasyPrint's font files) or lectern's cache folder; nothing
    in the lecture, nothing anywhere else."""
    allowed = [Path(tempfile.gettempdir()).resolve()]
    if os.environ.get("XDG_CACHE_HOME"):
        allowed.append(Path(os.environ["XDG_CACHE_HOME"]).resolve())
    space, out_dir = workspace.resolve(), (workspace / out).resolve()
    for name in run.written:
        path = Path(name).resolve()
        inside = path.is_relative_to(space)
        assert (path.is_relative_to(out_dir) if inside else
                any(path.is_relative_to(folder) for folder in allowed)), f"wrote {path}"


def assert_outputs_safe(workspace: Path, before: dict[str, bytes], out: str) -> None:
    """Only the output folder changed; what it holds is whole (no temporary or half-written
    file); the inputs are as they were."""
    after = snapshot(workspace)
    changed = {name for name in after if before.get(name) != after[name]}
    changed |= set(before) - set(after)
    outside = sorted(name for name in changed if not name.startswith(out + "/"))
    assert not outside, f"written or changed outside the output folder: {outside}"
    for name in sorted(changed):
        path = workspace / name
        leaf = path.name
        assert not leaf.startswith(".") or leaf.startswith(".lectern"), f"left behind: {name}"
        assert not leaf.endswith((".tmp", ".part", "~")), f"left behind: {name}"
        if leaf.endswith(".pptx"):
            with zipfile.ZipFile(path) as archive:
                assert archive.testzip() is None, f"{name} is damaged"
        if leaf.endswith(".pdf"):
            data = path.read_bytes()
            assert data.startswith(b"%PDF-") and b"%%EOF" in data[-1024:], f"{name} is cut"
