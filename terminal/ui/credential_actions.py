"""Credential actions on the worker page: apply, reprint (lost or damaged, the old version void), suspend,
resume, revoke (注销) and renew. Buttons follow the state machine and the operator's role; the use case
checks both again. Actions that need a reason ask for it in a dialog that keeps it on a refusal."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QDialogButtonBox, QHBoxLayout, QLabel, QLineEdit, QPushButton, QWidget

from terminal.core.lifecycle import TRANSITIONS, State, allowed_actions
from terminal.core.roles import Action
from terminal.store.db import Database
from terminal.ui.ecard_dialog import EcardButton
from terminal.ui.form_dialog import FormDialog
from terminal.ui.retranslate import Retranslating
from terminal.ui.session import Session
from terminal.usecases import credentials
from terminal.usecases.queries import WorkerRecord

ACTIONS = (Action.REPRINT, Action.SUSPEND, Action.RESUME, Action.REVOKE, Action.RENEW)


class CredentialActions(Retranslating, QWidget):
    changed = Signal()

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("credentialActions")
        self._session = session
        self.worker_id: int | None = None
        self.credential_no: str | None = None
        self.state: State | None = None
        self.dialog: FormDialog | None = None
        self.apply_button = QPushButton()
        self.apply_button.setObjectName("action_apply")
        self.apply_button.clicked.connect(self.apply)
        self.buttons: dict[Action, QPushButton] = {}
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.apply_button)
        for action in ACTIONS:
            button = QPushButton()
            button.setObjectName(f"action_{action.value}")
            button.clicked.connect(lambda _checked=False, a=action: self.start(a))
            self.buttons[action] = button
            layout.addWidget(button)
        self.ecard = EcardButton(session, lambda: self.credential_no)  # the electronic credential's activation
        layout.addWidget(self.ecard)
        layout.addStretch(1)
        self.retranslate()
        self.show_for(None)

    def retranslate(self) -> None:
        self.apply_button.setText(self.tr("申请证件"))
        texts = {Action.REPRINT: self.tr("补证（遗失/损坏）"), Action.SUSPEND: self.tr("暂停"), Action.RESUME: self.tr("恢复"),
                 Action.REVOKE: self.tr("注销"), Action.RENEW: self.tr("续期")}  # fmt: skip
        for action, text in texts.items():
            self.buttons[action].setText(text)


    def show_for(self, record: WorkerRecord | None) -> None:
        """The worker's latest credential decides which actions are offered."""
        rows = record.tables.get("credentials", []) if record else []
        latest = rows[-1] if rows else None
        self.worker_id = record.worker_id if record else None
        self.credential_no = str(latest["credential_no"]) if latest else None
        self.state = State(latest["state"]) if latest else None
        actor = self._session.actor
        offered = allowed_actions(self.state, actor.role) if (actor and self.state) else []
        for action, button in self.buttons.items():
            button.setVisible(action in offered)
        self.ecard.show_for(self.state)
        live = self.state not in (None, State.REVOKED, State.EXPIRED)
        self.apply_button.setVisible(record is not None and not live and self._session.may(Action.APPLY)
                                     and self.state is not State.EXPIRED)  # fmt: skip

    def apply(self) -> None:
        if self.worker_id is None:
            return
        actor, today, worker_id = self._session.require_actor(), self._session.today(), self.worker_id
        self._session.run(lambda db: credentials.apply(db, actor, worker_id, today), lambda _no: self._done())

    def start(self, action: Action) -> None:
        if self.credential_no is None:
            return
        if not TRANSITIONS[action].reason_required:
            self._run(action, None, None)
            return
        if action is Action.REVOKE:
            self.start_revoke()
            return
        dialog = self.dialog = FormDialog("reasonDialog", f"{self.buttons[action].text()} {self.credential_no}", self)
        reason = QLineEdit()
        reason.setObjectName("reason")
        dialog.add_row(self.tr("原因（必填）"), reason)
        dialog.on_submit = lambda: self._run(action, reason.text(), dialog)
        dialog.open()

    def start_revoke(self) -> None:
        """Revoking (注销) cannot be undone: the dialog says what is lost, asks for the reason and for the credential
        number typed back as the second confirmation. Suspending stays a single confirmation."""
        number = self.credential_no
        assert number is not None
        dialog = self.dialog = FormDialog("revokeDialog", self.tr("注销证件 %1").replace("%1", number), self)
        dialog.setMinimumWidth(560)
        warning = QLabel(self.tr("注销不可撤销：证件 %1 将永久作废，持证人手中的证卡扫码核验即显示“已注销”，"
                                 "不能恢复、不能补证，只能重新申请新证。如只需暂时停止使用，请改用“暂停”。").replace("%1", number))  # fmt: skip
        warning.setObjectName("revokeWarning")
        warning.setWordWrap(True)
        warning.setStyleSheet("color: #b00020; font-weight: bold;")
        dialog.form.addRow(warning)
        reason = QLineEdit()
        reason.setObjectName("reason")
        dialog.add_row(self.tr("注销原因（必填）"), reason)
        typed = QLineEdit()
        typed.setObjectName("confirmNumber")
        typed.setPlaceholderText(number)
        dialog.add_row(self.tr("再次确认：输入证件号"), typed)
        ok = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setText(self.tr("确认注销"))
        refused = dialog.refused

        def show_refusal(error: BaseException) -> None:
            refused(error)
            dialog.adjustSize()  # the whole message shows, however long it is in this language

        dialog.refused = show_refusal  # type: ignore[method-assign]

        def submit() -> None:
            if typed.text().strip().upper() != number.upper():
                dialog.error.show_error(self.tr("请输入证件号 %1 以确认注销；注销后不能恢复。").replace("%1", number))
                dialog.adjustSize()
                return
            self._run(Action.REVOKE, reason.text(), dialog)

        dialog.on_submit = submit
        dialog.open()

    def _run(self, action: Action, reason: str | None, dialog: FormDialog | None) -> None:
        actor, today, number = self._session.require_actor(), self._session.today(), self.credential_no
        assert number is not None

        def op(db: Database) -> credentials.Credential:
            return credentials.transition(db, actor, number, action, today, reason=reason)

        def done(_cred: credentials.Credential) -> None:
            if dialog is not None:
                dialog.done_ok()
            self._done()

        self._session.run(op, done, dialog.refused if dialog is not None else None)

    def _done(self) -> None:
        self._session.signals.data_changed.emit()
        self.changed.emit()
