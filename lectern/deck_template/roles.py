"""Which layout serves each kind of slide: the lecture's mapping, lectern's own names, the
layout's `type` attribute, PowerPoint's standard names in its languages, then the placeholders
a layout has (docs/deck.md has the same order as one table)."""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, replace

from .types import ROLES, Layout

# How each step reports itself (`lectern template` prints it beside the layout).
MAPPED, OWN, TYPED, NAMED, FALLBACK, SHAPED = ("your mapping", "lectern's name", "layout type",
                                               "standard name", "layout type, fallback",
                                               "placeholders")

# The `type` a layout's designer gave it (ECMA-376 ST_SlideLayoutType): first choices, then
# fallbacks tried only after the standard names. `blank` and `cust` say nothing about a role:
# such layouts serve by their names or their placeholders alone.
_LISTS = ("obj", "tx")
_LIST_FALLBACKS = ("twoObj", "objTx", "txAndObj", "objAndTx", "twoTxTwoObj", "objOverTx",
                   "txOverObj", "twoColTx", "txAndTwoObj", "twoObjAndTx", "fourObj", "vertTx")
TYPES: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "title": (("title",), ()),
    "section": (("secHead",), ()),
    "content": (_LISTS, _LIST_FALLBACKS),
    "quote": (("titleOnly",), _LISTS),
    "figure": (("picTx", "titleOnly"), _LISTS),  # picTx only with a picture placeholder
    "table": (("titleOnly", "tbl"), _LISTS),
    "timeline": (("titleOnly",), _LISTS),
    "glossary": (_LISTS, _LIST_FALLBACKS),
    "sources": (_LISTS, _LIST_FALLBACKS),
    "closing": (("title",), ()),
}

# PowerPoint's names for its standard layouts in the languages it ships (older versions' names
# too), and LibreOffice's. Compared without case, spaces or the kind of apostrophe.
_TITLE = (
    "Title Slide", "Titelfolie", "Diapositive de titre", "Diapositiva de título",
    "Diapositiva titolo", "Slide de Título", "Diapositivo de Título", "Titeldia",
    "Slajd tytułowy", "Титульный слайд", "Титульний слайд", "Úvodní snímek", "Úvodná snímka",
    "Rubrikbild", "Titelslide", "Titeldias", "Tittellysbilde", "Otsikkodia", "Başlık Slaydı",
    "Διαφάνεια τίτλου", "Címdia", "Diapozitiv titlu", "Diapositiva de títol",
    "Naslovni slajd", "Naslovni diapozitiv", "Pavadinimo skaidrė", "Titulslaids",
    "Tiitelslaid", "Заглавен слайд", "タイトル スライド", "标题幻灯片", "標題投影片",
    "제목 슬라이드", "شريحة عنوان", "שקופית כותרת", "Slide Judul", "Bản chiếu Tiêu đề",
    "สไลด์ชื่อเรื่อง", "Slide Tajuk",
)
_SECTION = (
    "Section Header", "Section Heading", "Abschnittsüberschrift", "Abschnitts-Überschrift",
    "Titre de section", "En-tête de section", "Encabezado de sección",
    "Intestazione sezione", "Cabeçalho da Seção", "Cabeçalho de Secção", "Cabeçalho da Secção",
    "Sectiekop", "Nagłówek sekcji", "Заголовок раздела", "Заголовок розділу",
    "Záhlaví oddílu", "Hlavička sekcie", "Avsnittsrubrik", "Afsnitsoverskrift",
    "Deloverskrift", "Inndelingsoverskrift", "Osan ylätunniste", "Osan otsikko",
    "Bölüm Üst Bilgisi", "Bölüm Başlığı", "Κεφαλίδα ενότητας", "Szakaszfejléc",
    "Antet secțiune", "Capçalera de secció", "Zaglavlje odjeljka", "Glava odseka",
    "Sekcijos antraštė", "Sadaļas galvene", "Jaotise päis", "Заглавка на раздел",
    "セクション見出し", "节标题", "章节标题", "區段標題", "章節標題", "節標題", "구역 머리글",
    "رأس المقطع", "כותרת מקטע", "Header Bagian", "Đầu trang Phần", "ส่วนหัวของส่วน",
    "Pengepala Seksyen",
)
_CONTENT = (
    "Title and Content", "Title, Content", "Title and Text", "Titel und Inhalt",
    "Titel und Text", "Titre et contenu", "Titre et texte", "Título y objetos",
    "Título y texto", "Titolo e contenuto", "Titolo e testo", "Título e Conteúdo",
    "Título e Objeto", "Título e Texto", "Titel en object", "Titel en tekst",
    "Tytuł i zawartość", "Заголовок и объект", "Заголовок и текст", "Заголовок і об'єкт",
    "Nadpis a obsah", "Rubrik och innehåll", "Titel og indhold", "Tittel og innhold",
    "Otsikko ja sisältö", "Başlık ve İçerik", "Τίτλος και περιεχόμενο", "Cím és tartalom",
    "Titlu și conținut", "Títol i contingut", "Naslov i sadržaj", "Naslov in vsebina",
    "Pavadinimas ir turinys", "Virsraksts un saturs", "Pealkiri ja sisu",
    "Заглавие и съдържание", "タイトルとコンテンツ", "标题和内容", "標題及內容", "標題及物件",
    "제목 및 내용", "عنوان ومحتوى", "כותרת ותוכן", "Judul dan Konten", "Tiêu đề và Nội dung",
    "ชื่อเรื่องและเนื้อหา", "Tajuk dan Kandungan",
)
_TITLE_ONLY = (
    "Title Only", "Nur Titel", "Titre seul", "Solo el título", "Sólo el título", "Solo titolo",
    "Somente Título", "Apenas Título", "Só Título", "Alleen titel", "Tylko tytuł",
    "Только заголовок", "Лише заголовок", "Тільки заголовок", "Pouze nadpis", "Iba nadpis",
    "Endast rubrik", "Kun titel", "Bare tittel", "Kun tittel", "Vain otsikko",
    "Yalnızca Başlık", "Sadece Başlık", "Μόνο τίτλος", "Csak cím", "Doar titlu",
    "Només títol", "Samo naslov", "Tik pavadinimas", "Tikai virsraksts", "Ainult pealkiri",
    "Само заглавие", "タイトルのみ", "仅标题", "只有標題", "僅標題", "제목만", "عنوان فقط",
    "כותרת בלבד", "Hanya Judul", "Chỉ Tiêu đề", "ชื่อเรื่องเท่านั้น", "Tajuk Sahaja",
)
# lectern's own names (its template's layouts), then the standard ones.
NAMES: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "title": (("lectern Title",), _TITLE),
    "section": (("lectern Section",), _SECTION),
    "content": (("lectern Content",), _CONTENT),
    "quote": (("lectern Quote",), _TITLE_ONLY),
    "figure": (("lectern Figure", "lectern Content"), _TITLE_ONLY + _CONTENT),
    "table": (("lectern Table", "lectern Content"), _TITLE_ONLY + _CONTENT),
    "timeline": (("lectern Timeline", "lectern Content"), _TITLE_ONLY + _CONTENT),
    "glossary": (("lectern Glossary", "lectern Content"), _CONTENT),
    "sources": (("lectern Sources", "lectern Content"), _CONTENT),
    "closing": (("lectern Closing", "lectern Title"), _TITLE),
}
# Placeholder shapes a role prefers when nothing else decides, best first ("-body": no body).
_NO_BODY = (("title", "-body"), ("title",))
SHAPES = {"title": (("ctrTitle", "subTitle"), ("title", "body")),
          "closing": (("ctrTitle", "subTitle"), ("title", "body")),
          "section": (("title", "body"),),
          "content": (("title", "body"),), "glossary": (("title", "body"),),
          "sources": (("title", "body"),),
          "quote": _NO_BODY, "figure": _NO_BODY, "table": _NO_BODY, "timeline": _NO_BODY}


