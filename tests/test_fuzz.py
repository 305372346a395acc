"""Fuzz targets, one per reader: lecture YAML (lecture.yaml and chapter front matter), Markdown
with attributes, the template package, and picture headers. Any input ends in exit 0 or 1
with safe output, within the memory limit (tests/fuzzing.py judges each run).

`make test` runs each target on a few fixed examples and builds the deck of what passes
`check`; `make fuzz` runs many random ones (LECTERN_FUZZ_EXAMPLES=N, failures kept in
Hypothesis' database) and builds every output."""

from __future__ import annotations

import datetime as dt
import io
import re
import shutil
import struct
import tempfile
import zlib
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import given
from hypothesis import strategies as st

from lectern.readers import schema
from lectern.readers.schema import Field
from tests.conftest import LECTURES
from tests.fuzzing import (
    FUZZ_EXAMPLES,
    MEMORY_LIMIT,
    Run,
    assert_outputs_safe,
    assert_writes_contained,
    fuzz_settings,
    judged,
    run_forked,
    snapshot,
)
from tests.templates import edited, files_of, pptx_default, zipped

CHAPTERS = ("chapters/01-opening.md", "chapters/02-argument.md")
TEMPLATE = "deck.pptx"


@pytest.fixture(scope="module", autouse=True)
def warm() -> None:
    """Build a deck with a template in this process once, so that every fork starts with
    the renderers imported and the fonts loaded."""
    from lectern.cli import main

    with workspace({TEMPLATE: BASE_TEMPLATE,
                    "lecture.yaml": LECTURE_TEXT + DECK_TEMPLATE}) as space:
        assert main(["build", str(space / "lecture"), "--only", "deck", "--quiet",
                     "--out", str(space / "out")]) == 0


@contextmanager
def workspace(files: dict[str, bytes | str]) -> Iterator[Path]:
    """A folder holding a copy of the mini lecture as `lecture/`, with `files` put over it."""
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp) / "lecture"
        shutil.copytree(LECTURES / "mini", root)
        for name, data in files.items():
            path = root / name
            path.parent.mkdir(parents=True, exist_ok=True)
            if isinstance(data, str):
                path.write_text(data, encoding="utf-8")
            else:
                path.write_bytes(data)
        yield Path(tmp)


# What a lecture that passes `check` is built into: its deck in `make test`, every output
# (the booklet takes seconds) in `make fuzz`.
BUILT = [] if FUZZ_EXAMPLES else ["--only", "deck"]


def check_then_build(files: dict[str, bytes | str]) -> tuple[Run, Run | None]:
    """`check` a lecture; when it passes, build it, which must pass too (a lecture check
    passes never fails to build). Judge both runs and what they leave on disk."""
    with workspace(files) as space:
        before = snapshot(space)
        checked = judged(["check", str(space / "lecture")])
        assert not checked.written, f"check wrote {checked.written}"
        built = None
        if checked.code == 0:
            built = judged(["build", str(space / "lecture"), *BUILT, "--out", str(space / "out")])
            assert built.code == 0, f"check passed, build failed:\n{built.output}"
            assert_writes_contained(built, space, "out")
        assert_outputs_safe(space, before, "out")
    return checked, built


# --- text -------------------------------------------------------------------------------------

# What authors and attackers type: letters of several scripts, Markdown and YAML syntax,
# separators, bidirectional controls, invisible and combining characters, astral ones.
SAFE_CHARS = st.sampled_from([
    *"aeiouxyzAEXZ 019 абвЯ عربي עב 中文 .,;:!?'\"`()[]{}<>*_#~-|&%$@^=+/\\\n\t",
    "\u2028", "\u2029", "\x85", "\x9b", "\u202e", "\u2066", "\u2069", "\u200f", "\u200b",
    "\ufeff", "\u0301", "\u00a0", "😀", "\U000e0041", "👩", "\u200d", "🔬", "“", "”", "«", "»"])
