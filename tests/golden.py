"""Golden files: compare text with a stored file; `LECTERN_REGEN=1 make test` rewrites them."""

from __future__ import annotations

import difflib
import os
from pathlib import Path

GOLDEN = Path(__file__).resolve().parent / "fixtures" / "golden"


def assert_golden(name: str, text: str) -> None:
    """Fail with a diff unless `text` equals the golden file `name` (or rewrite it on request)."""
    path = GOLDEN / name
    if os.environ.get("LECTERN_REGEN") == "1" or not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        if os.environ.get("LECTERN_REGEN") != "1":
            raise AssertionError(f"{path} did not exist and was written; review and commit it")
        return
    expected = path.read_text(encoding="utf-8")
    if text != expected:
        diff = difflib.unified_diff(expected.splitlines(), text.splitlines(), "golden", "actual",
                                    lineterm="", n=2)
        raise AssertionError(f"{name} differs from its golden file:\n" + "\n".join(diff))
