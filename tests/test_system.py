"""Missing system components are named, with the package to install, and exit with code 3."""

from __future__ import annotations

import ctypes.util
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from click.testing import CliRunner

from lectern import system
from lectern.cli import cli
from lectern.diagnostics import EXIT_SYSTEM, SystemMissing
from tests.conftest import LECTURES


def test_installed_pango_is_new_enough() -> None:
    version = system.pango_version()
    assert version is not None and version[:2] >= system.PANGO_MINIMUM


@pytest.mark.parametrize(("version", "words"), [(None, "not installed"),
                                                 ((1, 42, 4), "1.42.4 is too old")])
def test_missing_or_old_pango_names_the_package(monkeypatch: pytest.MonkeyPatch,
                                                version: tuple[int, int, int] | None,
                                                words: str) -> None:
    monkeypatch.setattr(system, "pango_version", lambda: version)
    with pytest.raises(SystemMissing) as info:
        system.require_pango()
    assert words in str(info.value) and "libpango-1.0-0" in str(info.value)


def test_build_without_pango_exits_3_and_writes_nothing(monkeypatch: pytest.MonkeyPatch,
                                                        tmp_path: Path) -> None:
    monkeypatch.setattr(system, "pango_version", lambda: None)
    out = tmp_path / "out"
    result = CliRunner().invoke(cli, ["build", str(LECTURES / "mini"), "--out", str(out),
                                      "--only", "booklet", "--quiet"])
    assert result.exit_code == EXIT_SYSTEM
    assert "apt-get install libpango-1.0-0" in result.stderr
    assert not list(out.glob("*.pdf"))


def test_missing_optional_components_are_named_with_their_packages(
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(system, "has_harfbuzz_subset", lambda: False)
    monkeypatch.setattr(system, "soffice", lambda: None)
    monkeypatch.setattr(system.shutil, "which", lambda name: None)
    notes = "\n".join(system.notes())
    for package in ("libharfbuzz-subset0", "libreoffice-impress", "poppler-utils"):
        assert package in notes


def test_nothing_is_noted_when_everything_is_installed(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(system, "has_harfbuzz_subset", lambda: True)
    monkeypatch.setattr(system, "soffice", lambda: "/usr/bin/soffice")
    monkeypatch.setattr(system.shutil, "which", lambda name: f"/usr/bin/{name}")
    assert system.notes() == []


def test_preview_without_pypdfium2_names_the_extra(monkeypatch: pytest.MonkeyPatch,
                                                   tmp_path: Path) -> None:
    monkeypatch.setitem(sys.modules, "pypdfium2", None)  # makes `import pypdfium2` fail
    out = tmp_path / "out"
    result = CliRunner().invoke(cli, ["preview", str(LECTURES / "mini"), "--out", str(out)])
    assert result.exit_code == EXIT_SYSTEM
    assert "pip install 'lectern[preview]'" in result.stderr
    assert not out.exists()


# WeasyPrint's libraries, by the bare names find_library takes.
WEASYPRINT_LIBRARIES = ("gobject-2.0", "pango-1.0", "pangoft2-1.0", "harfbuzz",
                        "harfbuzz-subset", "fontconfig")
# The README calls these optional: a machine without them skips, naming the package.
OPTIONAL_LIBRARIES = {"harfbuzz-subset": "libharfbuzz-subset0"}


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the loader's file names")
@pytest.mark.parametrize("name", WEASYPRINT_LIBRARIES)
def test_a_library_is_found_under_the_name_find_library_gives(name: str) -> None:
    expected = ctypes.util.find_library(name)
    if expected is None and name in OPTIONAL_LIBRARIES:
        pytest.skip(f"{name} is optional and not installed: "
                    f"apt-get install {OPTIONAL_LIBRARIES[name]}")
    assert expected is not None, f"{name} is not installed"
    assert system.library(name) == expected
    # The names WeasyPrint tries first, meant for other systems, reach the same file.
    assert system.library(f"lib{name}-{expected.rsplit('.', 1)[1]}") == expected
    assert system.library(expected) == expected


def test_a_missing_library_is_none() -> None:
    assert system.library("lectern-no-such-library-0") is None
    assert system.library("liblectern-no-such-library.so.3") is None


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the loader's file names")
def test_weasyprint_is_loaded_without_running_a_program() -> None:
    """find_library runs ldconfig and gcc for each name it looks up; the booklet's import
    of WeasyPrint asks the loader alone, and gets the Pango that `pango_version` reads."""
    code = textwrap.dedent("""\
        import subprocess, sys
        def refuse(*args, **kwargs):
            raise RuntimeError(f"a program was run: {args[0]}")
        subprocess.Popen = refuse
        from lectern import system
        system.load_weasyprint()
        from weasyprint.text.ffi import pango
        found = pango.pango_version()
        print(found // 10000, found // 100 % 100, found % 100)
        """)
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          check=False)
    assert done.returncode == 0, done.stderr
    assert tuple(map(int, done.stdout.split())) == system.pango_version()


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the loader's file names")
def test_the_plain_import_would_have_run_programs() -> None:
    """The check above can fail: WeasyPrint imported the usual way runs ldconfig."""
    code = textwrap.dedent("""\
        import subprocess
        def refuse(*args, **kwargs):
            raise RuntimeError("a program was run")
        subprocess.Popen = refuse
        import weasyprint
        """)
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          check=False)
    assert done.returncode != 0 and "a program was run" in done.stderr


def test_a_missing_optional_tool_skips_with_its_apt_line(monkeypatch: pytest.MonkeyPatch) -> None:
    from tests import conftest

    monkeypatch.setattr(conftest.shutil, "which", lambda name: None)
    for tool, package in conftest.OPTIONAL_TOOLS.items():
        with pytest.raises(pytest.skip.Exception, match=f"apt-get install {package}"):
            conftest.require_tool(tool)
    monkeypatch.setattr(conftest.shutil, "which", lambda name: f"/usr/bin/{name}")
    assert conftest.require_tool("pdffonts") == "/usr/bin/pdffonts"
