"""Back matter recognised on lectern's slides: glossary, sources and timeline entries."""

from __future__ import annotations

import re

from . import markdown as md
from . import words as w
from .draft import LectureDraft
from .types import Para, SlideContent, TextPart

GLOSS_DASH = re.compile(r"[\s\u00a0\u202f]+[—–][\s\u00a0\u202f]+")
URL = re.compile(r"(?i)(https?://\S+)\s*$")


def glossary(slide: SlideContent, draft: LectureDraft) -> bool:
    """Glossary entries from a slide of lines 'term · original · transliteration — definition';
    False (nothing taken) for a slide that is not one."""
    paras = [p for t in slide.texts() if t.role != "title" for p in t.paras
             if p.text.strip()]
    entries: list[dict[str, str]] = []
    for para in paras:
        head, dash, definition = _split_dash(para.text)
        pool = entries or draft.glossary
        last = pool[-1] if pool else None
        if not dash and last is not None and (entries or w.continued(slide.title)):
            # The rest of an entry too long for the slide before, or a second paragraph.
            last["definition"] += " " + md.one_line(para.text)
            continue
        if not dash:
            return False
        names = [md.one_line(x) for x in head.split("·")]
        entry = {"term": names[0], "definition": md.one_line(definition)}
        italic = {md.one_line(s.text.strip(" ·")) for s in para.spans if s.italic}
        for extra in names[1:]:
            key = "transliteration" if extra in italic or "original" in entry \
                else "original"
            entry.setdefault(key, extra)
        entries.append(entry)
    if not entries:
        return False
    draft.glossary.extend(entries)
    return True

def sources(slide: SlideContent, draft: LectureDraft) -> bool:
    """Sources from a slide of references, one a paragraph."""
    paras = [p for t in slide.texts() if t.role != "title" for p in t.paras
             if p.text.strip()]
    if not paras or any(not isinstance(p, TextPart) for p in slide.parts):
        return False
    for para in paras:
        draft.sources.append(_source(para))
    return True

def timeline(slide: SlideContent, draft: LectureDraft) -> bool:
    """Timeline entries from a slide of date and event boxes, the details from its notes."""
    texts = [t for t in slide.texts() if t.role != "title"]
    dates = [t for t in texts if w.find_date(t.text) and len(t.text) < 40]
    events = [t for t in texts if t not in dates]
    if not dates or len(dates) != len(events):
        return False
    notes = w.paragraphs(slide.notes)
    for date in dates:
        event = min(events, key=lambda e: abs((e.frame.x + e.frame.w / 2)
                                              - (date.frame.x + date.frame.w / 2)))
        found = w.find_date(date.text)
        assert found is not None
        d = found.date
        value = f"{d.year:04d}" + (f"-{d.month:02d}" if d.month else "") + \
            (f"-{d.day:02d}" if d.day else "")
        entry = {"date": value, "event": md.one_line(event.text)}
        said = md.one_line(date.text)
        detail = next((n for n in notes if n.partition(": ")[0].startswith(said)), "")
        if detail:
            notes.remove(detail)
            head, _, entry["detail"] = detail.partition(": ")
            other = re.search(r"\(([^)]*)\)", head[len(said):])
            found_other = w.find_date(other.group(1)) if other else None
            if found_other is not None and found_other.date.day:
                n = found_other.date
                entry["new_style"] = f"{n.year:04d}-{n.month:02d}-{n.day:02d}"
        draft.timeline.append(entry)
    return True


def _split_dash(text: str) -> tuple[str, str, str]:
    found = GLOSS_DASH.search(text)
    if not found:
        return text, "", ""
    return text[: found.start()], found.group(), text[found.end():]


def _source(para: Para) -> dict[str, str]:
    """A source from its printed form: the italic run is the title, before it the author,
    after it the rest, and an address at the end its URL."""
    text = md.one_line(para.text)
    entry: dict[str, str] = {}
    url = URL.search(text)
    if url:
        entry["url"] = url.group(1)
        text = text[: url.start()].strip()
    italic = next((md.one_line(s.text) for s in para.spans if s.italic and s.text.strip()), "")
    if italic and italic in text:
        before, _, after = text.partition(italic)
        if before.strip(" ."):
            entry["author"] = before.strip(" .")
        entry["title"] = italic
        if after.strip(" ."):
            entry["note"] = after.strip(" ").lstrip(".").strip()
    else:
        entry["title"] = text
    return dict(sorted(entry.items(), key=lambda kv: ["author", "title", "note",
                                                       "url"].index(kv[0])))
