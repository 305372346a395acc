"""Faults of the system, not of the lecture: one line naming the path, exit 1, nothing left over."""

from __future__ import annotations

import errno
import os
import pickle
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from lectern import pipeline
from lectern.cli import cli, main
from lectern.diagnostics import Diagnostic, LectureInvalid, printable
from lectern.model import SourcePos

ROOT_USER = os.geteuid() == 0


def _outputs(out: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(out.iterdir()) if p.is_file()}


def _leftovers(folder: Path) -> list[Path]:
    return [p for p in folder.rglob("*") if p.name.endswith(".tmp")]


def _one_error(result: Any) -> str:
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    errors = [line for line in lines if line.startswith("error:")]
    assert len(errors) == 1, result.stderr
    assert "Traceback" not in result.output and "bug in lectern" not in result.output
    return errors[0]


@pytest.fixture
def mount(tmp_path: Path) -> Iterator[Any]:
    """Mount small tmpfs file systems (as root only); unmounted afterwards."""
    mounted: list[Path] = []

    def make(name: str, size: str = "1m", read_only: bool = False) -> Path:
        if not ROOT_USER or shutil.which("mount") is None:
            pytest.skip("mounting a tmpfs needs root")
        where = tmp_path / name
        where.mkdir()
        options = f"size={size}" + (",ro" if read_only else "")
        done = subprocess.run(["mount", "-t", "tmpfs", "-o", options, "tmpfs", str(where)],
                              capture_output=True)
        if done.returncode:
            pytest.skip(f"cannot mount a tmpfs here: {done.stderr.decode().strip()}")
        mounted.append(where)
        return where

    yield make
    for where in mounted:
        subprocess.run(["umount", "-l", str(where)], check=False)


def test_full_disk_keeps_old_outputs_and_leaves_no_temporary_file(lecture: Path, mount: Any,
                                                                  monkeypatch: Any) -> None:
    disk = mount("disk", size="640k")  # one build fits, a second beside it does not
    out = disk / "out"
    assert CliRunner().invoke(cli, ["build", str(lecture), "--out", str(out), "-q"]).exit_code == 0
    before = _outputs(out)
    result = CliRunner().invoke(cli, ["build", str(lecture), "--out", str(out), "-q", "--force"])
    assert result.exit_code == 1, result.output
    line = _one_error(result)
    assert "the disk is full" in line and str(out) in line, line
    assert _outputs(out) == before
    assert not _leftovers(disk)


def test_a_failing_write_removes_its_temporary_file(lecture: Path, tmp_path: Path,
                                                    monkeypatch: Any) -> None:
    """The same without root: the disk fills up half-way through the second file."""
    out = tmp_path / "out"
    assert CliRunner().invoke(cli, ["build", str(lecture), "--out", str(out), "-q",
                                    "--only", "booklet"]).exit_code == 0
    before = _outputs(out)
    real_fdopen = os.fdopen
    calls = []

    class Filling:
        def __init__(self, handle: Any) -> None:
            self.handle = handle

        def __enter__(self) -> Filling:
            return self

        def __exit__(self, *exc: object) -> None:
            self.handle.close()

        def write(self, data: bytes) -> int:
            calls.append(len(data))
            if len(calls) == 2:
                self.handle.write(data[:100])
                raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
            return int(self.handle.write(data))

    def fdopen(fd: int, mode: str, **kwargs: Any) -> Any:
        handle = real_fdopen(fd, mode, **kwargs)
        return Filling(handle) if mode == "wb" else handle  # outputs, not the cache file

    monkeypatch.setattr(pipeline.os, "fdopen", fdopen)
    result = CliRunner().invoke(cli, ["build", str(lecture), "--out", str(out), "-q",
                                      "--only", "booklet", "--force"])
    assert result.exit_code == 1
    assert "the disk is full" in _one_error(result)
    assert _outputs(out) == before
    assert not _leftovers(tmp_path)


def test_read_only_output_folder(lecture: Path, mount: Any) -> None:
    disk = mount("ro", read_only=True)
    result = CliRunner().invoke(cli, ["build", str(lecture), "--out", str(disk / "out"), "-q",
                                      "--only", "deck"])
    assert result.exit_code == 1
    line = _one_error(result)
    assert "read-only" in line and str(disk / "out") in line and "--out" in line, line


