"""Issuing from the queue: only the holder's own card tap hands a credential over, and every refusal
leaves it waiting (no training, no health check, another person's card, a centre revocation)."""

from __future__ import annotations

import pytest

from terminal.core.issuing import IssuingConditionsUnmet
from terminal.core.lifecycle import State
from terminal.reader.virtual import VirtualSamReader
from terminal.store.db import Database
from terminal.ui.credentials_page import CredentialsPage, Queue
from terminal.usecases import central
from tests.ui.conftest import Running
from tests.ui.helpers import cell, close_dialogs, open_dialogs, raw_column
from tests.ui.lifecycle_helpers import holder_with_credential, state_of, wait_for_pull


def open_issue(running: Running, number: str) -> CredentialsPage:
    window = running.window
    window.show_page(window.credentials)
    page = window.credentials
    page.show_queue(State.PRINTED)
    running.wait_idle()
    table = page.tables[Queue.ISSUE]
    [row] = [r for r in range(table.rowCount()) if cell(table, r, 0) == number]
    table.selectRow(row)
    page.issue_button.click()
    assert page.awaiting is not None and page.awaiting.credential_no == number
    return page


def tap_card(running: Running, device: VirtualSamReader, label: str) -> None:
    reader = running.terminal.session.reader if running.terminal.session else None
    assert reader is not None
    # The read reaches the UI thread as card_read; what it starts on the database thread is then waited out.
    with running.qtbot.waitSignal(reader.card_read, timeout=10_000):
        device.insert(label)
    running.wait_idle()


def test_holder_tap_issues_and_records_who_and_which_card(signed_in: Running, device: VirtualSamReader) -> None:
    _, number = holder_with_credential(signed_in)
    wait_for_pull(signed_in)
    page = open_issue(signed_in, number)
    signed_in.wait_idle()  # everything opening the issue step started has finished...
    assert state_of(signed_in, number) is State.PRINTED  # ...and waiting for a tap is not a receipt
    tap_card(signed_in, device, "resident")
    signed_in.qtbot.waitUntil(lambda: state_of(signed_in, number) is State.ISSUED, timeout=10_000)
    assert page.awaiting is None and number in page.status.text()
    assert signed_in.window.pages.currentWidget() is page  # the tap did not open registration

    def issue_record(db: Database) -> tuple[str, int, str]:
        row = db.query_one("SELECT c.issued_by, c.version, r.purpose FROM credentials c"
                           " JOIN identity_reads r ON r.id = c.issue_read_id WHERE c.credential_no = ?", (number,))  # fmt: skip
        assert row is not None
        return row[0], row[1], row[2]

    assert signed_in.terminal.db.call(issue_record) == ("dengji", 1, "credential_issue")
    signed_in.wait_idle()
    assert all(e.credential_no != number for e in page.queues.entries[Queue.ISSUE])  # type: ignore[union-attr]


@pytest.mark.expected_logs("invalid_input")
def test_another_persons_card_is_refused(signed_in: Running, device: VirtualSamReader) -> None:
    _, number = holder_with_credential(signed_in)
    wait_for_pull(signed_in)
    page = open_issue(signed_in, number)
    tap_card(signed_in, device, "resident_long_term")
    signed_in.qtbot.waitUntil(lambda: bool(open_dialogs("errorDialog")), timeout=10_000)
    assert "持有人" in page.status.text() and state_of(signed_in, number) is State.PRINTED
    assert page.awaiting is not None  # the right holder may still tap
    close_dialogs()
    page.cancel_issue.click()
    assert page.awaiting is None and page.issue_button.isEnabled()


@pytest.mark.expected_logs("issue_precondition")
@pytest.mark.parametrize(("trained", "health_check", "says"), [(False, True, "培训"), (True, False, "体检")])
def test_issue_without_training_or_health_check_is_refused(
    signed_in: Running, device: VirtualSamReader, trained: bool, health_check: bool, says: str
) -> None:
    # Every issuing condition is checked at approval now (terminal/core/issuing.py), before anything is printed:
    # a credential without them never reaches the issue queue.
    with pytest.raises(IssuingConditionsUnmet) as refused:
        holder_with_credential(signed_in, trained=trained, health_check=health_check)
    assert says in refused.value.message("zh")


@pytest.mark.expected_logs("invalid_transition")
def test_centre_revocation_blocks_issue_and_shows_on_the_worker(signed_in: Running, device: VirtualSamReader) -> None:
    worker_id, number = holder_with_credential(signed_in)
    open_issue(signed_in, number)
    change = {"seq": 10**9, "kind": "credential.revoked", "data": {"credential_no": number, "reason": "中心核查：冒用身份"}}

    def revoke(db: Database) -> int:  # what the sync worker does with a pulled decision
        return central.apply_pulled(db, [change], str(10**9))

    signed_in.terminal.db.call(revoke)
    tap_card(signed_in, device, "resident")
    signed_in.qtbot.waitUntil(lambda: bool(open_dialogs("errorDialog")), timeout=10_000)
    assert state_of(signed_in, number) is State.REVOKED
    close_dialogs()
    signed_in.window.open_worker(worker_id)
    signed_in.wait_idle()
    events = signed_in.window.worker.tables["credential_events"]
    assert raw_column(events, "source")[-1] == "centre"
