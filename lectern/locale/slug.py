"""File names from titles: lower-case ASCII words, Cyrillic and Greek transliterated."""

from __future__ import annotations

import re
import unicodedata

# Russian letters as in common passport-style romanisation (BGN/PCGN without diacritics);
# Ukrainian, Belarusian, Serbian, Macedonian and Bulgarian letters added to it.
CYRILLIC = {
    "а": "a", "б": "b", "в": "v", "г": "g", "д": "d", "е": "e", "ё": "yo", "ж": "zh",
    "з": "z", "и": "i", "й": "y", "к": "k", "л": "l", "м": "m", "н": "n", "о": "o",
    "п": "p", "р": "r", "с": "s", "т": "t", "у": "u", "ф": "f", "х": "kh", "ц": "ts",
    "ч": "ch", "ш": "sh", "щ": "shch", "ъ": "", "ы": "y", "ь": "", "э": "e", "ю": "yu",
    "я": "ya", "є": "ye", "і": "i", "ї": "yi", "ґ": "g", "ў": "u", "ђ": "dj", "ј": "j",
    "љ": "lj", "њ": "nj", "ћ": "c", "џ": "dz", "ѓ": "gj", "ќ": "kj", "ѕ": "dz",
}
# Ukrainian (the national romanisation of 2010): г is h, и is y.
UKRAINIAN = {**CYRILLIC, "г": "h", "и": "y", "х": "kh", "щ": "shch", "ь": ""}
BELARUSIAN = {**CYRILLIC, "г": "h"}
BULGARIAN = {**CYRILLIC, "щ": "sht", "ъ": "a"}

# Greek as in ELOT 743, with the common digraphs.
GREEK_PAIRS = {"ου": "ou", "αυ": "av", "ευ": "ev", "γγ": "ng", "γκ": "gk", "μπ": "b",
               "ντ": "nt"}
GREEK = {
    "α": "a", "β": "v", "γ": "g", "δ": "d", "ε": "e", "ζ": "z", "η": "i", "θ": "th",
    "ι": "i", "κ": "k", "λ": "l", "μ": "m", "ν": "n", "ξ": "x", "ο": "o", "π": "p",
    "ρ": "r", "σ": "s", "ς": "s", "τ": "t", "υ": "y", "φ": "f", "χ": "ch", "ψ": "ps",
    "ω": "o",
}
# Latin letters that do not decompose into a letter and accents.
LATIN = {"ß": "ss", "æ": "ae", "œ": "oe", "ø": "o", "đ": "d", "ð": "d", "þ": "th", "ł": "l",
         "ı": "i", "ħ": "h", "ŀ": "l", "ŧ": "t", "ĸ": "k", "ŋ": "ng"}

_TABLES = {"uk": UKRAINIAN, "be": BELARUSIAN, "bg": BULGARIAN}


def transliterate(text: str, language: str = "") -> str:
    """`text` in ASCII letters where it can be: accents dropped, Cyrillic and Greek spelled out.

    Characters with no Latin spelling (Chinese, Arabic, ...) are left as they are.
    """
    cyrillic = _TABLES.get(language.split("-")[0].lower(), CYRILLIC)
    # Cyrillic first, whole: й and ё must not lose their marks as accents.
    text = "".join(cyrillic.get(c, c) for c in unicodedata.normalize("NFC", text.lower()))
    # Accents off Greek and Latin letters (ά is α, é is e), so that the digraphs match.
    text = "".join(c for c in unicodedata.normalize("NFD", text)
                   if not unicodedata.combining(c))
    for pair, latin in GREEK_PAIRS.items():
        text = text.replace(pair, latin)
    out = [GREEK.get(char) or LATIN.get(char) or char for char in text]
    return "".join(out)


def slug(text: str, language: str = "", limit: int = 60) -> str:
    """Lower-case ASCII words joined by hyphens; empty when nothing in `text` is spelled so."""
    ascii_text = transliterate(text, language)
    words = re.sub(r"[^a-z0-9]+", "-", ascii_text).strip("-")
    if len(words) > limit:
        # Cut at a word, never inside one.
        cut = words[: limit + 1].rsplit("-", 1)[0]
        words = cut if cut else words[:limit]
    return words.strip("-")