def test_permission_denied(lecture: Path, tmp_path: Path, monkeypatch: Any) -> None:
    out = tmp_path / "locked"
    out.mkdir()
    if ROOT_USER:  # root may write anywhere: the system's refusal is simulated
        def refuse(*args: object, **kwargs: object) -> None:
            raise PermissionError(errno.EACCES, os.strerror(errno.EACCES))

        monkeypatch.setattr(pipeline.tempfile, "mkstemp", refuse)
    else:
        out.chmod(0o555)
    try:
        result = CliRunner().invoke(cli, ["build", str(lecture), "--out", str(out), "-q",
                                          "--only", "deck"])
    finally:
        out.chmod(0o755)
    assert result.exit_code == 1
    line = _one_error(result)
    assert "permission denied" in line and str(out) in line, line
    assert not _leftovers(tmp_path)


def test_a_file_where_the_output_folder_should_be(lecture: Path, tmp_path: Path) -> None:
    (tmp_path / "taken").write_text("a file")
    for out in (tmp_path / "taken", tmp_path / "taken" / "out"):
        result = CliRunner().invoke(cli, ["build", str(lecture), "--out", str(out), "-q",
                                          "--only", "deck"])
        assert result.exit_code == 1, result.output
        line = _one_error(result)
        assert "a file stands where a folder should be" in line, line
        assert f"'{tmp_path / 'taken'}'" in line, line


def test_build_dot_in_a_read_only_lecture_folder(lecture: Path, mount: Any,
                                                 monkeypatch: Any) -> None:
    disk = mount("lectures", read_only=False)
    shutil.copytree(lecture, disk / "lecture")
    subprocess.run(["mount", "-o", "remount,ro", str(disk)], check=True)
    monkeypatch.chdir(disk / "lecture")
    result = CliRunner().invoke(cli, ["build", ".", "-q", "--only", "deck"])
    assert result.exit_code == 1
    line = _one_error(result)
    assert "'build'" in line and "read-only" in line and "--out" in line, line


def test_new_into_a_dangling_symlink(tmp_path: Path) -> None:
    link = tmp_path / "lecture"
    link.symlink_to(tmp_path / "gone")
    result = CliRunner().invoke(cli, ["new", str(link)])
    assert result.exit_code == 1
    assert "symbolic link to nothing" in _one_error(result)
    assert link.is_symlink() and not (tmp_path / "gone").exists()


def test_new_on_a_full_disk_leaves_nothing(mount: Any) -> None:
    disk = mount("tiny", size="8k")
    result = CliRunner().invoke(cli, ["new", str(disk / "lecture")])
    assert result.exit_code == 1
    assert "the disk is full" in _one_error(result)
    assert list(disk.iterdir()) == []


def test_an_unwrapped_os_error_is_still_exit_1(monkeypatch: Any, capsys: Any) -> None:
    def broken(*args: object, **kwargs: object) -> None:
        raise OSError(errno.EIO, os.strerror(errno.EIO), "/some/disk/file")

    monkeypatch.setattr("lectern.cli._build_lecture", broken)
    assert main(["build", "nowhere"]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "input/output error" in err and "/some/disk/file" in err


def test_errors_survive_a_process_boundary() -> None:
    """A course builds lectures in other processes: their errors must come back whole."""
    diagnostic = Diagnostic(SourcePos("lecture.yaml", 3, 1), "error", "bad")
    copy = pickle.loads(pickle.dumps(LectureInvalid([diagnostic])))
    assert isinstance(copy, LectureInvalid) and copy.diagnostics == [diagnostic]


def test_control_characters_are_escaped_in_diagnostics() -> None:
    shown = Diagnostic(SourcePos("chapters/\x1b[2Jred\u202e.md", 1, 1), "error",
                       "a \x07 bell \ud800 and \x9b").format()
    assert shown == ("chapters/\\x1b[2Jred\\u202e.md:1:1: error: a \\x07 bell \\ud800 "
                     "and \\x9b")
    assert printable("Ünïcödé — fine") == "Ünïcödé — fine"
    shown.encode("utf-8")  # no lone surrogate reaches the terminal


def test_a_broken_lecture_does_not_stop_a_course(tmp_path: Path) -> None:
    course = tmp_path / "course"
    shutil.copytree(Path(__file__).resolve().parent.parent / "examples" / "course", course)
    (course / "week-1" / "lecture.yaml").write_text("title: [broken\n", encoding="utf-8")
    result = subprocess.run([sys.executable, "-m", "lectern", "build", str(course), "--out",
                             str(tmp_path / "out"), "--only", "deck"],
                            capture_output=True, text=True, timeout=300)
    assert result.returncode == 1, result.stderr
    assert f"{course}/week-1/lecture.yaml:" in result.stderr
    assert "BrokenProcessPool" not in result.stderr and "Traceback" not in result.stderr
    assert "1 of 2 lecture(s) failed: week-1" in result.stderr
    assert list((tmp_path / "out" / "week-2").glob("*.pptx"))
    assert not (tmp_path / "out" / "week-1").exists() or \
        not list((tmp_path / "out" / "week-1").glob("*.pptx"))
