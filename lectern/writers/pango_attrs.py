"""The line breaker's leak repair lives in lectern.writers.weasy.pango_attrs; this name stays
for the slides PDF writer, which imports it from here."""

from .weasy.pango_attrs import install

__all__ = ["install"]
