"""Which layout serves each kind of slide: the lecture's mapping, lectern's names, PowerPoint's
standard names, then the placeholders a layout has."""

from __future__ import annotations

from dataclasses import replace

from . import package as pk
from .types import ROLES, Layout

# lectern's own names first, then PowerPoint's standard names in English, German, French,
# Spanish, Italian, Portuguese, Dutch, Polish and Russian (and LibreOffice's English names).
_TITLE = ("Title Slide", "Titelfolie", "Diapositive de titre", "Diapositiva de título",
          "Diapositiva titolo", "Slide de Título", "Diapositivo de Título", "Titeldia",
          "Slajd tytułowy", "Титульный слайд")
_SECTION = ("Section Header", "Abschnittsüberschrift", "Titre de section",
            "Encabezado de sección", "Intestazione sezione", "Cabeçalho da Seção",
            "Cabeçalho de Secção", "Sectiekop", "Nagłówek sekcji", "Заголовок раздела")
_CONTENT = ("Title and Content", "Title, Content", "Titel und Inhalt", "Titre et contenu",
            "Título y objetos", "Titolo e contenuto", "Título e Conteúdo", "Titel en object",
            "Tytuł i zawartość", "Заголовок и объект")
_TITLE_ONLY = ("Title Only", "Nur Titel", "Titre seul", "Solo el título", "Solo titolo",
               "Somente Título", "Apenas Título", "Alleen titel", "Tylko tytuł",
               "Только заголовок")
NAMES: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "title": (("lectern Title",), _TITLE),
    "section": (("lectern Section",), _SECTION),
    "content": (("lectern Content",), _CONTENT),
    "quote": (("lectern Quote",), _TITLE_ONLY),
    "figure": (("lectern Figure", "lectern Content"), _TITLE_ONLY + _CONTENT),
    "timeline": (("lectern Timeline", "lectern Content"), _TITLE_ONLY + _CONTENT),
    "glossary": (("lectern Glossary", "lectern Content"), _CONTENT),
    "sources": (("lectern Sources", "lectern Content"), _CONTENT),
    "closing": (("lectern Closing", "lectern Title"), _TITLE),
}
# Placeholder shapes a role prefers when no name matches, best first.
SHAPES = {"title": (("ctrTitle", "subTitle"), ("title", "body")),
          "closing": (("ctrTitle", "subTitle"), ("title", "body")),
          "section": (("title", "body"),),
          "content": (("title", "body"),), "glossary": (("title", "body"),),
          "sources": (("title", "body"),),
          "quote": (("title", "-body"), ("title",)), "figure": (("title", "-body"), ("title",)),
          "timeline": (("title", "-body"), ("title",))}



class MappingError(Exception):
    """A role mapped to a layout the template does not have."""

    def __init__(self, role: str, message: str, hint: str = "") -> None:
        super().__init__(message)
        self.role, self.message, self.hint = role, message, hint


def assign(layouts: list[Layout], mapping: dict[str, str]) -> dict[str, Layout]:
    """The layout for each role: the lecture's mapping, lectern's names, PowerPoint's
    standard names, then the placeholders a layout has."""
    usable = [lay for lay in layouts if lay.title is not None]
    if not usable:
        raise pk.TemplateError("none of its layouts has a title placeholder",
                               "add a title placeholder to its layouts in the slide master")
    by_name: dict[str, Layout] = {}
    for lay in layouts:
        by_name.setdefault(lay.name.casefold(), lay)
    offered = ", ".join(f"'{n}'" for n in dict.fromkeys(lay.name for lay in layouts))
    out: dict[str, Layout] = {}
    for role in ROLES:
        if role in mapping:
            chosen = by_name.get(mapping[role].strip().casefold())
            if chosen is None:
                raise MappingError(role, f"the deck template has no layout named "
                                    f"'{mapping[role]}' for {role} slides; it offers {offered}")
            out[role] = _found(chosen, "your mapping")
            continue
        own, standard = NAMES[role]
        chosen = next((by_name[n.casefold()] for n in own if n.casefold() in by_name
                       and by_name[n.casefold()].title is not None), None)
        how = "lectern's name"
        if chosen is None:
            chosen = next((by_name[n.casefold()] for n in standard if n.casefold() in by_name
                           and by_name[n.casefold()].title is not None), None)
            how = "standard name"
        if chosen is None:
            chosen = _by_placeholders(usable, role)
            how = "placeholders"
        out[role] = _found(chosen, how)
    return out


def _found(layout: Layout, how: str) -> Layout:
    return replace(layout, found_by=how)


def _by_placeholders(layouts: list[Layout], role: str) -> Layout:
    """The first layout with the placeholders a role wants ("-body": no body of any kind)."""
    for wanted in SHAPES[role]:
        for lay in layouts:
            have = set(lay.placeholders)
            bodies = have & {"body", "obj", "subTitle"}
            if bodies - {"subTitle"}:
                have.add("body")
            if all(not bodies if w == "-body" else w in have for w in wanted):
                return lay
    return layouts[0]
