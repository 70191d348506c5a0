"""The running app expires credentials past their end date at start-up and then on its timer."""

from __future__ import annotations

import datetime as dt

from terminal.store.db import Database
from terminal.ui.expiry import ExpiryStep
from tests.ui.conftest import Running


def _end_one_issued_credential(db: Database) -> str:
    number = str(db.scalar("SELECT credential_no FROM credentials WHERE state = 'issued' ORDER BY id LIMIT 1"))
    yesterday = (dt.date.today() - dt.timedelta(days=1)).isoformat()
    with db.transaction():
        db.execute("UPDATE credentials SET valid_to = ? WHERE credential_no = ?", (yesterday, number))
    return number


def test_expiry_runs_at_start_up_and_on_its_timer(running: Running) -> None:
    qtbot, terminal = running.qtbot, running.terminal
    assert terminal.expiry is not None
    qtbot.waitUntil(lambda: terminal.expiry is not None and terminal.expiry.runs >= 1, timeout=10_000)  # start-up
    assert terminal.expiry.timer.isActive()

    number = terminal.db.call(_end_one_issued_credential)
    session = terminal.session
    assert session is not None
    step = ExpiryStep(session, interval_ms=50)  # the same step on a short timer: no waiting an hour in a test
    step.timer.start()  # no start-up run: only the timer can find this credential
    try:
        qtbot.waitUntil(
            lambda: terminal.db.call(lambda db: db.scalar(
                "SELECT state FROM credentials WHERE credential_no = ?", (number,))) == "expired",
            timeout=10_000,
        )  # fmt: skip
    finally:
        step.stop()
    operator = terminal.db.call(lambda db: db.scalar(
        "SELECT operator FROM credential_events e JOIN credentials c ON c.id = e.credential_id "
        "WHERE c.credential_no = ? AND e.action = 'expire'", (number,)))  # fmt: skip
    assert operator == "system:expiry"