CONTROL = st.sampled_from(["\x00", "\x07", "\x0b", "\x0c", "\x1b", "\x1e", "\ufffe", "\x7f"])
SAFE_TEXT = st.text(SAFE_CHARS, max_size=30)
# Most text keeps to what a file may hold, so that runs reach past the first check.
TEXT = st.one_of(SAFE_TEXT, SAFE_TEXT, SAFE_TEXT,
                 st.builds(lambda a, c, b: a + c + b, SAFE_TEXT, CONTROL, SAFE_TEXT))


# --- target 1: lecture YAML ---------------------------------------------------------------------

ANY_SCALAR = st.one_of(st.none(), st.booleans(), st.integers(), st.floats(), TEXT,
                       st.dates(), st.sampled_from([2 ** 70, -1, 0, "", "~", "null", "yes"]))
ANY_VALUE = st.recursive(ANY_SCALAR, lambda inner: st.one_of(
    st.lists(inner, max_size=3), st.dictionaries(TEXT, inner, max_size=3)), max_leaves=8)
PATHS = st.sampled_from(["images/banner.png", "images/missing.png", "../outside.png",
                         "/etc/passwd", "images", "lecture.yaml", "images/banner.png/x",
                         "file:///etc/passwd", "https://example.org/x.png", "images/./banner.png",
                         TEMPLATE, "chapters/01-opening.md"])
PARTIAL_DATES = st.one_of(st.sampled_from(["1917", "1917-02", "1917-02-27", "1917-02-30",
                                           "0000", "99999", "1917-13", "-44"]),
                          st.integers(), TEXT)


def value_for(field: Field) -> st.SearchStrategy[Any]:
    """Values for a schema field: mostly of its kind, sometimes anything at all."""
    if field.name == "chapters":
        right: st.SearchStrategy[Any] = st.lists(
            st.one_of(st.sampled_from(CHAPTERS), PATHS, TEXT), min_size=1, max_size=4)
    elif field.kind == "object":
        right = mapping_for(field.fields)
    elif field.kind == "objects":
        right = st.one_of(st.lists(mapping_for(field.fields), max_size=3), PATHS)
    elif field.kind == "text-or-object":
        right = st.one_of(TEXT, mapping_for(field.fields))
    else:
        # A kind added to the schema later is fuzzed with any value until it has its own.
        right = {
            "text": TEXT, "texts": st.lists(TEXT, max_size=4), "bool": st.booleans(),
            "date": st.one_of(st.dates(min_value=dt.date(1, 1, 1)), TEXT),
            "partial-date": PARTIAL_DATES, "path": st.one_of(PATHS, TEXT),
            "enum": st.sampled_from((*field.choices, "", "A4")),
        }.get(field.kind, ANY_VALUE)
    return st.one_of(right, right, right, ANY_VALUE)


def mapping_for(fields: tuple[Field, ...]) -> st.SearchStrategy[dict[str, Any]]:
    """Mappings of a schema's fields: the required ones mostly present, others maybe, and
    now and then a key the schema does not know."""
    required = {f.name: value_for(f) for f in fields if f.required}
    optional = {f.name: value_for(f) for f in fields if not f.required}
    return st.fixed_dictionaries(required, optional=optional | {"colour": ANY_SCALAR})


