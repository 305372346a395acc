"""The build workflow: content cache, atomic outputs, parallel renders, watch, courses, make."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from lectern import cache
from lectern.diagnostics import LectureInvalid
from lectern.outputs import WRITERS
from lectern.pipeline import TARGETS, build
from tests.conftest import LECTURES, ROOT

EXAMPLES = ROOT / "examples"
ALL_FILES = sum(len(w.files) for w in WRITERS)  # what a build of every output writes


def _digests(out: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(out.iterdir()) if p.is_file()}


def test_second_build_skips_everything_and_force_rebuilds(lecture: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    first = build(lecture, out)
    assert len(first.written) == ALL_FILES
    assert sorted(p.name for p in first.written) == sorted(
        f for w in WRITERS for f in w.file_names(first.lecture.name if first.lecture else ""))
    assert sorted(first.render_pids) == sorted(TARGETS)
    assert len(set(first.render_pids.values())) == 2, "booklet and deck shared a process"
    mtimes = {p: p.stat().st_mtime_ns for p in first.written}
    second = build(lecture, out)
    assert second.written == [] and sorted(second.skipped) == sorted(TARGETS)
    assert {p: p.stat().st_mtime_ns for p in first.written} == mtimes
    forced = build(lecture, out, force=True, parallel=False)
    assert len(forced.written) == ALL_FILES


def test_editing_a_chapter_rebuilds_and_a_broken_source_leaves_outputs(
        lecture: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    build(lecture, out, parallel=False)
    chapter = lecture / "chapters" / "02-argument.md"
    chapter.write_text(chapter.read_text().replace("It ends with", "Now it ends with"))
    rebuilt = build(lecture, out, parallel=False)
    assert len(rebuilt.written) == ALL_FILES
    good = _digests(out)
    chapter.write_text("---\ntitle: [broken\n---\n")
    with pytest.raises(LectureInvalid):
        build(lecture, out, parallel=False)
    assert _digests(out) == good
    assert not [p for p in out.iterdir() if p.name.endswith(".tmp")]


def test_a_picture_changed_in_place_is_seen_by_its_content(lecture: Path, tmp_path: Path) -> None:
    """A picture replaced by another of the same size and time still rebuilds what shows it."""
    from PIL import Image

    picture = lecture / "images" / "banner.png"

    def paint(colour: tuple[int, int, int]) -> None:
        Image.new("RGB", (64, 32), colour).save(picture, compress_level=0)

    paint((200, 30, 30))
    out = tmp_path / "out"
    build(lecture, out, parallel=False)
    before = _digests(out)
    stat = picture.stat()
    paint((30, 30, 200))
    os.utime(picture, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    assert picture.stat().st_size == stat.st_size
    build(lecture, out, parallel=False)
    changed = {name for name, data in _digests(out).items() if before.get(name) != data}
    assert any(name.endswith(".pptx") for name in changed)
    assert any(name.endswith(".pdf") and "print" not in name for name in changed)


def test_what_the_deck_reads_is_known_from_the_model_alone(lecture: Path) -> None:
    """The deck's cache key comes from the digests the reader took: no writer looks at a
    source file again (the picture can be gone by then and the key is the same)."""
    from PIL import Image

    from lectern.outputs import deck_reads
    from lectern.readers.lecture import load_lecture

    picture = lecture / "images" / "banner.png"
    Image.new("RGB", (64, 32), (200, 30, 30)).save(picture, compress_level=0)
    read, _ = load_lecture(lecture)
    key = deck_reads(read)
    picture.unlink()
    assert deck_reads(read) == key
    Image.new("RGB", (64, 32), (30, 30, 200)).save(picture, compress_level=0)
    assert deck_reads(load_lecture(lecture)[0]) != key


def test_deck_layout_changes_only_the_deck_fingerprint(lecture: Path, tmp_path: Path,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    layouts = tmp_path / "layouts"
    shutil.copytree(ROOT / "layouts" / "default", layouts)
    monkeypatch.setattr(cache, "DEFAULT_LAYOUT", layouts)
    before = {t: cache.fingerprint(lecture, t, {}) for t in TARGETS}
    (layouts / "deck" / "extra.txt").write_text("a change to the deck layout only")
    after = {t: cache.fingerprint(lecture, t, {}) for t in TARGETS}
    assert before["booklet"] == after["booklet"]
    assert before["deck"] != after["deck"]


def test_an_edit_to_a_layout_file_is_seen_by_the_same_process(
        lecture: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Digests of lectern's own files are remembered by size and times, not for ever."""
    layouts = tmp_path / "layouts"
    shutil.copytree(ROOT / "layouts" / "default", layouts)
    monkeypatch.setattr(cache, "DEFAULT_LAYOUT", layouts)
    sheet = layouts / "booklet" / "booklet.css"
    text = sheet.read_text(encoding="utf-8")
    first = cache.fingerprint(lecture, "booklet", {})
    assert cache.fingerprint(lecture, "booklet", {}) == first
    sheet.write_text(text.replace("{", "[", 1), encoding="utf-8")  # same size
    edited = cache.fingerprint(lecture, "booklet", {})
    sheet.write_text(text, encoding="utf-8")
    assert edited != first
    assert cache.fingerprint(lecture, "booklet", {}) == first


