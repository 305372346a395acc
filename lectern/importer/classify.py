"""What each slide is (the title slide, a section, key points, a quote, a figure, a table, the
glossary) and the lecture it makes: a draft of lecture.yaml and the chapter files."""

from __future__ import annotations

import re

from ..limits import (
    KEY_POINTS_ADVISED,
    MAX_KEY_POINTS,
    MAX_NOTES,
    MAX_QUESTIONS,
    MAX_QUOTES,
    MAX_SHORT_TEXT,
)
from . import back
from . import markdown as md
from . import words as w
from .draft import ChapterDraft, FigureDraft, LectureDraft, QuoteDraft, TableDraft
from .types import (
    Deck,
    Frame,
    Para,
    Part,
    PicturePart,
    Problem,
    SlideContent,
    Span,
    TablePart,
    TextPart,
)

DASHES = "—–―‒"
ATTRIBUTION = re.compile(rf"^\s*(?:[{DASHES}]|-{{1,2}}|~)\s*(\S.*)$")
CHAPTER_NUMBER = re.compile(r"^\S+(?:\s\S+)?\s+\d+[.:]?$")
QUOTE_PAIRS = (("“", "”"), ("«", "»"), ("„", "“"), ("„", "”"), ("‘", "’"), ("‚", "‘"),
               ("‹", "›"), ("»", "«"), ("”", "”"), ('"', '"'), ("'", "'"))
# Captions and credits lectern's own deck names; other decks are read by where text stands.
CAPTION_NAMES = {"caption", "table-caption"}
CREDIT_NAMES = {"credit"}
# Text under a picture or over a table that may be its caption: a line or two.
CAPTION_CHARS = 300


def classify(deck: Deck, name: str) -> LectureDraft:
    """The lecture a deck makes; `name` is the deck's file name without its suffix."""
    return Classifier(deck, name).run()


