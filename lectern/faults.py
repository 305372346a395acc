"""Operating-system faults (permissions, a full disk, a file in the way) as one-line errors."""

from __future__ import annotations

import contextlib
import errno
from collections.abc import Iterator
from pathlib import Path

from .diagnostics import LecternError

# errno -> (what is wrong, what to do); "{elsewhere}" is the caller's way to go elsewhere.
_REASONS: dict[int, tuple[str, str]] = {
    errno.EACCES: ("permission denied", "make it writable, or {elsewhere}"),
    errno.EPERM: ("permission denied", "make it writable, or {elsewhere}"),
    errno.EROFS: ("the disk is read-only", "{elsewhere} on a writable disk"),
    errno.ENOSPC: ("the disk is full", "free some space, or {elsewhere} on another disk"),
    errno.EDQUOT: ("the disk quota is used up", "free some space, or {elsewhere}"),
    errno.ENOTDIR: ("a file stands where a folder should be",
                    "move that file away, or {elsewhere}"),
    errno.EEXIST: ("a file stands where a folder should be",
                   "move that file away, or {elsewhere}"),
    errno.EISDIR: ("a folder stands where a file should be",
                   "move that folder away, or {elsewhere}"),
    errno.ENOENT: ("no such file or folder", "{elsewhere}"),
    errno.ELOOP: ("its symbolic links go round in a loop", "fix the links, or {elsewhere}"),
    errno.ENAMETOOLONG: ("the name is too long", "{elsewhere} with a shorter path"),
    errno.EMFILE: ("too many files are open", "close some programs and try again"),
    errno.EIO: ("the disk reported an input/output error", "check the disk, or {elsewhere}"),
}

OUT_ELSEWHERE = "choose another output folder with --out"


class OSFault(LecternError):
    """An operating-system error, told as what lectern was doing, where, and what to do."""


def fault(exc: OSError, action: str, path: Path | str | None = None,
          elsewhere: str = "choose another folder", hint: str | None = None) -> OSFault:
    """The error to raise for `exc`, met while trying to `action` `path`.

    The hint says how to fix a write; a caller that was reading gives its own `hint`.
    """
    where = _culprit(exc, path)
    reason, fix = _REASONS.get(exc.errno or 0, ((exc.strerror or str(exc)).lower(), ""))
    if hint is None:
        hint = fix.format(elsewhere=elsewhere)
    text = f"cannot {action} '{where}': {reason}"
    return OSFault(f"{text} ({hint})" if hint else text)


def _culprit(exc: OSError, path: Path | str | None) -> str:
    """The path to name: the file in a folder's way, else ours, else the one the system named."""
    named = exc.filename if isinstance(exc.filename, str) else None
    given = str(path) if path is not None else (named or "?")
    if exc.errno in (errno.ENOTDIR, errno.EEXIST):
        for parent in (Path(named or given), *Path(named or given).parents):
            if parent.is_file():
                return str(parent)
    return given


@contextlib.contextmanager
def reported(action: str, path: Path | str | None = None, elsewhere: str = OUT_ELSEWHERE,
             hint: str | None = None) -> Iterator[None]:
    """Turn an OSError raised inside the block into an OSFault naming `path`."""
    try:
        yield
    except OSError as exc:
        raise fault(exc, action, path, elsewhere, hint) from None