# YAML syntax that schema-shaped values never produce: anchors and aliases, tags, merge
# keys, block and flow collections, directives, documents, odd scalars, deep nesting.
YAML_PIECES = st.sampled_from([
    "&a ", "*a", "<<: *a\n", "!!python/object/apply:os.system ['true']", "!custom ", "? ",
    "{", "}", "[", "]", ", ", "|\n  ", ">-\n  ", "|+\n", "'", '"', "\\u2028", "\\x07", "\\L",
    "\\N", "\n", "  ", "    ", "\t", "%YAML 1.1\n", "---\n", "...\n", "# note\u2028x\n",
    "\ufeff", "1e999", "0x1F", ".nan", "~", "null", "yes", "2017-02-30", "[" * 60, "]" * 60,
    "title: ", "chapters:\n  - ", "chapters/01-opening.md", "key_points:\n  - ", ": ", "- ",
    "-" * 3, "&a [*a]", "!!binary aGVsbG8=", "!!set {a}", "!!omap [a: 1]", "!!timestamp x",
])
RAW_YAML = st.lists(st.one_of(YAML_PIECES, TEXT), max_size=24).map("".join)
LECTURE_TEXT = (LECTURES / "mini" / "lecture.yaml").read_text(encoding="utf-8")
CHAPTER_TEXT = (LECTURES / "mini" / CHAPTERS[0]).read_text(encoding="utf-8")
FRONT, BODY = CHAPTER_TEXT.split("\n---\n", 1)
# The second chapter's front matter (the first's quote ids may not be used twice).
ARGUMENT = (LECTURES / "mini" / CHAPTERS[1]).read_text(encoding="utf-8").split("\n---\n")[0]


def spliced(base: str) -> st.SearchStrategy[str]:
    """`base` with raw YAML put in at a line boundary (or a part of it cut away)."""
    lines = base.split("\n")

    def splice(at: int, raw: str, cut: int) -> str:
        return "\n".join([*lines[:at], raw, *lines[at + cut:]])

    return st.builds(splice, st.integers(0, len(lines)), RAW_YAML, st.integers(0, 3))


def dumped(fields: tuple[Field, ...]) -> st.SearchStrategy[str]:
    """Schema-shaped mappings written as YAML, in the several styles a writer might use."""
    return st.builds(
        lambda obj, unicode, flow, width: yaml.safe_dump(
            obj, allow_unicode=unicode, default_flow_style=flow, width=width, sort_keys=False),
        mapping_for(fields), st.booleans(), st.sampled_from([False, None, True]),
        st.sampled_from([80, 20, 10_000]))


@fuzz_settings(10)
@given(lecture=st.one_of(dumped(schema.LECTURE), spliced(LECTURE_TEXT)),
       front=st.one_of(st.just(FRONT.removeprefix("---\n")), dumped(schema.CHAPTER),
                       spliced(FRONT.removeprefix("---\n"))))
def test_fuzz_lecture_yaml(lecture: str, front: str) -> None:
    check_then_build({"lecture.yaml": lecture, CHAPTERS[0]: f"---\n{front}\n---\n{BODY}"})


# --- target 2: Markdown with attributes ---------------------------------------------------------

ATTR_VALUE = st.one_of(
    st.sampled_from(['"x"', "'y'", "z", '""', '"a\\"b"', "'unclosed", '"&#12;"', '"&#x202E;"',
                     '"&amp;&lt;&#0;"', '"\\n"', "../images/banner.png", "en", "ru-RU", "xx-" * 90,
                     "council", "nothing", '"' + "c" * 3000 + '"']),
    TEXT.map(lambda t: '"' + t.replace('"', "") + '"'))
ATTR_KEY = st.sampled_from(["credit", "alt", "lang", "ref", "width", "id", "class", "title",
                            "caption", "style", "onload", "x" * 80, "", "a b", "=", "credit"])
