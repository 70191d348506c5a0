"""Settings for administrators: the card reader (reader_settings.ReaderChooser), the printer and how cards are
printed, the card printer's calibration (0.1 mm, saved per printer, with a calibration page), the centre's address
and the language. Saved in the home's config.json (docs/install.md §6) and printer_calibration.json; the print
panel and `terminal doctor` read the same keys.

The reader is opened once, when the program starts, so a changed reader takes effect at the next start; the
printer, calibration, language and the centre's address take effect at once."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDoubleSpinBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)  # fmt: skip

from terminal.core import messages
from terminal.core.errors import InvalidInput, TerminalError
from terminal.print.calibration import calibration_page_pdf
from terminal.print.errors import NoPrinterChosen, NoPrintersFound
from terminal.print.jobs import PrintSystem
from terminal.store.db import Database
from terminal.store.outbox import SyncStateRepo
from terminal.ui.credential_printing import CredentialPrinter, JobResult, PrintMode, calibration_path
from terminal.ui.feedback import FieldError
from terminal.ui.i18n import ui_lang
from terminal.ui.print_panel import PRINT_MODE_KEY, PRINTER_KEY, available_printers
from terminal.ui.printing import ID1_MM, Calibration, load_calibrations, save_calibration
from terminal.ui.reader_settings import Backends, ReaderChooser
from terminal.ui.retranslate import Retranslating
from terminal.ui.session import Session
from wirecontract.errors import Text


def checked_server_url(text: str) -> str:
    """The centre's address as typed: empty (work offline) or an http(s) address without spaces."""
    url = text.strip().rstrip("/")
    if url and (not url.startswith(("http://", "https://")) or " " in url or len(url) < 10):
        raise InvalidInput(field=Text("中心地址须以 http:// 或 https:// 开头，例如 https://central.example.cn",
                                      "the centre's address must start with http:// or https://, e.g. "
                                      "https://central.example.cn"))  # fmt: skip
    return url


def enrolled_server(db: Database) -> str | None:
    """The address the terminal was enrolled with (sync uses it, whatever config.json says)."""
    return SyncStateRepo(db).get("server_url")


