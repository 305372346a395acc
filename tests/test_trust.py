"""A lecture folder's own build state is never trusted, and a build reads only what it uses."""

from __future__ import annotations

import json
import os
import shutil
import stat
from pathlib import Path

import pytest

from lectern import cache
from lectern.course import read_course
from lectern.diagnostics import LectureInvalid
from lectern.pipeline import build
from tests.conftest import LECTURES

DECK = ("deck",)


@pytest.fixture
def lecture(tmp_path: Path) -> Path:
    root = tmp_path / "lecture"
    shutil.copytree(LECTURES / "mini", root)
    return root


def _use_cache_home(monkeypatch: pytest.MonkeyPatch, home: Path) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(home))


def test_the_signing_key_lives_in_the_users_cache_folder(
        tmp_path: Path, lecture: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _use_cache_home(monkeypatch, tmp_path / "xdg")
    build(lecture, tmp_path / "out", DECK)
    key = tmp_path / "xdg" / "lectern" / cache.KEY_FILE
    assert key.is_file() and stat.S_IMODE(key.stat().st_mode) == 0o600
    assert len(key.read_bytes()) == 32
    assert build(lecture, tmp_path / "out", DECK).skipped == ["deck"]


def test_a_build_folder_that_came_with_the_lecture_is_rebuilt(
        tmp_path: Path, lecture: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # The sender builds with lectern (their own key), then plants a deck of their own.
    _use_cache_home(monkeypatch, tmp_path / "sender")
    out = lecture / "build"
    build(lecture, out, DECK)
    deck = next(out.glob("*.pptx"))
    deck.write_bytes(b"a deck lectern did not write")
    # Even a cache entry rewritten to match that deck is not trusted without the key.
    entries = (out / cache.CACHE_FILE).read_text()
    good = cache.file_hash(deck.read_bytes())
    forged = json.loads(entries)
    forged["deck"]["outputs"][deck.name] = good
    (out / cache.CACHE_FILE).write_text(json.dumps(forged))
    _use_cache_home(monkeypatch, tmp_path / "receiver")
    result = build(lecture, out, DECK)
    assert result.skipped == [] and deck in result.written
    assert deck.read_bytes().startswith(b"PK")


def test_an_output_replaced_after_the_build_is_rebuilt(tmp_path: Path, lecture: Path) -> None:
    out = tmp_path / "out"
    build(lecture, out, DECK)
    deck = next(out.glob("*.pptx"))
    original = deck.read_bytes()
    deck.unlink()
    deck.symlink_to(tmp_path / "elsewhere.pptx")
    (tmp_path / "elsewhere.pptx").write_bytes(original)
    result = build(lecture, out, DECK)
    assert result.skipped == [] and not deck.is_symlink()
    assert (tmp_path / "elsewhere.pptx").read_bytes() == original


def test_files_the_lecture_does_not_use_are_never_read(tmp_path: Path, lecture: Path) -> None:
    outside = tmp_path / "outside.txt"
    outside.write_text("one")
    (lecture / "escape.txt").symlink_to(outside)
    (lecture / "memory").symlink_to("/proc/self/mem")
    os.mkfifo(lecture / "pipe")
    with open(lecture / "huge.bin", "wb") as handle:  # sparse: 4 GiB that takes no room
        handle.truncate(4 << 30)
    out = tmp_path / "out"
    assert build(lecture, out, DECK).written
    outside.write_text("two")
    assert build(lecture, out, DECK).skipped == ["deck"]


@pytest.mark.parametrize("where", [".", "lecture", "lecture/chapters"])
def test_outputs_inside_the_lecture_never_hide_an_edit(
        tmp_path: Path, lecture: Path, monkeypatch: pytest.MonkeyPatch, where: str) -> None:
    monkeypatch.chdir(lecture if where == "." else tmp_path)
    root, out = Path("." if where == "." else "lecture"), Path(where)
    build(root, out, DECK)
    assert build(root, out, DECK).skipped == ["deck"]
    chapter = lecture / "chapters" / "01-opening.md"
    chapter.write_text(chapter.read_text() + "\nA line added after the first build.\n")
    assert build(root, out, DECK).written
    assert build(root, out, DECK).skipped == ["deck"]


def test_a_picture_added_beside_the_chapter_is_seen(tmp_path: Path, lecture: Path) -> None:
    chapter = lecture / "chapters" / "02-argument.md"
    chapter.write_text(chapter.read_text().replace("../images/banner.png", "images/banner.png"))
    out = tmp_path / "out"
    build(lecture, out, DECK)
    assert build(lecture, out, DECK).skipped == ["deck"]
    # The same name beside the chapter now wins over the one in the lecture folder.
    (lecture / "chapters" / "images").mkdir()
    shutil.copy(lecture / "images" / "banner.png", lecture / "chapters" / "images" / "banner.png")
    assert build(lecture, out, DECK).written


def test_a_retargeted_link_inside_the_folder_is_seen(tmp_path: Path, lecture: Path) -> None:
    chapters = lecture / "chapters"
    text = (chapters / "02-argument.md").read_text().replace("../images/", "images/")
    (lecture / "first.md").write_text(text)
    (lecture / "other.md").write_text(text + "\nAnother ending.\n")
    (chapters / "02-argument.md").unlink()
    (chapters / "02-argument.md").symlink_to("../first.md")
    out = tmp_path / "out"
    build(lecture, out, DECK)
    (chapters / "02-argument.md").unlink()
    (chapters / "02-argument.md").symlink_to("../other.md")
    assert build(lecture, out, DECK).written


def test_a_planted_link_never_redirects_the_cache_file(tmp_path: Path, lecture: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    victim = tmp_path / "victim.txt"
    victim.write_text("keep me")
    (out / cache.CACHE_FILE).symlink_to(victim)
    (out / ".lectern-cache.tmp").symlink_to(victim)
    build(lecture, out, DECK)
    assert victim.read_text() == "keep me"
    assert (out / cache.CACHE_FILE).is_file() and not (out / cache.CACHE_FILE).is_symlink()


def test_a_pipe_as_cache_file_does_not_block(tmp_path: Path, lecture: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    os.mkfifo(out / cache.CACHE_FILE)
    assert build(lecture, out, DECK).written


def test_without_a_usable_key_nothing_is_up_to_date(
        tmp_path: Path, lecture: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    blocked = tmp_path / "not-a-folder"
    blocked.write_text("a file where the cache folder would be")
    _use_cache_home(monkeypatch, blocked)
    out = tmp_path / "out"
    build(lecture, out, DECK)
    assert build(lecture, out, DECK).written


def test_a_course_lecture_folder_through_a_link_inside_the_course(tmp_path: Path) -> None:
    course = tmp_path / "course"
    shutil.copytree(LECTURES / "mini", course / "weeks" / "one")
    (course / "first").symlink_to("weeks/one")
    (course / "course.yaml").write_text("title: C\nlectures:\n  - first\n")
    lectures = read_course(course).lectures
    assert [(lec.name, lec.path) for lec in lectures] == [("first", "first")]
    assert lectures[0].root == (course / "weeks" / "one").resolve()
    (course / "course.yaml").write_text("title: C\nlectures:\n  - first\n  - weeks/one\n")
    with pytest.raises(LectureInvalid) as raised:
        read_course(course)
    assert "listed twice" in raised.value.format()


def test_a_named_pipe_as_chapter_is_an_error_not_a_hang(tmp_path: Path, lecture: Path) -> None:
    chapter = lecture / "chapters" / "02-argument.md"
    chapter.unlink()
    os.mkfifo(chapter)
    with pytest.raises(LectureInvalid) as raised:
        build(lecture, tmp_path / "out", DECK)
    assert "lecture.yaml:13:5: error: the chapter file 'chapters/02-argument.md' is not a " \
        "regular file" in raised.value.format()
