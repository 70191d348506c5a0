"""The Qt print path: a card PDF painted onto a named printer at the printer's own resolution, a
preview dialog, and per-printer offset calibration in 0.1 mm steps.

It never records anything: `print_pdf` returns a PrintOutcome only once the print system confirmed the
job (terminal.print.jobs); every failure is a typed PrintFault and the caller leaves the credential
waiting. Pages are rendered with QtPdf, so what prints is exactly the PDF the terminal produced.
"""

from __future__ import annotations

import contextlib
import json
import os
import tempfile
import weakref
from dataclasses import asdict, dataclass
from pathlib import Path

from PySide6.QtCore import QMarginsF, QPointF, QRectF, QSize, QSizeF
from PySide6.QtGui import QPageLayout, QPageSize, QPainter, QPixmap
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QScrollArea, QVBoxLayout, QWidget

from terminal.print import jobs
from terminal.print.errors import PrinterNotSelected, PrinterUnavailable
from terminal.print.jobs import PrintSystem

ID1_MM = (85.6, 54.0)
NUDGE_MM = 0.1


@dataclass(frozen=True)
class Calibration:
    """How far to move the image on one printer, in mm (positive: right and down)."""

    dx_mm: float = 0.0
    dy_mm: float = 0.0

    def nudged(self, right_steps: int = 0, down_steps: int = 0) -> Calibration:
        return Calibration(round(self.dx_mm + right_steps * NUDGE_MM, 1), round(self.dy_mm + down_steps * NUDGE_MM, 1))


def load_calibrations(path: Path) -> dict[str, Calibration]:
    if not path.exists():
        return {}
    data = json.loads(path.read_text(encoding="utf-8"))
    return {name: Calibration(**values) for name, values in data.items()}


def save_calibration(path: Path, printer: str, calibration: Calibration) -> None:
    all_ = load_calibrations(path)
    all_[printer] = calibration
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps({k: asdict(v) for k, v in all_.items()}, indent=1), encoding="utf-8")


@dataclass(frozen=True)
class PrintOutcome:
    printer: str
    job_id: int
    pages: int


class PdfPages:
    """A loaded PDF (kept parentless and referenced: QPdfDocument parented to a view crashed at exit)."""

    def __init__(self, pdf: bytes) -> None:
        # QtPdf reads the file as it renders: written and closed here, removed when this object goes (no open
        # handle is left for the garbage collector to complain about).
        handle, name = tempfile.mkstemp(suffix=".pdf")
        with os.fdopen(handle, "wb") as file:
            file.write(pdf)
        weakref.finalize(self, _remove, name)
        self.document = QPdfDocument()
        if self.document.load(name) != QPdfDocument.Error.None_:
            raise PrinterUnavailable(printer="-", state="PDF could not be loaded")

    def paint(self, printer: QPrinter, calibration: Calibration = Calibration()) -> int:
        """Paint every page at the printer's resolution; return the page count. False from begin()
        means Qt has no usable printer (e.g. no print system at all)."""
        painter = QPainter()
        if not painter.begin(printer):
            raise PrinterUnavailable(printer=printer.printerName(), state="cannot start printing")
        dpi = printer.resolution()
        count = self.document.pageCount()
        try:
            for page in range(count):
                if page:
                    printer.newPage()
                size_pt = self.document.pagePointSize(page)
                pixels = QSize(round(size_pt.width() / 72 * dpi), round(size_pt.height() / 72 * dpi))
                image = self.document.render(page, pixels)
                offset = QPointF(calibration.dx_mm / 25.4 * dpi, calibration.dy_mm / 25.4 * dpi)
                painter.drawImage(QRectF(offset, QSizeF(pixels)), image)
        finally:
            painter.end()
        return count


def card_printer(printer_name: str, title: str, page_mm: tuple[float, float] = ID1_MM) -> QPrinter:
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setPrinterName(printer_name)
    if printer.printerName() != printer_name:  # Qt keeps the previous printer for an unknown name
        raise PrinterNotSelected(printer=printer_name, actual=printer.printerName())
    size = QPageSize(QSizeF(*page_mm), QPageSize.Unit.Millimeter, "ID-1", QPageSize.SizeMatchPolicy.ExactMatch)
    # Portrait with the card's own width and height: Qt then sends media=Custom.85.6x54mm unrotated.
    printer.setPageLayout(QPageLayout(size, QPageLayout.Orientation.Portrait, QMarginsF()))
    printer.setFullPage(True)
    printer.setDocName(title)
    return printer


def print_pdf(
    pdf: bytes,
    printer_name: str,
    title: str,
    calibration: Calibration = Calibration(),
    system: PrintSystem | None = None,
    page_mm: tuple[float, float] = ID1_MM,
    confirm_timeout: float = 60.0,
) -> PrintOutcome:
    """Print and wait for the print system's confirmation. Raises a PrintFault subclass otherwise."""
    system = system or jobs.default_print_system()
    jobs.check_printer(system, printer_name)
    printer = card_printer(printer_name, title, page_mm)
    pages = PdfPages(pdf)
    before = jobs.last_job_id(system, printer_name)
    count = pages.paint(printer, calibration)
    job = jobs.confirm_job(system, printer_name, before, timeout=confirm_timeout)
    return PrintOutcome(printer_name, job, count)


def _remove(name: str) -> None:
    with contextlib.suppress(OSError):  # Windows keeps a file QtPdf still has open: the temp folder is cleaned later
        os.unlink(name)


class PdfPreview(QDialog):
    """The real card PDF, page by page, as it will be printed, with or without a printer: each page rendered by
    QtPdf from the very bytes print_pdf would send."""

    PREVIEW_DPI = 150

    def __init__(self, pdf: bytes, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("printPreview")
        self.setWindowTitle(title)
        self.pdf = pdf
        self.pages = PdfPages(pdf)
        body = QWidget()
        column = QVBoxLayout(body)
        self.page_labels: list[QLabel] = []
        document = self.pages.document
        for page in range(document.pageCount()):
            size_pt = document.pagePointSize(page)
            pixels = QSize(round(size_pt.width() / 72 * self.PREVIEW_DPI), round(size_pt.height() / 72 * self.PREVIEW_DPI))
            label = QLabel()
            label.setObjectName(f"previewPage{page + 1}")
            label.setPixmap(QPixmap.fromImage(document.render(page, pixels)))
            label.setStyleSheet("border: 1px solid #888; background: white;")
            column.addWidget(label)
            self.page_labels.append(label)
        scroll = QScrollArea()
        scroll.setWidget(body)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(scroll, 1)
        layout.addWidget(buttons)
        self.resize(720, 600)  # inside a 1366 × 768 screen with the window's frame
