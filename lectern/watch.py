"""Watch a lecture: rebuild whenever a source, layout or asset file is saved."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Protocol

from .paths import ASSETS, LAYOUTS


class Report(Protocol):
    """Where a watch session reports each step and how long it took."""

    def __call__(self, step: str, seconds: float | None) -> None: ...


def _relevant(path: str) -> bool:
    name = Path(path).name
    return not (name.startswith(".") or name.endswith(("~", ".tmp", ".swp")))


def watch_lecture(root: Path, build_once: Callable[[], int], report: Report,
                  max_builds: int | None = None) -> None:
    """Build now, then after every change; stop after `max_builds` builds.

    Ctrl-C raises KeyboardInterrupt.
    """
    from watchfiles import watch

    builds = 1
    build_once()
    if max_builds is not None and builds >= max_builds:
        return
    report(f"watching {root} (Ctrl-C to stop)", None)
    folders = [p for p in (root, LAYOUTS, ASSETS) if p.is_dir()]
    # Ctrl-C (and SIGTERM, which the CLI turns into it) leaves through the caller, which
    # stops the render processes and says it was interrupted.
    for changes in watch(*folders, watch_filter=lambda _, path: _relevant(path),
                         debounce=300, raise_interrupt=True):
        names = sorted({Path(p).name for _, p in changes})
        report(f"changed: {', '.join(names)}", None)
        build_once()
        builds += 1
        if max_builds is not None and builds >= max_builds:
            return
