"""Administrators manage operators on their own screen; other roles never see it; everyone can change their own
password. Every change is the audited use case's."""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QLineEdit

from terminal.core.roles import Role
from terminal.store.db import Database
from terminal.usecases import demo
from tests.ui.conftest import Running
from tests.ui.helpers import child


def _fill(dialog: object, **values: str) -> None:
    for name, value in values.items():
        field = dialog.findChild(QLineEdit, name)  # type: ignore[attr-defined]
        assert field is not None, name
        field.setText(value)


def _audit(running: Running, action: str) -> list[tuple[str, str]]:
    def read(db: Database) -> list[tuple[str, str]]:
        rows = db.query("SELECT operator, entity_uid FROM audit_log WHERE action = ? ORDER BY seq", (action,))
        return [(r["operator"], r["entity_uid"]) for r in rows]

    return running.terminal.db.call(read)


def test_only_administrators_see_operator_management(running: Running) -> None:
    running.sign_in("dengji")
    window = running.window
    assert not window.menu_actions["operators"].isVisible()
    assert window.menu_actions["change_password"].isVisible()
    window.show_page(window.operators)
    assert window.pages.currentWidget() is not window.operators


def test_add_disable_and_reset_an_operator(running: Running) -> None:
    running.sign_in("admin")
    window, qtbot = running.window, running.qtbot
    page = window.operators
    assert window.menu_actions["operators"].isVisible()
    window.show_page(page)
    qtbot.waitUntil(lambda: len(page.rows) == len(demo.DEMO_OPERATORS), timeout=10_000)

    page.add_button.click()
    dialog = page.dialog
    assert dialog is not None
    _fill(dialog, username="xiaoli", displayName="小李", password="xiaoli-pass-1", passwordAgain="xiaoli-pass-2")
    role = child(dialog, QComboBox, "role")
    role.setCurrentIndex(role.findData(Role.CLERK.value))
    dialog.submit()
    assert "differ" in dialog.error.text() or "不一致" in dialog.error.text()  # refused in the dialog, kept open
    _fill(dialog, passwordAgain="xiaoli-pass-1")
    dialog.submit()
    qtbot.waitUntil(lambda: any(o.username == "xiaoli" for o in page.rows), timeout=10_000)
    assert _audit(running, "operator.created")[-1] == ("admin", "xiaoli")

    page.table.selectRow([o.username for o in page.rows].index("xiaoli"))
    page.toggle_button.click()
    qtbot.waitUntil(lambda: not next(o for o in page.rows if o.username == "xiaoli").active, timeout=10_000)
    assert _audit(running, "operator.disabled") == [("admin", "xiaoli")]

    page.table.selectRow([o.username for o in page.rows].index("xiaoli"))
    page.reset_button.click()
    reset = page.dialog
    assert reset is not None and reset is not dialog
    _fill(reset, password="short", passwordAgain="short")
    reset.submit()
    qtbot.waitUntil(lambda: bool(reset.error.text()), timeout=10_000)  # too weak: the use case refused it
    _fill(reset, password="xiaoli-pass-9", passwordAgain="xiaoli-pass-9")
    reset.submit()
    qtbot.waitUntil(lambda: _audit(running, "operator.password_reset") == [("admin", "xiaoli")], timeout=10_000)


def test_an_operator_changes_their_own_password(running: Running) -> None:
    running.sign_in("dengji")
    window, qtbot = running.window, running.qtbot
    window.menu_actions["change_password"].trigger()
    dialog = window.password_dialog
    assert dialog is not None
    _fill(dialog, currentPassword=demo.DEMO_PASSWORD, password="dengji-new-1", passwordAgain="dengji-new-1")
    dialog.submit()
    qtbot.waitUntil(lambda: _audit(running, "operator.password_changed") == [("dengji", "dengji")], timeout=10_000)
    window.sign_out()
    running.sign_in("dengji", "dengji-new-1")
