"""`lectern new --template` and the fit advice of `lectern template`, held to the deck built:
as many key points as the advice says, each as long as it says, stay on one slide at the
template's size; more do not; and the advised line is no wider than the body placeholder
when HarfBuzz shapes it in the template's measured font."""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest
import uharfbuzz as hb
from click.testing import CliRunner
from pptx import Presentation
from pptx.util import Emu

from lectern.cli import cli
from lectern.limits import MAX_SHORT_TEXT
from lectern.paths import FONTS
from lectern.pipeline import render
from lectern.readers.lecture import load_lecture
from tests.templates import pptx_default

PROSE = ("Each chapter of a lecture tells of the dates, the people and the places that "
         "matter, in sentences of ordinary words that an audience reads at a glance. ") * 30
ADVICE = re.compile(r"content \(key points of one line each\): (\d+) lines of (\d+) characters "
                    r"at ([\d.]+) pt, (\d+) of (\d+) at the floor \(([\d.]+) pt\)")


@pytest.fixture(scope="module")
def started(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    where = tmp_path_factory.mktemp("capacity")
    template = where / "house style.pptx"
    template.write_bytes(pptx_default())
    root = where / "lecture"
    result = CliRunner().invoke(cli, ["new", str(root), "--template", str(template)],
                                catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return root, result.stdout


def _points(root: Path, points: list[str]) -> None:
    """Chapter 1's key points replaced by `points`."""
    path = next((root / "chapters").glob("01*.md"))
    text = path.read_text(encoding="utf-8")
    block = "key_points:\n" + "".join(f'  - "{p}"\n' for p in points)
    text = re.sub(r"key_points:\n(?:  .*\n)+", block, text, count=1)
    path.write_text(text, encoding="utf-8")


def _point_slides(root: Path, first: str) -> list[list[float]]:
    """The run sizes of each slide that shows a key point starting with `first`."""
    lecture, _ = load_lecture(root)
    deck = next(d for n, d in render(lecture, "deck").items() if n.endswith(".pptx"))
    out = []
    for slide in Presentation(io.BytesIO(deck)).slides:
        for shape in slide.shapes:
            if shape.has_text_frame and shape.text_frame.text.startswith(first[:20]):
                out.append([r.font.size.pt for p in shape.text_frame.paragraphs
                            for r in p.runs if r.font.size is not None])
    return out


def test_new_starts_on_the_template_and_prints_the_advice(started: tuple[Path, str]) -> None:
    root, out = started
    copied = (root / "house style.pptx").read_bytes()
    assert copied == (root.parent / "house style.pptx").read_bytes()
    assert 'template: "house style.pptx"' in (root / "lecture.yaml").read_text("utf-8")
    lecture, problems = load_lecture(root)
    assert lecture.deck.template is not None
    assert not [p for p in problems if p.severity == "error"]
    assert ADVICE.search(out), out
    assert re.search(r"section \(summary\): \d+ lines of \d+ characters", out)
    assert re.search(r"quote \(quote\): \d+ lines of \d+ characters", out)


def test_template_command_prints_the_same_advice(started: tuple[Path, str]) -> None:
    root, out = started
    result = CliRunner().invoke(cli, ["template", str(root / "house style.pptx")])
    advice = ADVICE.search(out)
    assert result.exit_code == 0 and advice and advice.group() in result.stdout


def test_the_advised_key_points_fit_at_the_template_size(started: tuple[Path, str]) -> None:
    root, out = started
    advice = ADVICE.search(out)
    assert advice
    count, chars, size = int(advice[1]), int(advice[2]), float(advice[3])
    line = PROSE[:chars].rstrip()
    _points(root, [line] * count)
    slides = _point_slides(root, line)
    assert len(slides) == 1 and set(slides[0]) == {size}, slides
    _points(root, [line] * (count + 2))
    more = _point_slides(root, line)
    assert len(more) > 1 or max(more[0]) < size, more


def test_the_advised_line_is_no_wider_than_the_body(started: tuple[Path, str]) -> None:
    root, out = started
    advice = ADVICE.search(out)
    assert advice
    for chars, size in ((int(advice[2]), float(advice[3])), (int(advice[5]), float(advice[6]))):
        width = _shaped(PROSE[:chars].rstrip(), size)
        body = _body_width(root)
        assert width <= body, (chars, size, width, body)


SUMMARY = re.compile(r"section \(summary\): (\d+) lines of (\d+) characters at ([\d.]+) pt, "
                     r"(\d+) of (\d+) at the floor")


def _summary_on_slide(root: Path, summary: str) -> bool:
    """Whether chapter 1's section slide shows `summary` (else the notes have it)."""
    path = next((root / "chapters").glob("01*.md"))
    text = re.sub(r"^summary: .*$", f'summary: "{summary}"', path.read_text("utf-8"),
                  count=1, flags=re.MULTILINE)
    path.write_text(text, encoding="utf-8")
    lecture, _ = load_lecture(root)
    deck = next(d for n, d in render(lecture, "deck").items() if n.endswith(".pptx"))
    texts = [shape.text_frame.text for slide in Presentation(io.BytesIO(deck)).slides
             for shape in slide.shapes if shape.has_text_frame]
    return any(summary[:30] in re.sub(r"\s+", " ", t) for t in texts)


def test_the_advised_summary_stays_on_its_slide(started: tuple[Path, str]) -> None:
    root, out = started
    advice = SUMMARY.search(out)
    assert advice, out
    lines, chars, floor_lines, floor_chars = (int(advice[i]) for i in (1, 2, 4, 5))
    fitting = PROSE[:int(lines * chars * 0.8)].rsplit(" ", 1)[0]
    assert _summary_on_slide(root, fitting)
    # A summary well past what the floor holds goes to the notes (within the field's limit).
    longest = min(int(floor_lines * floor_chars * 1.5), MAX_SHORT_TEXT - 10)
    if longest > floor_lines * floor_chars * 1.15:
        too_long = PROSE[:longest].rsplit(" ", 1)[0]
        assert not _summary_on_slide(root, too_long)


def _body_width(root: Path) -> float:
    """Points: the body placeholder of the template's content layout, less its insets."""
    prs = Presentation(str(root / "house style.pptx"))
    layout = next(lay for lay in prs.slide_layouts if lay.name == "Title and Content")
    body = next(s for s in layout.placeholders if s.placeholder_format.idx == 1)
    return Emu(body.width).pt - 2 * 7.2


def _shaped(text: str, size: float) -> float:
    """Points: `text` shaped by HarfBuzz in Carlito (what Calibri is measured as)."""
    face = hb.Face(hb.Blob.from_file_path(str(FONTS / "carlito" / "Carlito-Regular.ttf")))
    buf = hb.Buffer()
    buf.add_str(text)
    buf.guess_segment_properties()
    hb.shape(hb.Font(face), buf, {"kern": True, "liga": True})
    return sum(p.x_advance for p in buf.glyph_positions) / face.upem * size
