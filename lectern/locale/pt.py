"""Portuguese: «aspas angulares» in Portugal, “aspas” in Brazil, a spaced em dash."""

from dataclasses import replace

from . import Locale, Words

WORDS = Words(
    chapter="Capítulo",
    contents="Índice",
    timeline="Cronologia",
    glossary="Glossário",
    sources="Fontes",
    notes="Notas",
    questions="Para debate",
    agenda="Sumário",
    thanks="Obrigado pela atenção",
    open_floor="Perguntas e debate",
    old_style="cal. juliano",
    new_style="cal. gregoriano",
    printed="Impresso com lectern",
    made_with="Feito com lectern",
    set_in="Composto em {serif} e {sans}, ambas sob a licença {licence}.",
    notes_cover="Dar as boas-vindas ao público, apresentar-se e dizer de que trata a palestra.",
    notes_agenda="De que trata cada capítulo:",
    notes_quote="Ler a citação em voz alta e indicar a fonte: {source}",
    notes_questions="Ler as perguntas, dar ao público tempo para pensar e depois ouvir "
                    "as respostas.",
    notes_timeline="Percorrer os acontecimentos da esquerda para a direita, "
                   "uma data de cada vez.",
    notes_glossary="Cada termo está explicado no diapositivo e no glossário do caderno; "
                   "dar um exemplo do seu uso.",
    notes_sources="O caderno indica as mesmas obras; recomendar uma para começar.",
    notes_closing="Agradecer ao público e abrir espaço para perguntas.",
    license="Licença",
    adapted_from="Adaptado de {work}",
    work_by="{title}, de {authors}",
    table="Tabela",
    figure="Figura",
)

LOCALE = Locale(
    tag="pt",
    name="português",
    words=WORDS,
    quotes=("«", "»", "“", "”"),
    dash="\u00a0— ",
    months=("janeiro", "fevereiro", "março", "abril", "maio", "junho", "julho", "agosto",
            "setembro", "outubro", "novembro", "dezembro"),
    hyphenation="pt_PT",
    date_format="{day} de {month} de {year}",
    month_format="{month} de {year}",
    list_and=" e ",
)

_BRAZIL = replace(
    WORDS, contents="Sumário", agenda="Roteiro",
    notes_glossary="Cada termo está explicado no slide e no glossário da apostila; "
                   "dar um exemplo do seu uso.",
    notes_sources="A apostila indica as mesmas obras; recomendar uma para começar.")

REGIONS = {
    "pt-BR": replace(LOCALE, tag="pt-BR", words=_BRAZIL, quotes=("“", "”", "‘", "’"),
                     hyphenation="pt_BR", first_day="1º"),
}
