"""French: « guillemets » with narrow no-break spaces, “ ” inside, a spaced en dash."""

from . import NARROW_NBSP, Locale, Words

WORDS = Words(
    chapter="Chapitre",
    contents="Sommaire",
    timeline="Chronologie",
    glossary="Glossaire",
    sources="Sources",
    notes="Notes",
    questions="Pistes de discussion",
    agenda="Plan",
    thanks="Merci",
    open_floor="Questions et discussion",
    old_style="a. s.",
    new_style="n. s.",
    printed="Imprimé avec lectern",
    made_with="Réalisé avec lectern",
    set_in="Composé en {serif} et en {sans}, toutes deux sous licence {licence}.",
    notes_cover="Accueillez le public, présentez-vous et dites de quoi traite la conférence.",
    notes_agenda=f"Le sujet de chaque chapitre{NARROW_NBSP}:",
    notes_quote=f"Lisez la citation à voix haute, puis nommez sa source{NARROW_NBSP}: "
                "{source}",
    notes_questions="Lisez les questions, laissez au public le temps de réfléchir, "
                    "puis recueillez les réponses.",
    notes_timeline="Parcourez les événements de gauche à droite, une date après l’autre.",
    notes_glossary="Chaque terme est défini sur la diapositive et dans le glossaire du "
                   f"livret{NARROW_NBSP}; donnez un exemple de son emploi.",
    notes_sources=f"Le livret cite les mêmes ouvrages{NARROW_NBSP}; "
                  "conseillez-en un pour commencer.",
    notes_closing="Remerciez le public et ouvrez la séance de questions.",
    license="Licence",
    adapted_from="Adapté de {work}",
    work_by="{title}, de {authors}",
    table="Tableau",
    figure="Figure",
)

LOCALE = Locale(
    tag="fr",
    name="français",
    words=WORDS,
    quotes=(f"«{NARROW_NBSP}", f"{NARROW_NBSP}»", "“", "”"),
    dash="\u00a0– ",
    months=("janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août",
            "septembre", "octobre", "novembre", "décembre"),
    hyphenation="fr",
    first_day="1er",
    colon=f"{NARROW_NBSP}: ",
    list_and=" et ",
    spaced_marks=";:!?",
)
