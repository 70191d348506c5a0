"""A trainer's day from the app: a course (for workers or for the agency's managers), a session, taps that
go the way the trainer chose, a repeated tap that changes nothing, a big name and photo on each tap, a wrong
card said on the page (no dialog), and a results dialog that names the trainee, starts empty and refuses a
pass below the course's hours."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtWidgets import QApplication, QComboBox, QDateTimeEdit, QDoubleSpinBox, QLabel, QLineEdit, QMessageBox

from terminal.reader.virtual import VirtualSamReader
from terminal.store.db import Database
from terminal.ui.training_page import TrainingPage
from terminal.usecases import registration, training
from terminal.usecases.context import utcnow
from tests.ui.conftest import Running
from tests.ui.helpers import cell, child, visible
from tests.ui.lifecycle_helpers import CLERK, TRAINER, card_of, holder_profile, sign_in_demo_staff
from tests.ui.test_lifecycle_issue import tap_card


def training_page(running: Running) -> TrainingPage:
    window = running.window
    window.menu_actions["training"].trigger()
    running.wait_idle()
    assert window.pages.currentWidget() is window.training
    return window.training


def register_holder(running: Running, label: str = "resident") -> int:
    def op(db: Database) -> int:
        sign_in_demo_staff(db)
        return registration.register_worker(db, CLERK, card_of(label), holder_profile(), dt.date.today())

    return running.terminal.db.call(op)


def new_course(running: Running, page: TrainingPage, code: str, hours: float, audience: str = "workers") -> None:
    page.add_course_button.click()
    d = page.dialog
    assert d is not None
    child(d, QLineEdit, "code").setText(code)
    child(d, QLineEdit, "title").setText("安全与家电使用")
    child(d, QDoubleSpinBox, "hours").setValue(hours)
    combo = child(d, QComboBox, "audience")
    combo.setCurrentIndex(combo.findData(audience))
    d.buttons.accepted.emit()
    running.wait_idle()
    assert page.data is not None
    page.courses.selectRow([c.code for c in page.data.courses].index(code))
    running.wait_idle()


def new_session(running: Running, page: TrainingPage, hours: float) -> None:
    page.add_session_button.click()
    d = page.dialog
    assert d is not None
    child(d, QLineEdit, "place").setText("长宁区家政培训中心")
    child(d, QDateTimeEdit, "startsAt").setDateTime(child(d, QDateTimeEdit, "startsAt").dateTime().addSecs(-3 * 3600))
    child(d, QDoubleSpinBox, "hours").setValue(hours)
    d.buttons.accepted.emit()
    running.wait_idle()
    assert page.data is not None
    newest = max(range(len(page.data.sessions)), key=lambda i: page.data.sessions[i].starts_at)  # type: ignore[union-attr]
    page.sessions.selectRow(newest)
    running.wait_idle()
    assert page.session_uid is not None and page.taps_button.isEnabled()


def lift(running: Running, device: VirtualSamReader) -> None:
    """The same card is read again only once the reader has seen it lifted (the removal rule)."""
    reader = running.terminal.session.reader if running.terminal.session else None
    assert reader is not None
    empty = reader.service.empty_finds
    device.remove()
    running.qtbot.waitUntil(lambda: reader.service.empty_finds > empty, timeout=10_000)


def signed_in_earlier(running: Running, session_uid: str, hours: float) -> None:
    """The trainee signed in `hours` ago (the morning's tap, before this test's afternoon)."""
    def op(db: Database) -> None:
        sign_in_demo_staff(db)
        training.tap_card(db, TRAINER, session_uid, card_of("resident"), "in", utcnow() - dt.timedelta(hours=hours))

    running.terminal.db.call(op)


def test_taps_go_the_chosen_way_and_a_repeat_changes_nothing(running: Running, device: VirtualSamReader) -> None:
    running.sign_in("peixun")
    register_holder(running)
    page = training_page(running)
    new_course(running, page, "AQ-02", 2)
    new_session(running, page, 2)
    assert page.sign_in_button.isChecked()  # taps sign in unless the trainer switches
    page.taps_button.click()
    tap_card(running, device, "resident")
    running.qtbot.waitUntil(lambda: page.data is not None and len(page.data.roster) == 1, timeout=10_000)
    assert visible(page.tap_card) and page.tap_card.name.text() == "张演示"
    assert page.tap_card.photo.pixmap() is not None and not page.tap_card.photo.pixmap().isNull()  # the registration photo
    assert "签到成功" in page.tap_card.detail.text()
    assert running.window.pages.currentWidget() is page  # the tap did not open registration
    # Seconds later the trainer switches to sign-out and the same card comes again: the same tap, no 0.0 hours.
    lift(running, device)
    page.sign_out_button.click()
    tap_card(running, device, "resident")
    running.qtbot.waitUntil(lambda: "未作改动" in page.tap_card.detail.text(), timeout=10_000)
    assert page.data is not None and page.data.roster[0].tap_out_at is None and page.data.roster[0].hours == 0


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_sign_out_result_named_and_a_pass_needs_the_hours(running: Running, device: VirtualSamReader, lang: str) -> None:
    running.sign_in("peixun")
    running.terminal.languages.switch(lang)
    register_holder(running)
    page = training_page(running)
    page.choose("GQ-01")  # the demo's 16-hour pre-service course
    running.wait_idle()
    new_session(running, page, 4)
    assert page.session_uid is not None
    signed_in_earlier(running, page.session_uid, 3)
    page.sign_out_button.click()
    page.taps_button.click()
    tap_card(running, device, "resident")
    running.qtbot.waitUntil(lambda: page.data is not None and page.data.roster[0].tap_out_at is not None, timeout=10_000)
    assert ("签退成功" if lang == "zh" else "Signed out") in page.tap_card.detail.text()
    banner = running.window.banner  # success shows where the eye is too, in one language, with a masked number
    running.qtbot.waitUntil(lambda: visible(banner) and ("签退成功" if lang == "zh" else "Signed out")
                            in banner.text.text(), timeout=5_000)  # fmt: skip
    assert "********" in banner.text.text() and ("Signed" in banner.text.text()) == (lang == "en")
    assert page.data is not None and 2.9 < page.data.roster[0].hours <= 3.1
    page.roster.selectRow(0)
    page.result_button.click()
    d = page.dialog
    assert d is not None
    assert "张演示" in d.windowTitle() and child(d, QLabel, "resultFor").text() == "张演示"
    hours = child(d, QLabel, "resultHours").text()
    assert "16" in hours and "3" in hours
    score = child(d, QDoubleSpinBox, "score")
    assert score.value() < 0 and score.text().strip() == ""  # nothing suggested
    d.buttons.accepted.emit()
    assert visible(d.error) and ("成绩" in d.error.text() if lang == "zh" else "score" in d.error.text())
    score.setValue(91)
    d.buttons.accepted.emit()
    running.wait_idle()
    running.qtbot.waitUntil(lambda: visible(d.error) and "16" in d.error.text(), timeout=10_000)
    assert ("不能评为合格" if lang == "zh" else "cannot pass") in d.error.text() and d.isVisible()
    assert page.data is not None and page.data.roster[0].passed is None  # nothing was recorded
    score.setValue(40)  # a fail may be recorded whatever the hours
    d.buttons.accepted.emit()
    running.wait_idle()
    running.qtbot.waitUntil(lambda: page.data is not None and page.data.roster[0].passed is False, timeout=10_000)
    assert cell(page.roster, 0, 4) == "40.0"
    assert banner.text.text() == ("成绩已保存" if lang == "zh" else "Result saved")


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_a_wrong_card_is_said_on_the_page(running: Running, device: VirtualSamReader, lang: str) -> None:
    running.sign_in("peixun")
    running.terminal.languages.switch(lang)
    page = training_page(running)
    session = running.terminal.db.call(lambda db: training.add_session(
        db, running.window.session.require_actor(), "GQ-01", "张培训", "长宁", dt.datetime.now(dt.UTC), 4))  # fmt: skip
    page.choose("GQ-01", session)
    running.wait_idle()
    page.taps_button.click()
    tap_card(running, device, "resident_long_term")  # not registered here
    running.qtbot.waitUntil(lambda: visible(page.tap_card), timeout=10_000)
    assert ("未在本机构登记" if lang == "zh" else "not registered") in page.tap_card.detail.text()
    assert not [w for w in QApplication.topLevelWidgets() if isinstance(w, QMessageBox) and w.isVisible()]
    assert page.data is not None and page.data.roster == []
    assert page.taking_taps  # the queue goes on


def test_managers_training_is_recorded_from_their_cards(running: Running, device: VirtualSamReader) -> None:
    running.sign_in("peixun")
    page = training_page(running)
    new_course(running, page, "GL-01", 4, audience="managers")
    assert cell(page.courses, [c.code for c in page.data.courses].index("GL-01"), 2) == "机构管理人员"  # type: ignore[union-attr]
    new_session(running, page, 4)
    page.taps_button.click()
    tap_card(running, device, "resident_long_term")  # a manager: not a registered worker, known by this tap
    running.qtbot.waitUntil(lambda: page.data is not None and len(page.data.roster) == 1, timeout=10_000)
    assert page.tap_card.name.text() == "李测试" and cell(page.roster, 0, 0) == "李测试"
    running.qtbot.waitUntil(lambda: page.data is not None and page.data.sessions[0].attendees == 1, timeout=10_000)

    def managers(db: Database) -> list[tuple[str, str]]:
        return [(r[0], r[1]) for r in db.query("SELECT r.purpose, r.reader FROM agency_managers m"
                                               " JOIN identity_reads r ON r.id = m.identity_read_id")]  # fmt: skip

    known = running.terminal.db.call(managers)
    assert len(known) == 1 and known[0][0] == "manager_training"  # identity from the card read, with its reader
