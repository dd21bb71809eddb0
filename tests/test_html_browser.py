"""The interactive HTML map in a real browser: headless Chromium, driven by Selenium.

Every page is opened from `file://`, as a reader opens a file they were sent. Each test checks
what a reader sees and does: the claims on the map, the panel a click opens, the search, the
filters, the summary, pan and zoom, the dark theme, a phone's screen, and a debate full of hostile
text that must stay text. Screenshots are saved under out/screenshots/.
"""

from __future__ import annotations

import math
import struct
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from selenium.common.exceptions import NoAlertPresentException
from selenium.webdriver import Chrome as WebDriver
from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.remote.webelement import WebElement
from selenium.webdriver.support.ui import Select
from typer.testing import CliRunner

from argmap import load
from argmap.analysis import analyse
from argmap.analyze import label, unanswered
from argmap.cli import app
from argmap.model import Debate
from argmap.render import report
from argmap.render.words import reason

from .browser import chromium, console, requests
from .conftest import DEBATES, ROOT

runner = CliRunner()
SEED = ROOT / "debates/retrieval-or-concepts.yaml"
HOSTILE = ROOT / "tests/data/hostile.yaml"
# The debates in debates/ give no address (the excerpts show none), so links are checked on this.
LINKED = """\
title: Links
speakers:
  FaceDeer: {url: https://example.org/u/FaceDeer}
sources:
  laion-5b: {title: LAION-5B, url: https://example.org/laion-5b}
claims:
  one-byte: {by: FaceDeer, text: About one byte per image., cites: [laion-5b]}
"""
SCREENSHOTS = ROOT / "out/screenshots"
SYMBOL = {"standing": "✔", "defeated": "✘", "undecided": "?"}


@pytest.fixture(scope="module")
def browser() -> Iterator[WebDriver]:
    with chromium() as session:
        yield session


