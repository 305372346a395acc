"""Hostile templates, round 3: parts in a role they cannot play and costs over the limits are
errors naming the part, the role or the limit, in `check` as in `build`; what stays within
the limits builds a deck python-pptx opens."""

from __future__ import annotations

import io
import itertools
import math
import random
import shutil
import warnings
from pathlib import Path

import pytest
from click.testing import CliRunner
from lxml import etree
from pptx import Presentation

from lectern import limits
from lectern.box import Box
from lectern.cli import cli
from lectern.deck_template import largest_free, package
from tests import templates as t
from tests.conftest import LECTURES

MASTER = "ppt/slideMasters/slideMaster1.xml"
LAYOUT = "ppt/slideLayouts/slideLayout1.xml"
P = "{http://schemas.openxmlformats.org/presentationml/2006/main}"
RESAVE = "(save the template again from PowerPoint)"


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    """The mini lecture with a deck template of its own, t.pptx (each test writes it)."""
    root = tmp_path / "lecture"
    shutil.copytree(LECTURES / "mini", root)
    with (root / "lecture.yaml").open("a") as handle:
        handle.write("\ndeck:\n  template: t.pptx\n")
    return root


def _run(*args: str) -> tuple[int, str]:
    """Run lectern's command line; a warning (which would print where a library lies) fails."""
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        result = CliRunner().invoke(cli, list(args), catch_exceptions=False)
    return result.exit_code, result.stdout + result.stderr


def _check_and_build(folder: Path, data: bytes) -> tuple[tuple[int, str], tuple[int, str]]:
    (folder / "t.pptx").write_bytes(data)
    return (_run("check", "--only", "deck", str(folder)),
            _run("build", str(folder), "--only", "deck", "--out", str(folder / "out")))


def _refused(folder: Path, data: bytes, message: str) -> None:
    """`check` and `build` both exit 1 with the same error, naming what is wrong."""
    checked, built = _check_and_build(folder, data)
    (folder / "check.txt").write_text(checked[1])
    for code, output in (checked, built):
        assert code == 1, output
        assert "error: the deck template t.pptx cannot be used: " + message in output, output
        assert "Traceback" not in output and "site-packages" not in output
        assert "DecompressionBomb" not in output
    assert not list((folder / "out").glob("*.pptx"))


def _own(*edits: t.Edit) -> bytes:
    return t.edited(t.TEMPLATE.read_bytes(), *edits)


ROLES = [
    (t.rel_target(MASTER, "../slideLayouts/slideLayout1.xml", "slideMaster1.xml"),
     f"its part {MASTER} points at itself as a slide layout {RESAVE}"),
    (t.rel_target(MASTER, "../slideLayouts/slideLayout1.xml", "../presentation.xml"),
     f"its part {MASTER} points at ppt/presentation.xml as a slide layout, but "
     "ppt/presentation.xml is a presentation"),
    (t.rel_target(MASTER, "../slideLayouts/slideLayout1.xml", "../theme/theme1.xml"),
     f"its part {MASTER} points at ppt/theme/theme1.xml as a slide layout, but "
     "ppt/theme/theme1.xml is a theme"),
    (t.rel_target("ppt/presentation.xml", "notesMasters/notesMaster1.xml",
                  "slideMasters/slideMaster1.xml"),
     f"its part ppt/presentation.xml points at {MASTER} as a notes master, but {MASTER} is a "
     "slide master"),
    (t.rel_target(LAYOUT, "../slideMasters/slideMaster1.xml", "slideLayout2.xml"),
     f"its part {LAYOUT} points at ppt/slideLayouts/slideLayout2.xml as a slide master, but "
     "ppt/slideLayouts/slideLayout2.xml is a slide layout"),
    (t.rel_target(MASTER, "../theme/theme1.xml", "../slideLayouts/slideLayout2.xml"),
     f"its part {MASTER} points at ppt/slideLayouts/slideLayout2.xml as a theme, but "
     "ppt/slideLayouts/slideLayout2.xml is a slide layout"),
    (t.list_entry("ppt/presentation.xml", "sldMasterId", "rId5"),
     "its part ppt/presentation.xml lists rId5 as a slide master, but that relationship "
     "leads to a theme"),
    (t.list_entry(MASTER, "sldLayoutId", "rId12"),
     f"its part {MASTER} lists rId12 as a slide layout, but that relationship leads to a theme"),
    (t.list_entry(MASTER, "sldLayoutId", "rId99"),
     f"its part {MASTER} lists rId99 as a slide layout, but that relationship leads to no part "
     "it keeps"),
    (lambda files: files.update({LAYOUT: files[MASTER]}),
     f"its part {LAYOUT} is used as a slide layout, but it holds a slide master"),
    (lambda files: t._sub(files, LAYOUT, r'<p:ph type="ctrTitle"', '<p:ph orient="diagonal" '
                          'type="ctrTitle"'),
     f"its part {LAYOUT} has a shape or placeholder lectern cannot read"),
    (lambda files: t._sub(files, "ppt/notesMasters/notesMaster1.xml", r'<p:ph type="body"',
                          '<p:ph type="speech"'),
     "its part ppt/notesMasters/notesMaster1.xml has a shape or placeholder lectern cannot "
     "read"),
]


