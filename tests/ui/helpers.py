"""Small helpers for the UI tests: find dialogs, fill the registration form, tap a virtual card."""

from __future__ import annotations

from typing import TypeVar

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QApplication, QMessageBox, QTableWidget, QWidget

from terminal.reader.virtual import VirtualSamReader
from terminal.ui.profile_form import ProfileForm
from tests.ui.conftest import Running

W = TypeVar("W", bound=QObject)


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
    form.chips["cleaning"].setChecked(True)
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


def cell(table: QTableWidget | None, row: int, column: int) -> str:
    """The text of a table cell; a missing table or cell fails the test here instead of as an AttributeError."""
    assert table is not None
    item = table.item(row, column)
    assert item is not None, f"no cell ({row}, {column})"
    return item.text()


def child(parent: QObject | None, kind: type[W], name: str) -> W:
    """A named child widget of a dialog or page, which must be there."""
    assert parent is not None
    found = parent.findChild(kind, name)
    assert found is not None, f"no {kind.__name__} named {name}"
    return found


def header(table: QTableWidget | None, column: int) -> str:
    assert table is not None
    item = table.horizontalHeaderItem(column)
    assert item is not None, f"no header {column}"
    return item.text()


def raw_column(table: QTableWidget | None, key: str) -> list[object]:
    """The stored values of a worker-page column, found by its key (the headings are words in the UI's language)."""
    from terminal.ui import history

    assert table is not None
    c = history.column_of(table, key)
    assert c >= 0, f"no column {key}"
    return [table.item(r, c).data(history.RAW) for r in range(table.rowCount())]  # type: ignore[union-attr]
