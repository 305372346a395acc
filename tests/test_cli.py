"""The command line: new, check, schema, --version, --help and the documented exit codes."""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap
from pathlib import Path

import jsonschema
import pytest
import yaml
from click.testing import CliRunner

from lectern import __version__
from lectern.cli import cli, main
from tests.conftest import LECTURES, SOURCE


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, list(args), catch_exceptions=False)
    return result.exit_code, result.stdout, result.stderr


def test_version() -> None:
    code, out, _ = run("--version")
    assert code == 0 and __version__ in out


def test_help_shows_examples_and_exit_codes() -> None:
    code, out, _ = run("--help")
    assert code == 0
    assert "lectern new my-lecture" in out and "Exit codes" in out
    for command in ("build", "check", "new", "schema"):
        assert command in out


def test_usage_error_exits_2(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["build", "--only", "poster"]) == 2
    assert "poster" in capsys.readouterr().err


def test_new_lecture_passes_strict_check(tmp_path: Path) -> None:
    target = tmp_path / "fresh"
    code, out, _ = run("new", str(target))
    assert code == 0 and "created" in out
    assert (target / "lecture.yaml").is_file()
    code, out, err = run("check", "--strict", str(target))
    assert code == 0, err
    assert "2 chapters" in out
    code, _, err = run("build", str(target), "--out", str(tmp_path / "out"), "--quiet")
    assert code == 0, err
    assert sorted(p.name for p in (tmp_path / "out").glob("my-lecture*")) == [
        "my-lecture-handout.pdf", "my-lecture-print.pdf", "my-lecture-slides.pdf", "my-lecture.pdf",
        "my-lecture.pptx"]


def test_new_refuses_a_folder_with_files(tmp_path: Path) -> None:
    (tmp_path / "keep.txt").write_text("mine")
    code, _, err = run("new", str(tmp_path))
    assert code == 2 and "not empty" in err
    assert (tmp_path / "keep.txt").read_text() == "mine"


def _schemas() -> dict[str, dict[str, object]]:
    code, out, _ = run("schema")
    assert code == 0
    schemas: dict[str, dict[str, object]] = json.loads(out)
    return schemas


def _front_matter(path: Path) -> object:
    text = path.read_text(encoding="utf-8")
    return yaml.safe_load(text.split("---\n")[1])


LESSONS = Path(__file__).parent / "fixtures" / "lessons"


@pytest.mark.parametrize("root", [LECTURES / "mini", SOURCE, LESSONS / "datos",
                                  LESSONS / "imprenta-es", LESSONS / "imprenta-fr"],
                         ids=["mini", "default", "datos", "imprenta-es", "imprenta-fr"])
def test_schema_accepts_real_lectures(root: Path) -> None:
    if not (root / "lecture.yaml").exists():
        pytest.skip("the lecture is not there")
    schemas = _schemas()
    jsonschema.validate(_json_safe(yaml.safe_load((root / "lecture.yaml").read_text())),
                        schemas["lecture"])
    for chapter in sorted((root / "chapters").glob("*.md")):
        jsonschema.validate(_json_safe(_front_matter(chapter)), schemas["chapter"])


def test_schema_rejects_unknown_keys() -> None:
    schemas = _schemas()
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate({"titel": "x"}, schemas["lecture"])


def _json_safe(value: object) -> object:
    """YAML dates as the strings an editor sees."""
    if isinstance(value, dict):
        return {k: _json_safe(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_json_safe(v) for v in value]
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return value


def test_a_bug_is_one_line_and_exit_4(monkeypatch: pytest.MonkeyPatch,
                                      capsys: pytest.CaptureFixture[str]) -> None:
    import lectern.pipeline

    def broken(*args: object, **kwargs: object) -> None:
        raise KeyError("boom")

    monkeypatch.delenv("LECTERN_DEBUG", raising=False)
    monkeypatch.setattr(lectern.pipeline, "check", broken)
    assert main(["check", str(LECTURES / "mini")]) == 4
    err = capsys.readouterr().err
    assert "internal error: KeyError" in err and "Traceback" not in err


def test_build_strict_refuses_warnings_and_writes_nothing(tmp_path: Path) -> None:
    import shutil

    root = tmp_path / "lecture"
    shutil.copytree(LECTURES / "mini", root)
    chapter = root / "chapters" / "02-argument.md"
    chapter.write_text(chapter.read_text() + "\nSome <b>raw</b> HTML.\n")
    out = tmp_path / "out"
    code, _, err = run("build", str(root), "--out", str(out), "--strict", "--quiet")
    assert code == 1
    assert "warning: raw HTML" in err and "0 error(s), 1 warning(s), fatal with --strict" in err
    assert not out.exists() or not any(out.iterdir())


def test_a_build_walks_the_whole_heap_at_most_once(tmp_path: Path) -> None:
    """The `lectern` program sets the collector for one build: no full collection while
    the default lecture builds (Python's defaults make several, 0.15 s of a 2.4 s
    booklet), and none at exit (everything left is frozen first)."""
    code = textwrap.dedent("""\
        import atexit, gc, runpy, sys
        full = []
        gc.callbacks.append(lambda phase, info: phase == "start" and info["generation"] == 2
                            and full.append(gc.get_freeze_count()))
        atexit.register(lambda: print(len(full), gc.get_freeze_count(), file=sys.stderr))
        sys.argv = ["lectern", *sys.argv[1:]]
        runpy.run_module("lectern", run_name="__main__")
        """)
    done = subprocess.run([sys.executable, "-c", code, "build", "--quiet", str(SOURCE),
                           "--out", str(tmp_path / "out"), "--only", "booklet"],
                          capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr
    full, frozen = map(int, done.stderr.split()[-2:])
    # The booklet's own collection before a long book's PDF is the one allowed.
    assert full <= 1 and frozen > 100_000


def test_the_default_collector_would_walk_the_heap_again_and_again(tmp_path: Path) -> None:
    """The check above can fail: the same build with Python's thresholds."""
    code = textwrap.dedent("""\
        import gc, sys
        from lectern import cli
        gc.set_threshold(700, 10, 10)
        full = []
        gc.callbacks.append(lambda phase, info: phase == "start" and info["generation"] == 2
                            and full.append(1))
        code = cli.main(sys.argv[1:])
        print(len(full), file=sys.stderr)
        sys.exit(code)
        """)
    done = subprocess.run([sys.executable, "-c", code, "build", "--quiet", str(SOURCE),
                           "--out", str(tmp_path / "out"), "--only", "booklet"],
                          capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr
    assert int(done.stderr.split()[-1]) >= 2
