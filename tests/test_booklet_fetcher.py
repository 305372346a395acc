"""The booklet's URL fetcher: files inside the lecture, layouts and assets, by URLs that name
no machine path; nothing else."""

from __future__ import annotations

import dataclasses
import shutil
from pathlib import Path

import pytest

from lectern import model as m
from lectern.diagnostics import LecternError
from lectern.paths import ASSETS
from lectern.readers.lecture import load_lecture
from lectern.writers.booklet import render_booklet
from lectern.writers.urls import BASE, Roots
from lectern.writers.weasy.fetcher import FetchRefused, SandboxFetcher

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
    return SandboxFetcher(Roots((("lecture", lecture_dir), ("assets", ASSETS))), origins)


def _url(fetcher: SandboxFetcher, path: Path) -> str:
    return fetcher.roots.url(path)


def test_a_file_inside_the_lecture_is_served(fetcher: SandboxFetcher, lecture_dir: Path) -> None:
    url = _url(fetcher, lecture_dir / "images" / "ok.png")
    assert url == f"{BASE}lecture/images/ok.png"
    response = fetcher.fetch(url)
    assert response.read() == b"\x89PNG fake"
    assert response.content_type == "image/png"
    assert response.url == url  # WeasyPrint names the image after it: no machine path


def test_shipped_fonts_are_served(fetcher: SandboxFetcher) -> None:
    font = next((ASSETS / "fonts").rglob("*.ttf"))
    url = _url(fetcher, font)
    assert url.startswith(f"{BASE}assets/fonts/") and str(ASSETS) not in url
    assert fetcher.fetch(url).read()[:4] in (b"\x00\x01\x00\x00", b"true")


def test_file_urls_are_refused_even_inside_the_lecture(fetcher: SandboxFetcher,
                                                      lecture_dir: Path) -> None:
    with pytest.raises(FetchRefused, match="never by file: URLs"):
        fetcher.fetch((lecture_dir / "images" / "ok.png").as_uri())


def test_names_with_spaces_and_cyrillic_go_there_and_back(fetcher: SandboxFetcher,
                                                         lecture_dir: Path) -> None:
    path = lecture_dir / "images" / "флаг и #1 100%.png"
    path.write_bytes(b"\x89PNG other")
    url = _url(fetcher, path)
    assert " " not in url and "#" not in url
    assert fetcher.fetch(url).read() == b"\x89PNG other"


@pytest.mark.parametrize("url", [
    "http://example.org/image.png",
    "https://example.org/style.css",
    "ftp://example.org/x",
    "data:text/plain,hello",
    "file:///etc/passwd",
    f"{BASE}etc/passwd",
    f"{BASE}lecture/../../../../etc/passwd",
    f"{BASE}lecture/%2e%2e/%2e%2e/%2e%2e/%2e%2e/etc/passwd",
    "https://lectern.invalid.example.org/lecture/images/ok.png",
])
def test_other_urls_are_refused(fetcher: SandboxFetcher, url: str) -> None:
    with pytest.raises(FetchRefused):
        fetcher.fetch(url)


def test_a_dotdot_path_out_of_the_lecture_is_refused(fetcher: SandboxFetcher,
                                                     lecture_dir: Path) -> None:
    url = _url(fetcher, lecture_dir / "images") + "/../../secret.txt"
    with pytest.raises(FetchRefused, match="outside"):
        fetcher.fetch(url)


def test_a_symlink_pointing_outside_is_refused_at_its_source_line(
        fetcher: SandboxFetcher, lecture_dir: Path) -> None:
    with pytest.raises(FetchRefused) as refused:
        fetcher.fetch(_url(fetcher, lecture_dir / "images" / "leak.png"))
    assert refused.value.pos == POS


def test_a_missing_file_is_refused(fetcher: SandboxFetcher, lecture_dir: Path) -> None:
    with pytest.raises(FetchRefused, match="no such file"):
        fetcher.fetch(_url(fetcher, lecture_dir / "images" / "gone.png"))


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


def test_no_machine_path_reaches_the_html_or_the_pdf(mini: m.Lecture, tmp_path: Path) -> None:
    root = tmp_path / "a folder of its own"
    shutil.copytree(mini.root, root)
    files = render_booklet(load_lecture(root)[0], keep_html=True)
    html = files[f"{mini.name}-booklet.html"].decode()
    assert f"{BASE}lecture/images/banner.png" in html and "file:" not in html
    for data in files.values():
        for folder in (root, ASSETS):
            assert str(folder).encode() not in data and folder.as_uri().encode() not in data
