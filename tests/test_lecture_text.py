"""The default lecture in source/: its shape, and that its prose is its own.

The lecture is based on John Riddell's talk of 7 November 2017. Facts may carry over from the
talk, sentences may not: outside the key quotes (the `text` and `original` fields of a
chapter's `quotes`), no run of RUN consecutive words of the talk may appear anywhere in the
lecture. The talk is read from ../shared/reference/ next to the project; without it, that
test is skipped and only the shape of the lecture is checked.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[1]
SOURCE = ROOT / "source"
TALK = Path(__file__).resolve().parents[2] / "shared/reference/all-power-to-the-soviets-talk.txt"

RUN = 8  # the shortest run of the talk's words that counts as copied
QUOTE_FIELDS = frozenset({"text", "original"})  # quotations: the only text taken verbatim

_FOLD = str.maketrans(  # curly and angle quotes, dashes and unusual spaces to plain ones
    {c: "'" for c in "\u2018\u2019\u201a\u201b\u2032`"}
    | {c: '"' for c in "\u201c\u201d\u201e\u201f\u2033\u00ab\u00bb"}
    | {c: "-" for c in "\u2010\u2011\u2012\u2013\u2014\u2015\u2212"}
    | {c: " " for c in "\u00a0\u202f\u2009"}
)
_WORD = re.compile(r"[^\W\d_]+")  # a run of letters, in any script


def words(text: str) -> list[str]:
    """Lower-case words of `text`, with quotes and dashes unified, split on non-letters."""
    return _WORD.findall(text.translate(_FOLD).lower())


# --- reading the lecture ------------------------------------------------------------------------


def load_yaml(path: Path) -> Any:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def lecture() -> dict[str, Any]:
    return load_yaml(SOURCE / "lecture.yaml")


def listing(key: str) -> list[dict[str, Any]]:
    """The timeline, glossary or sources: inline in lecture.yaml or in the file it names."""
    value = lecture().get(key) or []
    return load_yaml(SOURCE / value) if isinstance(value, str) else value


def chapter_files() -> list[Path]:
    return [SOURCE / name for name in lecture()["chapters"]]


def split_chapter(path: Path) -> tuple[dict[str, Any], str]:
    """A chapter's front matter (parsed) and its Markdown body."""
    text = path.read_text(encoding="utf-8")
    match = re.match(r"\A---[ \t]*\n(.*?)\n---[ \t]*\n(.*)\Z", text, re.S)
    assert match, f"{path}: no front matter between two --- lines"
    return yaml.safe_load(match.group(1)), match.group(2)


def yaml_strings(node: Any, where: str, in_quotes: bool = False) -> Iterator[tuple[str, str]]:
    """Every string in a YAML tree as (location, text), leaving out the quotations."""
    if isinstance(node, dict):
        for key, value in node.items():
            if in_quotes and key in QUOTE_FIELDS:
                continue
            yield from yaml_strings(value, f"{where}.{key}", in_quotes or key == "quotes")
    elif isinstance(node, list):
        for i, value in enumerate(node):
            yield from yaml_strings(value, f"{where}[{i}]", in_quotes)
    elif isinstance(node, str):
        yield where, node


_ATTRS = re.compile(r"\{[^{}\n]*\}")
_CREDIT = re.compile(r'credit="([^"]*)"')


def body_text(body: str) -> str:
    """The prose of a Markdown body: markup, paths, ids and directives removed."""
    lines = [ln for ln in body.splitlines() if not re.match(r"\s*:::", ln)]
    text = "\n".join(lines)
    text = _CREDIT.sub(lambda m: "{} " + m.group(1) + " ", text)  # keep figure credits as prose
    text = _ATTRS.sub(" ", text)  # {.term ref=...}, {credit=...}
    text = re.sub(r"\]\([^)\s]*\)", "] ", text)  # link and image targets
    text = re.sub(r"\[\^[^\]]*\]:?", " ", text)  # footnote calls and labels
    text = re.sub(r"^#+\s", "", text, flags=re.M)  # heading marks
    return text


def prose_units() -> list[tuple[str, str]]:
    """Every piece of the lecture's own prose, as (where, text)."""
    units: list[tuple[str, str]] = []
    for name in ("lecture.yaml", "timeline.yaml", "glossary.yaml", "sources.yaml"):
        path = SOURCE / name
        if path.exists():
            units += list(yaml_strings(load_yaml(path), name))
    for path in chapter_files():
        rel = path.relative_to(SOURCE).as_posix()
        front, body = split_chapter(path)
        units += list(yaml_strings(front, rel))
        units.append((f"{rel} (body)", body_text(body)))
    return units


# --- the talk -----------------------------------------------------------------------------------


