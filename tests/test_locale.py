"""The locale module: words, quotation marks, dashes, dates, hyphenation, fallbacks, slugs."""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
import shutil
from pathlib import Path

import pyphen
import pytest

from lectern import model as m
from lectern.cli import main
from lectern.locale import (
    NARROW_NBSP,
    NBSP,
    find,
    hyphenation_lang,
    locale_for,
    sentence,
    supported,
)
from lectern.locale.addresses import is_address, pieces, split_addresses
from lectern.locale.languages import LANGUAGES, REGIONS
from lectern.locale.slug import slug
from lectern.locale.typography import smarten
from lectern.outputs import plan_lecture_deck
from lectern.readers.lecture import load_lecture
from lectern.writers.booklet_html import render_html
from tests.conftest import LECTURES, SOURCE

EVERY = (*LANGUAGES.values(), *REGIONS.values())
REQUIRED = ("en", "ru", "uk", "de", "fr", "es", "it", "pt", "pl", "nl")
# A long word of each language, for its hyphenation dictionary.
LONG_WORDS = {"en": "revolutionary", "ru": "революционный", "uk": "революційний",
              "de": "Arbeiterbewegung", "fr": "révolutionnaire", "es": "revolucionario",
              "it": "rivoluzionario", "pt": "revolucionário", "pl": "rewolucyjny",
              "nl": "arbeidersbeweging"}


def test_the_required_languages_are_there() -> None:
    assert set(REQUIRED) <= set(supported())


@pytest.mark.parametrize("loc", EVERY, ids=lambda loc: loc.tag)
def test_every_word_is_given(loc: object) -> None:
    words = loc.words  # type: ignore[attr-defined]
    for f in dataclasses.fields(words):
        assert getattr(words, f.name).strip(), f.name
    assert "{serif}" in words.set_in and "{sans}" in words.set_in and "{licence}" in words.set_in
    assert "{source}" in words.notes_quote
    assert len(loc.months) == 12 and len(loc.quotes) == 4  # type: ignore[attr-defined]


@pytest.mark.parametrize("loc", EVERY, ids=lambda loc: loc.tag)
def test_each_hyphenation_dictionary_loads_and_is_the_one_used(loc: object) -> None:
    tag, name = loc.tag, loc.hyphenation  # type: ignore[attr-defined]
    assert name in pyphen.LANGUAGES, name
    word = LONG_WORDS[tag.split("-")[0]]
    assert "-" in pyphen.Pyphen(lang=name).inserted(word), (name, word)
    # WeasyPrint picks the dictionary from the lang attribute the booklet is given.
    chosen = pyphen.language_fallback(hyphenation_lang(tag).replace("-", "_"))
    assert pyphen.LANGUAGES[chosen] == pyphen.LANGUAGES[name]


@pytest.mark.parametrize(("tag", "date", "expected"), [
    ("en", dt.date(2026, 11, 7), "7 November 2026"),
    ("en-US", dt.date(2026, 11, 7), "November 7, 2026"),
    ("ru", dt.date(2026, 11, 7), "7 ноября 2026"),
    ("ru", m.PartialDate(1917, 11), "ноябрь 1917"),
    ("uk", dt.date(2026, 11, 7), "7 листопада 2026"),
    ("pl", m.PartialDate(1917, 11, 7), "7 listopada 1917"),
    ("pl", m.PartialDate(1917, 11), "listopad 1917"),
    ("de", dt.date(2026, 11, 7), "7. November 2026"),
    ("de-AT", m.PartialDate(1918, 1), "Jänner 1918"),
    ("fr", m.PartialDate(1871, 5, 1), "1er mai 1871"),
    ("es", dt.date(2026, 11, 7), "7 de noviembre de 2026"),
    ("es", m.PartialDate(1871, 3), "marzo de 1871"),
    ("it", m.PartialDate(1871, 5, 1), "1º maggio 1871"),
    ("pt", dt.date(2026, 11, 7), "7 de novembro de 2026"),
    ("nl", dt.date(2026, 11, 7), "7 november 2026"),
    ("ru", m.PartialDate(1848), "1848"),
])
def test_dates(tag: str, date: object, expected: str) -> None:
    written = locale_for(tag).date(date)  # type: ignore[arg-type]
    assert written.replace(NBSP, " ") == expected
    assert " " not in written  # no line break inside a date...
    assert locale_for(tag).date(date, breakable=True).replace(NBSP, " ") == expected


@pytest.mark.parametrize(("tag", "expected"), [
    ("en", "He said “it’s ‘so’”\u00a0— really…"),
    ("en-GB", "He said ‘it’s “so”’\u00a0– really…"),
    ("en-US", "He said “it’s ‘so’”—really…"),
    ("ru", "He said «it’s „so“»\u00a0— really…"),
    ("uk", "He said «it’s „so“»\u00a0— really…"),
    ("de", "He said „it’s ‚so‘“\u00a0– really…"),
    ("de-CH", "He said «it’s ‹so›»\u00a0– really…"),
    ("fr", f"He said «{NARROW_NBSP}it’s “so”{NARROW_NBSP}»\u00a0– really…"),
    ("es", "He said «it’s “so”»\u00a0— really…"),
    ("it", "He said «it’s “so”»\u00a0– really…"),
    ("pt", "He said «it’s “so”»\u00a0— really…"),
    ("pt-BR", "He said “it’s ‘so’”\u00a0— really…"),
    ("pl", "He said „it’s «so»”\u00a0– really…"),
    ("nl", "He said “it’s ‘so’”\u00a0– really…"),
])
def test_smart_punctuation_in_each_language(tag: str, expected: str) -> None:
    assert smarten("He said \"it's 'so'\" --- really...", tag) == expected