def test_course_builds_every_lecture(tmp_path: Path) -> None:
    out = tmp_path / "course"
    result = subprocess.run(
        [sys.executable, "-m", "lectern", "build", str(EXAMPLES / "course"), "--out", str(out)],
        capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stderr
    for week in ("week-1", "week-2"):
        names = sorted(p.name for p in (out / week).iterdir()
                       if p.is_file() and not p.name.startswith("."))
        assert len(names) == ALL_FILES, names
        assert sum(n.endswith(".pptx") for n in names) == 1, names
    assert "course 'Reading 1917': 2 lecture(s)" in result.stderr


def test_watch_rebuilds_on_save(lecture: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    watcher = subprocess.Popen(
        [sys.executable, "-m", "lectern", "watch", str(lecture), "--out", str(out),
         "--only", "deck", "--max-builds", "2"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        deck = _wait_for(lambda: next(out.glob("*.pptx"), None))
        first = deck.read_bytes()
        time.sleep(1.5)  # let the watcher start watching after its first build
        chapter = lecture / "chapters" / "01-opening.md"
        chapter.write_text(chapter.read_text().replace("Welcome the audience.",
                                                       "Welcome everyone warmly."))
        watcher.wait(timeout=120)
    finally:
        watcher.kill()
    stderr = watcher.stderr.read() if watcher.stderr else ""
    assert watcher.returncode == 0, stderr
    assert "changed: 01-opening.md" in stderr
    assert deck.read_bytes() != first


def test_make_is_incremental(tmp_path: Path) -> None:
    if shutil.which("make") is None:
        pytest.skip("make is not installed")
    lecture = tmp_path / "lecture"
    shutil.copytree(LECTURES / "mini", lecture)
    args = ["make", "-C", str(ROOT), "build", f"LECTURE={lecture}", f"OUT={tmp_path / 'out'}"]
    subprocess.run(args, check=True, capture_output=True, timeout=600)
    outputs = {p: p.stat().st_mtime_ns for p in (tmp_path / "out").iterdir()}
    up_to_date = subprocess.run([*args[:3], "-q", *args[3:]], capture_output=True)
    assert up_to_date.returncode == 0, "make wants to rebuild although nothing changed"
    assert {p: p.stat().st_mtime_ns for p in (tmp_path / "out").iterdir()} == outputs
    chapter = lecture / "chapters" / "02-argument.md"
    time.sleep(0.01)
    chapter.write_text(chapter.read_text() + "\nA new closing line.\n")
    stale = subprocess.run([*args[:3], "-q", *args[3:]], capture_output=True)
    assert stale.returncode == 1, "make does not see the edited chapter"


def _wait_for(probe: Callable[[], Path | None], timeout: float = 120.0) -> Path:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = probe()
        if value is not None:
            return value
        time.sleep(0.1)
    raise AssertionError("timed out waiting for the first build")


@pytest.fixture
def kept_layouts() -> Iterator[None]:
    """This process keeps the booklet's laid-out parts between builds, as watch does."""
    from lectern.pipeline import preload
    from lectern.writers.booklet import keep_layouts

    preload(keep=True)
    try:
        yield
    finally:
        keep_layouts(False)


def test_watch_builds_keep_what_an_edit_leaves_alone(lecture: Path, tmp_path: Path,
                                                     kept_layouts: None) -> None:
    from lectern.pipeline import Reuse
    from lectern.writers.booklet import kept_renderer

    out, reuse, said = tmp_path / "out", Reuse(), []
    build(lecture, out, reuse=reuse, parallel=False)
    deck = next(out.glob("*.pptx")).read_bytes()
    chapter = lecture / "chapters" / "02-argument.md"
    chapter.write_text(chapter.read_text().replace("It ends with", "Now it ends with"))
    rebuilt = build(lecture, out, reuse=reuse, parallel=False,
                    progress=lambda step, _: said.append(step))
    # The prose changed: the deck reads none of it and is not planned again.
    assert "deck: what it reads is unchanged" in said
    assert next(out.glob("*.pptx")).read_bytes() == deck
    stats = kept_renderer().stats  # type: ignore[union-attr]
    assert stats.reused == stats.parts - 1, "only the edited chapter is laid out again"
    fresh = build(lecture, tmp_path / "fresh", force=True, parallel=False)
    assert {p.name for p in rebuilt.written} == {p.name for p in fresh.written}
    assert _digests(out) == _digests(tmp_path / "fresh")


def test_watch_plans_the_deck_again_when_what_it_reads_changes(
        lecture: Path, tmp_path: Path, kept_layouts: None) -> None:
    from lectern.pipeline import Reuse

    out, reuse, said = tmp_path / "out", Reuse(), []
    build(lecture, out, reuse=reuse, parallel=False)
    chapter = lecture / "chapters" / "02-argument.md"
    text = chapter.read_text()
    title = next(line for line in text.splitlines() if line.startswith("title:"))
    chapter.write_text(text.replace(title, title + " revised"))
    build(lecture, out, reuse=reuse, parallel=False, progress=lambda step, _: said.append(step))
    assert "deck: what it reads is unchanged" not in said
    assert any(step.startswith("deck: rendered") for step in said)
