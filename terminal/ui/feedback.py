"""How messages and errors reach the operator: the message sink, the error dialog, field errors.

Typed errors (TerminalError) become a clear message in the operator's language and a log line through
terminal.core.messages; anything else is a bug and goes to the crash handler (sys.excepthook)."""

from __future__ import annotations

import sys

from PySide6.QtCore import QCoreApplication, QObject, Signal, Slot
from PySide6.QtWidgets import QLabel, QMessageBox, QWidget

from terminal.core import messages
from terminal.core.errors import TerminalError
from terminal.ui.i18n import ui_lang


class MessageBridge(QObject):
    """A messages sink that may be called from any thread; `shown` fires in the UI thread."""

    shown = Signal(object)  # messages.Message

    def __init__(self) -> None:
        super().__init__()
        messages.add_sink(self._sink)

    def _sink(self, message: messages.Message) -> None:
        self.shown.emit(message)

    def close(self) -> None:
        messages.remove_sink(self._sink)


_open_dialogs: set[QMessageBox] = set()


def show_dialog(box: QMessageBox) -> None:
    """Open a non-modal message box; a parentless one is kept referenced until it is closed."""
    _open_dialogs.add(box)
    box.finished.connect(lambda _result: _open_dialogs.discard(box))
    box.open()


def report_error(parent: QWidget | None, error: BaseException) -> None:
    """The default failure handler of background work."""
    if not isinstance(error, TerminalError):
        sys.excepthook(type(error), error, error.__traceback__)
        return
    messages.tell_error(error)
    title = QCoreApplication.translate("feedback", "出错了")
    box = QMessageBox(QMessageBox.Icon.Warning, title, error.message(ui_lang()), QMessageBox.StandardButton.Ok, parent)
    box.setObjectName("errorDialog")
    show_dialog(box)


class FieldError(QLabel):
    """A red message shown beside the field it is about; hidden while there is nothing to say."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setStyleSheet("color: #b00020;")
        self.setWordWrap(True)
        self.hide()

    def show_error(self, error: TerminalError | str) -> None:
        self.setText(error.message(ui_lang()) if isinstance(error, TerminalError) else error)
        self.show()

    def clear_error(self) -> None:
        self.clear()
        self.hide()

    @Slot()
    def clear_on_edit(self) -> None:
        self.clear_error()