@pytest.mark.parametrize(("edit", "message"), ROLES)
def test_a_part_in_a_role_it_cannot_play_is_an_error_in_check_and_build(
        folder: Path, edit: t.Edit, message: str) -> None:
    _refused(folder, _own(edit), message)


def test_a_layout_whose_relationship_ids_are_all_taken_still_builds(folder: Path) -> None:
    checked, built = _check_and_build(folder, _own(t.layout_ids_taken))
    assert checked[0] == 0 and built[0] == 0, checked[1] + built[1]
    (deck,) = (folder / "out").glob("*.pptx")
    prs = Presentation(io.BytesIO(deck.read_bytes()))
    assert all(lay.slide_master is master for master in prs.slide_masters
               for lay in master.slide_layouts)


HUGE = 13_000
PIXELS = (f"has {HUGE:,} × {HUGE:,} pixels; the limit is "
          f"{limits.MAX_TEMPLATE_PICTURE_PIXELS // 1_000_000} million pixels")


@pytest.mark.parametrize(("blob", "ext", "ctype"), [
    (t.png_header(HUGE, HUGE), "png", "image/png"),
    (t.gif_header(HUGE, HUGE), "gif", "image/gif"),
    (t.bmp_header(HUGE, HUGE), "bmp", "image/bmp"),
    (t.tiff_header(HUGE, HUGE), "tiff", "image/tiff"),
    (t.jpeg_header(HUGE, HUGE), "jpeg", "image/jpeg"),
])
def test_a_picture_of_too_many_pixels_is_refused_from_its_header(
        folder: Path, blob: bytes, ext: str, ctype: str) -> None:
    assert len(blob) < 2000  # nothing but a header: decoding it would cost 169 million pixels
    _refused(folder, _own(t.picture_as(blob, ext, ctype)),
             f"its picture ppt/media/busy.{ext} {PIXELS}")


def test_too_many_pixels_or_pictures_together_are_refused(folder: Path) -> None:
    side = math.isqrt(limits.MAX_TEMPLATE_PICTURE_PIXELS)  # each within the limit for one
    count = limits.MAX_TEMPLATE_PIXELS // (side * side) + 1  # together over the one for all
    _refused(folder, _own(t.related_pictures([t.png_header(side, side - i)
                                              for i in range(count)])),
             f"its pictures have more than {limits.MAX_TEMPLATE_PIXELS // 1_000_000} million "
             "pixels together")
    many = [t.png_header(4, 4 + i) for i in range(limits.MAX_TEMPLATE_PICTURES + 1)]
    _refused(folder, _own(t.related_pictures(many)),
             f"it has more than {limits.MAX_TEMPLATE_PICTURES} pictures")


def test_a_jpeg_of_too_many_scans_is_refused_without_decoding(folder: Path) -> None:
    _refused(folder, _own(t.picture_as(t.jpeg(extra_scans=3000), "jpeg", "image/jpeg")),
             f"its picture ppt/media/busy.jpeg is a JPEG of more than {limits.MAX_JPEG_SCANS} "
             "scans")


def _palette_with_transparency() -> bytes:
    from PIL import Image

    picture = Image.new("P", (40, 30))
    picture.putpalette([0, 0, 0, 255, 255, 255] * 128)
    out = io.BytesIO()
    picture.save(out, "PNG", transparency=b"\x00\xff")
    return out.getvalue()


def test_no_warning_of_the_picture_library_reaches_the_terminal(folder: Path) -> None:
    (folder / "t.pptx").write_bytes(_own(t.picture_as(_palette_with_transparency(), "png",
                                                      "image/png")))
    code, output = _run("check", "--only", "deck", str(folder))
    assert code == 0 and "Warning" not in output, output


def test_a_progressive_jpeg_and_a_file_that_is_no_picture(folder: Path) -> None:
    checked, built = _check_and_build(folder, _own(t.picture_as(t.jpeg(), "jpeg", "image/jpeg")))
    assert checked[0] == 0 and built[0] == 0 and "cannot check" not in checked[1]
    checked, built = _check_and_build(folder, _own(t.picture_as(b"GIF89a but no more", "gif",
                                                                "image/gif")))
    assert checked[0] == 0 and built[0] == 0
    assert "brought pictures lectern cannot check; lectern left them out" in checked[1]
    (deck,) = (folder / "out").glob("*.pptx")
    assert not [n for n in t.files_of(deck.read_bytes()) if n.endswith(".gif")]


def test_xml_of_too_many_elements_is_refused_before_it_is_parsed(folder: Path) -> None:
    over = limits.MAX_XML_ELEMENTS_PART + 1
    data = _own(t.xml_flood(over, LAYOUT))
    _refused(folder, data, f"its part {LAYOUT} has {over + 60:,} XML elements"
             if False else f"its part {LAYOUT} has ")
    checked, _ = _check_and_build(folder, data)
    assert f"XML elements; the limit is {limits.MAX_XML_ELEMENTS_PART:,} in one part" in checked[1]


