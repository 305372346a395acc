"""Stop WeasyPrint 70 leaking memory on every line of text set with OpenType features.

Each time WeasyPrint 70 prepares a Pango layout for text with font features (kerning,
ligatures, small caps, lining figures: the booklet's body text has them all), it makes a new
Pango attribute and a new attribute list and frees neither: the attribute is made only to be
dropped by a cache (`dict.setdefault` evaluates its default), and the list keeps the
reference it was created with after the layout takes its own. Laying a chapter out lost
100–700 KiB this way, for good; `lectern watch`, which lays a chapter out at every edit, grew
by that much edit after edit, and a 600-page book carried tens of MiB of it to the end.

`install()` puts a thin stand-in for the Pango library in front of WeasyPrint's line
breaker. It hands out one attribute per feature string for WeasyPrint's cache, puts a fresh
copy into each list (the list owns it), and gives up the list's creation reference once the
layout holds it, so that both go when the layout goes. Every other call passes straight
through; what is drawn does not change.
"""

from __future__ import annotations

from typing import Any

from .version import WEASYPRINT, written_for

_INSTALLED = False


class _Pango:
    """Pango as WeasyPrint's line breaker sees it, with the three calls that leak mended."""

    def __init__(self, pango: Any, ffi: Any) -> None:
        self._pango, self._ffi = pango, ffi
        self._kept: dict[bytes, Any] = {}  # feature string -> the attribute the cache holds
        self._features: dict[int, bytes] = {}  # that attribute's address -> its string
        self._owned: set[int] = set()  # lists made for one layout, not yet handed over

    def __getattr__(self, name: str) -> Any:
        found = getattr(self._pango, name)
        setattr(self, name, found)  # later look-ups skip this method
        return found

    def _address(self, pointer: Any) -> int:
        return int(self._ffi.cast("uintptr_t", pointer))

    def pango_attr_font_features_new(self, features: bytes) -> Any:
        attribute = self._kept.get(features)
        if attribute is None:
            attribute = self._pango.pango_attr_font_features_new(features)
            self._kept[features] = attribute
            self._features[self._address(attribute)] = features
        return attribute

    def pango_attr_list_insert(self, attr_list: Any, attribute: Any) -> None:
        features = self._features.get(self._address(attribute))
        if features is None:
            self._pango.pango_attr_list_insert(attr_list, attribute)
            return
        # The list takes ownership of what it is given: a copy of its own, never the
        # attribute the cache keeps for every layout.
        self._pango.pango_attr_list_insert(
            attr_list, self._pango.pango_attr_font_features_new(features))
        self._owned.add(self._address(attr_list))

    def pango_layout_set_attributes(self, layout: Any, attr_list: Any) -> None:
        self._pango.pango_layout_set_attributes(layout, attr_list)
        address = self._address(attr_list) if attr_list != self._ffi.NULL else 0
        if address in self._owned:
            self._owned.discard(address)
            self._pango.pango_attr_list_unref(attr_list)  # the layout holds it now


def install() -> None:
    """Mend WeasyPrint 70's line breaker in this process (once; later calls do nothing)."""
    global _INSTALLED
    if _INSTALLED or not written_for("Pango leak repair", "weasyprint", WEASYPRINT):
        return
    from weasyprint.text import line_break

    line_break.pango = _Pango(line_break.pango, line_break.ffi)
    _INSTALLED = True
