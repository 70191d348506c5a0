"""The profile part of a registration: everything the clerk types. It lives apart from the card read, so
lifting the card or a failing reader never loses what was typed. Errors show beside their field."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QFormLayout,
    QGroupBox,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)  # fmt: skip

from terminal.core import service_types
from terminal.core.errors import InvalidInput
from terminal.ui.feedback import FieldError
from terminal.ui.i18n import ui_lang
from terminal.ui.retranslate import Retranslating
from terminal.ui.scan_picker import ScanPicker
from terminal.usecases import validation
from terminal.usecases.registration import (
    CertificateInput,
    HealthCheckInput,
    InsuranceInput,
    LetterInput,
    ProfileInput,
)  # fmt: skip


def _date_edit(name: str, day: dt.date) -> QDateEdit:
    edit = QDateEdit(QDate(day.year, day.month, day.day))
    edit.setObjectName(name)
    edit.setCalendarPopup(True)
    edit.setDisplayFormat("yyyy-MM-dd")
    return edit


def _day(edit: QDateEdit) -> dt.date:
    d = edit.date()
    return dt.date(d.year(), d.month(), d.day())


class ProfileForm(Retranslating, QWidget):
    def __init__(self, today: Callable[[], dt.date], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("profileForm")
        self._today = today
        day = today()
        self.errors: dict[str, FieldError] = {}
        self._labels: dict[str, QLabel] = {}
        self.phone = self._line("phone")
        self.address = self._line("address")
        self.permit = self._line("permit")
        self.types = QListWidget()
        self.types.setObjectName("serviceTypes")
        self.types.setMaximumHeight(130)
        for code in service_types.SERVICE_TYPES:
            item = QListWidgetItem()
            item.setData(Qt.ItemDataRole.UserRole, code)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Unchecked)
            self.types.addItem(item)
        self.education = QComboBox()
        self.education.setObjectName("education")
        self.education.addItems(["", *service_types.EDUCATION_LEVELS])
        self.certificate_name, self.certificate_no = self._line("certificateName"), self._line("certificateNo")
        self.health_box = QGroupBox()
        self.health_box.setCheckable(True)
        self.health_box.setChecked(False)
        self.health_on = _date_edit("healthOn", day)
        self.health_until = _date_edit("healthUntil", day + dt.timedelta(days=365))
        self.health_place = self._line("healthPlace")
        self.insurance_box = QGroupBox()
        self.insurance_box.setCheckable(True)
        self.insurance_box.setChecked(False)
        self.insurer, self.policy = self._line("insurer"), self._line("policy")
        self.insured_from = _date_edit("insuredFrom", day)
        self.insured_until = _date_edit("insuredUntil", day + dt.timedelta(days=365))
        self.consent = QCheckBox()
        self.consent.setObjectName("piConsent")
        self.commitment, self.authorisation = QCheckBox(), QCheckBox()
        self.commitment.setObjectName("commitmentSigned")
        self.authorisation.setObjectName("authorisationSigned")
        self.commitment_scan, self.authorisation_scan = ScanPicker(), ScanPicker()

        form = QFormLayout(self)
        self._add(form, "phone", self.phone)
        self._add(form, "address", self.address)
        self._add(form, "permit", self.permit)
        self._add(form, "types", self.types)
        self._add(form, "education", self.education)
        self._add(form, "certificate", self.certificate_name)
        self._add(form, "certificate_no", self.certificate_no)
        health = QFormLayout(self.health_box)
        health.addRow(self._label("health_on"), self.health_on)
        health.addRow(self._label("health_until"), self.health_until)
        health.addRow(self._label("health_place"), self.health_place)
        self.errors["health"] = FieldError()
        health.addRow("", self.errors["health"])
        form.addRow(self.health_box)
        insurance = QFormLayout(self.insurance_box)
        insurance.addRow(self._label("insurer"), self.insurer)
        insurance.addRow(self._label("policy"), self.policy)
        insurance.addRow(self._label("insured_from"), self.insured_from)
        insurance.addRow(self._label("insured_until"), self.insured_until)
        self.errors["insurance"] = FieldError()
        insurance.addRow("", self.errors["insurance"])
        form.addRow(self.insurance_box)
        self._add(form, "consent", self.consent)
        self._add(form, "commitment", self.commitment)
        form.addRow("", self.commitment_scan)
        self._add(form, "authorisation", self.authorisation)
        form.addRow("", self.authorisation_scan)
        for name, widget in (("phone", self.phone), ("address", self.address)):
            widget.textEdited.connect(self.errors[name].clear_on_edit)
        self.types.itemChanged.connect(lambda _i: self.errors["types"].clear_error())
        self.consent.toggled.connect(lambda _c: self.errors["consent"].clear_error())
        self.retranslate()

    def _line(self, name: str) -> QLineEdit:
        edit = QLineEdit()
        edit.setObjectName(name)
        return edit

    def _label(self, key: str) -> QLabel:
        label = QLabel()
        self._labels[key] = label
        return label

    def _add(self, form: QFormLayout, key: str, widget: QWidget) -> None:
        box = QWidget()
        column = QVBoxLayout(box)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(widget)
        self.errors[key] = FieldError()
        self.errors[key].setObjectName(f"{key}Error")
        column.addWidget(self.errors[key])
        label = self._label(key)
        label.setBuddy(widget)
        form.addRow(label, box)

    def retranslate(self) -> None:
        texts = {
            "phone": self.tr("手机号码(&P)"), "address": self.tr("现住址(&A)"), "permit": self.tr("居住证号"),
            "types": self.tr("服务类型(&T)"), "education": self.tr("文化程度"), "certificate": self.tr("技能证书"),
            "certificate_no": self.tr("证书编号"), "health_on": self.tr("体检日期"), "health_until": self.tr("有效期至"),
            "health_place": self.tr("体检机构"), "insurer": self.tr("保险公司"), "policy": self.tr("保单号"),
            "insured_from": self.tr("起保日期"), "insured_until": self.tr("终止日期"), "consent": "",
            "commitment": "", "authorisation": "",
        }  # fmt: skip
        for key, text in texts.items():
            self._labels[key].setText(text)
        lang = ui_lang()
        for row in range(self.types.count()):
            item = self.types.item(row)
            item.setText(service_types.label(str(item.data(Qt.ItemDataRole.UserRole)), lang))
        self.health_box.setTitle(self.tr("健康体检"))
        self.insurance_box.setTitle(self.tr("保险"))
        self.consent.setText(self.tr("本人同意个人信息处理（已签署同意书）"))
        self.commitment.setText(self.tr("已签署《从业承诺书》"))
        self.authorisation.setText(self.tr("已签署《信用信息授权书》"))


    def checked_types(self) -> list[str]:
        return [str(self.types.item(r).data(Qt.ItemDataRole.UserRole)) for r in range(self.types.count())
                if self.types.item(r).checkState() == Qt.CheckState.Checked]  # fmt: skip

    def set_types(self, codes: list[str]) -> None:
        for r in range(self.types.count()):
            item = self.types.item(r)
            on = item.data(Qt.ItemDataRole.UserRole) in codes
            item.setCheckState(Qt.CheckState.Checked if on else Qt.CheckState.Unchecked)

    def _check(self, key: str, check: Callable[[], object]) -> bool:
        try:
            check()
        except InvalidInput as error:
            self.errors[key].show_error(error)
            return False
        self.errors[key].clear_error()
        return True

    def collect(self) -> ProfileInput | None:
        """The profile if every field is valid; otherwise None, with each error shown beside its field."""
        def need_types() -> None:
            if not self.checked_types():
                raise InvalidInput(field=self.tr("至少选择一种服务类型"))

        def need_consent() -> None:
            if not self.consent.isChecked():
                raise InvalidInput(field=self.tr("须取得本人对个人信息处理的同意"))

        def health() -> None:
            if self.health_box.isChecked():
                validation.required(self.health_place.text(), self.tr("体检机构"))
                validation.date_order(_day(self.health_on), _day(self.health_until), self.tr("体检"))

        def insurance() -> None:
            if self.insurance_box.isChecked():
                validation.required(self.insurer.text(), self.tr("保险公司"))
                validation.required(self.policy.text(), self.tr("保单号"))
                validation.date_order(_day(self.insured_from), _day(self.insured_until), self.tr("保险"))

        results = [
            self._check("phone", lambda: validation.phone(self.phone.text())),
            self._check("address", lambda: validation.required(self.address.text(), self.tr("现住址"))),
            self._check("types", need_types), self._check("consent", need_consent),
            self._check("health", health), self._check("insurance", insurance),
        ]  # fmt: skip
        if not all(results):
            return None
        return self._profile()

    def _profile(self) -> ProfileInput:
        today = self._today()
        letters = [LetterInput("pi_consent", today, None)]
        if self.commitment.isChecked():
            letters.append(LetterInput("employment_commitment", today, self.commitment_scan.scan))
        if self.authorisation.isChecked():
            letters.append(LetterInput("credit_authorisation", today, self.authorisation_scan.scan))
        certificates = []
        if self.certificate_name.text().strip():
            certificates.append(CertificateInput("skill", self.certificate_name.text().strip(),
                                                 self.certificate_no.text().strip() or None))  # fmt: skip
        return ProfileInput(
            phone=self.phone.text(), current_address=self.address.text(), service_types=self.checked_types(),
            residence_permit_no=self.permit.text().strip() or None, education=self.education.currentText() or None,
            health_check=HealthCheckInput(_day(self.health_on), _day(self.health_until), self.health_place.text().strip())
            if self.health_box.isChecked() else None,
            insurance=InsuranceInput(self.insurer.text().strip(), self.policy.text().strip(), _day(self.insured_from),
                                     _day(self.insured_until)) if self.insurance_box.isChecked() else None,
            certificates=certificates, letters=letters,
        )  # fmt: skip

    def clear(self) -> None:
        for edit in (self.phone, self.address, self.permit, self.certificate_name, self.certificate_no,
                     self.health_place, self.insurer, self.policy):  # fmt: skip
            edit.clear()
        self.set_types([])
        self.education.setCurrentIndex(0)
        for box in (self.health_box, self.insurance_box):
            box.setChecked(False)
        for check in (self.consent, self.commitment, self.authorisation):
            check.setChecked(False)
        self.commitment_scan.clear()
        self.authorisation_scan.clear()
        for error in self.errors.values():
            error.clear_error()