class Classifier:
    """Walks the slides in order and files each one's content into the lecture draft."""

    def __init__(self, deck: Deck, name: str) -> None:
        self.deck = deck
        self.name = name
        self.draft = LectureDraft(problems=list(deck.problems))
        self.sectioned = any(self._is_section(s) for s in deck.slides[1:])
        self.quotes = 0
        self.slide = SlideContent(0, "", "", (), "")
        self.alts: set[str] = set()

    def report(self, slide: int, what: str) -> None:
        self.draft.problems.append(Problem(slide, what))

    @property
    def chapter(self) -> ChapterDraft | None:
        return self.draft.chapters[-1] if self.draft.chapters else None

    def run(self) -> LectureDraft:
        slides = list(self.deck.slides)
        self.draft.language = _language(self.deck.language)
        if slides and self._is_cover(slides[0]):
            self._cover(slides.pop(0))
        else:
            self.report(1 if slides else 0, "no title slide: the lecture's title is the deck's "
                        "file name; edit it in lecture.yaml")
        self.draft.title = self.draft.title or self.name
        self._byline(1 if self.deck.slides else 0)
        last = slides[-1].number if slides else 0
        for slide in slides:
            self._slide(slide, slide.number == last)
        if not self.draft.chapters:
            self.draft.chapters.append(ChapterDraft(self.draft.title, 0))
            self.report(0, "the deck has no content slides: the lecture has one empty chapter")
        for chapter in self.draft.chapters:
            self._finish(chapter)
        self.draft.rules.append(
            "chapters: one per section slide" if self.sectioned else
            "chapters: the deck has no section slides, so one per run of slides under the same "
            "title")
        return self.draft

    # --- the title slide ------------------------------------------------------------------

    def _is_cover(self, slide: SlideContent) -> bool:
        if slide.layout_type == "title" or slide.texts("subtitle"):
            return True
        # Otherwise a title with a few short lines and nothing else.
        lines = [p for t in slide.texts() if t.role != "title" for p in t.paras
                 if p.text.strip()]
        return bool(slide.title) and all(isinstance(p, TextPart) for p in slide.parts) \
            and len(lines) <= 3 and not any(p.bullet or len(p.text) > 120 for p in lines)

    def _cover(self, slide: SlideContent) -> None:
        d = self.draft
        d.title = md.one_line(slide.title)
        lines = [md.one_line(x) for t in slide.parts if isinstance(t, TextPart)
                 and t.role != "title" for p in t.paras for x in p.text.split("\n")
                 if x.strip()]
        subtitles = [md.one_line(x) for t in slide.texts("subtitle") for p in t.paras
                     for x in p.text.split("\n") if x.strip()]
        rest: list[str] = []
        for line in lines:
            found = w.find_date(line) if not d.date else None
            if found is not None and found.date.day:
                d.date = f"{found.date.year:04d}-{found.date.month:02d}-{found.date.day:02d}"
                line = found.rest.strip(" ·|,–—-")
            if line:
                rest.append(line)
        # The first line of the subtitle is the subtitle, unless it held only names or a date.
        first = bool(subtitles and rest and subtitles[0] == rest[0])
        if first and (len(rest) > 1 or not d.date):
            d.subtitle = rest.pop(0)
        for line in rest:
            d.authors.extend(w.split_names(line))
        notes = [p for p in w.paragraphs(slide.notes) if not w.lectern_note(p)]
        d.description = " ".join(notes)[:MAX_NOTES]

    def _byline(self, number: int) -> None:
        """A date and an author where the title slide gave none, and a word in the report."""
        d = self.draft
        if not d.date:
            created = self.deck.created
            valid = re.fullmatch(r"\d{4}-\d{2}-\d{2}", created) and w.find_date(created)
            d.date = created if valid else "2000-01-01"
            self.report(number, f"no date on the title slide: the date is {d.date} "
                        f"({'when the deck was made' if valid else 'a placeholder'}); "
                        "edit it in lecture.yaml")
        if not d.authors:
            d.authors = ["Unknown"]
            self.report(number, "no author on the title slide: the author is 'Unknown'; "
                        "edit it in lecture.yaml")

    # --- one slide ------------------------------------------------------------------------

    def _slide(self, slide: SlideContent, last: bool) -> None:
        self.slide = slide
        title = w.base_title(slide.title)
        folded = w.fold(title)
        if last and (folded in w.words("thanks") or folded in w.CLOSINGS):
            self.report(slide.number, "a closing slide: lectern makes its own; not imported")
            return
        if self.chapter is None and (folded in w.words("agenda") or folded in w.AGENDAS):
            self.report(slide.number, "an overview slide: lectern makes its own from the "
                        "chapters; not imported")
            return
        if folded in w.words("glossary") and back.glossary(slide, self.draft):
            return
        if folded in w.words("sources") and back.sources(slide, self.draft):
            return
        if folded in w.words("timeline") and back.timeline(slide, self.draft):
            return
        if self._is_section(slide):
            self._section(slide)
            return
        asked = w.questions_of(title)
        if asked is not None and self.chapter is not None and self._questions(slide):
            return
        if self._quote(slide):
            return
        self._content(slide)

    def _is_section(self, slide: SlideContent) -> bool:
        if slide.layout_type == "secHead":
            return True
        if not slide.title or any(not isinstance(p, TextPart) for p in slide.parts):
            return False
        others = [p for t in slide.parts if isinstance(t, TextPart) and t.role != "title"
                  for p in t.paras if p.text.strip()]
        if not others:
            return True  # a title alone divides the deck
        title = slide.texts("title")[0]
        low = title.frame.y + title.frame.h / 2 > self.deck.height * 0.3
        return low and len(others) <= 2 and not any(p.bullet or p.level for p in others) \
            and sum(len(p.text) for p in others) <= 200

    def _section(self, slide: SlideContent) -> None:
        title = md.one_line(slide.title) or f"Section {len(self.draft.chapters) + 1}"
        chapter = ChapterDraft(title, slide.number)
        lines = [md.one_line(p.text) for t in slide.parts if isinstance(t, TextPart)
                 and t.role != "title" for p in t.paras if p.text.strip()]
        lines = [x for x in lines if not CHAPTER_NUMBER.match(x)]
        chapter.summary = " ".join(lines)[:MAX_SHORT_TEXT]
        self.draft.chapters.append(chapter)
        self._notes(chapter, slide)

    def _chapter_for(self, slide: SlideContent) -> ChapterDraft:
        """The chapter a content slide belongs to, begun anew where the rule says."""
        title = md.one_line(w.base_title(slide.title))
        current = self.chapter
        if current is None or (not self.sectioned and title and title != current.title
                               and current.heading != title):
            current = ChapterDraft(title or f"Part {len(self.draft.chapters) + 1}",
                                   slide.number)
            self.draft.chapters.append(current)
            if not title:
                self.report(slide.number, f"a slide without a title begins a chapter, "
                            f"called '{current.title}'")
        return current

    def _heading(self, chapter: ChapterDraft, slide: SlideContent) -> None:
        title = md.one_line(w.base_title(slide.title))
        if title and title != chapter.title and title != chapter.heading:
            chapter.body.append("## " + md.escape(title))
            chapter.heading = title
            chapter.headings.append(title)

    # --- kinds of slide -------------------------------------------------------------------

    def _questions(self, slide: SlideContent) -> bool:
        paras = [p for t in slide.texts() if t.role != "title" for p in t.paras
                 if p.text.strip()]
        if not paras or any(not isinstance(p, TextPart) for p in slide.parts):
            return False
        chapter = self.chapter
        assert chapter is not None
        chapter.questions.extend(md.inline(p.spans) for p in paras)
        self._notes(chapter, slide)
        return True

    def _quote(self, slide: SlideContent) -> bool:
        texts = [t for t in slide.texts() if t.role != "title"]
        if not texts or len(texts) != len([p for p in slide.parts
                                           if not (isinstance(p, TextPart)
                                                   and p.role == "title")]):
            return False
        paras = [p for t in texts for p in t.paras if p.text.strip()]
        if len(paras) < 2 or any(p.bullet for p in paras):
            return False
        found = ATTRIBUTION.match(md.one_line(paras[-1].text))
        if not found:
            return False
        parts = [x.strip() for x in found.group(1).split(",")]
        if len(parts) < 3 or not w.is_year(parts[-1]) or not parts[0]:
            return False
        body = paras[:-1]
        original = raw_original = ""
        original_language = ""
        language = self.draft.language.split("-")[0]
        if self._original_apart(body, parts):
            return True
        if len(body) > 1 and all(s.italic for s in body[-1].spans if s.text.strip()):
            lang = next((s.lang for s in body[-1].spans if s.lang), "")
            if lang and lang.split("-")[0].lower() != language:
                raw_original = md.one_line(body[-1].text)
                original = _unquoted(raw_original)
                original_language = lang.split("-")[0].lower()
                body = body[:-1]
        chapter = self._chapter_for(slide)
        self._heading(chapter, slide)
        self.quotes += 1
        raw = " ".join(md.one_line(p.text) for p in body)
        quote = QuoteDraft(f"quote-{self.quotes}", _unquoted(raw), parts[0],
                           ", ".join(parts[1:-1]), parts[-1], original, original_language, raw,
                           raw_original)
        same = next((q for q in chapter.quotes if (q.text, q.who) == (quote.text, quote.who)),
                    None)
        last = chapter.quotes[-1] if chapter.quotes else None
        if same is None and last is not None and w.continued(slide.title) and \
                (last.who, last.work, last.year) == (quote.who, quote.work, quote.year):
            # The next part of a quote too long for one slide.
            last.raw = f"{last.raw} {quote.raw}"
            last.text = _unquoted(last.raw)
            self.quotes -= 1
        elif same is None:
            chapter.quotes.append(quote)
            chapter.body.append(f"::: quote {quote.id}\n:::")
        self._notes(chapter, slide)
        return True

    def _original_apart(self, body: list[Para], attribution: list[str]) -> bool:
        """A later slide of a quote that holds only (part of) its original: added to it."""
        chapter = self.chapter
        last = chapter.quotes[-1] if chapter and chapter.quotes else None
        if last is None or not w.continued(self.slide.title) or \
                [last.who, last.work, last.year] != [attribution[0],
                                                     ", ".join(attribution[1:-1]),
                                                     attribution[-1]]:
            return False
        spans = [s for p in body for s in p.spans if s.text.strip()]
        lang = next((s.lang for s in spans if s.lang), "")
        if not spans or not all(s.italic for s in spans) or not lang or \
                lang.split("-")[0].lower() == self.draft.language.split("-")[0]:
            return False
        text = " ".join(md.one_line(p.text) for p in body)
        last.raw_original = f"{last.raw_original} {text}".strip()
        last.original = _unquoted(last.raw_original)
        last.original_language = lang.split("-")[0].lower()
        assert chapter is not None
        self._notes(chapter, self.slide)
        return True

    def _content(self, slide: SlideContent) -> None:
        chapter = self._chapter_for(slide)
        self._heading(chapter, slide)
        parts = [p for p in slide.parts if not (isinstance(p, TextPart) and p.role == "title")]
        used: set[int] = set()
        for index, part in enumerate(parts):
            if index in used:
                continue
            if isinstance(part, PicturePart):
                caption, credit = self._caption_of(parts, index, used, below=True)
                self._figure(chapter, slide, part, caption, credit)
            elif isinstance(part, TablePart):
                caption, _ = self._caption_of(parts, index, used, below=False)
                self._table(chapter, slide, part, caption)
            elif isinstance(part, TextPart) and _named(part) in CAPTION_NAMES | CREDIT_NAMES:
                nxt = next((p for p in parts[index + 1:] if not isinstance(p, TextPart)), None)
                if nxt is None:
                    self._text(chapter, part)
            elif isinstance(part, TextPart):
                self._text(chapter, part)
        self._notes(chapter, slide)

    def _caption_of(self, parts: list[Part], index: int, used: set[int], below: bool
                    ) -> tuple[list[Span], str]:
        """A picture's or table's caption and credit: the texts lectern names so, or else a
        line or two just below a picture (caption, then credit) or just above a table."""
        caption: list[Span] = []
        credit = ""
        for i, part in enumerate(parts):
            if i in used or not isinstance(part, TextPart):
                continue
            if _named(part) in CAPTION_NAMES and not caption:
                caption = _spans_of(part)
                used.add(i)
            elif _named(part) in CREDIT_NAMES and below and not credit:
                credit = md.one_line(part.text)
                used.add(i)
        if caption:
            return caption, credit
        target = parts[index].frame
        near = [(i, p) for i, p in enumerate(parts) if i not in used
                and isinstance(p, TextPart) and _beside(target, p.frame, below)
                and len(p.text) <= CAPTION_CHARS and not any(q.bullet for q in p.paras)]
        if not near:
            return caption, credit
        chosen, text = min(near, key=lambda n: abs(n[1].frame.y - target.bottom) if below
                           else abs(target.y - n[1].frame.bottom))
        paras = [p for p in text.paras if p.text.strip()]
        if 1 <= len(paras) <= 2:
            caption = list(paras[0].spans)
            credit = md.one_line(paras[1].text) if len(paras) == 2 and below else ""
            used.add(chosen)
        return caption, credit

    def _figure(self, chapter: ChapterDraft, slide: SlideContent, part: PicturePart,
                caption: list[Span], credit: str) -> None:
        file = f"images/slide-{slide.number:03d}-{len(self.draft.images) + 1:03d}.{part.ext}"
        self.draft.images[file] = part.blob
        alt = md.one_line(part.alt)
        if part.rendered:
            self.report(slide.number, f"{part.rendered} ({part.name}): kept as a picture, "
                        f"{file}")
            alt = alt or f"{part.rendered[0].upper()}{part.rendered[1:]} from slide {slide.number}"
        if not alt and not part.decorative:
            self.report(slide.number, f"a picture without alt text ({part.name}): add "
                        f"{{alt=\"...\"}} to it in chapter '{chapter.title}'")
        self.alts.add(w.fold(alt))
        chapter.body.append(FigureDraft(file, md.inline(caption), alt, credit,
                                        part.decorative))

    def _table(self, chapter: ChapterDraft, slide: SlideContent, part: TablePart,
               caption: list[Span]) -> None:
        rows = [[_cell(cell) for cell in row] for row in part.rows]
        rows = [r for r in rows if any(c.strip() for c in r)]
        if not rows:
            return
        width = max(len(r) for r in rows)
        rows = [r + [""] * (width - len(r)) for r in rows]
        header, body = rows[0], rows[1:]
        aligns = (list(part.aligns) + [""] * width)[:width]
        title = md.one_line(w.base_title(slide.title))
        last = chapter.body[-1] if chapter.body else None
        if isinstance(last, TableDraft) and last.header == header and last.title == title \
                and md.one_line(slide.title) != title:
            last.rows.extend(body)  # a continuation slide of the same table
            return
        chapter.body.append(TableDraft(header, body, aligns, md.inline(caption), title))

    def _text(self, chapter: ChapterDraft, part: TextPart) -> None:
        paras = [p for p in part.paras if p.text.strip()]
        run: list[Para] = []
        for para in paras:
            if para.bullet or para.level:
                run.append(para)
                continue
            self._list(chapter, run, part)
            run = []
            chapter.body.append(md.paragraph(para.spans))
        self._list(chapter, run, part)

    def _more_points(self, chapter: ChapterDraft) -> bool:
        """Whether the slide goes on with the key points of the slide just before it."""
        return chapter.points_slide == self.slide.number - 1 and w.continued(self.slide.title)

    def _list(self, chapter: ChapterDraft, run: list[Para], part: TextPart) -> None:
        """A run of bulleted paragraphs: the chapter's key points when it has none yet (and
        the list in the body too where it is nested), otherwise a list in the body."""
        if not run:
            return
        top = [p for p in run if p.level == min(q.level for q in run)]
        if part.role in ("body", "text") and len(top) <= MAX_KEY_POINTS and (
                not chapter.key_points or self._more_points(chapter)):
            chapter.key_points.extend(md.inline(p.spans) for p in top)
            chapter.points_slide = self.slide.number
            if len(top) != len(run):
                chapter.body.append(md.nested_list(run))
            return
        chapter.body.append(md.nested_list(run))

    def _notes(self, chapter: ChapterDraft, slide: SlideContent) -> None:
        """The slide's notes added to the chapter's, each paragraph once, without lectern's
        own sentences and the alt text it repeats there."""
        for para in w.paragraphs(slide.notes):
            folded = w.fold(para)
            if w.lectern_note(para) or folded in self.alts or para in chapter.notes:
                continue
            if chapter.summary and folded == w.fold(chapter.summary) and not chapter.notes:
                continue
            chapter.notes.append(para)

    # --- the end of a chapter -------------------------------------------------------------

    def _within_limits(self, chapter: ChapterDraft) -> None:
        """Key points, questions and quotes past what a chapter may hold go to its body."""
        points = [p for p in chapter.key_points if _fits(p)][:MAX_KEY_POINTS]
        rest = [p for p in chapter.key_points if p not in points]
        if rest:
            chapter.body.insert(0, "\n".join(f"- {p}" for p in rest))
        chapter.key_points = points or [md.escape(chapter.title)]
        asked = [q for q in chapter.questions if _fits(q)][:MAX_QUESTIONS]
        more = [q for q in chapter.questions if q not in asked]
        if more:
            chapter.body.append("\n".join(f"1. {q}" for q in more))
        chapter.questions = asked
        for quote in chapter.quotes[MAX_QUOTES:]:
            fence = f"::: quote {quote.id}\n:::"
            at = chapter.body.index(fence)
            chapter.body[at] = f"> {md.escape(quote.text)}\n>\n> — " + md.escape(
                f"{quote.who}, {quote.work}, {quote.year}")
        del chapter.quotes[MAX_QUOTES:]

    def _finish(self, chapter: ChapterDraft) -> None:
        if not chapter.key_points:
            short = [b for b in chapter.body if isinstance(b, str) and len(b) <= 160
                     and not b.startswith(("#", ":::", "- ", "1. ", "\\"))]
            chapter.key_points = [md.escape(h) for h in chapter.headings[:KEY_POINTS_ADVISED]] \
                or short[:KEY_POINTS_ADVISED] or [md.escape(chapter.title)]
            self.report(chapter.slide, f"chapter '{chapter.title}' has no bulleted list: its "
                        "key points are its slides' titles or its first short paragraphs; "
                        "edit them in the chapter file")
        self._within_limits(chapter)
        if not any(isinstance(b, str) and not b.startswith(("#", ":::")) for b in chapter.body):
            # A chapter needs prose; the slides gave none, so its key points stand in the body.
            chapter.body.append("\n".join(f"- {point}" for point in chapter.key_points))
        notes = "\n".join(chapter.notes)
        if len(notes) > MAX_NOTES:
            self.report(chapter.slide, f"the speaker notes of chapter '{chapter.title}' are "
                        f"longer than {MAX_NOTES:,} characters; the rest is: "
                        + md.one_line(notes[MAX_NOTES:]))
            chapter.notes = [notes[:MAX_NOTES]]


