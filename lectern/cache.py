"""The content cache: a fingerprint of every input of an output, stored beside the outputs."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

from . import __version__
from .outputs import writer
from .paths import ASSETS, DEFAULT_LAYOUT, LAYOUTS

CACHE_FILE = ".lectern-cache.json"
PACKAGE = Path(__file__).resolve().parent


def _files(folder: Path, skip: tuple[Path, ...] = ()) -> Iterable[Path]:
    if not folder.is_dir():
        return ()
    found = []
    for path in folder.rglob("*"):
        rel = path.relative_to(folder)
        if any(part.startswith(".") or part == "__pycache__" for part in rel.parts):
            continue
        if skip and any(path.resolve().is_relative_to(excluded) for excluded in skip):
            continue
        if path.is_file():
            found.append(path)
    return sorted(found)


def fingerprint(root: Path, target: str, out: Path, settings: Mapping[str, object]) -> str:
    """A hash of everything that decides `target`'s files: sources, layout, assets, code."""
    digest = hashlib.sha256()
    digest.update(json.dumps({"version": __version__, "target": target, **settings},
                             sort_keys=True, default=str).encode())
    # An installed lectern carries layouts/ and assets/ inside its package: they count once,
    # as themselves (so a deck layout still leaves the booklet's fingerprint alone).
    folders = [("lecture", root, (out.resolve(),)), ("assets", ASSETS, ()),
               ("lectern", PACKAGE, (LAYOUTS.resolve(), ASSETS.resolve()))]
    # Only the layout folders this output reads: another output's layout never invalidates it.
    folders += [(f"layout/{part}", DEFAULT_LAYOUT / part, ())
                for part in writer(target).layout_parts]
    for label, folder, skip in folders:
        for path in _files(folder, skip):
            digest.update(f"\0{label}/{path.relative_to(folder).as_posix()}\0".encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()


def file_hash(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


@dataclass
class Cache:
    """What the last successful build of each target made, and from which inputs."""

    path: Path
    entries: dict[str, dict[str, object]]

    @classmethod
    def load(cls, out: Path) -> Cache:
        path = out / CACHE_FILE
        try:
            entries = json.loads(path.read_text(encoding="utf-8"))
            if not isinstance(entries, dict):
                entries = {}
        except (OSError, ValueError):
            entries = {}
        return cls(path, entries)

    def fresh(self, target: str, key: str, out: Path) -> bool:
        """True when `target` was built from inputs with this fingerprint and is still intact."""
        entry = self.entries.get(target)
        if not isinstance(entry, dict) or entry.get("fingerprint") != key:
            return False
        outputs = entry.get("outputs")
        if not isinstance(outputs, dict) or not outputs:
            return False
        for name, digest in outputs.items():
            path = out / name
            if not path.is_file() or file_hash(path.read_bytes()) != digest:
                return False
        return True

    def record(self, target: str, key: str, files: Mapping[str, bytes]) -> None:
        self.entries[target] = {
            "fingerprint": key,
            "outputs": {name: file_hash(data) for name, data in sorted(files.items())},
        }

    def save(self) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        tmp = self.path.with_suffix(".tmp")
        tmp.write_text(json.dumps(self.entries, indent=1, sort_keys=True), encoding="utf-8")
        tmp.replace(self.path)
