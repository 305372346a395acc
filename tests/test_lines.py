"""Where the planned lines of a text box sit: breaks, styles, anchors, bullets and numbers."""

from __future__ import annotations

import pytest

from lectern import fit
from lectern.fit import Run
from lectern.writers.deck_plan import INSET, Box, Paragraph, TextBox
from lectern.writers.deck_plan.lines import line_metrics, place

BOX = Box(fit.emu(50), fit.emu(100), fit.emu(300), fit.emu(400))
WORDS = "one two three four five six seven eight nine ten eleven twelve thirteen fourteen"


def _box(paras: tuple[Paragraph, ...], anchor: str = "t", spacing: float = 1.0) -> TextBox:
    return TextBox("body", paras, 24.0, BOX, spacing, anchor)  # type: ignore[arg-type]


def test_lines_are_the_planners_breaks_with_their_styles() -> None:
    runs = (Run("Plain words " + WORDS + " "), Run("bold words " + WORDS, bold=True),
            Run(" and italic\nafter a break", italic=True))
    lines = place(_box((Paragraph(runs),)))
    width = fit.pt(BOX.w) - 2 * INSET
    assert [line.text for line in lines] == fit.wrap(runs, width, 24.0)
    assert len(lines) > 3 and lines[-1].text == "after a break"
    styled = [(ch, f.bold, f.italic) for line in lines for f in line.fragments for ch in f.text]
    source = [(ch, r.bold, r.italic) for r in runs for ch in r.text if not ch.isspace()]
    assert [s for s in styled if not s[0].isspace()] == source


def test_pitch_space_before_and_anchors() -> None:
    paras = (Paragraph((Run("first"),)), Paragraph((Run("second"),), space_em=0.5))
    top = place(_box(paras))
    pitch, ascent = line_metrics(24.0, 1.0)
    assert (pitch, ascent) == (pytest.approx(28.8), 24.0)
    assert top[0].baseline == pytest.approx(fit.pt(BOX.y) + INSET + ascent)
    assert top[1].baseline - top[0].baseline == pytest.approx(pitch + 12.0)
    bottom = place(_box(paras, "b"))
    assert bottom[-1].baseline + pitch - ascent == pytest.approx(fit.pt(BOX.bottom) - INSET)
    centre = place(_box(paras, "ctr"))
    above = centre[0].baseline - ascent - (fit.pt(BOX.y) + INSET)
    below = fit.pt(BOX.bottom) - INSET - (centre[-1].baseline + pitch - ascent)
    assert above == pytest.approx(below)


def test_tight_spacing_shrinks_the_ascent() -> None:
    pitch, ascent = line_metrics(40.0, 0.9)
    assert pitch == pytest.approx(43.2) and ascent == pytest.approx(0.8 * 43.2)


def test_bullets_hang_and_numbers_count_on() -> None:
    paras = tuple(Paragraph((Run(f"item {WORDS}"),), "number", 4 + k, 1.1, 0.45)
                  for k in range(3))
    lines = place(_box(paras))
    firsts = [line for line in lines if line.bullet]
    assert [line.bullet for line in firsts] == ["4.", "5.", "6."]
    left = fit.pt(BOX.x) + INSET
    for line in lines:
        assert line.x == pytest.approx(left + 1.1 * 24.0)
        assert line.bullet_x == pytest.approx(left)
    assert len(lines) > len(firsts), "a paragraph's second line carries no number"
