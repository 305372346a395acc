"""Charts and SmartArt diagrams drawn as pictures by LibreOffice, where it is installed."""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path

from .read import Pending
from .types import Deck, PicturePart

TIMEOUT = 120  # seconds for LibreOffice to draw the whole deck
DPI = 150


def rendered(path: Path, deck: Deck, pending: tuple[Pending, ...]
             ) -> tuple[dict[Pending, PicturePart], str]:
    """Each chart or diagram as a picture cut from LibreOffice's PDF of the deck, and why
    none could be drawn when that is so."""
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    pdftoppm = shutil.which("pdftoppm")
    if not soffice or not pdftoppm:
        return {}, "LibreOffice and pdftoppm are needed to keep it as a picture"
    out: dict[Pending, PicturePart] = {}
    with tempfile.TemporaryDirectory(prefix="lectern-import-") as folder:
        work = Path(folder)
        source = work / ("deck" + path.suffix.lower().replace("potx", "pptx")
                         .replace("ppsx", "pptx"))
        shutil.copyfile(path, source)
        pdf = _pdf(soffice, source, work)
        if pdf is None:
            return {}, "LibreOffice could not draw the deck"
        pages = _pages(deck)
        for item in pending:
            page = pages.get(item.slide)
            if page is None:
                continue
            blob = _cut(pdftoppm, pdf, page, item, deck, work)
            if blob:
                out[item] = PicturePart(item.name, blob, "png", "", item.frame,
                                        rendered=item.kind)
    return out, "LibreOffice could not draw it"


def _pdf(soffice: str, source: Path, work: Path) -> Path | None:
    profile = (work / "profile").as_uri()
    try:
        subprocess.run([soffice, f"-env:UserInstallation={profile}", "--headless",
                        "--convert-to", "pdf", "--outdir", str(work), str(source)],
                       capture_output=True, timeout=TIMEOUT, check=False)
    except (OSError, subprocess.TimeoutExpired):
        return None
    pdf = source.with_suffix(".pdf")
    return pdf if pdf.exists() else None


def _pages(deck: Deck) -> dict[int, int]:
    """Each shown slide's page in LibreOffice's PDF (hidden slides are not exported)."""
    pages: dict[int, int] = {}
    for slide in deck.slides:
        if not slide.hidden:
            pages[slide.number] = len(pages) + 1
    return pages


def _cut(pdftoppm: str, pdf: Path, page: int, item: Pending, deck: Deck,
         work: Path) -> bytes | None:
    scale = DPI / 914400
    x, y = max(0, int(item.frame.x * scale)), max(0, int(item.frame.y * scale))
    w = max(1, min(int(item.frame.w * scale), int(deck.width * scale) - x))
    h = max(1, min(int(item.frame.h * scale), int(deck.height * scale) - y))
    stem = work / f"cut-{item.slide}-{x}-{y}"
    try:
        subprocess.run([pdftoppm, "-f", str(page), "-l", str(page), "-r", str(DPI),
                        "-x", str(x), "-y", str(y), "-W", str(w), "-H", str(h), "-png",
                        "-singlefile", str(pdf), str(stem)],
                       capture_output=True, timeout=TIMEOUT, check=False)
    except (OSError, subprocess.TimeoutExpired):
        return None
    png = stem.with_suffix(".png")
    if not png.exists():
        return None
    blob = png.read_bytes()
    return None if _blank(blob) else blob


def _blank(blob: bytes) -> bool:
    """Whether a cut is one colour: LibreOffice drew nothing there."""
    import io

    from PIL import Image

    with Image.open(io.BytesIO(blob)) as image:
        return image.convert("RGB").getcolors(1) is not None
