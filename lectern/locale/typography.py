"""Smart punctuation in a language's conventions, the same for Markdown bodies and YAML fields.

markdown-it's typographer (with lectern's own linear quote pass, `smartquotes`) turns
straight quotes, `--`, `---` and `...` into typographic marks; lectern then sets the dash
between clauses and the spaces French puts around its marks. Plain text from YAML goes
through exactly the same rules as a body's text.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable
from functools import cache

from markdown_it import MarkdownIt
from markdown_it.rules_core import replace
from markdown_it.rules_core.state_core import StateCore
from markdown_it.token import Token

from . import NARROW_NBSP, Locale, locale_for
from .addresses import address_spans
from .smartquotes import smart_quotes

# A dash between spaces (typed as ' - ', ' -- ', ' --- ', or as the mark itself).
_SPACED_DASH = re.compile(r"(?<=\S)[ \u00a0]+(?:-|\u2013|\u2014)[ ]+(?=\S)")
# Between numbers a spaced dash is a range: '1917 - 1921' is '1917–1921'.
_SPACED_RANGE = re.compile(r"(?<=\d)[ \u00a0]*(?:-|\u2013)[ \u00a0]*(?=\d)")
_SPACED_RANGE_DASH = re.compile(r"(?<=\d)[ \u00a0]+(?:-|\u2013)[ ]+(?=\d)")


def marks(locale: Locale, nested: bool = False) -> list[str]:
    """markdown-it's `quotes` option: double then single quotes, open and close.

    Text that lectern itself puts in quotation marks (a key quote) is `nested`: quotes
    inside it take the inner pair first.
    """
    outer, inner = list(locale.quotes[:2]), list(locale.quotes[2:])
    return inner + outer if nested else outer + inner


def finish(text: str, locale: Locale) -> str:
    """The language's dashes and spaces, after markdown-it's typographer has run."""
    if "-" in text or "\u2013" in text or "\u2014" in text:
        text = _SPACED_RANGE_DASH.sub("\u2013", text)
        if locale.closed_asides:
            text = _closed_asides(text)
        text = _SPACED_DASH.sub(locale.dash, text)
    if locale.spaced_marks:
        text = _french_spaces(text, locale)
    return text


def _closed_asides(text: str) -> str:
    """Pairs of spaced dashes as the marks of asides, closed up against the words they
    enclose: 'regla — y qué se gana — con' is 'regla —y qué se gana— con'. The dashes of a
    text are paired in order; a last one without a pair keeps the language's spaced dash."""
    found = list(_SPACED_DASH.finditer(text))
    pairs = len(found) // 2 * 2
    for index, match in reversed(list(enumerate(found[:pairs]))):
        mark = " \u2014" if index % 2 == 0 else "\u2014 "
        text = text[:match.start()] + mark + text[match.end():]
    # A closing dash goes straight before the punctuation that follows it.
    return re.sub(r"\u2014 (?=[,.;:!?)\]»”])", "\u2014", text)


# Where a mark French sets off with a space follows a word, a number or a closing mark with
# none typed, and ends it (never the ':' of 'https://' or '10:30', which a letter follows).
_UNSPACED_MARKS = re.compile(r"(?:(?<=[^\W_])|(?<=[»”’)\]…]))([!?;:]+)(?=\s|$|[»”’)\]])")


def _french_spaces(text: str, locale: Locale) -> str:
    opening, closing = locale.quotes[0].strip(), locale.quotes[1].strip()
    signs = re.escape(locale.spaced_marks)
    rules = (
        (re.compile(rf"{opening}\s*"), f"{opening}{NARROW_NBSP}"),
        (re.compile(rf"(?<=\S)\s*{closing}"), f"{NARROW_NBSP}{closing}"),
        # A space typed before the mark becomes a narrow no-break one.
        (re.compile(rf"(?<=\S)[ \u00a0]+([{signs}])"), rf"{NARROW_NBSP}\1"),
        (_UNSPACED_MARKS, rf"{NARROW_NBSP}\1"),
    )
    for pattern, replacement in rules:
        text = _outside_addresses(pattern, replacement, text)
    return text


def _outside_addresses(pattern: re.Pattern[str], replacement: str, text: str) -> str:
    """`pattern.sub(replacement, text)`, leaving what falls inside a URL, a path or an
    identifier as it is: its marks are part of a name."""
    spans = list(address_spans(text))
    if not spans:
        return pattern.sub(replacement, text)
    starts = [start for start, _ in spans]

    def one(match: re.Match[str]) -> str:
        # The last address starting before the match ends is the only one it can overlap.
        index = bisect.bisect_left(starts, match.end()) - 1
        inside = index >= 0 and spans[index][1] > match.start()
        return match.group() if inside else match.expand(replacement)

    return pattern.sub(one, text)


def finish_rule(locale: Locale) -> Callable[[StateCore], None]:
    """A markdown-it core rule applying `finish` to every text of a parsed document."""

    def rule(state: StateCore) -> None:
        for token in state.tokens:
            children = token.children or []
            for index, child in enumerate(children):
                if child.type == "text":
                    child.content = finish(child.content, locale)
                    if index and locale.spaced_marks:
                        child.content = _after_markup(child.content, children[index - 1],
                                                      locale)

    return rule


# Markup that ends right before a mark: emphasis, a link, inline code ("*mot*: suite").
_CLOSERS = ("em_close", "strong_close", "link_close", "code_inline", "s_close")


def _after_markup(text: str, before: Token, locale: Locale) -> str:
    """A text that starts with a French mark right after emphasis, a link or code: the
    narrow no-break space the mark would have had after a word."""
    closing = locale.quotes[1].strip()
    if before.type in _CLOSERS and re.match(rf"[{re.escape(locale.spaced_marks)}]+(?:\s|$)|"
                                            rf"{closing}", text):
        return NARROW_NBSP + text
    return text


@cache
def _typographer(tag: str, nested: bool) -> MarkdownIt:
    md = MarkdownIt("zero", {"typographer": True,
                             "quotes": marks(locale_for(tag), nested)})
    return md


def smarten(text: str, tag: str, nested: bool = False) -> str:
    """Plain text with the typographic punctuation of the language `tag`, as in a body."""
    if not text:
        return text
    md = _typographer(tag, nested)
    leaf = Token("text", "", 0, content=text)
    inline = Token("inline", "", 0, content=text, children=[leaf])
    state = StateCore(text, md, {}, [inline])
    replace(state)
    smart_quotes(state)
    return finish(leaf.content, locale_for(tag))
