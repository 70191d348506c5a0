"""Credential actions from the worker page: reprint with a reason (new version), suspend and resume, revoke
(注销) with a reason, renew, apply again; buttons follow the role and the state; the history shows all."""

from __future__ import annotations

from PySide6.QtWidgets import QLineEdit

from terminal.core.lifecycle import State
from terminal.ui.credential_actions import CredentialActions
from terminal.ui.form_dialog import FormDialog
from terminal.usecases import credentials
from tests.ui.conftest import Running
from tests.ui.helpers import child, raw_column, visible
from tests.ui.lifecycle_helpers import holder_with_credential, issue_directly, state_of


def open_holder(running: Running, worker_id: int) -> CredentialActions:
    running.window.open_worker(worker_id)
    running.wait_idle()
    return running.window.worker.credential_actions


def give_reason(running: Running, actions: CredentialActions, action: str, reason: str, number: str = "") -> FormDialog:
    """Fill the action's dialog; revoking also asks for the credential number typed back."""
    actions.buttons[next(a for a in actions.buttons if a.value == action)].click()
    dialog = actions.dialog
    assert dialog is not None and dialog.isVisible()
    if number:
        child(dialog, QLineEdit, "confirmNumber").setText(number)
    child(dialog, QLineEdit, "reason").setText(reason)
    dialog.buttons.accepted.emit()
    running.wait_idle()
    return dialog


def test_supervisor_reprints_suspends_resumes_and_revokes(running: Running) -> None:
    running.sign_in("zhuguan")
    worker_id, number = holder_with_credential(running)
    issue_directly(running, number)
    actions = open_holder(running, worker_id)
    assert {a.value for a, b in actions.buttons.items() if visible(b)} == {"reprint", "suspend", "revoke", "renew"}
    dialog = give_reason(running, actions, "reprint", "  ")
    assert dialog.isVisible() and visible(dialog.error) and "原因" in dialog.error.text()  # a reason is required
    assert state_of(running, number) is State.ISSUED
    child(dialog, QLineEdit, "reason").setText("本人遗失")
    dialog.buttons.accepted.emit()
    running.wait_idle()
    assert not dialog.isVisible()
    cred = running.terminal.db.call(lambda db: credentials.get(db, number))
    assert cred.state is State.APPROVED and cred.version == 2  # the old card is void, the new one waits for print
    issue_directly(running, number)  # (printed and handed over again)
    running.window.worker.reload()
    running.wait_idle()
    give_reason(running, actions, "suspend", "客户投诉调查")
    assert state_of(running, number) is State.SUSPENDED and visible(actions.buttons[next(a for a in actions.buttons if a.value == "resume")])
    next(b for a, b in actions.buttons.items() if a.value == "resume").click()
    running.wait_idle()
    assert state_of(running, number) is State.ISSUED
    give_reason(running, actions, "revoke", "本人离职", number)
    assert state_of(running, number) is State.REVOKED
    assert not any(visible(b) for b in actions.buttons.values()) and visible(actions.apply_button)
    events = running.window.worker.tables["credential_events"]
    assert raw_column(events, "action")[-4:] == ["issue", "suspend", "resume", "revoke"]
    actions.apply_button.click()  # after 注销 the worker may apply again
    running.wait_idle()
    assert running.terminal.db.call(lambda db: [c.state for c in credentials.for_worker(db, worker_id)]) == [
        State.REVOKED, State.APPLIED]


def test_clerk_sees_only_what_the_role_may_do_and_renews(signed_in: Running) -> None:
    worker_id, number = holder_with_credential(signed_in)
    issue_directly(signed_in, number)
    actions = open_holder(signed_in, worker_id)
    assert {a.value for a, b in actions.buttons.items() if visible(b)} == {"renew"}
    next(b for a, b in actions.buttons.items() if a.value == "renew").click()
    signed_in.wait_idle()
    cred = signed_in.terminal.db.call(lambda db: credentials.get(db, number))
    assert cred.state is State.APPLIED and cred.version == 2
