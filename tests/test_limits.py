"""Every limit in lectern.limits is enforced at its line, and input just under it is accepted."""

from __future__ import annotations

import re
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from lectern import limits
from lectern.diagnostics import LecternError, LectureInvalid
from lectern.pipeline import build, check
from lectern.writers import booklet, booklet_pages
from lectern.writers.deck_plan import checks, planner
from tests.conftest import LECTURES, ROOT

FRONT = "title: T\nsummary: s\nkey_points: [a]\nnotes: n\n"
MARK = "\u0301"


def _lecture(tmp_path: Path, body: str = "Text.\n", front: str = FRONT,
             yaml_extra: str = "") -> Path:
    root = tmp_path / "lecture"
    shutil.copytree(LECTURES / "mini", root)
    (root / "chapters" / "02-argument.md").write_text(f"---\n{front}---\n\n{body}",
                                                      encoding="utf-8")
    if yaml_extra:
        lecture = root / "lecture.yaml"
        lecture.write_text(lecture.read_text() + yaml_extra, encoding="utf-8")
    return root


def _errors(root: Path, targets: tuple[str, ...] = ("booklet",)) -> list[str]:
    try:
        check(root, targets)
    except LectureInvalid as invalid:
        return [d.format() for d in invalid.diagnostics if d.severity == "error"]
    return []


