"""lectern.fit: widths from Carlito's metrics, greedy wrapping, heights."""

from __future__ import annotations

import pytest
from fontTools.ttLib import TTFont
from hypothesis import given, settings
from hypothesis import strategies as st

from lectern import fit
from lectern.fit import Run


def test_width_scales_with_size_and_kerns() -> None:
    assert fit.text_width("Lecture", 20) * 2 == fit.text_width("Lecture", 40)
    assert fit.text_width("AV", 100) < fit.text_width("A", 100) + fit.text_width("V", 100)
    assert fit.text_width("bold", 30, bold=True) > fit.text_width("bold", 30)


def _win_pitch() -> float:
    """Carlito's line pitch per point of size, read here from its OS/2 table with fontTools."""
    font = TTFont(str(fit.font_path(False, False)), lazy=True)
    return (font["OS/2"].usWinAscent + font["OS/2"].usWinDescent) / font["head"].unitsPerEm


def test_line_pitch_is_the_fonts_win_metrics() -> None:
    # PowerPoint and LibreOffice set lines by the win metrics (a WeasyPrint paragraph, set by
    # Pango's, would be tighter). Whether slides really fit as rendered is checked on the
    # LibreOffice PDF in tests/test_deck.py.
    assert fit.line_factor() == pytest.approx(_win_pitch(), rel=1e-9)
    assert 1.1 < fit.line_factor() < 1.4  # a plausible pitch: not a font unit mix-up


def test_wrap_breaks_at_spaces_and_after_hyphens() -> None:
    lines = fit.wrap([Run("a well-known worker-peasant government")], 150, 20)
    assert len(lines) > 1
    assert all(fit.text_width(line, 20) <= 150 for line in lines)
    assert "".join(lines).replace(" ", "") == "awell-knownworker-peasantgovernment"


def test_word_wider_than_the_box_is_broken_by_characters() -> None:
    word = "x" * 80
    lines = fit.wrap([Run(f"before {word} after")], 200, 24)
    assert "".join(lines).replace(" ", "") == f"before{word}after"
    assert all(fit.text_width(line, 24) <= 200 for line in lines)


def test_hard_line_break_starts_a_line() -> None:
    assert fit.wrap([Run("one\ntwo")], 500, 20) == ["one", "two"]


def test_mixed_styles_are_measured_per_run() -> None:
    plain = fit.wrap([Run("word " * 20)], 300, 20)
    bold = fit.wrap([Run("word " * 20, bold=True)], 300, 20)
    assert len(bold) >= len(plain)


def test_height_counts_lines_space_and_spacing() -> None:
    frame = fit.Frame(400, 1000, 3.6, 3.6, 1.0)
    one = fit.Para((Run("short"),))
    two = fit.Para((Run("short"),), space_before=10)
    pitch = _win_pitch() * 20
    single = fit.text_height([one], frame, 20)
    # A line takes at least the font's pitch; the margin kept for safety stays small.
    assert pitch <= single <= pitch * 1.05
    assert fit.text_height([one, one], frame, 20) == pytest.approx(2 * single)
    spaced = fit.text_height([one, two], frame, 20) - fit.text_height([one, one], frame, 20)
    assert 10 <= spaced <= 10 * 1.05
    tight = fit.Frame(400, 1000, 3.6, 3.6, 0.9)
    long = fit.Para((Run("word " * 60),))
    assert fit.text_height([long], tight, 20) < fit.text_height([long], frame, 20)


def test_indent_narrows_the_lines() -> None:
    frame = fit.Frame(300, 1000)
    text = (Run("a fairly long line of text that will need to wrap"),)
    assert (fit.para_height(fit.Para(text, indent=100), frame, 20, True)
            >= fit.para_height(fit.Para(text), frame, 20, True))


def test_cyrillic_is_covered_and_missing_glyphs_are_found() -> None:
    assert fit.missing_glyphs("Вся власть Советам! «ёлка» — 1917–2017…") == set()
    assert fit.missing_glyphs("漢字") == {"漢", "字"}


@settings(max_examples=60, deadline=None)
@given(st.lists(st.text(alphabet="abcdefghij АБВГД-—.,", min_size=1, max_size=30),
                min_size=1, max_size=12),
       st.integers(min_value=60, max_value=600), st.sampled_from([14.0, 20.0, 32.0]))
def test_no_line_is_wider_than_the_box(words: list[str], width: int, size: float) -> None:
    text = " ".join(words)
    lines = fit.wrap([Run(text)], width, size)
    assert all(fit.text_width(line, size) <= width * 1.001 for line in lines if len(line) > 1)
    assert "".join(lines).replace(" ", "") == text.replace(" ", "")
