"""Every limit lectern sets on a lecture, in one place; docs/source-format.md states each one.

The limits keep the work of any build bounded: whatever `check` accepts builds in well under
a minute and 1 GiB. Each is enforced where the input is read, with an error at its line.
"""

from __future__ import annotations

# Files
MAX_TEXT_BYTES = 2_000_000  # one text file: lecture.yaml, a chapter, a YAML list file
MAX_IMAGE_BYTES = 20_000_000
MAX_IMAGE_PIXELS = 40_000_000
MAX_CHAPTERS = 1000
MAX_CHAPTERS_BYTES = 8_000_000  # all chapter files of a lecture together

# Text, in characters (code points), in every text file
MAX_LINE = 10_000  # one line of a file
MAX_WORD = 1_000  # a run of characters without a space
MAX_COMBINING = 30  # combining marks on one letter (Unicode's stream-safe bound)
MAX_PARAGRAPH = 60_000  # one paragraph, heading, list item or footnote of a chapter's prose
# One YAML text value: a title, summary, key point, question, quote, timeline or glossary
# entry, source, caption. Text on slides is split onto continuation slides; one short value
# keeps that work (and the slide count) small.
MAX_SHORT_TEXT = 2_000
MAX_NOTES = 10_000  # a chapter's speaker notes (on each of its slides); description, basis

# Counts in one chapter
KEY_POINTS_ADVISED = 8  # more is a warning: they no longer fit one slide
MAX_KEY_POINTS = 30
MAX_QUESTIONS = 30
MAX_QUOTES = 30
MAX_FOOTNOTES = 200
MAX_LINK_DEFINITIONS = 500
MAX_NESTING = 8  # lists and block quotes inside one another
MAX_INLINE_NESTING = 8  # emphasis, strong, links and spans inside one another

# Counts in one lecture
MAX_TIMELINE = 500
MAX_GLOSSARY = 500
MAX_SOURCES = 500
MAX_YAML_VALUES = 100_000  # values in one YAML file

# Outputs
MAX_SLIDES = 3000  # slides in the deck, continuation slides included
MAX_PAGES = 640  # pages in the booklet
# Pages laid out in one build of the booklet, layouts repeated to keep footnotes on their
# page included: bounds the repairs a pathological chapter could ask for.
MAX_LAID_OUT = 1_200

# --- Templates ----------------------------------------------------------------------------
# A deck template (.pptx or .potx) is read as data; each bound is checked before the work it
# bounds, and exceeding one is an error that names the template's part and the limit. The
# archive's own bounds (entries, sizes, compression) are in lectern/deck_template/package.py.
MAX_TEMPLATE_PICTURE_PIXELS = MAX_IMAGE_PIXELS  # one picture, counted from its header
MAX_TEMPLATE_PIXELS = 120_000_000  # all the pictures lectern keeps from one template
MAX_TEMPLATE_PICTURES = 200  # pictures lectern keeps from one template (each read once)
MAX_JPEG_SCANS = 40  # scans of one JPEG (a progressive one has about ten)
MAX_XML_ELEMENTS_PART = 150_000  # elements of one XML part, counted before it is parsed
MAX_XML_ELEMENTS = 500_000  # elements of every XML part lectern reads from one template
MAX_TEMPLATE_SHAPES = 100  # top-level shapes of one master or one layout
# Shapes the layouts show, each layout counting its master's that it shows: the free-area
# search of each layout takes time in the square of its own count.
MAX_TEMPLATE_SHAPES_SHOWN = 6_000
MAX_TEMPLATE_LAYOUTS = 300  # layouts of all the masters together
