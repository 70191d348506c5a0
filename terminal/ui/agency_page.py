"""The agency's registration file (机构备案资料), for administrators: licence, address, phone, lease, the legal
representative read from their ID card (never typed), and the scans (business licence, lease, qualification
certificates, the integrity commitment letter). What is still missing is listed at the top. Saving runs
agency_profile.update, which audits the change and pushes it to the centre."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from PySide6.QtCore import QDate
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QPushButton,
    QVBoxLayout,
    QWidget,
)  # fmt: skip

from terminal.core.errors import TerminalError
from terminal.core.roles import Action
from terminal.ui.feedback import FieldError, report_error
from terminal.ui.i18n import ui_lang
from terminal.ui.profile_form import day_of
from terminal.ui.retranslate import Retranslating
from terminal.ui.scan_picker import ScanPicker
from terminal.ui.session import Session
from terminal.usecases import agency_profile, credit_grades
from terminal.usecases.agency_profile import AgencyChange, AgencyFile, QualificationInput
from wirecontract.identity import CardRead

if TYPE_CHECKING:
    from terminal.ui.main_window import MainWindow


def _date_edit(name: str) -> QDateEdit:
    edit = QDateEdit()
    edit.setObjectName(name)
    edit.setCalendarPopup(True)
    edit.setDisplayFormat("yyyy-MM-dd")
    return edit


def _set_date(edit: QDateEdit, value: str | None, fallback: dt.date) -> None:
    day = dt.date.fromisoformat(value) if value else fallback
    edit.setDate(QDate(day.year, day.month, day.day))


class AgencyFilePage(Retranslating, QWidget):
    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("agencyPage")
        self._session = session
        self.file: AgencyFile | None = None
        self.reading_card = False
        self.heading = QLabel()
        self.heading.setObjectName("agencyHeading")
        self.heading.setStyleSheet("font-size: 16pt; font-weight: bold;")
        self.missing = QLabel()
        self.missing.setObjectName("agencyMissing")
        self.missing.setWordWrap(True)
        self.grade = QLabel()  # the agency's own credit grade as the centre last sent it (credit_grades.py)
        self.grade.setObjectName("agencyGrade")
        self.grade.setWordWrap(True)
        self.centre_grade: dict[str, object] | None = None
        self.name, self.credit_code = QLabel(), QLabel()
        self.licence_kind = QComboBox()
        self.licence_kind.setObjectName("licenceKind")
        self.licence_no, self.address, self.phone = QLineEdit(), QLineEdit(), QLineEdit()
        for edit, name in ((self.licence_no, "licenceNo"), (self.address, "agencyAddress"), (self.phone, "agencyPhone")):
            edit.setObjectName(name)
        self.has_lease, self.lease_until = QCheckBox(), _date_edit("leaseUntil")
        self.has_lease.setObjectName("hasLease")
        self.has_commitment, self.commitment_on = QCheckBox(), _date_edit("commitmentOn")
        self.has_commitment.setObjectName("hasCommitment")
        self.scans = {name: ScanPicker() for name in agency_profile.SCANS}
        for name, picker in self.scans.items():
            picker.setObjectName(f"scan_{name}")
        self.scan_state = {name: QLabel() for name in agency_profile.SCANS}
        self.rep = QLabel()
        self.rep.setObjectName("legalRep")
        self.rep.setWordWrap(True)
        self.read_rep = QPushButton()
        self.read_rep.setObjectName("readLegalRep")
        self.read_rep.setCheckable(True)
        self.read_rep.toggled.connect(self._reading_toggled)
        self.qualifications = QListWidget()
        self.qualifications.setObjectName("qualifications")
        self.qualifications.setMaximumHeight(90)
        self.qual_name, self.qual_no, self.qual_scan = QLineEdit(), QLineEdit(), ScanPicker()
        self.qual_name.setObjectName("qualName")
        self.qual_no.setObjectName("qualNo")
        self.save_button = QPushButton()
        self.save_button.setObjectName("saveAgency")
        self.save_button.clicked.connect(self.save)
        self.error = FieldError()
        self.error.setObjectName("agencyError")
        self.result = QLabel()
        self.result.setObjectName("agencyResult")
        self.captions: dict[str, QLabel] = {}
        self.action = QAction(self)  # the menu entry (install), said in the page's language
        self.action.setObjectName("action_agency")

        def row(form: QFormLayout, key: str, widget: QWidget | QHBoxLayout) -> None:
            self.captions[key] = QLabel()
            form.addRow(self.captions[key], widget)

        self.basic, self.rep_box, self.scan_box = QGroupBox(), QGroupBox(), QGroupBox()
        basic = QFormLayout(self.basic)
        row(basic, "name", self.name)
        row(basic, "credit_code", self.credit_code)
        row(basic, "licence_kind", self.licence_kind)
        row(basic, "licence_no", self.licence_no)
        row(basic, "address", self.address)
        row(basic, "phone", self.phone)
        lease = QHBoxLayout()
        lease.addWidget(self.has_lease)
        lease.addWidget(self.lease_until, 1)
        row(basic, "lease", lease)
        rep = QVBoxLayout(self.rep_box)
        rep.addWidget(self.rep)
        rep.addWidget(self.read_rep)
        scans = QFormLayout(self.scan_box)
        for name in agency_profile.SCANS:
            line = QHBoxLayout()
            line.addWidget(self.scan_state[name])
            line.addWidget(self.scans[name], 1)
            row(scans, f"scan_{name}", line)
        commitment = QHBoxLayout()
        commitment.addWidget(self.has_commitment)
        commitment.addWidget(self.commitment_on, 1)
        row(scans, "commitment_on", commitment)
        row(scans, "qualifications", self.qualifications)
        add_qual = QHBoxLayout()
        add_qual.addWidget(self.qual_name, 2)
        add_qual.addWidget(self.qual_no, 1)
        add_qual.addWidget(self.qual_scan, 2)
        row(scans, "add_qualification", add_qual)
        left = QVBoxLayout()
        left.addWidget(self.basic)
        left.addWidget(self.rep_box)
        left.addStretch(1)
        columns = QHBoxLayout()
        columns.addLayout(left, 1)
        columns.addWidget(self.scan_box, 1)
        bottom = QHBoxLayout()
        bottom.addWidget(self.result, 1)
        bottom.addWidget(self.save_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.missing)
        layout.addWidget(self.grade)
        layout.addLayout(columns, 1)
        layout.addWidget(self.error)
        layout.addLayout(bottom)
        self.retranslate()

    def retranslate(self) -> None:
        self.heading.setText(self.tr("机构备案资料"))
        self.action.setText(self.tr("机构备案资料…"))
        texts = {
            "name": self.tr("机构名称"), "credit_code": self.tr("统一社会信用代码"), "licence_kind": self.tr("证照类型"),
            "licence_no": self.tr("证照号"), "address": self.tr("经营地址"), "phone": self.tr("联系电话"),
            "lease": self.tr("租赁期至"), "scan_licence": self.tr("营业执照扫描件"), "scan_lease": self.tr("租赁合同扫描件"),
            "scan_commitment": self.tr("诚信承诺书扫描件"), "commitment_on": self.tr("承诺书签署日期"),
            "qualifications": self.tr("资质证书"), "add_qualification": self.tr("新增资质证书"),
        }  # fmt: skip
        for key, text in texts.items():
            self.captions[key].setText(text)
        self.basic.setTitle(self.tr("基本信息"))
        self.rep_box.setTitle(self.tr("法定代表人（以身份证读卡为准）"))
        self.scan_box.setTitle(self.tr("备案材料"))
        self.has_lease.setText(self.tr("租赁场地"))
        self.has_commitment.setText(self.tr("已签署"))
        self.qual_name.setPlaceholderText(self.tr("证书名称"))
        self.qual_no.setPlaceholderText(self.tr("证书编号"))
        self.save_button.setText(self.tr("保存备案资料"))
        current = self.licence_kind.currentData()
        self.licence_kind.clear()
        self.licence_kind.addItem(self.tr("营业执照"), "business_licence")
        self.licence_kind.addItem(self.tr("民办非企业单位登记证书"), "civil_non_enterprise")
        self.licence_kind.setCurrentIndex(max(0, self.licence_kind.findData(current)))
        self._show_reading()
        self._show_file()
        self._show_grade()

    # --- loading --------------------------------------------------------------------------------------
    def refresh(self) -> None:
        actor = self._session.require_actor()
        self._session.run(lambda db: agency_profile.load(db, actor), self._loaded)
        self._session.run(credit_grades.agency_grade, self._grade_loaded)

    def _grade_loaded(self, grade: dict[str, object] | None) -> None:
        self.centre_grade = grade
        self._show_grade()

    def _show_grade(self) -> None:
        g = self.centre_grade
        if g is None:
            self.grade.setText(self.tr("中心诚信等级：尚未收到（等级变化时由中心发来）"))
            return
        at = str(g.get("at") or "")[:10]
        self.grade.setText(self.tr("中心诚信等级：%1（得分 %2，规则第 %3 版，%4）").replace("%1", str(g.get("grade") or ""))
                           .replace("%2", f"{float(str(g.get('score') or 0)):g}").replace("%3", str(g.get("rule_version") or ""))
                           .replace("%4", at))  # fmt: skip

    def _loaded(self, file: AgencyFile) -> None:
        self.file = file
        today = self._session.today()
        self.licence_kind.setCurrentIndex(max(0, self.licence_kind.findData(file.licence_kind)))
        self.licence_no.setText(file.licence_no)
        self.address.setText(file.address)
        self.phone.setText(file.phone)
        self.has_lease.setChecked(file.lease_until is not None)
        _set_date(self.lease_until, file.lease_until, today.replace(year=today.year + 1))
        self.has_commitment.setChecked(file.commitment_signed_on is not None)
        _set_date(self.commitment_on, file.commitment_signed_on, today)
        for picker in (*self.scans.values(), self.qual_scan):
            picker.clear()
        self.qual_name.clear()
        self.qual_no.clear()
        self._show_file()

    def _show_file(self) -> None:
        file = self.file
        if file is None:
            return
        self.name.setText(file.name)
        self.credit_code.setText(file.credit_code)
        if file.legal_rep is not None:
            r = file.legal_rep
            read_at = dt.datetime.fromisoformat(r.read_at).astimezone().strftime("%Y-%m-%d %H:%M")
            self.rep.setText(self.tr("%1（%2）\n读卡：%3，%4").replace("%1", r.name).replace("%2", r.masked_id)
                             .replace("%3", r.reader).replace("%4", read_at)
                             + ("\n" + self.tr("模拟读卡（演示）") if r.simulated else ""))  # fmt: skip
        else:
            self.rep.setText(self.tr("%1（设立时填写，尚未以身份证读卡核实）").replace("%1", file.legal_representative))
        for name, label in self.scan_state.items():
            label.setText(self.tr("已存档") if file.scans[name] else self.tr("未上传"))
            label.setStyleSheet("" if file.scans[name] else "color: #b00020;")
        self.qualifications.clear()
        for q in file.qualifications:
            self.qualifications.addItem(q.name + (f" · {q.number}" if q.number else "")
                                        + ("" if q.scan_sha256 else " · " + self.tr("无扫描件")))  # fmt: skip
        names = {"legal_rep_card": self.tr("法定代表人身份证读卡"), "licence_scan": self.tr("营业执照扫描件"),
                 "lease_scan": self.tr("租赁合同扫描件"), "commitment_scan": self.tr("诚信承诺书扫描件"),
                 "qualifications": self.tr("资质证书")}  # fmt: skip
        missing = [names[key] for key in file.missing]
        self.missing.setText(self.tr("尚缺：%1").replace("%1", self.tr("、").join(missing)) if missing
                             else self.tr("备案资料齐全"))  # fmt: skip
        self.missing.setStyleSheet("color: #b00020; font-size: 12pt;" if missing else "color: #1b5e20; font-size: 12pt;")

    # --- the legal representative's card ----------------------------------------------------------------
    def _reading_toggled(self, on: bool) -> None:
        self.reading_card = on
        self._show_reading()

    def _show_reading(self) -> None:
        self.read_rep.setText(self.tr("取消读卡") if self.reading_card
                              else self.tr("读取法定代表人身份证"))  # fmt: skip
        if self.reading_card:
            self.result.setText(self.tr("请法定代表人将身份证放在读卡器上"))

    @property
    def wants_card(self) -> bool:
        return self.reading_card

    def card_presented(self, card: CardRead) -> None:
        if not self.reading_card:
            return
        self.read_rep.setChecked(False)
        actor = self._session.require_actor()
        self._session.run(lambda db: agency_profile.set_legal_representative(db, actor, card),
                          self._rep_read, self._failed)  # fmt: skip

    def _rep_read(self, _rep: object) -> None:
        self.result.setText(self.tr("法定代表人身份已按读卡记录，并将同步至中心。"))
        self.refresh()

    # --- saving -----------------------------------------------------------------------------------------
    def save(self) -> None:
        if self.file is None:
            return
        quals = []
        if self.qual_name.text().strip() or self.qual_scan.scan is not None:
            quals.append(QualificationInput(self.qual_name.text(), self.qual_no.text(), self.qual_scan.scan))
        change = AgencyChange(
            licence_kind=str(self.licence_kind.currentData()), licence_no=self.licence_no.text(),
            address=self.address.text(), phone=self.phone.text(),
            lease_until=day_of(self.lease_until) if self.has_lease.isChecked() else None,
            commitment_signed_on=day_of(self.commitment_on) if self.has_commitment.isChecked() else None,
            scans={name: picker.scan for name, picker in self.scans.items() if picker.scan is not None},
            add_qualifications=quals,
        )  # fmt: skip
        actor, today = self._session.require_actor(), self._session.today()
        self.error.clear_error()
        self.save_button.setEnabled(False)
        self._session.run(lambda db: agency_profile.update(db, actor, change, today), self._saved, self._failed)

    def _saved(self, changed: list[str]) -> None:
        self.save_button.setEnabled(True)
        self.result.setText(self.tr("备案资料已保存，并将同步至中心。") if changed else self.tr("没有改动。"))
        self._session.signals.data_changed.emit()
        self.refresh()

    def _failed(self, error: BaseException) -> None:
        self.save_button.setEnabled(True)
        if isinstance(error, TerminalError):
            self.error.show_error(error.message(ui_lang()))
        else:
            report_error(self, error)


def install(window: MainWindow) -> AgencyFilePage:
    """Add the page to the main window: a page in its stack and an entry in its work menu for administrators
    (shown by role each time the menu opens). The window hands it card taps while it waits for one."""
    page = AgencyFilePage(window.session)
    window.pages.addWidget(page)

    def open_page() -> None:
        if window.session.may(Action.MANAGE_AGENCY):
            window.pages.setCurrentWidget(page)
            page.refresh()

    page.action.triggered.connect(open_page)
    settings = window.menu_actions.get("reader_settings")
    if settings is not None:
        window.work_menu.insertAction(settings, page.action)
    else:
        window.work_menu.addAction(page.action)
    window.menu_actions["agency"] = page.action
    window.work_menu.aboutToShow.connect(lambda: page.action.setVisible(window.session.may(Action.MANAGE_AGENCY)))
    page.action.setVisible(False)
    return page