ATTRS = st.lists(st.one_of(
    st.builds(lambda k, v: f"{k}={v}", ATTR_KEY, ATTR_VALUE),
    st.sampled_from([".term", ".figure", ".wide", "#anchor", ".", "#", "{", "}", "\\}"]),
), max_size=4).map(lambda parts: "{" + " ".join(parts) + "}")
INLINE = st.sampled_from([
    "*em*", "**strong**", "`code`", "[council]", "[link](https://example.org)",
    "[mail](mailto:a@example.org?subject=hi&attach=/etc/passwd&body=x)", "<mailto:a@b.c>",
    "[js](javascript:alert(1))", "[file](file:///etc/passwd)", "[^1]", "[^missing]",
    "&#12;", "&#x0;", "&#xD800;", "&#x202E;", "&#x2028;", "&#133;", "&nbsp;", "&bogus;",
    "\\|", "\\", "\"quoted\"", "'single'", "\"" * 40, "<b>html</b>", "<!-- c -->", "{{ x }}",
    "{% y %}", "—", "...", "(c)", "\u2028", "![](../images/banner.png)", "![alt](nope.png)",
])
BLOCK = st.sampled_from([
    "# Heading", "## Section", "### Deep", "- item\n- item", "1. one\n2. two", "> quoted",
    "```\nfenced\n```", "~~~ python\ncode\n~~~", "---", "::: quote opening-quote\n:::",
    "::: note\nAn aside.\n:::", "::: unknown\n:::", ":::", "[^1]: The note.",
    "[^2]: A note [^2] calling itself.", "| a | b |\n|---|---|\n| c \\| d | e |",
    "| a |\n|---|---|\n| b | c | d |", "a | b\n--|--\nc | d", "Table: A caption &#12;",
    "![Caption](../images/banner.png)", "    indented code", "<div>block html</div>",
])


def markdown_line(pieces: list[str]) -> str:
    return " ".join(pieces)


PARAGRAPH = st.lists(st.one_of(TEXT, INLINE, st.builds(lambda i, a: i + a, INLINE, ATTRS),
                               st.builds(lambda t, a: f"[{t}]{a}", SAFE_TEXT, ATTRS)),
                     min_size=1, max_size=8).map(markdown_line)
MARKDOWN = st.lists(st.one_of(PARAGRAPH, BLOCK, st.builds(lambda b, a: b + a, BLOCK, ATTRS)),
                    min_size=1, max_size=10).map("\n\n".join)


@fuzz_settings(10)
@given(body=MARKDOWN)
def test_fuzz_markdown_with_attributes(body: str) -> None:
    check_then_build({CHAPTERS[1]: f"{ARGUMENT}\n---\n{body}\n\n[^1]: A note.\n"})


# --- target 3: the template package -------------------------------------------------------------

BASE_TEMPLATE = pptx_default()
BASE_FILES = files_of(BASE_TEMPLATE)
PARTS = sorted(BASE_FILES)
XML_PARTS = [p for p in PARTS if p.endswith((".xml", ".rels"))]
REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
REL_TYPES = [REL + kind for kind in ("slideLayout", "slideMaster", "theme", "image",
                                     "notesMaster", "officeDocument", "presProps", "slide",
                                     "hyperlink", "oleObject", "vbaProject", "nonsense")]
CONTENT_TYPES = [
    "application/vnd.openxmlformats-officedocument.presentationml." + kind for kind in
    ("slideLayout+xml", "slideMaster+xml", "presentation.main+xml", "notesMaster+xml",
     "slide+xml", "template.main+xml")] + [
    "application/vnd.openxmlformats-officedocument.theme+xml", "image/png", "text/plain",
    "application/vnd.ms-office.vbaProject"]
XML_SNIPPETS = st.sampled_from([
    "<", "&x;", "&#0;", "<!DOCTYPE x [<!ENTITY a 'b'>]>", "<a:t>" * 50, "<a:bogus/>" * 20,
    ' name="' + "N" * 300 + '"', ' x="-1"', ' cx="99999999999999999999"', ' r:id="rId9999"',
    ' typeface="\u202eEvil"', "<![CDATA[x]]>", "<?pi x?>", "\x00", "é", "</p:cSld>",
])
Mutation = Callable[[dict[str, bytes]], None]


def _rels_parts() -> list[str]:
    return [p for p in PARTS if p.endswith(".rels")]


def rewrite(part: str, attribute: str, index: int, value: str) -> Mutation:
    """Give the `index`-th `attribute` in `part` (counted round) the value `value`."""
    def mutate(files: dict[str, bytes]) -> None:
        if part in files:
            text = files[part].decode("utf-8")
            found = list(re.finditer(f' {attribute}="[^"]*"', text))
            if found:
                hit = found[index % len(found)]
                text = f'{text[:hit.start()]} {attribute}="{value}"{text[hit.end():]}'
                files[part] = text.encode("utf-8")
    return mutate


