"""Words longer than a line: printed broken (hyphenated where the language allows, else at
any character), and reported at their line so that the author can decide."""

from __future__ import annotations

import re

from ..diagnostics import Collector
from ..locale.addresses import is_address
from ..model import SourcePos

# No line of the booklet (about 60 characters) or of a slide title is shorter than this.
LONGEST_WORD = 50
# A run of letters with no space, hyphen or dash to break at; '/' marks a URL or a path,
# which readers expect to see broken.
LONG_WORD = re.compile(rf"[^\s\-‐‑–—/]{{{LONGEST_WORD + 1},}}")


def warn_long_words(text: str, pos: SourcePos, diag: Collector) -> None:
    """Warn once at `pos` when `text` has a word longer than a line."""
    word = max(LONG_WORD.findall(text), key=len, default="") if len(text) > LONGEST_WORD else ""
    if not word:
        return
    how = ("it is broken after its separators (/ . - _ ? & =), else at any character, "
           "with no hyphen"
           if is_address(word.strip(".,;:!?)»”’\"'")) else
           "it is broken where the language allows a hyphen, else at any character")
    diag.warning(pos, f"a word of {len(word)} characters ('{word[:20]}…') is longer than a "
                 f"line; {how}", "add spaces or hyphens, or shorten it")
