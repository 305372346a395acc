"""Pictures as cameras and editors save them: rotated, 16-bit, palette, grey-alpha, CMYK, MPO."""

from __future__ import annotations

import io
import shutil
import struct
import unicodedata
import zlib
from pathlib import Path

import pypdf
import pytest
from PIL import Image
from pptx import Presentation
from pptx.enum.shapes import MSO_SHAPE_TYPE

from lectern import images
from lectern.diagnostics import Collector
from lectern.model import Figure, SourcePos, walk_inlines
from lectern.pipeline import build
from lectern.readers.files import check_image
from lectern.readers.lecture import load_lecture
from tests.conftest import LECTURES

RED, BLUE = (220, 30, 30), (30, 30, 220)


def rotated_jpeg() -> bytes:
    """A photo stored lying on its side (400×200, red at the left) with EXIF orientation 6:
    seen upright it is 200×400, red at the top."""
    img = Image.new("RGB", (400, 200), BLUE)
    img.paste(RED, (0, 0, 100, 200))
    exif = img.getexif()
    exif[images.ORIENTATION] = 6
    out = io.BytesIO()
    img.save(out, "JPEG", exif=exif.tobytes(), quality=95)
    return out.getvalue()


def grey16_png() -> bytes:
    """A 16-bit grey left-to-right ramp from black to white."""
    img = Image.new("I;16", (256, 64))
    img.putdata([x * 257 for _ in range(64) for x in range(256)])
    out = io.BytesIO()
    img.save(out, "PNG")
    return out.getvalue()


def rgb16_png() -> bytes:
    """A 16-bit RGB PNG (Pillow cannot write one), mid grey, written chunk by chunk."""
    width, height = 32, 16
    row = b"\x00" + struct.pack(">HHH", 0x8000, 0x8000, 0x8000) * width
    def chunk(kind: bytes, data: bytes) -> bytes:
        return (struct.pack(">I", len(data)) + kind + data
                + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF))
    header = struct.pack(">IIBBBBB", width, height, 16, 2, 0, 0, 0)
    return (images.PNG_SIGNATURE + chunk(b"IHDR", header)
            + chunk(b"IDAT", zlib.compress(row * height)) + chunk(b"IEND", b""))


def _saved(img: Image.Image, fmt: str, **options: object) -> bytes:
    out = io.BytesIO()
    img.save(out, fmt, **options)
    return out.getvalue()


def palette_png() -> bytes:
    return _saved(Image.new("RGB", (120, 80), RED).convert("P", palette=Image.Palette.ADAPTIVE,
                                                            colors=4), "PNG")


def grey_alpha_png() -> bytes:
    return _saved(Image.new("LA", (120, 80), (90, 160)), "PNG")


def cmyk_jpeg() -> bytes:
    return _saved(Image.new("CMYK", (120, 80), (0, 220, 220, 0)), "JPEG", quality=95)


def mpo() -> bytes:
    first, second = Image.new("RGB", (160, 120), BLUE), Image.new("RGB", (160, 120), RED)
    return _saved(first, "MPO", save_all=True, append_images=[second])


def _open(picture: images.Picture) -> Image.Image:
    img = Image.open(io.BytesIO(picture.data))
    img.load()
    return img


def test_a_rotated_photo_is_turned_upright() -> None:
    img = _open(images.convert(rotated_jpeg()))
    assert img.size == (200, 400)
    assert images.orientation(img) == 1
    top, bottom = img.getpixel((100, 20)), img.getpixel((100, 380))
    assert isinstance(top, tuple) and isinstance(bottom, tuple)
    assert top[0] > 180 and top[2] < 80, top  # red at the top
    assert bottom[2] > 180 and bottom[0] < 80, bottom


def test_16_bit_grey_keeps_its_tones() -> None:
    picture = images.convert(grey16_png())
    img = _open(picture)
    assert picture.mime == "image/png" and img.mode == "L"
    assert img.getpixel((0, 10)) == 0 and img.getpixel((255, 10)) == 255
    assert abs(int(img.getpixel((128, 10))) - 128) <= 1  # not clipped to white, not black


