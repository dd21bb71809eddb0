"""The HTML map's timeline in a real browser (headless Chromium): the debate replayed as it was
posted. At each position of the slider, exactly the claims made by then are on the map, each
with the status it had then, and the line under the slider says what that moment changed.

The debate is `tests/data/timeline/linter.yaml`, a Hacker News thread imported and labelled
(see tests/test_timeline.py), whose `argmap timeline` is:

    22:13:20  ann ann-1
    22:18:20  bo bo-1 supports ann-1
    22:18:20  bo bo-1.q1 supports bo-1
    22:20:00  dee dee-1 rebuts ann-1: ann-1 ✔ standing → ✘ defeated
    22:23:20  cy cy-1 rebuts bo-1.q1: bo-1.q1 ✔ standing → ✘ defeated
    22:30:00  ann ann-2 rebuts cy-1: cy-1 ✔ standing → ✘ defeated; bo-1.q1 ✘ defeated → ✔ standing
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from selenium.webdriver import Chrome as WebDriver
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support.ui import WebDriverWait
from typer.testing import CliRunner

from argmap.cli import app

from .browser import chromium, console, requests
from .conftest import ROOT

runner = CliRunner()
LINTER = ROOT / "tests/data/timeline/linter.yaml"
UNTIMED = ROOT / "debates/retrieval-or-concepts.yaml"

# What the map shows after each number of arrivals: each claim with its status line then.
AT = {
    0: [],
    3: [
        ("ann-1", "✔ standing · unanswered"),
        ("bo-1", "✔ standing · unanswered · cites example.org-style"),
        ("bo-1.q1", "✔ standing · unanswered"),
    ],
    4: [
        ("ann-1", "✘ defeated"),
        ("bo-1", "✔ standing · unanswered · cites example.org-style"),
        ("bo-1.q1", "✔ standing · unanswered"),
        ("dee-1", "✔ standing · unanswered · cites en.wikipedia.org-wiki-Continuous_integration"),
    ],
    5: [
        ("ann-1", "✘ defeated"),
        ("bo-1", "✔ standing · unanswered · cites example.org-style"),
        ("bo-1.q1", "✘ defeated"),
        ("cy-1", "✔ standing · unanswered"),
        ("dee-1", "✔ standing · unanswered · cites en.wikipedia.org-wiki-Continuous_integration"),
    ],
}
FILL = {"✔": "rgb(220, 235, 247)", "✘": "rgb(251, 227, 214)"}  # look.THEMES["light"]


@pytest.fixture(scope="module")
def browser() -> Iterator[WebDriver]:
    with chromium() as session:
        yield session


@pytest.fixture(scope="module")
def pages(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("timeline")
    out = {}
    for path in (LINTER, UNTIMED):
        target = folder / f"{path.stem}.html"
        result = runner.invoke(app, ["render", str(path), "-o", str(target)])
        assert result.exit_code == 0, result.output
        out[path.stem] = target
    return out


def open_page(browser: WebDriver, page: Path) -> None:
    browser.get("about:blank")
    console(browser)
    requests(browser)
    browser.get(page.as_uri())
    assert browser.execute_script("return document.documentElement.hasAttribute('data-am-ready')")


def on_map(browser: WebDriver) -> list[tuple[str, str, str]]:
    """Each claim the map shows: its id, its status line, the fill of its box."""
    found: list[list[str]] = browser.execute_script(
        """
        return [...document.querySelectorAll('g.node.claim')]
          .filter(g => getComputedStyle(g).display !== 'none')
          .map(g => [g.id, g.querySelector('text.am-mark').textContent,
                     getComputedStyle(g.querySelector('path')).fill]);
        """
    )
    return sorted((i, line, fill) for i, line, fill in found)


def expected(k: int) -> list[tuple[str, str, str]]:
    return [(claim, line, FILL[line[0]]) for claim, line in AT[k]]


def said(browser: WebDriver) -> tuple[str, str]:
    return (
        browser.find_element(By.CSS_SELECTOR, '[data-am="moment-count"]').text,
        browser.find_element(By.CSS_SELECTOR, '[data-am="moment-text"]').text,
    )


def test_the_slider_shows_the_claims_made_by_each_moment_with_their_statuses_then(
    browser: WebDriver, pages: dict[str, Path]
) -> None:
    open_page(browser, pages["linter"])
    drawn = on_map(browser)
    assert [c for c, _, _ in drawn] == ["ann-1", "ann-2", "bo-1", "bo-1.q1", "cy-1", "dee-1"]
    assert said(browser) == (
        "6 of 6 claims",
        "The debate as it stands. Last to arrive: 2023-11-14 22:30:00 ann ann-2 rebuts cy-1: "
        "cy-1 ✔ standing → ✘ defeated; bo-1.q1 ✘ defeated → ✔ standing",
    )
    # Keyboard only: the slider takes Home and the arrow keys.
    slider = browser.find_element(By.CSS_SELECTOR, '[data-am="moment"]')
    slider.send_keys(Keys.HOME)
    assert on_map(browser) == expected(0)
    assert said(browser) == ("0 of 6 claims", "Before the first claim.")
    slider.send_keys(Keys.ARROW_RIGHT * 3)
    assert on_map(browser) == expected(3)
    slider.send_keys(Keys.ARROW_RIGHT)
    assert on_map(browser) == expected(4)
    assert said(browser) == (
        "4 of 6 claims",
        "2023-11-14 22:20:00 dee dee-1 rebuts ann-1: ann-1 ✔ standing → ✘ defeated",
    )
    slider.send_keys(Keys.ARROW_RIGHT)
    assert on_map(browser) == expected(5)
    assert slider.get_attribute("aria-valuetext") == (
        "5 of 6: 2023-11-14 22:23:20  cy cy-1 rebuts bo-1.q1: bo-1.q1 ✔ standing → ✘ defeated"
    )
    # The edges of claims not yet made are not drawn either.
    hidden = browser.execute_script(
        "return [...document.querySelectorAll('g.edge')]"
        ".filter(g => getComputedStyle(g).display === 'none').map(g => g.querySelector('title')"
        ".textContent)"
    )
    assert hidden == ["ann-2->cy-1"]
    # At the end, the map is as drawn.
    slider.send_keys(Keys.END)
    assert on_map(browser) == drawn
    assert browser.execute_script("return document.querySelectorAll('[data-then]').length") == 0
    assert console(browser) == [] and requests(browser) == [pages["linter"].as_uri()]


def test_play_replays_from_the_start_and_pause_stops(
    browser: WebDriver, pages: dict[str, Path]
) -> None:
    open_page(browser, pages["linter"])
    play = browser.find_element(By.CSS_SELECTOR, '[data-am="play"]')
    play.send_keys(Keys.ENTER)  # at the end: play starts again from the first claim
    assert play.get_attribute("aria-pressed") == "true"
    WebDriverWait(browser, 10).until(lambda b: said(b)[0] == "2 of 6 claims")
    play.send_keys(Keys.ENTER)
    assert play.get_attribute("aria-pressed") == "false"
    stopped = said(browser)[0]
    assert stopped in ("2 of 6 claims", "3 of 6 claims")
    assert [c for c, _, _ in on_map(browser)] == sorted(
        ["ann-1", "bo-1", "bo-1.q1"][: int(stopped.split()[0])]
    )


def test_a_debate_without_times_has_no_timeline(browser: WebDriver, pages: dict[str, Path]) -> None:
    open_page(browser, pages["retrieval-or-concepts"])
    assert browser.execute_script("return document.querySelector('[data-am=\"time\"]').hidden")
    assert len(on_map(browser)) == 14
