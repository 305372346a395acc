"""Which layout and which master serve each kind of slide: layout types in any language,
PowerPoint's standard names, one master chosen on purpose, `deck: master:` and mappings that
name a master; checked on the built deck as python-pptx opens it."""

from __future__ import annotations

import dataclasses
import io
import re
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner
from PIL import Image
from pptx import Presentation

from lectern import model as m
from lectern.cli import cli
from lectern.deck_template import load
from lectern.readers.lecture import load_lecture
from lectern.writers.deck import render_deck
from lectern.writers.deck_plan import plan_deck
from tests import templates as t
from tests.conftest import LECTURES

LAYOUT_RE = re.compile(r"ppt/slideLayouts/slideLayout(\d+)\.xml")
RT = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
P = "{http://schemas.openxmlformats.org/presentationml/2006/main}"


def _layouts(files: dict[str, bytes]) -> list[str]:
    return sorted((n for n in files if LAYOUT_RE.fullmatch(n)),
                  key=lambda n: int(LAYOUT_RE.fullmatch(n).group(1)))  # type: ignore[union-attr]


def _logo() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (40, 20), (200, 16, 46)).save(out, "PNG")
    return out.getvalue()


def second_master(name: str, logo: bool) -> t.Edit:
    """A second master, named `name`, with a copy of every layout of the first (the same
    names); with `logo`, a picture in its top right corner."""
    def edit(files: dict[str, bytes]) -> None:
        layouts = _layouts(files)
        count = len(layouts)
        rels = files["ppt/slideMasters/_rels/slideMaster1.xml.rels"].decode()
        for i, part in enumerate(layouts, start=1):
            files[f"ppt/slideLayouts/slideLayout{count + i}.xml"] = files[part]
            files[f"ppt/slideLayouts/_rels/slideLayout{count + i}.xml.rels"] = files[
                f"ppt/slideLayouts/_rels/slideLayout{i}.xml.rels"].replace(
                b"slideMaster1.xml", b"slideMaster2.xml")
            rels = rels.replace(f'Target="../slideLayouts/slideLayout{i}.xml"',
                                f'Target="../slideLayouts/slideLayout#{count + i}.xml"')
        master = files["ppt/slideMasters/slideMaster1.xml"].decode()
        ids = iter(range(2147483700, 2147483800))
        master = re.sub(r'<p:sldLayoutId id="\d+"', lambda _: f'<p:sldLayoutId id="{next(ids)}"',
                        master).replace("<p:cSld>", f'<p:cSld name="{name}">', 1)
        if logo:
            files["ppt/media/logo.png"] = _logo()
            rels = rels.replace("</Relationships>", f'<Relationship Id="rId99" Type="{RT}/image"'
                                ' Target="../media/logo.png"/></Relationships>')
            picture = ('<p:pic><p:nvPicPr><p:cNvPr id="99" name="Logo"/><p:cNvPicPr/><p:nvPr '
                       'userDrawn="1"/></p:nvPicPr><p:blipFill><a:blip r:embed="rId99"/>'
                       '<a:stretch><a:fillRect/></a:stretch></p:blipFill><p:spPr><a:xfrm>'
                       '<a:off x="8001000" y="91440"/><a:ext cx="914400" cy="457200"/></a:xfrm>'
                       '<a:prstGeom prst="rect"><a:avLst/></a:prstGeom></p:spPr></p:pic>')
            master = master.replace("</p:grpSpPr>", "</p:grpSpPr>" + picture, 1)
            t._sub(files, "[Content_Types].xml", r"(<Types [^>]*>)",
                   r'\1<Default Extension="png" ContentType="image/png"/>', 1)
        files["ppt/slideMasters/slideMaster2.xml"] = master.encode()
        files["ppt/slideMasters/_rels/slideMaster2.xml.rels"] = rels.replace("#", "").encode()
        t._sub(files, "ppt/presentation.xml", r"(<p:sldMasterIdLst>.*?)(</p:sldMasterIdLst>)",
               r'\1<p:sldMasterId id="2147483690" r:id="rId900"/>\2', 1)
        t._sub(files, "ppt/_rels/presentation.xml.rels", "</Relationships>",
               f'<Relationship Id="rId900" Type="{RT}/slideMaster" '
               'Target="slideMasters/slideMaster2.xml"/></Relationships>', 1)
        kind = "application/vnd.openxmlformats-officedocument.presentationml"
        overrides = "".join(f'<Override PartName="/ppt/slideLayouts/slideLayout{count + i}.xml"'
                            f' ContentType="{kind}.slideLayout+xml"/>'
                            for i in range(1, count + 1))
        overrides += (f'<Override PartName="/ppt/slideMasters/slideMaster2.xml" '
                      f'ContentType="{kind}.slideMaster+xml"/>')
        t._sub(files, "[Content_Types].xml", "</Types>", overrides + "</Types>", 1)
    return edit


