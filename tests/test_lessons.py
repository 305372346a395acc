"""Real lessons built whole: a technical one (R and Python, an eight-column table, DOIs) and a
humanities one in Spanish and French, checked in the PDFs and the deck a reader gets."""

from __future__ import annotations

import re
import shutil
from collections.abc import Iterator
from pathlib import Path

import pypdf
import pytest
import uharfbuzz as hb
from pptx import Presentation
from pptx.util import Emu

from lectern import model as m
from lectern.diagnostics import LectureInvalid
from lectern.paths import FONTS
from lectern.pipeline import build
from lectern.readers.lecture import load_lecture

LESSONS = Path(__file__).parent / "fixtures" / "lessons"
NARROW = "\u202f"


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Each lesson built once into its own folder."""
    out = {}
    for name in ("datos", "imprenta-es", "imprenta-fr"):
        folder = tmp_path_factory.mktemp(name)
        build(LESSONS / name, folder, parallel=False)
        out[name] = folder
    return out


def _file(folder: Path, suffix: str) -> Path:
    others = ("-print.pdf", "-slides.pdf", "-handout.pdf")
    found = [p for p in folder.iterdir() if p.name.endswith(suffix)
             and (suffix.startswith("-") or not p.name.endswith(others))]
    assert len(found) == 1, found
    return found[0]


def _pages(pdf: Path) -> list[str]:
    return [page.extract_text() for page in pypdf.PdfReader(pdf).pages]


def _lines(pdf: Path) -> Iterator[str]:
    for text in _pages(pdf):
        yield from text.splitlines()


# --- licence and attribution ------------------------------------------------------------


def test_cover_and_colophon_print_the_licence_and_the_adapted_work(built: dict[str, Path]) -> None:
    pages = _pages(_file(built["datos"], ".pdf"))
    credit = ("Adaptado de «Análisis de datos para las ciencias sociales», de Marta Quiroga, "
              "CC BY 4.0")
    cover, colophon = (" ".join(p.split()) for p in pages[:2])
    assert credit in cover and "Licencia: CC BY 4.0" in cover
    assert credit in colophon
    assert "https://creativecommons.org/licenses/by/4.0/" in colophon.replace(" ", "")


def test_roles_print_beside_their_author_never_as_an_author(built: dict[str, Path]) -> None:
    pdf = _file(built["datos"], ".pdf")
    lines = [" ".join(line.split()) for line in _lines(pdf)][:8]
    assert "Marta Quiroga (lección original)" in lines
    assert "Tomás Ferreyra (adaptación para clase)" in lines
    assert pypdf.PdfReader(pdf).metadata["/Author"] == "Marta Quiroga, Tomás Ferreyra"
    deck = Presentation(str(_file(built["datos"], ".pptx")))
    assert deck.core_properties.author == "Marta Quiroga; Tomás Ferreyra"


def test_files_carry_the_licence_in_their_metadata(built: dict[str, Path]) -> None:
    for name in (".pdf", "-slides.pdf", "-print.pdf", "-handout.pdf"):
        rights = pypdf.PdfReader(_file(built["datos"], name)).metadata["/rights"]
        assert "Licencia: CC BY 4.0." in rights and "https://example.org/lecciones" in rights
    deck = Presentation(str(_file(built["datos"], ".pptx")))
    assert deck.core_properties.comments.startswith("Adaptado de «Análisis de datos")
    notes = deck.slides[0].notes_slide.notes_text_frame.text
    assert "Licencia: CC BY 4.0." in notes and "Adaptado de «" in notes


def test_french_lesson_names_its_licence_in_french(built: dict[str, Path]) -> None:
    colophon = _pages(_file(built["imprenta-fr"], ".pdf"))[1]
    assert f"Licence{NARROW}: CC BY-SA 4.0" in colophon
    assert "https://creativecommons.org/licenses/by-sa/4.0/" in colophon.replace(" ", "").replace(
        "\n", "")


def _copy(name: str, tmp_path: Path) -> Path:
    target = tmp_path / name
    shutil.copytree(LESSONS / name, target)
    return target


def test_adapting_a_cc_by_work_without_a_licence_is_warned(tmp_path: Path) -> None:
    root = _copy("datos", tmp_path)
    yaml = root / "lecture.yaml"
    yaml.write_text(yaml.read_text(encoding="utf-8").replace("license: CC-BY-4.0\n", "", 1),
                    encoding="utf-8")
    _, warnings = load_lecture(root)
    found = [w for w in warnings if "license" in w.message]
    lines = yaml.read_text(encoding="utf-8").splitlines()
    assert found and "CC BY 4.0" in found[0].message
    assert lines[found[0].pos.line - 1].strip() == "license: CC-BY-4.0"  # the original's
    _, before = load_lecture(LESSONS / "datos")
    assert not [w for w in before if "license" in w.message]


# --- tables -----------------------------------------------------------------------------


NUMBERS = ("160 412", "552 902", "694 330", "81 455", "29 903")
CITIES = ("Almirante", "Avellaneda", "Echeverría", "Florencio", "Febrero")


def _table_page(pdf: Path) -> tuple[int, str]:
    return next((i, t) for i, t in enumerate(_pages(pdf)) if "Hogares y personas" in t)


def test_booklet_numbers_never_wrap_and_names_are_not_hyphenated(built: dict[str, Path]) -> None:
    _, text = _table_page(_file(built["datos"], ".pdf"))
    flat = text.replace(NARROW, " ").replace("\u00a0", " ")
    for number in NUMBERS:
        assert number in flat, number  # on one line: a wrapped number has a newline inside
    for city in CITIES:
        assert city in text, city
    table_lines = flat.split("Hogares y personas")[1].split("En R,")[0].splitlines()
    assert not [line for line in table_lines if line.rstrip().endswith("-")]


def test_booklet_table_stays_inside_the_text_area(built: dict[str, Path]) -> None:
    import pypdfium2 as pdfium

    pdf = _file(built["datos"], ".pdf")
    index, _ = _table_page(pdf)
    document = pdfium.PdfDocument(pdf)
    try:
        image = document[index].render(scale=2).to_pil().convert("L")
    finally:
        document.close()
    mm = image.width / 148  # A5
    inked = [x for x in range(image.width)
             if image.crop((x, 0, x + 1, image.height)).getextrema()[0] < 128]
    # The narrowest margin of an A5 page is 14 mm; the table's rules and digits stay inside.
    assert inked[0] >= 13 * mm and inked[-1] <= image.width - 13 * mm


def _carlito_width(text: str, size: float, bold: bool = False) -> float:
    """Width in points of `text` in Carlito, shaped by HarfBuzz here (not lectern's measurer)."""
    face = hb.Face(hb.Blob.from_file_path(str(FONTS / "carlito" /
                                              f"Carlito-{'Bold' if bold else 'Regular'}.ttf")))
    font = hb.Font(face)
    buf = hb.Buffer()
    buf.add_str(text)
    buf.guess_segment_properties()
    hb.shape(font, buf, {"kern": True, "liga": True})
    return sum(p.x_advance for p in buf.glyph_positions) / face.upem * size


def test_deck_table_gives_each_number_its_whole_width(built: dict[str, Path]) -> None:
    deck = Presentation(str(_file(built["datos"], ".pptx")))
    tables = [s.table for slide in deck.slides for s in slide.shapes if s.has_table]
    assert tables
    table = tables[0]
    checked = 0
    for row in list(table.rows)[1:]:
        for c, cell in enumerate(row.cells):
            text = cell.text_frame.text
            if not re.fullmatch(r"[\d\s\u202f\u00a0,]+", text):
                continue
            run = cell.text_frame.paragraphs[0].runs[0]
            size = run.font.size.pt
            room = Emu(table.columns[c].width).pt - Emu(cell.margin_left).pt - Emu(
                cell.margin_right).pt
            assert _carlito_width(text, size) <= room, (text, size, room)
            checked += 1
    assert checked >= 30


def test_long_table_breaks_between_rows_with_its_header_repeated(tmp_path: Path) -> None:
    root = _copy("datos", tmp_path)
    chapter = root / "chapters" / "02-resumir.md"
    text = chapter.read_text(encoding="utf-8")
    row = "| Avellaneda | 115 306 | 342 677 | 178 961 | 163 716 | 35,2 | 52 874 | 10,1 |\n"
    chapter.write_text(text.replace(row, row * 40), encoding="utf-8")
    out = tmp_path / "out"
    build(root, out, targets=("booklet",), parallel=False)
    pages = [t for t in _pages(_file(out, ".pdf")) if "115" in t and "306" in t]
    assert len(pages) >= 2
    for page in pages:
        assert "Partido" in page and "Hogares" in page  # the header on every page
    first = pages[0]
    # The table starts on the page of the text before it: no page left mostly empty.
    assert "Los partidos del ejemplo" in first


# --- the language's conventions ------------------------------------------------------------


def _lecture(name: str) -> m.Lecture:
    return load_lecture(LESSONS / name)[0]


def _tables(lecture: m.Lecture) -> list[m.Table]:
    return [n for c in lecture.chapters for n in m.walk_inlines(c.body) if isinstance(n, m.Table)]


def _figures(lecture: m.Lecture) -> list[m.Figure]:
    return [n for c in lecture.chapters for n in m.walk_inlines(c.body)
            if isinstance(n, m.Figure)]


def test_captions_take_the_language_word(built: dict[str, Path]) -> None:
    es, fr = _lecture("imprenta-es"), _lecture("imprenta-fr")
    assert m.plain_text(_tables(es)[0].caption) == "Los oficios del taller."
    assert m.plain_text(_tables(fr)[0].caption) == "Les métiers de l’atelier."
    assert m.plain_text(_figures(es)[0].caption) == "Una caja de tipos vista desde arriba."
    assert m.plain_text(_figures(fr)[0].caption) == "Une casse vue de dessus."
    datos = " ".join(_pages(_file(built["datos"], ".pdf")))
    assert "Hogares y personas por partido" in datos and "Tabla:" not in datos
    french = " ".join(_pages(_file(built["imprenta-fr"], ".pdf")))
    assert "Les métiers de l’atelier" in french and "Tableau" not in french


def test_spanish_asides_are_closed_up_french_ones_spaced(built: dict[str, Path]) -> None:
    spanish = " ".join(" ".join(_pages(_file(built["imprenta-es"], ".pdf"))).split())
    assert "plomo —y qué se gana— con" in spanish
    french = " ".join(" ".join(_pages(_file(built["imprenta-fr"], ".pdf"))).split())
    assert "plomb – et ce qu’on y gagne – c’est" in french


def _order(text: str, terms: list[str]) -> list[str]:
    return sorted(terms, key=lambda t: text.index(t))


def test_glossary_is_in_the_language_alphabetical_order(built: dict[str, Path]) -> None:
    spanish = ["canal", "caña", "colofón", "Éxodo", "incunable", "nómina", "ñandú",
               "tipo móvil", "xilografía"]
    pages = _pages(_file(built["imprenta-es"], ".pdf"))
    glossary = next(t for t in pages if t.lstrip().startswith("Glosario"))
    assert _order(glossary, spanish) == spanish
    french = ["caractère mobile", "casse", "cœur", "colophon", "Écriture", "encre",
              "incunable", "xylographie"]
    pages = _pages(_file(built["imprenta-fr"], ".pdf"))
    glossary = next(t for t in pages if t.lstrip().startswith("Glossaire"))
    assert _order(glossary, french) == french
    deck = Presentation(str(_file(built["imprenta-es"], ".pptx")))
    slide = next(s for s in deck.slides if any(
        sh.has_text_frame and sh.text_frame.text == "Glosario" for sh in s.shapes))
    body = "\n".join(sh.text_frame.text for sh in slide.shapes if sh.has_text_frame)
    assert _order(body, spanish) == spanish


def test_glossary_as_written_keeps_the_authors_order(tmp_path: Path) -> None:
    root = _copy("imprenta-es", tmp_path)
    yaml = root / "lecture.yaml"
    yaml.write_text(yaml.read_text(encoding="utf-8") + "glossary_order: as-written\n",
                    encoding="utf-8")
    terms = [g.term for g in load_lecture(root)[0].glossary]
    assert terms[:3] == ["tipo móvil", "colofón", "incunable"]


def test_an_attribute_value_with_spaces_is_told_to_be_quoted(tmp_path: Path) -> None:
    root = _copy("datos", tmp_path)
    chapter = root / "chapters" / "02-resumir.md"
    text = chapter.read_text(encoding="utf-8")
    chapter.write_text(text.replace('ref="tabla de contingencia"', "ref=tabla de contingencia"),
                       encoding="utf-8")
    with pytest.raises(LectureInvalid) as raised:
        load_lecture(root)
    messages = [d.message for d in raised.value.diagnostics]
    assert any('put it in quotes, ref="tabla de contingencia"' in msg for msg in messages)
    assert not any("needs a value" in msg for msg in messages)


def test_sources_slide_keeps_the_floor_of_other_text_slides(tmp_path: Path) -> None:
    root = _copy("datos", tmp_path)
    yaml = root / "lecture.yaml"
    extra = "".join(f"  - author: Autora {i}\n    title: Un título bastante largo número {i} "
                    f"sobre tablas de datos y su lectura\n    url: https://doi.org/10.1000/{i}\n"
                    for i in range(14))
    text = yaml.read_text(encoding="utf-8")
    yaml.write_text(text.replace("sources:\n", "sources:\n" + extra, 1), encoding="utf-8")
    out = tmp_path / "out"
    build(root, out, targets=("deck",), parallel=False)
    deck = Presentation(str(_file(out, ".pptx")))
    sizes = {}
    for slide in deck.slides:
        texts = [sh for sh in slide.shapes if sh.has_text_frame]
        title = texts[0].text_frame.text if texts else ""
        runs = [r.font.size.pt for sh in texts[1:] for p in sh.text_frame.paragraphs
                for r in p.runs if r.font.size is not None]
        if runs:
            sizes.setdefault(title.split("\u00a0(")[0], []).append(min(runs))
    sources = sizes.get("Fuentes")
    assert sources
    # Body text on lectern's own slides starts at 32 pt and shrinks to 60 % of it at least.
    assert min(sources) >= 0.6 * 32


@pytest.mark.parametrize(("language", "words"), [
    ("ru", ["груша", "ёж", "ель", "игла", "йод", "яблоко"]),
    ("uk", ["груша", "ґанок", "ехо", "євро", "іній", "їжак", "йод", "яма"]),
    ("pl", ["las", "łąka", "mapa", "zebra", "źrebię", "żaba"]),
    ("de", ["Apfel", "Äpfel", "Bach", "Straße", "Strauch"]),
])
def test_collation_follows_the_language(language: str, words: list[str]) -> None:
    from lectern.locale.collation import collation_key

    shuffled = words[::-1][1:] + words[::-1][:1]
    assert sorted(shuffled, key=lambda w: collation_key(w, language)) == words


@pytest.mark.parametrize(("given", "printed"), [
    ("CC-BY-4.0", "CC BY 4.0"), ("CC-BY-NC-SA-4.0", "CC BY-NC-SA 4.0"), ("CC0-1.0", "CC0 1.0"),
    ("https://creativecommons.org/licenses/by-sa/4.0/deed.es", "CC BY-SA 4.0"),
    ("MIT", "MIT"),
])
def test_licences_print_by_their_short_name(given: str, printed: str) -> None:
    from lectern.locale.licenses import label

    assert label(given) == printed


def test_preview_draws_the_slides_without_libreoffice(tmp_path: Path,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    pytest.importorskip("pypdfium2")
    from PIL import Image

    from lectern.preview import preview

    monkeypatch.setenv("PATH", str(tmp_path / "no-programs"))  # no soffice to be found
    out = tmp_path / "out"
    written = preview(LESSONS / "imprenta-es", out)
    slides = sorted(p for p in written if p.name.startswith("deck-"))
    pages = len(pypdf.PdfReader(next(out.glob("*-slides.pdf"))).pages)
    assert len(slides) == pages
    with Image.open(slides[0]) as picture:
        assert picture.width > picture.height  # a slide, drawn
        assert picture.convert("L").getextrema()[0] < 100  # with dark text on it



@pytest.mark.parametrize(("language", "label"), [
    ("en", "Table:"), ("es", "Tabla:"), ("es", "Table:"), ("fr", "Tableau :"), ("de", "Tabelle:"),
    ("ru", "Таблица:"), ("uk", "Таблиця:"), ("pl", "Tabela:"), ("it", ":"),
])
def test_a_caption_may_start_with_the_language_word(language: str, label: str) -> None:
    from lectern.diagnostics import Collector
    from lectern.readers.markdown import BodyContext, make_parser, parse_body

    body = f"| A | B |\n|---|--:|\n| x | 1 |\n\n{label} Cuarenta y dos.\n"
    ctx = BodyContext("c.md", 0, Collector(), {}, {}, lambda name, pos: None,
                      language=language)
    blocks = parse_body(make_parser(language), body, ctx)
    assert len(blocks) == 1 and isinstance(blocks[0], m.Table)
    assert m.plain_text(blocks[0].caption) == "Cuarenta y dos."


def test_a_paragraph_after_a_table_is_prose_without_a_label() -> None:
    from lectern.diagnostics import Collector
    from lectern.readers.markdown import BodyContext, make_parser, parse_body

    body = "| A | B |\n|---|--:|\n| x | 1 |\n\nTablas como esta: una fila por hogar.\n"
    ctx = BodyContext("c.md", 0, Collector(), {}, {}, lambda name, pos: None, language="es")
    blocks = parse_body(make_parser("es"), body, ctx)
    assert [type(b) for b in blocks] == [m.Table, m.Paragraph]


def test_a_crowded_table_cuts_its_widest_columns_never_its_numbers(tmp_path: Path) -> None:
    root = _copy("datos", tmp_path)
    chapter = root / "chapters" / "02-resumir.md"
    text = chapter.read_text(encoding="utf-8")
    for old, new in (("| Partido |", "| Partido y localidades principales |"),
                     ("| Almirante Brown |", "| Almirante Brown, Adrogué, Burzaco, Longchamps |"),
                     ("Edad media", "Edad media (años cumplidos)"),
                     ("Con título", "Con título universitario completo")):
        text = text.replace(old, new)
    chapter.write_text(text, encoding="utf-8")
    out = tmp_path / "out"
    build(root, out, targets=("booklet",), parallel=False)
    pages = _pages(_file(out, ".pdf"))
    first, _ = _table_page(_file(out, ".pdf"))
    flat = "\n".join(pages[first:first + 2]).replace(NARROW, " ").replace("\u00a0", " ")
    for number in NUMBERS:
        assert number in flat, number
    for figure in ("31,4", "12,7", "48 210", "9,4"):
        assert figure in flat, figure


def test_share_fills_short_columns_whole_and_cuts_the_widest() -> None:
    from lectern.table_widths import share

    # Room for the least widths: the short column (20) is whole, the two long ones even.
    widths, crowded = share([20, 100, 100], [10, 30, 30], 120)
    assert widths == [20, 50, 50] and not crowded
    # No room for the least widths: the widest column is cut, the number column (floor 40)
    # keeps its width.
    widths, crowded = share([40, 200, 60], [40, 90, 50], 160, floors=[40, 0, 0])
    assert widths[0] == 40 and widths[2] == 50 and widths[1] == 70 and crowded
