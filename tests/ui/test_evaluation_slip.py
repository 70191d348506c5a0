"""Recording a service contract shows the client's evaluation slip: its QR and code (the same signed slip the
centre knows), saved as an A6 PDF and printed through Qt's print path (into a PDF file, the one printer every
machine has); every label is plain text."""

from __future__ import annotations

import datetime as dt
import subprocess
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QComboBox, QLabel

from terminal.store.db import Database
from terminal.ui.evaluation_slip_dialog import EvaluationSlipDialog
from terminal.usecases import central, contracts, records
from tests.ui.conftest import Running
from tests.ui.helpers import child, raw_column
from tests.ui.lifecycle_helpers import CLERK, holder_with_credential
from wirecontract.evalslip import FEED_KIND


def pdf_text(path: Path) -> str:
    return subprocess.run(["pdftotext", "-raw", str(path), "-"], check=True, capture_output=True, text=True).stdout


def test_a_recorded_contract_shows_its_slip_to_print_or_save(signed_in: Running, tmp_path: Path) -> None:
    worker_id, _ = holder_with_credential(signed_in)
    signed_in.window.open_worker(worker_id)
    signed_in.wait_idle()
    records = signed_in.window.worker.service_records
    records.buttons["contract"].click()
    assert records.dialog is not None
    child(records.dialog, QComboBox, "district").setCurrentText("徐汇区")
    records.dialog.buttons.accepted.emit()
    signed_in.qtbot.waitUntil(lambda: getattr(records, "slip_dialog", None) is not None, timeout=10_000)
    dialog: EvaluationSlipDialog = records.slip_dialog  # type: ignore[attr-defined]
    assert dialog.isVisible() and not dialog.isModal()

    uid = str(signed_in.terminal.db.call(lambda db: db.scalar("SELECT uid FROM contracts WHERE worker_id = ?", (worker_id,))))  # fmt: skip
    expected = signed_in.terminal.db.call(lambda db: contracts.slip(db, CLERK, uid))
    assert dialog.slip == expected  # the same slip the client's QR and the centre know
    assert dialog.code.text().replace(" ", "") == expected.code
    assert not dialog.qr.pixmap().isNull() and dialog.qr.pixmap().width() >= 250
    for label in dialog.findChildren(QLabel):  # the worker's, agency's and service's words stay text
        if label.text():
            assert label.textFormat() == Qt.TextFormat.PlainText, label.objectName()

    saved = tmp_path / "slip.pdf"
    dialog._choose_path = lambda _parent: str(saved)
    assert dialog.save_pdf() == saved
    text = pdf_text(saved)
    assert expected.code[:5] in text and "服务评价单" in text
    assert str(saved) in dialog.status.text()

    printed = tmp_path / "printed.pdf"

    def to_file(_parent: object) -> QPrinter:
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        printer.setOutputFileName(str(printed))
        return printer

    dialog._choose_printer = to_file
    assert dialog.print_slip()
    assert printed.read_bytes().startswith(b"%PDF") and printed.stat().st_size > 1000
    dialog._choose_path = lambda _parent: None  # the clerk cancelled the file dialog: nothing happens
    assert dialog.save_pdf() is None
    dialog._choose_path = lambda _parent: str(tmp_path / "missing" / "dir" / "slip.pdf")
    assert dialog.save_pdf() is None and dialog.error.isVisible()


MARKUP = "<b>好</b><img src=x onerror=alert(1)>"


def test_what_a_client_wrote_shows_as_text_on_the_worker_page(signed_in: Running) -> None:
    worker_id, _ = holder_with_credential(signed_in)

    def pulled(db: Database) -> None:
        contract = records.add_contract(db, CLERK, worker_id, dt.date.today(), "cleaning", dt.date.today(),
                                        dt.date.today(), "徐汇区")  # fmt: skip
        worker_uid = str(db.scalar("SELECT uid FROM workers WHERE id = ?", (worker_id,)))
        change = {"seq": 1, "kind": FEED_KIND, "data": {
            "uid": "ev-1", "contract_uid": contract, "worker_uid": worker_uid, "scores": {"skill": 4},
            "overall": 4.0, "comment": MARKUP, "revision": 1, "at": "2026-11-29T10:00:00+00:00"}}  # fmt: skip
        central.apply_pulled(db, [change], "1")

    signed_in.terminal.db.call(pulled)
    signed_in.window.open_worker(worker_id)
    signed_in.wait_idle()
    assert raw_column(signed_in.window.worker.tables["evaluations"], "comment") == [MARKUP]
    for label in signed_in.window.findChildren(QLabel):  # no label anywhere renders it as markup
        assert MARKUP not in label.text() or label.textFormat() == Qt.TextFormat.PlainText
