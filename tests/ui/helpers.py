"""Small helpers for the UI tests: find dialogs, fill the registration form, tap a virtual card."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from terminal.reader.virtual import VirtualSamReader
from terminal.ui.profile_form import ProfileForm
from tests.ui.conftest import Running


def open_dialogs(name: str) -> list[QMessageBox]:
    return [w for w in QApplication.topLevelWidgets()
            if isinstance(w, QMessageBox) and w.objectName() == name and w.isVisible()]  # fmt: skip


def close_dialogs() -> None:
    for widget in QApplication.topLevelWidgets():
        if isinstance(widget, QMessageBox) and widget.isVisible():
            widget.close()


def fill_profile(form: ProfileForm, phone: str = "13812345678") -> None:
    form.phone.setText(phone)
    form.address.setText("上海市长宁区天山路100弄5号301室")
    form.types.item(0).setCheckState(Qt.CheckState.Checked)
    form.consent.setChecked(True)
    form.commitment.setChecked(True)
    form.authorisation.setChecked(True)


def tap(running: Running, device: VirtualSamReader, label: str) -> None:
    """Place the card and wait until the registration page has checked it."""
    page = running.window.register
    before = (page.panel.preview, page.panel.refusal)
    device.insert(label)
    running.qtbot.waitUntil(lambda: (page.panel.preview, page.panel.refusal) != before, timeout=10_000)
    running.wait_idle()


def visible(widget: QWidget) -> bool:
    return widget.isVisibleTo(widget.window())
