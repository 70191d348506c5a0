"""A small non-modal form dialog shared by the lifecycle, training and service-record screens: rows of
fields, OK/Cancel, and a message line for what the database thread refused. The dialog stays open until
the work succeeded, so nothing typed is lost on a refusal."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFormLayout, QLabel, QVBoxLayout, QWidget

from terminal.core.errors import TerminalError
from terminal.ui.feedback import FieldError, report_error


class FormDialog(QDialog):
    def __init__(self, name: str, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(name)
        self.setWindowTitle(title)
        self.form = QFormLayout()
        self.error = FieldError()
        self.error.setObjectName("formError")
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.submit)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(self.form)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        self.on_submit: Callable[[], None] | None = None

    def add_row(self, caption: str, widget: QWidget) -> QWidget:
        self.form.addRow(QLabel(caption), widget)
        return widget

    def submit(self) -> None:
        self.error.clear_error()
        if self.on_submit is not None:
            self.on_submit()

    def refused(self, error: BaseException) -> None:
        """A typed refusal stays in the dialog beside the fields; anything else is a bug for the crash handler."""
        if isinstance(error, TerminalError):
            self.error.show_error(error)
        else:
            report_error(self, error)

    def done_ok(self, _result: object = None) -> None:
        self.accept()
