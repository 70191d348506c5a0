"""Register a worker: tap the card, check, fill in the profile, save, then apply for the credential."""

from __future__ import annotations

import dataclasses
import datetime as dt
from dataclasses import dataclass

from PySide6.QtCore import Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QScrollArea, QVBoxLayout, QWidget

from terminal.core.errors import DuplicateWorker, ReaderFault, RegisteredElsewhere, RuleViolation, TerminalError
from terminal.store import identity_reads
from terminal.store.db import Database
from terminal.ui.feedback import announce, report_error
from terminal.ui.identity_panel import IdentityPanel, PhotoDecoder
from terminal.ui.profile_form import ProfileForm
from terminal.ui.retranslate import Retranslating
from terminal.ui.session import Session
from terminal.usecases import credentials, registration
from terminal.usecases.registration import CardPreview
from wirecontract.identity import CardRead, Identity


@dataclass(frozen=True)
class Refused:
    identity: Identity | None
    error: RuleViolation


def check_card(db: Database, card: CardRead, today: dt.date) -> CardPreview | Refused:
    """Preview a card for registration; a card the rules refuse comes back as Refused (not an error)."""
    try:
        identity: Identity | None = identity_reads.decode(card)
    except RuleViolation as error:
        return Refused(None, error)
    try:
        return registration.preview(db, card, today)
    except RuleViolation as error:
        return Refused(identity, error)


class RegisterPage(Retranslating, QWidget):
    open_worker = Signal(int)
    registered = Signal(int)  # worker id

    def __init__(self, session: Session, decode_photo: PhotoDecoder, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("registerPage")
        self._session = session
        self.card: CardRead | None = None  # the accepted read the next save uses
        self.worker_id: int | None = None
        self.credential_no: str | None = None
        self.panel = IdentityPanel(decode_photo)
        self.panel.open_record.connect(self.open_worker)
        self.form = ProfileForm(session.today)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(self.form)
        self.result = QLabel()
        self.result.setObjectName("registerResult")
        self.result.setWordWrap(True)
        self.save_button, self.apply_button, self.new_button = QPushButton(), QPushButton(), QPushButton()
        self.save_button.setObjectName("saveWorker")
        self.apply_button.setObjectName("applyCredential")
        self.new_button.setObjectName("newRegistration")
        self.save_button.clicked.connect(self.save)
        self.apply_button.clicked.connect(self.apply)
        self.new_button.clicked.connect(self.start_over)
        QShortcut(QKeySequence("Ctrl+S"), self, self.save)
        buttons = QHBoxLayout()
        buttons.addWidget(self.result, 1)
        for button in (self.new_button, self.save_button, self.apply_button):
            buttons.addWidget(button)
        left = QVBoxLayout()
        left.addWidget(self.panel)
        left.addStretch(1)
        columns = QHBoxLayout()
        columns.addLayout(left, 2)
        columns.addWidget(scroll, 3)
        layout = QVBoxLayout(self)
        layout.addLayout(columns, 1)
        layout.addLayout(buttons)
        self.retranslate()
        self._update_buttons()

    def retranslate(self) -> None:
        self.save_button.setText(self.tr("保存登记(&S)"))
        self.apply_button.setText(self.tr("申请上门服务证(&Y)"))
        self.new_button.setText(self.tr("登记下一位(&N)"))


    def _update_buttons(self) -> None:
        saved = self.worker_id is not None
        self.save_button.setEnabled(self.card is not None and not saved)
        self.apply_button.setEnabled(saved and self.credential_no is None)

    # --- the card ---------------------------------------------------------------------------------
    def card_presented(self, card: CardRead) -> None:
        if self.worker_id is not None:
            self.start_over()  # a new tap after a finished registration starts the next one
        today = self._session.today()
        self._session.run(lambda db: check_card(db, card, today), lambda result: self._checked(card, result))

    def _checked(self, card: CardRead, result: CardPreview | Refused) -> None:
        if isinstance(result, Refused):
            self.card = None
            self.panel.show_refusal(result.identity, result.error)
        else:
            self.panel.show_preview(result)
            self.card = card if result.existing_worker_id is None else None
            if self.card is not None and self._session.centre_lookup is not None:
                number = result.identity.id_number
                self._session.centre_lookup(number, lambda elsewhere: self._centre_answered(card, elsewhere))
        self._update_buttons()

    def _centre_answered(self, card: CardRead, elsewhere: bool | None) -> None:
        """Online only: a person another agency registered is refused (one agency per person)."""
        if elsewhere and self.card is card and self.panel.preview is not None:
            self.card = None
            self.panel.show_refusal(self.panel.preview.identity, RegisteredElsewhere())
            self._update_buttons()

    def read_failed(self, fault: ReaderFault) -> None:
        self.panel.show_read_fault(fault)

    # --- save and apply --------------------------------------------------------------------------
    def save(self) -> None:
        if self.card is None or self.worker_id is not None or not self.save_button.isEnabled():
            return
        profile = self.form.collect()
        if profile is None:
            return
        try:
            photo = self.panel.photo_scan()
        except OSError as exc:
            self.result.setText(self.tr("无法读取照片文件：%1").replace("%1", exc.strerror or str(exc)))
            return
        if photo is not None:
            profile = dataclasses.replace(profile, photo=photo, photo_source=self.panel.photo_source())
        actor, card, today = self._session.require_actor(), self.card, self._session.today()
        self.save_button.setEnabled(False)
        self.result.setText(self.tr("正在保存…"))
        self._session.run(lambda db: registration.register_worker(db, actor, card, profile, today),
                          self._saved, self._save_failed)  # fmt: skip

    def _saved(self, worker_id: int) -> None:
        self.worker_id = worker_id
        self.panel.mark_saved()
        self.result.setText(self.tr("登记已保存。可以申请上门服务证。"))
        announce("登记已保存。可以申请上门服务证。", "Registration saved. You can apply for the credential.")
        self._update_buttons()
        self._session.signals.data_changed.emit()
        self.registered.emit(worker_id)
        self.apply_button.setFocus()

    def _save_failed(self, error: BaseException) -> None:
        self.result.clear()
        self._update_buttons()
        if isinstance(error, DuplicateWorker):
            self.open_worker.emit(error.worker_id)
        if isinstance(error, TerminalError):
            self.result.setText(error.message(self._session.languages.lang))
        report_error(self, error)

    def apply(self) -> None:
        if self.worker_id is None or self.credential_no is not None:
            return
        actor, worker_id, today = self._session.require_actor(), self.worker_id, self._session.today()
        self.apply_button.setEnabled(False)
        self._session.run(lambda db: credentials.apply(db, actor, worker_id, today), self._applied, self._apply_failed)

    def _applied(self, number: str) -> None:
        self.credential_no = number
        self.result.setText(self.tr("已提交证件申请，编号 %1，等待审核。").replace("%1", number))
        self._update_buttons()
        self._session.signals.data_changed.emit()

    def _apply_failed(self, error: BaseException) -> None:
        self._update_buttons()
        report_error(self, error)

    def start_over(self) -> None:
        self.card, self.worker_id, self.credential_no = None, None, None
        self.form.clear()
        self.panel.clear()
        self.result.clear()
        self._update_buttons()
