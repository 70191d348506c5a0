"""After registration, from the worker page: edit the profile (contact, address, service types, education, and
add a skills certificate, a health check or insurance) and add a signed letter the registration went without
(the employment commitment or the credit authorisation). Identity is never edited: it is the card's."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from PySide6.QtCore import QDate
from PySide6.QtWidgets import QComboBox, QDateEdit, QLabel, QScrollArea, QWidget

from terminal.core import messages
from terminal.store.db import Database
from terminal.ui.form_dialog import FormDialog
from terminal.ui.profile_form import ProfileForm, day_of
from terminal.ui.scan_picker import ScanPicker
from terminal.ui.session import Session
from terminal.usecases import records
from terminal.usecases.queries import WorkerRecord
from terminal.usecases.registration import LetterInput

LETTERS = ("employment_commitment", "credit_authorisation")


def missing_letters(record: WorkerRecord) -> list[str]:
    have = {str(row.get("kind")) for row in record.tables.get("letters", [])}
    return [kind for kind in LETTERS if kind not in have]


class ProfileEditDialog(FormDialog):
    """The registration form in its editing mode, filled from the record; refusals stay beside the fields."""

    def __init__(self, session: Session, record: WorkerRecord, parent: QWidget | None = None) -> None:
        super().__init__("profileEditDialog", "", parent)
        self.setWindowTitle(self.tr("修改资料：%1").replace("%1", record.identity.display_name))
        self.profile = ProfileForm(session.today, editing=True)
        self.profile.load(record.phone, record.current_address, record.service_types, record.residence_permit_no,
                          record.education)  # fmt: skip
        note = QLabel(self.tr("身份信息来自证件读卡，不能修改。此处新增的体检、保险和证书与原有记录一并保留。"))
        note.setWordWrap(True)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(self.profile)
        scroll.setMinimumSize(640, 420)
        scroll.setMaximumHeight(560)  # the dialog stays inside a 1366×768 screen
        self.form.addRow(note)
        self.form.addRow(scroll)


def _open(dialog: FormDialog, session: Session, op: Callable[[], Callable[[Database], object] | None],
          said: Callable[[object], tuple[str, str]], done: Callable[[], None]) -> FormDialog:
    """Open the dialog; OK runs the use case `op()` gives (None: the dialog showed why not), says the outcome
    in the banner, closes the dialog and tells the page."""
    def submit() -> None:
        work = op()
        if work is not None:
            session.run(work, finished, dialog.refused)

    def finished(result: object) -> None:
        messages.info(*said(result))
        dialog.done_ok()
        session.signals.data_changed.emit()
        done()

    dialog.on_submit = submit
    dialog.open()
    return dialog


def edit_profile(parent: QWidget, session: Session, record: WorkerRecord, done: Callable[[], None]) -> FormDialog:
    actor, worker_id = session.require_actor(), record.worker_id
    dialog = ProfileEditDialog(session, record, parent)

    def op() -> Callable[[Database], object] | None:
        profile = dialog.profile.collect()  # None: every error is shown beside its field and in the summary
        return None if profile is None else lambda db: records.update_profile(db, actor, worker_id, profile)

    def said(changed: object) -> tuple[str, str]:
        if changed:
            return "资料已修改，并将同步至中心。", "The profile was changed and will be sent to the centre."
        return "资料没有改动。", "Nothing in the profile changed."

    return _open(dialog, session, op, said, done)


class LetterDialog(FormDialog):
    """A letter signed now: its kind (the missing ones first), the day it was signed and the signed page's scan."""

    def __init__(self, record: WorkerRecord, today: dt.date, parent: QWidget | None = None) -> None:
        super().__init__("letterDialog", "", parent)
        self.setWindowTitle(self.tr("补录承诺书：%1").replace("%1", record.identity.display_name))
        self.kind = QComboBox()
        self.kind.setObjectName("letterKind")
        names = {"employment_commitment": self.tr("从业承诺书"), "credit_authorisation": self.tr("信用信息授权书")}
        missing = missing_letters(record)
        for code in [*missing, *(k for k in LETTERS if k not in missing)]:
            self.kind.addItem(names[code] + ("" if code in missing else self.tr("（已有，再签一份）")), code)
        self.signed = QDateEdit(QDate(today.year, today.month, today.day))
        self.signed.setObjectName("signedOn")
        self.signed.setCalendarPopup(True)
        self.signed.setDisplayFormat("yyyy-MM-dd")
        self.scan = ScanPicker()
        self.scan.setObjectName("letterScan")
        self.add_row(self.tr("种类"), self.kind)
        self.add_row(self.tr("签署日期"), self.signed)
        self.add_row(self.tr("签字页扫描件"), self.scan)

    def letter(self) -> LetterInput | None:
        """The letter, or None (and the reason shown) while the signed page's scan is missing."""
        if self.scan.scan is None:
            self.error.show_error(self.tr("请添加签字页的扫描件或照片"))
            return None
        return LetterInput(str(self.kind.currentData()), day_of(self.signed), self.scan.scan)


def add_letter(parent: QWidget, session: Session, record: WorkerRecord, done: Callable[[], None]) -> FormDialog:
    actor, worker_id, today = session.require_actor(), record.worker_id, session.today()
    dialog = LetterDialog(record, today, parent)

    def op() -> Callable[[Database], object] | None:
        letter = dialog.letter()
        return None if letter is None else lambda db: records.add_letter(db, actor, worker_id, letter, today)

    return _open(dialog, session, op, lambda _uid: ("已补录签署的承诺书，并将同步至中心。",
                                                    "The signed letter was added and will be sent to the centre."), done)  # fmt: skip
