"""PDF pages drawn by lectern itself: shaped text in embedded font subsets, marked content
and the structure tree that tags it (used by the slides PDF and the handout)."""
