"""Bad and hostile lectures in, exact diagnostics and exit codes out (tests/fixtures/*/*.case)."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from lectern.cli import cli
from tests.casefile import read_case
from tests.conftest import FIXTURES, LECTURES

CASES = sorted((FIXTURES / "diagnostics").glob("*.case"))
HOSTILE = sorted((FIXTURES / "hostile").glob("*.case"))


@pytest.mark.parametrize("path", CASES + HOSTILE,
                         ids=[f"{p.parent.name}/{p.stem}" for p in CASES + HOSTILE])
def test_case(path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    case = read_case(path)
    case.materialise(tmp_path, LECTURES)
    monkeypatch.chdir(tmp_path)
    args = [*case.args, "lecture"]
    result = CliRunner().invoke(cli, args, catch_exceptions=False)
    stderr = [line for line in result.stderr.splitlines() if line.strip()]
    assert "Traceback" not in result.output
    assert stderr == case.expected, "\n".join(stderr)
    assert result.exit_code == case.exit_code


def test_there_are_cases() -> None:
    assert len(CASES) >= 15
    assert len(HOSTILE) >= 30
