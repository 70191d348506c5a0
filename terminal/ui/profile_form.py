"""The profile part of a registration: everything the clerk types. It lives apart from the card read, so
lifting the card or a failing reader never loses what was typed. Every error shows at once, beside its field
and in a summary at the top whose links jump to the field; required fields carry a red star. Service types
are a grid of checkable chips. With `editing=True` the same form edits a registered worker's profile (no
consent or letters: those are signed once, or added on their own)."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable

from PySide6.QtCore import QDate, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
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
from wirecontract.errors import Text

REQUIRED = ("phone", "address", "types", "consent")
CHIP_COLUMNS = 3
STAR = "<span style='color:#b00020'>*</span> "
CHIP_STYLE = ("QPushButton { border: 1px solid #90a4ae; border-radius: 12px; padding: 4px 10px; }"
              "QPushButton:checked { background: #1565c0; color: white; border-color: #1565c0; }")  # fmt: skip


def plain(caption: str) -> str:
    """A caption without its mnemonic: "手机号码(&P)" → "手机号码", "&Phone" → "Phone"."""
    return re.sub(r"\(&.\)", "", caption).replace("&", "")


def date_edit(name: str, day: dt.date) -> QDateEdit:
    edit = QDateEdit(QDate(day.year, day.month, day.day))
    edit.setObjectName(name)
    edit.setCalendarPopup(True)
    edit.setDisplayFormat("yyyy-MM-dd")
    return edit


def day_of(edit: QDateEdit) -> dt.date:
    d = edit.date()
    return dt.date(d.year(), d.month(), d.day())


class ServiceTypeChips(QWidget):
    """The standard service types as a grid of toggle buttons: every choice visible, no scrolling list."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("serviceTypes")
        self.chips: dict[str, QPushButton] = {}
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setSpacing(4)
        for i, code in enumerate(service_types.SERVICE_TYPES):
            chip = QPushButton()
            chip.setObjectName(f"chip_{code}")
            chip.setCheckable(True)
            chip.setStyleSheet(CHIP_STYLE)
            chip.toggled.connect(lambda _on: self.changed.emit())
            self.chips[code] = chip
            grid.addWidget(chip, i // CHIP_COLUMNS, i % CHIP_COLUMNS)
        self.retranslate()

    def retranslate(self) -> None:
        lang = ui_lang()
        for code, chip in self.chips.items():
            chip.setText(service_types.label(code, lang))

    def checked(self) -> list[str]:
        return [code for code, chip in self.chips.items() if chip.isChecked()]

    def set_checked(self, codes: list[str]) -> None:
        for code, chip in self.chips.items():
            chip.setChecked(code in codes)


class ProfileForm(Retranslating, QWidget):
    def __init__(self, today: Callable[[], dt.date], parent: QWidget | None = None, *, editing: bool = False) -> None:
        super().__init__(parent)
        self.setObjectName("profileForm")
        self._today = today
        self.editing = editing
        day = today()
        self.errors: dict[str, FieldError] = {}
        self.fields: dict[str, QWidget] = {}  # what the summary's links jump to
        self._labels: dict[str, QLabel] = {}
        self.summary = QLabel()
        self.summary.setObjectName("errorSummary")
        self.summary.setWordWrap(True)
        self.summary.setStyleSheet("color: #b00020; background: #fdecea; border: 1px solid #b00020; padding: 6px;")
        self.summary.linkActivated.connect(self.jump_to)
        self.summary.hide()
        self.phone = self._line("phone")
        self.address = self._line("address")
        self.permit = self._line("permit")
        self.types = ServiceTypeChips()
        self.chips = self.types.chips
        self.education = QComboBox()
        self.education.setObjectName("education")
        self.education.addItems(["", *service_types.EDUCATION_LEVELS])
        self.certificate_name, self.certificate_no = self._line("certificateName"), self._line("certificateNo")
        self.health_box = QGroupBox()
        self.health_box.setObjectName("healthBox")
        self.health_box.setCheckable(True)
        self.health_box.setChecked(False)
        self.health_on = date_edit("healthOn", day)
        self.health_until = date_edit("healthUntil", day + dt.timedelta(days=365))
        self.health_place = self._line("healthPlace")
        self.insurance_box = QGroupBox()
        self.insurance_box.setObjectName("insuranceBox")
        self.insurance_box.setCheckable(True)
        self.insurance_box.setChecked(False)
        self.insurer, self.policy = self._line("insurer"), self._line("policy")
        self.insured_from = date_edit("insuredFrom", day)
        self.insured_until = date_edit("insuredUntil", day + dt.timedelta(days=365))
        self.consent = QCheckBox()
        self.consent.setObjectName("piConsent")
        self.commitment, self.authorisation = QCheckBox(), QCheckBox()
        self.commitment.setObjectName("commitmentSigned")
        self.authorisation.setObjectName("authorisationSigned")
        self.commitment_scan, self.authorisation_scan = ScanPicker(), ScanPicker()

        form = QFormLayout(self)
        form.addRow(self.summary)
        self._add(form, "phone", self.phone)
        self._add(form, "address", self.address)
        self._add(form, "types", self.types)
        self._add(form, "permit", self.permit)
        self._add(form, "education", self.education)
        self._add(form, "certificate", self.certificate_name)
        self._add(form, "certificate_no", self.certificate_no)
        health = QFormLayout(self.health_box)
        health.addRow(self._label("health_on"), self.health_on)
        health.addRow(self._label("health_until"), self.health_until)
        health.addRow(self._label("health_place"), self.health_place)
        self.errors["health"] = FieldError()
        self.fields["health"] = self.health_place
        health.addRow("", self.errors["health"])
        form.addRow(self.health_box)
        insurance = QFormLayout(self.insurance_box)
        insurance.addRow(self._label("insurer"), self.insurer)
        insurance.addRow(self._label("policy"), self.policy)
        insurance.addRow(self._label("insured_from"), self.insured_from)
        insurance.addRow(self._label("insured_until"), self.insured_until)
        self.errors["insurance"] = FieldError()
        self.fields["insurance"] = self.insurer
        insurance.addRow("", self.errors["insurance"])
        form.addRow(self.insurance_box)
        if not editing:
            self._add(form, "consent", self.consent)
            self._add(form, "commitment", self.commitment)
            form.addRow("", self.commitment_scan)
            self._add(form, "authorisation", self.authorisation)
            form.addRow("", self.authorisation_scan)
        for name, widget in (("phone", self.phone), ("address", self.address)):
            widget.textEdited.connect(self.errors[name].clear_on_edit)
            widget.textEdited.connect(self._refresh_summary)
        self.types.changed.connect(self.errors["types"].clear_error)
        self.types.changed.connect(self._refresh_summary)
        if not editing:
            self.consent.toggled.connect(lambda _c: self.errors["consent"].clear_error())
            self.consent.toggled.connect(self._refresh_summary)
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
        self.fields[key] = widget
        column.addWidget(self.errors[key])
        label = self._label(key)
        label.setBuddy(widget)
        form.addRow(label, box)

    def captions(self) -> dict[str, str]:
        return {
            "phone": self.tr("手机号码(&P)"), "address": self.tr("现住址(&A)"), "permit": self.tr("居住证号"),
            "types": self.tr("服务类型(&T)"), "education": self.tr("文化程度"), "certificate": self.tr("技能证书"),
            "certificate_no": self.tr("证书编号"), "health_on": self.tr("体检日期"), "health_until": self.tr("有效期至"),
            "health_place": self.tr("体检机构"), "insurer": self.tr("保险公司"), "policy": self.tr("保单号"),
            "insured_from": self.tr("起保日期"), "insured_until": self.tr("终止日期"), "consent": self.tr("个人信息同意"),
            "commitment": "", "authorisation": "", "health": self.tr("健康体检"), "insurance": self.tr("保险"),
        }  # fmt: skip

    def retranslate(self) -> None:
        for key, text in self.captions().items():
            if key in self._labels:
                # The star is markup, not words: the caption itself is translated.
                self._labels[key].setText(STAR + plain(text) if key in REQUIRED else text)
        self.types.retranslate()
        self.health_box.setTitle(self.tr("健康体检"))
        self.insurance_box.setTitle(self.tr("保险"))
        self.consent.setText(self.tr("本人同意个人信息处理（已签署同意书）"))
        self.commitment.setText(self.tr("已签署《从业承诺书》"))
        self.authorisation.setText(self.tr("已签署《信用信息授权书》"))
        if not self.summary.isHidden():
            self._show_summary()

    def checked_types(self) -> list[str]:
        return self.types.checked()

    def set_types(self, codes: list[str]) -> None:
        self.types.set_checked(codes)

    # --- checking ----------------------------------------------------------------------------------
    def _check(self, key: str, check: Callable[[], object]) -> bool:
        try:
            check()
        except InvalidInput as error:
            self.errors[key].show_error(error)
            return False
        self.errors[key].clear_error()
        return True

    def failed_keys(self) -> list[str]:
        """The fields in error, in the order they appear on the form."""
        return [key for key in self.fields if key in self.errors and not self.errors[key].isHidden()]

    def collect(self) -> ProfileInput | None:
        """The profile if every field is valid; otherwise None, with every error shown at once: beside its
        field and in the summary at the top, and the first field in error focused."""
        def need_types() -> None:
            if not self.checked_types():
                raise InvalidInput(field=Text("至少选择一种服务类型", "choose at least one service type"))

        def need_consent() -> None:
            if not self.consent.isChecked():
                raise InvalidInput(field=Text("须取得本人对个人信息处理的同意", "the person's consent to processing personal data is needed"))

        def health() -> None:
            if self.health_box.isChecked():
                validation.required(self.health_place.text(), Text("体检机构", "health check institution"))
                validation.date_order(day_of(self.health_on), day_of(self.health_until), Text("体检", "health check"))

        def insurance() -> None:
            if self.insurance_box.isChecked():
                validation.required(self.insurer.text(), Text("保险公司", "insurer"))
                validation.required(self.policy.text(), Text("保单号", "policy number"))
                validation.date_order(day_of(self.insured_from), day_of(self.insured_until), Text("保险", "insurance"))

        results = [
            self._check("phone", lambda: validation.phone(self.phone.text())),
            self._check("address", lambda: validation.required(self.address.text(), Text("现住址", "current address"))),
            self._check("types", need_types), self._check("health", health), self._check("insurance", insurance),
        ]  # fmt: skip
        if not self.editing:  # consent is given once, at registration
            results.append(self._check("consent", need_consent))
        if not all(results):
            self._show_summary()
            self.jump_to(self.failed_keys()[0])
            return None
        self.summary.hide()
        return self._profile()

    def _show_summary(self) -> None:
        failed = self.failed_keys()
        if not failed:
            self.summary.hide()
            return
        captions = self.captions()
        colon = self.tr("：")
        items = "".join(f"<li><a href='{key}'>{plain(captions[key])}</a>{colon}{self.errors[key].text()}</li>"
                        for key in failed)  # fmt: skip
        head = self.tr("有 %n 处需要修改，点击可转到该项：", "", len(failed))
        self.summary.setText(f"<b>{head}</b><ul style='margin:0'>{items}</ul>")
        self.summary.show()

    def _refresh_summary(self) -> None:
        """A fixed field leaves the summary at once; the summary goes when nothing is left."""
        if not self.summary.isHidden():
            self._show_summary()

    def jump_to(self, key: str) -> None:
        """Scroll the field into view (inside the page's scroll area) and put the cursor there."""
        widget = self.fields.get(key)
        if widget is None:
            return
        target = self.types.chips[next(iter(self.types.chips))] if widget is self.types else widget
        target.setFocus()
        parent = self.parentWidget()
        while parent is not None and not isinstance(parent, QScrollArea):
            parent = parent.parentWidget()
        if isinstance(parent, QScrollArea):
            parent.ensureWidgetVisible(target)

    def _profile(self) -> ProfileInput:
        today = self._today()
        letters = [] if self.editing else [LetterInput("pi_consent", today, None)]
        if not self.editing and self.commitment.isChecked():
            letters.append(LetterInput("employment_commitment", today, self.commitment_scan.scan))
        if not self.editing and self.authorisation.isChecked():
            letters.append(LetterInput("credit_authorisation", today, self.authorisation_scan.scan))
        certificates = []
        if self.certificate_name.text().strip():
            certificates.append(CertificateInput("skill", self.certificate_name.text().strip(),
                                                 self.certificate_no.text().strip() or None))  # fmt: skip
        return ProfileInput(
            phone=self.phone.text(), current_address=self.address.text(), service_types=self.checked_types(),
            residence_permit_no=self.permit.text().strip() or None, education=self.education.currentText() or None,
            health_check=HealthCheckInput(day_of(self.health_on), day_of(self.health_until), self.health_place.text().strip())
            if self.health_box.isChecked() else None,
            insurance=InsuranceInput(self.insurer.text().strip(), self.policy.text().strip(), day_of(self.insured_from),
                                     day_of(self.insured_until)) if self.insurance_box.isChecked() else None,
            certificates=certificates, letters=letters,
        )  # fmt: skip

    def load(self, phone: str, address: str, types: list[str], permit: str | None, education: str | None) -> None:
        """Fill the contact part from a registered worker's profile (editing)."""
        self.phone.setText(phone)
        self.address.setText(address)
        self.set_types(types)
        self.permit.setText(permit or "")
        self.education.setCurrentIndex(max(0, self.education.findText(education or "")))

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
        self.summary.hide()
