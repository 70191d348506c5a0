"""Registering a worker end to end with the in-process virtual reader, good and bad paths."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from terminal.core.errors import CardExpired
from terminal.reader.errors import CardRemoved
from terminal.reader.virtual import Fault, VirtualSamReader
from terminal.store import keys
from terminal.store.db import Database
from terminal.ui.reader_thread import ReaderStatus
from tests.ui.conftest import Running
from tests.ui.helpers import close_dialogs, fill_profile, open_dialogs, tap, visible


def test_tap_register_and_apply(signed_in: Running, device: VirtualSamReader) -> None:
    window = signed_in.window
    page = window.register
    assert window.pages.currentWidget() is not page
    tap(signed_in, device, "resident")
    assert window.pages.currentWidget() is page  # a tap opens registration without a click
    assert page.panel.preview is not None
    assert page.panel.values["id"].text() == "310119********0019"  # masked even here
    assert page.panel.values["name"].text()
    assert "校验通过" in page.panel.status.text()
    # The virtual card carries no decodable photo: the reason is shown and a file may be chosen instead.
    assert "照片" in page.panel.photo.text() and page.panel.photo_button.isEnabled()
    fill_profile(page.form)
    page.save_button.click()
    signed_in.qtbot.waitUntil(lambda: page.worker_id is not None, timeout=10_000)
    assert page.apply_button.isEnabled() and not page.save_button.isEnabled()
    assert visible(window.banner) and window.banner.text.text().startswith("登记已保存")  # in the banner, not only below
    page.apply_button.click()
    signed_in.qtbot.waitUntil(lambda: page.credential_no is not None, timeout=10_000)
    assert page.credential_no is not None and page.credential_no in page.result.text()
    window.show_page(window.home)
    signed_in.wait_idle()
    assert window.home.data is not None
    assert window.home.values["registered_today"].text() == str(window.home.data.dashboard.registered_today)
    assert window.home.data.dashboard.waiting["applied"] >= 1


def test_identity_fields_are_not_editable_widgets(signed_in: Running, device: VirtualSamReader) -> None:
    from PySide6.QtWidgets import QLineEdit, QTextEdit

    tap(signed_in, device, "resident")
    panel = signed_in.window.register.panel
    assert not panel.findChildren(QLineEdit) and not panel.findChildren(QTextEdit)
    assert all(not (label.textInteractionFlags() & Qt.TextInteractionFlag.TextEditable) for label in panel.values.values())


def test_errors_show_beside_their_fields(signed_in: Running, device: VirtualSamReader) -> None:
    page = signed_in.window.register
    tap(signed_in, device, "resident")
    page.form.phone.setText("12345")
    page.save_button.click()
    assert visible(page.form.errors["phone"]) and "电话" in page.form.errors["phone"].text()
    assert visible(page.form.errors["address"]) and visible(page.form.errors["types"])
    assert visible(page.form.errors["consent"])
    assert page.worker_id is None and signed_in.terminal.db.pending == 0  # nothing was sent to the database
    page.form.phone.setText("13812345678")
    QTest.keyClick(page.form.phone, Qt.Key.Key_End)  # QTest itself: pytest-qt's wrappers are untyped
    QTest.keyClicks(page.form.phone, "0")
    assert not visible(page.form.errors["phone"])  # editing the field clears its error


def test_expired_card_is_refused(signed_in: Running, device: VirtualSamReader) -> None:
    page = signed_in.window.register
    tap(signed_in, device, "resident_expired")
    assert isinstance(page.panel.refusal, CardExpired)
    assert "过期" in page.panel.status.text()
    assert page.panel.values["name"].text()  # the identity is shown so the clerk can explain the refusal
    assert not page.save_button.isEnabled()


@pytest.mark.expected_logs("terminal.ui.reader")
def test_card_lifted_mid_read_keeps_typed_data(signed_in: Running, device: VirtualSamReader) -> None:
    page = signed_in.window.register
    tap(signed_in, device, "resident")
    fill_profile(page.form, phone="13900001111")
    device.remove()
    device.set_fault(Fault.REMOVED_MID_READ)
    device.insert("resident")
    signed_in.qtbot.waitUntil(lambda: isinstance(page.panel.read_fault, CardRemoved), timeout=10_000)
    assert "移开" in page.panel.status.text() and "不会丢失" in page.panel.status.text()
    assert page.form.phone.text() == "13900001111" and page.form.consent.isChecked()
    assert page.panel.preview is not None and page.save_button.isEnabled()  # the earlier good read still counts
    device.set_fault(Fault.NONE)
    page.save_button.click()
    signed_in.qtbot.waitUntil(lambda: page.worker_id is not None, timeout=10_000)


def test_duplicate_worker_opens_the_record(signed_in: Running, device: VirtualSamReader) -> None:
    window, page = signed_in.window, signed_in.window.register
    tap(signed_in, device, "resident")
    fill_profile(page.form)
    page.save_button.click()
    signed_in.qtbot.waitUntil(lambda: page.worker_id is not None, timeout=10_000)
    first = page.worker_id
    device.remove()
    signed_in.qtbot.waitUntil(lambda: device.card is None)
    page.start_over()
    tap(signed_in, device, "resident")
    assert page.panel.preview is not None and page.panel.preview.existing_worker_id == first
    assert visible(page.panel.open_button) and not page.save_button.isEnabled()
    page.panel.open_button.click()
    signed_in.wait_idle()
    assert window.pages.currentWidget() is window.worker
    assert window.worker.view is not None and window.worker.view.record.worker_id == first


@pytest.mark.expected_logs("terminal.ui.reader")
def test_reader_unplugged_then_back(signed_in: Running, device: VirtualSamReader) -> None:
    reader = signed_in.window.session.reader
    assert reader is not None
    device.set_fault(Fault.NEVER_ANSWERS)
    signed_in.qtbot.waitUntil(lambda: reader.status is ReaderStatus.FAULT, timeout=10_000)
    signed_in.qtbot.waitUntil(lambda: "故障" in signed_in.window.home.reader_state.text(), timeout=5_000)
    assert "没有应答" in signed_in.window.home.reader_state.text()
    device.set_fault(Fault.NONE)
    signed_in.qtbot.waitUntil(lambda: reader.status is ReaderStatus.WAITING, timeout=10_000)
    assert "就绪" in signed_in.window.home.reader_state.text()
    tap(signed_in, device, "resident")
    assert signed_in.window.register.panel.preview is not None


@pytest.mark.expected_logs("database_locked")
def test_database_locked_keeps_the_form(signed_in: Running, device: VirtualSamReader) -> None:
    page = signed_in.window.register
    tap(signed_in, device, "resident")
    fill_profile(page.form)
    other = Database.open(signed_in.terminal.home.db_path, keys.DEMO_KEY)
    try:
        other.conn.execute("BEGIN EXCLUSIVE")
        page.save_button.click()
        signed_in.qtbot.waitUntil(lambda: bool(open_dialogs("errorDialog")), timeout=15_000)
        assert "另一个程序" in open_dialogs("errorDialog")[0].text()
        assert page.worker_id is None and page.form.phone.text() == "13812345678"
        assert page.save_button.isEnabled()
    finally:
        other.conn.execute("ROLLBACK")
        other.close()
    close_dialogs()
    page.save_button.click()  # once the other program lets go, the same data saves
    signed_in.qtbot.waitUntil(lambda: page.worker_id is not None, timeout=10_000)


def test_an_old_foreigner_card_says_its_check_digit_was_not_verified(signed_in: Running, device: VirtualSamReader) -> None:
    signed_in.window.show_page(signed_in.window.register)
    page = signed_in.window.register
    tap(signed_in, device, "foreign_permanent")
    assert page.panel.refusal is None and "校验位未核验" in page.panel.values["id"].text()
    tap(signed_in, device, "resident")
    assert "校验位未核验" not in page.panel.values["id"].text()