def test_ranges_dashes_and_french_spaces() -> None:
    assert smarten("1917 - 1921 and 1917--1921", "en") == "1917–1921 and 1917–1921"
    assert smarten("a - b", "ru") == "a\u00a0— b"
    assert smarten("- a list item, a well-known word", "ru") == "- a list item, a well-known word"
    assert smarten("Vraiment ? Oui ; enfin : non!", "fr") == (
        f"Vraiment{NARROW_NBSP}? Oui{NARROW_NBSP}; enfin{NARROW_NBSP}: non{NARROW_NBSP}!")
    assert smarten("voir https://exemple.fr/?q=1", "fr") == "voir https://exemple.fr/?q=1"


def test_a_quotation_gets_the_inner_marks_inside_the_outer() -> None:
    text = smarten('the "April Theses"', "ru", nested=True)
    assert locale_for("ru").quoted(text) == "«the „April Theses“»"
    # Marks the author put around the whole quotation are not doubled.
    assert locale_for("ru").quoted("«Вся власть Советам!»") == "«Вся власть Советам!»"
    assert locale_for("de").quoted("“Alle Macht”") == "„Alle Macht“"


@pytest.mark.parametrize(("tag", "expected"), [
    ("en-GB", "en-GB"), ("en-AU", "en"), ("pt-BR", "pt-BR"), ("pt-PT", "pt"),
    ("de-CH", "de-CH"), ("de-AT", "de-AT"), ("de-DE", "de"), ("fr-CA", "fr"),
    ("ru-RU", "ru"), ("sr-Latn-RS", None), ("zh-Hans", None), ("EN", "en"),
    ("uk-UA", "uk"),
])
def test_regional_tags_fall_back_to_their_language(tag: str, expected: str | None) -> None:
    found = find(tag)
    assert (found.tag if found else None) == expected
    assert locale_for(tag).tag == (expected or "en")


def test_swiss_german_uses_guillemets_and_no_sharp_s() -> None:
    swiss = locale_for("de-CH")
    assert swiss.quotes[:2] == ("«", "»")
    assert all("ß" not in getattr(swiss.words, f.name) for f in dataclasses.fields(swiss.words))


def test_sentences_assembled_from_fields_never_double_their_stops() -> None:
    assert sentence("siege.") == "siege." and sentence("siege") == "siege."
    assert sentence("Вся власть Советам!") == "Вся власть Советам!"
    assert sentence("Why 1917?") == "Why 1917?" and sentence("And then…") == "And then…"


@pytest.mark.parametrize(("title", "language", "expected"), [
    ("Вся власть Советам!", "ru", "vsya-vlast-sovetam"),
    ("Історія України", "uk", "istoriya-ukrayiny"),
    ("Η Αθήνα του Περικλή", "el", "i-athina-tou-perikli"),
    ("Ἀθηναίων πολιτεία", "grc", "athinaion-politeia"),
    ("Élan vital : l’œuvre à Straße", "fr", "elan-vital-l-oeuvre-a-strasse"),
    ("Łódź, Kraków i Gdańsk", "pl", "lodz-krakow-i-gdansk"),
    ("All Power to the Soviets", "en", "all-power-to-the-soviets"),
    ("中文标题", "zh", ""),
])
def test_slugs(title: str, language: str, expected: str) -> None:
    assert slug(title, language) == expected


def _lecture(tmp_path: Path, title: str, language: str = "en", folder: str = "lecture",
             extra: str = "") -> m.Lecture:
    root = tmp_path / folder
    shutil.copytree(LECTURES / "mini", root)
    path = root / "lecture.yaml"
    text = path.read_text(encoding="utf-8").replace("title: My Lecture", f"title: {title}")
    path.write_text(text.replace("language: en", f"language: {language}") + extra,
                    encoding="utf-8")
    lecture, _ = load_lecture(root)
    return lecture


def test_output_name_from_a_cyrillic_title_or_else_the_folder(tmp_path: Path) -> None:
    assert _lecture(tmp_path, "Вся власть Советам!", "ru").name == "vsya-vlast-sovetam"
    assert _lecture(tmp_path / "b", "中文标题", "zh", folder="Мой курс").name == "moy-kurs"
    assert _lecture(tmp_path / "c", "中文标题", "zh", folder="讲座").name == "lecture"


