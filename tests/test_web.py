"""The web edition as a file: parsed with the standard library's HTML parser, its fonts
decoded with fontTools, its safety and reproducibility checked on hostile and moved lectures."""

from __future__ import annotations

import base64
import io
import itertools
import re
import shutil
import unicodedata
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

import pytest
from fontTools.ttLib import TTFont

from lectern import model as m
from lectern.pipeline import render
from lectern.readers.lecture import load_lecture

from .conftest import LECTURES, SOURCE

VOID = {"meta", "img", "br", "hr", "link", "input", "source", "wbr"}


@dataclass
class Page:
    """What a reader's browser would find in the page: elements, texts and their language."""

    tags: list[tuple[str, dict[str, str]]] = field(default_factory=list)
    texts: list[tuple[str, str, tuple[str, ...]]] = field(default_factory=list)  # text, lang, path
    style: str = ""

    def ids(self) -> list[str]:
        return [a["id"] for _, a in self.tags if "id" in a]

    def all(self, tag: str) -> list[dict[str, str]]:
        return [a for t, a in self.tags if t == tag]


class _Reader(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.page = Page()
        self.stack: list[tuple[str, str]] = []  # tag, lang in force

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = {k: v or "" for k, v in attrs}
        self.page.tags.append((tag, found))
        if tag not in VOID:
            lang = found.get("lang", self.stack[-1][1] if self.stack else "")
            self.stack.append((tag, lang))

    def handle_endtag(self, tag: str) -> None:
        while self.stack:
            if self.stack.pop()[0] == tag:
                break

    def handle_data(self, data: str) -> None:
        path = tuple(t for t, _ in self.stack)
        if path and path[-1] == "style":
            self.page.style += data
        elif data.strip():
            self.page.texts.append((data, self.stack[-1][1] if self.stack else "", path))


def read_page(data: bytes) -> Page:
    reader = _Reader()
    reader.feed(data.decode("utf-8"))
    reader.close()
    return reader.page


def web_file(lecture: m.Lecture) -> bytes:
    return render(lecture, "web")[f"{lecture.name}.html"]


@pytest.fixture(scope="module")
def default_page(default_lecture: m.Lecture) -> tuple[bytes, Page]:
    data = web_file(default_lecture)
    return data, read_page(data)


@pytest.fixture(scope="module")
def features() -> m.Lecture:
    lecture, _ = load_lecture(LECTURES / "features")
    return lecture


def test_one_h1_and_headings_in_order(default_page: tuple[bytes, Page]) -> None:
    _, page = default_page
    levels = [int(t[1]) for t, _ in page.tags if re.fullmatch(r"h[1-6]", t)]
    assert levels.count(1) == 1 and levels[0] == 1
    assert all(b <= a + 1 for a, b in itertools.pairwise(levels)), levels


def test_landmarks_and_skip_link(default_page: tuple[bytes, Page]) -> None:
    _, page = default_page
    names = [t for t, _ in page.tags]
    for landmark in ("header", "nav", "main", "footer"):
        assert landmark in names
    first_link = page.all("a")[0]
    assert first_link["href"] == "#main" and page.all("main")[0]["id"] == "main"


def test_every_internal_link_has_one_target(default_page: tuple[bytes, Page],
                                            default_lecture: m.Lecture) -> None:
    _, page = default_page
    ids = page.ids()
    assert len(ids) == len(set(ids))
    internal = [a["href"][1:] for a in page.all("a") if a.get("href", "").startswith("#")]
    assert set(internal) <= set(ids)
    # every chapter, every glossary term used and every note is linked
    assert sum(1 for i in internal if i.startswith("chapter-")) >= len(default_lecture.chapters)
    assert any(i.startswith("term-") for i in internal)


def test_footnotes_link_both_ways(default_page: tuple[bytes, Page],
                                  default_lecture: m.Lecture) -> None:
    _, page = default_page
    links = {a["id"]: a["href"][1:] for a in page.all("a") if "id" in a}
    backs = [a["href"][1:] for a in page.all("a") if "back" in a.get("class", "")]
    notes = sum(len({r.number for r in c.footnotes()}) for c in default_lecture.chapters)
    assert notes and len(backs) == notes
    for call in backs:  # each note's link back lands on a call that points at the note
        note = links[call]
        assert note in page.ids()


def test_pictures_and_fonts_travel_inside(default_page: tuple[bytes, Page]) -> None:
    data, page = default_page
    images = page.all("img")
    assert images and all(img["src"].startswith("data:image/") for img in images)
    assert all("alt" in img for img in images)
    assert all(img["alt"] for img in images), "the default lecture's pictures all have alt text"
    assert not re.search(rb"""(?:src|href)=["'](?:file:|/|\.\.?/)""", data)
    assert b"url(http" not in data and b"@import" not in data


def test_fonts_are_woff2_subsets_that_cover_the_text(default_page: tuple[bytes, Page]) -> None:
    _, page = default_page
    faces = re.findall(r'font-family: "([^"]+)"; font-weight: (\d+); font-style: (\w+);.*?'
                       r'base64,([A-Za-z0-9+/=]+)', page.style)
    assert {f for f, *_ in faces} == {"Charis SIL", "Carlito"} and len(faces) == 8
    text = "".join(t for t, _, _ in page.texts)
    for family, weight, style, data in faces:
        font = TTFont(io.BytesIO(base64.b64decode(data)))
        assert font.flavor == "woff2"
        names = {n.nameID: n.toUnicode() for n in font["name"].names}
        assert "Copyright" in names[0] and "Open Font License" in names[13]
        path = _original(family, int(weight), style)
        full = TTFont(path).getBestCmap()
        cmap = font.getBestCmap()
        # Format characters (a zero-width space after an address's slash) draw nothing: a
        # browser needs no glyph for them.
        wanted = {ord(c) for c in text if ord(c) in full
                  and unicodedata.category(c) not in ("Cc", "Cf", "Zl", "Zp")}
        assert wanted <= set(cmap), (family, weight, style)
        assert len(cmap) < len(full) / 4  # a subset, not the whole font
    assert "Open Font License" in page.style


def _original(family: str, weight: int, style: str) -> Path:
    folder = SOURCE.parent / "assets" / "fonts" / ("charis" if family == "Charis SIL" else
                                                   "carlito")
    stem = "CharisSIL" if family == "Charis SIL" else "Carlito"
    name = {(400, "normal"): "Regular", (400, "italic"): "Italic", (700, "normal"): "Bold",
            (700, "italic"): "BoldItalic"}[(weight, style)]
    return folder / f"{stem}-{name}.ttf"


def test_other_languages_are_marked(default_page: tuple[bytes, Page]) -> None:
    _, page = default_page
    cyrillic = [(t, lang) for t, lang, _ in page.texts if re.search("[а-яА-ЯёЁ]", t)]
    assert cyrillic
    assert all(lang == "ru" for _, lang in cyrillic), cyrillic[:3]
    assert page.all("html")[0]["lang"] == "en"


def test_same_words_and_marks_as_the_booklet(default_page: tuple[bytes, Page],
                                             default_lecture: m.Lecture) -> None:
    _, page = default_page
    text = "".join(t for t, _, _ in page.texts)
    for word in ("Contents", "Timeline", "Glossary", "Sources", "For discussion", "Chapter 1"):
        assert word in text
    assert "“" in text and '"' not in text.replace("\u00a0", " ")
    assert "7\u00a0November\u00a02017" in text  # the date as the booklet ties it


def test_tables_figures_and_quotes(features: m.Lecture) -> None:
    page = read_page(web_file(features))
    boxes = [a for a in page.all("div") if a.get("class") == "scroll"]
    tables = [b for b in features.chapters[0].body if isinstance(b, m.Table)]
    assert len(boxes) == len(tables)
    assert all(b["tabindex"] == "0" and b["role"] == "region" for b in boxes)
    assert all(b.get("aria-labelledby") or b.get("aria-label") for b in boxes)
    originals = [a for a in page.all("p") if a.get("class") == "quote-original"]
    assert originals and all(a["lang"] == "ru" for a in originals)
    assert page.all("figcaption") and page.all("cite")


HOSTILE = """
An attack <script>alert(1)</script> in prose, <img src=x onerror=alert(2)>, and a
[link](javascript:alert(3)) and [another](https://example.org/?a=1&b=<2>).

<div onclick="alert(4)">raw block</div>
"""


def test_lecture_text_stays_text(lecture: Path) -> None:
    chapter = lecture / "chapters" / "02-argument.md"
    chapter.write_text(chapter.read_text(encoding="utf-8") + HOSTILE, encoding="utf-8")
    loaded, _ = load_lecture(lecture)
    data = web_file(loaded)
    page = read_page(data)
    assert not page.all("script") and not page.all("iframe")
    assert all(not k.startswith("on") for _, a in page.tags for k in a)
    assert b"javascript:" not in data
    # (an address-like word carries zero-width break points after its slashes)
    text = "".join(t for t, _, _ in page.texts).replace("\u200b", "")
    assert "<script>alert(1)</script>" in text
    assert any(a.get("href") == "https://example.org/?a=1&b=%3C2%3E" for a in page.all("a"))
    policy = [a for a in page.all("meta") if a.get("http-equiv") == "Content-Security-Policy"]
    assert policy and "default-src 'none'" in policy[0]["content"]


def test_same_bytes_from_any_folder(lecture: Path, tmp_path: Path) -> None:
    moved = tmp_path / "elsewhere" / "lecture"
    shutil.copytree(lecture, moved)
    first = web_file(load_lecture(lecture)[0])
    assert web_file(load_lecture(lecture)[0]) == first
    assert web_file(load_lecture(moved)[0]) == first
    assert str(tmp_path).encode() not in first


def test_russian_page_speaks_russian(tmp_path: Path) -> None:
    from click.testing import CliRunner

    from lectern.cli import cli

    result = CliRunner().invoke(cli, ["new", str(tmp_path / "ru"), "--language", "ru"])
    assert result.exit_code == 0, result.output
    loaded, _ = load_lecture(tmp_path / "ru")
    page = read_page(web_file(loaded))
    text = "".join(t for t, _, _ in page.texts)
    assert page.all("html")[0]["lang"] == "ru"
    assert "Перейти к тексту" in text and "Содержание" in text
    assert "«" in text


def test_a_course_build_makes_each_lectures_page(tmp_path: Path) -> None:
    from lectern.course import build_course, read_course

    course = read_course(SOURCE.parent / "examples" / "course")
    outcomes = build_course(course, tmp_path, ("web",), jobs=1)
    for name, outcome in outcomes.items():
        assert not isinstance(outcome, Exception), outcome
        pages = [p for p in outcome.written if p.suffix == ".html"]
        assert len(pages) == 1 and pages[0].parent.name == name
        assert read_page(pages[0].read_bytes()).all("h1")


def _luminance(rgb: str) -> float:
    def channel(value: int) -> float:
        c = value / 255
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4
    r, g, b = (int(rgb[i:i + 2], 16) for i in (0, 2, 4))
    return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b)