def _words(chars: int) -> str:
    """Words of four letters and a space, exactly `chars` characters."""
    text = ("word " * (chars // 5 + 1))[:chars]
    return text[:-1] + "x" if text.endswith(" ") else text


def _lines(chars: int) -> str:
    """Words as `_words` makes them, over lines of about 80 characters (a newline for every
    sixteenth space keeps the count)."""
    count = iter(range(1, chars))
    return re.sub(" ", lambda _: "\n" if next(count) % 16 == 0 else " ", _words(chars))


def _nested_emphasis(depth: int) -> str:
    opening = " ".join(f"*{chr(97 + k)}" for k in range(depth))
    closing = " ".join(f"{chr(97 + k)}*" for k in reversed(range(depth)))
    return f"{opening} deep {closing}"


def _nested_lists(depth: int) -> str:
    return "".join("  " * k + f"- level {k + 1}\n" for k in range(depth))


def _quotes(count: int) -> str:
    return "quotes:\n" + "".join(
        f"  - {{text: Words {k}, who: Someone, work: A work, year: 1917}}\n"
        for k in range(count))


def _entries(key: str, count: int) -> str:
    unit = {"timeline": "  - {{date: 1917, event: Event {k}}}\n",
            "glossary": "  - {{term: council{k}, definition: Meaning {k}.}}\n",
            "sources": "  - {{title: Book {k}}}\n"}[key]
    # The first glossary entry is 'council', the term the chapters use.
    return f"{key}:\n" + "".join(unit.format(k=k or "") for k in range(count))


def _without(text: str, key: str) -> str:
    """lecture.yaml text without the top-level list `key` (so it can be given again)."""
    return re.sub(rf"(?ms)^{key}:\n(?:[ -].*?\n|\n)*?(?=^\S)", "", text)


def _in_paragraphs(items: list[str], per: int = 100) -> str:
    return "\n\n".join(_joined(items[i:i + per]) for i in range(0, len(items), per))


def _joined(items: list[str]) -> str:
    """`items` joined by spaces, over lines of about 80 characters."""
    return "\n".join(" ".join(items[i:i + 4]) for i in range(0, len(items), 4))


def _table(columns: int, rows: int) -> str:
    """A table of `columns` columns, a header and `rows` rows (none when rows < 0)."""
    if rows < 0:
        return ""
    head = "| " + " | ".join(f"h{c}" for c in range(columns)) + " |"
    body = ["| " + " | ".join(f"r{r}c{c}" for c in range(columns)) + " |" for r in range(rows)]
    return "\n".join([head, "|" + "---|" * columns, *body])


def _shape(cells: int) -> tuple[int, int]:
    """Columns and rows (under the header) of a table of exactly `cells` cells, within the
    column and row limits."""
    return next((c, cells // c - 1) for c in range(limits.MAX_TABLE_COLUMNS, 1, -1)
                if cells % c == 0 and cells // c - 1 <= limits.MAX_TABLE_ROWS)


def _tagged(tmp: Path, length: int) -> Path:
    """The lecture with a well-formed language tag of `length` characters ('en-aaaaaaaa-...')."""
    tag = "en"
    while len(tag) < length:
        rest = length - len(tag)  # a subtag takes its hyphen and 2 to 8 letters
        take = 9 if rest >= 12 else rest if rest <= 9 else rest - 3
        tag += "-" + "a" * (take - 1)
    root = _lecture(tmp)
    path = root / "lecture.yaml"
    path.write_text(path.read_text().replace("language: en", f"language: {tag}"))
    return root


# Each case: (what, a lecture builder taking the count, the limit, the message expected).
Builder = Callable[[Path, int], Path]


def _body(make: Callable[[int], str]) -> Builder:
    return lambda tmp, n: _lecture(tmp, body=make(n) + "\n")


def _front(make: Callable[[int], str]) -> Builder:
    return lambda tmp, n: _lecture(tmp, front=make(n))


def _list(key: str) -> Builder:
    def make(tmp: Path, n: int) -> Path:
        root = _lecture(tmp)
        path = root / "lecture.yaml"
        path.write_text(_without(path.read_text(), key) + _entries(key, n))
        return root
    return make


CASES: list[tuple[str, Builder, int, str]] = [
    ("line", _body(lambda n: _words(n)), limits.MAX_LINE, "this line is"),
    ("word", _body(lambda n: "x" * n), limits.MAX_WORD, "a word of"),
    ("combining", _body(lambda n: "a" + MARK * n + " b"), limits.MAX_COMBINING,
     "combining marks on one letter"),
    ("paragraph", _body(_lines),
     limits.MAX_PARAGRAPH, "this paragraph is"),
    ("key point", _front(lambda n: f"title: T\nsummary: s\nnotes: n\nkey_points: "
                                   f"['{_words(n)}']\n"), limits.MAX_SHORT_TEXT,
     "'key_points' in the front matter is"),
    ("notes", _front(lambda n: "title: T\nsummary: s\nkey_points: [a]\nnotes: >-\n  "
                              + _lines(n).replace("\n", "\n  ") + "\n"),
     limits.MAX_NOTES, "'notes' in the front matter is"),
    ("key points", _front(lambda n: "title: T\nsummary: s\nnotes: n\nkey_points:\n"
                                    + "".join(f"  - point {k}\n" for k in range(n))),
     limits.MAX_KEY_POINTS, "'key_points' in the front matter has"),
    ("questions", _front(lambda n: FRONT + "questions:\n"
                                   + "".join(f"  - Question {k}?\n" for k in range(n))),
     limits.MAX_QUESTIONS, "'questions' in the front matter has"),
    ("quotes", _front(lambda n: FRONT + _quotes(n)), limits.MAX_QUOTES,
     "'quotes' in the front matter has"),
    ("footnotes", _body(lambda n: "\n\n".join(f"Claim {k}.[^{k}]" for k in range(n)) + "\n\n"
                        + "\n".join(f"[^{k}]: Note {k}." for k in range(n))),
     limits.MAX_FOOTNOTES, "footnotes; the limit is"),
    ("link definitions", _body(lambda n: "Text.\n\n" + "\n".join(
        f"[l{k}]: https://example.org/{k}" for k in range(n))),
     limits.MAX_LINK_DEFINITIONS, "link definitions; the limit is"),
    ("list nesting", _body(_nested_lists), limits.MAX_NESTING, "nested more than"),
    ("quote nesting", _body(lambda n: "> " * n + "deep"), limits.MAX_NESTING,
     "nested more than"),
    ("emphasis nesting", _body(_nested_emphasis), limits.MAX_INLINE_NESTING,
     "nested more than"),
    ("links", _body(lambda n: _in_paragraphs([f"[a](https://example.org/{k})"
                                               for k in range(n)])),
     limits.MAX_LINKS, "links, the limit"),
    ("terms", _body(lambda n: _in_paragraphs(["[council]{.term}"] * n)), limits.MAX_TERMS,
     "glossary-term references, the limit"),
    ("quote marks", _body(lambda n: _lines(n * 5).replace("word", "'ord")),
     limits.MAX_QUOTE_MARKS, "quotation marks and apostrophes"),
    ("table columns", _body(lambda n: _table(n, 1)), limits.MAX_TABLE_COLUMNS,
     "columns, the limit"),
    ("table rows", _body(lambda n: _table(1, n)), limits.MAX_TABLE_ROWS, "rows, the limit"),
    ("table cells", _body(lambda n: _table(*_shape(n))), limits.MAX_TABLE_CELLS,
     "cells, the limit"),
    ("attribute", _body(lambda n: f'![A](../images/banner.png){{credit="{"c" * n}"}}'),
     limits.MAX_ATTRIBUTE, "the value of 'credit' is"),
    ("language tag", _tagged, limits.MAX_LANGUAGE_TAG, "'language' in lecture.yaml is"),
    ("timeline", _list("timeline"), limits.MAX_TIMELINE, "'timeline' in lecture.yaml has"),
    ("glossary", _list("glossary"), limits.MAX_GLOSSARY, "'glossary' in lecture.yaml has"),
    ("sources", _list("sources"), limits.MAX_SOURCES, "'sources' in lecture.yaml has"),
]


@pytest.mark.parametrize(("make", "limit", "message"), [c[1:] for c in CASES],
                         ids=[c[0] for c in CASES])
def test_a_limit_is_enforced_and_just_under_it_passes(
        tmp_path: Path, make: Builder, limit: int, message: str) -> None:
    under = _errors(make(tmp_path / "under", limit))
    assert under == [], under
    # Over the limit: one error saying so, at a line (a glossary refused whole also
    # leaves the chapters' terms undefined).
    over = [e for e in _errors(make(tmp_path / "over", limit + 1)) if message in e]
    assert len(over) == 1, over
    assert re.match(r"^[\w/.-]+:\d+:\d+: error: ", over[0]), over[0]


def test_more_key_points_than_fit_one_slide_is_a_warning_at_the_first_extra(
        tmp_path: Path) -> None:
    points = "".join(f"  - point {k}\n" for k in range(limits.KEY_POINTS_ADVISED + 1))
    root = _lecture(tmp_path, front=f"title: T\nsummary: s\nnotes: n\nkey_points:\n{points}")
    _, warnings = check(root, ("booklet",))
    assert [str(w.pos) for w in warnings if "fit one slide" in w.message] == [
        f"chapters/02-argument.md:{5 + limits.KEY_POINTS_ADVISED + 1}:5"]
    root = _lecture(tmp_path / "fewer", front=FRONT)
    assert not [w for w in check(root, ("booklet",))[1] if "fit one slide" in w.message]


def test_empty_key_points_are_an_error(tmp_path: Path) -> None:
    root = _lecture(tmp_path, front="title: T\nsummary: s\nnotes: n\nkey_points: []\n")
    assert any("'key_points' in the front matter is empty" in e for e in _errors(root))


def test_the_chapters_text_of_a_lecture_is_bounded(tmp_path: Path,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    root = _lecture(tmp_path)
    sizes = [(root / "chapters" / name).stat().st_size
             for name in ("01-opening.md", "02-argument.md")]
    monkeypatch.setattr(limits, "MAX_CHAPTERS_BYTES", sum(sizes))
    assert _errors(root) == []
    monkeypatch.setattr(limits, "MAX_CHAPTERS_BYTES", sum(sizes) - 1)
    errors = _errors(root)
    assert len(errors) == 1 and errors[0].startswith("lecture.yaml:13:5: error: the chapters "
                                                     "up to 'chapters/02-argument.md' hold")


def test_the_deck_stops_at_its_slide_limit(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                          mini_dir: Path) -> None:
    from lectern.outputs import plan_lecture_deck
    from lectern.readers.lecture import load_lecture

    count = len(plan_lecture_deck(load_lecture(mini_dir)[0]).slides)
    for module in (checks, planner):
        monkeypatch.setattr(module, "MAX_SLIDES", count)
    assert _errors(mini_dir, ("deck",)) == []
    for module in (checks, planner):
        monkeypatch.setattr(module, "MAX_SLIDES", count - 1)
    errors = _errors(mini_dir, ("deck",))
    assert len(errors) == 1 and f"the limit of {count - 1} slides" in errors[0], errors


def test_check_refuses_a_booklet_sure_to_pass_the_page_limit(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, mini_dir: Path) -> None:
    # The estimate is a lower bound: three front pages and a page for each chapter here.
    monkeypatch.setattr(booklet_pages, "MAX_PAGES", 5)
    assert _errors(mini_dir) == []
    monkeypatch.setattr(booklet_pages, "MAX_PAGES", 4)
    assert _errors(mini_dir) == [
        "lecture.yaml:2:1: error: the booklet would have at least 5 pages; the limit is 4 "
        "(split the lecture into several lectures of a course)"]


def test_the_booklet_layout_stops_at_the_page_limit(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, mini_dir: Path) -> None:
    out = tmp_path / "out"
    pages = len(__import__("pypdf").PdfReader(
        next(_built(mini_dir, out).glob("*[!t].pdf"))).pages)
    for module in (booklet, booklet_pages):
        monkeypatch.setattr(module, "MAX_PAGES", pages - 1)
    monkeypatch.setattr(booklet_pages, "least_pages", lambda *_: 0)
    with pytest.raises(LecternError, match=f"more than {pages - 1} pages|{pages} pages"):
        build(mini_dir, tmp_path / "out2", ("booklet",), parallel=False)
    assert not (tmp_path / "out2").exists()


def _built(root: Path, out: Path) -> Path:
    build(root, out, ("booklet",), parallel=False)
    return out


def test_a_lecture_at_several_limits_at_once_builds(tmp_path: Path) -> None:
    points = "".join(f"  - point {k} {'*a ' * 2}x a* a*\n" for k in range(limits.MAX_KEY_POINTS))
    front = f"title: T\nsummary: s\nnotes: {_words(2_000)}\nkey_points:\n{points}"
    body = "\n\n".join([
        _nested_emphasis(limits.MAX_INLINE_NESTING),
        _nested_lists(limits.MAX_NESTING),
        "Zalgo a" + MARK * limits.MAX_COMBINING + " survives.",
        _lines(20_000),
    ]) + "\n"
    root = _lecture(tmp_path, body=body, front=front)
    result = build(root, tmp_path / "out", parallel=False)
    suffixes = sorted(path.suffix for path in result.written)
    assert suffixes.count(".pdf") >= 2 and ".pptx" in suffixes, suffixes


def test_the_docs_state_every_limit(tmp_path: Path) -> None:
    section = (ROOT / "docs" / "limits.md").read_text(encoding="utf-8")
    for name in dir(limits):
        if name.isupper():
            value = getattr(limits, name)
            shown = {f"{value:,}", f"{value:,}".replace(",", " "), str(value)}
            if value % 1_000_000 == 0:
                shown.add(f"{value // 1_000_000} MB")
                shown.add(f"{value // 1_000_000} million")
            assert any(s in section for s in shown), f"{name} = {value} is not in the docs"


def test_the_booklet_layout_work_is_bounded(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                            mini_dir: Path) -> None:
    monkeypatch.setattr(booklet_pages, "MAX_LAID_OUT", 3)
    with pytest.raises(LecternError, match="laying the booklet out took more than 3 pages"):
        build(mini_dir, tmp_path / "out", ("booklet",), parallel=False)
    assert not (tmp_path / "out").exists()


def test_a_chapters_tables_share_its_cell_limit(tmp_path: Path) -> None:
    tables = [_table(*_shape(limits.MAX_TABLE_CELLS))] * (limits.MAX_CHAPTER_CELLS
                                                         // limits.MAX_TABLE_CELLS)
    under = _lecture(tmp_path / "under", body="\n\n".join(tables) + "\n")
    assert _errors(under) == []
    over = _errors(_lecture(tmp_path / "over", body="\n\n".join([*tables, _table(2, 1)])))
    assert len(over) == 1 and "the tables of this chapter have more than" in over[0], over
    # At the first cell of the last table's header: after the front matter (7 lines) and
    # the full tables, each a header, a '---' row, its rows and a blank line.
    line = 8 + sum(len(table.split("\n")) + 1 for table in tables)
    assert over[0].startswith(f"chapters/02-argument.md:{line}:3: error: "), over


def _chapters(tmp_path: Path, bodies: list[str]) -> Path:
    """The mini lecture with one chapter for each body (the glossary keeps 'council')."""
    root = _lecture(tmp_path)
    names = []
    for number, body in enumerate(bodies, start=1):
        name = f"chapters/c{number:02d}.md"
        (root / name).write_text(f"---\n{FRONT}---\n\n{body}\n", encoding="utf-8")
        names.append(name)
    yaml = root / "lecture.yaml"
    listing = "chapters:\n" + "".join(f"  - {n}\n" for n in names)
    yaml.write_text(re.sub(r"(?ms)^chapters:\n(?:  - .*?\n)+", listing, yaml.read_text()))
    return root


@pytest.mark.parametrize(("unit", "chapter_limit", "lecture_limit", "message"), [
    ("[a](https://example.org/{k})", limits.MAX_LINKS, limits.MAX_LECTURE_LINKS,
     "the lecture has more than {:,} links up to here"),
    ("[council]{{.term}}", limits.MAX_TERMS, limits.MAX_LECTURE_TERMS,
     "the lecture has more than {:,} glossary-term references up to here"),
    ("cells", limits.MAX_TABLE_CELLS, limits.MAX_LECTURE_CELLS,
     "the tables of the lecture have more than {:,} cells up to here"),
    ("notes", limits.MAX_FOOTNOTES, limits.MAX_LECTURE_FOOTNOTES,
     "the lecture has more than {:,} footnotes up to here"),
])
def test_the_lecture_wide_limits_count_over_the_chapters(
        tmp_path: Path, unit: str, chapter_limit: int, lecture_limit: int, message: str) -> None:
    def body(_: int) -> str:
        if unit == "cells":
            return _table(*_shape(chapter_limit))
        if unit == "notes":
            return "\n\n".join(f"Claim {k}.[^{k}]" for k in range(chapter_limit)) + "\n\n" + \
                "\n".join(f"[^{k}]: Note {k}." for k in range(chapter_limit))
        return _in_paragraphs([unit.format(k=k) for k in range(chapter_limit)])

    full = lecture_limit // chapter_limit
    assert _errors(_chapters(tmp_path / "under", [body(n) for n in range(full)])) == []
    over = _errors(_chapters(tmp_path / "over", [body(n) for n in range(full + 1)]))
    assert len(over) == 1 and message.format(lecture_limit) in over[0], over
    assert over[0].startswith(f"chapters/c{full + 1:02d}.md:"), over