@pytest.mark.parametrize(("title", "printed"), [
    ("Вся власть Советам!", "Вся власть Советам! What it is about"),
    ("'\"Что делать?\"'", "«Что делать?» What it is about"),
    ("Что же дальше…", "Что же дальше… What it is about"),
    ("Мирная жизнь", "Мирная жизнь. What it is about"),
])
def test_colophon_after_a_title_that_ends_with_a_mark(tmp_path: Path, title: str,
                                                       printed: str) -> None:
    html = render_html(_lecture(tmp_path, title, "ru"))
    colophon = html.split('class="colophon-title">', 1)[1].split("</p>", 1)[0]
    assert colophon.startswith(printed)
    assert not any(mark in colophon for mark in ("!.", "?.", "….", "».", ".."))


def test_yaml_fields_are_typeset_in_the_model(tmp_path: Path) -> None:
    root = tmp_path / "lecture"
    shutil.copytree(LECTURES / "mini", root)
    path = root / "lecture.yaml"
    text = path.read_text(encoding="utf-8")
    text = text.replace("subtitle: What it is about, in one line",
                        "subtitle: 'The \"organs\" of power --- and the men''s councils...'")
    path.write_text(text.replace("language: en", "language: de"), encoding="utf-8")
    lecture, _ = load_lecture(root)
    assert lecture.subtitle == "The „organs“ of power\u00a0– and the men’s councils…"
    plan = plan_lecture_deck(lecture)
    assert plan.slides[0].texts[1].paras[0].text == lecture.subtitle
    assert lecture.subtitle.replace(NBSP, "&nbsp;") in render_html(lecture) \
        or lecture.subtitle in render_html(lecture)


def test_an_original_is_set_in_its_own_language(tmp_path: Path) -> None:
    root = tmp_path / "lecture"
    shutil.copytree(LECTURES / "mini", root)
    chapter = root / "chapters" / "01-opening.md"
    text = chapter.read_text(encoding="utf-8")
    assert "    year: 1900\n" in text
    chapter.write_text(text.replace("    year: 1900\n", "    year: 1900\n"
                                    "    original: 'Er sagte \"nein\" -- zweimal.'\n"
                                    "    original_language: de\n"), encoding="utf-8")
    lecture, _ = load_lecture(root)
    quote = lecture.chapters[0].quotes[0]
    assert quote.original == "Er sagte ‚nein‘\u00a0– zweimal."
    assert "„Er sagte ‚nein‘" in render_html(lecture)


@pytest.mark.parametrize("tag", ["pt-BR", "de-CH", "en-GB"])
def test_new_with_a_regional_tag_keeps_the_tag(tmp_path: Path, tag: str) -> None:
    assert main(["new", "--language", tag, str(tmp_path / "x")]) == 0
    lecture, warnings = load_lecture(tmp_path / "x")
    assert lecture.language == tag and not warnings


def test_new_in_a_language_lectern_does_not_speak(tmp_path: Path,
                                                   capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["new", "--language", "sv", str(tmp_path / "x")]) == 2
    assert "sv" in capsys.readouterr().err and not (tmp_path / "x").exists()


SLOPPY = re.compile(r"\(\s*[,;]|[,;]\s*\)|\(\s*\)|[.;:,]\s*[.;:,]|[!?…]\.(?!\.)")


@pytest.mark.parametrize("name", ["mini", "stress", "default"])
def test_notes_are_assembled_with_care(name: str) -> None:
    root = SOURCE if name == "default" else LECTURES / name
    if not (root / "lecture.yaml").exists():
        pytest.skip("no such lecture")
    lecture, _ = load_lecture(root)
    for slide in plan_lecture_deck(lecture).slides:
        notes = " ".join(slide.notes.split())
        assert not SLOPPY.search(notes), (slide.kind, SLOPPY.search(notes), notes)
        # What the slide shows is not read out again in its notes.
        for box in slide.texts:
            shown = " ".join(" ".join(p.text for p in box.paras).split())
            if len(shown) > 24:
                assert shown not in notes, (slide.kind, box.role, shown)


# --- addresses and identifiers ---------------------------------------------------------------


@pytest.mark.parametrize("word", ["2014-01-31_Journal_Articles_notes.txt", "donnees_derivees",
                                  "https://cran.r-project.org/", "10.1371/journal.pone.0052963",
                                  "ada@example.org", "C:\\data\\notes", "notes.txt", "H2O",
                                  "www.example.org", "et/ou"])
def test_addresses_and_identifiers_are_recognised(word: str) -> None:
    assert is_address(word)


@pytest.mark.parametrize("word", ["conférence", "1er", "XIXe", "10:30", "1917", "Note",
                                  "rock-and-roll", "10km"])
def test_words_of_the_language_are_not_addresses(word: str) -> None:
    assert not is_address(word)


def test_an_address_breaks_after_its_separators_only() -> None:
    assert pieces("https://cran.r-project.org/web") == ["https://", "cran.", "r-", "project.",
                                                       "org/", "web"]
    assert pieces("a_b") == ["a_", "b"]
    text = "Voir (https://x.org/a?b=1), puis notes.txt. Fin"
    assert [t for t, address in split_addresses(text) if address] == ["https://x.org/a?b=1",
                                                                      "notes.txt"]
