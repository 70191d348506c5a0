"""Reports on screen (tables and bar charts) and exported: the xlsx opens with openpyxl, the PDF's text
is readable with pdftotext; the figures are the store's."""

from __future__ import annotations

import subprocess
from pathlib import Path

import openpyxl
from PySide6.QtWidgets import QTableWidget

from terminal.store.db import Database
from terminal.ui.reports_page import BarChart
from tests.ui.conftest import Running
from tests.ui.helpers import cell, child, header


def test_report_tables_charts_and_exports(signed_in: Running, tmp_path: Path) -> None:
    window = signed_in.window
    window.menu_actions["reports"].trigger()
    signed_in.wait_idle()
    page = window.reports
    assert page.report is not None
    table = child(page, QTableWidget, "table_workers_by_state")
    shown = sum(int(cell(table, r, 1)) for r in range(table.rowCount()))
    assert shown == signed_in.terminal.db.call(lambda db: int(db.scalar("SELECT count(*) FROM workers")))
    chart = child(page, BarChart, "chart_workers_by_state")
    assert chart is not None and chart.values == [float(cell(table, r, 1)) for r in range(table.rowCount())]
    image = chart.grab().toImage()
    assert any(image.pixelColor(x, y).name() == "#1f4e79" for x in range(0, image.width(), 3)
               for y in range(0, image.height(), 3))  # fmt: skip  # bars were painted

    def issued(db: Database) -> int:
        return int(db.scalar("SELECT count(*) FROM credential_events WHERE action = 'issue'"))

    assert sum(int(r[1]) for r in page.report.section("credentials_issued").rows) == signed_in.terminal.db.call(issued)
    xlsx, pdf = tmp_path / "r.xlsx", tmp_path / "r.pdf"
    page.export_to(xlsx, "xlsx")
    page.export_to(pdf, "pdf")
    signed_in.wait_idle()
    book = openpyxl.load_workbook(xlsx)
    sheet = book[page.report.section("workers_by_state").title("zh")]
    assert sum(int(sheet.cell(row=r, column=2).value) for r in range(3, sheet.max_row + 1)) == shown
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    assert "即将到期" in text and page.report.agency.replace("【演示】", "")[:6] in text
    assert str(pdf) in page.status.text()


def test_reports_follow_the_language(signed_in: Running) -> None:
    signed_in.window.switch_language("en")
    signed_in.window.menu_actions["reports"].trigger()
    signed_in.wait_idle()
    table = child(signed_in.window.reports, QTableWidget, "table_expiring")
    assert header(table, 1) == "credentials" and cell(table, 0, 0) == "within 30 days"
