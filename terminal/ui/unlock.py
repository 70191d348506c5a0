"""Ask for the recovery key when the database key is not available on this PC (new PC, reset key store)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QLineEdit, QVBoxLayout, QWidget

from terminal.core.errors import WrongKey
from terminal.store.db import Database
from terminal.store.home import Home
from terminal.ui.feedback import FieldError, report_error
from terminal.ui.tasks import TaskThread


class RecoveryKeyDialog(QDialog):
    """Opens the home with the typed recovery key on the database thread; stays open on a wrong key."""

    def __init__(self, home: Home, db: TaskThread[Database], on_open: Callable[[Database], None],
                 parent: QWidget | None = None) -> None:  # fmt: skip
        super().__init__(parent)
        self.setObjectName("recoveryKeyDialog")
        self.setWindowTitle(self.tr("输入恢复密钥"))
        self._home, self._db, self._on_open = home, db, on_open
        self.explain = QLabel(self.tr("本机找不到解锁数据库的密钥。请输入初始化时抄写的恢复密钥（32位，可含短横线）。"))
        self.explain.setWordWrap(True)
        self.key = QLineEdit()
        self.key.setObjectName("recoveryKey")
        self.key.setPlaceholderText("XXXX-XXXX-XXXX-XXXX-XXXX-XXXX-XXXX-XXXX")
        self.error = FieldError()
        self.error.setObjectName("recoveryKeyError")
        self.key.textEdited.connect(self.error.clear_on_edit)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.try_key)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        for widget in (self.explain, self.key, self.error, self.buttons):
            layout.addWidget(widget)

    def try_key(self) -> None:
        text = self.key.text()
        self.buttons.setEnabled(False)
        home = self._home

        def op(_db: Database | None) -> Database:
            db = home.open(recovery_key=text)
            self._db.replace_resource(db)  # opened on this thread, used only here from now on
            return db

        self._db.submit(op, self._opened, self._failed)

    def _opened(self, db: Database) -> None:
        self.accept()
        self._on_open(db)

    def _failed(self, error: BaseException) -> None:
        self.buttons.setEnabled(True)
        if isinstance(error, WrongKey):
            self.error.show_error(error)
            self.key.selectAll()
            self.key.setFocus()
            return
        report_error(self, error)
