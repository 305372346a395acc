"""`lectern sync`: the edits made in a deck, as changes to the lecture's source files."""

from __future__ import annotations

import difflib
import os
import shutil
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .. import model as m
from ..diagnostics import LectureInvalid
from ..locale import Locale, locale_for
from ..readers.lecture import load_lecture
from ..readers.lines import Lines
from .carry import carry
from .deckfile import DeckSlide, SyncError, read_deck
from .record import NOTES_KEY
from .sources import digest

BOM = b"\xef\xbb\xbf"


@dataclass(frozen=True)
class RecordedUnit:
    """A source text as the deck's record gives it."""

    kind: str
    file: str
    start: int
    end: int
    style: str
    source: str
    shown: str
    line: int  # where the span started when the deck was built

    @property
    def place(self) -> str:
        return f"{self.file}:{self.line}" if self.line else self.file


@dataclass
class Change:
    """One source text the deck changed: where, what it said, what it says now."""

    unit: int
    kind: str
    file: str
    line: int
    slides: list[int]
    old: str
    new: str


@dataclass
class Outcome:
    """What a comparison found: changes to the files, problems, slides the source lacks."""

    changes: list[Change] = field(default_factory=list)
    files: dict[str, tuple[str, str]] = field(default_factory=dict)  # rel -> (old, new)
    problems: list[str] = field(default_factory=list)  # each blocks --apply
    notices: list[str] = field(default_factory=list)  # reported, nothing to write
    added: list[tuple[int, str]] = field(default_factory=list)

    def diff(self) -> str:
        """The changes as a unified diff of the source files."""
        out: list[str] = []
        for rel, (old, new) in sorted(self.files.items()):
            out.extend(difflib.unified_diff(old.splitlines(keepends=True),
                                            new.splitlines(keepends=True),
                                            f"a/{rel}", f"b/{rel}"))
        return "".join(line if line.endswith("\n") else line + "\n" for line in out)


def compare(root: Path, deck_path: Path) -> Outcome:
    """Compare an edited deck with the lecture it was built from."""
    lecture, _ = load_lecture(root)
    deck = read_deck(deck_path)
    record = deck.record
    if record.get("lecture") != lecture.name:
        raise SyncError(f"{deck_path} was built from the lecture '{record.get('lecture')}', "
                        f"not from this one ('{lecture.name}'); give the lecture the deck "
                        "was built from")
    units = _units(record, deck_path)
    outcome = Outcome()
    for rel, fingerprint in record.get("files", []):
        try:
            now = digest((root / rel).read_bytes().decode("utf-8-sig"))
        except (OSError, UnicodeDecodeError):
            now = ""
        if now != fingerprint:
            outcome.notices.append(f"{rel} has changed since the deck was built: each edit "
                                   "there is checked against the text it came from")
    edits = _edits(record, deck.slides, units, outcome)
    _carry_edits(root, lecture, units, edits, outcome)
    return outcome


def _units(record: dict[str, Any], deck_path: Path) -> list[RecordedUnit]:
    try:
        files = [str(f[0]) for f in record["files"]]
        return [RecordedUnit(str(u[0]), files[u[1]], int(u[2]), int(u[3]), str(u[4]),
                             str(u[5]), str(u[6] if u[6] is not None else u[5]),
                             int(u[7]) if len(u) > 7 else 0)
                for u in record["units"]]
    except (KeyError, IndexError, TypeError, ValueError) as exc:
        raise SyncError(f"{deck_path} is damaged: its record of sources cannot be read") \
            from exc


# --- what changed on the slides --------------------------------------------------------------

# unit -> (start, end) of the unit's text -> edited text of that part -> slide numbers
Edits = dict[int, dict[tuple[int, int], dict[str, list[int]]]]


def _edits(record: dict[str, Any], slides: tuple[DeckSlide, ...], units: list[RecordedUnit],
           outcome: Outcome) -> Edits:
    built = {int(s[0]): s[1] for s in record["slides"]}
    edits: Edits = {}
    for slide in slides:
        if slide.slide_id not in built:
            text = "\n".join(t for t in (*slide.fields.values(), slide.notes or "") if t)
            outcome.added.append((slide.number, text))
            continue
        fields = built[slide.slide_id]
        keys = {key for key, _ in fields}
        unclaimed = {k: v for k, v in slide.fields.items() if k not in keys}
        for key, template in fields:
            edited = slide.notes if key == NOTES_KEY else slide.fields.get(key)
            if edited is None and key != NOTES_KEY:
                edited = _renumbered(key, _built(template, units), unclaimed)
            if edited is None:
                outcome.notices.append(f"slide {slide.number}: a text lectern wrote was "
                                       "removed; removals are not carried back")
                continue
            _field_edits(slide.number, template, edited, units, edits, outcome)
    kept = {s.slide_id for s in slides}
    for number, slide_id in enumerate(built, start=1):
        if slide_id not in kept:
            outcome.notices.append(f"slide {number} of the built deck was deleted; "
                                   "deleting slides is not carried back")
    return edits


