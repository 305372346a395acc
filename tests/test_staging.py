"""All or nothing across outputs: a failure while writing any file of any output leaves every
earlier output, and the cache file, as they were."""

from __future__ import annotations

import errno
import os
import shutil
from pathlib import Path

import pytest

from lectern import pipeline
from lectern.cache import CACHE_FILE
from lectern.faults import OSFault
from tests.conftest import LECTURES

NAME = "my-lecture"


def _everything(out: Path) -> dict[str, bytes]:
    """Every file in the output folder, hidden ones (the cache file) and temporary ones too."""
    return {p.name: p.read_bytes() for p in sorted(out.iterdir()) if p.is_file()}


@pytest.fixture
def built(tmp_path: Path) -> tuple[Path, Path]:
    """A lecture built once, then edited so that every output is out of date."""
    lecture = tmp_path / "lecture"
    shutil.copytree(LECTURES / "mini", lecture)
    out = tmp_path / "out"
    pipeline.build(lecture, out, parallel=False)
    chapter = lecture / "chapters" / "01-opening.md"
    # The title shows in every output: the booklet, its print file, the slides and the deck.
    chapter.write_text(chapter.read_text(encoding="utf-8").replace(
        "title: Opening", "title: Opening words"), encoding="utf-8")
    return lecture, out


@pytest.mark.parametrize(("victim", "failure"), [
    (f"{NAME}.pptx", OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))),
    (f"{NAME}-print.pdf", OSError(errno.EROFS, os.strerror(errno.EROFS))),
    (CACHE_FILE, OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))),
    (f"{NAME}.pdf", KeyboardInterrupt()),
])
def test_a_failure_while_staging_any_file_changes_nothing(
        built: tuple[Path, Path], monkeypatch: pytest.MonkeyPatch, victim: str,
        failure: BaseException) -> None:
    lecture, out = built
    before = _everything(out)
    assert victim in before and CACHE_FILE in before
    staged: list[str] = []
    real_stage = pipeline._stage

    def failing_stage(target: Path, data: bytes) -> Path:
        if target.name == victim:
            raise failure
        staged.append(target.name)
        return real_stage(target, data)

    monkeypatch.setattr(pipeline, "_stage", failing_stage)
    with pytest.raises((OSFault, KeyboardInterrupt)):
        pipeline.build(lecture, out, parallel=False)
    assert _everything(out) == before  # no output renamed, no temporary file left
    if victim == CACHE_FILE:  # the last file staged: every output was staged before it
        assert set(staged) == set(before) - {CACHE_FILE}

    monkeypatch.undo()
    again = pipeline.build(lecture, out, parallel=False)
    assert sorted(p.name for p in again.written) == sorted(set(before) - {CACHE_FILE})
    after = _everything(out)
    assert all(after[name] != before[name] for name in before), "an output was not rebuilt"


def test_outputs_and_the_cache_file_are_renamed_after_all_are_staged(
        built: tuple[Path, Path], monkeypatch: pytest.MonkeyPatch) -> None:
    lecture, out = built
    events: list[tuple[str, str]] = []
    real_stage, real_replace = pipeline._stage, os.replace

    def stage(target: Path, data: bytes) -> Path:
        events.append(("stage", target.name))
        return real_stage(target, data)

    def replace(src: str | Path, dst: str | Path) -> None:
        events.append(("rename", Path(dst).name))
        real_replace(src, dst)

    monkeypatch.setattr(pipeline, "_stage", stage)
    monkeypatch.setattr(pipeline.os, "replace", replace)
    pipeline.build(lecture, out, parallel=False)
    kinds = [kind for kind, _ in events]
    assert kinds == sorted(kinds, reverse=True), events  # every stage before any rename
    names = [name for _, name in events]
    assert names.count(CACHE_FILE) == 2 and names[-1] == CACHE_FILE  # the cache file last
    assert {name for kind, name in events if kind == "rename"} >= {f"{NAME}.pdf",
                                                                   f"{NAME}-print.pdf",
                                                                   f"{NAME}.pptx"}
