"""Carrying edits made in a lectern deck back to the lecture's source (`lectern sync`)."""
