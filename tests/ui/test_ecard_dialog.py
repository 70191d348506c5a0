"""The electronic credential's activation from the worker page: offered only for an issued credential, it shows
the one-time link's QR (the link signed by this terminal's key, for this credential) with plain-text words."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel

from terminal.usecases import setup
from tests.ui.conftest import Running
from tests.ui.helpers import visible
from tests.ui.lifecycle_helpers import holder_with_credential, issue_directly
from wirecontract import ecard, signing


def test_an_issued_credential_gets_an_activation_qr(running: Running) -> None:
    running.sign_in("dengji")
    worker_id, number = holder_with_credential(running)
    running.window.open_worker(worker_id)
    running.wait_idle()
    actions = running.window.worker.credential_actions
    assert not visible(actions.ecard)  # printed, not yet handed over: nothing to activate
    issue_directly(running, number)
    running.window.worker.reload()
    running.wait_idle()
    assert visible(actions.ecard)
    actions.ecard.click()
    running.qtbot.waitUntil(
        lambda: actions.ecard.dialog is not None and actions.ecard.dialog.isVisible(), timeout=10_000
    )
    dialog = actions.ecard.dialog
    assert dialog is not None and not dialog.isModal()
    decoded = ecard.decode_activation(dialog.link.url)
    key = running.terminal.db.call(setup.terminal_key)
    assert decoded.link.key_id == key.key_id
    assert signing.verify(key.public_raw, decoded.link.signed_message, decoded.link.signature)
    assert decoded.activation.code == dialog.link.code and "/V/" in decoded.activation.card_url
    assert not dialog.qr.pixmap().isNull() and dialog.qr.pixmap().width() >= 300
    assert "一次" in dialog.hint.text() and dialog.url.text() == dialog.link.url
    for label in dialog.findChildren(QLabel):
        if label.text():
            assert label.textFormat() == Qt.TextFormat.PlainText, label.objectName()
    second = running.terminal.db.call(lambda db: db.scalar(
        "SELECT count(*) FROM audit_log WHERE action = 'credential.ecard_activation'"))  # fmt: skip
    assert second == 1
    dialog.close_button.click()
