"""The verification page at the door, in Chromium at phone size: one traffic light per state with its reasons,
the agency and the summary, nothing more of the person; and the signature checked in the page, online and offline."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from playwright.sync_api import Page, expect

from tests.consumer.conftest import Stack, credential, id_number_for, next_seq, shoot
from tests.server.centre_builders import TODAY, CredentialOnTerminal, number_for, push_worker, qr_url
from tests.sync.conftest import Terminal
from wirecontract import qrpayload
from wirecontract.signing import TerminalKey

YESTERDAY = (TODAY - dt.timedelta(days=1)).isoformat()


def light(page: Page, url: str) -> Any:
    page.goto(url)
    box = page.locator("section.light")
    expect(box).to_be_visible()
    return box


def test_green_shows_the_reasons_the_agency_and_no_more(stack: Stack, pusher: Terminal, phone_page: Page) -> None:
    url, _ = credential(stack, pusher)
    box = light(phone_page, url)
    expect(box).to_have_attribute("data-light", "green")
    expect(box).to_contain_text("背景审查：无不良记录")
    expect(box).to_contain_text("岗前培训合格")
    expect(phone_page.locator("[data-holder]")).to_have_text("李**")
    # The agency's credit grade as credit evaluation gave it (centre/analytics), or "not yet graded".
    expect(phone_page.locator("[data-grade]")).to_have_text(re.compile(r"^(尚未评级|A{1,5})$"))
    expect(phone_page.locator("[data-agency]")).to_have_text("测试家政服务有限公司")
    expect(phone_page.locator("#sigcheck")).to_have_attribute("data-check", "genuine")
    html = phone_page.content()
    assert "李秀兰" not in html and "310101" not in html  # no full name, no ID number
    shoot(phone_page, "green")
    phone_page.locator("a.switch").click()
    expect(phone_page.locator("section.light h1")).to_have_text("Valid")
    expect(phone_page.locator("[data-grade]")).to_have_text(re.compile(r"^(not yet graded|A{1,5})$"))
    shoot(phone_page, "green-en")


def test_yellow_for_lapsed_health_check_and_for_missing_check(stack: Stack, pusher: Terminal, phone_page: Page) -> None:
    url, _ = credential(stack, pusher, health_valid_to=YESTERDAY)
    box = light(phone_page, url)
    expect(box).to_have_attribute("data-light", "yellow")
    expect(box).to_contain_text("健康体检已过期")
    shoot(phone_page, "yellow-health")
    url, _ = credential(stack, pusher, clear=False)
    box = light(phone_page, url)
    expect(box).to_have_attribute("data-light", "yellow")
    expect(box).to_contain_text("背景审查结果尚未返回")


def test_red_states_each_say_what_to_do(stack: Stack, pusher: Terminal, phone_page: Page) -> None:
    url, number = credential(stack, pusher)
    stack.server.set_credential_status(number, "suspended", "核查中")
    box = light(phone_page, url)
    expect(box).to_have_attribute("data-light", "red")
    expect(box).to_have_attribute("data-state", "suspended")
    expect(box.locator(".advice")).to_contain_text("请勿接受其上门服务")
    shoot(phone_page, "red-suspended")
    stack.server.set_credential_status(number, "revoked", "违规")
    expect(light(phone_page, url)).to_have_attribute("data-state", "revoked")
    shoot(phone_page, "red-revoked")
    # not issued: a credential only applied for
    client = pusher.client(stack.server.url)
    seq = next_seq()
    applied = CredentialOnTerminal(
        client, number_for(stack.server, pusher, seq), push_worker(client, id_number=id_number_for(seq))
    )
    assert applied.send("applied").status == "accepted"
    expect(light(phone_page, qr_url(stack.server, pusher, applied.number))).to_have_attribute(
        "data-state", "not_issued"
    )
    shoot(phone_page, "red-not-issued")
    # replaced: the old card after a reprint
    url, number = credential(stack, pusher)
    seq = next_seq()
    unknown = qr_url(stack.server, pusher, number_for(stack.server, pusher, seq))
    expect(light(phone_page, unknown)).to_have_attribute("data-state", "unsynced")
    shoot(phone_page, "red-unsynced")
    expired = qr_url(stack.server, pusher, number, valid_to=TODAY - dt.timedelta(days=1))
    expect(light(phone_page, expired)).to_have_attribute("data-light", "red")


class _Forger:
    """Claims an enrolled terminal's key id but signs with another key: a forged card."""

    def __init__(self, key_id: str) -> None:
        self.key_id = key_id
        self._key = TerminalKey.generate()

    def sign(self, message: bytes) -> bytes:
        return self._key.sign(message)


def forged_url(stack: Stack, pusher: Terminal, number: str) -> str:
    from tests.server.centre_builders import claims

    return qrpayload.encode(claims(number, name="李秀兰"), _Forger(pusher.key.key_id), stack.server.url)


def test_a_forged_qr_is_refused_online_and_offline(stack: Stack, pusher: Terminal, phone_page: Page) -> None:
    url, number = credential(stack, pusher)
    forged = forged_url(stack, pusher, number)
    box = light(phone_page, forged)
    expect(box).to_have_attribute("data-light", "red")
    expect(box).to_have_attribute("data-state", "refused")
    expect(phone_page.locator("#sigcheck")).to_have_attribute("data-check", "forged")
    assert phone_page.locator("figure.photo").count() == 0
    shoot(phone_page, "red-forged")
    # Once online: the service worker installs and keeps the trust list; then the network goes.
    light(phone_page, url)
    phone_page.evaluate("navigator.serviceWorker.ready.then(() => true)")
    phone_page.reload()
    expect(phone_page.locator("#sigcheck")).to_have_attribute("data-check", "genuine")
    phone_page.context.set_offline(True)
    try:
        phone_page.goto(url)
        offline = phone_page.locator("#light")
        expect(offline).to_have_attribute("data-offline", "genuine")
        expect(offline).to_contain_text("状态未知")
        shoot(phone_page, "offline-genuine")
        phone_page.goto(forged)
        expect(phone_page.locator("#light")).to_have_attribute("data-offline", "forged")
        expect(phone_page.locator("#light")).to_have_attribute("data-light", "red")
        shoot(phone_page, "offline-forged")
    finally:
        phone_page.context.set_offline(False)
