"""lectern: one lecture source, a typeset booklet and an editable slide deck."""

from __future__ import annotations

from typing import Any

from .version import __version__

__all__ = ["Diagnostic", "LecternError", "LectureInvalid", "__version__", "load_lecture"]


def __getattr__(name: str) -> Any:
    """The public API, imported when first used: a build with nothing to do stays fast."""
    if name == "load_lecture":
        from .readers.lecture import load_lecture

        return load_lecture
    if name in ("Diagnostic", "LecternError", "LectureInvalid"):
        from . import diagnostics

        return getattr(diagnostics, name)
    raise AttributeError(f"module 'lectern' has no attribute {name!r}")
