"""The centre's casework at the agency: registrations the centre returned for correction (退回更正) and complaints
the centre sent (投诉). Thin: the lists and forms call terminal/usecases/corrections.py and complaints.py.

A correction starts with the person's ID card on the reader (the main window hands the read to this page while
`wants_card`); only then does the form open, filled with what the agency filed."""

from __future__ import annotations

import datetime as dt

from PySide6.QtWidgets import (
    QCheckBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from terminal.core import messages, service_types
from terminal.core.errors import TerminalError
from terminal.core.roles import Action
from terminal.store.db import Database
from terminal.ui.history import local_time
from terminal.ui.i18n import ui_lang
from terminal.ui.retranslate import Retranslating
from terminal.ui.session import Session
from terminal.usecases import complaints, corrections
from wirecontract.identity import CardRead


def _table(name: str) -> QTableWidget:
    table = QTableWidget()
    table.setObjectName(name)
    table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
    table.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
    table.setSelectionMode(QTableWidget.SelectionMode.SingleSelection)
    table.verticalHeader().hide()
    table.horizontalHeader().setStretchLastSection(True)
    return table


def _fill(table: QTableWidget, rows: list[list[str]]) -> None:
    table.setRowCount(len(rows))
    for i, row in enumerate(rows):
        for j, text in enumerate(row):
            table.setItem(i, j, QTableWidgetItem(text))


def _failed(error: BaseException) -> None:
    if isinstance(error, TerminalError):
        messages.tell_error(error)
    else:
        raise error


class CaseworkPage(Retranslating, QWidget):
    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("caseworkPage")
        self._session = session
        self.returned: list[corrections.Returned] = []
        self.centre_complaints: list[complaints.CentreComplaint] = []
        self.waiting_for_card = False
        self.card: CardRead | None = None
        self.tabs = QTabWidget()
        self.tabs.addTab(self._corrections_tab(), "")
        self.tabs.addTab(self._complaints_tab(), "")
        layout = QVBoxLayout(self)
        self.heading = QLabel()
        self.heading.setStyleSheet("font-size: 14pt; font-weight: bold;")
        layout.addWidget(self.heading)
        layout.addWidget(self.tabs, 1)
        self.retranslate()

    # --- returned registrations -------------------------------------------------------------------
    def _corrections_tab(self) -> QWidget:
        tab = QWidget()
        self.returned_table = _table("returnedTable")
        self.returned_table.setColumnCount(5)
        self.returned_table.itemSelectionChanged.connect(self._returned_selected)
        self.start_button = QPushButton()
        self.start_button.setObjectName("startCorrection")
        self.start_button.clicked.connect(self.start_correction)
        self.card_prompt = QLabel()
        self.card_prompt.setObjectName("cardPrompt")
        self.form = QGroupBox()
        self.form.setObjectName("correctionForm")
        self.phone, self.address = QLineEdit(), QLineEdit()
        self.permit, self.education = QLineEdit(), QLineEdit()
        self.phone.setObjectName("phone")
        self.address.setObjectName("address")
        self.types = {code: QCheckBox() for code in service_types.SERVICE_TYPES}
        chips = QWidget()
        chip_row = QHBoxLayout(chips)
        chip_row.setContentsMargins(0, 0, 0, 0)
        for box in self.types.values():
            chip_row.addWidget(box)
        self.form_labels = [QLabel() for _ in range(5)]
        form = QFormLayout(self.form)
        fields: tuple[QWidget, ...] = (self.phone, self.address, chips, self.permit, self.education)
        for label, field in zip(self.form_labels, fields, strict=True):
            form.addRow(label, field)
        self.submit_button = QPushButton()
        self.submit_button.setObjectName("submitCorrection")
        self.submit_button.clicked.connect(self.submit_correction)
        form.addRow(self.submit_button)
        self.form.hide()
        layout = QVBoxLayout(tab)
        layout.addWidget(self.returned_table, 1)
        row = QHBoxLayout()
        row.addWidget(self.start_button)
        row.addWidget(self.card_prompt, 1)
        layout.addLayout(row)
        layout.addWidget(self.form)
        return tab

    def _selected_return(self) -> corrections.Returned | None:
        row = self.returned_table.currentRow()
        return self.returned[row] if 0 <= row < len(self.returned) else None

    def _returned_selected(self) -> None:
        item = self._selected_return()
        self.start_button.setEnabled(item is not None and item.status == "open"
                                     and self._session.may(Action.EDIT_PROFILE))  # fmt: skip
        self.waiting_for_card, self.card = False, None
        self.card_prompt.clear()
        self.form.hide()

    def start_correction(self) -> None:
        if self._selected_return() is None:
            return
        self.waiting_for_card = True
        self.card_prompt.setText(self.tr("请将被退回人员本人的身份证放在读卡器上"))

    @property
    def wants_card(self) -> bool:
        return self.waiting_for_card

    def card_presented(self, card: CardRead) -> None:
        item = self._selected_return()
        if item is None or not self.waiting_for_card:
            return
        uid = item.uid

        def check(db: Database) -> corrections.Profile:
            corrections.check_card(db, uid, card)
            return corrections.current_profile(db, uid)

        self._session.run(check, lambda profile: self._open_form(card, profile), self._card_refused)

    def _card_refused(self, error: BaseException) -> None:
        self.card_prompt.setText(self.tr("读卡不符：请读取被退回人员本人的身份证"))
        _failed(error)

    def _open_form(self, card: CardRead, profile: corrections.Profile) -> None:
        self.card, self.waiting_for_card = card, False
        self.card_prompt.setText(self.tr("已核对本人身份证，请更正以下信息后提交"))
        self.phone.setText(profile.phone)
        self.address.setText(profile.current_address)
        self.permit.setText(profile.residence_permit_no or "")
        self.education.setText(profile.education or "")
        for code, box in self.types.items():
            box.setChecked(code in profile.service_types)
        self.form.show()

    def submit_correction(self) -> None:
        item, card = self._selected_return(), self.card
        if item is None or card is None:
            return
        actor = self._session.require_actor()
        profile = corrections.Profile(self.phone.text(), self.address.text(),
                                      [code for code, box in self.types.items() if box.isChecked()],
                                      self.permit.text().strip() or None, self.education.text().strip() or None)  # fmt: skip
        uid = item.uid
        self._session.run(lambda db: corrections.resubmit(db, actor, uid, card, profile), self._resubmitted, _failed)

    def _resubmitted(self, _: None) -> None:
        messages.tell(messages.Level.INFO, "已更正并重新提交中心审核", "Corrected and sent back to the centre for review")
        self.card = None
        self.form.hide()
        self.card_prompt.clear()
        self.refresh()

    # --- complaints -------------------------------------------------------------------------------
    def _complaints_tab(self) -> QWidget:
        tab = QWidget()
        self.complaints_table = _table("centreComplaintsTable")
        self.complaints_table.setColumnCount(6)
        self.complaints_table.itemSelectionChanged.connect(self._complaint_selected)
        self.response = QPlainTextEdit()
        self.response.setObjectName("complaintResponse")
        self.response.setMaximumHeight(90)
        self.resolve_button = QPushButton()
        self.resolve_button.setObjectName("resolveComplaint")
        self.resolve_button.clicked.connect(self.resolve_complaint)
        self.response_label = QLabel()
        layout = QVBoxLayout(tab)
        layout.addWidget(self.complaints_table, 1)
        layout.addWidget(self.response_label)
        layout.addWidget(self.response)
        layout.addWidget(self.resolve_button)
        return tab

    def _selected_complaint(self) -> complaints.CentreComplaint | None:
        row = self.complaints_table.currentRow()
        return self.centre_complaints[row] if 0 <= row < len(self.centre_complaints) else None

    def _complaint_selected(self) -> None:
        item = self._selected_complaint()
        self.resolve_button.setEnabled(item is not None and item.status != "resolved"
                                       and self._session.may(Action.RECORD_SERVICE))  # fmt: skip
        self.response.setPlainText(item.response if item else "")

    def resolve_complaint(self) -> None:
        item = self._selected_complaint()
        if item is None:
            return
        actor, uid, text = self._session.require_actor(), item.uid, self.response.toPlainText()
        self._session.run(lambda db: complaints.resolve(db, actor, uid, text), self._resolved, _failed)

    def _resolved(self, _: None) -> None:
        messages.tell(messages.Level.INFO, "处理结果已提交，将随同步发送至中心", "The answer is saved and goes to the centre with the next sync")
        self.response.clear()
        self.refresh()

    # --- both -------------------------------------------------------------------------------------
    def refresh(self) -> None:
        def load(db: Database) -> tuple[list[corrections.Returned], list[complaints.CentreComplaint]]:
            return corrections.inbox(db), complaints.inbox(db)

        self._session.run(load, self._show)

    def _show(self, found: tuple[list[corrections.Returned], list[complaints.CentreComplaint]]) -> None:
        self.returned, self.centre_complaints = found
        status = {"open": self.tr("待更正"), "resubmitted": self.tr("已重新提交"), "accepted": self.tr("中心已通过")}
        _fill(self.returned_table, [[r.name, r.masked_id_number, r.reason, local_time(r.returned_at),
                                     status.get(r.status, r.status)] for r in self.returned])  # fmt: skip
        now = dt.datetime.now(dt.UTC)
        state = {"open": self.tr("待处理"), "handling": self.tr("处理中"), "resolved": self.tr("已答复")}
        _fill(self.complaints_table, [[c.reference, c.worker_name or self.tr("（本机构）"), c.summary,
                                       local_time(c.due_at), state.get(c.status, c.status),
                                       self.tr("已逾期") if c.overdue(now) else ""] for c in self.centre_complaints])  # fmt: skip
        self._returned_selected()
        self._complaint_selected()
        self.retranslate()

    def retranslate(self) -> None:
        self.heading.setText(self.tr("中心退回与投诉"))
        self.tabs.setTabText(0, self.tr("退回更正（%1）").replace("%1", str(sum(r.status == "open" for r in self.returned))))
        self.tabs.setTabText(1, self.tr("中心转来的投诉（%1）").replace(
            "%1", str(sum(c.status != "resolved" for c in self.centre_complaints))))  # fmt: skip
        self.returned_table.setHorizontalHeaderLabels([self.tr("姓名"), self.tr("身份证号"), self.tr("退回原因"),
                                                       self.tr("退回时间"), self.tr("状态")])  # fmt: skip
        self.complaints_table.setHorizontalHeaderLabels([self.tr("编号"), self.tr("被投诉人员"), self.tr("投诉内容"),
                                                         self.tr("答复期限"), self.tr("状态"), ""])  # fmt: skip
        self.start_button.setText(self.tr("开始更正（读身份证）"))
        self.submit_button.setText(self.tr("提交更正"))
        self.form.setTitle(self.tr("更正登记信息（身份信息以身份证为准，不可修改）"))
        for label, text in zip(self.form_labels, (self.tr("联系电话"), self.tr("现住址"), self.tr("服务类型"),
                                                  self.tr("居住证号"), self.tr("文化程度")), strict=True):  # fmt: skip
            label.setText(text)
        lang = ui_lang()
        for code, box in self.types.items():
            box.setText(service_types.label(code, lang))
        self.response_label.setText(self.tr("处理结果（将发送至中心）"))
        self.resolve_button.setText(self.tr("提交处理结果"))
