"""Fitting text to boxes: the largest size that fits, and splits onto continuation slides."""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace

from ... import fit
from ...fit import Run
from ...locale import continued
from .geometry import INSET, STEP, floor
from .hyphens import hyphenated
from .types import Box, Paragraph, frame_of


def to_floor(sizes: Sequence[float], scale: float = 1.0, top: float | None = None
             ) -> tuple[float, ...]:
    """A size ladder cut at, and carried down to, the floor of text whose own size is `top`
    (the ladder's first by default; see geometry.floor)."""
    top = sizes[0] if top is None else top
    bottom = floor(top, scale)
    kept = [s for s in sizes if s >= bottom - 1e-6] or [bottom]
    step = STEP * scale
    while kept[-1] - step >= bottom - 1e-6:
        kept.append(round(kept[-1] - step, 2))
    return tuple(kept)


def largest_size(paras: Sequence[Paragraph], box: Box, sizes: Sequence[float],
                 line_spacing: float = 1.0, font: str = fit.DEFAULT_FAMILY) -> float | None:
    """The largest of `sizes` at which the paragraphs fit the box, or None."""
    frame = frame_of(box, line_spacing, font)
    for size in sizes:
        if fit.fits([p.measure(size) for p in paras], frame, size):
            return size
    return None


def whole_words(paras: Sequence[Paragraph], width: int, size: float,
                font: str = fit.DEFAULT_FAMILY) -> bool:
    """True when no word of the paragraphs is wider than a line of a box `width` EMU wide."""
    frame = fit.Frame(fit.pt(width), 1e9, INSET, INSET, 1.0, font)
    return all(fit.whole_words(p.measure(size), frame, size) for p in paras)


def needed_height(paras: Sequence[Paragraph], width: int, size: float,
                  line_spacing: float = 1.0, font: str = fit.DEFAULT_FAMILY) -> int:
    """EMU height a box of `width` needs for the paragraphs at `size` (insets included)."""
    frame = fit.Frame(fit.pt(width), 1e9, INSET, INSET, line_spacing, font)
    points = fit.text_height([p.measure(size) for p in paras], frame, size) + 2 * INSET
    return math.ceil(points * fit.EMU_PER_PT) + 1


def _spans(text: str, separator: str) -> list[tuple[int, int]]:
    """(start, end) of the pieces of text between separators (sentence ends or spaces)."""
    spans: list[tuple[int, int]] = []
    start = 0
    for match in re.finditer(separator, text):
        if match.start() > start:
            spans.append((start, match.start()))
        start = match.end()
    if start < len(text):
        spans.append((start, len(text)))
    return spans


def _split_para(para: Paragraph, box: Box, size: float, line_spacing: float,
                font: str = fit.DEFAULT_FAMILY) -> list[Paragraph]:
    """Pieces of a paragraph too tall for the box: between sentences, else between words."""
    frame = frame_of(box, line_spacing, font)

    def fits_alone(p: Paragraph) -> bool:
        return fit.fits([p.measure(size)], frame, size)

    if fits_alone(para):
        return [para]
    text = para.text
    pieces = _spans(text, r"(?<=[.!?…;:»”])\s+")
    if len(pieces) == 1:
        pieces = _spans(text, " ")
    if len(pieces) == 1:  # a hyphenated word: between its lines
        pieces = _spans(text, "\n")
    if len(pieces) <= 1:
        return _split_word(para, fits_alone)
    # Pieces are kept as offsets into the text, so a sentence that repeats keeps its own styles.
    chunks: list[tuple[int, int]] = []
    for start, end in pieces:
        if chunks and fits_alone(replace(para, runs=_restyle(para.runs, chunks[-1][0], end))):
            chunks[-1] = (chunks[-1][0], end)
        else:
            chunks.append((start, end))
    out: list[Paragraph] = []
    for i, (start, end) in enumerate(chunks):
        piece_para = replace(para, runs=_restyle(para.runs, start, end))
        if i:
            piece_para = replace(piece_para, bullet="", space_em=para.space_em)
        if not fits_alone(piece_para):  # a shorter piece: split again, down to characters
            out.extend(_split_para(piece_para, box, size, line_spacing, font))
        else:
            out.append(piece_para)
    return out


def _split_word(para: Paragraph, fits_alone: Callable[[Paragraph], bool]) -> list[Paragraph]:
    """Pieces of a paragraph with no space to split at, each as long as fits (a word longer
    than a box breaks at any character, as PowerPoint and LibreOffice break it on a line)."""
    text, start = para.text, 0
    out: list[Paragraph] = []
    while start < len(text):
        lo, hi = start + 1, len(text)
        while lo < hi:  # the longest piece from `start` that fits
            mid = (lo + hi + 1) // 2
            if fits_alone(replace(para, runs=_restyle(para.runs, start, mid))):
                lo = mid
            else:
                hi = mid - 1
        piece = replace(para, runs=_restyle(para.runs, start, lo))
        out.append(replace(piece, bullet="", space_em=para.space_em) if out else piece)
        start = lo
    return out


def _restyle(runs: tuple[Run, ...], start: int, end: int) -> tuple[Run, ...]:
    """Runs covering text[start:end] of the runs' text, keeping each run's style."""
    out: list[Run] = []
    pos = 0
    for run in runs:
        lo, hi = max(start, pos), min(end, pos + len(run.text))
        if lo < hi:
            out.append(replace(run, text=run.text[lo - pos:hi - pos]))
        pos += len(run.text)
    return tuple(out)


