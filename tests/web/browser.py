"""Real Chromium for the web tests: Debian's `chromium`, driven by Playwright (never `playwright install`).

One browser per test session; each test gets fresh contexts (no shared cookies). `desktop_page` is a 1366×768
window; `phone_page` a 390×844 phone at 3× with touch, as a consumer at a door would hold it.
Failed requests to anything but loopback fail the test: the centre's pages must load nothing from outside.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Browser, BrowserContext, Page, Playwright, Request, sync_playwright

DESKTOP = {"width": 1366, "height": 768}
PHONE = {"width": 390, "height": 844}
_LOOPBACK = {"127.0.0.1", "localhost", "::1", "[::1]"}


def chromium_path() -> str:
    found = shutil.which("chromium")
    if found is None:
        pytest.fail("Debian's chromium is not installed (./scripts/dev setup installs it)", pytrace=False)
    return found


@pytest.fixture(scope="session")
def playwright_driver() -> Iterator[Playwright]:
    # Playwright's sync API leaves its event loop registered in this thread for the rest of the session, and Django
    # then refuses every ORM call the tests make in-process as if it were made from async code. Those calls are
    # synchronous; the centres the tests start do not inherit the setting (terminal/centre_process.py).
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    with sync_playwright() as driver:
        yield driver


@pytest.fixture(scope="session")
def browser(playwright_driver: Playwright) -> Iterator[Browser]:
    chromium = playwright_driver.chromium.launch(executable_path=chromium_path(), args=["--no-sandbox"])
    yield chromium
    chromium.close()


def _refuse_outside(context: BrowserContext) -> list[str]:
    """Record every request a page makes beyond loopback (the centre may sit on a closed network)."""
    outside: list[str] = []

    def check(request: Request) -> None:
        host = urlsplit(request.url).hostname or ""
        if request.url.startswith(("data:", "blob:", "about:")):
            return
        if host not in _LOOPBACK:
            outside.append(request.url)

    context.on("request", check)
    return outside


def _page(browser: Browser, **options: object) -> Iterator[Page]:
    context = browser.new_context(locale="zh-CN", timezone_id="Asia/Shanghai", **options)  # type: ignore[arg-type]
    outside = _refuse_outside(context)
    page = context.new_page()
    yield page
    context.close()
    assert not outside, f"the page reached outside loopback: {outside}"


@pytest.fixture
def desktop_page(browser: Browser) -> Iterator[Page]:
    yield from _page(browser, viewport=DESKTOP)


@pytest.fixture
def phone_page(browser: Browser) -> Iterator[Page]:
    yield from _page(browser, viewport=PHONE, device_scale_factor=3, is_mobile=True, has_touch=True)
