"""The content cache: what each output was built from, kept beside the outputs and signed.

A lecture folder may arrive with a `build/` folder and a cache file of its own; neither is
trusted. Every entry carries an HMAC made with a key kept in the user's cache folder
(`$XDG_CACHE_HOME/lectern`, else `~/.cache/lectern`), so an entry lectern did not write
never matches, and an output is up to date only when its bytes are the bytes lectern wrote.
An entry lists the lecture files the build used (by the name the lecture gives them); the
check re-resolves and re-hashes exactly those, never any other file of the folder.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import os
import secrets
import stat
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

from .outputs import writer
from .paths import ASSETS, DEFAULT_LAYOUT, LAYOUTS
from .readers.files import Used, digest_file, locate_inside
from .version import __version__

CACHE_FILE = ".lectern-cache.json"
KEY_FILE = "cache-key"
MAX_CACHE_BYTES = 4_000_000
PACKAGE = Path(__file__).resolve().parent


def _files(folder: Path, skip: tuple[Path, ...] = ()) -> Iterable[Path]:
    """The files of one of lectern's own folders (trusted: part of lectern), less `skip`."""
    if not folder.is_dir():
        return ()
    found = []
    for top, dirs, names in os.walk(folder):
        here = Path(top)
        # Hidden folders, bytecode and the skipped folders are not entered at all.
        dirs[:] = [d for d in dirs if not d.startswith(".") and d != "__pycache__"
                   and not (skip and (here / d).resolve() in skip)]
        found += [here / name for name in names if not name.startswith(".")
                  and (here / name).is_file()]
    return sorted(found)


def fingerprints(root: Path, targets: Iterable[str],
                 settings: Mapping[str, object]) -> dict[str, str]:
    """For each target, a hash of what decides its files besides the lecture's own files:
    the lecture folder's place, the settings, lectern's code, its layout and its assets."""
    folders: dict[str, bytes] = {}

    def folder_digest(label: str, folder: Path, skip: tuple[Path, ...] = ()) -> bytes:
        if label not in folders:  # each folder read once, whichever targets share it
            digest = hashlib.sha256()
            for path in _files(folder, skip):
                digest.update(f"\0{label}/{path.relative_to(folder).as_posix()}\0".encode())
                digest.update(_own_digest(path))
            folders[label] = digest.digest()
        return folders[label]

    found = {}
    for target in targets:
        digest = hashlib.sha256()
        digest.update(json.dumps({"version": __version__, "target": target,
                                  "root": str(root.resolve()), **settings},
                                 sort_keys=True, default=str).encode())
        # An installed lectern carries layouts/ and assets/ inside its package: they count
        # once, as themselves (so a deck layout still leaves the booklet's fingerprint alone).
        digest.update(folder_digest("assets", ASSETS))
        digest.update(folder_digest("lectern", PACKAGE, (LAYOUTS.resolve(), ASSETS.resolve())))
        # Only the layout folders this output reads: another output's layout never
        # invalidates it.
        for part in writer(target).layout_parts:
            digest.update(folder_digest(f"layout/{part}", DEFAULT_LAYOUT / part))
        found[target] = digest.hexdigest()
    return found


def fingerprint(root: Path, target: str, settings: Mapping[str, object]) -> str:
    """The fingerprint of one target (see `fingerprints`)."""
    return fingerprints(root, [target], settings)[target]


# The digest of each of lectern's own files, by its size and times: every output's
# fingerprint reads the same 11 MB of fonts, and a watch session reads them at every edit.
_OWN: dict[Path, tuple[tuple[int, int, int, int], bytes]] = {}


def _own_digest(path: Path) -> bytes:
    info = path.stat()
    stamp = (info.st_ino, info.st_size, info.st_mtime_ns, info.st_ctime_ns)
    known = _OWN.get(path)
    if known is None or known[0] != stamp:
        known = _OWN[path] = (stamp, hashlib.sha256(path.read_bytes()).digest())
    return known[1]


def file_hash(data: bytes) -> str:
    """The SHA-256 digest of `data`, in hexadecimal."""
    return hashlib.sha256(data).hexdigest()


def cache_home() -> Path:
    """lectern's folder in the user's cache directory (XDG base directory rules)."""
    xdg = os.environ.get("XDG_CACHE_HOME", "")
    base = Path(xdg) if xdg and os.path.isabs(xdg) else Path.home() / ".cache"
    return base / "lectern"


