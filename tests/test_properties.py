"""Property tests: any generated lecture ends in diagnostics or success, and what passes builds."""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from lectern.diagnostics import Collector, LecternError, LectureInvalid
from lectern.pipeline import check, render
from lectern.readers.lecture import read_lecture
from tests.conftest import LECTURES

# Text an author might type: Latin, Cyrillic, punctuation, Markdown and template syntax.
ALPHABET = st.sampled_from(
    list("abcdefghijklmnopqrstuvwxyz ABCXYZ абвгдеёжзийклмнопрстуфхцчшщъыьэюя ВСЯ")
    + list("0123456789.,;:!?'\"()[]{}<>*_#`~-–—…/\\|&%$@^=+\n")
)
TEXT = st.text(ALPHABET, max_size=120)
MARKDOWN_PIECES = st.sampled_from([
    "# Heading\n", "## Section\n", "- item\n- item\n", "1. one\n2. two\n", "> quoted\n",
    "*emphasis* and **strong**\n", "A footnote.[^1]\n\n[^1]: The note.\n", "`code`\n",
    "```\nfenced\n```\n", "---\n", "[link](https://example.org)\n", "[council]{.term}\n",
    "::: quote opening-quote\n:::\n", "![Caption](images/banner.png){credit=\"x\"}\n",
    "{{ x }} {% y %}\n", "<b>html</b>\n", "[^2]\n", "[x]{.term ref=nothing}\n", "\t\tindented\n",
])
BODY = st.lists(st.one_of(TEXT, MARKDOWN_PIECES), max_size=12).map("\n".join)
SETTINGS = settings(max_examples=60, deadline=None,
                    suppress_health_check=[HealthCheck.too_slow])


def _lecture(tmp: Path, lecture_yaml: str, body: str, front: str) -> Path:
    root = tmp / "lecture"
    shutil.copytree(LECTURES / "mini", root)
    if lecture_yaml:
        (root / "lecture.yaml").write_text(lecture_yaml, encoding="utf-8")
    (root / "chapters" / "02-argument.md").write_text(f"---\n{front}\n---\n{body}",
                                                      encoding="utf-8")
    return root


@SETTINGS
@given(lecture_yaml=st.one_of(st.just(""), TEXT), body=BODY, front=TEXT)
def test_reading_any_text_ends_in_diagnostics_or_a_lecture(lecture_yaml: str, body: str,
                                                          front: str) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        root = _lecture(Path(tmp), lecture_yaml, body, front)
        diag = Collector()
        lecture = read_lecture(root, diag)
        assert lecture is not None or diag.errors


VALID_FRONT = st.builds(
    lambda title, point, notes: yaml.safe_dump(
        {"title": title or "T", "summary": "s", "key_points": [point or "p"],
         "notes": notes or "n"}, allow_unicode=True),
    TEXT, TEXT, TEXT)


@settings(max_examples=6, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(body=BODY.filter(lambda b: b.strip() != ""), front=VALID_FRONT)
def test_a_lecture_that_passes_check_builds(body: str, front: str) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        root = _lecture(Path(tmp), "", body, front)
        try:
            lecture, _ = check(root)
        except LectureInvalid:
            return
        for target in ("booklet", "deck"):
            try:
                files = render(lecture, target)
            except LecternError as exc:  # pragma: no cover - shown in the failure
                raise AssertionError(f"checked lecture failed to build: {exc.format()}") from exc
            assert files and all(files.values())
