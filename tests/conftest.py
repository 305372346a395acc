"""Shared fixtures: the project's folders, the test lectures, and builds made once per session."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from lectern import model as m
from lectern.readers.lecture import load_lecture

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "fixtures"
LECTURES = FIXTURES / "lectures"
SOURCE = ROOT / "source"


@pytest.fixture(scope="session")
def mini_dir() -> Path:
    return LECTURES / "mini"


@pytest.fixture
def lecture(tmp_path: Path) -> Path:
    """A copy of the mini lecture that a test may change."""
    root = tmp_path / "lecture"
    shutil.copytree(LECTURES / "mini", root)
    return root


@pytest.fixture(scope="session")
def mini(mini_dir: Path) -> m.Lecture:
    lecture, _ = load_lecture(mini_dir)
    return lecture


@pytest.fixture(scope="session")
def default_lecture() -> m.Lecture:
    lecture, _ = load_lecture(SOURCE)
    return lecture


@pytest.fixture(scope="session", autouse=True)
def private_cache_home(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A cache folder of the tests' own (it holds the key that signs build caches), so that
    the suite never touches the user's and every run starts without a key."""
    home = tmp_path_factory.mktemp("cache-home")
    os.environ["XDG_CACHE_HOME"] = str(home)
    return home


@pytest.fixture(scope="session")
def libreoffice_templates(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """LibreOffice Impress's own templates converted to .pptx once per session (none when
    LibreOffice is not installed)."""
    from lectern.system import soffice
    from tests.templates import libreoffice_templates as convert

    program = soffice()
    if program is None:
        return {}
    return convert(program, tmp_path_factory.mktemp("libreoffice-templates"))
