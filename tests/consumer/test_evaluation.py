"""An evaluation from the slip the terminal made, on a phone, to the agency's terminal through pull and into the
worker's summary; the same code refused for a second evaluation; what a client writes stays text."""

from __future__ import annotations

import datetime as dt
import json
import subprocess
import uuid
from pathlib import Path

import pytest
import requests
from playwright.sync_api import Browser, Page, expect

from terminal.cli.main import main as terminal_cli
from terminal.core.roles import Role
from terminal.usecases import contracts, records
from tests.builders import STAFF_PASSWORD, UNLOCK_SECRET, actor, register_eligible
from tests.consumer.conftest import Stack, credential, shoot
from tests.sync.conftest import Terminal
from tests.web.browser import PHONE
from wirecontract import evalslip
from wirecontract.evalslip import SlipClaims

TODAY = dt.date.today()
SCRIPT = "<script>alert(1)</script>"


def test_slip_to_agency_and_summary(stack: Stack, phone_page: Page, browser: Browser) -> None:
    clerk = actor(Role.CLERK)
    worker_id, _ = register_eligible(stack.db)
    contract = records.add_contract(
        stack.db, clerk, worker_id, TODAY, "cleaning", TODAY, TODAY + dt.timedelta(days=30), "徐汇区"
    )
    slip = contracts.slip(stack.db, clerk, contract)
    assert slip == contracts.slip(stack.db, clerk, contract)  # a reprint is the same slip
    stack.sync()

    phone_page.goto(slip.url)
    expect(phone_page.locator("[data-service]")).to_have_text("家务保洁")
    for code in ("punctuality", "skill", "attitude", "honesty", "hygiene", "communication"):
        phone_page.locator(f"input[name={code}][value='4']").check()
    phone_page.locator("#comment").fill("准时认真 " + SCRIPT)
    shoot(phone_page, "evaluation-form")
    phone_page.locator("#evaluation button[type=submit]").click()
    expect(phone_page.locator(".done")).to_be_visible()
    assert SCRIPT not in phone_page.content()  # escaped, never markup
    shoot(phone_page, "evaluation-saved")

    # Another phone, by the typed code: the contract is evaluated, no second evaluation.
    other = browser.new_context(
        viewport={"width": PHONE["width"], "height": PHONE["height"]}, is_mobile=True, locale="zh-CN"
    )
    try:
        second = other.new_page()
        second.goto(stack.server.url + "/S/?code=" + slip.code.lower())
        expect(second.locator("[data-evaluated]")).to_be_visible()
        assert second.locator("#evaluation").count() == 0
        shoot(second, "evaluation-already")
    finally:
        other.close()
    session = requests.Session()
    form = session.get(slip.url, timeout=5)
    token = session.cookies.get("csrftoken")
    answer = session.post(slip.url, timeout=5, headers={"Referer": slip.url},
                          data={"csrfmiddlewaretoken": token or "", "comment": "again",
                                **dict.fromkeys(("punctuality", "skill", "attitude", "honesty", "hygiene", "communication"), "1")})  # fmt: skip
    assert form.status_code == 200 and answer.status_code == 409

    stack.sync()  # the agency pulls the evaluation
    rows = contracts.list_contracts(stack.db, clerk)
    mine = next(r for r in rows if r["contract_no"] == contract)
    assert mine["client_rating"] == 4.0
    assert contracts.worker_summary(stack.db, worker_id) == (4.0, 1)
    stored = stack.db.query_one("SELECT comment FROM evaluations WHERE source = 'consumer'")
    assert stored is not None and SCRIPT in stored["comment"]  # kept as the client wrote it: text, shown as text


def test_a_forged_slip_is_refused(stack: Stack, phone_page: Page) -> None:
    clerk = actor(Role.CLERK)
    worker_id = int(stack.db.scalar("SELECT id FROM workers LIMIT 1"))
    contract = records.add_contract(stack.db, clerk, worker_id, TODAY, "elderly", TODAY, TODAY, "徐汇区")
    url = contracts.slip(stack.db, clerk, contract).url
    tampered = url[:-3] + ("AAA" if not url.endswith("AAA") else "BBB")
    response = phone_page.goto(tampered)
    assert response is not None and response.status == 400
    expect(phone_page.locator(".error")).to_be_visible()


@pytest.mark.expected_logs("not_found")  # the unknown contract, said to the operator
def test_the_command_line_lists_contracts_and_prints_the_slip(
    stack: Stack, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    clerk = actor(Role.CLERK)
    worker_id, _ = register_eligible(stack.db)
    contract = records.add_contract(stack.db, clerk, worker_id, TODAY, "elderly", TODAY, TODAY, "长宁区")
    monkeypatch.setenv("TERMINAL_UNLOCK_SECRET", UNLOCK_SECRET)
    monkeypatch.setenv("TERMINAL_OPERATOR", "clerk")
    monkeypatch.setenv("TERMINAL_OPERATOR_PASSWORD", STAFF_PASSWORD)
    home = str(stack.db.path.parent)
    capsys.readouterr()
    assert terminal_cli(["--home", home, "contract", "list", "--json"]) == 0
    [row] = [r for r in json.loads(capsys.readouterr().out) if r["contract_no"] == contract]
    assert row["service_type"] == "elderly" and row["client_rating"] is None and row["worker"].endswith("*")
    pdf = tmp_path / "slip.pdf"
    assert terminal_cli(["--home", home, "contract", "slip", contract[:8], "--pdf", str(pdf)]) == 0
    path, code, url = capsys.readouterr().out.strip().split("\t")
    assert path == str(pdf) and code == contracts.slip(stack.db, clerk, contract).code and "/S/" in url
    text = subprocess.run(["pdftotext", "-raw", str(pdf), "-"], check=True, capture_output=True, text=True).stdout
    assert f"{code[:5]} {code[5:]}" in text and "服务评价单" in text
    assert terminal_cli(["--home", home, "contract", "slip", "nosuchcontract", "--pdf", str(pdf)]) == 1


def test_the_door_page_shows_the_workers_evaluation_summary(stack: Stack, pusher: Terminal, phone_page: Page) -> None:
    url, number = credential(stack, pusher)
    [(worker_uid,)] = stack.server.query("SELECT worker_uid FROM credentials WHERE credential_no = ?", number)
    phone_page.goto(url)
    expect(phone_page.locator("[data-rating]")).to_have_attribute("data-rating", "0")
    for score in (5, 3):  # two contracts of the same worker, each rated once
        claims = SlipClaims(evalslip.slip_code(pusher.key, contract := uuid.uuid4().hex), contract, worker_uid, "李**",
                            "测试家政", "cleaning", TODAY, TODAY, TODAY)  # fmt: skip
        slip_url = evalslip.encode(claims, pusher.key, stack.server.url)
        phone_page.goto(slip_url)
        for code in ("punctuality", "skill", "attitude", "honesty", "hygiene", "communication"):
            phone_page.locator(f"input[name={code}][value='{score}']").check()
        phone_page.locator("#evaluation button[type=submit]").click()
        expect(phone_page.locator(".done")).to_be_visible()
    phone_page.goto(url)
    rating = phone_page.locator("[data-rating]")
    expect(rating).to_have_attribute("data-rating", "2")
    expect(rating).to_contain_text("4.0 / 5")