def test_xml_of_too_many_elements_together_is_refused(folder: Path,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    # The limit on all parts together, lowered to a fifth: the same count, made quicker.
    total = limits.MAX_XML_ELEMENTS // 5
    monkeypatch.setattr(package, "MAX_XML_ELEMENTS", total)
    layouts = [f"ppt/slideLayouts/slideLayout{n}.xml" for n in (1, 2, 3, 6, 7)]
    each = total // len(layouts) + 1
    assert each < limits.MAX_XML_ELEMENTS_PART
    _refused(folder, _own(t.xml_flood(each, *layouts)),
             f"its XML parts have more than {total:,} elements together")


def test_too_many_shapes_on_a_master_and_too_many_layouts(folder: Path) -> None:
    over = limits.MAX_TEMPLATE_SHAPES + 1
    _refused(folder, _own(t.many_shapes(over - _master_shapes())),
             f"its part {MASTER} has {over} shapes; the limit is {limits.MAX_TEMPLATE_SHAPES}")
    # Within the limit on each master and layout, over the one on all layouts together:
    # each of 65 layouts shows the master's 100 shapes.
    _refused(folder, _own(t.many_shapes(limits.MAX_TEMPLATE_SHAPES - _master_shapes()),
                          t.many_layouts(60)),
             f"its layouts show more than {limits.MAX_TEMPLATE_SHAPES_SHOWN:,} shapes together")
    extra = limits.MAX_TEMPLATE_LAYOUTS  # the template has five of its own
    _refused(folder, _own(t.many_layouts(extra)),
             f"its masters have {extra + 5} layouts together; the limit is "
             f"{limits.MAX_TEMPLATE_LAYOUTS}")


def _master_shapes() -> int:
    """The shapes lectern's own master has: its shape tree's children less the group's own
    properties."""
    tree = etree.fromstring(t.files_of(t.TEMPLATE.read_bytes())[MASTER])
    return len(tree.find(f"{P}cSld/{P}spTree")) - 2


def test_the_most_shapes_allowed_build(folder: Path) -> None:
    data = _own(t.many_shapes(limits.MAX_TEMPLATE_SHAPES - _master_shapes(), size=t.IN // 2))
    checked, built = _check_and_build(folder, data)
    assert checked[0] == 0 and built[0] == 0, checked[1] + built[1]
    (deck,) = (folder / "out").glob("*.pptx")
    prs = Presentation(io.BytesIO(deck.read_bytes()))
    assert len(prs.slide_masters[0].shapes) == limits.MAX_TEMPLATE_SHAPES


def _largest_by_brute_force(area: Box, blocks: list[Box]) -> int:
    """The largest empty rectangle's area, trying every rectangle on the edges."""
    xs = sorted({area.x, area.right, *(b.x for b in blocks), *(b.right for b in blocks)})
    ys = sorted({area.y, area.bottom, *(b.y for b in blocks), *(b.bottom for b in blocks)})
    xs = [x for x in xs if area.x <= x <= area.right]
    ys = [y for y in ys if area.y <= y <= area.bottom]
    best = 0
    for (x0, x1), (y0, y1) in itertools.product(itertools.combinations(xs, 2),
                                                 itertools.combinations(ys, 2)):
        if not any(x0 < b.right and b.x < x1 and y0 < b.bottom and b.y < y1
                   for b in blocks if b.w > 0 and b.h > 0):
            best = max(best, (x1 - x0) * (y1 - y0))
    return best


def test_the_free_area_is_the_largest_empty_rectangle() -> None:
    rnd = random.Random(25)
    for _ in range(300):
        area = Box(rnd.randint(0, 4), rnd.randint(0, 4), rnd.randint(1, 24), rnd.randint(1, 24))
        blocks = [Box(rnd.randint(-2, 28), rnd.randint(-2, 28), rnd.randint(0, 9),
                      rnd.randint(0, 9)) for _ in range(rnd.randint(0, 7))]
        free = largest_free(area, blocks)
        assert area.contains(free) or free.area == 0
        assert not any(free.overlaps(b) for b in blocks if b.w > 0 and b.h > 0)
        assert free.area == _largest_by_brute_force(area, blocks)


def test_a_jpeg_of_too_many_markers_is_refused_without_walking_them_all(folder: Path) -> None:
    data = t.jpeg()
    comment = b"\xff\xfe\x00\x02"  # an empty comment segment, many times over
    bloated = data[:2] + comment * (limits.MAX_JPEG_MARKERS + 1) + data[2:]
    _refused(folder, _own(t.picture_as(bloated, "jpeg", "image/jpeg")),
             f"its picture ppt/media/busy.jpeg is a JPEG of more than "
             f"{limits.MAX_JPEG_MARKERS:,} markers")
