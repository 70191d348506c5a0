"""A supervisor's approval day on real widgets, in Chinese and in English: the applicant's whole file beside the
queue (photo, masked ID, letters, health check, insurance, training, conditions), a return to the clerk with a
reason that lands in the clerk's list, the clerk handing it in again, and "select all → approve" confirmed with
its count, the applications that lack a condition refused and listed."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QLineEdit, QMessageBox

from terminal.core.lifecycle import State
from terminal.ui.credentials_page import CredentialsPage, Queue
from tests.ui.conftest import Running
from tests.ui.helpers import child, close_dialogs, open_dialogs
from tests.ui.lifecycle_helpers import holder_with_credential, state_of
from tests.ui.shots import shot

TEXTS = {
    "zh": {"ready": "可以审核通过", "lacking": "尚缺", "confirm": "审核通过所选的", "returned": "已退回登记员"},
    "en": {"ready": "Ready to approve", "lacking": "missing", "confirm": "Approve the", "returned": "Returned to the clerk"},
}  # fmt: skip


def _queue(running: Running, queue: Queue) -> CredentialsPage:
    window = running.window
    window.open_queue(State.APPLIED)
    page = window.credentials
    page.show_queue(queue)
    running.wait_idle()
    return page


def _select(running: Running, page: CredentialsPage, queue: Queue, number: str) -> None:
    page.show_queue(queue)
    page.select(queue, number)
    running.qtbot.waitUntil(lambda: page.file_view.file is not None and page.file_view.file.credential_no == number,
                            timeout=10_000)  # fmt: skip


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.expected_logs("issuing_conditions_unmet")
def test_supervisor_sees_the_whole_file_returns_one_and_approves_a_batch(running: Running, lang: str) -> None:
    words = TEXTS[lang]
    _, ready = holder_with_credential(running, "resident", state=State.APPLIED)
    _, returned = holder_with_credential(running, "foreign_permanent", state=State.APPLIED)
    running.window.switch_language(lang)
    running.sign_in("zhuguan")
    page = _queue(running, Queue.APPROVAL)

    # The whole file of a complete application: the photo, the ID masked, every condition met.
    _select(running, page, Queue.APPROVAL, ready)
    view = page.file_view
    assert view.photo.showing_photo
    assert "*" in view.values["id"].text()
    assert words["ready"] in view.conditions.text()
    assert view.values["letters"].text().count("\n") >= 1 and view.values["insurance"].text()
    shot(running.window, f"30-approval-file-{lang}")
    # An application that lacks conditions says which, in this language only.
    blocked = next(e for e in page.queues.entries[Queue.APPROVAL] if e.missing)  # type: ignore[union-attr]
    _select(running, page, Queue.APPROVAL, blocked.credential_no)
    assert words["lacking"] in view.conditions.text()
    other = TEXTS["en" if lang == "zh" else "zh"]
    assert other["ready"] not in view.conditions.text() and other["lacking"] not in view.conditions.text()

    # Return one with a reason: an empty reason is refused in the dialog, then it goes to the clerk's list.
    _select(running, page, Queue.APPROVAL, returned)
    page.return_button.click()
    dialog = page.dialog
    assert dialog is not None and dialog.isVisible()
    dialog.buttons.accepted.emit()
    running.qtbot.waitUntil(lambda: dialog.error.isVisible(), timeout=10_000)
    assert dialog.error.height() >= dialog.error.heightForWidth(dialog.error.width())  # the whole message shows
    child(dialog, QLineEdit, "reason").setText("照片模糊，请重拍")
    dialog.buttons.accepted.emit()
    running.qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=10_000)
    running.wait_idle()
    assert returned not in [e.credential_no for e in page.queues.entries[Queue.APPROVAL]]  # type: ignore[union-attr]
    [back] = [e for e in page.queues.entries[Queue.RETURNED] if e.credential_no == returned]  # type: ignore[union-attr]
    assert back.returned_reason == "照片模糊，请重拍"

    # "Select all → approve" asks first with the count; the complete one goes through, the others are listed.
    page.show_queue(Queue.APPROVAL)
    page.tick_all_rows()
    count = len(page.ticked(Queue.APPROVAL))
    page.approve_button.click()
    [confirm] = open_dialogs("approveConfirm")
    assert words["confirm"] in confirm.text() and str(count) in confirm.text()
    shot(confirm, f"31-approve-batch-confirm-{lang}")
    assert state_of(running, ready) is State.APPLIED  # nothing happened before the confirmation
    confirm.button(QMessageBox.StandardButton.Yes).click()
    running.qtbot.waitUntil(lambda: state_of(running, ready) is State.APPROVED, timeout=10_000)
    if count > 1:
        running.qtbot.waitUntil(lambda: bool(open_dialogs("batchRefusals")), timeout=10_000)
        assert blocked.credential_no in open_dialogs("batchRefusals")[0].text()
    assert state_of(running, blocked.credential_no) is State.APPLIED
    close_dialogs()

    # The clerk finds the returned application with the reason and hands it in again.
    running.window.sign_out()
    running.sign_in("dengji")
    page = _queue(running, Queue.RETURNED)
    assert page.resubmit_button.isVisible() and not page.approve_button.isVisible()
    assert not page.status.text()  # the supervisor's batch outcome went with the supervisor
    _select(running, page, Queue.RETURNED, returned)
    assert words["returned"] in page.file_view.returned.text()
    shot(running.window, f"32-returned-{lang}")
    page.resubmit_button.click()
    running.qtbot.waitUntil(lambda: any(e.credential_no == returned for e in page.queues.entries[Queue.APPROVAL]),  # type: ignore[union-attr]
                            timeout=10_000)  # fmt: skip
