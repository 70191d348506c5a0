from __future__ import annotations

import datetime as dt
import subprocess
from pathlib import Path

from openpyxl import load_workbook

from terminal.core.roles import Role
from terminal.reports.model import build_report
from terminal.reports.pdf import export_pdf
from terminal.reports.xlsx import export_xlsx
from terminal.store.db import Database
from terminal.usecases import credentials, records, registration
from tests.builders import actor, card_read, profile
from tests.store.conftest import db  # noqa: F401 - the encrypted database fixture

TODAY = dt.date.today()
CLERK = actor(Role.CLERK)


def _data(db: Database) -> None:  # noqa: F811
    first = registration.register_worker(db, CLERK, card_read(), profile(service_types=["cleaning"]), TODAY)
    registration.register_worker(db, CLERK, card_read(), profile(service_types=["cleaning", "elderly"]), TODAY)
    credentials.apply(db, CLERK, first, TODAY)
    complaint = records.add_complaint(db, CLERK, first, "迟到")
    records.update_complaint(db, CLERK, complaint, "resolved", "已处理")


def test_figures(db: Database) -> None:  # noqa: F811
    _data(db)
    report = build_report(db, actor(), TODAY, TODAY - dt.timedelta(days=30), TODAY)
    states = {str(row[0]): row[1] for row in report.section("workers_by_state").rows}
    assert states["未申请 / no credential"] == 1 and states["待审核 / applied"] == 1
    services = {str(row[0]): row[1] for row in report.section("workers_by_service").rows}
    assert services["家务保洁 / cleaning"] == 2 and services["养老护理 / elderly"] == 1
    complaints = report.section("complaints").rows[0]
    assert complaints[1:3] == (1, 1)
    assert dict((r[0], r[2]) for r in report.section("expiring").rows)["30 天内 / within 30 days"] == 0


def test_exports(db: Database, tmp_path: Path) -> None:  # noqa: F811
    _data(db)
    report = build_report(db, actor(), TODAY, TODAY - dt.timedelta(days=30), TODAY)
    export_xlsx(report, tmp_path / "r.xlsx")
    book = load_workbook(tmp_path / "r.xlsx")
    sheet = book["人员（按服务类型）"]
    assert sheet["A2"].value == "服务类型 / service type"
    assert len(sheet._charts) == 1
    export_pdf(report, tmp_path / "r.pdf")
    text = subprocess.run(["pdftotext", str(tmp_path / "r.pdf"), "-"], capture_output=True, text=True, check=True).stdout
    assert "人员（按证件状态）" in text and "cleaning" in text and "测试家政服务有限公司" in text
    fonts = subprocess.run(["pdffonts", str(tmp_path / "r.pdf")], capture_output=True, text=True, check=True).stdout
    assert "Helvetica" not in fonts
