"""Agency reports on screen: workers by state and service type, credentials issued, expiring within
30/60/90 days, training hours, complaints and their resolution times, each as a table and a simple bar
chart painted with QPainter; exported to Excel and PDF through terminal.reports."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from PySide6.QtCore import QDate, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QPainter, QPaintEvent
from PySide6.QtWidgets import (
    QDateEdit,
    QFileDialog,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QScrollArea,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)  # fmt: skip

from terminal.reports.model import Report, Section, build_report
from terminal.reports.pdf import export_pdf
from terminal.reports.xlsx import export_xlsx
from terminal.ui.i18n import ui_lang
from terminal.ui.retranslate import Retranslating
from terminal.ui.session import Session

BAR_COLOUR = QColor("#1f4e79")


def bilingual(text: object, lang: str) -> str:
    """Report labels are "中文 / English": show the operator's half."""
    parts = str(text).split(" / ")
    return parts[0] if lang == "zh" or len(parts) == 1 else parts[-1]


class BarChart(QWidget):
    """Bars of a section's last column against its first."""

    def __init__(self, section: Section, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(f"chart_{section.key}")
        self.labels = [bilingual(row[0], ui_lang()) for row in section.rows]
        self.values = [float(row[-1]) for row in section.rows]
        self.setMinimumHeight(160)

    def sizeHint(self) -> QSize:
        return QSize(480, 180)

    def paintEvent(self, _event: QPaintEvent) -> None:
        if not self.values:
            return
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        top, bottom_text, left = 16.0, 34.0, 8.0
        width = (self.width() - 2 * left) / len(self.values)
        height = self.height() - top - bottom_text
        peak = max(self.values) or 1.0
        metrics = painter.fontMetrics()
        for i, (label, value) in enumerate(zip(self.labels, self.values, strict=True)):
            bar_h = height * value / peak
            x = left + i * width
            bar = QRectF(x + width * 0.15, top + height - bar_h, width * 0.7, bar_h)
            painter.fillRect(bar, BAR_COLOUR)
            painter.setPen(Qt.GlobalColor.black)
            number = f"{value:g}"
            painter.drawText(QRectF(x, bar.top() - 15, width, 14), Qt.AlignmentFlag.AlignCenter, number)
            text = metrics.elidedText(label, Qt.TextElideMode.ElideRight, int(width))
            painter.drawText(QRectF(x, self.height() - bottom_text + 4, width, bottom_text - 4),
                             Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop, text)  # fmt: skip
        painter.end()


def section_box(section: Section, lang: str) -> QGroupBox:
    box = QGroupBox(section.title(lang))
    box.setObjectName(f"section_{section.key}")
    table = QTableWidget(len(section.rows), len(section.columns))
    table.setObjectName(f"table_{section.key}")
    table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
    table.setHorizontalHeaderLabels([bilingual(c, lang) for c in section.columns])
    table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    for r, row in enumerate(section.rows):
        for c, value in enumerate(row):
            table.setItem(r, c, QTableWidgetItem(bilingual(value, lang) if c == 0 else str(value)))
    table.setMinimumHeight(min(60 + 30 * len(section.rows), 300))
    layout = QHBoxLayout(box)
    layout.addWidget(table, 1)
    if section.chart and section.rows:
        layout.addWidget(BarChart(section), 1)
    return box


class ReportsPage(Retranslating, QWidget):
    exported = Signal(object)  # Path

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("reportsPage")
        self._session = session
        self.report: Report | None = None
        today = QDate.currentDate()
        self.period_from, self.period_to = QDateEdit(QDate(today.year(), 1, 1)), QDateEdit(today)
        for edit in (self.period_from, self.period_to):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("yyyy-MM-dd")
        self.period_caption, self.to_caption = QLabel(), QLabel()
        self.build_button, self.xlsx_button, self.pdf_button = QPushButton(), QPushButton(), QPushButton()
        self.build_button.setObjectName("buildReport")
        self.build_button.clicked.connect(self.refresh)
        self.xlsx_button.clicked.connect(lambda: self.choose_file("xlsx"))
        self.pdf_button.clicked.connect(lambda: self.choose_file("pdf"))
        self.status = QLabel()
        self.status.setObjectName("reportStatus")
        self.body = QWidget()
        self.body_layout = QVBoxLayout(self.body)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(self.body)
        top = QHBoxLayout()
        for w in (self.period_caption, self.period_from, self.to_caption, self.period_to, self.build_button):
            top.addWidget(w)
        top.addStretch(1)
        top.addWidget(self.xlsx_button)
        top.addWidget(self.pdf_button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(scroll, 1)
        layout.addWidget(self.status)
        self.retranslate()

    def retranslate(self) -> None:
        self.period_caption.setText(self.tr("统计期间"))
        self.to_caption.setText(self.tr("至"))
        self.build_button.setText(self.tr("生成报表"))
        self.xlsx_button.setText(self.tr("导出 Excel"))
        self.pdf_button.setText(self.tr("导出 PDF"))
        self._show()


    def refresh(self) -> None:
        today = self._session.today()
        start, end = self.period_from.date().toPython(), self.period_to.date().toPython()
        assert isinstance(start, dt.date) and isinstance(end, dt.date)
        actor = self._session.require_actor()
        self._session.run(lambda db: build_report(db, actor, today, start, end), self._built)

    def _built(self, report: Report) -> None:
        self.report = report
        self._show()

    def _show(self) -> None:
        while self.body_layout.count():
            item = self.body_layout.takeAt(0)
            if item is not None and (widget := item.widget()) is not None:
                widget.deleteLater()
        has_report = self.report is not None
        self.xlsx_button.setEnabled(has_report)
        self.pdf_button.setEnabled(has_report)
        if self.report is None:
            return
        for section in self.report.sections:
            self.body_layout.addWidget(section_box(section, ui_lang()))
        self.body_layout.addStretch(1)

    def choose_file(self, kind: str) -> None:
        name = f"report-{dt.date.today():%Y%m%d}.{kind}"
        path, _ = QFileDialog.getSaveFileName(self, self.tr("导出报表"), str(Path.home() / name), f"*.{kind}")
        if path:
            self.export_to(Path(path), kind)

    def export_to(self, target: Path, kind: str) -> None:
        report, lang = self.report, ui_lang()
        if report is None:
            return
        export = export_xlsx if kind == "xlsx" else export_pdf

        def done(_none: None) -> None:
            self.status.setText(self.tr("已导出：") + str(target))
            self.exported.emit(target)

        self._session.run(lambda _db: export(report, target, lang), done)
