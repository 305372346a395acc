"""The lecture folder an import writes: lecture.yaml, the chapter files, the pictures, the
deck's design as the template and the import report, whole or not at all."""

from __future__ import annotations

import datetime as dt
import os
import shutil
import tempfile
from pathlib import Path
from typing import Any

import yaml

from ..locale.slug import slug
from . import markdown as md
from .draft import Block, ChapterDraft, FigureDraft, LectureDraft, TableDraft

TEMPLATE = "template.pptx"
REPORT = "import-report.md"
ALIGN_ROWS = {"": "---", "left": ":---", "center": ":---:", "right": "---:"}


def files_of(draft: LectureDraft, template: bytes | None, report: str) -> dict[str, bytes]:
    """Every file of the lecture folder, by its path in the folder."""
    files: dict[str, bytes] = {}
    names = []
    for number, chapter in enumerate(draft.chapters, 1):
        name = f"chapters/{number:02d}-{slug(chapter.title, draft.language, 40) or 'chapter'}.md"
        names.append(name)
        files[name] = chapter_file(chapter).encode("utf-8")
    files.update(draft.images)
    if template is not None:
        files[TEMPLATE] = template
    files["lecture.yaml"] = lecture_file(draft, names, template is not None).encode("utf-8")
    files[REPORT] = report.encode("utf-8")
    return files


def lecture_file(draft: LectureDraft, chapters: list[str], template: bool) -> str:
    """The text of lecture.yaml."""
    data: dict[str, Any] = {"title": draft.title}
    if draft.subtitle:
        data["subtitle"] = draft.subtitle
    data["authors"] = draft.authors
    data["date"] = dt.date.fromisoformat(draft.date)
    data["language"] = draft.language
    if draft.description:
        data["description"] = draft.description
    data["chapters"] = chapters
    for key in ("timeline", "glossary", "sources"):
        if getattr(draft, key):
            data[key] = getattr(draft, key)
    if template:
        data["deck"] = {"template": TEMPLATE}
    head = "# Imported from a PowerPoint deck: see import-report.md for what it left out.\n"
    return head + _yaml(data)


def chapter_file(chapter: ChapterDraft) -> str:
    """The text of a chapter file: front matter, then the body."""
    front: dict[str, Any] = {"title": chapter.title, "summary": chapter.summary,
                             "key_points": chapter.key_points}
    if chapter.quotes:
        front["quotes"] = [_quote(q) for q in chapter.quotes]
    front["notes"] = "\n".join(chapter.notes)
    if chapter.questions:
        front["questions"] = chapter.questions
    body = "\n\n".join(block(b) for b in chapter.body)
    return f"---\n{_yaml(front)}---\n\n{body}\n" if body else f"---\n{_yaml(front)}---\n"


def _quote(quote: Any) -> dict[str, str]:
    out = {"id": quote.id, "text": quote.text, "who": quote.who, "work": quote.work,
           "year": quote.year}
    if quote.original:
        out["original"] = quote.original
        out["original_language"] = quote.original_language
    return out


def block(item: Block) -> str:
    """One block of a chapter body as Markdown."""
    if isinstance(item, TableDraft):
        return table(item)
    if isinstance(item, FigureDraft):
        return figure(item)
    return item


def table(item: TableDraft) -> str:
    """A pipe table, with its caption after it."""
    lines = [_row(item.header), "| " + " | ".join(ALIGN_ROWS[a] for a in item.aligns) + " |"]
    lines.extend(_row(r) for r in item.rows)
    text = "\n".join(lines)
    return f"{text}\n\nTable: {item.caption}" if item.caption else text


def _row(cells: list[str]) -> str:
    return "| " + " | ".join(c.replace("\n", " ") or " " for c in cells) + " |"


def figure(item: FigureDraft) -> str:
    """A figure with its alt text and credit as attributes."""
    attrs = []
    if item.decorative:
        attrs.append(".decorative")
    elif item.alt:
        attrs.append(f"alt={md.attribute(item.alt)}")
    if item.credit:
        attrs.append(f"credit={md.attribute(item.credit)}")
    tail = "{" + " ".join(attrs) + "}" if attrs else ""
    return f"![{item.caption}](<{item.file}>){tail}"


class _Dumper(yaml.SafeDumper):
    """YAML as an author writes it: text of several lines as a block."""


def _text(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
    if "\n" in value:
        return dumper.represent_scalar("tag:yaml.org,2002:str", value, style="|")
    return dumper.represent_scalar("tag:yaml.org,2002:str", value)


_Dumper.add_representer(str, _text)


def _yaml(data: Any) -> str:
    return str(yaml.dump(data, Dumper=_Dumper, allow_unicode=True, sort_keys=False,
                         width=96, default_flow_style=False))


def write_folder(directory: Path, files: dict[str, bytes]) -> None:
    """Write the files into a new folder, staged beside it and renamed into place."""
    directory.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{directory.name}.", dir=directory.parent))
    try:
        for name, data in sorted(files.items()):
            target = staging / name
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(data)
        mask = os.umask(0)
        os.umask(mask)
        staging.chmod(0o777 & ~mask)
        os.replace(staging, directory)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
