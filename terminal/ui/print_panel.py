"""The print controls of the credential queues: printer, A4 sheet or card printer, the printer's calibration
(0.1 mm nudges saved per printer, a calibration page), preview and print of the ticked credentials."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Signal
from PySide6.QtPrintSupport import QPrinterInfo
from PySide6.QtWidgets import (
    QComboBox,
    QDoubleSpinBox,
    QGridLayout,
    QGroupBox,
    QLabel,
    QPushButton,
    QWidget,
)  # fmt: skip

from terminal.core.errors import TerminalError
from terminal.print.calibration import calibration_page_pdf
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
from terminal.ui.printing import ID1_MM, Calibration, load_calibrations, preview_dialog, save_calibration
from terminal.ui.retranslate import Retranslating
from terminal.ui.session import Session


def available_printers() -> list[str]:
    return list(QPrinterInfo.availablePrinterNames())


class PrintPanel(Retranslating, QGroupBox):
    printed = Signal(object)  # list[JobResult]

    def __init__(self, session: Session, selected: Callable[[], list[str]], system: PrintSystem | None = None,
                 list_printers: Callable[[], list[str]] = available_printers, parent: QWidget | None = None) -> None:  # fmt: skip
        super().__init__(parent)
        self.setObjectName("printPanel")
        self._session = session
        self._selected = selected
        self._list_printers = list_printers
        self.printer = CredentialPrinter(session, system)
        self.printer_name = QComboBox()
        self.printer_name.setObjectName("printerName")
        self.printer_name.setEditable(True)
        self.printer_name.currentTextChanged.connect(self._load_calibration)
        self.mode = QComboBox()
        self.mode.setObjectName("printMode")
        self.dx, self.dy = QDoubleSpinBox(), QDoubleSpinBox()
        for box, name in ((self.dx, "calibrationDx"), (self.dy, "calibrationDy")):
            box.setObjectName(name)
            box.setRange(-10.0, 10.0)
            box.setSingleStep(0.1)
            box.setDecimals(1)
            box.setSuffix(" mm")
        self.find_printers = QPushButton()
        self.find_printers.clicked.connect(self.refresh_printers)
        self.save_calibration = QPushButton()
        self.save_calibration.clicked.connect(self.store_calibration)
        self.calibration_page = QPushButton()
        self.calibration_page.clicked.connect(self.print_calibration_page)
        self.preview_button = QPushButton()
        self.preview_button.setObjectName("previewButton")
        self.preview_button.clicked.connect(self.preview)
        self.print_button = QPushButton()
        self.print_button.setObjectName("printButton")
        self.print_button.clicked.connect(self.print_selected)
        self.busy = False
        self._captions = [QLabel() for _ in range(4)]
        grid = QGridLayout(self)
        for row, (caption, widget) in enumerate(
            zip(self._captions, (self.printer_name, self.mode, self.dx, self.dy), strict=True)
        ):
            grid.addWidget(caption, row, 0)
            grid.addWidget(widget, row, 1)
        grid.addWidget(self.find_printers, 0, 2)
        grid.addWidget(self.save_calibration, 2, 2)
        grid.addWidget(self.calibration_page, 3, 2)
        grid.addWidget(self.preview_button, 4, 1)
        grid.addWidget(self.print_button, 4, 2)
        self.retranslate()

    def retranslate(self) -> None:
        self.setTitle(self.tr("打印"))
        for caption, text in zip(
            self._captions, (self.tr("打印机"), self.tr("方式"), self.tr("水平偏移"), self.tr("垂直偏移")), strict=True
        ):
            caption.setText(text)
        current = self.mode.currentIndex()
        self.mode.clear()
        self.mode.addItem(self.tr("A4 证卡纸（每页10张）"), PrintMode.SHEET.value)
        self.mode.addItem(self.tr("证卡打印机（逐张）"), PrintMode.CARD.value)
        self.mode.setCurrentIndex(max(current, 0))
        self.find_printers.setText(self.tr("查找打印机"))
        self.save_calibration.setText(self.tr("保存校准"))
        self.calibration_page.setText(self.tr("打印校准页"))
        self.preview_button.setText(self.tr("预览"))
        self.print_button.setText(self.tr("打印所选"))


    # Qt lists printers through the print system; asked only when the operator wants the list.
    def refresh_printers(self) -> None:
        current = self.printer_name.currentText()
        self.printer_name.clear()
        self.printer_name.addItems(self._list_printers())
        if current:
            self.printer_name.setCurrentText(current)

    @property
    def calibration(self) -> Calibration:
        return Calibration(round(self.dx.value(), 1), round(self.dy.value(), 1))

    def _load_calibration(self, printer: str) -> None:
        saved = load_calibrations(calibration_path(self._session)).get(printer, Calibration())
        self.dx.setValue(saved.dx_mm)
        self.dy.setValue(saved.dy_mm)

    def store_calibration(self) -> None:
        if self.printer_name.currentText():
            save_calibration(calibration_path(self._session), self.printer_name.currentText(), self.calibration)

    @property
    def print_mode(self) -> PrintMode:
        return PrintMode(self.mode.currentData())

    def _target(self) -> tuple[list[str], str] | None:
        numbers, printer = self._selected(), self.printer_name.currentText().strip()
        if not numbers or not printer or self.busy:
            return None
        return numbers, printer

    def preview(self) -> None:
        target = self._target()
        if target is None:
            return
        numbers, printer = target
        mode, today, calibration = self.print_mode, self._session.today(), self.calibration

        def show(jobs: list[PrintJob]) -> None:
            try:
                dialog = preview_dialog(jobs[0].pdf, printer, calibration, self)
            except TerminalError as error:
                report_error(self, error)
                return
            dialog.setObjectName("printPreview")
            dialog.open()

        self._session.run(
            lambda db: make_jobs(db, numbers[:10] if mode is PrintMode.SHEET else numbers[:1], mode, today), show
        )

    def print_selected(self) -> None:
        target = self._target()
        if target is None:
            return
        numbers, printer = target
        self._set_busy(True)
        self.printer.print_credentials(numbers, self.print_mode, printer, self.calibration, self._done, self._failed)

    def print_calibration_page(self) -> None:
        printer = self.printer_name.currentText().strip()
        if printer and not self.busy:
            self._set_busy(True)
            self.printer.print_pdf_only(
                calibration_page_pdf(), printer, "calibration", self.calibration, ID1_MM, self._done
            )

    def _done(self, results: list[JobResult]) -> None:
        self._set_busy(False)
        self.printed.emit(results)

    def _failed(self, error: BaseException) -> None:
        self._set_busy(False)
        report_error(self, error)

    def _set_busy(self, busy: bool) -> None:
        self.busy = busy
        self.print_button.setEnabled(not busy)
        self.calibration_page.setEnabled(not busy)

    def shutdown(self) -> None:
        self.printer.shutdown()
