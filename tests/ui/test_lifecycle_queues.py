"""The credential queues: batch approval with a refusal, approval refused to a clerk, printing that fails
(the credential stays waiting, the failure is recorded) and printing confirmed by a real CUPS queue."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from terminal.core.lifecycle import State
from terminal.print.jobs import CupsCommands, JobState, PrinterStatus
from terminal.reader.identities import load_identities
from terminal.reader.virtual import VirtualSamReader
from terminal.store.db import Database
from terminal.store.home import Home
from terminal.ui.credentials_page import CredentialsPage, Queue
from terminal.usecases import central, printing
from tests.print.conftest import cups
from tests.print.cupsd import QUEUE, PrivateCups
from tests.ui.conftest import Running, start_app
from tests.ui.helpers import close_dialogs, open_dialogs
from tests.ui.lifecycle_helpers import holder_with_credential, state_of

__all__ = ["cups"]


def queue_page(running: Running, state: State) -> CredentialsPage:
    window = running.window
    window.show_page(window.home)
    window.home.queue_links[state.value].click()  # the home page's link to the queue
    running.wait_idle()
    page = window.credentials
    assert window.pages.currentWidget() is page and page.current_queue == state.value
    return page


@pytest.mark.expected_logs("issue_precondition")
def test_batch_approval_goes_on_past_a_refusal(running: Running) -> None:
    running.sign_in("zhuguan")
    _, blocked = holder_with_credential(running, state=State.APPLIED)
    adverse = {"seq": 1, "kind": "background_check",
               "data": {"id_number": load_identities()["resident"]["id_number"], "result": "adverse"}}  # fmt: skip
    running.terminal.db.call(lambda db: central.apply_pulled(db, [adverse], "1"))
    page = queue_page(running, State.APPLIED)
    assert page.approve_button.isVisible()
    ready = {holder_with_credential(running, label, state=State.APPLIED)[1] for label in ("foreign_permanent", "foreign_permanent_2023")}
    page.refresh()
    running.wait_idle()
    others = [e.credential_no for e in page.queues.entries[Queue.APPROVAL] if e.credential_no in ready]  # type: ignore[union-attr]
    for number in (*others, blocked):
        page.tick(State.APPLIED, number)
    page.approve_button.click()
    confirm = open_dialogs("approveConfirm")[0]  # a batch is confirmed with its count first
    assert "3" in confirm.text()
    confirm.button(QMessageBox.StandardButton.Yes).click()
    running.qtbot.waitUntil(lambda: bool(open_dialogs("batchRefusals")), timeout=10_000)
    assert blocked in open_dialogs("batchRefusals")[0].text() and "背景审查" in open_dialogs("batchRefusals")[0].text()
    assert [state_of(running, n) for n in others] == [State.APPROVED, State.APPROVED]
    assert state_of(running, blocked) is State.APPLIED
    assert "2" in page.status.text() and "1" in page.status.text()
    close_dialogs()


@pytest.mark.expected_logs("permission_denied")
def test_a_clerk_may_not_approve(signed_in: Running) -> None:
    page = queue_page(signed_in, State.APPLIED)
    assert not page.approve_button.isVisible()  # the menu follows the role...
    number = page.queues.entries[Queue.APPROVAL][0].credential_no  # type: ignore[union-attr]
    page.tick(State.APPLIED, number)
    page.approve_ticked()  # ...and the use case refuses even if asked
    open_dialogs("approveConfirm")[0].button(QMessageBox.StandardButton.Yes).click()
    signed_in.qtbot.waitUntil(lambda: bool(open_dialogs("errorDialog")), timeout=10_000)
    assert "无权" in open_dialogs("errorDialog")[0].text()
    assert state_of(signed_in, number) is State.APPLIED
    close_dialogs()


class StoppedQueue:
    """A print system whose only queue is stopped: every job is refused before anything is sent."""

    def printer_status(self, printer: str) -> PrinterStatus | None:
        return PrinterStatus(printer, enabled=False, accepting=True) if printer == "CardPrinter" else None

    def job_ids(self, printer: str) -> list[int]:
        return []

    def job_state(self, job_id: int) -> JobState:
        return JobState.UNKNOWN


@pytest.mark.expected_logs("printer_unavailable")
def test_failed_print_leaves_the_credential_waiting_and_is_recorded(signed_in: Running) -> None:
    page = queue_page(signed_in, State.APPROVED)
    page.print_panel.printer.system = StoppedQueue()
    number = page.queues.entries[Queue.PRINT][0].credential_no  # type: ignore[union-attr]
    page.tick(State.APPROVED, number)
    signed_in.terminal.home.update_config(printer="CardPrinter")  # chosen in Settings
    page.print_panel.mode.setCurrentIndex(1)  # card printer: one job per card
    page.print_panel.print_button.click()
    signed_in.qtbot.waitUntil(lambda: "失败" in page.status.text(), timeout=20_000)
    signed_in.wait_idle()
    assert "停用" in page.status.text() and state_of(signed_in, number) is State.APPROVED
    history = signed_in.terminal.db.call(lambda db: printing.print_history(db, number))
    assert [(h["status"], h["printer"]) for h in history] == [("failed", "CardPrinter")]
    assert page.print_panel.print_button.isEnabled()


@pytest.fixture
def app_after_cups(qtbot: QtBot, cups: PrivateCups, demo_home: Home, device: VirtualSamReader) -> Iterator[Running]:
    """The app started once the private cupsd is there, so Qt's print system sees its queue."""
    gen = start_app(qtbot, demo_home, device)
    app = next(gen)
    qtbot.waitUntil(lambda: app.terminal.window is not None, timeout=10_000)
    yield app
    next(gen, None)


@pytest.mark.cups
def test_batch_print_on_a_sheet_is_confirmed_by_cups(app_after_cups: Running, cups: PrivateCups) -> None:
    running = app_after_cups
    running.sign_in()
    page = queue_page(running, State.APPROVED)
    page.print_panel.printer.system = CupsCommands(env=cups.env)
    numbers = [e.credential_no for e in page.queues.entries[Queue.PRINT]][:2]  # type: ignore[union-attr]
    for number in numbers:
        page.tick(State.APPROVED, number)
    running.terminal.home.update_config(printer=QUEUE)  # chosen in Settings (tests/ui/test_settings_page.py)
    page.print_panel.print_button.click()
    running.qtbot.waitUntil(lambda: "已打印 2" in page.status.text(), timeout=60_000)
    running.wait_idle()
    assert [state_of(running, n) for n in numbers] == [State.PRINTED, State.PRINTED]
    assert cups.wait_for_pdf()

    def jobs(db: Database) -> list[str]:
        return [str(h["status"]) for n in numbers for h in printing.print_history(db, n)]

    assert running.terminal.db.call(jobs) == ["completed", "completed"]