def with_sample_slide(data: bytes, master: int, layout: int) -> bytes:
    """The template with one slide of its own on a layout of the given master."""
    prs = Presentation(io.BytesIO(data))
    prs.slides.add_slide(prs.slide_masters[master].slide_layouts[layout])
    out = io.BytesIO()
    prs.save(out)
    return out.getvalue()


def untyped(files: dict[str, bytes]) -> None:
    """No layout says its type (as in templates some programs write)."""
    for part in _layouts(files):
        files[part] = re.sub(rb'(<p:sldLayout [^>]*?) type="\w+"', rb"\1", files[part], count=1)


def layout_types(files: dict[str, bytes]) -> dict[str, str]:
    """Each layout's name and type, read straight from the XML."""
    out = {}
    for part in _layouts(files):
        text = files[part].decode()
        kind = re.search(r'<p:sldLayout [^>]*?type="(\w+)"', text)
        out[re.search(r'<p:cSld name="([^"]*)"', text).group(1)] = \
            kind.group(1) if kind else "cust"  # type: ignore[union-attr]
    return out


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A lecture with a table, a figure and a quote, and the templates beside it."""
    root = tmp_path_factory.mktemp("roles") / "lecture"
    shutil.copytree(LECTURES / "features", root)
    wide = t.resized(t.pptx_default(), 12192000, 6858000)
    pictured = t.edited(wide, second_master("Brand", logo=True))
    plain = t.edited(wide, second_master("Brand", logo=False))
    templates = {
        "pictured.pptx": pictured,
        "plain.pptx": plain,
        "sampled.pptx": with_sample_slide(plain, 1, 0),
        "sampled-first.pptx": with_sample_slide(pictured, 0, 2),
        # As many slides on each master (LibreOffice Impress's templates draw their title
        # slide on a master of its own): the first master.
        "title-master.pptx": with_sample_slide(with_sample_slide(pictured, 1, 0), 0, 1),
        "twins.pptx": t.edited(wide, second_master("Office Theme", logo=False)),
    }
    for name, data in templates.items():
        (root / name).write_bytes(data)
    return root


def _lecture(root: Path, deck: str) -> tuple[m.Lecture | None, list[str]]:
    text = (root / "lecture.yaml").read_text(encoding="utf-8")
    text = re.sub(r"(?ms)^deck:.*?(?=^\S|\Z)", "", text)
    (root / "lecture.yaml").write_text(text.rstrip() + "\n\ndeck:\n" + deck,
                                       encoding="utf-8")
    lecture, problems = load_lecture(root)
    return lecture, [d.format() for d in problems]


def _errors(root: Path, deck: str) -> list[str]:
    """The diagnostics of a lecture whose deck settings the template refuses."""
    lecture, problems = _lecture(root, deck)
    assert lecture is not None, problems
    template, found = load(lecture)
    assert template is None
    return [d.format() for d in found]


def _features_on(path: Path) -> m.Lecture:
    """The features lecture on a template, with no other deck settings."""
    lecture, _ = load_lecture(LECTURES / "features")
    return dataclasses.replace(lecture, deck=m.DeckSettings(path, m.SourcePos("lecture.yaml", 1,
                                                                              1)))


def _line_of(root: Path, needle: str) -> int:
    lines = (root / "lecture.yaml").read_text(encoding="utf-8").splitlines()
    return next(i for i, line in enumerate(lines, start=1) if needle in line)


def _deck(lecture: m.Lecture) -> tuple[object, list[tuple[str, str, str]]]:
    """The built deck, and (kind, layout name, master partname) for each of its slides."""
    template, problems = load(lecture)
    assert template is not None, [d.format() for d in problems]
    plan = plan_deck(lecture, template)
    (data,) = render_deck(plan, lecture).values()
    prs = Presentation(io.BytesIO(data))
    used = [(planned.kind, slide.slide_layout.name,
             str(slide.slide_layout.slide_master.part.partname))
            for planned, slide in zip(plan.slides, prs.slides, strict=True)]
    return prs, used


def _master_part(prs: object, index: int) -> str:
    return str(prs.slide_masters[index].part.partname)  # type: ignore[attr-defined]


@pytest.fixture
def lecture_in(folder: Path) -> Iterator[Path]:
    keep = (folder / "lecture.yaml").read_text(encoding="utf-8")
    yield folder
    (folder / "lecture.yaml").write_text(keep, encoding="utf-8")


@pytest.mark.parametrize(("name", "master", "reason"), [
    ("pictured.pptx", 1, "its layouts serve as many kinds of slide by their types and names "
                         "(10 of 10, as many as any) and carry the template's pictures"),
    ("plain.pptx", 0, "the first master"),
    ("sampled.pptx", 1, "the template's own slides use its layouts"),
    ("sampled-first.pptx", 0, "the template's own slides use its layouts"),
    ("title-master.pptx", 0, "the template's own slides use its layouts"),
])
def test_one_master_is_chosen_on_purpose(lecture_in: Path, name: str, master: int,
                                         reason: str) -> None:
    lecture, problems = _lecture(lecture_in, f"  template: {name}\n")
    assert lecture is not None, problems
    prs, used = _deck(lecture)
    assert {part for _, _, part in used} == {_master_part(prs, master)}, used
    kinds = {kind: layout for kind, layout, _ in used}
    assert (kinds["title"], kinds["section"], kinds["points"], kinds["quote"],
            kinds["table"]) == ("Title Slide", "Section Header", "Title and Content",
                                "Title Only", "Title Only")
    template, _ = load(lecture)
    assert template is not None and template.master is not None
    assert template.master.index == master and reason in template.master.reason


@pytest.mark.parametrize(("value", "master"), [("Brand", 1), ("2", 1), ("1", 0),
                                               ("office theme", 0)])
def test_deck_master_chooses_by_name_or_number(lecture_in: Path, value: str,
                                               master: int) -> None:
    lecture, problems = _lecture(lecture_in, f"  template: sampled.pptx\n  master: {value}\n")
    assert lecture is not None, problems
    prs, used = _deck(lecture)
    assert {part for _, _, part in used} == {_master_part(prs, master)}


def test_an_unknown_master_is_an_error_at_its_line(lecture_in: Path) -> None:
    problems = _errors(lecture_in, "  template: plain.pptx\n  master: Corporate\n")
    line = _line_of(lecture_in, "master: Corporate")
    assert problems == [
        f"lecture.yaml:{line}:11: error: the deck template has no master 'Corporate'; it has "
        "1 'Office Theme', 2 'Brand' (name a master or give its number)"]


def test_a_mapping_names_the_master(lecture_in: Path) -> None:
    lecture, problems = _lecture(lecture_in, "  template: plain.pptx\n  master: 2\n"
                                 "  layouts:\n    section: \"Office Theme / Title Only\"\n"
                                 "    quote: {master: 1, layout: Two Content}\n"
                                 "    table: Comparison\n")
    assert lecture is not None, problems
    prs, used = _deck(lecture)
    first, second = _master_part(prs, 0), _master_part(prs, 1)
    where = {kind: (layout, part) for kind, layout, part in used}
    assert where["section"] == ("Title Only", first)
    assert where["quote"] == ("Two Content", first)
    assert where["table"] == ("Comparison", second)  # deck: master: settles the name
    assert where["points"] == ("Title and Content", second)
    assert where["title"] == ("Title Slide", second)


def test_a_mapping_under_one_master_chooses_it(lecture_in: Path) -> None:
    lecture, problems = _lecture(lecture_in, "  template: pictured.pptx\n  layouts:\n"
                                 "    section: 1 / Section Header\n")
    assert lecture is not None, problems
    prs, used = _deck(lecture)
    assert {part for _, _, part in used} == {_master_part(prs, 0)}


@pytest.mark.parametrize(("name", "candidates", "ref"), [
    ("plain.pptx", "'Office Theme / Title and Content', 'Brand / Title and Content'",
     "Office Theme"),
    ("twins.pptx", "'1 / Title and Content', '2 / Title and Content'", "1"),
])
def test_a_name_under_two_masters_is_an_error_listing_them(lecture_in: Path, name: str,
                                                           candidates: str, ref: str) -> None:
    problems = _errors(lecture_in, f"  template: {name}\n  layouts:\n"
                       "    content: Title and Content\n    quote: Title Only\n")
    line = _line_of(lecture_in, "content: Title and Content")
    assert problems == [
        f"lecture.yaml:{line}:14: error: the layout 'Title and Content' for content slides is "
        f"under 2 masters of the deck template: {candidates} (name the master, e.g. "
        f"\"{ref} / Title and Content\" or {{master: 1, layout: Title and Content}})"]


# Layout names in other languages, with their types kept or taken away.
LANGUAGES = {
    "fr": ("Diapositive de titre", "En-tête de section", "Titre et contenu", "Titre seul"),
    "ja": ("タイトル スライド", "セクション見出し", "タイトルとコンテンツ", "タイトルのみ"),
    "zh-Hans": ("标题幻灯片", "节标题", "标题和内容", "仅标题"),
    "zh-Hant": ("標題投影片", "章節標題", "標題及物件", "只有標題"),
    "pt-BR": ("Slide de Título", "Cabeçalho da Seção", "Título e Conteúdo", "Somente Título"),
    "pt-PT": ("Diapositivo de Título", "Cabeçalho de Secção", "Título e Conteúdo",
              "Apenas Título"),
    "ko": ("제목 슬라이드", "구역 머리글", "제목 및 내용", "제목만"),
}
ENGLISH = ("Title Slide", "Section Header", "Title and Content", "Title Only")


@pytest.mark.parametrize("typed", [True, False], ids=["typed", "untyped"])
@pytest.mark.parametrize("language", sorted(LANGUAGES))
def test_layouts_in_any_language(tmp_path: Path, language: str, typed: bool) -> None:
    names = dict(zip(ENGLISH, LANGUAGES[language], strict=True))
    edits = [t.renamed(names)] + ([] if typed else [untyped])
    path = tmp_path / "localised.pptx"
    path.write_bytes(t.edited(t.resized(t.pptx_default(), 12192000, 6858000), *edits))
    lecture = _features_on(path)
    _, used = _deck(lecture)
    kinds = {kind: layout for kind, layout, _ in used}
    title, section, content, title_only = LANGUAGES[language]
    assert (kinds["title"], kinds["section"], kinds["points"], kinds["quote"],
            kinds["table"]) == (title, section, content, title_only, title_only)
    template, _ = load(lecture)
    assert template is not None
    how = dict((role, lay.found_by) for role, lay in template.roles)
    assert how["section"] == ("layout type" if typed else "standard name")


def test_types_decide_whatever_the_names(tmp_path: Path) -> None:
    """Names lectern cannot know: the `type` of each layout (read here from the XML)
    decides, and the figure goes where a picture layout keeps its picture."""
    names = {"Title Slide": "Couverture", "Section Header": "Intercalaire",
             "Title and Content": "Texte courant", "Title Only": "Bandeau",
             "Picture with Caption": "Photo"}
    files = t.files_of(t.edited(t.resized(t.pptx_default(), 12192000, 6858000),
                                t.renamed(names)))
    types = layout_types(files)
    path = tmp_path / "custom.pptx"
    path.write_bytes(t.zipped(files))
    lecture = _features_on(path)
    prs, used = _deck(lecture)
    wanted = {"title": "title", "section": "secHead", "points": "obj", "quote": "titleOnly",
              "table": "titleOnly", "figure": "picTx", "closing": "title"}
    for kind, layout, _ in used:
        if kind in wanted:
            assert types[layout] == wanted[kind], (kind, layout)
    assert {kind for kind, _, _ in used} >= set(wanted)
    for slide, (kind, _, _) in zip(prs.slides, used, strict=True):  # type: ignore[attr-defined]
        if kind != "figure":
            continue
        holder = next(s for s in slide.slide_layout.placeholders
                      if s.placeholder_format.type is not None and
                      s.placeholder_format.type.name == "PICTURE")
        picture = next(s for s in slide.shapes if s.shape_type is not None and
                       s.shape_type.name == "PICTURE")
        assert holder.left <= picture.left and picture.left + picture.width <= \
            holder.left + holder.width
        assert holder.top <= picture.top and picture.top + picture.height <= \
            holder.top + holder.height


def test_template_command_lists_every_layout_under_its_master(folder: Path) -> None:
    result = CliRunner().invoke(cli, ["template", str(folder / "sampled.pptx")])
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[0].endswith(", 2 masters, 22 layouts")
    assert "built on master 2 'Brand': the template's own slides use its layouts" in lines
    first, second = lines.index("master 1 'Office Theme':"), lines.index("master 2 'Brand':")
    listed = [line for line in lines[first:] if line.startswith("  layout ")]
    assert len(listed) == 22
    assert lines[first + 1] == "  layout 1 'Title Slide' (title)"
    assert lines[second + 1] == "  layout 12 'Title Slide' (title): title, closing"
    assert "  layout 17 'Title Only' (titleOnly): quote, table, timeline" in lines


def test_a_master_without_titles_is_never_built_on(lecture_in: Path) -> None:
    """The first master keeps only 'Blank': the deck goes on the second, and naming the
    first is an error at the master: line."""
    wide = t.resized(t.pptx_default(), 12192000, 6858000)
    (lecture_in / "blank-first.pptx").write_bytes(t.edited(wide, t.two_masters))
    lecture, problems = _lecture(lecture_in, "  template: blank-first.pptx\n")
    assert lecture is not None, problems
    prs, used = _deck(lecture)
    assert {part for _, _, part in used} == {_master_part(prs, 1)}
    problems = _errors(lecture_in, "  template: blank-first.pptx\n  master: 1\n")
    assert problems == [
        f"lecture.yaml:{_line_of(lecture_in, 'master: 1')}:11: error: no layout of the master "
        "'Office Theme' has a title placeholder, so lectern cannot build a deck on it; the "
        "template has 1 'Office Theme', 2 'Office Theme' (name another master)"]


def test_the_schema_takes_both_forms_of_a_mapping() -> None:
    import json

    import jsonschema

    result = CliRunner().invoke(cli, ["schema"])
    schema = json.loads(result.output)
    lecture = next(s for s in schema.values() if "chapters" in s["properties"])
    deck = {"template": "t.pptx", "master": 2,
            "layouts": {"section": "Brand / Section Header",
                        "quote": {"master": "Brand", "layout": "Title Only"}}}
    jsonschema.validate({"deck": deck}, {**lecture, "required": []})
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate({"deck": {"layouts": {"quote": {"master": 2}}}},
                            {**lecture, "required": []})


def test_masters_of_one_name_are_told_apart_by_number(lecture_in: Path) -> None:
    lecture, _ = _lecture(lecture_in, "  template: twins.pptx\n  layouts:\n"
                          "    quote: 2 / Title Only\n")
    assert lecture is not None
    prs, used = _deck(lecture)
    assert {part for _, _, part in used} == {_master_part(prs, 1)}


def small_picture_frame(files: dict[str, bytes]) -> None:
    """The picture layout's picture placeholder shrunk to a one-inch portrait frame."""
    part = t._layout_named(files, "Picture with Caption")
    t._sub(files, part, r'(<p:ph type="pic"[^>]*/>.*?<a:ext )cx="\d+" cy="\d+"',
           r'\1cx="914400" cy="914400"', 1)


