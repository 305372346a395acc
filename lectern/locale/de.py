"""German: „Anführungszeichen“ with ‚halbe‘ inside, a spaced en dash; Swiss German uses «»."""

from dataclasses import replace

from . import Locale, Words

WORDS = Words(
    chapter="Kapitel",
    contents="Inhalt",
    timeline="Zeittafel",
    glossary="Glossar",
    sources="Quellen",
    notes="Notizen",
    questions="Zur Diskussion",
    agenda="Überblick",
    thanks="Vielen Dank",
    open_floor="Fragen und Diskussion",
    old_style="a. St.",
    new_style="n. St.",
    printed="Gedruckt mit lectern",
    made_with="Erstellt mit lectern",
    set_in="Gesetzt aus der {serif} und der {sans}, beide unter der {licence}.",
    notes_cover="Begrüßen Sie das Publikum, stellen Sie sich vor und sagen Sie, "
                "worum es im Vortrag geht.",
    notes_agenda="Worum es in den Kapiteln geht:",
    notes_quote="Lesen Sie das Zitat laut vor und nennen Sie die Quelle: {source}",
    notes_questions="Lesen Sie die Fragen vor, lassen Sie dem Publikum Zeit zum Nachdenken "
                    "und sammeln Sie dann die Antworten.",
    notes_timeline="Gehen Sie die Ereignisse von links nach rechts durch, "
                   "ein Datum nach dem anderen.",
    notes_glossary="Jeder Begriff ist auf der Folie und im Glossar des Hefts erklärt; "
                   "geben Sie ein Beispiel für seinen Gebrauch.",
    notes_sources="Das Heft nennt dieselben Werke; empfehlen Sie eines für den Einstieg.",
    notes_closing="Danken Sie dem Publikum und eröffnen Sie die Fragerunde.",
    license="Lizenz",
    adapted_from="Bearbeitung von {work}",
    work_by="{title} von {authors}",
    table="Tabelle",
    figure="Abbildung",
)

MONTHS = ("Januar", "Februar", "März", "April", "Mai", "Juni", "Juli", "August",
          "September", "Oktober", "November", "Dezember")

LOCALE = Locale(
    tag="de",
    name="Deutsch",
    words=WORDS,
    quotes=("„", "“", "‚", "‘"),
    dash="\u00a0– ",
    months=MONTHS,
    hyphenation="de_DE",
    date_format="{day}. {month} {year}",
    list_and=" und ",
)

# Swiss German quotes with guillemets and writes no ß; Austria says Jänner.
_SWISS = Words(**{k: v.replace("ß", "ss") for k, v in vars(WORDS).items()})
REGIONS = {
    "de-CH": replace(LOCALE, tag="de-CH", words=_SWISS, quotes=("«", "»", "‹", "›"),
                     hyphenation="de_CH"),
    "de-LI": replace(LOCALE, tag="de-LI", words=_SWISS, quotes=("«", "»", "‹", "›"),
                     hyphenation="de_CH"),
    "de-AT": replace(LOCALE, tag="de-AT", months=("Jänner", *MONTHS[1:]),
                     hyphenation="de_AT"),
}
