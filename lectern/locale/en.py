"""English: the fallback for every language lectern has no words for."""

from dataclasses import replace

from . import Locale, Words

WORDS = Words(
    chapter="Chapter",
    contents="Contents",
    timeline="Timeline",
    glossary="Glossary",
    sources="Sources",
    notes="Notes",
    questions="For discussion",
    agenda="Overview",
    thanks="Thank you",
    open_floor="Questions and discussion",
    old_style="O.S.",
    new_style="N.S.",
    printed="Printed from lectern",
    made_with="Made with lectern",
    set_in="Set in {serif} and {sans}, both under the {licence}.",
    notes_cover="Welcome the audience, say who you are and what the lecture is about.",
    notes_agenda="What each chapter is about:",
    notes_quote="Read the quotation aloud, then name its source: {source}",
    notes_questions="Read the questions out, give the audience a moment to think, "
                    "then take answers.",
    notes_timeline="Take the events from left to right, one date at a time.",
    notes_glossary="Each term is defined on the slide and in the booklet’s glossary; "
                   "give an example of its use.",
    notes_sources="The booklet lists the same works; recommend one to start with.",
    notes_closing="Thank the audience and open the floor for questions.",
    license="Licence",
    adapted_from="Adapted from {work}",
    work_by="{title} by {authors}",
    table="Table",
    figure="Figure",
)

LOCALE = Locale(
    tag="en",
    name="English",
    words=WORDS,
    quotes=("“", "”", "‘", "’"),
    dash="\u00a0— ",
    months=("January", "February", "March", "April", "May", "June", "July", "August",
            "September", "October", "November", "December"),
    hyphenation="en_GB",
)

# British books quote with single marks first and set a spaced en dash.
REGIONS = {
    "en-GB": replace(LOCALE, tag="en-GB", quotes=("‘", "’", "“", "”"), dash="\u00a0– "),
    "en-US": replace(LOCALE, tag="en-US", dash="\u2014", hyphenation="en_US",
                     date_format="{month} {day}, {year}"),
}