def test_16_bit_rgb_becomes_8_bit() -> None:
    data = rgb16_png()
    assert Image.open(io.BytesIO(data)).mode == "RGB"  # what Pillow says of it
    img = _open(images.convert(data))
    assert img.mode == "RGB" and img.getpixel((3, 3)) == (128, 128, 128)
    assert images.convert(data).data[24] == 8


@pytest.mark.parametrize(("make", "mode", "colour"), [
    (palette_png, "RGB", RED),
    (grey_alpha_png, "RGBA", (90, 90, 90, 160)),
])
def test_palette_and_grey_alpha_become_rgb(make: object, mode: str, colour: tuple[int, ...]
                                           ) -> None:
    img = _open(images.convert(make()))  # type: ignore[operator]
    assert img.mode == mode and img.getpixel((5, 5)) == colour


def test_cmyk_becomes_rgb_jpeg() -> None:
    picture = images.convert(cmyk_jpeg())
    img = _open(picture)
    assert picture.mime == "image/jpeg" and img.mode == "RGB"
    r, g, b = img.getpixel((5, 5))  # type: ignore[misc]
    assert r > 230 and g < 60 and b < 60


def test_mpo_gives_its_first_frame() -> None:
    picture = images.convert(mpo())
    img = _open(picture)
    assert img.format == "JPEG" and getattr(img, "n_frames", 1) == 1
    r, _, b = img.getpixel((5, 5))  # type: ignore[misc]
    assert b > 180 and r < 80


def test_conversion_is_deterministic_and_plain_pictures_pass_through() -> None:
    for make in (rotated_jpeg, grey16_png, palette_png, grey_alpha_png, cmyk_jpeg, mpo):
        data = make()
        assert images.convert(data).data == images.convert(data).data
        assert images.convert(data).data != data
    plain = _saved(Image.new("RGB", (20, 10), RED), "PNG")
    assert images.convert(plain).data == plain


def test_the_reader_measures_the_picture_as_it_is_seen(tmp_path: Path) -> None:
    path = tmp_path / "photo.jpg"
    path.write_bytes(rotated_jpeg())
    diag = Collector()
    assert check_image(path, "photo.jpg", SourcePos("x.md", 1, 1), diag) == (200, 400)
    assert not diag.items


# --- both outputs, end to end ---------------------------------------------------------------

PICTURES = {
    "images/phone photo.jpg": rotated_jpeg,
    "images/ramp 16-bit.png": grey16_png,
    "images/палитра.png": palette_png,
    "images/grey alpha.png": grey_alpha_png,
    "images/print cmyk.jpg": cmyk_jpeg,
    "images/camera.mpo": mpo,
}
# Written as an author may write them: <...> with spaces, percent-encoded, plain Unicode.
DESTINATIONS = {
    "images/phone photo.jpg": "<../images/phone photo.jpg>",
    "images/ramp 16-bit.png": "../images/ramp%2016-bit.png",
    "images/палитра.png": "../images/палитра.png",
    "images/grey alpha.png": "<../images/grey alpha.png>",
    "images/print cmyk.jpg": "../images/print%20cmyk.jpg",
    "images/camera.mpo": "../images/camera.mpo",
}


