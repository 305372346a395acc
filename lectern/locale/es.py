"""Spanish: «comillas angulares», “inglesas” inside, dashes closed up on an aside, dates."""

from . import Locale, Words

WORDS = Words(
    chapter="Capítulo",
    contents="Índice",
    timeline="Cronología",
    glossary="Glosario",
    sources="Fuentes",
    notes="Notas",
    questions="Para el debate",
    agenda="Temario",
    thanks="Gracias",
    open_floor="Preguntas y debate",
    old_style="cal. juliano",
    new_style="cal. gregoriano",
    printed="Impreso con lectern",
    made_with="Hecho con lectern",
    set_in="Compuesto en {serif} y {sans}, ambas con licencia {licence}.",
    notes_cover="Dé la bienvenida al público, preséntese y diga de qué trata la conferencia.",
    notes_agenda="De qué trata cada capítulo:",
    notes_quote="Lea la cita en voz alta y diga de dónde procede: {source}",
    notes_questions="Lea las preguntas, deje que el público piense un momento "
                    "y luego escuche las respuestas.",
    notes_timeline="Recorra los acontecimientos de izquierda a derecha, fecha por fecha.",
    notes_glossary="Cada término está definido en la diapositiva y en el glosario del "
                   "cuadernillo; dé un ejemplo de su uso.",
    notes_sources="El cuadernillo recoge las mismas obras; recomiende una para empezar.",
    notes_closing="Agradezca al público su atención y abra el turno de preguntas.",
    license="Licencia",
    adapted_from="Adaptado de {work}",
    work_by="{title}, de {authors}",
    table="Tabla",
    figure="Figura",
)

LOCALE = Locale(
    tag="es",
    name="español",
    words=WORDS,
    quotes=("«", "»", "“", "”"),
    dash="\u00a0— ",
    months=("enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto",
            "septiembre", "octubre", "noviembre", "diciembre"),
    hyphenation="es",
    date_format="{day} de {month} de {year}",
    month_format="{month} de {year}",
    list_and=" y ",
    closed_asides=True,
)
