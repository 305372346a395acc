"""Where lectern finds its layouts and assets: folders beside the package in the project."""

from __future__ import annotations

from pathlib import Path

PROJECT = Path(__file__).resolve().parent.parent
LAYOUTS = PROJECT / "layouts"
ASSETS = PROJECT / "assets"
FONTS = ASSETS / "fonts"
DEFAULT_LAYOUT = LAYOUTS / "default"