def talk_words() -> list[str]:
    """The words of the talk itself, without the web page around it or the source list."""
    text = TALK.read_text(encoding="utf-8")
    start = text.find("The following talk")
    end = text.find("Major Sources:")
    return words(text[max(start, 0) : end if end > 0 else len(text)])


def copied_runs(tokens: list[str], grams: set[tuple[str, ...]]) -> list[str]:
    """The longest stretches of `tokens` made of RUN-word runs found in `grams`."""
    hits = [i for i in range(len(tokens) - RUN + 1) if tuple(tokens[i : i + RUN]) in grams]
    spans: list[list[int]] = []
    for i in hits:
        if spans and i <= spans[-1][1]:
            spans[-1][1] = i + RUN
        else:
            spans.append([i, i + RUN])
    return [" ".join(tokens[a:b]) for a, b in spans]


def test_no_run_of_the_talk_outside_quotations() -> None:
    if not TALK.exists():
        pytest.skip(f"reference talk not found: {TALK}")
    talk = talk_words()
    assert len(talk) > 3000, "the talk looks truncated"
    grams = {tuple(talk[i : i + RUN]) for i in range(len(talk) - RUN + 1)}
    problems = [
        f"{where}: “{run}”"
        for where, text in prose_units()
        for run in copied_runs(words(text), grams)
    ]
    if problems:
        print(f"\n{len(problems)} run(s) of {RUN}+ words copied from the talk:")
        print("\n".join(problems))
    report = "\n".join(problems)
    assert not problems, f"{RUN}+ word runs of the talk outside quotations:\n{report}"


# --- the shape of the lecture -------------------------------------------------------------------


def body_word_count(body: str) -> int:
    return sum(1 for w in body_text(body).split() if re.search(r"\w", w))


def test_chapters() -> None:
    files = chapter_files()
    assert len(files) >= 6
    for path in files:
        assert path.exists(), path
        front, body = split_chapter(path)
        rel = path.name
        assert front.get("title") and front.get("summary"), rel
        n = body_word_count(body)
        assert 300 <= n <= 700, f"{rel}: body has {n} words"
        points = front["key_points"]
        assert 3 <= len(points) <= 6, f"{rel}: {len(points)} key points"
        for point in points:
            assert len(point) <= 70, f"{rel}: key point too long: {point!r}"
        questions = front.get("questions") or []
        assert 2 <= len(questions) <= 4, f"{rel}: {len(questions)} questions"
        notes = len(front["notes"].split())
        assert 80 <= notes <= 200, f"{rel}: notes have {notes} words"
        assert len(re.findall(r"^## ", body, re.M)) <= 2, f"{rel}: too many subheadings"


def all_quotes() -> list[dict[str, Any]]:
    return [q for path in chapter_files() for q in split_chapter(path)[0].get("quotes") or []]


def test_quotes() -> None:
    quotes = all_quotes()
    assert len(quotes) >= 8
    for q in quotes:
        assert q.get("text") and q.get("who") and q.get("work") and q.get("year"), q
    ids = [q["id"] for q in quotes if q.get("id")]
    assert len(ids) == len(set(ids)), "duplicate quote ids"
    assert any(q.get("original") == "Вся власть Советам!" for q in quotes)
    for path in chapter_files():
        front, body = split_chapter(path)
        own = {q.get("id") for q in front.get("quotes") or []}
        for ref in re.findall(r"^::: quote (\S+)\s*\n:::\s*$", body, re.M):
            assert ref in own, f"{path.name}: pull quote {ref!r} is not a quote of the chapter"


def test_timeline() -> None:
    entries = listing("timeline")
    assert len(entries) >= 15
    for e in entries:
        assert len(e["event"]) <= 60, e["event"]
        assert e.get("detail"), e


def test_glossary() -> None:
    entries = listing("glossary")
    assert len(entries) >= 12
    cyrillic = re.compile(r"[\u0400-\u04FF]")
    assert all(cyrillic.search(e.get("original", "")) for e in entries), "Cyrillic missing"
    ids = {e.get("id") or e["term"].lower() for e in entries}
    for path in chapter_files():
        body = split_chapter(path)[1]
        for label, attrs in re.findall(r"\[([^\]]+)\]\{\.term([^}]*)\}", body):
            ref = re.search(r"ref=(\S+)", attrs)
            key = ref.group(1) if ref else " ".join(label.split()).lower()
            assert key in ids, f"{path.name}: term {label!r} names no glossary entry ({key!r})"


def test_sources_credit_the_talk() -> None:
    entries = listing("sources")
    assert any(e.get("author") == "John Riddell" for e in entries)
    assert "John Riddell" in lecture().get("basis", "")