def retarget(rels: str, index: int, target: str) -> Mutation:
    """Point a relationship at another part (a layout at the theme, the master at itself)."""
    return rewrite(rels, "Target", index, "/" + target)


def retype(rels: str, index: int, kind: str) -> Mutation:
    return rewrite(rels, "Type", index, kind)


def recontent(index: int, kind: str) -> Mutation:
    return rewrite("[Content_Types].xml", "ContentType", index, kind)


def insert(part: str, fraction: float, snippet: str) -> Mutation:
    """Put `snippet` into a part, at a tag boundary near `fraction` of its length."""
    def mutate(files: dict[str, bytes]) -> None:
        if part in files:
            data = files[part]
            at = data.find(b"<", int(len(data) * fraction))
            at = len(data) if at < 0 else at
            files[part] = data[:at] + snippet.encode("utf-8") + data[at:]
    return mutate


def delete(part: str) -> Mutation:
    return lambda files: files.pop(part, None) and None


def truncate(part: str, fraction: float) -> Mutation:
    def mutate(files: dict[str, bytes]) -> None:
        if part in files:
            files[part] = files[part][:int(len(files[part]) * fraction)]
    return mutate


def swap(first: str, second: str) -> Mutation:
    """Exchange two parts' contents (a layout where the theme belongs, and so on)."""
    def mutate(files: dict[str, bytes]) -> None:
        if first in files and second in files:
            files[first], files[second] = files[second], files[first]
    return mutate


FRACTIONS = st.floats(0, 1)
MUTATION = st.one_of(
    st.builds(retarget, st.sampled_from(_rels_parts()), st.integers(0, 20),
              st.sampled_from(PARTS)),
    st.builds(retype, st.sampled_from(_rels_parts()), st.integers(0, 20),
              st.sampled_from(REL_TYPES)),
    st.builds(recontent, st.integers(0, 40), st.sampled_from(CONTENT_TYPES)),
    st.builds(insert, st.sampled_from(XML_PARTS), FRACTIONS, XML_SNIPPETS),
    st.builds(delete, st.sampled_from(PARTS)),
    st.builds(truncate, st.sampled_from(XML_PARTS), FRACTIONS),
    st.builds(swap, st.sampled_from(XML_PARTS), st.sampled_from(XML_PARTS)),
)


def package(mutations: list[Mutation], damage: tuple[float, int] | None) -> bytes:
    """The base template with `mutations` applied, zipped; `damage` flips a byte of the zip."""
    files = dict(BASE_FILES)
    for mutate in mutations:
        mutate(files)
    data = zipped(files)
    if damage is not None:
        at = int(len(data) * damage[0]) % max(1, len(data))
        data = data[:at] + bytes([damage[1]]) + data[at + 1:]
    return data


DECK_TEMPLATE = f"\ndeck:\n  template: {TEMPLATE}\n"


@fuzz_settings(8)
@given(mutations=st.lists(MUTATION, min_size=1, max_size=4))
def test_fuzz_template_package(mutations: list[Mutation]) -> None:
    """Parts deleted, swapped, cut or garbled; relationships and content types changed."""
    _template_runs(package(mutations, None))


@fuzz_settings(4)
@given(mutations=st.lists(MUTATION, max_size=2), damage=st.tuples(FRACTIONS, st.integers(0, 255)))
def test_fuzz_template_zip_damage(mutations: list[Mutation], damage: tuple[float, int]) -> None:
    """One byte of the zip changed: its directory, a header or a compressed part."""
    _template_runs(package(mutations, damage))


def _template_runs(data: bytes) -> None:
    with workspace({TEMPLATE: data}) as space:
        reported = judged(["template", str(space / "lecture" / TEMPLATE)])
        assert not reported.written, f"template wrote {reported.written}"
    check_then_build({TEMPLATE: data, "lecture.yaml": LECTURE_TEXT + DECK_TEMPLATE})


