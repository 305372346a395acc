"""Every limit lectern sets on a lecture, in one place; docs/limits.md states each one.

The limits keep the work of any build bounded: whatever `check` accepts builds in well under
a minute and 1 GiB. Each is enforced where the input is read, with an error at its line.
"""

from __future__ import annotations

# Files
MAX_TEXT_BYTES = 2_000_000  # one text file: lecture.yaml, a chapter, a YAML list file
MAX_IMAGE_BYTES = 20_000_000
MAX_IMAGE_PIXELS = 40_000_000  # counted from the file's header, before any pixel is decoded
# A progressive JPEG is drawn in scans, each a pass over the whole picture: a viewer pays for
# every one. A lecture's JPEG of more than MAX_JPEG_SCANS (below, with the template's) is saved
# again as a baseline JPEG, which means decoding it once here: past MAX_JPEG_SCAN_PIXELS
# (scans times pixels) it is refused.
MAX_JPEG_SCAN_PIXELS = 2_000_000_000  # 50 scans of 40 million pixels, 500 of 4 million
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
MAX_QUOTE_MARKS = 2_000  # straight quotes and apostrophes in one paragraph
MAX_ATTRIBUTE = 300  # one attribute value ({credit="..."}, alt=, ref=...); cover credit and alt
MAX_LANGUAGE_TAG = 35  # a language tag (RFC 5646 asks every reader to take 35 characters)

# Counts in one chapter
KEY_POINTS_ADVISED = 8  # more is a warning: they no longer fit one slide
MAX_KEY_POINTS = 30
MAX_QUESTIONS = 30
MAX_QUOTES = 30
MAX_FOOTNOTES = 200
MAX_LINK_DEFINITIONS = 500
MAX_NESTING = 8  # lists and block quotes inside one another
MAX_INLINE_NESTING = 8  # emphasis, strong, links and spans inside one another
# Links and terms are boxes of their own in the booklet's lines: a page of them costs ten of
# prose to lay out.
MAX_LINKS = 500  # links in one chapter, autolinks included
MAX_TERMS = 500  # glossary-term references ([words]{.term}) in one chapter
# Table cells are the dearest text to lay out: the booklet measures every cell twice to size
# its columns, the slides PDF places each cell as a box of its own (a slide of a 12-column
# table costs as much as ten slides of prose).
MAX_TABLE_COLUMNS = 12
MAX_TABLE_ROWS = 200  # rows of one table under its header
MAX_TABLE_CELLS = 1_000  # cells of one table, the header's included
MAX_CHAPTER_CELLS = 2_000  # cells of all the tables of one chapter

# Counts in one lecture
MAX_TIMELINE = 500
MAX_GLOSSARY = 500
MAX_SOURCES = 500
MAX_YAML_VALUES = 100_000  # values in one YAML file
MAX_LECTURE_CELLS = 3_000  # cells of all the tables of a lecture
# Pixels of all the chapters' pictures (each file once): every output decodes each picture.
MAX_LECTURE_PIXELS = 400_000_000
# Footnotes of all the chapters: each is a float the booklet's layout places, and a note
# carried to the next page means laying its chapter out again. 36 chapters of 200 notes took
# over 110 s of CPU before passing the page limit.
MAX_LECTURE_FOOTNOTES = 2_000
MAX_LECTURE_LINKS = 2_000  # links in all the chapters
MAX_LECTURE_TERMS = 2_000  # glossary-term references in all the chapters

# Outputs
# Slides in the deck, continuation slides included. The slides PDF and the handout lay out
# every slide, in one process: 1,779 slides took them 55 s of CPU and 657 MiB together, on a
# busy machine; 1,500 keeps that process under 50 s.
MAX_SLIDES = 1_500
MAX_PAGES = 640  # pages in the booklet
# Pages laid out in one build of the booklet, layouts repeated to keep footnotes on their
# page included: bounds the repairs a pathological chapter could ask for.
MAX_LAID_OUT = 1_200

# --- Templates ----------------------------------------------------------------------------
# A deck template (.pptx or .potx) is read as data; each bound is checked before the work it
# bounds, and exceeding one is an error that names the template's part and the limit. The
# archive's own bounds (entries, sizes, compression) are in lectern/deck_template/package.py.
# A template's picture is decoded whole where the slides PDF draws it: fewer pixels than a
# lecture's image keep that within the memory of a build.
MAX_TEMPLATE_PICTURE_PIXELS = 25_000_000  # one picture, counted from its header
MAX_TEMPLATE_PIXELS = 75_000_000  # all the pictures lectern keeps from one template
MAX_TEMPLATE_PICTURES = 200  # pictures lectern keeps from one template (each read once)
MAX_JPEG_SCANS = 40  # scans of one JPEG (about ten in a progressive one); a lecture's: above
MAX_JPEG_MARKERS = 4_096  # markers walked to count them (a JPEG has a few dozen)
MAX_XML_ELEMENTS_PART = 150_000  # elements of one XML part, counted before it is parsed
MAX_XML_ELEMENTS = 500_000  # elements of every XML part lectern reads from one template
MAX_TEMPLATE_SHAPES = 100  # top-level shapes of one master or one layout
# Shapes the layouts show, each layout counting its master's that it shows: the free-area
# search of each layout takes time in the square of its own count.
MAX_TEMPLATE_SHAPES_SHOWN = 6_000
MAX_TEMPLATE_LAYOUTS = 300  # layouts of all the masters together
