"""Headless Chromium for the web edition's tests: the system's browser driven by Playwright,
and axe-core's rules from .venv/node; a test skips with the line that installs what is missing."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parent.parent
AXE = ROOT / ".venv" / "node" / "node_modules" / "axe-core" / "axe.min.js"
CHROMIUM_HINT = "install Debian's Chromium: apt-get install chromium"
AXE_HINT = ("install Node.js and npm, then run `make .venv/node/.installed` (it runs "
            "`npm install --prefix .venv/node axe-core`)")
WCAG_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


def chromium_path() -> str:
    """The system's Chromium, or a skip that says how to install it."""
    for name in ("chromium", "chromium-browser"):
        found = shutil.which(name)
        if found:
            return found
    pytest.skip(f"Chromium is missing: {CHROMIUM_HINT}")


def axe_source() -> str:
    """axe-core's script, or a skip that says how to install it."""
    if not AXE.is_file():
        pytest.skip(f"axe-core is missing: {AXE_HINT}")
    return AXE.read_text(encoding="utf-8")


def browser() -> Iterator[Any]:
    """A headless Chromium for a module's tests (Playwright never downloads one here)."""
    path = chromium_path()
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        pytest.skip("Playwright is missing: pip install -e '.[test]'")
    with sync_playwright() as driver:
        launched = driver.chromium.launch(executable_path=path, args=["--no-sandbox"])
        try:
            yield launched
        finally:
            launched.close()


def axe_violations(page: Any, source: str) -> list[dict[str, Any]]:
    """What axe-core finds against WCAG 2.1 A and AA on the open page."""
    page.add_script_tag(content=source)
    result: dict[str, Any] = page.evaluate(
        "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", WCAG_AA)
    return [{"id": v["id"], "nodes": [n["target"] for n in v["nodes"]][:5]}
            for v in result["violations"]]
