"""Alphabetical order as each language's dictionaries have it, for the glossary.

A key has three levels: the letters (accents set aside, so 'é' sorts with 'e'), then the
accents, then the case. Letters a language counts as letters of their own sort after their
base letter: Spanish 'ñ' after 'n', Polish 'ł' after 'l', Ukrainian 'ї' after 'і'.
Cyrillic letters are already in alphabetical order in Unicode, apart from those moved here.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence

from ..model import GlossaryEntry

# '~' sorts after every letter of the Latin alphabet, and '\u04ff' after every Russian
# letter: appended to a base letter, they place a letter of its own right after it.
_AFTER_LATIN = "~"
_AFTER_CYRILLIC = "\u04ff"

# Letters of their own, by language (the first part of a language tag), as primary keys.
_OWN_LETTERS: dict[str, dict[str, str]] = {
    "es": {"ñ": "n" + _AFTER_LATIN},
    "pl": {"ą": "a~", "ć": "c~", "ę": "e~", "ł": "l~", "ń": "n~", "ó": "o~", "ś": "s~",
           "ź": "z~", "ż": "z~~"},
    # Russian 'й' is a letter of its own (after 'и'); 'ё' sorts with 'е', told by its accent.
    "ru": {"й": "й"},
    "uk": {"й": "й", "ґ": "г" + _AFTER_CYRILLIC, "є": "е" + _AFTER_CYRILLIC,
           "і": "и" + _AFTER_CYRILLIC, "ї": "и" + _AFTER_CYRILLIC * 2},
}


def collation_key(text: str, language: str) -> tuple[str, str, str]:
    """The sort key of `text` in the language `language` (a tag such as 'es' or 'pt-BR')."""
    own = _OWN_LETTERS.get(language.split("-")[0].lower(), {})
    folded = unicodedata.normalize("NFC", text.strip()).casefold()
    primary = "".join(own.get(char) or _base(char) for char in folded)
    secondary = unicodedata.normalize("NFD", folded)
    return primary, secondary, text


# Letters no decomposition takes apart, sorted as the letters they are written for.
_SPELLED = {"œ": "oe", "æ": "ae", "ø": "o", "ł": "l", "đ": "d", "ŀ": "l"}


def _base(char: str) -> str:
    """A letter without its accents ('é' is 'e', 'ё' is 'е', 'œ' is 'oe'); other characters
    as they are."""
    if char in _SPELLED:
        return _SPELLED[char]
    return "".join(c for c in unicodedata.normalize("NFD", char) if not unicodedata.combining(c))



def sort_glossary(entries: Sequence[GlossaryEntry], language: str) -> tuple[GlossaryEntry, ...]:
    """Glossary entries in the alphabetical order of the lecture's language."""
    return tuple(sorted(entries, key=lambda e: collation_key(e.term, language)))
