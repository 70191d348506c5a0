"""The evaluation slip (服务评价单) shown when a clerk records a service contract: the slip's QR and code for the
client to scan or type after the service, and the slip printed or saved as an A6 PDF
(terminal.usecases.contracts.slip_pdf). Non-modal: the clerk can hand the phone-sized QR to the client's camera
and go on working. Everything shown is plain text (the worker's masked name, the agency, the service)."""

from __future__ import annotations

import tempfile
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QColor, QImage, QPainter, QPixmap
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import QDialog, QFileDialog, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget
from reportlab.graphics.barcode import qrencoder

from terminal.core.errors import PrintFault
from terminal.store.db import Database
from terminal.ui.feedback import FieldError, report_error
from terminal.ui.i18n import ui_lang
from terminal.ui.printing import PdfPages
from terminal.ui.session import Session
from terminal.usecases import contracts
from terminal.usecases.contracts import Slip

QR_PIXELS = 300
QUIET_MODULES = 4  # the white margin a phone's camera needs around the code

ChoosePath = Callable[[QWidget], str | None]
ChoosePrinter = Callable[[QWidget], QPrinter | None]


def qr_image(text: str, pixels: int = QR_PIXELS) -> QImage:
    """The QR as a black-and-white image, with its quiet zone (reportlab's encoder, as on the printed slip)."""
    code = qrencoder.QRCode(None, qrencoder.QRErrorCorrectLevel.M)
    code.addData(text)
    code.make()
    count = code.getModuleCount()
    scale = max(1, pixels // (count + 2 * QUIET_MODULES))
    side = scale * (count + 2 * QUIET_MODULES)
    image = QImage(side, side, QImage.Format.Format_RGB32)
    image.fill(QColor("white"))
    painter = QPainter(image)
    try:
        for row in range(count):
            for col in range(count):
                if code.isDark(row, col):
                    x, y = (col + QUIET_MODULES) * scale, (row + QUIET_MODULES) * scale
                    painter.fillRect(x, y, scale, scale, QColor("black"))
    finally:
        painter.end()
    return image


def _ask_pdf_path(parent: QWidget) -> str | None:
    path, _ = QFileDialog.getSaveFileName(parent, QCoreApplication.translate("EvaluationSlipDialog", "保存评价单"), "evaluation-slip.pdf", "PDF (*.pdf)")
    return path or None


def _ask_printer(parent: QWidget) -> QPrinter | None:
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    dialog = QPrintDialog(printer, parent)
    return printer if dialog.exec() == QDialog.DialogCode.Accepted else None


def _plain(text: str = "") -> QLabel:
    label = QLabel(text)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setWordWrap(True)
    return label


class EvaluationSlipDialog(QDialog):
    def __init__(self, slip: Slip, parent: QWidget | None = None, choose_path: ChoosePath = _ask_pdf_path,
                 choose_printer: ChoosePrinter = _ask_printer) -> None:  # fmt: skip
        super().__init__(parent)
        self.setObjectName("evaluationSlipDialog")
        self.slip = slip
        self._choose_path, self._choose_printer = choose_path, choose_printer
        self.setWindowTitle(self.tr("服务评价单"))
        claims = slip.claims
        self.details = _plain("\n".join((
            f"{self.tr('服务人员')}: {claims.masked_name}", f"{self.tr('服务机构')}: {claims.agency}",
            f"{self.tr('服务类型')}: {slip.service_label}",
            f"{self.tr('服务期间')}: {claims.period_from.isoformat()} – {claims.period_to.isoformat()}")))  # fmt: skip
        self.details.setObjectName("slipDetails")
        self.qr = QLabel()
        self.qr.setObjectName("slipQr")
        self.qr.setPixmap(QPixmap.fromImage(qr_image(slip.url)))
        self.qr.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.hint = _plain(self.tr("请客户在服务后扫码评价，或在核验网站输入评价码："))
        self.code = _plain(f"{slip.code[:5]} {slip.code[5:]}")
        self.code.setObjectName("slipCode")
        self.code.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.code.setStyleSheet("font-size: 22pt; font-weight: bold; letter-spacing: 2px;")
        self.code.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.status = _plain()
        self.status.setObjectName("slipStatus")
        self.error = FieldError()
        self.error.setObjectName("slipError")
        self.print_button = QPushButton(self.tr("打印评价单"))
        self.print_button.setObjectName("slipPrint")
        self.save_button = QPushButton(self.tr("保存为 PDF"))
        self.save_button.setObjectName("slipSavePdf")
        close = QPushButton(self.tr("关闭"))
        close.setObjectName("slipClose")
        self.print_button.clicked.connect(self.print_slip)
        self.save_button.clicked.connect(self.save_pdf)
        close.clicked.connect(self.accept)
        buttons = QHBoxLayout()
        for button in (self.print_button, self.save_button, close):
            buttons.addWidget(button)
        layout = QVBoxLayout(self)
        for widget in (self.details, self.qr, self.hint, self.code, self.status, self.error):
            layout.addWidget(widget)
        layout.addLayout(buttons)

    def save_pdf(self) -> Path | None:
        chosen = self._choose_path(self)
        if not chosen:
            return None
        path = Path(chosen)
        self.error.clear_error()
        try:
            contracts.slip_pdf(self.slip, path)
        except OSError:
            self.error.show_error(self.tr("无法写入该文件，请选择其他位置。"))
            return None
        self.status.setText(self.tr("评价单已保存：") + str(path))
        return path

    def print_slip(self) -> bool:
        printer = self._choose_printer(self)
        if printer is None:
            return False
        self.error.clear_error()
        with tempfile.TemporaryDirectory() as folder:
            pdf = Path(folder) / "slip.pdf"
            contracts.slip_pdf(self.slip, pdf)
            try:
                PdfPages(pdf.read_bytes()).paint(printer)
            except PrintFault as fault:
                self.error.show_error(fault.message(ui_lang()))
                return False
        self.status.setText(self.tr("评价单已送往打印机：") + printer.printerName())
        return True


def show_slip(parent: QWidget, session: Session, contract_uid: str) -> None:
    """Make the contract's slip on the database thread, then show it (non-modal, kept on `parent.slip_dialog`)."""
    actor = session.require_actor()

    def shown(slip: Slip) -> None:
        dialog = EvaluationSlipDialog(slip, parent)
        parent.slip_dialog = dialog  # type: ignore[attr-defined]
        dialog.show()  # not open(): that would make it window-modal

    def make(db: Database) -> Slip:
        return contracts.slip(db, actor, contract_uid)

    session.run(make, shown, lambda error: report_error(parent, error))
