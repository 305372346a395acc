"""Pictures that cost a viewer more than their pixels: a progressive JPEG of many scans is
saved again as a baseline JPEG in every output, or refused when even that costs too much;
the pixels of any picture are counted from its header."""

from __future__ import annotations

import io
import shutil
import zipfile
import zlib
from pathlib import Path

import pikepdf
import pytest
from PIL import Image

from lectern import limits
from lectern.diagnostics import LectureInvalid
from lectern.pipeline import build, check
from tests.conftest import LECTURES

FRONT = "---\ntitle: T\nsummary: s\nkey_points: [a]\nnotes: n\n---\n\n"


def _segments(data: bytes) -> list[tuple[int, int, int]]:
    """(marker, start, end) of each JPEG segment, a scan's entropy-coded data included."""
    out, pos = [], 2
    while pos < len(data):
        marker = data[pos + 1]
        if marker == 0xD9:
            out.append((marker, pos, pos + 2))
            break
        end = pos + 2 + int.from_bytes(data[pos + 2:pos + 4], "big")
        if marker == 0xDA:
            while data[end] != 0xFF or data[end + 1] in (0x00, *range(0xD0, 0xD8)):
                end += 1
        out.append((marker, pos, end))
        pos = end
    return out


def many_scans(size: tuple[int, int], extra: int) -> bytes:
    """A progressive JPEG with `extra` more scans: its first (DC) scan repeated."""
    out = io.BytesIO()
    Image.linear_gradient("L").resize(size).convert("RGB").save(out, "JPEG", progressive=True)
    data = out.getvalue()
    scans = [s for s in _segments(data) if s[0] == 0xDA]
    first = data[scans[0][1]:scans[0][2]]
    return data[:scans[-1][2]] + first * extra + data[scans[-1][2]:]


def scan_count(data: bytes) -> int:
    return sum(1 for s in _segments(data) if s[0] == 0xDA)


def _lecture(tmp_path: Path, picture: bytes) -> Path:
    root = tmp_path / "lecture"
    shutil.copytree(LECTURES / "mini", root)
    (root / "images" / "scans.jpg").write_bytes(picture)
    (root / "chapters" / "02-argument.md").write_text(
        FRONT + '![Scans](../images/scans.jpg){credit="A test" alt="A test picture"}\n',
        encoding="utf-8")
    return root


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    tmp = tmp_path_factory.mktemp("scans")
    picture = many_scans((96, 64), limits.MAX_JPEG_SCANS + 8)
    assert scan_count(picture) > limits.MAX_JPEG_SCANS
    out = tmp / "out"
    build(_lecture(tmp, picture), out, ("booklet", "deck"), parallel=False)
    return out


def _jpegs_in_pdf(path: Path) -> list[bytes]:
    found = []
    with pikepdf.open(path) as pdf:
        for page in pdf.pages:
            # The pictures of the page itself (not those inside its forms).
            xobjects = page.obj.get("/Resources", {}).get("/XObject", {})
            for _, image in xobjects.items():
                if image.get("/Subtype") == "/Image" and \
                        image.get("/Filter") == "/DCTDecode" and image.Width == 96:
                    found.append(image.read_raw_bytes())
    return found


def test_a_jpeg_of_many_scans_is_baseline_in_the_booklet(built: Path) -> None:
    booklet = next(p for p in built.glob("*.pdf") if not p.stem.endswith("-print"))
    pictures = _jpegs_in_pdf(booklet)
    assert pictures
    for data in pictures:
        assert scan_count(data) == 1
        with Image.open(io.BytesIO(data)) as img:
            assert img.size == (96, 64) and not img.info.get("progressive")


def test_a_jpeg_of_many_scans_is_baseline_in_the_deck(built: Path) -> None:
    with zipfile.ZipFile(next(built.glob("*.pptx"))) as deck:
        media = [deck.read(n) for n in deck.namelist() if n.endswith((".jpg", ".jpeg"))]
    assert media and all(scan_count(data) == 1 for data in media)


def test_a_progressive_jpeg_of_few_scans_is_kept_byte_for_byte(tmp_path: Path) -> None:
    from lectern.images import picture

    path = tmp_path / "few.jpg"
    path.write_bytes(many_scans((40, 30), 0))
    assert 1 < scan_count(path.read_bytes()) <= limits.MAX_JPEG_SCANS
    assert picture(path).data == path.read_bytes()


def test_a_jpeg_whose_scans_cost_too_much_is_refused_at_its_line(tmp_path: Path) -> None:
    picture = bytearray(many_scans((16, 16), 0))
    # The header says 6,000 × 6,000 pixels: 60 scans of them pass the limit, and nothing is
    # decoded to find that out (the scans hold 16 × 16 pixels' worth of data).
    sof = next(s for s in _segments(bytes(picture)) if s[0] == 0xC2)
    picture[sof[1] + 5:sof[1] + 9] = (6000).to_bytes(2, "big") * 2
    scans = [s for s in _segments(bytes(picture)) if s[0] == 0xDA]
    first = bytes(picture[scans[0][1]:scans[0][2]])
    data = bytes(picture[:scans[-1][2]]) + first * 60 + bytes(picture[scans[-1][2]:])
    with pytest.raises(LectureInvalid) as raised:
        check(_lecture(tmp_path, data), ("booklet",))
    messages = [d.format() for d in raised.value.diagnostics]
    assert any(":8:1: error: image 'images/scans.jpg' is a progressive JPEG of" in text
               and "baseline" in text for text in messages), messages