def test_a_small_picture_frame_does_not_take_the_figures(tmp_path: Path) -> None:
    path = tmp_path / "portrait.pptx"
    path.write_bytes(t.edited(t.resized(t.pptx_default(), 12192000, 6858000),
                              small_picture_frame))
    _, used = _deck(_features_on(path))
    assert {layout for kind, layout, _ in used if kind == "figure"} == {"Title Only"}


def test_the_mapping_knows_every_kind_of_slide() -> None:
    from lectern.deck_template import ROLES
    from lectern.deck_template.roles import NAMES, SHAPES, TYPES
    from lectern.readers.schema import LAYOUT_ROLES

    assert LAYOUT_ROLES == ROLES
    assert set(NAMES) == set(SHAPES) == set(TYPES) == set(ROLES)


def test_title_only_slides_keep_the_master_s_margins(lecture_in: Path) -> None:
    """Quotes, tables and the timeline sit on a title-only layout, within the body
    placeholder of its master (read here with python-pptx)."""
    lecture, problems = _lecture(lecture_in, "  template: plain.pptx\n")
    assert lecture is not None, problems
    prs, used = _deck(lecture)
    body = next(s for s in prs.slide_masters[0].placeholders  # type: ignore[attr-defined]
                if s.placeholder_format.type.name == "BODY")
    seen = set()
    for slide, (kind, layout, _) in zip(prs.slides, used, strict=True):  # type: ignore[attr-defined]
        if kind not in ("quote", "table", "timeline"):
            continue
        assert layout == "Title Only"
        for shape in slide.shapes:
            if shape.is_placeholder:
                continue
            seen.add(kind)
            assert body.left <= shape.left and shape.left + shape.width <= \
                body.left + body.width, (kind, shape.name)
            assert body.top <= shape.top and shape.top + shape.height <= \
                body.top + body.height, (kind, shape.name)
    assert seen == {"quote", "table", "timeline"}