class SettingsPage(Retranslating, QWidget):
    def __init__(self, session: Session, list_printers: Callable[[], list[str]] = available_printers,
                 print_system: PrintSystem | None = None, backends: Backends | None = None,
                 parent: QWidget | None = None) -> None:  # fmt: skip
        super().__init__(parent)
        self.setObjectName("settingsPage")
        self._session = session
        self._list_printers = list_printers
        config = session.home.config()
        chooser_args: dict[str, Any] = {} if backends is None else {"backends": backends}
        self.reader = ReaderChooser(config, offer_virtual=session.home.is_demo, **chooser_args)
        self.printer = QComboBox()
        self.printer.setObjectName("settingsPrinter")
        self.printer.setMinimumWidth(260)
        chosen = str(config.get(PRINTER_KEY) or "")
        if chosen:
            self.printer.addItem(chosen)
        self.printer.currentTextChanged.connect(self._load_calibration)
        self.find_printers = QPushButton()
        self.find_printers.setObjectName("findPrinters")
        self.find_printers.clicked.connect(self.refresh_printers)
        self.mode = QComboBox()
        self.mode.setObjectName("settingsPrintMode")
        self.dx, self.dy = QDoubleSpinBox(), QDoubleSpinBox()
        for box, name in ((self.dx, "calibrationDx"), (self.dy, "calibrationDy")):
            box.setObjectName(name)
            box.setRange(-10.0, 10.0)
            box.setSingleStep(0.1)
            box.setDecimals(1)
            box.setSuffix(" mm")
        self.calibration_page = QPushButton()
        self.calibration_page.setObjectName("calibrationPage")
        self.calibration_page.clicked.connect(self.print_calibration_page)
        self.printer_message = QLabel()
        self.printer_message.setObjectName("printerMessage")
        self.printer_message.setWordWrap(True)
        self.server = QLineEdit(str(config.get("server_url") or ""))
        self.server.setObjectName("serverUrl")
        self.server_error = FieldError()
        self.server_error.setObjectName("serverUrlError")
        self.enrolled = QLabel()
        self.enrolled.setObjectName("enrolledServer")
        self.enrolled.setWordWrap(True)
        self.enrolled_url: str | None = None
        self.language = QComboBox()
        self.language.setObjectName("settingsLanguage")
        self.language.addItem("中文", "zh")
        self.language.addItem("English", "en")
        self.language.setCurrentIndex(1 if config.get("language") == "en" else 0)
        self.save_button = QPushButton()
        self.save_button.setObjectName("saveSettings")
        self.save_button.clicked.connect(self.save)
        self.status = QLabel()
        self.status.setObjectName("settingsStatus")
        self.status.setWordWrap(True)
        self._print_system = print_system
        self.printing: CredentialPrinter | None = None  # its printer thread starts only for a calibration page

        self.reader_box, self.printer_box, self.centre_box, self.language_box = (QGroupBox() for _ in range(4))
        QVBoxLayout(self.reader_box).addWidget(self.reader)
        self._captions = {key: QLabel() for key in ("printer", "mode", "dx", "dy", "server", "language")}
        printer_form = QFormLayout(self.printer_box)
        row = QHBoxLayout()
        row.addWidget(self.printer, 1)
        row.addWidget(self.find_printers)
        printer_form.addRow(self._captions["printer"], row)
        printer_form.addRow(self._captions["mode"], self.mode)
        printer_form.addRow(self._captions["dx"], self.dx)
        printer_form.addRow(self._captions["dy"], self.dy)
        printer_form.addRow("", self.calibration_page)
        printer_form.addRow(self.printer_message)
        centre_form = QFormLayout(self.centre_box)
        centre_form.addRow(self._captions["server"], self.server)
        centre_form.addRow("", self.server_error)
        centre_form.addRow(self.enrolled)
        QFormLayout(self.language_box).addRow(self._captions["language"], self.language)
        right = QVBoxLayout()
        for group in (self.printer_box, self.centre_box, self.language_box):
            right.addWidget(group)
        right.addStretch(1)
        columns = QHBoxLayout()
        columns.addWidget(self.reader_box, 1)
        columns.addLayout(right, 1)
        bottom = QHBoxLayout()
        bottom.addWidget(self.status, 1)
        bottom.addWidget(self.save_button)
        layout = QVBoxLayout(self)
        layout.addLayout(columns, 1)
        layout.addLayout(bottom)
        self.retranslate()
        self._load_calibration(self.printer.currentText())
        session.run(enrolled_server, self._enrolled_loaded)

    def retranslate(self) -> None:
        self.reader_box.setTitle(self.tr("读卡器"))
        self.printer_box.setTitle(self.tr("打印机与证卡校准"))
        self.centre_box.setTitle(self.tr("中心服务器"))
        self.language_box.setTitle(self.tr("语言"))
        captions = {"printer": self.tr("打印机"), "mode": self.tr("打印方式"), "dx": self.tr("水平偏移（向右为正）"),
                    "dy": self.tr("垂直偏移（向下为正）"), "server": self.tr("中心地址"), "language": self.tr("界面语言")}  # fmt: skip
        for key, text in captions.items():
            self._captions[key].setText(text)
        current = self.mode.currentIndex()
        self.mode.clear()
        self.mode.addItem(self.tr("A4 证卡纸（每页10张）"), PrintMode.SHEET.value)
        self.mode.addItem(self.tr("证卡打印机（逐张）"), PrintMode.CARD.value)
        saved = self._session.home.config().get(PRINT_MODE_KEY)
        self.mode.setCurrentIndex(current if current >= 0 else (1 if saved == PrintMode.CARD.value else 0))
        self.find_printers.setText(self.tr("查找打印机"))
        self.calibration_page.setText(self.tr("打印校准页（卡边内 2 mm 的边框）"))
        self.save_button.setText(self.tr("保存设置"))
        self._show_enrolled()

    # --- printer ---------------------------------------------------------------------------------------
    def _say(self, error: TerminalError) -> None:
        messages.tell_error(error, messages.Level.WARNING)
        self.printer_message.setText(error.message(ui_lang()))

    def refresh_printers(self) -> None:
        """List the print system's printers; none at all is said plainly with what to do."""
        current = self.printer.currentText()
        names = self._list_printers()
        self.printer.clear()
        self.printer.addItems(names)
        if not names:
            self._say(NoPrintersFound())
            return
        self.printer_message.setText(self.tr("找到 %1 台打印机，请选择后保存。").replace("%1", str(len(names))))
        if current in names:
            self.printer.setCurrentText(current)

    @property
    def calibration(self) -> Calibration:
        return Calibration(round(self.dx.value(), 1), round(self.dy.value(), 1))

    def _load_calibration(self, printer: str) -> None:
        saved = load_calibrations(calibration_path(self._session)).get(printer, Calibration())
        self.dx.setValue(saved.dx_mm)
        self.dy.setValue(saved.dy_mm)

    def print_calibration_page(self) -> None:
        printer = self.printer.currentText().strip()
        if not printer:
            self._say(NoPrinterChosen())
            return
        self.calibration_page.setEnabled(False)
        self.printer_message.setText(self.tr("正在打印校准页…"))
        self.printing = self.printing or CredentialPrinter(self._session, self._print_system)
        self.printing.print_pdf_only(calibration_page_pdf(), printer, "calibration", self.calibration, ID1_MM,
                                     self._calibration_printed)  # fmt: skip

    def _calibration_printed(self, results: list[JobResult]) -> None:
        self.calibration_page.setEnabled(True)
        fault = next((r.fault for r in results if r.fault is not None), None)
        if fault is not None:
            self._say(fault)
        else:
            self.printer_message.setText(self.tr("校准页已打印。量出边框到卡边的距离，按差值调整偏移后保存。"))

    # --- centre ----------------------------------------------------------------------------------------
    def _enrolled_loaded(self, url: str | None) -> None:
        self.enrolled_url = url
        self._show_enrolled()

    def _show_enrolled(self) -> None:
        if self.enrolled_url:
            self.enrolled.setText(self.tr("本终端已注册到 %1，同步以该地址为准；更换中心须重新注册（terminal enrol）。")
                                  .replace("%1", self.enrolled_url))  # fmt: skip
        else:
            self.enrolled.setText(self.tr("本终端尚未注册到中心；为空表示离线工作。"))

    # --- save ------------------------------------------------------------------------------------------
    def values(self) -> dict[str, Any]:
        return {**self.reader.values(), PRINTER_KEY: self.printer.currentText().strip(),
                PRINT_MODE_KEY: str(self.mode.currentData()), "server_url": checked_server_url(self.server.text()),
                "language": str(self.language.currentData())}  # fmt: skip

    def save(self) -> None:
        self.server_error.clear_error()
        try:
            values = self.values()
        except InvalidInput as error:
            self.server_error.show_error(error)
            return
        home = self._session.home
        home.update_config(**values)
        if values[PRINTER_KEY]:
            save_calibration(calibration_path(self._session), values[PRINTER_KEY], self.calibration)
        self.reader.config = home.config()
        if values["language"] != self._session.languages.lang:
            self._session.languages.switch(values["language"])
        self.status.setText(self.tr("设置已保存。打印机、校准、语言和中心地址立即生效；读卡器在重新启动程序后生效。"))

    def shutdown(self) -> None:
        self.reader.shutdown()
        if self.printing is not None:
            self.printing.shutdown()


class SettingsDialog(Retranslating, QDialog):
    """Settings in a window of its own (Work → Settings…), sized to fit a 1366 × 768 screen."""

    def __init__(self, session: Session, parent: QWidget | None = None, **page_args: Any) -> None:
        super().__init__(parent)
        self.setObjectName("settingsDialog")
        self.page = SettingsPage(session, **page_args)
        layout = QVBoxLayout(self)
        layout.addWidget(self.page)
        self.retranslate()
        self.resize(1100, 620)

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("设置"))

    def done(self, result: int) -> None:
        self.page.shutdown()
        super().done(result)
