"""A headless Chromium for the tests of the HTML map, driven by Selenium through chromedriver.

Both come from the system (`make test` installs Debian's `chromium` and `chromium-driver` when they
are missing, see scripts/ensure-browser); nothing is downloaded at test time. The browser records
its console and its network log, so a test can ask what the page printed and what it fetched.
"""

from __future__ import annotations

import json
import os
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import pytest
from selenium import webdriver
from selenium.webdriver.chrome.service import Service

BROWSERS = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")
FLAGS = (
    "--headless=new",
    "--no-sandbox",  # CI runs as root
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--no-first-run",
    "--no-default-browser-check",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-extensions",
    "--window-size=1280,800",
)


def programs() -> tuple[str, str]:
    """The Chromium and chromedriver on PATH (or named by $ARGMAP_CHROMIUM / $ARGMAP_CHROMEDRIVER);
    fails with the command that installs them when they are not there."""
    browser = os.environ.get("ARGMAP_CHROMIUM") or next(
        (found for name in BROWSERS if (found := shutil.which(name))), None
    )
    driver = os.environ.get("ARGMAP_CHROMEDRIVER") or shutil.which("chromedriver")
    if browser is None or driver is None:
        pytest.fail(
            "Chromium and chromedriver are needed for the tests of the HTML map: run `make test`, "
            "which installs them (Debian/Ubuntu packages chromium and chromium-driver), or "
            "`make browser`"
        )
    return browser, driver


@contextmanager
def chromium() -> Iterator[webdriver.Chrome]:
    browser, driver = programs()
    options = webdriver.ChromeOptions()
    options.binary_location = browser
    with tempfile.TemporaryDirectory(prefix="argmap-chromium-") as profile:
        for flag in (*FLAGS, f"--user-data-dir={profile}"):
            options.add_argument(flag)
        options.set_capability("goog:loggingPrefs", {"browser": "ALL", "performance": "ALL"})
        session = webdriver.Chrome(service=Service(driver), options=options)
        try:
            yield session
        finally:
            session.quit()


def console(session: webdriver.Chrome) -> list[dict[str, Any]]:
    """What the page wrote to the console (and the browser's own errors about it) since the last
    call."""
    entries: list[dict[str, Any]] = session.get_log("browser")  # type: ignore[no-untyped-call]
    return entries


def requests(session: webdriver.Chrome) -> list[str]:
    """The URL of every request the browser began since the last call."""
    urls = []
    for entry in session.get_log("performance"):  # type: ignore[no-untyped-call]
        message = json.loads(entry["message"])["message"]
        if message["method"] == "Network.requestWillBeSent":
            urls.append(message["params"]["request"]["url"])
    return urls