def test_a_mapping_entry_without_its_layout_is_reported_once(lecture_in: Path) -> None:
    from lectern.diagnostics import LectureInvalid

    with pytest.raises(LectureInvalid) as failed:
        _lecture(lecture_in, "  template: plain.pptx\n  layouts:\n    quote: {mastr: 2}\n")
    line = _line_of(lecture_in, "mastr")
    assert [d.format() for d in failed.value.diagnostics] == [
        f"lecture.yaml:{line}:12: error: 'quote' is missing required 'layout' (The layout's "
        "name under that master.)",
        f"lecture.yaml:{line}:13: error: unknown key 'mastr' in 'quote' (did you mean "
        "'master'?)"]


OFFICE_LAYOUTS = ("'Title Slide', 'Title and Content', 'Section Header', 'Two Content', "
                  "'Comparison', 'Title Only', 'Blank', 'Content with Caption', 'Picture with "
                  "Caption', 'Title and Vertical Text', 'Vertical Title and Text'")


@pytest.mark.parametrize(("entry", "column", "message"), [
    ("{master: 3, layout: Title Only}", 32, "the deck template has no master '3' for quote "
     "slides; it has 1 'Office Theme', 2 'Brand'"),
    ("Brand / Quotation", 12, "the master 'Brand' of the deck template has no layout named "
     "'Quotation' for quote slides; it offers " + OFFICE_LAYOUTS),
])
def test_a_mapping_to_what_the_template_lacks_is_an_error_at_its_line(
        lecture_in: Path, entry: str, column: int, message: str) -> None:
    problems = _errors(lecture_in, f"  template: plain.pptx\n  layouts:\n    quote: {entry}\n")
    line = _line_of(lecture_in, entry)
    assert problems == [f"lecture.yaml:{line}:{column}: error: {message}"]
