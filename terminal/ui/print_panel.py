"""The print controls of the credential queues: the printer and its calibration as chosen in Settings (shown, not
chosen here), A4 sheet or card printer, preview and print of the ticked credentials.

Every way this can fail says what is wrong and what to do, in the panel and through the messages channel: no
credential ticked, no printer chosen, the chosen printer stopped or gone, a job the print system did not complete.
Preview needs no printer: it shows the real card PDF (printing.PdfPreview)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Signal
from PySide6.QtPrintSupport import QPrinterInfo
from PySide6.QtWidgets import QComboBox, QGridLayout, QGroupBox, QLabel, QPushButton, QWidget

from terminal.core import messages
from terminal.core.errors import TerminalError
from terminal.print.errors import NoPrinterChosen
from terminal.print.jobs import PrintSystem
from terminal.ui.credential_printing import (
    CredentialPrinter,
    JobResult,
    PrintJob,
    PrintMode,
    calibration_path,
    make_jobs,
)
from terminal.ui.feedback import report_error
from terminal.ui.i18n import ui_lang
from terminal.ui.printing import Calibration, PdfPreview, load_calibrations
from terminal.ui.retranslate import Retranslating
from terminal.ui.session import Session

PRINTER_KEY = "printer"  # config.json: the printer chosen in Settings
PRINT_MODE_KEY = "print_mode"  # config.json: "sheet" or "card", chosen in Settings with the printer


def available_printers() -> list[str]:
    return list(QPrinterInfo.availablePrinterNames())


class PrintPanel(Retranslating, QGroupBox):
    printed = Signal(object)  # list[JobResult]

    def __init__(self, session: Session, selected: Callable[[], list[str]], system: PrintSystem | None = None,
                 parent: QWidget | None = None) -> None:  # fmt: skip
        super().__init__(parent)
        self.setObjectName("printPanel")
        self._session = session
        self._selected = selected
        self.printer = CredentialPrinter(session, system)
        self.printer_label = QLabel()
        self.printer_label.setObjectName("chosenPrinter")
        self.mode = QComboBox()
        self.mode.setObjectName("printMode")
        self.preview_button = QPushButton()
        self.preview_button.setObjectName("previewButton")
        self.preview_button.clicked.connect(self.preview)
        self.print_button = QPushButton()
        self.print_button.setObjectName("printButton")
        self.print_button.clicked.connect(self.print_selected)
        self.message = QLabel()
        self.message.setObjectName("printMessage")
        self.message.setWordWrap(True)
        self.message.setStyleSheet("color: #b00020;")
        self.preview_window: PdfPreview | None = None
        self.busy = False
        self._mode_caption = QLabel()
        grid = QGridLayout(self)
        grid.addWidget(self.printer_label, 0, 0, 1, 2)
        grid.addWidget(self._mode_caption, 1, 0)
        grid.addWidget(self.mode, 1, 1)
        grid.addWidget(self.preview_button, 1, 2)
        grid.addWidget(self.print_button, 1, 3)
        grid.addWidget(self.message, 2, 0, 1, 4)
        grid.setColumnStretch(1, 1)
        self.retranslate()

    def retranslate(self) -> None:
        self.setTitle(self.tr("打印"))
        self._mode_caption.setText(self.tr("方式"))
        current = self.mode.currentIndex()
        self.mode.clear()
        self.mode.addItem(self.tr("A4 证卡纸（每页10张）"), PrintMode.SHEET.value)
        self.mode.addItem(self.tr("证卡打印机（逐张）"), PrintMode.CARD.value)
        saved = self._session.home.config().get(PRINT_MODE_KEY)
        self.mode.setCurrentIndex(current if current >= 0 else (1 if saved == PrintMode.CARD.value else 0))
        self.preview_button.setText(self.tr("预览"))
        self.print_button.setText(self.tr("打印所选"))
        self.show_printer()

    # --- what Settings chose -------------------------------------------------------------------------
    @property
    def printer_name(self) -> str:
        return str(self._session.home.config().get(PRINTER_KEY) or "").strip()

    @property
    def calibration(self) -> Calibration:
        return load_calibrations(calibration_path(self._session)).get(self.printer_name, Calibration())

    def show_printer(self) -> None:
        """Shown again whenever the page is shown: Settings may have changed the printer meanwhile."""
        name = self.printer_name
        if not name:
            self.printer_label.setText(self.tr("打印机：未选择（请管理员在“设置 → 打印机”中选择）"))
            return
        c = self.calibration
        self.printer_label.setText(self.tr("打印机：%1（校准：水平 %2 mm，垂直 %3 mm；在“设置”中更改）")
                                   .replace("%1", name).replace("%2", f"{c.dx_mm:+.1f}").replace("%3", f"{c.dy_mm:+.1f}"))  # fmt: skip

    @property
    def print_mode(self) -> PrintMode:
        return PrintMode(self.mode.currentData())

    # --- saying what is wrong ------------------------------------------------------------------------
    def say(self, text: str) -> None:
        self.message.setText(text)

    def say_error(self, error: TerminalError) -> None:
        """A typed failure: in the panel in the operator's language, and through the messages channel."""
        messages.tell_error(error, messages.Level.WARNING)
        self.say(error.message(ui_lang()))

    def _numbers(self) -> list[str] | None:
        numbers = self._selected()
        if not numbers:
            self.say(self.tr("请先在上面的列表中勾选要打印的证件。"))
            return None
        if self.busy:
            self.say(self.tr("正在打印，请等这一批完成。"))
            return None
        return numbers

    # --- preview and print ---------------------------------------------------------------------------
    def preview(self) -> None:
        """The real card PDF of the first ticked credentials (a sheet of ten, or one card), no printer needed."""
        numbers = self._numbers()
        if numbers is None:
            return
        self.say("")
        mode, today = self.print_mode, self._session.today()

        def show(jobs: list[PrintJob]) -> None:
            try:
                self.preview_window = PdfPreview(jobs[0].pdf, self.tr("打印预览"), self)
            except TerminalError as error:
                self.say_error(error)
                return
            self.preview_window.open()

        self._session.run(
            lambda db: make_jobs(db, numbers[:10] if mode is PrintMode.SHEET else numbers[:1], mode, today), show,
            self._failed,
        )

    def print_selected(self) -> None:
        numbers = self._numbers()
        if numbers is None:
            return
        printer = self.printer_name
        if not printer:
            self.say_error(NoPrinterChosen())
            return
        self.say("")
        self._set_busy(True)
        self.printer.print_credentials(numbers, self.print_mode, printer, self.calibration, self._done, self._failed)

    def _done(self, results: list[JobResult]) -> None:
        self._set_busy(False)
        failed = [r.fault for r in results if r.fault is not None]
        if failed:
            self.say_error(failed[0])
        self.printed.emit(results)

    def _failed(self, error: BaseException) -> None:
        self._set_busy(False)
        if isinstance(error, TerminalError):
            self.say_error(error)
        else:
            report_error(self, error)

    def _set_busy(self, busy: bool) -> None:
        self.busy = busy
        self.print_button.setEnabled(not busy)

    def shutdown(self) -> None:
        self.printer.shutdown()
