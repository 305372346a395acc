"""Everything lectern does inside WeasyPrint and pydyf, beyond their public API, in one place.

Each patch names the library versions it was written for (`version.written_for`); on any
other version it is left out with a warning, and the booklet is written by WeasyPrint's own
code: less tagged or slower, never broken. The modules:

- `fetcher`: the sandboxed URL fetcher (public API, kept here with the rest).
- `pango_attrs`: mends a memory leak in WeasyPrint 70's line breaker.
- `pdf_speed`: page references built once, streams deflated once, pages drawn once.
- `layout`: the page loop and the laid-out boxes the booklet reads (page budget,
  footnote placement, where the next part opens).
- `tags`: the structure tree PDF/UA asks for (running heads and folios as Artifacts,
  footnotes as Note and Reference, glossary items in their list, one Link per link, Lang,
  header scope, hyphenated words that extract whole).
"""
