"""Words wider than their box: broken at the language's hyphenation points, with a hyphen.

The planner shrinks text before it breaks a word, so a word is broken only when it is wider
than its box at the smallest size allowed. It then breaks at a point the language's
dictionary allows (pyphen, as the booklet), each piece ending in a hyphen and a line break
written into the text, so that PowerPoint and LibreOffice break there and nowhere else.
Addresses and identifiers (lectern.locale.addresses) break after a separator, never with a
hyphen.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import replace
from functools import lru_cache

import pyphen

from ... import fit
from ...fit import Run
from ...locale import locale_for
from ...locale.addresses import break_points, split_addresses
from .types import Paragraph

HYPHEN = "-"
# What the renderers and lectern.fit break at: spaces, and after a hyphen or dash before a
# letter. A word is a piece between those.
_WORD = re.compile(r"[^\s\-‐‒–—―]+[\-‐‒–—―]*|[\-‐‒–—―]+|\s+")


@lru_cache(maxsize=32)
def _dictionary(lang: str) -> pyphen.Pyphen:
    """The hyphenation dictionary of a language tag (the lecture's, or a paragraph's own)."""
    return pyphen.Pyphen(lang=locale_for(lang or "en").hyphenation)


def hyphenated(para: Paragraph, width: float, size: float, font: str = fit.DEFAULT_FAMILY,
               lang: str = "") -> Paragraph:
    """The paragraph with every word wider than a line `width` points wide (insets taken off,
    indent not) at `size` points broken into pieces that fit, at hyphenation points of its
    language; the other words are left as they are."""
    room = (width - para.indent_em * size) * (1.0 - fit.WIDTH_SLACK)
    # A box narrower than a letter or two holds no piece of a word: nothing to gain.
    if room < size or fit.widest_word(para.runs, font) * size <= room:
        return para
    dictionary = _dictionary(para.lang or lang)
    runs = tuple(replace(run, text=_broken(run, room, size, font, dictionary))
                 for run in para.runs)
    return Paragraph(runs, para.bullet, para.number, para.indent_em, para.space_em, para.lang)


def _broken(run: Run, room: float, size: float, font: str, dictionary: pyphen.Pyphen) -> str:
    """A run's text with its words too wide for `room` broken: addresses and identifiers
    after their separators with no hyphen, words of the language at hyphenation points."""
    out: list[str] = []
    for text, address in split_addresses(run.text):
        if address:
            out.append(_address_lines(text, room, size, run, font))
        else:
            out.extend(_pieces(word, room, size, run, font, dictionary)
                       for word in _WORD.findall(text))
    return "".join(out)


def _address_lines(address: str, room: float, size: float, run: Run, font: str) -> str:
    """An address or identifier as lines no wider than `room`, broken after the last
    separator that fits (else after the last character that fits), never with a hyphen:
    a hyphen would read as part of the name."""
    def width(text: str) -> float:
        return fit.text_width(text, size, run.bold, run.italic, font)

    if width(address) <= room:
        return address
    cuts = break_points(address)
    out: list[str] = []
    start = 0
    while start < len(address) and width(address[start:]) > room:
        end = _last_cut(address, start, cuts, room, width)
        if not end:
            end = start + 1
            while end < len(address) and width(address[start:end + 1]) <= room:
                end += 1
        out.append(address[start:end] + "\n")
        start = end
    return "".join(out) + address[start:]


def _last_cut(address: str, start: int, cuts: list[int], room: float,
              width: Callable[[str], float]) -> int:
    """The last break point after `start` whose piece fits (0: none); pieces only grow, so
    the search stops at the first that does not fit."""
    last = 0
    for cut in cuts:
        if cut <= start:
            continue
        if width(address[start:cut]) > room:
            break
        last = cut
    return last


def _pieces(word: str, room: float, size: float, run: Run, font: str,
            dictionary: pyphen.Pyphen) -> str:
    """A word as lines no wider than `room`: broken after the last hyphenation point that
    fits, else (a point so far apart that even one piece is too wide) after the last letter
    that fits."""
    def width(text: str) -> float:
        return fit.text_width(text, size, run.bold, run.italic, font)

    if word.isspace() or width(word) <= room:
        return word
    points = [p for p in dictionary.positions(word) if 0 < p < len(word)]
    out: list[str] = []
    start = 0
    while start < len(word) and width(word[start:]) > room:
        end = _last_point(word, start, points, room, width) or \
            _last_letter(word, start, room, width)
        out.append(word[start:end] + HYPHEN + "\n")
        start = end
    return "".join(out) + word[start:]


def _last_point(word: str, start: int, points: list[int], room: float,
                width: Callable[[str], float]) -> int:
    """The last hyphenation point after `start` whose piece fits with its hyphen (0: none).
    Pieces only grow wider, so the search stops at the first that does not fit: a word
    of any length is measured in pieces no longer than a line."""
    last = 0
    for point in points:
        if point <= start:
            continue
        if width(word[start:point] + HYPHEN) > room:
            break
        last = point
    return last


def _last_letter(word: str, start: int, room: float, width: Callable[[str], float]) -> int:
    """The end of the longest piece from `start` that fits with its hyphen (one letter at
    least, so that breaking always ends)."""
    end = start + 1
    while end < len(word) and width(word[start:end + 1] + HYPHEN) <= room:
        end += 1
    return end
