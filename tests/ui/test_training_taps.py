"""Training from the app: a course with the standard topics, a session, attendance by the trainee's card
tap (in, then out with hours counted), the result, and the training record on the worker."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtWidgets import QDateTimeEdit, QDoubleSpinBox, QLineEdit

from terminal.reader.virtual import VirtualSamReader
from terminal.store.db import Database
from terminal.ui.training_page import TrainingPage
from terminal.usecases import training
from tests.ui.conftest import Running
from tests.ui.helpers import cell, child
from tests.ui.lifecycle_helpers import holder_with_credential
from tests.ui.test_lifecycle_issue import tap_card


def training_page(running: Running) -> TrainingPage:
    window = running.window
    window.menu_actions["training"].trigger()
    running.wait_idle()
    assert window.pages.currentWidget() is window.training
    return window.training


def test_course_session_taps_and_result(running: Running, device: VirtualSamReader) -> None:
    running.sign_in("peixun")
    worker_id, _ = holder_with_credential(running, trained=False)
    page = training_page(running)
    page.add_course_button.click()
    d = page.dialog
    assert d is not None
    child(d, QLineEdit, "code").setText("AQ-02")
    child(d, QLineEdit, "title").setText("安全与家电使用")
    d.buttons.accepted.emit()
    running.wait_idle()
    assert [c.code for c in page.data.courses] == ["AQ-02", "GQ-01"]  # type: ignore[union-attr]
    assert page.data.courses[0].topics == training.STANDARD_TOPICS  # type: ignore[union-attr]
    page.courses.selectRow(0)
    running.wait_idle()
    page.add_session_button.click()
    d = page.dialog
    assert d is not None
    child(d, QLineEdit, "place").setText("长宁区家政培训中心")
    child(d, QDateTimeEdit, "startsAt").setDateTime(child(d, QDateTimeEdit, "startsAt").dateTime().addSecs(-3 * 3600))
    child(d, QDoubleSpinBox, "hours").setValue(2)
    d.buttons.accepted.emit()
    running.wait_idle()
    page.sessions.selectRow(0)
    running.wait_idle()
    assert page.session_uid is not None and page.taps_button.isEnabled()
    page.taps_button.click()
    tap_card(running, device, "resident")
    running.qtbot.waitUntil(lambda: page.data is not None and len(page.data.roster) == 1, timeout=10_000)
    assert "签到" in page.status.text() and cell(page.roster, 0, 1)
    assert running.window.pages.currentWidget() is page  # the tap did not open registration
    reader = running.terminal.session.reader if running.terminal.session else None
    assert reader is not None
    empty = reader.service.empty_finds
    device.remove()
    # The same card read again only once the reader has seen it lifted (the removal rule).
    running.qtbot.waitUntil(lambda: reader.service.empty_finds > empty, timeout=10_000)
    tap_card(running, device, "resident")
    running.qtbot.waitUntil(lambda: page.data.roster[0].tap_out_at is not None, timeout=10_000)  # type: ignore[union-attr]
    assert "签退" in page.status.text()
    page.roster.selectRow(0)
    page.result_button.click()
    d = page.dialog
    assert d is not None
    child(d, QDoubleSpinBox, "score").setValue(91)
    d.buttons.accepted.emit()
    running.wait_idle()
    assert page.data.roster[0].passed is True and page.data.roster[0].score == 91  # type: ignore[union-attr]

    def record(db: Database) -> list[tuple[str, int]]:
        return [(r[0], r[1]) for r in db.query("SELECT c.code, a.passed FROM training_attendance a JOIN training_sessions s"
                " ON s.id = a.session_id JOIN training_courses c ON c.id = s.course_id WHERE a.worker_id = ?", (worker_id,))]  # fmt: skip

    assert running.terminal.db.call(record) == [("AQ-02", 1)]
    running.window.open_worker(worker_id)
    running.wait_idle()
    assert running.window.worker.tables["training"].rowCount() == 1


@pytest.mark.expected_logs("not_found")
def test_an_unregistered_trainee_is_refused(running: Running, device: VirtualSamReader) -> None:
    running.sign_in("peixun")
    page = training_page(running)
    session = running.terminal.db.call(lambda db: training.add_session(
        db, running.window.session.require_actor(), "GQ-01", "张培训", "长宁", dt.datetime.now(dt.UTC), 4))  # fmt: skip
    page.choose("GQ-01", session)
    running.wait_idle()
    page.taps_button.click()
    tap_card(running, device, "resident_long_term")
    running.qtbot.waitUntil(lambda: "登记" in page.status.text(), timeout=10_000)
    assert page.data is not None and page.data.roster == []


def test_a_clerk_has_no_training_menu(signed_in: Running) -> None:
    assert not signed_in.window.menu_actions["training"].isVisible()
    assert signed_in.window.menu_actions["credentials"].isVisible() and signed_in.window.menu_actions["reports"].isVisible()