def _fits(item: str) -> bool:
    return len(item) <= MAX_SHORT_TEXT and "\\\n" not in item


def _beside(target: Frame, frame: Frame, below: bool) -> bool:
    """Whether a text stands just below (or above) a picture or table, within an inch, and
    shares some of its width."""
    inch = 914400
    if min(target.x + target.w, frame.x + frame.w) - max(target.x, frame.x) <= 0:
        return False
    if below:
        return target.bottom - target.h // 10 <= frame.y <= target.bottom + inch
    return target.y - inch <= frame.bottom <= target.y + target.h // 10


def _named(part: TextPart) -> str:
    """A shape's name without the number PowerPoint adds to it ('caption 5' is 'caption')."""
    head, _, tail = part.name.rpartition(" ")
    return head if head and tail.isdigit() else part.name


def _language(tag: str) -> str:
    from ..locale import find

    if not tag:
        return "en"
    loc = find(tag)
    if loc is not None and loc.tag.lower() == tag.lower():
        return loc.tag
    return tag.split("-")[0].lower() if loc is not None else tag


def _unquoted(text: str) -> str:
    for opening, closing in QUOTE_PAIRS:
        if len(text) > 2 and text.startswith(opening) and text.endswith(closing):
            inside = text[1:-1].strip()
            if opening not in inside and closing not in inside:
                return inside
    return text


def _spans_of(part: TextPart) -> list[Span]:
    out: list[Span] = []
    for i, para in enumerate(p for p in part.paras if p.text.strip()):
        if i:
            out.append(Span(" "))
        out.extend(para.spans)
    return out


def _cell(paras: tuple[Para, ...]) -> str:
    return " ".join(md.inline(p.spans) for p in paras if p.text.strip())