@pytest.fixture(scope="module")
def pages(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Every debate, the hostile one with its sources drawn and LINKED, as pages the CLI wrote."""
    folder = tmp_path_factory.mktemp("pages")
    linked = folder / "linked.yaml"
    linked.write_text(LINKED)
    out = {}
    for path, extra in [*((p, []) for p in DEBATES), (HOSTILE, ["--sources"]), (linked, [])]:
        target = folder / f"{path.stem}.html"
        result = runner.invoke(app, ["render", str(path), "-o", str(target), *extra])
        assert (result.exit_code, result.stderr) == (0, f"wrote {target}\n"), result.output
        out[path.stem] = target
    return out


def open_page(browser: WebDriver, page: Path, fragment: str = "") -> str:
    """Opens `page` with the logs emptied first, and returns its URL."""
    browser.get("about:blank")
    console(browser)
    requests(browser)
    url = page.as_uri() + fragment
    browser.get(url)
    assert browser.execute_script("return document.documentElement.hasAttribute('data-am-ready')")
    return url


def part(browser: WebDriver, name: str) -> WebElement:
    return browser.find_element(By.CSS_SELECTOR, f'[data-am="{name}"]')


def node(browser: WebDriver, claim: str) -> WebElement:
    return browser.find_element(By.CSS_SELECTOR, f'g.node.claim[id="{claim}"]')


def shown(browser: WebDriver) -> list[str]:
    """The claims the map shows (not faded out by the search or a filter), sorted."""
    ids: list[str] = browser.execute_script(
        "return [...document.querySelectorAll('g.node.claim')]"
        ".filter(g => !g.classList.contains('am-out')).map(g => g.id)"
    )
    return sorted(ids)


def tabbable(browser: WebDriver) -> list[str]:
    ids: list[str] = browser.execute_script(
        "return [...document.querySelectorAll('g.node.claim[tabindex=\"0\"]')].map(g => g.id)"
    )
    return sorted(ids)


def panel_links(browser: WebDriver, heading: str) -> list[tuple[str, str]]:
    """(relation, claim) of each button under the panel's heading that starts with `heading`."""
    pairs: list[list[str]] = browser.execute_script(
        """
        const h3 = [...document.querySelectorAll('[data-am="panel"] h3')]
            .find(h => h.textContent.startsWith(arguments[0]));
        const list = h3.nextElementSibling;
        if (!list || list.tagName !== 'UL') return [];
        return [...list.querySelectorAll('button[data-claim]')].map(b =>
            [b.querySelector('.am-rel').textContent, b.getAttribute('data-claim')]);
        """,
        heading,
    )
    return [(kind, claim) for kind, claim in pairs]


def drawing(browser: WebDriver) -> list[float]:
    """Where the whole drawing is on screen: x, y, width, height in CSS pixels."""
    box: list[float] = browser.execute_script(
        "const r = document.querySelector('[data-am=\"map\"] svg').getBoundingClientRect();"
        "return [r.x, r.y, r.width, r.height]"
    )
    return box


def expected_links(debate: Debate, claim: str) -> tuple[list[tuple[str, str]], ...]:
    analysis = analyse(debate)
    return (
        [(f"[{link.kind.value}]", link.id) for link in analysis.answers[claim]],
        [(f"[{link.kind.value}]", link.id) for link in analysis.answered_by[claim]],
    )


def no_alert(browser: WebDriver) -> bool:
    try:
        browser.switch_to.alert  # noqa: B018 - the lookup raises when there is none
    except NoAlertPresentException:
        return True
    return False


# --- loading -------------------------------------------------------------------------------------


@pytest.mark.parametrize("name", [p.stem for p in DEBATES] + ["hostile"])
def test_page_loads_with_no_console_message_and_no_request(
    browser: WebDriver, pages: dict[str, Path], name: str
) -> None:
    url = open_page(browser, pages[name])
    assert console(browser) == []
    assert requests(browser) == [url]  # the page itself, nothing else: no font, CDN or favicon
    debate = load(HOSTILE if name == "hostile" else ROOT / f"debates/{name}.yaml")
    assert part(browser, "count").text == f"{len(debate.claims)} claims"
    assert part(browser, "panel").get_attribute("hidden") == "true"


def test_every_claim_is_on_the_map_and_opens_its_panel(
    browser: WebDriver, pages: dict[str, Path]
) -> None:
    debate = load(SEED)
    labelling = label(debate)
    quiet = {u.id for u in unanswered(debate)}
    open_page(browser, pages[SEED.stem])
    drawn = browser.execute_script(
        "return [...document.querySelectorAll('g.node.claim')].map(g => g.id)"
    )
    assert sorted(drawn) == sorted(debate.claims)
    for claim in debate.claims.values():
        g = node(browser, claim.id)
        assert g.is_displayed()
        assert g.get_attribute("role") == "button" and g.get_attribute("tabindex") == "0"
        g.click()
        status = labelling.status[claim.id].value
        assert part(browser, "claim-id").text == claim.id
        assert part(browser, "text").get_attribute("textContent") == claim.text
        assert part(browser, "status").text == f"{SYMBOL[status]} {status}" + (
            " unanswered" if claim.id in quiet else ""
        )
        assert part(browser, "why").text == reason(report.show(debate, claim.id))
        answers, answered_by = expected_links(debate, claim.id)
        assert panel_links(browser, "Answers") == answers
        assert panel_links(browser, "Answered by") == answered_by
        selected = browser.find_elements(By.CSS_SELECTOR, "g.am-selected")
        assert [s.get_attribute("id") for s in selected] == [claim.id]
        assert browser.current_url.endswith(f"#{claim.id}")
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    shot = SCREENSHOTS / f"{SEED.stem}.png"
    node(browser, "table-lookup").click()
    browser.save_screenshot(str(shot))
    width, height = struct.unpack(">II", shot.read_bytes()[16:24])
    assert (width, height) == tuple(
        browser.execute_script("return [window.innerWidth, window.innerHeight]")
    )
    assert console(browser) == []


def test_the_panel_shows_speaker_reason_and_citations(
    browser: WebDriver, pages: dict[str, Path]
) -> None:
    open_page(browser, pages[SEED.stem])
    node(browser, "one-byte").click()
    panel = part(browser, "panel")
    lines = panel.text.splitlines()
    assert lines[:4] == ["one-byte", "✕", "by FaceDeer", "✔ standing unanswered"]
    assert lines[lines.index("Why") + 1] == "nothing rebuts or undercuts it (it is unanswered)."
    assert lines[lines.index("Cites (2)") + 1 :] == [
        "laion-5b: LAION-5B, a dataset describing five billion images",
        "model-on-disk: The Stable Diffusion model file on FaceDeer's hard drive, about 5 GB "
        "(FaceDeer)",
    ]
    links = (
        "return [...document.querySelectorAll('[data-am=\"panel\"] a')]"
        ".map(a => [a.textContent, a.href, a.rel, a.target])"
    )
    assert browser.execute_script(links) == []  # the thread gives no address, so none is made up
    # A speaker's and a source's addresses become links, each with no opener and no referrer.
    open_page(browser, pages["linked"])
    node(browser, "one-byte").click()
    lines = part(browser, "panel").text.splitlines()
    assert lines[2] == "by FaceDeer"
    assert lines[lines.index("Cites (1)") + 1 :] == [
        "laion-5b: LAION-5B",
        "https://example.org/laion-5b",
    ]
    assert browser.execute_script(links) == [
        ["FaceDeer", "https://example.org/u/FaceDeer", "noopener noreferrer", "_blank"],
        [
            "https://example.org/laion-5b",
            "https://example.org/laion-5b",
            "noopener noreferrer",
            "_blank",
        ],
    ]


def test_a_relation_in_the_panel_moves_to_that_claim(
    browser: WebDriver, pages: dict[str, Path]
) -> None:
    open_page(browser, pages[SEED.stem])
    node(browser, "lookup").click()
    part(browser, "panel").find_element(By.CSS_SELECTOR, 'button[data-claim="not-lookup"]').click()
    assert part(browser, "claim-id").text == "not-lookup"
    assert browser.switch_to.active_element.get_attribute("id") == "not-lookup"
    assert browser.current_url.endswith("#not-lookup")
    box = node(browser, "not-lookup").rect
    area = part(browser, "map").rect
    assert area["x"] <= box["x"] and box["x"] + box["width"] <= area["x"] + area["width"]
    assert area["y"] <= box["y"] and box["y"] + box["height"] <= area["y"] + area["height"]
    near = browser.execute_script(
        "return [...document.querySelectorAll('g.edge.am-near > title')].map(t => t.textContent)"
    )
    debate = load(SEED)
    assert sorted(near) == sorted(
        f"{r.source}->{r.target}" for r in debate.relations if "not-lookup" in (r.source, r.target)
    )


def test_the_keyboard_opens_and_closes_the_panel(
    browser: WebDriver, pages: dict[str, Path]
) -> None:
    open_page(browser, pages[SEED.stem])
    browser.execute_script("document.querySelector('g.claim[id=\"markov\"]').focus()")
    ActionChains(browser).send_keys(Keys.ENTER).perform()
    assert part(browser, "claim-id").text == "markov"
    ActionChains(browser).send_keys(Keys.ESCAPE).perform()
    assert part(browser, "panel").get_attribute("hidden") == "true"
    assert browser.switch_to.active_element.get_attribute("id") == "markov"
    ActionChains(browser).send_keys(" ").perform()
    assert part(browser, "claim-id").text == "markov"


def test_opening_the_page_at_a_claim_opens_its_panel(
    browser: WebDriver, pages: dict[str, Path]
) -> None:
    open_page(browser, pages[SEED.stem], "#human-artists")
    assert part(browser, "claim-id").text == "human-artists"
    open_page(browser, pages[SEED.stem], "#no-such-claim%")
    assert part(browser, "panel").get_attribute("hidden") == "true"
    assert console(browser) == []


# --- search, filters, summary --------------------------------------------------------------------


def wanted(debate: Debate, query: str) -> list[str]:
    q = query.lower()
    return [
        c.id
        for c in debate.claims.values()
        if any(q in field.lower() for field in (c.id, c.text, c.by or ""))
    ]


@pytest.mark.parametrize("query", ["lookup", "FACEDEER", "training data", "nothing matches this"])
def test_search_shows_the_claims_whose_text_id_or_speaker_match(
    browser: WebDriver, pages: dict[str, Path], query: str
) -> None:
    debate = load(SEED)
    expected = wanted(debate, query)
    assert query == "nothing matches this" or expected  # each query finds something
    open_page(browser, pages[SEED.stem])
    part(browser, "search").send_keys(query)
    assert shown(browser) == sorted(expected)
    assert tabbable(browser) == sorted(expected)
    assert part(browser, "count").text == f"{len(expected)} of {len(debate.claims)} claims shown"
    part(browser, "search").send_keys(Keys.ESCAPE)
    assert shown(browser) == sorted(debate.claims)
    assert part(browser, "count").text == f"{len(debate.claims)} claims"


def test_enter_in_the_search_opens_the_first_match(
    browser: WebDriver, pages: dict[str, Path]
) -> None:
    open_page(browser, pages[SEED.stem])
    part(browser, "search").send_keys("training", Keys.ENTER)
    first = wanted(load(SEED), "training")[0]  # in the order of the file
    assert first != sorted(wanted(load(SEED), "training"))[0]
    assert part(browser, "claim-id").text == first


def open_filters(browser: WebDriver) -> None:
    browser.find_element(By.XPATH, "//summary[text()='Filters']").click()


def test_each_filter_shows_the_right_claims(browser: WebDriver, pages: dict[str, Path]) -> None:
    debate = load(SEED)
    labelling = label(debate)
    quiet = [u.id for u in unanswered(debate)]
    open_page(browser, pages[SEED.stem])
    open_filters(browser)
    assert part(browser, "unanswered").find_element(By.XPATH, "..").text == (
        f"only unanswered claims ({len(quiet)})"
    )
    part(browser, "unanswered").click()
    assert shown(browser) == sorted(quiet)
    part(browser, "unanswered").click()
    assert shown(browser) == sorted(debate.claims)

    part(browser, "status-standing").click()
    assert shown(browser) == sorted(c for c, s in labelling.status.items() if s.value != "standing")
    part(browser, "status-defeated").click()
    assert shown(browser) == sorted(
        c for c, s in labelling.status.items() if s.value == "undecided"
    )
    part(browser, "reset").click()
    assert shown(browser) == sorted(debate.claims)

    speaker = Select(part(browser, "speaker"))
    assert [o.text for o in speaker.options] == [
        "all speakers",
        "flatbield (6 claims)",
        "FaceDeer (7 claims)",
        "mobyduck648 (1 claim)",
    ]
    speaker.select_by_value("flatbield")
    by_flatbield = [c.id for c in debate.claims.values() if c.by == "flatbield"]
    assert shown(browser) == sorted(by_flatbield)
    part(browser, "unanswered").click()  # filters combine
    assert shown(browser) == sorted(c for c in by_flatbield if c in quiet)
    matches = browser.execute_script(
        "return [...document.querySelectorAll('[data-am=\"matches\"] button')]"
        ".map(b => b.getAttribute('data-claim'))"
    )
    assert matches == [c for c in by_flatbield if c in quiet]
    assert tabbable(browser) == sorted(matches)
    part(browser, "reset").click()
    assert shown(browser) == sorted(debate.claims)
    assert speaker.first_selected_option.text == "all speakers"


def test_the_summary_lists_counts_unanswered_and_speakers(
    browser: WebDriver, pages: dict[str, Path]
) -> None:
    debate = load(SEED)
    data = report.summary(debate)
    n = data["counts"]
    open_page(browser, pages[SEED.stem])
    box = part(browser, "summary")
    assert not box.is_displayed()  # collapsed until asked for
    browser.find_element(By.XPATH, "//summary[text()='Summary']").click()
    lines = box.text.splitlines()
    assert lines[:4] == [
        "Summary",
        f"{n['claims']} claims, {n['speakers']} speakers, {n['sources']} sources",
        f"{n['relations']} relations: rebuts {n['rebuts']}, supports {n['supports']}, "
        f"undercuts {n['undercuts']}",
        f"✔ standing {n['standing']} ✘ defeated {n['defeated']} ? undecided {n['undecided']}",
    ]
    listed = [
        b.get_attribute("data-claim")
        for b in box.find_elements(
            By.XPATH, ".//h2[starts-with(., 'Unanswered')]/following::ul[1]//button"
        )
    ]
    assert listed == data["unanswered"]
    rows = [
        [td.text for td in tr.find_elements(By.TAG_NAME, "td")]
        for tr in box.find_elements(By.CSS_SELECTOR, "tbody tr")
    ]
    assert rows == [
        [
            s["name"],
            *(
                str(s[k])
                for k in ("claims", "rebuttals", "standing", "defeated", "undecided", "unanswered")
            ),
        ]
        for s in data["speakers"]
    ]
    box.find_element(By.CSS_SELECTOR, f'button[data-claim="{data["unanswered"][0]}"]').click()
    assert part(browser, "claim-id").text == data["unanswered"][0]
    assert not box.is_displayed()


# --- the view ----------------------------------------------------------------------------------


def test_the_map_fits_the_window_and_zooms_and_pans(
    browser: WebDriver, pages: dict[str, Path]
) -> None:
    open_page(browser, pages[SEED.stem])
    area = part(browser, "map").rect
    x, y, w, h = drawing(browser)
    # Fitted: the whole drawing inside the map, centred, filling it one way (with a 4% margin).
    assert area["x"] <= x and x + w <= area["x"] + area["width"]
    assert area["y"] <= y and y + h <= area["y"] + area["height"]
    assert [x + w / 2, y + h / 2] == pytest.approx(
        [area["x"] + area["width"] / 2, area["y"] + area["height"] / 2], abs=0.5
    )
    assert max(w / area["width"], h / area["height"]) == pytest.approx(1 / 1.04, rel=1e-3)

    part(browser, "zoom-in").click()
    x2, y2, w2, h2 = drawing(browser)
    assert [w2, h2] == pytest.approx([w * 1.4, h * 1.4])
    assert [x2 + w2 / 2, y2 + h2 / 2] == pytest.approx([x + w / 2, y + h / 2])  # same centre

    ActionChains(browser).move_to_element(part(browser, "map")).click_and_hold().move_by_offset(
        120, 60
    ).release().perform()
    x3, y3, _, _ = drawing(browser)
    assert [x3, y3] == pytest.approx([x2 + 120, y2 + 60], abs=1)  # the drawing follows the drag
    assert part(browser, "panel").get_attribute("hidden") == "true"  # a drag is not a click

    browser.execute_script(
        "document.querySelector('[data-am=\"map\"]').dispatchEvent(new WheelEvent('wheel', "
        "{deltaY: 200, clientX: arguments[0], clientY: arguments[1], bubbles: true, "
        "cancelable: true}))",
        area["x"] + 10,
        area["y"] + 10,
    )
    x4, y4, w4, _ = drawing(browser)
    assert w4 == pytest.approx(w2 / math.exp(200 * 0.0015))  # scrolling down zooms out ...
    # ... around the pointer: the point under it stays under it.
    assert (area["x"] + 10 - x4) / w4 == pytest.approx((area["x"] + 10 - x3) / w2, abs=1e-3)
    assert (area["y"] + 10 - y4) / w4 == pytest.approx((area["y"] + 10 - y3) / w2, abs=1e-3)
    part(browser, "fit").click()
    assert drawing(browser) == pytest.approx([x, y, w, h])


def test_dark_theme_follows_the_system_setting(browser: WebDriver, pages: dict[str, Path]) -> None:
    colours = (
        "const s = document.querySelector('[data-am=\"map\"] svg');"
        "return [getComputedStyle(document.body).backgroundColor,"
        " getComputedStyle(s.querySelector('g.graph > polygon')).fill,"
        " getComputedStyle(s.querySelector('g.claim.standing > path')).fill,"
        " getComputedStyle(s.querySelector('g.claim.standing > path')).stroke,"
        " getComputedStyle(s.querySelector('g.claim text')).fill]"
    )
    open_page(browser, pages[SEED.stem])
    assert browser.execute_script(colours) == [
        "rgb(255, 255, 255)",
        "rgb(255, 255, 255)",
        "rgb(220, 235, 247)",
        "rgb(0, 114, 178)",
        "rgb(26, 26, 26)",
    ]
    browser.execute_cdp_cmd(
        "Emulation.setEmulatedMedia",
        {"features": [{"name": "prefers-color-scheme", "value": "dark"}]},
    )
    try:
        open_page(browser, pages[SEED.stem])
        assert browser.execute_script(colours) == [
            "rgb(27, 27, 31)",
            "rgb(27, 27, 31)",
            "rgb(18, 50, 74)",
            "rgb(86, 180, 233)",
            "rgb(238, 238, 238)",
        ]
        node(browser, "table-lookup").click()
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        browser.save_screenshot(str(SCREENSHOTS / f"{SEED.stem}-dark.png"))
    finally:
        browser.execute_cdp_cmd("Emulation.setEmulatedMedia", {"features": []})


def test_a_phone_gets_the_panel_over_the_map_and_no_sideways_scroll(
    browser: WebDriver, pages: dict[str, Path]
) -> None:
    browser.execute_cdp_cmd(
        "Emulation.setDeviceMetricsOverride",
        {"width": 390, "height": 844, "deviceScaleFactor": 2, "mobile": True},
    )
    try:
        open_page(browser, pages[SEED.stem])
        assert browser.execute_script("return document.documentElement.scrollWidth") == 390
        node(browser, "lookup").click()
        panel = part(browser, "panel").rect
        area = part(browser, "map").rect
        assert (panel["x"], panel["width"]) == (0, 390)
        assert panel["y"] + panel["height"] == pytest.approx(844, abs=1)
        assert area["y"] + area["height"] == pytest.approx(844, abs=1)  # the panel lies over it
        box = node(browser, "lookup").rect
        assert area["y"] <= box["y"] and box["y"] + box["height"] <= panel["y"]
        assert browser.execute_script("return document.documentElement.scrollWidth") == 390
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        browser.save_screenshot(str(SCREENSHOTS / f"{SEED.stem}-phone.png"))
    finally:
        browser.execute_cdp_cmd("Emulation.clearDeviceMetricsOverride", {})


# --- hostile text ------------------------------------------------------------------------------


def texts(browser: WebDriver, selector: str) -> list[Any]:
    found: list[Any] = browser.execute_script(
        "return [...document.querySelectorAll(arguments[0])].map(e => e.textContent)", selector
    )
    return found


def test_hostile_text_stays_text(browser: WebDriver, pages: dict[str, Path]) -> None:
    debate = load(HOSTILE)
    url = open_page(browser, pages["hostile"])
    assert no_alert(browser)
    assert console(browser) == []
    assert requests(browser) == [url]
    # Nothing from the file became an element: the page has only its own.
    counts = browser.execute_script(
        "return ['img', 'script', 'iframe', 'object', 'embed', 'foreignObject', 'svg']"
        ".map(t => document.getElementsByTagName(t).length)"
    )
    assert counts == [0, 2, 0, 0, 0, 0, 1]
    handlers = browser.execute_script(
        "return [...document.querySelectorAll('*')].flatMap(e => [...e.attributes])"
        ".filter(a => a.name.startsWith('on')).length"
    )
    assert handlers == 0
    assert texts(browser, "h1") == [debate.title]
    for claim in debate.claims.values():
        node(browser, claim.id).click()
        assert part(browser, "text").get_attribute("textContent") == claim.text
        assert texts(browser, '[data-am="panel"] p.am-meta')[0] == f"by {claim.by}"
        # Only http(s) addresses became links, each with no opener and no referrer.
        links = browser.execute_script(
            "return [...document.querySelectorAll('[data-am=\"panel\"] a')]"
            ".map(a => [a.getAttribute('href'), a.rel, a.target])"
        )
        for href, rel, target in links:
            assert href.startswith("https://") and (rel, target) == (
                "noopener noreferrer",
                "_blank",
            )
    node(browser, "root").click()
    cites = texts(browser, '[data-am="panel"] li .am-url')
    assert cites == [
        "javascript:alert(document.cookie)",
        "data:text/html,<script>alert(1)</script>",
        "https://example.org/a?b=1&c=<2>",
    ]
    assert browser.execute_script(
        "return [...document.querySelectorAll('[data-am=\"panel\"] li .am-url')]"
        ".map(e => e.tagName)"
    ) == ["SPAN", "SPAN", "A"]
    # The sources drawn in the SVG link to the one http(s) address, without referrer or opener.
    svg_links = browser.execute_script(
        "return [...document.querySelectorAll('svg a')].map(a => "
        "[a.getAttribute('xlink:href') || a.getAttributeNS('http://www.w3.org/1999/xlink', 'href'),"
        " a.getAttribute('rel')])"
    )
    assert svg_links == [["https://example.org/a?b=1&c=%3C2%3E", "noopener noreferrer"]]
    part(browser, "search").send_keys("<img")
    assert shown(browser) == ["reply"]  # found by its speaker's name, as text
    assert no_alert(browser)
    assert console(browser) == []
