"""What people wrote reaches the console only as text, and personal data never reaches the logs: an agency's
terminal writing markup into a worker's record and a complaint's answer, and a day of casework (a hotline
complaint, a consumer's complaint, the review, a police result by hand, refused forms) with every logger open."""

from __future__ import annotations

import datetime as dt
import logging
import uuid
from typing import Any

import pytest
from django.test import Client

from centre.complaints import actions
from centre.complaints.models import Complaint
from centre.complaints.rules import Source
from centre.review.models import ReviewItem
from tests.attacks.conftest import signed_terminal
from tests.console_workflows.centre_data import AGENCY_A, push, register, terminal
from tests.server.test_protocol import wire
from wirecontract import evalslip
from wirecontract.protocol import utc_now

SCRIPT = '<script>alert("x")</script><img src=x onerror=alert(1)>'


def _staff(users: dict[str, Any]) -> Client:
    client = Client()
    client.force_login(users["staff"])
    return client


def test_markup_from_a_terminal_is_text_in_the_console(users: dict[str, Any]) -> None:
    term = terminal(AGENCY_A)
    worker_uid, number = register(term, 11)
    [changed] = push(term, wire(worker_uid, 2, {"current_address": SCRIPT, "phone": SCRIPT}, kind="worker.updated"))
    assert changed.status.value == "accepted"
    reference = actions.register_complaint(users["staff"], source=Source.HOTLINE, summary=SCRIPT, id_number=number,
                                           complainant_name=SCRIPT, send=True)  # fmt: skip
    uid = Complaint.objects.get(reference=reference).uid
    push(term, wire(uid, 2, {"status": "resolved", "response": SCRIPT}, entity="complaint", kind="complaint.resolved"))
    staff = _staff(users)
    for address in (f"/console/review/{ReviewItem.objects.get().uid}/", f"/console/complaints/{uid}/",
                    "/console/complaints/"):  # fmt: skip
        page = staff.get(address).content.decode()
        assert "<script>alert" not in page and "<img src=x" not in page, address
    assert page.count("&lt;script&gt;") == 0  # the list shows no complaint text at all
    detail = staff.get(f"/console/complaints/{uid}/").content.decode()
    assert detail.count("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;") >= 2  # the text and the answer


def test_a_day_of_casework_logs_no_personal_data(users: dict[str, Any], caplog: pytest.LogCaptureFixture) -> None:
    term, key = signed_terminal(AGENCY_A, "0001")
    worker_uid, number = register(term, 12)
    phone, text = "13987654321", "她在客户家中打碎了花瓶并拒绝赔偿"
    contract = uuid.uuid4().hex
    claims = evalslip.SlipClaims(evalslip.slip_code(key, contract), contract, worker_uid, "王**", "甲", "cleaning",
                                 dt.date.today(), dt.date.today(), dt.date.today())  # fmt: skip
    slip = evalslip.encode(claims, key, "http://testserver")
    staff, police, consumer = _staff(users), Client(), Client()
    police.force_login(users["police"])
    when = (utc_now() - dt.timedelta(hours=1)).strftime("%Y-%m-%dT%H:%M")
    # Every logger as open as production ever runs them (INFO, with the access log on); django.request keeps its
    # configured level (centre/ops/logs.py).
    opened = {name: logging.getLogger(name).level for name in ("centre.access", "django", "axes")}
    with caplog.at_level(logging.INFO):
        for name in opened:
            logging.getLogger(name).setLevel(logging.INFO)
        try:
            staff.post("/console/complaints/new/", {"summary": text, "id_number": number, "complainant_phone": phone,
                                                    "send": "1"})  # fmt: skip
            staff.post("/console/complaints/new/", {"summary": text, "id_number": number[:-1] + "0",
                                                    "complainant_phone": phone})  # refused: the check digit  # fmt: skip
            consumer.post("/complain", {"from": slip[slip.index("/S/") :], "what": text, "when": when, "phone": phone})
            consumer.get("/complain/state", {"ref": "TS000000-ABCDEF"})
            for complaint in Complaint.objects.all():
                staff.get(f"/console/complaints/{complaint.uid}/")
            staff.get(f"/console/review/{ReviewItem.objects.get().uid}/")
            police.post("/console/policecheck/results/", {"id_number": number, "result": "clear", "reason": text})
            police.post("/console/policecheck/results/", {"id_number": "110101199001011234", "result": "adverse",
                                                          "reason": "电话 " + phone})  # refused: nobody registered  # fmt: skip
        finally:
            for name, level in opened.items():
                logging.getLogger(name).setLevel(level)
    assert Complaint.objects.count() == 2  # the hotline's and the consumer's; the refused one is not kept
    logged = "\n".join(f"{r.name} {r.getMessage()} {r.__dict__}" for r in caplog.records)
    assert any(r.name == "centre.access" for r in caplog.records), "the access log is open: a leak would show"
    for secret in (number, number[-8:], phone, text[:6], "110101199001011234"):
        assert secret not in logged, secret
