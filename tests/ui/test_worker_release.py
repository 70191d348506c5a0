"""A worker leaving the agency, from the worker page: supervisors see 离职/转出, give a reason, and the page
then says the worker has left; a live credential is refused in the dialog; clerks have no such button."""

from __future__ import annotations

import datetime as dt

from PySide6.QtWidgets import QLineEdit

from terminal.core.roles import Action
from terminal.store.db import Database
from terminal.usecases import credentials, registration
from tests.ui.conftest import Running
from tests.ui.helpers import child, visible
from tests.ui.lifecycle_helpers import CLERK, SUPERVISOR, card_of, holder_profile, sign_in_demo_staff


def _worker_with_applied_credential(running: Running) -> tuple[int, str]:
    def op(db: Database) -> tuple[int, str]:
        sign_in_demo_staff(db)
        worker_id = registration.register_worker(db, CLERK, card_of("resident"), holder_profile(), dt.date.today())
        return worker_id, credentials.apply(db, CLERK, worker_id, dt.date.today())

    return running.terminal.db.call(op)


def _release(running: Running, reason: str) -> None:
    page = running.window.worker
    page.release_button.click()
    dialog = page.dialog
    assert dialog is not None and dialog.isVisible()
    child(dialog, QLineEdit, "reason").setText(reason)
    dialog.buttons.accepted.emit()
    running.wait_idle()


def test_a_supervisor_releases_a_worker_from_the_worker_page(running: Running) -> None:
    running.sign_in("zhuguan")
    worker_id, number = _worker_with_applied_credential(running)
    running.window.open_worker(worker_id)
    running.wait_idle()
    page = running.window.worker
    assert visible(page.release_button)
    _release(running, "本人离职")
    dialog = page.dialog
    assert dialog is not None and dialog.isVisible() and number in dialog.error.text()  # revoke the card first
    dialog.reject()

    def revoke(db: Database) -> None:
        sign_in_demo_staff(db)
        credentials.transition(db, SUPERVISOR, number, Action.REVOKE, dt.date.today(), reason="本人离职")

    running.terminal.db.call(revoke)
    page.reload()
    running.wait_idle()
    _release(running, "本人离职")
    assert page.dialog is not None and not page.dialog.isVisible()
    assert page.view is not None and page.view.record.status == "inactive"
    assert "已离职" in page.heading.text() and not visible(page.release_button)
    assert running.terminal.db.call(
        lambda db: db.scalar("SELECT count(*) FROM outbox WHERE kind = 'worker.released'")) == 1  # fmt: skip


def test_a_clerk_has_no_release_button(running: Running) -> None:
    running.sign_in("dengji")
    worker_id, _ = _worker_with_applied_credential(running)
    running.window.open_worker(worker_id)
    running.wait_idle()
    assert running.window.worker.view is not None and not visible(running.window.worker.release_button)