def _group_heights(heights: list[float], spaces: list[float], room: float) -> list[list[float]]:
    """rows[i][j - i - 1]: the height of paragraphs i..j-1 as one group, for every j until
    the group outgrows `room` (that first too-tall height included; longer groups are taller).

    Each row is summed left to right, as sum() over each slice did (Python 3.11 adds floats
    in order), so the heights are those of summing every group afresh, which made
    partitioning cubic in the paragraphs (1 s for a 220-chapter agenda).
    """
    rows: list[list[float]] = []
    for i in range(len(heights)):
        row: list[float] = []
        total_h, total_s = 0.0, 0.0
        for j in range(i, len(heights)):
            total_h += heights[j]
            if j > i:
                total_s += spaces[j]
            row.append((total_h + total_s) * fit.HEIGHT_SLACK)
            if row[-1] > room:
                break
        rows.append(row)
    return rows


def _partition(paras: list[Paragraph], box: Box, size: float, line_spacing: float,
               font: str = fit.DEFAULT_FAMILY) -> list[list[Paragraph]]:
    """Fewest contiguous groups fitting the box at `size`, balanced by height."""
    frame = frame_of(box, line_spacing, font)
    measured = [p.measure(size) for p in paras]
    heights = [fit.para_height(p, frame, size, True) for p in measured]
    spaces = [p.space_before for p in measured]
    room = frame.inner_height
    rows = _group_heights(heights, spaces, room)

    def height(i: int, j: int) -> float:
        row = rows[i]
        return row[j - i - 1] if j - i <= len(row) else math.inf

    k = 1
    start = 0
    for j in range(len(paras)):
        if height(start, j + 1) > room and j > start:
            k, start = k + 1, j
    n = len(paras)
    # Where a group ending before paragraph j may start: where it fits, or one paragraph alone.
    starts: list[list[int]] = [[] for _ in range(n + 1)]
    for i, row in enumerate(rows):
        for t, group_height in enumerate(row):
            if t == 0 or group_height <= room:
                starts[i + t + 1].append(i)
    # best[g][j]: the least sum of squared group heights when the first j paras make g groups;
    # squares even the groups out (a short last slide looks like a mistake).
    inf = float("inf")
    best = [[inf] * (n + 1) for _ in range(k + 1)]
    cut = [[0] * (n + 1) for _ in range(k + 1)]
    best[0][0] = 0.0
    for g in range(1, k + 1):
        for j in range(1, n + 1):
            for i in starts[j]:
                if i < g - 1:
                    continue
                group_height = height(i, j)
                cost = best[g - 1][i] + group_height * group_height
                if cost < best[g][j]:
                    best[g][j], cut[g][j] = cost, i
    groups: list[list[Paragraph]] = []
    j = n
    for g in range(k, 0, -1):
        i = cut[g][j]
        groups.append(paras[i:j])
        j = i
    groups.reverse()
    return groups


@dataclass(frozen=True)
class Pages:
    """Paragraph groups, one per slide, all set at one size."""

    size: float
    groups: tuple[tuple[Paragraph, ...], ...]


def settle(paras: Sequence[Paragraph], box: Box, sizes: Sequence[float],
           line_spacing: float = 1.0, font: str = fit.DEFAULT_FAMILY,
           lang: str = "") -> tuple[float, tuple[Paragraph, ...]]:
    """The largest of `sizes` at which the paragraphs fit the box; failing that, the smallest,
    with the words wider than the box hyphenated (the text may then be too tall)."""
    whole = largest_size(paras, box, sizes, line_spacing, font)
    if whole is not None:
        return whole, tuple(paras)
    return sizes[-1], hyphenate(paras, box, sizes[-1], font, lang)


def hyphenate(paras: Sequence[Paragraph], box: Box, size: float,
              font: str = fit.DEFAULT_FAMILY, lang: str = "") -> tuple[Paragraph, ...]:
    """The paragraphs with their words wider than the box at `size` hyphenated."""
    width = frame_of(box, 1.0, font).inner_width
    return tuple(hyphenated(p, width, size, font, lang) for p in paras)


def paginate(paras: Sequence[Paragraph], box: Box, sizes: Sequence[float],
             line_spacing: float = 1.0, font: str = fit.DEFAULT_FAMILY,
             lang: str = "") -> Pages:
    """Fit the paragraphs in the box at the largest size, or split them over several boxes
    at the smallest (words wider than the box hyphenated, in the language `lang` unless a
    paragraph has its own)."""
    whole = largest_size(paras, box, sizes, line_spacing, font)
    if whole is not None:
        return Pages(whole, (tuple(paras),))
    smallest = sizes[-1]
    paras = hyphenate(paras, box, smallest, font, lang)
    if largest_size(paras, box, (smallest,), line_spacing, font) is not None:
        return Pages(smallest, (paras,))
    units = [piece for p in paras
             for piece in _split_para(p, box, smallest, line_spacing, font)]
    groups = _partition(units, box, smallest, line_spacing, font)
    size = min((largest_size(g, box, sizes, line_spacing, font) or smallest) for g in groups)
    return Pages(size, tuple(tuple(g) for g in groups))


def numbered_title(title: str, index: int, count: int) -> str:
    """A continuation title: 'Title (2/3)', or the title alone when there is one slide."""
    return continued(title, index, count)
