"""Slide text as lectern's Markdown: emphasis and links kept, everything else escaped."""

from __future__ import annotations

import re
from collections.abc import Sequence

from .types import Para, Span

# Characters that mean something to Markdown or to lectern's attributes wherever they stand.
_SPECIAL = re.compile(r"([\\`*_\[\]<>{}&|~])")
# What makes a line start a block: a heading, quote, list item, fence or table caption.
_BLOCK_START = re.compile(r"^(\s*)(#|>|[-+]\s|:|=)")
_CAPTION = re.compile(r"^(\s*Table):")
_NUMBERED = re.compile(r"^(\s*\d+)([.)])")
SPACES = str.maketrans({"\u00a0": " ", "\u202f": " ", "\u2007": " ", "\t": " ",
                        "\u000b": " ", "\u200b": ""})


def clean(text: str) -> str:
    """Text with no-break and odd spaces made plain (lectern adds its own where they belong)."""
    return text.translate(SPACES)


def one_line(text: str) -> str:
    """Text on one line, its runs of white space made single spaces."""
    return " ".join(clean(text).split())


def escape(text: str) -> str:
    """Text that Markdown prints as written."""
    return _SPECIAL.sub(r"\\\1", text)


def inline(spans: Sequence[Span]) -> str:
    """Spans as inline Markdown: **bold**, *italic*, [links](address) and line breaks."""
    out: list[str] = []
    for group in _merged(spans):
        out.append(_span(group))
    text = "".join(out)
    text = re.sub(r" *\n *", "\\\n", text.strip(" "))  # a break inside a paragraph
    return text.strip()


def paragraph(spans: Sequence[Span]) -> str:
    """A paragraph of prose: inline Markdown that cannot be read as the start of a block."""
    text = _NUMBERED.sub(lambda m: m.group(1) + "\\" + m.group(2), inline(spans), count=1)
    text = _CAPTION.sub(lambda m: m.group(1) + "\\:", text, count=1)
    return _BLOCK_START.sub(lambda m: m.group(1) + "\\" + m.group(2), text, count=1)


def nested_list(paras: Sequence[Para], numbered: bool = False) -> str:
    """Paragraphs with levels as a Markdown list, deeper levels nested under shallower."""
    lines = []
    base = min((p.level for p in paras), default=0)
    for p in paras:
        depth = p.level - base
        marker = "1." if numbered or p.bullet == "number" else "-"
        pad = "   " * depth if marker == "1." else "  " * depth
        lines.append(f"{pad}{marker} {inline(p.spans) or escape('…')}")
    return "\n".join(lines)


def _merged(spans: Sequence[Span]) -> list[Span]:
    """Neighbouring spans set alike joined, so emphasis is not broken at every run."""
    out: list[Span] = []
    for span in spans:
        text = clean(span.text)
        if not text:
            continue
        if out and (out[-1].bold, out[-1].italic, out[-1].link) == (span.bold, span.italic,
                                                                   span.link):
            out[-1] = Span(out[-1].text + text, span.bold, span.italic, span.link)
        else:
            out.append(Span(text, span.bold, span.italic, span.link))
    return out


def _span(span: Span) -> str:
    text = span.text
    if "\n" in text and (span.bold or span.italic or span.link):
        return "\n".join(_span(Span(line, span.bold, span.italic, span.link))
                         for line in text.split("\n"))
    core = text.strip(" ")
    if not core:
        return text
    lead, trail = text[: len(text) - len(text.lstrip(" "))], text[len(text.rstrip(" ")):]
    out = escape(core)
    if span.italic:
        out = f"*{out}*"
    if span.bold:
        out = f"**{out}**"
    if span.link and _linkable(span.link):
        out = f"[{out}](<{span.link}>)"
    return lead + out + trail


def _linkable(address: str) -> bool:
    return bool(re.match(r"(?i)^(https?|mailto|ftp):", address)) and not re.search(r"[<>\s]",
                                                                                 address)


def attribute(value: str) -> str:
    """An attribute value in double quotes."""
    return '"' + one_line(value).replace("\\", "\\\\").replace('"', '\\"') + '"'
