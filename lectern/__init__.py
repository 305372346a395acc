"""lectern: one lecture source, a typeset booklet and an editable slide deck."""

from __future__ import annotations

__version__ = "0.1.0"

from .diagnostics import Diagnostic, LecternError, LectureInvalid
from .readers.lecture import load_lecture

__all__ = ["Diagnostic", "LecternError", "LectureInvalid", "__version__", "load_lecture"]
