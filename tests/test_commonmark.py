"""CommonMark's 652 spec examples pass through the readers and the booklet writer unharmed."""

from __future__ import annotations

import datetime as dt
import io
import json
from pathlib import Path

import pypdf
import pytest

from lectern import model as m
from lectern.diagnostics import Collector
from lectern.readers.markdown import BodyContext, make_parser, parse_body
from lectern.writers.booklet import render_booklet
from lectern.writers.booklet_html import render_html
from tests.conftest import ROOT

SPEC = ROOT / ".venv" / "share" / "commonmark-spec.json"
PER_CHAPTER = 50


def _examples() -> list[dict[str, object]]:
    if not SPEC.exists():
        pytest.skip(f"{SPEC} is missing: `make test` fetches it")
    examples: list[dict[str, object]] = json.loads(SPEC.read_text(encoding="utf-8"))
    return examples


def _chapter(number: int, examples: list[dict[str, object]], root: Path) -> m.Chapter:
    md = make_parser("en")
    blocks: list[m.Block] = []
    for example in examples:
        ctx = BodyContext(f"example-{example['example']}.md", 0, Collector(), {}, {},
                          lambda name, pos: None)
        blocks.extend(parse_body(md, str(example["markdown"]), ctx))
        blocks.append(m.Rule())
    return m.Chapter(number, f"part-{number}", f"Spec examples, part {number}", "CommonMark",
                     (), (), "", (), tuple(blocks), m.SourcePos(f"part-{number}.md", 1, 1))


@pytest.fixture(scope="module")
def spec_lecture(tmp_path_factory: pytest.TempPathFactory) -> m.Lecture:
    examples = _examples()
    root = tmp_path_factory.mktemp("commonmark")
    chapters = tuple(
        _chapter(i // PER_CHAPTER + 1, examples[i:i + PER_CHAPTER], root)
        for i in range(0, len(examples), PER_CHAPTER))
    return m.Lecture(root=root, name="commonmark", title="CommonMark", authors=("spec",),
                     date=dt.date(2024, 1, 1), language="en", chapters=chapters)


def test_every_example_reads_and_renders_to_html(spec_lecture: m.Lecture) -> None:
    assert sum(len(c.body) for c in spec_lecture.chapters) > 652
    html = render_html(spec_lecture)
    assert html.count('class="chapter') >= len(spec_lecture.chapters)


def test_the_examples_typeset_into_a_booklet(spec_lecture: m.Lecture) -> None:
    files = render_booklet(spec_lecture)
    reader = pypdf.PdfReader(io.BytesIO(files["commonmark.pdf"]))
    assert len(reader.pages) % 4 == 0
    text = "".join(page.extract_text() for page in reader.pages)
    # Raw HTML from the examples is printed as text, never interpreted or escaped twice.
    assert "<td>" in text and "&lt;td&gt;" not in text
