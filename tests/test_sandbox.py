"""The trust model: building a lecture never calls the network and never leaks a file."""

from __future__ import annotations

import http.server
import io
import shutil
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import ClassVar

import pypdf
import pytest

from lectern.diagnostics import LectureInvalid
from lectern.pipeline import build
from tests.conftest import LECTURES

SECRET = "LECTERN-SECRET-7f3a9c"


class _Counter(http.server.BaseHTTPRequestHandler):
    hits: ClassVar[list[str]] = []

    def do_GET(self) -> None:
        _Counter.hits.append(self.path)
        self.send_response(200)
        self.send_header("Content-Type", "image/png")
        self.end_headers()

    def log_message(self, format: str, *args: object) -> None:
        """Keep the test output quiet."""


@pytest.fixture
def server() -> Iterator[str]:
    _Counter.hits = []
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Counter)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}"
    finally:
        httpd.shutdown()
        httpd.server_close()


def _lecture(tmp_path: Path, extra_prose: str) -> Path:
    root = tmp_path / "lecture"
    shutil.copytree(LECTURES / "mini", root)
    chapter = root / "chapters" / "02-argument.md"
    chapter.write_text(chapter.read_text() + "\n" + extra_prose + "\n", encoding="utf-8")
    return root


def _pdf_bytes_and_streams(path: Path) -> bytes:
    """The file's bytes and every stream decoded, to search for leaked content."""
    reader = pypdf.PdfReader(io.BytesIO(path.read_bytes()))
    chunks = [path.read_bytes()]
    for number in range(1, len(reader.xref_objStm) + 2000):
        try:
            obj = reader.get_object(number)
        except Exception:
            continue
        if isinstance(obj, pypdf.generic.StreamObject):
            try:
                chunks.append(obj.get_data())
            except Exception:
                continue
    return b"\n".join(chunks)


def test_no_request_reaches_a_local_server(tmp_path: Path, server: str) -> None:
    prose = (f"A [link]({server}/link) and raw <img src=\"{server}/raw.png\"> and "
             f"<link rel=\"attachment\" href=\"{server}/attach\"> and "
             f"<style>@import url(\"{server}/x.css\");</style> and "
             f"<iframe src=\"{server}/frame\"></iframe>.")
    root = _lecture(tmp_path, prose)
    result = build(root, tmp_path / "out", parallel=False)
    assert result.written
    root_image = _lecture(tmp_path / "second", f"![Remote]({server}/remote.png){{credit=\"x\"}}")
    with pytest.raises(LectureInvalid):
        build(root_image, tmp_path / "out2", parallel=False)
    assert _Counter.hits == []


def test_no_file_from_outside_reaches_the_pdf(tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text(SECRET)
    root = _lecture(tmp_path, (
        f"<link rel=\"attachment\" href=\"file://{secret}\"> "
        f"<img src=\"file://{secret}\"> <object data=\"../secret.txt\"></object> "
        f"[see](file://{secret})"))
    (root / "leak.png").symlink_to(secret)
    out = tmp_path / "out"
    build(root, out, targets=("booklet",), parallel=False)
    for pdf in out.glob("*.pdf"):
        reader = pypdf.PdfReader(pdf)
        names = reader.trailer["/Root"].get("/Names", {})
        assert "/EmbeddedFiles" not in names, f"{pdf.name} embeds files"
        for page in reader.pages:
            for annot in page.get("/Annots", []) or []:
                assert annot.get_object().get("/Subtype") != "/FileAttachment"
        assert SECRET.encode() not in _pdf_bytes_and_streams(pdf)
