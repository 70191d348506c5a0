"""First run of a real home: agency registration data, the first administrator, reader choice, server
address (may stay empty to work offline), then the home is created and the recovery key is shown once,
with a confirm step (the operator types its last group back)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
    QWizard,
    QWizardPage,
)  # fmt: skip

from terminal.core.errors import InvalidInput, TerminalError
from terminal.reader.discovery import default_backends
from terminal.store.home import Home
from terminal.ui.feedback import FieldError, report_error
from terminal.ui.i18n import ui_lang
from terminal.ui.reader_settings import Backends, ReaderChooser
from terminal.ui.tasks import TaskThread
from terminal.usecases import setup

VIRTUAL_READER = "virtual"


def _line(name: str, echo: QLineEdit.EchoMode = QLineEdit.EchoMode.Normal) -> QLineEdit:
    edit = QLineEdit()
    edit.setObjectName(name)
    edit.setEchoMode(echo)
    return edit


class AgencyPage(QWizardPage):
    def __init__(self) -> None:
        super().__init__()
        self.setTitle(self.tr("机构登记信息"))
        self.setSubTitle(self.tr("请按营业执照或民办非企业单位登记证书填写。"))
        self.name, self.credit_code, self.licence_no = _line("agencyName"), _line("creditCode"), _line("licenceNo")
        self.legal, self.address, self.phone = _line("legalRep"), _line("agencyAddress"), _line("agencyPhone")
        self.kind = QComboBox()
        self.kind.addItem(self.tr("营业执照"), "business_licence")
        self.kind.addItem(self.tr("民办非企业单位登记证书"), "civil_non_enterprise")
        self.code_error = FieldError()
        self.code_error.setObjectName("creditCodeError")
        form = QFormLayout(self)
        form.addRow(self.tr("机构名称"), self.name)
        form.addRow(self.tr("统一社会信用代码"), self.credit_code)
        form.addRow("", self.code_error)
        form.addRow(self.tr("证照类型"), self.kind)
        form.addRow(self.tr("证照编号"), self.licence_no)
        form.addRow(self.tr("法定代表人"), self.legal)
        form.addRow(self.tr("经营地址"), self.address)
        form.addRow(self.tr("联系电话"), self.phone)
        for field, edit in (("agency*", self.name), ("credit*", self.credit_code), ("licence*", self.licence_no),
                            ("legal*", self.legal), ("address*", self.address)):  # fmt: skip
            self.registerField(field, edit)
        self.credit_code.textEdited.connect(self.code_error.clear_on_edit)

    def validatePage(self) -> bool:
        try:
            setup.validate_credit_code(self.credit_code.text())
        except InvalidInput as error:
            self.code_error.show_error(error)
            return False
        return True

    def agency(self) -> setup.AgencyInput:
        return setup.AgencyInput(self.name.text().strip(), self.credit_code.text().strip().upper(),
                                 str(self.kind.currentData()), self.licence_no.text().strip(), self.legal.text().strip(),
                                 self.address.text().strip(), self.phone.text().strip())  # fmt: skip


class AdminPage(QWizardPage):
    def __init__(self) -> None:
        super().__init__()
        self.setTitle(self.tr("第一位管理员"))
        self.setSubTitle(self.tr("密码至少8位，须包含字母和数字。"))
        self.username, self.display_name = _line("adminUser"), _line("adminName")
        self.password = _line("adminPassword", QLineEdit.EchoMode.Password)
        self.again = _line("adminPasswordAgain", QLineEdit.EchoMode.Password)
        self.error = FieldError()
        form = QFormLayout(self)
        form.addRow(self.tr("用户名"), self.username)
        form.addRow(self.tr("姓名"), self.display_name)
        form.addRow(self.tr("密码"), self.password)
        form.addRow(self.tr("再次输入密码"), self.again)
        form.addRow("", self.error)
        self.registerField("admin*", self.username)
        self.registerField("password*", self.password)

    def validatePage(self) -> bool:
        if self.password.text() != self.again.text():
            self.error.show_error(self.tr("两次输入的密码不一致。"))
            return False
        return True


class ReaderPage(QWizardPage):
    """Every kind of reader the terminal can use (PC/SC, serial, vendor SDK with its DLL and photo decoder), and the
    virtual one for demonstrations, through the same chooser as Settings → Card reader."""

    def __init__(self, backends: Backends = default_backends) -> None:
        super().__init__()
        self.setTitle(self.tr("读卡器"))
        self.chooser = ReaderChooser({}, offer_virtual=True, backends=backends)
        layout = QVBoxLayout(self)
        layout.addWidget(self.chooser)

    def values(self) -> dict[str, Any]:
        """config.json's reader section; nothing chosen: the first PC/SC reader that answers, never the simulator."""
        return self.chooser.values()


