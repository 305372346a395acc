"""`lectern watch --serve` in a real browser: the page is served on 127.0.0.1 and shows an
edited chapter's new sentence by itself; the file on disk stays free of script."""

from __future__ import annotations

import os
import re
import shutil
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from .browser import browser
from .conftest import LECTURES

NEW_SENTENCE = "A sentence written while the page was open."


@pytest.fixture(scope="module")
def chrome() -> Iterator[Any]:
    yield from browser()


def _wait_for_url(process: subprocess.Popen[str], log: list[str]) -> str:
    """The address the preview reports, read from the program's output up to the line that
    says the first build is done and the lecture watched."""
    assert process.stdout is not None
    url = ""
    for line in process.stdout:
        log.append(line)
        found = re.search(r"http://127\.0\.0\.1:\d+/", line)
        url = found.group() if found else url
        if "watching" in line and url:
            time.sleep(1)  # the watcher starts listening just after it says so
            return url
    raise AssertionError("no address reported:\n" + "".join(log))


@pytest.fixture(scope="module")
def preview(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Path, Path]]:
    """`lectern watch --serve` on a copy of the mini lecture, for the module's tests."""
    tmp_path = tmp_path_factory.mktemp("preview")
    root = tmp_path / "lecture"
    shutil.copytree(LECTURES / "mini", root)
    out = tmp_path / "out"
    process = subprocess.Popen(
        [sys.executable, "-m", "lectern", "watch", str(root), "--out", str(out), "--only", "web",
         "--serve"], stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
        env={**os.environ, "PYTHONUNBUFFERED": "1"})
    try:
        url = _wait_for_url(process, [])
        yield url, root, out
    finally:
        process.send_signal(signal.SIGINT)
        try:
            said, _ = process.communicate(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
            said, _ = process.communicate()
        print(said)  # shown when the test fails


def _page_ready(url: str) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=5) as answer:
                if answer.status == 200:
                    return
        except urllib.error.HTTPError:
            pass  # the first build has not written the page yet
        time.sleep(0.2)
    raise AssertionError("the page was never served")


def _shows(page: Any, text: str) -> bool:
    """Whether the open page comes to show `text` within a minute (it reloads itself; the
    page's policy forbids the evaluated script a wait_for_function would need)."""
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            if text in page.inner_text("body"):
                return True
        except Exception:  # the page is between two loads
            pass
        page.wait_for_timeout(200)
    return False


def test_the_open_page_shows_an_edit(chrome: Any, preview: tuple[str, Path, Path]) -> None:
    url, root, out = preview
    _page_ready(url)
    page = chrome.new_page()
    try:
        page.goto(url)
        assert NEW_SENTENCE not in page.inner_text("main")
        chapter = root / "chapters" / "02-argument.md"
        chapter.write_text(chapter.read_text(encoding="utf-8") + f"\n{NEW_SENTENCE}\n",
                           encoding="utf-8")
        assert _shows(page, NEW_SENTENCE), "the page did not reload with the edit"
    finally:
        page.close()
    written = next(out.glob("*.html")).read_text(encoding="utf-8")
    assert NEW_SENTENCE in written and "<script" not in written


def test_the_preview_answers_only_its_own_name(preview: tuple[str, Path, Path]) -> None:
    url, _, _ = preview
    _page_ready(url)
    port = url.rsplit(":", 1)[1].strip("/")
    asked = urllib.request.Request(url + "build", headers={"Host": f"evil.example:{port}"})
    with pytest.raises(urllib.error.HTTPError) as refused:
        urllib.request.urlopen(asked, timeout=5)
    assert refused.value.code == 403
    with pytest.raises(urllib.error.HTTPError) as missing:
        urllib.request.urlopen(url + "lecture.yaml", timeout=5)
    assert missing.value.code == 404


def test_the_preview_waits_for_a_first_page(tmp_path: Path) -> None:
    from lectern.serve import previewing

    with previewing(tmp_path, 0) as preview:
        with pytest.raises(urllib.error.HTTPError) as waiting:
            urllib.request.urlopen(preview.url, timeout=5)
        assert waiting.value.code == 503
        assert b"No web edition yet" in waiting.value.read()
        page = tmp_path / "talk.html"
        page.write_text('<!DOCTYPE html><html lang="en"><head><meta http-equiv="Content-'
                        'Security-Policy" content="default-src \'none\'"></head><body><p>Hi</p>'
                        "</body></html>", encoding="utf-8")
        preview.built()
        with urllib.request.urlopen(preview.url, timeout=5) as answer:
            shown = answer.read().decode("utf-8")
        with urllib.request.urlopen(preview.url + "build", timeout=5) as answer:
            assert answer.read() == b"1"
    assert '<script nonce="lectern-preview">' in shown and 'var seen = "1"' in shown
    assert "script-src 'nonce-lectern-preview'; connect-src 'self'" in shown
    assert "<script" not in page.read_text(encoding="utf-8")


def test_a_busy_port_is_a_clear_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    import socket

    from lectern.cli import main

    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        code = main(["watch", str(LECTURES / "mini"), "--out", str(tmp_path), "--only", "web",
                     "--serve", "--port", str(port)])
    assert code == 2
    assert f"cannot serve on 127.0.0.1:{port}" in capsys.readouterr().err