def name_key(name: str) -> str:
    """A layout name as lectern compares it: no case, no spaces, one kind of apostrophe."""
    text = unicodedata.normalize("NFKC", name).casefold()
    return "".join(text.replace("’", "'").replace("ʼ", "'").split())


@dataclass(frozen=True)
class Found:
    """A role's layout and how it was found."""

    layout: Layout
    how: str


def assign(layouts: Sequence[Layout], mapped: dict[str, Layout]) -> dict[str, Layout]:
    """The layout for each role: the lecture's mapping (already resolved), else what the
    layouts of one master offer (the first found of lectern's names, layout types, standard
    names, fallback types, placeholders)."""
    usable = [lay for lay in layouts if lay.title is not None]
    out = {}
    for role in ROLES:
        found = Found(mapped[role], MAPPED) if role in mapped else find(usable, role)
        out[role] = replace(found.layout, found_by=found.how)
    return out


def coverage(layouts: Sequence[Layout]) -> int:
    """How many roles a master's layouts serve by their names or types (not placeholders)."""
    usable = [lay for lay in layouts if lay.title is not None]
    if not usable:
        return 0
    return sum(find(usable, role).how not in (SHAPED, FALLBACK) for role in ROLES)


def find(usable: Sequence[Layout], role: str) -> Found:
    """A role's layout among layouts that all have a title placeholder."""
    keys = [(name_key(lay.name), lay) for lay in usable]
    own, standard = NAMES[role]
    first, fallback = TYPES[role]
    for how, pick in ((OWN, lambda: _named(keys, own)),
                      (TYPED, lambda: _typed(usable, first)),
                      (NAMED, lambda: _named(keys, standard)),
                      (FALLBACK, lambda: _typed(usable, fallback))):
        chosen = pick()
        if chosen is not None:
            return Found(chosen, how)
    return Found(_by_placeholders(usable, role), SHAPED)


def _named(keys: list[tuple[str, Layout]], names: tuple[str, ...]) -> Layout | None:
    """The first layout with one of the names, in the order of the names."""
    for name in names:
        key = name_key(name)
        chosen = next((lay for k, lay in keys if k == key), None)
        if chosen is not None:
            return chosen
    return None


def _typed(usable: Sequence[Layout], types: tuple[str, ...]) -> Layout | None:
    """The first layout of the first of the types it has. A picture layout serves figures
    only with a picture placeholder at least half as large as a title-only or content
    layout's body (a small round portrait frame would shrink every figure)."""
    rival = max((lay.free.area for lay in usable if lay.layout_type in ("titleOnly", "obj")),
                default=0)
    for wanted in types:
        for lay in usable:
            if lay.layout_type != wanted:
                continue
            if wanted != "picTx" or ("pic" in lay.placeholders and 2 * lay.free.area >= rival):
                return lay
    return None


def _by_placeholders(layouts: Sequence[Layout], role: str) -> Layout:
    """The first layout with the placeholders a role wants ("-body": no body of any kind),
    layouts typed `blank` last."""
    ordered = sorted(layouts, key=lambda lay: lay.layout_type == "blank")
    for wanted in SHAPES[role]:
        for lay in ordered:
            have = set(lay.placeholders)
            bodies = have & {"body", "obj", "subTitle"}
            if bodies - {"subTitle"}:
                have.add("body")
            if all(not bodies if w == "-body" else w in have for w in wanted):
                return lay
    return ordered[0]
