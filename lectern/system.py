"""System components Python cannot install: Pango and HarfBuzz-Subset (booklet), LibreOffice."""

from __future__ import annotations

import contextlib
import ctypes
import ctypes.util
import re
import shutil
import sys
from collections.abc import Iterator
from typing import Any

from .diagnostics import SystemMissing
from .terminal import say

PANGO_MINIMUM = (1, 44)
PANGO_HINT = ("install Pango: 'apt-get install libpango-1.0-0 libpangoft2-1.0-0' on Debian or "
              "Ubuntu, 'dnf install pango' on Fedora, 'brew install pango' on macOS")
HARFBUZZ_SUBSET_HINT = "install HarfBuzz-Subset: 'apt-get install libharfbuzz-subset0'"
POPPLER_HINT = "install poppler-utils: 'apt-get install poppler-utils'"
LIBREOFFICE_HINT = ("install LibreOffice Impress: 'apt-get install --no-install-recommends "
                    "libreoffice-impress fonts-crosextra-carlito fonts-crosextra-caladea "
                    "fonts-liberation2'")


def library(name: str) -> str | None:
    """The file name under which the dynamic loader opens library `name` ("pango-1.0" or
    "libpango-1.0-0": "libpango-1.0.so.0"), or None when it has no such library.

    On Linux the loader itself is asked for the usual file names (microseconds each);
    `ctypes.util.find_library` runs ldconfig, and then gcc, for every name it looks up,
    10 to 25 ms each time. Elsewhere, find_library.
    """
    if not sys.platform.startswith("linux"):
        return ctypes.util.find_library(name)
    if ".so" in name:  # a file name already
        names = [name]
    else:
        stem = name if name.startswith("lib") else f"lib{name}"
        versioned = re.fullmatch(r"(.+)-(\d+)", stem)  # "libpango-1.0-0": soname version 0
        names = [f"{versioned[1]}.so.{versioned[2]}"] if versioned else []
        names += [*(f"{stem}.so.{number}" for number in range(10)), f"{stem}.so"]
    for candidate in names:
        try:
            ctypes.CDLL(candidate)
        except OSError:
            continue
        return candidate
    return None


def pango_version() -> tuple[int, int, int] | None:
    """The installed Pango version, or None when the library cannot be found."""
    name = library("pango-1.0") or "libpango-1.0.so.0"
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


def load_weasyprint() -> None:
    """Check Pango (raise SystemMissing), then import WeasyPrint, quickly.

    WeasyPrint opens each of its seven libraries by trying names meant for several systems
    in turn, and cffi sends every name it cannot open at once to find_library: about
    0.2 s of a booklet build on Linux went there. While WeasyPrint is imported, such names
    are looked up with `library` instead; if WeasyPrint then fails to load, it is imported
    again the usual way, which reports what is missing in its own words.
    """
    require_pango()
    if "weasyprint" in sys.modules:
        return
    if sys.platform.startswith("linux"):
        with contextlib.suppress(OSError), _libraries_by_file_name():
            import weasyprint
            return
    import weasyprint  # noqa: F401


@contextlib.contextmanager
def _libraries_by_file_name() -> Iterator[None]:
    """cffi's dlopen, while the block runs, given a file name for each bare library name."""
    import cffi

    plain = cffi.FFI.dlopen

    def dlopen(self: Any, name: Any, flags: int = 0) -> Any:
        if isinstance(name, str) and "/" not in name:
            found = library(name)
            if found is None:
                raise OSError(f"no library {name!r}")
            name = found
        return plain(self, name, flags)

    cffi.FFI.dlopen = dlopen
    try:
        yield
    finally:
        cffi.FFI.dlopen = plain


def has_harfbuzz_subset() -> bool:
    """Whether HarfBuzz's subsetter, which WeasyPrint uses to embed fonts quickly, is there.

    Without it WeasyPrint subsets with fontTools: the same booklet, about a second slower.
    """
    name = library("harfbuzz-subset") or "libharfbuzz-subset.so.0"
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
        say(f"error: {exc}", err=True)
        return exc.exit_code
    for note in notes():
        say(f"note: {note}", err=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
