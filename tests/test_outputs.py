"""The table of outputs: every writer makes the files it names; the CLI offers every writer."""

from __future__ import annotations

import pytest

from lectern import model as m
from lectern import outputs
from lectern.cli import cli
from lectern.pipeline import _families


def test_every_writer_makes_exactly_the_files_it_names(mini: m.Lecture) -> None:
    job = outputs.Job(mini)
    for w in outputs.WRITERS:
        files, problems = w.render(job)
        assert not outputs.has_errors(problems), (w.name, problems)
        assert sorted(files) == sorted(w.file_names(mini.name)), w.name
        assert all(data for data in files.values()), w.name


def test_writers_of_a_family_plan_the_deck_once(mini: m.Lecture,
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    from lectern.writers import deck_plan

    planned: list[str] = []
    real = deck_plan.plan_deck

    def counting(lecture: m.Lecture, template: object = None) -> deck_plan.DeckPlan:
        planned.append(lecture.name)
        return real(lecture, template)  # type: ignore[arg-type]

    monkeypatch.setattr(deck_plan, "plan_deck", counting)
    job = outputs.Job(mini)
    family = [w for w in outputs.WRITERS if w.family == "deck"]
    for w in family:
        w.render(job)
    assert planned == [mini.name]


def test_names_are_unique_and_files_do_not_clash() -> None:
    assert len(set(outputs.NAMES)) == len(outputs.NAMES)
    made = [f for w in outputs.WRITERS for f in w.file_names("x")]
    assert len(set(made)) == len(made)
    with pytest.raises(ValueError, match="the outputs are"):
        outputs.writer("poster")


def test_families_group_the_targets_booklet_first() -> None:
    families = _families(outputs.NAMES)
    assert families[0] == ("booklet",)
    # The web edition renders after the deck's writers, in their process.
    assert families[1] == ("deck", "slides", "handout", "web")
    assert sorted(t for family in families for t in family) == sorted(outputs.NAMES)
    for family in families:
        assert len({outputs.writer(t).family for t in family}) == 1


def test_the_cli_offers_every_writer() -> None:
    for name in ("build", "watch", "check"):
        command = cli.commands[name]
        only = next(p for p in command.params if p.name == "only")
        assert list(only.type.choices) == list(outputs.NAMES)  # type: ignore[attr-defined]
