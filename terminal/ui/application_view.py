"""The applicant's whole file on one screen, beside the approval queue: photo, identity (ID number masked), contact,
service types, letters, health check, insurance, training, background check, and every issuing condition with a
tick or what is missing. Loaded through application_file.load on the database thread."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFormLayout, QFrame, QHBoxLayout, QLabel, QScrollArea, QVBoxLayout, QWidget

from terminal.core import service_types
from terminal.core.issuing import Condition
from terminal.ui.i18n import ui_lang
from terminal.ui.photo_view import PhotoView
from terminal.ui.retranslate import Retranslating
from terminal.usecases.application_file import ApplicationFile

FIELDS = ("credential", "name", "id", "phone", "address", "types", "letters", "health", "insurance", "training",
          "background")  # fmt: skip


class ApplicationView(Retranslating, QScrollArea):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("applicationFile")
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.file: ApplicationFile | None = None
        self.photo = PhotoView("applicationPhoto")
        self.heading = QLabel()
        self.heading.setObjectName("applicationHeading")
        self.heading.setStyleSheet("font-size: 14pt; font-weight: bold;")
        self.heading.setWordWrap(True)
        self.returned = QLabel()
        self.returned.setObjectName("applicationReturned")
        self.returned.setWordWrap(True)
        self.returned.setStyleSheet("color: #8a4b00;")
        self.conditions = QLabel()
        self.conditions.setObjectName("applicationConditions")
        self.conditions.setWordWrap(True)
        self.conditions.setTextFormat(Qt.TextFormat.RichText)
        self.values = {key: QLabel() for key in FIELDS}
        self._captions = {key: QLabel() for key in FIELDS}
        form = QFormLayout()
        for key in FIELDS:
            self.values[key].setObjectName(f"file_{key}")
            self.values[key].setWordWrap(True)
            form.addRow(self._captions[key], self.values[key])
        head = QHBoxLayout()
        head.addWidget(self.photo)
        side = QVBoxLayout()
        side.addWidget(self.heading)
        side.addWidget(self.conditions)
        side.addStretch(1)
        head.addLayout(side, 1)
        body = QWidget()
        layout = QVBoxLayout(body)
        layout.addLayout(head)
        layout.addWidget(self.returned)
        layout.addLayout(form)
        layout.addStretch(1)
        self.setWidget(body)
        self.retranslate()

    def retranslate(self) -> None:
        captions = {"credential": self.tr("证件号"), "name": self.tr("性别/出生"), "id": self.tr("证件号码"),
                    "phone": self.tr("手机"), "address": self.tr("现住址"), "types": self.tr("服务类型"),
                    "letters": self.tr("承诺书/授权书"), "health": self.tr("体检"), "insurance": self.tr("保险"),
                    "training": self.tr("培训"), "background": self.tr("背景审查")}  # fmt: skip
        for key, text in captions.items():
            self._captions[key].setText(text)
        self._show()

    def show_file(self, file: ApplicationFile | None) -> None:
        self.file = file
        self._show()

    def _letters(self, file: ApplicationFile) -> str:
        names = {"employment_commitment": self.tr("从业承诺书"), "credit_authorisation": self.tr("信用授权书"),
                 "pi_consent": self.tr("个人信息授权")}  # fmt: skip
        scanned, unscanned = self.tr("已扫描"), self.tr("无扫描件")
        lines = [f"{names.get(letter.kind, letter.kind)} {letter.signed_on}{_aside(scanned if letter.scanned else unscanned)}"
                 for letter in file.letters]  # fmt: skip
        return "\n".join(lines) or self.tr("无")

    def _show(self) -> None:
        file, lang = self.file, ui_lang()
        if file is None:
            self.photo.show_photo(None)
            self.heading.setText(self.tr("选择一份申请，查看申请人的完整档案"))
            self.conditions.clear()
            self.returned.hide()
            for label in self.values.values():
                label.clear()
            return
        self.photo.show_photo(file.photo)
        self.heading.setText(file.name)
        sex = {"1": self.tr("男"), "2": self.tr("女")}.get(file.sex_code, "")
        passed, failed = self.tr("合格"), self.tr("不合格")
        hc, ins = file.health_check, file.insurance
        background = {"clear": self.tr("通过"), "adverse": self.tr("未通过"), "pending": self.tr("审查中")}
        values = {
            "credential": f"{file.credential_no}{_aside(self.tr('第 %1 版').replace('%1', str(file.version)))}",
            "name": f"{sex} {file.birth_date}", "id": file.masked_id, "phone": file.phone_masked,
            "address": file.address, "types": "、".join(service_types.label(c, lang) for c in file.service_types),
            "letters": self._letters(file),
            "health": f"{hc[0]} – {hc[1]} {hc[2]}{_aside(passed if hc[3] else failed)}" if hc else self.tr("无"),
            "insurance": f"{ins[0]} {ins[1]}{'：' if lang.startswith('zh') else ': '}{ins[2]} – {ins[3]}" if ins else self.tr("无"),
            "training": "\n".join(f"{t.course} {t.hours:g} h {'' if t.score is None else f'{t.score:g} '}"
                                  f"{_aside(passed if t.passed else failed)}" for t in file.training) or self.tr("无"),
            "background": background.get(file.background_check or "", self.tr("尚无中心结果")),
        }  # fmt: skip
        for key, text in values.items():
            self.values[key].setText(text)
        unmet = set(file.unmet)
        rows = []
        for condition in Condition:
            if condition in unmet:
                rows.append(f"<span style='color:#b00020'>✘ {condition.advice(lang)}</span>")
            else:
                rows.append(f"<span style='color:#1b5e20'>✔ {condition.label(lang)}</span>")
        summary = self.tr("可以审核通过") if not unmet else self.tr("尚缺 %1 项，不能审核通过").replace("%1", str(len(unmet)))
        self.conditions.setText(f"<b>{summary}</b><br>" + "<br>".join(rows))
        self.returned.setVisible(file.returned_reason is not None)
        self.returned.setText(self.tr("已退回登记员：%1").replace("%1", file.returned_reason or ""))


def _aside(text: str) -> str:
    """A remark in brackets, with the punctuation of the UI's language (full-width only in Chinese)."""
    return f"（{text}）" if ui_lang().startswith("zh") else f" ({text})"