@pytest.mark.parametrize("fmt", ["GIF", "PNG", "TIFF", "BMP", "WEBP"])
def test_pixels_are_counted_from_the_header_of_every_format(tmp_path: Path, fmt: str) -> None:
    root = _lecture(tmp_path, HUGE_HEADERS[fmt]())
    with pytest.raises(LectureInvalid) as raised:
        check(root, ("booklet",))
    text = "\n".join(d.format() for d in raised.value.diagnostics)
    assert "02-argument.md:8:1: error: image 'images/scans.jpg'" in text, text
    # Refused for its pixels, or for its format before any pixel is read.
    assert "pixels" in text or f"is {fmt}".lower() in text.lower(), text


SIDE = 13_000  # 169 million pixels in the header, none behind it


def _png() -> bytes:
    head = SIDE.to_bytes(4, "big") * 2 + bytes([1, 0, 0, 0, 0])
    return (b"\x89PNG\r\n\x1a\n" + _chunk(b"IHDR", head)
            + _chunk(b"IDAT", zlib.compress(b"\0")) + _chunk(b"IEND", b""))


def _chunk(kind: bytes, body: bytes) -> bytes:
    return (len(body).to_bytes(4, "big") + kind + body
            + zlib.crc32(kind + body).to_bytes(4, "big"))


def _gif() -> bytes:
    out = io.BytesIO()
    Image.new("L", (8, 8)).save(out, "GIF")
    data = bytearray(out.getvalue())
    data[6:10] = SIDE.to_bytes(2, "little") * 2  # the logical screen
    return bytes(data)


def _tiff() -> bytes:
    entries = [(256, 4, SIDE), (257, 4, SIDE), (258, 3, 1), (259, 3, 1), (262, 3, 1),
               (273, 4, 8), (278, 4, SIDE), (279, 4, SIDE * SIDE // 8)]
    ifd = len(entries).to_bytes(2, "little") + b"".join(
        tag.to_bytes(2, "little") + kind.to_bytes(2, "little") + (1).to_bytes(4, "little")
        + value.to_bytes(4, "little") for tag, kind, value in entries) + bytes(4)
    return b"II*\0" + (8).to_bytes(4, "little") + ifd


def _bmp() -> bytes:
    info = (40).to_bytes(4, "little") + SIDE.to_bytes(4, "little") * 2 + (1).to_bytes(
        2, "little") + (1).to_bytes(2, "little") + bytes(24)
    return b"BM" + (62).to_bytes(4, "little") + bytes(4) + (62).to_bytes(4, "little") + info \
        + bytes(8)


def _webp() -> bytes:
    bits = (SIDE - 1) | (SIDE - 1) << 14
    body = b"\x2f" + bits.to_bytes(4, "little") + bytes(8)
    chunk = b"VP8L" + len(body).to_bytes(4, "little") + body
    return b"RIFF" + (4 + len(chunk)).to_bytes(4, "little") + b"WEBP" + chunk


HUGE_HEADERS = {"PNG": _png, "GIF": _gif, "TIFF": _tiff, "BMP": _bmp, "WEBP": _webp}


def test_the_pictures_of_a_lecture_share_a_pixel_limit(tmp_path: Path,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    root = _lecture(tmp_path, many_scans((40, 30), 0))
    other = root / "images" / "other.png"
    Image.new("RGB", (40, 30)).save(other)
    monkeypatch.setattr(limits, "MAX_LECTURE_PIXELS", 40 * 30 + 1)
    figure = '![{}](../images/{}){{credit="A test" alt="A test picture"}}\n\n'
    chapter = root / "chapters" / "02-argument.md"
    chapter.write_text(FRONT + figure.format("A", "scans.jpg") * 2, encoding="utf-8")
    check(root, ("booklet",))  # the same file twice counts once
    chapter.write_text(FRONT + figure.format("A", "scans.jpg") + figure.format("B", "other.png"),
                       encoding="utf-8")
    with pytest.raises(LectureInvalid) as raised:
        check(root, ("booklet",))
    messages = [d.format() for d in raised.value.diagnostics]
    assert messages == ["chapters/02-argument.md:10:1: error: with the image 'images/other.png' "
                        "the lecture's pictures have more than 0 million pixels, the limit "
                        "(save smaller copies: a page or a slide shows about 2,000 pixels "
                        "across)"], messages


def test_a_jpeg_of_too_many_markers_is_refused_at_its_line(tmp_path: Path) -> None:
    data = many_scans((16, 16), 0)
    comment = b"\xff\xfe\x00\x03x"  # a comment segment of one byte, 4,097 of them
    data = data[:2] + comment * (limits.MAX_JPEG_MARKERS + 1) + data[2:]
    with pytest.raises(LectureInvalid) as raised:
        check(_lecture(tmp_path, data), ("booklet",))
    messages = [d.format() for d in raised.value.diagnostics]
    assert messages == ["chapters/02-argument.md:8:1: error: image 'images/scans.jpg' is a JPEG "
                        f"of more than {limits.MAX_JPEG_MARKERS:,} markers (the limit; a JPEG "
                        "has a few dozen) (save it again as a baseline JPEG)"], messages
