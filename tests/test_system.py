"""Missing system components are named, with the package to install, and exit with code 3."""

from __future__ import annotations

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
