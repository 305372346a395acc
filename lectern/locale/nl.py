"""Dutch: “aanhalingstekens” with ‘enkele’ inside, a spaced en dash."""

from . import Locale, Words

WORDS = Words(
    chapter="Hoofdstuk",
    contents="Inhoud",
    timeline="Tijdlijn",
    glossary="Begrippenlijst",
    sources="Bronnen",
    notes="Aantekeningen",
    questions="Om over te praten",
    agenda="Overzicht",
    thanks="Dank u wel",
    open_floor="Vragen en discussie",
    old_style="o.s.",
    new_style="n.s.",
    printed="Gedrukt met lectern",
    made_with="Gemaakt met lectern",
    set_in="Gezet in de {serif} en de {sans}, beide onder de {licence}.",
    notes_cover="Heet het publiek welkom, stel u voor en zeg waar de lezing over gaat.",
    notes_agenda="Waar elk hoofdstuk over gaat:",
    notes_quote="Lees het citaat hardop voor en noem de bron: {source}",
    notes_questions="Lees de vragen voor, geef het publiek even bedenktijd "
                    "en verzamel dan de antwoorden.",
    notes_timeline="Loop de gebeurtenissen van links naar rechts door, datum voor datum.",
    notes_glossary="Elk begrip wordt uitgelegd op de dia en in de begrippenlijst van het "
                   "boekje; geef een voorbeeld van het gebruik.",
    notes_sources="Het boekje noemt dezelfde werken; raad er één aan om mee te beginnen.",
    notes_closing="Bedank het publiek en geef gelegenheid tot vragen.",
    license="Licentie",
    adapted_from="Bewerking van {work}",
    work_by="{title} van {authors}",
    table="Tabel",
    figure="Figuur",
)

LOCALE = Locale(
    tag="nl",
    name="Nederlands",
    words=WORDS,
    quotes=("“", "”", "‘", "’"),
    dash="\u00a0– ",
    months=("januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus",
            "september", "oktober", "november", "december"),
    hyphenation="nl_NL",
    list_and=" en ",
)
