"""Writers: turn the lecture model into output files (booklet PDF, deck)."""