# --- target 4: picture headers ------------------------------------------------------------------

SIDE = st.one_of(st.integers(0, 70_000),
                 st.sampled_from([0, 1, 2 ** 15, 2 ** 16 - 1, 2 ** 24, 2 ** 31 - 1, 2 ** 32 - 1]))


def _chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(
        ">I", zlib.crc32(kind + data) & 0xFFFFFFFF)


def png(width: int, height: int, depth: int, colour: int, rows: int) -> bytes:
    """A PNG that says it is `width` × `height`, with `rows` rows of pixels actually there."""
    header = struct.pack(">IIBBBBB", width % 2 ** 32, height % 2 ** 32, depth, colour, 0, 0, 0)
    row = b"\0" + b"\0" * min(width, 4096)
    return (b"\x89PNG\r\n\x1a\n" + _chunk(b"IHDR", header)
            + _chunk(b"IDAT", zlib.compress(row * rows)) + _chunk(b"IEND", b""))


def jpeg(width: int, height: int, progressive: bool, scans: int) -> bytes:
    """A JPEG frame header of `width` × `height` (baseline or progressive) and `scans` scans
    of nothing much."""
    sof = b"\xff\xc2" if progressive else b"\xff\xc0"
    frame = struct.pack(">BHHB", 8, height % 2 ** 16, width % 2 ** 16, 1) + b"\x01\x11\x00"
    table = b"\xff\xdb" + struct.pack(">H", 67) + b"\x00" + bytes([1] * 64)
    huffman = b"\xff\xc4" + struct.pack(">H", 20) + b"\x00" + bytes([1] + [0] * 15) + b"\x00"
    scan = b"\xff\xda" + struct.pack(">HB", 8, 1) + b"\x01\x00\x00\x3f\x00" + b"\x00" * 4
    return (b"\xff\xd8" + table + sof + struct.pack(">H", 2 + len(frame)) + frame + huffman
            + scan * scans + b"\xff\xd9")


def gif(width: int, height: int, frames: int) -> bytes:
    screen = struct.pack("<HHBBB", width % 2 ** 16, height % 2 ** 16, 0x80, 0, 0) + b"\0" * 6
    image = (b"\x2c" + struct.pack("<HHHHB", 0, 0, width % 2 ** 16, height % 2 ** 16, 0)
             + b"\x02\x02\x44\x01\x00")
    return b"GIF89a" + screen + image * frames + b"\x3b"


def bmp(width: int, height: int, bits: int) -> bytes:
    info = struct.pack("<IiiHHIIiiII", 40, width % 2 ** 31, -(height % 2 ** 31), 1, bits, 0,
                       0, 2835, 2835, 0, 0)
    pixels = b"\0" * 64
    return b"BM" + struct.pack("<IHHI", 14 + len(info) + len(pixels), 0, 0, 54) + info + pixels


def tiff(width: int, height: int, bits: int) -> bytes:
    entries = [(256, 4, 1, width % 2 ** 32), (257, 4, 1, height % 2 ** 32), (258, 3, 1, bits),
               (259, 3, 1, 1), (262, 3, 1, 1), (273, 4, 1, 8), (277, 3, 1, 1),
               (278, 4, 1, height % 2 ** 32), (279, 4, 1, 16)]
    ifd = struct.pack("<H", len(entries)) + b"".join(
        struct.pack("<HHII", tag, kind, count, value) for tag, kind, count, value in entries)
    return b"II*\x00" + struct.pack("<I", 24) + b"\0" * 16 + ifd + b"\0\0\0\0"


