"""Missing system components are named, with the package to install, and exit with code 3."""

from __future__ import annotations

import sys
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