def test_code_is_monospaced_coloured_and_scrolls_in_its_block(features: m.Lecture) -> None:
    """A fenced block keeps its language, its tokens carry classes whose colours read at
    4.5:1 on the code frame, the monospaced face travels inside the page, and a long line
    scrolls inside the block (no wrapping) which the keyboard can reach."""
    data = web_file(features)
    page = read_page(data)
    blocks = [p for p in page.all("pre") if "code" in p.get("class", "").split()]
    assert any(p.get("data-language") == "python" for p in blocks)
    assert all(p.get("tabindex") == "0" for p in blocks)
    text = data.decode("utf-8")
    assert re.search(r'<span class="tk-keyword">def</span>', text)
    assert 'font-family: "Liberation Mono"' in page.style
    frame = re.search(r"pre\.code \{ background: #([0-9a-f]{6})", page.style, re.I)
    assert frame is not None
    ground = _luminance(frame.group(1))
    colours = re.findall(r"\.tk-[a-z]+ \{ color: #([0-9a-f]{6})", page.style, re.I)
    assert len(colours) >= 5
    for colour in colours:
        lighter, darker = sorted((ground, _luminance(colour)), reverse=True)
        assert (lighter + 0.05) / (darker + 0.05) >= 4.5, colour
    assert re.search(r"pre\.code \{[^}]*white-space: pre;", page.style)
