"""The sign-in screen, also shown as the lock screen after the idle timeout. On a demo home it says so and
names the demo accounts, each a button that fills in its user name."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QLabel,
    QLineEdit,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from terminal.core.errors import AccountLocked, AuthenticationFailed
from terminal.core.roles import Role
from terminal.store.db import Database
from terminal.ui.feedback import FieldError, report_error
from terminal.ui.retranslate import Retranslating
from terminal.ui.session import Session
from terminal.usecases import operators
from terminal.usecases.context import Actor


class SignInScreen(Retranslating, QWidget):
    signed_in = Signal(object)  # Actor

    def __init__(self, session: Session, agency_name: str = "", parent: QWidget | None = None,
                 demo_accounts: tuple[tuple[str, str, Role], ...] = (), demo_password: str = "") -> None:
        super().__init__(parent)
        self.setObjectName("signInScreen")
        self._session = session
        self._locked = False
        self.title = QLabel()
        self.title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.title.setStyleSheet("font-size: 20pt; font-weight: bold;")
        self.title.setWordWrap(True)
        self.agency = QLabel(agency_name)
        self.agency.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.username = QLineEdit()
        self.username.setObjectName("username")
        self.password = QLineEdit()
        self.password.setObjectName("password")
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.error = FieldError()
        self.error.setObjectName("signInError")
        self.submit = QPushButton()
        self.submit.setObjectName("signInButton")
        self.submit.setDefault(True)
        self.submit.clicked.connect(self.attempt)
        self.password.returnPressed.connect(self.attempt)
        self.username.returnPressed.connect(self.password.setFocus)
        self.password.textEdited.connect(self.error.clear_on_edit)

        form = QFormLayout()
        self._user_label, self._password_label = QLabel(), QLabel()
        form.addRow(self._user_label, self.username)
        form.addRow(self._password_label, self.password)
        form.addRow("", self.error)
        box = QWidget()
        box.setMinimumWidth(420)
        box.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)  # its full height, never less
        box.setMaximumWidth(640)
        inner = QVBoxLayout(box)
        inner.addWidget(self.title)
        inner.addWidget(self.agency)
        inner.addLayout(form)
        inner.addWidget(self.submit)
        self.demo_accounts, self.demo_password = demo_accounts, demo_password
        self.demo_box = QGroupBox()
        self.demo_box.setObjectName("demoAccounts")
        self.demo_box.setStyleSheet("QGroupBox { font-weight: bold; color: #c62828; }")
        self.demo_note = QLabel()
        self.demo_note.setObjectName("demoNote")
        # Two lines broken by hand: a word-wrapped label in a group box is given too little height.
        demo_layout = QGridLayout(self.demo_box)
        demo_layout.addWidget(self.demo_note, 0, 0, 1, 2)
        self.demo_buttons: dict[str, QPushButton] = {}
        for i, (username, _name, _role) in enumerate(demo_accounts):
            button = self.demo_buttons[username] = QPushButton()
            button.setObjectName(f"demo_{username}")
            button.clicked.connect(lambda _checked=False, u=username: self.fill_demo(u))
            demo_layout.addWidget(button, 1 + i // 2, i % 2)
        self.demo_box.setVisible(bool(demo_accounts))
        inner.addWidget(self.demo_box)
        outer = QVBoxLayout(self)
        outer.addStretch(1)
        outer.addWidget(box, 0, Qt.AlignmentFlag.AlignHCenter)
        outer.addStretch(2)
        self.retranslate()

    def retranslate(self) -> None:
        self.title.setText(self.tr("已锁定，请重新登录") if self._locked else self.tr("上门服务证登记终端"))
        self._user_label.setText(self.tr("用户名"))
        self._password_label.setText(self.tr("密码"))
        self.submit.setText(self.tr("登录"))
        self.demo_box.setTitle(self.tr("演示系统"))
        self.demo_note.setText(self.tr("这是演示系统，人员和证件都是虚构的。\n点一个演示账号，密码均为 %1。")
                               .replace("%1", self.demo_password))  # fmt: skip
        lang = self._session.languages.lang
        for username, name, role in self.demo_accounts:
            self.demo_buttons[username].setText(f"{username} · {role.label(lang)}" if lang != "zh"
                                                else f"{username} · {name}（{role.label(lang)}）")  # fmt: skip

    def fill_demo(self, username: str) -> None:
        """A demo account's button: its name and the demo password filled in, ready to sign in."""
        self.username.setText(username)
        self.password.setText(self.demo_password)
        self.submit.setFocus()


    def reset(self, locked_user: str | None = None) -> None:
        """Show as the sign-in (no user) or as the lock screen of `locked_user`."""
        self._locked = locked_user is not None
        self.username.setText(locked_user or "")
        self.password.clear()
        self.error.clear_error()
        self.submit.setEnabled(True)
        self.retranslate()
        (self.password if locked_user else self.username).setFocus()

    def attempt(self) -> None:
        if not self.submit.isEnabled():
            return
        username, password = self.username.text(), self.password.text()
        self.submit.setEnabled(False)

        def op(db: Database) -> Actor:
            return operators.sign_in(db, username, password)

        self._session.run(op, self._succeeded, self._failed)

    def _succeeded(self, actor: Actor) -> None:
        self.password.clear()
        self.submit.setEnabled(True)
        self.signed_in.emit(actor)

    def _failed(self, error: BaseException) -> None:
        self.submit.setEnabled(True)
        self.password.clear()
        if isinstance(error, AuthenticationFailed | AccountLocked):
            self.error.show_error(error)
            self.password.setFocus()
            return
        report_error(self, error)
