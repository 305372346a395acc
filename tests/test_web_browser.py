"""The web edition in a real browser: headless Chromium at phone and desktop widths, light and
dark, with axe-core's WCAG 2.1 AA rules; scrolling, links, focus, fonts and requests measured."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from lectern.pipeline import render
from lectern.readers.lecture import load_lecture

from .browser import axe_source, axe_violations, browser
from .conftest import LECTURES, SOURCE

WIDTHS = (375, 1280)
SCHEMES = ("light", "dark")


@pytest.fixture(scope="module")
def chrome() -> Iterator[Any]:
    yield from browser()


@pytest.fixture(scope="module")
def pages(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The web edition of the default lecture, the features lecture and a Russian starter."""
    from click.testing import CliRunner

    from lectern.cli import cli

    out = tmp_path_factory.mktemp("web")
    russian = out / "ru-lecture"
    result = CliRunner().invoke(cli, ["new", str(russian), "--language", "ru"])
    assert result.exit_code == 0, result.output
    found = {}
    for label, root in (("default", SOURCE), ("features", LECTURES / "features"),
                        ("russian", russian)):
        lecture, _ = load_lecture(root)
        path = out / f"{label}.html"
        path.write_bytes(render(lecture, "web")[f"{lecture.name}.html"])
        found[label] = path
    return found


def _open(chrome: Any, path: Path, width: int, scheme: str = "light",
          axe: bool = False) -> tuple[Any, list[str]]:
    """The page at `width`, every request it made recorded (and any beyond the file refused)."""
    # axe is a script, which the page's own policy forbids: only its run bypasses the policy.
    context = chrome.new_context(viewport={"width": width, "height": 800}, color_scheme=scheme,
                                 bypass_csp=axe)
    requests: list[str] = []

    def record(route: Any) -> None:
        requests.append(route.request.url)
        if route.request.url == path.as_uri():
            route.continue_()
        else:
            route.abort()

    context.route("**/*", record)
    page = context.new_page()
    page.on("request", lambda request: requests.append(request.url))
    page.goto(path.as_uri())
    page.evaluate("document.fonts.ready.then(() => true)")
    return page, requests


@pytest.mark.parametrize("scheme", SCHEMES)
@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("label", ["default", "features", "russian"])
def test_axe_finds_nothing(chrome: Any, pages: dict[str, Path], label: str, width: int,
                           scheme: str) -> None:
    source = axe_source()
    page, _ = _open(chrome, pages[label], width, scheme, axe=True)
    try:
        assert axe_violations(page, source) == []
    finally:
        page.context.close()


@pytest.mark.parametrize("label", ["default", "features", "russian"])
def test_no_sideways_scrolling_at_320(chrome: Any, pages: dict[str, Path], label: str) -> None:
    page, _ = _open(chrome, pages[label], 320)
    try:
        wide = page.evaluate("""() => [document.documentElement.scrollWidth, innerWidth,
            [...document.querySelectorAll('main *, header *, footer *, nav *')]
              .filter(e => e.getBoundingClientRect().right > innerWidth + 0.5
                           && !e.closest('.scroll'))
              .slice(0, 5).map(e => e.tagName + '.' + e.className)]""")
        assert wide[0] <= wide[1] and wide[2] == [], wide
    finally:
        page.context.close()


LANDS = """() => {
  const bad = [];
  const links = [...document.querySelectorAll('a[href^="#"]')];
  for (const a of links) {
    const id = decodeURIComponent(a.getAttribute('href').slice(1));
    const target = document.getElementById(id);
    if (!target) { bad.push(id + ': no such element'); continue; }
    a.click();
    const top = target.getBoundingClientRect().top;
    const end = scrollY + innerHeight >= document.documentElement.scrollHeight - 1;
    if (location.hash !== '#' + encodeURIComponent(id) && location.hash !== '#' + id)
      bad.push(id + ': hash ' + location.hash);
    else if (!((top >= -1 && top < 40) || (end && top >= 0 && top < innerHeight)))
      bad.push(id + ': lands at ' + top);
  }
  return [links.length, bad];
}"""


