"""Time `check` and `build` on the largest deck templates within every template limit at once.

Run with `.venv/bin/python bench/template_limits.py`. Two templates are made from lectern's
own with the hostile-template helpers of the tests: one of few layouts each showing the most
shapes, with the largest pictures, and one of the most layouts; each is named by a copy of
the small test lecture, which `lectern check --only deck` and `lectern build` (every output)
then read in fresh processes. docs/limits.md records the figures. Nothing here is a test.
"""

from __future__ import annotations

import io
import math
import random
import shutil
import sys
import tempfile
import zipfile
from collections.abc import Callable
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(HERE))

from PIL import Image  # noqa: E402
from run import PYTHON, machine, measure  # noqa: E402

from lectern import limits as lim  # noqa: E402
from lectern.deck_template.package import element_count  # noqa: E402
from tests import templates as t  # noqa: E402
from tests.conftest import LECTURES  # noqa: E402

IN = t.IN
MASTER = "ppt/slideMasters/slideMaster1.xml"
LAYOUT = "ppt/slideLayouts/slideLayout1.xml"
IMAGE = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/image"
SIDE = math.isqrt(lim.MAX_TEMPLATE_PICTURE_PIXELS)  # a square picture at the pixel limit


def _png(picture: Image.Image) -> bytes:
    out = io.BytesIO()
    picture.save(out, "PNG", compress_level=1)
    return out.getvalue()


def _scanned_jpeg() -> bytes:
    """A progressive JPEG at the pixel limit, its last scan repeated up to the scan limit."""
    picture = Image.merge("RGB", [Image.linear_gradient("L").resize((SIDE, SIDE)),
                                  Image.radial_gradient("L").resize((SIDE, SIDE)),
                                  Image.effect_noise((SIDE, SIDE), 20)])
    out = io.BytesIO()
    picture.save(out, "JPEG", progressive=True, quality=40)
    data = out.getvalue()
    last = data.rindex(b"\xff\xda")
    extra = lim.MAX_JPEG_SCANS - data.count(b"\xff\xda")
    return data[:-2] + data[last:-2] * extra + b"\xff\xd9"


def _pic(number: int, rid: str, box: tuple[int, int, int, int]) -> str:
    x, y, w, h = box
    return (f'<p:pic><p:nvPicPr><p:cNvPr id="{number}" name="p{number}"/><p:cNvPicPr/>'
            f'<p:nvPr/></p:nvPicPr><p:blipFill><a:blip r:embed="{rid}"/><a:stretch>'
            f'<a:fillRect/></a:stretch></p:blipFill><p:spPr><a:xfrm><a:off x="{x}" y="{y}"/>'
            f'<a:ext cx="{w}" cy="{h}"/></a:xfrm><a:prstGeom prst="rect"><a:avLst/>'
            f'</a:prstGeom></p:spPr></p:pic>')


def largest_pictures(files: dict[str, bytes]) -> None:
    """The master's background a JPEG at the pixel and scan limits; on the master a 1-bit
    PNG at the pixel limit and 94 small pictures of noise, half of them by the slide number
    and half over the text."""
    rnd = random.Random(5)
    files["ppt/media/bg.jpeg"] = _scanned_jpeg()
    files["ppt/media/one.png"] = _png(Image.effect_noise((SIDE, SIDE), 90).convert("1"))
    rels = (f'<Relationship Id="rId900" Type="{IMAGE}" Target="../media/bg.jpeg"/>'
            f'<Relationship Id="rId901" Type="{IMAGE}" Target="../media/one.png"/>')
    pics = _pic(2999, "rId901", (IN, IN, 5 * IN, 3 * IN))
    for i in range(94):
        files[f"ppt/media/s{i}.png"] = _png(Image.frombytes("RGB", (600, 330),
                                                            rnd.randbytes(600 * 330 * 3)))
        rels += f'<Relationship Id="rId{1000 + i}" Type="{IMAGE}" Target="../media/s{i}.png"/>'
        x, y = 11 * IN + (i % 10) * IN // 20, 6 * IN + (i // 10) * IN // 20
        if i % 2:
            x, y = IN + (i * 37) % 100 * IN // 10, IN + (i * 61) % 50 * IN // 10
        pics += _pic(3000 + i, f"rId{1000 + i}", (x, y, IN // 4, IN // 4))
    t._sub(files, "[Content_Types].xml", r"(<Types [^>]*>)",
           r'\1<Default Extension="png" ContentType="image/png"/>', 1)
    t._sub(files, "ppt/slideMasters/_rels/slideMaster1.xml.rels", "</Relationships>",
           rels + "</Relationships>", 1)
    t._sub(files, MASTER, r"(<p:spTree>.*?</p:grpSpPr>)",
           lambda m: m.group(1) + pics, 1)  # type: ignore[arg-type]
    t._sub(files, MASTER, r"(<p:cSld[^>]*>)(<p:bg>.*?</p:bg>)?",
           r'\1<p:bg><p:bgPr><a:blipFill><a:blip r:embed="rId900"/><a:stretch><a:fillRect/>'
           r'</a:stretch></a:blipFill><a:effectLst/></p:bgPr></p:bg>', 1)


def most_shapes() -> bytes:
    """30 layouts each showing 200 shapes: the master's 100 and its own 100."""
    extra = lim.MAX_TEMPLATE_SHAPES_SHOWN // (2 * lim.MAX_TEMPLATE_SHAPES) - 6
    return t.edited(t.TEMPLATE.read_bytes(), largest_pictures,
                    t.many_shapes(lim.MAX_TEMPLATE_SHAPES - 4, LAYOUT, IN // 10),
                    t.xml_flood(14_000, LAYOUT), t.many_layouts(extra))


def most_layouts() -> bytes:
    """The most layouts, each showing its share of the shapes (the master's)."""
    shown = lim.MAX_TEMPLATE_SHAPES_SHOWN // lim.MAX_TEMPLATE_LAYOUTS
    return t.edited(t.TEMPLATE.read_bytes(), t.many_shapes(shown - 4, size=IN // 10),
                    t.xml_flood(1_450, LAYOUT), t.many_layouts(lim.MAX_TEMPLATE_LAYOUTS - 5))


def _elements(data: bytes) -> int:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return sum(element_count(archive.read(n)) for n in archive.namelist()
                   if n.endswith(".xml") and not n.startswith("docProps"))


def _lecture(folder: Path, data: bytes) -> Path:
    root = folder / "lecture"
    shutil.copytree(LECTURES / "mini", root)
    (root / "t.pptx").write_bytes(data)
    with (root / "lecture.yaml").open("a") as handle:
        handle.write("\ndeck:\n  template: t.pptx\n")
    return root


def main() -> int:
    print(f"Machine: {machine()}")
    makers: dict[str, Callable[[], bytes]] = {"most shapes and pixels": most_shapes,
                                              "most layouts": most_layouts}
    for name, make in makers.items():
        data = make()
        with tempfile.TemporaryDirectory() as tmp:
            root = _lecture(Path(tmp), data)
            lectern = [PYTHON, "-m", "lectern"]
            checked = measure([*lectern, "check", "--only", "deck", str(root)], 1)
            built = measure([*lectern, "build", str(root), "--out", str(Path(tmp) / "out")], 1)
        print(f"{name}: {len(data) >> 20} MB, {_elements(data):,} XML elements; "
              f"check {checked.median:.1f} s, {checked.peak_mib:.0f} MiB; "
              f"every output {built.median:.1f} s, {built.peak_mib:.0f} MiB")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
