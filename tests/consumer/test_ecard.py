"""The electronic credential end to end, in Chromium at phone size: `terminal ecard activate` on a real terminal
store gives the link; the worker's phone makes its key and shows the card with a QR re-signed every minute; a
person at the door checks a fresh code online and offline, and a screenshot is refused after the window; the code
cannot serve a second phone; a new activation voids the old phone; revocation disables it. Time moves with
Playwright's clock, never with sleeps."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, BrowserContext, Page, expect

from terminal.cli.main import main as terminal_cli
from terminal.core.roles import Action, Role
from terminal.usecases import credentials
from tests.builders import STAFF_PASSWORD, UNLOCK_SECRET, actor, register_eligible
from tests.consumer.conftest import Stack, shoot
from tests.web.browser import PHONE

TODAY = dt.date.today()
# An older browser: WebCrypto without Ed25519 (the page then makes an ECDSA P-256 key).
NO_ED25519 = """(() => {
  const generate = crypto.subtle.generateKey.bind(crypto.subtle);
  crypto.subtle.generateKey = (algorithm, ...rest) => (algorithm === "Ed25519" || (algorithm && algorithm.name === "Ed25519"))
    ? Promise.reject(new DOMException("Ed25519 is not supported", "NotSupportedError")) : generate(algorithm, ...rest);
})();"""
SHOWN_CODE = re.compile(r"^HTTP://127\.0\.0\.1:\d+/E/[A-Z2-7]+$")


def phone(browser: Browser) -> BrowserContext:
    return browser.new_context(viewport={"width": PHONE["width"], "height": PHONE["height"]}, device_scale_factor=3, is_mobile=True, has_touch=True,
                               locale="zh-CN", timezone_id="Asia/Shanghai")  # fmt: skip


@pytest.fixture
def phones(browser: Browser) -> Iterator[list[BrowserContext]]:
    opened: list[BrowserContext] = []
    yield opened
    for context in opened:
        context.close()


def issued(stack: Stack) -> str:
    """A credential issued on the agency's terminal (every issuing condition met) and synced to the centre."""
    worker_id, read = register_eligible(stack.db)
    number = credentials.apply(stack.db, actor(Role.CLERK), worker_id, TODAY)
    credentials.transition(stack.db, actor(Role.SUPERVISOR), number, Action.APPROVE, TODAY)
    credentials.transition(stack.db, actor(Role.CLERK), number, Action.PRINT, TODAY)
    stack.sync()
    credentials.transition(stack.db, actor(Role.CLERK), number, Action.ISSUE, TODAY, card_read=read)
    stack.sync()
    return number


