"""The running demo app syncs with its own centre in the background and shows it."""

from __future__ import annotations

from terminal.store.db import Database
from terminal.store.outbox import OutboxRepo
from tests.ui.conftest import Running


def test_demo_app_drains_its_outbox_to_the_demo_centre(signed_in: Running) -> None:
    def counts(db: Database) -> dict[str, int]:
        return OutboxRepo(db).counts()

    def drained() -> bool:
        now = signed_in.terminal.db.call(counts)
        return now["queued"] == now["sent"] == 0

    signed_in.qtbot.waitUntil(drained, timeout=90_000)  # the demo centre (a Django process) starts first: slow under load
    result = signed_in.terminal.db.call(counts)
    assert result["accepted"] > 0 and result["rejected"] == 0
    runner = signed_in.terminal.sync
    assert runner is not None and runner.worker.running
    assert runner.sync_now()
