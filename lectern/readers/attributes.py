"""Attribute blocks (`{.term ref=дума}`, `{credit="Photo: …"}`): parsing and inline rules.

The attribute grammar of mdit-py-plugins accepts unquoted values in ASCII only, so an
ordinary Russian or Greek value made the whole `[text]{…}` fall back to printed text. lectern
parses attribute blocks itself: classes `.name`, an id `#name`, and `key=value` pairs whose
value is bare (any characters but spaces, quotes, braces and `=`) or quoted with `"` or `'`.

Every `{` that starts attribute syntax becomes a token, never text: an `attrs_stray` token
when nothing before it can take attributes, an `attrs_error` token when it is malformed.
Tokens carry `meta["offset"]`, their place in the inline source, for exact diagnostics.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from markdown_it import MarkdownIt
from markdown_it.rules_inline import StateInline

from .. import limits

# Where attribute syntax starts: `{` then a class, an id or a key and `=`. Braces in prose
# ("the set {1, 2}") and template-like text ("{{ name }}") do not match.
ATTRS_START = re.compile(r"\{[ \t]*(?:[.#][^\s{}]|[\w:-]+[ \t]*=)")
_NAME = re.compile(r"[\w:-]+")
_BARE = re.compile(r"[^\s{}\"'=]+")
_SPACE = re.compile(r"[ \t\n]*")

# Elements after which `{…}` gives attributes (only images use them; links and code get a
# warning that they have no effect, rather than the block printed as text).
TAKES_ATTRIBUTES = ("image", "link_close", "code_inline")


class AttrError(ValueError):
    """A malformed attribute block; `offset` is where the problem is, from the `{`."""

    def __init__(self, message: str, offset: int) -> None:
        super().__init__(message)
        self.offset = offset


@dataclass
class Attrs:
    """A Pandoc-style attribute list: classes, an identifier and key=value pairs."""

    classes: list[str] = field(default_factory=list)
    ident: str = ""
    values: dict[str, str] = field(default_factory=dict)

    def as_token_attrs(self) -> dict[str, str]:
        out = dict(self.values)
        if self.classes:
            out["class"] = " ".join(self.classes)
        if self.ident:
            out["id"] = self.ident
        return out


def parse_attrs(src: str, start: int) -> tuple[int, Attrs]:
    """Parse the attribute block at `src[start]` (a `{`); return the index after its `}`.

    Raise AttrError (with an offset from `start`) when the block is malformed.
    """
    attrs = Attrs()
    pos = start + 1
    bare_key = ""  # the key just read with a bare value: more words may belong to it
    while True:
        pos = _SPACE.match(src, pos).end()  # type: ignore[union-attr]
        if pos >= len(src):
            raise AttrError("the attribute block is not closed with '}'", pos - start)
        char = src[pos]
        if char == "}":
            return pos + 1, attrs
        if char in ".#":
            bare_key = ""
            name = _NAME.match(src, pos + 1)
            if name is None:
                raise AttrError(f"'{char}' must be followed by a name", pos - start)
            if char == ".":
                attrs.classes.append(name.group())
            else:
                attrs.ident = name.group()
            pos = name.end()
        else:
            if bare_key:
                _check_spaced_value(src, pos, start, bare_key, attrs.values[bare_key])
            key_at = pos
            pos = _key_value(src, pos, start, attrs)
            # A value read bare (not quoted) may be the first word of one with spaces.
            bare_key = "" if src[pos - 1] in "\"'" else _key_name(src, key_at)
        if pos < len(src) and src[pos] not in " \t\n}":
            raise AttrError(f"unexpected '{src[pos]}' in the attribute block", pos - start)


def _key_value(src: str, pos: int, start: int, attrs: Attrs) -> int:
    key = _NAME.match(src, pos)
    if key is None:
        raise AttrError(f"unexpected '{src[pos]}' in the attribute block", pos - start)
    pos = _SPACE.match(src, key.end()).end()  # type: ignore[union-attr]
    if pos >= len(src) or src[pos] != "=":
        raise AttrError(f"'{key.group()}' needs a value: write {key.group()}=VALUE",
                        key.start() - start)
    pos = _SPACE.match(src, pos + 1).end()  # type: ignore[union-attr]
    if pos < len(src) and src[pos] in "\"'":
        end = _closing_quote(src, pos)
        if end < 0:
            raise AttrError(f"the value of '{key.group()}' has no closing {src[pos]}",
                            pos - start)
        value = src[pos + 1:end].replace("\\" + src[pos], src[pos])
        pos = end + 1
    else:
        bare = _BARE.match(src, pos)
        if bare is None:
            raise AttrError(f"'{key.group()}=' has no value", pos - start)
        value = bare.group()
        pos = bare.end()
    if len(value) > limits.MAX_ATTRIBUTE:
        raise AttrError(f"the value of '{key.group()}' is {len(value):,} characters long; the "
                        f"limit is {limits.MAX_ATTRIBUTE}", key.start() - start)
    attrs.values[key.group()] = value
    return pos


def _key_name(src: str, pos: int) -> str:
    found = _NAME.match(src, pos)
    return found.group() if found else ""


def _check_spaced_value(src: str, pos: int, start: int, key: str, value: str) -> None:
    """An error for words after a bare value that carry no '=' of their own: the author
    meant a value with spaces (`ref=tabla de contingencia`), which must be quoted."""
    word = _NAME.match(src, pos)
    after = _SPACE.match(src, word.end()).end() if word else pos  # type: ignore[union-attr]
    if word is None or (after < len(src) and src[after] == "="):
        return
    end = src.find("}", pos)
    words = src[pos:end if end >= 0 else len(src)].split()
    whole = " ".join([value, *(w for w in words if "=" not in w)])
    raise AttrError(f"the value of '{key}' has spaces in it: put it in quotes, "
                    f'{key}="{whole}"', pos - start)


def _closing_quote(src: str, pos: int) -> int:
    quote = src[pos]
    i = pos + 1
    while i < len(src):
        if src[i] == "\\" and i + 1 < len(src):
            i += 2
            continue
        if src[i] == quote:
            return i
        i += 1
    return -1


def _block_end(src: str, start: int, limit: int) -> int:
    """Where a malformed block is taken to end: after its `}` or at the end of the line."""
    close = src.find("}", start, limit)
    newline = src.find("\n", start, limit)
    if close >= 0 and (newline < 0 or close < newline):
        return close + 1
    return newline if newline >= 0 else limit


def _error_token(state: StateInline, start: int, error: AttrError) -> None:
    end = _block_end(state.src, start, state.posMax)
    token = state.push("attrs_error", "", 0)
    token.content = state.src[start:end]
    token.meta = {"offset": start + error.offset, "message": str(error)}
    state.pos = end


def span_rule(state: StateInline, silent: bool) -> bool:
    """`[text]{attrs}`: a span with attributes (a glossary term, for lectern)."""
    src = state.src
    if src[state.pos] != "[" or src.startswith("[^", state.pos):
        return False
    label_end = state.md.helpers.parseLinkLabel(state, state.pos, False)
    if label_end < 0 or not ATTRS_START.match(src, label_end + 1, state.posMax):
        return False
    start, brace = state.pos, label_end + 1
    try:
        end, attrs = parse_attrs(src[:state.posMax], brace)
    except AttrError as error:
        if silent:
            return False
        _error_token(state, brace, error)
        return True
    if not silent:
        maximum = state.posMax
        state.pos, state.posMax = start + 1, label_end
        token = state.push("span_open", "span", 1)
        token.attrs = dict(attrs.as_token_attrs())
        token.meta = {"offset": start}
        state.md.inline.tokenize(state)
        state.push("span_close", "span", -1)
        state.posMax = maximum
    state.pos = end
    return True


def attrs_rule(state: StateInline, silent: bool) -> bool:
    """`{attrs}` anywhere else: given to an image right before it, or kept as a token to be
    reported (never left as text)."""
    src = state.src
    if src[state.pos] != "{" or not ATTRS_START.match(src, state.pos, state.posMax):
        return False
    start = state.pos
    try:
        end, attrs = parse_attrs(src[:state.posMax], start)
    except AttrError as error:
        if not silent:
            _error_token(state, start, error)
        else:
            state.pos = _block_end(src, start, state.posMax)
        return True
    if not silent:
        before = state.tokens[-1] if state.tokens and not state.pending else None
        if before is not None and before.type == "image":
            before.attrs.update(attrs.as_token_attrs())
            before.meta.setdefault("attrs_offset", start)
        else:
            token = state.push("attrs_stray", "", 0)
            token.content = src[start:end]
            token.meta = {"offset": start,
                          "after": before.type if before is not None else ""}
    state.pos = end
    return True


def attributes_plugin(md: MarkdownIt) -> None:
    """Spans with attributes, attributes after images, and stray attribute blocks."""
    md.inline.ruler.before("link", "span", span_rule)
    md.inline.ruler.before("text", "attrs", attrs_rule)
