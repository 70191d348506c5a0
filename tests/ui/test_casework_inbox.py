"""The centre's casework at the terminal, on the real window (F10 · 中心退回与投诉): a returned registration is
corrected only after the returned person's own card is read (another card is refused), and a complaint the centre
sent is answered; both go to the outbox for the centre."""

from __future__ import annotations

import json
from typing import Any

import pytest

from terminal.core import synthetic
from terminal.reader.virtual import VirtualSamReader
from terminal.store.db import Database
from terminal.usecases import registration
from terminal.usecases.central import apply_pulled
from tests.builders import TODAY, person, profile
from tests.ui.conftest import Running

RETURNED, STRANGER = person(name="王返更"), person(name="李旁人")


@pytest.fixture
def device() -> VirtualSamReader:
    return VirtualSamReader({"returned": RETURNED, "stranger": STRANGER})


def _in_store(running: Running, op: Any) -> Any:
    found: list[Any] = []
    running.window.session.run(op, found.append)
    running.wait_idle()
    running.qtbot.waitUntil(lambda: bool(found), timeout=10_000)
    return found[0]


def _prepare(db: Database, actor: Any) -> None:
    worker_id = registration.register_worker(db, actor, synthetic.simulated_read(dict(RETURNED)), profile(), TODAY)
    uid = db.scalar("SELECT uid FROM workers WHERE id = ?", (worker_id,))
    apply_pulled(db, [
        {"seq": 9001, "kind": "registration.returned", "data": {"review_uid": "rv1", "worker_uid": uid, "version": 1,
                                                                "reason": "现住址缺门牌号", "at": "2026-11-29T01:00:00+00:00"}},
        {"seq": 9002, "kind": "complaint", "data": {"uid": "cp1", "reference": "TS261129-ABCDEF", "summary": "乱收费",
                                                    "received_at": "2026-11-29T01:00:00+00:00",
                                                    "due_at": "2026-12-06T01:00:00+00:00", "status": "with_agency"}},
    ], "9002")  # fmt: skip


def _sent(db: Database, entity: str) -> list[tuple[str, dict[str, Any]]]:
    rows = db.query("SELECT kind, payload FROM outbox WHERE entity = ? ORDER BY seq", (entity,))
    return [(r["kind"], json.loads(r["payload"])) for r in rows]


@pytest.mark.expected_logs("terminal.message")
def test_a_returned_registration_is_corrected_with_the_persons_card(signed_in: Running, device: VirtualSamReader) -> None:
    window = signed_in.window
    actor = window.session.require_actor()
    _in_store(signed_in, lambda db: _prepare(db, actor))
    window.menu_actions["casework"].trigger()
    page = window.casework
    signed_in.qtbot.waitUntil(lambda: page.returned_table.rowCount() == 1, timeout=10_000)
    assert "1" in page.tabs.tabText(0) and page.returned_table.item(0, 2).text() == "现住址缺门牌号"  # type: ignore[union-attr]

    page.returned_table.selectRow(0)
    page.start_button.click()
    device.insert("stranger")  # not the returned person: refused, no form
    signed_in.qtbot.waitUntil(lambda: "不符" in page.card_prompt.text(), timeout=10_000)
    assert not page.form.isVisibleTo(page)
    device.remove()
    page.start_button.click()
    device.insert("returned")
    signed_in.qtbot.waitUntil(lambda: page.form.isVisibleTo(page), timeout=10_000)
    page.address.setText("上海市黄浦区南京东路 100 号 3 室")
    page.submit_button.click()
    signed_in.qtbot.waitUntil(lambda: bool(page.returned) and page.returned[0].status == "resubmitted", timeout=10_000)
    kind, payload = _in_store(signed_in, lambda db: _sent(db, "worker"))[-1]
    assert kind == "worker.corrected" and payload["current_address"] == "上海市黄浦区南京东路 100 号 3 室"
    assert payload["correction_of"] == "rv1" and "identity" not in payload

    page.tabs.setCurrentIndex(1)
    page.complaints_table.selectRow(0)
    page.response.setPlainText("已退还多收费用并致歉")
    page.resolve_button.click()
    signed_in.qtbot.waitUntil(lambda: bool(page.centre_complaints) and page.centre_complaints[0].status == "resolved",
                              timeout=10_000)  # fmt: skip
    kind, payload = _in_store(signed_in, lambda db: _sent(db, "complaint"))[-1]
    assert kind == "complaint.resolved" and payload["response"] == "已退还多收费用并致歉"