@pytest.fixture(scope="module")
def photo_build(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    root = tmp_path_factory.mktemp("photos") / "lecture"
    shutil.copytree(LECTURES / "mini", root)
    for name, make in PICTURES.items():
        (root / name).write_bytes(make())
    chapter = root / "chapters" / "02-argument.md"
    attrs = '{alt="A test picture" credit="Photo: test"}'
    figures = "".join(f"\n![{Path(name).stem}]({DESTINATIONS[name]}){attrs}\n"
                      for name in PICTURES)
    chapter.write_text(chapter.read_text(encoding="utf-8") + figures, encoding="utf-8")
    out = root.parent / "out"
    build(root, out)
    return root, out


def test_every_kind_of_picture_is_read(photo_build: tuple[Path, Path]) -> None:
    root, _ = photo_build
    lecture, warnings = load_lecture(root)
    assert not warnings
    figures = {f.path.name: f for c in lecture.chapters for f in walk_inlines(c.body)
               if isinstance(f, Figure)}
    assert set(figures) >= {Path(name).name for name in PICTURES}
    assert (figures["phone photo.jpg"].width, figures["phone photo.jpg"].height) == (200, 400)


def test_the_slides_show_every_picture_upright_and_8_bit(photo_build: tuple[Path, Path]) -> None:
    _, out = photo_build
    deck = Presentation(str(next(out.glob("*.pptx"))))
    sizes = []
    for slide in deck.slides:
        for shape in slide.shapes:
            if shape.shape_type != MSO_SHAPE_TYPE.PICTURE:
                continue
            img = Image.open(io.BytesIO(shape.image.blob))
            sizes.append(img.size)
            assert img.mode in ("L", "RGB", "RGBA"), img.mode
            assert images.orientation(img) == 1
            # The box has the picture's proportions: an upright photo in an upright box.
            assert abs(shape.width / shape.height - img.width / img.height) < 0.02
    assert (200, 400) in sizes and (256, 64) in sizes and (160, 120) in sizes, sizes


def _pdf_images(path: Path) -> list[Image.Image]:
    """Every picture of a PDF, decoded from its XObject (pypdf's own decoder trips on masks)."""
    found = {}
    for page in pypdf.PdfReader(path).pages:
        resources = page.get("/Resources") or {}
        for ref in (resources.get("/XObject") or {}).values():
            obj = ref.get_object()
            if obj.get("/Subtype") != "/Image" or id(obj) in found:
                continue
            data, size = obj.get_data(), (int(obj["/Width"]), int(obj["/Height"]))
            assert int(obj["/BitsPerComponent"]) == 8
            if obj.get("/Filter") == "/DCTDecode":
                found[id(obj)] = Image.open(io.BytesIO(data))
            else:
                mode = {"/DeviceGray": "L", "/DeviceRGB": "RGB"}[obj["/ColorSpace"]]
                found[id(obj)] = Image.frombytes(mode, size, data)
    return list(found.values())


def test_the_booklet_shows_every_picture_upright_and_8_bit(photo_build: tuple[Path, Path]
                                                           ) -> None:
    _, out = photo_build
    found = _pdf_images(next(p for p in out.glob("*.pdf") if "-print" not in p.name))
    photo = next(img for img in found if img.size == (200, 400))  # upright
    r, _, b = photo.convert("RGB").getpixel((100, 20))  # type: ignore[misc]
    assert r > 180 and b < 80  # red at the top
    ramp = next(img for img in found if img.size == (256, 64))
    assert ramp.mode == "L"
    assert ramp.getpixel((0, 5)) < 10 and ramp.getpixel((255, 5)) > 245  # type: ignore[operator]
    assert 100 < ramp.getpixel((128, 5)) < 156  # type: ignore[operator]  # a ramp, not black


@pytest.mark.parametrize(("on_disk", "written"), [
    ("100% red.png", "<../images/100% red.png>"),
    ("a%20b.png", "../images/a%2520b.png"),
    (unicodedata.normalize("NFD", "café.png"), unicodedata.normalize("NFC", "../images/café.png")),
    ("my picture.png", "../images/my%20picture.png"),
])
def test_picture_names_as_authors_write_them(lecture: Path, on_disk: str, written: str) -> None:
    (lecture / "images" / on_disk).write_bytes(palette_png())
    chapter = lecture / "chapters" / "02-argument.md"
    chapter.write_text(chapter.read_text(encoding="utf-8")
                       + f"\n![x]({written}){{credit=\"c\"}}\n", encoding="utf-8")
    loaded, _ = load_lecture(lecture)
    names = [f.path.name for c in loaded.chapters for f in walk_inlines(c.body)
             if isinstance(f, Figure)]
    assert on_disk in names
