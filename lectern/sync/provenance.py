"""The record a deck is built with: the lecture's units matched to the deck's slides."""

from __future__ import annotations

from collections.abc import Sequence

from .. import model as m
from .record import SlideText, build_record, custom_properties
from .sources import SourceFiles, lecture_units


def provenance_xml(lecture: m.Lecture, slides: Sequence[SlideText]) -> bytes:
    """docProps/custom.xml recording where each text of the slides came from."""
    files = SourceFiles(dict(lecture.texts))
    units = lecture_units(lecture, files)
    record = build_record(lecture.name, files.digests(), units, slides)
    return custom_properties(record)
