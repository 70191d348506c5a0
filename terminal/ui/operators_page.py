"""Operators (administrators only): the list with role, state and last sign-in; add an operator, disable or
enable one, reset a forgotten password. Every change goes through terminal/usecases/operators.py, which checks
the administrator's sign-in and role and writes the audit entry. Changing one's own password is offered to every
operator from the main window (`ChangePasswordDialog`)."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from terminal.core.errors import InvalidInput
from terminal.core.roles import Action, Role
from terminal.store.db import Database
from terminal.ui.form_dialog import FormDialog
from terminal.ui.i18n import ui_lang
from terminal.ui.retranslate import Retranslating
from terminal.ui.session import Session
from terminal.usecases import operators

STAFF_ROLES = (Role.CLERK, Role.TRAINER, Role.SUPERVISOR, Role.ADMINISTRATOR)


def _password_field(name: str) -> QLineEdit:
    field = QLineEdit()
    field.setObjectName(name)
    field.setEchoMode(QLineEdit.EchoMode.Password)
    return field


def _same_twice(first: QLineEdit, second: QLineEdit) -> str:
    if first.text() != second.text():
        raise InvalidInput(field="两次输入的密码不一致 / the two passwords differ")
    return first.text()


class OperatorsPage(Retranslating, QWidget):
    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("operatorsPage")
        self._session = session
        self.rows: list[operators.Operator] = []
        self.dialog: FormDialog | None = None
        self.table = QTableWidget(0, 5)
        self.table.setObjectName("operatorsTable")
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
        self.table.itemSelectionChanged.connect(self._selection_changed)
        self.add_button, self.toggle_button, self.reset_button = QPushButton(), QPushButton(), QPushButton()
        self.add_button.setObjectName("addOperator")
        self.toggle_button.setObjectName("toggleOperator")
        self.reset_button.setObjectName("resetPassword")
        self.add_button.clicked.connect(self.add)
        self.toggle_button.clicked.connect(self.toggle)
        self.reset_button.clicked.connect(self.reset_password)
        buttons = QHBoxLayout()
        for button in (self.add_button, self.toggle_button, self.reset_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)
        self.retranslate()

    def retranslate(self) -> None:
        self.table.setHorizontalHeaderLabels([self.tr("用户名"), self.tr("姓名"), self.tr("角色"), self.tr("状态"),
                                              self.tr("最近登录")])  # fmt: skip
        self.add_button.setText(self.tr("添加操作员"))
        self.reset_button.setText(self.tr("重置密码"))
        self._show()

    def showEvent(self, event: object) -> None:
        self.refresh()
        super().showEvent(event)  # type: ignore[arg-type]

    def refresh(self) -> None:
        actor = self._session.actor
        if actor is None or not self._session.may(Action.MANAGE_OPERATORS):
            return  # only an administrator ever sees this page (the main window hides it from others)
        self._session.run(lambda db: operators.list_operators(db, actor), self._loaded)

    def _loaded(self, rows: list[operators.Operator]) -> None:
        self.rows = rows
        self._show()

    def _show(self) -> None:
        self.table.setRowCount(len(self.rows))
        for row, op in enumerate(self.rows):
            state = self.tr("启用") if op.active else self.tr("停用")
            if op.locked_until:
                state += " " + self.tr("（锁定至 %1）").replace("%1", op.locked_until[:16].replace("T", " "))
            values = (op.username, op.display_name, op.role.label(ui_lang()), state, (op.last_login_at or "—")[:16].replace("T", " "))
            for col, value in enumerate(values):
                self.table.setItem(row, col, QTableWidgetItem(value))
        self._selection_changed()

    def _selected(self) -> operators.Operator | None:
        row = self.table.currentRow()
        return self.rows[row] if 0 <= row < len(self.rows) else None

    def _selection_changed(self) -> None:
        chosen = self._selected()
        self.toggle_button.setEnabled(chosen is not None)
        self.reset_button.setEnabled(chosen is not None)
        self.toggle_button.setText(self.tr("启用") if chosen is not None and not chosen.active else self.tr("停用"))

    def _changed(self, dialog: FormDialog | None = None) -> None:
        if dialog is not None:
            dialog.done_ok()
        self.refresh()

    def add(self) -> None:
        dialog = self.dialog = FormDialog("addOperatorDialog", self.tr("添加操作员"), self)
        username, name = QLineEdit(), QLineEdit()
        username.setObjectName("username")
        name.setObjectName("displayName")
        role = QComboBox()
        role.setObjectName("role")
        for r in STAFF_ROLES:
            role.addItem(r.label(ui_lang()), r.value)
        password, again = _password_field("password"), _password_field("passwordAgain")
        dialog.add_row(self.tr("用户名"), username)
        dialog.add_row(self.tr("姓名"), name)
        dialog.add_row(self.tr("角色"), role)
        dialog.add_row(self.tr("初始密码"), password)
        dialog.add_row(self.tr("再次输入"), again)
        actor = self._session.require_actor()

        def submit() -> None:
            try:
                secret = _same_twice(password, again)
            except InvalidInput as error:
                dialog.refused(error)
                return
            values = (username.text(), name.text(), Role(role.currentData()), secret)

            def op(db: Database) -> None:
                operators.create_operator(db, actor, values[0], values[1], values[2], values[3])

            self._session.run(op, lambda _none: self._changed(dialog), dialog.refused)

        dialog.on_submit = submit
        dialog.open()

    def toggle(self) -> None:
        chosen = self._selected()
        if chosen is None:
            return
        actor, username, active = self._session.require_actor(), chosen.username, not chosen.active
        self._session.run(lambda db: operators.set_active(db, actor, username, active), lambda _none: self._changed())

    def reset_password(self) -> None:
        chosen = self._selected()
        if chosen is None:
            return
        title = self.tr("重置密码：%1").replace("%1", chosen.username)
        dialog = self.dialog = FormDialog("resetPasswordDialog", title, self)
        password, again = _password_field("password"), _password_field("passwordAgain")
        dialog.add_row(self.tr("新密码"), password)
        dialog.add_row(self.tr("再次输入"), again)
        actor, username = self._session.require_actor(), chosen.username

        def submit() -> None:
            try:
                secret = _same_twice(password, again)
            except InvalidInput as error:
                dialog.refused(error)
                return
            self._session.run(lambda db: operators.reset_password(db, actor, username, secret),
                              lambda _none: self._changed(dialog), dialog.refused)  # fmt: skip

        dialog.on_submit = submit
        dialog.open()


class ChangePasswordDialog(FormDialog):
    """Any operator changes their own password (the current one is proven again)."""

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__("changePasswordDialog", "", parent)
        self.setWindowTitle(self.tr("修改我的密码"))
        self._session = session
        self.current = _password_field("currentPassword")
        self.password, self.again = _password_field("password"), _password_field("passwordAgain")
        self.add_row(self.tr("当前密码"), self.current)
        self.add_row(self.tr("新密码"), self.password)
        self.add_row(self.tr("再次输入"), self.again)
        self.on_submit = self._submit

    def _submit(self) -> None:
        try:
            secret = _same_twice(self.password, self.again)
        except InvalidInput as error:
            self.refused(error)
            return
        actor, current = self._session.require_actor(), self.current.text()
        self._session.run(lambda db: operators.change_password(db, actor, current, secret), self.done_ok, self.refused)
