"""`lectern check` warns at its line about text on slides below the documented minimum size
(docs/accessibility.md: 18 pt on a 13.33 in wide slide, 14 pt for captions, credits and
sources, scaled with the slide)."""

from __future__ import annotations

import re
from pathlib import Path

from click.testing import CliRunner

from lectern.cli import cli
from tests import templates as t

WARNING = re.compile(r"^(?P<where>\S+:\d+):\d+: warning: the (?P<kind>\w+) slide's "
                     r"(?P<role>[\w ]+) text is set at (?P<size>[\d.]+) pt, "
                     r"below the (?P<least>[\d.]+) pt",
                     re.MULTILINE)


def _small_body(files: dict[str, bytes]) -> None:
    """The master's body text at 12 pt (three quarters of the way down from python-pptx's
    32 pt), on a 10 in wide slide whose minimum is 13.5 pt."""
    t._sub(files, "ppt/slideMasters/slideMaster1.xml", r'<a:defRPr sz="3200"',
           '<a:defRPr sz="1200"', 1)


def _check(lecture: Path) -> str:
    result = CliRunner().invoke(cli, ["check", str(lecture)])
    assert result.exit_code == 0, result.output
    return result.stderr


def test_the_fixture_lecture_has_no_small_text(lecture: Path) -> None:
    assert not WARNING.findall(_check(lecture))


def test_a_template_with_small_body_text_warns_at_each_slides_line(lecture: Path) -> None:
    (lecture / "small.pptx").write_bytes(t.edited(t.pptx_default(), _small_body))
    yaml = lecture / "lecture.yaml"
    yaml.write_text(yaml.read_text(encoding="utf-8") + "deck:\n  template: small.pptx\n",
                    encoding="utf-8")
    found = {(Path(m["where"]).name, m["kind"], m["role"]): (float(m["size"]), float(m["least"]))
             for m in WARNING.finditer(_check(lecture))}
    points = next(i for i, line in enumerate(
        (lecture / "chapters/01-opening.md").read_text(encoding="utf-8").splitlines(), 1)
        if line.startswith("  - "))
    assert found[(f"01-opening.md:{points}", "points", "body")] == (12.0, 13.5)
    # Sources may be smaller: their minimum is 14 pt, 10.5 pt on this slide.
    assert all(least == (10.5 if kind == "sources" else 13.5)
               for (_, kind, _), (_, least) in found.items())
    assert all(size < least for size, least in found.values())
