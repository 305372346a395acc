"""Text after decoding, checked like text as typed: `&#12;` is as unusable as the character.

markdown-it decodes entities (`&#12;`, `&NewLine;`) into `text_special` tokens that a later
rule joins into the text around them. Before that, this rule turns every one that decodes to
a character no output can hold into an `unusable` token, which the converter reports at its
place (the raw text was checked when the file was read; this is what the raw text means).
"""

from __future__ import annotations

from collections.abc import Iterable

from markdown_it import MarkdownIt
from markdown_it.rules_core.state_core import StateCore
from markdown_it.token import Token

from .files import unusable_character


def _marked(tokens: Iterable[Token]) -> None:
    for token in tokens:
        if token.children:  # an image's description has tokens of its own
            _marked(token.children)
        if token.type == "text_special":
            bad = unusable_character(token.content)
            if bad is not None:
                token.type = "unusable"
                token.meta["what"] = bad[1]


def mark_unusable(state: StateCore) -> None:
    """A markdown-it core rule: decoded text that no output can hold becomes `unusable`."""
    for token in state.tokens:
        if token.type == "inline" and token.children:
            _marked(token.children)


def decoded_check_plugin(md: MarkdownIt) -> None:
    """Check decoded entities before markdown-it joins them into the text."""
    md.core.ruler.before("text_join", "lectern_decoded", mark_unusable)
