"""System components Python cannot install: Pango (booklet) and LibreOffice (deck checks)."""

from __future__ import annotations

import ctypes
import ctypes.util
import shutil
import sys

from .diagnostics import SystemMissing

PANGO_MINIMUM = (1, 44)
PANGO_HINT = ("install Pango: 'apt-get install libpango-1.0-0 libpangoft2-1.0-0' on Debian or "
              "Ubuntu, 'dnf install pango' on Fedora, 'brew install pango' on macOS")
LIBREOFFICE_HINT = ("install LibreOffice Impress: 'apt-get install --no-install-recommends "
                    "libreoffice-impress fonts-crosextra-carlito'")


def pango_version() -> tuple[int, int, int] | None:
    """The installed Pango version, or None when the library cannot be found."""
    name = ctypes.util.find_library("pango-1.0") or "libpango-1.0.so.0"
    try:
        lib = ctypes.CDLL(name)
    except OSError:
        return None
    lib.pango_version.restype = ctypes.c_int
    code = lib.pango_version()
    return code // 10000, code // 100 % 100, code % 100


def require_pango() -> None:
    """Raise SystemMissing unless Pango is installed in a version WeasyPrint can use."""
    version = pango_version()
    if version is None:
        raise SystemMissing(f"Pango is not installed; the booklet needs it ({PANGO_HINT})")
    if version[:2] < PANGO_MINIMUM:
        found = ".".join(map(str, version))
        raise SystemMissing(f"Pango {found} is too old; the booklet needs 1.44 or newer "
                            f"({PANGO_HINT})")


def soffice() -> str | None:
    """The LibreOffice program, or None when it is not installed."""
    return shutil.which("soffice") or shutil.which("libreoffice")


def main() -> int:
    """Report on the system components; exit 3 when one the booklet needs is missing."""
    try:
        require_pango()
    except SystemMissing as exc:
        print(f"error: {exc}", file=sys.stderr)
        return exc.exit_code
    if soffice() is None:
        print(f"note: LibreOffice not found; slide previews and rendered-deck checks are "
              f"skipped ({LIBREOFFICE_HINT})", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
