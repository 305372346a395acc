"""Words that are names rather than language: addresses and identifiers, never hyphenated.

A URL, a DOI, an e-mail address, a file path or an identifier ("donnees_derivees",
"notes.txt", "2014-01-31") is copied by readers character for character: a hyphen added at a
line break reads as part of it. Such a word may break only after one of its separators, with
no hyphen added, and the language's spacing rules (French spaces before ':' and '?') never
reach inside it. Every output asks the same function which words these are.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from itertools import pairwise

# After these a line may break inside an address or identifier (never before the first
# letter, never between two of them: 'https:/' + '/…' would read as two addresses).
SEPARATORS = "/.-_?&=\\"
_SCHEME = re.compile(r"^(?:[a-z][a-z0-9+.\-]*://|www\.|mailto:|doi:|urn:)", re.IGNORECASE)
_DOI = re.compile(r"^10\.\d{4,}/")
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
_JOINED = re.compile(r"\w[_/\\]\w|[^\W\d_]\.[^\W\d_]")
_MIXED = re.compile(r"(?=.*\d)(?=.*[^\W\d_])", re.DOTALL)
# What makes a word a candidate address: '_', '/', '\\', '@' or a digit, a '.' between
# letters, or a ':' inside it (a scheme). Prose is searched for these alone, and only the
# words around them are looked at: a book of ordinary words is scanned in a blink.
_SIGNAL = re.compile(r"[_/\\@\d.:]")
_SPACE = re.compile(r"\s")
# What ends a sentence or closes a bracket after a word is not part of the address ("see
# notes.txt." or "(www.example.org)"), nor what opens one before it.
_LEADING = "([{«“‘\"'<¿¡"
_TRAILING = ".,;:!?)]}»”’\"'>…"


def is_address(word: str) -> bool:
    """Whether `word` (no spaces, its surrounding punctuation taken off) is a URL, a DOI, an
    e-mail address, a file path or an identifier: one that is never hyphenated."""
    if len(word) < 2:
        return False
    if _SCHEME.match(word) or _DOI.match(word) or _EMAIL.match(word):
        return True
    if _JOINED.search(word):
        return True
    # Digits mixed with letters ("2014-01-31_notes", "H2O", "v1.2"), but not an ordinal
    # or a number with its unit alone ("1er", "19e", "10km" stay words of the language).
    return bool(_MIXED.match(word)) and not re.fullmatch(r"\d+[^\W\d_]{1,3}", word)


def address_spans(text: str) -> Iterator[tuple[int, int]]:
    """The (start, end) of every address or identifier in `text`, its surrounding
    punctuation left out."""
    for start, end in _candidates(text):
        while start < end and text[start] in _LEADING:
            start += 1
        while end > start and text[end - 1] in _TRAILING:
            end -= 1
        if end - start >= 2 and is_address(text[start:end]):
            yield start, end


def _candidates(text: str) -> Iterator[tuple[int, int]]:
    """The (start, end) of every word of `text` that holds a sign of an address."""
    end = -1
    for hit in _SIGNAL.finditer(text):
        if hit.start() < end or not _signals(text, hit.start()):
            continue  # in the word already found, or a full stop, or a colon before a space
        start = hit.start()
        while start > 0 and not text[start - 1].isspace():
            start -= 1
        space = _SPACE.search(text, hit.end())
        end = space.start() if space else len(text)
        yield start, end


def _signals(text: str, at: int) -> bool:
    """Whether the character at `at` (one of _SIGNAL's) marks a candidate address: a '.'
    only between letters, a ':' only before a character that is not a space."""
    char = text[at]
    following = text[at + 1:at + 2]
    if char == ".":
        return at > 0 and text[at - 1].isalpha() and following.isalpha()
    if char == ":":
        return bool(following) and not following.isspace()
    return True


def break_points(word: str) -> list[int]:
    """The offsets in an address after which a line may break with no hyphen added: after
    a run of separators, when a character that is not one follows."""
    return [i + 1 for i in range(len(word) - 1)
            if word[i] in SEPARATORS and word[i + 1] not in SEPARATORS and i > 0]


def pieces(word: str) -> list[str]:
    """An address cut at its break points: the pieces a line may end after."""
    cuts = [0, *break_points(word), len(word)]
    return [word[a:b] for a, b in pairwise(cuts) if b > a]


def split_addresses(text: str) -> Iterator[tuple[str, bool]]:
    """`text` in order as (piece, is_address) pairs; the pieces join to `text`."""
    last = 0
    for start, end in address_spans(text):
        if start > last:
            yield text[last:start], False
        yield text[start:end], True
        last = end
    if last < len(text):
        yield text[last:], False
