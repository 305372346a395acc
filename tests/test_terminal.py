"""What reaches the terminal: every line lectern prints, from every command, with names that
carry controls, bidirectional marks, separators and markup characters, shows them escaped."""

from __future__ import annotations

import ast
import shutil
from pathlib import Path

import pytest

from lectern.cli import main
from lectern.terminal import printable
from tests.conftest import LECTURES, ROOT
from tests.fuzzing import assert_safe, unsafe
from tests.templates import edited, pptx_default, renamed, theme_fonts

# A name that tries everything: a colour escape (C0 and its one-byte C1 form), a bell,
# a right-to-left override and an isolate, the marks, the separators, NEL, invisible
# characters, and markup brackets that must print as they are.
EVIL = ("[dark] \x1b[31mred \x07 \x9b32m \u202eRLO\u202c \u2066iso\u2069 \u200f\u061c "
        "\u2028LS \u2029PS \x85NEL \u200bzw\ufeff [dim]")
# The same in text a lecture may hold (a file refuses C0 controls outright).
EVIL_TEXT = EVIL.replace("\x1b", "").replace("\x07", "")
# How each must be shown: readable escapes, the brackets as they are.
SHOWN = ("[dark] \\x1b[31mred \\x07 \\x9b32m \\u202eRLO\\u202c \\u2066iso\\u2069 \\u200f\\u061c "
         "\\u2028LS \\u2029PS \\x85NEL \\u200bzw\\ufeff [dim]")
SHOWN_TEXT = SHOWN.replace("\\x1b", "").replace("\\x07", "")


def yaml_quoted(text: str) -> str:
    """`text` as a YAML double-quoted scalar, every character outside ASCII as an escape."""
    return '"' + "".join(c if " " <= c < "\x7f" and c not in '"\\' else f"\\u{ord(c):04x}"
                         for c in text) + '"'


def test_printable_escapes_what_garbles_a_terminal_and_keeps_every_script() -> None:
    for char in "\x00\x07\x08\t\n\r\x1b\x7f\x85\x9b\u061c\u200e\u200f\u202a\u202e\u2066" \
                "\u2069\u2028\u2029\ufeff\u200b\ufffe\U000e0041\ud800":
        shown = printable(f"a{char}b")
        assert shown.startswith("a\\") and shown.endswith("b"), repr(char)
        assert not any(unsafe(c) for c in shown)
    assert printable("\x1b[2J") == "\\x1b[2J"
    assert printable("\u202e") == "\\u202e" and printable("\U000e0041") == "\\U000e0041"
    kept = "Ünïcödé — «Титул» العربية עברית 中文 नमस्ते 👩\u200d🔬 می\u200cخواهم [dark]"
    assert printable(kept) == kept


