"""Ctrl-C, SIGTERM and a killed parent, sent to real lectern processes: clean stops, no orphans."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from tests.conftest import ROOT

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"),
                                reason="reads /proc to find left-over processes")


def _as_in_a_terminal() -> None:
    """Give the command Ctrl-C as a terminal's job has it: a job that a shell started in the
    background inherits SIGINT ignored, and Python then never raises KeyboardInterrupt."""
    signal.signal(signal.SIGINT, signal.SIG_DFL)


class Running:
    """A lectern command in a session of its own, its stderr read line by line as it comes."""

    def __init__(self, *args: str) -> None:
        self.process = subprocess.Popen([sys.executable, "-m", "lectern", *args],
                                        stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                        text=True, start_new_session=True,
                                        preexec_fn=_as_in_a_terminal)
        self.lines: list[str] = []
        self.reader = threading.Thread(target=self._read, daemon=True)
        self.reader.start()

    def _read(self) -> None:
        assert self.process.stderr is not None
        for line in self.process.stderr:
            self.lines.append(line.rstrip("\n"))

    def wait_for(self, text: str, timeout: float = 120) -> None:
        deadline = time.monotonic() + timeout
        while not any(text in line for line in self.lines):
            assert self.process.poll() is None, "\n".join(self.lines)
            assert time.monotonic() < deadline, f"no '{text}' in:\n" + "\n".join(self.lines)
            time.sleep(0.05)

    def finish(self, timeout: float = 30) -> int:
        """Wait until the command has exited and nothing holds its output pipes any more."""
        code = self.process.wait(timeout=timeout)
        self.reader.join(timeout=timeout)  # ends only when every holder of stderr is gone
        assert not self.reader.is_alive(), "a process still holds the command's stderr"
        assert self.process.stdout is not None
        self.process.stdout.read()
        return code

    def survivors(self) -> list[int]:
        """Processes still alive in the command's session (its workers, if any remained)."""
        found = []
        for entry in Path("/proc").iterdir():
            if not entry.name.isdigit():
                continue
            try:
                stat = (entry / "stat").read_text()
            except OSError:
                continue
            fields = stat.rsplit(")", 1)[1].split()
            if int(fields[3]) == self.process.pid and fields[0] != "Z":  # session id
                found.append(int(entry.name))
        return found


def _no_survivors(run: Running) -> None:
    deadline = time.monotonic() + 5
    while run.survivors():
        assert time.monotonic() < deadline, f"left running: {run.survivors()}"
        time.sleep(0.1)


def _interrupted_cleanly(run: Running, out: Path) -> None:
    code = run.finish()
    text = "\n".join(run.lines)
    assert code == 130, text
    assert "Traceback" not in text and "KeyboardInterrupt" not in text, text
    said = [line for line in run.lines if "interrupted" in line]
    assert said == [run.lines[-1]] and said[0].startswith("lectern: interrupted"), text
    _no_survivors(run)
    assert not [p for p in out.rglob("*") if p.name.endswith(".tmp")] if out.exists() else True


@pytest.fixture
def long_lecture(tmp_path: Path) -> Path:
    """The default lecture: its booklet takes seconds, long enough to be interrupted while
    both outputs render (the mini lecture builds in under a second)."""
    root = tmp_path / "long"
    shutil.copytree(ROOT / "source", root)
    return root


def test_ctrl_c_stops_a_build_and_its_worker(long_lecture: Path, tmp_path: Path) -> None:
    lecture = long_lecture
    out = tmp_path / "out"
    run = Running("build", str(lecture), "--out", str(out))
    run.wait_for("read 'All Power")
    time.sleep(0.8)  # both outputs are rendering now, one of them in a worker
    os.killpg(run.process.pid, signal.SIGINT)  # what a terminal does: the whole group
    _interrupted_cleanly(run, out)
    assert not list(out.glob("*.pdf")) if out.exists() else True


def test_sigterm_stops_a_build_and_keeps_the_old_outputs(long_lecture: Path,
                                                         tmp_path: Path) -> None:
    lecture = long_lecture
    out = tmp_path / "out"
    subprocess.run([sys.executable, "-m", "lectern", "build", str(lecture), "--out", str(out),
                    "-q"], check=True, timeout=300)
    before = {p.name: p.read_bytes() for p in out.iterdir()}
    run = Running("build", str(lecture), "--out", str(out), "--force")
    run.wait_for("read 'All Power")
    time.sleep(0.8)
    run.process.send_signal(signal.SIGTERM)  # to the main process only, as `timeout` does
    _interrupted_cleanly(run, out)
    assert {p.name: p.read_bytes() for p in out.iterdir()} == before


def test_a_killed_build_leaves_no_orphan_holding_its_output(long_lecture: Path,
                                                            tmp_path: Path) -> None:
    lecture = long_lecture
    run = Running("build", str(lecture), "--out", str(tmp_path / "out"))
    run.wait_for("read 'All Power")
    time.sleep(0.8)
    run.process.kill()
    assert run.finish(timeout=20) == -signal.SIGKILL
    _no_survivors(run)


def test_ctrl_c_stops_watch_and_its_render_processes(lecture: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    run = Running("watch", str(lecture), "--out", str(out))
    run.wait_for("watching")
    # watch itself (it renders the booklet and keeps its layout) and the deck's process
    assert len(run.survivors()) >= 2, "watch keeps a render process"
    os.killpg(run.process.pid, signal.SIGINT)
    _interrupted_cleanly(run, out)


def test_ctrl_c_stops_a_course_build(tmp_path: Path) -> None:
    course = tmp_path / "course"
    shutil.copytree(ROOT / "examples" / "course", course)
    out = tmp_path / "out"
    run = Running("build", str(course), "--out", str(out), "--jobs", "2")
    deadline = time.monotonic() + 60
    while len(run.survivors()) < 3 and time.monotonic() < deadline:  # both lectures started
        time.sleep(0.05)
    time.sleep(0.8)
    os.killpg(run.process.pid, signal.SIGINT)
    _interrupted_cleanly(run, out)