PICTURE = st.one_of(
    st.builds(png, SIDE, SIDE, st.sampled_from([1, 2, 8, 16, 3]),
              st.sampled_from([0, 2, 3, 4, 6, 7]), st.integers(0, 8)).map(lambda d: ("png", d)),
    st.builds(jpeg, SIDE, SIDE, st.booleans(), st.integers(0, 300)).map(lambda d: ("jpg", d)),
    st.builds(gif, SIDE, SIDE, st.integers(0, 40)).map(lambda data: ("gif", data)),
    st.builds(bmp, SIDE, SIDE, st.sampled_from([1, 8, 24, 32, 0, 7])).map(lambda d: ("bmp", d)),
    st.builds(tiff, SIDE, SIDE, st.sampled_from([1, 8, 16, 0])).map(lambda d: ("tif", d)),
)


def with_background(picture: bytes, extension: str) -> bytes:
    """The base template with `picture` as its master's background."""
    def edit(files: dict[str, bytes]) -> None:
        name = f"ppt/media/back.{extension}"
        files[name] = picture
        types = files["[Content_Types].xml"].decode("utf-8")
        files["[Content_Types].xml"] = types.replace(
            "<Default ", f'<Default Extension="{extension}" ContentType="image/{extension}"/>'
            "<Default ", 1).encode("utf-8")
        rels = "ppt/slideMasters/_rels/slideMaster1.xml.rels"
        files[rels] = files[rels].replace(b"</Relationships>", (
            f'<Relationship Id="rId900" Type="{REL}image" Target="../media/back.{extension}"/>'
            "</Relationships>").encode())
        master = "ppt/slideMasters/slideMaster1.xml"
        files[master] = re.sub(
            rb"<p:bg>.*?</p:bg>", b'<p:bg><p:bgPr><a:blipFill><a:blip r:embed="rId900"/>'
            b"<a:stretch><a:fillRect/></a:stretch></a:blipFill><a:effectLst/></p:bgPr></p:bg>",
            files[master], count=1, flags=re.S)
    return edited(BASE_TEMPLATE, edit)


@fuzz_settings(10)
@given(picture=PICTURE, where=st.sampled_from(["figure", "cover", "template"]))
def test_fuzz_picture_headers(picture: tuple[str, bytes], where: str) -> None:
    extension, data = picture
    name = f"images/fuzz.{extension}"
    if where == "figure":
        body = f"![A figure](../{name}){{credit=\"x\"}}\n"
        check_then_build({name: data, CHAPTERS[1]: f"{ARGUMENT}\n---\n{body}"})
    elif where == "cover":
        check_then_build({name: data, "lecture.yaml": LECTURE_TEXT.replace(
            "cover_image: images/banner.png", f"cover_image: {name}")})
    else:
        check_then_build({TEMPLATE: with_background(data, extension),
                          "lecture.yaml": LECTURE_TEXT + DECK_TEMPLATE})


def test_the_generators_make_what_they_say() -> None:
    """The hand-made headers are read by PIL as the format and size they claim (so that the
    picture target tries sizes, not only garbage)."""
    from PIL import Image

    for data, kind, size in ((png(300, 200, 8, 0, 1), "PNG", (300, 200)),
                             (jpeg(640, 480, True, 3), "JPEG", (640, 480)),
                             (gif(70, 50, 1), "GIF", (70, 50)),
                             (bmp(20, 10, 24), "BMP", (20, 10)),
                             (tiff(33, 44, 8), "TIFF", (33, 44))):
        with Image.open(io.BytesIO(data)) as picture:
            assert (picture.format, picture.size) == (kind, size)
    assert "cover_image: images/banner.png" in LECTURE_TEXT and "deck:" not in LECTURE_TEXT
    assert FRONT.startswith("---\n") and ARGUMENT.startswith("---\n")


def test_the_harness_hears_what_lectern_prints_and_how_it_ends() -> None:
    """A run's output, exit code and peak memory reach the judge (else every target would
    pass for want of hearing anything)."""
    run = run_forked(["check", "/nowhere-\u202e-lecture"])
    assert run.code == 1 and "has no lecture.yaml" in run.output
    assert "/nowhere-\\u202e-lecture" in run.output
    assert 10 << 20 < run.peak_bytes < MEMORY_LIMIT
    assert run_forked(["build", "--only", "poster"]).code == 2
