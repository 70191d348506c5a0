"""Service contracts, evaluations, complaints (register, handle, resolve with the agency's response) and
integrity (credit) records, from the worker page, and after registration: editing the profile and adding a
letter the registration went without (profile_edit.py). Each dialog keeps what was typed when the use case
refuses; the customer is kept to a reference, as the scheme needs no more."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QDate, Signal
from PySide6.QtWidgets import QComboBox, QDateEdit, QHBoxLayout, QLineEdit, QPushButton, QSpinBox, QWidget

from terminal.core import service_types
from terminal.core.roles import Action
from terminal.store.db import Database
from terminal.ui import evaluation_slip_dialog, profile_edit
from terminal.ui.form_dialog import FormDialog
from terminal.ui.i18n import ui_lang
from terminal.ui.retranslate import Retranslating
from terminal.ui.session import Session
from terminal.usecases import records
from terminal.usecases.queries import WorkerRecord

DISTRICTS = ("黄浦区", "徐汇区", "长宁区", "静安区", "普陀区", "虹口区", "杨浦区", "闵行区", "宝山区", "嘉定区", "浦东新区",
             "金山区", "松江区", "青浦区", "奉贤区", "崇明区")  # fmt: skip


def _date(name: str, value: QDate | None = None) -> QDateEdit:
    edit = QDateEdit(value or QDate.currentDate())
    edit.setObjectName(name)
    edit.setCalendarPopup(True)
    edit.setDisplayFormat("yyyy-MM-dd")
    return edit


def _line(name: str) -> QLineEdit:
    edit = QLineEdit()
    edit.setObjectName(name)
    return edit


def _combo(name: str, items: list[tuple[str, str]]) -> QComboBox:
    combo = QComboBox()
    combo.setObjectName(name)
    for text, data in items:
        combo.addItem(text, data)
    return combo


class ServiceRecords(Retranslating, QWidget):
    changed = Signal()

    def __init__(self, session: Session, selected_complaint: Callable[[], str | None], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("serviceRecords")
        self._session = session
        self._selected_complaint = selected_complaint
        self.record: WorkerRecord | None = None
        self.dialog: FormDialog | None = None
        self.buttons = {key: QPushButton() for key in ("profile", "letter", "contract", "evaluation", "complaint", "handle",
                                                        "credit")}  # fmt: skip
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        for key, button in self.buttons.items():
            button.setObjectName(f"record_{key}")
            layout.addWidget(button)
        layout.addStretch(1)
        self.buttons["profile"].clicked.connect(self.edit_profile)
        self.buttons["letter"].clicked.connect(self.add_letter)
        self.buttons["contract"].clicked.connect(self.add_contract)
        self.buttons["evaluation"].clicked.connect(self.add_evaluation)
        self.buttons["complaint"].clicked.connect(self.add_complaint)
        self.buttons["handle"].clicked.connect(self.handle_complaint)
        self.buttons["credit"].clicked.connect(self.add_credit)
        self.retranslate()
        self.show_for(None)

    def retranslate(self) -> None:
        texts = {"profile": self.tr("修改资料"), "letter": self.tr("补录承诺书"), "contract": self.tr("登记服务合同"), "evaluation": self.tr("录入服务评价"), "complaint": self.tr("登记投诉"),
                 "handle": self.tr("处理所选投诉"), "credit": self.tr("登记信用记录")}  # fmt: skip
        for key, text in texts.items():
            self.buttons[key].setText(text)


    def show_for(self, record: WorkerRecord | None) -> None:
        self.record = record
        self.setVisible(record is not None and self._session.may(Action.RECORD_SERVICE))
        active = record is not None and record.status == "active"
        self.buttons["profile"].setVisible(active and self._session.may(Action.EDIT_PROFILE))
        self.buttons["letter"].setVisible(active and self._session.may(Action.EDIT_PROFILE))
        missing = profile_edit.missing_letters(record) if record is not None else []
        # A worker stuck without a letter is the one this button is for: it says so.
        self.buttons["letter"].setStyleSheet("font-weight: bold; color: #b00020;" if missing else "")

    def edit_profile(self) -> None:
        if self.record is not None:
            self.dialog = profile_edit.edit_profile(self, self._session, self.record, self.changed.emit)

    def add_letter(self) -> None:
        if self.record is not None:
            self.dialog = profile_edit.add_letter(self, self._session, self.record, self.changed.emit)

    def _open(self, name: str, title: str) -> FormDialog:
        self.dialog = FormDialog(name, title, self)
        return self.dialog

    def _submit(self, dialog: FormDialog, op: Callable[[Database], object],
                after: Callable[[object], None] | None = None) -> None:  # fmt: skip
        def done(result: object) -> None:
            dialog.done_ok()
            self._session.signals.data_changed.emit()
            self.changed.emit()
            if after is not None:
                after(result)

        dialog.on_submit = lambda: self._session.run(op, done, dialog.refused)
        dialog.open()

    def add_contract(self) -> None:
        if self.record is None:
            return
        actor, worker_id, lang = self._session.require_actor(), self.record.worker_id, ui_lang()
        d = self._open("contractDialog", self.tr("服务合同"))
        signed, start, end = _date("signedOn"), _date("periodFrom"), _date("periodTo", QDate.currentDate().addYears(1))
        kind = _combo("serviceType", [(service_types.label(c, lang), c) for c in service_types.SERVICE_TYPES])
        district = _combo("district", [(x, x) for x in DISTRICTS])
        customer = _line("customerRef")
        for caption, widget in ((self.tr("签订日期"), signed), (self.tr("服务类型"), kind), (self.tr("服务期限自"), start),
                                (self.tr("至"), end), (self.tr("服务区域"), district), (self.tr("客户编号（可选）"), customer)):  # fmt: skip
            d.add_row(caption, widget)
        self._submit(d, lambda db: records.add_contract(
            db, actor, worker_id, signed.date().toPython(), kind.currentData(), start.date().toPython(),  # type: ignore[arg-type]
            end.date().toPython(), district.currentData(), customer.text().strip() or None),  # type: ignore[arg-type]
            after=lambda uid: evaluation_slip_dialog.show_slip(self, self._session, str(uid)))  # the client's slip  # fmt: skip

    def add_evaluation(self) -> None:
        if self.record is None:
            return
        actor, worker_id = self._session.require_actor(), self.record.worker_id
        d = self._open("evaluationDialog", self.tr("服务评价"))
        scores: dict[str, QSpinBox] = {}
        for dim in records.EVALUATION_DIMENSIONS:
            box = scores[dim] = QSpinBox()
            box.setObjectName(f"score_{dim}")
            box.setRange(1, 5)
            box.setValue(5)
            d.add_row(records.DIMENSION_LABELS[dim] if ui_lang() == "zh" else dim, box)
        contract = _combo("contract", [(self.tr("（不关联合同）"), "")] + [
            (f"{c['signed_on']} {service_types.label(c['service_type'], ui_lang())}", c["uid"])
            for c in self.record.tables.get("contracts", [])])  # fmt: skip
        comment = _line("comment")
        d.add_row(self.tr("关联合同"), contract)
        d.add_row(self.tr("评语"), comment)
        self._submit(d, lambda db: records.add_evaluation(
            db, actor, worker_id, {k: v.value() for k, v in scores.items()}, comment.text().strip() or None,
            contract.currentData() or None))  # fmt: skip

    def add_complaint(self) -> None:
        if self.record is None:
            return
        actor, worker_id = self._session.require_actor(), self.record.worker_id
        d = self._open("complaintDialog", self.tr("登记投诉"))
        summary = _line("summary")
        d.add_row(self.tr("投诉内容"), summary)
        self._submit(d, lambda db: records.add_complaint(db, actor, worker_id, summary.text()))

    def handle_complaint(self) -> None:
        uid = self._selected_complaint()
        if uid is None:
            return
        actor = self._session.require_actor()
        d = self._open("handleComplaintDialog", self.tr("处理投诉"))
        status = _combo("status", [(self.tr("处理中"), "handling"), (self.tr("已办结"), "resolved")])
        response = _line("response")
        d.add_row(self.tr("状态"), status)
        d.add_row(self.tr("机构处理意见"), response)
        self._submit(d, lambda db: records.update_complaint(db, actor, uid, status.currentData(), response.text()))

    def add_credit(self) -> None:
        if self.record is None:
            return
        actor, worker_id = self._session.require_actor(), self.record.worker_id
        d = self._open("creditDialog", self.tr("信用记录"))
        kind = _combo("kind", [(self.tr("良好"), "positive"), (self.tr("不良"), "negative"), (self.tr("提示"), "notice")])
        description = _line("description")
        d.add_row(self.tr("类型"), kind)
        d.add_row(self.tr("说明"), description)
        self._submit(d, lambda db: records.add_credit_record(db, actor, worker_id, kind.currentData(), description.text()))