def activation_url(
    stack: Stack, number: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> str:
    """`terminal ecard activate NUMBER` as a clerk signs in to it; its first line is the link."""
    monkeypatch.setenv("TERMINAL_UNLOCK_SECRET", UNLOCK_SECRET)
    monkeypatch.setenv("TERMINAL_OPERATOR", "clerk")
    monkeypatch.setenv("TERMINAL_OPERATOR_PASSWORD", STAFF_PASSWORD)
    capsys.readouterr()
    assert terminal_cli(["--home", str(stack.db.path.parent), "ecard", "activate", number]) == 0
    url = capsys.readouterr().out.splitlines()[0]
    assert "/A/" in url
    return url


def activate(context: BrowserContext, url: str, shot: str | None = None) -> Page:
    page = context.new_page()
    page.goto(url)
    expect(page.locator("#activate")).to_be_visible()
    if shot:
        shoot(page, shot)
    page.locator("#activate").click()
    page.wait_for_url("**/e/")
    expect(page.locator("#qr")).to_have_attribute("data-url", SHOWN_CODE)
    return page


def code_of(page: Page) -> str:
    """The code the page shows, once it shows one: a reloaded card fills its words at once and draws the QR after
    reading its key, so the words alone do not say the code is there."""
    expect(page.locator("#qr")).to_have_attribute("data-url", SHOWN_CODE)
    return str(page.locator("#qr").get_attribute("data-url"))


def fresh_code(page: Page) -> str:
    """A code the phone signs now (what its page would show), even where the page no longer shows one."""
    return str(page.evaluate("HSC_ECARD.stored().then((c) => HSC_ECARD.present(c, Math.floor(Date.now() / 1000)))"))


def verdict(page: Page, url: str) -> None:
    page.goto(url)
    expect(page.locator("section.light")).to_be_visible()


def test_activated_shown_verified_and_a_screenshot_refused(
    stack: Stack, browser: Browser, phones: list[BrowserContext], monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:  # fmt: skip
    number = issued(stack)
    url = activation_url(stack, number, monkeypatch, capsys)
    worker = phone(browser)
    phones.append(worker)
    card = activate(worker, url, shot="ecard-activate")
    expect(card.locator("#number")).to_have_text(number)
    expect(card.locator("#version")).to_have_text("1")
    expect(card.locator("#holder")).to_contain_text("*")
    expect(card.locator("#photo")).to_be_visible()
    expect(card.locator("#status")).to_have_attribute("data-state", "usable")
    shoot(card, "ecard-card")
    card.locator("#switch").click()
    expect(card.locator("[data-word=number]")).to_have_text("Credential no.")
    expect(card.locator("#status")).to_contain_text("Credential valid")
    shoot(card, "ecard-card-en")
    card.locator("#switch").click()
    expect(card.locator("[data-word=number]")).to_have_text("证件编号")
    code = code_of(card)

    door = phone(browser)
    phones.append(door)
    check = door.new_page()
    verdict(check, code)
    expect(check.locator("section.light")).to_have_attribute("data-state", "valid")
    expect(check.locator("section.light")).to_contain_text("持证人本人手机刚刚生成")
    expect(check.locator("#sigcheck")).to_have_attribute("data-check", "fresh")
    expect(check.locator("figure.photo")).to_be_visible()
    shoot(check, "ecard-verify")
    # The checking phone keeps the service worker and the trust list; then the network goes.
    check.evaluate("navigator.serviceWorker.ready.then(() => true)")
    check.reload()
    expect(check.locator("#sigcheck")).to_have_attribute("data-check", "fresh")
    door.set_offline(True)
    try:
        check.goto(fresh_code(card))
        expect(check.locator("#light")).to_have_attribute("data-offline", "fresh")
        expect(check.locator("#light")).to_contain_text("状态未知")
        shoot(check, "ecard-verify-offline")
    finally:
        door.set_offline(False)

    # A screenshot: the code a page showed five minutes ago (its clock set back), refused online and offline.
    old = worker.new_page()
    old.clock.install(time=dt.datetime.now(dt.UTC) - dt.timedelta(minutes=5))
    old.goto(card.url)
    expect(old.locator("#qr")).to_have_attribute("data-url", SHOWN_CODE)
    screenshot = code_of(old)
    verdict(check, screenshot)
    expect(check.locator("section.light")).to_have_attribute("data-state", "refused")
    expect(check.locator("section.light")).to_contain_text("已过时")
    expect(check.locator("#sigcheck")).to_have_attribute("data-check", "stale")
    shoot(check, "ecard-screenshot-refused")
    door.set_offline(True)
    try:
        check.goto(screenshot)
        expect(check.locator("#light")).to_have_attribute("data-offline", "stale")
        expect(check.locator("#light")).to_have_attribute("data-light", "red")
    finally:
        door.set_offline(False)

    # The QR changes every minute.
    old.clock.run_for(61_000)
    expect(old.locator("#qr")).not_to_have_attribute("data-url", screenshot)
    old.close()

    # The worker's page works offline: the card and a fresh code without the network (the context's clock is
    # Playwright's, installed above and running).
    card.evaluate("navigator.serviceWorker.ready.then(() => true)")
    worker.set_offline(True)
    try:
        card.reload()
        expect(card.locator("#number")).to_have_text(number)
        expect(card.locator("#status")).to_have_attribute("data-state", "offline")
        expect(card.locator("#qr")).to_have_attribute("data-url", SHOWN_CODE)
    finally:
        worker.set_offline(False)
    # Past its validity the phone shows no code, even before the centre says so.
    card.clock.set_system_time(dt.datetime.now(dt.UTC) + dt.timedelta(days=400))
    card.clock.run_for(2_000)
    expect(card.locator("#qr")).to_have_attribute("data-url", "")
    expect(card.locator("#status")).to_contain_text("已过有效期")


def test_one_phone_per_code_reactivation_and_revocation(
    stack: Stack, browser: Browser, phones: list[BrowserContext], monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:  # fmt: skip
    number = issued(stack)
    url = activation_url(stack, number, monkeypatch, capsys)
    first_phone, other_phone, new_phone, door = (phone(browser) for _ in range(4))
    phones.extend((first_phone, other_phone, new_phone, door))
    first = activate(first_phone, url)

    # The same link on another phone: refused, in the phone's language.
    other = other_phone.new_page()
    other.goto(url)
    expect(other.locator("#refusal")).to_contain_text("已使用")
    shoot(other, "ecard-code-used")
    other.goto(url + "?lang=en")
    expect(other.locator("#refusal")).to_contain_text("already used")

    # Lost phone: the agency activates again; the new phone works, the old one is void. The new phone's browser has
    # no Ed25519 in WebCrypto, so its key is ECDSA P-256.
    new_phone.add_init_script(NO_ED25519)
    second = activate(new_phone, activation_url(stack, number, monkeypatch, capsys))
    assert second.evaluate("HSC_ECARD.stored().then((c) => c.alg)") == "ECDSA"
    check = door.new_page()
    check.goto(stack.server.url + "/e/")  # a phone where no credential was activated
    expect(check.locator("#none")).to_contain_text("尚未开通")
    verdict(check, code_of(second))
    expect(check.locator("section.light")).to_have_attribute("data-state", "valid")
    expect(check.locator("#sigcheck")).to_have_attribute("data-check", "fresh")  # checked in the page too
    verdict(check, fresh_code(first))
    expect(check.locator("section.light")).to_have_attribute("data-state", "refused")
    expect(check.locator("section.light")).to_contain_text("已在其他手机上重新开通")
    first.reload()
    expect(first.locator("#status")).to_have_attribute("data-state", "disabled")
    expect(first.locator("#qr")).to_have_attribute("data-url", "")
    shoot(first, "ecard-voided")

    # Revoked at the centre: the worker's page and the check both say so.
    stack.server.set_credential_status(number, "revoked", "违规")
    second.reload()
    expect(second.locator("#status")).to_have_attribute("data-state", "disabled")
    expect(second.locator("#status")).to_contain_text("已注销")
    expect(second.locator("#qr")).to_have_attribute("data-url", "")
    shoot(second, "ecard-revoked")
    verdict(check, fresh_code(second))
    expect(check.locator("section.light")).to_have_attribute("data-state", "revoked")
    shoot(check, "ecard-verify-revoked")
