"""lectern as a user installs it: a wheel in a fresh virtualenv far from the checkout, and pipx.

The virtualenv sees no site-packages but its own, so a dependency missing from the wheel's
metadata fails here; pip resolves the dependencies as for any user (its download cache makes
that quick).
"""

from __future__ import annotations

import ast
import importlib.metadata
import importlib.util
import json
import os
import re
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from tests.booklet_support import embedded_fonts
from tests.conftest import ROOT

TIMEOUT = 600


def _run(args: list[str | Path], cwd: Path, env: dict[str, str] | None = None
         ) -> subprocess.CompletedProcess[str]:
    result = subprocess.run([str(a) for a in args], cwd=cwd, env=env or _clean_env(),
                            capture_output=True, text=True, timeout=TIMEOUT)
    assert result.returncode == 0, f"{args}\n{result.stdout}\n{result.stderr}"
    return result


def _clean_env(**extra: str) -> dict[str, str]:
    """The environment without anything that would point Python at the checkout."""
    env = {k: v for k, v in os.environ.items()
           if k not in ("PYTHONPATH", "VIRTUAL_ENV", "PYTHONHOME", "PYTHONSTARTUP")}
    return {**env, **extra}


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    dist = tmp_path_factory.mktemp("dist")
    _run([sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "--wheel-dir", dist,
          ROOT], cwd=dist)
    (found,) = dist.glob("lectern-*.whl")
    return found


@pytest.fixture(scope="module")
def venv_bin(wheel: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A fresh virtualenv (no system site-packages) with the wheel and its dependencies."""
    venv = tmp_path_factory.mktemp("venv")
    _run([sys.executable, "-m", "venv", "--without-pip", venv], cwd=venv)
    python = venv / "bin" / "python"
    # This pip installs into the new environment: no second copy of pip is needed there.
    _run([sys.executable, "-m", "pip", "--python", python, "install", "--quiet",
          "--disable-pip-version-check", f"{wheel}[preview]"], cwd=venv)
    return venv / "bin"


def test_the_wheel_carries_layouts_assets_licences_and_the_starter(wheel: Path) -> None:
    with zipfile.ZipFile(wheel) as archive:
        names = set(archive.namelist())
        metadata = archive.read(next(n for n in names if n.endswith(".dist-info/METADATA")))
    for folder, inside in (("layouts", "lectern/layouts"), ("assets", "lectern/assets"),
                           ("lectern/starter", "lectern/starter")):
        shipped = {p.relative_to(ROOT / folder).as_posix() for p in (ROOT / folder).rglob("*")
                   if p.is_file() and "__pycache__" not in p.parts}
        assert shipped and {f"{inside}/{p}" for p in shipped} <= names, folder
    assert {"lectern/assets/fonts/charis/OFL.txt", "lectern/assets/fonts/carlito/OFL.txt"} <= names
    assert any(n.endswith(".dist-info/licenses/LICENSE") for n in names)
    assert not any(n.startswith(("tests/", "source/", "bench/")) for n in names)
    text = metadata.decode()
    assert "License-Expression: MIT" in text
    runtime, preview = _requirements(text, ""), _requirements(text, "preview")
    imported = _imported_distributions()
    assert runtime == {dist for dist, users in imported.items() if users != {"preview.py"}}
    assert preview == {dist for dist, users in imported.items() if users == {"preview.py"}}
    assert preview == {"pypdfium2"}


def _requirements(metadata: str, extra: str) -> set[str]:
    """The distributions a wheel requires: at run time (`extra` empty) or for one extra."""
    found = set()
    for line in metadata.splitlines():
        if not line.startswith("Requires-Dist:"):
            continue
        spec, _, marker = line.removeprefix("Requires-Dist:").partition(";")
        if (marker.strip() == f"extra == '{extra}'") if extra else not marker:
            found.add(_normal(re.split(r"[\s<>=!~\[]", spec.strip())[0]))
    return found


def _imported_distributions() -> dict[str, set[str]]:
    """Each distribution lectern's code imports, with the modules that import it.

    The names come from the import statements themselves, mapped to distributions by the
    metadata of what is installed here: not from pyproject.toml.
    """
    owners = importlib.metadata.packages_distributions()
    found: dict[str, set[str]] = {}
    for path in (ROOT / "lectern").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and not node.level and node.module:
                names = [node.module]
            else:
                continue
            for name in names:
                top = name.split(".")[0]
                if top in sys.stdlib_module_names or top == "lectern":
                    continue
                for dist in owners[top]:
                    found.setdefault(_normal(dist), set()).add(path.name)
    return found


def _normal(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def test_installed_lectern_works_from_any_folder(venv_bin: Path, tmp_path: Path) -> None:
    work = tmp_path / "somewhere" / "else"
    work.mkdir(parents=True)
    lectern = venv_bin / "lectern"
    where = _run([venv_bin / "python", "-c",
                  "import lectern.paths as p; print(p.LAYOUTS); print(p.FONTS)"], cwd=work)
    for line in where.stdout.split():
        assert Path(line).is_relative_to(venv_bin.parent), line
        assert not Path(line).is_relative_to(ROOT), line
    assert "lectern, version" in _run([lectern, "--version"], cwd=work).stdout

    _run([lectern, "new", "talk"], cwd=work)
    _run([lectern, "check", "--strict", "talk"], cwd=work)
    _run([lectern, "build", "talk", "--out", "out", "--quiet"], cwd=work)
    built = {p.name for p in (work / "out").iterdir()}
    assert {"my-lecture.pdf", "my-lecture-print.pdf", "my-lecture.pptx"} <= built, built
    booklet = (work / "out" / "my-lecture.pdf").read_bytes()
    fonts = {name for name, embedded in embedded_fonts(booklet, str(tmp_path)) if embedded}
    assert any("Charis" in f for f in fonts) and any("Carlito" in f for f in fonts), fonts

    _run([lectern, "watch", "talk", "--out", "watched", "--max-builds", "1"], cwd=work)
    assert {p.name for p in (work / "watched").iterdir()} >= built

    schema = json.loads(_run([lectern, "schema"], cwd=work).stdout)
    assert set(schema) == {"lecture", "chapter"}

    shown = _run([lectern, "preview", "talk", "--out", "shown"], cwd=work).stdout.split()
    assert shown and all(Path(work, p).is_file() and p.endswith(".png") for p in shown)


def test_pipx_install(tmp_path: Path) -> None:
    if importlib.util.find_spec("pipx") is None:
        pytest.skip("pipx is not installed (it comes with the test extra)")
    env = _clean_env(PIPX_HOME=str(tmp_path / "pipx"), PIPX_BIN_DIR=str(tmp_path / "bin"),
                     PIPX_MAN_DIR=str(tmp_path / "man"))
    _run([sys.executable, "-m", "pipx", "install", "--quiet", ROOT], cwd=tmp_path, env=env)
    lectern = tmp_path / "bin" / "lectern"
    _run([lectern, "new", "talk"], cwd=tmp_path, env=env)
    _run([lectern, "check", "--strict", "talk"], cwd=tmp_path, env=env)
    _run([lectern, "build", "talk", "--out", "out", "--only", "deck", "--quiet"], cwd=tmp_path,
         env=env)
    assert len(list((tmp_path / "out").glob("*.pptx"))) == 1