def _built(template: list[Any], units: list[RecordedUnit]) -> str:
    """A field's text as the deck was built."""
    return "".join(part if isinstance(part, str) else
                   units[part].shown if isinstance(part, int) else
                   units[part[0]].shown[part[1]:part[2]] for part in template)


def _renumbered(key: str, built: str, unclaimed: dict[str, str]) -> str | None:
    """The field of a slide whose shapes were numbered anew (LibreOffice does, on saving)
    that reads most like the built text (a table cell: one in the same row and column);
    it is claimed, so no other field takes it."""
    cell = key.partition(":")[2]
    best, score = None, 0.5
    for candidate, text in unclaimed.items():
        if candidate.partition(":")[2] != cell:
            continue
        matcher = difflib.SequenceMatcher(None, built, text, autojunk=False)
        if matcher.quick_ratio() > score and matcher.ratio() > score:
            best, score = candidate, matcher.ratio()
    return unclaimed.pop(best) if best is not None else None


def _field_edits(number: int, template: list[Any], edited: str, units: list[RecordedUnit],
                 edits: Edits, outcome: Outcome) -> None:
    """The edits of one field, by unit part: edits to text lectern wrote are reported."""
    regions: list[tuple[int, int, tuple[int, int, int] | None]] = []
    built = ""
    for part in template:
        if isinstance(part, str):
            regions.append((len(built), len(built) + len(part), None))
            built += part
            continue
        unit, start, end = (part, 0, len(units[part].shown)) if isinstance(part, int) else part
        text = units[unit].shown[start:end]
        regions.append((len(built), len(built) + len(text), (unit, start, end)))
        built += text
    if edited == built:
        return
    changed: dict[int, list[tuple[int, int, str]]] = {}
    matcher = difflib.SequenceMatcher(None, built, edited, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            continue
        index = _region_of(regions, i1, i2)
        if index is None:
            outcome.notices.append(f"slide {number}: an edit to text lectern wrote itself "
                                   f"({_short(built[i1:i2] or edited[j1:j2])!r}) is not "
                                   "carried back")
            continue
        a = regions[index][0]
        changed.setdefault(index, []).append((i1 - a, i2 - a, edited[j1:j2]))
    for index, ops in changed.items():
        a, b, ref = regions[index]
        assert ref is not None
        text = built[a:b]
        for o1, o2, new in reversed(ops):
            text = text[:o1] + new + text[o2:]
        unit, start, end = ref
        edits.setdefault(unit, {}).setdefault((start, end), {}).setdefault(text, []).append(
            number)


def _region_of(regions: list[tuple[int, int, Any]], i1: int, i2: int) -> int | None:
    """The unit region an edit of built[i1:i2] falls in (an insertion at a region's edge
    belongs to the unit there); None when it touches text lectern wrote."""
    for k, (a, b, ref) in enumerate(regions):
        if ref is None:
            continue
        if (i1 < i2 and a <= i1 and i2 <= b) or (i1 == i2 and a <= i1 <= b):
            return k
    return None


def _short(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= 40 else text[:39] + "…"


# --- into the source ----------------------------------------------------------------------


def _carry_edits(root: Path, lecture: m.Lecture, units: list[RecordedUnit], edits: Edits,
                 outcome: Outcome) -> None:
    """Each edited unit's new source text, and the files with all of them written in."""
    locale = locale_for(lecture.language)
    texts: dict[str, str] = {}
    spans: dict[str, list[tuple[int, int, str]]] = {}
    for index in sorted(edits):
        found = _carry_one(root, index, units, edits[index], texts, locale, outcome)
        if found is not None:
            spans.setdefault(units[index].file, []).append(found)
    for rel, file_spans in spans.items():
        outcome.files[rel] = (texts[rel], _rewritten(rel, texts[rel], file_spans, outcome))


def _carry_one(root: Path, index: int, units: list[RecordedUnit],
               parts: dict[tuple[int, int], dict[str, list[int]]], texts: dict[str, str],
               locale: Locale, outcome: Outcome) -> tuple[int, int, str] | None:
    """The source span an edited unit rewrites and its new text; None (with the problem
    reported) when the edit cannot be carried back."""
    unit = units[index]
    new = _edited_text(unit, parts, outcome)
    if new is None or new == unit.shown:
        return None
    slides = sorted({n for versions in parts.values() for ns in versions.values() for n in ns})
    on = f"on slide {_numbers(slides)}"
    if "\n" in new and "\n" not in unit.shown and unit.style not in ("|", ">"):
        outcome.problems.append(f"{unit.place}: error: a paragraph was added to the "
                                f"{unit.kind} {on}; sync does not add key points, questions "
                                "or rows: add it to the source")
        return None
    where = _located(root, unit, units, texts)
    if where is None:
        outcome.problems.append(f"{unit.place}: error: conflict: the {unit.kind} edited {on} "
                                "has changed in the source since the deck was built; not "
                                "applied (make the edit in the source, or rebuild the deck "
                                "and edit again)")
        return None
    line = Lines(texts[unit.file]).place(where[0])[0]
    written = carry(unit.shown, new, unit.source, unit.style, locale)
    if written is None:
        outcome.problems.append(f"{unit.file}:{line}: error: the edit of the {unit.kind} {on} "
                                "cannot be placed in the source; make it there by hand")
        return None
    outcome.changes.append(Change(index, unit.kind, unit.file, line, slides, unit.shown, new))
    return where[0], where[1], written


def _rewritten(rel: str, text: str, spans: list[tuple[int, int, str]],
               outcome: Outcome) -> str:
    """A file's text with its spans replaced (from the end, so offsets hold)."""
    last = len(text) + 1
    for start, end, written in sorted(spans, reverse=True):
        if end > last:
            outcome.problems.append(f"{rel}: error: two edits fall on one source text")
            break
        text = text[:start] + written + text[end:]
        last = start
    return text


def _edited_text(unit: RecordedUnit, parts: dict[tuple[int, int], dict[str, list[int]]],
                 outcome: Outcome) -> str | None:
    """The unit's text with each of its parts as edited; None when one part was edited
    differently on two slides (which edit is meant cannot be told)."""
    text = unit.shown
    for (start, end), versions in sorted(parts.items(), reverse=True):
        original = unit.shown[start:end]
        changed = {t: ns for t, ns in versions.items() if t != original}
        if len(changed) > 1:
            slides = sorted(n for ns in changed.values() for n in ns)
            outcome.problems.append(f"{unit.place}: error: the {unit.kind} was edited "
                                    f"differently on slides {_numbers(slides)}; make the "
                                    "edits agree, or edit the source by hand")
            return None
        for edited in changed:
            text = text[:start] + edited + text[end:]
    return text


def _located(root: Path, unit: RecordedUnit, units: list[RecordedUnit],
             texts: dict[str, str]) -> tuple[int, int] | None:
    """Where the unit's source text is now: where it was; else, moved by other edits of its
    file, the one place it is, or the place it moved to with the nearest other text of the
    file found once; None when it changed (a conflict) or its file is gone."""
    if unit.file not in texts:
        try:
            texts[unit.file] = (root / unit.file).read_bytes().decode("utf-8-sig")
        except (OSError, UnicodeDecodeError):
            return None
    text = texts[unit.file]
    if text[unit.start:unit.end] == unit.source:
        return unit.start, unit.end
    if text.count(unit.source) == 1:
        at = text.index(unit.source)
        return at, at + len(unit.source)
    anchors = sorted((abs(u.start - unit.start), u.start, u.source) for u in units
                     if u.file == unit.file and u is not unit and u.source)
    for _, start, source in anchors:
        if text.count(source) == 1:
            at = unit.start + text.index(source) - start
            if text[at:at + len(unit.source)] == unit.source:
                return at, at + len(unit.source)
            return None
    return None


def _numbers(numbers: list[int]) -> str:
    return " and ".join(", ".join(str(n) for n in numbers).rsplit(", ", 1))


# --- writing -----------------------------------------------------------------------------------


def apply(root: Path, outcome: Outcome) -> None:
    """Write the changes, all or none: refused while any edit is a problem; tried on a
    copy of the lecture first, which must still read without errors."""
    if outcome.problems:
        raise SyncError("nothing was written: resolve the problems above first")
    with tempfile.TemporaryDirectory(prefix="lectern-sync-") as tmp:
        staged = Path(tmp) / "lecture"
        shutil.copytree(root, staged, symlinks=True,
                        ignore=shutil.ignore_patterns("*.pptx", "*.pdf", ".git"))
        for rel, (_, new) in outcome.files.items():
            (staged / rel).write_bytes(new.encode("utf-8"))
        try:
            load_lecture(staged)
        except LectureInvalid as exc:
            raise SyncError("nothing was written: the edits would make the lecture invalid:\n"
                            + exc.format()) from exc
    written: list[tuple[Path, Path]] = []
    for rel, (_, new) in outcome.files.items():
        target = root / rel
        temporary = target.with_name(target.name + ".lectern-sync")
        # A byte order mark the file had stays (the texts were read without it).
        mark = BOM if target.read_bytes().startswith(BOM) else b""
        temporary.write_bytes(mark + new.encode("utf-8"))
        written.append((temporary, target))
    for temporary, target in written:
        os.replace(temporary, target)
