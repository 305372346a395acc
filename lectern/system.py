"""System components Python cannot install: Pango and HarfBuzz-Subset (booklet), LibreOffice."""

from __future__ import annotations

import ctypes
import ctypes.util
import shutil
import sys

from .diagnostics import SystemMissing

PANGO_MINIMUM = (1, 44)
PANGO_HINT = ("install Pango: 'apt-get install libpango-1.0-0 libpangoft2-1.0-0' on Debian or "
              "Ubuntu, 'dnf install pango' on Fedora, 'brew install pango' on macOS")
HARFBUZZ_SUBSET_HINT = "install HarfBuzz-Subset: 'apt-get install libharfbuzz-subset0'"
POPPLER_HINT = "install poppler-utils: 'apt-get install poppler-utils'"
LIBREOFFICE_HINT = ("install LibreOffice Impress: 'apt-get install --no-install-recommends "
                    "libreoffice-impress fonts-crosextra-carlito fonts-crosextra-caladea "
                    "fonts-liberation2'")


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


def has_harfbuzz_subset() -> bool:
    """Whether HarfBuzz's subsetter, which WeasyPrint uses to embed fonts quickly, is there.

    Without it WeasyPrint subsets with fontTools: the same booklet, about a second slower.
    """
    name = ctypes.util.find_library("harfbuzz-subset") or "libharfbuzz-subset.so.0"
    try:
        ctypes.CDLL(name)
    except OSError:
        return False
    return True


def soffice() -> str | None:
    """The LibreOffice program, or None when it is not installed."""
    return shutil.which("soffice") or shutil.which("libreoffice")


def notes() -> list[str]:
    """What is missing but not needed to build: each with what it costs and how to install it."""
    found = []
    if not has_harfbuzz_subset():
        found.append("HarfBuzz-Subset not found; WeasyPrint subsets fonts with fontTools, "
                     f"about a second slower per booklet ({HARFBUZZ_SUBSET_HINT})")
    if soffice() is None:
        found.append("LibreOffice not found; slide previews and rendered-deck checks are "
                     f"skipped ({LIBREOFFICE_HINT})")
    if shutil.which("pdffonts") is None:
        found.append(f"pdffonts not found; the test suite needs it ({POPPLER_HINT})")
    return found


def main() -> int:
    """Report on the system components; exit 3 when one the booklet needs is missing."""
    try:
        require_pango()
    except SystemMissing as exc:
        print(f"error: {exc}", file=sys.stderr)
        return exc.exit_code
    for note in notes():
        print(f"note: {note}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
