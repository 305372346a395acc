"""Quote slides: the quote alone, its original and attribution, beside a bar."""

from __future__ import annotations

from .... import model as m
from ....fit import Run
from ....locale import locale_for, sentence
from ..paginate import largest_size, needed_height, numbered_title, paginate, settle
from ..planner import Planner
from ..text import plain, runs_of
from ..types import Box, Paragraph, Shape, Slide, TextBox
from ..where import described


def quote(p: Planner, chapter: m.Chapter, quote: m.Quote) -> None:
    """A slide for one key quote, with its attribution."""
    text = _quoted(p, quote)
    attribution = (Run("— "), Run(f"{quote.who}, "), Run(quote.work, italic=True),
                   Run(f", {quote.year}"))
    attr: tuple[Paragraph, ...] = (Paragraph(attribution),)
    own = locale_for(quote.original_language) if quote.original_language else p.loc
    original = (Paragraph((Run(own.quoted(quote.original),
                               italic=True),), lang=quote.original_language),
                ) if quote.original else ()
    region = p.place("quote").region
    bar_room = p.inch(0.35)
    left, width = region.x + bar_room, region.w - bar_room
    top, bottom = region.y, region.bottom
    gap = p.inch(0.3)
    font = p.font("quote", heading=False).measure
    quote_sizes, small, sub = p.floored("quote"), p.floored("small"), p.floored("sub")
    lang = p.lecture.language
    attr_size, attr = settle(attr, Box(0, 0, width, p.inch(1.2)), small, font=font, lang=lang)
    attr_h = needed_height(attr, width, attr_size, font=font)
    orig_size = largest_size(original, Box(0, 0, width, p.inch(1.6)), sub, font=font) \
        if original else None
    orig_h = needed_height(original, width, orig_size, font=font) + gap if orig_size else 0
    quote_room = Box(left, top, width, bottom - top - attr_h - gap - orig_h)
    pages = paginate([text], quote_room, quote_sizes, font=font, lang=lang)
    if len(pages.groups) > 1 and orig_size:
        # The original goes to slides of its own rather than beside one part of the quote.
        orig_size, orig_h = None, 0
        quote_room = Box(left, top, width, bottom - top - attr_h - gap)
        pages = paginate([text], quote_room, quote_sizes, font=font, lang=lang)
    parts: list[tuple[tuple[Paragraph, ...], float, str]] = [
        (g, pages.size, "quote") for g in pages.groups]
    if original and orig_size is None:
        orig_room = Box(left, top, width, bottom - top - attr_h - gap)
        orig_pages = paginate(original, orig_room, quote_sizes[3:] + sub[2:], font=font,
                              lang=lang)
        parts += [(g, orig_pages.size, "original") for g in orig_pages.groups]
    if len(parts) > 1:
        layout = p.place("quote").layout
        p.split(quote.pos, f"the quote of {quote.who} needs {len(parts)} slides at "
                f"{pages.size:g} pt", len(parts),
                described(layout, quote_room, pages.size, p.template.own, font=font))
    # The words are on the slide; the notes give the full reference and the context.
    notes = "\n\n".join(part for part in (
        sentence(p.words.notes_quote.format(source=quote.reference)), chapter.notes) if part)
    kicker = quote_title(p, chapter, quote)
    for i, (group, size, role) in enumerate(parts):
        stack: list[tuple[str, tuple[Paragraph, ...], float, int]] = [
            (role, group, size, needed_height(group, width, size, font=font))]
        if role == "quote" and orig_size and original:
            stack.append(("original", original, orig_size, orig_h - gap))
        stack.append(("attribution", attr, attr_size, attr_h))
        total = sum(s[3] for s in stack) + gap * (len(stack) - 1)
        y = top + max(0, round((bottom - top - total) * 0.45))
        texts: list[TextBox] = [p.kicker("quote", numbered_title(kicker, i, len(parts)))]
        first_y = y
        for srole, paras, ssize, height in stack:
            tone = "muted" if srole in ("original", "attribution") else "text"
            texts.append(p.box("quote", srole, paras, ssize, Box(left, y, width, height),
                               use=tone))
            y += height + gap
        bar = Shape("bar", Box(left - bar_room, first_y, p.inch(0.07), y - gap - first_y),
                    p.colour("quote", "accent")[0])
        p.add(Slide(p.place("quote").layout.name, "quote", texts[0].paras[0].text,
                    tuple(texts), notes, quote.pos, shapes=(bar,)))


def quote_title(p: Planner, chapter: m.Chapter, quote: m.Quote) -> str:
    """A quote slide's title: the chapter's and who said it ("The rise of the soviets —
    Leon Trotsky"), with the work where the chapter quotes that speaker from several works
    (a second quote from the same work is told apart by Planner.unique_title's number)."""
    same = [q.work for q in chapter.quotes if q.who == quote.who]
    named = len(same) > 1 and quote.work and same.count(quote.work) == 1
    who = f"{quote.who}, {quote.work}" if named else quote.who
    return f"{chapter.title}{p.loc.dash}{who}" if who else chapter.title


def _quoted(p: Planner, quote: m.Quote) -> Paragraph:
    """The quote's words in the language's quotation marks, their emphasis kept."""
    if all(isinstance(node, m.Text) for node in quote.words):
        return plain(p.loc.quoted(quote.text))
    opening, closing = p.loc.quotes[0], p.loc.quotes[1]
    return Paragraph((Run(opening), *runs_of(quote.words), Run(closing)))