def signing_key() -> bytes | None:
    """The user's secret for signing cache entries, made on first use; None when it can be
    neither read nor made (then nothing is ever taken as up to date)."""
    path = cache_home() / KEY_FILE
    try:
        return _read_key(path)
    except FileNotFoundError:
        pass
    except OSError:
        return None
    try:
        path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW, 0o600)
        with os.fdopen(fd, "wb") as handle:
            handle.write(secrets.token_bytes(32))
    except FileExistsError:
        pass  # another build made it at the same moment
    except OSError:
        return None
    try:
        return _read_key(path)
    except OSError:
        return None


def _read_key(path: Path) -> bytes | None:
    fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK)
    with os.fdopen(fd, "rb") as handle:
        if not stat.S_ISREG(os.fstat(handle.fileno()).st_mode):
            return None
        key = handle.read(64)
    return key if len(key) >= 32 else None


def _sign(key: bytes, target: str, entry: Mapping[str, object]) -> str:
    body = json.dumps({"target": target, **{k: v for k, v in entry.items() if k != "mac"}},
                      sort_keys=True, separators=(",", ":"))
    return hmac.new(key, body.encode(), hashlib.sha256).hexdigest()


def _read_small(path: Path, limit: int) -> bytes | None:
    """The bytes of a regular file of at most `limit` bytes; None for anything else (a link,
    a pipe, a device, a huge file), without blocking."""
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK)
    except OSError:
        return None
    with os.fdopen(fd, "rb") as handle:
        info = os.fstat(handle.fileno())
        if not stat.S_ISREG(info.st_mode) or info.st_size > limit:
            return None
        data = handle.read(limit + 1)
    return data if len(data) <= limit else None


def inputs_unchanged(root: Path, inputs: object) -> bool:
    """True when every recorded lecture file still resolves to the same file with the same
    bytes, and every name recorded as missing is still missing."""
    if not isinstance(inputs, dict) or not inputs:
        return False
    for name, recorded in inputs.items():
        found = locate_inside(root, name)
        if recorded is None or found is None:
            if recorded is not None or found is not None:
                return False
            continue
        if not isinstance(recorded, list) or recorded[0] != found[1]:
            return False
        try:
            if digest_file(found[0]) != recorded[1]:
                return False
        except OSError:
            return False
    return True


@dataclass
class Cache:
    """What the last successful build of each target made, and from which inputs."""

    path: Path
    entries: dict[str, dict[str, object]]
    key: bytes | None

    @classmethod
    def load(cls, out: Path) -> Cache:
        """The signed entries of `out`'s cache file; anything unsigned or malformed is
        dropped."""
        key = signing_key()
        path = out / CACHE_FILE
        data = _read_small(path, MAX_CACHE_BYTES) if key is not None else None
        try:
            raw = json.loads(data.decode("utf-8")) if data else {}
        except ValueError:
            raw = {}
        entries: dict[str, dict[str, object]] = {}
        for target, entry in (raw.items() if isinstance(raw, dict) else ()):
            if key is not None and isinstance(entry, dict) and isinstance(entry.get("mac"), str) \
                    and hmac.compare_digest(entry["mac"], _sign(key, target, entry)):
                entries[target] = entry
        return cls(path, entries, key)

    def fresh(self, target: str, fingerprint: str, root: Path, out: Path) -> bool:
        """True when `target` was built by lectern from inputs that are all unchanged and
        its outputs are still the bytes lectern wrote."""
        entry = self.entries.get(target)
        if entry is None or entry.get("fingerprint") != fingerprint:
            return False
        outputs = entry.get("outputs")
        if not isinstance(outputs, dict) or not outputs:
            return False
        for name, digest in outputs.items():
            path = out / name
            try:
                # A link or a pipe in the output's place is not what lectern wrote.
                if not stat.S_ISREG(path.lstat().st_mode) or digest_file(path) != digest:
                    return False
            except OSError:
                return False
        return inputs_unchanged(root, entry.get("inputs"))

    def record(self, target: str, fingerprint: str, files: Mapping[str, bytes],
               used: Used) -> None:
        if self.key is None:
            return
        entry: dict[str, object] = {
            "fingerprint": fingerprint,
            "inputs": {name: list(found) if found else None
                       for name, found in sorted(used.items())},
            "outputs": {name: file_hash(data) for name, data in sorted(files.items())},
        }
        entry["mac"] = _sign(self.key, target, entry)
        self.entries[target] = entry

    def data(self) -> bytes:
        """The cache file's bytes; the build writes them with the outputs they describe, each
        under a fresh temporary name renamed into place (a link planted under the final or
        a temporary name is replaced, never followed)."""
        return json.dumps(self.entries, indent=1, sort_keys=True).encode("utf-8")
