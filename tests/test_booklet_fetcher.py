"""The booklet's URL fetcher: local files inside the lecture, layouts and assets, nothing else."""

from __future__ import annotations

import dataclasses
import shutil
from pathlib import Path

import pytest

from lectern import model as m
from lectern.diagnostics import LecternError
from lectern.paths import ASSETS
from lectern.writers.booklet import render_booklet
from lectern.writers.fetcher import FetchRefused, SandboxFetcher

POS = m.SourcePos("chapters/01-opening.md", 7, 1)


@pytest.fixture
def lecture_dir(tmp_path: Path) -> Path:
    root = tmp_path / "lecture"
    (root / "images").mkdir(parents=True)
    (root / "images" / "ok.png").write_bytes(b"\x89PNG fake")
    (tmp_path / "secret.txt").write_text("secret")
    (root / "images" / "leak.png").symlink_to(tmp_path / "secret.txt")
    return root


@pytest.fixture
def fetcher(lecture_dir: Path) -> SandboxFetcher:
    origins = {lecture_dir / "images" / "leak.png": POS}
    return SandboxFetcher((lecture_dir, ASSETS), origins)


def test_a_file_inside_the_lecture_is_served(fetcher: SandboxFetcher, lecture_dir: Path) -> None:
    response = fetcher.fetch((lecture_dir / "images" / "ok.png").as_uri())
    assert response.read() == b"\x89PNG fake"
    assert response.content_type == "image/png"


def test_shipped_fonts_are_served(fetcher: SandboxFetcher) -> None:
    font = next((ASSETS / "fonts").rglob("*.ttf"))
    assert fetcher.fetch(font.as_uri()).read()[:4] in (b"\x00\x01\x00\x00", b"true")


@pytest.mark.parametrize("url", [
    "http://example.org/image.png",
    "https://example.org/style.css",
    "ftp://example.org/x",
    "data:text/plain,hello",
    "file:///etc/passwd",
])
def test_other_urls_are_refused(fetcher: SandboxFetcher, url: str) -> None:
    with pytest.raises(FetchRefused):
        fetcher.fetch(url)


def test_a_dotdot_path_out_of_the_lecture_is_refused(fetcher: SandboxFetcher,
                                                     lecture_dir: Path) -> None:
    url = (lecture_dir / "images").as_uri() + "/../../secret.txt"
    with pytest.raises(FetchRefused, match="outside"):
        fetcher.fetch(url)


def test_a_symlink_pointing_outside_is_refused_at_its_source_line(
        fetcher: SandboxFetcher, lecture_dir: Path) -> None:
    with pytest.raises(FetchRefused) as refused:
        fetcher.fetch((lecture_dir / "images" / "leak.png").as_uri())
    assert refused.value.pos == POS


def test_a_missing_file_is_refused(fetcher: SandboxFetcher, lecture_dir: Path) -> None:
    with pytest.raises(FetchRefused, match="no such file"):
        fetcher.fetch((lecture_dir / "images" / "gone.png").as_uri())


def test_render_stops_with_the_line_of_a_leaking_cover_image(mini: m.Lecture,
                                                             tmp_path: Path) -> None:
    # The reader would refuse this; the writer must hold even when handed such a model.
    root = tmp_path / "copy"
    shutil.copytree(mini.root, root)
    (tmp_path / "secret.png").write_bytes((mini.root / "images" / "banner.png").read_bytes())
    (root / "images" / "cover.png").symlink_to(tmp_path / "secret.png")
    at = m.SourcePos("lecture.yaml", 41, 3)
    booklet = dataclasses.replace(mini.booklet, cover_image=root / "images" / "cover.png",
                                  pos=at)
    lecture = dataclasses.replace(mini, root=root, booklet=booklet)
    with pytest.raises(LecternError) as error:
        render_booklet(lecture)
    assert error.value.pos == at
    assert "outside the lecture folder" in str(error.value)
