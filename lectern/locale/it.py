"""Italian: «caporali», “alte” inside, a spaced en dash, '1º maggio'."""

from . import Locale, Words

WORDS = Words(
    chapter="Capitolo",
    contents="Indice",
    timeline="Cronologia",
    glossary="Glossario",
    sources="Fonti",
    notes="Appunti",
    questions="Per la discussione",
    agenda="Scaletta",
    thanks="Grazie",
    open_floor="Domande e discussione",
    old_style="v. s.",
    new_style="n. s.",
    printed="Stampato con lectern",
    made_with="Realizzato con lectern",
    set_in="Composto in {serif} e {sans}, entrambi con licenza {licence}.",
    notes_cover="Dare il benvenuto al pubblico, presentarsi e dire di che cosa tratta la "
                "lezione.",
    notes_agenda="Di che cosa tratta ogni capitolo:",
    notes_quote="Leggere la citazione ad alta voce e indicarne la fonte: {source}",
    notes_questions="Leggere le domande, lasciare al pubblico il tempo di riflettere, "
                    "poi raccogliere le risposte.",
    notes_timeline="Percorrere gli eventi da sinistra a destra, una data alla volta.",
    notes_glossary="Ogni termine è spiegato nella diapositiva e nel glossario della "
                   "dispensa; fare un esempio del suo uso.",
    notes_sources="La dispensa elenca le stesse opere; consigliarne una da cui partire.",
    notes_closing="Ringraziare il pubblico e aprire le domande.",
    license="Licenza",
    adapted_from="Adattato da {work}",
    work_by="{title} di {authors}",
    table="Tabella",
    figure="Figura",
)

LOCALE = Locale(
    tag="it",
    name="italiano",
    words=WORDS,
    quotes=("«", "»", "“", "”"),
    dash="\u00a0– ",
    months=("gennaio", "febbraio", "marzo", "aprile", "maggio", "giugno", "luglio",
            "agosto", "settembre", "ottobre", "novembre", "dicembre"),
    hyphenation="it_IT",
    first_day="1º",
    list_and=" e ",
)
