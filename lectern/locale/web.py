"""The few words only the web edition prints, in each language lectern speaks."""

from __future__ import annotations

from dataclasses import dataclass

from . import locale_for


@dataclass(frozen=True)
class WebWords:
    """Words of the page that the booklet has no need of (a printed book has no links)."""

    skip: str  # the skip link at the top of the page
    footnotes: str  # the heading over a chapter's notes
    note: str  # read before a footnote call's number: "Note 3"
    back: str  # the link from a note back to its call
    table: str  # names a table without a caption, for the box it scrolls in


WEB_WORDS = {
    "en": WebWords("Skip to the text", "Notes", "Note", "Back to the text", "Table"),
    "ru": WebWords("Перейти к тексту", "Примечания", "Примечание", "Назад к тексту", "Таблица"),
    "uk": WebWords("Перейти до тексту", "Примітки", "Примітка", "Назад до тексту", "Таблиця"),
    "de": WebWords("Zum Text springen", "Anmerkungen", "Anmerkung", "Zurück zum Text",
                   "Tabelle"),
    "fr": WebWords("Aller au texte", "Notes", "Note", "Retour au texte", "Tableau"),
    "es": WebWords("Ir al texto", "Notas", "Nota", "Volver al texto", "Tabla"),
    "it": WebWords("Vai al testo", "Note", "Nota", "Torna al testo", "Tabella"),
    "pt": WebWords("Ir para o texto", "Notas", "Nota", "Voltar ao texto", "Tabela"),
    "nl": WebWords("Naar de tekst", "Noten", "Noot", "Terug naar de tekst", "Tabel"),
    "pl": WebWords("Przejdź do tekstu", "Przypisy", "Przypis", "Powrót do tekstu", "Tabela"),
}


def web_words(language: str) -> WebWords:
    """The web edition's words for a language tag (English where lectern has no words)."""
    base = locale_for(language).tag.split("-")[0].lower()
    return WEB_WORDS.get(base, WEB_WORDS["en"])