@pytest.fixture(scope="module")
def hostile(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A lecture whose title, chapter file name, template file name, layout and font names
    all carry EVIL; one chapter has raw HTML (a warning naming the file)."""
    root = tmp_path_factory.mktemp("hostile") / "lecture"
    shutil.copytree(LECTURES / "mini", root)
    template = "deck" + EVIL_TEXT + ".pptx"
    (root / template).write_bytes(edited(
        pptx_default(),
        renamed({"Section Header": "Section " + EVIL_TEXT, "Title Only": "Only " + EVIL_TEXT}),
        theme_fonts("Major " + EVIL_TEXT, "Minor " + EVIL_TEXT)))
    chapter = "chapters/02" + EVIL_TEXT + ".md"
    (root / "chapters" / "02-argument.md").rename(root / chapter)
    with (root / chapter).open("a", encoding="utf-8") as handle:
        handle.write("\nA line with <b>raw HTML</b>.\n")
    config = (root / "lecture.yaml").read_text(encoding="utf-8")
    config = config.replace("title: My Lecture", f"title: {yaml_quoted('My ' + EVIL_TEXT)}")
    config = config.replace("  - chapters/02-argument.md", f"  - {yaml_quoted(chapter)}")
    (root / "lecture.yaml").write_text(config + f"\ndeck:\n  template: {yaml_quoted(template)}\n",
                                       encoding="utf-8")
    return root


def printed(capfd: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str]:
    """Run lectern in this process; its exit code and everything it printed, both streams
    (read at the file descriptors, so that render processes are heard too)."""
    capfd.readouterr()
    code = main(list(argv))
    out, err = capfd.readouterr()
    assert "Traceback" not in out + err
    return code, out + err


def test_check_and_build_print_hostile_names_escaped(
        hostile: Path, tmp_path: Path, capfd: pytest.CaptureFixture[str]) -> None:
    code, text = printed(capfd, "check", str(hostile))
    assert code == 0, text
    assert_safe(text)
    summary = next(line for line in text.split("\n") if "chapters," in line)
    assert f"'My {SHOWN_TEXT}'" in summary
    assert f"'Only {SHOWN_TEXT}'" in text  # a layout's name in the template report
    assert f"font headings Major {SHOWN_TEXT}:" in text
    assert f"chapters/02{SHOWN_TEXT}.md:" in text and "raw HTML" in text  # the warning

    code, text = printed(capfd, "build", str(hostile), "--only", "deck", "--verbose",
                         "--out", str(tmp_path / "out" / EVIL_TEXT))
    assert code == 0, text
    assert_safe(text)
    assert f"read 'My {SHOWN_TEXT}'" in text and "raw HTML" in text
    assert f"wrote {tmp_path}/out/{SHOWN_TEXT}/" in text

    code, text = printed(capfd, "check", "--strict", str(hostile))
    assert code == 1 and "fatal with --strict" in text
    assert_safe(text)


def test_template_report_and_its_errors_print_escaped(
        hostile: Path, tmp_path: Path, capfd: pytest.CaptureFixture[str]) -> None:
    template = next(hostile.glob("*.pptx"))
    code, text = printed(capfd, "template", str(template))
    assert code == 0, text
    assert_safe(text)
    assert f"'Only {SHOWN_TEXT}'" in text and "\\[" not in text
    broken = tmp_path / ("broken" + EVIL + ".pptx")
    broken.write_bytes(b"PK\x03\x04 not a zip")
    code, text = printed(capfd, "template", str(broken))
    assert code == 1 and f"broken{SHOWN}.pptx: error" in text
    assert_safe(text)


def test_errors_in_a_hostile_lecture_print_escaped(
        tmp_path: Path, capfd: pytest.CaptureFixture[str]) -> None:
    root = tmp_path / ("lecture" + EVIL)
    shutil.copytree(LECTURES / "mini", root)
    (root / "lecture.yaml").write_text(
        f"title: {yaml_quoted(EVIL_TEXT)}\nchapters: [{yaml_quoted('gone' + EVIL_TEXT)}]\n"
        f"colour: {yaml_quoted(EVIL)}\n", encoding="utf-8")
    code, text = printed(capfd, "check", str(root))
    assert code == 1, text
    assert_safe(text)
    assert f"lecture{SHOWN}/lecture.yaml:" in text and f"gone{SHOWN_TEXT}" in text


def test_commands_quote_what_was_typed_escaped(
        tmp_path: Path, capfd: pytest.CaptureFixture[str]) -> None:
    folder = tmp_path / ("new" + EVIL)
    code, text = printed(capfd, "new", str(folder))
    assert code == 0 and f"created {folder.parent}/new{SHOWN}: edit" in text
    assert_safe(text)
    code, text = printed(capfd, "new", str(folder))  # not empty now
    assert code == 2 and "not empty" in text
    assert_safe(text)
    code, text = printed(capfd, "new", "--language", EVIL, str(tmp_path / "other"))
    assert code == 2 and "no starter lecture" in text
    assert_safe(text)
    code, text = printed(capfd, "build", "--only", EVIL)  # click's own message
    assert code == 2 and "Error: Invalid value for '--only'" in text and SHOWN in text
    assert_safe(text)
    a_file = tmp_path / ("file" + EVIL)
    a_file.write_text("")
    code, text = printed(capfd, "check", str(a_file))
    assert code == 2 and f"file{SHOWN}" in text
    assert_safe(text)


def test_watch_and_courses_print_escaped(
        hostile: Path, tmp_path: Path, capfd: pytest.CaptureFixture[str]) -> None:
    code, text = printed(capfd, "watch", str(hostile), "--only", "deck", "--max-builds", "1",
                         "--out", str(tmp_path / "out"))
    assert code == 0, text
    assert_safe(text)
    assert f"read 'My {SHOWN_TEXT}'" in text
    course = tmp_path / "course"
    course.mkdir()
    broken = "week" + EVIL_TEXT
    shutil.copytree(LECTURES / "mini", course / broken)
    (course / broken / "lecture.yaml").write_text("title: [broken\n", encoding="utf-8")
    (course / "course.yaml").write_text(
        f"title: {yaml_quoted(EVIL_TEXT)}\nlectures:\n  - {yaml_quoted(broken)}\n",
        encoding="utf-8")
    code, text = printed(capfd, "build", str(course), "--only", "deck",
                         "--out", str(tmp_path / "course-out"))
    assert code == 1, text
    assert_safe(text)
    assert f"course '{SHOWN_TEXT}'" in text and f"lecture(s) failed: week{SHOWN_TEXT}" in text


def test_library_warnings_and_log_records_print_escaped(
        tmp_path: Path, capfd: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch) -> None:
    """What a library says while lectern runs (a warning, a log record nothing handles)
    reaches the terminal through the same function, without the library's file."""
    import logging
    import warnings

    from lectern import cli

    def noisy() -> None:
        warnings.warn("a warning about " + EVIL, UserWarning, stacklevel=1)
        logging.getLogger("some.library").warning("a record about %s", EVIL)

    monkeypatch.setattr(cli, "_default_dir", lambda: noisy() or tmp_path / "none")
    monkeypatch.setattr(logging.getLogger(), "handlers", [])  # as outside the tests
    with warnings.catch_warnings():
        warnings.simplefilter("always")
        code, text = printed(capfd, "check")
    assert code == 1
    assert_safe(text)
    assert f"warning: a warning about {SHOWN}" in text
    assert f"warning: a record about {SHOWN}" in text
    assert "test_terminal.py" not in text


def test_nothing_prints_but_the_terminal_module() -> None:
    """Every print path goes through lectern.terminal: no other module calls print(),
    click.echo or click.secho, or writes to sys.stdout or sys.stderr itself."""
    printers = {"print", "echo", "secho"}
    found = []
    for path in sorted((ROOT / "lectern").rglob("*.py")):
        if path.name == "terminal.py" and path.parent.name == "lectern":
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.Call):
                continue
            func = node.func
            name = func.id if isinstance(func, ast.Name) else \
                func.attr if isinstance(func, ast.Attribute) else ""
            stream = isinstance(func, ast.Attribute) and func.attr == "write" and \
                ast.unparse(func.value) in ("sys.stdout", "sys.stderr")
            if name in printers or stream:
                found.append(f"{path.relative_to(ROOT)}:{node.lineno}")
    assert not found
