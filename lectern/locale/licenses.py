"""Licences as readers know them: an SPDX id or a web address, printed by its short name."""

from __future__ import annotations

import re

from ..model import Attribution, Lecture
from . import Locale, locale_for, sentence

# An SPDX licence id: letters, digits, '.', '-' and '+' ("CC-BY-4.0", "Apache-2.0").
_SPDX = re.compile(r"^[A-Za-z0-9][A-Za-z0-9.+-]*$")
_ADDRESS = re.compile(r"^https?://\S+$", re.IGNORECASE)
# Creative Commons licences by their address: the kind ("by-sa") and the version.
_CC_ADDRESS = re.compile(r"creativecommons\.org/licenses/([a-z-]+)/(\d\.\d)", re.IGNORECASE)
_CC_ZERO_ADDRESS = re.compile(r"creativecommons\.org/publicdomain/zero/(\d\.\d)", re.IGNORECASE)
# Creative Commons licences by their SPDX id ("CC-BY-NC-SA-4.0", "CC-BY-3.0-IGO").
_CC_ID = re.compile(r"^CC-((?:BY|NC|ND|SA)(?:-(?:BY|NC|ND|SA))*)-(\d\.\d)(?:-[A-Z]+)?$",
                    re.IGNORECASE)


def well_formed(value: str) -> bool:
    """Whether `value` looks like an SPDX id or a web address."""
    return bool(_SPDX.match(value) or _ADDRESS.match(value))


def label(value: str) -> str:
    """The licence's short name as printed: 'CC BY 4.0', 'CC BY-SA 4.0', 'CC0 1.0'; an id
    lectern does not know (MIT, Apache-2.0) and any other address as written."""
    value = value.strip()
    found = _CC_ID.match(value) or _CC_ADDRESS.search(value)
    if found:
        return f"CC {found.group(1).upper()} {found.group(2)}"
    zero = _CC_ZERO_ADDRESS.search(value)
    if zero:
        return f"CC0 {zero.group(1)}"
    if value.upper().startswith("CC0-"):
        return "CC0 " + value[4:]
    return value


def address(value: str) -> str:
    """The licence's web address: the one given, or a Creative Commons licence's deed."""
    value = value.strip()
    if _ADDRESS.match(value):
        return value
    found = _CC_ID.match(value)
    if found and not value.upper().endswith("-IGO"):
        return f"https://creativecommons.org/licenses/{found.group(1).lower()}/{found.group(2)}/"
    if value.upper().startswith("CC0-"):
        return f"https://creativecommons.org/publicdomain/zero/{value[4:]}/"
    return ""


def asks_credit(value: str) -> bool:
    """Whether the licence is a Creative Commons one that asks for credit (BY)."""
    return label(value).startswith("CC BY")


def attribution(source: Attribution, loc: Locale) -> str:
    """The credit of an adapted work in the lecture's language, without its address:
    'Adaptado de «Título», de A y B, CC BY 4.0'."""
    work = loc.quoted(source.title)
    if source.authors:
        work = loc.words.work_by.format(title=work, authors=loc.join(source.authors))
    if source.license:
        work += ", " + label(source.license)
    return loc.words.adapted_from.format(work=work)


def license_line(value: str, loc: Locale) -> str:
    """The lecture's own licence in its language: 'Licencia: CC BY 4.0'."""
    return loc.labelled(loc.words.license, label(value))


def credits(lecture: Lecture) -> tuple[str, ...]:
    """The lecture's licence and what it is adapted from, as sentences with their addresses
    (for the deck's notes and the files' metadata; the booklet sets the addresses itself)."""
    loc = locale_for(lecture.language)
    out = []
    if lecture.adapted_from is not None:
        source = lecture.adapted_from
        out.append(" ".join(p for p in (sentence(attribution(source, loc)), source.url) if p))
    if lecture.license:
        out.append(" ".join(p for p in (sentence(license_line(lecture.license, loc)),
                                        address(lecture.license)) if p))
    return tuple(out)
