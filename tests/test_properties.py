"""Property tests: any generated lecture ends in diagnostics or success, and what passes builds."""

from __future__ import annotations

import os
import re
import shutil
import tempfile
from pathlib import Path

import yaml
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from lectern.cli import cli
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
        for target in ("booklet", "deck", "web"):
            try:
                files = render(lecture, target)
            except LecternError as exc:  # pragma: no cover - shown in the failure
                raise AssertionError(f"checked lecture failed to build: {exc.format()}") from exc
            assert files and all(files.values())


# --- check is the gate ----------------------------------------------------------------------

# What an unlucky source holds: controls, NUL, non-characters and half a surrogate pair (all
# written as YAML escapes), a bidi override, a next-line character, words longer than a line.
ODD = st.sampled_from(["\x00", "\x07", "\x1b", "\ufffe", "\uffff", "\ufdd0", "\U0010ffff",
                       "\ud800", "\u202e", "\x85"])
WORDS = st.sampled_from(["council", "Совет", "power", "1917", "all", "the", "—", "«мир»",
                         "Pneumono" * 40, "[^x]", "*", "_"])
CLEAN = st.lists(WORDS, min_size=1, max_size=6).map(" ".join)
# Most fields are clean, so that about a quarter of the lectures pass check and are built.
FIELD = st.one_of(CLEAN, CLEAN, CLEAN,
                  st.lists(st.one_of(WORDS, ODD), min_size=1, max_size=6).map(" ".join))
PROSE = st.lists(st.one_of(
    FIELD, st.sampled_from([
        "A call.[^a]\n\n[^a]: Its note.\n", "A ghost.[^ghost]\n", "[^spare]: Unused.\n",
        "Nest.[^o]\n\n[^o]: Outer[^i].\n\n[^i]: Inner.\n", "## Head[^h]\n\n[^h]: Note.\n",
        "Twice[^t] and[^t].\n\n[^t]: Once.\n", "Empty.[^e]\n\n[^e]:\n", "> quoted\n",
        "- item\n- item\n", "`code`\n", "Pneumono" * 120 + "\n"])), min_size=1, max_size=6
).map("\n\n".join)
GATE = settings(max_examples=30, deadline=None, derandomize=bool(os.environ.get("CI")),
                suppress_health_check=[HealthCheck.too_slow])
ERROR_LINE = re.compile(r"^\S.*:\d+:\d+: error: ", re.M)


def _generated(root: Path, title: str, point: str, notes: str, caption: str, body: str) -> None:
    (root / "chapters").mkdir(parents=True)
    (root / "lecture.yaml").write_text(yaml.safe_dump(
        {"title": title, "authors": ["A"], "date": "2026-01-15", "language": "en",
         "chapters": ["chapters/01.md"]}, allow_unicode=True), encoding="utf-8")
    front = yaml.safe_dump({"title": title, "summary": notes, "key_points": [point],
                            "notes": notes, "questions": [point]}, allow_unicode=True)
    # The prose holds the odd characters raw; half a surrogate pair makes the file invalid
    # UTF-8, as a broken editor would save it.
    (root / "chapters" / "01.md").write_text(f"---\n{front}---\n\n{body}\n\n> {caption}\n",
                                             encoding="utf-8", errors="surrogatepass")


@GATE
@given(title=FIELD, point=FIELD, notes=FIELD, caption=FIELD, body=PROSE)
def test_check_passes_exactly_when_build_succeeds(title: str, point: str, notes: str,
                                                  caption: str, body: str) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp) / "lecture"
        _generated(root, title, point, notes, caption, body)
        checked = CliRunner().invoke(cli, ["check", str(root)])
        built = CliRunner().invoke(cli, ["build", str(root), "--out", str(Path(tmp) / "out"),
                                         "--quiet"])
        for result in (checked, built):
            assert result.exit_code in (0, 1), result.output
            assert "Traceback" not in result.output and "internal error" not in result.output
            if result.exit_code:
                assert ERROR_LINE.search(result.stderr), result.stderr
        assert checked.exit_code == built.exit_code, (checked.stderr, built.stderr)