class ServerPage(QWizardPage):
    def __init__(self) -> None:
        super().__init__()
        self.setTitle(self.tr("中心服务器"))
        self.setSubTitle(self.tr("可以留空，先离线工作；以后在设置中填写。"))
        self.url = _line("serverUrl")
        self.url.setPlaceholderText("https://")
        self.code = _line("enrolmentCode")
        self.code.setPlaceholderText(self.tr("中心发放的一次性注册码"))
        form = QFormLayout(self)
        form.addRow(self.tr("服务器地址"), self.url)
        form.addRow(self.tr("注册码"), self.code)


class RecoveryKeyPage(QWizardPage):
    """Creates the home, then shows the recovery key once; finishing needs its last group typed back."""

    def __init__(self, create: object) -> None:
        super().__init__()
        self.setTitle(self.tr("恢复密钥"))
        self._create = create
        self.recovery_key: str | None = None
        self.status = QLabel(self.tr("正在创建数据文件夹…"))
        self.status.setWordWrap(True)
        self.key_label = QLabel()
        self.key_label.setObjectName("recoveryKeyShown")
        self.key_label.setStyleSheet("font-size: 18pt; font-family: monospace;")
        self.confirm = _line("recoveryConfirm")
        self.confirm.setEnabled(False)
        self.confirm.textChanged.connect(lambda _t: self.completeChanged.emit())
        layout = QVBoxLayout(self)
        for widget in (self.status, self.key_label, QLabel(self.tr("请输入恢复密钥的最后4位以确认已抄写：")), self.confirm):
            layout.addWidget(widget)

    def initializePage(self) -> None:
        if self.recovery_key is None:
            self._create(self)  # type: ignore[operator]

    def created(self, recovery_key: str) -> None:
        self.recovery_key = recovery_key
        self.status.setText(self.tr("数据文件夹已创建。恢复密钥只显示这一次：请抄写在纸上，交管理员离线保管。"
                                    "本机密钥丢失时，只能用它打开数据。"))  # fmt: skip
        self.key_label.setText(recovery_key)
        self.confirm.setEnabled(True)
        self.confirm.setFocus()
        self.completeChanged.emit()

    def failed(self, message: str) -> None:
        self.status.setText(message + "\n" + self.tr("请返回上一步修改后重试。"))

    def note(self, message: str) -> None:
        self.status.setText(self.status.text() + "\n" + message)

    def isComplete(self) -> bool:
        key = self.recovery_key
        return key is not None and self.confirm.text().strip().upper() == key.split("-")[-1]


class SetupWizard(QWizard):
    def __init__(self, home: Home, worker: TaskThread[None], backends: Backends = default_backends,
                 parent: QWidget | None = None) -> None:  # fmt: skip
        super().__init__(parent)
        self.setObjectName("setupWizard")
        self.setWindowTitle(self.tr("首次设置"))
        self.home, self._worker = home, worker
        self.agency_page, self.admin_page = AgencyPage(), AdminPage()
        self.reader_page, self.server_page = ReaderPage(backends), ServerPage()
        self.key_page = RecoveryKeyPage(self._create)
        for page in (self.agency_page, self.admin_page, self.reader_page, self.server_page, self.key_page):
            self.addPage(page)
        self.setOption(QWizard.WizardOption.NoCancelButtonOnLastPage, True)

    def done(self, result: int) -> None:
        self.reader_page.chooser.shutdown()
        super().done(result)

    def _create(self, page: RecoveryKeyPage) -> None:
        home, agency = self.home, self.agency_page.agency()
        admin = self.admin_page
        username, name, password = admin.username.text(), admin.display_name.text(), admin.password.text()
        reader, server = self.reader_page.values(), self.server_page.url.text().strip()
        code = self.server_page.code.text().strip()

        def op(_none: None) -> tuple[str, str | None]:
            recovery = setup.init_home(home, agency, username, name or username, password)
            home.update_config(**reader, server_url=server, language="zh")
            return recovery, enrol_if_asked(home, server, code, recovery)

        def created(result: tuple[str, str | None]) -> None:
            recovery, enrol_problem = result
            page.created(recovery)
            if enrol_problem:
                page.note(enrol_problem)

        def failed(error: BaseException) -> None:
            if isinstance(error, TerminalError):
                page.failed(error.message(ui_lang()))
            else:
                report_error(self, error)

        self._worker.submit(op, created, failed)


def enrol_if_asked(home: Home, server: str, code: str, recovery: str) -> str | None:
    """Enrol with the centre right away when both the address and a code were given. A failure leaves a
    working offline home and says how to enrol later; it never loses the recovery key screen."""
    if not (server and code):
        return None
    from terminal.sync.wiring import enrol_terminal

    db = home.open(recovery_key=recovery)
    try:
        enrol_terminal(db, code, server)
    except TerminalError as err:
        return err.message(ui_lang()) + " " + QCoreApplication.translate(
            "SetupWizard", "可以以后用“terminal enrol 注册码 --server 地址”注册。")
    finally:
        db.close()
    return None
