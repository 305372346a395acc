"""Quote slides: the quote alone, its original and attribution, beside a bar."""

from __future__ import annotations

from .... import model as m
from ....fit import Run
from ..geometry import IN, QUOTE_LAYOUT, QUOTE_SIZES, SLIDE_W, SMALL_SIZES, SUB_SIZES
from ..paginate import largest_size, needed_height, numbered_title, paginate
from ..planner import Planner
from ..text import plain, quoted
from ..types import Box, Paragraph, Shape, Slide, TextBox


def quote(p: Planner, chapter: m.Chapter, quote: m.Quote) -> None:
    text = quoted(quote.text, p.lecture.language)
    attribution = (Run("— "), Run(f"{quote.who}, "), Run(quote.work, italic=True),
                   Run(f", {quote.year}"))
    attr = (Paragraph(attribution),)
    original = (Paragraph((Run(quoted(quote.original, quote.original_language),
                               italic=True),), lang=quote.original_language),
                ) if quote.original else ()
    left = round(1.6 * IN)
    width = SLIDE_W - left - round(1.35 * IN)
    top, bottom = round(1.45 * IN), round(6.7 * IN)
    gap = round(0.3 * IN)
    attr_size = largest_size(attr, Box(0, 0, width, round(1.2 * IN)), SMALL_SIZES) or 18.0
    attr_h = needed_height(attr, width, attr_size)
    orig_size = largest_size(original, Box(0, 0, width, round(1.6 * IN)), SUB_SIZES) \
        if original else None
    orig_h = needed_height(original, width, orig_size) + gap if orig_size else 0
    quote_room = Box(left, top, width, bottom - top - attr_h - gap - orig_h)
    pages = paginate([plain(text)], quote_room, QUOTE_SIZES)
    if len(pages.groups) > 1 and orig_size:
        # The original goes to slides of its own rather than beside one part of the quote.
        orig_size, orig_h = None, 0
        quote_room = Box(left, top, width, bottom - top - attr_h - gap)
        pages = paginate([plain(text)], quote_room, QUOTE_SIZES)
    parts: list[tuple[tuple[Paragraph, ...], float, str, str]] = [
        (g, pages.size, "quote", "tx1") for g in pages.groups]
    if original and orig_size is None:
        orig_room = Box(left, top, width, bottom - top - attr_h - gap)
        orig_pages = paginate(original, orig_room, QUOTE_SIZES[3:] + SUB_SIZES[2:])
        parts += [(g, orig_pages.size, "original", "tx1") for g in orig_pages.groups]
    if len(parts) > 1:
        p.diag.warning(quote.pos, f"the quote of {quote.who} needs {len(parts)} slides "
                       f"at {pages.size:g} pt; consider shortening")
    notes = (f"Quote: {quote.text}\n\n{quote.reference}"
             + (f"\nOriginal ({quote.original_language or 'original'}): {quote.original}"
                if quote.original else "")
             + f"\n\nContext: {chapter.notes}")
    for i, (group, size, role, colour) in enumerate(parts):
        stack: list[tuple[str, tuple[Paragraph, ...], float, int]] = [
            (role, group, size, needed_height(group, width, size))]
        if role == "quote" and orig_size and original:
            stack.append(("original", original, orig_size, orig_h - gap))
        stack.append(("attribution", attr, attr_size, attr_h))
        total = sum(s[3] for s in stack) + gap * (len(stack) - 1)
        y = top + max(0, round((bottom - top - total) * 0.45))
        texts = [p.kicker(numbered_title(chapter.title, i, len(parts)))]
        first_y = y
        for srole, paras, ssize, height in stack:
            tone = "tx2" if srole in ("original", "attribution") else colour
            texts.append(TextBox(srole, paras, ssize, Box(left, y, width, height),
                                 color=tone))
            y += height + gap
        bar = Shape("bar", Box(left - round(0.35 * IN), first_y, round(0.07 * IN),
                               y - gap - first_y))
        p.add(Slide(QUOTE_LAYOUT, "quote", texts[0].paras[0].text, tuple(texts), notes,
                    quote.pos, shapes=(bar,)))
