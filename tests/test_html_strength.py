"""Strength on the HTML map, in a real browser (headless Chromium): the panel's strength line,
the list of matching claims ordered by strength, and the strength filter.

The debate is `debates/retrieval-or-concepts.yaml`, whose strengths under DF-QuAD (the default)
from neutral base scores are: derivative 0.3115, lookup 0.0947, not-lookup 0.8105, one-byte
0.5, concepts 0.5, table-lookup 0.1289, backprop 0.5, not-recording 0.4844, depends-on-data
0.0312, not-that-simple 0.875, markov 0.5, human-artists 0.5, ip-perverse 0.5, fair-use 0.5.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from selenium.webdriver import Chrome as WebDriver
from selenium.webdriver.common.by import By
from selenium.webdriver.remote.webelement import WebElement
from selenium.webdriver.support.ui import Select
from typer.testing import CliRunner

from argmap.cli import app

from .browser import chromium, console
from .conftest import ROOT

runner = CliRunner()
SEED = ROOT / "debates/retrieval-or-concepts.yaml"


@pytest.fixture(scope="module")
def browser() -> Iterator[WebDriver]:
    with chromium() as session:
        yield session


@pytest.fixture(scope="module")
def pages(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("strength")
    out = {}
    for name, extra in (("default", []), ("h", ["--strength", "h-categorizer"])):
        target = folder / f"{name}.html"
        result = runner.invoke(app, ["render", str(SEED), "-o", str(target), *extra])
        assert (result.exit_code, result.stderr) == (0, f"wrote {target}\n"), result.output
        out[name] = target
    return out


def open_page(browser: WebDriver, page: Path) -> None:
    browser.get("about:blank")
    console(browser)
    browser.get(page.as_uri())
    assert browser.execute_script("return document.documentElement.hasAttribute('data-am-ready')")


def part(browser: WebDriver, name: str) -> WebElement:
    return browser.find_element(By.CSS_SELECTOR, f'[data-am="{name}"]')


def shown(browser: WebDriver) -> list[str]:
    """The claims the map shows (not faded out by a filter), sorted."""
    ids: list[str] = browser.execute_script(
        "return [...document.querySelectorAll('g.node.claim')]"
        ".filter(g => !g.classList.contains('am-out')).map(g => g.id)"
    )
    return sorted(ids)


def listed(browser: WebDriver) -> list[tuple[str, str | None]]:
    """The Filters drop-down's list of matching claims, in order: each id with the strength
    the list shows beside it (None when it shows none)."""
    rows: list[list[str | None]] = browser.execute_script(
        "return [...document.querySelectorAll('[data-am=\"matches\"] button')].map(b => "
        "[b.getAttribute('data-claim'), "
        "b.querySelector('[data-am=\"strength-mark\"]')?.textContent ?? null])"
    )
    return [(ident, mark) for ident, mark in rows]  # type: ignore[misc]


def open_filters(browser: WebDriver) -> None:
    browser.find_element(By.XPATH, "//summary[text()='Filters']").click()


def set_bound(browser: WebDriver, name: str, value: str) -> None:
    box = part(browser, name)
    box.clear()
    if value:
        box.send_keys(value)


def test_the_panel_shows_the_strength_and_what_moved_it(
    browser: WebDriver, pages: dict[str, Path]
) -> None:
    open_page(browser, pages["default"])
    browser.find_element(By.CSS_SELECTOR, 'g.node.claim[id="derivative"]').click()
    headings = [h.text for h in browser.find_elements(By.CSS_SELECTOR, '[data-am="panel"] h3')]
    assert "Strength (DF-QuAD)" in headings
    assert part(browser, "strength").text == (
        "0.31 (DF-QuAD, base 0.50): lowered 0.25 by human-artists (FaceDeer), raised 0.05 "
        "by lookup (flatbield), raised 0.01 by depends-on-data (flatbield)."
    )
    browser.find_element(By.CSS_SELECTOR, 'g.node.claim[id="markov"]').click()
    assert part(browser, "strength").text == (
        "0.50 (DF-QuAD, base 0.50): nothing rebuts, undercuts or supports it."
    )
    # The map drawn without --strength carries no bar.
    assert "▰" not in (
        browser.find_element(By.CSS_SELECTOR, "svg").get_attribute("textContent") or ""
    )
    assert console(browser) == []


def test_the_panel_follows_the_semantics_strength_names(
    browser: WebDriver, pages: dict[str, Path]
) -> None:
    open_page(browser, pages["h"])
    node = browser.find_element(By.CSS_SELECTOR, 'g.node.claim[id="lookup"]')
    # With --strength the map's nodes show the number and bar too.
    assert "0.36 ▰▰▰▰▱▱▱▱▱▱" in (node.get_attribute("textContent") or "")
    node.click()
    headings = [h.text for h in browser.find_elements(By.CSS_SELECTOR, '[data-am="panel"] h3')]
    assert "Strength (h-categorizer)" in headings
    assert part(browser, "strength").text == (
        "0.36 (h-categorizer, base 0.50): lowered 0.14 by not-lookup (FaceDeer)."
    )
    assert console(browser) == []


def test_the_list_of_matches_is_ordered_by_strength(
    browser: WebDriver, pages: dict[str, Path]
) -> None:
    open_page(browser, pages["default"])
    open_filters(browser)
    Select(part(browser, "speaker")).select_by_value("flatbield")
    file_order = [
        "derivative",
        "lookup",
        "table-lookup",
        "depends-on-data",
        "ip-perverse",
        "fair-use",
    ]
    assert listed(browser) == [(c, None) for c in file_order]
    sort = Select(part(browser, "sort"))
    assert [o.text for o in sort.options] == ["in file order", "strongest first", "weakest first"]
    sort.select_by_value("strongest")
    assert listed(browser) == [
        ("ip-perverse", "0.50 ▰▰▰▰▰▱▱▱▱▱"),  # ties in file order
        ("fair-use", "0.50 ▰▰▰▰▰▱▱▱▱▱"),
        ("derivative", "0.31 ▰▰▰▱▱▱▱▱▱▱"),
        ("table-lookup", "0.13 ▰▱▱▱▱▱▱▱▱▱"),
        ("lookup", "0.09 ▰▱▱▱▱▱▱▱▱▱"),
        ("depends-on-data", "0.03 ▱▱▱▱▱▱▱▱▱▱"),
    ]
    sort.select_by_value("weakest")
    assert [c for c, _ in listed(browser)] == [
        "depends-on-data",
        "lookup",
        "table-lookup",
        "derivative",
        "ip-perverse",
        "fair-use",
    ]
    # Ordered by strength, the list shows every claim even with no filter.
    part(browser, "reset").click()
    assert sort.first_selected_option.text == "in file order"
    assert listed(browser) == []
    sort.select_by_value("strongest")
    assert [c for c, _ in listed(browser)][:3] == ["not-that-simple", "not-lookup", "one-byte"]
    assert len(listed(browser)) == 14
    assert console(browser) == []


def test_the_strength_filter_shows_exactly_the_claims_within_it(
    browser: WebDriver, pages: dict[str, Path]
) -> None:
    open_page(browser, pages["default"])
    open_filters(browser)
    set_bound(browser, "strength-max", "0.2")
    assert shown(browser) == ["depends-on-data", "lookup", "table-lookup"]
    assert part(browser, "count").text == "3 of 14 claims shown"
    set_bound(browser, "strength-max", "")
    set_bound(browser, "strength-min", "0.8")
    assert shown(browser) == ["not-lookup", "not-that-simple"]
    set_bound(browser, "strength-max", "0.85")
    assert shown(browser) == ["not-lookup"]
    set_bound(browser, "strength-min", "0.3")
    set_bound(browser, "strength-max", "0.49")
    assert shown(browser) == ["derivative", "not-recording"]
    Select(part(browser, "sort")).select_by_value("weakest")
    assert [c for c, _ in listed(browser)] == ["derivative", "not-recording"]
    part(browser, "reset").click()
    assert shown(browser) == sorted(
        [
            "derivative", "lookup", "not-lookup", "one-byte", "concepts", "table-lookup",
            "backprop", "not-recording", "depends-on-data", "not-that-simple", "markov",
            "human-artists", "ip-perverse", "fair-use",
        ]
    )  # fmt: skip
    assert part(browser, "strength-min").get_attribute("value") == ""
    assert console(browser) == []


def test_the_summary_lists_the_strongest_the_weakest_and_those_at_odds(
    browser: WebDriver, pages: dict[str, Path]
) -> None:
    # As `argmap summary` lists them: three of each, the at-odds heading counting them all.
    open_page(browser, pages["default"])
    browser.find_element(By.XPATH, "//summary[text()='Summary']").click()
    box = part(browser, "summary")
    headings = [h.text for h in box.find_elements(By.TAG_NAME, "h2")]
    assert headings[:2] == ["Summary", "Strength (DF-QuAD)"]

    def rows(name: str) -> list[tuple[str, str]]:
        found: list[list[str]] = browser.execute_script(
            f"return [...document.querySelectorAll('[data-am=\"strength-{name}\"] li')].map(li "
            "=> [li.querySelector('button').getAttribute('data-claim'), "
            "li.querySelector('[data-am=\"strength-mark\"]').textContent])"
        )
        return [(ident, mark) for ident, mark in found]

    assert rows("strongest") == [
        ("not-that-simple", "0.88 ▰▰▰▰▰▰▰▰▰▱"),
        ("not-lookup", "0.81 ▰▰▰▰▰▰▰▰▱▱"),
        ("one-byte", "0.50 ▰▰▰▰▰▱▱▱▱▱"),
    ]
    assert rows("weakest") == [
        ("depends-on-data", "0.03 ▱▱▱▱▱▱▱▱▱▱"),
        ("lookup", "0.09 ▰▱▱▱▱▱▱▱▱▱"),
        ("table-lookup", "0.13 ▰▱▱▱▱▱▱▱▱▱"),
    ]
    assert rows("at-odds") == [("not-recording", "0.48 ▰▰▰▰▰▱▱▱▱▱")]
    assert "At odds with their status (1)" in box.text
    # A claim in a list is a way to it, as everywhere in the summary.
    box.find_element(By.CSS_SELECTOR, '[data-am="strength-at-odds"] button').click()
    selected = browser.find_elements(By.CSS_SELECTOR, "g.am-selected")
    assert [g.get_attribute("id") for g in selected] == ["not-recording"]
    assert part(browser, "panel").text.splitlines()[0].startswith("not-recording")
    assert console(browser) == []
