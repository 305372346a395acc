"""Where lectern finds its layouts, assets and starter lecture: in its package or its project."""

from __future__ import annotations

from importlib.resources import files
from pathlib import Path


def package_folder() -> Path:
    """The folder of the installed `lectern` package, as a real path on disk.

    WeasyPrint, fontconfig and HarfBuzz open files by name, so a package that is not on the
    file system (imported from a zip archive) cannot work; that is said plainly.
    """
    found = files("lectern")
    if not isinstance(found, Path):
        raise RuntimeError("lectern must be installed as files on disk, not inside an archive")
    return found


def resource(name: str) -> Path:
    """The folder `name` ('layouts', 'assets', 'starter') lectern ships.

    A wheel carries it inside the package; a checkout of the repository (and an editable
    install of one) keeps it at the project's top level, beside the package.
    """
    package = package_folder()
    inside = package / name
    beside = package.parent / name
    # Only a checkout has pyproject.toml beside the package; site-packages may hold another
    # distribution's top-level folder of the same name.
    if not inside.is_dir() and beside.is_dir() and (package.parent / "pyproject.toml").is_file():
        return beside
    return inside


PACKAGE = package_folder()
LAYOUTS = resource("layouts")
ASSETS = resource("assets")
FONTS = ASSETS / "fonts"
DEFAULT_LAYOUT = LAYOUTS / "default"
STARTER = resource("starter")
# The folder that holds layouts/ and assets/: the project in a checkout, the package when
# installed from a wheel.
PROJECT = LAYOUTS.parent
