"""Polish: „cudzysłów” with «ostrokątny» inside, a spaced en dash, months in the genitive."""

from . import Locale, Words

WORDS = Words(
    chapter="Rozdział",
    contents="Spis treści",
    timeline="Kalendarium",
    glossary="Słowniczek",
    sources="Źródła",
    notes="Notatki",
    questions="Do dyskusji",
    agenda="Plan wykładu",
    thanks="Dziękuję za uwagę",
    open_floor="Pytania i dyskusja",
    old_style="st. st.",
    new_style="n. st.",
    printed="Wydrukowano w programie lectern",
    made_with="Przygotowano w programie lectern",
    set_in="Złożono krojami {serif} i {sans}, oba na licencji {licence}.",
    notes_cover="Przywitaj słuchaczy, przedstaw się i powiedz, o czym jest wykład.",
    notes_agenda="O czym są kolejne rozdziały:",
    notes_quote="Przeczytaj cytat na głos i podaj źródło: {source}",
    notes_questions="Przeczytaj pytania, daj słuchaczom chwilę do namysłu, "
                    "a potem wysłuchaj odpowiedzi.",
    notes_timeline="Omów wydarzenia od lewej do prawej, datę po dacie.",
    notes_glossary="Każdy termin jest objaśniony na slajdzie i w słowniczku broszury; "
                   "podaj przykład jego użycia.",
    notes_sources="Broszura wymienia te same prace; poleć jedną na początek.",
    notes_closing="Podziękuj słuchaczom i zaproś do zadawania pytań.",
    license="Licencja",
    adapted_from="Na podstawie: {work}",
    work_by="{authors}, {title}",
    table="Tabela",
    figure="Rycina",
)

LOCALE = Locale(
    tag="pl",
    name="polski",
    words=WORDS,
    quotes=("„", "”", "«", "»"),
    dash="\u00a0– ",
    months=("stycznia", "lutego", "marca", "kwietnia", "maja", "czerwca", "lipca",
            "sierpnia", "września", "października", "listopada", "grudnia"),
    months_alone=("styczeń", "luty", "marzec", "kwiecień", "maj", "czerwiec", "lipiec",
                  "sierpień", "wrzesień", "październik", "listopad", "grudzień"),
    hyphenation="pl_PL",
    list_and=" i ",
)
