"""Which WeasyPrint and pydyf a patch was written for, and the warning when they differ."""

from __future__ import annotations

import functools
import logging
from importlib import metadata

LOG = logging.getLogger("lectern.writers.weasy")

# The versions every patch in this folder was written against and tested with.
WEASYPRINT = ("70.0",)
PYDYF = ("0.11", "0.12", "0.13")  # as pyproject.toml pins it

_warned: set[str] = set()


@functools.cache
def installed(library: str) -> str:
    """The installed version of `library` ("" when it is not installed)."""
    try:
        return metadata.version(library)
    except metadata.PackageNotFoundError:
        return ""


def written_for(patch: str, library: str, versions: tuple[str, ...]) -> bool:
    """Whether `patch` may run: `library` is one of `versions` (a version or the start of
    one: "0.13" takes 0.13.0 and 0.13.2). If not, warn once that it is left out."""
    found = installed(library)
    if any(found == v or found.startswith(v + ".") for v in versions):
        return True
    if patch not in _warned:
        _warned.add(patch)
        LOG.warning("%s %s is not the version lectern's %s was written for (%s); it is left "
                    "out, so the booklet may be slower or less tagged", library,
                    found or "(missing)", patch, ", ".join(versions))
    return False
