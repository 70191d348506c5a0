"""The sync screen: status with clock drift, reconciliation with the centre, rejected records to act on."""

from __future__ import annotations

from terminal.store.db import Database
from terminal.store.outbox import OutboxRepo, SyncStateRepo
from tests.ui.conftest import Running
from tests.ui.helpers import cell


def _drained(running: Running) -> bool:
    counts = running.terminal.db.call(lambda db: OutboxRepo(db).counts())
    return counts["queued"] == counts["sent"] == 0


def test_status_receipt_and_a_rejected_record(signed_in: Running) -> None:
    window, qtbot = signed_in.window, signed_in.qtbot
    qtbot.waitUntil(lambda: _drained(signed_in), timeout=20_000)
    qtbot.waitUntil(lambda: signed_in.terminal.db.call(lambda db: SyncStateRepo(db).get("last_pull_at")) is not None,
                    timeout=20_000)  # fmt: skip
    window.show_page(window.sync)
    page = window.sync
    qtbot.waitUntil(lambda: page.view is not None and page.view.state.last_pull_at is not None, timeout=10_000)
    assert page.view is not None and page.fields["terminal"].text() == page.view.state.terminal_id
    assert "秒" in page.fields["drift"].text() and page.fields["issuing"].text() == "正常"
    page.receipt_button.click()
    qtbot.waitUntil(lambda: page.reconciliation is not None, timeout=10_000)
    assert "一致" in page.fields["receipt"].text()

    def reject_one(db: Database) -> str:
        event_id = str(db.scalar("SELECT event_id FROM outbox WHERE entity = 'worker' ORDER BY seq LIMIT 1"))
        OutboxRepo(db).record_results([(event_id, "rejected", "identity_registered_elsewhere", "另一机构已登记")])
        return event_id

    event_id = signed_in.terminal.db.call(reject_one)
    page.refresh()
    qtbot.waitUntil(lambda: page.table.rowCount() == 1, timeout=10_000)
    assert cell(page.table, 0, 3) == "该人员已由其他机构登记（一人只能由一家机构负责）"  # words, not the code
    page.table.selectRow(0)
    page.open_button.click()
    assert window.pages.currentWidget() is window.worker
    window.show_page(page)
    page.table.selectRow(0)
    page.resend_button.click()
    # Sent again, the centre recognises it has this exact event: a duplicate counts as delivered.
    qtbot.waitUntil(lambda: signed_in.terminal.db.call(
        lambda db: db.scalar("SELECT state FROM outbox WHERE event_id = ?", (event_id,))) == "duplicate",
        timeout=20_000)  # fmt: skip


def test_demo_says_demo(signed_in: Running) -> None:
    assert "演示" in signed_in.window.windowTitle()  # in the UI's one language (Chinese here)
    assert signed_in.window.findChild(type(signed_in.window.user_label), "demoMark") is not None
