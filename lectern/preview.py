"""Preview a lecture as PNG: key booklet pages, a handout page and every slide."""

from __future__ import annotations

import argparse
import re
import sys
from collections.abc import Sequence
from pathlib import Path

from . import model as m
from .diagnostics import LecternError, SystemMissing
from .pipeline import build
from .terminal import say, say_lines

DPI = 110
PREVIEW_HINT = "install the preview extra: pip install 'lectern[preview]' (it brings pypdfium2)"


def require_pdfium() -> None:
    """Raise SystemMissing unless pypdfium2, which renders PDF pages to pictures, is there."""
    try:
        import pypdfium2  # noqa: F401
    except ImportError:
        raise SystemMissing(f"previews need pypdfium2, which is not installed ({PREVIEW_HINT})"
                            ) from None


def page_texts(pdf: Path) -> list[str]:
    """The text of every page, whitespace collapsed, letter-spaced capitals joined."""
    import pypdfium2 as pdfium

    document = pdfium.PdfDocument(pdf)
    try:
        texts = [document[i].get_textpage().get_text_range() for i in range(len(document))]
    finally:
        document.close()
    return [re.sub(r"\s+", " ", t.replace("\ufffe", "")).strip() for t in texts]


def key_pages(lecture: m.Lecture, texts: list[str]) -> dict[str, int]:
    """0-based page numbers worth looking at, by name, in reading order."""
    found: dict[str, int] = {"cover": 0}

    def first(name: str, test: object) -> None:
        for index, text in enumerate(texts):
            if callable(test) and test(text):
                found.setdefault(name, index)
                return

    first("contents", lambda t: t.startswith("Contents"))
    first("chapter-opener", lambda t: bool(re.match(r"C ?H ?A ?P ?T ?E ?R ?1\b", t)))
    quotes = [q.quote.text[:30] for c in lecture.chapters for q in c.body
              if isinstance(q, m.PullQuote)]
    notes = [m.plain_text(n.note[0].content)[-25:]  # type: ignore[union-attr]
             for c in lecture.chapters for n in c.footnotes() if n.note]
    first("footnote-and-quote", lambda t: any(q in t for q in quotes)
          and any(n in t for n in notes))
    first("pull-quote", lambda t: any(q in t for q in quotes))
    first("footnote", lambda t: any(n in t for n in notes))
    first("timeline", lambda t: t.startswith("Timeline"))
    first("glossary", lambda t: t.startswith("Glossary"))
    first("notes", lambda t: t.replace(" ", "") == "NOTES")
    found["back-cover"] = len(texts) - 1
    return dict(sorted(found.items(), key=lambda item: item[1]))


def render_pngs(pdf: Path, pages: dict[str, int], out: Path, prefix: str) -> list[Path]:
    """Render the named pages of `pdf` to PNG files in `out`."""
    import pypdfium2 as pdfium

    document = pdfium.PdfDocument(pdf)
    written = []
    try:
        for name, index in pages.items():
            target = out / f"{prefix}-{index + 1:02d}-{name}.png"
            document[index].render(scale=DPI / 72).to_pil().save(target)
            written.append(target)
    finally:
        document.close()
    return written


def slide_pngs(slides_pdf: Path, out: Path) -> tuple[list[Path], list[str]]:
    """Render every page of lectern's own slides PDF to PNG (no LibreOffice needed).

    Returns the pictures and each slide's text (both empty when there is no slides PDF).
    """
    if not slides_pdf.exists():
        return [], []
    texts = page_texts(slides_pdf)
    pictures = render_pngs(slides_pdf, {f"slide{i + 1:02d}": i for i in range(len(texts))}, out,
                           "deck")
    return pictures, texts


def readme_pictures(lecture: m.Lecture, booklet: list[Path], slides: list[Path],
                    slide_texts: list[str], dest: Path, handout: Path | None = None
                    ) -> list[Path]:
    """The README's pictures: a text page with a pull quote, a quote slide and a page of
    the handout."""
    from PIL import Image

    dest.mkdir(parents=True, exist_ok=True)
    page = next((p for name in ("footnote-and-quote", "pull-quote", "chapter-opener")
                 for p in booklet if p.stem.endswith(name)), booklet[0])
    originals = [q.original[:12] for q in lecture.quotes() if q.original]
    slide = next((picture for picture, text in zip(slides, slide_texts, strict=True)
                  if any(o in text for o in originals)), slides[1] if len(slides) > 1 else None)
    chosen = [(page, dest / "booklet-page.png", 560)]
    if slide is not None:
        chosen.append((slide, dest / "slide.png", 800))
    if handout is not None:
        chosen.append((handout, dest / "handout-page.png", 420))
    for source, target, width in chosen:
        with Image.open(source) as image:
            height = round(image.height * width / image.width)
            image.convert("RGB").resize((width, height), Image.Resampling.LANCZOS).save(target,
                                                                             optimize=True)
    return [target for _, target, _ in chosen]


def preview(root: Path, out: Path, readme: Path | None = None) -> list[Path]:
    """Build the lecture into `out` and write preview PNGs into `out`/preview.

    With `readme`, also write the README's two pictures into that folder. Raises
    SystemMissing without pypdfium2 (before anything is built).
    """
    require_pdfium()
    result = build(root, out)
    lecture = result.lecture if result.lecture is not None else _load(root)
    folder = out / "preview"
    folder.mkdir(parents=True, exist_ok=True)
    for old in folder.glob("*.png"):
        old.unlink()
    pdf = out / f"{lecture.name}.pdf"
    written = render_pngs(pdf, key_pages(lecture, page_texts(pdf)), folder, "booklet")
    written += render_pngs(out / f"{lecture.name}-print.pdf", {"sheet1-front": 0}, folder,
                           "print")
    booklet = list(written)
    # The handout's second page: slides of a chapter, not the title and overview.
    handout_pdf = out / f"{lecture.name}-handout.pdf"
    handout = render_pngs(handout_pdf, {"page": min(1, _page_count(handout_pdf) - 1)},
                          folder, "handout")
    written += handout
    slides, slide_texts = slide_pngs(out / f"{lecture.name}-slides.pdf", folder)
    written += slides
    if readme is not None:
        written += readme_pictures(lecture, booklet, slides, slide_texts, readme, handout[0])
    return written


def _page_count(pdf: Path) -> int:
    import pypdfium2 as pdfium

    document = pdfium.PdfDocument(pdf)
    try:
        return len(document)
    finally:
        document.close()


def _load(root: Path) -> m.Lecture:
    from .readers.lecture import load_lecture

    return load_lecture(root)[0]


def main(argv: Sequence[str] | None = None) -> int:
    """`python -m lectern.preview`: render a lecture's pages and slides to PNG files."""
    parser = argparse.ArgumentParser(prog="python -m lectern.preview",
                                     description="Render booklet pages and slides to PNG.")
    parser.add_argument("dir", type=Path, help="the lecture folder")
    parser.add_argument("--out", type=Path, default=Path("build"), help="the output folder")
    parser.add_argument("--readme", type=Path, default=None,
                        help="also write the README's pictures into this folder")
    args = parser.parse_args(argv)
    try:
        written = preview(args.dir, args.out, args.readme)
    except LecternError as exc:
        say_lines(exc.format(), err=True)
        return exc.exit_code
    for path in written:
        say(str(path))
    return 0


if __name__ == "__main__":
    sys.exit(main())
