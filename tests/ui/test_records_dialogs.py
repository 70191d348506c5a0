"""Service contracts, evaluations, complaints (register, handle, resolve) and credit records from the worker
page; what the centre sent shows with its source; a trainer gets no service-record buttons."""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QLineEdit, QSpinBox

from terminal.reader.identities import load_identities
from terminal.ui.form_dialog import FormDialog
from terminal.ui.service_records import ServiceRecords
from terminal.usecases import central
from tests.ui.conftest import Running
from tests.ui.helpers import child, raw_column, visible
from tests.ui.lifecycle_helpers import holder_with_credential


def submit(running: Running, dialog: FormDialog) -> None:
    dialog.buttons.accepted.emit()
    running.wait_idle()


def open_dialog(records: ServiceRecords, key: str) -> FormDialog:
    records.buttons[key].click()
    assert records.dialog is not None and records.dialog.isVisible()
    return records.dialog


def column(running: Running, table: str, name: str) -> list[object]:
    return raw_column(running.window.worker.tables[table], name)


def test_contract_evaluation_complaint_and_credit_record(signed_in: Running) -> None:
    worker_id, _ = holder_with_credential(signed_in)
    signed_in.window.open_worker(worker_id)
    signed_in.wait_idle()
    records = signed_in.window.worker.service_records
    assert visible(records)
    d = open_dialog(records, "contract")
    child(d, QComboBox, "district").setCurrentText("徐汇区")
    child(d, QLineEdit, "customerRef").setText("KH-0001")
    submit(signed_in, d)
    assert not d.isVisible() and column(signed_in, "contracts", "district") == ["徐汇区"]
    d = open_dialog(records, "evaluation")
    child(d, QSpinBox, "score_punctuality").setValue(3)
    child(d, QComboBox, "contract").setCurrentIndex(1)  # about the contract just signed
    child(d, QLineEdit, "comment").setText("做事认真")
    submit(signed_in, d)
    assert column(signed_in, "evaluations", "comment") == ["做事认真"]
    assert float(str(column(signed_in, "evaluations", "overall")[0])) == round((3 + 5 * 5) / 6, 2)
    d = open_dialog(records, "complaint")
    submit(signed_in, d)
    assert d.isVisible() and "投诉内容" in d.error.text()  # refused: the complaint needs its content
    child(d, QLineEdit, "summary").setText("服务迟到")
    submit(signed_in, d)
    assert column(signed_in, "complaints", "status") == ["open"]
    signed_in.window.worker.tables["complaints"].selectRow(0)
    d = open_dialog(records, "handle")
    child(d, QComboBox, "status").setCurrentIndex(1)
    child(d, QLineEdit, "response").setText("已向客户致歉并调整排班")
    submit(signed_in, d)
    assert column(signed_in, "complaints", "status") == ["resolved"]
    assert column(signed_in, "complaints", "response") == ["已向客户致歉并调整排班"]
    d = open_dialog(records, "credit")
    child(d, QLineEdit, "description").setText("获评月度优秀")
    submit(signed_in, d)
    assert column(signed_in, "credit_records", "source") == ["agency"]


def test_centre_decisions_show_with_their_source(signed_in: Running) -> None:
    worker_id, _ = holder_with_credential(signed_in)
    id_number = load_identities()["resident"]["id_number"]
    changes = [
        {"seq": 1, "kind": "background_check", "data": {"id_number": id_number, "result": "clear"}},
        {"seq": 2, "kind": "credit_record", "data": {"id_number": id_number, "uid": "c-1", "kind": "negative",
                                                      "description": "中心记录：无证上岗"}},
        {"seq": 3, "kind": "complaint", "data": {"id_number": id_number, "uid": "k-1", "summary": "12345热线投诉"}},
    ]  # fmt: skip
    signed_in.terminal.db.call(lambda db: central.apply_pulled(db, changes, "3"))
    signed_in.window.open_worker(worker_id)
    signed_in.wait_idle()
    assert column(signed_in, "background_checks", "result") == ["clear"]
    assert column(signed_in, "credit_records", "source") == ["centre"]
    assert column(signed_in, "complaints", "source") == ["centre"]
    assert signed_in.window.worker.profile_values["central"].text() == "clear"


def test_a_trainer_records_no_service_records(running: Running) -> None:
    running.sign_in("peixun")
    worker_id, _ = holder_with_credential(running)
    running.window.open_worker(worker_id)
    running.wait_idle()
    assert not visible(running.window.worker.service_records)
    assert not any(visible(b) for b in running.window.worker.credential_actions.buttons.values())
