"""Shared fixtures: the project's folders, the test lectures, and builds made once per session."""

from __future__ import annotations

import dataclasses
import os
import shutil
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

from lectern import model as m
from lectern.readers.lecture import load_lecture
from lectern.writers.deck_plan import DeckPlan

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "fixtures"
LECTURES = FIXTURES / "lectures"
SOURCE = ROOT / "source"


# System tools the README calls optional, with the Debian package that installs each.
OPTIONAL_TOOLS = {"pdffonts": "poppler-utils", "pdftoppm": "poppler-utils",
                  "pdftotext": "poppler-utils", "qpdf": "qpdf"}


def require_tool(name: str) -> str:
    """The path of an optional system tool; without it the test is skipped with the line
    that installs it."""
    path = shutil.which(name)
    if path is None:
        pytest.skip(f"{name} is missing: apt-get install {OPTIONAL_TOOLS[name]}")
    return path


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


@dataclass(frozen=True)
class BuiltDeck:
    """A test lecture's deck as the tests see it: the lecture, its plan and the .pptx."""

    lecture: m.Lecture
    plan: DeckPlan
    data: bytes


DECK_POS = m.SourcePos("lecture.yaml", 30, 1)


@pytest.fixture(scope="session")
def fixture_deck(tmp_path_factory: pytest.TempPathFactory,
                 request: pytest.FixtureRequest) -> Callable[[str], BuiltDeck]:
    """The deck of a test lecture, built once per session on first use: 'default', 'mini',
    'features', 'stress', 'russian' (what `lectern new --language ru` writes), or the default
    lecture on a template of the corpus (its file name in tests/templates.py's CORPUS, or
    'lo-NAME.pptx' for LibreOffice's own)."""
    from lectern.deck_template import load
    from lectern.writers.deck import render_deck
    from lectern.writers.deck_plan import plan_deck
    from tests import templates

    folder = tmp_path_factory.mktemp("fixture-decks")
    done: dict[str, BuiltDeck] = {}

    def lecture_of(name: str) -> m.Lecture:
        if name == "russian":
            root = folder / "лекция"
            subprocess.run([sys.executable, "-m", "lectern", "new", str(root), "--language",
                            "ru"], check=True, capture_output=True)
            return load_lecture(root)[0]
        if name in ("mini", "features", "stress"):
            return load_lecture(LECTURES / name)[0]
        lecture = load_lecture(SOURCE)[0]
        if name == "default":
            return lecture
        if name in templates.CORPUS:
            path = folder / name
            path.write_bytes(templates.CORPUS[name].build())
        else:  # LibreOffice's templates are converted only when a test asks for one
            path = request.getfixturevalue("libreoffice_templates")[name]
        return dataclasses.replace(lecture, deck=m.DeckSettings(path, DECK_POS))

    def get(name: str) -> BuiltDeck:
        if name not in done:
            lecture = lecture_of(name)
            template, problems = load(lecture)
            assert template is not None, [d.format() for d in problems]
            plan = plan_deck(lecture, template)
            (data,) = render_deck(plan, lecture).values()
            done[name] = BuiltDeck(lecture, plan, data)
        return done[name]
    return get