@pytest.mark.parametrize("label", ["default", "features", "russian"])
def test_every_internal_link_lands_and_nothing_is_fetched(chrome: Any, pages: dict[str, Path],
                                                         label: str) -> None:
    page, requests = _open(chrome, pages[label], 375)
    try:
        count, bad = page.evaluate(LANDS)
        page.evaluate("window.scrollTo(0, document.body.scrollHeight)")
        page.wait_for_timeout(100)
    finally:
        page.context.close()
    assert count > 5 and bad == []
    # Loading, scrolling and following every internal link asked for the file alone: its
    # pictures and fonts are inside it, and web links wait to be followed.
    assert set(requests) == {pages[label].as_uri()}


def test_keyboard_reaches_the_skip_link_notes_and_terms(chrome: Any,
                                                      pages: dict[str, Path]) -> None:
    page, _ = _open(chrome, pages["default"], 375)
    try:
        page.keyboard.press("Tab")
        first = page.evaluate("""() => { const e = document.activeElement;
            const r = e.getBoundingClientRect();
            return [e.getAttribute('href'), r.top >= 0 && r.bottom <= innerHeight,
                    getComputedStyle(e).outlineStyle]; }""")
        assert first[0] == "#main" and first[1] and first[2] != "none"
        page.keyboard.press("Enter")
        assert page.evaluate("location.hash") == "#main"
        for selector in ("a.call", "a.term", "a.back", "nav a"):
            page.keyboard.press("Tab")  # focus comes from the keyboard: :focus-visible holds
            seen = page.evaluate(f"""() => {{ const e = document.querySelector('{selector}');
                e.focus(); const s = getComputedStyle(e);
                return [document.activeElement === e, e.tabIndex, s.outlineStyle,
                        parseFloat(s.outlineWidth)]; }}""")
            assert seen[0] and seen[1] >= 0 and seen[2] != "none" and seen[3] >= 2, selector
    finally:
        page.context.close()


def test_measure_on_a_desktop(chrome: Any, pages: dict[str, Path]) -> None:
    page, _ = _open(chrome, pages["default"], 1280)
    try:
        per_line = page.evaluate("""() => {
          const p = [...document.querySelectorAll('.chapter > p')]
            .find(e => e.textContent.length > 400);
          const walker = document.createTreeWalker(p, NodeFilter.SHOW_TEXT);
          const half = parseFloat(getComputedStyle(p).lineHeight) / 2;
          const lines = [];  // characters on each line: a new line starts half a line lower
          let top = -1e9;
          for (let n = walker.nextNode(); n; n = walker.nextNode()) {
            for (let i = 0; i < n.length; i++) {
              const r = document.createRange(); r.setStart(n, i); r.setEnd(n, i + 1);
              const box = r.getClientRects()[0];
              if (!box) continue;
              if (box.top > top + half) { lines.push(0); top = box.top; }
              lines[lines.length - 1] += 1;
            }
          }
          return lines.slice(0, -1);
        }""")
    finally:
        page.context.close()
    assert per_line and all(55 <= n <= 78 for n in per_line), per_line


def test_the_layouts_fonts_are_used(chrome: Any, pages: dict[str, Path]) -> None:
    page, _ = _open(chrome, pages["russian"], 1280)
    try:
        cdp = page.context.new_cdp_session(page)
        cdp.send("DOM.enable")
        cdp.send("CSS.enable")
        root = cdp.send("DOM.getDocument")["root"]["nodeId"]
        used = {}
        for selector in (".chapter > p", ".chapter-number", "h1"):
            node = cdp.send("DOM.querySelector", {"nodeId": root, "selector": selector})
            fonts = cdp.send("CSS.getPlatformFontsForNode", {"nodeId": node["nodeId"]})
            used[selector] = {(f["familyName"], f["isCustomFont"]) for f in fonts["fonts"]}
        states = page.evaluate("[...document.fonts].map(f => f.status)")
    finally:
        page.context.close()
    assert used[".chapter > p"] == {("Charis SIL", True)}
    assert used[".chapter-number"] == {("Carlito", True)}
    assert "error" not in states


def test_print_spells_out_web_links(chrome: Any, pages: dict[str, Path]) -> None:
    page, _ = _open(chrome, pages["features"], 1280)
    try:
        page.emulate_media(media="print")
        shown = page.evaluate("""() => {
          const a = document.querySelector('main p a[href^="http"]');
          return [getComputedStyle(document.querySelector('nav.contents')).display,
                  a ? getComputedStyle(a, '::after').content : 'none',
                  a ? a.href : ''];
        }""")
    finally:
        page.context.close()
    assert shown[0] == "none"
    assert shown[2] and shown[2] in shown[1]
