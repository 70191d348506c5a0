"""Reports to Excel: one sheet per section, a table and a bar chart."""

from __future__ import annotations

from pathlib import Path

from openpyxl import Workbook
from openpyxl.chart import BarChart, Reference
from openpyxl.styles import Font

from terminal.reports.model import Report


def export_xlsx(report: Report, target: Path, lang: str = "zh") -> None:
    book = Workbook()
    cover = book.active
    assert cover is not None
    cover.title = "概要 Summary"
    cover.append([("【演示】" if report.demo else "") + report.agency])
    cover.append(["统计期间 / period", report.period_from.isoformat(), report.period_to.isoformat()])
    cover.append(["生成时间 / generated", report.generated_at.isoformat(timespec="seconds")])
    cover["A1"].font = Font(bold=True, size=14)
    for section in report.sections:
        sheet = book.create_sheet(section.title(lang)[:31])
        sheet.append([section.title(lang)])
        sheet["A1"].font = Font(bold=True)
        sheet.append(list(section.columns))
        for row in section.rows:
            sheet.append(list(row))
        sheet.column_dimensions["A"].width = 28
        if section.chart and section.rows:
            chart = BarChart()
            chart.title = section.title(lang)
            last_row = 2 + len(section.rows)
            data = Reference(sheet, min_col=2, max_col=len(section.columns), min_row=2, max_row=last_row)
            chart.add_data(data, titles_from_data=True)
            chart.set_categories(Reference(sheet, min_col=1, min_row=3, max_row=last_row))
            sheet.add_chart(chart, f"{chr(ord('A') + len(section.columns) + 1)}2")
    tmp = target.with_name(target.name + ".partial")
    book.save(tmp)
    tmp.replace(target)
